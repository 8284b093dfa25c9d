"""`pacte list --format csv`: every column, for a spreadsheet or a script.

RFC 4180: `,` between cells, `"` around a cell that needs it, CRLF line ends, UTF-8 without a
BOM. Values are machine-readable: amounts and numbers in plain decimal notation with a dot
(`12000`, `1500.5`), rates as a decimal fraction with 4 places (`0.9333`), booleans `true` /
`false`, years as integers, nothing as an empty cell. Text is line text (a line break in a
record cannot start a new row in a CI log) and never a formula (see `cell`). Written with
`--output`, the file ends with a `# généré par pacte …` line (its signature).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from pactecli.render import escape
from pactecli.render.listing import Options
from pactecli.render.listing.columns import COLUMNS, Column, Value, ratio_text
from pactecli.render.output import Signing
from pactecli.report.listing import Liste

SIGNING = Signing("# ", "\r")


def _number(value: Decimal) -> str:
    """Plain decimal notation, never an exponent (`1000`, not `1E+3`)."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:f}"


def _value(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.value in (Value.MONEY, Value.NUMBER):
        return _number(value)
    if column.value is Value.RATIO:
        return ratio_text(value)
    if column.value is Value.BOOL:
        return "true" if value else "false"
    if column.value in (Value.COUNT, Value.YEAR):
        return str(value)
    return escape.spreadsheet(escape.line(str(value)))


def render(liste: Liste, options: Options) -> str:
    columns = COLUMNS[liste.genre]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.key for c in columns])
    for row in liste.lignes:
        writer.writerow([_value(c, c.get(row)) for c in columns])
    return buffer.getvalue()
