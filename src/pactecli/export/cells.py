"""Cell values as text: exact decimals, and text that no spreadsheet runs as a formula.

A title such as `=HYPERLINK("http://…")` or `@SUM(…)` typed into a record is a formula to Excel
and LibreOffice when it opens a CSV file. Following OWASP's guidance on CSV injection, a text
cell starting with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed (or their
full-width forms) gets a leading `'`, which spreadsheets show as text; a NUL character, which
breaks CSV readers, becomes U+FFFD. Numbers and dates are never neutralised: they are values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pactecli.render import escape

FORMULA_STARTS = escape.FORMULA_STARTS
neutral = escape.spreadsheet
"""`text` as a spreadsheet shows it, never as a formula (the one guard: `escape.spreadsheet`)."""
_CENT = Decimal("0.01")


def money_text(amount: Decimal, decimal_char: str = ".") -> str:
    """`12000`, or `1500.50` with cents; the decimal separator of the dialect."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    text = f"{amount.quantize(_CENT):f}"
    return text if decimal_char == "." else text.replace(".", decimal_char)


def number_text(value: Decimal, decimal_char: str = ".") -> str:
    """Plain decimal notation, never an exponent (`0.0000001`, not `1E-7`)."""
    if value == value.to_integral_value():
        return str(int(value))
    text = f"{value:f}"
    return text if decimal_char == "." else text.replace(".", decimal_char)


# --- whole columns ---------------------------------------------------------------------------
#
# A large pact exports hundreds of thousands of rows: formats convert a column at a time, with
# the work done by C code (str, join, replace, regular expressions) in the common case and a
# Python call per cell only for a column that needs one.

_FORMULA_AT_START = re.compile("\n[=+\\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")


def neutral_column(values: Sequence[str | None]) -> Sequence[str | None]:
    """`neutral` applied to a column of texts (None stays None)."""
    joined = "\n" + "\n".join(filter(None, values))  # each text starts after a line feed
    if "\x00" not in joined and not _FORMULA_AT_START.search(joined):
        return values
    return [None if v is None else neutral(v) for v in values]


def number_column(values: Sequence[Decimal | None], decimal_char: str = ".") -> list[str]:
    """Exact decimal texts (`12000`, `1500.5`), empty for None, in plain notation."""
    if not values:
        return []
    texts = list(map(str, values))
    joined = "\n".join(texts)
    if "None" in joined:  # (comparing a Decimal with None is slow: look for the text)
        texts = ["" if v is None else text for v, text in zip(values, texts, strict=True)]
        joined = "\n".join(texts)
    if "E" in joined:  # an exponent (1E-7, 1E+3): write those in plain notation
        return ["" if v is None else number_text(v, decimal_char) for v in values]
    if decimal_char != "." and "." in joined:
        return joined.replace(".", decimal_char).split("\n")
    return texts


def plain_numbers(values: Sequence[Decimal | None]) -> list[int | float | None]:
    """Integers stay exact; cents (at most 2 decimals, below 10^12) round-trip in a float."""
    return [
        None if v is None else int(v) if v == v.to_integral_value() else float(v) for v in values
    ]


def iso_dates(values: Sequence[dt.date | None]) -> list[str | None]:
    return [None if v is None else v.isoformat() for v in values]


def columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[Sequence[Any]]:
    """The rows as columns (one list per column)."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(column) for column in zip(*rows, strict=True)]
