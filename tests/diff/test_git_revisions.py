"""Reading revisions from git: hostile names, folders outside git, links, batch reads only."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from diff_testing import PactRepo, init_repo

from pacte_testing import AS_OF, AS_OF_DATE, run_pacte
from pactecli.check.validation import validate
from pactecli.load import git as gitsource
from pactecli.load import gitprocess
from pactecli.load.sources import FolderSnapshot

ETAT = "data/partners/etat.yaml"


@pytest.mark.parametrize("revision", ["--output=x", "-x", "--exec=touch pwned", "-"])
def test_revision_that_looks_like_an_option_is_refused(repo: PactRepo, revision: str) -> None:
    run = run_pacte("diff", "--root", str(repo.root), "--", revision, cwd=repo.root)

    assert run.exit_code == 2
    assert "révision refusée" in run.stderr
    assert not (repo.root / "x").exists() and not (repo.root / "pwned").exists()


@pytest.mark.parametrize("revision", ["HEAD;rm -rf /", "../", "main..HEAD~5", "inconnue", "HEAD~9"])
def test_unknown_revision_is_a_usage_error(repo: PactRepo, revision: str) -> None:
    run = run_pacte("diff", revision, "--root", str(repo.root))

    assert run.exit_code == 2
    assert f"révision git inconnue : « {revision} »" in run.stderr
    assert run.stdout == ""


def test_head_revision_checked_too(repo: PactRepo) -> None:
    run = run_pacte("diff", "--root", str(repo.root), "HEAD", "--", "-o")

    assert run.exit_code == 2
    assert "révision refusée" in run.stderr


def test_option_output_without_revision_is_a_usage_error(repo: PactRepo) -> None:
    run = run_pacte("diff", "--output=x", cwd=repo.root)

    assert run.exit_code == 2
    assert not (repo.root / "x").exists()


def test_folder_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pacte_testing import make_pact

    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = make_pact(tmp_path / "pacte")

    run = run_pacte("diff", "HEAD", "--root", str(root))

    assert run.exit_code == 2
    assert f"le dossier « {root} » n'est pas dans un dépôt git" in run.stderr
    assert "fatal" not in run.stderr and "repository" not in run.stderr  # git's English dropped


def _state(repo: PactRepo) -> tuple[str, str]:
    status = repo.git("status", "--porcelain")
    return hashlib.sha256((repo.top / ".git" / "index").read_bytes()).hexdigest(), status


def test_working_tree_and_index_never_touched(repo: PactRepo) -> None:
    repo.replace(ETAT, "      2026: 5000", "      2026: 6000")
    repo.commit("Hausse")
    repo.replace(ETAT, "      2026: 6000", "      2026: 7000")  # uncommitted
    repo.git("add", ETAT)
    repo.replace(ETAT, "      2026: 7000", "      2026: 8000")  # staged and unstaged
    before = _state(repo)
    on_disk = (repo.root / ETAT).read_text(encoding="utf-8")

    assert run_pacte("diff", "HEAD~1", "HEAD", "--root", str(repo.root)).stderr == ""
    assert run_pacte("diff", "HEAD~1", "--root", str(repo.root)).stderr == ""

    assert _state(repo) == before
    assert (repo.root / ETAT).read_text(encoding="utf-8") == on_disk


def _count_git(repo: PactRepo) -> int:
    gitsource.GIT_CALLS.clear()
    run = run_pacte("diff", "HEAD~1", "HEAD", "--root", str(repo.root), "--as-of", AS_OF)
    assert run.stderr == "" and "Financements" in run.stdout, str(run)
    return len(gitsource.GIT_CALLS)


def test_git_runs_a_constant_number_of_times(repo: PactRepo) -> None:
    """Two revisions: show-prefix, then per revision rev-parse, ls-tree and one cat-file."""
    repo.replace(ETAT, "      2026: 5000", "      2026: 4000")
    repo.commit("Baisse")
    small = _count_git(repo)
    for number in range(40):
        repo.write(f"data/partners/association-{number}.yaml", _partner(number))
    repo.commit("Quarante partenaires")
    repo.replace(ETAT, "      2026: 4000", "      2026: 3000")
    repo.commit("Baisse encore")

    assert small == _count_git(repo) == 7
    assert sum(1 for call in gitsource.GIT_CALLS if call[1] == "cat-file") == 2


def _partner(number: int) -> str:
    return (
        f"id: association-{number}\nnom: Association {number}\ncategorie: association\n"
        "signataire_pacte: false\n"
    )


def _link(repo: PactRepo, name: str, target: str) -> None:
    path = repo.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def _problems(snapshot: object) -> list[tuple[str, str, str]]:
    result = validate(snapshot, AS_OF_DATE)  # type: ignore[arg-type]
    return [(d.code, d.location.path, d.message) for d in result.diagnostics]


def test_links_read_inside_the_repository_and_refused_outside(repo: PactRepo) -> None:
    """The same verdicts from a revision as from the folder: in-tree links read, others refused."""
    (repo.root / "partage").mkdir()
    (repo.root / "data/partners/msa.yaml").rename(repo.root / "partage/msa.yaml")
    _link(repo, "data/partners/msa.yaml", "../../partage/msa.yaml")
    _link(repo, "data/partners/secret.yaml", "/etc/passwd")
    _link(repo, "data/partners/voisin.yaml", "../../../ailleurs.yaml")
    _link(repo, "data/conventions/miroir", "cls")  # already read under its own name
    (repo.root / "data/conventions/partenariale").rename(repo.root / "partage/partenariale")
    _link(repo, "data/conventions/partenariale", "../../partage/partenariale")
    _link(repo, "partage/partenariale/actions/secret.yaml", "/etc/passwd")
    commit = repo.commit("Liens")
    repository = gitsource.Repository.of(repo.root)

    from_git = _problems(repository.snapshot(commit))
    from_folder = _problems(FolderSnapshot(repo.root))

    assert from_git == from_folder
    assert all(code == "fichier-inattendu" for code, _, _ in from_git)
    refused = [(code, path) for code, path, _ in from_git if code == "fichier-inattendu"]
    assert refused == [
        ("fichier-inattendu", "data/conventions/partenariale/actions/secret.yaml"),
        ("fichier-inattendu", "data/partners/secret.yaml"),
        ("fichier-inattendu", "data/partners/voisin.yaml"),
    ]
    snapshot = repository.snapshot(commit)
    paths = {entry.path for entry in snapshot.entries()}
    assert not any(path.startswith("data/conventions/miroir") for path in paths)
    assert "data/conventions/partenariale/actions/coaching-emploi.yaml" in paths
    assert snapshot.read("data/partners/msa.yaml").startswith(b"id: msa\n")


def test_shared_read_cache_gives_the_same_verdicts(repo: PactRepo) -> None:
    """pacte diff parses a file identical in both versions once; the verdicts do not change."""
    repo.replace(ETAT, "      2026: 5000", "      2026: 5 000")
    repo.commit("Erreur de saisie")
    repository = gitsource.Repository.of(repo.root)
    cache: dict = {}  # type: ignore[type-arg]

    shared = [validate(repository.snapshot(r), AS_OF_DATE, cache) for r in ("HEAD~1", "HEAD")]
    alone = [validate(repository.snapshot(r), AS_OF_DATE) for r in ("HEAD~1", "HEAD")]

    assert [v.diagnostics for v in shared] == [v.diagnostics for v in alone]
    assert [v.file_count for v in shared] == [v.file_count for v in alone] == [9, 9]
    assert len(cache) == 10  # nine files, one of them in two versions
    assert shared[1].errors == 1


def _fake_git(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `git` first on PATH that runs `script` (sh), the real git being "$REAL_GIT"."""
    real = shutil.which("git")
    assert real is not None
    folder.mkdir()
    fake = folder / "git"
    fake.write_text(f'#!/bin/sh\nREAL_GIT="{real}"\n{script}\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_repository_of_another_user_is_explained_in_french(
    repo: PactRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What git says in CI when the checkout belongs to another user (safe.directory)."""
    _fake_git(
        tmp_path / "faux-git",
        "echo \"fatal: detected dubious ownership in repository at '$PWD'\" >&2\nexit 128",
        monkeypatch,
    )

    run = run_pacte("diff", "HEAD", "--root", str(repo.root))

    assert run.exit_code == 2
    assert "git refuse de lire le dépôt" in run.stderr
    assert "safe.directory" in run.stderr
    assert "fatal" not in run.stderr and "dubious" not in run.stderr


def test_missing_git_objects_are_explained_in_french(repo: PactRepo) -> None:
    """A shallow or damaged clone: git cannot list the revision."""
    tree = repo.git("rev-parse", "HEAD:data/partners").strip()
    (repo.top / ".git" / "objects" / tree[:2] / tree[2:]).unlink()

    run = run_pacte("diff", "HEAD", "--root", str(repo.root))

    assert run.exit_code == 2
    assert "impossible de lire la révision « HEAD »" in run.stderr
    assert "git fetch" in run.stderr
    assert "fatal" not in run.stderr and "error" not in run.stderr


def test_missing_tree_behind_a_link_is_explained_in_french(repo: PactRepo) -> None:
    """The tree is only read through a link, by `cat-file`: the same French error."""
    repo.write("partage/commun/convention.yaml", repo.text("data/conventions/cls/convention.yaml"))
    os.symlink("../../partage/commun", repo.root / "data/conventions/commun")
    repo.commit("Lien vers un dossier partagé")
    tree = repo.git("rev-parse", "HEAD:partage/commun").strip()
    (repo.top / ".git" / "objects" / tree[:2] / tree[2:]).unlink()

    run = run_pacte("diff", "HEAD", "--root", str(repo.root))

    assert run.exit_code == 2
    assert "impossible de lire la révision « HEAD »" in run.stderr
    assert "fatal" not in run.stderr


def test_git_that_hangs_is_stopped_with_a_french_error(
    repo: PactRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hang guard: `cat-file` never answers; pacte stops it instead of hanging CI."""
    _fake_git(
        tmp_path / "faux-git",
        'if [ "$1" = cat-file ]; then exec sleep 60; fi\nexec "$REAL_GIT" "$@"',
        monkeypatch,
    )
    monkeypatch.setattr(gitprocess, "GIT_TIMEOUT_SECONDS", 2.0)

    run = run_pacte("diff", "HEAD", "--root", str(repo.root))

    assert run.exit_code == 2
    assert "git ne répond plus" in run.stderr


def test_git_dir_in_the_environment_is_ignored(
    repo: PactRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The revision is read from the pact's repository, whatever GIT_DIR points at."""
    other = init_repo(tmp_path / "autre")
    other.replace(ETAT, "      2026: 5000", "      2026: 9000")
    other.commit("Ailleurs")
    repo.replace(ETAT, "      2026: 5000", "      2026: 6000")
    head = repo.commit("Ici")
    monkeypatch.setenv("GIT_DIR", str(other.top / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other.top))

    run = run_pacte("diff", "HEAD~1", "HEAD", "--root", str(repo.root), "--as-of", AS_OF)

    assert f"la révision « HEAD » ({head[:10]})" in run.stdout, str(run)
    assert "+1\u202f000" in run.stdout and "+4\u202f000" not in run.stdout
