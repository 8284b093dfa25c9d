"""`pacte show --format text`: the page as plain lines, for a terminal or a CI log.

Every value is line text (`escape.line`): a record cannot add a line, move the cursor or write
a workflow command. Tables are aligned with spaces (`render.listing.plain`), one row per line.
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.render import escape
from pactecli.render.listing.plain import aligned
from pactecli.render.output import TEXT_LINE
from pactecli.render.record.document import (
    NBSP,
    Block,
    Code,
    Description,
    Fields,
    Page,
    Subtitle,
    Table,
    Value,
)
from pactecli.render.record.pages import Sheet, page

SIGNING = TEXT_LINE
INDENT = "  "


def value_text(value: Value) -> str:
    parts = value if isinstance(value, tuple) else (value,)
    return "".join(escape.line(p.text if isinstance(p, Code) else p) for p in parts)


def render_page(page: Page) -> str:
    lines = [value_text(page.title)]
    for section in page.sections:
        lines += ["", escape.line(section.title)]
        previous: Block | None = None
        for block in section.blocks:
            if previous is not None and isinstance(block, Table | Subtitle | Description):
                lines.append("")
            lines += [INDENT + line if line else "" for line in _block(block)]
            previous = block
    if page.closing:
        lines += ["", value_text(page.closing)]
    return "\n".join(lines) + "\n"


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Fields):
        for label, value in block.pairs:
            yield f"{escape.line(label)}{NBSP}: {value_text(value)}"
    elif isinstance(block, Table):
        yield from _table(block)
    elif isinstance(block, Description):
        yield from (escape.line(line.rstrip()) for line in block.text.strip().splitlines())
    else:  # Subtitle, Note
        yield value_text(block.value)


def _table(table: Table) -> list[str]:
    rows = [list(table.headings), *([value_text(v) for v in row] for row in table.rows)]
    rows[0] = [escape.line(h) for h in rows[0]]
    lines = aligned(rows, table.numeric)
    if table.totals:
        lines.insert(len(lines) - table.totals, lines[1])
    return lines


def render(sheet: Sheet) -> str:
    return render_page(page(sheet))
