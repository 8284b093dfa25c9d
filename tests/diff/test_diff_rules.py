"""The change's own points of attention (spec section 8), in every `pacte diff` format.

As of 27 November 2026: 2024 and 2025 are closed, 2026 is the current year.
"""

from __future__ import annotations

import json

import pytest
from diff_testing import PactRepo

from pacte_testing import AS_OF, run_pacte

ETAT = "data/partners/etat.yaml"
MSA = "data/partners/msa.yaml"
CLS = "data/conventions/cls/convention.yaml"
MAR = "data/conventions/cls/actions/maraudes.yaml"
PDJ = "data/conventions/cls/actions/petits-dejeuners.yaml"
COACH = "data/conventions/partenariale/actions/coaching-emploi.yaml"
ANNEX = "engagements:\n  etat:\n    2024: 10000\n    2025: 25000\n    2026: 5000\nplafonds:"


def warnings(repo: PactRepo) -> list[tuple[str, str, int]]:
    run = run_pacte("diff", "HEAD~1", "HEAD", "--format", "json", "--as-of", AS_OF, cwd=repo.root)
    return [(w["code"], w["path"], w["line"]) for w in json.loads(run.stdout)["warnings"]]


def test_signed_amounts_changed_without_an_amendment(repo: PactRepo) -> None:
    repo.replace(CLS, "plafonds:", ANNEX)
    repo.commit("Annexe financière")
    repo.replace(CLS, "    2025: 25000", "    2025: 24000")
    repo.commit("Annexe corrigée")
    assert warnings(repo) == [("engagements-sans-avenant", CLS, 18)]


def test_an_amendment_in_the_same_change_is_enough(repo: PactRepo) -> None:
    repo.replace(CLS, "plafonds:", ANNEX)
    repo.commit("Annexe financière")
    repo.replace(CLS, "    2025: 25000", "    2025: 24000")
    amendment = "  - numero: 2\n    date: 2026-10-01\n    objet: Baisse 2025\n"
    repo.replace(CLS, "avenants:\n", "avenants:\n" + amendment)
    repo.commit("Avenant n° 2")
    assert warnings(repo) == []


def test_past_actuals_spending_and_payments_lowered(repo: PactRepo) -> None:
    repo.replace(PDJ, "  2025: 40000\n", "  2025: 40000\ndepenses:\n  2025: 39000\n")
    repo.replace(
        MSA,
        "      2025: 3000\n",
        "      2025: 3000\n    versements:\n      - {date: 2025-06-30, montant: 3000}\n",
    )
    repo.commit("Exécution 2025")
    repo.replace(PDJ, "      2025: 1280", "      2025: 1200")  # an actual of a closed year
    repo.replace(PDJ, "  2025: 39000", "  2025: 38000")
    repo.replace(MSA, "montant: 3000", "montant: 2000")
    repo.commit("Chiffres revus")
    assert warnings(repo) == [
        ("realise-modifie", PDJ, 28),
        ("realise-modifie", PDJ, 15),
        ("realise-modifie", MSA, 11),
    ]


def test_open_years_may_be_revised(repo: PactRepo) -> None:
    repo.replace(MAR, "  2026: 10000\n", "  2026: 10000\ndepenses:\n  2026: 4000\n")
    repo.commit("Dépenses 2026 provisoires")
    repo.replace(MAR, "  2026: 4000", "  2026: 3500")
    repo.commit("Dépenses 2026 revues")
    assert warnings(repo) == []


@pytest.mark.parametrize("was", ["realise", "abandonne"])
def test_status_going_backwards(repo: PactRepo, was: str) -> None:
    if was == "abandonne":  # the base pact's coaching is already « realise »
        repo.replace(COACH, "statut: realise", "statut: abandonne\nmotif: Trop peu d'inscrits")
        repo.commit("Abandon")
    repo.replace(COACH, f"statut: {was}", "statut: en_cours")
    repo.commit("Reprise")
    assert ("statut-regressif", COACH, 8) in warnings(repo)


def test_money_of_a_closed_year_cut_without_amendment_nor_motif(repo: PactRepo) -> None:
    repo.replace(MSA, "      2025: 3000", "      2025: 2000")
    repo.commit("MSA : 1 000 € de moins en 2025")
    assert warnings(repo) == [("engagement-reduit-sans-motif", MSA, 10)]


def test_a_motif_explains_a_cut(repo: PactRepo) -> None:
    repo.replace(MSA, "      2025: 3000", "      2025: 2000")
    repo.replace(COACH, "statut: realise", "statut: realise\nmotif: Moins de participants")
    repo.commit("MSA : baisse expliquée")
    assert warnings(repo) == []


def test_points_of_attention_in_text_and_markdown(repo: PactRepo) -> None:
    repo.replace(MSA, "      2025: 3000", "      2025: 2000")
    repo.commit("MSA : 1 000 € de moins en 2025")
    text = run_pacte("diff", "HEAD~1", "HEAD", "--as-of", AS_OF, cwd=repo.root).stdout
    assert "Points d'attention (1)" in text
    assert f"{MSA}:10:7: avertissement [engagement-reduit-sans-motif]" in text
    markdown = run_pacte(
        "diff", "HEAD~1", "HEAD", "--format", "markdown", "--as-of", AS_OF, cwd=repo.root
    ).stdout
    assert "<summary>Points d'attention (1)</summary>" in markdown
    assert "[engagement-reduit-sans-motif]" in markdown
