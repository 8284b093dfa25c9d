"""`pacte bilan --format xlsx`: the bilan as a workbook, one sheet per table (XlsxWriter).

Every sheet has a bold header row, frozen, with filters, and French number formats (Excel and
LibreOffice show them with the reader's separators: « 12 000,00 € », « 97,6 % »). Amounts are
numbers (exact: the record format allows at most 15 significant digits, which a double holds),
dates are dates, and every text is written as text: a title typed as `=HYPERLINK(…)` stays a
title (`strings_to_formulas` off, and `write_string` only). Totals are SUM formulas whose
cached value is pacte's own sum, so a reader library and a spreadsheet see the same figures.

The marker of `render.output` is the zip archive's comment (plain bytes at the end of the
file, of fixed length): it is signed like any output, so `--output` replaces a workbook pacte
wrote and refuses any other.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pactecli.render import escape
from pactecli.render.bilan import tables
from pactecli.render.bilan.tables import Cell, Column
from pactecli.render.output import EMBEDDED, SIGNATURE, mark_archive
from pactecli.render.roadmap import Options
from pactecli.report.bilan_types import BilanContexte

SIGNING = EMBEDDED
MONEY = "#,##0.00 €"
RATE = "0.0 %"
DATE = "dd/mm/yyyy"


def render(context: BilanContexte, options: Options) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": DATE,
        },
    )
    workbook.set_properties(
        {
            "title": escape.workbook_text(
                f"{context.titre}{' (provisoire)' if context.provisoire else ''}"
            ),
            "subject": "Bilan d'exécution du pacte local des solidarités",
            "author": "pacte",
            "comments": SIGNATURE,
        }
    )
    sheets = _Sheets(workbook)
    sheets.summary(context)
    sheets.table("Actions", tables.ACTION_COLUMNS, tables.action_rows(context), totals=(6, 7, 8, 9))
    sheets.table("Financeurs", tables.FUNDER_COLUMNS, tables.funder_rows(context), totals=(6, 7, 8))
    sheets.table(
        "Montants signés", tables.SIGNED_COLUMNS, tables.signed_rows(context), totals=(2, 3, 4)
    )
    sheets.table("Parité", tables.PARITY_COLUMNS, tables.parity_rows(context))
    sheets.table("Indicateurs", tables.INDICATOR_COLUMNS, tables.indicator_rows(context))
    sheets.table("Changements", tables.CHANGE_COLUMNS, tables.change_rows(context))
    sheets.table("Décisions", tables.DECISION_COLUMNS, tables.decision_rows(context))
    workbook.close()
    return mark_archive(buffer.getvalue())


class _Sheets:
    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.formats = {
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#E3E3FD", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"text_wrap": False}),
            "money": workbook.add_format({"num_format": MONEY}),
            "rate": workbook.add_format({"num_format": RATE}),
            "number": workbook.add_format({"num_format": "#,##0.##"}),
            "date": workbook.add_format({"num_format": DATE}),
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "label": workbook.add_format({"bold": True}),
            "total": workbook.add_format({"bold": True, "num_format": MONEY, "top": 1}),
            "total_label": workbook.add_format({"bold": True, "top": 1}),
        }

    def summary(self, context: BilanContexte) -> None:
        sheet = self.workbook.add_worksheet("Synthèse")
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 6, 18)
        sheet.write_string(0, 0, escape.workbook_text(context.titre), self.formats["title"])
        facts: list[tuple[str, Cell]] = [
            ("Territoire", context.territoire),
            ("Année", context.annee),
            ("État de l'année", "provisoire" if context.provisoire else "close"),
            ("Clôture de l'année", context.cloture),
            ("Situation au", context.situation),
            ("Source des données", tables.source(context)),
            ("Actions", context.nb_actions),
            ("Erreurs de validation", context.nb_erreurs),
        ]
        for row, (label, value) in enumerate(facts, start=2):
            sheet.write_string(row, 0, label, self.formats["label"])
            self._cell(sheet, row, 1, value, "number" if isinstance(value, int) else "text")
        start = len(facts) + 3
        columns: Sequence[Column] = tables.SUMMARY_COLUMNS
        rows: list[list[Cell]] = [
            [
                c.titre,
                c.montants.budget,
                c.montants.engage,
                c.montants.verse,
                c.montants.depense,
                c.montants.reste_a_verser,
            ]
            for c in context.conventions
        ]
        self._write_table(sheet, start, columns, rows, totals=(1, 2, 3, 4, 5))
        sheet.freeze_panes(start + 1, 0)

    def table(
        self,
        name: str,
        columns: Sequence[Column],
        rows: list[list[Cell]],
        totals: Sequence[int] = (),
    ) -> None:
        sheet = self.workbook.add_worksheet(name)
        for index, (_, _, width) in enumerate(columns):
            sheet.set_column(index, index, width)
        self._write_table(sheet, 0, columns, rows, totals)
        sheet.freeze_panes(1, 0)

    def _write_table(
        self,
        sheet: Worksheet,
        start: int,
        columns: Sequence[Column],
        rows: list[list[Cell]],
        totals: Sequence[int] = (),
    ) -> None:
        for index, (header, _, _) in enumerate(columns):
            sheet.write_string(start, index, header, self.formats["header"])
        for offset, row in enumerate(rows, start=start + 1):
            for index, value in enumerate(row):
                self._cell(sheet, offset, index, value, columns[index][1])
        last = start + len(rows)
        sheet.autofilter(start, 0, max(last, start), len(columns) - 1)
        if rows and totals:
            self._totals(sheet, start, last, rows, totals)

    def _totals(
        self, sheet: Worksheet, start: int, last: int, rows: list[list[Cell]], totals: Sequence[int]
    ) -> None:
        row = last + 1
        sheet.write_string(row, 0, "Total", self.formats["total_label"])
        for index in totals:
            values = [r[index] for r in rows if isinstance(r[index], Decimal | int)]
            total = sum((Decimal(v) for v in values), Decimal(0))  # type: ignore[arg-type]
            first = xl_rowcol_to_cell(start + 1, index)
            end = xl_rowcol_to_cell(last, index)
            sheet.write_formula(
                row, index, f"=SUM({first}:{end})", self.formats["total"], float(total)
            )

    def _cell(self, sheet: Worksheet, row: int, col: int, value: Cell, kind: str) -> None:
        if value is None:
            sheet.write_blank(row, col, None)
        elif isinstance(value, str):
            sheet.write_string(row, col, escape.workbook_text(value), self.formats["text"])
        elif isinstance(value, dt.date):
            sheet.write_datetime(
                row, col, dt.datetime.combine(value, dt.time()), self.formats["date"]
            )
        else:
            sheet.write_number(
                row, col, float(value), self.formats.get(kind, self.formats["number"])
            )
