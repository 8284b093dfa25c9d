"""What the CI formats share: paths from the repository root, ordering, stable fingerprints.

CI platforms place a problem by its path from the repository root, while pacte's paths start at
the pact root: when the pact lives in a sub-folder, its prefix is added (found from the CI
workspace, else from the nearest `.git` upward; no git process is started).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pactecli.diagnostics import Diagnostic, Severity, line_free

_WORKSPACES = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")


def repository_prefix(root: Path | None) -> str:
    """`sub/folder/` when the pact root is below the repository root, else an empty string."""
    if root is None:
        return ""
    real = root.resolve()
    for variable in _WORKSPACES:
        workspace = os.environ.get(variable)
        if workspace:
            try:
                relative = real.relative_to(Path(workspace).resolve())
            except ValueError:
                continue
            return _as_prefix(relative)
    for folder in (real, *real.parents):
        if (folder / ".git").exists():
            return _as_prefix(real.relative_to(folder))
    return ""


def _as_prefix(relative: Path) -> str:
    text = relative.as_posix()
    return "" if text in ("", ".") else text + "/"


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def errors_first(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors, then warnings, then notes; each group in its own (file, line) order."""
    return sorted(diagnostics, key=lambda d: _RANK[d.severity])


def fingerprints(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One stable id per problem: code, file, JSON path and message, never the line.

    An unrelated edit that shifts lines keeps every fingerprint; the n-th exact repeat of a
    problem gets its own (so each stays unique).
    """
    seen: Counter[str] = Counter()
    found = []
    for diagnostic in diagnostics:
        loc = diagnostic.location
        identity = "\0".join(
            (diagnostic.code, loc.path, loc.json_path, line_free(diagnostic.message))
        )
        repeat = seen[identity]
        seen[identity] += 1
        if repeat:
            identity += f"\0{repeat}"
        found.append(hashlib.sha256(_raw(identity)).hexdigest())
    return found


def _raw(text: str) -> bytes:
    """The text's bytes, a file name that is not UTF-8 included (its very bytes)."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
