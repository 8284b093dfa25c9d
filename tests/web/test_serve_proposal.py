"""`pacte serve --git`: « Préparer la proposition » commits on a new branch, touching nothing
of the user's working tree, index or current branch, and shows the diff of that branch."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from web_testing import Client, form_fields, make_app, plain

ETAT = "data/partners/etat.yaml"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Agnès Martin",
    "GIT_AUTHOR_EMAIL": "agnes@example.fr",
    "GIT_COMMITTER_NAME": "Agnès Martin",
    "GIT_COMMITTER_EMAIL": "agnes@example.fr",
}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, env=ENV, check=True, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture
def repository(pact: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in ENV.items():
        if name.startswith("GIT_"):
            monkeypatch.setenv(name, value)
    git(pact, "init", "-q", "-b", "main")
    git(pact, "add", "-A")
    git(pact, "commit", "-q", "-m", "Pacte signé")
    return pact


def test_the_proposal_page_exists_only_with_git(repository: Path) -> None:
    assert Client(make_app(repository)).get("/proposition").status == 404
    assert Client(make_app(repository, git=True)).get("/proposition").status == 200


def test_a_proposal_is_a_commit_on_a_new_branch_and_nothing_else_changes(
    repository: Path,
) -> None:
    client = Client(make_app(repository, git=True))
    saved = client.submit(
        "/partenaires/etat/contributions", {"contributions.0.montants.2025": "25000"}
    )
    assert saved.status == 303
    (repository / "notes.txt").write_text("brouillon\n", "utf-8")  # not a record: left out
    head = git(repository, "rev-parse", "HEAD")
    status = git(repository, "status", "--porcelain")
    index = (repository / ".git/index").read_bytes()
    working = (repository / ETAT).read_bytes()

    page = client.get("/proposition")
    assert page.status == 200
    assert ETAT in page.text and "notes.txt" not in page.text
    assert "+5 000 € DDETS en 2025" in plain(page.text)
    fields = [(k, v) for k, v in form_fields(page.text) if k != "branche"]
    answer = client.post("/proposition", [*fields, ("branche", "proposition-ddets")])
    assert answer.status == 200, answer
    assert "Branche « proposition-ddets » créée" in answer.text
    assert "+5 000 € DDETS en 2025" in plain(answer.text)

    assert git(repository, "rev-parse", "HEAD") == head
    assert git(repository, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(repository, "status", "--porcelain") == status
    assert (repository / ".git/index").read_bytes() == index
    assert (repository / ETAT).read_bytes() == working
    assert git(repository, "rev-parse", "proposition-ddets^") == head
    assert git(repository, "show", f"proposition-ddets:{ETAT}").encode() == working
    changed = git(repository, "diff", "--name-only", "main", "proposition-ddets").split()
    assert changed == [ETAT]
    message = git(repository, "log", "-1", "--format=%B", "proposition-ddets")
    assert message.startswith("Pacte : +5") and ETAT in message
    assert git(repository, "remote") == ""  # nothing to push to, nothing pushed


def test_an_existing_branch_is_never_replaced(repository: Path) -> None:
    git(repository, "branch", "deja-la")
    before = git(repository, "rev-parse", "deja-la")
    client = Client(make_app(repository, git=True))
    client.submit("/partenaires/etat/contributions", {"contributions.0.montants.2025": "25000"})
    page = client.get("/proposition")
    fields = [(k, v) for k, v in form_fields(page.text) if k != "branche"]
    answer = client.post("/proposition", [*fields, ("branche", "deja-la")])
    assert answer.status == 422 and "existe déjà" in answer.text
    assert git(repository, "rev-parse", "deja-la") == before


@pytest.mark.parametrize("name", ["-f", "../main", "a..b", "x.lock", "avec espace", "é"])
def test_a_bad_branch_name_is_refused(repository: Path, name: str) -> None:
    client = Client(make_app(repository, git=True))
    client.submit("/partenaires/etat/contributions", {"contributions.0.montants.2025": "25000"})
    page = client.get("/proposition")
    fields = [(k, v) for k, v in form_fields(page.text) if k != "branche"]
    answer = client.post("/proposition", [*fields, ("branche", name)])
    assert answer.status == 422
    assert "refusé" in answer.text
    assert git(repository, "branch", "--list").split() == ["*", "main"]


def test_without_change_there_is_nothing_to_propose(repository: Path) -> None:
    page = Client(make_app(repository, git=True)).get("/proposition")
    assert "rien à proposer" in page.text and "<form" not in page.text.split("<main")[1]


def test_the_proposal_needs_the_csrf_token(repository: Path) -> None:
    client = Client(make_app(repository, git=True))
    client.submit("/partenaires/etat/contributions", {"contributions.0.montants.2025": "25000"})
    answer = client.post("/proposition", [("branche", "x"), ("message", "m"), ("jeton", "faux")])
    assert answer.status == 403
    assert git(repository, "branch", "--list").split() == ["*", "main"]
