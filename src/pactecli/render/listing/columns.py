"""The columns of `pacte list`, one list per kind, shared by every format.

A column has a machine name (the CSV header and the JSON member, ASCII like the records' keys),
a French heading for the table, the kind of its values, and whether the table shows it (the
table keeps the figures that matter on one line; CSV and JSON have every column).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from pactecli.formatting import euros, number
from pactecli.report.listing import ListKind


class Value(Enum):
    TEXT = "text"
    MONEY = "money"
    COUNT = "count"
    YEAR = "year"
    NUMBER = "number"
    RATIO = "ratio"
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    value: Value
    get: Callable[[Any], Any]
    in_table: bool = True

    @property
    def numeric(self) -> bool:
        return self.value not in (Value.TEXT, Value.BOOL)


def _field(name: str) -> Callable[[Any], Any]:
    return lambda row: getattr(row, name)


def _col(
    key: str, heading: str, value: Value = Value.TEXT, in_table: bool = True, attr: str = ""
) -> Column:
    return Column(key, heading, value, _field(attr or key), in_table)


COLUMNS: dict[ListKind, tuple[Column, ...]] = {
    ListKind.ACTIONS: (
        _col("id", "Action"),
        _col("titre", "Titre", in_table=False),
        _col("convention", "Convention"),
        _col("axe", "Axe"),
        Column("pilote", "Pilote", Value.TEXT, lambda row: row.pilote.id, in_table=False),
        Column("pilote_libelle", "Pilote", Value.TEXT, lambda row: row.pilote.libelle),
        _col("statut", "Statut", in_table=False),
        _col("statut_libelle", "Statut"),
        _col("budget", "Budget", Value.MONEY),
        _col("engage", "Engagé", Value.MONEY),
        _col("verse", "Versé", Value.MONEY),
        _col("depense", "Dépensé", Value.MONEY),
    ),
    ListKind.PARTNERS: (
        _col("id", "Partenaire"),
        _col("nom", "Nom", in_table=False),
        _col("sigle", "Sigle", in_table=False),
        Column("libelle", "Nom", Value.TEXT, lambda row: row.sigle or row.nom),
        _col("categorie", "Catégorie", in_table=False),
        _col("categorie_libelle", "Catégorie"),
        _col("signataire_pacte", "Signataire", Value.BOOL, in_table=False, attr="signataire"),
        _col("engage", "Engagé", Value.MONEY),
        _col("verse", "Versé", Value.MONEY),
        _col("nb_actions", "Actions", Value.COUNT),
        _col("nb_actions_pilotees", "Pilotées", Value.COUNT, attr="nb_pilotees"),
    ),
    ListKind.CONVENTIONS: (
        _col("id", "Convention"),
        _col("type", "Type"),
        _col("titre", "Titre"),
        _col("nb_actions", "Actions", Value.COUNT),
        _col("budget", "Budget", Value.MONEY),
        _col("engage", "Engagé", Value.MONEY),
        _col("verse", "Versé", Value.MONEY),
        _col("depense", "Dépensé", Value.MONEY),
        _col("signe", "Signé", Value.MONEY),
        _col("parite", "Parité", Value.BOOL),
    ),
    ListKind.INDICATORS: (
        _col("action", "Action"),
        _col("id", "Indicateur"),
        _col("libelle", "Libellé"),
        _col("unite", "Unité"),
        _col("sens", "Sens", in_table=False),
        _col("annee", "Année", Value.YEAR),
        _col("cible", "Cible", Value.NUMBER),
        _col("realise", "Réalisé", Value.NUMBER),
        _col("atteinte", "Atteinte", Value.RATIO),
    ),
}

#: How the table writes a count of lines (« 24 actions », « 1 partenaire »).
NOUNS = {
    ListKind.ACTIONS: ("action", "actions", "Aucune action"),
    ListKind.PARTNERS: ("partenaire", "partenaires", "Aucun partenaire"),
    ListKind.CONVENTIONS: ("convention", "conventions", "Aucune convention"),
    ListKind.INDICATORS: ("indicateur", "indicateurs", "Aucun indicateur"),
}


def count_text(kind: ListKind, count: int) -> str:
    singular, plural, none = NOUNS[kind]
    if not count:
        return none
    return f"{count} {singular if count == 1 else plural}"


def french(column: Column, value: Any) -> str:
    """A cell as the table shows it: euros, French numbers, `oui`/`non`, « — » for nothing."""
    if value is None:
        return "—"
    if column.value is Value.MONEY:
        return euros(value)
    if column.value is Value.NUMBER:
        return number(value)
    if column.value is Value.RATIO:
        from pactecli.formatting import percent

        return str(percent(_rounded_ratio(value)))
    if column.value is Value.BOOL:
        return "oui" if value else "non"
    return str(value)


def _rounded_ratio(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.0001"))


def ratio_text(value: Decimal) -> str:
    """A rate for machines: a decimal fraction with 4 places (`0.9333`)."""
    return f"{_rounded_ratio(value):f}"
