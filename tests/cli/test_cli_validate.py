"""`pacte validate` as a user and a CI job run it: exit codes, formats, --output, colour, root."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pacte_testing import AS_OF, base_text, edit, make_pact, run_pacte
from pactecli import __version__
from pactecli.cli import common

MSA = "data/partners/msa.yaml"
DEP = "data/partners/departement.yaml"
COACHING = "  - action: coaching-emploi\n    nature: financiere\n    montants:\n      2025: 5000"
BROKEN = edit(MSA, "2025: 3000", "2025: 3 000")  # one schema error, line 10
WARNED = edit(DEP, COACHING, COACHING.replace("5000", "4000"))  # one warning


def validate(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF, *args, cwd=cwd)
    return run.exit_code, run.stdout, run.stderr


@pytest.fixture(autouse=True)
def _no_color(no_color: None) -> None:
    """These tests read plain text."""


# --- exit codes ---------------------------------------------------------------------------


def test_sound_pact_exits_0(tmp_path: Path) -> None:
    code, out, err = validate(make_pact(tmp_path))
    assert (code, out, err) == (0, "Aucun problème dans 9 fichiers.\n", "")


def test_error_exits_1_with_located_line(tmp_path: Path) -> None:
    code, out, err = validate(make_pact(tmp_path, BROKEN))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{MSA}:10:13: erreur [schema] ")
    assert "écrivez 3000" in out
    assert out.splitlines()[-1] == "1 erreur, 0 avertissement dans 9 fichiers"
    assert err == ""


def test_warning_exits_0_unless_strict(tmp_path: Path) -> None:
    root = make_pact(tmp_path, WARNED)
    code, out, _ = validate(root)
    assert code == 0
    assert " avertissement [financement-incomplet] " in out
    assert validate(root, "--strict")[0] == 1


def test_unknown_option_exits_2(tmp_path: Path) -> None:
    code, out, err = validate(make_pact(tmp_path), "--bogus")
    assert code == 2
    assert out == ""
    assert "--bogus" in err


def test_no_pact_found_upward_exits_2_in_french(tmp_path: Path) -> None:
    empty = tmp_path / "vide"
    empty.mkdir()
    run = run_pacte("validate", cwd=empty)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "aucun fichier pacte.yaml trouvé" in run.stderr
    assert "--root" in run.stderr


def test_missing_root_exits_2(tmp_path: Path) -> None:
    code, out, err = validate(tmp_path / "absent")
    assert code == 2
    assert out == ""
    assert "n'existe pas" in err


def test_root_without_pact_exits_2(tmp_path: Path) -> None:
    code, _, err = validate(tmp_path)
    assert code == 2
    assert "aucun fichier pacte.yaml" in err


@pytest.mark.parametrize("day", ["27/11/2026", "2026-02-30", "demain"])
def test_bad_as_of_exits_2(tmp_path: Path, day: str) -> None:
    run = run_pacte("validate", "--root", str(make_pact(tmp_path)), "--as-of", day)
    assert run.exit_code == 2
    assert f"« {day} » n'est pas une date valide" in run.stderr
    assert "AAAA-MM-JJ" in run.stderr


def test_root_is_found_upward_from_a_sub_folder(tmp_path: Path) -> None:
    root = make_pact(tmp_path / "depot", BROKEN)
    run = run_pacte("validate", "--as-of", AS_OF, cwd=root / "data" / "partners")
    assert run.exit_code == 1
    assert run.stdout.startswith(f"{MSA}:10:13: ")  # paths stay relative to the root


# --- JSON ---------------------------------------------------------------------------------


def test_json_report(tmp_path: Path) -> None:
    files = {**BROKEN, **WARNED}
    code, out, _ = validate(make_pact(tmp_path, files), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["version"] == 1
    assert report["tool"] == {"name": "pacte", "version": __version__}
    assert report["valid"] is False
    assert report["counts"] == {"files": 9, "errors": 1, "warnings": 0}
    problem, note = report["problems"]
    assert (note["code"], note["severity"], note["path"]) == ("verification-omise", "info", MSA)
    assert problem["code"] == "schema"
    assert problem["severity"] == "erreur"
    assert (problem["path"], problem["line"], problem["column"]) == (MSA, 10, 13)
    assert problem["json_path"] == "$.contributions[0].montants.2025"
    assert "« 3 000 »" in problem["message"]
    assert "écrivez 3000" in problem["hint"]


def test_json_report_of_warning_and_related_places(tmp_path: Path) -> None:
    _, out, _ = validate(make_pact(tmp_path, WARNED), "-f", "json")
    report = json.loads(out)
    assert report["valid"] is True
    assert report["counts"] == {"files": 9, "errors": 0, "warnings": 1}
    (problem,) = report["problems"]
    assert problem["severity"] == "avertissement"
    assert {(r["path"], r["line"]) for r in problem["related"]} == {(DEP, 20), (MSA, 10)}


def test_json_report_of_sound_pact(tmp_path: Path) -> None:
    _, out, _ = validate(make_pact(tmp_path), "--format", "json")
    report = json.loads(out)
    assert report["valid"] is True
    assert report["problems"] == []


def test_unknown_format_exits_2(tmp_path: Path) -> None:
    code, _, err = validate(make_pact(tmp_path), "--format", "xml")
    assert code == 2
    assert "xml" in err


# --- --output -----------------------------------------------------------------------------


def test_output_writes_the_file_and_nothing_on_stdout(tmp_path: Path) -> None:
    target = tmp_path / "rapport.txt"
    code, out, _ = validate(make_pact(tmp_path / "p", BROKEN), "--output", str(target))
    assert code == 1
    assert out == ""
    lines = target.read_text("utf-8").splitlines()
    assert lines[-2] == "1 erreur, 0 avertissement dans 9 fichiers"
    assert lines[-1].startswith(f"généré par pacte {__version__} · empreinte sha256:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "rapport.txt"]  # no temp file


def test_output_overwrites_its_own_previous_report(tmp_path: Path) -> None:
    root = make_pact(tmp_path / "p", BROKEN)
    for form in ("text", "json"):
        target = tmp_path / f"rapport.{form}"
        assert validate(root, "-f", form, "-o", str(target))[0] == 1
        (root / MSA).write_text(base_text(MSA), "utf-8")  # now sound
        assert validate(root, "-f", form, "-o", str(target))[0] == 0
        text = target.read_text("utf-8")
        assert "3 000" not in text
        (root / MSA).write_text(BROKEN[MSA], "utf-8")


def test_output_refuses_a_file_pacte_did_not_write(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("Mes notes de réunion\n", "utf-8")
    code, out, err = validate(make_pact(tmp_path / "p"), "--output", str(target))
    assert (code, out) == (2, "")
    assert "n'a pas été produit par pacte" in err
    assert target.read_text("utf-8") == "Mes notes de réunion\n"


def test_output_in_a_missing_folder_exits_2(tmp_path: Path) -> None:
    code, _, err = validate(make_pact(tmp_path / "p"), "-o", str(tmp_path / "absent" / "r.txt"))
    assert code == 2
    assert "n'existe pas" in err


# --- colour -------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert common.use_color(None) is False  # NO_COLOR is set by the fixture
    monkeypatch.delenv("NO_COLOR")
    assert common.use_color(None) is True
    assert common.use_color(Path("rapport.txt")) is False
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert common.use_color(None) is False


def test_no_escape_codes_when_piped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    _, out, _ = validate(make_pact(tmp_path, BROKEN))
    assert "\x1b" not in out


def test_colour_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(common, "use_color", lambda output: output is None)
    monkeypatch.setattr("pactecli.cli.validate.use_color", common.use_color)
    _, out, _ = validate(make_pact(tmp_path, BROKEN))
    assert "\x1b[31merreur\x1b[0m" in out


# --- version, help, entry points ----------------------------------------------------------


def test_version() -> None:
    run = run_pacte("--version")
    assert (run.exit_code, run.stdout) == (0, f"pacte {__version__}\n")


def test_help_is_french() -> None:
    main_help = run_pacte("--help").stdout
    assert "Pacte local des solidarités" in main_help
    assert "Affiche la version et quitte." in main_help
    help_text = run_pacte("validate", "--help").stdout
    for part in (
        "Vérifie les fichiers du pacte",
        "Dossier du pacte",
        "Format du résultat",
        "Échoue aussi sur les avertissements",
        "Date de situation AAAA-MM-JJ",
        "n'est remplacé que s'il a été produit par pacte",
    ):
        assert part in " ".join(help_text.split()), part


def test_framework_words_are_french_too() -> None:
    """typer's click adds "Usage", "Options", the help option and `[default: …]` in English."""
    for args in (("--help",), ("validate", "--help"), ("diff", "--help")):
        shown = run_pacte(*args).stdout
        assert "Utilisation : pacte" in shown
        assert "Affiche cette aide et quitte." in shown
        for english in ("Usage:", "Show this message", "[default:", "[required]", "<path>"):
            assert english not in shown, (args, english)
        assert "Options\u00a0:" in shown and "Options:" not in shown  # French colon
    top = run_pacte("--help").stdout
    assert "COMMANDE [ARGUMENTS]…" in top
    assert "..." not in top  # no short help cut by click


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("validate", "--formt", "json"), "option inconnue « --formt »", "« --format »"),
        (("valide",), "commande inconnue « valide »", "« validate »"),
        (("validate", "--format", "xml"), "« xml » n'est pas permis", "pacte validate --help"),
    ],
)
def test_usage_errors_are_french_with_a_suggestion(
    args: tuple[str, ...], message: str, hint: str
) -> None:
    run = run_pacte(*args)
    assert run.exit_code == 2
    assert message in run.stderr
    assert hint in run.stderr
    assert "Error" not in run.stderr and "Traceback" not in run.stderr


def _subprocess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pactecli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_python_m_pactecli_version(tmp_path: Path) -> None:
    done = _subprocess("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"pacte {__version__}\n", "")


def test_end_to_end_in_a_real_process(tmp_path: Path) -> None:
    root = make_pact(tmp_path, BROKEN)
    done = _subprocess("validate", "--as-of", AS_OF, cwd=root / "data")
    assert done.returncode == 1
    assert done.stdout.startswith(f"{MSA}:10:13: erreur [schema] ")
    assert done.stderr == ""
    done = _subprocess("validate", cwd=tmp_path.parent)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("pacte : erreur : aucun fichier pacte.yaml")


# --- files named on the command line (pre-commit passes the changed files) -------------------


def test_named_files_show_only_their_problems_and_count_the_others(tmp_path: Path) -> None:
    etat = "data/partners/etat.yaml"
    parity = edit(etat, "      2026: 5000", "      2026: 6000")  # two errors on maraudes.yaml
    root = make_pact(tmp_path, {**BROKEN, **parity})
    run = run_pacte("validate", "--as-of", AS_OF, str(root / MSA), cwd=root)
    lines = run.stdout.splitlines()
    assert [line.split(":", 1)[0] for line in lines[:-1]] == [MSA, MSA]  # the error and its note
    assert lines[-1] == (
        "1 erreur, 0 avertissement dans 1 fichier (2 autres problèmes dans le reste du pacte)"
    )
    assert run.exit_code == 1
    elsewhere = run_pacte("validate", "--as-of", AS_OF, etat, cwd=root)
    assert elsewhere.stdout == (
        "Aucun problème dans 1 fichier (3 autres problèmes dans le reste du pacte).\n"
    )
    assert elsewhere.exit_code == 0  # etat.yaml has no problem of its own


def test_a_named_folder_stands_for_its_files(tmp_path: Path) -> None:
    root = make_pact(tmp_path, {**BROKEN, **WARNED})
    run = run_pacte("validate", "--as-of", AS_OF, "data/partners", cwd=root)
    assert run.stdout.splitlines()[-1] == "1 erreur, 0 avertissement dans 3 fichiers"


def test_a_file_outside_the_pact_is_misuse(tmp_path: Path) -> None:
    root = make_pact(tmp_path / "pacte")
    (tmp_path / "ailleurs.yaml").write_text("id: x\n", encoding="utf-8")
    run = run_pacte("validate", "--root", str(root), str(tmp_path / "ailleurs.yaml"))
    assert run.exit_code == 2
    assert "n'est pas dans le pacte" in run.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_as_of_outside_1900_2100_is_misuse(tmp_path: Path, day: str) -> None:
    run = run_pacte("validate", "--root", str(make_pact(tmp_path)), "--as-of", day)
    assert run.exit_code == 2
    assert "hors des dates permises" in run.stderr


def test_extra_arguments_are_named_in_french() -> None:
    run = run_pacte("report", "--as-of", AS_OF, "a", "b")
    assert run.exit_code == 2
    assert "arguments en trop : a b" in run.stderr


def test_a_missing_option_is_named_as_typed() -> None:
    run = run_pacte("init", "nouveau-pacte")
    assert run.exit_code == 2
    assert "option obligatoire manquante : --territoire" in run.stderr
    missing_argument = run_pacte("history")
    assert "argument obligatoire manquant : ID" in missing_argument.stderr
