"""`pacte show ID`: everything about one action, partner or convention, joins done.

Validates first, like `pacte list`: with errors, what is known is still shown, one warning line
on standard error says so and the exit code is 1. The figures are the report's, computed on
the smallest part of the pact that holds them (the action's or the convention's convention).
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from pactecli.cli.common import AsOfOption, OutputOption, RootOption, as_of_date, emit, pact_root
from pactecli.cli.completion import complete_record
from pactecli.cli.list import explore_pact, finish, validated
from pactecli.render import choices_help
from pactecli.render import record as formats

if TYPE_CHECKING:
    from pactecli.model import PactModel
    from pactecli.report.lookup import Explorer, RecordKind
    from pactecli.report.selection import Filters
    from pactecli.report.sheets import FicheAction, FicheConvention, FichePartenaire

ShowFormat = StrEnum("ShowFormat", {name: name for name in formats.FORMATS})  # type: ignore[misc]


class RecordType(StrEnum):
    """The words of `report.lookup.RecordKind` (not imported at start-up)."""

    action = "action"
    partenaire = "partenaire"
    convention = "convention"


def show(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Identifiant de l'action, du partenaire ou de la convention.",
            show_default=False,
            autocompletion=complete_record,
        ),
    ],
    record_type: Annotated[
        RecordType | None,
        typer.Option(
            "--type",
            help="action, partenaire ou convention, quand plusieurs enregistrements portent "
            "cet identifiant.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        ShowFormat,
        typer.Option("--format", "-f", help=choices_help(formats.FORMATS), case_sensitive=False),
    ] = "text",  # type: ignore[assignment]
    output: OutputOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Montre tout ce que le pacte dit d'une action, d'un partenaire ou d'une convention.

    Action\u00a0: convention, objectif, axe, pilote, partenaires, calendrier, statut et motif, plan
    de financement par financeur et par année avec le reste à financer, exécution par année
    (budget, engagé, versé, dépensé, taux), indicateurs (cibles, réalisés, atteinte), et les
    fichiers qui la citent. Partenaire\u00a0: ses contributions par cible et par année (ETP
    compris), ses versements, les actions qu'il pilote, sa part de l'argent de chaque
    convention, et les fichiers qui le citent. Convention\u00a0: objectifs et actions, signataires,
    dates, avenants, montants signés face à l'engagé et au versé, parité du cofinancement par
    année, plafonds face à ce qui est compté. Les chiffres sont ceux de pacte report. Code de
    sortie\u00a0: 0, 1 si le pacte a des erreurs de validation (la fiche montre ce qui est connu),
    2 en cas de mauvaise utilisation (identifiant inconnu ou partagé), 3 en cas d'erreur
    interne.
    """
    # Imported here, not at start-up: `pacte validate` must not pay for the report machinery.
    from pactecli.report.lookup import RecordKind, resolve

    day = as_of_date(as_of)
    validation = validated(pact_root(root), day)
    model = validation.model
    wanted = RecordKind(record_type.value) if record_type is not None else None
    kind = resolve(model, record_id, wanted)
    explorer = explore_pact(validation, _scope(model, kind, record_id), day)
    sheet = _sheet(explorer, kind, record_id)
    name = format.value if isinstance(format, Enum) else str(format)
    emit(formats.render(name, sheet), output, formats.signing(name))
    finish(validation, explorer)


def _scope(model: PactModel, kind: RecordKind, record_id: str) -> Filters:
    """The report's filter that holds every figure of the record's sheet, and little more."""
    from pactecli.report.lookup import RecordKind
    from pactecli.report.selection import Filters

    if kind is RecordKind.CONVENTION:
        return Filters(convention=record_id)
    if kind is RecordKind.ACTION:
        convention = model.convention_of(model.actions_by_id[record_id])
        if convention is not None and model.conventions_by_id.get(convention.id) is convention:
            return Filters(convention=convention.id)
    return Filters()


def _sheet(
    explorer: Explorer, kind: RecordKind, record_id: str
) -> FicheAction | FichePartenaire | FicheConvention:
    from pactecli.report import sheets
    from pactecli.report.lookup import RecordKind, UnreadRecord

    model = explorer.model
    found: FicheAction | FichePartenaire | FicheConvention | None
    if kind is RecordKind.ACTION:
        found = sheets.action_sheet(explorer, model.actions_by_id[record_id])
    elif kind is RecordKind.PARTNER:
        found = sheets.partner_sheet(explorer, model.partners_by_id[record_id])
    else:
        found = sheets.convention_sheet(explorer, model.conventions_by_id[record_id])
    if found is None:  # not in the report's selection: nothing known enough to show
        raise UnreadRecord(
            f"«\u00a0{record_id}\u00a0» n'a pas pu être rattaché au pacte",
            hint="pacte validate dit pourquoi",
        )
    return found
