"""Fixtures of the `pacte report` tests (helpers are in `report_testing`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_testing import copy_small


@pytest.fixture
def small_pact(tmp_path: Path) -> Path:
    """A fresh copy of the small pact, outside any git repository."""
    return copy_small(tmp_path / "pacte")
