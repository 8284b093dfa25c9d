"""`--format auto`: the CI platform's own format, chosen from its environment.

GitHub Actions (`GITHUB_ACTIONS=true`): annotations; GitLab CI (`GITLAB_CI=true`): Code Quality
JSON; anywhere else: the text report.
"""

from __future__ import annotations

import os
from pathlib import Path

from pactecli.check.validation import Validation

USES_ROOT = True


def chosen() -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if os.environ.get("GITLAB_CI") == "true":
        return "gitlab"
    return "text"


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    from pactecli.render.problems import render as render_format

    name = chosen()
    return render_format(name, validation, color=color and name == "text", root=root)
