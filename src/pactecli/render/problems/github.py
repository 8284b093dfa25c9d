"""`--format github`: GitHub Actions workflow commands, errors first.

Each problem becomes `::error file=…,line=…,col=…,title=…::message`, which GitHub shows on the
line of the pull request's diff. Values are line text then escaped by GitHub's own rules, so no
value can end the command or start another one. GitHub shows only 10 annotations of each type
per step, so when `$GITHUB_STEP_SUMMARY` is set the complete list is also appended there as
Markdown, saying how many problems were not annotated. A step's summary is limited to 1 MiB:
the list is cut to fit what the step left, with a note.
"""

from __future__ import annotations

import os
from pathlib import Path

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.render import escape
from pactecli.render.output import TEXT_LINE
from pactecli.render.problems.ci import errors_first, repository_prefix
from pactecli.render.problems.text import plural, summary

SIGNING = TEXT_LINE
ANNOTATIONS_PER_TYPE = 10
STEP_SUMMARY_LIMIT = 1024 * 1024  # GitHub refuses a larger summary for the whole step
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_NOTE_ROOM = 400  # bytes kept for the note that says the list was cut


def command(diagnostic: Diagnostic, prefix: str = "") -> str:
    loc = diagnostic.location
    properties = ",".join(
        f"{name}={escape.workflow_property(str(value))}"
        for name, value in (
            ("file", prefix + loc.path),
            ("line", loc.line),
            ("col", loc.column),
            ("title", f"pacte [{diagnostic.code}]"),
        )
    )
    message = escape.line(diagnostic.message)
    if diagnostic.hint:
        message += f"\naide : {escape.line(diagnostic.hint)}"  # a line break of the annotation
    return f"::{_COMMANDS[diagnostic.severity]} {properties}::{escape.workflow_data(message)}"


def not_annotated(validation: Validation) -> int:
    return max(0, validation.errors - ANNOTATIONS_PER_TYPE) + max(
        0, validation.warnings - ANNOTATIONS_PER_TYPE
    )


def step_summary(validation: Validation, prefix: str = "", limit: int = STEP_SUMMARY_LIMIT) -> str:
    """The complete list as Markdown, for `$GITHUB_STEP_SUMMARY`, in at most `limit` bytes."""
    head = ["## pacte validate", "", f"**{summary(validation)}**", ""]
    hidden = not_annotated(validation)
    if hidden:
        head += [
            f"GitHub n'affiche que {ANNOTATIONS_PER_TYPE} annotations par type et par étape : "
            f"{hidden} problème{'s' if hidden > 1 else ''} "
            f"n'{'ont' if hidden > 1 else 'a'} pas d'annotation dans les fichiers. "
            "La liste complète est ci-dessous.",
            "",
        ]
    rows = [_row(d, prefix) for d in errors_first(validation.diagnostics)]
    if rows:
        head += ["| Gravité | Emplacement | Code | Problème | Aide |", "|---|---|---|---|---|"]
    used = _size(head) + len(b"\n\n")
    kept = 0
    for row in rows:
        if used + _size([row]) > limit - _NOTE_ROOM:
            break
        used += _size([row])
        kept += 1
    lines = head + rows[:kept]
    if kept < len(rows):
        left = len(rows) - kept
        lines += [
            "",
            f"> ⚠️ **Liste tronquée** : {plural(left, 'problème')} de plus, au-delà de la limite "
            "de 1 Mio du résumé d'une étape GitHub. La liste complète : `pacte validate` dans "
            "le journal de l'étape.",
        ]
    return "\n".join(lines) + "\n\n"


def _row(d: Diagnostic, prefix: str) -> str:
    where = escape.markdown_code(f"{prefix}{d.location.path}:{d.location.line}:{d.location.column}")
    return (
        f"| {d.severity.value} | {where} | `{d.code}` "
        f"| {escape.markdown_inline(d.message)} | {escape.markdown_inline(d.hint)} |"
    )


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8", "backslashreplace")) + 1 for line in lines)


def _append_summary(target: str, validation: Validation, prefix: str) -> str | None:
    """Append the list to the step's summary; a warning command when it cannot be done."""
    try:
        written = os.path.getsize(target) if os.path.exists(target) else 0
        room = STEP_SUMMARY_LIMIT - written
        text = step_summary(validation, prefix, room)
        if len(text.encode("utf-8", "backslashreplace")) > room:
            return _warning(f"résumé non écrit : celui de l'étape ({target}) atteint déjà 1 Mio")
        with open(target, "ab") as handle:
            handle.write(text.encode("utf-8", "backslashreplace"))
    except OSError as error:
        return _warning(f"résumé non écrit dans {target} : {error.strerror or error}")
    return None


def _warning(text: str) -> str:
    return f"::warning::{escape.workflow_data(escape.line(text))}"


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    prefix = repository_prefix(root)
    lines = [command(d, prefix) for d in errors_first(validation.diagnostics)]
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        warning = _append_summary(target, validation, prefix)
        if warning:
            lines.append(warning)
    hidden = not_annotated(validation)
    if hidden:
        lines.append(
            f"{hidden} problème(s) sans annotation (GitHub en affiche {ANNOTATIONS_PER_TYPE} "
            "par type) : voir le résumé de l'exécution ou `pacte validate`."
        )
    lines.append(summary(validation))
    return "\n".join(lines) + "\n"
