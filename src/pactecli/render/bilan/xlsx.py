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
import zipfile
from collections.abc import Sequence
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pactecli.formatting import long_date
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.render.roadmap import Options
from pactecli.report.bilan_types import ActionBilan, BilanContexte, ConventionBilan

SIGNING = EMBEDDED
MAX_CELL = 32767  # Excel's limit for a text cell
MONEY = "#,##0.00 €"
RATE = "0.0 %"
DATE = "dd/mm/yyyy"

Cell = str | Decimal | int | dt.date | None
Column = tuple[str, str, int]
"""(header, kind: text|money|rate|number|date, width)."""


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
            "title": _text(f"{context.titre}{' (provisoire)' if context.provisoire else ''}"),
            "subject": "Bilan d'exécution du pacte local des solidarités",
            "author": "pacte",
            "comments": SIGNATURE,
        }
    )
    sheets = _Sheets(workbook)
    sheets.summary(context)
    sheets.table("Actions", _ACTION_COLUMNS, list(_action_rows(context)), totals=(6, 7, 8, 9))
    sheets.table("Financeurs", _FUNDER_COLUMNS, list(_funder_rows(context)), totals=(6, 7, 8))
    sheets.table("Montants signés", _SIGNED_COLUMNS, list(_signed_rows(context)), totals=(2, 3, 4))
    sheets.table("Parité", _PARITY_COLUMNS, list(_parity_rows(context)))
    sheets.table("Indicateurs", _INDICATOR_COLUMNS, list(_indicator_rows(context)))
    sheets.table("Changements", _CHANGE_COLUMNS, list(_change_rows(context)))
    sheets.table("Décisions", _DECISION_COLUMNS, list(_decision_rows(context)))
    workbook.close()
    return _with_comment(buffer.getvalue(), SIGNATURE.encode())


def _with_comment(data: bytes, comment: bytes) -> bytes:
    """The archive with `comment` as its zip comment (the members are not rewritten)."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = comment
    return buffer.getvalue()


def _text(value: str) -> str:
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


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
        sheet.write_string(0, 0, _text(context.titre), self.formats["title"])
        facts: list[tuple[str, Cell]] = [
            ("Territoire", context.territoire),
            ("Année", context.annee),
            ("État de l'année", "provisoire" if context.provisoire else "close"),
            ("Clôture de l'année", context.cloture),
            ("Situation au", context.situation),
            ("Source des données", _source(context)),
            ("Actions", context.nb_actions),
            ("Erreurs de validation", context.nb_erreurs),
        ]
        for row, (label, value) in enumerate(facts, start=2):
            sheet.write_string(row, 0, label, self.formats["label"])
            self._cell(sheet, row, 1, value, "number" if isinstance(value, int) else "text")
        start = len(facts) + 3
        columns: Sequence[Column] = _SUMMARY_COLUMNS
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
            sheet.write_string(row, col, _text(value), self.formats["text"])
        elif isinstance(value, dt.date):
            sheet.write_datetime(
                row, col, dt.datetime.combine(value, dt.time()), self.formats["date"]
            )
        else:
            sheet.write_number(
                row, col, float(value), self.formats.get(kind, self.formats["number"])
            )


def _source(context: BilanContexte) -> str:
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


_SUMMARY_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 34),
    ("Budget", "money", 16),
    ("Engagé", "money", 16),
    ("Versé", "money", 16),
    ("Dépensé", "money", 16),
    ("Reste à verser", "money", 16),
)
_ACTION_COLUMNS: tuple[Column, ...] = (
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


def _action_rows(context: BilanContexte) -> list[list[Cell]]:
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


_FUNDER_COLUMNS: tuple[Column, ...] = (
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


def _funder_rows(context: BilanContexte) -> list[list[Cell]]:
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


_SIGNED_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 34),
    ("Financeur", "text", 24),
    ("Signé (annexe)", "money", 16),
    ("Engagé", "money", 16),
    ("Versé", "money", 16),
)


def _signed_rows(context: BilanContexte) -> list[list[Cell]]:
    return [
        [convention.titre, signed.partenaire.libelle, signed.signe, signed.engage, signed.verse]
        for convention in context.conventions
        for signed in convention.signes
    ]


_PARITY_COLUMNS: tuple[Column, ...] = (
    ("Convention", "text", 34),
    ("Cofinanceur", "text", 24),
    ("Engagé", "money", 16),
    ("Part de l'engagé", "rate", 14),
    ("Versé", "money", 16),
    ("Part du versé", "rate", 14),
    ("Parité de l'engagé", "text", 16),
    ("Parité du versé", "text", 16),
)


def _parity_rows(context: BilanContexte) -> list[list[Cell]]:
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


_INDICATOR_COLUMNS: tuple[Column, ...] = (
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


def _indicator_rows(context: BilanContexte) -> list[list[Cell]]:
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


_CHANGE_COLUMNS: tuple[Column, ...] = (
    ("Date", "date", 12),
    ("Changement", "text", 70),
    ("Convention", "text", 24),
    ("Action", "text", 24),
    ("Commit", "text", 12),
    ("Auteur", "text", 24),
    ("Message", "text", 50),
)


def _change_rows(context: BilanContexte) -> list[list[Cell]]:
    return [
        [c.date, c.texte, c.convention, c.action, c.commit, c.auteur, c.message]
        for c in context.changements
    ]


_DECISION_COLUMNS: tuple[Column, ...] = (
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


def _decision_rows(context: BilanContexte) -> list[list[Cell]]:
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
