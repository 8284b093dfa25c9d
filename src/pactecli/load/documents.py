"""Second stage: record bytes -> located YAML documents.

Records are plain data, so YAML is read strictly: UTF-8 only, one document, a mapping at the
top, no duplicate key, no anchor, alias, tag or merge key. Scalars follow the YAML 1.2 core
schema (`yes`/`no`/`oui` stay text, `2024-05-01` stays text for the `date` format to check),
which is what a reader of the file expects.

Speed: libyaml (PyYAML's C parser) builds the node tree and a small resolver replaces PyYAML's
regex-driven one. Line and column of every key and value are kept cheaply: the document keeps
its text and rebuilds a position index only when a diagnostic needs one.
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
from pactecli.load.sources import Source

_PLAIN = "pacte:plain"
_QUOTED = "pacte:quoted"
_COLLECTION = "pacte:collection"

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
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
    """Value of an unquoted scalar under the YAML 1.2 core schema (no binary floats for ints)."""
    if not text or text[0] in "0123456789+-.":
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
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


@dataclass(slots=True)
class Position:
    key_line: int
    key_column: int
    line: int
    column: int


@dataclass(slots=True)
class Document:
    """One parsed record: its data as JSON-like values, and how to find where each part was."""

    path: str
    kind: Kind
    text: str
    data: Any
    _positions: dict[JsonPath, Position] | None = field(default=None, repr=False)

    def locate(self, json_path: JsonPath = (), at_key: bool = False) -> Location:
        """Where `json_path` is written; the closest written ancestor when it is missing."""
        positions = self._positions
        if positions is None:
            positions = self._positions = _index_positions(self.text)
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
    text_or_problem = _decode(source)
    if isinstance(text_or_problem, Diagnostic):
        return None, [text_or_problem]
    text = text_or_problem
    try:
        node = _Composer(text).get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(source.path, text, error)]
    except yaml.YAMLError as error:
        return None, [_reader_problem(source.path, text, error)]
    problems: list[Diagnostic] = []
    if "&" in text or "*" in text:
        problems.extend(_anchors_and_aliases(source.path, text))
    builder = _Builder(source.path, problems)
    data = builder.build(node) if node is not None and not builder.is_alias(node) else None
    return Document(source.path, source.kind, text, data), problems


def _decode(source: Source) -> str | Diagnostic:
    content = source.content
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        column = error.start - (content.rfind(b"\n", 0, error.start) + 1) + 1
        return _problem(
            codes.ENCODING,
            Location(source.path, line, column),
            f"le fichier n'est pas encodé en UTF-8 (premier octet invalide ligne {line})",
            "réenregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer avec "
            "l'encodage » puis UTF-8)",
        )


def _first_line_of(mapping: MappingNode, key: str) -> int:
    """Line of the first occurrence of `key` (looked up only when a duplicate is found)."""
    for key_node, _ in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return int(key_node.start_mark.line) + 1
    return 1


class _Builder:
    """Turns libyaml nodes into dicts, lists and scalars, reporting refused constructs."""

    def __init__(self, path: str, problems: list[Diagnostic]) -> None:
        self.path = path
        self.problems = problems
        self._seen: set[int] = set()

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

    def build(self, node: Node) -> Any:
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
        if kind is MappingNode:
            return self._mapping(node)  # type: ignore[arg-type]
        return [self.build(item) for item in node.value if not self.is_alias(item)]

    def _mapping(self, node: MappingNode) -> dict[str, Any]:
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
                self._report(
                    codes.DUPLICATE_KEY,
                    key_node,
                    f"la clé {quote_value(key)} apparaît deux fois dans la même table (déjà ligne "
                    f"{_first_line_of(node, key)})",
                    "gardez une seule occurrence de cette clé (les deux valeurs "
                    "ne peuvent pas coexister)",
                )
                continue
            result[key] = self.build(value_node)
        return result

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
            _problem(code, Location(self.path, mark.line + 1, mark.column + 1), message, hint)
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
        problems.append(_problem(codes.YAML_INVALID, where, message, hint))
    return problems


_SYNTAX_MESSAGES = (
    (
        "tab",
        "tabulation interdite : l'indentation YAML se fait avec des espaces",
        "remplacez les tabulations par des espaces",
    ),
    (
        "did not find expected ',' or ']'",
        "liste entre crochets non fermée ou virgule manquante",
        "fermez la liste par « ] » et séparez les éléments par des virgules",
    ),
    (
        "did not find expected ',' or '}'",
        "table entre accolades non fermée ou virgule manquante",
        "fermez la table par « } » et séparez les éléments par des virgules",
    ),
    (
        "cannot start any token",
        "caractère inattendu à cet endroit",
        "mettez la valeur entre guillemets ou retirez le caractère",
    ),
    (
        "mapping values are not allowed",
        "« : » inattendu (indentation fausse, ou texte contenant « : » sans guillemets)",
        "alignez la clé sur ses voisines ou mettez le texte entre guillemets",
    ),
    (
        "could not find expected ':'",
        "« : » attendu après une clé",
        "écrivez « clé: valeur » ; un texte sur plusieurs lignes va entre guillemets",
    ),
    (
        "did not find expected key",
        "clé attendue à cet endroit : l'indentation est incohérente",
        "alignez cette ligne sur les clés de même niveau",
    ),
    (
        "did not find expected '-' indicator",
        "élément de liste « - » attendu : l'indentation est incohérente",
        "alignez les « - » d'une même liste",
    ),
    (
        "expected a single document",
        "un fichier ne contient qu'un seul document YAML",
        "retirez le « --- » et scindez le contenu en plusieurs fichiers",
    ),
    (
        "found undefined alias",
        "alias YAML refusé (et non défini)",
        "recopiez la valeur au lieu d'y faire référence",
    ),
    (
        "end of stream",
        "fin de fichier inattendue : un guillemet, un crochet ou une accolade n'est pas fermé",
        "fermez le guillemet, le crochet ou l'accolade ouvert plus haut",
    ),
    (
        "unknown escape character",
        "séquence d'échappement inconnue entre guillemets doubles",
        "utilisez des guillemets simples ou doublez la barre oblique inverse",
    ),
    (
        "did not find expected node content",
        "valeur attendue à cet endroit",
        "complétez la valeur ou retirez le caractère en trop",
    ),
    (
        "while scanning an a",  # an alias, an anchor
        "nom d'ancre ou d'alias attendu après « & » ou « * »",
        "mettez la valeur entre guillemets : « & » et « * » en début de valeur ont un sens en YAML",
    ),
    (
        "while scanning a directive",
        "directive YAML « % » inattendue",
        "mettez la valeur entre guillemets : « % » en début de ligne a un sens en YAML",
    ),
    (
        "a tag",  # while scanning a tag, while parsing a tag
        "étiquette YAML « ! » mal formée (et les étiquettes sont refusées)",
        "mettez la valeur entre guillemets : « ! » en début de valeur a un sens en YAML",
    ),
    (
        "while scanning a block scalar",
        "texte sur plusieurs lignes (« | » ou « > ») mal formé",
        "après « | » ou « > », passez à la ligne et indentez le texte avec des espaces",
    ),
)


def _syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = f"{error.problem or ''} {error.context or ''}"
    if _char_at(text, line, column) == "\t":
        problem = "tab " + problem
    message = "syntaxe YAML incorrecte à cet endroit"
    hint = f"vérifiez la syntaxe YAML à cet endroit (détail de l'analyseur : {error.problem})"
    for needle, french, advice in _SYNTAX_MESSAGES:
        if needle in problem:
            message, hint = french, advice
            break
    return _problem(codes.YAML_INVALID, Location(path, line, column), message, hint)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _reader_problem(path: str, text: str, error: yaml.YAMLError) -> Diagnostic:
    """libyaml's reader errors carry a byte offset, not a line: count lines up to it."""
    offset = getattr(error, "position", 0) or 0
    encoded = text.encode("utf-8")
    line = encoded.count(b"\n", 0, offset) + 1
    column = len(encoded[encoded.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace"))
    return _problem(
        codes.YAML_INVALID,
        Location(path, line, column + 1),
        "caractère de contrôle interdit dans un fichier YAML",
        "retirez ce caractère invisible (souvent issu d'un copier-coller)",
    )


def _problem(code: codes.CodeInfo, where: Location, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code.code, code.severity, where, message, hint)


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
