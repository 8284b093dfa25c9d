"""Pour une action et une année, les contributions n'atteignent pas le budget.

Le plan de financement d'une action est la somme des contributions financières que les
partenaires lui consacrent (dans leurs fichiers data/partners/). Signalé sur la ligne de
l'année du budget. (Non concluant tant qu'un fichier de partenaire est illisible : l'argent
manquant y est peut-être : la règle le dit par une note sur ce fichier.)

Correct (budget 2025: 40000 ; État 20000 et Département 20000 en 2025)::

    budget:
      2025: 40000

Signalé (seul l'État contribue, 20000)::

    budget:
      2025: 40000
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.check.rules.funding import budget_line, funders_text, funding_lines
from pactecli.diagnostics import Severity
from pactecli.formatting import euros
from pactecli.model import PactModel

CODE = "financement-incomplet"
SEVERITY = Severity.WARNING


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    uncertain = model.money_causes  # files that may hold money nobody can count
    years = model.pact.years if model.pact is not None and model.pact.period_known else None
    for action in model.actions:
        for year, budget in action.budget.items():
            if years is not None and year not in years:
                continue  # a year outside the pact is `hors-periode`'s problem, not a gap
            parts = model.funding(action, year)
            total = sum((amount for _, amount in parts), start=budget * 0)
            if total < budget and uncertain:
                yield from (Unchecked(cause) for cause in uncertain)
            elif total < budget:
                yield Finding(
                    budget_line(action, year),
                    f"en {year}, les contributions ({euros(total)}) ne couvrent pas le budget "
                    f"({euros(budget)}) : il manque {euros(budget - total)} ; "
                    f"{funders_text(model, parts, year)}",
                    f"ajoutez ou augmentez une contribution financière pour {year} dans le "
                    "fichier d'un partenaire, ou réduisez le budget",
                    related=funding_lines(parts, year),
                )
