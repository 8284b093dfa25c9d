"""The one context every `pacte report` template receives, built in one place.

`build_context` turns a validated model, a selection and an as-of date into frozen dataclasses
with French field names (the template authors are the territory's staff). Values stay typed:
amounts are `Decimal`, dates `datetime.date`; templates format them with the `euros`, `date`,
`mois`, `nombre` and `pourcent` filters. The README lists every variable; keep it in step.

Records may be inconsistent under `--force`: unknown ids are shown as they are written.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from pactecli import __version__
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.model import Action, Contribution, Convention, Indicator, PactModel
from pactecli.render.output import SIGNATURE
from pactecli.report import figures as agg

STATUS_LABELS = {
    "non_demarre": "Non démarrée",
    "en_cours": "En cours",
    agg.LATE: "En retard",
    "suspendu": "Suspendue",
    "realise": "Réalisée",
    "abandonne": "Abandonnée",
}
CONVENTION_TYPES = {
    "CLS": "Contrat local des solidarités (CLS)",
    "CDIE": "Contrat départemental pour l'insertion et l'emploi (CDIE)",
    "partenariale": "Convention départementale partenariale",
    "autre": "Convention",
}
NATURES = {"nouvelle": "Action nouvelle", "renforcee": "Action renforcée"}
CATEGORIES = {
    "etat": "État",
    "collectivite": "Collectivité territoriale",
    "protection_sociale": "Protection sociale",
    "sante": "Santé",
    "education": "Éducation",
    "emploi": "Emploi",
    "association": "Association",
    "entreprise": "Entreprise",
    "autre": "Autre",
}
DIRECTIONS = {"hausse": "plus c'est haut, mieux c'est", "baisse": "plus c'est bas, mieux c'est"}
FILTER_NAMES = {"convention": "Convention", "axe": "Axe", "partenaire": "Partenaire"}
GLOSSARY = {
    "ACI": "Atelier et chantier d'insertion",
    "ARS": "Agence régionale de santé",
    "AVIP": "À vocation d'insertion professionnelle (crèches)",
    "CAF": "Caisse d'allocations familiales",
    "CCAS": "Centre communal d'action sociale",
    "CCSS": "Caisse commune de sécurité sociale",
    "CDIE": "Contrat départemental pour l'insertion et l'emploi",
    "CESF": "Conseiller ou conseillère en économie sociale et familiale",
    "CLS": "Contrat local des solidarités",
    "Dasen": "Direction académique des services de l'Éducation nationale",
    "DDETS": "Direction départementale de l'emploi, du travail et des solidarités",
    "EBE": "Entreprise à but d'emploi",
    "ETP": "Équivalent temps plein",
    "MSA": "Mutualité sociale agricole",
    "PMI": "Protection maternelle et infantile",
    "QPV": "Quartier prioritaire de la politique de la ville",
    "RSA": "Revenu de solidarité active",
    "SIAE": "Structure d'insertion par l'activité économique",
    "TZCLD": "Territoires zéro chômeur de longue durée",
}


# --- the context's types -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the data comes from: the git commit, or why there is none."""

    commit: str | None
    date: dt.date | None
    modifie: bool
    hors_git: bool


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
class TableauFinancement:
    annees: tuple[int, ...]
    lignes: tuple[Ligne, ...]
    totaux: Ligne
    budget: Ligne
    ecart: Ligne
    """Budget minus money committed: what remains to fund (negative: more than the budget)."""


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
    objectif: str
    nature: str | None
    nature_libelle: str | None
    description: str | None
    public_cible: str | None
    territoire: str | None
    pilote: Partenaire
    partenaires: tuple[Partenaire, ...]
    debut: dt.date
    fin: dt.date
    statut: str
    statut_libelle: str
    en_retard: bool
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
    numero: int
    date: dt.date
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
    debut: dt.date
    fin: dt.date
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
    chiffres: Chiffres
    conventions: tuple[ConventionVue, ...]
    axes: tuple[Axe, ...]
    partenaires: tuple[ContributionsPartenaire, ...]
    attention: PointsAttention
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
        RapportContexte,
    )
)
"""Every type of the context: plain data that templates may read freely (see templating)."""


# --- provenance ----------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def read_provenance(root: Path) -> Provenance:
    """The commit the pact's records come from, and whether they have uncommitted changes."""
    commit = _git(root, "rev-parse", "--short", "--verify", "--end-of-options", "HEAD")
    if commit is None:
        inside = _git(root, "rev-parse", "--is-inside-work-tree") == "true"
        return Provenance(None, None, inside, not inside)
    stamp = _git(root, "log", "-1", "--format=%cs", "--end-of-options", "HEAD", "--")
    status = _git(
        root, "status", "--porcelain", "--untracked-files=all", "--", "pacte.yaml", "data"
    )
    day = dt.date.fromisoformat(stamp) if stamp else None
    return Provenance(commit, day, bool(status), False)


# --- building ------------------------------------------------------------------------------


class _Builder:
    """Holds the model, selection and date while the context's parts are built."""

    def __init__(self, model: PactModel, selection: agg.Selection, as_of: dt.date) -> None:
        self.model = model
        self.selection = selection
        self.as_of = as_of
        self.years = selection.years
        self._year_set = frozenset(selection.years)
        self._partners: dict[str, Partenaire] = {}

    def partner(self, partner_id: str) -> Partenaire:
        if partner_id not in self._partners:
            found = self.model.partners_by_id.get(partner_id)
            self._partners[partner_id] = (
                Partenaire(found.id, found.nom, found.sigle, found.label)
                if found
                else Partenaire(partner_id, partner_id, None, partner_id)
            )
        return self._partners[partner_id]

    def ref(self, action: Action) -> ActionRef:
        convention = self.model.convention_of(action)
        return ActionRef(action.id, action.titre, convention.id if convention else "")

    def row(self, label: str, by_year: dict[int, Decimal]) -> Ligne:
        amounts = tuple([by_year.get(year, agg.ZERO) for year in self.years])
        return Ligne(label, amounts, sum(amounts, agg.ZERO))

    def table(self, rows: list[Ligne], planned: dict[int, Decimal]) -> TableauFinancement:
        zero = agg.ZERO
        sums = (
            tuple([sum(column, zero) for column in zip(*[r.montants for r in rows], strict=True)])
            if rows
            else (zero,) * len(self.years)
        )
        totals = Ligne("Total", sums, sum(sums, zero))
        budget = self.row("Budget", planned)
        gaps = tuple([b - t for b, t in zip(budget.montants, sums, strict=True)])
        gap = Ligne("Reste à financer", gaps, sum(gaps, zero))
        return TableauFinancement(self.years, tuple(rows), totals, budget, gap)

    # actions

    def action_table(self, action: Action) -> TableauFinancement:
        plan = agg.funding_plan(self.model, action, self.years)
        focus = self.selection.partner
        rows = [
            self.row(self.partner(funder).libelle, by_year)
            for funder, by_year in plan.items()
            if focus is None or funder == focus
        ]
        if focus is not None and len(rows) < len(plan):
            others: dict[int, Decimal] = {y: agg.ZERO for y in self.years}
            for funder, by_year in plan.items():
                if funder != focus:
                    for year, amount in by_year.items():
                        others[year] += amount
            rows.append(self.row("Autres financeurs", others))
        return self.table(rows, agg.budget(action, self.years))

    def indicator(self, indicator: Indicator) -> Indicateur:
        wanted = self._year_set
        years = sorted(y for y in {*indicator.cibles, *indicator.realise} if y in wanted)
        rows = []
        for year in years:
            target, actual = indicator.cibles.get(year), indicator.realise.get(year)
            ratio = (
                agg.attainment(target, actual, indicator.sens)
                if target is not None and actual is not None
                else None
            )
            rows.append(IndicateurAnnee(year, target, actual, ratio, year < self.as_of.year))
        measured = [r for r in rows if r.atteinte is not None]
        return Indicateur(
            id=indicator.id,
            libelle=indicator.libelle,
            unite=indicator.unite,
            sens=indicator.sens,
            sens_libelle=DIRECTIONS.get(indicator.sens, indicator.sens),
            reference_annee=indicator.reference_year,
            reference_valeur=indicator.reference_value,
            source=indicator.source,
            annees=tuple(rows),
            derniere=measured[-1] if measured else None,
        )

    def action(self, action: Action) -> ActionVue:
        shown = agg.shown_status(action, self.as_of)
        convention = self.model.convention_of(action)
        return ActionVue(
            id=action.id,
            titre=action.titre,
            convention=convention.id if convention else action.convention_folder,
            objectif=action.objectif,
            nature=action.nature,
            nature_libelle=NATURES.get(action.nature) if action.nature else None,
            description=action.description,
            public_cible=action.public_cible,
            territoire=action.territoire,
            pilote=self.partner(action.pilote),
            partenaires=tuple(self.partner(p) for p in action.partenaires),
            debut=action.debut,
            fin=action.fin,
            statut=shown,
            statut_libelle=STATUS_LABELS.get(shown, shown),
            en_retard=shown == agg.LATE,
            financement=self.action_table(action),
            indicateurs=tuple(self.indicator(i) for i in action.indicators),
        )

    # axes > conventions > objectives > actions

    def axes(self) -> tuple[Axe, ...]:
        grouped: dict[str | None, dict[str, dict[str, list[Action]]]] = {}
        for action in self.selection.actions:
            objective = self.model.objectives_by_id.get(action.objectif)
            axis = objective.axe if objective else None
            convention = self.model.convention_of(action)
            key = convention.id if convention else action.convention_folder
            grouped.setdefault(axis, {}).setdefault(key, {}).setdefault(action.objectif, []).append(
                action
            )
        pact_axes = self.model.pact.axes if self.model.pact else []
        order: list[str | None] = [a.id for a in pact_axes if a.id in grouped]
        order += sorted((k for k in grouped if k not in order and k), key=str)
        if None in grouped:
            order.append(None)
        return tuple(self.axis(axis_id, grouped[axis_id]) for axis_id in order)

    def axis(self, axis_id: str | None, conventions: dict[str, dict[str, list[Action]]]) -> Axe:
        found = self.model.axes_by_id.get(axis_id) if axis_id else None
        parts = tuple(
            self.convention_in_axis(cid, by_obj)
            for cid, by_obj in self._convention_order(conventions)
        )
        count = sum(len(acts) for by_obj in conventions.values() for acts in by_obj.values())
        if found is None:
            label = f"Axe « {axis_id} »" if axis_id else "Actions sans axe connu"
            return Axe(axis_id or "", None, label, None, label, parts, count)
        return Axe(
            found.id, found.numero, found.titre, found.titre_local, found.label, parts, count
        )

    def _convention_order(
        self, conventions: dict[str, dict[str, list[Action]]]
    ) -> list[tuple[str, dict[str, list[Action]]]]:
        rank = {c.id: i for i, c in enumerate(self.model.conventions)}
        return sorted(conventions.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))

    def convention_in_axis(
        self, convention_id: str, by_objective: dict[str, list[Action]]
    ) -> ConventionAxe:
        convention = self.model.conventions_by_id.get(convention_id)
        declared = [o.id for o in convention.objectives] if convention else []
        order = [o for o in declared if o in by_objective]
        order += sorted(o for o in by_objective if o not in order)
        objectives = tuple(
            Objectif(
                oid,
                self._objective_title(oid),
                tuple(self.action(a) for a in by_objective[oid]),
            )
            for oid in order
        )
        if convention is None:
            return ConventionAxe(convention_id, convention_id, "", objectives)
        return ConventionAxe(convention.id, convention.titre, convention.type, objectives)

    def _objective_title(self, objective_id: str) -> str:
        found = self.model.objectives_by_id.get(objective_id)
        return found.titre if found else objective_id

    # conventions

    def conventions(self) -> tuple[ConventionVue, ...]:
        actions = agg.by_convention(self.selection, whole=False)
        whole = agg.by_convention(self.selection, actions=False)
        return tuple(
            self.convention(c, actions.get(c.id, {}), whole.get(c.id, {}))
            for c in self.selection.conventions
        )

    def funder_rows(self, money: dict[str, dict[int, Decimal]]) -> list[Ligne]:
        ranked = sorted(money.items(), key=lambda kv: (-agg.total(kv[1].values()), kv[0]))
        return [self.row(self.partner(funder).libelle, by_year) for funder, by_year in ranked]

    def convention(
        self,
        convention: Convention,
        money: dict[str, dict[int, Decimal]],
        whole: dict[str, dict[int, Decimal]],
    ) -> ConventionVue:
        rows = self.funder_rows(money)
        count = agg.action_count(self.selection, convention)
        return ConventionVue(
            id=convention.id,
            type=convention.type,
            type_libelle=CONVENTION_TYPES.get(convention.type, convention.type),
            titre=convention.titre,
            signataires=tuple(self.partner(p) for p in convention.signataires),
            date_signature=convention.date_signature,
            debut=convention.debut,
            fin=convention.fin,
            avenants=tuple(Avenant(a.numero, a.date, a.objet) for a in convention.amendments),
            cofinancement=tuple(self.partner(p) for p in convention.cofunding.funders)
            if convention.cofunding
            else (),
            plafonds=tuple(Plafond(self.partner(p), m) for p, m in convention.ceilings.items()),
            nb_actions=count,
            financement=self.table(rows, agg.convention_budget(self.selection, convention)),
            hors_actions=tuple(self.funder_rows(whole)),
        )

    # key figures

    def figures(self) -> Chiffres:
        committed = agg.total_committed(self.selection)
        planned = agg.total_budget(self.selection)
        funded = agg.total_funded(self.selection)
        funders = agg.by_funder(self.selection)
        counts = agg.status_counts(self.selection, self.as_of)
        nb_actions = len(self.selection.actions)
        involved = agg.involved_partners(self.selection)
        signatories = sum(
            1
            for pid in involved
            if (p := self.model.partners_by_id.get(pid)) is not None and p.signataire_pacte
        )
        return Chiffres(
            nb_conventions=len(self.selection.conventions),
            nb_actions=nb_actions,
            nb_partenaires=len(involved),
            nb_signataires=signatories,
            total_engage=committed,
            total_budget=planned,
            reste_a_financer=planned - funded,
            couverture=funded / planned if planned else None,
            par_financeur=tuple(
                Part(self.partner(f).libelle, m, m / committed if committed else agg.ZERO)
                for f, m in funders.items()
            ),
            par_annee=self.row("Total", agg.by_year(self.selection)),
            par_axe=self._by_axis(),
            par_convention=tuple(
                self.row(self._convention_label(cid), self._sum_funders(by_funder))
                for cid, by_funder in agg.by_convention(self.selection).items()
            ),
            par_statut=tuple(
                StatutCompte(s, label, counts[s], Decimal(counts[s]) / nb_actions)
                for s, label in STATUS_LABELS.items()
                if counts.get(s)
            ),
        )

    def _sum_funders(self, by_funder: dict[str, dict[int, Decimal]]) -> dict[int, Decimal]:
        sums = {y: agg.ZERO for y in self.years}
        for by_year in by_funder.values():
            for year, amount in by_year.items():
                sums[year] += amount
        return sums

    def _convention_label(self, convention_id: str) -> str:
        found = self.model.conventions_by_id.get(convention_id)
        return found.titre if found else convention_id

    def _by_axis(self) -> tuple[Ligne, ...]:
        sums = agg.by_axis(self.selection)
        pact_axes = self.model.pact.axes if self.model.pact else []
        rows = [self.row(f"{a.numero}. {a.label}", sums[a.id]) for a in pact_axes if a.id in sums]
        rows += [
            self.row(f"Axe « {k} »", v)
            for k, v in sums.items()
            if k and k not in self.model.axes_by_id
        ]
        if None in sums:
            rows.append(self.row("Hors actions (conventions dans leur ensemble)", sums[None]))
        return tuple(rows)

    # partners

    def contributions(self) -> tuple[ContributionsPartenaire, ...]:
        shown = agg.partner_contributions(self.selection)
        return tuple(self.partner_block(pid, contributions) for pid, contributions in shown.items())

    def _target(self, contribution: Contribution) -> str:
        if contribution.action is not None:
            action = self.model.actions_by_id.get(contribution.action)
            return action.titre if action else contribution.action
        return self._convention_label(contribution.convention or "") + " (convention entière)"

    def apport(self, contribution: Contribution) -> Apport:
        row = self.row("", contribution.amounts)
        return Apport(
            self._target(contribution),
            contribution.description,
            row.montants,
            row.total,
            contribution.etp,
        )

    def partner_block(
        self, partner_id: str, contributions: Sequence[Contribution]
    ) -> ContributionsPartenaire:
        found = self.model.partners_by_id.get(partner_id)
        by_nature: dict[str, list[Apport]] = {}
        for contribution in contributions:
            by_nature.setdefault(contribution.nature, []).append(self.apport(contribution))
        money = by_nature.get("financiere", [])
        totals = tuple(agg.total(a.montants[i] for a in money) for i in range(len(self.years)))
        return ContributionsPartenaire(
            partenaire=self.partner(partner_id),
            categorie=CATEGORIES.get(found.categorie, found.categorie) if found else "",
            signataire=bool(found and found.signataire_pacte),
            date_adhesion=found.date_adhesion if found else None,
            montants=totals,
            total=agg.total(totals),
            etp=agg.total(a.etp or agg.ZERO for a in by_nature.get("humaine", [])),
            financieres=tuple(money),
            humaines=tuple(by_nature.get("humaine", [])),
            materielles=tuple(by_nature.get("materielle", [])),
            ingenierie=tuple(by_nature.get("ingenierie", [])),
        )

    # attention

    def attention(self) -> PointsAttention:
        sel, as_of = self.selection, self.as_of
        late = tuple(
            Retard(self.ref(i.action), i.action.fin, i.days, STATUS_LABELS[i.action.statut])
            for i in agg.late_actions(sel, as_of)
        )
        short = tuple(
            SousFinancement(self.ref(i.action), i.year, i.budget, i.funded, i.missing)
            for i in agg.underfunded(sel)
        )
        below = tuple(
            SousCible(
                self.ref(i.action),
                i.indicator.libelle,
                i.indicator.unite,
                i.year,
                i.target,
                i.actual,
                i.ratio,
            )
            for i in agg.below_target(sel, as_of)
        )
        missing = tuple(
            RealiseManquant(
                self.ref(i.action), i.indicator.libelle, i.indicator.unite, i.year, i.target
            )
            for i in agg.missing_actuals(sel, as_of)
        )
        soon = tuple(
            Echeance(self.ref(i.action), i.action.fin, i.days) for i in agg.ending_soon(sel, as_of)
        )
        count = len(late) + len(short) + len(below) + len(missing) + len(soon)
        return PointsAttention(
            late,
            short,
            below,
            missing,
            soon,
            count,
            agg.ATTAINMENT_THRESHOLD,
            agg.ENDING_SOON_DAYS,
        )

    # glossary

    def glossary(self, blocks: Sequence[ContributionsPartenaire]) -> tuple[Sigle, ...]:
        texts: list[str] = [c.titre for c in self.selection.conventions]
        texts += [o.titre for c in self.selection.conventions for o in c.objectives]
        for action in self.selection.actions:
            texts += [action.titre, action.description or "", action.public_cible or ""]
            texts += [i.libelle for i in action.indicators]
        for partner in self._partners.values():
            texts += [partner.nom, partner.sigle or ""]
        for block in blocks:
            for apport in (*block.humaines, *block.materielles, *block.ingenierie):
                texts.append(apport.description or "")
        known = dict(GLOSSARY)
        for partner in self._partners.values():
            if partner.sigle and _ACRONYM.match(partner.sigle) and partner.sigle not in known:
                known[partner.sigle] = partner.nom
        used = _acronyms_in("\n".join(dict.fromkeys(texts)), known)  # each text once
        used |= {c.type for c in self.selection.conventions if c.type in known}
        if any(block.humaines for block in blocks):
            used.add("ETP")
        return tuple(Sigle(s, known[s]) for s in sorted(used, key=str.casefold))


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


def _acronyms_in(text: str, known: dict[str, str]) -> set[str]:
    spellings = {s: s for s in known} | {s.upper(): s for s in known}
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return {spellings[m] for m in pattern.findall(text)}


def _problems(diagnostics: Iterable[Diagnostic]) -> tuple[Probleme, ...]:
    return tuple(
        Probleme(d.severity.value, d.code, d.location.path, d.location.line, d.message)
        for d in diagnostics
        if d.severity is Severity.ERROR
    )


def _filters(model: PactModel, filters: agg.Filters) -> tuple[Filtre, ...]:
    shown = []
    if filters.convention is not None:
        found = model.conventions_by_id.get(filters.convention)
        shown.append(Filtre("Convention", found.titre if found else filters.convention))
    if filters.axe is not None:
        axis = model.axes_by_id.get(filters.axe)
        shown.append(Filtre("Axe", f"{axis.numero}. {axis.label}" if axis else filters.axe))
    if filters.partenaire is not None:
        partner = model.partners_by_id.get(filters.partenaire)
        shown.append(Filtre("Partenaire", partner.nom if partner else filters.partenaire))
    if filters.annee is not None:
        shown.append(Filtre("Année", str(filters.annee)))
    return tuple(shown)


def build_context(
    model: PactModel,
    diagnostics: Sequence[Diagnostic],
    filters: agg.Filters,
    as_of: dt.date,
    provenance: Provenance,
) -> RapportContexte:
    """The report's whole context; `diagnostics` are listed in the banner when there are errors."""
    selection = agg.select(model, filters)
    builder = _Builder(model, selection, as_of)
    axes = builder.axes()
    conventions = builder.conventions()
    blocks = builder.contributions()
    figures = builder.figures()
    attention = builder.attention()
    territory = model.pact.territoire if model.pact else "Territoire non renseigné"
    years = agg.pact_years(model)
    return RapportContexte(
        titre=f"Pacte local des solidarités — {territory}",
        territoire=territory,
        code_territoire=model.pact.code if model.pact else "",
        periode_debut=years[0] if years else None,
        periode_fin=years[-1] if years else None,
        annees=selection.years,
        situation=as_of,
        source=provenance,
        filtres=_filters(model, filters),
        problemes=_problems(diagnostics),
        nb_erreurs=sum(1 for d in diagnostics if d.severity is Severity.ERROR),
        nb_avertissements=sum(1 for d in diagnostics if d.severity is Severity.WARNING),
        chiffres=figures,
        conventions=conventions,
        axes=axes,
        partenaires=blocks,
        attention=attention,
        glossaire=builder.glossary(blocks),
        signature=SIGNATURE,
        version=__version__,
    )
