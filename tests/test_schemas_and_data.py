"""The JSON Schemas editors use, and the repository's own Hautes-Alpes pact."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from pacte_testing import AS_OF_DATE, check_pact
from pactecli.check.schema import SCHEMA_FILES, load_schema
from pactecli.layout import Kind

REPO = Path(__file__).parents[1]
SCHEMAS = {path.name: json.loads(path.read_text("utf-8")) for path in REPO.glob("schemas/*.json")}


def _objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every sub-schema, with a readable location."""
    if isinstance(node, dict):
        yield where, node
        for key, child in node.items():
            if key not in ("enum", "const", "examples", "default"):
                yield from _objects(child, f"{where}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _objects(child, f"{where}/{index}")


def test_four_schemas() -> None:
    assert sorted(SCHEMAS) == sorted(SCHEMA_FILES.values())


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_passes_the_2020_12_metaschema(name: str) -> None:
    schema = SCHEMAS[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}")
    assert schema["title"]
    assert schema["description"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_closed_objects_and_french_descriptions(name: str) -> None:
    closed = 0
    for where, node in _objects(SCHEMAS[name]):
        if node.get("type") == "object" and isinstance(node.get("properties"), dict):
            closed += 1
            assert node.get("additionalProperties") is False, where
            for key, prop in node["properties"].items():
                text = prop.get("description", "")
                assert len(text) > 5, f"{where}/properties/{key}"
                assert not text.startswith(("The ", "A ", "An ")), f"{where}/{key}: {text}"
    assert closed >= 2


def test_shared_definitions_are_identical() -> None:
    seen: dict[str, tuple[str, Any]] = {}
    shared = 0
    for name, schema in sorted(SCHEMAS.items()):
        for key, definition in schema.get("$defs", {}).items():
            if key in seen:
                shared += 1
                assert definition == seen[key][1], f"$defs/{key} : {name} ≠ {seen[key][0]}"
            else:
                seen[key] = (name, definition)
    assert {"identifiant", "montant", "date", "annee"} <= set(seen)
    assert shared >= 6


def test_installed_package_carries_the_same_schemas() -> None:
    for kind, name in SCHEMA_FILES.items():
        assert load_schema(kind) == SCHEMAS[name]
    assert set(SCHEMA_FILES) == set(Kind)


def test_repository_pact_is_sound_and_complete() -> None:
    """No error; the two warnings are the intended ones the README lists."""
    validation = check_pact(REPO, AS_OF_DATE)
    problems = [(d.location.short(), d.code) for d in validation.diagnostics]
    assert problems == [
        ("data/conventions/cls-2024-2027/actions/maraudes-vallees.yaml:27", "depense-excedentaire"),
        ("data/partners/france-travail.yaml:26", "execution-manquante"),
    ]
    model = validation.model
    assert len(model.actions) >= 18
    assert len(model.partners) >= 12
    assert sorted(c.type for c in model.conventions) == ["CDIE", "CLS", "partenariale"]
    assert model.pact is not None and len(model.pact.axes) == 4
    assert {a.objectif for a in model.actions} and {"etat", "departement"} <= set(
        model.partners_by_id
    )
    axes_used = {model.objectives_by_id[a.objectif].axe for a in model.actions}
    assert axes_used == {axis.id for axis in model.pact.axes}
