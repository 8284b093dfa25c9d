"""French typography for the HTML pages: no-break spaces where French puts them.

Messages and labels are written with ordinary spaces (they are also terminal lines, which
users grep); a browser, though, may break a line before « : » or after « « ». On a finished
HTML page, outside `<style>`, `<script>` and tags, a space before `:`, `;`, `!`, `?` or `»` and
after `«` becomes a no-break space (narrow before `;`, `!` and `?`, as the Imprimerie
nationale does). Text only: markup, attributes and code are left as they are.
"""

from __future__ import annotations

import re

_RAW = re.compile(r"(<(?:style|script)\b.*?</(?:style|script)>|<[^>]*>)", re.S | re.I)
_BEFORE = re.compile(r" (?=[:»])")
_NARROW = re.compile(r" (?=[;!?])")
_AFTER = re.compile(r"« ")


def html_text(page: str) -> str:
    """`page` with French no-break spaces in its text (tags and raw blocks untouched)."""
    parts = _RAW.split(page)
    for index in range(0, len(parts), 2):  # even parts are text between tags
        text = parts[index]
        if " " in text and any(c in text for c in ":;!?«»"):
            text = _BEFORE.sub("\u00a0", text)
            text = _NARROW.sub("\u202f", text)
            parts[index] = _AFTER.sub("«\u00a0", text)
    return "".join(parts)
