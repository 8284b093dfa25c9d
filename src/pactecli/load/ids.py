"""The ids a pact holds, read quickly and without any check: for shell completion and for the
choices `pacte new` offers.

Partners and actions are named by their files (the layout says so), conventions by their
folders; only `pacte.yaml` (axes, years) and the conventions' files (type, period, objectives)
are parsed, by the strict reader of `documents`, without schema validation. Files are listed
and read through `FolderSnapshot`, so a link leaving the pact is never followed here either,
and a name that is not an identifier (a hostile file name) is never offered to a shell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactecli.layout import Kind, classify, convention_folder, record_name
from pactecli.load import documents
from pactecli.load.sources import FolderSnapshot, Source

IDENTIFIER = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass
class ConventionIds:
    id: str
    type: str = ""
    titre: str = ""
    debut: str = ""
    fin: str = ""
    objectives: dict[str, str] = field(default_factory=dict)  # objective id -> axis id
    objective_titles: dict[str, str] = field(default_factory=dict)


@dataclass
class KnownIds:
    axes: dict[str, str] = field(default_factory=dict)  # axis id -> title
    years: tuple[int, int] | None = None
    conventions: dict[str, ConventionIds] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)  # action id -> convention id
    partners: list[str] = field(default_factory=list)

    def objectives(self, convention: str | None = None) -> list[str]:
        chosen = [self.conventions[convention]] if convention in self.conventions else []
        found = chosen or list(self.conventions.values())
        return [objective for c in found for objective in c.objectives]


def scan(root: Path) -> KnownIds:
    """Every id of the pact at `root`; what cannot be read is simply not offered."""
    known = KnownIds()
    snapshot = FolderSnapshot(root)
    for entry in sorted(snapshot.entries(), key=lambda e: e.path):
        kind = classify(entry.path)
        if kind is None or entry.escapes_root or entry.special or entry.unreadable:
            continue
        name = record_name(entry.path, kind)
        if kind is Kind.PARTNER and name and IDENTIFIER.fullmatch(name):
            known.partners.append(name)
        elif kind is Kind.ACTION and name and IDENTIFIER.fullmatch(name):
            known.actions.setdefault(name, convention_folder(entry.path))
        elif kind is Kind.CONVENTION and name and IDENTIFIER.fullmatch(name):
            known.conventions[name] = _convention(name, _read(snapshot, entry.path, kind))
        elif kind is Kind.PACT:
            _pact(known, _read(snapshot, entry.path, kind))
    return known


def _read(snapshot: FolderSnapshot, path: str, kind: Kind) -> dict[str, Any]:
    try:
        content = snapshot.read(path)
    except OSError:
        return {}
    document, _ = documents.load(Source(path, kind, content))
    data = document.data if document is not None else None
    return data if isinstance(data, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    """A one-line text (titles are shown as completion help: no control character)."""
    if not isinstance(value, str):
        return ""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())[:100]


def _id(value: Any) -> str:
    return value if isinstance(value, str) and IDENTIFIER.fullmatch(value) else ""


def _pact(known: KnownIds, data: dict[str, Any]) -> None:
    for axis in _items(data.get("axes")):
        if _id(axis.get("id")):
            known.axes[axis["id"]] = _text(axis.get("titre_local") or axis.get("titre"))
    period = data.get("periode")
    if isinstance(period, dict):
        start, end = period.get("debut"), period.get("fin")
        if isinstance(start, int) and isinstance(end, int) and 1900 <= start <= end <= 2100:
            known.years = (start, end)


def _convention(name: str, data: dict[str, Any]) -> ConventionIds:
    found_period = data.get("periode")
    period: dict[str, Any] = found_period if isinstance(found_period, dict) else {}
    found = ConventionIds(
        name,
        type=_text(data.get("type")),
        titre=_text(data.get("titre")),
        debut=_text(period.get("debut")),
        fin=_text(period.get("fin")),
    )
    for objective in _items(data.get("objectifs")):
        if _id(objective.get("id")):
            found.objectives[objective["id"]] = _id(objective.get("axe"))
            found.objective_titles[objective["id"]] = _text(objective.get("titre"))
    return found
