"""`pacte diff --format json`: every change as data, for bots. Amounts are decimal strings.

The `signature` member is pacte's marker (see `render.output`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from pactecli import __version__
from pactecli.diff.values import Changes
from pactecli.render import escape
from pactecli.render.changes import words
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.render.problems.json import problem

SIGNING = EMBEDDED
FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _record(item: Any, **extra: Any) -> dict[str, Any]:
    data = {f.name: _plain(getattr(item, f.name)) for f in dataclasses.fields(item)}
    data.update({key: _plain(value) for key, value in extra.items()})
    return data


def render(changes: Changes) -> str:
    report = {
        "version": FORMAT_VERSION,
        "tool": {"name": "pacte", "version": __version__},
        "base": changes.base_label,
        "head": changes.head_label,
        "summary": words.summary(changes),
        "totals": {
            "pact": str(changes.total),
            "by_action": _plain(dict(words.sorted_totals(changes.by_action()))),
            "by_funder": _plain(dict(words.sorted_totals(changes.by_funder()))),
            "by_convention": _plain(dict(words.sorted_totals(changes.by_convention()))),
            "by_funder_year": [
                {"funder": funder, "year": year, "difference": str(amount)}
                for (funder, year), amount in sorted(changes.by_funder_year().items())
            ],
        },
        "records": [_record(r) for r in changes.records],
        "money": [_record(m, difference=m.difference) for m in changes.money],
        "contributions": [_record(c) for c in changes.contributions],
        "fields": [_record(f) for f in changes.fields],
        "problems": {
            "introduced": [problem(d) for d in changes.introduced],
            "fixed": [problem(d) for d in changes.fixed],
        },
        "head_counts": {"errors": changes.head_errors, "warnings": changes.head_warnings},
        "not_compared": changes.not_compared,
        "unreadable": [{"path": path, "version": side.value} for path, side in changes.unreadable],
        "warnings": [problem(d) for d in changes.warnings],
        "signature": SIGNATURE,
    }
    return escape.to_json(report) + "\n"
