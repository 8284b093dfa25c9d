"""A versioned JSON report for programs: counts, then every problem with its location.

The `signature` member is pacte's marker (see `render.output`): programs may ignore it.
"""

from __future__ import annotations

from pathlib import Path

from pactecli import __version__
from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Location
from pactecli.render import escape
from pactecli.render.output import EMBEDDED, SIGNATURE

SIGNING = EMBEDDED
FORMAT_VERSION = 1


def _location(location: Location) -> dict[str, object]:
    return {
        "path": location.path,
        "line": location.line,
        "column": location.column,
        "json_path": location.json_path,
    }


def problem(diagnostic: Diagnostic) -> dict[str, object]:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        **_location(diagnostic.location),
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "related": [_location(r) for r in diagnostic.related],
    }


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    report = {
        "version": FORMAT_VERSION,
        "tool": {"name": "pacte", "version": __version__},
        "valid": validation.errors == 0,
        "counts": {
            "files": validation.file_count,
            "errors": validation.errors,
            "warnings": validation.warnings,
        },
        "problems": [problem(d) for d in validation.diagnostics],
        "signature": SIGNATURE,
    }
    return escape.to_json(report) + "\n"
