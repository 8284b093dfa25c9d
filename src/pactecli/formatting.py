"""French formatting of amounts, numbers and dates.

Babel's CLDR data is the reference (grouping with a narrow no-break space, decimal comma,
`1 234 €`, `27 novembre 2026`). Amounts, plain numbers and long dates, which every rule message
uses, are written here directly, in Babel's exact output (tests compare both on many values):
importing Babel and loading its French data costs about 35 ms, a quarter of `pacte validate`'s
start-up, which a pact with one warning would otherwise pay. Percentages and month names
alone still go through Babel (reports only), imported on first use.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

LOCALE = "fr_FR"
GROUP = "\u202f"  # narrow no-break space, CLDR's grouping separator for French
SPACE = "\u00a0"  # no-break space, before the currency sign
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _grouped(digits: str) -> str:
    """`1234567` -> `1 234 567` (narrow no-break spaces)."""
    head = len(digits) % 3 or 3
    return GROUP.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _decimal(value: Decimal | int | float, decimals: int, keep_zeros: bool) -> str:
    """The absolute value in French notation, rounded half-even to `decimals` places."""
    exact = Decimal(value) if not isinstance(value, float) else Decimal(repr(value))
    rounded = abs(exact).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    whole, _, fraction = f"{rounded:f}".partition(".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    return _grouped(whole) + ("," + fraction if fraction else "")


def _sign(value: Decimal | int | float, signed: bool) -> str:
    """CLDR's patterns: `-` for a negative value, `+` for any other one when asked (`+0 €`)."""
    if value < 0:
        return "-"
    return "+" if signed else ""


def euros(amount: Decimal | int, signed: bool = False) -> str:
    """`1 234 567 €`; cents only when there are some (`1 234,50 €`); `+` on request."""
    value = Decimal(amount)
    cents = value != value.to_integral_value()
    text = _decimal(value, 2, keep_zeros=True) if cents else _decimal(value, 0, keep_zeros=False)
    return f"{_sign(value, signed)}{text}{SPACE}€"


def number(value: Decimal | int | float, decimals: int = 2) -> str:
    """`1 234,5`: French grouping and decimal comma, trailing zeros dropped."""
    return _sign(value, False) + _decimal(value, decimals, keep_zeros=False)


def percent(ratio: Decimal | float, decimals: int = 0) -> str:
    """`87 %` for 0.87."""
    from babel.numbers import format_percent

    pattern = "#,##0." + "0" * decimals + " %" if decimals else "#,##0 %"
    return str(format_percent(ratio, format=pattern, locale=LOCALE))


def long_date(day: dt.date) -> str:
    """`27 novembre 2026`, `1er juin 2026` (French writes the first day of a month 1er)."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"
