"""Une année close sans ses données d'exécution (à partir de `execution.depuis`).

Quand `pacte.yaml` dit `execution: {depuis: 2024}`, chaque année close à partir de 2024 porte
son exécution : une action qui avait un budget cette année-là déclare ses `depenses`, et chaque
contribution financière engagée pour cette année a au moins un versement qui l'honore. Une année
est close à partir du 1er juillet de l'année suivante (les comptes sont alors votés). Une action
`non_demarre` ou `abandonne` à laquelle rien n'était engagé cette année-là en est dispensée.
Un avertissement, signalé sur la ligne de l'année du budget ou du montant engagé.

Correct (au 27 novembre 2026, l'année 2025 est close)::

    budget:
      2025: 40000
    depenses:
      2025: 38500

Signalé (au 27 novembre 2026)::

    budget:
      2025: 40000
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.check.rules.funding import budget_line, contribution_line
from pactecli.diagnostics import Severity
from pactecli.formatting import euros, long_date
from pactecli.labels import Status
from pactecli.model import Action, Contribution, PactModel, is_closed

CODE = "execution-manquante"
SEVERITY = Severity.WARNING

_EXEMPT = (Status.NOT_STARTED, Status.ABANDONED)


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    pact = model.pact
    if pact is None or pact.execution_since is None:
        return
    since, as_of = pact.execution_since, context.as_of
    for action in model.actions:
        for year in sorted(action.budget):
            if year >= since and is_closed(year, as_of):
                yield from _spending(model, action, year, as_of)
    for contribution in model.contributions():
        if not contribution.is_financial:
            continue
        for year, amount in sorted(contribution.amounts.items()):
            if year >= since and is_closed(year, as_of) and amount > 0:
                yield from _payment(contribution, year, amount, as_of)


def _spending(
    model: PactModel, action: Action, year: int, as_of: dt.date
) -> Iterator[Finding | Unchecked]:
    if year in action.depenses:
        return
    if not action.origin.known("depenses", str(year)):
        yield Unchecked(action.origin.file)
        return
    committed = sum((amount for _, amount in model.funding(action, year)), Decimal(0))
    if action.statut in _EXEMPT and not committed:
        return
    yield Finding(
        budget_line(action, year),
        f"{year} est close depuis le {long_date(dt.date(year + 1, 7, 1))} mais l'action ne "
        f"déclare pas ses dépenses de {year} (budget {euros(action.budget[year])})",
        f"ajoutez « depenses: {{{year}: …}} » avec le montant réellement dépensé (0 si rien "
        "ne l'a été)",
    )


def _payment(
    contribution: Contribution, year: int, amount: Decimal, as_of: dt.date
) -> Iterator[Finding | Unchecked]:
    if any(p.year == year for p in contribution.payments):
        return
    if not contribution.payments_known():
        yield Unchecked(contribution.origin.file)
        return
    target = contribution.action or contribution.convention or "?"
    yield Finding(
        contribution_line(contribution, year),
        f"{year} est close mais aucun versement n'honore les {euros(amount)} engagés pour "
        f"« {target} » cette année-là",
        f"ajoutez les versements sous « versements: » (date, montant, et « annee: {year} » "
        "s'ils ont été faits plus tard), ou corrigez le montant engagé s'il n'a pas été versé",
    )
