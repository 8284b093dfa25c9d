"""`pacte serve`, refusals: Host (DNS rebinding), CSRF, origins, paths, read-only mode.

Each refusal is checked through the WSGI callable, and each writing refusal also checks that
the file on disk did not change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from web_testing import PORT, Client, make_app

from pactecli.web import app as web_app

CONTRIBUTIONS = "/partenaires/etat/contributions"
ETAT = "data/partners/etat.yaml"


@pytest.mark.parametrize(
    "host",
    ["evil.example:8000", "evil.example", "127.0.0.1:9999", "127.0.0.1", "", "attaquant.fr:8000"],
)
def test_a_request_for_another_host_is_refused_before_anything(pact: Path, host: str) -> None:
    client = Client(make_app(pact), host=host)
    answer = client.get("/")
    assert answer.status == 421
    assert "Adresse refusée" in answer.text
    assert "Pacte" not in answer.text  # nothing of the pact is shown
    assert answer.headers["content-security-policy"].startswith("default-src 'none'")


def test_the_fingerprint_is_refused_to_another_host_too(pact: Path) -> None:
    assert Client(make_app(pact), host="rebind.example:8000").get("/empreinte").status == 421


@pytest.mark.parametrize("host", [f"localhost:{PORT}", f"LOCALHOST:{PORT}", f"127.0.0.1:{PORT}"])
def test_the_loopback_names_of_the_served_port_are_accepted(pact: Path, host: str) -> None:
    assert Client(make_app(pact), host=host).get("/").status == 200


def test_the_hosts_allowed_are_the_served_address_and_its_own_names() -> None:
    from pactecli.web.security import allowed_hosts

    assert allowed_hosts("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000"}
    assert allowed_hosts("192.0.2.7", 80) == {"192.0.2.7:80"}
    assert "[::1]:8000" in allowed_hosts("::1", 8000)
    every = allowed_hosts("0.0.0.0", 8000)
    assert {"127.0.0.1:8000", "localhost:8000", "0.0.0.0:8000"} <= every
    assert not any("example" in name for name in every)


def _valid_fields(client: Client) -> list[tuple[str, str]]:
    page = client.get(CONTRIBUTIONS)
    return [
        ("jeton", page.field("jeton")),
        ("empreinte_fichier", page.field("empreinte_fichier")),
        ("contributions.0.montants.2025", "25000"),
    ]


def test_a_valid_submission_writes_so_that_the_refusals_below_mean_something(
    pact: Path, client: Client
) -> None:
    answer = client.post(CONTRIBUTIONS, _valid_fields(client))
    assert answer.status == 303, answer
    assert "2025: 25000" in (pact / ETAT).read_text("utf-8")


def test_a_submission_without_the_session_cookie_is_refused(pact: Path, client: Client) -> None:
    fields = _valid_fields(client)
    before = (pact / ETAT).read_bytes()
    client.cookies.clear()
    answer = client.post(CONTRIBUTIONS, fields)
    assert answer.status == 403
    assert "session" in answer.text
    assert (pact / ETAT).read_bytes() == before


@pytest.mark.parametrize("token", ["", "0" * 64, "nimportequoi"])
def test_a_submission_with_a_wrong_token_is_refused(pact: Path, client: Client, token: str) -> None:
    fields = [(k, token if k == "jeton" else v) for k, v in _valid_fields(client)]
    before = (pact / ETAT).read_bytes()
    answer = client.post(CONTRIBUTIONS, fields)
    assert answer.status == 403
    assert "jeton de sécurité" in answer.text
    assert (pact / ETAT).read_bytes() == before


def test_the_token_of_another_session_is_refused(pact: Path) -> None:
    application = make_app(pact)
    alice, mallory = Client(application), Client(application)
    stolen = _valid_fields(alice)
    mallory.get("/")  # a session of her own
    before = (pact / ETAT).read_bytes()
    assert mallory.post(CONTRIBUTIONS, stolen).status == 403
    assert (pact / ETAT).read_bytes() == before


def test_the_token_of_another_server_is_refused(pact: Path) -> None:
    """Two servers never accept each other's tokens (each draws its own secret)."""
    first, second = Client(make_app(pact)), Client(make_app(pact))
    fields = _valid_fields(first)
    second.cookies.update(first.cookies)
    assert second.post(CONTRIBUTIONS, fields).status == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:9999"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_submission_from_another_origin_is_refused(
    pact: Path, client: Client, headers: dict[str, str]
) -> None:
    fields = _valid_fields(client)
    before = (pact / ETAT).read_bytes()
    answer = client.post(CONTRIBUTIONS, fields, headers=headers)
    assert answer.status == 403
    assert "autre site" in answer.text
    assert (pact / ETAT).read_bytes() == before


@pytest.mark.parametrize("origin", [f"http://127.0.0.1:{PORT}", "null"])
def test_a_same_origin_submission_is_accepted(pact: Path, client: Client, origin: str) -> None:
    """`null` is what Chromium sends on the server's own forms under `no-referrer`."""
    headers = {"Origin": origin, "Sec-Fetch-Site": "same-origin"}
    assert client.post(CONTRIBUTIONS, _valid_fields(client), headers=headers).status == 303


def test_the_session_cookie_is_http_only_strict_and_named_after_the_port(client: Client) -> None:
    cookie = client.get("/").headers["set-cookie"]
    assert cookie.startswith(f"pacte-session-{PORT}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie


def test_read_only_mode_registers_no_writing_route() -> None:
    listed = web_app.routes(writable=False, git=True)
    assert all(route.methods == ("GET",) and not route.writes for route in listed)
    patterns = {route.pattern for route in listed}
    assert not any("modifier" in p or "nouveau" in p or "proposition" in p for p in patterns)
    assert {r.pattern for r in web_app.routes(writable=True, git=False)} > patterns


@pytest.mark.parametrize(
    "page",
    [
        "/actions/petits-dejeuners/modifier",
        CONTRIBUTIONS,
        "/conventions/cls/engagements",
        "/nouveau/action",
        "/nouveau/partenaire",
        "/proposition",
    ],
)
def test_read_only_mode_has_no_form_and_no_post(pact: Path, reader: Client, page: str) -> None:
    before = (pact / ETAT).read_bytes()
    assert reader.get(page).status == 404
    assert reader.post(page, [("contributions.0.montants.2025", "1")]).status in (404, 405)
    assert (pact / ETAT).read_bytes() == before
    assert "modifier" not in reader.get("/actions/petits-dejeuners").text.lower().split("<main")[1]


@pytest.mark.parametrize(
    "page",
    [
        "/fichier/../pacte.yaml",
        "/fichier/data/../pacte.yaml",
        "/fichier/data/partners/../../pacte.yaml",
        "/fichier/.git/config",
        "/fichier//etc/passwd",
        "/fichier/etc/passwd",
        "/fichier/data/partners/inconnu.yaml",
        "/fichier/templates/report.html.j2",
        "/actions/../partenaires/etat",
        "/actions/..",
        "/partenaires/ETAT",
        "/partenaires/etat%2F..%2F..",
    ],
)
def test_no_request_reaches_outside_the_pacts_records(client: Client, page: str) -> None:
    answer = client.get(page)
    assert answer.status == 404, page
    assert "root:" not in answer.text and "[core]" not in answer.text


def test_a_symbolic_link_leaving_the_pact_is_never_read_nor_written(
    tmp_path: Path, pact: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nnom: SECRET-DU-SERVEUR\ncategorie: etat\n", "utf-8")
    os.symlink(secret, pact / "data/partners/secret.yaml")
    client = Client(make_app(pact))
    for page in ("/fichier/data/partners/secret.yaml", "/partenaires/secret"):
        answer = client.get(page)
        assert "SECRET-DU-SERVEUR" not in answer.text, page
    assert client.get("/partenaires/secret/contributions").status == 404
    assert "fichier-inattendu" in client.get("/problemes").text


def test_a_path_that_is_not_utf8_finds_no_page(client: Client) -> None:
    assert client.get("/", raw_path=b"/fichier/\xff").status == 404
    assert client.get("/", raw_path=b"/actions/\xff").status == 404


def test_hostile_file_names_are_listed_escaped_and_reachable(pact: Path) -> None:
    partners = os.fsencode(pact / "data/partners")
    os.symlink(b"etat.yaml", os.path.join(partners, b"\xff.yaml"))
    (pact / 'data/partners/"><script>x<.yaml').write_text("id: x\n", "utf-8")
    client = Client(make_app(pact))
    problems = client.get("/problemes")
    assert problems.status == 200
    assert "<script>x<" not in problems.text and "&lt;script&gt;" in problems.text
    assert 'href="/fichier/data/partners/%FF.yaml' in problems.text
    shown = client.get("/", raw_path=b"/fichier/data/partners/\xff.yaml")
    assert shown.status == 200 and "\\xff" in shown.text


def test_an_oversized_form_is_refused_unread(pact: Path, client: Client) -> None:
    fields = [*_valid_fields(client), ("remplissage", "x" * 600_000)]
    before = (pact / ETAT).read_bytes()
    assert client.post(CONTRIBUTIONS, fields).status == 413
    assert (pact / ETAT).read_bytes() == before


def test_a_form_of_another_content_type_is_refused(pact: Path, client: Client) -> None:
    client.get("/")
    answer = client.request(
        "POST", CONTRIBUTIONS, b'{"a": 1}', headers={"Content-Type": "application/json"}
    )
    assert answer.status in (403, 415)


def test_an_unknown_method_is_refused(client: Client) -> None:
    assert client.request("DELETE", "/").status == 405
    assert client.request("POST", "/").status == 405


def test_a_failure_of_pacte_is_a_french_page_without_traceback(
    pact: Path, client: Client, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pactecli.web import pages

    def broken(app: object, request: object) -> None:
        raise RuntimeError("boum")

    monkeypatch.setattr(pages, "problems", broken)
    monkeypatch.setattr(
        web_app,
        "READING",
        tuple(
            web_app.Route(r.methods, r.pattern, broken if r.pattern == "/problemes" else r.handler)
            for r in web_app.READING
        ),
    )
    application = make_app(pact)
    answer = Client(application).get("/problemes")
    assert answer.status == 500
    assert "erreur interne de pacte" in answer.text and "Traceback" not in answer.text
    err = capsys.readouterr().err
    assert "erreur interne (RuntimeError : boum)" in err and "Traceback" not in err
