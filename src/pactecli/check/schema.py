"""Third stage: each document against the JSON Schema of its kind.

jsonschema-rs compiles each schema once and answers "valid?" in microseconds; only a document
that fails is walked again for its errors, which `schema_messages` turns into French. Besides the
diagnostics, a failing document yields the JSON paths of the values it could not vouch for
(`invalid`): the model leaves them out and keeps every other fact of the record, so that one bad
value never hides the record's other problems from the cross-file rules.

The schemas are the files of `schemas/`, shipped inside the package as `pactecli.schemas`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from pactecli.diagnostics import Diagnostic
from pactecli.jsonpath import JsonPath
from pactecli.layout import Kind
from pactecli.load.documents import Document

SCHEMA_FILES = {
    Kind.PACT: "pacte.schema.json",
    Kind.CONVENTION: "convention.schema.json",
    Kind.ACTION: "action.schema.json",
    Kind.PARTNER: "partner.schema.json",
}


@dataclass(frozen=True, slots=True)
class SchemaResult:
    problems: tuple[Diagnostic, ...] = ()
    invalid: frozenset[JsonPath] = frozenset()


VALID = SchemaResult()


@cache
def load_schema(kind: Kind) -> dict[str, Any]:
    text = resources.files("pactecli.schemas").joinpath(SCHEMA_FILES[kind]).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(kind: Kind) -> Any:
    return jsonschema_rs.validator_for(load_schema(kind), validate_formats=True)


def check(document: Document) -> SchemaResult:
    """Every way the document breaks its schema, and the values it leaves unknown."""
    validator = _validator(document.kind)
    if validator.is_valid(document.data):
        return SchemaResult(invalid=document.ambiguous) if document.ambiguous else VALID
    from pactecli.check.schema_messages import translate  # only a broken file needs the wording

    schema = load_schema(document.kind)
    problems: list[Diagnostic] = []
    invalid: set[JsonPath] = set(document.ambiguous)
    for error in validator.iter_errors(document.data):
        path = instance_path(error.instance_path, document.data)
        invalid.add(_failing_value(error, path))
        problems.extend(translate(error, path, document, schema))
    return SchemaResult(tuple(problems), frozenset(invalid))


def _failing_value(error: Any, path: JsonPath) -> JsonPath:
    """The value an error makes unknown: a missing or unexpected key, or the value itself."""
    kind = error.kind
    if kind.name == "required":
        return (*path, kind.property)
    if kind.name == "additionalProperties" and kind.unexpected:
        return (*path, *kind.unexpected[:1]) if len(kind.unexpected) == 1 else path
    if kind.name == "propertyNames":
        return (*path, str(kind.error.instance))
    return path


def instance_path(raw: Sequence[str | int], data: Any) -> JsonPath:
    """jsonschema-rs reports the key `2024` of a year mapping as the integer 2024: undo that."""
    path: list[str | int] = []
    node = data
    for step in raw:
        if isinstance(node, dict) and isinstance(step, int):
            step = str(step)
        path.append(step)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(path)
