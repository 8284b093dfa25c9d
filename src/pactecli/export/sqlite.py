"""`pacte export --format sqlite`, and the database `pacte query` reads: the export's tables in
SQLite (the standard library's sqlite3), with primary and foreign keys, indexes and views.

The format Datasette and any SQL client open. One database holds one département's export,
so a row's key is its record ids (the `departement` column is still there, for unions of
several databases). Amounts are NUMERIC: an integer stays an integer, cents a decimal number.
Foreign keys are declared (clients draw the links) but not enforced: a pact exported with
`--force` may name a record that does not exist, and the export says so in `problemes`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pactecli.export.cells import columns, iso_dates, plain_numbers
from pactecli.export.columns import ColumnKind, TableSpec
from pactecli.export.files import APPLICATION_ID
from pactecli.export.tables import EXPORT_VERSION, Export, Table

SQL_TYPES = {
    ColumnKind.TEXT: "TEXT",
    ColumnKind.INTEGER: "INTEGER",
    ColumnKind.YEAR: "INTEGER",
    ColumnKind.MONEY: "NUMERIC",
    ColumnKind.NUMBER: "NUMERIC",
    ColumnKind.DATE: "TEXT",
    ColumnKind.BOOLEAN: "INTEGER",
}


@dataclass(frozen=True, slots=True)
class View:
    name: str
    description: str
    columns: tuple[str, ...]
    sql: str


_EXECUTION = """
WITH cles AS (
    SELECT departement, action, annee FROM budgets
    UNION SELECT departement, action, annee FROM depenses
    UNION SELECT departement, action, annee FROM financements WHERE action IS NOT NULL
),
argent AS (
    SELECT action, annee, SUM(engage) AS engage, SUM(verse) AS verse
    FROM financements WHERE action IS NOT NULL GROUP BY action, annee
)
SELECT cles.departement, cles.action, actions.convention, cles.annee,
       COALESCE(budgets.budget, 0) AS budget,
       COALESCE(argent.engage, 0) AS engage,
       COALESCE(argent.verse, 0) AS verse,
       depenses.depense AS depense,
       CASE WHEN COALESCE(argent.engage, 0) = 0 THEN NULL
            ELSE ROUND(1.0 * COALESCE(argent.verse, 0) / argent.engage, 4) END
           AS taux_versement,
       CASE WHEN COALESCE(budgets.budget, 0) = 0 OR depenses.depense IS NULL THEN NULL
            ELSE ROUND(1.0 * depenses.depense / budgets.budget, 4) END AS taux_depense
FROM cles
LEFT JOIN actions ON actions.action = cles.action
LEFT JOIN budgets ON budgets.action = cles.action AND budgets.annee = cles.annee
LEFT JOIN depenses ON depenses.action = cles.action AND depenses.annee = cles.annee
LEFT JOIN argent ON argent.action = cles.action AND argent.annee = cles.annee
"""

VIEWS = (
    View(
        "financement_par_convention",
        "Argent engagé et versé par convention, financeur et année (argent donné à la "
        "convention dans son ensemble compris).",
        ("departement", "convention", "financeur", "annee", "engage", "verse"),
        "SELECT departement, convention, financeur, annee, SUM(engage) AS engage, "
        "SUM(verse) AS verse FROM financements "
        "GROUP BY departement, convention, financeur, annee",
    ),
    View(
        "execution_actions",
        "Par action et par année : budget, engagé, versé, dépensé, taux de versement "
        "(versé / engagé) et taux de dépense (dépensé / budget).",
        (
            "departement",
            "action",
            "convention",
            "annee",
            "budget",
            "engage",
            "verse",
            "depense",
            "taux_versement",
            "taux_depense",
        ),
        _EXECUTION,
    ),
)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements(spec: TableSpec) -> list[str]:
    """CREATE TABLE with its keys, then one index per foreign key (joins stay fast)."""
    lines = [f"{_quoted(c.name)} {SQL_TYPES[c.kind]}" for c in spec.columns]
    if spec.key:
        lines.append(f"PRIMARY KEY ({', '.join(map(_quoted, spec.key))})")
    for reference in spec.references:
        lines.append(
            f"FOREIGN KEY ({', '.join(map(_quoted, reference.columns))}) "
            f"REFERENCES {_quoted(reference.table)} "
            f"({', '.join(map(_quoted, reference.target))})"
        )
    statements = [f"CREATE TABLE {_quoted(spec.name)} (\n    " + ",\n    ".join(lines) + "\n)"]
    for reference in spec.references:
        index = f"{spec.name}_{'_'.join(reference.columns)}"
        statements.append(
            f"CREATE INDEX {_quoted(index)} ON {_quoted(spec.name)} "
            f"({', '.join(map(_quoted, reference.columns))})"
        )
    return statements


def _rows(table: Table) -> Iterable[tuple[Any, ...]]:
    """SQLite's values: exact numbers (an integer stays an integer), ISO dates."""
    converted = False
    cells = columns(table.rows, len(table.spec.columns))
    for index, column in enumerate(table.spec.columns):
        if column.kind in (ColumnKind.MONEY, ColumnKind.NUMBER):
            cells[index] = plain_numbers(cells[index])
            converted = True
        elif column.kind is ColumnKind.DATE:
            cells[index] = iso_dates(cells[index])
            converted = True
    return zip(*cells, strict=True) if converted else table.rows


def fill(connection: sqlite3.Connection, export: Export) -> None:
    """Create and fill every table and view of the export in `connection`."""
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {EXPORT_VERSION}")
    indexes: list[str] = []
    with connection:
        for table in export.tables:
            create, *table_indexes = create_statements(table.spec)
            connection.execute(create)
            indexes += table_indexes  # built once the rows are in: faster than row by row
            marks = ", ".join("?" * len(table.spec.columns))
            connection.executemany(
                f"INSERT INTO {_quoted(table.spec.name)} VALUES ({marks})", _rows(table)
            )
        for statement in indexes:
            connection.execute(statement)
        for view in VIEWS:
            connection.execute(f"CREATE VIEW {_quoted(view.name)} AS {view.sql}")


def database(export: Export) -> sqlite3.Connection:
    """An in-memory database holding the export."""
    connection = sqlite3.connect(":memory:")
    fill(connection, export)
    return connection


def render(export: Export) -> bytes:
    """The database file's bytes (built in memory, written in one step by `files`)."""
    connection = database(export)
    try:
        return connection.serialize()
    finally:
        connection.close()
