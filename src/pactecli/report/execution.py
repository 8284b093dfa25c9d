"""Execution figures: budget, engagé, versé and dépensé per action, convention, funder and year.

Three amounts never mixed (spec 1.1): *engagé* (a contribution's `montants`), *versé* (its
`versements`, counted in the year each payment honours) and *dépensé* (an action's `depenses`);
beside them the action's budget and, for a funder of a convention, the amounts it signed in the
financial annex (`engagements`). Collected during the one pass of `figures.compute`. With
`--partenaire`, a convention's and its funders' engagé and versé count that partner's money
only (budget and dépensé stay the actions' own); an action's own row always counts every funder,
as its funding table does, so that its lines add up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pactecli.model import Action, Contribution, Convention, is_closed

ZERO = Decimal(0)


class YearState(StrEnum):
    CLOSED = "close"
    CURRENT = "en_cours"
    FUTURE = "a_venir"


def year_state(year: int, as_of: dt.date) -> YearState:
    """Closed from 1 July of the next year; current until then once begun; else to come."""
    if is_closed(year, as_of):
        return YearState.CLOSED
    return YearState.CURRENT if year <= as_of.year else YearState.FUTURE


@dataclass(frozen=True, slots=True)
class Flow:
    """One thing's execution, one amount per year of the selection."""

    budget: tuple[Decimal, ...]
    committed: tuple[Decimal, ...]
    paid: tuple[Decimal, ...]
    spent: tuple[Decimal | None, ...]
    """None for a year whose spending is not declared (not zero: unknown)."""
    signed: tuple[Decimal | None, ...] | None = None
    """A funder of a convention: the amounts of the signed annex (None: not in it)."""


@dataclass(frozen=True, slots=True)
class ActionExecution:
    action: Action
    flow: Flow


@dataclass(frozen=True, slots=True)
class FunderExecution:
    funder: str
    flow: Flow


@dataclass(frozen=True, slots=True)
class ConventionExecution:
    convention: Convention
    flow: Flow
    funders: tuple[FunderExecution, ...]
    actions: tuple[ActionExecution, ...]


@dataclass(frozen=True, slots=True)
class Execution:
    years: tuple[int, ...]
    states: tuple[YearState, ...]
    flow: Flow
    conventions: tuple[ConventionExecution, ...]


class _Row:
    def __init__(self, width: int) -> None:
        self.budget = [ZERO] * width
        self.committed = [ZERO] * width
        self.paid = [ZERO] * width
        self.spent: list[Decimal | None] = [None] * width

    def add_spent(self, i: int, amount: Decimal) -> None:
        current = self.spent[i]
        self.spent[i] = amount if current is None else current + amount

    def flow(self, signed: tuple[Decimal | None, ...] | None = None) -> Flow:
        return Flow(
            tuple(self.budget), tuple(self.committed), tuple(self.paid), tuple(self.spent), signed
        )


class Collector:
    """Gathers the execution while `figures.compute` visits each action once."""

    def __init__(self, years: tuple[int, ...], counts: Iterable[str] | None) -> None:
        self.years = years
        self.index = {year: i for i, year in enumerate(years)}
        self.focus = frozenset(counts) if counts is not None else None
        self.actions: dict[str, list[ActionExecution]] = {}
        self.rows: dict[str, _Row] = {}
        self.funders: dict[str, dict[str, _Row]] = {}

    def counts(self, funder: str) -> bool:
        return self.focus is None or funder in self.focus

    def _row(self, folder: str) -> _Row:
        row = self.rows.get(folder)
        if row is None:
            row = self.rows[folder] = _Row(len(self.years))
        return row

    def _funder(self, folder: str, funder: str) -> _Row:
        by_funder = self.funders.setdefault(folder, {})
        row = by_funder.get(funder)
        if row is None:
            row = by_funder[funder] = _Row(len(self.years))
        return row

    def action(self, action: Action, contributions: Iterable[Contribution]) -> None:
        own = _Row(len(self.years))
        convention = self._row(action.convention_folder)
        for year, i in self.index.items():
            budget = action.budget.get(year, ZERO)
            own.budget[i] += budget
            convention.budget[i] += budget
            spent = action.depenses.get(year)
            if spent is not None:
                own.add_spent(i, spent)
                convention.add_spent(i, spent)
        for contribution in contributions:
            self._money(contribution, own, action.convention_folder)
        self.actions.setdefault(action.convention_folder, []).append(
            ActionExecution(action, own.flow())
        )

    def whole(self, convention: Convention, contributions: Iterable[Contribution]) -> None:
        """Money given to the convention as a whole: in its totals, in no action's row."""
        for contribution in contributions:
            self._money(contribution, None, convention.folder)

    def _money(self, contribution: Contribution, own: _Row | None, folder: str) -> None:
        rows = [own] if own is not None else []
        if self.counts(contribution.partner_id):
            rows += [self._row(folder), self._funder(folder, contribution.partner_id)]
        paid = contribution.paid_by_year()
        for year, i in self.index.items():
            committed, settled = contribution.amounts.get(year, ZERO), paid.get(year, ZERO)
            for row in rows:
                row.committed[i] += committed
                row.paid[i] += settled

    def result(self, conventions: Iterable[Convention], as_of: dt.date) -> Execution:
        found = []
        total = _Row(len(self.years))
        for convention in conventions:
            row = self.rows.get(convention.folder) or _Row(len(self.years))
            for i in range(len(self.years)):
                total.budget[i] += row.budget[i]
                total.committed[i] += row.committed[i]
                total.paid[i] += row.paid[i]
                if row.spent[i] is not None:
                    total.add_spent(i, row.spent[i] or ZERO)
            funders = tuple(
                FunderExecution(funder, funder_row.flow(self._signed(convention, funder)))
                for funder, funder_row in sorted(
                    self.funders.get(convention.folder, {}).items(),
                    key=lambda kv: (-sum(kv[1].committed, ZERO), kv[0]),
                )
            )
            found.append(
                ConventionExecution(
                    convention,
                    row.flow(),
                    funders,
                    tuple(self.actions.get(convention.folder, ())),
                )
            )
        states = tuple(year_state(year, as_of) for year in self.years)
        return Execution(self.years, states, total.flow(), tuple(found))

    def _signed(self, convention: Convention, funder: str) -> tuple[Decimal | None, ...] | None:
        annex = convention.engagements.get(funder)
        if annex is None:
            return None
        return tuple(annex.get(year) for year in self.years)
