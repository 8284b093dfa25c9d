"""`pacte diff` on real git repositories: exact changes, totals, summary, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from diff_testing import PactRepo, init_repo

from pacte_testing import AS_OF, Run, run_pacte

ETAT = "data/partners/etat.yaml"
DEP = "data/partners/departement.yaml"
MSA = "data/partners/msa.yaml"
CLS = "data/conventions/cls/convention.yaml"
MARAUDES = "data/conventions/cls/actions/maraudes.yaml"
PETITS = "data/conventions/cls/actions/petits-dejeuners.yaml"
MARAUDES_MONEY = "  - action: maraudes\n    nature: financiere\n    montants:\n"


def diff(repo: PactRepo, *revisions: str, format: str = "json") -> Run:
    return run_pacte(
        "diff", *revisions, "--root", str(repo.root), "--as-of", AS_OF, "--format", format
    )


def data(run: Run) -> dict[str, Any]:
    assert run.stderr == "", str(run)
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def spaces(text: str) -> str:
    """French formatting uses (narrow) no-break spaces: compare with plain ones."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def money(report: dict[str, Any]) -> list[tuple[str, str, int, str, str, str]]:
    return [
        (m["funder"], m["target"], m["year"], m["old"], m["new"], m["difference"])
        for m in report["money"]
    ]


def test_amendment_shifting_money_between_years(repo: PactRepo) -> None:
    """An avenant moves 2 000 € of each co-funder from 2025 to 2026: totals unchanged."""
    shifted = MARAUDES_MONEY + "      2025: 3000\n      2026: 7000\n"
    for partner in (ETAT, DEP):
        repo.replace(partner, MARAUDES_MONEY + "      2025: 5000\n      2026: 5000\n", shifted)
    repo.replace(MARAUDES, "  2025: 10000\n  2026: 10000", "  2025: 6000\n  2026: 14000")
    repo.replace(
        CLS,
        "    objet: Ajustement des enveloppes 2025\n",
        "    objet: Ajustement des enveloppes 2025\n"
        "  - numero: 2\n    date: 2026-01-05\n    objet: Report de crédits des maraudes\n",
    )
    repo.commit("Avenant 2 : report de crédits")

    run = diff(repo, "HEAD~1", "HEAD")
    report = data(run)

    assert run.exit_code == 0
    assert money(report) == [
        ("departement", "maraudes", 2025, "5000", "3000", "-2000"),
        ("departement", "maraudes", 2026, "5000", "7000", "2000"),
        ("etat", "maraudes", 2025, "5000", "3000", "-2000"),
        ("etat", "maraudes", 2026, "5000", "7000", "2000"),
    ]
    assert report["totals"]["pact"] == "0"
    assert report["totals"]["by_action"] == {"maraudes": "0"}
    assert report["totals"]["by_funder"] == {"departement": "0", "etat": "0"}
    assert report["totals"]["by_convention"] == {"cls": "0"}
    assert [(f["category"], f["id"], f["field"], f["old"], f["new"]) for f in report["fields"]] == [
        ("avenant", "cls", "avenants.2", None, "2026-01-05 : Report de crédits des maraudes"),
        ("budget", "maraudes", "budget.2025", "10000", "6000"),
        ("budget", "maraudes", "budget.2026", "10000", "14000"),
    ]
    assert report["records"] == [] and report["contributions"] == []
    assert report["problems"] == {"introduced": [], "fixed": []}
    assert spaces(report["summary"]).startswith("-2 000 € DDETS en 2025, ")


NEW_ACTION = """\
id: epicerie-solidaire
titre: Épicerie solidaire itinérante
objectif: cls-droits
nature: nouvelle
pilote: departement
calendrier:
  debut: 2026-01-01
  fin: 2026-12-31
statut: non_demarre
budget:
  2026: 24000
"""


def _fund_new_action(repo: PactRepo) -> None:
    repo.write("data/conventions/cls/actions/epicerie-solidaire.yaml", NEW_ACTION)
    for partner in (ETAT, DEP):
        text = repo.text(partner)
        repo.write(
            partner,
            text
            + "  - action: epicerie-solidaire\n    nature: financiere\n    montants:\n"
            + "      2026: 12000\n",
        )


def test_uncommitted_new_action_against_head(repo: PactRepo) -> None:
    """HEAD defaults to the working tree: edits not yet committed are compared."""
    _fund_new_action(repo)

    run = diff(repo, "HEAD")
    report = data(run)

    assert run.exit_code == 0
    assert report["head"] == "copie de travail"
    assert spaces(report["summary"]) == (
        "+12 000 € DDETS en 2026, +12 000 € Département des Hautes-Alpes en 2026, "
        "1 action ajoutée, 0 nouvelle erreur"
    )
    assert [(r["kind"], r["change"], r["id"], r["new_parent"]) for r in report["records"]] == [
        ("action", "ajout", "epicerie-solidaire", "cls")
    ]
    assert money(report) == [
        ("departement", "epicerie-solidaire", 2026, "0", "12000", "12000"),
        ("etat", "epicerie-solidaire", 2026, "0", "12000", "12000"),
    ]
    assert report["totals"]["pact"] == "24000"
    assert report["totals"]["by_action"] == {"epicerie-solidaire": "24000"}
    assert report["totals"]["by_convention"] == {"cls": "24000"}
    assert [
        (c["partner"], c["change"], c["target"], c["amount"]) for c in report["contributions"]
    ] == [
        ("departement", "nouvelle", "epicerie-solidaire", "12000"),
        ("etat", "nouvelle", "epicerie-solidaire", "12000"),
    ]


def test_markdown_comment_summary_first_then_details(repo: PactRepo) -> None:
    _fund_new_action(repo)

    run = diff(repo, "HEAD", format="markdown")

    lines = spaces(run.stdout).splitlines()
    assert run.exit_code == 0
    assert lines[3] == (
        "**+12 000 € DDETS en 2026, +12 000 € Département des Hautes-Alpes en 2026, "
        "1 action ajoutée, 0 nouvelle erreur**"
    )
    assert run.stdout.count("<details") == run.stdout.count("</details>") >= 3
    assert "| action `epicerie-solidaire` | DDETS | 2026 | 0 € | 12 000 € | **+12 000 €** |" in (
        spaces(run.stdout)
    )
    assert "généré par pacte" in run.stdout


def test_text_format_lists_money_with_totals(repo: PactRepo) -> None:
    _fund_new_action(repo)

    out = spaces(diff(repo, "HEAD", format="text").stdout)

    assert "  action « epicerie-solidaire » (cls)\n" in out
    assert "    DDETS, 2026 : 0 € → 12 000 € (+12 000 €)\n" in out
    assert "    total de l'action : +24 000 €\n" in out
    assert "  par financeur : Département des Hautes-Alpes +12 000 € ; DDETS +12 000 €\n" in out
    assert "  total du pacte : +24 000 €\n" in out


def test_withdrawn_contribution_and_partner_file_move(repo: PactRepo) -> None:
    """msa.yaml becomes msa.yml (same id: a move) and its human contribution is withdrawn."""
    repo.move(MSA, "data/partners/msa.yml")
    repo.replace(
        "data/partners/msa.yml",
        "  - action: maraudes\n    nature: humaine\n    etp: 0.5\n"
        "    description: Une travailleuse sociale à mi-temps sur les tournées\n",
        "",
    )
    repo.commit("MSA : fin de la mise à disposition")

    report = data(diff(repo, "HEAD~1", "HEAD"))

    assert report["records"] == [
        {
            "kind": "partenaire",
            "change": "deplacement",
            "id": "msa",
            "title": "Mutualité sociale agricole Alpes-Vaucluse",
            "old_id": None,
            "old_path": "data/partners/msa.yaml",
            "new_path": "data/partners/msa.yml",
            "old_parent": None,
            "new_parent": None,
        }
    ]
    assert [
        (c["partner"], c["change"], c["nature"], c["target"]) for c in report["contributions"]
    ] == [("msa", "retiree", "humaine", "maraudes")]
    assert report["money"] == []


def test_action_moved_to_another_convention(repo: PactRepo) -> None:
    repo.move(MARAUDES, "data/conventions/partenariale/actions/maraudes.yaml")
    repo.replace("data/conventions/partenariale/actions/maraudes.yaml", "cls-droits", "part-emploi")
    repo.commit("Maraudes rattachées à la convention partenariale")

    report = data(diff(repo, "HEAD~1", "HEAD"))

    assert [
        (r["change"], r["id"], r["old_parent"], r["new_parent"]) for r in report["records"]
    ] == [("deplacement", "maraudes", "cls", "partenariale")]
    assert [(f["field"], f["old"], f["new"]) for f in report["fields"]] == [
        ("objectif", "cls-droits", "part-emploi")
    ]
    assert report["money"] == []


def test_action_renamed_keeps_its_money(repo: PactRepo) -> None:
    """A new id for the same action (same title): a rename, not a removal plus an addition."""
    repo.move(MARAUDES, "data/conventions/cls/actions/maraudes-vallees.yaml")
    repo.replace(
        "data/conventions/cls/actions/maraudes-vallees.yaml", "id: maraudes", "id: maraudes-vallees"
    )
    for partner in (ETAT, DEP):
        repo.replace(partner, "action: maraudes\n", "action: maraudes-vallees\n")
    repo.replace(MSA, "action: maraudes\n", "action: maraudes-vallees\n")
    repo.commit("Renommage des maraudes")

    report = data(diff(repo, "HEAD~1", "HEAD"))

    assert [(r["change"], r["old_id"], r["id"]) for r in report["records"]] == [
        ("renommage", "maraudes", "maraudes-vallees")
    ]
    assert report["money"] == [] and report["contributions"] == []
    assert spaces(report["summary"]) == "1 action renommée, 0 nouvelle erreur"


def test_status_calendar_indicator_ceiling_and_cofunding_changes(repo: PactRepo) -> None:
    repo.replace(PETITS, "statut: en_cours", "statut: abandonne\nmotif: Relais pris par la commune")
    repo.replace(PETITS, "  fin: 2025-12-31", "  fin: 2025-06-30")
    repo.replace(PETITS, "      2025: 1300", "      2025: 1250")
    repo.replace(CLS, "  etat: 30000", "  etat: 35000")
    repo.replace(
        CLS,
        "  financeurs: [etat, departement]\n",
        "  financeurs: [etat, departement]\n  tolerance: 100\n",
    )
    repo.commit("Abandon des petits déjeuners")

    report = data(diff(repo, "HEAD~1", "HEAD"))
    fields = [
        (f["category"], f["id"], f["field"], f["old"], f["new"], f["detail"])
        for f in report["fields"]
    ]

    assert fields == [
        ("plafond", "cls", "plafonds.etat", "30000", "35000", ""),
        ("cofinancement", "cls", "cofinancement.tolerance", "0", "100", ""),
        ("statut", "petits-dejeuners", "statut", "en_cours", "abandonne", ""),
        ("statut", "petits-dejeuners", "motif", None, "Relais pris par la commune", ""),
        (
            "calendrier",
            "petits-dejeuners",
            "calendrier.fin",
            "2025-12-31",
            "2025-06-30",
            "-184 jours",
        ),
        (
            "indicateur",
            "petits-dejeuners",
            "indicateurs.eleves.cibles.2025",
            "1300",
            "1250",
            "Élèves bénéficiaires (personnes)",
        ),
    ]
    # the ceiling changes without an amendment: a point of attention (spec section 8)
    assert spaces(report["summary"]) == "1 statut modifié, 0 nouvelle erreur, 1 point d'attention"
    assert [(w["code"], w["path"], w["line"]) for w in report["warnings"]] == [
        ("engagements-sans-avenant", CLS, 19)
    ]
    text = spaces(diff(repo, "HEAD~1", "HEAD", format="text").stdout)
    assert "  action « petits-dejeuners » : statut en cours → abandonné\n" in text
    assert "  convention « cls » : plafond annuel de DDETS 30 000 € → 35 000 € (+5 000 €)\n" in text
    assert (
        "  action « petits-dejeuners » : fin 31 décembre 2025 → 30 juin 2025 (-184 jours)\n" in text
    )


def test_problems_introduced_and_fixed_ignore_line_shifts(repo: PactRepo) -> None:
    repo.replace(MSA, "2025: 3000", "2025: 3 000")  # schema error
    repo.replace(MARAUDES, "statut: en_cours", "statut: commence")  # schema error
    repo.commit("Deux erreurs")
    repo.replace(MSA, "2025: 3 000", "2025: 3000")  # fixed
    repo.write(MARAUDES, "# Maraudes\n# fiche relue en janvier\n" + repo.text(MARAUDES))  # shifted
    repo.replace(PETITS, "statut: en_cours", "statut: fini")  # new error
    repo.commit("Une corrigée, une nouvelle")

    run = diff(repo, "HEAD~1", "HEAD")
    report = data(run)

    assert run.exit_code == 1  # the head still has errors
    assert [(p["code"], p["path"]) for p in report["problems"]["introduced"]] == [
        ("schema", PETITS)
    ]
    assert [(p["code"], p["path"]) for p in report["problems"]["fixed"]] == [("schema", MSA)]
    assert report["head_counts"] == {"errors": 2, "warnings": 0}
    assert report["summary"].endswith(
        "1 nouvelle erreur, 1 erreur corrigée, 3 fichiers illisibles"  # MSA in A, two in B
    )
    assert report["unreadable"] == [
        {"path": MARAUDES, "version": "A"},
        {"path": MARAUDES, "version": "B"},
        {"path": PETITS, "version": "B"},
        {"path": MSA, "version": "A"},
    ]


def test_unreadable_record_is_not_shown_as_removed(repo: PactRepo) -> None:
    repo.replace(ETAT, "      2026: 5000", "      2026: 5 000")

    report = data(diff(repo, "HEAD"))

    assert report["records"] == [] and report["money"] == [] and report["contributions"] == []
    assert report["not_compared"] == [ETAT]
    assert [p["code"] for p in report["problems"]["introduced"]] == ["schema"]


def test_no_change_at_all(repo: PactRepo) -> None:
    run = diff(repo, "HEAD", format="text")

    assert run.exit_code == 0
    assert "Résumé : aucun changement d'engagement, 0 nouvelle erreur\n" in run.stdout


def test_head_with_error_exits_1_even_when_base_had_it(repo: PactRepo) -> None:
    repo.replace(MSA, "2025: 3000", "2025: 3 000")
    repo.commit("Erreur")

    run = diff(repo, "HEAD", format="text")

    assert run.exit_code == 1
    assert "aucun problème introduit ni corrigé" in run.stdout


def test_output_file(repo: PactRepo, tmp_path: Path) -> None:
    target = tmp_path / "commentaire.md"

    run = run_pacte(
        "diff", "HEAD", "--root", str(repo.root), "--format", "markdown", "--output", str(target)
    )
    again = run_pacte(
        "diff", "HEAD", "--root", str(repo.root), "--format", "markdown", "--output", str(target)
    )

    assert (run.exit_code, run.stdout, again.exit_code) == (0, "", 0)
    assert target.read_text(encoding="utf-8").startswith("<!-- pacte-diff -->\n")


def test_pact_in_a_sub_folder_of_the_repository(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "collectivite", sub="pacte-solidarites")
    repo.replace(ETAT, "      2026: 5000", "      2026: 6000")
    repo.replace(DEP, "      2026: 5000", "      2026: 6000")
    repo.replace(MARAUDES, "  2026: 10000", "  2026: 12000")
    repo.commit("Hausse 2026")

    report = data(diff(repo, "HEAD~1", "HEAD"))

    assert report["totals"]["pact"] == "2000"
    assert report["problems"] == {"introduced": [], "fixed": []}
