"""Third stage: each document against the JSON Schema of its kind.

jsonschema-rs compiles each schema once and answers "valid?" in microseconds; only a document
that fails is walked again for its errors, which `schema_messages` turns into French.
The schemas are the files of `schemas/`, shipped inside the package as `pactecli.schemas`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from pactecli.diagnostics import Diagnostic
from pactecli.layout import Kind
from pactecli.load.documents import Document

SCHEMA_FILES = {
    Kind.PACT: "pacte.schema.json",
    Kind.CONVENTION: "convention.schema.json",
    Kind.ACTION: "action.schema.json",
    Kind.PARTNER: "partner.schema.json",
}


@cache
def load_schema(kind: Kind) -> dict[str, Any]:
    text = resources.files("pactecli.schemas").joinpath(SCHEMA_FILES[kind]).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(kind: Kind) -> Any:
    return jsonschema_rs.validator_for(load_schema(kind), validate_formats=True)


def check(document: Document) -> list[Diagnostic]:
    """Diagnostics for every way the document breaks its schema (none when it is valid)."""
    validator = _validator(document.kind)
    if validator.is_valid(document.data):
        return []
    from pactecli.check.schema_messages import translate  # only a broken file needs the wording

    schema = load_schema(document.kind)
    problems: list[Diagnostic] = []
    for error in validator.iter_errors(document.data):
        problems.extend(translate(error, document, schema))
    return problems
