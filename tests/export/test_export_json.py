"""`pacte export --format json` against its versioned schema, and `pacte schema`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from export_testing import REPO, REPO_AS_OF, run_export

from pacte_testing import run_pacte
from pactecli.export import schema_json

SCHEMA = json.loads(schema_json.shipped())


def validator() -> jsonschema.Draft202012Validator:
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=checker)


def export_json(root: Path, *args: str) -> dict[str, object]:
    run = run_export(root, "-f", "json", *args)
    assert run.exit_code == 0, run
    document: dict[str, object] = json.loads(run.stdout)
    return document


def test_the_shipped_schema_is_the_generated_one() -> None:
    """Regenerate with `python -m pactecli.export.schema_json > src/pactecli/export/…`."""
    assert schema_json.shipped() == schema_json.text(schema_json.generate())
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_export_follows_its_schema(mini: Path) -> None:
    document = export_json(mini)
    assert list(validator().iter_errors(document)) == []
    assert document["format"] == "pacte-export" and document["version"] == 1
    assert document["complet"] is True and document["departement"] == "2A"


def test_this_repository_export_follows_its_schema(tmp_path: Path) -> None:
    run = run_pacte("export", "--root", str(REPO), "--as-of", REPO_AS_OF, "-f", "json")
    document = json.loads(run.stdout)
    assert list(validator().iter_errors(document)) == []


def test_joins_and_derived_figures(mini: Path) -> None:
    document = export_json(mini)
    tables = document["tables"]
    assert isinstance(tables, dict)
    money = [r for r in tables["financements"] if r["action"] == "petits-dejeuners"]
    assert money[1] == {
        "departement": "2A",
        "action": "petits-dejeuners",
        "convention": "cls",
        "objectif": "repas",
        "axe": "enfance",
        "financeur": "departement",
        "contribution": 1,
        "annee": 2026,
        "engage": 15000.25,
        "verse": 9000.15,
    }
    figures = document["chiffres"]
    assert isinstance(figures, dict)
    assert (figures["budget"], figures["engage"], figures["verse"]) == (
        108000.5,
        108500.5,
        39000.15,
    )
    by_year = figures["execution"]["par_annee"]
    assert by_year[0] == {
        "annee": 2025,
        "budget": 38000,
        "engage": 38000,
        "verse": 30000,
        "depense": 28000,
        "etat": "en_cours",  # 2025 closes on 1 July 2026, the day after the as-of date
    }
    funders = figures["execution"]["financeurs"]
    signed = [f for f in funders if f["financeur"] == "etat" and f["annee"] == 2026]
    assert signed == [
        {
            "convention": "cls",
            "financeur": "etat",
            "annee": 2026,
            "budget": 0,
            "engage": 15000.25,
            "verse": 0,
            "depense": None,
            "annexe": 15000.25,
        }
    ]


def test_a_forced_export_says_it_is_incomplete(mini: Path) -> None:
    (mini / "data/partners/msa.yaml").write_text("nom: [\n", encoding="utf-8")
    document = export_json(mini, "--force")
    assert document["complet"] is False and document["erreurs"] == 1
    problems = document["tables"]["problemes"]  # type: ignore[index]
    assert problems[0]["code"] == "yaml-invalide"
    assert list(validator().iter_errors(document)) == []


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("pacte", "schemas/pacte.schema.json"),
        ("convention", "schemas/convention.schema.json"),
        ("action", "schemas/action.schema.json"),
        ("partenaire", "schemas/partner.schema.json"),
        ("export", "src/pactecli/export/export.schema.json"),
    ],
)
def test_schema_prints_each_schema(kind: str, name: str) -> None:
    run = run_pacte("schema", kind)
    assert run.exit_code == 0, run
    assert run.stdout == (REPO / name).read_text(encoding="utf-8")


def test_schema_lists_then_writes_and_refreshes_its_own_files(tmp_path: Path) -> None:
    listing = run_pacte("schema").stdout
    assert "partenaire  partner.schema.json" in listing
    assert "export      export.schema.json" in listing
    folder = tmp_path / "schemas"
    assert run_pacte("schema", "--output", str(folder)).exit_code == 0
    written = sorted(p.name for p in folder.iterdir())
    assert written == [
        "action.schema.json",
        "convention.schema.json",
        "export.schema.json",
        "pacte.schema.json",
        "partner.schema.json",
    ]
    assert run_pacte("schema", "action", "-o", str(folder)).exit_code == 0  # its own: replaced
    (folder / "action.schema.json").write_text('{"title": "le mien"}', encoding="utf-8")
    refused = run_pacte("schema", "action", "-o", str(folder))
    assert refused.exit_code == 2
    assert (folder / "action.schema.json").read_text(encoding="utf-8") == '{"title": "le mien"}'
