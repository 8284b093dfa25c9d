"""Where exports are written: atomically, never over a file pacte did not write, a folder only
when new, empty or pacte's, and never removing a file pacte did not write."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from export_testing import run_export

from pactecli.export.files import MARKER


def test_a_non_empty_folder_pacte_did_not_create_is_refused(mini: Path) -> None:
    folder = mini.parent / "mes-tableaux"
    folder.mkdir()
    (folder / "budget-2026.xlsx").write_bytes(b"mes chiffres")
    run = run_export(mini, "-o", str(folder))
    assert run.exit_code == 2
    assert "n'est pas vide et n'a pas été créé par pacte" in run.stderr
    assert [p.name for p in folder.iterdir()] == ["budget-2026.xlsx"]


def test_an_empty_folder_is_used(mini: Path) -> None:
    folder = mini.parent / "vide"
    folder.mkdir()
    assert run_export(mini, "-o", str(folder)).exit_code == 0
    assert (folder / "actions.csv").is_file() and (folder / MARKER).is_file()


def test_a_second_export_replaces_its_files_and_keeps_the_user_s(mini: Path) -> None:
    folder = mini.parent / "export"
    assert run_export(mini, "-o", str(folder)).exit_code == 0
    (folder / "notes.txt").write_text("à garder", encoding="utf-8")
    (folder / "ancienne-table.csv").write_text("x", encoding="utf-8")
    marker = (folder / MARKER).read_text(encoding="utf-8")
    # An earlier version of pacte wrote a table this one no longer writes: it is listed.
    (folder / MARKER).write_text(
        marker.replace('"fichiers": [', '"fichiers": [\n    "ancienne-table.csv",'), "utf-8"
    )
    rerun = run_export(mini, "-o", str(folder), "--annee", "2026")
    assert rerun.exit_code == 0, rerun
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "à garder"
    assert not (folder / "ancienne-table.csv").exists()
    assert "2025" not in (folder / "budgets.csv").read_text(encoding="utf-8-sig")


def test_a_marker_cannot_make_pacte_delete_outside_its_folder(mini: Path) -> None:
    folder = mini.parent / "export"
    assert run_export(mini, "-o", str(folder)).exit_code == 0
    victim = mini.parent / "victime.txt"
    victim.write_text("précieux", encoding="utf-8")
    marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    marker["fichiers"] += ["../victime.txt", str(victim), "/etc/hostname"]
    (folder / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    assert run_export(mini, "-o", str(folder), "--annee", "2026").exit_code == 0
    assert victim.read_text(encoding="utf-8") == "précieux"


def test_a_file_of_the_user_with_a_table_s_name_is_not_replaced(mini: Path) -> None:
    folder = mini.parent / "export"
    assert run_export(mini, "-o", str(folder)).exit_code == 0
    (folder / MARKER).write_text('{"signature": "généré par pacte", "fichiers": []}', "utf-8")
    (folder / "actions.csv").write_text("ma version", encoding="utf-8")
    run = run_export(mini, "-o", str(folder))
    assert run.exit_code == 2
    assert (folder / "actions.csv").read_text(encoding="utf-8") == "ma version"


@pytest.mark.parametrize(
    ("fmt", "name"), [("xlsx", "p.xlsx"), ("sqlite", "p.db"), ("json", "p.json")]
)
def test_files_pacte_wrote_are_replaced_others_never(mini: Path, fmt: str, name: str) -> None:
    target = mini.parent / name
    assert run_export(mini, "-f", fmt, "-o", str(target)).exit_code == 0
    first = target.read_bytes()
    assert run_export(mini, "-f", fmt, "-o", str(target), "--annee", "2025").exit_code == 0
    assert target.read_bytes() != first
    mine = mini.parent / f"mine-{name}"
    mine.write_bytes(b"PK\x03\x04 pas un export" if fmt == "xlsx" else b"SQLite format 3\x00")
    run = run_export(mini, "-f", fmt, "-o", str(mine))
    assert run.exit_code == 2
    assert "n'a pas été produit par pacte" in run.stderr


def test_a_database_of_another_application_is_not_replaced(mini: Path) -> None:
    other = mini.parent / "autre.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = other.read_bytes()
    run = run_export(mini, "-f", "sqlite", "-o", str(other))
    assert run.exit_code == 2
    assert other.read_bytes() == before


def test_scdl_never_replaces_an_existing_file(mini: Path) -> None:
    """An SCDL file has no room for a signature: an existing one may be a hand-made file."""
    target = mini.parent / "subventions.csv"
    target.write_bytes(b"nomAttribuant,idAttribuant\r\n")
    run = run_export(mini, "-f", "scdl-subventions", "-o", str(target))
    assert run.exit_code == 2
    assert target.read_bytes() == b"nomAttribuant,idAttribuant\r\n"


def test_a_fifo_or_a_link_is_refused_unread(mini: Path) -> None:
    fifo = mini.parent / "tube.json"
    os.mkfifo(fifo)
    run = run_export(mini, "-f", "json", "-o", str(fifo))  # reading it would hang
    assert run.exit_code == 2
    assert "n'est pas un fichier ordinaire" in run.stderr
    secret = mini.parent / "secret.json"
    secret.write_text('{"name": "pacte"}', encoding="utf-8")
    link = mini.parent / "lien.json"
    link.symlink_to(secret)
    run = run_export(mini, "-f", "json", "-o", str(link))
    assert run.exit_code == 2
    assert secret.read_text(encoding="utf-8") == '{"name": "pacte"}'


def test_missing_parent_folder_and_csv_without_output(mini: Path) -> None:
    run = run_export(mini, "-f", "json", "-o", str(mini.parent / "absent" / "p.json"))
    assert run.exit_code == 2
    assert "n'existe pas" in run.stderr
    run = run_export(mini)
    assert run.exit_code == 2
    assert "le format csv écrit un dossier de fichiers : indiquez-le avec --output" in run.stderr


def test_a_binary_format_goes_only_into_a_pipe_or_a_file(mini: Path) -> None:
    run = run_export(mini, "-f", "xlsx")  # in-process, standard output is text only
    assert run.exit_code == 2
    assert "ce format est binaire" in run.stderr
    done = subprocess.run(
        [sys.executable, "-m", "pactecli", "export", "--root", str(mini), "-f", "sqlite"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"SQLite format 3\x00")


def test_no_temporary_file_is_left_behind(mini: Path) -> None:
    target = mini.parent / "p.json"
    assert run_export(mini, "-f", "json", "-o", str(target)).exit_code == 0
    assert sorted(p.name for p in mini.parent.iterdir()) == ["p.json", "pacte"]


def test_a_full_disk_is_exit_2_and_leaves_nothing(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from pactecli.export import files

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    run = run_export(mini, "-f", "json", "-o", str(mini.parent / "p.json"))
    assert run.exit_code == 2
    assert "impossible d'écrire" in run.stderr and "place disponible" in run.stderr
    assert sorted(p.name for p in mini.parent.iterdir()) == ["pacte"]


def test_query_output_file_goes_through_the_same_guard(mini: Path) -> None:
    from export_testing import run_query

    mine = mini.parent / "mes-notes.csv"
    mine.write_text("à garder", encoding="utf-8")
    run = run_query(mini, "SELECT 1 AS un", "-f", "csv", "-o", str(mine))
    assert run.exit_code == 2
    assert mine.read_text(encoding="utf-8") == "à garder"
    fresh = mini.parent / "reponse.csv"
    assert run_query(mini, "SELECT 1 AS un", "-f", "csv", "-o", str(fresh)).exit_code == 0
    assert fresh.read_bytes() == b"un\r\n1\r\n"


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_an_export_edited_since_is_not_replaced(mini: Path, fmt: str) -> None:
    """The signed marker (in the JSON, or as the workbook's zip comment) tells an export pacte
    wrote and nobody changed since from one edited by hand, which is kept."""
    target = mini.parent / f"donnees.{fmt}"
    assert run_export(mini, "--format", fmt, "-o", str(target)).exit_code == 0
    assert run_export(mini, "--format", fmt, "-o", str(target)).exit_code == 0  # pacte's: replaced
    edited = target.read_bytes().replace(b"pacte", b"Pacte", 1)
    target.write_bytes(edited)
    refused = run_export(mini, "--format", fmt, "-o", str(target))
    assert refused.exit_code == 2
    assert target.read_bytes() == edited
