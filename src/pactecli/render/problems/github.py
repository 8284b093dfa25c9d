"""`--format github`: GitHub Actions workflow commands, errors first.

Each problem becomes `::error file=…,line=…,col=…,title=…::message`, which GitHub shows on the
line of the pull request's diff. GitHub shows only 10 annotations of each type per step, so when
`$GITHUB_STEP_SUMMARY` is set the complete list is also appended there as Markdown, saying how
many problems were not annotated.
"""

from __future__ import annotations

import os
from pathlib import Path

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.render.problems.ci import errors_first, repository_prefix
from pactecli.render.problems.text import summary

USES_ROOT = True
ANNOTATIONS_PER_TYPE = 10
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A message: `%`, CR and LF escaped (GitHub's toolkit rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(diagnostic: Diagnostic, prefix: str = "") -> str:
    loc = diagnostic.location
    properties = ",".join(
        f"{name}={escape_property(str(value))}"
        for name, value in (
            ("file", prefix + loc.path),
            ("line", loc.line),
            ("col", loc.column),
            ("title", f"pacte [{diagnostic.code}]"),
        )
    )
    message = diagnostic.message + (f"\naide : {diagnostic.hint}" if diagnostic.hint else "")
    return f"::{_COMMANDS[diagnostic.severity]} {properties}::{escape_data(message)}"


def not_annotated(validation: Validation) -> int:
    return max(0, validation.errors - ANNOTATIONS_PER_TYPE) + max(
        0, validation.warnings - ANNOTATIONS_PER_TYPE
    )


def step_summary(validation: Validation, prefix: str = "") -> str:
    """The complete list as Markdown, for `$GITHUB_STEP_SUMMARY`."""
    from pactecli.render.changes.markdown import escape

    lines = ["## pacte validate", "", f"**{summary(validation)}**", ""]
    hidden = not_annotated(validation)
    if hidden:
        lines += [
            f"GitHub n'affiche que {ANNOTATIONS_PER_TYPE} annotations par type et par étape : "
            f"{hidden} problème{'s' if hidden > 1 else ''} "
            f"n'{'ont' if hidden > 1 else 'a'} pas d'annotation dans les fichiers. "
            "La liste complète est ci-dessous.",
            "",
        ]
    if validation.diagnostics:
        lines += ["| Gravité | Emplacement | Code | Problème | Aide |", "|---|---|---|---|---|"]
        for d in errors_first(validation.diagnostics):
            where = f"{prefix}{d.location.path}:{d.location.line}:{d.location.column}"
            where = where.replace("`", "'").replace("|", "\\|")
            lines.append(
                f"| {d.severity.value} | `{where}` | `{d.code}` "
                f"| {escape(d.message)} | {escape(d.hint)} |"
            )
    return "\n".join(lines) + "\n\n"


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    prefix = repository_prefix(root)
    lines = [command(d, prefix) for d in errors_first(validation.diagnostics)]
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(step_summary(validation, prefix))
        except OSError as error:
            lines.append(f"::warning::{escape_data(f'résumé non écrit dans {target} : {error}')}")
    hidden = not_annotated(validation)
    if hidden:
        lines.append(
            f"{hidden} problème(s) sans annotation (GitHub en affiche {ANNOTATIONS_PER_TYPE} "
            "par type) : voir le résumé de l'exécution ou `pacte validate`."
        )
    lines.append(summary(validation))
    return "\n".join(lines) + "\n"
