"""Reporters: a validation result -> text for a person, a terminal or a CI platform.

Formats are a registry; `pacte validate --format` offers exactly its keys. Each module defines
`render(validation, color=False) -> str` and is imported only when chosen. A module that sets
`USES_ROOT = True` also receives the pact root (CI formats give paths from the repository root).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from pactecli.check.validation import Validation

FORMATS: dict[str, str] = {
    "text": "pactecli.render.problems.text",
    "json": "pactecli.render.problems.json",
    "github": "pactecli.render.problems.github",
    "gitlab": "pactecli.render.problems.gitlab",
    "junit": "pactecli.render.problems.junit",
    "sarif": "pactecli.render.problems.sarif",
    "auto": "pactecli.render.problems.auto",
}


def render(name: str, validation: Validation, color: bool = False, root: Path | None = None) -> str:
    module = import_module(FORMATS[name])
    if getattr(module, "USES_ROOT", False):
        return str(module.render(validation, color=color, root=root))
    return str(module.render(validation, color=color))
