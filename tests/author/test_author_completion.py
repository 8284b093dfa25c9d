"""Shell completion of ids, read from the pact on the fly (no validation, never an error)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pacte_testing import make_pact, run_pacte
from pactecli.cli.completion import (
    complete_action,
    complete_axis,
    complete_convention,
    complete_objective,
    complete_partner,
)


def ctx(root: Path | None = None, **params: Any) -> Any:
    return SimpleNamespace(params={"root": root, **params})


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    return make_pact(tmp_path / "pacte")


def test_ids_of_each_kind_with_their_titles(pact: Path) -> None:
    assert [value for value, _ in complete_convention(ctx(pact), "")] == ["cls", "partenariale"]
    assert complete_axis(ctx(pact), "e") == [
        ("enfance", "Prévenir la pauvreté et lutter contre les inégalités dès l'enfance"),
        ("emploi", "Amplifier la politique d'accès à l'emploi pour tous"),
    ]
    assert complete_partner(ctx(pact), "") == [("departement", ""), ("etat", ""), ("msa", "")]
    assert complete_action(ctx(pact), "ma") == [("maraudes", "convention cls")]


def test_objectives_of_the_chosen_convention_only(pact: Path) -> None:
    every = [value for value, _ in complete_objective(ctx(pact), "")]
    assert every == ["cls-enfance", "cls-droits", "part-emploi"]
    assert [value for value, _ in complete_objective(ctx(pact, convention="partenariale"), "")] == [
        "part-emploi"
    ]


def test_found_from_the_current_folder(pact: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pact / "data" / "partners")
    assert [value for value, _ in complete_partner(ctx(), "")] == ["departement", "etat", "msa"]


def test_no_pact_no_candidates_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert complete_convention(ctx(), "") == []
    assert complete_partner(ctx(tmp_path / "absent"), "") == []


def test_hostile_names_and_links_are_never_offered(pact: Path, tmp_path: Path) -> None:
    (pact / "data/partners/$(touch pwned).yaml").write_text("id: x\n", encoding="utf-8")
    outside = tmp_path / "secret.yaml"
    outside.write_text("id: secret\n", encoding="utf-8")
    os.symlink(outside, pact / "data/partners/secret.yaml")
    broken = "id: cls\nobjectifs: [\n"
    (pact / "data/conventions/cls/convention.yaml").write_text(broken, encoding="utf-8")
    titles = 'id: part\ntitre: "Ligne\\n\\u001b[31mrouge"\nobjectifs: []\n'
    (pact / "data/conventions/partenariale/convention.yaml").write_text(titles, encoding="utf-8")
    assert [value for value, _ in complete_partner(ctx(pact), "")] == ["departement", "etat", "msa"]
    conventions = complete_convention(ctx(pact), "")
    assert [value for value, _ in conventions] == ["cls", "partenariale"]  # folders, unread
    assert all(help.isprintable() for _, help in conventions)


def test_the_shell_gets_them_through_pacte_itself(
    pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pact)
    monkeypatch.setenv("_PACTE_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "pacte report --partenaire e")
    monkeypatch.setenv("COMP_CWORD", "3")
    run = run_pacte()
    assert run.stdout.split() == ["etat"], run
    monkeypatch.setenv("COMP_WORDS", "pacte new contribution --action ")
    monkeypatch.setenv("COMP_CWORD", "4")
    assert run_pacte().stdout.split() == ["maraudes", "petits-dejeuners", "coaching-emploi"]


def test_history_completes_actions_and_partners(
    pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pact)
    monkeypatch.setenv("_PACTE_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "pacte history m")
    monkeypatch.setenv("COMP_CWORD", "2")
    assert run_pacte().stdout.split() == ["maraudes", "msa"]
