"""The answer of `pacte query` as a terminal table (rich), CSV or JSON.

Values come from records anyone may write: in the terminal, control characters (escape
sequences that could move the cursor or forge a line) and bidirectional overrides become
U+FFFD, long texts are cut, and rich markup is never interpreted. CSV cells are neutralised
against formula injection like the export's.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Any

from pactecli.export.cells import neutral
from pactecli.export.query import Answer
from pactecli.render import escape

MAX_CELL = 200
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _blob(value: bytes) -> str:
    return value.hex()


def _shown(value: Any) -> str:
    """A cell in the terminal: French decimal comma, one line, no control character."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return f"<{len(value)} octets>"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    text = _UNSAFE.sub("\ufffd", str(value)).replace("\t", " ")
    text = " ".join(text.splitlines())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def table(answer: Answer, color: bool, width: int | None) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    grid = Table(show_header=True, header_style="bold" if color else None, show_lines=False)
    for name in answer.columns:
        grid.add_column(Text(_shown(name)), overflow="fold")
    for row in answer.rows:
        grid.add_row(*(Text(_shown(value)) for value in row))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or 120,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(grid)
    return buffer.getvalue()


def as_csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutral(name) for name in answer.columns])
    for row in answer.rows:
        writer.writerow(
            [
                neutral(v) if isinstance(v, str) else _blob(v) if isinstance(v, bytes) else v
                for v in row
            ]
        )
    return buffer.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return _blob(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no infinity: "inf", "-inf", "nan"
    return value


def as_json(answer: Answer) -> str:
    rows = [[_json_value(v) for v in row] for row in answer.rows]
    document = {"colonnes": list(answer.columns), "lignes": rows, "tronque": answer.truncated}
    return escape.to_json(document) + "\n"
