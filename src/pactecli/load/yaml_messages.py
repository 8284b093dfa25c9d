"""French wording of libyaml's syntax errors, with the fix for the mistakes people make.

libyaml describes a syntax error in English (« mapping values are not allowed here »): each
known phrase maps to a French message and hint; anything else gets a generic French message that
never quotes the parser's English.
"""

from __future__ import annotations

import yaml

from pactecli import codes
from pactecli.diagnostics import Diagnostic, Location

_SYNTAX_MESSAGES = (
    (
        "exceeded maximum nesting depth",
        "imbrication trop profonde : plus de 64 niveaux de tables et de listes",
        "un enregistrement du pacte tient en quelques niveaux : simplifiez-le",
    ),
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


def syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    detail = f"{error.problem or ''} {error.context or ''}"
    if _char_at(text, line, column) == "\t":
        detail = "tab " + detail
    message = "syntaxe YAML incorrecte à cet endroit"
    hint = "vérifiez l'indentation, les « : » et les guillemets à cet endroit"
    for needle, french, advice in _SYNTAX_MESSAGES:
        if needle in detail:
            message, hint = french, advice
            break
    return problem(codes.YAML_INVALID, Location(path, line, column), message, hint)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def reader_problem(path: str, text: str, error: yaml.YAMLError) -> Diagnostic:
    """libyaml's reader errors carry a byte offset, not a line: count lines up to it."""
    offset = getattr(error, "position", 0) or 0
    encoded = text.encode("utf-8")
    line = encoded.count(b"\n", 0, offset) + 1
    column = len(encoded[encoded.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace"))
    return problem(
        codes.YAML_INVALID,
        Location(path, line, column + 1),
        "caractère de contrôle interdit dans un fichier YAML",
        "retirez ce caractère invisible (souvent issu d'un copier-coller)",
    )


MAX_DEPTH_TEXT = "imbrication trop profonde : plus de 64 niveaux de tables et de listes"
_DEPTH_HINT = "un enregistrement du pacte tient en quelques niveaux : simplifiez-le"


def too_deep(where: Location) -> Diagnostic:
    return problem(codes.YAML_INVALID, where, MAX_DEPTH_TEXT, _DEPTH_HINT)


def problem(code: codes.CodeInfo, where: Location, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code.code, code.severity, where, message, hint)
