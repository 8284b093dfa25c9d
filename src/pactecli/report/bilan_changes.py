"""The « changements de l'année » of a bilan: avenants from the files, action changes from git.

With git (`diff.year_changes`, walked by the caller), each change names its commit; an action
added in the commit that brought the pact into git is its starting state, not an addition.
Without git, only what the files tell: the avenants dated in the year, the actions started in
the year, and the actions suspended or abandoned today (when is unknown), said as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from pactecli.formatting import long_date
from pactecli.model import Action, Convention, PactModel
from pactecli.report import figures as fig
from pactecli.report.bilan_types import Changement


class Commit(Protocol):
    @property
    def date(self) -> dt.date: ...
    @property
    def short(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def message(self) -> str: ...


class ActionChange(Protocol):
    @property
    def commit(self) -> Commit: ...
    @property
    def what(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def titre(self) -> str: ...
    @property
    def convention(self) -> str: ...
    @property
    def motif(self) -> str | None: ...


class History(Protocol):
    """What `diff.year_changes.year_changes` returns."""

    @property
    def changes(self) -> Sequence[ActionChange]: ...
    @property
    def first(self) -> Commit | None: ...


_VERBS = {
    "ajout": "Action ajoutée",
    "retrait": "Action retirée du pacte",
    "suspension": "Action suspendue",
    "abandon": "Action abandonnée",
    "realisation": "Action réalisée",
    "reprise": "Action reprise",
}


def file_changes(
    model: PactModel,
    conventions: Iterable[fig.ConventionFigures],
    year: int,
    history: History | None,
) -> tuple[tuple[Changement, ...], str]:
    """The year's changes, oldest first, and where they come from in one sentence."""
    selected = [c.convention for c in conventions]
    found = [change for c in selected for change in _amendments(c, year)]
    if history is not None:
        folders = {c.folder for c in selected}
        found += [_from_git(c) for c in history.changes if c.convention in folders]
        origin = _git_origin(history, year)
    else:
        found += _from_files(model, selected, year)
        origin = (
            "D'après les fichiers seuls : le pacte n'est pas dans un dépôt git, les dates des "
            "ajouts, suspensions et abandons ne sont pas connues."
        )
    found.sort(key=lambda c: (c.date or dt.date.max, c.convention, c.action or ""))
    return tuple(found), origin


def _amendments(convention: Convention, year: int) -> list[Changement]:
    return [
        Changement(
            date=a.date,
            genre="avenant",
            texte=f"Avenant{f' n° {a.numero}' if a.numero is not None else ''} à « "
            f"{convention.titre} » : {a.objet}",
            convention=convention.id,
            action=None,
            commit=None,
            auteur=None,
            message=None,
        )
        for a in convention.amendments
        if a.date is not None and a.date.year == year
    ]


def _from_git(change: ActionChange) -> Changement:
    text = f"{_VERBS.get(change.what, change.what)} : « {change.titre} »"
    if change.what in ("suspension", "abandon") and change.motif:
        text += f" — motif : {change.motif}"
    return Changement(
        date=change.commit.date,
        genre=change.what,
        texte=text,
        convention=change.convention,
        action=change.action,
        commit=change.commit.short,
        auteur=change.commit.author,
        message=change.commit.message,
    )


def _git_origin(history: History, year: int) -> str:
    first = history.first
    text = "D'après l'historique git du pacte (date de chaque commit)."
    if first is None:
        return text + " Aucune action n'y est encore enregistrée."
    if first.date.year >= year:
        text += (
            f" L'historique commence le {long_date(first.date)} : les actions présentes dans "
            "ce premier commit forment l'état de départ, pas des ajouts"
        )
        text += "." if first.date.year == year else " ; l'année n'y figure donc pas."
    return text


def _from_files(model: PactModel, conventions: Sequence[Convention], year: int) -> list[Changement]:
    found = []
    for convention in conventions:
        for action in model.actions_of(convention):
            if action.debut is not None and action.debut.year == year:
                found.append(
                    _file_change(action.debut, "demarrage", "Action démarrée", action, convention)
                )
            if action.statut in ("suspendu", "abandonne"):
                verb = "Action suspendue" if action.statut == "suspendu" else "Action abandonnée"
                found.append(
                    _file_change(
                        None,
                        action.statut,
                        f"{verb} (date inconnue hors de git)",
                        action,
                        convention,
                    )
                )
    return found


def _file_change(
    day: dt.date | None, kind: str, verb: str, action: Action, convention: Convention
) -> Changement:
    text = f"{verb} : « {action.titre} »"
    if action.motif and kind != "demarrage":
        text += f" — motif : {action.motif}"
    return Changement(day, kind, text, convention.id, action.id, None, None, None)
