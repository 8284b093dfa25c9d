"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning (and many viewers) import.

Rules are pacte's stable codes, described from their documentation (each rule module's
docstring); results carry their location from the repository root, the other ends of a
cross-file problem as related locations, and a line-independent `partialFingerprints` so code
scanning follows a problem across commits. URIs percent-encode the file name's bytes, even
when they are not UTF-8; pacte's marker is the log's `properties.signature`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from pactecli import __version__
from pactecli.check import rules
from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Location, Severity
from pactecli.render import escape
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.render.problems.ci import errors_first, fingerprints, repository_prefix

SIGNING = EMBEDDED
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
        "artifactLocation": {"uri": _uri(prefix + location.path), "uriBaseId": _BASE},
        "region": {"startLine": max(1, location.line), "startColumn": max(1, location.column)},
    }


def _uri(path: str) -> str:
    """The path's bytes percent-encoded (a name that is not UTF-8 keeps its very bytes)."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system decoding gives: kept as is
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw)


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
        "properties": {"signature": SIGNATURE},
    }
    return escape.to_json(log) + "\n"
