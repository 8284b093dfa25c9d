"""Golden files: the Markdown and HTML roadmap of the small pact, byte for byte.

After an intended change, regenerate with `PACTE_UPDATE_GOLDEN=1 pytest tests/report`, then
read the diff and look at the HTML in a browser before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from report_testing import HERE, run_report

GOLDEN = HERE / "golden"


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "petit.md"), ("html", "petit.html")])
def test_small_pact_matches_its_golden_file(small_pact: Path, fmt: str, name: str) -> None:
    run = run_report(small_pact, "--format", fmt)
    assert run.exit_code == 0, run
    golden = GOLDEN / name
    if os.environ.get("PACTE_UPDATE_GOLDEN"):
        golden.write_text(run.stdout, encoding="utf-8")
    assert run.stdout == golden.read_text(encoding="utf-8")
