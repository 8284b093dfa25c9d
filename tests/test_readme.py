"""The README's user guide says what pacte does: its code tables are the catalogue's."""

from __future__ import annotations

import re
from pathlib import Path

from pactecli.check.rules import catalogue
from pactecli.diff import rules as diff_rules

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
SEVERITIES = {"erreur": "erreur", "avertissement": "avertissement", "info": "note"}


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + 1)
    following = README.find("\n### ", start + 1)
    ends = [e for e in (end, following) if e != -1]
    return README[start : min(ends)] if ends else README[start:]


def _rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found = re.fullmatch(r"`([a-z-]+)`", cells[0]) if line.startswith("| `") else None
        if found:
            rows[found.group(1)] = cells[1:]
    return rows


def test_the_problem_codes_table_is_the_catalogue() -> None:
    rows = _rows(_section("### Codes des problèmes"))
    expected = {info.code: SEVERITIES[info.severity.value] for info in catalogue()}
    assert {code: cells[0] for code, cells in rows.items()} == expected


def test_the_diff_warnings_table_lists_every_diff_warning() -> None:
    rows = _rows(_section("### Points d'attention d'une modification"))
    assert set(rows) == {info.code for info in diff_rules.CATALOGUE}
