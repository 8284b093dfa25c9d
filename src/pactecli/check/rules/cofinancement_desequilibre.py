"""Les deux cofinanceurs d'une convention ne financent pas à parts égales.

Une convention avec `cofinancement` (le CLS : État et Département, 50/50) exige que les deux
financeurs apportent le même montant, à la `tolerance` près : pour chaque action et chaque
année (`echelle: action`, par défaut), ou sur les totaux annuels de la convention
(`echelle: convention`, contributions à la convention entière comprises). Signalé sur la ligne
de l'année du budget de l'action (échelle action) ou sur le bloc `cofinancement` (échelle
convention) ; le message nomme les deux contributions.

Correct (État 20000 et Département 20000 en 2025 pour l'action)::

    cofinancement:
      financeurs: [etat, departement]

Refusé (État 20000, Département 15000 en 2025)::

    cofinancement:
      financeurs: [etat, departement]
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.check.rules.funding import budget_line, contribution_line
from pactecli.diagnostics import Location, Severity
from pactecli.formatting import euros
from pactecli.model import Action, Contribution, Convention, PactModel

CODE = "cofinancement-desequilibre"
SEVERITY = Severity.ERROR

_ZERO = Decimal(0)


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    if model.has_broken_partner:
        return
    for convention in model.conventions:
        cofunding = convention.cofunding
        if cofunding is None:
            continue
        if cofunding.scale == "convention":
            yield from _convention_scale(model, convention)
        else:
            for action in model.actions_of(convention):
                yield from _action_scale(model, convention, action)


def _shares(
    contributions: list[Contribution], funders: tuple[str, str], year: int
) -> tuple[list[Decimal], list[Contribution]]:
    totals = [_ZERO, _ZERO]
    counted: list[Contribution] = []
    for contribution in contributions:
        if contribution.partner_id in funders and year in contribution.amounts:
            totals[funders.index(contribution.partner_id)] += contribution.amounts[year]
            counted.append(contribution)
    return totals, counted


def _lines(counted: list[Contribution], year: int) -> list[Location]:
    """Looked up only for a finding: locating a line costs a parse of the partner's file."""
    return [contribution_line(contribution, year) for contribution in counted]


def _action_scale(model: PactModel, convention: Convention, action: Action) -> Iterator[Finding]:
    assert convention.cofunding is not None
    funders = convention.cofunding.funders
    contributions = model.financial_by_action.get(action.id, [])
    years = set(action.budget)
    for contribution in contributions:
        if contribution.partner_id in funders:
            years |= set(contribution.amounts)
    for year in sorted(years):
        totals, counted = _shares(contributions, funders, year)
        if abs(totals[0] - totals[1]) <= convention.cofunding.tolerance:
            continue
        lines = _lines(counted, year)
        where = budget_line(action, year) if year in action.budget else lines[0]
        yield Finding(
            where,
            f"en {year}, {_pair(model, funders, totals)} : écart de "
            f"{euros(abs(totals[0] - totals[1]))} pour l'action « {action.id} » alors que la "
            f"convention « {convention.id} » exige des parts égales"
            + (f" ({', '.join(line.short() for line in lines)})" if lines else ""),
            _hint(model, funders, totals, year),
            related=tuple(lines),
        )


def _convention_scale(model: PactModel, convention: Convention) -> Iterator[Finding]:
    assert convention.cofunding is not None
    funders = convention.cofunding.funders
    contributions = [
        c
        for action in model.actions_of(convention)
        for c in model.financial_by_action.get(action.id, [])
    ] + model.financial_by_convention.get(convention.id, [])
    years = sorted({y for c in contributions if c.partner_id in funders for y in c.amounts})
    for year in years:
        totals, counted = _shares(contributions, funders, year)
        if abs(totals[0] - totals[1]) <= convention.cofunding.tolerance:
            continue
        lines = _lines(counted, year)
        yield Finding(
            convention.cofunding.origin.locate(at_key=True),
            f"en {year}, sur l'ensemble de la convention, {_pair(model, funders, totals)} : "
            f"écart de {euros(abs(totals[0] - totals[1]))} alors que les parts doivent être "
            f"égales{_listed(lines)}",
            _hint(model, funders, totals, year),
            related=tuple(lines),
        )


def _listed(lines: list[Location], shown: int = 5) -> str:
    """` (contributions : a.yaml:3, b.yaml:9 et 2 autres)`: where to look, kept short."""
    if not lines:
        return ""
    ordered = sorted(lines, key=lambda line: (line.path, line.line))
    more = f" et {len(ordered) - shown} autres" if len(ordered) > shown else ""
    return f" (contributions : {', '.join(line.short() for line in ordered[:shown])}{more})"


def _name(model: PactModel, partner_id: str) -> str:
    partner = model.partners_by_id.get(partner_id)
    return partner.label if partner else partner_id


def _pair(model: PactModel, funders: tuple[str, str], totals: list[Decimal]) -> str:
    return (
        f"{_name(model, funders[0])} apporte {euros(totals[0])} et "
        f"{_name(model, funders[1])} {euros(totals[1])}"
    )


def _hint(model: PactModel, funders: tuple[str, str], totals: list[Decimal], year: int) -> str:
    low = 0 if totals[0] < totals[1] else 1
    return (
        f"alignez les contributions {year} : {_name(model, funders[low])} passe à "
        f"{euros(totals[1 - low])}, ou {_name(model, funders[1 - low])} à "
        f"{euros(totals[low])}"
    )
