"""pacte's French formatting writes exactly what Babel's CLDR data says, on many values."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from pactecli import formatting

random.seed(2026)
AMOUNTS = [Decimal(0), Decimal("0.5"), Decimal("0.01"), Decimal("999999999999.99")] + [
    Decimal(random.randrange(-(10**13), 10**13)) / (100 if i % 2 else 1) for i in range(2000)
]


def _babel_euros(amount: Decimal, signed: bool) -> str:
    integral = amount == amount.to_integral_value()
    pattern = "#,##0\u00a0¤" if integral else "#,##0.00\u00a0¤"
    if signed:
        pattern = "+" + pattern + ";-" + pattern
    return str(
        format_currency(amount, "EUR", format=pattern, locale="fr_FR", currency_digits=False)
    )


@pytest.mark.parametrize("signed", [False, True])
def test_euros_are_babels(signed: bool) -> None:
    for amount in AMOUNTS:
        assert formatting.euros(amount, signed) == _babel_euros(amount, signed), amount


@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_numbers_are_babels(decimals: int) -> None:
    pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
    values = [*AMOUNTS, Decimal("1234.5678"), Decimal("0.005"), Decimal("-0.004"), 7, 2.5]
    for value in values:
        expected = str(format_decimal(value, format=pattern, locale="fr_FR"))
        assert formatting.number(value, decimals) == expected, value


def test_long_dates_are_babels_with_1er() -> None:
    day = dt.date(2023, 1, 1)
    while day.year < 2027:
        expected = str(format_date(day, format="d MMMM y", locale="fr_FR"))
        expected = "1er" + expected[1:] if day.day == 1 else expected
        assert formatting.long_date(day) == expected
        day += dt.timedelta(days=1)
