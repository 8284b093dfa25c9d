"""`pacte show ID`: everything about one action, partner or convention, the report's figures.

Golden files: `pacte show` of one Hautes-Alpes action, partner and convention (this
repository's data) in text and Markdown. After an intended change, regenerate them with
`PACTE_UPDATE_GOLDEN=1 pytest tests/cli/test_show.py`, then read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from explore_testing import (
    HOSTILE_TITLE_VALUE,
    flat,
    hostile_pact,
    pact_with_an_error,
    pact_with_an_unreadable_action,
    run,
)
from hostile_testing import assert_inert_lines

from pacte_testing import AS_OF_DATE, TESTS, base_text, check_pact, make_pact, run_pacte
from pactecli.report import sheets
from pactecli.report.context import build_context
from pactecli.report.lookup import NO_SOURCE, explore
from pactecli.report.selection import Filters

REPO = TESTS.parent
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    return make_pact(tmp_path / "pacte")


def shown(root: Path, *args: str) -> str:
    done = run(root, "show", *args)
    assert done.exit_code == 0, done
    return flat(done.stdout)


def squeezed(text: str) -> list[str]:
    """Each line with its runs of spaces made single (aligned columns, read as words)."""
    return [" ".join(line.split()) for line in text.splitlines()]


# --- an action ---------------------------------------------------------------------------------


def test_an_action_with_its_joins(pact: Path) -> None:
    lines = squeezed(shown(pact, "petits-dejeuners"))

    assert lines[0] == "Action « petits-dejeuners » — Petits déjeuners gratuits à l'école"
    for expected in (
        "Convention : cls — Contrat local des solidarités 2024-2027",
        "Objectif : cls-enfance — Une alimentation équilibrée à l'école",
        "Axe : 1. Prévenir la pauvreté et lutter contre les inégalités dès l'enfance",
        "Nature : Action renforcée",
        "Pilote : Département des Hautes-Alpes (departement)",
        "Partenaires : DDETS",
        "Calendrier : du 8 janvier 2024 au 31 décembre 2025",
        "Statut : En retard (fin prévue le 31 décembre 2025, dépassée)",
        "Fichier : data/conventions/cls/actions/petits-dejeuners.yaml",
    ):
        assert expected in lines, expected


def test_an_action_funding_plan_execution_and_indicators(pact: Path) -> None:
    lines = squeezed(shown(pact, "petits-dejeuners"))

    assert "Financeur 2024 2025 2026 2027 Total" in lines
    assert "Département des Hautes-Alpes 10 000 € 20 000 € 0 € 0 € 30 000 €" in lines
    assert "DDETS 10 000 € 20 000 € 0 € 0 € 30 000 €" in lines
    assert "Total 20 000 € 40 000 € 0 € 0 € 60 000 €" in lines
    assert "Reste à financer 0 € 0 € 0 € 0 € 0 €" in lines
    assert "2024 (close) 2025 (close) 2026 (en cours) 2027 (à venir) Total" in lines
    assert "Versé / engagé 0 % 0 % — —" in lines
    assert "Dépensé — — — — —" in lines
    assert "eleves — Élèves bénéficiaires" in lines
    assert "personnes ; plus c'est haut, mieux c'est ; référence 2023 : 900" in lines
    assert "2024 1 100 1 050 95 %" in lines
    assert "2025 1 300 1 280 98 %" in lines


def test_an_action_says_where_it_is_referenced_and_how_to_see_its_history(pact: Path) -> None:
    lines = squeezed(shown(pact, "maraudes"))

    assert (
        "data/partners/departement.yaml:12 Département des Hautes-Alpes : contribution financière"
        in lines
    )
    assert "data/partners/msa.yaml:11 MSA : contribution humaine" in lines
    assert lines[-1] == "Pour voir comment ses engagements ont changé : pacte history maraudes"


def test_an_action_in_markdown(pact: Path) -> None:
    text = shown(pact, "petits-dejeuners", "--format", "markdown")

    assert text.startswith("## Action « petits-dejeuners » — Petits déjeuners gratuits")
    assert "- **Convention** : `cls` — Contrat local des solidarités 2024-2027" in text
    assert (
        "| Financeur | 2024 | 2025 | 2026 | 2027 | Total |\n|---|---:|---:|---:|---:|---:|" in text
    )
    assert "| **Reste à financer** | **0 €** |" in text
    assert "#### `eleves` — Élèves bénéficiaires" in text
    assert "`pacte history petits-dejeuners`" in text


def test_an_action_in_json(pact: Path) -> None:
    done = run(pact, "show", "petits-dejeuners", "--format", "json")
    assert done.exit_code == 0, done
    found = json.loads(done.stdout)

    assert (found["kind"], found["id"]) == ("action", "petits-dejeuners")
    record = found["record"]
    assert record["financeurs"] == ["departement", "etat"]
    plan = record["action"]["financement"]
    assert [line["libelle"] for line in plan["lignes"]] == ["Département des Hautes-Alpes", "DDETS"]
    assert plan["budget"]["montants"] == ["20000", "40000", "0", "0"]
    assert record["action"]["statut"] == "en_retard"
    (indicator,) = record["action"]["indicateurs"]
    assert indicator["annees"][1]["atteinte"] == "0.9846"
    assert record["execution"]["taux_verse"] == ["0.0000", "0.0000", None, None]


# --- a partner ---------------------------------------------------------------------------------


def test_a_partner_with_its_contributions_leads_and_shares(pact: Path) -> None:
    lines = squeezed(shown(pact, "msa"))

    assert lines[0] == "Partenaire « msa » — Mutualité sociale agricole Alpes-Vaucluse"
    assert "Catégorie : Protection sociale" in lines
    assert "Signataire du pacte : non" in lines
    assert "Coaching vers l'emploi 0 € 3 000 € 0 € 0 € 3 000 €" in lines
    assert (
        "humaine Maraudes dans les vallées Une travailleuse sociale à mi-temps sur les tournées 0,5"
        in lines
    )
    assert "Au total : 0,5 ETP." in lines
    assert "Aucun versement enregistré." in lines
    assert "coaching-emploi Coaching vers l'emploi Réalisée 31 décembre 2025" in lines
    assert "Convention Engagé par MSA Engagé, tous financeurs Part Versé par MSA" in lines
    assert "partenariale 3 000 € 8 000 € 38 % 0 €" in lines  # 3 000 of 8 000


def test_a_partner_is_referenced_by_conventions_and_actions(pact: Path) -> None:
    lines = squeezed(shown(pact, "msa"))

    for expected in (
        "data/conventions/partenariale/convention.yaml:4 "
        "signataire de la convention « partenariale »",
        "data/conventions/cls/actions/maraudes.yaml:6 partenaire de l'action « maraudes »",
        "data/conventions/partenariale/actions/coaching-emploi.yaml:4 "
        "pilote de l'action « coaching-emploi »",
    ):
        assert expected in lines, expected
    assert lines[-1] == "Pour voir comment ses engagements ont changé : pacte history msa"


def test_a_partners_payments(tmp_path: Path) -> None:
    msa = base_text("data/partners/msa.yaml").replace(
        "      2025: 3000\n",
        "      2025: 3000\n    versements:\n      - {date: 2025-06-30, montant: 1000}\n"
        "      - {date: 2026-02-15, montant: 1500, annee: 2025}\n",
    )
    pact = make_pact(tmp_path / "p", {"data/partners/msa.yaml": msa})
    lines = squeezed(shown(pact, "msa"))

    assert "30 juin 2025 Coaching vers l'emploi 2025 1 000 €" in lines
    assert "15 février 2026 Coaching vers l'emploi 2025 1 500 €" in lines
    assert "Total versé 2 500 €" in lines
    assert "partenariale 3 000 € 8 000 € 38 % 2 500 €" in lines


# --- a convention ------------------------------------------------------------------------------


def test_a_convention_with_objectives_parity_and_ceilings(pact: Path) -> None:
    lines = squeezed(shown(pact, "cls"))

    assert lines[0] == "Convention « cls » — Contrat local des solidarités 2024-2027"
    for expected in (
        "Type : Contrat local des solidarités (CLS)",
        "Signataires : DDETS, Département des Hautes-Alpes",
        "Signature : 9 juillet 2024",
        "Période : du 1er janvier 2024 au 31 décembre 2027",
        "Cofinancement : DDETS et Département des Hautes-Alpes, à parts égales pour chaque "
        "action et chaque année",
        "Plafonds annuels : DDETS : 30 000 €",
        "1 14 mars 2025 Ajustement des enveloppes 2025",
        "cls-enfance — Une alimentation équilibrée à l'école (axe 1. Prévenir la pauvreté et "
        "lutter contre les inégalités dès l'enfance)",
        "petits-dejeuners Petits déjeuners gratuits à l'école Département des Hautes-Alpes "
        "En retard 60 000 €",
        "Année DDETS Département des Hautes-Alpes Écart Parité",
        "2024 10 000 € 10 000 € 0 € atteinte",
        "2025 25 000 € 25 000 € 0 € atteinte",
        "2026 5 000 € 5 000 € 0 € atteinte",
        "DDETS 30 000 € 10 000 € 25 000 € 5 000 € 0 €",
        "Pas de montants signés (engagements) dans la convention.",
    ):
        assert expected in lines, expected
    assert not any(line.startswith("Pour voir comment") for line in lines)  # no history


def test_broken_parity_and_a_ceiling_passed_are_shown(tmp_path: Path) -> None:
    etat = base_text("data/partners/etat.yaml").replace("2026: 5000", "2026: 4000")
    cls = base_text("data/conventions/cls/convention.yaml").replace("etat: 30000", "etat: 20000")
    pact = make_pact(
        tmp_path / "p",
        {"data/partners/etat.yaml": etat, "data/conventions/cls/convention.yaml": cls},
    )
    done = run(pact, "show", "cls")
    assert done.exit_code == 1, done  # the pact has errors: shown anyway
    lines = squeezed(flat(done.stdout))

    assert "2026 4 000 € 5 000 € -1 000 € non atteinte" in lines
    assert "DDETS 20 000 € 10 000 € 25 000 € (dépassé) 4 000 € 0 €" in lines


def test_a_signed_annex_against_what_is_committed(tmp_path: Path) -> None:
    cls = base_text("data/conventions/cls/convention.yaml") + (
        "engagements:\n  etat: {2024: 10000, 2025: 25000, 2026: 5000}\n"
        "  departement: {2024: 10000, 2025: 25000, 2026: 5000}\n"
    )
    pact = make_pact(tmp_path / "p", {"data/conventions/cls/convention.yaml": cls})
    lines = squeezed(shown(pact, "cls"))

    assert "DDETS signé 10 000 € 25 000 € 5 000 € — 40 000 €" in lines
    assert "engagé 10 000 € 25 000 € 5 000 € 0 € 40 000 €" in lines


# --- ids ---------------------------------------------------------------------------------------


def test_an_unknown_id_is_misuse_with_a_suggestion(pact: Path) -> None:
    done = run(pact, "show", "maraude")

    assert done.exit_code == 2, done
    assert "aucune action, aucun partenaire ni aucune convention « maraude »" in flat(done.stderr)
    assert "vouliez-vous dire « maraudes » ?" in flat(done.stderr)


def test_a_shared_id_asks_for_its_type(tmp_path: Path) -> None:
    partner = "id: cls\nnom: Comité local\ncategorie: autre\nsignataire_pacte: false\n"
    pact = make_pact(tmp_path / "p", {"data/partners/cls.yaml": partner})

    done = run(pact, "show", "cls")
    assert done.exit_code == 2, done
    assert "« cls » est à la fois un partenaire et une convention" in flat(done.stderr)
    assert "précisez lequel avec --type partenaire ou --type convention" in flat(done.stderr)
    assert shown(pact, "cls", "--type", "convention").startswith("Convention « cls »")
    assert shown(pact, "cls", "--type", "partenaire").startswith("Partenaire « cls »")
    wrong = run(pact, "show", "cls", "--type", "action")
    assert wrong.exit_code == 2
    assert "aucune action « cls » dans ce pacte" in flat(wrong.stderr)
    assert "« cls » est un partenaire : --type partenaire" in flat(wrong.stderr)


def test_shared_with_history_the_same_words(tmp_path: Path) -> None:
    partner = "id: maraudes\nnom: Maraudes\ncategorie: association\nsignataire_pacte: false\n"
    pact = make_pact(tmp_path / "p", {"data/partners/maraudes.yaml": partner})

    done = run(pact, "show", "maraudes")
    assert done.exit_code == 2
    assert "« maraudes » est à la fois une action et un partenaire" in flat(done.stderr)
    assert "précisez lequel avec --type action ou --type partenaire" in flat(done.stderr)


def test_an_unreadable_record_is_not_shown(tmp_path: Path) -> None:
    done = run(pact_with_an_unreadable_action(tmp_path / "p"), "show", "maraudes")

    assert done.exit_code == 1, done
    assert "data/conventions/cls/actions/maraudes.yaml n'a pas pu être lu" in flat(done.stderr)
    assert "pacte validate" in done.stderr


def test_errors_show_what_is_known_warn_once_and_exit_1(tmp_path: Path) -> None:
    done = run(pact_with_an_error(tmp_path / "p"), "show", "coaching-emploi")

    assert done.exit_code == 1, done
    assert "MSA 0 € 3 500 € 0 € 0 € 3 500 €" in squeezed(flat(done.stdout))
    assert "Reste à financer 0 € -500 € 0 € 0 € -500 €" in squeezed(flat(done.stdout))
    (warning,) = done.stderr.splitlines()
    assert flat(warning).startswith("pacte : attention : 1 erreur de validation")


def test_the_shell_completes_every_kind_of_id(pact: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pact)
    monkeypatch.setenv("_PACTE_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "pacte show m")
    monkeypatch.setenv("COMP_CWORD", "2")
    assert run_pacte().stdout.split() == ["maraudes", "msa"]
    monkeypatch.setenv("COMP_WORDS", "pacte list actions --convention p")
    monkeypatch.setenv("COMP_CWORD", "4")
    assert run_pacte().stdout.split() == ["partenariale"]


# --- hostile values ----------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_pact(tmp_path / "hostile")


@pytest.mark.parametrize("record", ["petits-dejeuners", "departement", "cls"])
def test_text_lines_stay_lines(hostile: Path, record: str) -> None:
    done = run(hostile, "show", record)
    assert done.exit_code == 0, done
    assert_inert_lines(done.stdout)
    assert "\\x1b[" in done.stdout


@pytest.mark.parametrize("record", ["petits-dejeuners", "departement", "cls"])
def test_markdown_stays_inert(hostile: Path, record: str) -> None:
    done = run(hostile, "show", record, "--format", "markdown")
    assert done.exit_code == 0, done
    text = done.stdout
    assert_inert_lines(text)
    assert "<b>" not in text and "**md**" not in text and "@moi" not in text
    assert "[red]" not in text  # `[` is escaped: no link can be made of it either


def test_markdown_tables_keep_their_columns(hostile: Path) -> None:
    text = run(hostile, "show", "cls", "--format", "markdown").stdout
    tables: list[list[int]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            tables[-1].append(line.replace("\\|", "").count("|"))
        elif tables[-1]:
            tables.append([])
    assert all(len(set(widths)) == 1 for widths in tables if widths)


def test_json_keeps_the_values_exactly(hostile: Path) -> None:
    done = run(hostile, "show", "petits-dejeuners", "--format", "json")
    assert done.exit_code == 0, done
    assert json.loads(done.stdout)["record"]["action"]["titre"] == HOSTILE_TITLE_VALUE


# --- the report's figures, on this repository --------------------------------------------------


@pytest.fixture(scope="module")
def hautes_alpes():  # type: ignore[no-untyped-def]
    validation = check_pact(REPO, AS_OF_DATE)
    whole = build_context(
        validation.model, validation.diagnostics, Filters(), AS_OF_DATE, NO_SOURCE
    )
    return validation, whole


def test_an_action_sheet_is_the_reports_action(hautes_alpes) -> None:  # type: ignore[no-untyped-def]
    """`show` computes an action's figures on its convention only: the same as the report's."""
    validation, whole = hautes_alpes
    reported = {
        a.id: a
        for axis in whole.axes
        for c in axis.conventions
        for o in c.objectifs
        for a in o.actions
    }
    lines = {a.id: a.ligne for c in whole.execution.conventions for a in c.actions}
    for action in validation.model.actions:
        convention = validation.model.convention_of(action)
        assert convention is not None
        explorer = explore(
            validation.model, validation.diagnostics, Filters(convention=convention.id), AS_OF_DATE
        )
        sheet = sheets.action_sheet(explorer, action)
        assert sheet is not None
        assert sheet.action == reported[action.id]
        assert sheet.execution == lines[action.id]


def test_a_convention_sheet_is_the_reports_convention(hautes_alpes) -> None:  # type: ignore[no-untyped-def]
    validation, whole = hautes_alpes
    for convention in validation.model.conventions:
        explorer = explore(
            validation.model, validation.diagnostics, Filters(convention=convention.id), AS_OF_DATE
        )
        sheet = sheets.convention_sheet(explorer, convention)
        assert sheet is not None
        assert sheet.convention in whole.conventions
        assert sheet.execution in whole.execution.conventions


# --- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "fmt", "name"),
    [
        ("maraudes-vallees", "text", "show-action.txt"),
        ("maraudes-vallees", "markdown", "show-action.md"),
        ("msa", "text", "show-partenaire.txt"),
        ("msa", "markdown", "show-partenaire.md"),
        ("cls-2024-2027", "text", "show-convention.txt"),
        ("cls-2024-2027", "markdown", "show-convention.md"),
    ],
)
def test_hautes_alpes_matches_its_golden_file(record: str, fmt: str, name: str) -> None:
    done = run(REPO, "show", record, "--format", fmt)
    assert done.exit_code == 0, done
    golden = GOLDEN / name
    if os.environ.get("PACTE_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == golden.read_text(encoding="utf-8")


def test_help_lists_the_formats_of_the_registry(pact: Path) -> None:
    from pactecli.render import record

    shown_help = " ".join(flat(run_pacte("show", "--help").stdout).split())
    for name, fmt in record.FORMATS.items():
        assert f"{name} : {fmt.help}" in shown_help
    refused = run(pact, "show", "msa", "--format", "inconnu")
    assert refused.exit_code == 2
    assert "valeurs permises : text, markdown, json" in flat(refused.stderr)
