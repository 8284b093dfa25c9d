"""`pacte query`: read-only SQL over the export's tables, in an in-memory SQLite database.

The SQL may come from anyone who can run the command in CI, so the database only answers
reads: once it is built, an authorizer allows SELECT, reading columns, functions and recursive
queries, and denies everything else (INSERT, UPDATE, DELETE, CREATE, DROP, PRAGMA, ATTACH,
which could open a file of the machine, transactions...). Extensions stay disabled, a value
is at most 10 MB long, a query is stopped after its time limit (a recursive query may never
end), and at most `limit` rows are read.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pactecli.errors import UsageError
from pactecli.export import sqlite
from pactecli.export.tables import Export

MAX_VALUE_BYTES = 10_000_000
DEFAULT_LIMIT = 1000
DEFAULT_SECONDS = 10.0
_ALLOWED = frozenset(
    (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE)
)
_PROGRESS_STEPS = 10_000


@dataclass(frozen=True)
class Answer:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    truncated: bool
    """More rows than `limit` exist."""


def _authorize(action: int, *_: object) -> int:
    return sqlite3.SQLITE_OK if action in _ALLOWED else sqlite3.SQLITE_DENY


def read_only(export: Export) -> sqlite3.Connection:
    connection = sqlite.database(export)
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    connection.set_authorizer(_authorize)
    return connection


@contextmanager
def _deadline(connection: sqlite3.Connection, seconds: float) -> Iterator[list[bool]]:
    """Interrupt the query past `seconds`; the list says whether it was."""
    stopped = [False]
    end = time.monotonic() + seconds

    def check() -> int:
        if time.monotonic() > end:
            stopped[0] = True
            return 1
        return 0

    connection.set_progress_handler(check, _PROGRESS_STEPS)
    try:
        yield stopped
    finally:
        connection.set_progress_handler(None, 0)


def run(connection: sqlite3.Connection, sql: str, limit: int, seconds: float) -> Answer:
    """The first `limit` rows of the answer to `sql`; misuse and SQL errors are UsageError."""
    with _deadline(connection, seconds) as stopped:
        try:
            cursor = connection.execute(sql)
            rows = cursor.fetchmany(limit + 1)
        except ValueError as error:  # a NUL character (3.12 and later)
            raise _sql_error(str(error)) from None
        except (sqlite3.Warning, sqlite3.Error) as error:
            if stopped[0]:
                shown = f"{seconds:g}".replace(".", ",")
                raise UsageError(
                    f"requête interrompue après {shown} s",
                    hint="ajoutez une condition ou LIMIT, ou allongez le délai avec --delai",
                ) from None
            raise _sql_error(str(error)) from None
    if cursor.description is None:
        raise UsageError(
            "la requête ne renvoie aucune ligne à afficher",
            hint="pacte query n'exécute que des lectures : SELECT …",
        )
    columns = tuple(str(d[0]) for d in cursor.description)
    return Answer(columns, rows[:limit], len(rows) > limit)


_TRANSLATIONS = (
    (
        re.compile(r"^(?:not authorized|authorization denied)$"),
        "requête refusée : seules les lectures (SELECT) sont permises",
    ),
    (re.compile(r"null character"), "la requête contient un caractère nul"),
    (re.compile(r"^no such table: (.+)$"), "la table « {0} » n'existe pas"),
    (re.compile(r"^no such column: (.+)$"), "la colonne « {0} » n'existe pas"),
    (re.compile(r'^near "(.*)": syntax error$'), "erreur de syntaxe SQL près de « {0} »"),
    (re.compile(r"^incomplete input$"), "requête SQL incomplète"),
    (re.compile(r"^string or blob too big$"), "valeur trop longue (plus de 10 Mo)"),
    (re.compile(r"^no such function: (.+)$"), "la fonction « {0} » n'existe pas"),
    (re.compile(r"one statement at a time"), "une seule requête à la fois"),
)


def _sql_error(message: str) -> UsageError:
    for pattern, french in _TRANSLATIONS:
        match = pattern.search(message)
        if match:
            text = french.format(*match.groups())
            break
    else:
        text = f"erreur SQL : {message}"
    if text.startswith("requête refusée"):
        hint = "pacte query ne modifie jamais les données : écrivez une requête SELECT"
    elif text.startswith("une seule"):
        hint = "retirez ce qui suit le premier « ; »"
    elif "caractère nul" in text:
        hint = "retirez-le de la requête"
    else:
        hint = "« pacte query --tables » liste les tables et leurs colonnes"
    return UsageError(text, hint=hint)
