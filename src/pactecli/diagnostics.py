"""Diagnostics: the one value every stage produces when something is wrong.

A diagnostic is plain data (code, severity, location, message, hint). Stages collect them; only
reporters turn them into text. Locations are 1-based lines and columns, paths are relative to the
pact root with `/` separators, whatever the operating system.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "avertissement"
    INFO = "info"
    """A note, never a problem: e.g. the checks a broken file kept from being made."""


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int = 1
    column: int = 1
    json_path: str = "$"

    def short(self) -> str:
        """`path:line`, the form messages use to name the other end of a cross-file problem."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    location: Location
    message: str
    hint: str = ""
    related: tuple[Location, ...] = field(default=())

    def sort_key(self) -> tuple[str, bool, int, int, str, str]:
        """By file, then line and column; a file's notes come after its problems."""
        loc = self.location
        return (
            loc.path,
            self.severity is Severity.INFO,
            loc.line,
            loc.column,
            self.code,
            self.message,
        )


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by path, then line and column; drop exact repeats (one problem, one line)."""
    unique = {(d.code, d.location, d.message): d for d in diagnostics}
    return sorted(unique.values(), key=Diagnostic.sort_key)


_LINE_REFERENCE = re.compile(r"(\.ya?ml):\d+(?::\d+)?")


def line_free(message: str) -> str:
    """A message without the `file.yaml:12` line numbers it quotes (they move on any edit)."""
    return _LINE_REFERENCE.sub(r"\1", message)


def problem_key(diagnostic: Diagnostic, path: str | None = None) -> tuple[str, str, str]:
    """What identifies a problem across versions: code, file and message, not its line."""
    return (diagnostic.code, path or diagnostic.location.path, line_free(diagnostic.message))


def quote_value(value: object, limit: int = 80) -> str:
    """Quote a user value in a message, cut to `limit` characters (spec section 7)."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split()) if "\n" in text else text
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"« {text} »"
