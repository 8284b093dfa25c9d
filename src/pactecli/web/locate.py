"""From a problem to the place where it is fixed: the record's page, the form field.

A record is found by the file it was read from (never by a path taken from a request): the
model knows the file of each action, partner and convention. A JSON path (`$.contributions[0]
.montants.2025`) names a form field (`contributions.0.montants.2025`), whose element id is
`champ-contributions-0-montants-2025`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from pactecli.diagnostics import Diagnostic
from pactecli.jsonpath import JsonPath
from pactecli.layout import Kind
from pactecli.model import PactModel

_STEP = re.compile(r"\.([A-Za-z0-9_]+)|\[([0-9]+)\]|\['((?:[^'\\]|\\.)*)'\]")


def parse_json_path(text: str) -> JsonPath:
    """`$.contributions[0].montants.2025` -> `('contributions', 0, 'montants', '2025')`;
    what cannot be read is left out (the record's page is then the destination)."""
    if not text.startswith("$"):
        return ()
    steps: list[str | int] = []
    position = 1
    while position < len(text):
        match = _STEP.match(text, position)
        if match is None:
            break
        name, index, quoted = match.groups()
        if index is not None:
            steps.append(int(index))
        else:
            steps.append(name if name is not None else re.sub(r"\\(.)", r"\1", quoted))
        position = match.end()
    return tuple(steps)


def field_name(path: JsonPath) -> str:
    return ".".join(str(step) for step in path)


def field_id(name: str) -> str:
    """An element id for a field name: letters, digits and dashes only."""
    return "champ-" + re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")


@dataclass(frozen=True)
class RecordRef:
    kind: Kind
    id: str


def records_by_file(model: PactModel) -> dict[str, RecordRef]:
    found: dict[str, RecordRef] = {}
    for action in model.actions:
        found.setdefault(action.origin.file, RecordRef(Kind.ACTION, action.id))
    for partner in model.partners:
        found.setdefault(partner.origin.file, RecordRef(Kind.PARTNER, partner.id))
    for convention in model.conventions:
        found.setdefault(convention.origin.file, RecordRef(Kind.CONVENTION, convention.id))
    return found


_PAGES = {Kind.ACTION: "actions", Kind.PARTNER: "partenaires", Kind.CONVENTION: "conventions"}


def record_url(ref: RecordRef) -> str:
    return f"/{_PAGES[ref.kind]}/{quote(ref.id, safe='', errors='surrogateescape')}"


def form_url(ref: RecordRef, path: JsonPath) -> str | None:
    """The form that edits the value at `path` of the record, or None (no form edits it)."""
    if ref.kind is Kind.ACTION and (not path or path[0] != "indicateurs"):
        return record_url(ref) + "/modifier"
    if ref.kind is Kind.PARTNER and path[:1] == ("contributions",):
        return record_url(ref) + "/contributions"
    if ref.kind is Kind.CONVENTION and path[:1] == ("engagements",):
        return record_url(ref) + "/engagements"
    return None


def file_url(path: str, line: int | None = None) -> str:
    # A file name that is not UTF-8 keeps its bytes (%FF), as the validation read them.
    quoted = quote(path, safe="/", errors="surrogateescape")
    return "/fichier/" + quoted + (f"#ligne-{line}" if line else "")


@dataclass(frozen=True)
class Place:
    """Where a problem is shown and fixed."""

    url: str
    """The form field (writable), else the record's page, else the file at its line."""
    file_url: str


def place(
    diagnostic: Diagnostic, refs: dict[str, RecordRef], writable: bool, fields: set[str] | None
) -> Place:
    location = diagnostic.location
    at_line = file_url(location.path, location.line)
    ref = refs.get(location.path)
    if ref is None:
        return Place(at_line, at_line)
    path = parse_json_path(location.json_path)
    form = form_url(ref, path) if writable else None
    if form is None:
        return Place(record_url(ref) + "#problemes", at_line)
    return Place(f"{form}#{field_id(closest_field(path, fields))}", at_line)


def closest_field(path: JsonPath, fields: set[str] | None) -> str:
    """The field of `path`, or of its closest ancestor that is a field (or group)."""
    steps = list(path)
    while steps:
        name = field_name(tuple(steps))
        if fields is None or name in fields:
            return name
        steps.pop()
    return "formulaire"
