"""Templates come with pull requests, and CI keeps its token in `.git/config`: a template is
read only from a real file under the real templates folder, never through a symbolic link, never
under `.git`, never by `..` or an absolute name. A refused template is a French error (exit 1)
naming it; a missing one falls back to the packaged default.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from report_testing import run_report

TOKEN = "ghp_jeton_secret_de_la_CI"
READ_TOKEN = '{% include ".git/config" ignore missing %}{{ territoire }}\n'


@pytest.fixture
def pact(small_pact: Path) -> Path:
    """The small pact with a `.git/config` holding a token, as a CI checkout has."""
    (small_pact / ".git").mkdir()
    (small_pact / ".git" / "config").write_text(f"[http]\n\textraheader = {TOKEN}\n", "utf-8")
    return small_pact


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _refused(root: Path, *args: str) -> str:
    """The report of `root` in Markdown must be refused (exit 1) without leaking the token."""
    run = run_report(root, "-f", "markdown", *args)
    assert run.exit_code == 1, run
    assert TOKEN not in run.stdout + run.stderr
    assert run.stdout == ""
    assert "refusé" in run.stderr and "Traceback" not in run.stderr
    return run.stderr


def test_templates_folder_linked_to_the_repository_is_refused(pact: Path) -> None:
    _write(pact / "report.md.j2", '{% include "templates/.git/config" %}\n')
    (pact / "templates").symlink_to(".")
    stderr = _refused(pact)
    assert "le dossier de modèles" in stderr and "est un lien symbolique" in stderr


def test_templates_folder_linked_even_without_a_template_is_refused(pact: Path) -> None:
    (pact / "templates").symlink_to(".")
    assert "est un lien symbolique" in _refused(pact)


@pytest.mark.parametrize("with_override", [True, False])
def test_partials_linked_to_git_are_refused(pact: Path, with_override: bool) -> None:
    if with_override:
        _write(pact / "templates" / "report.md.j2", '{% include "partials/config" %}\n')
    else:
        (pact / "templates").mkdir()
    (pact / "templates" / "partials").symlink_to("../.git")
    stderr = _refused(pact)
    assert "partials » est un lien symbolique" in stderr


def test_file_linked_inside_its_own_folder_is_refused_too(pact: Path) -> None:
    _write(pact / "templates" / "vrai.md.j2", "{{ territoire }}\n")
    (pact / "templates" / "report.md.j2").symlink_to("vrai.md.j2")
    assert "report.md.j2 » est un lien symbolique" in _refused(pact)


def test_file_linked_outside_is_refused(pact: Path) -> None:
    (pact / "templates").mkdir()
    (pact / "templates" / "report.md.j2").symlink_to(pact / ".git" / "config")
    assert "report.md.j2 » est un lien symbolique" in _refused(pact)


@pytest.mark.parametrize(
    ("include", "reason"),
    [
        ("../.git/config", "passe par « .. »"),
        ("partials/../../.git/config", "passe par « .. »"),
        (".git/config", "passe par « .git »"),
        ("/etc/passwd", "chemin absolu"),
    ],
)
def test_dot_dot_git_and_absolute_names_are_refused(pact: Path, include: str, reason: str) -> None:
    _write(pact / "templates" / "report.md.j2", f'{{% include "{include}" %}}\n')
    stderr = _refused(pact)
    assert f"« {include} »" in stderr and reason in stderr


def test_template_dir_at_the_repository_root_cannot_read_git(pact: Path) -> None:
    _write(pact / "report.md.j2", '{% include ".git/config" %}\n')
    assert "passe par « .git »" in _refused(pact, "--template-dir", str(pact))


def test_template_dir_inside_the_pact_is_walked_without_links(pact: Path) -> None:
    (pact / "modeles").symlink_to(".")
    _write(pact / "report.md.j2", READ_TOKEN)
    assert "est un lien symbolique" in _refused(pact, "--template-dir", str(pact / "modeles"))


def test_template_that_is_not_a_regular_file_is_refused_without_hanging(pact: Path) -> None:
    (pact / "templates").mkdir()
    os.mkfifo(pact / "templates" / "report.md.j2")  # opening it for reading would block
    assert "n'est pas un fichier ordinaire" in _refused(pact)


def test_template_over_a_mebibyte_is_refused(pact: Path) -> None:
    _write(pact / "templates" / "report.md.j2", "x" * (1024 * 1024 + 1))
    assert "dépasse 1024 Kio" in _refused(pact)


def test_real_files_are_read_and_missing_ones_fall_back_to_the_defaults(pact: Path) -> None:
    _write(pact / "templates" / "partials" / "glossaire.md.j2", "## Sigles maison\n")
    run = run_report(pact, "-f", "markdown")
    assert run.exit_code == 0, run
    assert "## Sigles maison" in run.stdout and "## Points d'attention" in run.stdout
