"""`pacte diff BASE [HEAD]`: what a change does to the pact's commitments, in French.

Both sides go through the very validation of `pacte validate` (same model, same problems); the
base (and the head when given) is read from git objects, never checked out.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Annotated

import typer

from pactecli.check.validation import ReadCache
from pactecli.check.validation import validate as run_validation
from pactecli.cli.common import AsOfOption, OutputOption, RootOption, as_of_date, emit, pact_root
from pactecli.errors import EXIT_OK, EXIT_PROBLEMS
from pactecli.gcpause import cycle_collector_paused
from pactecli.load.sources import FolderSnapshot, Snapshot
from pactecli.render import changes as formats
from pactecli.render import choices_help

DiffFormat = StrEnum("DiffFormat", {name: name for name in formats.FORMATS})  # type: ignore[misc]


def diff(
    base: Annotated[
        str,
        typer.Argument(
            help="Révision de référence : branche, étiquette ou commit (ex. origin/main).",
            show_default=False,
        ),
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            help="Révision comparée (par défaut : la copie de travail, modifications non "
            "enregistrées comprises).",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help=choices_help(formats.FORMATS),
            case_sensitive=False,
        ),
    ] = "text",  # type: ignore[assignment]
    output: OutputOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Compare le pacte entre deux versions git : engagements, montants, statuts, problèmes.

    Montre les conventions, objectifs, actions et partenaires ajoutés, retirés, renommés ou
    déplacés ; chaque montant modifié par action, financeur et année, avec les totaux ; les
    changements de statut, de calendrier, d'indicateurs, de budgets, de plafonds et de
    cofinancement ; les problèmes introduits et corrigés. Code de sortie : 0 si la version
    comparée n'a pas d'erreur, 1 sinon, 2 en cas de mauvaise utilisation ou de sortie
    impossible à écrire, 3 en cas d'erreur interne de pacte.
    """
    # Imported here, not at start-up: `pacte validate` must not pay for the diff machinery.
    from pactecli.diff.compare import compare
    from pactecli.load.git import Repository

    folder = pact_root(root)
    repository = Repository.of(folder)
    day = as_of_date(as_of)
    base_snapshot = repository.snapshot(base)
    head_snapshot: Snapshot = repository.snapshot(head) if head else FolderSnapshot(folder)
    with cycle_collector_paused():
        shared: ReadCache = {}  # files identical in both versions are parsed once
        before = run_validation(base_snapshot, day, shared)
        after = run_validation(head_snapshot, day, shared)
        changes = compare(before, after, base_snapshot.label, head_snapshot.label, day)
    chosen = format.value if isinstance(format, Enum) else str(format)
    emit(formats.render(chosen, changes), output, formats.signing(chosen))
    raise typer.Exit(EXIT_PROBLEMS if after.errors else EXIT_OK)
