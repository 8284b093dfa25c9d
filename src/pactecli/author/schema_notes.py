"""What the JSON Schemas say about each key: its place in the key order, its French
description, its allowed values, whether it is required.

The schemas of `schemas/` are the one source of this knowledge: the comments of generated
records and the key order of `pacte fmt` come from here, never retyped.
"""

from __future__ import annotations

from typing import Any

from pactecli.check.schema import load_schema
from pactecli.layout import Kind

#: A path into a record: keys, with "*" for any item of a list or any key of a mapping.
SchemaPath = tuple[str, ...]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref` to the schema's `$defs`, keeping the referring node's description."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return node
    target = schema["$defs"][ref.removeprefix("#/$defs/")]
    merged = {**_resolve(schema, target), **{k: v for k, v in node.items() if k != "$ref"}}
    return merged


def subschema(kind: Kind, path: SchemaPath) -> dict[str, Any] | None:
    """The schema of the value at `path` in a record of `kind`, or None if it has none."""
    schema = load_schema(kind)
    node: dict[str, Any] = _resolve(schema, schema)
    for step in path:
        if step == "*" and isinstance(node.get("items"), dict):
            node = _resolve(schema, node["items"])
        elif step in node.get("properties", {}):
            node = _resolve(schema, node["properties"][step])
        elif isinstance(node.get("additionalProperties"), dict):
            node = _resolve(schema, node["additionalProperties"])
        else:
            return None
    return node


def key_order(kind: Kind, path: SchemaPath) -> list[str]:
    """The keys of the mapping at `path`, in the order of the spec (the schema's order)."""
    node = subschema(kind, path)
    return list(node.get("properties", {})) if node else []


def is_required(kind: Kind, path: SchemaPath) -> bool:
    parent = subschema(kind, path[:-1])
    return bool(parent) and path[-1] in parent.get("required", ())  # type: ignore[union-attr]


def allowed_values(kind: Kind, path: SchemaPath) -> list[str]:
    node = subschema(kind, path)
    return [str(value) for value in node.get("enum", ())] if node else []


def description(kind: Kind, path: SchemaPath) -> str:
    node = subschema(kind, path)
    return str(node.get("description", "")) if node else ""


def comment(kind: Kind, path: SchemaPath) -> str:
    """The French note written above a key: what it means, its allowed values, whether it may
    be left out. E.g. « Date de fin. (obligatoire) »."""
    text = description(kind, path)
    values = allowed_values(kind, path)
    if values and not all(value in text for value in values):
        text += " Valeurs permises : " + ", ".join(values) + "."
    required = is_required(kind, path)
    return f"{text} ({'obligatoire' if required else 'facultatif'})".strip()
