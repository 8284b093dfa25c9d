"""`pacte validate`: check every record and every cross-file rule; exit 1 on any error."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pactecli.check.validation import validate as run_validation
from pactecli.cli.common import (
    AsOfOption,
    OutputOption,
    RootOption,
    as_of_date,
    emit,
    pact_paths,
    pact_root,
    use_color,
)
from pactecli.errors import EXIT_OK, EXIT_PROBLEMS
from pactecli.load.sources import FolderSnapshot
from pactecli.render import choices_help, problems

ValidateFormat = Enum("ValidateFormat", {name: name for name in problems.FORMATS}, type=str)  # type: ignore[misc]


def validate(
    fichiers: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fichiers du pacte dont afficher les problèmes (par défaut : tous). Le pacte "
            "entier est vérifié, comme le demandent les règles entre fichiers.",
            metavar="[FICHIER]...",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="Format du résultat. " + choices_help(problems.FORMATS),
            case_sensitive=False,
        ),
    ] = "text",  # type: ignore[assignment]
    output: OutputOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Échoue aussi sur les avertissements.")
    ] = False,
    as_of: AsOfOption = None,
) -> None:
    """Vérifie les fichiers du pacte : schémas JSON et règles entre fichiers.

    Chaque problème est situé (fichier:ligne:colonne), expliqué en français, avec un code
    stable et une aide pour le corriger. Avec des FICHIER (par exemple ceux d'un commit, depuis
    pre-commit), tout le pacte est vérifié mais seuls les problèmes situés dans ces fichiers sont
    affichés et comptent pour le code de sortie. Code de sortie : 0 sans erreur, 1 en cas d'erreur
    (ou d'avertissement avec --strict), 2 en cas de mauvaise utilisation ou de sortie
    impossible à écrire, 3 en cas d'erreur interne de pacte.
    """
    folder = pact_root(root)
    result = run_validation(FolderSnapshot(folder), as_of_date(as_of))
    if fichiers:
        result = result.restricted_to(pact_paths(folder, fichiers))
    name = format.value if isinstance(format, Enum) else str(format)
    text = problems.render(name, result, color=use_color(output), root=folder)
    emit(text, output, problems.signing(name))
    failed = result.errors > 0 or (strict and result.warnings > 0)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
