"""The « Exécution » part of the report's context: a pure mapping of `execution.Execution`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pactecli.labels import status_label
from pactecli.report.context_types import (
    AnneeExecution,
    ExecutionAction,
    ExecutionConvention,
    ExecutionVue,
    LigneExecution,
)
from pactecli.report.execution import Execution, Flow, YearState

ZERO = Decimal(0)
YEAR_WORDS = {YearState.CLOSED: "close", YearState.CURRENT: "en cours", YearState.FUTURE: "à venir"}


def _ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return part / whole


def _sum_known(values: tuple[Decimal | None, ...]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, ZERO) if known else None


def line(label: str, flow: Flow) -> LigneExecution:
    return LigneExecution(
        libelle=label,
        budget=flow.budget,
        engage=flow.committed,
        verse=flow.paid,
        depense=flow.spent,
        signe=flow.signed,
        taux_verse=tuple(_ratio(p, c) for p, c in zip(flow.paid, flow.committed, strict=True)),
        taux_depense=tuple(_ratio(s, b) for s, b in zip(flow.spent, flow.budget, strict=True)),
        total_budget=sum(flow.budget, ZERO),
        total_engage=sum(flow.committed, ZERO),
        total_verse=sum(flow.paid, ZERO),
        total_depense=_sum_known(flow.spent),
        total_signe=_sum_known(flow.signed) if flow.signed is not None else None,
    )


def execution_view(execution: Execution, partner_label: Callable[[str], str]) -> ExecutionVue:
    years = tuple(
        AnneeExecution(year, state.value, YEAR_WORDS[state])
        for year, state in zip(execution.years, execution.states, strict=True)
    )
    conventions = tuple(
        ExecutionConvention(
            id=item.convention.id,
            titre=item.convention.titre,
            total=line(item.convention.titre, item.flow),
            financeurs=tuple(line(partner_label(f.funder), f.flow) for f in item.funders),
            actions=tuple(
                ExecutionAction(
                    id=a.action.id,
                    titre=a.action.titre,
                    statut=a.action.statut or "inconnu",
                    statut_libelle=status_label(a.action.statut),
                    motif=a.action.motif,
                    ligne=line(a.action.titre, a.flow),
                )
                for a in item.actions
            ),
        )
        for item in execution.conventions
    )
    return ExecutionVue(years, line("Total", execution.flow), conventions)
