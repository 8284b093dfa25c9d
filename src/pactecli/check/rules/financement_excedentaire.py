"""Pour une action et une année, les contributions dépassent le budget.

De l'argent engagé au-delà du coût prévu : soit une contribution est trop forte, soit le budget
n'a pas été mis à jour. Signalé sur la ligne de l'année du budget ; le message nomme chaque
contribution (fichier:ligne).

Correct (budget 2025: 40000 ; État 20000 et Département 20000 en 2025)::

    budget:
      2025: 40000

Refusé (État 25000 et Département 20000 en 2025)::

    budget:
      2025: 40000
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.check.rules.funding import budget_line, funders_text, funding_lines
from pactecli.diagnostics import Severity
from pactecli.formatting import euros
from pactecli.model import PactModel

CODE = "financement-excedentaire"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    years = model.pact.years if model.pact is not None and model.pact.period_known else None
    for action in model.actions:
        for year, budget in action.budget.items():
            if years is not None and year not in years:
                continue  # a year outside the pact is `hors-periode`'s problem, not a gap
            parts = model.funding(action, year)
            total = sum((amount for _, amount in parts), start=budget * 0)
            if total > budget:
                yield Finding(
                    budget_line(action, year),
                    f"en {year}, les contributions ({euros(total)}) dépassent le budget "
                    f"({euros(budget)}) de {euros(total - budget)} : "
                    f"{funders_text(model, parts, year)}",
                    f"réduisez une contribution pour {year} ou augmentez le budget "
                    "(par avenant si la convention est signée)",
                    related=funding_lines(parts, year),
                )
