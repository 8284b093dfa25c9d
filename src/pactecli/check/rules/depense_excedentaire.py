"""Une action a dépensé, pour une année, plus que son budget.

Les `depenses` (ce que l'action a réellement coûté, déclaré par son pilote) dépassent le budget
prévu pour cette année, ou l'année n'a pas de budget. Un avertissement : le dépassement est
peut-être couvert autrement, mais le comité doit le voir. Signalé sur la ligne de l'année des
dépenses.

Correct (budget 40000 en 2025, 38500 dépensés)::

    budget:
      2025: 40000
    depenses:
      2025: 38500

Signalé (42000 dépensés)::

    budget:
      2025: 40000
    depenses:
      2025: 42000
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.check.rules.funding import budget_line
from pactecli.diagnostics import Severity
from pactecli.formatting import euros
from pactecli.model import Action, PactModel


def _in_calendar(action: Action, year: int) -> bool:
    if action.debut is None or action.fin is None:
        return True
    return action.debut.year <= year <= action.fin.year


CODE = "depense-excedentaire"
SEVERITY = Severity.WARNING


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    for action in model.actions:
        for year, spent in sorted(action.depenses.items()):
            if not _in_calendar(action, year) or year > context.as_of.year:
                continue  # hors-periode or realise-futur says which year is wrong
            planned = action.budget.get(year)
            if planned is None and not action.origin.known("budget", str(year)):
                yield Unchecked(action.origin.file)
                continue
            if planned is not None and spent <= planned:
                continue
            where = action.origin.locate("depenses", str(year), at_key=True)
            if planned is None:
                yield Finding(
                    where,
                    f"en {year}, l'action a dépensé {euros(spent)} sans budget prévu pour cette "
                    "année",
                    f"ajoutez {year} au budget de l'action (par avenant si la convention est "
                    "signée), ou vérifiez l'année des dépenses",
                )
                continue
            line = budget_line(action, year)
            yield Finding(
                where,
                f"en {year}, l'action a dépensé {euros(spent)} pour un budget de "
                f"{euros(planned)} ({line.short()}) : {euros(spent - planned)} de plus",
                "expliquez le dépassement au comité de pilotage et, s'il dure, ajustez le budget "
                "par avenant",
                related=(line,),
            )
