"""Plain JSON data from pacte's values: exact decimal strings for amounts, ISO dates.

Shared by every JSON output (`pacte diff`, `pacte history`), so that an amount is written the
same way everywhere: a string, never a float that would round it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def record(item: Any, **extra: Any) -> dict[str, Any]:
    """A dataclass instance's fields, plus `extra` members (e.g. a computed difference)."""
    data = {f.name: plain(getattr(item, f.name)) for f in dataclasses.fields(item)}
    data.update({key: plain(value) for key, value in extra.items()})
    return data
