"""`pacte bilan ANNEE`: the yearly execution report, in Markdown, HTML or as a workbook.

Validates first, like `pacte report`: with errors the bilan is refused (exit 1) unless
`--force`. The changes of the year come from git when the pact is in a repository.
"""

from __future__ import annotations

import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pactecli.check.validation import Validation
from pactecli.check.validation import validate as run_validation
from pactecli.cli.common import AsOfOption, OutputOption, RootOption, as_of_date, emit, pact_root
from pactecli.cli.completion import complete_convention
from pactecli.cli.report import check_template_dir, refuse_over_errors
from pactecli.errors import UsageError
from pactecli.gcpause import cycle_collector_paused
from pactecli.load.sources import FolderSnapshot
from pactecli.render import bilan as formats
from pactecli.render import choices_help

if TYPE_CHECKING:
    import datetime as dt

    from pactecli.diff.year_changes import YearChanges
    from pactecli.model import PactModel

BilanFormat = StrEnum("BilanFormat", {name: name for name in formats.FORMATS})  # type: ignore[misc]


def bilan(
    annee: Annotated[
        int,
        typer.Argument(
            metavar="ANNÉE", help="L'année du bilan (close, ou en cours : bilan provisoire)."
        ),
    ],
    convention: Annotated[
        str | None,
        typer.Option(
            "--convention",
            help="Ne garder que cette convention (son id).",
            metavar="ID",
            autocompletion=complete_convention,
        ),
    ] = None,
    format: Annotated[
        BilanFormat,
        typer.Option("--format", "-f", help=choices_help(formats.FORMATS), case_sensitive=False),
    ] = "markdown",  # type: ignore[assignment]
    output: OutputOption = None,
    root: RootOption = None,
    as_of: AsOfOption = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help="Dossier de modèles Jinja prioritaire sur templates/ du pacte et sur les "
            "modèles par défaut (bilan.md.j2, bilan.html.j2, partials/).",
            metavar="DOSSIER",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Produit le bilan malgré des erreurs de validation."),
    ] = False,
) -> None:
    """Produit le bilan d'exécution d'une année : engagé, versé, dépensé, parité, indicateurs.

    Par convention et par axe, chaque action avec sa nature, son pilote, son statut et son
    motif, son budget et ce que chaque financeur a engagé et versé au titre de l'année, ce
    qu'elle a dépensé ; la parité de cofinancement atteinte ; les montants signés face à
    l'engagé ; les indicateurs (cible, réalisé, écart) ; les changements de l'année (avenants,
    actions ajoutées, suspendues ou abandonnées, d'après git quand le pacte y est) ; les points
    appelant une décision. Une année est close le 1er juillet de l'année suivante : avant, le
    bilan est marqué provisoire. Le classeur xlsx a une feuille par tableau. Code de sortie :
    0 bilan produit, 1 erreurs de validation ou de modèle, 2 mauvaise utilisation ou sortie
    impossible à écrire, 3 erreur interne de pacte.
    """
    folder = pact_root(root)
    day = as_of_date(as_of)
    check_template_dir(template_dir)
    chosen = format.value if isinstance(format, Enum) else str(format)
    _check_terminal(chosen, output)
    validation = run_validation(FolderSnapshot(folder), day)
    refuse_over_errors(validation, force, "bilan")
    _check_year(validation.model, annee, day)
    _check_convention(validation.model, convention)
    with cycle_collector_paused():
        produced = _render(chosen, validation, annee, convention, day, folder, template_dir)
    emit(produced, output, formats.signing(chosen))


def _check_terminal(chosen: str, output: Path | None) -> None:
    """A workbook is bytes: never written to a terminal."""
    if (
        chosen in formats.BINARY
        and output is None
        and sys.stdout is not None
        and sys.stdout.isatty()
    ):
        raise UsageError(
            "un classeur xlsx ne s'affiche pas dans le terminal",
            hint="indiquez le fichier à écrire avec --output, par exemple --output bilan.xlsx",
        )


def _check_year(model: PactModel, year: int, day: dt.date) -> None:
    from pactecli.formatting import long_date
    from pactecli.report.selection import pact_years

    years = pact_years(model)
    if years and year not in years:
        raise UsageError(
            f"{year} est hors de la période du pacte ({years[0]}-{years[-1]})",
            hint="choisissez une année de la période du pacte",
        )
    if year > day.year:
        raise UsageError(
            f"l'année {year} n'a pas commencé au {long_date(day)} : elle n'a pas encore de bilan",
            hint="choisissez une année close, ou l'année en cours pour un bilan provisoire",
        )


def _check_convention(model: PactModel, convention: str | None) -> None:
    from pactecli.report.selection import Filters, check_filters

    check_filters(model, Filters(convention=convention))


def _render(
    chosen: str,
    validation: Validation,
    year: int,
    convention: str | None,
    day: dt.date,
    folder: Path,
    template_dir: Path | None,
) -> str | bytes:
    # Imported here, not at start-up: `pacte validate` must not pay for the bilan machinery.
    from pactecli.load.git import read_provenance
    from pactecli.render.roadmap import Options
    from pactecli.report.bilan import build_bilan

    context = build_bilan(
        validation.model,
        validation.diagnostics,
        year,
        convention,
        day,
        read_provenance(folder),
        _history(folder, year),
    )
    return formats.render(chosen, context, Options(root=folder, template_dir=template_dir))


def _history(folder: Path, year: int) -> YearChanges | None:
    """The year's changes from git, or None when the pact is not in a readable repository."""
    from pactecli.diff.year_changes import year_changes
    from pactecli.load.git import Repository

    try:
        return year_changes(Repository.of(folder), year)
    except UsageError:  # not a repository, git missing, no commit yet, or a repository refused
        return None
