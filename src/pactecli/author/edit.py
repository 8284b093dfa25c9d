"""Editing values of an existing record in place, leaving every other byte as it was.

`pacte serve`'s forms change a budget year, a contribution's amount, a signed amount, a status,
a list of partners...: each change is spliced into the text at the position of the value it
replaces (PyYAML's node marks), or inserted as new lines where the key belongs (years in order,
other keys in the order of the schema), or removed with its lines. Comments, blank lines,
quoting, flow or block style, a byte-order mark and CRLF line ends of everything else stay.

Values are written as `pacte new` writes them (`roundtrip.scalar`, `records.amount`): quoted
where pacte would otherwise read them as something else, so a value typed in a form can never
inject YAML. And nothing is returned unless the edited text, read by pacte, holds exactly the
data asked for (the old data with these changes, nothing else): an edit this module cannot make
exactly is refused (`EditRefused`), never approximated.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pactecli.author.fmt import last_line
from pactecli.author.records import amount
from pactecli.author.roundtrip import scalar
from pactecli.author.schema_notes import key_order
from pactecli.errors import UsageError
from pactecli.jsonpath import JsonPath, format_json_path
from pactecli.layout import Kind
from pactecli.load import documents
from pactecli.load.sources import Source

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_BOM = b"\xef\xbb\xbf"
_INDENT = 2

#: How a value is written: text (quoted when needed), a number as typed, or YAML as given.
Style = Literal["texte", "nombre", "brut"]


@dataclass(frozen=True)
class Set:
    """Give the value at `path` (created with its missing keys if absent)."""

    path: JsonPath
    value: str
    style: Style = "texte"


@dataclass(frozen=True)
class Remove:
    """Remove the key (or list item) at `path`; a mapping left empty becomes `{}`, a list `[]`."""

    path: JsonPath


@dataclass(frozen=True)
class SetList:
    """Make the list at `path` hold these texts, in this order."""

    path: JsonPath
    items: tuple[str, ...]


Edit = Set | Remove | SetList


class EditRefused(UsageError):
    """The change cannot be written exactly: nothing is changed."""


def apply(content: bytes, kind: Kind, edits: Sequence[Edit]) -> bytes:
    """The record's bytes with `edits` made; the file must read without YAML error."""
    bom = _BOM if content.startswith(_BOM) else b""
    try:
        text = content[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise _refused("le fichier n'est pas en UTF-8") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    before = _data(text, kind)
    for edit in _ordered(edits):
        text = _Editor(text, kind, newline).make(edit)
    expected = _expected(before, edits)
    if _data(text, kind) != expected:
        raise _refused("la modification changerait d'autres valeurs du fichier")
    return bom + text.encode("utf-8")


def _ordered(edits: Sequence[Edit]) -> list[Edit]:
    """List items are removed last, from the end, so that earlier indexes stay right."""
    items = [e for e in edits if isinstance(e, Remove) and e.path and isinstance(e.path[-1], int)]
    others = [e for e in edits if e not in items]
    last_first = sorted(items, key=lambda e: (format_json_path(e.path[:-1]), e.path[-1]))
    return [*others, *reversed(last_first)]


def _refused(reason: str) -> EditRefused:
    return EditRefused(
        f"modification impossible à écrire telle quelle : {reason}",
        hint="modifiez ce fichier dans un éditeur de texte (pacte validate le vérifie ensuite)",
    )


def _data(text: str, kind: Kind) -> Any:
    document, problems = documents.load(Source("edit.yaml", kind, text.encode("utf-8")))
    if document is None or any(p.code in ("yaml-invalide", "cle-dupliquee") for p in problems):
        raise _refused("le fichier a des erreurs de lecture YAML")
    return document.data


def value_of(edit_value: str, style: Style) -> Any:
    """What pacte reads for a value written with `style`."""
    return _data(f"v: {written(edit_value, style, flow=False)}\n", Kind.PARTNER)["v"]


def written(value: str, style: Style, flow: bool) -> str:
    if style == "nombre":
        return amount(value)
    if style == "brut":
        return value
    return scalar(value, flow=flow)


def _expected(data: Any, edits: Sequence[Edit]) -> Any:
    result = copy.deepcopy(data)
    for edit in _ordered(edits):
        *parents, last = edit.path
        holder = result
        for step in parents:
            if isinstance(edit, Remove) and (
                not isinstance(holder, dict | list) or not _has(holder, step)
            ):
                holder = None
                break
            if isinstance(holder, dict) and not isinstance(holder.get(step), dict | list):
                holder[step] = {}
            holder = holder[step]
        if isinstance(edit, Set):
            holder[last] = value_of(edit.value, edit.style)
        elif isinstance(edit, SetList):
            holder[last] = [value_of(item, "texte") for item in edit.items]
        elif holder is not None and _has(holder, last):
            del holder[last]
    return result


def _has(holder: Any, step: str | int) -> bool:
    if isinstance(holder, dict):
        return step in holder
    return isinstance(step, int) and 0 <= step < len(holder)


class _Editor:
    """One change on one text (the text is composed again for each change)."""

    def __init__(self, text: str, kind: Kind, newline: str) -> None:
        self.text, self.kind, self.newline = text, kind, newline
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            raise _refused("le fichier a des erreurs de lecture YAML") from None
        if not isinstance(root, MappingNode):
            raise _refused("le fichier ne contient pas une table de clés")
        self.root: MappingNode = root
        self.lines = text.splitlines(keepends=True)

    def make(self, edit: Edit) -> str:
        chain = self._walk(edit.path)
        if isinstance(edit, Remove):
            return self._remove(edit.path, chain) if len(chain) == len(edit.path) + 1 else self.text
        if len(chain) == len(edit.path) + 1:
            node = chain[-1][0]
            if isinstance(edit, SetList):
                return self._replace_list(edit, chain)
            if not isinstance(node, ScalarNode):
                raise _refused(f"{format_json_path(edit.path)} n'est pas une valeur simple")
            flow = any(_is_flow(n) for n, _ in chain[:-1])
            return self._splice(node, written(edit.value, edit.style, flow))
        return self._insert(edit, chain)

    # --- finding the nodes ------------------------------------------------------------------

    def _walk(self, path: JsonPath) -> list[tuple[Node, ScalarNode | None]]:
        """(node, its key) from the root down the path, as far as it exists."""
        chain: list[tuple[Node, ScalarNode | None]] = [(self.root, None)]
        node: Node = self.root
        for step in path:
            found: tuple[Node, ScalarNode | None] | None = None
            if isinstance(node, MappingNode) and isinstance(step, str):
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == step:
                        found = (value, key)
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                found = (node.value[step], None) if 0 <= step < len(node.value) else None
            if found is None:
                break
            chain.append(found)
            node = found[0]
        return chain

    # --- text surgery -----------------------------------------------------------------------

    def _span(self, node: Node) -> tuple[int, int]:
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            end = start + len(self.text[start:end].rstrip())
        return start, end

    def _splice(self, node: Node, replacement: str) -> str:
        start, end = self._span(node)
        return self.text[:start] + replacement + self.text[end:]

    def _line_start(self, line: int) -> int:
        return sum(len(text) for text in self.lines[:line])

    def _with_lines(self, at: int, added: Sequence[str]) -> str:
        lines = list(self.lines)
        if at > 0 and at <= len(lines) and not lines[at - 1].endswith("\n"):
            lines[at - 1] += self.newline
        return "".join([*lines[:at], *(line + self.newline for line in added), *lines[at:]])

    def _without_lines(self, first: int, last: int) -> str:
        return "".join(self.lines[:first] + self.lines[last + 1 :])

    # --- setting a list ---------------------------------------------------------------------

    def _replace_list(self, edit: SetList, chain: list[tuple[Node, ScalarNode | None]]) -> str:
        node, key = chain[-1]
        if isinstance(node, ScalarNode) and node.value == "" and not node.style and key:
            return self._insert_under(key, self._list_lines(edit.items, _column(key) + _INDENT))
        if not isinstance(node, SequenceNode):
            raise _refused(f"{format_json_path(edit.path)} n'est pas une liste")
        if node.flow_style or not node.value:
            items = ", ".join(scalar(item, flow=True) for item in edit.items)
            return self._splice(node, f"[{items}]")
        if not edit.items:
            return self._to_empty(node, key, "[]")
        dash = int(node.start_mark.column)
        first = int(node.start_mark.line)
        last = last_line(node)
        added = [f"{' ' * dash}- {scalar(item)}" for item in edit.items]
        lines = self.lines[:first] + [line + self.newline for line in added]
        return "".join(lines + self.lines[last + 1 :])

    def _list_lines(self, items: Sequence[str], column: int) -> list[str]:
        return [f"{' ' * column}- {scalar(item)}" for item in items]

    # --- removing ---------------------------------------------------------------------------

    def _remove(self, path: JsonPath, chain: list[tuple[Node, ScalarNode | None]]) -> str:
        node, key = chain[-1]
        parent, parent_key = chain[-2]
        if _is_flow(parent):
            return self._rebuild_flow(parent, drop=path[-1])
        if isinstance(parent, MappingNode) and key is not None:
            if len(parent.value) == 1:
                if parent is self.root:
                    raise _refused("le fichier n'aurait plus aucune clé")
                return self._to_empty(parent, parent_key, "{}")
            if not self._alone_on_its_lines(key, node):
                raise _refused(f"{format_json_path(path)} partage sa ligne avec une autre clé")
            return self._without_lines(int(key.start_mark.line), last_line(node))
        if isinstance(parent, SequenceNode):
            if len(parent.value) == 1:
                return self._to_empty(parent, parent_key, "[]")
            return self._without_lines(int(node.start_mark.line), last_line(node))
        raise _refused(f"{format_json_path(path)} ne peut pas être retiré")

    def _alone_on_its_lines(self, key: ScalarNode, value: Node) -> bool:
        line = self.lines[int(key.start_mark.line)]
        before = line[: int(key.start_mark.column)]
        return before.strip() in ("", "-")

    def _to_empty(self, node: Node, key: ScalarNode | None, empty: str) -> str:
        """A block mapping or list (the value of `key`) replaced by `{}` or `[]`."""
        if key is None:
            raise _refused("une liste ou une table vide ne peut être écrite ici")
        line = int(key.start_mark.line)
        head = self.lines[line]
        end = int(key.end_mark.index) - self._line_start(line)
        colon = head.index(":", end)
        rest = head[colon + 1 :]
        comment = rest[rest.index("#") :].rstrip("\r\n") if "#" in rest else ""
        new_head = head[: colon + 1] + f" {empty}" + (f" {comment}" if comment else "")
        new_head += self.newline
        last = last_line(node)
        return "".join([*self.lines[:line], new_head, *self.lines[last + 1 :]])

    # --- inserting --------------------------------------------------------------------------

    def _insert(self, edit: Set | SetList, chain: list[tuple[Node, ScalarNode | None]]) -> str:
        depth = len(chain) - 1
        holder, holder_key = chain[-1]
        missing = edit.path[depth:]
        if any(not isinstance(step, str) for step in missing):
            raise _refused(f"{format_json_path(edit.path)} désigne un élément de liste absent")
        if isinstance(holder, ScalarNode) and holder.value == "" and not holder.style:
            if holder_key is None:
                raise _refused(f"{format_json_path(edit.path)} : valeur vide inattendue")
            lines = self._nested(missing, edit, _column(holder_key) + _INDENT)  # type: ignore[arg-type]
            return self._insert_under(holder_key, lines)
        if not isinstance(holder, MappingNode):
            raise _refused(f"{format_json_path(edit.path[: depth + 1])} n'est pas une table")
        if _is_flow(holder):
            if not holder.value and holder_key is not None:
                lines = self._nested(missing, edit, _column(holder_key) + _INDENT)  # type: ignore[arg-type]
                emptied = self._splice(holder, "").splitlines(keepends=True)
                line = int(holder.start_mark.line)
                emptied[line] = emptied[line].rstrip(" \t\r\n") + self.newline
                self.lines = emptied
                return self._with_lines(line + 1, lines)
            if len(missing) == 1 and isinstance(edit, Set):
                return self._rebuild_flow(holder, add=(str(missing[0]), edit))
            raise _refused(f"{format_json_path(edit.path)} est dans une table écrite sur une ligne")
        column = int(holder.value[0][0].start_mark.column) if holder.value else 0
        lines = self._nested(missing, edit, column)  # type: ignore[arg-type]
        at = self._position(holder, str(missing[0]), edit.path[:depth])
        return self._with_lines(at, lines)

    def _insert_under(self, key: ScalarNode, lines: list[str]) -> str:
        return self._with_lines(int(key.start_mark.line) + 1, lines)

    def _nested(self, steps: Sequence[str], edit: Set | SetList, column: int) -> list[str]:
        lines = []
        for depth, step in enumerate(steps[:-1]):
            lines.append(f"{' ' * (column + depth * _INDENT)}{_key(step)}:")
        inner = column + (len(steps) - 1) * _INDENT
        if isinstance(edit, SetList):
            if not edit.items:
                return [*lines, f"{' ' * inner}{_key(steps[-1])}: []"]
            return [
                *lines,
                f"{' ' * inner}{_key(steps[-1])}:",
                *self._list_lines(edit.items, inner + _INDENT),
            ]
        value = written(edit.value, edit.style, flow=False)
        return [*lines, f"{' ' * inner}{_key(steps[-1])}: {value}"]

    def _position(self, holder: MappingNode, new_key: str, path: JsonPath) -> int:
        """The line where a new key goes: years in order, other keys in the schema's order."""
        keys = [str(k.value) for k, _ in holder.value]
        if new_key.isdigit() and all(k.isdigit() for k in keys):
            before = [i for i, k in enumerate(keys) if int(k) < int(new_key)]
        else:
            schema_path = tuple("*" if isinstance(s, int) or s.isdigit() else s for s in path)
            rank = {k: i for i, k in enumerate(key_order(self.kind, schema_path))}
            wanted = rank.get(new_key, len(rank))
            before = [i for i, k in enumerate(keys) if rank.get(k, len(rank)) <= wanted]
        if not before:
            return int(holder.value[0][0].start_mark.line)
        return last_line(holder.value[before[-1]][1]) + 1

    def _rebuild_flow(
        self, node: Node, drop: str | int | None = None, add: tuple[str, Set] | None = None
    ) -> str:
        """A flow mapping or list written again from its entries' own texts."""
        if isinstance(node, SequenceNode):
            parts = [self._source(item) for i, item in enumerate(node.value) if i != drop]
            return self._splice(node, "[" + ", ".join(parts) + "]")
        assert isinstance(node, MappingNode)
        entries = [
            (str(k.value), f"{self._source(k)}: {self._source(v)}")
            for k, v in node.value
            if k.value != drop
        ]
        if add is not None:
            key, edit = add
            entries.append((key, f"{_key(key)}: {written(edit.value, edit.style, flow=True)}"))
            if all(k.isdigit() for k, _ in entries):
                entries.sort(key=lambda entry: int(entry[0]))
        return self._splice(node, "{" + ", ".join(text for _, text in entries) + "}")

    def _source(self, node: Node) -> str:
        start, end = self._span(node)
        return self.text[start:end]


def _is_flow(node: Node) -> bool:
    return bool(getattr(node, "flow_style", False))


def _column(key: ScalarNode) -> int:
    return int(key.start_mark.column)


def _key(step: str) -> str:
    return step if step.isdigit() else scalar(step)
