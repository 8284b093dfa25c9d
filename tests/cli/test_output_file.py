"""`--output`: pacte replaces only what it wrote itself, atomically, keeping the file's mode.

pacte's signature is `généré par pacte <version> · empreinte sha256:<hex>`, the hash of the
whole output with every such hash zeroed. A file is replaced when it carries a signature that
matches its content, or when it holds nothing (empty, or an empty JSON list); never when it
only looks like a pacte output, nor when it was edited since. Only a regular file is written.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pacte_testing import AS_OF, Run, base_text, make_pact, run_pacte
from pactecli import __version__

MSA = "data/partners/msa.yaml"
BROKEN = {MSA: base_text(MSA).replace("2025: 3000", "2025: 3 000")}
MARK = f"généré par pacte {__version__} · empreinte sha256:"


@pytest.fixture(autouse=True)
def _plain(no_color: None, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    return make_pact(tmp_path / "pacte", BROKEN)


def _validate(root: Path, *args: str) -> Run:
    return run_pacte("validate", "--root", str(root), "--as-of", AS_OF, *args)


# --- what a written file carries ---------------------------------------------------------------


def test_text_on_stdout_is_unchanged_and_its_file_ends_with_the_signature(
    pact: Path, tmp_path: Path
) -> None:
    target = tmp_path / "rapport.txt"
    printed = _validate(pact).stdout
    assert _validate(pact, "-o", str(target)).exit_code == 1

    written = target.read_text("utf-8")
    assert MARK not in printed  # standard output: exactly the problem lines and the summary
    assert written.startswith(printed)
    assert written[len(printed) :].startswith(MARK) and written.endswith("\n")
    assert len(written.splitlines()) == len(printed.splitlines()) + 1


@pytest.mark.parametrize(
    ("fmt", "where"),
    [("json", "signature"), ("sarif", "properties"), ("gitlab", "first issue")],
)
def test_json_formats_sign_with_a_member(pact: Path, tmp_path: Path, fmt: str, where: str) -> None:
    target = tmp_path / f"rapport.{fmt}"
    _validate(pact, "-f", fmt, "-o", str(target))
    data = json.loads(target.read_text("utf-8"))

    found = {
        "signature": lambda: data["signature"],
        "properties": lambda: data["properties"]["signature"],
        "first issue": lambda: data[0]["signature"],
    }[where]()
    assert found.startswith(MARK) and len(found) == len(MARK) + 64


def test_the_signature_is_the_hash_of_the_output(pact: Path, tmp_path: Path) -> None:
    import hashlib
    import re

    target = tmp_path / "r.json"
    _validate(pact, "-f", "json", "-o", str(target))
    data = target.read_bytes()
    digest = re.search(rb"sha256:([0-9a-f]{64})", data)
    assert digest is not None
    zeroed = data.replace(digest.group(1), b"0" * 64)
    assert hashlib.sha256(zeroed).hexdigest().encode() == digest.group(1)


def test_a_redirected_output_with_a_signature_can_be_replaced(pact: Path, tmp_path: Path) -> None:
    """`pacte validate -f json > r.json` then `-o r.json`: the JSON already carries its mark."""
    target = tmp_path / "r.json"
    target.write_text(_validate(pact, "-f", "json").stdout, "utf-8")
    assert _validate(pact, "-f", "json", "-o", str(target)).exit_code == 1


# --- what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("package.json", '{"name": "pacte", "version": "1.0.0", "private": true}\n'),
        ("notes.md", "Compte rendu : ce fichier est généré par pacte, dit-on.\n"),
        ("bilan.txt", "Mes notes\nAucun problème dans 9 fichiers.\n"),
        ("faux.xml", '<testsuites name="pacte"><!-- mes essais --></testsuites>\n'),
        ("gl.json", '[{"check_name": "pacte/schema", "description": "mon brouillon"}]\n'),
    ],
)
def test_a_file_that_only_looks_like_pacte_output_is_kept(
    pact: Path, tmp_path: Path, name: str, content: str
) -> None:
    target = tmp_path / name
    target.write_text(content, "utf-8")
    run = _validate(pact, "-f", "json", "-o", str(target))

    assert run.exit_code == 2, str(run)
    assert "n'a pas été produit par pacte" in run.stderr
    assert target.read_text("utf-8") == content


def test_a_pacte_output_edited_since_is_kept(pact: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.txt"
    _validate(pact, "-o", str(target))
    edited = target.read_text("utf-8").replace("erreur [schema]", "erreur [schéma, vu en réunion]")
    target.write_text(edited, "utf-8")

    run = _validate(pact, "-o", str(target))
    assert run.exit_code == 2, str(run)
    assert "a été produit par pacte puis modifié" in run.stderr
    assert target.read_text("utf-8") == edited


@pytest.mark.parametrize("content", ["", "\n", "[]\n"])
def test_a_file_holding_nothing_is_replaced(pact: Path, tmp_path: Path, content: str) -> None:
    target = tmp_path / "gl-code-quality-report.json"
    target.write_text(content, "utf-8")

    assert _validate(pact, "-f", "gitlab", "-o", str(target)).exit_code == 1
    assert json.loads(target.read_text("utf-8"))[0]["check_name"] == "pacte/schema"


def test_an_empty_gitlab_report_can_be_replaced_by_the_next(tmp_path: Path) -> None:
    sound = make_pact(tmp_path / "pacte")
    target = tmp_path / "gl.json"
    assert _validate(sound, "-f", "gitlab", "-o", str(target)).exit_code == 0
    assert target.read_text("utf-8") == "[]\n"
    (sound / MSA).write_text(BROKEN[MSA], "utf-8")
    assert _validate(sound, "-f", "gitlab", "-o", str(target)).exit_code == 1


def test_the_file_keeps_its_permissions(pact: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.txt"
    _validate(pact, "-o", str(target))
    target.chmod(0o640)
    _validate(pact, "-o", str(target))

    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_follows_the_umask(pact: Path, tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        _validate(pact, "-o", str(tmp_path / "nouveau.txt"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "nouveau.txt").stat().st_mode) == 0o640


def test_a_symbolic_link_is_neither_followed_nor_replaced(pact: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs.txt"
    _validate(pact, "-o", str(elsewhere))  # even a file pacte wrote
    before = elsewhere.read_bytes()
    link = tmp_path / "lien.txt"
    link.symlink_to(elsewhere)

    run = _validate(pact, "-o", str(link))
    assert run.exit_code == 2, str(run)
    assert "lien symbolique" in run.stderr
    assert link.is_symlink() and elsewhere.read_bytes() == before


def _subprocess(
    args: list[str], cwd: Path, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pactecli", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_named_pipe_is_refused_without_waiting_on_it(pact: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)

    done = _subprocess(["validate", "--as-of", AS_OF, "-o", str(fifo)], cwd=pact, timeout=20)
    assert done.returncode == 2, done.stderr
    assert "n'est pas un fichier ordinaire" in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_or_a_device_is_refused(pact: Path, tmp_path: Path) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        for target in (str(path), os.devnull):
            run = _validate(pact, "-o", target)
            assert run.exit_code == 2, str(run)
            assert "n'est pas un fichier ordinaire" in run.stderr
    finally:
        server.close()


def test_a_folder_or_a_missing_folder_is_misuse(pact: Path, tmp_path: Path) -> None:
    assert "est un dossier" in _validate(pact, "-o", str(tmp_path)).stderr
    run = _validate(pact, "-o", str(tmp_path / "absent" / "r.txt"))
    assert run.exit_code == 2 and "n'existe pas" in run.stderr


def test_a_full_disk_is_exit_2_and_leaves_nothing(
    pact: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from pactecli.render import output

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", full)
    target = tmp_path / "rapport.txt"
    run = _validate(pact, "-o", str(target))

    assert run.exit_code == 2, str(run)
    assert "plus de place sur le disque" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pacte"]  # no target, no temp file


# --- diff and report sign as well --------------------------------------------------------------


def test_report_files_of_each_format_replace_their_own(tmp_path: Path) -> None:
    from pacte_testing import TESTS

    small = TESTS / "report" / "pacts" / "petit"
    for fmt in ("terminal", "markdown", "html"):
        target = tmp_path / f"rapport.{fmt}"
        for _ in range(2):
            run = run_pacte(
                "report",
                "--root",
                str(small),
                "--as-of",
                "2026-06-30",
                "-f",
                fmt,
                "-o",
                str(target),
            )
            assert run.exit_code == 0, str(run)
        assert MARK in target.read_text("utf-8")


def test_a_user_template_without_signature_is_signed_in_its_file(tmp_path: Path) -> None:
    import shutil

    from pacte_testing import TESTS

    small = Path(shutil.copytree(TESTS / "report" / "pacts" / "petit", tmp_path / "pacte"))
    (small / "templates").mkdir()
    (small / "templates" / "report.md.j2").write_text("# {{ territoire }}\n", "utf-8")
    target = tmp_path / "court.md"
    for _ in range(2):
        run = run_pacte("report", "--root", str(small), "-f", "markdown", "-o", str(target))
        assert run.exit_code == 0, str(run)

    lines = target.read_text("utf-8").splitlines()
    assert lines[0] == "# Haut-Val"
    assert lines[1].startswith(f"<!-- {MARK}") and lines[1].endswith(" -->")
    printed = run_pacte("report", "--root", str(small), "-f", "markdown").stdout
    assert printed == "# Haut-Val\n"  # on standard output, the template's text alone
