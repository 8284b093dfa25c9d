"""Les deux cofinanceurs d'une convention ne financent pas à parts égales.

Une convention avec `cofinancement` (le CLS : État et Département, 50/50) exige que les deux
financeurs apportent le même montant, à la `tolerance` près : pour chaque action et chaque
année (`echelle: action`, par défaut), ou sur les totaux annuels de la convention
(`echelle: convention`, contributions à la convention entière comprises). À l'échelle action,
leurs contributions à la convention dans son ensemble sont aussi comparées, année par année :
la parité ne peut pas être rompue par là. Signalé sur la ligne de l'année du budget de l'action
(échelle action ; sur la ligne de la contribution pour l'argent versé à la convention entière)
ou sur le bloc `cofinancement` (échelle convention) ; le message nomme les deux contributions.
Tant que l'argent d'un des deux cofinanceurs n'est pas entièrement connu (fichier illisible ou
en erreur), la règle n'est pas vérifiée pour cette convention et une note le dit.

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

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.check.rules.funding import budget_line, contribution_line, listed
from pactecli.diagnostics import Location, Severity
from pactecli.formatting import euros
from pactecli.layout import Kind
from pactecli.model import Action, Contribution, Convention, PactModel

CODE = "cofinancement-desequilibre"
SEVERITY = Severity.ERROR

_ZERO = Decimal(0)


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    for convention in model.conventions:
        cofunding = convention.cofunding
        if cofunding is None:
            continue
        uncertain = _uncertain(model, cofunding.funders)
        if uncertain:
            yield from (Unchecked(cause) for cause in uncertain)
        elif cofunding.scale == "convention":
            yield from _convention_scale(model, convention)
        else:
            for action_id, action in _actions_of(model, convention):
                yield from _action_scale(model, convention, action_id, action)
            yield from _whole_convention(model, convention)


def _uncertain(model: PactModel, funders: tuple[str, str]) -> list[str]:
    """Files that may hold money of either co-funder that nobody can count."""
    unknown = model.partners_with_unknown_money
    causes = [unknown[funder] for funder in funders if funder in unknown]
    if any(funder not in model.partners_by_id for funder in funders):
        causes += [folder.path for folder in model.unlisted_of(Kind.PARTNER)]
    return causes


def _actions_of(model: PactModel, convention: Convention) -> list[tuple[str, Action | None]]:
    """The convention's actions by id, unread ones included (their funding is known)."""
    found: list[tuple[str, Action | None]] = [(a.id, a) for a in model.actions_of(convention)]
    found += [
        (u.id, None)
        for u in model.unread_of(Kind.ACTION)
        if u.id and u.convention_folder == convention.folder
    ]
    return found


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


def _years(contributions: list[Contribution], funders: tuple[str, str]) -> set[int]:
    return {y for c in contributions if c.partner_id in funders for y in c.amounts}


def _lines(counted: list[Contribution], year: int) -> list[Location]:
    """Looked up only for a finding: locating a line costs a parse of the partner's file."""
    return [contribution_line(contribution, year) for contribution in counted]


def _action_scale(
    model: PactModel, convention: Convention, action_id: str, action: Action | None
) -> Iterator[Finding]:
    assert convention.cofunding is not None
    funders = convention.cofunding.funders
    contributions = model.financial_by_action.get(action_id, [])
    budget_years = set(action.budget) if action is not None else set()
    for year in sorted(budget_years | _years(contributions, funders)):
        totals, counted = _shares(contributions, funders, year)
        if abs(totals[0] - totals[1]) <= convention.cofunding.tolerance:
            continue
        lines = _lines(counted, year)
        where = budget_line(action, year) if action and year in action.budget else lines[0]
        yield Finding(
            where,
            f"en {year}, {_pair(model, funders, totals)} : écart de "
            f"{euros(abs(totals[0] - totals[1]))} pour l'action « {action_id} » alors que la "
            f"convention « {convention.id} » exige des parts égales"
            + (f" ({', '.join(line.short() for line in lines)})" if lines else ""),
            _hint(model, funders, totals, year),
            related=tuple(lines),
        )


def _whole_convention(model: PactModel, convention: Convention) -> Iterator[Finding]:
    """Money to the convention as a whole must keep the parity too, year by year."""
    assert convention.cofunding is not None
    funders = convention.cofunding.funders
    contributions = model.financial_by_convention.get(convention.id, [])
    for year in sorted(_years(contributions, funders)):
        totals, counted = _shares(contributions, funders, year)
        if abs(totals[0] - totals[1]) <= convention.cofunding.tolerance:
            continue
        lines = _lines(counted, year)
        yield Finding(
            lines[0],
            f"en {year}, pour la convention « {convention.id} » dans son ensemble, "
            f"{_pair(model, funders, totals)} : écart de "
            f"{euros(abs(totals[0] - totals[1]))} alors que les parts doivent être "
            f"égales{listed(lines)}",
            _hint(model, funders, totals, year),
            related=tuple(lines),
        )


def _convention_scale(model: PactModel, convention: Convention) -> Iterator[Finding]:
    assert convention.cofunding is not None
    funders = convention.cofunding.funders
    contributions = model.financial_to(convention)
    for year in sorted(_years(contributions, funders)):
        totals, counted = _shares(contributions, funders, year)
        if abs(totals[0] - totals[1]) <= convention.cofunding.tolerance:
            continue
        lines = _lines(counted, year)
        yield Finding(
            convention.cofunding.origin.locate(at_key=True),
            f"en {year}, sur l'ensemble de la convention, {_pair(model, funders, totals)} : "
            f"écart de {euros(abs(totals[0] - totals[1]))} alors que les parts doivent être "
            f"égales{listed(lines)}",
            _hint(model, funders, totals, year),
            related=tuple(lines),
        )


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
