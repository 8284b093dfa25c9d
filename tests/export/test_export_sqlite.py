"""`pacte export --format sqlite`: a database any SQL client opens, with keys and views."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from export_testing import run_export

from pactecli.export.columns import TABLES
from pactecli.export.files import APPLICATION_ID
from pactecli.export.sqlite import VIEWS


def database(root: Path) -> sqlite3.Connection:
    target = root.parent / "pacte.sqlite"
    run = run_export(root, "-f", "sqlite", "-o", str(target))
    assert run.exit_code == 0, run
    return sqlite3.connect(target)


def test_tables_views_and_signature(mini: Path) -> None:
    db = database(mini)
    names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {spec.name for spec in TABLES}
    views = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == {view.name for view in VIEWS}
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_keys_hold_and_foreign_keys_point_somewhere(mini: Path) -> None:
    db = database(mini)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = db.execute("SELECT name FROM pragma_table_info('financements') WHERE pk > 0")
    assert [k for (k,) in keys] == ["financeur", "contribution", "annee"]
    links = db.execute('SELECT "table", "from" FROM pragma_foreign_key_list(\'actions\')')
    assert ("partenaires", "pilote") in set(links)


def test_amounts_are_exact_numbers_and_sums_agree_with_the_figures(mini: Path) -> None:
    db = database(mini)
    assert db.execute("SELECT SUM(engage) FROM financements").fetchone() == (108500.5,)
    assert db.execute("SELECT typeof(engage) FROM financements WHERE annee = 2025").fetchall()[
        0
    ] == ("integer",)
    row = db.execute(
        "SELECT budget, engage, verse, depense, taux_versement, taux_depense "
        "FROM execution_actions WHERE action = 'petits-dejeuners' AND annee = 2025"
    ).fetchone()
    assert row == (30000, 30000, 30000, 28000, 1.0, 0.9333)
    by_convention = db.execute(
        "SELECT financeur, annee, engage, verse FROM financement_par_convention "
        "WHERE convention = 'emploi' ORDER BY financeur"
    ).fetchall()
    assert by_convention == [("departement", 2026, 30500, 0), ("msa", 2026, 10000, 0)]


def test_dates_and_booleans(mini: Path) -> None:
    db = database(mini)
    assert db.execute(
        "SELECT debut, en_retard FROM actions WHERE action = 'creches'"
    ).fetchone() == ("2025-03-01", 1)
