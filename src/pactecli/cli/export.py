"""`pacte export`: the validated pact as spreadsheets, open data, JSON or an SQLite database.

Validates first (same checks as `pacte validate`): with errors the export is refused (exit 1)
unless `--force`, which writes it anyway and says in it what is missing. The export machinery
(and XlsxWriter) is imported only once an export is really produced.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pactecli.check.validation import Validation
from pactecli.check.validation import validate as run_validation
from pactecli.cli.common import AsOfOption, RootOption, as_of_date, pact_root
from pactecli.diagnostics import Diagnostic
from pactecli.errors import EXIT_PROBLEMS, UsageError
from pactecli.gcpause import cycle_collector_paused
from pactecli.load.sources import FolderSnapshot


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    sqlite = "sqlite"
    scdl = "scdl-subventions"


class CsvDialect(StrEnum):
    excel = "excel"
    opendata = "opendata"


def export(
    root: RootOption = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv : un dossier de tables ; xlsx : un classeur ; json : le modèle complet ; "
            "sqlite : une base de données ; scdl-subventions : les subventions en données "
            "ouvertes (SCDL 2.1.1).",
            case_sensitive=False,
        ),
    ] = ExportFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fichier (ou dossier pour csv) où écrire l'export ; json et scdl-subventions "
            "vont par défaut sur la sortie standard. Un fichier existant n'est remplacé que "
            "s'il a été produit par pacte ; un dossier existant doit être vide ou venir de "
            "pacte.",
            metavar="CHEMIN",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    convention: Annotated[
        str | None,
        typer.Option("--convention", help="Ne garder que cette convention (son id).", metavar="ID"),
    ] = None,
    axe: Annotated[
        str | None, typer.Option("--axe", help="Ne garder que cet axe (son id).", metavar="ID")
    ] = None,
    partenaire: Annotated[
        str | None,
        typer.Option(
            "--partenaire",
            help="Ne garder que les actions où ce partenaire intervient, et son seul argent "
            "(scdl-subventions : ses seules subventions).",
            metavar="ID",
        ),
    ] = None,
    annee: Annotated[
        int | None,
        typer.Option("--annee", help="Ne garder que cette année.", metavar="ANNÉE"),
    ] = None,
    dialecte: Annotated[
        CsvDialect,
        typer.Option(
            "--dialecte",
            help="csv : excel (« ; », virgule décimale, s'ouvre dans Excel en français) ou "
            "opendata (« , », point décimal).",
            case_sensitive=False,
        ),
    ] = CsvDialect.excel,
    seuil: Annotated[
        str | None,
        typer.Option(
            "--seuil",
            help="scdl-subventions : ne publier que les subventions dont le total annuel d'un "
            "financeur à un bénéficiaire dépasse ce montant en euros (par défaut 23000, "
            "l'obligation légale ; 0 : toutes).",
            metavar="EUROS",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Produit l'export malgré des erreurs (il dit alors ce qui manque)."
        ),
    ] = False,
) -> None:
    """Exporte les données validées du pacte : tables pour les tableurs, classeur Excel,
    JSON complet, base SQLite, ou subventions au format SCDL des données ouvertes.

    Les filtres sont ceux de pacte report. Code de sortie : 0 export produit, 1 erreurs de
    validation (sans --force), 2 mauvaise utilisation ou écriture impossible.
    """
    # Imported on use: `pacte validate` must not pay for the export machinery.
    from pactecli.export import produce
    from pactecli.report.selection import Filters

    kind = _value(format)
    threshold = produce.DEFAULT_THRESHOLD if seuil is None else _threshold(seuil)
    if kind != produce.SCDL and seuil is not None:
        raise UsageError(
            "--seuil ne s'applique qu'au format scdl-subventions",
            hint="retirez --seuil, ou ajoutez --format scdl-subventions",
        )
    produce.check_output(kind, output)  # said before the pact is read, not after
    folder = pact_root(root)
    day = as_of_date(as_of)
    validation = run_validation(FolderSnapshot(folder), day)
    refuse_errors(validation, force, "export")
    filters = Filters(convention, axe, partenaire, annee)
    options = produce.Options(_value(dialecte), threshold)
    with cycle_collector_paused():
        produced = produce.produce(kind, validation, filters, day, options)
        produce.deliver(produced, output)
    print_warnings(produced.warnings)
    if validation.errors:
        sys.stderr.write(
            f"pacte : export produit malgré {validation.errors} "
            f"erreur{'s' if validation.errors > 1 else ''} de validation : des données "
            "peuvent y manquer.\n"
        )


def _value(choice: Enum | str) -> str:
    return str(choice.value) if isinstance(choice, Enum) else str(choice)


def _threshold(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise UsageError(
            f"--seuil : « {text} » n'est pas un montant en euros",
            hint="écrivez un nombre positif, par exemple --seuil 23000 (ou 0 pour tout publier)",
        )
    return value


def stderr_color() -> bool:
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def refuse_errors(validation: Validation, force: bool, what: str) -> None:
    """With errors and without --force: the lines of `pacte validate`, then exit 1."""
    if not validation.errors or force:
        return
    from pactecli.render.problems import text

    sys.stderr.write(text.render(validation, color=stderr_color()))
    sys.stderr.write(
        f"pacte : {what} non produit : corrigez ces erreurs, ou ajoutez --force pour le "
        "produire quand même (il dira ce qui manque).\n"
    )
    raise typer.Exit(EXIT_PROBLEMS)


def print_warnings(warnings: Sequence[Diagnostic]) -> None:
    """Located lines, as `pacte validate` prints them."""
    if not warnings:
        return
    from pactecli.render.problems import text

    color = stderr_color()
    for warning in warnings:
        sys.stderr.write(text.line(warning, color) + "\n")
