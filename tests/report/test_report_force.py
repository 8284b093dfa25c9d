"""A report forced over errors names what it leaves out and the money it could not count."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_testing import copy_small, run_report

CRECHES = "data/conventions/cls/actions/creches.yaml"
COACHING = "data/conventions/part/actions/coaching.yaml"
MSA = "data/partners/msa.yaml"
# État 4000 + 3000 and Département 4000 + 3000 to creches, MSA 5000 + 5000 to coaching
EXPECTED = "2 actions absentes : coaching, creches ; 24 000 € de contributions non comptées"


def _broken(tmp_path: Path) -> Path:
    root = copy_small(tmp_path / "petit")
    for name in (CRECHES, COACHING):
        (root / name).write_text("id: [\n", encoding="utf-8")  # not YAML: the file is unread
    return root


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_the_banner_names_absent_actions_and_uncounted_money(tmp_path: Path, fmt: str) -> None:
    run = run_report(_broken(tmp_path), "--force", "--format", fmt)
    assert run.exit_code == 0, run
    assert EXPECTED in run.stdout.replace("\u202f", " ").replace("\xa0", " ")


def test_a_partly_read_file_is_named(tmp_path: Path) -> None:
    root = copy_small(tmp_path / "petit")
    text = (root / MSA).read_text(encoding="utf-8")
    broken = text.replace("categorie: protection_sociale", "categorie: mutuelle")
    (root / MSA).write_text(broken, "utf-8")
    run = run_report(root, "--force", "--format", "markdown")
    assert "1 fichier lu en partie : data/partners/msa.yaml" in run.stdout


def test_without_force_the_report_is_refused(tmp_path: Path) -> None:
    run = run_report(_broken(tmp_path), "--format", "markdown")
    assert run.exit_code == 1
    assert run.stdout == ""
