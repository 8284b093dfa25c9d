"""Fixtures of the `pacte diff` tests: a git repository of the small test pact."""

from __future__ import annotations

from pathlib import Path

import pytest
from diff_testing import PactRepo, init_repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PactRepo:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("NO_COLOR", "1")
    for variable in ("GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(variable, raising=False)
    return init_repo(tmp_path / "depot")
