"""`PATH:LINE:COL: SEVERITY [CODE] MESSAGE`, one line per problem, then one summary line.

The format editors and CI logs understand (like compilers and linters print). Each problem's
hint follows on an indented line starting with `aide :`, which keeps the first line exact.
"""

from __future__ import annotations

from pactecli.diagnostics import Diagnostic, Severity
from pactecli.validation import Validation

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def line(diagnostic: Diagnostic, color: bool = False) -> str:
    loc = diagnostic.location
    severity = diagnostic.severity.value
    if color:
        severity = f"{_COLORS[diagnostic.severity]}{severity}{_RESET}"
        return (
            f"{_BOLD}{loc.path}:{loc.line}:{loc.column}:{_RESET} {severity} "
            f"[{diagnostic.code}] {diagnostic.message}"
        )
    return (
        f"{loc.path}:{loc.line}:{loc.column}: {severity} [{diagnostic.code}] {diagnostic.message}"
    )


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


def summary(validation: Validation) -> str:
    files = plural(validation.file_count, "fichier")
    if not validation.diagnostics:
        return f"Aucun problème dans {files}."
    return (
        f"{plural(validation.errors, 'erreur')}, "
        f"{plural(validation.warnings, 'avertissement')} dans {files}"
    )


def render(validation: Validation, color: bool = False) -> str:
    lines = []
    for diagnostic in validation.diagnostics:
        lines.append(line(diagnostic, color))
        if diagnostic.hint:
            hint = f"    aide : {diagnostic.hint}"
            lines.append(f"{_DIM}{hint}{_RESET}" if color else hint)
    lines.append(summary(validation))
    return "\n".join(lines) + "\n"
