"""Reporters: a validation result -> text for a person, a terminal or a CI platform.

`FORMATS` is the registry: `pacte validate --format` offers exactly its keys, with their help.
Each module defines `render(validation, *, color, root) -> str` (`root`: the pact root, from
which CI formats give paths from the repository root) and `SIGNING`, and is imported only when
chosen: `pacte validate` loads one reporter, and none loads the diff engine or Jinja.
"""

from __future__ import annotations

from pathlib import Path

from pactecli.check.validation import Validation
from pactecli.render import Format
from pactecli.render.output import Signing

FORMATS: dict[str, Format] = {
    "text": Format("pactecli.render.problems.text", "une ligne par problème"),
    "json": Format("pactecli.render.problems.json", "rapport JSON pour les programmes"),
    "github": Format("pactecli.render.problems.github", "annotations GitHub Actions"),
    "gitlab": Format("pactecli.render.problems.gitlab", "rapport Code Quality de GitLab"),
    "junit": Format("pactecli.render.problems.junit", "JUnit XML (onglet Tests de GitLab)"),
    "sarif": Format("pactecli.render.problems.sarif", "SARIF 2.1.0 (analyse de code GitHub)"),
    "auto": Format("pactecli.render.problems.auto", "github ou gitlab selon la CI, text ailleurs"),
}


def render(name: str, validation: Validation, color: bool = False, root: Path | None = None) -> str:
    text: str = FORMATS[name].load().render(validation, color=color, root=root)
    return text


def signing(name: str) -> Signing:
    found: Signing = FORMATS[name].load().SIGNING
    return found
