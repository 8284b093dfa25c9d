"""The points of a bilan that need a decision: money committed but not paid, actions late,
targets missed or actuals missing (a year that is over), spending not declared (a closed year,
when the pact follows its execution)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pactecli.formatting import euros, number
from pactecli.labels import status_label
from pactecli.model import PactModel, is_closed
from pactecli.report import figures as fig
from pactecli.report.bilan_types import ActionBilan, ConventionBilan, Decision, Decisions
from pactecli.report.context_types import ActionRef, Retard


def decisions(
    model: PactModel,
    figures: fig.Figures,
    conventions: Iterable[ConventionBilan],
    year: int,
    as_of: dt.date,
) -> Decisions:
    unpaid: list[Decision] = []
    targets: list[Decision] = []
    spending: list[Decision] = []
    checks_spending = (
        is_closed(year, as_of) and model.pact is not None and model.pact.execution_since is not None
    )
    for action, ref in _actions(conventions):
        unpaid += _unpaid(ref, action)
        targets += _missed(ref, action, year)
        if checks_spending and action.montants.budget and action.montants.depense is None:
            spending.append(_undeclared(ref, action, year))
    late = tuple(
        Retard(
            _ref(model, i.action.id, i.action.titre), i.fin, i.days, status_label(i.action.statut)
        )
        for i in figures.late
    )
    total = len(unpaid) + len(late) + len(targets) + len(spending)
    return Decisions(tuple(unpaid), late, tuple(targets), tuple(spending), total)


def _actions(conventions: Iterable[ConventionBilan]) -> Iterable[tuple[ActionBilan, ActionRef]]:
    for convention in conventions:
        for axis in convention.axes:
            for action in axis.actions:
                yield action, ActionRef(action.id, action.titre, action.convention)


def _ref(model: PactModel, action_id: str, titre: str) -> ActionRef:
    action = model.actions_by_id.get(action_id)
    convention = model.convention_of(action) if action else None
    return ActionRef(action_id, titre, convention.id if convention else "")


def _undeclared(ref: ActionRef, action: ActionBilan, year: int) -> Decision:
    budget = action.montants.budget
    text = f"dépenses {year} non déclarées (budget {euros(budget)})"
    return Decision("depense-manquante", ref, text, budget)


def _unpaid(ref: ActionRef, action: ActionBilan) -> list[Decision]:
    return [
        Decision(
            "reste-a-verser",
            ref,
            f"{f.partenaire.libelle} : {euros(f.reste_a_verser)} engagés non versés "
            f"(engagé {euros(f.engage)}, versé {euros(f.verse)})",
            f.reste_a_verser,
        )
        for f in action.financeurs
        if f.reste_a_verser > 0
    ]


def _missed(ref: ActionRef, action: ActionBilan, year: int) -> list[Decision]:
    found = []
    for indicator in action.indicateurs:
        if not indicator.manquee or indicator.cible is None:
            continue
        if indicator.realise is None:
            text = (
                f"{indicator.libelle} : réalisé {year} non renseigné (cible "
                f"{number(indicator.cible)} {indicator.unite})"
            )
            found.append(Decision("realise-manquant", ref, text, None, indicator))
        else:
            text = (
                f"{indicator.libelle} : {number(indicator.realise)} {indicator.unite} pour une "
                f"cible de {number(indicator.cible)} {indicator.unite}"
            )
            found.append(Decision("cible-manquee", ref, text, None, indicator))
    return found
