"""What every command shares: finding the pact, reading dates, colour, writing output."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from pactecli.errors import UsageError
from pactecli.load.sources import find_root
from pactecli.render.output import Signing, finish, sign, write_output, write_stdout

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Dossier du pacte (celui qui contient pacte.yaml). Par défaut : le plus proche "
        "en remontant depuis le dossier courant.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Fichier où écrire le résultat (par défaut : la sortie standard), signé par pacte. "
        "Un fichier existant n'est remplacé que s'il a été produit par pacte et n'a pas été "
        "modifié depuis (ou s'il est vide).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Date de situation AAAA-MM-JJ pour les règles et rapports qui dépendent de la "
        "date (par défaut : aujourd'hui).",
        metavar="DATE",
        show_default=False,
    ),
]


def pact_root(root: Path | None) -> Path:
    return find_root(Path.cwd(), root)


def pact_paths(root: Path, given: list[Path]) -> list[str]:
    """Files named on the command line (from the current folder), as paths from the pact root;
    a folder stands for the files below it."""
    real_root = root.resolve()
    found = []
    for path in given:
        absolute = (Path.cwd() / path).absolute()
        try:
            relative = absolute.relative_to(real_root)
        except ValueError:
            try:
                relative = absolute.resolve().relative_to(real_root)
            except ValueError:
                raise UsageError(
                    f"« {path} » n'est pas dans le pacte ({root})",
                    hint="indiquez des fichiers du dossier du pacte (data/…, pacte.yaml)",
                ) from None
        text = relative.as_posix()
        found.append(text + "/" if absolute.is_dir() and text != "." else text)
    return ["" if f == "./" else f for f in found]


def as_of_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--as-of : « {text} » n'est pas une date valide",
            hint="écrivez la date au format AAAA-MM-JJ, par exemple 2026-06-30",
        ) from None
    if not 1900 <= day.year <= 2100:
        raise UsageError(
            f"--as-of : le {text} est hors des dates permises",
            hint="indiquez une date du 1er janvier 1900 au 31 décembre 2100",
        )
    return day


def use_color(output: Path | None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    stream = sys.stdout
    return stream is not None and stream.isatty()


def emit(produced: str | bytes, output: Path | None, signing: Signing) -> None:
    """Write a rendered output to standard output or to `output`, signed as its format says
    (bytes, such as a workbook, carry their marker already: they are only signed)."""
    if isinstance(produced, bytes):
        data = sign(produced)
    else:
        data = finish(produced, signing, to_file=output is not None)
    if output is None:
        write_stdout(data)
    else:
        write_output(output, data)
