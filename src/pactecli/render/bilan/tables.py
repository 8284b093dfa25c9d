"""The tables of the bilan workbook: for each sheet its columns and its rows, from the context.

A row is a list of cells (text, `Decimal`, int, date or None for an empty cell); a column is
its header, the kind of its cells (text, money, rate, number, date) and its width.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pactecli.formatting import long_date
from pactecli.report.bilan_types import ActionBilan, BilanContexte, ConventionBilan

Cell = str | Decimal | int | dt.date | None
Column = tuple[str, str, int]
"""(header, kind: text|money|rate|number|date, width)."""


def source(context: BilanContexte) -> str:
    source = context.source
    if source.hors_git:
        return "fichiers hors de git"
    if source.commit:
        day = long_date(source.date) if source.date else ""
        changed = ", avec des modifications non enregistrées" if source.modifie else ""
        return f"commit {source.commit} du {day}{changed}"
    return "dépôt git sans commit"


def _actions(context: BilanContexte) -> list[tuple[ConventionBilan, str, ActionBilan]]:
    return [
        (convention, axis.libelle, action)
        for convention in context.conventions
        for axis in convention.axes
        for action in axis.actions
    ]


SUMMARY_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 34),
    ("Budget", "money", 16),
    ("Engagé", "money", 16),
    ("Versé", "money", 16),
    ("Dépensé", "money", 16),
    ("Reste à verser", "money", 16),
)
ACTION_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 24),
    ("Axe", "text", 28),
    ("Action", "text", 40),
    ("Nature", "text", 16),
    ("Pilote", "text", 18),
    ("Statut", "text", 14),
    ("Budget", "money", 15),
    ("Engagé", "money", 15),
    ("Versé", "money", 15),
    ("Dépensé", "money", 15),
    ("Versé / engagé", "rate", 12),
    ("Dépensé / budget", "rate", 12),
    ("Motif", "text", 40),
    ("Identifiant", "text", 24),
    ("Fichier", "text", 40),
)


def action_rows(context: BilanContexte) -> list[list[Cell]]:
    return [
        [
            convention.titre,
            axis,
            action.titre,
            action.nature_libelle,
            action.pilote.libelle,
            action.statut_libelle,
            action.montants.budget,
            action.montants.engage,
            action.montants.verse,
            action.montants.depense,
            action.montants.taux_verse,
            action.montants.taux_depense,
            action.motif,
            action.id,
            action.fichier,
        ]
        for convention, axis, action in _actions(context)
    ]


FUNDER_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 24),
    ("Action", "text", 40),
    ("Identifiant", "text", 24),
    ("Financeur", "text", 24),
    ("Identifiant du financeur", "text", 18),
    ("Statut", "text", 14),
    ("Engagé", "money", 15),
    ("Versé", "money", 15),
    ("Reste à verser", "money", 15),
)


def funder_rows(context: BilanContexte) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for convention, _, action in _actions(context):
        for funder in action.financeurs:
            rows.append(
                [
                    convention.titre,
                    action.titre,
                    action.id,
                    funder.partenaire.libelle,
                    funder.partenaire.id,
                    action.statut_libelle,
                    funder.engage,
                    funder.verse,
                    funder.reste_a_verser,
                ]
            )
    for convention in context.conventions:
        for funder in convention.hors_actions:
            rows.append(
                [
                    convention.titre,
                    "(convention dans son ensemble)",
                    None,
                    funder.partenaire.libelle,
                    funder.partenaire.id,
                    None,
                    funder.engage,
                    funder.verse,
                    funder.reste_a_verser,
                ]
            )
    return rows


SIGNED_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 34),
    ("Financeur", "text", 24),
    ("Signé (annexe)", "money", 16),
    ("Engagé", "money", 16),
    ("Versé", "money", 16),
)


def signed_rows(context: BilanContexte) -> list[list[Cell]]:
    return [
        [convention.titre, signed.partenaire.libelle, signed.signe, signed.engage, signed.verse]
        for convention in context.conventions
        for signed in convention.signes
    ]


PARITY_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 34),
    ("Cofinanceur", "text", 24),
    ("Engagé", "money", 16),
    ("Part de l'engagé", "rate", 14),
    ("Versé", "money", 16),
    ("Part du versé", "rate", 14),
    ("Parité de l'engagé", "text", 16),
    ("Parité du versé", "text", 16),
)


def parity_rows(context: BilanContexte) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for convention in context.conventions:
        parity = convention.parite
        if parity is None:
            continue
        for share in parity.financeurs:
            rows.append(
                [
                    convention.titre,
                    share.partenaire.libelle,
                    share.engage,
                    share.part_engage,
                    share.verse,
                    share.part_verse,
                    _met(parity.atteinte_engage),
                    _met(parity.atteinte_verse),
                ]
            )
    return rows


def _met(reached: bool) -> str:
    return "respectée" if reached else "non respectée"


INDICATOR_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 24),
    ("Action", "text", 40),
    ("Indicateur", "text", 40),
    ("Unité", "text", 12),
    ("Cible", "number", 12),
    ("Réalisé", "number", 12),
    ("Écart", "number", 12),
    ("Atteinte", "rate", 12),
    ("Cible manquée", "text", 14),
)


def indicator_rows(context: BilanContexte) -> list[list[Cell]]:
    return [
        [
            convention.titre,
            action.titre,
            indicator.libelle,
            indicator.unite,
            indicator.cible,
            indicator.realise,
            indicator.ecart,
            indicator.atteinte,
            "oui" if indicator.manquee else "non",
        ]
        for convention, _, action in _actions(context)
        for indicator in action.indicateurs
    ]


CHANGE_COLUMNS: tuple[Column, ...] = (
    ("Date", "date", 12),
    ("Changement", "text", 70),
    ("Convention", "text", 24),
    ("Action", "text", 24),
    ("Commit", "text", 12),
    ("Auteur", "text", 24),
    ("Message", "text", 50),
)


def change_rows(context: BilanContexte) -> list[list[Cell]]:
    return [
        [c.date, c.texte, c.convention, c.action, c.commit, c.auteur, c.message]
        for c in context.changements
    ]


DECISION_COLUMNS: tuple[Column, ...] = (
    ("Point", "text", 22),
    ("Action", "text", 40),
    ("Détail", "text", 70),
    ("Montant", "money", 16),
)
_DECISION_KINDS: dict[str, str] = {
    "reste-a-verser": "Engagé non versé",
    "cible-manquee": "Cible non atteinte",
    "realise-manquant": "Réalisé non renseigné",
    "depense-manquante": "Dépense non déclarée",
}


def decision_rows(context: BilanContexte) -> list[list[Cell]]:
    decisions = context.decisions
    rows: list[list[Cell]] = []
    for decision in (*decisions.reste_a_verser, *decisions.cibles, *decisions.depenses):
        kind = _DECISION_KINDS.get(decision.genre, decision.genre)
        rows.append([kind, decision.action.titre, decision.texte, decision.montant])
    for late in decisions.retards:
        days = f"{late.jours} jour{'s' if late.jours > 1 else ''}"
        text = f"fin prévue le {long_date(late.fin)}, {days} de retard"
        rows.append(["Action en retard", late.action.titre, text, None])
    return rows
