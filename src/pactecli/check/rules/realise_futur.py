"""Une valeur réalisée, une dépense ou un versement postérieurs à la date de situation.

On ne constate pas l'avenir : une valeur `realise` (ou des `depenses`) pour une année qui n'a
pas commencé à la date de situation (`--as-of`, aujourd'hui par défaut) est sans doute une
cible (ou un budget) mal rangée ; un versement ne peut pas être daté après elle.

Correct (au 27 novembre 2026)::

    realise:
      2025: 140
      2026: 150

Refusé (au 27 novembre 2026)::

    realise:
      2027: 160
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.diagnostics import Severity
from pactecli.formatting import long_date
from pactecli.model import PactModel

CODE = "realise-futur"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    today = context.as_of
    for action in model.actions:
        for year in sorted(action.depenses):
            if year > today.year:
                yield Finding(
                    action.origin.locate("depenses", str(year), at_key=True),
                    f"dépenses déclarées pour {year} alors que la situation est arrêtée au "
                    f"{long_date(today)}",
                    "des dépenses futures sont un budget : déplacez-les dans « budget »",
                )
    for contribution in model.contributions():
        for payment in contribution.payments:
            if payment.date > today:
                yield Finding(
                    payment.origin.locate("date"),
                    f"versement daté du {long_date(payment.date)}, après la situation au "
                    f"{long_date(today)}",
                    "n'inscrivez un versement qu'une fois fait ; vérifiez sa date",
                )
    for action in model.actions:
        for indicator in action.indicators:
            for year in indicator.realise:
                if year > context.as_of.year:
                    yield Finding(
                        indicator.origin.locate("realise", str(year), at_key=True),
                        f"valeur réalisée pour {year} alors que la situation est arrêtée au "
                        f"{long_date(context.as_of)}",
                        "une valeur future est une cible : déplacez-la dans « cibles »",
                    )
