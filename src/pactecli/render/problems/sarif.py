"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning (and many viewers) import.

Rules are pacte's stable codes, described from their documentation (each rule module's
docstring); results carry their location from the repository root, the other ends of a
cross-file problem as related locations, and a line-independent `partialFingerprints` so code
scanning follows a problem across commits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pactecli import __version__
from pactecli.check import rules
from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Location, Severity
from pactecli.render.problems.ci import errors_first, fingerprints, repository_prefix

USES_ROOT = True
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/pacte/"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_BASE = "%SRCROOT%"


def rule_descriptors() -> list[dict[str, Any]]:
    docs = rules.documentation()
    descriptors = []
    for info in rules.catalogue():
        full = docs.get(info.code) or info.summary
        short = full.splitlines()[0] if full else info.code
        descriptors.append(
            {
                "id": info.code,
                "name": info.code,
                "shortDescription": {"text": short},
                "fullDescription": {"text": full.split("\n\n")[0].replace("\n", " ")},
                "help": {"text": full, "markdown": full},
                "defaultConfiguration": {"level": _LEVELS[info.severity]},
                "properties": {"tags": ["pacte"]},
            }
        )
    return descriptors


def _physical(location: Location, prefix: str) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": quote(prefix + location.path), "uriBaseId": _BASE},
        "region": {"startLine": max(1, location.line), "startColumn": max(1, location.column)},
    }


def result(
    diagnostic: Diagnostic, index: dict[str, int], fingerprint: str, prefix: str
) -> dict[str, Any]:
    message = diagnostic.message + (f" (aide : {diagnostic.hint})" if diagnostic.hint else "")
    found: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": _physical(diagnostic.location, prefix)}],
        "partialFingerprints": {"pacte/v1": fingerprint},
        "properties": {"jsonPath": diagnostic.location.json_path},
    }
    if diagnostic.code in index:
        found["ruleIndex"] = index[diagnostic.code]
    if diagnostic.related:
        found["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical(location, prefix),
                "message": {"text": "autre élément concerné"},
            }
            for number, location in enumerate(diagnostic.related, start=1)
        ]
    return found


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    prefix = repository_prefix(root)
    descriptors = rule_descriptors()
    index = {rule["id"]: position for position, rule in enumerate(descriptors)}
    ordered = errors_first(validation.diagnostics)
    results = [
        result(d, index, f, prefix) for d, f in zip(ordered, fingerprints(ordered), strict=True)
    ]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pacte",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
