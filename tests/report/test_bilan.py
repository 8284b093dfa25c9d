"""`pacte bilan ANNEE`: the yearly execution report, in Markdown, HTML and as a workbook.

The pact is `tests/cases/valid/execution-complete` (the base pact with 2025's spending and
payments), outside git, as of 27 November 2026: 2025 is closed, 2026 is current. By hand:
- cls (co-financed État / Département, avenant n° 1 of 14 March 2025):
  petits-dejeuners budget 40 000, État 20 000 + Département 20 000 committed and paid, spent
  39 000, ended 31 December 2025 but still « en cours » (late), pupils 1 280 for 1 300;
  maraudes budget 10 000, État 5 000 + Département 5 000 committed and paid, spent 9 800.
  Totals 50 000 / 50 000 / 50 000 / 48 800; parity 25 000 each, committed and paid.
- partenariale: coaching-emploi budget 8 000, Département 5 000 + MSA 3 000 committed and
  paid, spent 8 000.
"""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pacte_testing import AS_OF, CASES, Run, make_pact, run_pacte

CASE = CASES / "valid" / "execution-complete"
PDJ = "data/conventions/cls/actions/petits-dejeuners.yaml"
ETAT = "data/partners/etat.yaml"


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    files = {p.relative_to(CASE).as_posix(): p.read_text("utf-8") for p in CASE.rglob("*.yaml")}
    return make_pact(tmp_path / "pacte", files)


def bilan(root: Path, *args: str) -> Run:
    return run_pacte("bilan", "--root", str(root), "--as-of", AS_OF, *args)


def markdown(root: Path, *args: str) -> str:
    run = bilan(root, *args)
    assert run.exit_code == 0, run
    return plain(run.stdout)


def test_the_year_s_money_per_convention_and_in_total(pact: Path) -> None:
    text = markdown(pact, "2025")
    assert "# Bilan d'exécution 2025\n" in text
    assert "- **Année** 2025 : close" in text
    assert (
        "| Contrat local des solidarités 2024-2027 | 50 000 € | 50 000 € | 50 000 € | 48 800 € "
        "| 0 € |" in text
    )
    assert (
        "| **Total** | **58 000 €** | **58 000 €** | **58 000 €** | **56 800 €** | **0 €** |"
        in text
    )


def test_each_action_with_its_funders(pact: Path) -> None:
    text = markdown(pact, "2025")
    assert (
        "| **Maraudes dans les vallées**<br>Action nouvelle · pilote : DDETS | En cours | "
        "10 000 € | 10 000 € | 10 000 € | 9 800 € |" in text
    )
    assert "| ↳ DDETS | | | 5 000 € | 5 000 € | |" in text
    assert "| ↳ MSA | | | 3 000 € | 3 000 € | |" in text


def test_parity_achieved_by_the_co_funders(pact: Path) -> None:
    text = markdown(pact, "2025")
    assert "engagé : parité respectée ; versé : parité respectée." in text
    assert "| DDETS | 25 000 € | 50,0 % | 25 000 € | 50,0 % |" in text


def test_a_co_funder_that_paid_less_breaks_the_paid_parity(pact: Path) -> None:
    etat = pact / ETAT
    etat.write_text(
        etat.read_text("utf-8").replace(
            "{date: 2025-04-15, montant: 5000}", "{date: 2025-04-15, montant: 3000}"
        ),
        "utf-8",
    )
    text = markdown(pact, "2025")
    assert "engagé : parité respectée ; versé : **écart de 2 000 €**." in text
    assert (
        "- Parts inégales : Maraudes dans les vallées — engagé 5 000 € / 5 000 €, "
        "versé 3 000 € / 5 000 €" in text
    )
    assert (
        "- Maraudes dans les vallées — DDETS : 2 000 € engagés non versés "
        "(engagé 5 000 €, versé 3 000 €)" in text
    )


def test_avenants_of_the_year_and_decisions(pact: Path) -> None:
    text = markdown(pact, "2025")
    assert (
        "| 14 mars 2025 | Avenant n° 1 à « Contrat local des solidarités 2024-2027 » : "
        "Ajustement des enveloppes 2025 | fichiers du pacte |" in text
    )
    assert "D'après les fichiers seuls : le pacte n'est pas dans un dépôt git" in text
    assert (
        "- Petits déjeuners gratuits à l'école — fin prévue le 31 décembre 2025, "
        "331 jours de retard" in text
    )
    assert (
        "| Petits déjeuners gratuits à l'école | Élèves bénéficiaires | 1 300 personnes | "
        "1 280 personnes | 98 % |" in text
    )


def test_indicators_target_actual_and_gap(pact: Path) -> None:
    text = markdown(pact, "2025")
    assert (
        "| Petits déjeuners gratuits à l'école | Élèves bénéficiaires | 1 300 personnes | "
        "1 280 personnes | -20 | 98 % ⚠ |" in text
    )


def test_the_current_year_is_provisional(pact: Path) -> None:
    text = markdown(pact, "2026")
    assert "# Bilan d'exécution 2026 (provisoire)" in text
    assert "**provisoire**, close le 1er juillet 2027" in text
    assert "> **Bilan provisoire.**" in text
    assert "Bilan provisoire" not in markdown(pact, "2025")


def test_years_without_a_bilan_are_refused(pact: Path) -> None:
    future = bilan(pact, "2027")
    assert future.exit_code == 2
    assert "l'année 2027 n'a pas commencé au 27 novembre 2026" in plain(future.stderr)
    before = bilan(pact, "2023")
    assert before.exit_code == 2
    assert "2023 est hors de la période du pacte (2024-2027)" in before.stderr


def test_a_convention_filter_keeps_its_actions_only(pact: Path) -> None:
    text = markdown(pact, "2025", "--convention", "partenariale")
    assert "Coaching vers l'emploi" in text
    assert "Maraudes" not in text
    assert "| **Total** | **8 000 €** | **8 000 €** | **8 000 €** | **8 000 €** | **0 €** |" in text
    wrong = bilan(pact, "2025", "--convention", "partenarial")
    assert wrong.exit_code == 2
    assert "vouliez-vous dire « partenariale » ?" in wrong.stderr


def test_errors_refuse_the_bilan_unless_forced(pact: Path) -> None:
    (pact / PDJ).write_text(
        (pact / PDJ).read_text("utf-8").replace("statut: en_cours", "statut: fini"), "utf-8"
    )
    refused = bilan(pact, "2025")
    assert refused.exit_code == 1
    assert "bilan non produit" in refused.stderr
    forced = bilan(pact, "2025", "--force")
    assert forced.exit_code == 0, forced
    assert "**⚠ Bilan produit malgré 1 erreur de validation**" in forced.stdout


def test_html_is_one_page_with_the_same_figures(pact: Path) -> None:
    run = bilan(pact, "2025", "--format", "html")
    assert run.exit_code == 0, run
    page = plain(run.stdout)
    assert page.startswith("<!DOCTYPE html>")
    assert '<tbody id="bilan-maraudes">' in page
    assert "<td>50 000 €</td><td>50 000 €</td><td>50 000 €</td><td>48 800 €</td>" in page


def test_hostile_titles_stay_text_in_every_format(pact: Path, tmp_path: Path) -> None:
    path = pact / PDJ
    hostile = 'titre: "=HYPERLINK(\\"http://x\\") | <script>alert(1)</script> \\e[31m"'
    path.write_text(
        path.read_text("utf-8").replace("titre: Petits déjeuners gratuits à l'école", hostile),
        "utf-8",
    )
    md = bilan(pact, "2025").stdout
    assert "<script>" not in md and "\x1b" not in md
    assert "\\| " in md  # the pipe cannot split a table cell
    html = bilan(pact, "2025", "--format", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;" in html
    target = tmp_path / "bilan.xlsx"
    assert bilan(pact, "2025", "--format", "xlsx", "--output", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Actions"]
    titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(t, str) and t.startswith('=HYPERLINK("http://x")') for t in titles)
    assert sheet.cell(2, 3).data_type == "s"


def test_workbook_one_sheet_per_table_frozen_headers_french_formats(
    pact: Path, tmp_path: Path
) -> None:
    target = tmp_path / "bilan.xlsx"
    run = bilan(pact, "2025", "--format", "xlsx", "--output", str(target))
    assert run.exit_code == 0, run
    workbook = openpyxl.load_workbook(target, data_only=True)
    assert workbook.sheetnames == [
        "Synthèse",
        "Actions",
        "Financeurs",
        "Montants signés",
        "Parité",
        "Indicateurs",
        "Changements",
        "Décisions",
    ]
    actions = workbook["Actions"]
    assert actions.freeze_panes == "A2"
    header = [c.value for c in actions[1]]
    assert header[:10] == [
        "Convention",
        "Axe",
        "Action",
        "Nature",
        "Pilote",
        "Statut",
        "Budget",
        "Engagé",
        "Versé",
        "Dépensé",
    ]
    rows = {r[13]: r for r in actions.iter_rows(min_row=2, values_only=True) if r[13]}
    assert rows["maraudes"][6:10] == (10000, 10000, 10000, 9800)
    assert actions.cell(2, 7).number_format == "#,##0.00 €"
    assert actions.cell(2, 11).number_format == "0.0 %"
    total = [c.value for c in actions[actions.max_row]]
    assert total[0] == "Total" and total[6:10] == [58000, 58000, 58000, 56800]
    formulas = openpyxl.load_workbook(target)["Actions"]
    assert formulas.cell(formulas.max_row, 7).value == "=SUM(G2:G4)"
    funders = workbook["Financeurs"]
    paid = sum(
        Decimal(str(r[7]))
        for r in funders.iter_rows(min_row=2, values_only=True)
        if r[0] != "Total"
    )
    assert paid == 58000
    parity = [r for r in workbook["Parité"].iter_rows(min_row=2, values_only=True)]
    assert [(r[1], r[2], r[3]) for r in parity] == [
        ("DDETS", 25000, 0.5),
        ("Département des Hautes-Alpes", 25000, 0.5),
    ]


def test_a_workbook_is_signed_and_replaced_only_when_pacte_wrote_it(
    pact: Path, tmp_path: Path
) -> None:
    target = tmp_path / "bilan.xlsx"
    assert bilan(pact, "2025", "-f", "xlsx", "-o", str(target)).exit_code == 0
    assert zipfile.ZipFile(target).comment.startswith("généré par pacte".encode())
    assert bilan(pact, "2025", "-f", "xlsx", "-o", str(target)).exit_code == 0
    other = tmp_path / "autre.xlsx"
    other.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive someone else wrote
    refused = bilan(pact, "2025", "-f", "xlsx", "-o", str(other))
    assert refused.exit_code == 2
    assert "n'a pas été produit par pacte" in refused.stderr
    assert other.read_bytes() == b"PK\x05\x06" + bytes(18)


def test_a_pact_template_overrides_the_bilan_in_the_sandbox(pact: Path) -> None:
    templates = pact / "templates"
    templates.mkdir()
    (templates / "bilan.md.j2").write_text(
        "Bilan {{ annee }} : {{ montants.verse | euros }}\n", "utf-8"
    )
    assert plain(bilan(pact, "2025").stdout).startswith("Bilan 2025 : 58 000 €")
    (templates / "bilan.md.j2").write_text("{{ ''.__class__.__mro__ }}\n", "utf-8")
    escaped = bilan(pact, "2025")
    assert escaped.exit_code == 1
    assert "bac à sable" in escaped.stderr


def test_json_is_not_a_bilan_format(pact: Path) -> None:
    run = bilan(pact, "2025", "--format", "json")
    assert run.exit_code == 2
    assert json.dumps("xlsx")[1:-1] in run.stderr


@pytest.mark.parametrize("kind", ["markdown", "html"])
def test_default_templates_render_identically_in_the_sandbox(pact: Path, kind: str) -> None:
    import datetime as dt

    from jinja2.sandbox import SandboxedEnvironment

    from pacte_testing import check_pact
    from pactecli.render.roadmap import templating
    from pactecli.report.bilan import build_bilan
    from pactecli.report.context_types import Provenance

    validation = check_pact(pact, dt.date(2026, 11, 27))
    context = build_bilan(
        validation.model,
        validation.diagnostics,
        2025,
        None,
        dt.date(2026, 11, 27),
        Provenance(None, None, False, True),
        None,
    )
    name = templating.BILAN_TEMPLATES[kind]
    trusted = templating.environment(kind, None, pact)
    sandbox = templating.environment(kind, None, pact, sandboxed=True)
    assert isinstance(sandbox, SandboxedEnvironment)
    variables = context.variables()
    rendered = trusted.get_template(name).render(variables)
    assert "Points appelant une décision" in rendered
    assert sandbox.get_template(name).render(variables) == rendered


@pytest.mark.parametrize(
    ("fmt", "name"), [("markdown", "bilan-2025.md"), ("html", "bilan-2025.html")]
)
def test_bilan_matches_its_golden_file(pact: Path, fmt: str, name: str) -> None:
    """Regenerate with `PACTE_UPDATE_GOLDEN=1`, then read the diff and look at the page."""
    import os

    run = bilan(pact, "2025", "--format", fmt)
    assert run.exit_code == 0, run
    golden = Path(__file__).parent / "golden" / name
    if os.environ.get("PACTE_UPDATE_GOLDEN"):
        golden.write_text(run.stdout, encoding="utf-8")
    assert run.stdout == golden.read_text(encoding="utf-8")
