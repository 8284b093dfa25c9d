"""What `pacte list` and `pacte show` read: the report's figures and context, computed once.

An `Explorer` holds one `figures.compute` of a selection and the report context built from those
very figures, with indexes by id over both (the context's types carry labels, the figures carry
ids). Every amount `list` and `show` print comes from there, so that they always agree with
`pacte report`; the few figures the report does not have (co-financing parity per year, ceilings
against what is counted, a partner's payments in total) are derived here from the same figures.
Records may be partly unknown (a pact with validation errors): every lookup tolerates it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from pactecli.diagnostics import Diagnostic
from pactecli.errors import EXIT_PROBLEMS, PacteError, UsageError
from pactecli.layout import Kind
from pactecli.load.git import Provenance
from pactecli.model import Convention, PactModel
from pactecli.report import figures as fig
from pactecli.report.context import build_context
from pactecli.report.context_types import (
    ActionVue,
    Axe,
    ContributionsPartenaire,
    ConventionVue,
    ExecutionConvention,
    LigneExecution,
    RapportContexte,
)
from pactecli.report.execution import ConventionExecution, Flow
from pactecli.report.selection import Filters, select

ZERO = Decimal(0)
NBSP = "\u00a0"  # French typography: before « : ; ? ! » and inside « »
#: `list` and `show` do not say which commit the data comes from: git is not asked.
NO_SOURCE = Provenance(None, None, False, True)


class RecordKind(StrEnum):
    """The kinds `pacte show` knows, by the word its `--type` takes."""

    ACTION = "action"
    PARTNER = "partenaire"
    CONVENTION = "convention"


_LAYOUT_KINDS = {
    RecordKind.ACTION: Kind.ACTION,
    RecordKind.PARTNER: Kind.PARTNER,
    RecordKind.CONVENTION: Kind.CONVENTION,
}
_NONE = {
    RecordKind.ACTION: "aucune action",
    RecordKind.PARTNER: "aucun partenaire",
    RecordKind.CONVENTION: "aucune convention",
}
_ARTICLES = {
    RecordKind.ACTION: "une action",
    RecordKind.PARTNER: "un partenaire",
    RecordKind.CONVENTION: "une convention",
}


@dataclass(frozen=True, slots=True)
class PariteAnnee:
    """One year of a co-financed convention: what each co-funder commits, and whether it is
    at parity (`echelle: action`: every action and the money to the convention as a whole;
    `echelle: convention`: the yearly totals), within the tolerance."""

    annee: int
    montants: tuple[Decimal, Decimal]
    ecart: Decimal
    atteinte: bool


@dataclass(frozen=True, slots=True)
class _ConventionParts:
    figures: fig.ConventionFigures
    view: ConventionVue
    execution: ConventionExecution
    execution_view: ExecutionConvention


@dataclass(frozen=True)
class Explorer:
    """One selection's figures and the report context made of them, indexed by id."""

    model: PactModel
    figures: fig.Figures
    context: RapportContexte
    as_of: dt.date

    # --- actions

    @cached_property
    def action_views(self) -> tuple[tuple[Axe, ActionVue], ...]:
        """Every action of the context with its axis, in the order of the files."""
        found = [
            (axis, action)
            for axis in self.context.axes
            for convention in axis.conventions
            for objective in convention.objectifs
            for action in objective.actions
        ]
        rank = {c.id: i for i, c in enumerate(self.model.conventions)}
        return tuple(
            sorted(found, key=lambda pair: (rank.get(pair[1].convention, len(rank)), pair[1].id))
        )

    @cached_property
    def _actions_by_id(self) -> dict[str, tuple[Axe, ActionVue]]:
        index: dict[str, tuple[Axe, ActionVue]] = {}
        for axis, action in self.action_views:
            index.setdefault(action.id, (axis, action))
        return index

    def action(self, action_id: str) -> tuple[Axe, ActionVue] | None:
        return self._actions_by_id.get(action_id)

    @cached_property
    def _plans(self) -> dict[str, fig.Plan]:
        plans: dict[str, fig.Plan] = {}
        for item in self.figures.actions:
            plans.setdefault(item.action.id, item.plan)
        return plans

    def action_funders(self, action_id: str) -> tuple[str, ...]:
        """The ids of the funders of the action's funding table, in the table's order."""
        plan = self._plans.get(action_id)
        return tuple(funder for funder, _ in plan.funders) if plan else ()

    @cached_property
    def _execution_by_action(self) -> dict[str, LigneExecution]:
        return {
            action.id: action.ligne
            for convention in self.context.execution.conventions
            for action in reversed(convention.actions)
        }

    def action_execution(self, action_id: str) -> LigneExecution | None:
        return self._execution_by_action.get(action_id)

    # --- conventions

    @cached_property
    def _conventions(self) -> dict[str, _ConventionParts]:
        """Convention id -> its figures and views (the four lists follow the selection)."""
        joined = zip(
            self.figures.conventions,
            self.context.conventions,
            self.figures.execution.conventions,
            self.context.execution.conventions,
            strict=True,
        )
        index: dict[str, _ConventionParts] = {}
        for parts in joined:
            index.setdefault(parts[0].convention.id, _ConventionParts(*parts))
        return index

    def convention_ids(self) -> list[str]:
        return list(self._conventions)

    def convention_view(self, convention_id: str) -> ConventionVue | None:
        found = self._conventions.get(convention_id)
        return found.view if found else None

    def convention_funders(self, convention_id: str) -> tuple[str, ...]:
        """The ids of the funders of the convention's funding table, in the table's order."""
        found = self._conventions.get(convention_id)
        return tuple(funder for funder, _ in found.figures.plan.funders) if found else ()

    def convention_execution(self, convention_id: str) -> ExecutionConvention | None:
        found = self._conventions.get(convention_id)
        return found.execution_view if found else None

    def funder_flows(self, convention_id: str) -> Iterator[tuple[str, Flow, LigneExecution]]:
        """Each funder of the convention (its actions and itself as a whole): id, figures, view."""
        found = self._conventions.get(convention_id)
        if found is None:
            return
        yield from (
            (funder.funder, funder.flow, line)
            for funder, line in zip(
                found.execution.funders, found.execution_view.financeurs, strict=True
            )
        )

    def signed_total(self, convention: Convention) -> Decimal | None:
        """The amounts of the signed annex (`engagements`) over the selection's years."""
        if not convention.engagements:
            return None
        years = self.figures.years
        return sum(
            (
                amount
                for annex in convention.engagements.values()
                for year, amount in annex.items()
                if year in years
            ),
            ZERO,
        )

    def parity(self, convention: Convention) -> tuple[PariteAnnee, ...]:
        """Year by year, the two co-funders' engagé and whether parity is achieved (empty for a
        convention without `cofinancement`); only years where either of them commits money."""
        cofunding = convention.cofunding
        if cofunding is None:
            return ()
        first, second = cofunding.funders
        committed = {funder: flow.committed for funder, flow, _ in self.funder_flows(convention.id)}
        width = len(self.figures.years)
        a = committed.get(first, (ZERO,) * width)
        b = committed.get(second, (ZERO,) * width)
        found = []
        for i, year in enumerate(self.figures.years):
            if not a[i] and not b[i]:
                continue
            if cofunding.scale == "convention":
                balanced = abs(a[i] - b[i]) <= cofunding.tolerance
            else:
                balanced = all(
                    abs(x - y) <= cofunding.tolerance
                    for x, y in self._cofunder_pairs(convention, first, second, i)
                )
            found.append(PariteAnnee(year, (a[i], b[i]), a[i] - b[i], balanced))
        return tuple(found)

    def _cofunder_pairs(
        self, convention: Convention, first: str, second: str, i: int
    ) -> Iterator[tuple[Decimal, Decimal]]:
        """The two co-funders' amounts in year `i`, per action of the convention, then to the
        convention as a whole (the rule `cofinancement-desequilibre` compares each pair)."""
        found = self._conventions.get(convention.id)
        rows = [
            dict(item.plan.funders)
            for item in self.figures.actions
            if item.action.convention_folder == convention.folder
        ]
        rows += [dict(found.figures.whole)] if found else []
        for funders in rows:
            x, y = funders.get(first), funders.get(second)
            yield (x[i] if x else ZERO), (y[i] if y else ZERO)

    # --- partners

    @cached_property
    def _blocks(self) -> dict[str, ContributionsPartenaire]:
        ids = (partner for partner, _ in self.figures.contributions)
        return dict(zip(ids, self.context.partenaires, strict=True))

    def partner_block(self, partner_id: str) -> ContributionsPartenaire | None:
        return self._blocks.get(partner_id)

    @cached_property
    def _paid_by_partner(self) -> dict[str, Decimal]:
        paid: dict[str, Decimal] = {}
        for convention in self.figures.execution.conventions:
            for funder in convention.funders:
                paid[funder.funder] = paid.get(funder.funder, ZERO) + sum(funder.flow.paid, ZERO)
        return paid

    def partner_paid(self, partner_id: str) -> Decimal:
        """Versé by the partner over the selection's years, to every convention it funds."""
        return self._paid_by_partner.get(partner_id, ZERO)

    def partner_targets(self, partner_id: str) -> set[str]:
        """The actions the partner contributes anything to (any nature)."""
        contributions = dict(self.figures.contributions).get(partner_id, ())
        return {c.action for c in contributions if c.action is not None}

    def led_by(self, partner_id: str) -> list[ActionVue]:
        return [action for _, action in self.action_views if action.pilote.id == partner_id]


def explore(
    model: PactModel, diagnostics: list[Diagnostic], filters: Filters, as_of: dt.date
) -> Explorer:
    """The figures of the filtered selection, and their context, computed once."""
    figures = fig.compute(select(model, filters), as_of)
    context = build_context(model, diagnostics, filters, as_of, NO_SOURCE, figures=figures)
    return Explorer(model, figures, context, as_of)


# --- finding a record by its id ---------------------------------------------------------------


class UnreadRecord(PacteError):
    """The record exists but its file could not be read: nothing to show (exit 1)."""

    exit_code = EXIT_PROBLEMS


def _read_ids(model: PactModel, kind: RecordKind) -> set[str]:
    if kind is RecordKind.ACTION:
        return set(model.actions_by_id)
    if kind is RecordKind.PARTNER:
        return set(model.partners_by_id)
    return set(model.conventions_by_id)


def resolve(model: PactModel, record_id: str, wanted: RecordKind | None) -> RecordKind:
    """The kind of the record `record_id` names; misuse (exit 2) when none or several do."""
    holding = [kind for kind in RecordKind if record_id in _read_ids(model, kind)]
    found = [kind for kind in holding if wanted in (None, kind)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        articles = [_ARTICLES[kind] for kind in found]
        what = ", ".join(articles[:-1]) + " et " + articles[-1]
        options = " ou ".join(f"--type {kind.value}" for kind in found)
        raise UsageError(
            f"{_quoted(record_id)} est à la fois {what}", hint=f"précisez lequel avec {options}"
        )
    kinds = [wanted] if wanted is not None else list(RecordKind)
    layout_kinds = {_LAYOUT_KINDS[kind] for kind in kinds}
    unread = [u for u in model.unread if u.id == record_id and u.kind in layout_kinds]
    if unread:
        raise UnreadRecord(
            f"le fichier {unread[0].path} n'a pas pu être lu{NBSP}: rien à montrer de "
            f"{_quoted(record_id)}",
            hint=f"pacte validate dit pourquoi{NBSP}; corrigez le fichier puis relancez",
        )
    if holding:  # `--type` names another kind than the record's
        other = holding[0]
        raise UsageError(
            f"{_NONE[kinds[0]]} {_quoted(record_id)} dans ce pacte",
            hint=f"{_quoted(record_id)} est {_ARTICLES[other]}{NBSP}: --type {other.value}",
        )
    raise _unknown(model, record_id, kinds)


def _unknown(model: PactModel, record_id: str, kinds: list[RecordKind]) -> UsageError:
    from pactecli.suggest import Suggester

    known: set[str] = set()
    for kind in kinds:
        known |= _read_ids(model, kind)
    closest = Suggester(known).closest(record_id)
    what = (
        _NONE[kinds[0]]
        if len(kinds) == 1
        else "aucune action, aucun partenaire ni aucune convention"
    )
    hint = (
        f"vouliez-vous dire {_quoted(closest)}{NBSP}?"
        if closest
        else f"les identifiants{NBSP}: pacte list actions, pacte list partenaires, "
        "pacte list conventions"
    )
    return UsageError(f"{what} {_quoted(record_id)} dans ce pacte", hint=hint)


def _quoted(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"
