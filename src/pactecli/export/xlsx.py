"""`pacte export --format xlsx`: one workbook, the key figures first, then one sheet per table.

Each sheet has its header row frozen, an autofilter, column widths fitted to its content,
amounts in euros, dates as dates and booleans as booleans; sheet names are French. Text is
always written as text (`write_string`, and the workbook's string-to-formula conversion is
off): a title `=HYPERLINK(…)` stays a title. XlsxWriter is imported only here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from pactecli import __version__
from pactecli.export.columns import ColumnKind
from pactecli.export.tables import SIGNATURE, Export, Table, filters_text
from pactecli.formatting import long_date
from pactecli.render import escape
from pactecli.render.output import mark_archive

MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "dd/mm/yyyy"
RATE_FORMAT = "0.0 %"
"""Excel's limit for the text of one cell."""
_WIDTH_SAMPLE = 500
_WIDTHS = {
    ColumnKind.MONEY: 15,
    ColumnKind.DATE: 12,
    ColumnKind.YEAR: 8,
    ColumnKind.BOOLEAN: 10,
    ColumnKind.INTEGER: 10,
    ColumnKind.NUMBER: 12,
}
KEY_FIGURES = "Chiffres clés"


def _write_text(sheet: Any, row: int, column: int, value: str, shape: Any = None) -> None:
    """Every text cell outside the tables' sheets: file names and ids come from the pact."""
    sheet.write_string(row, column, escape.workbook_text(value), shape)


class _Book:
    def __init__(self, export: Export) -> None:
        import xlsxwriter

        self.export = export
        self.buffer = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(
            self.buffer,
            {
                "constant_memory": False,  # the tables' cells never go through XlsxWriter's store
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        add = self.workbook.add_format
        self.header = add({"bold": True, "bg_color": "#DDE4EE", "bottom": 1})
        self.title = add({"bold": True, "font_size": 14})
        self.bold = add({"bold": True})
        self.warning = add({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.money = add({"num_format": MONEY_FORMAT})
        self.date = add({"num_format": DATE_FORMAT})
        self.integer = add({"num_format": "0"})
        self.rate = add({"num_format": RATE_FORMAT})
        territory = export.territory or "territoire non renseigné"
        self.workbook.set_properties(
            {
                "title": escape.workbook_text(f"Pacte local des solidarités — {territory}"),
                "author": "pacte",
                "comments": SIGNATURE,
                "created": dt.datetime.combine(export.as_of, dt.time()),
            }
        )
        self.workbook.set_custom_property("signature", SIGNATURE)

    def table_sheet(self, table: Table) -> None:
        spec = table.spec
        sheet = self.workbook.add_worksheet(spec.title, worksheet_class=_table_sheet_class())
        for index, width in enumerate(_column_widths(table)):
            sheet.set_column(index, index, width)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(table.rows), 1), len(spec.columns) - 1)
        sheet.set_rows(_SheetRows(table, self))

    def key_figures(self) -> None:
        export, figures = self.export, self.export.figures
        sheet = self.workbook.add_worksheet(KEY_FIGURES)
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 7, 16)
        territory = export.territory or "territoire non renseigné"
        _write_text(sheet, 0, 0, f"Pacte local des solidarités — {territory}", self.title)
        row = 2
        for label, value in (
            ("Situation au", long_date(export.as_of)),
            ("Code du département", export.department or "non renseigné"),
            ("Filtres", filters_text(export.filters)),
            ("Produit par", f"pacte {__version__} ({SIGNATURE})"),
        ):
            _write_text(sheet, row, 0, label, self.bold)
            _write_text(sheet, row, 1, value)
            row += 1
        if not export.complete:
            row += 1
            for line in _incompleteness(export):
                _write_text(sheet, row, 0, line, self.warning)
                row += 1
        row += 1
        execution = figures.execution.flow
        totals = (
            ("Conventions", len(figures.conventions), self.integer),
            ("Actions", len(figures.actions), self.integer),
            ("Partenaires impliqués", len(figures.involved), self.integer),
            ("Budget prévu", figures.budget, self.money),
            ("Montant engagé", figures.committed, self.money),
            ("Reste à financer", figures.budget - figures.funded, self.money),
            ("Versé", sum(execution.paid, Decimal(0)), self.money),
            ("Dépensé (déclaré)", sum((s for s in execution.spent if s), Decimal(0)), self.money),
        )
        for label, amount, shape in totals:
            _write_text(sheet, row, 0, label, self.bold)
            sheet.write_number(row, 1, float(amount), shape)
            row += 1
        row = self._by_year(sheet, row + 1)
        self._by_funder(sheet, row + 1)

    def _by_year(self, sheet: Any, row: int) -> int:
        flow = self.export.figures.execution
        headers = ("Année", "Budget", "Engagé", "Versé", "Dépensé", "Versé / engagé")
        for index, name in enumerate((*headers, "Dépensé / budget")):
            _write_text(sheet, row, index, name, self.header)
        for i, year in enumerate(flow.years):
            row += 1
            budget, committed = flow.flow.budget[i], flow.flow.committed[i]
            paid, spent = flow.flow.paid[i], flow.flow.spent[i]
            sheet.write_number(row, 0, year, self.integer)
            for column, amount in enumerate((budget, committed, paid, spent), start=1):
                if amount is not None:
                    sheet.write_number(row, column, float(amount), self.money)
            if committed:
                sheet.write_number(row, 5, float(paid / committed), self.rate)
            if budget and spent is not None:
                sheet.write_number(row, 6, float(spent / budget), self.rate)
        return row + 1

    def _by_funder(self, sheet: Any, row: int) -> None:
        # A partner's label, as reports show it: its sigle, else its name.
        names = {row[1]: row[3] or row[2] for row in self.export.table("partenaires").rows}
        _write_text(sheet, row, 0, "Financeur", self.header)
        _write_text(sheet, row, 1, "Montant engagé", self.header)
        for funder, amount in self.export.figures.by_funder:
            row += 1
            _write_text(sheet, row, 0, names.get(funder, funder))
            sheet.write_number(row, 1, float(amount), self.money)

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()


# --- the tables' cells -----------------------------------------------------------------------
#
# XlsxWriter stores each cell as an object, then writes its XML at close: about 10 µs a cell,
# 25 s for the 2.2 million cells of a 10 000-action pact (issue 10 allows 3 x validate, ~10 s).
# The tables' sheets therefore write their <sheetData> in one pass (~0.5 µs a cell), exactly
# as XlsxWriter writes its own cells (inline strings, its escapes, its date serials), while
# XlsxWriter still writes everything else: styles, column widths, frozen panes, autofilter,
# document properties, the package. The read-back tests (openpyxl) check every cell.

_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
_SPECIAL = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_EPOCH = dt.date(1899, 12, 31)


def _inline(value: str) -> str:
    """An inline string, escaped as XlsxWriter does (XML, then Excel's `_xHHHH_` codes)."""
    text = escape.workbook_text(value)
    if _SPECIAL.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = _EXCEL_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"


def _serial(day: dt.date) -> int:
    """Excel's day number (1900 system, with its phantom 29 February 1900)."""
    number = (day - _EPOCH).days
    return number + 1 if number > 59 else number


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _SheetRows:
    """The <sheetData> of one table: its header row, then one row per table row."""

    CHUNK = 2000

    def __init__(self, table: Table, book: _Book) -> None:
        self.table = table
        self.book = book
        self.width = len(table.spec.columns)
        self.count = len(table.rows)

    def _cells(self) -> list[Callable[[str, Any], str]]:
        """One function per column: (cell reference, non-empty value) -> the cell's XML."""
        book = self.book
        integer, money = book.integer._get_xf_index(), book.money._get_xf_index()
        date = book.date._get_xf_index()
        by_kind: dict[ColumnKind, Callable[[str, Any], str]] = {
            ColumnKind.TEXT: lambda r, v: f'<c r="{r}" t="inlineStr">{_inline(v)}</c>',
            ColumnKind.INTEGER: lambda r, v: f'<c r="{r}" s="{integer}"><v>{v}</v></c>',
            ColumnKind.YEAR: lambda r, v: f'<c r="{r}" s="{integer}"><v>{v}</v></c>',
            ColumnKind.MONEY: lambda r, v: f'<c r="{r}" s="{money}"><v>{v}</v></c>',
            ColumnKind.NUMBER: lambda r, v: f'<c r="{r}"><v>{v}</v></c>',
            ColumnKind.DATE: lambda r, v: f'<c r="{r}" s="{date}"><v>{_serial(v)}</v></c>',
            ColumnKind.BOOLEAN: lambda r, v: f'<c r="{r}" t="b"><v>{1 if v else 0}</v></c>',
        }
        return [by_kind[column.kind] for column in self.table.spec.columns]

    def xml(self) -> Iterator[str]:
        letters = [_column_letters(i) for i in range(self.width)]
        header = self.book.header._get_xf_index()
        yield (
            '<row r="1">'
            + "".join(
                f'<c r="{letter}1" s="{header}" t="inlineStr">{_inline(name)}</c>'
                for letter, name in zip(letters, self.table.spec.names, strict=True)
            )
            + "</row>"
        )
        cells = list(enumerate(zip(letters, self._cells(), strict=True)))
        parts: list[str] = []
        for number, row in enumerate(self.table.rows, start=2):
            parts.append(f'<row r="{number}">')
            for index, (letter, cell) in cells:
                value = row[index]
                if value is not None:
                    parts.append(cell(f"{letter}{number}", value))
            parts.append("</row>")
            if len(parts) > self.CHUNK:
                yield "".join(parts)
                parts = []
        yield "".join(parts)


@cache
def _table_sheet_class() -> type[Any]:
    """A worksheet whose <sheetData> is `_SheetRows` (defined once XlsxWriter is imported)."""
    from xlsxwriter.worksheet import Worksheet

    class TableSheet(Worksheet):  # type: ignore[misc]
        rows: _SheetRows | None = None

        def set_rows(self, rows: _SheetRows) -> None:
            self.rows = rows
            self._check_dimensions(0, 0)
            self._check_dimensions(rows.count, rows.width - 1)

        def _write_sheet_data(self) -> None:
            if self.rows is None:
                super()._write_sheet_data()
                return
            self._xml_start_tag("sheetData")
            for chunk in self.rows.xml():
                self.fh.write(chunk)
            self._xml_end_tag("sheetData")

    return TableSheet


def _incompleteness(export: Export) -> list[str]:
    count = export.errors
    lines = [
        f"Attention : export produit malgré {count} erreur{'s' if count > 1 else ''} de "
        "validation ; des données peuvent manquer ou être fausses (voir la feuille "
        "« Problèmes »)."
    ]
    omissions = export.figures.omissions
    for unread in omissions.absent_actions:
        lines.append(f"Action absente (fichier illisible) : {unread.path}")
    for path in omissions.partial_files:
        lines.append(f"Fichier lu en partie : {path}")
    for path in omissions.unknown_money:
        lines.append(f"Argent en partie inconnu : {path}")
    return lines


def _column_widths(table: Table) -> list[int]:
    widths = []
    for index, column in enumerate(table.spec.columns):
        width = max(len(column.name) + 3, _WIDTHS.get(column.kind, 0))
        if column.kind is ColumnKind.TEXT:
            for row in table.rows[:_WIDTH_SAMPLE]:
                value = row[index]
                if value is not None:
                    width = max(width, min(len(value), 60) + 2)
        widths.append(width)
    return widths


def render(export: Export) -> bytes:
    book = _Book(export)
    book.key_figures()
    for table in export.tables:
        if table.spec.name != "metadonnees":  # its content heads the key figures sheet
            book.table_sheet(table)
    return mark_archive(book.close())
