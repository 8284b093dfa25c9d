"""Escaping user text for GitHub/GitLab-flavoured Markdown.

A title may hold `|`, newlines, `*`, backquotes or HTML: none of it may break a table, start a
list or inject markup. `escape` makes any text one inert line of Markdown; `block` keeps a
description's lines and Markdown but neutralises HTML.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029\x0b\x0c]+")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML_CHARS = re.compile(r"[&<>]")
_LINE_START = re.compile(r"^(#{1,6}|[+=-])(?=\s|$)|^(\d+)([.)])(?=\s|$)")


def escape(text: str) -> str:
    """One line of plain text: no Markdown, no HTML, safe inside a table cell."""
    flat = _LINE_BREAKS.sub(" ", text).strip()
    flat = _HTML_CHARS.sub(lambda m: _HTML[m.group()], flat)
    flat = _SPECIAL.sub(r"\\\1", flat)
    return _LINE_START.sub(_escape_start, flat)


def _escape_start(match: re.Match[str]) -> str:
    """`# titre` would be a heading, `1. titre` a list: escape what makes them so."""
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def block(text: str) -> str:
    """A description: its lines and Markdown kept, HTML shown as text, never interpreted."""
    lines = _HTML_CHARS.sub(lambda m: _HTML[m.group()], text.strip()).splitlines()
    return "\n".join(line.rstrip() for line in lines)
