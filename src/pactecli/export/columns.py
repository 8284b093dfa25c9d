"""The export's tables as data: names, columns, keys and references, stated once.

Every format reads these specifications: the CSV writer and its Table Schemas, the workbook's
sheets and number formats, the SQLite tables with their keys, foreign keys and indexes, the JSON
export and its JSON Schema, and `pacte query --tables`. Column names are stable ASCII ids (other
tools and other départements rely on them); titles and descriptions are what users read, in
French. Every table starts with `departement` and carries the record ids, so that exports of
several départements concatenate without collision.

Deliberately one long list of declarations (~420 lines): one place to read the export's
contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ColumnKind(StrEnum):
    TEXT = "texte"
    INTEGER = "entier"
    YEAR = "annee"
    MONEY = "euros"
    NUMBER = "nombre"
    DATE = "date"
    BOOLEAN = "booleen"


TEXT, INTEGER, YEAR = ColumnKind.TEXT, ColumnKind.INTEGER, ColumnKind.YEAR
MONEY, NUMBER, DATE, BOOLEAN = (
    ColumnKind.MONEY,
    ColumnKind.NUMBER,
    ColumnKind.DATE,
    ColumnKind.BOOLEAN,
)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: ColumnKind
    title: str
    required: bool = False
    """Never empty in the export of a pact without errors."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A foreign key: `columns` of this table name a row of `table` by its `target` columns
    (within one export, whose rows all belong to the same département)."""

    columns: tuple[str, ...]
    table: str
    target: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    title: str
    """French, at most 31 characters: the sheet's name in the workbook."""
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    """The record ids that name a row within one département's export (with `departement`,
    across départements)."""
    references: tuple[Reference, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def position(self, name: str) -> int:
        return self.names.index(name)


DEPARTEMENT = Column("departement", TEXT, "Code du département", required=True)


def _ref(columns: str, table: str, target: str | None = None) -> Reference:
    """`_ref("pilote", "partenaires", "partenaire")`: a column naming another table's row."""
    return Reference((columns,), table, (target or columns,))


def _table(
    name: str,
    title: str,
    description: str,
    columns: list[Column],
    key: tuple[str, ...] = (),
    references: tuple[Reference, ...] = (),
) -> TableSpec:
    return TableSpec(name, title, description, (DEPARTEMENT, *columns), key, references)


AXES = _table(
    "axes",
    "Axes",
    "Les axes stratégiques du pacte, dans leur ordre d'affichage.",
    [
        Column("axe", TEXT, "Identifiant de l'axe", required=True),
        Column("numero", INTEGER, "Numéro de l'axe"),
        Column("titre", TEXT, "Intitulé national", required=True),
        Column("titre_local", TEXT, "Intitulé local"),
    ],
    key=("axe",),
)
CONVENTIONS = _table(
    "conventions",
    "Conventions",
    "Les conventions du pacte (CLS, CDIE, convention partenariale…).",
    [
        Column("convention", TEXT, "Identifiant de la convention", required=True),
        Column("type", TEXT, "Type (CLS, CDIE, partenariale, autre)"),
        Column("titre", TEXT, "Titre", required=True),
        Column("date_signature", DATE, "Date de signature"),
        Column("debut", DATE, "Début de la période"),
        Column("fin", DATE, "Fin de la période"),
        Column("cofinanceur_1", TEXT, "Premier cofinanceur à parts égales"),
        Column("cofinanceur_2", TEXT, "Second cofinanceur à parts égales"),
        Column("cofinancement_echelle", TEXT, "Échelle de la parité (action ou convention)"),
        Column("cofinancement_tolerance", MONEY, "Écart toléré entre cofinanceurs"),
    ],
    key=("convention",),
    references=(
        _ref("cofinanceur_1", "partenaires", "partenaire"),
        _ref("cofinanceur_2", "partenaires", "partenaire"),
    ),
)
OBJECTIFS = _table(
    "objectifs",
    "Objectifs",
    "Les objectifs des conventions, chacun rattaché à un axe.",
    [
        Column("objectif", TEXT, "Identifiant de l'objectif", required=True),
        Column("convention", TEXT, "Convention", required=True),
        Column("titre", TEXT, "Intitulé", required=True),
        Column("axe", TEXT, "Axe"),
    ],
    key=("objectif",),
    references=(_ref("convention", "conventions"), _ref("axe", "axes")),
)
AVENANTS = _table(
    "avenants",
    "Avenants",
    "Les avenants des conventions.",
    [
        Column("convention", TEXT, "Convention", required=True),
        Column("numero", INTEGER, "Numéro de l'avenant", required=True),
        Column("date", DATE, "Date de l'avenant"),
        Column("objet", TEXT, "Objet"),
    ],
    key=("convention", "numero"),
    references=(_ref("convention", "conventions"),),
)
PLAFONDS = _table(
    "plafonds",
    "Plafonds",
    "Plafond annuel de l'argent d'un financeur pour les actions d'une convention.",
    [
        Column("convention", TEXT, "Convention", required=True),
        Column("financeur", TEXT, "Financeur", required=True),
        Column("plafond", MONEY, "Plafond annuel (€)", required=True),
    ],
    key=("convention", "financeur"),
    references=(
        _ref("convention", "conventions"),
        _ref("financeur", "partenaires", "partenaire"),
    ),
)
ENGAGEMENTS = _table(
    "engagements",
    "Engagements",
    "Montants signés dans l'annexe financière d'une convention (avenants compris), par "
    "financeur et par année, face à ce que ses contributions engagent et ont versé.",
    [
        Column("convention", TEXT, "Convention", required=True),
        Column("financeur", TEXT, "Financeur", required=True),
        Column("annee", YEAR, "Année", required=True),
        Column("montant_annexe", MONEY, "Montant signé dans l'annexe (€)", required=True),
        Column("engage", MONEY, "Engagé par ses contributions (€)", required=True),
        Column("verse", MONEY, "Versé (€)", required=True),
    ],
    key=("convention", "financeur", "annee"),
    references=(
        _ref("convention", "conventions"),
        _ref("financeur", "partenaires", "partenaire"),
    ),
)
PARTENAIRES = _table(
    "partenaires",
    "Partenaires",
    "Les partenaires du pacte : institutions, collectivités, associations, entreprises.",
    [
        Column("partenaire", TEXT, "Identifiant du partenaire", required=True),
        Column("nom", TEXT, "Nom", required=True),
        Column("sigle", TEXT, "Sigle"),
        Column("categorie", TEXT, "Catégorie"),
        Column("siret", TEXT, "SIRET"),
        Column("rna", TEXT, "Numéro RNA"),
        Column("signataire_pacte", BOOLEAN, "Signataire du pacte local"),
        Column("date_adhesion", DATE, "Date d'adhésion"),
    ],
    key=("partenaire",),
)
ACTIONS = _table(
    "actions",
    "Actions",
    "Les fiches actions, avec leur convention, leur objectif et leur axe.",
    [
        Column("action", TEXT, "Identifiant de l'action", required=True),
        Column("convention", TEXT, "Convention", required=True),
        Column("objectif", TEXT, "Objectif"),
        Column("axe", TEXT, "Axe"),
        Column("titre", TEXT, "Titre", required=True),
        Column("nature", TEXT, "Nature (nouvelle ou renforcee)"),
        Column("pilote", TEXT, "Pilote"),
        Column("statut", TEXT, "Statut écrit"),
        Column("en_retard", BOOLEAN, "En retard à la date de situation", required=True),
        Column("debut", DATE, "Début du calendrier"),
        Column("fin", DATE, "Fin du calendrier"),
        Column("public_cible", TEXT, "Public cible"),
        Column("territoire", TEXT, "Territoire"),
        Column("motif", TEXT, "Motif (action suspendue ou abandonnée)"),
        Column("description", TEXT, "Description"),
    ],
    key=("action",),
    references=(
        _ref("convention", "conventions"),
        _ref("objectif", "objectifs"),
        _ref("axe", "axes"),
        _ref("pilote", "partenaires", "partenaire"),
    ),
)
SIGNATAIRES = _table(
    "signataires",
    "Signataires",
    "Les partenaires qui signent chaque convention.",
    [
        Column("convention", TEXT, "Convention", required=True),
        Column("partenaire", TEXT, "Partenaire signataire", required=True),
    ],
    key=("convention", "partenaire"),
    references=(_ref("convention", "conventions"), _ref("partenaire", "partenaires")),
)
INTERVENANTS = _table(
    "intervenants",
    "Intervenants",
    "Qui mène chaque action (pilote) et qui y prend part (partenaire).",
    [
        Column("action", TEXT, "Action", required=True),
        Column("partenaire", TEXT, "Partenaire", required=True),
        Column("role", TEXT, "Rôle (pilote ou partenaire)", required=True),
    ],
    key=("action", "partenaire", "role"),
    references=(_ref("action", "actions"), _ref("partenaire", "partenaires")),
)
BUDGETS = _table(
    "budgets",
    "Budgets",
    "Coût prévu de chaque action, par année.",
    [
        Column("action", TEXT, "Action", required=True),
        Column("convention", TEXT, "Convention", required=True),
        Column("annee", YEAR, "Année", required=True),
        Column("budget", MONEY, "Budget prévu (€)", required=True),
    ],
    key=("action", "annee"),
    references=(_ref("action", "actions"), _ref("convention", "conventions")),
)
DEPENSES = _table(
    "depenses",
    "Dépenses",
    "Ce que chaque action a réellement coûté (dépensé, déclaré par son pilote), par année.",
    [
        Column("action", TEXT, "Action", required=True),
        Column("convention", TEXT, "Convention", required=True),
        Column("annee", YEAR, "Année", required=True),
        Column("depense", MONEY, "Dépensé (€)", required=True),
    ],
    key=("action", "annee"),
    references=(_ref("action", "actions"), _ref("convention", "conventions")),
)
FINANCEMENTS = _table(
    "financements",
    "Financements",
    "L'argent de chaque contribution financière, par année : engagé (montants) et versé "
    "(versements qui honorent cette année). Sans action : argent donné à la convention "
    "dans son ensemble.",
    [
        Column("action", TEXT, "Action (vide : la convention dans son ensemble)"),
        Column("convention", TEXT, "Convention", required=True),
        Column("objectif", TEXT, "Objectif"),
        Column("axe", TEXT, "Axe"),
        Column("financeur", TEXT, "Financeur", required=True),
        Column("contribution", INTEGER, "Rang de la contribution chez le financeur", required=True),
        Column("annee", YEAR, "Année", required=True),
        Column("engage", MONEY, "Engagé (€)", required=True),
        Column("verse", MONEY, "Versé (€)", required=True),
    ],
    key=("financeur", "contribution", "annee"),
    references=(
        _ref("action", "actions"),
        _ref("convention", "conventions"),
        _ref("financeur", "partenaires", "partenaire"),
        Reference(("financeur", "contribution"), "contributions", ("partenaire", "contribution")),
    ),
)
CONTRIBUTIONS = _table(
    "contributions",
    "Contributions",
    "Tout ce qu'engage chaque partenaire : argent, personnel, moyens matériels, ingénierie.",
    [
        Column("partenaire", TEXT, "Partenaire", required=True),
        Column(
            "contribution", INTEGER, "Rang de la contribution chez le partenaire", required=True
        ),
        Column("action", TEXT, "Action (vide : la convention dans son ensemble)"),
        Column("convention", TEXT, "Convention", required=True),
        Column(
            "nature", TEXT, "Nature (financiere, humaine, materielle, ingenierie)", required=True
        ),
        Column("etp", NUMBER, "Équivalents temps plein"),
        Column("description", TEXT, "Description"),
        Column("beneficiaire", TEXT, "Bénéficiaire de l'argent (par défaut : le pilote)"),
        Column("date_convention", DATE, "Date de la convention de financement"),
        Column("reference_decision", TEXT, "Référence de la décision d'attribution"),
        Column("notification_ue", BOOLEAN, "Aide notifiée à la Commission européenne"),
    ],
    key=("partenaire", "contribution"),
    references=(
        _ref("partenaire", "partenaires"),
        _ref("action", "actions"),
        _ref("convention", "conventions"),
        _ref("beneficiaire", "partenaires", "partenaire"),
    ),
)
VERSEMENTS = _table(
    "versements",
    "Versements",
    "Les versements réellement effectués, avec l'année des montants qu'ils honorent.",
    [
        Column("financeur", TEXT, "Financeur", required=True),
        Column("contribution", INTEGER, "Rang de la contribution chez le financeur", required=True),
        Column("versement", INTEGER, "Rang du versement dans la contribution", required=True),
        Column("action", TEXT, "Action (vide : la convention dans son ensemble)"),
        Column("convention", TEXT, "Convention", required=True),
        Column("date", DATE, "Date du versement", required=True),
        Column("annee", YEAR, "Année honorée", required=True),
        Column("montant", MONEY, "Montant versé (€)", required=True),
    ],
    key=("financeur", "contribution", "versement"),
    references=(
        Reference(("financeur", "contribution"), "contributions", ("partenaire", "contribution")),
        _ref("action", "actions"),
        _ref("convention", "conventions"),
    ),
)
INDICATEURS = _table(
    "indicateurs",
    "Indicateurs",
    "Cibles et valeurs réalisées des indicateurs de chaque action, par année.",
    [
        Column("action", TEXT, "Action", required=True),
        Column("indicateur", TEXT, "Identifiant de l'indicateur", required=True),
        Column("annee", YEAR, "Année", required=True),
        Column("cible", NUMBER, "Cible"),
        Column("realise", NUMBER, "Réalisé"),
        Column("unite", TEXT, "Unité"),
        Column("sens", TEXT, "Sens du progrès (hausse ou baisse)", required=True),
        Column("libelle", TEXT, "Libellé", required=True),
        Column("reference_annee", YEAR, "Année de la valeur de référence"),
        Column("reference_valeur", NUMBER, "Valeur de référence"),
        Column("source", TEXT, "Source"),
    ],
    key=("action", "indicateur", "annee"),
    references=(_ref("action", "actions"),),
)
PROBLEMES = _table(
    "problemes",
    "Problèmes",
    "Les problèmes trouvés par la validation : avec --force, ce qui manque ou est douteux "
    "dans cet export.",
    [
        Column("gravite", TEXT, "Gravité (erreur, avertissement, info)", required=True),
        Column("code", TEXT, "Code du problème", required=True),
        Column("fichier", TEXT, "Fichier", required=True),
        Column("ligne", INTEGER, "Ligne", required=True),
        Column("colonne", INTEGER, "Colonne", required=True),
        Column("message", TEXT, "Message", required=True),
        Column("aide", TEXT, "Aide"),
    ],
)
METADONNEES = _table(
    "metadonnees",
    "Métadonnées",
    "D'où vient cet export : territoire, date de situation, filtres, version de pacte.",
    [
        Column("cle", TEXT, "Clé", required=True),
        Column("valeur", TEXT, "Valeur"),
    ],
    key=("cle",),
)

#: In the order of the workbook's sheets and of the data package's resources.
TABLES: tuple[TableSpec, ...] = (
    ACTIONS,
    FINANCEMENTS,
    BUDGETS,
    DEPENSES,
    INDICATEURS,
    CONTRIBUTIONS,
    VERSEMENTS,
    ENGAGEMENTS,
    PARTENAIRES,
    CONVENTIONS,
    OBJECTIFS,
    AXES,
    AVENANTS,
    PLAFONDS,
    SIGNATAIRES,
    INTERVENANTS,
    PROBLEMES,
    METADONNEES,
)
BY_NAME = {spec.name: spec for spec in TABLES}
