"""Text tables without any drawing: columns aligned with spaces, one line per row.

For a file, a pipe or a CI log (`pacte list` off a terminal, `pacte show --format text`): each
row stays on one line, whatever its length, so that `grep` and `sort` work on it. Cells must
already be line text (`escape.line`); widths are counted in terminal cells.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.cells import cell_len

GAP = "  "


def aligned(
    rows: Sequence[Sequence[str]],
    numeric: Collection[int] = (),
    heading: bool = True,
    indent: str = "",
) -> list[str]:
    """The rows as aligned lines (numeric columns to the right); with `heading`, the first row
    is underlined with dashes."""
    if not rows:
        return []
    width = max(len(row) for row in rows)
    cells = [list(row) + [""] * (width - len(row)) for row in rows]
    widths = [max(cell_len(row[i]) for row in cells) for i in range(width)]
    lines = [indent + _line(row, widths, numeric) for row in cells]
    if heading:
        rule = GAP.join("-" * w for w in widths)
        lines.insert(1, indent + rule)
    return lines


def _line(row: Sequence[str], widths: Sequence[int], numeric: Collection[int]) -> str:
    parts = []
    for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
        pad = " " * (width - cell_len(cell))
        parts.append(pad + cell if i in numeric else cell + pad)
    return GAP.join(parts).rstrip()
