"""Root conftest: its presence puts tests/ on sys.path, so `pacte_testing` is importable."""

from __future__ import annotations

import pytest


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment of a CI log: NO_COLOR set."""
    monkeypatch.setenv("NO_COLOR", "1")
