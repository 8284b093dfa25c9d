"""`pacte history --format markdown`: a section per commit, for a document or a comment."""

from __future__ import annotations

from pactecli import __version__
from pactecli.diff.history import History
from pactecli.formatting import long_date
from pactecli.render import escape
from pactecli.render.history import words
from pactecli.render.output import COMMENT, SIGNATURE

SIGNING = COMMENT


def render(history: History) -> str:
    lines = [f"## {escape.markdown_inline(words.title(history))}", "", words.counts(history), ""]
    if not history.entries:
        lines += [words.NO_CHANGE, ""]
    for entry in history.entries:
        commit = entry.commit
        lines += [
            f"### {long_date(commit.date)} — {escape.markdown_inline(commit.message)}",
            "",
            f"{escape.markdown_code(commit.short)} par {escape.markdown_inline(commit.author)}",
            "",
        ]
        lines += [f"- {escape.markdown_inline(line)}" for line in words.lines(entry, history)]
        lines.append("")
    lines += [f"<sub>généré par pacte {__version__}</sub>", f"<!-- {SIGNATURE} -->", ""]
    return "\n".join(lines)
