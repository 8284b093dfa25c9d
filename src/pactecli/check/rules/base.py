"""What every rule shares: its input context and what it yields.

A rule yields a `Finding` for each problem, and an `Unchecked` when it could not conclude
because a file's content is unknown (unreadable, or a value that breaks the schema): the runner
gathers those into one note per file, so that no check is ever skipped silently.
"""

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


@dataclass(frozen=True, slots=True)
class Unchecked:
    """The rule could not be checked (somewhere) because `cause`'s content is unknown."""

    cause: str


def places(locations: Iterable[Location]) -> str:
    """`data/partners/etat.yaml:12, data/partners/departement.yaml:9` for messages."""
    return ", ".join(location.short() for location in locations)
