"""Round-trip YAML: read a record with its comments and write it back in the canonical style.

ruamel.yaml keeps comments, blank lines, flow or block style and block scalars, which a plain
YAML library throws away. It is configured so that it can never change a value:

- every plain scalar is read as text, exactly as written (`05`, `2024-05-01`, `1e3`, `+4000`
  stay the characters they were), so writing it back plain gives back the very same value
  under pacte's own reading (`pactecli.load.documents`), whatever ruamel's YAML resolver thinks;
- a quoted scalar loses its quotes only when pacte reads the same text unquoted (`"%"`,
  `"05"` or `"true"` keep theirs), and is otherwise written between double quotes.

Imported only by the commands that write YAML (`fmt`, `new`, `init`): `pacte validate` never
pays for ruamel.yaml's import.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from pactecli.load.documents import resolve_plain

#: Long titles stay on one line: ruamel would fold plain scalars at 80 characters.
_WIDTH = 4096


class _TextResolver(VersionedResolver):
    """Every plain scalar is text: pacte's reader, not ruamel's, gives values their type."""

    @property
    def versioned_resolver(self) -> dict[str, Any]:
        return {}


@cache
def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = _WIDTH
    yaml.allow_duplicate_keys = False
    return yaml


@cache
def _analyzer() -> Emitter:
    return Emitter(io.StringIO(), allow_unicode=True)


def load(text: str) -> Any:
    """The record as ruamel's commented mappings, sequences and (quoted) strings."""
    return _yaml().load(text)


def dump(tree: Any) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def can_be_plain(text: str, flow: bool = False, key: bool = False) -> bool:
    """True when `text` may be written unquoted and pacte still reads exactly `text`.

    A key is always read as text (`2024` and `"2024"` are the same year), a value only when it
    does not look like a number, a boolean or null.
    """
    if not key:
        value = resolve_plain(text)
        if not isinstance(value, str) or value != text:
            return False
    analysis = _analyzer().analyze_scalar(text)
    if analysis.empty or analysis.multiline:
        return False
    return bool(analysis.allow_flow_plain if flow else analysis.allow_block_plain)


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML value: plain when possible, else double-quoted with JSON escapes
    (a JSON string is a valid YAML double-quoted scalar)."""
    import json

    return text if can_be_plain(text, flow) else json.dumps(text, ensure_ascii=False)


def _requoted(value: Any, flow: bool, key: bool) -> Any:
    """Quotes only where needed: plain text when pacte reads it the same, else double quotes."""
    if not isinstance(value, SingleQuotedScalarString | DoubleQuotedScalarString):
        return value
    text = str(value)
    return text if can_be_plain(text, flow, key) else DoubleQuotedScalarString(text)


KeyOrder = Callable[[tuple[str, ...], list[str]], list[str]]


def normalize(node: Any, order: KeyOrder, path: tuple[str, ...] = (), flow: bool = False) -> Any:
    """Quotes only where needed everywhere; flow mappings put in `order` (block mappings are
    reordered on the text, with their comments: see `pactecli.author.fmt`)."""
    if isinstance(node, CommentedMap):
        inner = flow or bool(node.fa.flow_style())
        keys = [str(key) for key in node]
        wanted = order(path, keys) if inner else keys
        pairs = [
            (_requoted(key, inner, True), normalize(node[key], order, (*path, str(key)), inner))
            for key in _by_text(node, wanted)
        ]
        comments = dict(node.ca.items)
        for key in list(node):
            del node[key]
        for key, value in pairs:
            node[key] = value
        node.ca.items.clear()
        node.ca.items.update(comments)
        return node
    if isinstance(node, CommentedSeq):
        inner = flow or bool(node.fa.flow_style())
        for index, item in enumerate(node):
            node[index] = normalize(item, order, (*path, "*"), inner)
        return node
    if isinstance(node, LiteralScalarString | FoldedScalarString):
        return node
    return _requoted(node, flow, False)


def _by_text(node: CommentedMap, keys: list[str]) -> list[Any]:
    """The mapping's own key objects (quoted or not) in the order of `keys`."""
    found = {str(key): key for key in node}
    return [found[key] for key in keys]
