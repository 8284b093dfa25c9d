"""`pacte report` end to end: formats, outputs, refusals, --force, filters, provenance."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_testing import AS_OF, REPO, replace_in, run_report

from pacte_testing import run_pacte
from pactecli.formatting import euros


def test_terminal_is_the_default(small_pact: Path, no_color: None) -> None:
    run = run_report(small_pact)
    assert run.exit_code == 0, run
    assert "situation au 30 juin 2026" in run.stdout
    assert "Données : hors de git" in run.stdout
    assert euros(59000) in run.stdout  # money committed: `59 000 €` with no-break spaces
    assert "Points d'attention (6)" in run.stdout
    assert "\x1b[" not in run.stdout  # no colour outside a terminal


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "r.md"), ("html", "r.html")])
def test_writes_a_signed_file_and_replaces_its_own(small_pact: Path, fmt: str, name: str) -> None:
    target = small_pact / name
    first = run_report(small_pact, "-f", fmt, "-o", str(target))
    assert first.exit_code == 0, first
    assert first.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "généré par pacte" in text
    again = run_pacte(
        "report", "--root", str(small_pact), "--as-of", "2026-07-01", "-f", fmt, "-o", str(target)
    )
    assert again.exit_code == 0, again
    assert "1er juillet 2026" in target.read_text(encoding="utf-8")


def test_never_overwrites_a_file_pacte_did_not_write(small_pact: Path) -> None:
    notes = small_pact / "notes.md"
    notes.write_text("Mes notes du comité de pilotage\n", encoding="utf-8")
    run = run_report(small_pact, "-f", "markdown", "-o", str(notes))
    assert run.exit_code == 2, run
    assert "n'a pas été produit par pacte" in run.stderr
    assert notes.read_text(encoding="utf-8") == "Mes notes du comité de pilotage\n"


def test_markdown_to_standard_output(small_pact: Path) -> None:
    run = run_report(small_pact, "-f", "markdown")
    assert run.exit_code == 0, run
    assert run.stdout.startswith("<!-- généré par pacte")
    assert "## Points d'attention" in run.stdout


def _break(root: Path) -> None:
    replace_in(root, "data/conventions/cls/actions/creches.yaml", "pilote: etat", "pilote: inconnu")


def test_refuses_records_with_errors_like_validate(small_pact: Path, no_color: None) -> None:
    _break(small_pact)
    validate = run_pacte("validate", "--root", str(small_pact), "--as-of", AS_OF)
    run = run_report(small_pact, "-f", "html")
    assert run.exit_code == 1, run
    assert run.stdout == ""
    assert run.stderr.startswith(validate.stdout)  # the very lines of `pacte validate`
    assert "--force" in run.stderr


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_force_renders_with_a_banner(small_pact: Path, fmt: str, no_color: None) -> None:
    _break(small_pact)
    run = run_report(small_pact, "-f", fmt, "--force")
    assert run.exit_code == 0, run
    assert "malgré 1 erreur" in run.stdout
    assert "reference-inconnue" in run.stdout
    assert "data/conventions/cls/actions/creches.yaml:" in run.stdout


def test_force_survives_a_broken_pacte_yaml(small_pact: Path) -> None:
    (small_pact / "pacte.yaml").write_text("territoire: [\n", encoding="utf-8")
    run = run_report(small_pact, "-f", "html", "--force")
    assert run.exit_code == 0, run
    assert "Territoire non renseigné" in run.stdout
    assert "yaml-invalide" in run.stdout


def test_unknown_filter_suggests_the_closest_id(small_pact: Path) -> None:
    run = run_report(small_pact, "--axe", "enfanse")
    assert run.exit_code == 2, run
    assert "--axe : « enfanse » n'existe pas" in run.stderr
    assert "vouliez-vous dire « enfance » ?" in run.stderr


def test_filters_follow_into_the_output(small_pact: Path) -> None:
    run = run_report(
        small_pact,
        "-f",
        "markdown",
        "--convention",
        "part",
        "--annee",
        "2026",
    )
    assert run.exit_code == 0, run
    assert "Vue filtrée** — Convention : Convention partenariale pour l'emploi · Année : 2026" in (
        run.stdout
    )
    assert f"| Montant engagé par les partenaires | {euros(6000)} |" in run.stdout
    assert "Petits déjeuners" not in run.stdout


def _git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Agent",
        "GIT_AUTHOR_EMAIL": "agent@example.org",
        "GIT_COMMITTER_NAME": "Agent",
        "GIT_COMMITTER_EMAIL": "agent@example.org",
        "GIT_AUTHOR_DATE": "2026-05-04T10:00:00+02:00",
        "GIT_COMMITTER_DATE": "2026-05-04T10:00:00+02:00",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
def test_cover_names_the_commit_and_uncommitted_changes(small_pact: Path) -> None:
    _git(small_pact, "init", "-q")
    _git(small_pact, "add", "-A")
    _git(small_pact, "commit", "-q", "-m", "pacte")
    clean = run_report(small_pact, "-f", "markdown")
    head = subprocess.run(
        ["git", "-C", str(small_pact), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert f"commit `{head}` du 4 mai 2026" in clean.stdout
    assert "non enregistrées" not in clean.stdout
    (small_pact / "brouillon.txt").write_text("hors des données", encoding="utf-8")
    assert "non enregistrées" not in run_report(small_pact, "-f", "markdown").stdout
    replace_in(small_pact, "data/partners/msa.yaml", "5000}", "5001}")
    dirty = run_report(small_pact, "-f", "html", "--force")
    assert "modifications non enregistrées" in dirty.stdout


def test_validate_never_loads_the_report_diff_or_error_machinery() -> None:
    """Start-up time of `pacte validate` on a sound pact is an issue target (1.1 x imports)."""
    code = (
        "import sys\n"
        f"sys.argv = ['pacte', 'validate', '--root', {str(REPO)!r}, '--as-of', '2026-11-27']\n"
        "from pactecli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = {'jinja2', 'rich', 'babel', 'markupsafe', 'jsonschema', 'pydantic',\n"
        "         'pactecli.diff.compare', 'pactecli.load.git', 'pactecli.report.figures',\n"
        "         'pactecli.report.context', 'pactecli.render.roadmap.templating',\n"
        "         'pactecli.render.roadmap.terminal', 'pactecli.render.changes.words',\n"
        "         'pactecli.check.schema_messages'}\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        "print(sorted(loaded & heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
