"""`pacte list`: one line per record with its figures, the report's own, in three formats."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from explore_testing import (
    HOSTILE_NAME_VALUE,
    HOSTILE_TITLE_VALUE,
    flat,
    hostile_pact,
    pact_with_an_error,
    pact_with_an_unreadable_action,
    run,
)
from hostile_testing import assert_inert_lines

from pacte_testing import AS_OF_DATE, TESTS, check_pact, make_pact, run_pacte
from pactecli.render import listing as formats
from pactecli.report.context import build_context
from pactecli.report.listing import Criteres, ListKind, listing
from pactecli.report.lookup import NO_SOURCE, explore
from pactecli.report.selection import Filters

REPO = TESTS.parent


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    return make_pact(tmp_path / "pacte")


def rows(root: Path, *args: str) -> list[dict[str, str]]:
    done = run(root, "list", *args, "--format", "csv")
    assert done.exit_code == 0, done
    return list(csv.DictReader(io.StringIO(done.stdout)))


def data(root: Path, *args: str) -> dict[str, object]:
    done = run(root, "list", *args, "--format", "json")
    assert done.exit_code == 0, done
    found: dict[str, object] = json.loads(done.stdout)
    return found


def ids(root: Path, *args: str) -> list[str]:
    return [row["id"] for row in rows(root, *args)]


# --- each kind, by hand ------------------------------------------------------------------------


def test_actions_with_their_figures_and_the_derived_late_status(pact: Path) -> None:
    found = rows(pact, "actions")

    assert [(r["id"], r["convention"], r["axe"], r["pilote"]) for r in found] == [
        ("maraudes", "cls", "acces-droits", "etat"),
        ("petits-dejeuners", "cls", "enfance", "departement"),
        ("coaching-emploi", "partenariale", "emploi", "msa"),
    ]
    assert [(r["statut"], r["statut_libelle"]) for r in found] == [
        ("en_cours", "En cours"),
        ("en_retard", "En retard"),  # ended 31 December 2025, written en_cours
        ("realise", "Réalisée"),
    ]
    assert [(r["budget"], r["engage"], r["verse"], r["depense"]) for r in found] == [
        ("20000", "20000", "0", ""),
        ("60000", "60000", "0", ""),
        ("8000", "8000", "0", ""),
    ]


def test_partners_with_money_and_counts(pact: Path) -> None:
    found = rows(pact, "partenaires")

    assert [
        (r["id"], r["libelle"], r["categorie_libelle"], r["engage"], r["nb_actions"]) for r in found
    ] == [
        ("departement", "Département des Hautes-Alpes", "Collectivité territoriale", "45000", "3"),
        ("etat", "DDETS", "État", "40000", "2"),
        ("msa", "MSA", "Protection sociale", "3000", "2"),  # its ETP on maraudes counts
    ]
    assert [r["nb_actions_pilotees"] for r in found] == ["1", "1", "1"]
    assert [r["signataire_pacte"] for r in found] == ["true", "true", "false"]


def test_conventions_with_parity_and_no_signed_annex(pact: Path) -> None:
    found = rows(pact, "conventions")

    assert [(r["id"], r["type"], r["nb_actions"], r["budget"], r["engage"]) for r in found] == [
        ("cls", "CLS", "2", "80000", "80000"),
        ("partenariale", "partenariale", "1", "8000", "8000"),
    ]
    assert [(r["signe"], r["parite"]) for r in found] == [("", "true"), ("", "")]


def test_indicators_with_their_last_past_year(pact: Path) -> None:
    (found,) = rows(pact, "indicateurs")

    assert found == {
        "action": "petits-dejeuners",
        "id": "eleves",
        "libelle": "Élèves bénéficiaires",
        "unite": "personnes",
        "sens": "hausse",
        "annee": "2025",
        "cible": "1300",
        "realise": "1280",
        "atteinte": "0.9846",
    }


def test_parity_broken_in_one_year_is_said(pact: Path) -> None:
    edited = (pact / "data/partners/etat.yaml").read_text(encoding="utf-8")
    (pact / "data/partners/etat.yaml").write_text(
        edited.replace("2026: 5000", "2026: 4000"), encoding="utf-8"
    )
    found = {r["id"]: r["parite"] for r in rows_even_with_errors(pact, "conventions")}
    assert found == {"cls": "false", "partenariale": ""}


def rows_even_with_errors(root: Path, *args: str) -> list[dict[str, str]]:
    done = run(root, "list", *args, "--format", "csv")
    assert done.exit_code == 1, done
    return list(csv.DictReader(io.StringIO(done.stdout)))


# --- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--statut", "en_retard"), ["petits-dejeuners"]),
        (("--statut", "en_cours"), ["maraudes"]),  # late is not « en cours » any more
        (("--axe", "emploi"), ["coaching-emploi"]),
        (("--pilote", "etat"), ["maraudes"]),
        (("--convention", "cls"), ["maraudes", "petits-dejeuners"]),
        (("--partenaire", "msa"), ["maraudes", "coaching-emploi"]),
        (("--convention", "cls", "--partenaire", "msa"), ["maraudes"]),
        (("--statut", "abandonne"), []),
    ],
)
def test_action_filters(pact: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert ids(pact, "actions", *args) == expected


def test_indicator_filters_follow_their_actions(pact: Path) -> None:
    assert [r["id"] for r in rows(pact, "indicateurs", "--pilote", "departement")] == ["eleves"]
    assert rows(pact, "indicateurs", "--convention", "partenariale") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--convention", "partenariale"), ["departement", "msa"]),
        (("--axe", "enfance"), ["departement", "etat"]),
        (("--axe", "acces-droits"), ["departement", "etat", "msa"]),
    ],
)
def test_partner_filters(pact: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert ids(pact, "partenaires", *args) == expected


def test_filters_choose_lines_and_keep_whole_figures(pact: Path) -> None:
    departement = rows(pact, "partenaires", "--convention", "partenariale")[0]
    assert departement["id"] == "departement"
    assert departement["engage"] == "45000"  # all it commits, not only to this convention


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--partenaire", "msa"), ["cls", "partenariale"]),
        (("--partenaire", "etat"), ["cls"]),
        (("--axe", "emploi"), ["partenariale"]),
    ],
)
def test_convention_filters(pact: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert ids(pact, "conventions", *args) == expected


@pytest.mark.parametrize(
    ("kind", "option", "value"),
    [
        ("partenaires", "--statut", "en_cours"),
        ("partenaires", "--pilote", "etat"),
        ("partenaires", "--partenaire", "etat"),
        ("conventions", "--convention", "cls"),
        ("conventions", "--pilote", "etat"),
    ],
)
def test_a_filter_that_does_not_apply_is_misuse(
    pact: Path, kind: str, option: str, value: str
) -> None:
    done = run(pact, "list", kind, option, value)

    assert done.exit_code == 2, done
    assert f"{option} ne s'applique pas à pacte list {kind}" in flat(done.stderr)
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("option", "typed", "meant"),
    [("--convention", "clss", "cls"), ("--pilote", "etta", "etat"), ("--axe", "emploie", "emploi")],
)
def test_unknown_ids_are_misuse_with_a_suggestion(
    pact: Path, option: str, typed: str, meant: str
) -> None:
    done = run(pact, "list", "actions", option, typed)

    assert done.exit_code == 2, done
    assert f"« {typed} » n'existe pas dans ce pacte" in flat(done.stderr)
    assert f"vouliez-vous dire « {meant} »" in flat(done.stderr)


def test_an_unknown_status_lists_the_allowed_ones(pact: Path) -> None:
    done = run(pact, "list", "actions", "--statut", "fini")
    assert done.exit_code == 2
    assert "en_retard" in done.stderr


# --- formats -----------------------------------------------------------------------------------


def test_table_is_aligned_text_with_french_amounts_and_a_total(pact: Path, no_color: None) -> None:
    done = run(pact, "list", "actions")

    assert done.exit_code == 0, done
    lines = flat(done.stdout).splitlines()
    assert lines[0].split() == [
        "Action", "Convention", "Axe", "Pilote", "Statut", "Budget", "Engagé", "Versé", "Dépensé"
    ]  # fmt: skip
    assert lines[3].split()[:3] == ["petits-dejeuners", "cls", "enfance"]
    assert "En retard" in lines[3] and "60 000 €" in lines[3]
    assert lines[-1].split() == ["Total", "(3", "actions)", *["88", "000", "€"] * 2, "0", "€", "—"]
    assert "\u202f" in done.stdout  # narrow no-break space between thousands
    assert len({len(line.rstrip()) for line in lines[:2]}) == 1  # heading underlined


def test_an_empty_list_says_so(pact: Path) -> None:
    done = run(pact, "list", "actions", "--statut", "suspendu")
    assert done.exit_code == 0
    assert done.stdout == "Aucune action ne correspond à ces filtres.\n"


def test_json_holds_exact_decimal_strings_and_the_filters(pact: Path) -> None:
    found = data(pact, "actions", "--convention", "cls")

    assert found["kind"] == "actions"
    assert found["as_of"] == "2026-11-27"
    assert found["filters"] == {"convention": "cls"}
    assert found["count"] == 2
    assert found["totals"] == {"budget": "80000", "engage": "80000", "verse": "0", "depense": None}
    first = found["rows"][0]  # type: ignore[index]
    assert first["budget"] == "20000" and first["depense"] is None
    assert "signature" in found


def test_cents_stay_exact_in_csv_and_json(tmp_path: Path) -> None:
    pact = make_pact(tmp_path / "p")
    for name in ("data/partners/departement.yaml", "data/partners/etat.yaml"):
        text = (pact / name).read_text(encoding="utf-8").replace("2026: 5000", "2026: 5000.05")
        (pact / name).write_text(text, encoding="utf-8")
    edited = (pact / "data/conventions/cls/actions/maraudes.yaml").read_text(encoding="utf-8")
    (pact / "data/conventions/cls/actions/maraudes.yaml").write_text(
        edited.replace("2026: 10000", "2026: 10000.10"), encoding="utf-8"
    )
    (maraudes, *_) = rows(pact, "actions")
    assert maraudes["engage"] == "20000.10"
    assert maraudes["budget"] == "20000.1"
    found = data(pact, "actions")["rows"][0]  # type: ignore[index]
    assert (found["budget"], found["engage"]) == ("20000.1", "20000.10")


def test_rich_table_on_a_terminal_shows_markup_as_text(tmp_path: Path) -> None:
    pact = hostile_pact(tmp_path / "p")
    validation = check_pact(pact)
    explorer = explore(validation.model, validation.diagnostics, Filters(), AS_OF_DATE)
    shown = formats.render(
        "table",
        listing(explorer, ListKind.ACTIONS, Criteres()),
        formats.Options(color=True, width=200),
    )

    assert "[red]Département[/red]" in shown  # not interpreted as rich markup
    assert "\\x1b[2J" in shown and "\x1b[2J" not in shown  # the record's ESC is visible
    assert "\x1b[" in shown  # rich's own colours


def test_help_says_amounts_are_decimals_with_a_dot() -> None:
    done = run_pacte("list", "--help")
    assert done.exit_code == 0
    shown = " ".join(flat(done.stdout).split())
    assert "montants sont des nombres décimaux à point (12000.5)" in shown
    for name, fmt in formats.FORMATS.items():
        assert f"{name} : {fmt.help}" in shown


def test_written_to_a_file_and_replaced_there(pact: Path, tmp_path: Path) -> None:
    target = tmp_path / "actions.csv"
    for _ in range(2):  # the second run replaces the signed file
        done = run(pact, "list", "actions", "--format", "csv", "--output", str(target))
        assert done.exit_code == 0, done
    text = target.read_text(encoding="utf-8")
    *table, signature = text.splitlines()
    assert signature.startswith("# généré par pacte ")
    assert len(list(csv.reader(table))) == 4


# --- hostile values ----------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_pact(tmp_path / "hostile")


def test_table_lines_stay_lines(hostile: Path, no_color: None) -> None:
    done = run(hostile, "list", "actions")
    assert done.exit_code == 0, done
    assert_inert_lines(done.stdout)
    assert len(done.stdout.splitlines()) == 2 + 3 + 2


def test_csv_cells_are_never_formulas_nor_new_rows(hostile: Path) -> None:
    done = run(hostile, "list", "actions", "--format", "csv")
    assert done.exit_code == 0, done
    assert_inert_lines(done.stdout.replace("\r\n", "\n"))
    assert len(done.stdout.splitlines()) == 4  # a line break in a title is not a new row
    (petits,) = [
        r for r in csv.DictReader(io.StringIO(done.stdout)) if r["id"] == "petits-dejeuners"
    ]
    assert petits["titre"].startswith("'=HYPERLINK(")
    assert petits["pilote_libelle"].startswith("'-1+1 [red]")


def test_json_keeps_the_values_exactly(hostile: Path) -> None:
    found = data(hostile, "actions")
    petits = found["rows"][1]  # type: ignore[index]
    assert petits["titre"] == HOSTILE_TITLE_VALUE
    assert petits["pilote_libelle"] == HOSTILE_NAME_VALUE


# --- a pact with errors ------------------------------------------------------------------------


def test_errors_list_what_is_known_warn_once_and_exit_1(tmp_path: Path) -> None:
    done = run(pact_with_an_error(tmp_path / "p"), "list", "actions")

    assert done.exit_code == 1, done
    assert "coaching-emploi" in done.stdout
    (warning,) = done.stderr.splitlines()
    assert flat(warning).startswith("pacte : attention : 1 erreur de validation")
    assert "pacte validate" in warning


def test_an_absent_action_is_said_with_what_is_not_counted(tmp_path: Path) -> None:
    done = run(pact_with_an_unreadable_action(tmp_path / "p"), "list", "actions", "-f", "csv")

    assert done.exit_code == 1, done
    assert [r["id"] for r in csv.DictReader(io.StringIO(done.stdout))] == [
        "petits-dejeuners",
        "coaching-emploi",
    ]
    (warning,) = done.stderr.splitlines()
    assert "1 action absente : maraudes" in flat(warning)
    assert "20 000 € de contributions non comptées" in flat(warning)


# --- the report's figures ----------------------------------------------------------------------


def _report_context():  # type: ignore[no-untyped-def]
    validation = check_pact(REPO, AS_OF_DATE)
    return build_context(validation.model, validation.diagnostics, Filters(), AS_OF_DATE, NO_SOURCE)


def _totals(kind: str) -> dict[str, Decimal | None]:
    found = data(REPO, kind)["totals"]
    return {k: None if v is None else Decimal(v) for k, v in found.items()}  # type: ignore[attr-defined]


def test_totals_agree_with_the_report_on_this_repository() -> None:
    context = _report_context()
    figures, execution = context.chiffres, context.execution.total
    actions, partners, conventions = (_totals(k) for k in ("actions", "partenaires", "conventions"))

    assert partners["engage"] == conventions["engage"] == figures.total_engage
    assert actions["budget"] == conventions["budget"] == figures.total_budget
    assert partners["verse"] == conventions["verse"] == execution.total_verse
    assert actions["depense"] == conventions["depense"] == execution.total_depense
    money_to_actions = sum((c.financement.totaux.total for c in context.conventions), Decimal(0))
    assert actions["engage"] == money_to_actions
    assert actions["verse"] == sum(
        (c.financement.verse.total for c in context.conventions), Decimal(0)
    )


def test_the_markdown_report_prints_the_same_total() -> None:
    report = run(REPO, "report", "--format", "markdown")
    listed = run(REPO, "list", "partenaires")
    assert report.exit_code == listed.exit_code == 0
    total = listed.stdout.splitlines()[-1].split("  ")
    engaged = [cell.strip() for cell in total if cell.strip()][1]
    assert engaged == "4\u202f623\u202f000\u00a0€"
    assert engaged in report.stdout


def test_each_action_line_is_the_reports_action() -> None:
    context = _report_context()
    by_id = {
        a.id: a
        for axis in context.axes
        for c in axis.conventions
        for o in c.objectifs
        for a in o.actions
    }
    for row in data(REPO, "actions")["rows"]:  # type: ignore[attr-defined]
        action = by_id[row["id"]]
        assert Decimal(row["budget"]) == action.financement.budget.total
        assert Decimal(row["engage"]) == action.financement.totaux.total
        assert row["statut"] == action.statut


def test_validate_does_not_import_list_nor_show_machinery() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        f"sys.argv = ['pacte', 'validate', '--root', {str(TESTS / 'cases' / 'base')!r}]\n"
        "from pactecli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(done.stdout.split())
    heavy = ("pactecli.report", "pactecli.render.listing.", "pactecli.render.record.", "rich")
    assert {m for m in loaded if m.startswith(heavy)} == set()
