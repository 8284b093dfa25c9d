"""No module above about 400 lines without a reason written at its top (CONTRIBUTING.md)."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).parents[1] / "src" / "pactecli"
LIMIT = 400


def test_long_modules_say_why_at_their_top() -> None:
    unexplained = []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= LIMIT:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if "on purpose" not in doc and "Deliberately" not in doc:
            unexplained.append(f"{path.relative_to(SOURCE)} ({text.count(chr(10))} lignes)")
    assert unexplained == []
