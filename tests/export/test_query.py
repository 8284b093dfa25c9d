"""`pacte query`: read-only SQL over the export's tables, bounded in rows and time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_testing import replace_in, run_query

from pacte_testing import run_pacte

TOTAL = "SELECT financeur, SUM(engage) AS engage FROM financements GROUP BY 1 ORDER BY 2 DESC"


def test_table_in_the_terminal(mini: Path, no_color: None) -> None:
    run = run_query(mini, TOTAL)
    assert run.exit_code == 0, run
    lines = run.stdout.splitlines()
    assert "financeur" in lines[1] and "engage" in lines[1]
    assert "departement" in lines[3] and "64500,25" in lines[3]  # French decimal comma
    assert run.stderr == "3 lignes\n"


def test_csv_and_json(mini: Path) -> None:
    run = run_query(mini, TOTAL, "--format", "csv")
    assert run.stdout == (
        "financeur,engage\r\ndepartement,64500.25\r\netat,34000.25\r\nmsa,10000\r\n"
    )
    answer = json.loads(run_query(mini, TOTAL, "--format", "json").stdout)
    assert answer == {
        "colonnes": ["financeur", "engage"],
        "lignes": [["departement", 64500.25], ["etat", 34000.25], ["msa", 10000]],
        "tronque": False,
    }


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM actions",
        "INSERT INTO axes (axe) VALUES ('x')",
        "UPDATE actions SET titre = 'x'",
        "DROP TABLE actions",
        "CREATE TABLE t (x)",
        "PRAGMA writable_schema = 1",
        "ATTACH DATABASE '/etc/passwd' AS secret",
        "WITH x AS (SELECT 1) DELETE FROM actions",
        "VACUUM INTO '/tmp/copie.sqlite'",
    ],
)
def test_writing_statements_are_refused(mini: Path, sql: str) -> None:
    run = run_query(mini, sql)
    assert run.exit_code == 2, run
    assert "requête refusée : seules les lectures (SELECT) sont permises" in run.stderr
    assert not Path("/tmp/copie.sqlite").exists()


def test_one_statement_at_a_time(mini: Path) -> None:
    run = run_query(mini, "SELECT 1; DELETE FROM actions")
    assert run.exit_code == 2
    assert "une seule requête à la fois" in run.stderr


def test_sql_errors_are_french(mini: Path) -> None:
    run = run_query(mini, "SELECT * FROM subventions")
    assert run.exit_code == 2
    assert "la table « subventions » n'existe pas" in run.stderr
    assert "pacte query --tables" in run.stderr
    assert "erreur de syntaxe SQL près de « SELEC »" in run_query(mini, "SELEC 1").stderr
    assert "caractère nul" in run_query(mini, "SELECT '\x00'").stderr


def test_an_endless_query_is_stopped(mini: Path) -> None:
    endless = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
    )
    run = run_query(mini, endless, "--delai", "0.2")
    assert run.exit_code == 2
    assert "requête interrompue après 0,2 s" in run.stderr


def test_rows_and_values_are_bounded(mini: Path) -> None:
    many = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"
    run = run_query(mini, many, "--limite", "5", "-f", "csv")
    assert run.exit_code == 0, run
    assert run.stdout.splitlines() == ["x", "1", "2", "3", "4", "5"]
    assert "5 premières lignes affichées" in run.stderr
    huge = run_query(mini, "SELECT length(zeroblob(100000000))")
    assert huge.exit_code == 2
    assert "valeur trop longue" in huge.stderr


def test_tables_lists_every_table_and_view_without_a_pact(tmp_path: Path) -> None:
    run = run_pacte("query", "--tables", cwd=tmp_path)
    assert run.exit_code == 0, run
    assert "financements — Financements :" in run.stdout
    assert "    engage (euros) : Engagé (€)" in run.stdout
    assert "execution_actions (vue) :" in run.stdout


def test_refuses_a_pact_with_errors_unless_forced(mini: Path) -> None:
    replace_in(
        mini, "data/conventions/cls/actions/creches.yaml", "pilote: departement", "pilote: x"
    )
    run = run_query(mini, "SELECT 1")
    assert run.exit_code == 1
    assert "reference-inconnue" in run.stderr and "--force" in run.stderr
    forced = run_query(mini, "SELECT code FROM problemes", "--force", "-f", "csv")
    assert forced.exit_code == 0
    assert forced.stdout == "code\r\nreference-inconnue\r\n"


def test_hostile_text_cannot_drive_the_terminal(mini: Path, no_color: None) -> None:
    replace_in(
        mini,
        "data/conventions/cls/actions/creches.yaml",
        "titre: Places en crèche pour l'insertion",
        'titre: "\\e[2J\\e[31mpacte : erreur\\rRésultat [bold]gras[/bold]\\u202e"',
    )
    run = run_query(mini, "SELECT titre FROM actions WHERE action = 'creches'")
    assert run.exit_code == 0, run
    assert "\x1b" not in run.stdout and "\r" not in run.stdout and "\u202e" not in run.stdout
    assert "[bold]gras[/bold]" in run.stdout  # rich markup is shown, never interpreted
