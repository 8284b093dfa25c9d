"""The layout of a pact repository (spec section 1): record kinds, their places and names.

Pure functions of a root-relative path with `/` separators: no I/O.
"""

from __future__ import annotations

import re
from enum import StrEnum

PACT_FILE = "pacte.yaml"
MAX_RECORD_BYTES = 1024 * 1024


class Kind(StrEnum):
    PACT = "pacte"
    CONVENTION = "convention"
    ACTION = "action"
    PARTNER = "partner"


_RECORD_EXT = r"\.ya?ml"
_LAYOUT = (
    (re.compile(rf"data/partners/([^/]+){_RECORD_EXT}"), Kind.PARTNER),
    (re.compile(rf"data/conventions/([^/]+)/convention{_RECORD_EXT}"), Kind.CONVENTION),
    (re.compile(rf"data/conventions/([^/]+)/actions/([^/]+){_RECORD_EXT}"), Kind.ACTION),
)


def classify(path: str) -> Kind | None:
    """The record kind of a root-relative path, or None when it is not a record position."""
    if path == PACT_FILE:
        return Kind.PACT
    for pattern, kind in _LAYOUT:
        if pattern.fullmatch(path):
            return kind
    return None


def convention_folder(path: str) -> str:
    """`cls` for data/conventions/cls/convention.yaml and for its actions' files."""
    return path.split("/")[2]


def record_name(path: str, kind: Kind) -> str | None:
    """The id a record's place in the layout gives it: file stem, or folder for a convention."""
    if kind is Kind.PACT:
        return None
    if kind is Kind.CONVENTION:
        return convention_folder(path)
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def is_ignored(path: str) -> bool:
    """Files under data/ that are clearly not records: dotfiles (.gitkeep) and Markdown notes."""
    name = path.rsplit("/", 1)[-1]
    return name.startswith(".") or name.lower().endswith(".md")


def kinds_below(folder: str) -> frozenset[Kind]:
    """The record kinds a folder of the layout may hold (what an unreadable folder hides)."""
    parts = folder.strip("/").split("/")
    if parts[0] != "data":
        return frozenset()
    if len(parts) == 1:
        return frozenset((Kind.PARTNER, Kind.CONVENTION, Kind.ACTION))
    if parts[1] == "partners" and len(parts) == 2:
        return frozenset((Kind.PARTNER,))
    if parts[1] != "conventions":
        return frozenset()
    if len(parts) == 2:
        return frozenset((Kind.CONVENTION, Kind.ACTION))
    if len(parts) == 3 or (len(parts) == 4 and parts[3] == "actions"):
        return frozenset((Kind.ACTION,))
    return frozenset()


def is_inside_git(relative: str) -> bool:
    """A path (relative to the pact root) that lies in a `.git` folder: never read."""
    return ".git" in relative.split("/")
