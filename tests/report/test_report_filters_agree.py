"""Every section of a filtered report tells the same figures, and the unfiltered report agrees.

For each filter (`--convention`, `--axe`, `--partenaire`, `--annee`) and each pair of them, on
the small pact and on this repository's Hautes-Alpes data: the key figures, the per-year, axis,
funder and convention breakdowns, every convention table, every action table and every partner
block add up to the same totals, and each action's table is the unfiltered one restricted by
hand to the kept years (with `--partenaire`, the other funders on one row).
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from functools import cache

import pytest
from report_testing import AS_OF_DATE, OUTSIDE_GIT, REPO, SMALL

from pacte_testing import check_pact
from pactecli.report.context import OTHERS, build_context
from pactecli.report.context_types import ActionVue, RapportContexte
from pactecli.report.selection import Filters, pact_years

ZERO = Decimal(0)
PACTS = {"petit": SMALL, "hautes-alpes": REPO}


@cache
def _validation(name: str):  # type: ignore[no-untyped-def]
    return check_pact(PACTS[name], AS_OF_DATE)


def _context(name: str, filters: Filters) -> RapportContexte:
    validation = _validation(name)
    return build_context(validation.model, validation.diagnostics, filters, AS_OF_DATE, OUTSIDE_GIT)


def _filters(name: str) -> list[Filters]:
    model = _validation(name).model
    single: list[dict[str, object]] = [{}]
    single += [{"convention": c} for c in model.conventions_by_id]
    single += [{"axe": a} for a in model.axes_by_id]
    single += [{"partenaire": p} for p in model.partners_by_id]
    single += [{"annee": y} for y in pact_years(model)]
    pairs = [{**a, **b} for a, b in itertools.combinations(single[1:], 2) if not set(a) & set(b)]
    if name != "petit":  # on the large pact, every filter crossed with one year only
        pairs = [f for f in pairs if f.get("annee") == 2025]
    return [Filters(**f) for f in single + pairs]  # type: ignore[arg-type]


def _actions(context: RapportContexte) -> list[ActionVue]:
    return [
        action
        for axis in context.axes
        for convention in axis.conventions
        for objective in convention.objectifs
        for action in objective.actions
    ]


CASES = [(name, f) for name in PACTS for f in _filters(name)]


@pytest.mark.parametrize(("name", "filters"), CASES, ids=lambda v: str(v))
def test_sections_agree(name: str, filters: Filters) -> None:
    context = _context(name, filters)
    figures = context.chiffres
    actions = _actions(context)
    committed = figures.total_engage
    assert sum((p.montant for p in figures.par_financeur), ZERO) == committed
    assert figures.par_annee.total == committed
    assert sum((r.total for r in figures.par_axe), ZERO) == committed
    assert sum((r.total for r in figures.par_convention), ZERO) == committed
    assert sum((b.total for b in context.partenaires), ZERO) == committed
    execution = context.execution
    assert sum((c.total.total_engage for c in execution.conventions), ZERO) == committed
    assert execution.total.total_engage == committed
    assert execution.total.total_budget == figures.total_budget
    gaps = [c.financement.ecart.total for c in context.conventions]
    assert sum(gaps, ZERO) == figures.reste_a_financer
    assert sum((a.financement.ecart.total for a in actions), ZERO) == figures.reste_a_financer
    assert sum((a.financement.budget.total for a in actions), ZERO) == figures.total_budget
    for table in [*(c.financement for c in context.conventions), *(a.financement for a in actions)]:
        columns = zip(*(r.montants for r in table.lignes), strict=True)
        rows = [sum(column, ZERO) for column in columns]
        assert tuple(rows or [ZERO] * len(table.annees)) == table.totaux.montants
        if filters.partenaire is not None:
            assert [r.libelle for r in table.lignes if r.libelle != OTHERS][:1] in (
                [],
                [_label(name, filters.partenaire)],
            )
    if filters.partenaire is not None:
        focus = _label(name, filters.partenaire)
        in_tables = sum(
            (
                r.total
                for c in context.conventions
                for r in c.financement.lignes
                if r.libelle == focus
            ),
            ZERO,
        )
        whole = sum((r.total for c in context.conventions for r in c.hors_actions), ZERO)
        assert in_tables + whole == committed


def _label(name: str, partner_id: str) -> str:
    return _validation(name).model.partners_by_id[partner_id].label


@pytest.mark.parametrize(("name", "filters"), CASES, ids=lambda v: str(v))
def test_action_tables_are_the_unfiltered_ones_restricted(name: str, filters: Filters) -> None:
    context = _context(name, filters)
    everything = {a.id: a for a in _actions(_context(name, Filters()))}
    years = context.annees
    for action in _actions(context):
        whole = everything[action.id].financement
        kept = [whole.annees.index(y) for y in years]
        assert action.financement.totaux.montants == tuple(whole.totaux.montants[i] for i in kept)
        assert action.financement.budget.montants == tuple(whole.budget.montants[i] for i in kept)
        assert action.financement.ecart.montants == tuple(whole.ecart.montants[i] for i in kept)
        if filters.partenaire is None:
            continue
        focus = _label(name, filters.partenaire)
        mine = [r for r in action.financement.lignes if r.libelle == focus]
        theirs = [r for r in whole.lignes if r.libelle == focus]
        assert [r.montants for r in mine] == [tuple(r.montants[i] for i in kept) for r in theirs]
