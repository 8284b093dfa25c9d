"""Helpers of the export tests: the mini pact, running the commands, reading the outputs back.

`pacts/mini/` is a hand-made pact (as of 30 June 2026) holding one of everything the export
writes: a co-funded CLS with a ceiling, an annex and an amendment, a partnership convention
without signature date, amounts with cents, payments honouring the year before, a contribution
to a convention as a whole, non-financial contributions, an association with SIRET and RNA, a
funder without SIRET, a late action and indicators in both directions.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from pacte_testing import Run, run_pacte

HERE = Path(__file__).parent
MINI = HERE / "pacts" / "mini"
REPO = HERE.parents[1]
SCDL_SCHEMA = HERE / "scdl-subventions-2.1.1.schema.json"
AS_OF = "2026-06-30"
REPO_AS_OF = "2026-11-27"


def copy_mini(dest: Path) -> Path:
    return Path(shutil.copytree(MINI, dest))


def replace_in(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_export(root: Path, *args: str) -> Run:
    """`pacte export --root ROOT --as-of 2026-06-30 ARGS`, in-process."""
    return run_pacte("export", "--root", str(root), "--as-of", AS_OF, *args)


def run_query(root: Path, *args: str) -> Run:
    return run_pacte("query", "--root", str(root), "--as-of", AS_OF, *args)


def read_csv(path: Path, delimiter: str = ";") -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def luhn(digits: str) -> bool:
    """The SIRET key (Validata's `french-siret-value`; La Poste's establishments aside)."""
    if digits.startswith("356000000"):
        return sum(int(d) for d in digits) % 5 == 0
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
