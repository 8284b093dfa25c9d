"""Pour une contribution et une année, les versements dépassent le montant engagé.

Un financeur ne verse pas plus qu'il n'a engagé : pour chaque contribution financière, la somme
des `versements` qui honorent une année (leur `annee`, ou l'année de leur date) ne dépasse pas
le montant de `montants` pour cette année ; un versement pour une année sans montant est donc un
dépassement. Signalé sur le versement qui fait dépasser le montant ; le message donne le total
versé et la ligne du montant engagé.

Correct (20000 engagés pour 2025, versés en deux fois)::

    montants:
      2025: 20000
    versements:
      - {date: 2025-04-15, montant: 12000}
      - {date: 2026-02-10, montant: 8000, annee: 2025}

Refusé (23000 versés pour 20000 engagés)::

    montants:
      2025: 20000
    versements:
      - {date: 2025-04-15, montant: 15000}
      - {date: 2026-02-10, montant: 8000, annee: 2025}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.check.rules.funding import contribution_line
from pactecli.diagnostics import Location, Severity
from pactecli.formatting import euros
from pactecli.model import Contribution, PactModel

CODE = "versement-excedentaire"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    years = model.pact.years if model.pact is not None else range(0)
    for contribution in model.contributions():
        if contribution.payments:
            yield from _payments(model, contribution, years)


def _payments(model: PactModel, contribution: Contribution, years: range) -> Iterator[Finding]:
    by_year: dict[int, Decimal] = {}
    for payment in contribution.payments:
        year = payment.year
        if years and year not in years:
            continue  # a year outside the pact: hors-periode says which year to write
        before = by_year.get(year, Decimal(0))
        by_year[year] = before + payment.amount
        committed = contribution.amounts.get(year)
        if committed is None and not contribution.origin.known("montants", str(year)):
            continue  # that year's amount is unknown: its own schema error says why
        ceiling = committed if committed is not None else Decimal(0)
        if before <= ceiling < by_year[year]:  # the payment that crosses the commitment
            yield _finding(model, contribution, payment.origin.locate(), year, by_year[year])


def _finding(
    model: PactModel, contribution: Contribution, where: Location, year: int, paid: Decimal
) -> Finding:
    committed = contribution.amounts.get(year)
    target = contribution.action or contribution.convention or "?"
    if committed is None:
        what = f"aucun montant n'est engagé pour {year}"
        related: tuple[Location, ...] = (contribution.origin.locate("montants", at_key=True),)
        hint = (
            f"ajoutez {year} aux montants engagés, ou rattachez le versement à son année (annee:)"
        )
    else:
        line = contribution_line(contribution, year)
        what = f"pour {euros(committed)} engagés ({line.short()})"
        related = (line,)
        hint = (
            "vérifiez le montant des versements et l'année qu'ils honorent (annee:), ou relevez "
            "le montant engagé (par avenant si la convention est signée)"
        )
    return Finding(
        where,
        f"versements de {euros(paid)} au titre de {year} pour « {target} », {what}",
        hint,
        related=related,
    )
