"""Reporters: a validation result -> text for a person, a terminal or a CI platform.

Formats are a registry; `pacte validate --format` offers exactly its keys. Each module defines
`render(validation, color=False) -> str` and is imported only when chosen.
"""

from __future__ import annotations

from importlib import import_module

from pactecli.validation import Validation

FORMATS: dict[str, str] = {
    "text": "pactecli.reporters.text",
    "json": "pactecli.reporters.json_report",
}


def render(name: str, validation: Validation, color: bool = False) -> str:
    module = import_module(FORMATS[name])
    return str(module.render(validation, color=color))
