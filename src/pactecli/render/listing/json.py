"""`pacte list --format json`: the lines as data, with the same members as the CSV columns.

Amounts and numbers are exact decimal strings (`render.jsondata`), rates decimal-fraction
strings with 4 places, counts and years integers, booleans JSON booleans, nothing `null`.
"""

from __future__ import annotations

from typing import Any

from pactecli import __version__
from pactecli.render import escape
from pactecli.render.jsondata import plain
from pactecli.render.listing import Options
from pactecli.render.listing.columns import COLUMNS, Column, Value, ratio_text
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.report.listing import Liste

SIGNING = EMBEDDED
FORMAT_VERSION = 1


def _value(column: Column, value: Any) -> Any:
    if value is not None and column.value is Value.RATIO:
        return ratio_text(value)
    return plain(value)


def render(liste: Liste, options: Options) -> str:
    columns = COLUMNS[liste.genre]
    data = {
        "version": FORMAT_VERSION,
        "tool": {"name": "pacte", "version": __version__},
        "kind": liste.genre.value,
        "as_of": liste.situation.isoformat(),
        "filters": {option.removeprefix("--"): value for option, value in liste.filtres},
        "count": len(liste.lignes),
        "rows": [{c.key: _value(c, c.get(row)) for c in columns} for row in liste.lignes],
        "totals": {name: plain(amount) for name, amount in liste.totaux},
        "signature": SIGNATURE,
    }
    return escape.to_json(data) + "\n"
