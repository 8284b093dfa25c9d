"""Une date de début postérieure à la date de fin, ou des avenants numérotés à rebours.

Concerne la période du pacte (années), la période d'une convention, le calendrier d'une action,
et les avenants : l'avenant n° 2 ne peut pas être daté avant l'avenant n° 1. Une convention ne
peut pas être signée après la fin de sa période, ni modifiée par un avenant daté d'avant sa
signature.

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

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.diagnostics import Severity
from pactecli.formatting import long_date
from pactecli.model import Convention, PactModel

CODE = "dates-incoherentes"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    pact = model.pact
    if pact is not None and pact.period_known and pact.debut > pact.fin:  # type: ignore[operator]
        yield Finding(
            pact.origin.locate("periode", "fin"),
            f"le pacte finit en {pact.fin}, avant de commencer en {pact.debut}",
            "inversez debut et fin",
        )
    for convention in model.conventions:
        yield from _convention(convention)
    for action in model.actions:
        if action.debut is None or action.fin is None:
            yield Unchecked(action.origin.file)
        elif action.debut > action.fin:
            yield Finding(
                action.origin.locate("calendrier", "fin"),
                f"l'action finit le {long_date(action.fin)}, avant de commencer le "
                f"{long_date(action.debut)}",
                "vérifiez les dates ; debut vient avant fin",
            )


def _convention(convention: Convention) -> Iterator[Finding | Unchecked]:
    debut, fin, signed = convention.debut, convention.fin, convention.date_signature
    if debut is None or fin is None:
        yield Unchecked(convention.origin.file)
    elif debut > fin:
        yield Finding(
            convention.origin.locate("periode", "fin"),
            f"la convention finit le {long_date(fin)}, avant de commencer le {long_date(debut)}",
            "vérifiez les dates ; debut vient avant fin",
        )
    if signed is not None and fin is not None and signed > fin:
        yield Finding(
            convention.origin.locate("date_signature"),
            f"la convention est signée le {long_date(signed)}, après la fin de sa période "
            f"({long_date(fin)})",
            "vérifiez la date de signature et la période de la convention",
            related=(convention.origin.locate("periode", "fin"),),
        )
    dated = [a for a in convention.amendments if a.numero is not None and a.date is not None]
    ordered = sorted(dated, key=lambda a: a.numero or 0)
    for previous, current in itertools.pairwise(ordered):
        assert previous.date is not None and current.date is not None
        if current.numero != previous.numero and current.date < previous.date:
            yield Finding(
                current.origin.locate("date"),
                f"l'avenant n° {current.numero} est daté du {long_date(current.date)}, avant "
                f"l'avenant n° {previous.numero} ({long_date(previous.date)})",
                "numérotez les avenants dans l'ordre de leurs dates",
                related=(previous.origin.locate("date"),),
            )
    for amendment in dated:
        assert amendment.date is not None
        if signed is not None and amendment.date < signed:
            yield Finding(
                amendment.origin.locate("date"),
                f"l'avenant n° {amendment.numero} est daté du {long_date(amendment.date)}, "
                f"avant la signature de la convention ({long_date(signed)})",
                "vérifiez la date de l'avenant et la date de signature",
                related=(convention.origin.locate("date_signature"),),
            )
