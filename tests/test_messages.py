"""French messages for the mistakes the folder cases do not show: each one was once wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacte_testing import base_text, check_pact, edit, make_pact, only

MSA = "data/partners/msa.yaml"
MAR = "data/conventions/cls/actions/maraudes.yaml"


@pytest.mark.parametrize(
    ("files", "code", "where", "message", "hint"),
    [
        (
            edit(MAR, "nature: nouvelle", "nature:"),
            "schema",
            f"{MAR}:4:8",
            "« nature » : valeur vide non permise",
            "valeurs permises : nouvelle, renforcee",
        ),
        (
            edit(MAR, "statut: en_cours", "statut: *"),
            "yaml-invalide",
            f"{MAR}:10:10",
            "nom d'ancre ou d'alias attendu après « & » ou « * »",
            "entre guillemets",
        ),
        (
            edit(MAR, "titre: Maraudes dans les vallées", "titre: !<x"),
            "yaml-invalide",
            f"{MAR}:2:11",
            "étiquette YAML",
            "entre guillemets",
        ),
        (
            edit(MSA, "2025: 3000", "20x5: 3000"),
            "schema",
            f"{MSA}:10:7",
            "« montants » : « 20x5 » n'est pas une année",
            "écrivez l'année sur 4 chiffres",
        ),
        (
            edit(MSA, "nature: financiere", "nature: financiere\n    etp: 1"),
            "schema",
            f"{MSA}:7:5",
            "etp n'est permis que pour une contribution humaine",
            "schemas/partner.schema.json",
        ),
    ],
    ids=["enum-vide", "alias-sans-nom", "etiquette-vide", "annee-mal-ecrite", "etp-financiere"],
)
def test_message(
    tmp_path: Path, files: dict[str, str], code: str, where: str, message: str, hint: str
) -> None:
    diagnostic = only(check_pact(make_pact(tmp_path, files)), code)
    location = diagnostic.location
    assert f"{location.path}:{location.line}:{location.column}" == where
    assert message in diagnostic.message
    assert hint in diagnostic.hint


def test_unparseable_yaml_never_shows_english(tmp_path: Path) -> None:
    files = {MSA: "id: msa\n%TAG ! tag:x\n"}
    diagnostic = only(check_pact(make_pact(tmp_path, files)), "yaml-invalide")
    assert "found" not in diagnostic.message and "expected" not in diagnostic.message


def test_long_values_are_cut_at_80_characters(tmp_path: Path) -> None:
    value = "Établissement " * 10
    files = edit(MSA, "categorie: protection_sociale", f"categorie: {value}")
    diagnostic = only(check_pact(make_pact(tmp_path, files)), "schema")
    quoted = diagnostic.message.split("« ")[2].split(" »")[0]
    assert len(quoted) == 80
    assert quoted.endswith("…")
    assert base_text(MSA) != files[MSA]


@pytest.mark.parametrize(
    ("files", "code"),
    [
        (edit(MSA, "nom:", "cle_" + "x" * 150 + ": 1\nnom:"), "schema"),
        (
            edit(MSA, "nom:", "cle_" + "y" * 150 + ": 1\ncle_" + "y" * 150 + ": 2\nnom:"),
            "cle-dupliquee",
        ),
    ],
    ids=["cle-inconnue", "cle-dupliquee"],
)
def test_long_keys_are_cut_at_80_characters(
    tmp_path: Path, files: dict[str, str], code: str
) -> None:
    found = check_pact(make_pact(tmp_path, files)).diagnostics
    diagnostic = next(d for d in found if d.code == code)
    quoted = diagnostic.message.split("« ")[1].split(" »")[0]
    assert len(quoted) == 80
    assert quoted.endswith("…")
