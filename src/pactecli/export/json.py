"""`pacte export --format json`: the whole resolved model, joins done, derived figures included.

One object, versioned (`"format": "pacte-export"`, `"version": 1`) and described by a JSON
Schema shipped in the package (`pacte schema export`, see `schema_json`): where it comes from
(territory, as-of date, filters, whether it is complete), the key figures and the execution
computed by the report's figures (budget, engagé, versé, dépensé per year, convention, action
and funder), and every table of the export as a list of objects whose keys are the columns.
Amounts are JSON numbers written exactly (at most 2 decimals), dates `AAAA-MM-JJ`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pactecli import __version__
from pactecli.export.cells import columns, iso_dates, plain_numbers
from pactecli.export.columns import ColumnKind
from pactecli.export.tables import EXPORT_VERSION, SIGNATURE, Export, Table
from pactecli.render import escape
from pactecli.report.execution import Flow

FORMAT = "pacte-export"
SCHEMA_URL = "https://pacte-solidarites.github.io/pacte/schemas/v1/export.schema.json"
_LEFT_OUT = frozenset(("metadonnees",))
"""Tables whose content is the document's own header."""


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _flows(years: tuple[int, ...], flow: Flow, **ids: str) -> list[dict[str, Any]]:
    rows = []
    for i, year in enumerate(years):
        row: dict[str, Any] = {**ids, "annee": year}
        row["budget"] = _plain(flow.budget[i])
        row["engage"] = _plain(flow.committed[i])
        row["verse"] = _plain(flow.paid[i])
        row["depense"] = _plain(flow.spent[i])
        if flow.signed is not None:
            row["annexe"] = _plain(flow.signed[i])
        rows.append(row)
    return rows


def execution(export: Export) -> dict[str, Any]:
    found = export.figures.execution
    years = found.years
    by_year = _flows(years, found.flow)
    for row, state in zip(by_year, found.states, strict=True):
        row["etat"] = state.value
    conventions, actions, funders = [], [], []
    for convention in found.conventions:
        cid = convention.convention.id
        conventions += _flows(years, convention.flow, convention=cid)
        for action in convention.actions:
            actions += _flows(years, action.flow, action=action.action.id, convention=cid)
        for funder in convention.funders:
            funders += _flows(years, funder.flow, convention=cid, financeur=funder.funder)
    return {
        "par_annee": by_year,
        "conventions": conventions,
        "actions": actions,
        "financeurs": funders,
    }


def key_figures(export: Export) -> dict[str, Any]:
    figures = export.figures
    flow = figures.execution.flow
    return {
        "nb_conventions": len(figures.conventions),
        "nb_actions": len(figures.actions),
        "nb_partenaires": len(figures.involved),
        "budget": _plain(figures.budget),
        "engage": _plain(figures.committed),
        "finance": _plain(figures.funded),
        "reste_a_financer": _plain(figures.budget - figures.funded),
        "verse": _plain(sum(flow.paid, Decimal(0))),
        "depense": _plain(sum((s for s in flow.spent if s is not None), Decimal(0))),
        "par_financeur": [
            {"financeur": funder, "engage": _plain(amount)} for funder, amount in figures.by_funder
        ],
        "execution": execution(export),
    }


def document(export: Export) -> dict[str, Any]:
    filters = export.filters
    return {
        "$schema": SCHEMA_URL,
        "format": FORMAT,
        "version": EXPORT_VERSION,
        "signature": SIGNATURE,
        "generateur": {"nom": "pacte", "version": __version__},
        "situation": export.as_of.isoformat(),
        "territoire": export.territory,
        "departement": export.department,
        "filtres": {
            "convention": filters.convention,
            "axe": filters.axe,
            "partenaire": filters.partenaire,
            "annee": filters.annee,
        },
        "complet": export.complete,
        "erreurs": export.errors,
        "avertissements": export.warnings,
        "annees": list(export.figures.years),
        "chiffres": key_figures(export),
        "tables": {
            table.spec.name: _objects(table)
            for table in export.tables
            if table.spec.name not in _LEFT_OUT
        },
    }


def _objects(table: Table) -> list[dict[str, Any]]:
    """The table's rows as objects, numbers and dates converted a column at a time."""
    cells = columns(table.rows, len(table.spec.columns))
    for index, column in enumerate(table.spec.columns):
        if column.kind in (ColumnKind.MONEY, ColumnKind.NUMBER):
            cells[index] = plain_numbers(cells[index])
        elif column.kind is ColumnKind.DATE:
            cells[index] = iso_dates(cells[index])
    names = table.spec.names
    return [dict(zip(names, row, strict=True)) for row in zip(*cells, strict=True)]


def render(export: Export) -> bytes:
    """Compact: with an indent, the json module leaves its C encoder (6 x slower)."""
    text = escape.to_json(document(export), indent=None)
    return (text + "\n").encode("utf-8")
