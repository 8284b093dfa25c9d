"""The yearly execution report (« bilan d'exécution ») of `pacte bilan`, from the report's figures.

`build_bilan` selects one year (and optionally one convention) exactly as `pacte report
--annee` does, computes the figures once (`figures.compute`) and maps them to the frozen types of
`bilan_types`: per convention and axis, each action with its funders' money committed and paid
that year, its spending and its indicators; the co-financing parity achieved; the signed amounts
against what is committed and paid; the changes of the year (given by the caller: from git, or
the avenants of the files only); and the points needing a decision. Amounts are read from the
figures (`Plan`, the execution `Flow`s); the only sums made here add those up per axis and per
co-funder, over the actions shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from pactecli import __version__
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.labels import ACTION_NATURES, CONVENTION_TYPES, DIRECTIONS, Status, status_label
from pactecli.load.git import Provenance
from pactecli.model import Convention, Indicator, PactModel, is_closed
from pactecli.render.output import SIGNATURE
from pactecli.report import figures as fig
from pactecli.report.bilan_changes import file_changes
from pactecli.report.bilan_decisions import decisions
from pactecli.report.bilan_types import (
    ActionBilan,
    AxeBilan,
    BilanContexte,
    ConventionBilan,
    EcartParite,
    FinanceurAction,
    IndicateurBilan,
    Montants,
    Parite,
    PartParite,
    Signe,
)
from pactecli.report.context_types import ActionRef, Avenant, Filtre, Partenaire
from pactecli.report.context_views import omissions_view, partner_view, problems_view
from pactecli.report.execution import Flow
from pactecli.report.selection import Filters, select

if TYPE_CHECKING:
    from pactecli.report.bilan_changes import History

ZERO = fig.ZERO


def closing_date(year: int) -> dt.date:
    """A year is closed from 1 July of the next one (spec section 5)."""
    return dt.date(year + 1, 7, 1)


def build_bilan(
    model: PactModel,
    diagnostics: Sequence[Diagnostic],
    year: int,
    convention: str | None,
    as_of: dt.date,
    provenance: Provenance,
    history: History | None,
) -> BilanContexte:
    """The bilan of `year`; `history` holds the changes read from git (None: no git)."""
    figures = fig.compute(select(model, Filters(convention=convention, annee=year)), as_of)
    mapper = _Mapper(model, figures, year, as_of)
    conventions = tuple(mapper.convention(item) for item in figures.conventions)
    territory = (model.pact.territoire if model.pact else None) or "Territoire non renseigné"
    changes, origin = file_changes(model, figures.conventions, year, history)
    return BilanContexte(
        titre=f"Bilan d'exécution {year} — {territory}",
        territoire=territory,
        code_territoire=(model.pact.code if model.pact else None) or "",
        annee=year,
        provisoire=not is_closed(year, as_of),
        cloture=closing_date(year),
        situation=as_of,
        source=provenance,
        filtres=_filters(model, convention),
        problemes=problems_view(diagnostics),
        nb_erreurs=sum(1 for d in diagnostics if d.severity is Severity.ERROR),
        omissions=omissions_view(figures.omissions),
        montants=_amounts(figures.execution.flow),
        nb_actions=len(figures.actions),
        statuts=_statuses(figures),
        conventions=conventions,
        changements=changes,
        historique=origin,
        decisions=decisions(model, figures, conventions, year, as_of),
        signature=SIGNATURE,
        version=__version__,
    )


def _filters(model: PactModel, convention: str | None) -> tuple[Filtre, ...]:
    if convention is None:
        return ()
    found = model.conventions_by_id.get(convention)
    return (Filtre("Convention", found.titre if found else convention),)


def _statuses(figures: fig.Figures) -> tuple[tuple[str, int], ...]:
    counts = dict(figures.statuses)
    order = [*Status, "inconnu"]
    return tuple(
        (status_label(None if s == "inconnu" else s), counts[s]) for s in order if counts.get(s)
    )


def _rate(part: Decimal | None, whole: Decimal) -> Decimal | None:
    return part / whole if part is not None and whole else None


def _amounts(flow: Flow) -> Montants:
    """A one-year `Flow` (the bilan's selection has one year) as the bilan's amounts."""
    budget, committed, paid, spent = flow.budget[0], flow.committed[0], flow.paid[0], flow.spent[0]
    return Montants(
        budget,
        committed,
        paid,
        spent,
        _rate(paid, committed),
        _rate(spent, budget),
        committed - paid,
    )


class _Mapper:
    def __init__(self, model: PactModel, figures: fig.Figures, year: int, as_of: dt.date) -> None:
        self.model = model
        self.figures = figures
        self.year = year
        self.as_of = as_of
        self._partners: dict[str, Partenaire] = {}
        self._flows: dict[str, Flow] = {}
        for convention in figures.execution.conventions:
            self._flows.update({a.action.id: a.flow for a in convention.actions})
        self._by_convention: dict[str, list[fig.ActionFigures]] = {}
        for item in figures.actions:
            self._by_convention.setdefault(item.action.convention_folder, []).append(item)

    def partner(self, partner_id: str | None) -> Partenaire:
        key = partner_id or ""
        if key not in self._partners:
            self._partners[key] = partner_view(self.model, key)
        return self._partners[key]

    # conventions > axes > actions

    def convention(self, item: fig.ConventionFigures) -> ConventionBilan:
        convention = item.convention
        items = self._by_convention.get(convention.folder, [])
        actions = [self.action(a) for a in items]
        kind = convention.type or ""
        execution = next(
            (c for c in self.figures.execution.conventions if c.convention is convention), None
        )
        return ConventionBilan(
            id=convention.id,
            titre=convention.titre,
            type_libelle=CONVENTION_TYPES.get(kind, kind or "Convention"),
            signataires=tuple(self.partner(p) for p in convention.signataires),
            axes=self._axes([(i.axis, a) for i, a in zip(items, actions, strict=True)]),
            montants=_amounts(execution.flow) if execution else _amounts(_empty_flow()),
            hors_actions=self._whole(item),
            parite=self._parity(convention, actions, item),
            signes=tuple(
                Signe(
                    self.partner(f.funder),
                    _first(f.flow.signed),
                    f.flow.committed[0],
                    f.flow.paid[0],
                )
                for f in (execution.funders if execution else ())
            ),
            avenants=tuple(
                Avenant(a.numero, a.date, a.objet)
                for a in convention.amendments
                if a.date is not None and a.date.year == self.year
            ),
            nb_actions=len(actions),
            nb_indicateurs=sum(len(a.indicateurs) for a in actions),
        )

    def _whole(self, item: fig.ConventionFigures) -> tuple[FinanceurAction, ...]:
        found = []
        for funder, amounts in item.whole:
            paid = sum(
                (
                    c.paid(self.year)
                    for c in self.model.financial_by_convention.get(item.convention.id, ())
                    if c.partner_id == funder
                ),
                ZERO,
            )
            found.append(FinanceurAction(self.partner(funder), amounts[0], paid, amounts[0] - paid))
        return tuple(found)

    def _axes(self, actions: Sequence[tuple[str | None, ActionBilan]]) -> tuple[AxeBilan, ...]:
        grouped: dict[str | None, list[ActionBilan]] = {}
        for axis, action in actions:
            grouped.setdefault(axis, []).append(action)
        pact_axes = self.model.pact.axes if self.model.pact else []
        order: list[str | None] = [a.id for a in pact_axes if a.id in grouped]
        order += sorted((k for k in grouped if k not in order and k), key=str)
        if None in grouped:
            order.append(None)
        return tuple(self._axis(axis_id, grouped[axis_id]) for axis_id in order)

    def _axis(self, axis_id: str | None, actions: list[ActionBilan]) -> AxeBilan:
        found = self.model.axes_by_id.get(axis_id) if axis_id else None
        if found is None:
            label = f"Axe « {axis_id} »" if axis_id else "Actions sans axe connu"
            return AxeBilan(axis_id or "", None, label, tuple(actions), _sum(actions))
        return AxeBilan(found.id, found.numero, found.label, tuple(actions), _sum(actions))

    def action(self, item: fig.ActionFigures) -> ActionBilan:
        action = item.action
        flow = self._flows.get(action.id) or _empty_flow()
        paid = dict(item.plan.paid)
        funders = tuple(
            FinanceurAction(
                self.partner(funder),
                amounts[0],
                paid.get(funder, (ZERO,))[0],
                amounts[0] - paid.get(funder, (ZERO,))[0],
            )
            for funder, amounts in item.plan.funders
            if amounts[0] or paid.get(funder, (ZERO,))[0]
        )
        return ActionBilan(
            id=action.id,
            titre=action.titre,
            convention=item.convention_id,
            fichier=action.origin.file,
            nature_libelle=ACTION_NATURES.get(action.nature) if action.nature else None,
            pilote=self.partner(action.pilote),
            statut=item.status or "inconnu",
            statut_libelle=status_label(item.status),
            en_retard=item.status == Status.LATE,
            motif=action.motif,
            montants=_amounts(flow),
            financeurs=funders,
            indicateurs=tuple(
                self.indicator(i)
                for i in action.indicators
                if self.year in i.cibles or self.year in i.realise
            ),
        )

    def indicator(self, indicator: Indicator) -> IndicateurBilan:
        target, actual = indicator.cibles.get(self.year), indicator.realise.get(self.year)
        ratio = (
            fig.attainment(target, actual, indicator.sens)
            if target is not None and actual is not None
            else None
        )
        over = self.year < self.as_of.year
        missed = (
            over and target is not None and (actual is None or (ratio is not None and ratio < 1))
        )
        return IndicateurBilan(
            id=indicator.id,
            libelle=indicator.libelle,
            unite=indicator.unite,
            sens_libelle=DIRECTIONS.get(indicator.sens, indicator.sens),
            cible=target,
            realise=actual,
            ecart=actual - target if target is not None and actual is not None else None,
            atteinte=ratio,
            manquee=missed,
        )

    # co-financing

    def _parity(
        self, convention: Convention, actions: Sequence[ActionBilan], item: fig.ConventionFigures
    ) -> Parite | None:
        rule = convention.cofunding
        if rule is None:
            return None
        shares = []
        for funder in rule.funders:
            committed = sum(
                (f.engage for a in actions for f in a.financeurs if f.partenaire.id == funder), ZERO
            ) + sum((f.engage for f in self._whole(item) if f.partenaire.id == funder), ZERO)
            paid = sum(
                (f.verse for a in actions for f in a.financeurs if f.partenaire.id == funder), ZERO
            ) + sum((f.verse for f in self._whole(item) if f.partenaire.id == funder), ZERO)
            shares.append((funder, committed, paid))
        (a, a_committed, a_paid), (b, b_committed, b_paid) = shares
        committed_total, paid_total = a_committed + b_committed, a_paid + b_paid
        gap_committed, gap_paid = abs(a_committed - b_committed), abs(a_paid - b_paid)
        return Parite(
            financeurs=(
                PartParite(
                    self.partner(a),
                    a_committed,
                    a_paid,
                    _rate(a_committed, committed_total),
                    _rate(a_paid, paid_total),
                ),
                PartParite(
                    self.partner(b),
                    b_committed,
                    b_paid,
                    _rate(b_committed, committed_total),
                    _rate(b_paid, paid_total),
                ),
            ),
            echelle=rule.scale,
            tolerance=rule.tolerance,
            ecart_engage=gap_committed,
            ecart_verse=gap_paid,
            atteinte_engage=gap_committed <= rule.tolerance,
            atteinte_verse=gap_paid <= rule.tolerance,
            actions=self._unequal(actions, (a, b), rule.tolerance)
            if rule.scale == "action"
            else (),
        )

    def _unequal(
        self, actions: Sequence[ActionBilan], pair: tuple[str, str], tolerance: Decimal
    ) -> tuple[EcartParite, ...]:
        found = []
        for action in actions:
            money = {f.partenaire.id: f for f in action.financeurs}
            first, second = (money.get(p) for p in pair)
            committed = (first.engage if first else ZERO, second.engage if second else ZERO)
            paid = (first.verse if first else ZERO, second.verse if second else ZERO)
            if abs(committed[0] - committed[1]) > tolerance or abs(paid[0] - paid[1]) > tolerance:
                ref = ActionRef(action.id, action.titre, action.convention)
                found.append(EcartParite(ref, committed, paid))
        return tuple(found)


def _first(values: tuple[Decimal | None, ...] | None) -> Decimal | None:
    return values[0] if values else None


def _empty_flow() -> Flow:
    return Flow((ZERO,), (ZERO,), (ZERO,), (None,))


def _sum(actions: Sequence[ActionBilan]) -> Montants:
    budget = sum((a.montants.budget for a in actions), ZERO)
    committed = sum((a.montants.engage for a in actions), ZERO)
    paid = sum((a.montants.verse for a in actions), ZERO)
    declared = [a.montants.depense for a in actions if a.montants.depense is not None]
    spent = sum(declared, ZERO) if declared else None
    return Montants(
        budget,
        committed,
        paid,
        spent,
        _rate(paid, committed),
        _rate(spent, budget),
        committed - paid,
    )
