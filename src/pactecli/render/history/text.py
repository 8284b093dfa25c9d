"""`pacte history --format text`: one paragraph per commit that changed the record."""

from __future__ import annotations

from pactecli import __version__
from pactecli.diff.history import History
from pactecli.render import escape
from pactecli.render.history import words
from pactecli.render.output import TEXT_LINE

SIGNING = TEXT_LINE
_INDENT = "  "


def render(history: History) -> str:
    lines = [words.title(history), words.counts(history)]
    if not history.entries:
        lines += ["", words.NO_CHANGE]
    for entry in history.entries:
        lines += ["", words.header(entry)]
        lines += [_INDENT + line for line in words.lines(entry, history)]
    lines += ["", f"généré par pacte {__version__}"]
    return "\n".join(escape.line(line) for line in lines) + "\n"
