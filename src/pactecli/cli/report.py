"""`pacte report`: the roadmap of the pact, in the terminal, in Markdown or in HTML.

Validates first (same checks as `pacte validate`): with errors the report is refused (exit 1)
unless `--force`, which renders it with a banner listing them. Jinja, rich and Babel are imported
only once a report is really produced.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pactecli.check.validation import Validation
from pactecli.check.validation import validate as run_validation
from pactecli.cli.common import AsOfOption, OutputOption, RootOption, as_of_date, emit, pact_root
from pactecli.cli.common import use_color as use_stdout_color
from pactecli.cli.completion import complete_axis, complete_convention, complete_partner
from pactecli.errors import EXIT_PROBLEMS, UsageError
from pactecli.gcpause import cycle_collector_paused
from pactecli.load.sources import FolderSnapshot
from pactecli.render import choices_help, roadmap

if TYPE_CHECKING:
    from pactecli.report import selection

ReportFormat = StrEnum("ReportFormat", {name: name for name in roadmap.FORMATS})  # type: ignore[misc]


def report(
    root: RootOption = None,
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help=choices_help(roadmap.FORMATS),
            case_sensitive=False,
        ),
    ] = "terminal",  # type: ignore[assignment]
    output: OutputOption = None,
    as_of: AsOfOption = None,
    convention: Annotated[
        str | None,
        typer.Option(
            "--convention",
            help="Ne garder que cette convention (son id).",
            metavar="ID",
            autocompletion=complete_convention,
        ),
    ] = None,
    axe: Annotated[
        str | None,
        typer.Option(
            "--axe",
            help="Ne garder que cet axe (son id).",
            metavar="ID",
            autocompletion=complete_axis,
        ),
    ] = None,
    partenaire: Annotated[
        str | None,
        typer.Option(
            "--partenaire",
            help="Ne garder que les actions où ce partenaire intervient, et son seul argent.",
            metavar="ID",
            autocompletion=complete_partner,
        ),
    ] = None,
    annee: Annotated[
        int | None,
        typer.Option("--annee", help="Ne garder que cette année.", metavar="ANNÉE"),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help="Dossier de modèles Jinja prioritaire sur templates/ du pacte et sur les "
            "modèles par défaut.",
            metavar="DOSSIER",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Produit le rapport malgré des erreurs de validation."),
    ] = False,
) -> None:
    """Produit la feuille de route du pacte : chiffres clés, financements, actions, indicateurs,
    contributions des partenaires et points d'attention.

    Les filtres se combinent et tous les totaux les suivent. Un fichier écrit avec --output
    porte la signature de pacte : un fichier existant sans elle, ou modifié depuis, n'est
    jamais remplacé. Code de sortie : 0 rapport produit, 1 erreurs de validation ou de modèle,
    2 mauvaise utilisation ou sortie impossible à écrire, 3 erreur interne de pacte.
    """
    folder = pact_root(root)
    day = as_of_date(as_of)
    check_template_dir(template_dir)
    validation = run_validation(FolderSnapshot(folder), day)
    refuse_over_errors(validation, force, "rapport")
    # Imported here, not at start-up: `pacte validate` must not pay for the report machinery.
    from pactecli.report import selection

    filters = selection.Filters(convention, axe, partenaire, annee)
    selection.check_filters(validation.model, filters)
    kind = format.value if isinstance(format, Enum) else str(format)
    with cycle_collector_paused():
        text = _render(kind, validation, filters, day, folder, output, template_dir)
        emit(text, output, roadmap.signing(kind))


def check_template_dir(template_dir: Path | None) -> None:
    """A `--template-dir` that is not a folder is misuse, told before any validation."""
    if template_dir is None or template_dir.is_dir():
        return
    what = "n'est pas un dossier" if template_dir.exists() else "n'existe pas"
    raise UsageError(
        f"--template-dir : « {template_dir} » {what}",
        hint="indiquez un dossier qui contient report.md.j2, report.html.j2 ou partials/",
    )


def refuse_over_errors(validation: Validation, force: bool, document: str) -> None:
    """With validation errors and no `--force`: list them on standard error, exit 1."""
    if not validation.errors or force:
        return
    from pactecli.render.problems import text

    sys.stderr.write(text.render(validation, color=_stderr_color()))
    sys.stderr.write(
        f"pacte : {document} non produit : corrigez ces erreurs, ou ajoutez --force pour le "
        "produire quand même (avec un bandeau d'avertissement).\n"
    )
    raise typer.Exit(EXIT_PROBLEMS)


def _stderr_color() -> bool:
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def _render(
    kind: str,
    validation: Validation,
    filters: selection.Filters,
    day: dt.date,
    folder: Path,
    output: Path | None,
    template_dir: Path | None,
) -> str:
    from pactecli.load.git import read_provenance
    from pactecli.report import context as report_context

    context = report_context.build_context(
        validation.model,
        validation.diagnostics,
        filters,
        day,
        read_provenance(folder),
    )
    color = kind == "terminal" and use_stdout_color(output)
    width = shutil.get_terminal_size().columns if output is None and color else None
    options = roadmap.Options(root=folder, template_dir=template_dir, color=color, width=width)
    return roadmap.render(kind, context, options)
