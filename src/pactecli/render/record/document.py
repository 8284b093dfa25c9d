"""The page `pacte show` prints, as a small document model that text and Markdown both render.

A page is a title, sections of blocks (fields, tables, a description, sub-titles, notes) and a
closing line. Values are unescaped text (record text and pacte's French words), or `Code` for an
id or a path; each renderer escapes every value for its output kind, none escapes here. French
formatting (euros, dates, numbers, percentages, no-break spaces) is done here, once for both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pactecli.formatting import euros, long_date, number, percent
from pactecli.report.context_types import (
    AnneeExecution,
    Ligne,
    LigneExecution,
    TableauFinancement,
)
from pactecli.report.sheets import Reference

NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class Code:
    """An identifier or a path: inline code in Markdown, as it is in text."""

    text: str


Part = str | Code
Value = Part | tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Fields:
    pairs: tuple[tuple[str, Value], ...]


@dataclass(frozen=True, slots=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    numeric: frozenset[int] = frozenset()
    totals: int = 0
    """How many last rows are totals (set apart, in bold in Markdown)."""


@dataclass(frozen=True, slots=True)
class Description:
    """Record text in which Markdown is allowed (an action's description)."""

    text: str


@dataclass(frozen=True, slots=True)
class Subtitle:
    value: Value


@dataclass(frozen=True, slots=True)
class Note:
    value: Value


Block = Fields | Table | Description | Subtitle | Note


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Page:
    title: Value
    sections: tuple[Section, ...]
    closing: tuple[Part, ...] = field(default=())


# --- French words and numbers -----------------------------------------------------------------


def quoted(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


def plural(count: int, singular: str, several: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (several or singular + 's')}"


def optional_euros(amount: Decimal | None) -> str:
    return "—" if amount is None else euros(amount)


def rate(ratio: Decimal | None) -> str:
    """`87 %` (rounded to the shown precision first), « — » when undefined."""
    if ratio is None:
        return "—"
    return str(percent(ratio.quantize(Decimal("0.0001"))))


def optional_number(value: Decimal | None) -> str:
    return "—" if value is None else number(value)


def day(value: dt.date | None) -> str:
    return long_date(value) if value is not None else "date inconnue"


def span(start: dt.date | None, end: dt.date | None) -> str:
    return f"du {day(start)} au {day(end)}"


def yes_no(flag: bool) -> str:
    return "oui" if flag else "non"


def joined(parts: Sequence[str]) -> str:
    return ", ".join(parts) if parts else "aucun"


# --- tables shared by the pages ---------------------------------------------------------------


def _numeric_from(first: int, width: int) -> frozenset[int]:
    return frozenset(range(first, width))


def money_table(
    first: str, years: Sequence[int], rows: Sequence[Ligne], totals: Sequence[Ligne]
) -> Table:
    """One row per funder (or target), one column per year and the total; `totals` apart."""
    headings = (first, *(str(y) for y in years), "Total")
    body = tuple(
        (row.libelle, *(euros(m) for m in row.montants), euros(row.total))
        for row in (*rows, *totals)
    )
    return Table(headings, body, _numeric_from(1, len(headings)), len(totals))


def plan_table(plan: TableauFinancement, first: str = "Financeur") -> Table:
    """A funding table: every funder, then the total against the budget and what remains."""
    return money_table(first, plan.annees, plan.lignes, (plan.totaux, plan.budget, plan.ecart))


def year_headings(years: Sequence[AnneeExecution]) -> tuple[str, ...]:
    return tuple(f"{y.annee} ({y.libelle})" for y in years)


def execution_table(years: Sequence[AnneeExecution], line: LigneExecution) -> Table:
    """Budget, engagé, versé, dépensé and the two rates, year by year."""
    headings = ("", *year_headings(years), "Total")
    rows: tuple[tuple[Value, ...], ...] = (
        ("Budget", *(euros(m) for m in line.budget), euros(line.total_budget)),
        ("Engagé", *(euros(m) for m in line.engage), euros(line.total_engage)),
        ("Versé", *(euros(m) for m in line.verse), euros(line.total_verse)),
        ("Versé / engagé", *(rate(r) for r in line.taux_verse), ""),
        ("Dépensé", *(optional_euros(m) for m in line.depense), optional_euros(line.total_depense)),
        ("Dépensé / budget", *(rate(r) for r in line.taux_depense), ""),
    )
    return Table(headings, rows, _numeric_from(1, len(headings)))


def references_section(references: Sequence[Reference], empty: str) -> Section:
    if not references:
        return Section("Références", (Note(empty),))
    rows = tuple((Code(f"{r.fichier}:{r.ligne}"), r.texte) for r in references)
    return Section("Références", (Table(("Fichier", "Mention"), rows),))
