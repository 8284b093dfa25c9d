"""JSON Schema errors, in French, with the fix for the mistakes people actually make.

One function per JSON Schema keyword. Messages say what is wrong and where; hints say how to
fix it (`écrivez 12000`, `écrivez true ou false`, `vouliez-vous dire « titre » ?`). Custom
wording written in the schemas themselves (`errorMessage`, `patternErrorMessage`, the keys that
VS Code's YAML extension also shows) takes precedence.

Over 400 lines on purpose: one short function per JSON Schema keyword, a table to read in
one place when a message is to be worded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pactecli import codes
from pactecli.diagnostics import Diagnostic, Location, quote_value
from pactecli.jsonpath import JsonPath
from pactecli.load.documents import Document
from pactecli.suggest import did_you_mean

_TYPE_NAMES = {
    "string": "un texte",
    "number": "un nombre",
    "integer": "un nombre entier",
    "boolean": "true ou false",
    "object": "une table « clé: valeur »",
    "array": "une liste",
    "null": "une valeur vide",
}
_YES_NO = frozenset(("oui", "non", "yes", "no", "vrai", "faux", "o", "n", "on", "off", "y"))


def translate(
    error: Any, path: JsonPath, document: Document, schema: dict[str, Any]
) -> list[Diagnostic]:
    keyword = error.kind.name
    parent = _subschema(schema, list(error.schema_path)[:-1])
    handler = _HANDLERS.get(keyword, _generic)
    fallback = f"la forme attendue est décrite dans schemas/{document.kind.value}.schema.json"
    return [
        Diagnostic(codes.SCHEMA.code, codes.SCHEMA.severity, location, message, hint or fallback)
        for location, message, hint in handler(error, document, path, parent, schema)
    ]


Finding = tuple[Location, str, str]
Schema = dict[str, Any]


def _subschema(schema: dict[str, Any], schema_path: list[str | int]) -> dict[str, Any]:
    node: Any = schema
    for step in schema_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return {}
    return node if isinstance(node, dict) else {}


def _field_name(path: JsonPath) -> str:
    names = [step for step in path if isinstance(step, str)]
    return names[-1] if names else ""


def _where(path: JsonPath) -> str:
    name = _field_name(path)
    return f"{quote_value(name)} : " if name else ""


def _required(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    missing = error.kind.property
    described = parent.get("properties", {}).get(missing, {}).get("description", "")
    if not described:
        found = _find_property(root, missing)
        described = str(found.get("description", "")) if found else ""
    location = doc.locate(path, at_key=True)
    container = f"dans « {_field_name(path)} » " if _field_name(path) else ""
    if parent.get("errorMessage"):
        message = parent["errorMessage"]
    else:
        message = f"clé obligatoire « {missing} » absente {container}".rstrip()
    hint = f"ajoutez « {missing}: … »" + (f" ({described})" if described else "")
    return [(location, message, hint)]


def _find_property(node: Any, key: str) -> dict[str, Any] | None:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict) and isinstance(props.get(key), dict):
            return props[key]  # type: ignore[no-any-return]
        children: Any = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _find_property(child, key)
        if found:
            return found
    return None


def _additional(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    known = list(parent.get("properties", {}))
    present = set(_value_at(doc.data, path) or {})
    findings = []
    for key in error.kind.unexpected:
        location = doc.locate((*path, key), at_key=True)
        suggestion = did_you_mean(key, [k for k in known if k not in present])
        hint = suggestion or "clés permises ici : " + ", ".join(known)
        findings.append((location, f"clé inconnue {quote_value(key)}", hint))
    return findings


def _value_at(data: Any, path: JsonPath) -> Any:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _type(error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema) -> list[Finding]:
    expected = [t for t in error.kind.types]
    value = error.instance
    location = doc.locate(path)
    if not path:
        if value is None:
            return [
                (
                    location,
                    "le fichier est vide",
                    "décrivez l'enregistrement par des "
                    "lignes « clé: valeur » (voir le modèle dans le README)",
                )
            ]
        return [
            (
                location,
                "le fichier doit contenir une table de lignes « clé: valeur »",
                "commencez chaque ligne par une clé suivie de « : »",
            )
        ]
    wanted = " ou ".join(_TYPE_NAMES.get(t, t) for t in expected)
    message = f"{_where(path)}{wanted} est attendu, pas {_describe(value)}"
    return [(location, message, _type_hint(expected, value, parent))]


def _describe(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        return f"le texte {quote_value(value)}"
    if isinstance(value, list):
        return "une liste"
    return "une table"


_SPACED_NUMBER = re.compile(r"[-+]?\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?")


def _type_hint(expected: list[str], value: Any, parent: dict[str, Any]) -> str:
    numeric = {"number", "integer"} & set(expected)
    if numeric and isinstance(value, str):
        return _number_hint(value)
    if "boolean" in expected and isinstance(value, str) and value.strip().lower() in _YES_NO:
        return "écrivez true ou false"
    if "string" in expected and isinstance(value, (int, float)) and not isinstance(value, bool):
        return 'mettez la valeur entre guillemets, par exemple "05"'
    if "array" in expected and isinstance(value, str):
        return f"écrivez une liste : [{value}] ou une ligne « - {value} » par élément"
    if "object" in expected and value is None:
        return "complétez les lignes « clé: valeur » en dessous, en retrait"
    return str(parent.get("description", ""))


def _number_hint(text: str) -> str:
    """The number the user meant, written as YAML wants it."""
    raw = text.strip()
    if raw.lower().lstrip("+-") in (".nan", ".inf", "nan", "inf", "infinity"):
        return "les valeurs .nan et .inf sont refusées : écrivez un nombre fini, par exemple 12000"
    if _SCIENTIFIC.fullmatch(raw) and (raw[0] == "+" or "e" in raw.lower()):
        plain = _plain_decimal(raw)
        if plain is None:
            return "un nombre s'écrit en chiffres, sans exposant ; il reste sous 1 000 milliards"
        return f"écrivez {plain} : un nombre s'écrit en chiffres, sans exposant ni signe +"
    if _DECIMAL_TEXT.fullmatch(raw):
        return (
            "pacte lit chaque nombre exactement, avec 15 chiffres significatifs au plus : "
            "arrondissez cette valeur"
        )
    cleaned = re.sub(r"\s*(€|eur|euros?)\s*$", "", raw, flags=re.IGNORECASE)
    if _SPACED_NUMBER.fullmatch(cleaned):
        cleaned = re.sub(r"[ \u00a0\u202f.]", "", cleaned)
    cleaned = cleaned.replace("_", "").replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"[-+]?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?", cleaned):
        return (
            f"écrivez {cleaned} (sans guillemets, espace ni symbole ; le point sépare les "
            "décimales)"
        )
    return "écrivez un nombre sans guillemets, par exemple 12000 ou 1.5"


_DECIMAL_TEXT = re.compile(r"-?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_SCIENTIFIC = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _plain_decimal(text: str) -> str | None:
    """`4e3` -> `4000`, `+4000` -> `4000`; None when absurdly large or small."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if value.is_zero():
        return "0"
    if abs(value.adjusted()) > 15:
        return None
    plain = format(value, "f")
    return plain.rstrip("0").rstrip(".") if "." in plain else plain


def _enum(error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema) -> list[Finding]:
    kind = error.kind
    options = [str(o) for o in (kind.options if kind.name == "enum" else [kind.expected_value])]
    value = error.instance
    suggestion = did_you_mean(str(value), options) if isinstance(value, str) else ""
    hint = suggestion or "valeurs permises : " + ", ".join(options)
    shown = "vide" if value is None else quote_value(_yaml_text(value))
    message = parent.get("errorMessage") or f"{_where(path)}valeur {shown} non permise"
    return [(doc.locate(path), message, hint)]


def _yaml_text(value: Any) -> Any:
    """A value as the user wrote it in YAML (`true`, not Python's `True`)."""
    return str(value).lower() if isinstance(value, bool) else value


def _pattern(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    custom = parent.get("patternErrorMessage")
    value = error.instance
    message = f"{_where(path)}{quote_value(value)} mal écrit"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        message = f"{_where(path)}la date {quote_value(value)} est hors des dates permises"
    hint = custom or f"le texte doit respecter le motif {error.kind.pattern}"
    if custom and "identifiant" in custom and isinstance(value, str):
        hint = f"{custom} : écrivez « {_slug(value)} »"
    return [(doc.locate(path), message, hint)]


def _slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:64] or "identifiant"


def _format(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    value = error.instance
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        message = f"{_where(path)}la date {quote_value(value)} n'existe pas"
        hint = "vérifiez le jour et le mois (AAAA-MM-JJ)"
    else:
        message = f"{_where(path)}{quote_value(value)} n'est pas une date"
        hint = "écrivez la date au format AAAA-MM-JJ, par exemple 2025-03-31"
    return [(doc.locate(path), message, hint)]


def _minimum(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    limit = error.kind.limit
    keyword = error.kind.name
    relation = {
        "minimum": f"au moins {limit}",
        "exclusiveMinimum": f"strictement plus de {limit}",
        "maximum": f"au plus {limit}",
        "exclusiveMaximum": f"strictement moins de {limit}",
    }[keyword]
    message = f"{_where(path)}{error.instance} est hors limites : la valeur doit être {relation}"
    return [(doc.locate(path), message, str(parent.get("description", "")))]


def _multiple_of(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    value = error.instance
    message = f"{_where(path)}le montant {value} a plus de 2 décimales"
    hint = f"arrondissez au centime : écrivez {round(value, 2)}"
    return [(doc.locate(path), message, hint)]


def _length(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    value = error.instance
    if error.kind.name == "minLength":
        return [(doc.locate(path), f"{_where(path)}le texte est vide", "écrivez un texte")]
    limit = error.kind.limit
    message = f"{_where(path)}texte trop long ({len(value)} caractères, {limit} au plus)"
    return [(doc.locate(path), message, "raccourcissez-le ; les détails vont dans description")]


def _items_count(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    count = len(error.instance)
    limit = error.kind.limit
    if parent.get("minItems") == parent.get("maxItems") is not None:
        wanted = f"exactement {limit}"
    elif error.kind.name == "minItems":
        wanted = f"au moins {limit}"
    else:
        wanted = f"au plus {limit}"
    message = f"{_where(path)}la liste a {count} élément(s) ; il en faut {wanted}"
    return [(doc.locate(path, at_key=True), message, str(parent.get("description", "")))]


def _unique(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    seen: dict[str, int] = {}
    for index, item in enumerate(error.instance):
        key = repr(item)
        if key in seen:
            message = f"{_where(path)}{quote_value(item)} figure deux fois dans la liste"
            return [(doc.locate((*path, index)), message, "retirez le doublon")]
        seen[key] = index
    return [(doc.locate(path), f"{_where(path)}la liste contient des doublons", "")]


def _property_names(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    key = str(error.kind.error.instance)
    location = doc.locate((*path, key), at_key=True)
    # jsonschema-rs points at the failing keyword inside the names schema (`enum`, or the
    # `pattern` of a `$ref`erenced definition), so `parent` is usually that schema itself.
    names = parent.get("propertyNames", parent)
    options = names.get("enum")
    if options:
        hint = did_you_mean(key, options) or "valeurs permises : " + ", ".join(options)
        return [(location, f"{_where(path)}clé {quote_value(key)} inconnue", hint)]
    if "annee" in str(names.get("$ref", "")) or "annee" in str(error.schema_path):
        return [
            (
                location,
                f"{_where(path)}{quote_value(key)} n'est pas une année de 1900 à 2100",
                "écrivez l'année sur 4 chiffres, par exemple « 2025: 12000 »",
            )
        ]
    return [
        (
            location,
            f"{_where(path)}clé {quote_value(key)} mal écrite",
            "une clé de cette table est un identifiant : minuscules, chiffres et tirets",
        )
    ]


def _custom(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    message = parent.get("errorMessage") or f"{_where(path)}valeur non conforme au schéma"
    return [(doc.locate(path), message, str(parent.get("description", "")))]


def _generic(
    error: Any, doc: Document, path: JsonPath, parent: Schema, root: Schema
) -> list[Finding]:
    message = parent.get("errorMessage") or (
        f"{_where(path)}valeur non conforme au schéma (règle « {error.kind.name} »)"
    )
    return [(doc.locate(path), message, str(parent.get("description", "")))]


Handler = Callable[[Any, Document, JsonPath, Schema, Schema], list[Finding]]
_HANDLERS: dict[str, Handler] = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "const": _enum,
    "pattern": _pattern,
    "format": _format,
    "minimum": _minimum,
    "maximum": _minimum,
    "exclusiveMinimum": _minimum,
    "exclusiveMaximum": _minimum,
    "multipleOf": _multiple_of,
    "minLength": _length,
    "maxLength": _length,
    "minItems": _items_count,
    "maxItems": _items_count,
    "uniqueItems": _unique,
    "propertyNames": _property_names,
    "oneOf": _custom,
    "not": _custom,
}
