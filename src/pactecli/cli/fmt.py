"""`pacte fmt`: put records in the canonical style; `--check` only lists what would change."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from pactecli.cli.common import RootOption, pact_root
from pactecli.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from pactecli.layout import MAX_RECORD_BYTES, classify
from pactecli.load.sources import FolderSnapshot, Source, collect


def plural(count: int, singular: str, several: str) -> str:
    """`0 fichier`, `1 fichier`, `2 fichiers` (French: the singular up to 1)."""
    return f"{count} {singular if count <= 1 else several}"


def fmt(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fichiers à mettre en forme (par défaut : tous les fichiers du pacte).",
            metavar="[FICHIER]...",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Ne modifie rien : liste les fichiers à mettre en forme et échoue s'il y en a "
            "(pour la CI et pre-commit).",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Met les fichiers du pacte dans une forme unique : clés dans l'ordre du format, années
    croissantes, indentation de 2 espaces, guillemets seulement si nécessaire, ligne $schema
    en tête. Les commentaires sont gardés et aucune valeur ne change.

    Code de sortie : 0 si tout est en forme (ou vient d'être mis en forme), 1 si --check trouve
    des fichiers à mettre en forme ou si un fichier ne peut pas l'être, 2 en cas de mauvaise
    utilisation.
    """
    from pactecli.author.files import replace_file
    from pactecli.author.fmt import format_record

    folder = pact_root(root)
    records = _chosen(folder, files) if files else _every_record(folder)
    pending, refused = 0, 0
    for source in records:
        result = format_record(source.path, source.kind, source.content)
        if result.refused:
            refused += 1
            print(f"pacte : {source.path} non mis en forme : {result.refused}", file=sys.stderr)
        elif result.changed:
            pending += 1
            if not check:
                replace_file(folder / source.path, result.text.encode("utf-8"))
            print(f"{source.path} : {'à mettre en forme' if check else 'mis en forme'}")
    print(_summary(len(records), pending, check))
    failed = refused > 0 or (check and pending > 0)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _summary(total: int, pending: int, check: bool) -> str:
    files = plural(total, "fichier", "fichiers")
    if pending == 0:
        return f"{files} du pacte déjà en forme." if total > 1 else f"{files} déjà en forme."
    if check:
        return f"{plural(pending, 'fichier', 'fichiers')} sur {total} à mettre en forme : " + (
            "lancez « pacte fmt »."
        )
    return f"{plural(pending, 'fichier', 'fichiers')} sur {total} mis en forme."


def _every_record(folder: Path) -> list[Source]:
    """Every record of the layout, read as `pacte validate` reads them (links kept inside)."""
    return [
        source
        for source in collect(FolderSnapshot(folder)).sources
        if not os.path.islink(folder / source.path)
    ]


def _chosen(folder: Path, files: list[Path]) -> list[Source]:
    snapshot = FolderSnapshot(folder)
    real_root = folder.resolve()
    chosen: list[Source] = []
    for file in files:
        absolute = Path(os.path.abspath(file))
        try:
            relative = absolute.relative_to(Path(os.path.abspath(folder))).as_posix()
        except ValueError:
            try:
                relative = absolute.resolve().relative_to(real_root).as_posix()
            except ValueError:
                raise UsageError(
                    f"« {file} » n'est pas dans le pacte ({folder})",
                    hint="indiquez des fichiers du pacte, ou le pacte avec --root",
                ) from None
        kind = classify(relative)
        if kind is None:
            raise UsageError(
                f"« {file} » n'est pas un enregistrement du pacte",
                hint="pacte.yaml, data/partners/<id>.yaml, data/conventions/<id>/convention.yaml "
                "ou data/conventions/<id>/actions/<id>.yaml",
            )
        if absolute.is_symlink() or not absolute.is_file():
            raise UsageError(f"« {file} » n'est pas un fichier ordinaire : il n'est pas modifié")
        try:
            content = snapshot.read(relative)
        except OSError as error:
            raise UsageError(f"« {file} » est illisible ({error.strerror or error})") from None
        if len(content) > MAX_RECORD_BYTES:
            raise UsageError(f"« {file} » dépasse 1 Mio : il n'est pas lu")
        chosen.append(Source(relative, kind, content))
    return chosen
