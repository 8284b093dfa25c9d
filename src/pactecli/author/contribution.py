"""Appending a contribution to a partner's file, leaving every other byte as it was.

The new list item goes right after the last line of the last contribution, at the indentation
of the file's own list; comments, blank lines, quoting and the keys that follow are untouched,
and so are a byte-order mark and CRLF line ends (the new lines use the file's line end).
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from pactecli.author.fmt import last_line
from pactecli.author.records import (
    ContributionFields,
    contribution_block,
    contributions_key,
)
from pactecli.errors import UsageError

_BOM = b"\xef\xbb\xbf"

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def append_contribution(content: bytes, fields: ContributionFields, notes: bool = False) -> bytes:
    """The partner file with one more contribution (the file must read without YAML error);
    `notes` adds the schema's note above each key (the examples of `pacte init`)."""
    bom = _BOM if content.startswith(_BOM) else b""
    text = content[len(bom) :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, MappingNode):
        raise UsageError("le fichier du partenaire ne contient pas une table de clés")
    found = [(key, value) for key, value in root.value if key.value == "contributions"]
    if not found:
        block = [*contributions_key(notes), *contribution_block(fields, 2, 4, notes)]
        at = len(lines)
    else:
        key, value = found[0]
        at, block, lines = _in_list(lines, key, value, fields)
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += newline
    added = [line + newline for line in block]
    return bom + "".join([*lines[:at], *added, *lines[at:]]).encode("utf-8")


def _in_list(
    lines: list[str], key: ScalarNode, value: object, fields: ContributionFields
) -> tuple[int, list[str], list[str]]:
    """Where the new item goes in an existing `contributions:` and at which indentation."""
    column = int(key.start_mark.column)
    if isinstance(value, SequenceNode) and value.value and not value.flow_style:
        dash = int(value.start_mark.column)
        first = value.value[0]
        on_dash_line = first.start_mark.line == value.start_mark.line
        item = int(first.start_mark.column) if on_dash_line else dash + 2
        return last_line(value) + 1, contribution_block(fields, dash, item), lines
    empty_list = isinstance(value, SequenceNode) and not value.value
    empty = isinstance(value, ScalarNode) and value.value == "" and not value.style
    if not (empty or empty_list):
        raise UsageError(
            "les contributions de ce fichier ne sont pas écrites en liste, une par ligne : "
            "la nouvelle contribution n'est pas ajoutée",
            hint="écrivez « contributions: » suivi d'une ligne « - action: … » par "
            "contribution (pacte fmt ne change pas ce choix)",
        )
    line = int(key.start_mark.line)
    if empty_list:  # `contributions: []` becomes `contributions:`, the only bytes changed
        start, end = int(value.start_mark.column), int(value.end_mark.column)  # type: ignore[attr-defined]
        text = lines[line]
        lines = [*lines[:line], text[:start].rstrip(" ") + text[end:], *lines[line + 1 :]]
    return line + 1, contribution_block(fields, column + 2, column + 4), lines
