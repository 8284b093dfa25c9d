"""`pacte history --format json`: every change as data (amounts as exact decimal strings)."""

from __future__ import annotations

from pactecli import __version__
from pactecli.diff.history import History
from pactecli.render import escape
from pactecli.render.jsondata import plain, record
from pactecli.render.output import EMBEDDED, SIGNATURE

SIGNING = EMBEDDED
FORMAT_VERSION = 1


def render(history: History) -> str:
    report = {
        "version": FORMAT_VERSION,
        "tool": {"name": "pacte", "version": __version__},
        "kind": history.kind.value,
        "id": history.id,
        "title": history.title,
        "commits": history.commits,
        "entries": [
            {
                "commit": entry.commit.oid,
                "date": entry.commit.date.isoformat(),
                "author": entry.commit.author,
                "message": entry.commit.message,
                "event": entry.event,
                "path": entry.path,
                "money": [record(m, difference=m.difference) for m in entry.money],
                "contributions": [record(c) for c in entry.contributions],
                "fields": [record(f) for f in entry.fields],
            }
            for entry in history.entries
        ],
        "labels": plain(history.labels),
        "signature": SIGNATURE,
    }
    return escape.to_json(report) + "\n"
