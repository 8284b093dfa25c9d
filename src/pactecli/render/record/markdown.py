"""`pacte show --format markdown`: the page for a document, a wiki or a pull-request comment.

Values are inert Markdown (`escape.markdown_inline`), ids and paths inline code, the action's
description keeps its Markdown made harmless (`escape.markdown_block`); tables are GitHub's.
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.render import escape
from pactecli.render.output import COMMENT
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

SIGNING = COMMENT


def value_markdown(value: Value) -> str:
    parts = value if isinstance(value, tuple) else (value,)
    return "".join(
        escape.markdown_code(p.text) if isinstance(p, Code) else _inline(p) for p in parts
    )


def _inline(text: str) -> str:
    """`markdown_inline`, keeping the spaces around a part that joins others (« — titre »)."""
    core = text.strip(" ")
    if not core:
        return text
    start = text.index(core)
    return text[:start] + escape.markdown_inline(core) + text[start + len(core) :]


def render_page(page: Page) -> str:
    lines = [f"## {value_markdown(page.title)}", ""]
    for section in page.sections:
        lines += [f"### {escape.markdown_inline(section.title)}", ""]
        for block in section.blocks:
            lines += [*_block(block), ""]
    if page.closing:
        lines += [value_markdown(page.closing), ""]
    return "\n".join(lines)


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Fields):
        for label, value in block.pairs:
            yield f"- **{escape.markdown_inline(label)}**{NBSP}: {value_markdown(value)}"
    elif isinstance(block, Table):
        yield from _table(block)
    elif isinstance(block, Description):
        yield escape.markdown_block(block.text)
    elif isinstance(block, Subtitle):
        yield f"#### {value_markdown(block.value)}"
    else:
        yield value_markdown(block.value)


def _cell(value: Value, bold: bool) -> str:
    text = value_markdown(value)
    return f"**{text}**" if bold and text else text


def _table(table: Table) -> Iterator[str]:
    width = len(table.headings)
    yield "| " + " | ".join(escape.markdown_inline(h) or " " for h in table.headings) + " |"
    yield "|" + "|".join("---:" if i in table.numeric else "---" for i in range(width)) + "|"
    first_total = len(table.rows) - table.totals
    for index, row in enumerate(table.rows):
        cells = [_cell(v, index >= first_total) for v in row]
        yield "| " + " | ".join(cells) + " |"


def render(sheet: Sheet) -> str:
    return render_page(page(sheet))
