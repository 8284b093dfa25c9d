"""`pacte list actions|partenaires|conventions|indicateurs`: one line per record, its figures.

Validates first, like `pacte report`; with errors, what is known is still listed, one warning
line on standard error says so and the exit code is 1. The figures are the report's.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Callable
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pactecli.cli.common import AsOfOption, OutputOption, RootOption, as_of_date, emit, pact_root
from pactecli.cli.common import use_color as use_stdout_color
from pactecli.cli.completion import complete_axis, complete_convention, complete_partner
from pactecli.errors import EXIT_PROBLEMS
from pactecli.labels import Status
from pactecli.render import choices_help
from pactecli.render import listing as formats

if TYPE_CHECKING:
    from pathlib import Path

    from pactecli.check.validation import Validation
    from pactecli.report.lookup import Explorer
    from pactecli.report.selection import Filters

ListFormat = StrEnum("ListFormat", {name: name for name in formats.FORMATS})  # type: ignore[misc]


class ListKind(StrEnum):
    """The same words as `report.listing.ListKind` (not imported at start-up)."""

    actions = "actions"
    partenaires = "partenaires"
    conventions = "conventions"
    indicateurs = "indicateurs"


def _filter(name: str, help: str, complete: Callable[..., Any]) -> Any:
    return typer.Option(name, help=help, metavar="ID", show_default=False, autocompletion=complete)


def list_records(
    kind: Annotated[
        ListKind,
        typer.Argument(
            metavar="actions|partenaires|conventions|indicateurs",
            help="Ce qu'il faut lister.",
            show_default=False,
            case_sensitive=False,
        ),
    ],
    statut: Annotated[
        Status | None,
        typer.Option(
            "--statut",
            help="Actions (ou leurs indicateurs) de ce statut\u00a0; en_retard est déduit "
            "comme dans le rapport.",
            show_default=False,
        ),
    ] = None,
    axe: Annotated[
        str | None,
        _filter(
            "--axe", "Actions, partenaires, conventions ou indicateurs de cet axe.", complete_axis
        ),
    ] = None,
    pilote: Annotated[
        str | None,
        _filter(
            "--pilote", "Actions (ou leurs indicateurs) que ce partenaire pilote.", complete_partner
        ),
    ] = None,
    convention: Annotated[
        str | None,
        _filter(
            "--convention",
            "Actions, partenaires ou indicateurs de cette convention.",
            complete_convention,
        ),
    ] = None,
    partenaire: Annotated[
        str | None,
        _filter(
            "--partenaire",
            "Actions, conventions ou indicateurs où ce partenaire intervient (pilote, "
            "partenaire, contribution, signature).",
            complete_partner,
        ),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help=choices_help(formats.FORMATS), case_sensitive=False),
    ] = "table",  # type: ignore[assignment]
    output: OutputOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Liste les actions, les partenaires, les conventions ou les indicateurs, un par ligne,
    avec leurs chiffres.

    actions\u00a0: convention, axe, pilote, statut, budget, engagé (tous financeurs), versé et
    dépensé. partenaires\u00a0: catégorie, engagé, versé, nombre d'actions auxquelles il contribue
    et qu'il pilote. conventions\u00a0: type, titre, nombre d'actions, budget, engagé, versé,
    dépensé, montants signés (engagements) et parité du cofinancement. indicateurs\u00a0: le
    dernier exercice écoulé, sa cible, son réalisé et le taux d'atteinte.

    Les filtres choisissent les lignes\u00a0; les chiffres d'une ligne sont toujours ceux de
    l'enregistrement entier, les mêmes que dans pacte report. Un filtre qui ne s'applique
    pas à ce qui est listé est une erreur. En CSV, les montants sont des nombres décimaux
    à point (12000.5), pour les tableurs et les scripts. Code de sortie\u00a0: 0, 1 si le pacte a
    des erreurs de validation (la liste montre ce qui est connu), 2 en cas de mauvaise
    utilisation, 3 en cas d'erreur interne.
    """
    # Imported here, not at start-up: `pacte validate` must not pay for the report machinery.
    from pactecli.report.listing import Criteres, check_criteria, listing
    from pactecli.report.listing import ListKind as Kind
    from pactecli.report.selection import Filters

    chosen = Kind(kind.value if isinstance(kind, Enum) else str(kind))
    criteria = Criteres(
        statut=statut.value if statut is not None else None,
        axe=axe,
        pilote=pilote,
        convention=convention,
        partenaire=partenaire,
    )
    day = as_of_date(as_of)
    validation = validated(pact_root(root), day)
    check_criteria(validation.model, chosen, criteria)
    name = format.value if isinstance(format, Enum) else str(format)
    explorer = explore_pact(validation, Filters(), day)
    liste = listing(explorer, chosen, criteria)
    color = name == "table" and use_stdout_color(output)
    width = shutil.get_terminal_size().columns if color else None
    text = formats.render(name, liste, formats.Options(color=color, width=width))
    emit(text, output, formats.signing(name))
    finish(validation, explorer)


# --- shared with `pacte show` ------------------------------------------------------------------


def validated(folder: Path, day: dt.date) -> Validation:
    from pactecli.check.validation import validate
    from pactecli.load.sources import FolderSnapshot

    return validate(FolderSnapshot(folder), day)


def explore_pact(validation: Validation, filters: Filters, day: dt.date) -> Explorer:
    from pactecli.gcpause import cycle_collector_paused
    from pactecli.report.lookup import explore

    with cycle_collector_paused():
        return explore(validation.model, validation.diagnostics, filters, day)


def finish(validation: Validation, explorer: Explorer) -> None:
    """With validation errors: one warning line on standard error, and exit code 1."""
    errors = validation.errors
    if not errors:
        return
    from pactecli.render import escape

    nbsp = "\u00a0"
    several = errors > 1
    text = (
        f"pacte{nbsp}: attention{nbsp}: {errors} erreur{'s' if several else ''} de validation, "
        f"ces chiffres peuvent être faux ou incomplets"
    )
    left = explorer.context.omissions.texte
    if left:
        text += f" (non compté{nbsp}: {left})"
    text += f"{nbsp}; pacte validate les détaille"
    sys.stderr.write(escape.line(text) + "\n")
    raise typer.Exit(EXIT_PROBLEMS)
