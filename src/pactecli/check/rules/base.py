"""What every rule shares: its input context and what it yields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pactecli.diagnostics import Location


@dataclass(frozen=True, slots=True)
class RuleContext:
    as_of: dt.date


@dataclass(frozen=True, slots=True)
class Finding:
    """Where, what, how to fix, and the other end(s) of a cross-file problem."""

    location: Location
    message: str
    hint: str = ""
    related: tuple[Location, ...] = ()


def places(locations: Iterable[Location]) -> str:
    """`data/partners/etat.yaml:12, data/partners/departement.yaml:9` for messages."""
    return ", ".join(location.short() for location in locations)
