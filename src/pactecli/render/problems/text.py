"""`PATH:LINE:COL: SEVERITY [CODE] MESSAGE`, exactly one line per problem, then a summary line.

The format editors and CI logs understand (like compilers and linters print). The fix hint
ends the same line (`… — aide : écrivez 12000`), so one problem is always one line that
grep, editors and CI log parsers can take whole. Paths, messages and hints are line text: a
newline or a control character in a value or a file name is shown escaped, never obeyed.

On standard output nothing else is printed. Written with `--output`, the file ends with one
more line, pacte's signature, so that a later run may replace it.
"""

from __future__ import annotations

from pathlib import Path

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.render import escape
from pactecli.render.output import TEXT_LINE

SIGNING = TEXT_LINE
HINT_SEPARATOR = " — aide : "

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def line(diagnostic: Diagnostic, color: bool = False) -> str:
    loc = diagnostic.location
    where = escape.line(f"{loc.path}:{loc.line}:{loc.column}:")
    severity = diagnostic.severity.value
    hint = f"{HINT_SEPARATOR}{escape.line(diagnostic.hint)}" if diagnostic.hint else ""
    if color:
        severity = f"{_COLORS[diagnostic.severity]}{severity}{_RESET}"
        where = f"{_BOLD}{where}{_RESET}"
        hint = f"{_DIM}{hint}{_RESET}" if hint else ""
    return f"{where} {severity} [{diagnostic.code}] {escape.line(diagnostic.message)}{hint}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


def summary(validation: Validation) -> str:
    files = plural(validation.file_count, "fichier")
    others = ""
    if validation.elsewhere:
        count = plural(validation.elsewhere, "autre problème", "autres problèmes")
        others = f" ({count} dans le reste du pacte)"
    if not validation.diagnostics:
        return f"Aucun problème dans {files}{others}."
    return (
        f"{plural(validation.errors, 'erreur')}, "
        f"{plural(validation.warnings, 'avertissement')} dans {files}{others}"
    )


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    lines = [line(diagnostic, color) for diagnostic in validation.diagnostics]
    lines.append(summary(validation))
    return "\n".join(lines) + "\n"
