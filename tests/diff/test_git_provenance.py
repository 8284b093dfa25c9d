"""Where a report's data comes from: `read_provenance`, through the same guarded git calls."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from diff_testing import PactRepo, init_repo

from pacte_testing import make_pact
from pactecli.load import git as gitsource
from pactecli.load.git import Provenance, read_provenance

ETAT = "data/partners/etat.yaml"


def _short(repo: PactRepo) -> str:
    return repo.git("rev-parse", "--short", "HEAD").strip()


def test_committed_pact(repo: PactRepo) -> None:
    repo.replace(ETAT, "      2026: 5000", "      2026: 6000")
    repo.commit("Hausse")  # the second commit: 2 January 2026

    assert read_provenance(repo.root) == Provenance(_short(repo), dt.date(2026, 1, 2), False, False)


def test_files_outside_the_records_do_not_make_it_modified(repo: PactRepo) -> None:
    (repo.root / "brouillon.txt").write_text("notes hors des données\n", encoding="utf-8")

    assert read_provenance(repo.root).modifie is False


@pytest.mark.parametrize("change", ["edited", "staged", "untracked", "deleted"])
def test_uncommitted_record_changes_make_it_modified(repo: PactRepo, change: str) -> None:
    if change in ("edited", "staged"):
        repo.replace(ETAT, "      2026: 5000", "      2026: 6000")
    if change == "staged":
        repo.git("add", ETAT)
    if change == "untracked":
        repo.write("data/partners/nouveau.yaml", "id: nouveau\n")
    if change == "deleted":
        (repo.root / ETAT).unlink()

    provenance = read_provenance(repo.root)

    assert provenance == Provenance(_short(repo), dt.date(2026, 1, 1), True, False)


def test_pact_in_a_sub_folder_looks_at_its_own_records_only(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "depot", sub="pacte")
    (repo.top / "README.md").write_text("modifié hors du pacte\n", encoding="utf-8")

    assert read_provenance(repo.root).modifie is False
    repo.replace(ETAT, "      2026: 5000", "      2026: 6000")
    assert read_provenance(repo.root).modifie is True


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = make_pact(tmp_path / "pacte")

    assert read_provenance(root) == Provenance(None, None, False, True)


def test_repository_without_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = make_pact(tmp_path / "pacte")
    subprocess.run(("git", "init", "-q"), cwd=root, check=True)

    assert read_provenance(root) == Provenance(None, None, True, False)


def test_git_missing_means_outside_git(repo: PactRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo.top / "sans-git"))

    assert read_provenance(repo.root) == Provenance(None, None, False, True)


def test_git_dir_in_the_environment_is_ignored(
    repo: PactRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = init_repo(tmp_path / "autre")
    other.write("data/partners/nouveau.yaml", "id: nouveau\n")  # other is modified, not ours
    expected = Provenance(_short(repo), dt.date(2026, 1, 1), False, False)
    monkeypatch.setenv("GIT_DIR", str(other.top / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other.top))

    assert read_provenance(repo.root) == expected


def test_provenance_goes_through_the_guarded_calls(repo: PactRepo) -> None:
    gitsource.GIT_CALLS.clear()

    read_provenance(repo.root)

    assert [call[1] for call in gitsource.GIT_CALLS] == ["rev-parse", "log", "status"]
