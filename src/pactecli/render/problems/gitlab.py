"""`--format gitlab`: a GitLab Code Quality report (JSON array), shown in merge requests.

Each problem has a `check_name` `pacte/<code>` (how pacte recognises its own report files), a
severity, its location, and a fingerprint that identifies it across pipelines: it does not
depend on the line, so an unrelated edit above it does not make it "new". The first issue
carries pacte's marker in a `signature` member (GitLab ignores members it does not know); a
report without problems is an empty list, which pacte may replace as it holds nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.render import escape
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.render.problems.ci import errors_first, fingerprints, repository_prefix

SIGNING = EMBEDDED
_UNREAD = frozenset(("yaml-invalide", "encodage", "fichier-trop-volumineux"))


def severity(diagnostic: Diagnostic) -> str:
    """blocker: the file could not be read at all; major: other errors; minor: warnings;
    info: notes (checks a broken file kept from being made)."""
    if diagnostic.severity is Severity.INFO:
        return "info"
    if diagnostic.severity is not Severity.ERROR:
        return "minor"
    return "blocker" if diagnostic.code in _UNREAD else "major"


def issue(diagnostic: Diagnostic, fingerprint: str, prefix: str = "") -> dict[str, Any]:
    description = diagnostic.message + (f" — aide : {diagnostic.hint}" if diagnostic.hint else "")
    return {
        "type": "issue",
        "description": description,
        "check_name": f"pacte/{diagnostic.code}",
        "categories": ["Bug Risk"],
        "fingerprint": fingerprint,
        "severity": severity(diagnostic),
        "location": {
            "path": prefix + diagnostic.location.path,
            "lines": {"begin": diagnostic.location.line},
        },
    }


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    prefix = repository_prefix(root)
    ordered = errors_first(validation.diagnostics)
    issues = [issue(d, f, prefix) for d, f in zip(ordered, fingerprints(ordered), strict=True)]
    if issues:
        issues[0]["signature"] = SIGNATURE
    return escape.to_json(issues) + "\n"
