"""`pacte init`: a new repository that validates; refusals; then `new` and `validate` end to end."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from pacte_testing import AS_OF, Run, check_pact, problems, run_pacte
from pactecli.author import scaffold
from pactecli.load import documents
from pactecli.load.sources import FolderSnapshot, collect

REPO = Path(__file__).parents[2]


def init(folder: Path, *extra: str) -> Run:
    return run_pacte("init", str(folder), "--territoire", "Corse-du-Sud", "--code", "2A", *extra)


def test_init_writes_a_pact_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "pacte-2a"
    run = run_pacte("init", str(folder), "--territoire", "Corse-du-Sud", "--code", "2A")
    assert run.exit_code == 0, run
    assert "Aucun problème dans 5 fichiers." in run.stdout
    assert problems(check_pact(folder)) == []
    pact = documents.load(
        next(s for s in collect(FolderSnapshot(folder)).sources if s.path == "pacte.yaml")
    )[0]
    assert pact is not None and pact.data["territoire"] == {"nom": "Corse-du-Sud", "code": "2A"}
    assert pact.data["periode"] == {"debut": 2024, "fin": 2027}
    assert [axis["titre"] for axis in pact.data["axes"]] == [t for _, t in scaffold.NATIONAL_AXES]
    assert run_pacte("fmt", "--check", "--root", str(folder)).exit_code == 0


def test_every_example_record_says_it_is_an_example(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    init(folder)
    examples = sorted((folder / "data").rglob("*.yaml"))
    assert len(examples) == 4  # a convention, an action, two partners (its signatories)
    for record in examples:
        text = record.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
        assert "EXEMPLE À REMPLACER" in text, record
        assert "(obligatoire)" in text


def test_editor_pre_commit_ci_and_codeowners_are_there(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    init(folder)
    examples = resources.files("pactecli.examples")
    ci = {
        ".github/workflows/pacte.yml": "ci/github-workflow.yml",
        ".gitlab-ci.yml": "ci/gitlab-ci.yml",
    }
    for written, source in ci.items():  # copied as the installed package has them
        assert (folder / written).read_text("utf-8") == examples.joinpath(source).read_text("utf-8")
    assert (folder / ".github/workflows/pacte.yml").read_bytes() == (
        REPO / "examples/ci/github-workflow.yml"
    ).read_bytes()
    for schema in (REPO / "schemas").glob("*.json"):
        assert (folder / "schemas" / schema.name).read_bytes() == schema.read_bytes()
    settings = (folder / ".vscode/settings.json").read_text("utf-8")
    assert '"./schemas/action.schema.json": "data/conventions/*/actions/*.yaml"' in settings
    assert "entry: pacte validate" in (folder / ".pre-commit-config.yaml").read_text("utf-8")
    assert "/data/partners/etat.yaml" in (folder / "CODEOWNERS.exemple").read_text("utf-8")
    readme = (folder / "README.md").read_text("utf-8")
    assert readme.startswith("# Pacte local des solidarités — Corse-du-Sud\n")
    assert "/site/" in (folder / ".gitignore").read_text("utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
def test_git_init_is_done_and_said_but_never_a_commit(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    run = init(folder)
    assert "Dépôt git initialisé (aucun commit" in run.stdout
    assert (folder / ".git").is_dir()
    head = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--verify", "HEAD"], capture_output=True
    )
    assert head.returncode != 0  # no commit at all


def test_without_git_it_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold.shutil, "which", lambda name: None)
    run = init(tmp_path / "p")
    assert run.exit_code == 0, run
    assert "Git est absent : lancez « git init » vous-même" in run.stdout
    assert not (tmp_path / "p" / ".git").exists()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "notes.txt").write_text("mes notes\n", encoding="utf-8")
    run = init(folder)
    assert run.exit_code == 2, run
    assert "n'est pas vide : rien n'a été créé" in run.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("code", ["01", "05", "19", "2A", "2B", "21", "95", "971", "976"])
def test_accepted_codes(tmp_path: Path, code: str) -> None:
    assert scaffold.check_code(code) == code


@pytest.mark.parametrize("code", ["00", "20", "96", "970", "977", "5", "2C", "2a", "", "05 "])
def test_refused_codes(tmp_path: Path, code: str) -> None:
    run = run_pacte("init", str(tmp_path / "p"), "--territoire", "X", "--code", code)
    assert run.exit_code == 2, run
    assert f"--code : « {code} » n'est pas un code de département" in run.stderr
    assert not (tmp_path / "p").exists()


def test_a_one_year_pact_validates_too(tmp_path: Path) -> None:
    run = init(tmp_path / "p", "--debut", "2026", "--fin", "2026")
    assert run.exit_code == 0, run
    assert problems(check_pact(tmp_path / "p")) == []


@pytest.mark.parametrize("years", [("2027", "2024"), ("1899", "2027"), ("2024", "2101")])
def test_impossible_years_are_refused_before_writing(
    tmp_path: Path, years: tuple[str, str]
) -> None:
    run = init(tmp_path / "p", "--debut", years[0], "--fin", years[1])
    assert run.exit_code == 2 and "années du pacte impossibles" in run.stderr, run
    assert not (tmp_path / "p").exists()


def test_a_single_digit_code_gets_its_zero(tmp_path: Path) -> None:
    run = run_pacte("init", str(tmp_path / "p"), "--territoire", "Hautes-Alpes", "--code", "5")
    assert "écrivez « 05 »" in run.stderr


def test_init_then_new_then_validate(tmp_path: Path) -> None:
    """A territory starts its pact and adds a partner, an action and its funding."""
    folder = tmp_path / "p"
    assert init(folder).exit_code == 0

    def new(*args: str) -> None:
        run = run_pacte("new", *args, "--root", str(folder), "--as-of", AS_OF, "--non-interactif")
        assert run.exit_code == 0, run

    new(
        "partenaire",
        "caf",
        "--nom",
        "Caisse d'allocations familiales",
        "--categorie",
        "protection_sociale",
        "--sigle",
        "CAF",
    )
    new(
        "action",
        "aide-mobilite",
        "--convention",
        "cls-2024-2027",
        "--pilote",
        "caf",
        "--nature",
        "renforcee",
        "--titre",
        "Aide à la mobilité",
        "--budget",
        "2025=30000",
        "--debut",
        "2025-01-01",
        "--fin",
        "2025-12-31",
    )
    new(
        "contribution",
        "--partenaire",
        "etat",
        "--action",
        "aide-mobilite",
        "--montants",
        "2025=15000",
    )
    new(
        "contribution",
        "--partenaire",
        "departement",
        "--action",
        "aide-mobilite",
        "--montants",
        "2025=15000",
    )
    new(
        "contribution",
        "--partenaire",
        "caf",
        "--action",
        "aide-mobilite",
        "--nature",
        "ingenierie",
        "--description",
        "Repérage des familles allocataires",
    )
    run = run_pacte("validate", "--root", str(folder), "--as-of", AS_OF)
    assert run.exit_code == 0, run
    assert run.stdout == "Aucun problème dans 7 fichiers.\n"
    assert run_pacte("fmt", "--check", "--root", str(folder)).exit_code == 0
