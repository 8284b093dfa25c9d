"""French typography for the HTML pages: no-break spaces where French puts them.

Messages and labels are written with ordinary spaces (they are also terminal lines, which
users grep); a browser, though, may break a line before « : » or after « « ». On a finished
HTML page, outside `<style>` and `<script>`, a space before `:`, `;`, `!`, `?` or `»` and
after `«` becomes a no-break space (narrow before `;`, `!` and `?`, as the Imprimerie
nationale does), in text and in attribute values (titles, labels) alike.
"""

from __future__ import annotations

import re

_RAW = re.compile(r"<(style|script)\b.*?</\1\s*>", re.S | re.I)
_SPACES = (
    (" :", "\u00a0:"),
    (" »", "\u00a0»"),
    ("« ", "«\u00a0"),
    (" ;", "\u202f;"),
    (" !", "\u202f!"),
    (" ?", "\u202f?"),
)


def html_text(page: str) -> str:
    """`page` with French no-break spaces (style and script blocks untouched)."""
    pieces = []
    start = 0
    for raw in _RAW.finditer(page):  # a few style or script blocks: copied as they are
        pieces += [_spaces(page[start : raw.start()]), raw.group()]
        start = raw.end()
    pieces.append(_spaces(page[start:]))
    return "".join(pieces)


def _spaces(markup: str) -> str:
    # Whole-string replaces run at C speed over a 20 MB page. A tag never holds these pairs
    # but in attribute values (titles, labels), which are text too; links are `#id` only.
    for plain, french in _SPACES:
        markup = markup.replace(plain, french)
    return markup
