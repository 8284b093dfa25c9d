"""`pacte list --format table`: a rich table on a terminal, aligned plain text otherwise.

Colour (a terminal without NO_COLOR) draws a rich table at the terminal's width; anywhere else
(a file, a pipe, a CI log, NO_COLOR) each record is one line of aligned text, easy to `grep`.
Values are line text (`escape.line`) and, in rich, `Text` objects: markup written in a record is
shown, never interpreted. The table ends with a « Total » line for the money columns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pactecli.render import escape
from pactecli.render.listing import Options
from pactecli.render.listing.columns import COLUMNS, Column, count_text, french
from pactecli.render.listing.plain import aligned
from pactecli.render.output import TEXT_LINE
from pactecli.report.listing import Liste

SIGNING = TEXT_LINE
WHOLE_KEYS = frozenset(("id", "action", "convention", "axe", "statut_libelle", "unite"))
WRAPPED_MIN = 12

STATUS_STYLES = {
    "en_retard": "bold red",
    "en_cours": "blue",
    "realise": "green",
    "suspendu": "yellow",
    "abandonne": "dim",
}


def _shown(liste: Liste) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS[liste.genre] if c.in_table)


def _cells(liste: Liste, columns: Sequence[Column]) -> list[list[str]]:
    return [
        [escape.line(french(column, column.get(row))) for column in columns] for row in liste.lignes
    ]


def _total_row(liste: Liste, columns: Sequence[Column]) -> list[str] | None:
    if not liste.totaux:
        return None
    totals = dict(liste.totaux)
    label = f"Total ({count_text(liste.genre, len(liste.lignes))})"
    row = [label] + [
        french(column, totals[column.key]) if column.key in totals else "" for column in columns[1:]
    ]
    return row


def render(liste: Liste, options: Options) -> str:
    if not liste.lignes:
        where = "ne correspond à ces filtres" if liste.filtres else "dans ce pacte"
        return f"{count_text(liste.genre, 0)} {where}.\n"
    columns = _shown(liste)
    if options.color:
        return _rich(liste, columns, options)
    rows = [[c.heading for c in columns], *_cells(liste, columns)]
    total = _total_row(liste, columns)
    lines = aligned(rows + ([total] if total else []), _numeric(columns))
    if total:
        lines.insert(len(lines) - 1, lines[1])  # the dashes again above the total
    else:
        lines.append(count_text(liste.genre, len(liste.lignes)))
    return "\n".join(lines) + "\n"


def _numeric(columns: Sequence[Column]) -> set[int]:
    return {i for i, c in enumerate(columns) if c.numeric}


def _rich(liste: Liste, columns: Sequence[Column], options: Options) -> str:
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    numeric = _numeric(columns)
    cells = _cells(liste, columns)
    needed = 0
    for i, column in enumerate(columns):
        # An id is what the user types next (`pacte show ID`): never shortened nor wrapped,
        # amounts and statuses neither; names and titles wrap, down to WRAPPED_MIN cells.
        widest = max(cell_len(row[i]) for row in [[c.heading for c in columns], *cells])
        whole = i in numeric or column.key in WHOLE_KEYS
        least = widest if whole else min(widest, WRAPPED_MIN)
        needed += least + 3  # the cell's padding and the column gap
        table.add_column(
            column.heading,
            justify="right" if i in numeric else "left",
            no_wrap=whole,
            min_width=least,
        )
    status = next((i for i, c in enumerate(columns) if c.key == "statut_libelle"), None)
    for row, line in zip(liste.lignes, cells, strict=True):
        texts = [Text(cell) for cell in line]
        if status is not None:
            texts[status].stylize(STATUS_STYLES.get(row.statut, ""))
        table.add_row(*texts)
    total = _total_row(liste, columns)
    if total:
        table.add_section()
        table.add_row(*(Text(cell, style="bold") for cell in total))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        width=max(options.width or 100, needed),  # wider than the screen, never cut
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(table)
    if not total:
        console.print(Text(count_text(liste.genre, len(liste.lignes)), style="dim"))
    return escape.command_free(buffer.getvalue())
