"""`pacte diff --format json`: every change as data, for bots. Amounts are decimal strings.

The `signature` member is pacte's marker (see `render.output`).
"""

from __future__ import annotations

from pactecli import __version__
from pactecli.diff.values import Changes
from pactecli.render import escape
from pactecli.render.changes import words
from pactecli.render.jsondata import plain, record
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.render.problems.json import problem

SIGNING = EMBEDDED
FORMAT_VERSION = 1


def render(changes: Changes) -> str:
    report = {
        "version": FORMAT_VERSION,
        "tool": {"name": "pacte", "version": __version__},
        "base": changes.base_label,
        "head": changes.head_label,
        "summary": words.summary(changes),
        "totals": {
            "pact": str(changes.total),
            "by_action": plain(dict(words.sorted_totals(changes.by_action()))),
            "by_funder": plain(dict(words.sorted_totals(changes.by_funder()))),
            "by_convention": plain(dict(words.sorted_totals(changes.by_convention()))),
            "by_funder_year": [
                {"funder": funder, "year": year, "difference": str(amount)}
                for (funder, year), amount in sorted(changes.by_funder_year().items())
            ],
        },
        "records": [record(r) for r in changes.records],
        "money": [record(m, difference=m.difference) for m in changes.money],
        "contributions": [record(c) for c in changes.contributions],
        "fields": [record(f) for f in changes.fields],
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
