"""`pacte fmt`: every record in one canonical style, comments kept, values never changed.

The style: keys in the order of the spec (the schemas' order; unknown keys after them, as
written), years in increasing order, 2-space indentation (list items indented under their
key), quotes only where pacte would read the value differently without them, the editor's
`$schema` line first, UTF-8 with `\\n` line ends. Flow or block style and blank lines are the
author's choice and stay.

Block mappings are reordered on the text itself, before ruamel.yaml writes the canonical
style: each key moves with the comment lines written just above it, which is where a reader
expects a comment to belong (ruamel attaches such a comment to whatever precedes it).

Nothing is written unless the result, read by pacte, holds exactly the data the file held
(dictionary order aside): a file fmt cannot format without changing a value is left alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pactecli.author import roundtrip
from pactecli.author.schema_notes import key_order
from pactecli.check.schema import SCHEMA_FILES
from pactecli.layout import Kind
from pactecli.load import documents
from pactecli.load.sources import Source

_YEAR = re.compile(r"[0-9]{4}")
SCHEMA_COMMENT = "# yaml-language-server: $schema="

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def schema_reference(path: str, kind: Kind) -> str:
    """The schema as seen from the record: `../../schemas/partner.schema.json`."""
    return "../" * path.count("/") + "schemas/" + SCHEMA_FILES[kind]


def canonical_order(kind: Kind) -> roundtrip.KeyOrder:
    """Key order of a mapping at a path: years ascending, else the schema's, unknown last."""

    def order(path: tuple[str, ...], keys: list[str]) -> list[str]:
        if all(_YEAR.fullmatch(key) for key in keys):
            return sorted(keys, key=int)
        rank = {key: index for index, key in enumerate(key_order(kind, path))}
        return sorted(keys, key=lambda key: rank.get(key, len(rank)))

    return order


@dataclass(frozen=True, slots=True)
class Formatted:
    """The canonical text of a record, or why it was left alone (`refused`, in French)."""

    text: str = ""
    changed: bool = False
    refused: str = ""


def format_record(path: str, kind: Kind, content: bytes) -> Formatted:
    """The canonical form of one record file; never raises on a bad file."""
    source = Source(path, kind, content)
    document, problems = documents.load(source)
    if document is None or problems:
        return Formatted(
            refused="le fichier a des erreurs de lecture YAML : corrigez-les "
            "d'abord (pacte validate les situe)"
        )
    if not isinstance(document.data, dict):
        return Formatted(refused="le fichier ne contient pas une table de clés")
    try:
        text = format_text(document.content.decode("utf-8"), kind, schema_reference(path, kind))
    except Exception as error:  # a construct ruamel.yaml cannot write back: leave the file
        return Formatted(refused=f"mise en forme impossible ({type(error).__name__})")
    again, problems = documents.load(Source(path, kind, text.encode("utf-8")))
    if again is None or problems or again.data != document.data:
        return Formatted(
            refused="la mise en forme changerait une valeur : le fichier est laissé tel quel "
            "(merci de signaler ce cas)"
        )
    return Formatted(text, text.encode("utf-8") != content)


def format_text(text: str, kind: Kind, schema_ref: str) -> str:
    order = canonical_order(kind)
    reordered = reorder_block_mappings(text, order)
    tree = roundtrip.load(reordered)
    roundtrip.normalize(tree, order)
    return with_schema_line(align_comments(roundtrip.dump(tree)), schema_ref)


def align_comments(text: str) -> str:
    """Each comment line indented like the line it introduces (the next line of data), so
    that re-indented data does not leave its comments at their old columns."""
    lines = text.splitlines(keepends=True)
    literal = _block_scalar_lines(text)
    indent = 0
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        stripped = line.lstrip(" ")
        if index in literal or not stripped.strip():
            continue
        if stripped.startswith("#"):
            lines[index] = " " * indent + stripped
        else:
            indent = len(line) - len(stripped)
    return "".join(lines)


def _block_scalar_lines(text: str) -> set[int]:
    """Lines inside `|` and `>` scalars, where a `#` is text, not a comment."""
    root = yaml.compose(text, Loader=_Loader)
    found: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.style in ("|", ">"):
                last = last_line(node)
                found.update(range(node.start_mark.line + 1, last + 1))
        elif isinstance(node, MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return found


def with_schema_line(text: str, schema_ref: str) -> str:
    """The editor's schema comment as the first line, once, pointing at the right schema."""
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].lstrip().startswith("#"):
        head += 1
    kept = [line for line in lines[:head] if not line.startswith(SCHEMA_COMMENT)]
    return "".join([f"{SCHEMA_COMMENT}{schema_ref}\n", *kept, *lines[head:]])


# --- block mappings, reordered on the text ---------------------------------------------------


def reorder_block_mappings(text: str, order: roundtrip.KeyOrder) -> str:
    """Put the keys of every block mapping in `order`, each with its comment lines."""
    root = yaml.compose(text, Loader=_Loader)
    if root is None:
        return text
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    # Children before parents: a mapping's lines only move inside one entry of its parent,
    # so the parent's boundaries, read before any move, stay true.
    for node, path in _mappings_inner_first(root, ()):
        _reorder(lines, node, order(path, [key.value for key, _ in node.value]))
    return "".join(lines)


Path = tuple[str, ...]


def _mappings_inner_first(node: Node, path: Path) -> Iterator[tuple[MappingNode, Path]]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _mappings_inner_first(value, (*path, str(key.value)))
        if not node.flow_style and len(node.value) > 1:
            yield node, path
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _mappings_inner_first(item, (*path, "*"))


def last_line(node: Node) -> int:
    """The last line (0-based) holding part of `node`'s value."""
    if isinstance(node, ScalarNode):
        end = node.end_mark
        if node.style in ("|", ">") and end.column == 0:
            return int(end.line) - 1
        return int(end.line)
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.line)
    last = node.value[-1]
    return last_line(last[1] if isinstance(node, MappingNode) else last)


def _is_comment(line: str, column: int) -> bool:
    stripped = line.lstrip(" ")
    return stripped.startswith("#") and len(line) - len(stripped) == column


def _reorder(lines: list[str], node: MappingNode, wanted: list[str]) -> None:
    keys = [key.value for key, _ in node.value]
    if wanted == keys:
        return
    starts = [int(key.start_mark.line) for key, _ in node.value]
    column = int(node.value[0][0].start_mark.column)
    if any(b <= a for a, b in itertools.pairwise(starts)):
        return  # not one key per line: leave it to the guard of format_record
    if any(int(key.start_mark.column) != column for key, _ in node.value):
        return
    # Each entry starts at the comment lines written just above its key.
    begins = [starts[0]]
    for index in range(1, len(keys)):
        begin = starts[index]
        floor = last_line(node.value[index - 1][1])
        while begin - 1 > floor and _is_comment(lines[begin - 1], column):
            begin -= 1
        begins.append(begin)
    end = last_line(node.value[-1][1]) + 1
    bounds = [*begins, end]
    spans = {keys[i]: lines[bounds[i] : bounds[i + 1]] for i in range(len(keys))}
    key_offsets = {keys[i]: starts[i] - begins[i] for i in range(len(keys))}
    first = spans[keys[0]][0]
    prefix = first[:column]  # "  - " when the mapping is a list item written `- key: value`
    in_list_item = prefix.strip() == "-"
    if in_list_item:
        spans[keys[0]][0] = " " * column + first[column:]
    moved = [list(spans[key]) for key in wanted]
    if in_list_item:
        offset = key_offsets[wanted[0]]
        moved[0][offset] = prefix + moved[0][offset][column:]
    lines[begins[0] : end] = [line for span in moved for line in span]
