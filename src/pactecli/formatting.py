"""French formatting of amounts, numbers and dates, through Babel's CLDR data.

Babel is imported on first use: `pacte validate` on a sound pact never formats an amount and
should not pay for loading locale data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

LOCALE = "fr_FR"


def euros(amount: Decimal | int, signed: bool = False) -> str:
    """`1 234 567 €`; cents only when there are some (`1 234,50 €`); `+` on request."""
    from babel.numbers import format_currency

    pattern = (
        "#,##0\u00a0¤"
        if Decimal(amount) == Decimal(amount).to_integral_value()
        else "#,##0.00\u00a0¤"
    )
    if signed:
        pattern = "+" + pattern + ";-" + pattern
    return str(format_currency(amount, "EUR", format=pattern, locale=LOCALE, currency_digits=False))


def number(value: Decimal | int | float, decimals: int = 2) -> str:
    """`1 234,5`: French grouping and decimal comma, trailing zeros dropped."""
    from babel.numbers import format_decimal

    pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
    return str(format_decimal(value, format=pattern, locale=LOCALE))


def percent(ratio: Decimal | float, decimals: int = 0) -> str:
    """`87 %` for 0.87."""
    from babel.numbers import format_percent

    pattern = "#,##0." + "0" * decimals + " %" if decimals else "#,##0 %"
    return str(format_percent(ratio, format=pattern, locale=LOCALE))


def long_date(day: dt.date) -> str:
    """`27 novembre 2026`, `1er juin 2026` (French writes the first day of a month 1er)."""
    from babel.dates import format_date

    text = str(format_date(day, format="d MMMM y", locale=LOCALE))
    return "1er" + text[1:] if day.day == 1 else text
