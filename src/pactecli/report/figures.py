"""The figures of `pacte report`: selections, sums, progress and points needing attention.

Pure functions over a `PactModel`: no formatting, no I/O. Money is `Decimal` and every sum
starts from `Decimal(0)`, so totals are exact. A `Selection` is the part of the pact a report
shows (filters by convention, axis, partner and year); every aggregate is computed on a
selection, so every total follows the filters.

Records may be inconsistent when a report is forced over validation errors (`--force`): every
lookup here tolerates an unknown id instead of failing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from pactecli.errors import UsageError
from pactecli.model import Action, Contribution, Convention, Indicator, PactModel
from pactecli.suggest import did_you_mean

ZERO = Decimal(0)
DONE_STATUSES = frozenset(("realise", "abandonne"))
LATE = "en_retard"
ATTAINMENT_THRESHOLD = Decimal("0.8")
ENDING_SOON_DAYS = 90


# --- selection -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What `--convention`, `--axe`, `--partenaire` and `--annee` ask to keep (None: all)."""

    convention: str | None = None
    axe: str | None = None
    partenaire: str | None = None
    annee: int | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.convention, self.axe, self.partenaire, self.annee))


@dataclass(frozen=True)
class Selection:
    """The part of the pact a report covers; money totals count only `partner`'s money if set."""

    model: PactModel
    years: tuple[int, ...]
    conventions: tuple[Convention, ...]
    actions: tuple[Action, ...]
    partner: str | None = None
    axis: str | None = None
    _memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def counts_money_of(self, partner_id: str) -> bool:
        return self.partner is None or partner_id == self.partner


def pact_years(model: PactModel) -> tuple[int, ...]:
    """The pact's years; without a readable pacte.yaml, the years that carry money."""
    if model.pact is not None:
        return tuple(model.pact.years)
    years = {y for a in model.actions for y in a.budget}
    years |= {y for c in model.contributions() for y in c.amounts}
    return tuple(sorted(years))


def check_filters(model: PactModel, filters: Filters) -> None:
    """Unknown ids and years outside the pact are misuse (exit 2), with a suggestion."""
    known: dict[str, tuple[str | None, list[str]]] = {
        "--convention": (filters.convention, list(model.conventions_by_id)),
        "--axe": (filters.axe, list(model.axes_by_id)),
        "--partenaire": (filters.partenaire, list(model.partners_by_id)),
    }
    for option, (wanted, index) in known.items():
        if wanted is not None and wanted not in index:
            hint = did_you_mean(wanted, index) or "identifiants connus : " + ", ".join(
                sorted(index)
            )
            raise UsageError(f"{option} : « {wanted} » n'existe pas dans ce pacte", hint=hint)
    years = pact_years(model)
    if filters.annee is not None and filters.annee not in years:
        span = f"{years[0]}-{years[-1]}" if years else "aucune année"
        raise UsageError(
            f"--annee : {filters.annee} est hors de la période du pacte ({span})",
            hint="choisissez une année de la période du pacte",
        )


def _axis_of(model: PactModel, action: Action) -> str | None:
    objective = model.objectives_by_id.get(action.objectif)
    return objective.axe if objective is not None else None


def involves(model: PactModel, action: Action, partner_id: str) -> bool:
    """The partner leads the action, takes part in it, or contributes anything to it."""
    if action.pilote == partner_id or partner_id in action.partenaires:
        return True
    partner = model.partners_by_id.get(partner_id)
    return partner is not None and any(c.action == action.id for c in partner.contributions)


def _active_in(action: Action, year: int) -> bool:
    return action.debut.year <= year <= action.fin.year or year in action.budget


def select(model: PactModel, filters: Filters) -> Selection:
    """Keep what the filters ask; the caller has run `check_filters` first."""
    years = pact_years(model)
    if filters.annee is not None:
        years = (filters.annee,)
    actions = [a for a in model.actions if _keeps(model, a, filters)]
    kept_folders = {a.convention_folder for a in actions}
    conventions = [
        c for c in model.conventions if _keeps_convention(model, c, filters, kept_folders)
    ]
    return Selection(
        model, years, tuple(conventions), tuple(actions), filters.partenaire, filters.axe
    )


def _keeps(model: PactModel, action: Action, filters: Filters) -> bool:
    convention = model.convention_of(action)
    if filters.convention is not None and (
        convention is None or convention.id != filters.convention
    ):
        return False
    if filters.axe is not None and _axis_of(model, action) != filters.axe:
        return False
    if filters.partenaire is not None and not involves(model, action, filters.partenaire):
        return False
    return filters.annee is None or _active_in(action, filters.annee)


def _keeps_convention(
    model: PactModel, convention: Convention, filters: Filters, kept_folders: set[str]
) -> bool:
    if convention.folder in kept_folders:
        return True
    if filters.convention is not None and convention.id != filters.convention:
        return False
    if filters.axe is not None and all(o.axe != filters.axe for o in convention.objectives):
        return False
    if filters.partenaire is not None:
        return filters.partenaire in convention.signataires or any(
            c.convention == convention.id
            for c in model.contributions()
            if c.partner_id == filters.partenaire
        )
    return filters.annee is None or convention.debut.year <= filters.annee <= convention.fin.year


# --- money ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Money:
    """One amount of one financial contribution for one year, with what it funds."""

    funder: str
    year: int
    amount: Decimal
    action: Action | None
    convention_id: str | None
    axis: str | None


def money(selection: Selection) -> tuple[Money, ...]:
    """Every amount the selection counts: its actions' funding, and money given to a selected
    convention as a whole (except under an axis filter: such money belongs to no axis).
    Computed once per selection (every total reads it)."""
    memo = selection._memo.get("money")
    if memo is None:
        memo = selection._memo["money"] = tuple(_money(selection))
    return memo  # type: ignore[return-value]


def _money(selection: Selection) -> Iterator[Money]:
    model = selection.model
    years = set(selection.years)
    for action in selection.actions:
        convention = model.convention_of(action)
        axis = _axis_of(model, action)
        for contribution in model.financial_by_action.get(action.id, []):
            if not selection.counts_money_of(contribution.partner_id):
                continue
            for year, amount in contribution.amounts.items():
                if year in years:
                    convention_id = convention.id if convention else None
                    yield Money(contribution.partner_id, year, amount, action, convention_id, axis)
    if selection.axis is not None:
        return
    for convention in selection.conventions:
        for contribution in model.financial_by_convention.get(convention.id, []):
            if selection.counts_money_of(contribution.partner_id):
                for year, amount in contribution.amounts.items():
                    if year in years:
                        yield Money(
                            contribution.partner_id, year, amount, None, convention.id, None
                        )


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, start=ZERO)


def total_committed(selection: Selection) -> Decimal:
    return total(m.amount for m in money(selection))


def by_funder(selection: Selection) -> dict[str, Decimal]:
    """Money per funder id, largest first (ties by id)."""
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for item in money(selection):
        sums[item.funder] += item.amount
    return dict(sorted(sums.items(), key=lambda kv: (-kv[1], kv[0])))


def by_year(selection: Selection) -> dict[int, Decimal]:
    sums = {year: ZERO for year in selection.years}
    for item in money(selection):
        sums[item.year] += item.amount
    return sums


def by_axis(selection: Selection) -> dict[str | None, dict[int, Decimal]]:
    """Money per axis id and year; `None` gathers money given to a convention as a whole."""
    sums: dict[str | None, dict[int, Decimal]] = {}
    for item in money(selection):
        row = sums.get(item.axis)
        if row is None:
            row = sums[item.axis] = dict.fromkeys(selection.years, ZERO)
        row[item.year] += item.amount
    return sums


def by_convention(
    selection: Selection, actions: bool = True, whole: bool = True
) -> dict[str, dict[str, dict[int, Decimal]]]:
    """Money per convention id, then funder id, then year: to its actions and/or to the
    convention as a whole. The three views are computed together, once per selection."""
    views = selection._memo.get("by_convention")
    if views is None:
        views = selection._memo["by_convention"] = _by_convention(selection)
    return cast(_ConventionViews, views).get((actions, whole), {})


_ConventionViews = dict[tuple[bool, bool], dict[str, dict[str, dict[int, Decimal]]]]


def _by_convention(selection: Selection) -> _ConventionViews:
    """Summed first by (convention, funder, year, to an action or not), in order of first
    appearance, then nested: the nesting walks far fewer sums than there are amounts."""
    flat: dict[tuple[str, str, int, bool], Decimal] = {}
    for item in money(selection):
        if item.convention_id is not None:
            key = (item.convention_id, item.funder, item.year, item.action is not None)
            flat[key] = flat.get(key, ZERO) + item.amount
    views: _ConventionViews = {(True, True): {}, (True, False): {}, (False, True): {}}
    for (convention_id, funder, year, to_action), amount in flat.items():
        kind = (True, False) if to_action else (False, True)
        for view in (views[kind], views[(True, True)]):
            funders = view.setdefault(convention_id, {})
            row = funders.get(funder)
            if row is None:
                row = funders[funder] = dict.fromkeys(selection.years, ZERO)
            row[year] += amount
    return views


def budget(action: Action, years: Iterable[int]) -> dict[int, Decimal]:
    return {year: action.budget.get(year, ZERO) for year in years}


def total_budget(selection: Selection) -> Decimal:
    return total(
        amount for a in selection.actions for amount in budget(a, selection.years).values()
    )


def convention_budget(selection: Selection, convention: Convention) -> dict[int, Decimal]:
    """The summed budgets of the convention's selected actions, by year."""
    sums = _budgets_by_folder(selection).get(convention.folder)
    return dict(sums) if sums is not None else {year: ZERO for year in selection.years}


def _budgets_by_folder(selection: Selection) -> dict[str, dict[int, Decimal]]:
    memo = selection._memo.get("budgets_by_folder")
    if memo is None:
        sums: dict[str, dict[int, Decimal]] = {}
        for action in selection.actions:
            row = sums.setdefault(
                action.convention_folder, {year: ZERO for year in selection.years}
            )
            for year in selection.years:
                row[year] += action.budget.get(year, ZERO)
        memo = selection._memo["budgets_by_folder"] = sums
    return cast(dict[str, dict[int, Decimal]], memo)


def action_count(selection: Selection, convention: Convention) -> int:
    """How many selected actions belong to the convention (by its folder)."""
    memo = selection._memo.get("counts_by_folder")
    if memo is None:
        counts: dict[str, int] = defaultdict(int)
        for action in selection.actions:
            counts[action.convention_folder] += 1
        memo = selection._memo["counts_by_folder"] = dict(counts)
    return cast(dict[str, int], memo).get(convention.folder, 0)


def funding_plan(
    model: PactModel, action: Action, years: Iterable[int]
) -> dict[str, dict[int, Decimal]]:
    """The action's funding plan: funder id -> year -> amount, every funder, in file order."""
    wanted = list(years)
    plan: dict[str, dict[int, Decimal]] = {}
    for contribution in model.financial_by_action.get(action.id, []):
        row = plan.get(contribution.partner_id)
        if row is None:
            row = plan[contribution.partner_id] = dict.fromkeys(wanted, ZERO)
        for year in wanted:
            row[year] += contribution.amounts.get(year, ZERO)
    return plan


def total_funded(selection: Selection) -> Decimal:
    """Every funder's money for the selected actions and years (whatever the partner filter):
    compared with `total_budget`, it gives what remains to fund."""
    sums = ZERO
    for action in selection.actions:
        by_year = funded_by_year(selection, action)
        for year in selection.years:
            sums += by_year.get(year, ZERO)
    return sums


def funded(model: PactModel, action: Action, year: int) -> Decimal:
    """Every funder's money for the action in that year (whatever the partner filter)."""
    return total(amount for _, amount in model.funding(action, year))


def funded_by_year(selection: Selection, action: Action) -> dict[int, Decimal]:
    """`funded` for every year the action's contributions name, computed once per action."""
    memo = cast(dict[str, dict[int, Decimal]], selection._memo.setdefault("funded", {}))
    found = memo.get(action.id)
    if found is None:
        found = memo[action.id] = {}
        for contribution in selection.model.financial_by_action.get(action.id, []):
            for year, amount in contribution.amounts.items():
                found[year] = found.get(year, ZERO) + amount
    return found


# --- status --------------------------------------------------------------------------------


def is_late(action: Action, as_of: dt.date) -> bool:
    """Derived, never stored: the end date is past and the action is neither done nor dropped."""
    return action.fin < as_of and action.statut not in DONE_STATUSES


def shown_status(action: Action, as_of: dt.date) -> str:
    return LATE if is_late(action, as_of) else action.statut


def status_counts(selection: Selection, as_of: dt.date) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for action in selection.actions:
        counts[shown_status(action, as_of)] += 1
    return dict(counts)


# --- indicators ----------------------------------------------------------------------------


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


# --- points needing attention --------------------------------------------------------------


@dataclass(frozen=True)
class Late:
    action: Action
    days: int


@dataclass(frozen=True)
class Underfunded:
    action: Action
    year: int
    budget: Decimal
    funded: Decimal

    @property
    def missing(self) -> Decimal:
        return self.budget - self.funded


@dataclass(frozen=True)
class BelowTarget:
    action: Action
    indicator: Indicator
    year: int
    target: Decimal
    actual: Decimal
    ratio: Decimal


@dataclass(frozen=True)
class MissingActual:
    action: Action
    indicator: Indicator
    year: int
    target: Decimal


@dataclass(frozen=True)
class EndingSoon:
    action: Action
    days: int


def late_actions(selection: Selection, as_of: dt.date) -> list[Late]:
    found = [Late(a, (as_of - a.fin).days) for a in selection.actions if is_late(a, as_of)]
    return sorted(found, key=lambda item: (-item.days, item.action.id))


def underfunded(selection: Selection) -> list[Underfunded]:
    found = []
    for action in selection.actions:
        for year in selection.years:
            planned = action.budget.get(year)
            if planned is None:
                continue
            got = funded_by_year(selection, action).get(year, ZERO)
            if got < planned:
                found.append(Underfunded(action, year, planned, got))
    return sorted(found, key=lambda item: (item.year, -item.missing, item.action.id))


def _live(action: Action) -> bool:
    return action.statut != "abandonne"


def below_target(selection: Selection, as_of: dt.date) -> list[BelowTarget]:
    found = []
    for action in filter(_live, selection.actions):
        for indicator in action.indicators:
            for year in past_years(indicator, as_of):
                if year not in selection.years or year not in indicator.realise:
                    continue
                target, actual = indicator.cibles[year], indicator.realise[year]
                ratio = attainment(target, actual, indicator.sens)
                if ratio is not None and ratio < ATTAINMENT_THRESHOLD:
                    found.append(BelowTarget(action, indicator, year, target, actual, ratio))
    return sorted(found, key=lambda item: (item.ratio, item.action.id, item.indicator.id))


def missing_actuals(selection: Selection, as_of: dt.date) -> list[MissingActual]:
    found = []
    for action in filter(_live, selection.actions):
        for indicator in action.indicators:
            for year in past_years(indicator, as_of):
                if year in selection.years and year not in indicator.realise:
                    found.append(MissingActual(action, indicator, year, indicator.cibles[year]))
    return sorted(found, key=lambda item: (item.year, item.action.id, item.indicator.id))


def ending_soon(
    selection: Selection, as_of: dt.date, days: int = ENDING_SOON_DAYS
) -> list[EndingSoon]:
    horizon = as_of + dt.timedelta(days=days)
    found = [
        EndingSoon(a, (a.fin - as_of).days)
        for a in selection.actions
        if as_of <= a.fin <= horizon and a.statut not in DONE_STATUSES
    ]
    return sorted(found, key=lambda item: (item.days, item.action.id))


# --- partners ------------------------------------------------------------------------------


def partner_contributions(selection: Selection) -> dict[str, list[Contribution]]:
    """For each partner shown, its contributions to the selected actions and conventions
    (computed once per selection)."""
    memo = selection._memo.get("partner_contributions")
    if memo is None:
        memo = selection._memo["partner_contributions"] = _partner_contributions(selection)
    return cast(dict[str, list[Contribution]], memo)


def _partner_contributions(selection: Selection) -> dict[str, list[Contribution]]:
    action_ids = {a.id for a in selection.actions}
    convention_ids = {c.id for c in selection.conventions}
    shown: dict[str, list[Contribution]] = {}
    for partner in selection.model.partners:
        if not selection.counts_money_of(partner.id):
            continue
        kept = [
            c
            for c in partner.contributions
            if (c.action is not None and c.action in action_ids)
            or (c.convention is not None and c.convention in convention_ids and not selection.axis)
        ]
        if kept:
            shown[partner.id] = kept
    return shown


def involved_partners(selection: Selection) -> set[str]:
    """Partners that lead, take part in, sign or fund anything the selection shows."""
    ids: set[str] = set()
    for action in selection.actions:
        ids.add(action.pilote)
        ids.update(action.partenaires)
    for convention in selection.conventions:
        ids.update(convention.signataires)
    ids.update(partner_contributions(selection))
    if selection.partner is not None:
        ids &= {selection.partner}
    return ids
