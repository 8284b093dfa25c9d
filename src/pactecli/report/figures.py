"""The figures of `pacte report`, computed once, in one pass over a selection.

`compute` walks the selected actions once (their funding plans, budgets, statuses, indicators and
the money they count), then the selected conventions once (money given to them as a whole), and
returns a frozen `Figures`: the context of the templates only reads it. Money is `Decimal` and
every sum starts from `Decimal(0)`, so totals are exact; no formatting and no I/O here.

Two kinds of sums, never mixed: money *counted* by the report (with `--partenaire`, that
partner's money only: key figures, shares, totals by year, axis and convention), and money of
*all funders* (every funding table and every "reste à financer", which compare a budget with all
the money it gets, whatever the filter).

Over 400 lines on purpose: the one pass and the types it fills belong together (every sum
of the report is made here and nowhere else).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pactecli.labels import FINISHED, Status
from pactecli.layout import Kind
from pactecli.model import Action, Contribution, Convention, Indicator, PactModel, Unread
from pactecli.report.execution import Collector, Execution
from pactecli.report.selection import Selection, axis_of

ZERO = Decimal(0)
ATTAINMENT_THRESHOLD = Decimal("0.8")
ENDING_SOON_DAYS = 90

Amounts = tuple[Decimal, ...]
"""One amount per year of the selection, in order."""


@dataclass(frozen=True, slots=True)
class Plan:
    """Money by funder (every funder, in the order the files give them) against a budget."""

    funders: tuple[tuple[str, Amounts], ...]
    budget: Amounts
    paid: tuple[tuple[str, Amounts], ...] = ()
    """Money paid by each funder for each year (the year a payment honours), same order."""

    @property
    def funded(self) -> Amounts:
        if not self.funders:
            return tuple(ZERO for _ in self.budget)
        return tuple(
            sum(column, ZERO) for column in zip(*(a for _, a in self.funders), strict=True)
        )

    @property
    def gap(self) -> Amounts:
        """What remains to fund each year (negative: more money than the budget)."""
        return tuple(b - f for b, f in zip(self.budget, self.funded, strict=True))


@dataclass(frozen=True, slots=True)
class ActionFigures:
    action: Action
    convention_id: str
    axis: str | None
    status: str | None
    """As shown: `en_retard` when derived, else the status written (None when unknown)."""
    plan: Plan


@dataclass(frozen=True, slots=True)
class ConventionFigures:
    convention: Convention
    action_count: int
    plan: Plan
    """Money to its selected actions, every funder, against their summed budgets."""
    whole: tuple[tuple[str, Amounts], ...]
    """Money counted for the convention as a whole, by funder (outside any action's plan)."""


@dataclass(frozen=True, slots=True)
class Late:
    action: Action
    fin: dt.date
    days: int


@dataclass(frozen=True, slots=True)
class Underfunded:
    action: Action
    year: int
    budget: Decimal
    funded: Decimal

    @property
    def missing(self) -> Decimal:
        return self.budget - self.funded


@dataclass(frozen=True, slots=True)
class BelowTarget:
    action: Action
    indicator: Indicator
    year: int
    target: Decimal
    actual: Decimal
    ratio: Decimal


@dataclass(frozen=True, slots=True)
class MissingActual:
    action: Action
    indicator: Indicator
    year: int
    target: Decimal


@dataclass(frozen=True, slots=True)
class EndingSoon:
    action: Action
    fin: dt.date
    days: int


@dataclass(frozen=True, slots=True)
class Omissions:
    """What a report forced over errors could not show or count."""

    absent_actions: tuple[Unread, ...]
    """Action files that could not be read: not in any table."""
    partial_files: tuple[str, ...]
    """Files read in part: some of their values are unknown."""
    uncounted: Decimal
    """Money of known contributions to absent actions, in the selection's years."""
    unknown_money: tuple[str, ...]
    """Partner files whose money is (partly) unknown."""

    @property
    def any(self) -> bool:
        return bool(self.absent_actions or self.partial_files or self.unknown_money)


@dataclass(frozen=True)
class Figures:
    years: tuple[int, ...]
    focus: str | None
    """`--partenaire`: the only funder whose money is counted."""
    actions: tuple[ActionFigures, ...]
    conventions: tuple[ConventionFigures, ...]
    committed: Decimal
    budget: Decimal
    funded: Decimal
    by_funder: tuple[tuple[str, Decimal], ...]
    """Counted money per funder, largest first (ties by id)."""
    by_year: Amounts
    by_axis: tuple[tuple[str | None, Amounts], ...]
    """Counted money per axis id; `None` gathers money to conventions as a whole."""
    by_convention: tuple[tuple[str, Amounts], ...]
    statuses: tuple[tuple[str, int], ...]
    late: tuple[Late, ...]
    underfunded: tuple[Underfunded, ...]
    below_target: tuple[BelowTarget, ...]
    missing_actuals: tuple[MissingActual, ...]
    ending_soon: tuple[EndingSoon, ...]
    contributions: tuple[tuple[str, tuple[Contribution, ...]], ...]
    """For each partner shown, its contributions to the selected actions and conventions."""
    involved: frozenset[str]
    omissions: Omissions
    execution: Execution
    """Budget, engagé, versé and dépensé per convention, action and funder."""


# --- status and indicators -------------------------------------------------------------------


def is_late(action: Action, as_of: dt.date) -> bool:
    """Derived, never stored: the end date is past and the action is neither done nor dropped."""
    return action.fin is not None and action.fin < as_of and action.statut not in FINISHED


def shown_status(action: Action, as_of: dt.date) -> str | None:
    return Status.LATE if is_late(action, as_of) else action.statut


def attainment(target: Decimal, actual: Decimal, sens: str) -> Decimal | None:
    """How much of the target is reached, in the indicator's direction: 1 means met.

    `hausse`: actual / target. `baisse` (lower is better, e.g. a delay in days):
    target / actual, so 30 days reached for a 20-day target is 2/3. None when undefined.
    """
    if sens == "baisse":
        if actual == 0:
            return Decimal(1)
        return target / actual
    if target == 0:
        return None
    return actual / target


def past_years(indicator: Indicator, as_of: dt.date) -> list[int]:
    """Target years that are over at the as-of date (their actuals are due)."""
    return sorted(year for year in indicator.cibles if year < as_of.year)


# --- the one pass ----------------------------------------------------------------------------


class _Sums:
    """Counted money, accumulated while walking the selection."""

    def __init__(self, years: tuple[int, ...]) -> None:
        self.index = {year: i for i, year in enumerate(years)}
        self.by_funder: dict[str, Decimal] = defaultdict(lambda: ZERO)
        self.by_year = [ZERO] * len(years)
        self.by_axis: dict[str | None, list[Decimal]] = {}
        self.by_convention: dict[str, list[Decimal]] = {}

    def add(
        self, funder: str, axis: str | None, convention: str, year: int, amount: Decimal
    ) -> None:
        i = self.index[year]
        self.by_funder[funder] += amount
        self.by_year[i] += amount
        row = self.by_axis.get(axis)
        if row is None:
            row = self.by_axis[axis] = [ZERO] * len(self.index)
        row[i] += amount
        row = self.by_convention.get(convention)
        if row is None:
            row = self.by_convention[convention] = [ZERO] * len(self.index)
        row[i] += amount


class _ConventionSums:
    def __init__(self, width: int) -> None:
        self.count = 0
        self.funders: dict[str, list[Decimal]] = {}
        self.budget = [ZERO] * width

    def plan(self) -> Plan:
        ranked = sorted(self.funders.items(), key=lambda kv: (-sum(kv[1], ZERO), kv[0]))
        return Plan(tuple((f, tuple(a)) for f, a in ranked), tuple(self.budget))


def compute(selection: Selection, as_of: dt.date) -> Figures:
    model = selection.model
    years = selection.years
    sums = _Sums(years)
    per_convention: dict[str, _ConventionSums] = defaultdict(lambda: _ConventionSums(len(years)))
    actions: list[ActionFigures] = []
    attention = _Attention(selection, as_of)
    execution = Collector(years, [selection.partner] if selection.partner else None)
    statuses: dict[str, int] = defaultdict(int)
    for action in selection.actions:
        convention = model.convention_of(action)
        convention_id = convention.id if convention else action.convention_folder
        axis = axis_of(model, action)
        plan = _plan(model, action, years)
        for contribution in model.financial_by_action.get(action.id, ()):
            if selection.counts_money_of(contribution.partner_id):
                for year, amount in contribution.amounts.items():
                    if year in sums.index:
                        sums.add(contribution.partner_id, axis, convention_id, year, amount)
        _add_to_convention(per_convention[action.convention_folder], plan)
        status = shown_status(action, as_of)
        statuses[status or "inconnu"] += 1
        attention.visit(action, plan)
        execution.action(action, model.financial_by_action.get(action.id, ()))
        actions.append(ActionFigures(action, convention_id, axis, status, plan))
    conventions = tuple(
        _convention_figures(selection, c, per_convention.get(c.folder), sums)
        for c in selection.conventions
    )
    if selection.axis is None:  # money to a convention as a whole belongs to no axis
        for convention in selection.conventions:
            execution.whole(convention, model.financial_by_convention.get(convention.id, ()))
    budget = sum((b for a in actions for b in a.plan.budget), ZERO)
    funded = sum((f for a in actions for f in a.plan.funded), ZERO)
    by_funder = tuple(sorted(sums.by_funder.items(), key=lambda kv: (-kv[1], kv[0])))
    contributions = _partner_contributions(selection)
    return Figures(
        years=years,
        focus=selection.partner,
        actions=tuple(actions),
        conventions=conventions,
        committed=sum(sums.by_year, ZERO),
        budget=budget,
        funded=funded,
        by_funder=by_funder,
        by_year=tuple(sums.by_year),
        by_axis=tuple((k, tuple(v)) for k, v in sums.by_axis.items()),
        by_convention=tuple((k, tuple(v)) for k, v in sums.by_convention.items()),
        statuses=tuple(statuses.items()),
        late=attention.sorted_late(),
        underfunded=attention.sorted_underfunded(),
        below_target=attention.sorted_below_target(),
        missing_actuals=attention.sorted_missing_actuals(),
        ending_soon=attention.sorted_ending_soon(),
        contributions=contributions,
        involved=_involved(selection, contributions),
        omissions=_omissions(selection),
        execution=execution.result(selection.conventions, as_of),
    )


def _plan(model: PactModel, action: Action, years: tuple[int, ...]) -> Plan:
    """The action's funding plan: every funder, in file order, one amount per year."""
    rows: dict[str, list[Decimal]] = {}
    paid: dict[str, list[Decimal]] = {}
    for contribution in model.financial_by_action.get(action.id, ()):
        row = rows.get(contribution.partner_id)
        if row is None:
            row = rows[contribution.partner_id] = [ZERO] * len(years)
            paid[contribution.partner_id] = [ZERO] * len(years)
        for i, year in enumerate(years):
            amount = contribution.amounts.get(year)
            if amount is not None:
                row[i] += amount
        if contribution.payments:
            by_year = contribution.paid_by_year()
            paid_row = paid[contribution.partner_id]
            for i, year in enumerate(years):
                paid_row[i] += by_year.get(year, ZERO)
    budget = tuple(action.budget.get(year, ZERO) for year in years)
    return Plan(
        tuple((f, tuple(a)) for f, a in rows.items()),
        budget,
        tuple((f, tuple(a)) for f, a in paid.items()),
    )


def _add_to_convention(sums: _ConventionSums, plan: Plan) -> None:
    sums.count += 1
    for i, amount in enumerate(plan.budget):
        sums.budget[i] += amount
    for funder, amounts in plan.funders:
        row = sums.funders.get(funder)
        if row is None:
            row = sums.funders[funder] = [ZERO] * len(amounts)
        for i, amount in enumerate(amounts):
            row[i] += amount


def _convention_figures(
    selection: Selection, convention: Convention, found: _ConventionSums | None, sums: _Sums
) -> ConventionFigures:
    """The convention's tables; its money as a whole is counted here (never under `--axe`:
    such money belongs to no axis)."""
    whole: dict[str, list[Decimal]] = {}
    if selection.axis is None:
        for contribution in selection.model.financial_by_convention.get(convention.id, ()):
            if not selection.counts_money_of(contribution.partner_id):
                continue
            for year, amount in contribution.amounts.items():
                if year in sums.index:
                    sums.add(contribution.partner_id, None, convention.id, year, amount)
                    row = whole.setdefault(contribution.partner_id, [ZERO] * len(sums.index))
                    row[sums.index[year]] += amount
    ranked = sorted(whole.items(), key=lambda kv: (-sum(kv[1], ZERO), kv[0]))
    found = found or _ConventionSums(len(selection.years))
    return ConventionFigures(
        convention, found.count, found.plan(), tuple((f, tuple(a)) for f, a in ranked)
    )


class _Attention:
    """The points needing attention, gathered while visiting each action once."""

    def __init__(self, selection: Selection, as_of: dt.date) -> None:
        self.as_of = as_of
        self.years = selection.years
        self.year_set = frozenset(selection.years)
        self.late: list[Late] = []
        self.underfunded: list[Underfunded] = []
        self.below: list[BelowTarget] = []
        self.missing: list[MissingActual] = []
        self.soon: list[EndingSoon] = []

    def visit(self, action: Action, plan: Plan) -> None:
        fin, as_of = action.fin, self.as_of
        if fin is not None and is_late(action, as_of):
            self.late.append(Late(action, fin, (as_of - fin).days))
        horizon = as_of + dt.timedelta(days=ENDING_SOON_DAYS)
        if fin is not None and action.statut not in FINISHED and as_of <= fin <= horizon:
            self.soon.append(EndingSoon(action, fin, (fin - as_of).days))
        for year, planned, got in zip(self.years, plan.budget, plan.funded, strict=True):
            if year in action.budget and got < planned:
                self.underfunded.append(Underfunded(action, year, planned, got))
        if action.statut != Status.ABANDONED:
            for indicator in action.indicators:
                self._indicator(action, indicator)

    def _indicator(self, action: Action, indicator: Indicator) -> None:
        for year in past_years(indicator, self.as_of):
            if year not in self.year_set:
                continue
            target = indicator.cibles[year]
            actual = indicator.realise.get(year)
            if actual is None:
                self.missing.append(MissingActual(action, indicator, year, target))
                continue
            ratio = attainment(target, actual, indicator.sens)
            if ratio is not None and ratio < ATTAINMENT_THRESHOLD:
                self.below.append(BelowTarget(action, indicator, year, target, actual, ratio))

    def sorted_late(self) -> tuple[Late, ...]:
        return tuple(sorted(self.late, key=lambda item: (-item.days, item.action.id)))

    def sorted_underfunded(self) -> tuple[Underfunded, ...]:
        return tuple(
            sorted(self.underfunded, key=lambda item: (item.year, -item.missing, item.action.id))
        )

    def sorted_below_target(self) -> tuple[BelowTarget, ...]:
        return tuple(
            sorted(self.below, key=lambda item: (item.ratio, item.action.id, item.indicator.id))
        )

    def sorted_missing_actuals(self) -> tuple[MissingActual, ...]:
        return tuple(
            sorted(self.missing, key=lambda item: (item.year, item.action.id, item.indicator.id))
        )

    def sorted_ending_soon(self) -> tuple[EndingSoon, ...]:
        return tuple(sorted(self.soon, key=lambda item: (item.days, item.action.id)))


def _partner_contributions(
    selection: Selection,
) -> tuple[tuple[str, tuple[Contribution, ...]], ...]:
    action_ids = {a.id for a in selection.actions}
    convention_ids = {c.id for c in selection.conventions}
    shown = []
    for partner in selection.model.partners:
        if not selection.counts_money_of(partner.id):
            continue
        kept = tuple(
            c
            for c in partner.contributions
            if (c.action is not None and c.action in action_ids)
            or (c.convention is not None and c.convention in convention_ids and not selection.axis)
        )
        if kept:
            shown.append((partner.id, kept))
    return tuple(shown)


def _involved(
    selection: Selection, contributions: Iterable[tuple[str, tuple[Contribution, ...]]]
) -> frozenset[str]:
    """Partners that lead, take part in, sign or fund anything the selection shows."""
    ids: set[str] = set()
    for action in selection.actions:
        if action.pilote is not None:
            ids.add(action.pilote)
        ids.update(action.partenaires)
    for convention in selection.conventions:
        ids.update(convention.signataires)
    ids.update(partner for partner, _ in contributions)
    if selection.partner is not None:
        ids &= {selection.partner}
    return frozenset(ids)


def _omissions(selection: Selection) -> Omissions:
    model = selection.model
    folders = {c.folder for c in selection.conventions}
    absent = tuple(
        u
        for u in model.unread_of(Kind.ACTION)
        if u.id and (u.convention_folder in folders or not selection.conventions)
    )
    year_set = set(selection.years)
    uncounted = sum(
        (
            amount
            for unread in absent
            for c in model.financial_by_action.get(unread.id or "", ())
            if selection.counts_money_of(c.partner_id)
            for year, amount in c.amounts.items()
            if year in year_set
        ),
        ZERO,
    )
    unread = {u.path for u in model.unread}
    partial = tuple(sorted({path for _, _, path in model.damaged() if path not in unread}))
    return Omissions(absent, partial, uncounted, tuple(model.money_causes))
