"""Une année hors du pacte, ou un calendrier d'action hors de la période de sa convention.

Les années des budgets, des contributions, des cibles et des valeurs réalisées sont celles du
pacte (`periode` de pacte.yaml) ; la période d'une convention tient dans ces années ; le
calendrier d'une action tient dans la période de sa convention, et les années de son budget et
de ses dépenses dans les années de son calendrier ; l'année qu'honore un versement est une
année du pacte. (L'année de `reference` d'un indicateur peut précéder le
pacte : c'est la situation de départ.)

Correct (pacte 2024-2027)::

    budget:
      2024: 30000
      2027: 30000

Refusé::

    budget:
      2028: 30000
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.diagnostics import Severity
from pactecli.formatting import long_date
from pactecli.layout import Kind
from pactecli.model import Action, Origin, Pact, PactModel, Payment

CODE = "hors-periode"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    pact = model.pact
    if pact is not None and pact.period_known:
        yield from _pact_years(model, pact)
    else:  # the pact's years are unknown: pacte.yaml unread, or its `periode` broken
        causes = [pact.origin.file] if pact else [u.path for u in model.unread_of(Kind.PACT)]
        yield from (Unchecked(cause) for cause in causes)
    years = pact.years if pact is not None else range(0)
    for action in model.actions:
        yield from _calendar(model, action)
        yield from _in_calendar(action, "budget", action.budget, years)
        past = {y: a for y, a in action.depenses.items() if y <= context.as_of.year}
        yield from _in_calendar(action, "depenses", past, years)  # the future: realise-futur


def _calendar(model: PactModel, action: Action) -> Iterator[Finding | Unchecked]:
    """The action's calendar inside its convention's period."""
    convention = model.convention_of(action)
    if convention is None:
        return
    if action.debut is None or action.fin is None:
        yield Unchecked(action.origin.file)
        return
    if convention.debut is None or convention.fin is None:
        yield Unchecked(convention.origin.file)
        return
    if convention.debut <= action.debut <= action.fin <= convention.fin:
        return  # the usual case: no line to look up (finding one costs a parse)
    period = convention.origin.locate("periode", at_key=True)
    span = (
        f"la période de la convention « {convention.id} » ({long_date(convention.debut)} → "
        f"{long_date(convention.fin)}, {period.short()})"
    )
    if not convention.debut <= action.debut <= convention.fin:
        yield Finding(
            action.origin.locate("calendrier", "debut"),
            f"l'action commence le {long_date(action.debut)}, hors de {span}",
            "ramenez le début de l'action dans la période de sa convention",
            related=(period,),
        )
    if not convention.debut <= action.fin <= convention.fin:
        yield Finding(
            action.origin.locate("calendrier", "fin"),
            f"l'action se termine le {long_date(action.fin)}, hors de {span}",
            "ramenez la fin de l'action dans la période de sa convention "
            "(ou prolongez la convention par avenant)",
            related=(period,),
        )


def _in_calendar(
    action: Action, key: str, by_year: dict[int, Decimal], pact_years: range
) -> Iterator[Finding | Unchecked]:
    """A budget or spending year outside the years of the action's own calendar (spec 1.1);
    a year outside the pact is reported as such, once."""
    if not by_year:
        return
    if action.debut is None or action.fin is None:
        yield Unchecked(action.origin.file)
        return
    if action.debut > action.fin:
        return  # an incoherent calendar is `dates-incoherentes`'s problem
    first, last = action.debut.year, action.fin.year
    what = "budget" if key == "budget" else "dépenses"
    for year in sorted(by_year):
        if first <= year <= last or (pact_years and year not in pact_years):
            continue
        calendar = action.origin.locate("calendrier", at_key=True)
        yield Finding(
            action.origin.locate(key, str(year), at_key=True),
            f"{what} pour {year}, hors des années du calendrier de l'action ({first}-{last}, "
            f"{calendar.short()})",
            f"reportez ce montant sur une année de {first} à {last}, ou corrigez le calendrier",
            related=(calendar,),
        )


def _pact_years(model: PactModel, pact: Pact) -> Iterator[Finding]:
    years = pact.years
    for convention in model.conventions:
        for field, day in (("debut", convention.debut), ("fin", convention.fin)):
            if day is not None and day.year not in years:
                period = pact.origin.locate("periode", at_key=True)
                yield Finding(
                    convention.origin.locate("periode", field),
                    f"la convention {_verb(field)} le {long_date(day)}, hors des années du pacte "
                    f"({pact.debut}-{pact.fin}, {period.short()})",
                    "ramenez la période de la convention dans les années du pacte",
                    related=(period,),
                )
    for action in model.actions:
        yield from _years(pact, action.budget, action.origin, ("budget",), "budget")
        yield from _years(pact, action.depenses, action.origin, ("depenses",), "dépenses")
        for indicator in action.indicators:
            yield from _years(pact, indicator.cibles, indicator.origin, ("cibles",), "cible")
            yield from _years(
                pact, indicator.realise, indicator.origin, ("realise",), "valeur réalisée"
            )
    for partner in model.partners:
        for contribution in partner.contributions:
            yield from _years(
                pact, contribution.amounts, contribution.origin, ("montants",), "contribution"
            )
            for payment in contribution.payments:
                if payment.year not in pact.years:
                    yield _payment_year(pact, payment)


def _payment_year(pact: Pact, payment: Payment) -> Finding:
    period = pact.origin.locate("periode", at_key=True)
    where = payment.origin.locate("annee") if payment.origin.known("annee") else None
    return Finding(
        where or payment.origin.locate(),
        f"versement du {long_date(payment.date)} au titre de {payment.year}, hors des années du "
        f"pacte "
        f"({pact.debut}-{pact.fin}, {period.short()})",
        f"indiquez l'année du pacte que le versement honore (annee:, de {pact.debut} à {pact.fin})",
        related=(period,),
    )


def _verb(field: str) -> str:
    return "commence" if field == "debut" else "se termine"


def _years(
    pact: Pact, by_year: Iterable[int], origin: Origin, steps: tuple[str, ...], what: str
) -> Iterator[Finding]:
    for year in by_year:
        if year not in pact.years:
            period = pact.origin.locate("periode", at_key=True)
            yield Finding(
                origin.locate(*steps, str(year), at_key=True),
                f"{what} pour {year}, hors des années du pacte ({pact.debut}-{pact.fin}, "
                f"{period.short()})",
                f"utilisez une année de {pact.debut} à {pact.fin}",
                related=(period,),
            )
