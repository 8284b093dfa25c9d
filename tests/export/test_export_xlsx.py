"""`pacte export --format xlsx`, read back cell by cell with openpyxl: values, types, number
formats, frozen header, autofilter, French sheet names, the key figures first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from export_testing import REPO, REPO_AS_OF, run_export
from openpyxl.worksheet.worksheet import Worksheet

from pacte_testing import run_pacte
from pactecli.export.columns import TABLES

MONEY = '#,##0.00 "€"'


def workbook(root: Path, *args: str) -> openpyxl.Workbook:
    target = root.parent / "pacte.xlsx"
    run = run_export(root, "--format", "xlsx", "--output", str(target), *args)
    assert run.exit_code == 0, run
    return openpyxl.load_workbook(target)


def rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_key_figures_first_then_one_french_sheet_per_table(mini: Path) -> None:
    book = workbook(mini)
    expected = ["Chiffres clés"] + [s.title for s in TABLES if s.name != "metadonnees"]
    assert book.sheetnames == expected
    assert "Dépenses" in expected and "Problèmes" in expected


def test_key_figures(mini: Path) -> None:
    sheet = workbook(mini)["Chiffres clés"]
    values = {row[0]: row[1] for row in rows(sheet) if row[0] is not None}
    assert sheet["A1"].value == "Pacte local des solidarités — Haut-Val"
    assert values["Situation au"] == "30 juin 2026"
    assert values["Code du département"] == "2A"
    assert values["Filtres"] == "aucun"
    assert values["Actions"] == 3
    assert values["Budget prévu"] == 108000.5  # 30 000 + 30 000,50 + 8 000 + 40 000
    assert values["Montant engagé"] == 108500.5  # with the 500 € to a convention as a whole
    assert values["Reste à financer"] == 0
    assert values["Versé"] == 39000.15
    assert values["Dépensé (déclaré)"] == 28000
    by_year = {row[0]: row[1:5] for row in rows(sheet) if row[0] in (2025, 2026)}
    assert by_year[2025] == (38000, 38000, 30000, 28000)
    assert by_year[2026] == (70000.5, 70500.5, 9000.15, None)
    funders = dict(r[:2] for r in rows(sheet) if r[0] in ("CD", "DDETS", "MSA"))
    assert funders == {"CD": 64500.25, "DDETS": 34000.25, "MSA": 10000}


def test_cells_have_their_types_and_formats(mini: Path) -> None:
    book = workbook(mini)
    money = book["Financements"]
    assert [c.value for c in money[1]] == list(TABLES[1].names)
    row = [c for c in money[3]]
    assert [c.value for c in row] == [
        "2A",
        "petits-dejeuners",
        "cls",
        "repas",
        "enfance",
        "departement",
        1,
        2026,
        15000.25,
        9000.15,
    ]
    assert row[8].number_format == MONEY and row[9].number_format == MONEY
    assert row[7].number_format == "0"
    assert money["A1"].font.bold
    whole = [c.value for c in money[6]]
    assert whole[1] is None and whole[2] == "emploi"  # money to a convention as a whole
    actions = {r[1]: r for r in rows(book["Actions"])[1:]}
    assert actions["creches"][9] is True  # en_retard, a boolean
    assert actions["creches"][10] == dt.datetime(2025, 3, 1)
    assert book["Actions"]["K2"].number_format == "dd/mm/yyyy"
    contributions = rows(book["Contributions"])
    assert contributions[5][6] == 0.5  # etp, a number


@pytest.mark.parametrize("title", [s.title for s in TABLES if s.name != "metadonnees"])
def test_every_table_sheet_has_a_frozen_header_and_an_autofilter(mini: Path, title: str) -> None:
    sheet = workbook(mini)[title]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    assert sheet["A1"].value == "departement"
    assert sheet.column_dimensions["A"].width > 8


def test_sheets_hold_the_same_rows_as_the_csv_tables(mini: Path) -> None:
    """One set of tables for every format: a sheet has exactly its table's rows."""
    from pacte_testing import check_pact
    from pactecli.export.produce import tables_of
    from pactecli.report.selection import Filters

    book = workbook(mini)
    day = dt.date(2026, 6, 30)
    export = tables_of(check_pact(mini, day), Filters(), day)
    for table in export.tables:
        if table.spec.name == "metadonnees":
            continue
        assert len(rows(book[table.spec.title])) == len(table.rows) + 1, table.spec.name


def test_a_forced_workbook_says_what_is_missing(mini: Path) -> None:
    (mini / "data/conventions/cls/actions/creches.yaml").write_text("titre: [\n", "utf-8")
    book = workbook(mini, "--force")
    texts = [c for row in rows(book["Chiffres clés"]) for c in row if isinstance(c, str)]
    assert any(t.startswith("Attention : export produit malgré 1 erreur") for t in texts)
    assert "Action absente (fichier illisible) : data/conventions/cls/actions/creches.yaml" in (
        texts
    )
    problems = rows(book["Problèmes"])
    assert problems[1][1:3] == ("erreur", "yaml-invalide")


def test_this_repository_workbook_opens(tmp_path: Path) -> None:
    target = tmp_path / "hautes-alpes.xlsx"
    run = run_pacte(
        "export", "--root", str(REPO), "--as-of", REPO_AS_OF, "-f", "xlsx", "-o", str(target)
    )
    assert run.exit_code == 0, run
    book = openpyxl.load_workbook(target)
    assert len(rows(book["Actions"])) == 25
    assert book.properties.creator == "pacte"
