"""`pacte history ID`: how one action's or partner's commitments changed, commit by commit."""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Annotated

import typer

from pactecli.cli.common import OutputOption, RootOption, emit, pact_root
from pactecli.cli.completion import complete_actions_and_partners
from pactecli.errors import UsageError
from pactecli.render import choices_help
from pactecli.render import history as formats

HistoryFormat = StrEnum("HistoryFormat", {name: name for name in formats.FORMATS})  # type: ignore[misc]


class RecordType(StrEnum):
    action = "action"
    partenaire = "partenaire"


def history(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Identifiant de l'action ou du partenaire (nom de son fichier, sans .yaml).",
            show_default=False,
            autocompletion=complete_actions_and_partners,
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            "--depuis",
            help="Ne parcourir que les commits postérieurs à cette révision (branche, étiquette "
            "ou commit) ; par défaut : tout l'historique.",
            metavar="REV",
            show_default=False,
        ),
    ] = None,
    record_type: Annotated[
        RecordType | None,
        typer.Option(
            "--type",
            help="action ou partenaire, quand une action et un partenaire portent le même "
            "identifiant.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        HistoryFormat,
        typer.Option("--format", "-f", help=choices_help(formats.FORMATS), case_sensitive=False),
    ] = "text",  # type: ignore[assignment]
    output: OutputOption = None,
) -> None:
    """Montre comment les engagements d'une action ou d'un partenaire ont changé dans git.

    Une entrée par commit qui l'a modifié (date, auteur, message) avec le changement en clair :
    montants engagés et versés par financeur et par année, statut et motif, calendrier,
    budgets, dépenses, cibles et réalisés des indicateurs, apparition et retrait. Lit les
    objets git en lot, sans extraire aucune version. Code de sortie : 0, 2 en cas de mauvaise
    utilisation (identifiant inconnu, révision introuvable), 3 en cas d'erreur interne.
    """
    # Imported here, not at start-up: `pacte validate` must not pay for the history machinery.
    from pactecli.diff.history import AmbiguousRecord, UnknownRecord, record_history
    from pactecli.diff.values import RecordKind
    from pactecli.load.git import Repository

    repository = Repository.of(pact_root(root))
    kind = RecordKind(record_type.value) if record_type is not None else None
    try:
        found = record_history(repository, record_id, kind, since)
    except UnknownRecord as unknown:
        raise _unknown(unknown.record_id, unknown.ids, since) from None
    except AmbiguousRecord:
        raise UsageError(
            f"« {record_id} » est à la fois une action et un partenaire",
            hint="précisez lequel avec --type action ou --type partenaire",
        ) from None
    chosen = format.value if isinstance(format, Enum) else str(format)
    emit(formats.render(chosen, found), output, formats.signing(chosen))


def _unknown(record_id: str, ids: set[str], since: str | None) -> UsageError:
    from pactecli.suggest import Suggester

    where = f"depuis {since}" if since else "dans l'historique git du pacte"
    closest = Suggester(ids).closest(record_id)
    hint = (
        f"vouliez-vous dire « {closest} » ?"
        if closest
        else "indiquez l'identifiant d'une action ou d'un partenaire (pacte list actions)"
    )
    return UsageError(f"aucune action ni aucun partenaire « {record_id} » {where}", hint=hint)
