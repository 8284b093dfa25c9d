"""CI format tests run in a neutral environment: no CI variables, no colour."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _neutral_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in (
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_WORKSPACE",
        "GITLAB_CI",
        "CI_PROJECT_DIR",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
