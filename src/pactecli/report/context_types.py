"""The types of the context every `pacte report` template receives.

Frozen dataclasses with French field names (the template authors are the territory's staff),
plain data only: templates may read every public attribute freely, which lets the sandbox skip
its checks for them (see `render.roadmap.templating`). Values stay typed: amounts are `Decimal`,
dates `datetime.date` (or None when unknown in a report forced over errors); templates format
them with the `euros`, `date`, `mois`, `nombre` and `pourcent` filters. The README lists every
variable; keep it in step.

Over 400 lines on purpose: declarations only, the one page a template author reads to
know every variable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from pactecli.load.git import Provenance


@dataclass(frozen=True, slots=True)
class Filtre:
    nom: str
    valeur: str


@dataclass(frozen=True, slots=True)
class Probleme:
    gravite: str
    code: str
    fichier: str
    ligne: int
    message: str


@dataclass(frozen=True, slots=True)
class Partenaire:
    id: str
    nom: str
    sigle: str | None
    libelle: str


@dataclass(frozen=True, slots=True)
class ActionRef:
    id: str
    titre: str
    convention: str


@dataclass(frozen=True, slots=True)
class Ligne:
    """One row of a table of money: a label, one amount per year, and the row total."""

    libelle: str
    montants: tuple[Decimal, ...]
    total: Decimal


@dataclass(frozen=True, slots=True)
class LigneDepense:
    """What was spent, one amount per year; None where the year's spending is not declared."""

    libelle: str
    montants: tuple[Decimal | None, ...]
    total: Decimal | None


@dataclass(frozen=True, slots=True)
class TableauFinancement:
    annees: tuple[int, ...]
    lignes: tuple[Ligne, ...]
    totaux: Ligne
    budget: Ligne
    ecart: Ligne
    """Budget minus money committed: what remains to fund (negative: more than the budget)."""
    verse: Ligne
    """Paid by every funder, counted in the year each payment honours."""
    depense: LigneDepense
    """Spent (the actions' `depenses`)."""


@dataclass(frozen=True, slots=True)
class IndicateurAnnee:
    annee: int
    cible: Decimal | None
    realise: Decimal | None
    atteinte: Decimal | None
    passee: bool


@dataclass(frozen=True, slots=True)
class Indicateur:
    id: str
    libelle: str
    unite: str
    sens: str
    sens_libelle: str
    reference_annee: int | None
    reference_valeur: Decimal | None
    source: str | None
    annees: tuple[IndicateurAnnee, ...]
    derniere: IndicateurAnnee | None
    """The latest year with both a target and an actual (for a progress bar)."""


@dataclass(frozen=True, slots=True)
class ActionVue:
    id: str
    titre: str
    convention: str
    objectif: str | None
    nature: str | None
    nature_libelle: str | None
    description: str | None
    public_cible: str | None
    territoire: str | None
    pilote: Partenaire
    partenaires: tuple[Partenaire, ...]
    debut: dt.date | None
    fin: dt.date | None
    statut: str
    statut_libelle: str
    en_retard: bool
    motif: str | None
    """Why a suspended or abandoned action stops."""
    financement: TableauFinancement
    indicateurs: tuple[Indicateur, ...]


@dataclass(frozen=True, slots=True)
class Objectif:
    id: str
    titre: str
    actions: tuple[ActionVue, ...]


@dataclass(frozen=True, slots=True)
class ConventionAxe:
    id: str
    titre: str
    type: str
    objectifs: tuple[Objectif, ...]


@dataclass(frozen=True, slots=True)
class Axe:
    id: str
    numero: int | None
    titre: str
    titre_local: str | None
    libelle: str
    conventions: tuple[ConventionAxe, ...]
    nb_actions: int


@dataclass(frozen=True, slots=True)
class Avenant:
    numero: int | None
    date: dt.date | None
    objet: str


@dataclass(frozen=True, slots=True)
class Plafond:
    partenaire: Partenaire
    montant: Decimal


@dataclass(frozen=True, slots=True)
class ConventionVue:
    id: str
    type: str
    type_libelle: str
    titre: str
    signataires: tuple[Partenaire, ...]
    date_signature: dt.date | None
    debut: dt.date | None
    fin: dt.date | None
    avenants: tuple[Avenant, ...]
    cofinancement: tuple[Partenaire, ...]
    plafonds: tuple[Plafond, ...]
    nb_actions: int
    financement: TableauFinancement
    """Money to the convention's actions, by funder and year, against their budgets."""
    hors_actions: tuple[Ligne, ...]
    """Money given to the convention as a whole, by funder (outside any action's plan)."""


@dataclass(frozen=True, slots=True)
class Part:
    libelle: str
    montant: Decimal
    part: Decimal
    """Share of the total, between 0 and 1."""


@dataclass(frozen=True, slots=True)
class StatutCompte:
    statut: str
    libelle: str
    nombre: int
    part: Decimal


@dataclass(frozen=True, slots=True)
class Chiffres:
    nb_conventions: int
    nb_actions: int
    nb_partenaires: int
    nb_signataires: int
    total_engage: Decimal
    total_budget: Decimal
    reste_a_financer: Decimal
    couverture: Decimal | None
    par_financeur: tuple[Part, ...]
    par_annee: Ligne
    """`libelle` "Total", one amount per year of `annees`."""
    par_axe: tuple[Ligne, ...]
    par_convention: tuple[Ligne, ...]
    par_statut: tuple[StatutCompte, ...]


@dataclass(frozen=True, slots=True)
class Apport:
    """One contribution of a partner: to what, and what it is."""

    cible: str
    description: str | None
    montants: tuple[Decimal, ...]
    total: Decimal
    etp: Decimal | None


@dataclass(frozen=True, slots=True)
class ContributionsPartenaire:
    partenaire: Partenaire
    categorie: str
    signataire: bool
    date_adhesion: dt.date | None
    montants: tuple[Decimal, ...]
    total: Decimal
    etp: Decimal
    financieres: tuple[Apport, ...]
    humaines: tuple[Apport, ...]
    materielles: tuple[Apport, ...]
    ingenierie: tuple[Apport, ...]


@dataclass(frozen=True, slots=True)
class Retard:
    action: ActionRef
    fin: dt.date
    jours: int
    statut_libelle: str


@dataclass(frozen=True, slots=True)
class SousFinancement:
    action: ActionRef
    annee: int
    budget: Decimal
    finance: Decimal
    manque: Decimal


@dataclass(frozen=True, slots=True)
class SousCible:
    action: ActionRef
    indicateur: str
    unite: str
    annee: int
    cible: Decimal
    realise: Decimal
    atteinte: Decimal


@dataclass(frozen=True, slots=True)
class RealiseManquant:
    action: ActionRef
    indicateur: str
    unite: str
    annee: int
    cible: Decimal


@dataclass(frozen=True, slots=True)
class Echeance:
    action: ActionRef
    fin: dt.date
    jours: int


@dataclass(frozen=True, slots=True)
class PointsAttention:
    retards: tuple[Retard, ...]
    sous_financements: tuple[SousFinancement, ...]
    sous_cible: tuple[SousCible, ...]
    realises_manquants: tuple[RealiseManquant, ...]
    echeances: tuple[Echeance, ...]
    total: int
    seuil: Decimal
    """Attainment below which an indicator is flagged (0.8)."""
    jours_echeance: int


@dataclass(frozen=True, slots=True)
class Sigle:
    sigle: str
    definition: str


@dataclass(frozen=True, slots=True)
class AnneeExecution:
    annee: int
    etat: str
    """`close` (from 1 July of the next year), `en_cours` or `a_venir`."""
    libelle: str
    """« close », « en cours », « à venir »."""


@dataclass(frozen=True, slots=True)
class LigneExecution:
    """One thing's execution, one value per year of `annees`, then the total."""

    libelle: str
    budget: tuple[Decimal, ...]
    engage: tuple[Decimal, ...]
    verse: tuple[Decimal, ...]
    depense: tuple[Decimal | None, ...]
    """None: the year's spending is not declared."""
    signe: tuple[Decimal | None, ...] | None
    """A funder's amounts in the convention's signed annex (None: absent from it)."""
    taux_verse: tuple[Decimal | None, ...]
    """Versé / engagé (None when nothing is committed)."""
    taux_depense: tuple[Decimal | None, ...]
    """Dépensé / budget (None without spending or budget)."""
    total_budget: Decimal
    total_engage: Decimal
    total_verse: Decimal
    total_depense: Decimal | None
    total_signe: Decimal | None


@dataclass(frozen=True, slots=True)
class ExecutionAction:
    id: str
    titre: str
    statut: str
    statut_libelle: str
    motif: str | None
    ligne: LigneExecution


@dataclass(frozen=True, slots=True)
class ExecutionConvention:
    id: str
    titre: str
    total: LigneExecution
    financeurs: tuple[LigneExecution, ...]
    actions: tuple[ExecutionAction, ...]


@dataclass(frozen=True, slots=True)
class ExecutionVue:
    annees: tuple[AnneeExecution, ...]
    total: LigneExecution
    conventions: tuple[ExecutionConvention, ...]


@dataclass(frozen=True, slots=True)
class Omissions:
    """What a report forced over errors could not show or count (empty otherwise)."""

    actions_absentes: tuple[str, ...]
    """Ids of the actions whose file could not be read: they are in no table."""
    fichiers_partiels: tuple[str, ...]
    """Files read in part: some of their values are unknown, hence left out."""
    montant_non_compte: Decimal
    """Money committed to absent actions, counted nowhere."""
    argent_inconnu: tuple[str, ...]
    """Partner files whose money is (partly) unknown."""
    texte: str
    """All of it in one French sentence (« 2 actions absentes : … ; 1 002 000 € … »)."""


@dataclass(frozen=True, slots=True)
class RapportContexte:
    titre: str
    territoire: str
    code_territoire: str
    periode_debut: int | None
    periode_fin: int | None
    annees: tuple[int, ...]
    situation: dt.date
    source: Provenance
    filtres: tuple[Filtre, ...]
    problemes: tuple[Probleme, ...]
    nb_erreurs: int
    nb_avertissements: int
    omissions: Omissions
    chiffres: Chiffres
    conventions: tuple[ConventionVue, ...]
    axes: tuple[Axe, ...]
    partenaires: tuple[ContributionsPartenaire, ...]
    attention: PointsAttention
    execution: ExecutionVue
    execution_suivie: bool
    """Whether the pact follows its execution (`execution.depuis`, spending or payments)."""
    glossaire: tuple[Sigle, ...]
    signature: str
    version: str

    def variables(self) -> dict[str, Any]:
        """The template's top-level variables: one per field (shallow, no copy)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


CONTEXT_TYPES: frozenset[type] = frozenset(
    (
        Provenance,
        Filtre,
        Probleme,
        Partenaire,
        ActionRef,
        Ligne,
        LigneDepense,
        TableauFinancement,
        IndicateurAnnee,
        Indicateur,
        ActionVue,
        Objectif,
        ConventionAxe,
        Axe,
        Avenant,
        Plafond,
        ConventionVue,
        Part,
        StatutCompte,
        Chiffres,
        Apport,
        ContributionsPartenaire,
        Retard,
        SousFinancement,
        SousCible,
        RealiseManquant,
        Echeance,
        PointsAttention,
        Sigle,
        Omissions,
        AnneeExecution,
        LigneExecution,
        ExecutionAction,
        ExecutionConvention,
        ExecutionVue,
        RapportContexte,
    )
)
"""Every type of the context: plain data that templates may read freely (see templating)."""
