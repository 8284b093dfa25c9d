"""`pacte show ID`: everything about one action, partner or convention, joins done.

Each sheet is plain data (frozen dataclasses, French field names like the report's context) made
of the report's own views (`ActionVue`, `ConventionVue`, `ContributionsPartenaire`,
`LigneExecution`) read from a `lookup.Explorer`, plus what only a single record's page needs:
where the record is referenced (file and line), its payments one by one, its share of each
convention's money, co-financing parity and ceilings year by year. No sum is made here that the
report makes too: the sheets read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pactecli.labels import CONTRIBUTION_NATURES, PARTNER_CATEGORIES
from pactecli.model import Action, Contribution, Convention, Partner
from pactecli.report.context_execution import line
from pactecli.report.context_types import (
    ActionVue,
    AnneeExecution,
    ContributionsPartenaire,
    ConventionVue,
    ExecutionConvention,
    LigneExecution,
    Partenaire,
)
from pactecli.report.execution import Flow
from pactecli.report.lookup import NBSP, ZERO, Explorer, PariteAnnee


@dataclass(frozen=True, slots=True)
class Reference:
    """A place in the pact's files that names the record."""

    fichier: str
    ligne: int
    texte: str


@dataclass(frozen=True, slots=True)
class FicheAction:
    action: ActionVue
    financeurs: tuple[str, ...]
    """The ids of the funders of `action.financement`'s rows, in order."""
    fichier: str
    axe: str | None
    """The axis as the report labels it (« 3. La lutte contre la grande exclusion »)."""
    convention_titre: str | None
    objectif_titre: str | None
    annees: tuple[AnneeExecution, ...]
    execution: LigneExecution | None
    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class Versement:
    cible: str
    date: dt.date
    montant: Decimal
    annee: int
    """The year of `montants` the payment honours."""


@dataclass(frozen=True, slots=True)
class PartConvention:
    """A partner's money in one convention (its actions and the convention as a whole)."""

    convention: str
    titre: str
    engage: Decimal
    verse: Decimal
    total: Decimal
    """Every funder's engagé in the convention."""
    part: Decimal | None


@dataclass(frozen=True, slots=True)
class FichePartenaire:
    partenaire: Partenaire
    fichier: str
    categorie: str
    siret: str | None
    rna: str | None
    signataire: bool
    date_adhesion: dt.date | None
    annees: tuple[int, ...]
    contributions: ContributionsPartenaire | None
    """None when the partner contributes nothing."""
    versements: tuple[Versement, ...]
    verse: Decimal
    pilotees: tuple[ActionVue, ...]
    parts: tuple[PartConvention, ...]
    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class ObjectifFiche:
    id: str
    titre: str
    axe: str | None
    actions: tuple[ActionVue, ...]


@dataclass(frozen=True, slots=True)
class PlafondAnnee:
    annee: int
    compte: Decimal
    """The funder's engagé that year: the convention's actions and the convention as a whole."""
    depasse: bool


@dataclass(frozen=True, slots=True)
class LignePlafond:
    partenaire: Partenaire
    plafond: Decimal
    annees: tuple[PlafondAnnee, ...]


@dataclass(frozen=True, slots=True)
class FicheConvention:
    convention: ConventionVue
    financeurs: tuple[str, ...]
    """The ids of the funders of `convention.financement`'s rows, in order."""
    fichier: str
    objectifs: tuple[ObjectifFiche, ...]
    annees: tuple[AnneeExecution, ...]
    execution: ExecutionConvention | None
    """Budget, engagé, versé, dépensé in total and per funder (with the signed amounts)."""
    financeurs_execution: tuple[str, ...]
    """The ids of the funders of `execution.financeurs`, in order."""
    signes: tuple[LigneExecution, ...]
    """Funders of the signed annex that give no money yet (absent from `execution`)."""
    signe: Decimal | None
    echelle: str | None
    """Co-financing: `action` (per action and year) or `convention` (yearly totals)."""
    tolerance: Decimal | None
    parite: tuple[PariteAnnee, ...]
    plafonds: tuple[LignePlafond, ...]
    references: tuple[Reference, ...]


# --- actions ---------------------------------------------------------------------------------


def action_sheet(explorer: Explorer, action: Action) -> FicheAction | None:
    found = explorer.action(action.id)
    if found is None:
        return None
    axis, view = found
    model = explorer.model
    convention = model.convention_of(action)
    objective = model.objectives_by_id.get(action.objectif) if action.objectif else None
    return FicheAction(
        action=view,
        financeurs=explorer.action_funders(action.id),
        fichier=action.origin.file,
        axe=_axis_label(explorer, axis.id) if axis.id else None,
        convention_titre=convention.titre if convention else None,
        objectif_titre=objective.titre if objective else None,
        annees=explorer.context.execution.annees,
        execution=explorer.action_execution(action.id),
        references=tuple(_contribution_references(explorer, action_id=action.id)),
    )


def _axis_label(explorer: Explorer, axis_id: str) -> str:
    axis = explorer.model.axes_by_id.get(axis_id)
    if axis is None:
        return axis_id
    return f"{axis.numero}. {axis.label}" if axis.numero is not None else axis.label


def _label(explorer: Explorer, partner_id: str) -> str:
    partner = explorer.model.partners_by_id.get(partner_id)
    return partner.label if partner else partner_id


def _contribution_references(
    explorer: Explorer, action_id: str | None = None, convention_id: str | None = None
) -> Iterator[Reference]:
    """The contributions, of any nature, to the action (or to the convention as a whole)."""
    for partner in explorer.model.partners:
        for contribution in partner.contributions:
            if action_id is not None and contribution.action != action_id:
                continue
            if convention_id is not None and contribution.convention != convention_id:
                continue
            where = contribution.origin.locate()
            yield Reference(where.path, where.line, _contribution_text(contribution, partner))


def _contribution_text(contribution: Contribution, partner: Partner) -> str:
    nature = CONTRIBUTION_NATURES.get(contribution.nature, contribution.nature)
    text = f"{partner.label}{NBSP}: contribution {nature}"
    if contribution.convention is not None:
        text += " à la convention entière"
    return text


# --- partners --------------------------------------------------------------------------------


def partner_sheet(explorer: Explorer, partner: Partner) -> FichePartenaire:
    category = partner.categorie
    return FichePartenaire(
        partenaire=Partenaire(partner.id, partner.nom, partner.sigle, partner.label),
        fichier=partner.origin.file,
        categorie=PARTNER_CATEGORIES.get(category, category) if category else "",
        siret=partner.siret,
        rna=partner.rna,
        signataire=bool(partner.signataire_pacte),
        date_adhesion=partner.date_adhesion,
        annees=explorer.figures.years,
        contributions=explorer.partner_block(partner.id),
        versements=_payments(explorer, partner.id),
        verse=explorer.partner_paid(partner.id),
        pilotees=tuple(explorer.led_by(partner.id)),
        parts=tuple(_shares(explorer, partner.id)),
        references=tuple(_partner_references(explorer, partner.id)),
    )


def _payments(explorer: Explorer, partner_id: str) -> tuple[Versement, ...]:
    """Its payments, to what, in date order (only those to the actions and conventions shown)."""
    model = explorer.model
    counted = dict(explorer.figures.contributions).get(partner_id, ())
    found = []
    for contribution in counted:
        if contribution.action is not None:
            action = model.actions_by_id.get(contribution.action)
            target = action.titre if action else contribution.action
        else:
            convention = model.conventions_by_id.get(contribution.convention or "")
            target = (convention.titre if convention else contribution.convention or "") + (
                " (convention entière)"
            )
        found += [Versement(target, p.date, p.amount, p.year) for p in contribution.payments]
    return tuple(sorted(found, key=lambda p: (p.date, p.cible)))


def _shares(explorer: Explorer, partner_id: str) -> Iterator[PartConvention]:
    for convention_id in explorer.convention_ids():
        execution = explorer.convention_execution(convention_id)
        view = explorer.convention_view(convention_id)
        if execution is None or view is None:
            continue
        for funder, flow, _ in explorer.funder_flows(convention_id):
            if funder != partner_id:
                continue
            committed = sum(flow.committed, ZERO)
            total = execution.total.total_engage
            yield PartConvention(
                convention_id,
                view.titre,
                committed,
                sum(flow.paid, ZERO),
                total,
                committed / total if total else None,
            )


def _quoted(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


def _partner_references(explorer: Explorer, partner_id: str) -> Iterator[Reference]:
    """Conventions' lists, actions' leads and partners, other partners' beneficiaries."""
    for convention in explorer.model.conventions:
        yield from _convention_mentions(convention, partner_id)
    for action in explorer.model.actions:
        named = _quoted(action.id)
        if action.pilote == partner_id:
            where = action.origin.locate("pilote")
            yield Reference(where.path, where.line, f"pilote de l'action {named}")
        if partner_id in action.partenaires:
            where = action.origin.locate("partenaires", action.partenaires.index(partner_id))
            yield Reference(where.path, where.line, f"partenaire de l'action {named}")
    for partner in explorer.model.partners:
        for contribution in partner.contributions:
            if contribution.beneficiary == partner_id:
                where = contribution.origin.locate("beneficiaire")
                text = f"{partner.label}{NBSP}: contribution dont il est bénéficiaire"
                yield Reference(where.path, where.line, text)


def _convention_mentions(convention: Convention, partner_id: str) -> Iterator[Reference]:
    named = _quoted(convention.id)
    places: list[tuple[tuple[str | int, ...], str]] = []
    if partner_id in convention.signataires:
        places.append(
            (("signataires", convention.signataires.index(partner_id)), "signataire de la")
        )
    if convention.cofunding and partner_id in convention.cofunding.funders:
        index = convention.cofunding.funders.index(partner_id)
        places.append((("cofinancement", "financeurs", index), "cofinanceur de la"))
    if partner_id in convention.ceilings:
        places.append((("plafonds", partner_id), "plafond annuel dans la"))
    if partner_id in convention.engagements:
        places.append((("engagements", partner_id), "montants signés dans la"))
    for steps, text in places:
        where = convention.origin.locate(*steps)
        yield Reference(where.path, where.line, f"{text} convention {named}")


# --- conventions -----------------------------------------------------------------------------


def convention_sheet(explorer: Explorer, convention: Convention) -> FicheConvention | None:
    view = explorer.convention_view(convention.id)
    if view is None:
        return None
    return FicheConvention(
        convention=view,
        financeurs=explorer.convention_funders(convention.id),
        fichier=convention.origin.file,
        objectifs=_objectives(explorer, convention),
        annees=explorer.context.execution.annees,
        execution=explorer.convention_execution(convention.id),
        financeurs_execution=tuple(f for f, _, _ in explorer.funder_flows(convention.id)),
        signes=_signed_only(explorer, convention),
        signe=explorer.signed_total(convention),
        echelle=convention.cofunding.scale if convention.cofunding else None,
        tolerance=convention.cofunding.tolerance if convention.cofunding else None,
        parite=explorer.parity(convention),
        plafonds=tuple(_ceilings(explorer, convention)),
        references=tuple(_contribution_references(explorer, convention_id=convention.id)),
    )


def _objectives(explorer: Explorer, convention: Convention) -> tuple[ObjectifFiche, ...]:
    by_objective: dict[str, list[ActionVue]] = {}
    for _, action in explorer.action_views:
        if action.convention == convention.id:
            by_objective.setdefault(action.objectif or "", []).append(action)
    found = [
        ObjectifFiche(
            objective.id,
            objective.titre,
            _axis_label(explorer, objective.axe) if objective.axe else None,
            tuple(by_objective.pop(objective.id, ())),
        )
        for objective in convention.objectives
    ]
    found += [  # actions whose objective is not one of the convention's (an error)
        ObjectifFiche(oid, oid or "Objectif inconnu", None, tuple(actions))
        for oid, actions in sorted(by_objective.items())
    ]
    return tuple(found)


def _signed_only(explorer: Explorer, convention: Convention) -> tuple[LigneExecution, ...]:
    """Funders listed in `engagements` that have no money in the convention: their signed
    amounts against nothing committed (the report has no row for them)."""
    funding = {funder for funder, _, _ in explorer.funder_flows(convention.id)}
    years = explorer.figures.years
    zeros = tuple(ZERO for _ in years)
    return tuple(
        line(
            _label(explorer, funder),
            Flow(
                zeros, zeros, zeros, tuple(None for _ in years), tuple(annex.get(y) for y in years)
            ),
        )
        for funder, annex in convention.engagements.items()
        if funder not in funding
    )


def _ceilings(explorer: Explorer, convention: Convention) -> Iterator[LignePlafond]:
    committed = {funder: flow.committed for funder, flow, _ in explorer.funder_flows(convention.id)}
    years = explorer.figures.years
    for funder, ceiling in convention.ceilings.items():
        amounts = committed.get(funder, tuple(ZERO for _ in years))
        partner = explorer.model.partners_by_id.get(funder)
        yield LignePlafond(
            Partenaire(funder, partner.nom, partner.sigle, partner.label)
            if partner
            else Partenaire(funder, funder, None, funder),
            ceiling,
            tuple(
                PlafondAnnee(year, amount, amount > ceiling)
                for year, amount in zip(years, amounts, strict=True)
            ),
        )
