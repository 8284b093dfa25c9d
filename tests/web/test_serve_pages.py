"""`pacte serve`, reading: every page through the WSGI callable, as a browser would get it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from web_testing import HOST, Client, make_app, plain

from pacte_testing import edit, make_pact
from pactecli.load.git import read_provenance

READING_PAGES = [
    "/",
    "/execution",
    "/bilan",
    "/bilan?annee=2025",
    "/problemes",
    "/actions/petits-dejeuners",
    "/partenaires",
    "/partenaires/etat",
    "/conventions",
    "/conventions/cls",
    "/fichier/pacte.yaml",
    "/fichier/data/partners/etat.yaml",
]


@pytest.mark.parametrize("page", READING_PAGES)
def test_every_reading_page_is_french_html_with_the_security_headers(
    client: Client, page: str
) -> None:
    answer = client.get(page)
    assert answer.status == 200, answer
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="fr">' in answer.text
    assert '<link rel="stylesheet" href="/style.css">' in answer.text
    policy = answer.headers["content-security-policy"]
    for directive in (
        "default-src 'none'",
        "script-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ):
        assert directive in policy
    assert "'unsafe-inline'" not in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert "<style>" not in answer.text and "<script>" not in answer.text  # all from self


def test_the_bilan_page_is_pacte_bilan_with_its_year_and_convention_links(
    client: Client,
) -> None:
    page = plain(client.get("/bilan?annee=2025").text)
    assert "Bilan d'exécution 2025" in page and "Points appelant une décision" in page
    assert "pacte bilan 2025" in page
    assert 'href="/bilan?annee=2026"' in page
    current = plain(client.get("/bilan").text)  # the last year begun, as of the server's date
    assert "(provisoire)" in current
    assert client.get("/bilan?annee=2030").status == 404
    assert client.get("/bilan?convention=cl").status == 404


def test_the_roadmap_is_the_report_with_links_to_each_record(client: Client) -> None:
    page = client.get("/").text
    assert "Feuille de route" in page and "Chiffres clés" in page
    assert "Petits déjeuners gratuits à l&#39;école" in page
    assert 'href="/actions/petits-dejeuners"' in page
    assert "Points d'attention" in page


def test_the_roadmap_filters_are_links_and_follow_the_report(client: Client) -> None:
    page = client.get("/").text
    assert 'href="/?convention=cls"' in page and 'href="/?annee=2025"' in page
    filtered = client.get("/?convention=cls&annee=2025").text
    assert "Vue filtrée" in filtered
    assert "Coaching" not in filtered  # an action of the other convention


def test_an_unknown_filter_is_a_french_404(client: Client) -> None:
    answer = client.get("/?convention=inconnue")
    assert answer.status == 404
    assert "n&#39;existe pas dans ce pacte" in answer.text


def test_record_pages_show_the_report_content_and_their_file(client: Client) -> None:
    action = client.get("/actions/petits-dejeuners").text
    assert "Plan de financement" in action and "Indicateurs" in action
    assert "data/conventions/cls/actions/petits-dejeuners.yaml" in action
    assert 'href="/actions/petits-dejeuners/modifier"' in action
    partner = client.get("/partenaires/etat").text
    assert "Contributions financières" in partner
    assert 'href="/partenaires/etat/contributions"' in partner
    convention = client.get("/conventions/cls").text
    assert "Financement des actions de la convention" in convention
    assert 'href="/conventions/cls/engagements"' in convention


@pytest.mark.parametrize(
    "page", ["/actions/absente", "/partenaires/personne", "/conventions/aucune", "/rien"]
)
def test_an_unknown_record_or_page_is_a_french_404(client: Client, page: str) -> None:
    answer = client.get(page)
    assert answer.status == 404
    assert "introuvable" in answer.text or "aucun" in answer.text


def test_problems_are_listed_with_a_link_to_the_field_and_a_banner_on_every_page(
    tmp_path: Path,
) -> None:
    pact = make_pact(
        tmp_path / "pacte",
        edit("data/partners/etat.yaml", "2025: 20000", '2025: "20 000"'),
    )
    client = Client(make_app(pact))
    problems = client.get("/problemes").text
    assert "[schema]" in problems and "écrivez 20000" in problems
    assert 'href="/partenaires/etat/contributions#champ-contributions-0-montants-2025"' in problems
    assert 'href="/fichier/data/partners/etat.yaml#ligne-12"' in problems
    for page in ("/", "/execution", "/actions/maraudes", "/partenaires"):
        banner = client.get(page).text
        assert "erreur" in banner and 'href="/problemes"' in banner


def test_in_read_only_mode_problems_link_to_the_record_page(tmp_path: Path) -> None:
    pact = make_pact(
        tmp_path / "pacte",
        edit("data/partners/etat.yaml", "2025: 20000", '2025: "20 000"'),
    )
    problems = Client(make_app(pact, writable=False)).get("/problemes").text
    assert 'href="/partenaires/etat#problemes"' in problems
    assert "/contributions" not in problems


def test_the_file_view_numbers_lines_and_shows_only_files_of_the_pact(client: Client) -> None:
    page = client.get("/fichier/data/partners/etat.yaml").text
    assert 'id="ligne-1"' in page and "id: etat" in page


def test_a_record_value_is_escaped_everywhere(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
    pact = make_pact(
        tmp_path / "pacte",
        edit(
            "data/conventions/cls/actions/maraudes.yaml",
            "titre: Maraudes dans les vallées",
            f'titre: "{hostile}"',
        ),
    )
    client = Client(make_app(pact))
    for page in ("/", "/actions/maraudes", "/actions/maraudes/modifier", "/conventions/cls"):
        text = client.get(page).text
        assert "<script>alert" not in text and "<img src=x" not in text, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page


def test_the_fingerprint_changes_when_a_file_changes_and_pages_follow(
    pact: Path, client: Client
) -> None:
    first = client.get("/empreinte")
    assert first.headers["content-type"] == "application/json"
    before = client.get("/").text
    assert "40 000 €" in plain(before)
    target = pact / "data/conventions/cls/actions/petits-dejeuners.yaml"
    target.write_text(target.read_text("utf-8").replace("2025: 40000", "2025: 41000"), "utf-8")
    os.utime(target, ns=(1, 1))  # another time than the one the first state saw
    second = client.get("/empreinte")
    assert second.text != first.text
    assert "41 000 €" in plain(client.get("/").text)


def test_a_file_mid_edit_that_does_not_parse_is_shown_as_a_problem(
    pact: Path, client: Client
) -> None:
    (pact / "data/partners/msa.yaml").write_text("id: msa\nnom: [MSA\n", "utf-8")
    roadmap = client.get("/")
    assert roadmap.status == 200
    problems = client.get("/problemes").text
    assert "[yaml-invalide]" in problems and "data/partners/msa.yaml" in problems


def test_without_pacte_yaml_every_page_says_why(pact: Path, client: Client) -> None:
    (pact / "pacte.yaml").unlink()
    answer = client.get("/")
    assert answer.status == 500
    assert "Le pacte ne peut pas être lu" in answer.text and "pacte.yaml" in answer.text


def test_static_files_are_served_from_the_package(client: Client) -> None:
    style = client.get("/style.css")
    assert style.headers["content-type"].startswith("text/css")
    assert ".badge" in style.text and ".barre" in style.text
    script = client.get("/live.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "/empreinte" in script.text


def _git(folder: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Agnès",
        "GIT_AUTHOR_EMAIL": "agnes@example.fr",
        "GIT_COMMITTER_NAME": "Agnès",
        "GIT_COMMITTER_EMAIL": "agnes@example.fr",
        "GIT_AUTHOR_DATE": "2026-03-02T10:00:00",
        "GIT_COMMITTER_DATE": "2026-03-02T10:00:00",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def test_record_pages_show_their_git_history(pact: Path) -> None:
    _git(pact, "init", "-q", "-b", "main")
    _git(pact, "add", "-A")
    _git(pact, "commit", "-q", "-m", "Pacte signé")
    etat = pact / "data/partners/etat.yaml"
    etat.write_text(etat.read_text("utf-8").replace("2025: 20000", "2025: 25000"), "utf-8")
    _git(pact, "commit", "-q", "-am", "DDETS : +5 000 € en 2025")
    client = Client(make_app(pact, provenance=read_provenance))
    page = client.get("/actions/petits-dejeuners").text
    assert "Historique dans git" in page
    assert "DDETS : +5 000 € en 2025" in page
    assert "20 000 € → 25 000 €" in plain(page)
    partner = client.get("/partenaires/etat").text
    assert "Pacte signé" in partner


def test_outside_git_the_record_page_says_there_is_no_history(client: Client) -> None:
    assert "pas d&#39;historique" in client.get("/actions/maraudes").text


def test_the_host_constant_matches_the_default_client() -> None:
    assert HOST == "127.0.0.1:8000"


def test_the_roadmap_is_made_once_per_state_of_the_files(
    pact: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactecli.web import views

    rendered: list[str] = []
    original = views.render

    def counting(name: str, *args: object, **kwargs: object) -> str:
        rendered.append(name)
        return original(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "render", counting)
    first = client.get("/").text
    assert client.get("/").text == first and rendered.count("feuille") == 1
    target = pact / "data/partners/msa.yaml"
    target.write_text(target.read_text("utf-8") + "# une note\n", "utf-8")
    client.get("/")
    assert rendered.count("feuille") == 2  # a file changed: made again
