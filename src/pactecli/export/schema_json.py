"""The JSON Schema of the JSON export, versioned and shipped in the package.

`export.schema.json` beside this module is what `pacte schema export` prints and what other
tools validate against; `generate()` derives it from the table specifications (`columns`), and
a test checks that the shipped file is exactly the generated one, so they cannot drift. After
changing a table, regenerate it:

    python -m pactecli.export.schema_json > src/pactecli/export/export.schema.json

A change that removes or renames a column, or changes its type, is a new version (`v2`).
"""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

from pactecli.export.columns import TABLES, ColumnKind
from pactecli.export.json import FORMAT, SCHEMA_URL
from pactecli.export.tables import EXPORT_VERSION
from pactecli.render import escape

FILE = "export.schema.json"
_JSON_TYPES: dict[ColumnKind, dict[str, Any]] = {
    ColumnKind.TEXT: {"type": ["string", "null"]},
    ColumnKind.INTEGER: {"type": ["integer", "null"]},
    ColumnKind.YEAR: {"type": ["integer", "null"]},
    ColumnKind.MONEY: {"type": ["number", "null"]},
    ColumnKind.NUMBER: {"type": ["number", "null"]},
    ColumnKind.DATE: {"type": ["string", "null"], "format": "date"},
    ColumnKind.BOOLEAN: {"type": ["boolean", "null"]},
}
_LEFT_OUT = ("metadonnees",)
_NUMBER_OR_NULL = {"type": ["number", "null"]}


def _row_schema(spec_index: int) -> dict[str, Any]:
    spec = TABLES[spec_index]
    properties = {}
    for column in spec.columns:
        described = column.title + (
            " (toujours renseigné quand « complet » vaut true)" if column.required else ""
        )
        properties[column.name] = {**_JSON_TYPES[column.kind], "description": described}
    return {
        "type": "object",
        "title": spec.title,
        "description": spec.description,
        "properties": properties,
        "required": list(spec.names),
        "additionalProperties": False,
    }


def _flow(*ids: str, annex: bool = False, state: bool = False) -> dict[str, Any]:
    properties: dict[str, Any] = {name: {"type": "string"} for name in ids}
    properties["annee"] = {"type": "integer"}
    for name in ("budget", "engage", "verse"):
        properties[name] = {"type": "number"}
    properties["depense"] = {**_NUMBER_OR_NULL, "description": "null : pas encore déclaré"}
    if annex:
        properties["annexe"] = {**_NUMBER_OR_NULL, "description": "null : absent de l'annexe"}
    if state:
        properties["etat"] = {"enum": ["close", "en_cours", "a_venir"]}
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": properties,
            "required": [name for name in properties if name != "annexe"],
            "additionalProperties": False,
        },
    }


def generate() -> dict[str, Any]:
    tables = [(i, spec) for i, spec in enumerate(TABLES) if spec.name not in _LEFT_OUT]
    nullable_text = {"type": ["string", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL,
        "title": "Export JSON d'un Pacte local des solidarités",
        "description": "Le modèle complet d'un pacte validé (pacte export --format json), "
        f"version {EXPORT_VERSION} : tables en format long, chiffres clés et exécution.",
        "type": "object",
        "properties": {
            "$schema": {"const": SCHEMA_URL},
            "format": {"const": FORMAT},
            "version": {"const": EXPORT_VERSION},
            "signature": {"type": "string", "pattern": "^généré par pacte "},
            "generateur": {
                "type": "object",
                "properties": {"nom": {"const": "pacte"}, "version": {"type": "string"}},
                "required": ["nom", "version"],
                "additionalProperties": False,
            },
            "situation": {"type": "string", "format": "date", "description": "Date de situation"},
            "territoire": nullable_text,
            "departement": nullable_text,
            "filtres": {
                "type": "object",
                "properties": {
                    "convention": nullable_text,
                    "axe": nullable_text,
                    "partenaire": nullable_text,
                    "annee": {"type": ["integer", "null"]},
                },
                "required": ["convention", "axe", "partenaire", "annee"],
                "additionalProperties": False,
            },
            "complet": {
                "type": "boolean",
                "description": "false : exporté malgré des erreurs (--force), "
                "voir tables.problemes",
            },
            "erreurs": {"type": "integer", "minimum": 0},
            "avertissements": {"type": "integer", "minimum": 0},
            "annees": {"type": "array", "items": {"type": "integer"}},
            "chiffres": _key_figures(),
            "tables": {
                "type": "object",
                "properties": {
                    spec.name: {"type": "array", "items": {"$ref": f"#/$defs/{spec.name}"}}
                    for _, spec in tables
                },
                "required": [spec.name for _, spec in tables],
                "additionalProperties": False,
            },
        },
        "required": [
            "$schema",
            "format",
            "version",
            "signature",
            "generateur",
            "situation",
            "territoire",
            "departement",
            "filtres",
            "complet",
            "erreurs",
            "avertissements",
            "annees",
            "chiffres",
            "tables",
        ],
        "additionalProperties": False,
        "$defs": {spec.name: _row_schema(i) for i, spec in tables},
    }


def _key_figures() -> dict[str, Any]:
    counts = ("nb_conventions", "nb_actions", "nb_partenaires")
    amounts = ("budget", "engage", "finance", "reste_a_financer", "verse", "depense")
    properties: dict[str, Any] = {name: {"type": "integer", "minimum": 0} for name in counts}
    properties.update({name: {"type": "number"} for name in amounts})
    properties["par_financeur"] = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"financeur": {"type": "string"}, "engage": {"type": "number"}},
            "required": ["financeur", "engage"],
            "additionalProperties": False,
        },
    }
    properties["execution"] = {
        "type": "object",
        "properties": {
            "par_annee": _flow(state=True),
            "conventions": _flow("convention"),
            "actions": _flow("action", "convention"),
            "financeurs": _flow("convention", "financeur", annex=True),
        },
        "required": ["par_annee", "conventions", "actions", "financeurs"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def text(schema: dict[str, Any]) -> str:
    return escape.to_json(schema) + "\n"


def shipped() -> str:
    """The schema file shipped in the package, as text."""
    return resources.files("pactecli.export").joinpath(FILE).read_text("utf-8")


if __name__ == "__main__":
    sys.stdout.write(text(generate()))
