"""Fixtures of the `pacte export`, `pacte query` and `pacte schema` tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_testing import copy_mini


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the mini pact, outside any git repository."""
    return copy_mini(tmp_path / "pacte")
