"""`pacte history ID`: one action's or partner's commitments, commit by commit."""

from __future__ import annotations

import json

from diff_testing import PactRepo

from pacte_testing import run_pacte
from pactecli.load import git as gitsource

ETAT = "data/partners/etat.yaml"
MSA = "data/partners/msa.yaml"
MAR = "data/conventions/cls/actions/maraudes.yaml"
PDJ = "data/conventions/cls/actions/petits-dejeuners.yaml"


def plain(text: str) -> str:
    """Ordinary spaces for the no-break ones of French typography (easier to read here)."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def history(repo: PactRepo, *args: str) -> list[str]:
    run = run_pacte("history", *args, cwd=repo.root)
    assert run.exit_code == 0, run
    return plain(run.stdout).splitlines()


def entries(repo: PactRepo, *args: str) -> list[dict[str, object]]:
    run = run_pacte("history", *args, "--format", "json", cwd=repo.root)
    assert run.exit_code == 0, run
    found: list[dict[str, object]] = json.loads(run.stdout)["entries"]
    return found


def test_an_action_from_creation_to_its_suspension(repo: PactRepo) -> None:
    repo.replace(ETAT, "      2025: 5000\n      2026: 5000", "      2025: 5000\n      2026: 7000")
    repo.replace(MAR, "  2026: 10000", "  2026: 12000")
    repo.commit("Maraudes renforcées en 2026")
    repo.replace(MAR, "statut: en_cours", "statut: suspendu\nmotif: Départ de l'équipe")
    repo.commit("Maraudes suspendues")
    repo.replace(PDJ, "titre:", "titre: ")  # another action: not in the maraudes history
    repo.commit("Autre action")

    lines = history(repo, "maraudes")

    assert lines[:2] == [
        "Historique de l'action « maraudes » — Maraudes dans les vallées",
        "4 commits parcourus, 3 commits la concernent",
    ]
    text = "\n".join(lines)
    assert "  créée : en cours, du 1er janvier 2025 au 31 décembre 2026, budget 20 000 €" in text
    assert "  engagé — DDETS : 10 000 € (2025 : 5 000 €, 2026 : 5 000 €)" in text
    assert (
        "Maraudes renforcées en 2026\n  engagé 2026 — DDETS : 5 000 € → 7 000 € (+2 000 €)\n"
        in (text)
    )
    assert "  budget 2026 : 10 000 € → 12 000 € (+2 000 €)" in text
    assert "Maraudes suspendues\n  statut : en cours → suspendu\n  motif : — → Départ" in text
    assert "Autre action" not in text


def test_json_lists_each_commit_with_its_changes_as_data(repo: PactRepo) -> None:
    repo.replace(MAR, "  2026: 10000", "  2026: 12000")
    head = repo.commit("Budget 2026")

    found = entries(repo, "maraudes")

    assert [e["event"] for e in found] == ["apparition", None]
    assert found[1]["commit"] == head
    assert found[1]["author"] == "Agent du Département"
    assert found[1]["message"] == "Budget 2026"
    assert found[1]["fields"] == [
        {
            "category": "budget",
            "kind": "action",
            "id": "maraudes",
            "field": "budget.2026",
            "old": "10000",
            "new": "12000",
            "path": MAR,
            "detail": "",
        }
    ]


def test_payments_are_followed_per_funder_and_year(repo: PactRepo) -> None:
    repo.replace(
        ETAT,
        "      2025: 5000\n      2026: 5000\n",
        "      2025: 5000\n      2026: 5000\n    versements:\n"
        "      - {date: 2025-04-15, montant: 2500}\n",
    )
    repo.commit("Avance 2025")
    lines = history(repo, "maraudes")
    assert "  versé par DDETS au titre de 2025 : — → 2 500 € (+2 500 €)" in lines


def test_a_partner_history_shows_its_commitments_per_target(repo: PactRepo) -> None:
    repo.replace(MSA, "      2025: 3000", "      2025: 3500")
    repo.commit("MSA : coaching 2025 revu")
    lines = history(repo, "msa")
    assert lines[1] == "2 commits parcourus, 2 commits le concernent"
    assert "  engagé 2025 — action « coaching-emploi » : 3 000 € → 3 500 € (+500 €)" in lines


def test_removal_and_return_of_an_action(repo: PactRepo) -> None:
    text = repo.text(MAR)
    (repo.root / MAR).unlink()
    repo.commit("Maraudes retirées")
    repo.write(MAR, text)
    repo.commit("Maraudes rétablies")
    found = entries(repo, "maraudes")
    assert [e["event"] for e in found] == ["apparition", "retrait", "apparition"]


def test_a_move_to_another_convention_is_not_a_removal(repo: PactRepo) -> None:
    repo.move(MAR, "data/conventions/partenariale/actions/maraudes.yaml")
    repo.replace(
        "data/conventions/partenariale/actions/maraudes.yaml",
        "objectif: cls-droits",
        "objectif: partenariale-emploi",
    )
    repo.commit("Maraudes déplacées")
    found = entries(repo, "maraudes")
    assert [e["event"] for e in found] == ["apparition", None]
    fields = found[1]["fields"]
    assert isinstance(fields, list)
    assert [f["field"] for f in fields] == ["objectif"]


def test_a_broken_commit_is_shown_and_the_next_one_compared_with_the_last_good(
    repo: PactRepo,
) -> None:
    good = repo.text(MAR)
    repo.write(MAR, good.replace("budget:", "budget: [oops"))
    repo.commit("Faute de frappe")
    repo.write(MAR, good.replace("  2026: 10000", "  2026: 11000"))
    repo.commit("Corrigé")
    found = entries(repo, "maraudes")
    assert [e["event"] for e in found] == ["apparition", "illisible", "lisible"]
    fields = found[2]["fields"]
    assert isinstance(fields, list)
    assert [(f["field"], f["old"], f["new"]) for f in fields] == [("budget.2026", "10000", "11000")]


def test_a_broken_partner_file_is_not_a_withdrawal(repo: PactRepo) -> None:
    good = repo.text(ETAT)
    repo.write(ETAT, good + "  - action: [\n")
    repo.commit("Fichier de l'État cassé")
    repo.write(ETAT, good)
    repo.commit("Fichier de l'État réparé")
    assert [e["event"] for e in entries(repo, "maraudes")] == ["apparition"]


def test_depuis_compares_with_the_state_at_that_revision(repo: PactRepo) -> None:
    repo.replace(MAR, "  2026: 10000", "  2026: 12000")
    start = repo.commit("Budget 2026")
    repo.replace(MAR, "statut: en_cours", "statut: realise")
    repo.commit("Maraudes terminées")
    found = entries(repo, "maraudes", "--depuis", start)
    assert len(found) == 1
    fields = found[0]["fields"]
    assert isinstance(fields, list)
    assert [f["field"] for f in fields] == ["statut"]


def test_git_is_read_in_batch_whatever_the_number_of_commits(repo: PactRepo) -> None:
    def processes() -> int:
        gitsource.GIT_CALLS.clear()
        history(repo, "maraudes")
        return len(gitsource.GIT_CALLS)

    few = processes()
    for amount in range(11000, 11030):
        repo.replace(MAR, "  2026: ", f"  2026: {amount}  # ")
        repo.commit(f"Budget {amount}")
    assert processes() == few
    assert len(entries(repo, "maraudes")) == 31


def test_unknown_id_is_a_usage_error_with_a_suggestion(repo: PactRepo) -> None:
    run = run_pacte("history", "maraude", cwd=repo.root)
    assert run.exit_code == 2
    assert "aucune action ni aucun partenaire « maraude »" in run.stderr
    assert "vouliez-vous dire « maraudes » ?" in run.stderr


def test_an_id_shared_by_an_action_and_a_partner_asks_which(repo: PactRepo) -> None:
    repo.write("data/partners/maraudes.yaml", "id: maraudes\nnom: Maraudes (association)\n")
    repo.commit("Une association homonyme")
    run = run_pacte("history", "maraudes", cwd=repo.root)
    assert run.exit_code == 2
    assert "--type action ou --type partenaire" in run.stderr
    assert history(repo, "maraudes", "--type", "partenaire")[0].startswith(
        "Historique du partenaire « maraudes »"
    )
    assert history(repo, "maraudes", "--type", "action")[0].startswith(
        "Historique de l'action « maraudes »"
    )


def test_commit_messages_and_authors_cannot_forge_lines(repo: PactRepo) -> None:
    repo.replace(MAR, "  2026: 10000", "  2026: 12000")
    repo.git("add", "-A")
    repo.git(
        "-c",
        "user.name=Mallory\x1b[2J",
        "commit",
        "-q",
        "--author=Mallory\x1b[31m <m@example.org>",
        "-m",
        "Budget\r::error file=x::faux",
    )
    lines = history(repo, "maraudes")
    assert not any(line.startswith("::") for line in lines)
    assert "\x1b" not in "\n".join(lines)
    assert "\r" not in "\n".join(lines)


def test_markdown_has_one_section_per_commit(repo: PactRepo) -> None:
    repo.replace(MAR, "  2026: 10000", "  2026: 12000")
    repo.commit("Budget 2026 *urgent*")
    run = run_pacte("history", "maraudes", "--format", "markdown", cwd=repo.root)
    assert run.exit_code == 0
    headings = [line for line in run.stdout.splitlines() if line.startswith("### ")]
    assert len(headings) == 2
    assert headings[1].endswith(r"Budget 2026 \*urgent\*")
    assert "- budget 2026 : 10 000 € → 12 000 € (+2 000 €)" in plain(run.stdout)


def test_a_funder_written_with_escapes_is_still_found(repo: PactRepo) -> None:
    repo.write(
        "data/partners/caf.yaml",
        "id: caf\nnom: Caisse d'allocations familiales\nsigle: CAF\n"
        "categorie: protection_sociale\nsignataire_pacte: false\n"
        'contributions:\n  - action: "mar\\x61udes"\n    nature: financiere\n'
        "    montants:\n      2026: 1500\n",
    )
    repo.commit("La CAF finance les maraudes")
    assert "  engagé 2026 — CAF : 0 € → 1 500 € (+1 500 €)" in history(repo, "maraudes")


def test_a_withdrawn_contribution_shows_the_money_going(repo: PactRepo) -> None:
    repo.replace(
        ETAT,
        "  - action: maraudes\n    nature: financiere\n    montants:\n"
        "      2025: 5000\n      2026: 5000\n",
        "",
    )
    repo.commit("L'État se retire")
    lines = history(repo, "maraudes")
    assert "  engagé 2025 — DDETS : 5 000 € → 0 € (-5 000 €)" in lines
    assert "  engagé 2026 — DDETS : 5 000 € → 0 € (-5 000 €)" in lines
