"""Une date de début postérieure à la date de fin, ou des avenants numérotés à rebours.

Concerne la période du pacte (années), la période d'une convention, le calendrier d'une action,
et les avenants : l'avenant n° 2 ne peut pas être daté avant l'avenant n° 1.

Correct::

    calendrier:
      debut: 2024-09-01
      fin: 2027-06-30

Refusé::

    calendrier:
      debut: 2027-06-30
      fin: 2024-09-01
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.diagnostics import Severity
from pactecli.model import PactModel

CODE = "dates-incoherentes"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    pact = model.pact
    if pact is not None and pact.debut > pact.fin:
        yield Finding(
            pact.origin.locate("periode", "fin"),
            f"le pacte finit en {pact.fin}, avant de commencer en {pact.debut}",
            "inversez debut et fin",
        )
    for convention in model.conventions:
        if convention.debut > convention.fin:
            yield Finding(
                convention.origin.locate("periode", "fin"),
                f"la convention finit le {convention.fin}, avant de commencer le "
                f"{convention.debut}",
                "vérifiez les dates ; debut vient avant fin",
            )
        ordered = sorted(convention.amendments, key=lambda a: a.numero)
        for previous, current in itertools.pairwise(ordered):
            if current.numero != previous.numero and current.date < previous.date:
                yield Finding(
                    current.origin.locate("date"),
                    f"l'avenant n° {current.numero} est daté du {current.date}, avant "
                    f"l'avenant n° {previous.numero} ({previous.date})",
                    "numérotez les avenants dans l'ordre de leurs dates",
                    related=(previous.origin.locate("date"),),
                )
    for action in model.actions:
        if action.debut > action.fin:
            yield Finding(
                action.origin.locate("calendrier", "fin"),
                f"l'action finit le {action.fin}, avant de commencer le {action.debut}",
                "vérifiez les dates ; debut vient avant fin",
            )
