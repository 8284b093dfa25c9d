"""Shared wording for the rules that compare an action's funding with its budget."""

from __future__ import annotations

from decimal import Decimal

from pactecli.diagnostics import Location
from pactecli.formatting import euros
from pactecli.model import Action, Contribution, PactModel


def contribution_line(contribution: Contribution, year: int) -> Location:
    return contribution.origin.locate("montants", str(year), at_key=True)


def funding_lines(parts: list[tuple[Contribution, Decimal]], year: int) -> tuple[Location, ...]:
    return tuple(contribution_line(c, year) for c, _ in parts)


def funders_text(model: PactModel, parts: list[tuple[Contribution, Decimal]], year: int) -> str:
    """`État 20 000 € (data/partners/etat.yaml:14), Département …`."""
    if not parts:
        return "aucune contribution financière"
    pieces = []
    for contribution, amount in parts:
        partner = model.partners_by_id.get(contribution.partner_id)
        name = partner.label if partner else contribution.partner_id
        pieces.append(f"{name} {euros(amount)} ({contribution_line(contribution, year).short()})")
    return ", ".join(pieces)


def budget_line(action: Action, year: int) -> Location:
    return action.origin.locate("budget", str(year), at_key=True)


def listed(lines: list[Location], shown: int = 5, empty: str = "") -> str:
    """` (contributions : a.yaml:3, b.yaml:9 et 2 autres)`: where to look, kept short."""
    if not lines:
        return empty
    ordered = sorted(lines, key=lambda line: (line.path, line.line))
    more = f" et {len(ordered) - shown} autres" if len(ordered) > shown else ""
    return f" (contributions : {', '.join(line.short() for line in ordered[:shown])}{more})"
