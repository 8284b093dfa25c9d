"""`pacte query`: read-only SQL over the export's tables, printed as a table, CSV or JSON.

The tables are those of `pacte export` (an in-memory SQLite database built from the validated
model). Only reads are allowed; output is bounded (`--limite`) and so is the time a query may
take (`--delai`).
"""

from __future__ import annotations

import shutil
import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pactecli.check.validation import validate as run_validation
from pactecli.cli.common import (
    AsOfOption,
    OutputOption,
    RootOption,
    as_of_date,
    pact_root,
    use_color,
)
from pactecli.cli.export import refuse_errors
from pactecli.errors import UsageError
from pactecli.gcpause import cycle_collector_paused
from pactecli.load.sources import FolderSnapshot


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def query(
    sql: Annotated[
        str | None,
        typer.Argument(help="La requête SQL (SELECT …), entre guillemets.", metavar="REQUÊTE"),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        QueryFormat,
        typer.Option(
            "--format",
            "-f",
            help="table : tableau à l'écran ; csv ou json : pour les programmes.",
            case_sensitive=False,
        ),
    ] = QueryFormat.table,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    tables: Annotated[
        bool, typer.Option("--tables", help="Liste les tables et leurs colonnes, puis quitte.")
    ] = False,
    limite: Annotated[
        int,
        typer.Option(
            "--limite", help="Nombre maximal de lignes affichées.", metavar="N", min=1, max=10**6
        ),
    ] = 1000,
    delai: Annotated[
        float,
        typer.Option(
            "--delai",
            help="Durée maximale de la requête, en secondes.",
            metavar="SECONDES",
            min=0.01,
            max=3600,
        ),
    ] = 10.0,
    force: Annotated[
        bool, typer.Option("--force", help="Interroge le pacte malgré des erreurs de validation.")
    ] = False,
) -> None:
    """Interroge les données du pacte en SQL (lecture seule), sur les tables de pacte export.

    Exemple : pacte query "SELECT financeur, SUM(engage) FROM financements GROUP BY
    financeur". Code de sortie : 0 réponse affichée, 1 erreurs de validation (sans
    --force), 2 requête refusée ou invalide, mauvaise utilisation.
    """
    from pactecli.export import answers
    from pactecli.export import query as sql_query

    if tables:
        _emit(_table_list(), output)
        return
    if sql is None or not sql.strip():
        raise UsageError(
            "indiquez une requête SQL",
            hint='par exemple : pacte query "SELECT * FROM actions" ; pacte query --tables '
            "liste les tables",
        )
    from pactecli.export.produce import tables_of
    from pactecli.report.selection import Filters

    folder = pact_root(root)
    day = as_of_date(as_of)
    validation = run_validation(FolderSnapshot(folder), day)
    refuse_errors(validation, force, "résultat")
    with cycle_collector_paused():
        connection = sql_query.read_only(tables_of(validation, Filters(), day))
    answer = sql_query.run(connection, sql, limite, delai)
    kind = format.value if isinstance(format, Enum) else str(format)
    if kind == "csv":
        text = answers.as_csv(answer)
    elif kind == "json":
        text = answers.as_json(answer)
    else:
        color = use_color(output)
        width = shutil.get_terminal_size().columns if output is None and color else None
        text = answers.table(answer, color, width)
    _emit(text, output)
    count = len(answer.rows)
    if answer.truncated:
        sys.stderr.write(
            f"pacte : {count} premières lignes affichées ; la requête en renvoie davantage "
            "(--limite pour en voir plus, ou LIMIT dans la requête).\n"
        )
    elif kind == "table":
        sys.stderr.write(f"{count} ligne{'s' if count > 1 else ''}\n")


def _emit(text: str, output: Path | None) -> None:
    """Standard output, or a file written like every export file (`export.files`)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from pactecli.export.files import write_bytes

    write_bytes(output, text.encode("utf-8"))


def _table_list() -> str:
    from pactecli.export.columns import TABLES
    from pactecli.export.sqlite import VIEWS

    lines = []
    for spec in TABLES:
        lines.append(f"{spec.name} — {spec.title} : {spec.description}")
        lines.extend(f"    {c.name} ({c.kind.value}) : {c.title}" for c in spec.columns)
    for view in VIEWS:
        lines.append(f"{view.name} (vue) : {view.description}")
        lines.extend(f"    {name}" for name in view.columns)
    return "\n".join(lines) + "\n"
