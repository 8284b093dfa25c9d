"""`--format auto`: the CI platform's own format, chosen from its environment.

GitHub Actions (`GITHUB_ACTIONS=true`): annotations; GitLab CI (`GITLAB_CI=true`): Code Quality
JSON; anywhere else: the text report. The output is signed as the chosen format's.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from pactecli.check.validation import Validation
from pactecli.render.output import Signing


def chosen() -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if os.environ.get("GITLAB_CI") == "true":
        return "gitlab"
    return "text"


def _module() -> ModuleType:
    from pactecli.render.problems import FORMATS

    return FORMATS[chosen()].load()


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    text: str = _module().render(validation, color=color and chosen() == "text", root=root)
    return text


class _ChosenSigning(Signing):
    """The chosen format's signing, looked up when the output is written."""

    def mark(self, text: str) -> str:
        chosen_signing: Signing = _module().SIGNING
        return chosen_signing.mark(text)


SIGNING = _ChosenSigning()
