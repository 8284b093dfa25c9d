"""Second stage: record bytes -> located YAML documents.

Records are plain data, so YAML is read strictly: UTF-8 only, one document, a mapping at the
top, no duplicate key, no anchor, alias, tag or merge key, at most `MAX_DEPTH` levels of nesting
(libyaml itself stops at 1000; the builders refuse deeper than 64 without recursing further).
Scalars follow the YAML 1.2 core schema (`yes`/`no`/`oui` stay text, `2024-05-01` stays text for
the `date` format to check), which is what a reader of the file expects, with one restriction:
numbers are written in plain decimal notation. `4e3`, `1e100` or `+4000` stay text (the schema
then refuses them where a number is expected, with the hint to write 4000), and so do a decimal
with more than 15 significant digits and an integer of more than 4300 (Python's limit): every
number pacte accepts is read exactly, since a decimal of at most 15 significant digits is the
shortest representation of the binary float it gives (`model` turns it back into the very
`Decimal` the user typed).

Speed: on a large pact, most records are read by `fastpath` (yaml-rs), which returns their data
only when it is the data this module would build, and otherwise leaves them here; which path
read a record never shows. Here libyaml (PyYAML's C parser) builds the node tree and a small
resolver replaces PyYAML's regex-driven one. Positions are kept lazy: a document keeps its bytes
and rebuilds a position index only when a diagnostic needs one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pactecli import codes
from pactecli.diagnostics import Diagnostic, Location, quote_value
from pactecli.jsonpath import JsonPath, format_json_path
from pactecli.layout import Kind
from pactecli.load import fastpath, yaml_messages
from pactecli.load.sources import Source

_PLAIN = "pacte:plain"
_QUOTED = "pacte:quoted"
_COLLECTION = "pacte:collection"

#: Nesting deeper than this is refused: records are a few levels deep, and the builders recurse.
MAX_DEPTH = 64
#: The most significant digits of a decimal read exactly (IEEE 754 doubles keep 15).
EXACT_DIGITS = 15

_INT = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?(?:\.[0-9]+|[0-9]+\.[0-9]*)")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))


try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml: same nodes, slower
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Composer(_Parser):
    """A YAML composer whose resolver only remembers whether a scalar was quoted."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool] | bool) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED  # type: ignore[index]
        return _COLLECTION

    def descend_resolver(self, parent: Node | None, index: object) -> None:
        """Path-based resolvers are not used."""

    def ascend_resolver(self) -> None:
        """Path-based resolvers are not used."""


def resolve_plain(text: str) -> Any:
    """Value of an unquoted scalar: YAML 1.2 core, numbers in plain decimal notation only."""
    if not text or text[0] in "0123456789-.":
        if _INT.fullmatch(text):
            return _integer(text)
        if _DECIMAL.fullmatch(text) and _significant_digits(text) <= EXACT_DIGITS:
            return float(text)
        if text in _NULLS:
            return None
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return text


def _integer(digits: str) -> int | str:
    """An integer, unless it has more digits than Python turns into one (4300): then text."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _significant_digits(decimal: str) -> int:
    digits = decimal.lstrip("-").replace(".", "").lstrip("0")
    return len(digits.rstrip("0")) if "." in decimal else len(digits)


@dataclass(slots=True)
class Position:
    key_line: int
    key_column: int
    line: int
    column: int


@dataclass(slots=True)
class Document:
    """One parsed record: its data as JSON-like values, and how to find where each part was.

    `ambiguous` holds the paths of keys written twice in one mapping: the first value is kept in
    `data`, but neither can be trusted, so later stages treat them as unknown.
    """

    path: str
    kind: Kind
    content: bytes  # without its byte order mark; decoded again only to find positions
    data: Any
    ambiguous: frozenset[JsonPath] = frozenset()
    _positions: dict[JsonPath, Position] | None = field(default=None, repr=False)

    def locate(self, json_path: JsonPath = (), at_key: bool = False) -> Location:
        """Where `json_path` is written; the closest written ancestor when it is missing."""
        positions = self._positions
        if positions is None:
            positions = self._positions = _index_positions(self.content.decode("utf-8"))
        path = tuple(json_path)
        while path and path not in positions:
            path = path[:-1]
        where = positions.get(path)
        if where is None:
            return Location(self.path, 1, 1, format_json_path(json_path))
        if at_key and path:
            return Location(self.path, where.key_line, where.key_column, format_json_path(path))
        return Location(self.path, where.line, where.column, format_json_path(json_path))


def load(source: Source) -> tuple[Document | None, list[Diagnostic]]:
    """Decode and parse one record. Never raises: every failure is a located diagnostic."""
    content = source.content.removeprefix(_BOM)
    if fastpath.worth_trying(len(content)):
        data = fastpath.read(content)
        if data is not fastpath.UNSURE:
            return Document(source.path, source.kind, content, data), []
    text_or_problem = _decode(source.path, content)
    if isinstance(text_or_problem, Diagnostic):
        return None, [text_or_problem]
    text = text_or_problem
    try:
        node = _Composer(text).get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [yaml_messages.syntax_problem(source.path, text, error)]
    except yaml.YAMLError as error:
        return None, [yaml_messages.reader_problem(source.path, text, error)]
    except RecursionError:  # PyYAML without libyaml composes in Python (libyaml stops at 1000)
        return None, [yaml_messages.too_deep(Location(source.path))]
    problems: list[Diagnostic] = []
    if "&" in text or "*" in text:
        problems.extend(_anchors_and_aliases(source.path, text))
    builder = _Builder(source.path, problems)
    data = builder.build(node) if node is not None and not builder.is_alias(node) else None
    if builder.too_deep:
        return None, problems
    ambiguous = builder.ambiguous_paths(data)
    return Document(source.path, source.kind, content, data, ambiguous), problems


_BOM = b"\xef\xbb\xbf"


def _decode(path: str, content: bytes) -> str | Diagnostic:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        column = error.start - (content.rfind(b"\n", 0, error.start) + 1) + 1
        return yaml_messages.problem(
            codes.ENCODING,
            Location(path, line, column),
            f"le fichier n'est pas encodé en UTF-8 (premier octet invalide ligne {line})",
            "réenregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer avec "
            "l'encodage » puis UTF-8)",
        )


class _Builder:
    """Turns libyaml nodes into dicts, lists and scalars, reporting refused constructs."""

    def __init__(self, path: str, problems: list[Diagnostic]) -> None:
        self.path = path
        self.problems = problems
        self._seen: set[int] = set()
        self._first_lines: dict[int, dict[str, int]] = {}  # mapping node -> key -> first line
        self._duplicates: list[tuple[dict[str, Any], str]] = []
        self.too_deep = False

    def is_alias(self, node: Node) -> bool:
        """True when `node` was already met: an alias (reported elsewhere) reuses its node.

        An alias is never expanded: its value is left out, so a refused construct does not
        also produce schema errors at the anchor's line, and nested aliases ("billion laughs")
        cannot make a small file cost minutes and gigabytes.
        """
        if id(node) in self._seen:
            return True
        self._seen.add(id(node))
        return False

    def build(self, node: Node, depth: int = 0) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            tag = node.tag
            if tag == _PLAIN:
                return resolve_plain(node.value)
            if tag != _QUOTED:
                self._refuse_tag(node)
            return node.value
        if node.tag != _COLLECTION:
            self._refuse_tag(node)
        if depth >= MAX_DEPTH:  # records are a few levels deep: refuse rather than recurse
            if not self.too_deep:
                mark = node.start_mark
                where = Location(self.path, mark.line + 1, mark.column + 1)
                self.problems.append(yaml_messages.too_deep(where))
            self.too_deep = True
            return None
        if kind is MappingNode:
            return self._mapping(node, depth + 1)  # type: ignore[arg-type]
        return [self.build(item, depth + 1) for item in node.value if not self.is_alias(item)]

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self._report(
                    codes.YAML_INVALID,
                    key_node,
                    "clé complexe refusée : une clé est un simple mot ou une année",
                    "écrivez la clé sur une seule ligne, suivie de « : »",
                )
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == _PLAIN:
                self._report(
                    codes.YAML_INVALID,
                    key_node,
                    "clé de fusion « << » refusée : les enregistrements sont des données simples",
                    "recopiez les clés voulues au lieu de les fusionner",
                )
                continue
            if self.is_alias(value_node):
                continue
            if key in result:
                self._duplicate(node, result, key, key_node)
                continue
            result[key] = self.build(value_node, depth)
        return result

    def _duplicate(
        self, node: MappingNode, result: dict[str, Any], key: str, key_node: Node
    ) -> None:
        first_lines = self._first_lines.get(id(node))
        if first_lines is None:  # one index per mapping, built at its first duplicate
            first_lines = self._first_lines[id(node)] = {}
            for other, _ in node.value:
                if type(other) is ScalarNode:
                    first_lines.setdefault(other.value, int(other.start_mark.line) + 1)
        self._duplicates.append((result, key))
        self._report(
            codes.DUPLICATE_KEY,
            key_node,
            f"la clé {quote_value(key)} apparaît deux fois dans la même table (déjà ligne "
            f"{first_lines.get(key, 1)})",
            "gardez une seule occurrence de cette clé (les deux valeurs ne peuvent pas coexister)",
        )

    def ambiguous_paths(self, data: Any) -> frozenset[JsonPath]:
        """The JSON paths of duplicated keys (found by walking the data, only when there are)."""
        if not self._duplicates:
            return frozenset()
        wanted: dict[int, list[str]] = {}
        for mapping, key in self._duplicates:
            wanted.setdefault(id(mapping), []).append(key)
        found: set[JsonPath] = set()
        stack: list[tuple[JsonPath, Any]] = [((), data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, dict):
                found.update((*path, key) for key in wanted.get(id(value), ()))
                stack.extend(((*path, key), child) for key, child in value.items())
            elif isinstance(value, list):
                stack.extend(((*path, index), child) for index, child in enumerate(value))
        return frozenset(found)

    def _refuse_tag(self, node: Node) -> None:
        self._report(
            codes.YAML_INVALID,
            node,
            f"étiquette YAML « {_short_tag(node.tag)} » refusée : les enregistrements sont des "
            "données simples",
            "retirez l'étiquette (le mot commençant par « ! ») ; mettez le texte entre guillemets "
            "si besoin",
        )

    def _report(self, code: codes.CodeInfo, node: Node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(
            yaml_messages.problem(
                code, Location(self.path, mark.line + 1, mark.column + 1), message, hint
            )
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _anchors_and_aliases(path: str, text: str) -> list[Diagnostic]:
    problems = []
    for event in yaml.parse(text, Loader=yaml.CBaseLoader):
        anchor = getattr(event, "anchor", None)  # on aliases, scalars and collection starts
        if not anchor:
            continue
        mark = event.start_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        if isinstance(event, yaml.AliasEvent):
            message = f"alias YAML « *{anchor} » refusé"
            hint = "recopiez la valeur au lieu d'y faire référence"
        else:
            message = f"ancre YAML « &{anchor} » refusée"
            hint = "retirez l'ancre et recopiez la valeur là où elle sert"
        message += " : les enregistrements sont des données simples"
        problems.append(yaml_messages.problem(codes.YAML_INVALID, where, message, hint))
    return problems


def _index_positions(text: str) -> dict[JsonPath, Position]:
    """Line and column (1-based) of every key and value, by JSON path."""
    positions: dict[JsonPath, Position] = {}
    try:
        root = _Composer(text).get_single_node()
    except yaml.YAMLError:
        return positions
    if root is None:
        return positions
    mark = root.start_mark
    positions[()] = Position(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1)
    stack: list[tuple[JsonPath, Node]] = [((), root)]
    seen: set[int] = set()
    while stack:
        path, node = stack.pop()
        if id(node) in seen:  # an alias: its content is left out of the data too
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    continue
                child = (*path, key_node.value)
                if child in positions:
                    continue
                key_mark, value_mark = key_node.start_mark, value_node.start_mark
                positions[child] = Position(
                    key_mark.line + 1,
                    key_mark.column + 1,
                    value_mark.line + 1,
                    value_mark.column + 1,
                )
                stack.append((child, value_node))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                child = (*path, index)
                item_mark = item.start_mark
                positions[child] = Position(
                    item_mark.line + 1,
                    item_mark.column + 1,
                    item_mark.line + 1,
                    item_mark.column + 1,
                )
                stack.append((child, item))
    return positions
