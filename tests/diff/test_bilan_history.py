"""The « changements de l'année » of `pacte bilan`, read from git (commits dated January 2026)."""

from __future__ import annotations

from diff_testing import PactRepo

from pacte_testing import AS_OF, run_pacte
from pactecli.diff.year_changes import year_changes
from pactecli.load.git import Repository

MAR = "data/conventions/cls/actions/maraudes.yaml"
PDJ = "data/conventions/cls/actions/petits-dejeuners.yaml"
NEW = "data/conventions/cls/actions/epicerie.yaml"


def _changes(repo: PactRepo, year: int = 2026) -> list[tuple[str, str]]:
    found = year_changes(Repository.of(repo.root), year)
    return [(c.what, c.action) for c in found.changes]


def test_the_first_commit_is_the_starting_state_not_additions(repo: PactRepo) -> None:
    assert _changes(repo) == []


def test_suspension_addition_and_abandonment_with_their_commits(repo: PactRepo) -> None:
    repo.replace(MAR, "statut: en_cours", "statut: suspendu\nmotif: Équipe en congé")
    suspended = repo.commit("Maraudes suspendues")
    repo.write(
        NEW,
        repo.text(MAR)
        .replace("id: maraudes", "id: epicerie")
        .replace("titre: Maraudes dans les vallées", "titre: Épicerie solidaire"),
    )
    repo.commit("Nouvelle action : épicerie")
    repo.replace(PDJ, "statut: en_cours", "statut: abandonne\nmotif: Plus de cantine")
    repo.commit("Petits déjeuners abandonnés")
    assert _changes(repo) == [
        ("suspension", "maraudes"),
        ("ajout", "epicerie"),
        ("abandon", "petits-dejeuners"),
    ]
    assert _changes(repo, 2025) == []
    run = run_pacte("bilan", "2026", "--as-of", AS_OF, "--force", cwd=repo.root)
    assert run.exit_code == 0, run
    text = run.stdout.replace("\u202f", " ").replace("\xa0", " ")
    assert "D'après l'historique git du pacte" in text
    assert (
        f"| 2 janvier 2026 | Action suspendue : « Maraudes dans les vallées » — motif : Équipe en "
        f"congé | `{suspended[:10]}` Agent du Département — Maraudes suspendues |" in text
    )
    assert "Action ajoutée : « Épicerie solidaire »" in text
    assert (
        "Action abandonnée : « Petits déjeuners gratuits à l'école » — motif : Plus de cantine"
        in text
    )


def test_a_move_is_neither_added_nor_removed_and_a_removal_is_said(repo: PactRepo) -> None:
    repo.move(MAR, "data/conventions/partenariale/actions/maraudes.yaml")
    repo.commit("Maraudes déplacées")
    (repo.root / PDJ).unlink()
    repo.commit("Petits déjeuners retirés")
    assert _changes(repo) == [("retrait", "petits-dejeuners")]


def test_a_file_that_does_not_parse_keeps_its_last_known_state(repo: PactRepo) -> None:
    good = repo.text(MAR)
    repo.write(MAR, "statut: [oops\n")
    repo.commit("Fichier cassé")
    repo.write(MAR, good.replace("statut: en_cours", "statut: realise"))
    repo.commit("Maraudes réalisées")
    assert _changes(repo) == [("realisation", "maraudes")]
