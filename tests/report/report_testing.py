"""Helpers of the `pacte report` tests: the small pact, its validation and its context.

`pacts/petit/` is a hand-made pact whose figures are computed by hand in the tests (as of
30 June 2026). Tests copy it into a temporary folder (outside any git repository, so the
report's cover reads "hors de git" and outputs are reproducible).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pacte_testing import Run, check_pact, run_pacte
from pactecli.check.validation import Validation
from pactecli.report.context import build_context
from pactecli.report.context_types import Provenance, RapportContexte
from pactecli.report.selection import Filters

HERE = Path(__file__).parent
SMALL = HERE / "pacts" / "petit"
REPO = HERE.parents[1]
AS_OF = "2026-06-30"
AS_OF_DATE = dt.date(2026, 6, 30)
OUTSIDE_GIT = Provenance(None, None, False, True)


def copy_small(dest: Path) -> Path:
    """A fresh copy of the small pact, outside git."""
    return Path(shutil.copytree(SMALL, dest))


def small_validation() -> Validation:
    return check_pact(SMALL, AS_OF_DATE)


def small_context(filters: Filters | None = None) -> RapportContexte:
    validation = small_validation()
    return build_context(
        validation.model,
        validation.diagnostics,
        filters or Filters(),
        AS_OF_DATE,
        OUTSIDE_GIT,
    )


def replace_in(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_report(root: Path, *args: str) -> Run:
    """`pacte report --root ROOT --as-of 2026-06-30 ARGS`, in-process."""
    return run_pacte("report", "--root", str(root), "--as-of", AS_OF, *args)
