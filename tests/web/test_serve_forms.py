"""`pacte serve`, writing: forms that change exactly what was changed, checked first."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from web_testing import Client, form_fields, make_app, plain

from pacte_testing import AS_OF_DATE, check_pact, codes, edit, make_pact

ETAT = "data/partners/etat.yaml"
MARAUDES = "data/conventions/cls/actions/maraudes.yaml"
CONTRIBUTIONS = "/partenaires/etat/contributions"


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_editing_a_contribution_changes_that_line_only(pact: Path, client: Client) -> None:
    before = (pact / ETAT).read_text("utf-8")
    answer = client.submit(CONTRIBUTIONS, {"contributions.0.montants.2025": "25000"})
    assert answer.status == 303 and answer.headers["location"] == "/partenaires/etat?enregistre=1"
    after = (pact / ETAT).read_text("utf-8")
    assert changed_lines(before, after) == ["-      2025: 20000", "+      2025: 25000"]
    assert "Modifications enregistrées" in client.get(answer.headers["location"]).text


def test_a_bad_amount_is_shown_next_to_its_field_and_nothing_is_written(
    pact: Path, client: Client
) -> None:
    before = (pact / ETAT).read_bytes()
    answer = client.submit(CONTRIBUTIONS, {"contributions.0.montants.2025": "12 000"})
    assert answer.status == 422
    page = answer.text
    assert "Rien n'a été écrit : 1 problème à corriger" in page
    error = page.split('id="champ-contributions-0-montants-2025-erreur">', 1)[1].split("</p>")[0]
    assert "écrivez 12000" in error
    field = page.split('id="champ-contributions-0-montants-2025"', 1)[1].split(">")[0]
    assert 'value="12 000"' in field and 'aria-invalid="true"' in field
    assert 'aria-describedby="champ-contributions-0-montants-2025-aide' in page
    assert 'href="#champ-contributions-0-montants-2025"' in page  # the summary links to it
    assert (pact / ETAT).read_bytes() == before


def test_an_untouched_form_writes_nothing(pact: Path, client: Client) -> None:
    for page, path in (
        (CONTRIBUTIONS, ETAT),
        ("/actions/maraudes/modifier", MARAUDES),
        ("/conventions/cls/engagements", "data/conventions/cls/convention.yaml"),
    ):
        os.utime(pact / path, ns=(1_000_000_000, 1_000_000_000))
        answer = client.submit(page, {})
        assert answer.status == 303 and answer.headers["location"].endswith("?enregistre=0")
        assert (pact / path).stat().st_mtime_ns == 1_000_000_000, page


def test_a_file_changed_on_disk_since_the_form_was_opened_is_not_overwritten(
    pact: Path, client: Client
) -> None:
    page = client.get(CONTRIBUTIONS)
    fields = [
        (k, "26000" if k == "contributions.0.montants.2025" else v)
        for k, v in form_fields(page.text)
    ]
    on_disk = (pact / ETAT).read_text("utf-8").replace("2026: 5000", "2026: 6000")
    (pact / ETAT).write_text(on_disk, "utf-8")
    answer = client.post(CONTRIBUTIONS, fields)
    assert answer.status == 409
    assert (pact / ETAT).read_text("utf-8") == on_disk
    assert "Sur le disque maintenant" in answer.text and "Votre version" in answer.text
    assert "2026: 6000" in answer.text  # the disk's version
    assert "2025: 26000" in answer.text  # what the form would have written
    differences = answer.text.split('id="differences"', 1)[1].split("</pre>")[0]
    assert "-      2026: 6000" in differences and "+      2026: 5000" in differences
    assert "-      2025: 20000" in differences and "+      2025: 26000" in differences


def test_an_action_is_edited_and_each_problem_is_shown_at_its_field(
    pact: Path, client: Client
) -> None:
    answer = client.submit("/actions/maraudes/modifier", {"statut": "suspendu"})
    assert answer.status == 422
    assert "motif" in answer.text and "[motif-requis]" not in answer.text
    answer = client.submit(
        "/actions/maraudes/modifier",
        {"statut": "suspendu", "motif": "Faute de bénévoles cet hiver", "budget.2026": "12000"},
    )
    assert answer.status == 303, answer
    text = (pact / MARAUDES).read_text("utf-8")
    assert "statut: suspendu\nmotif: Faute de bénévoles cet hiver\n" in text
    assert "2026: 12000" in text


def test_list_items_are_added_and_removed_with_check_boxes(pact: Path, client: Client) -> None:
    answer = client.submit("/actions/maraudes/modifier", {"partenaires": ["msa", "etat"]})
    assert answer.status == 303, answer
    assert "partenaires: [etat, msa]" in (pact / MARAUDES).read_text("utf-8")
    answer = client.submit("/actions/maraudes/modifier", {"partenaires": []})
    assert answer.status == 303
    assert "partenaires" not in (pact / MARAUDES).read_text("utf-8")


def test_a_year_emptied_is_removed_and_a_new_year_added_in_order(
    pact: Path, client: Client
) -> None:
    answer = client.submit(
        "/actions/maraudes/modifier",
        {"budget.2025": "", "budget.2027": "12000", "calendrier.fin": "2027-06-30"},
    )
    assert answer.status == 303, answer
    text = (pact / MARAUDES).read_text("utf-8")
    assert "  fin: 2027-06-30\n" in text
    assert "budget:\n  2026: 10000\n  2027: 12000\n" in text


def test_a_problem_of_a_new_contribution_is_shown_at_its_own_field(
    pact: Path, client: Client
) -> None:
    page = client.post(
        CONTRIBUTIONS, [*form_fields(client.get(CONTRIBUTIONS).text)[:2], ("operation", "ajouter")]
    )
    fields = [
        (k, v)
        for k, v in form_fields(page.text)
        if k not in ("nouvelle.0.cible", "nouvelle.0.montants.2026", "operation")
    ]
    fields += [("nouvelle.0.cible", "action:coaching-emploi"), ("nouvelle.0.montants.2026", "1")]
    answer = client.post(CONTRIBUTIONS, fields)
    assert answer.status == 422
    assert 'id="champ-nouvelle-0-montants-2026-erreur"' in answer.text
    assert "année sans budget" in answer.text


def test_a_contribution_is_added_then_removed(pact: Path, client: Client) -> None:
    page = client.get(CONTRIBUTIONS)
    fields = [*form_fields(page.text), ("operation", "ajouter")]
    fields = [(k, v) for k, v in fields if k != "operation" or v == "ajouter"]
    with_block = client.post(CONTRIBUTIONS, fields)
    assert with_block.status == 200 and "Nouvelle contribution n° 1" in with_block.text
    fields = [
        (k, v)
        for k, v in form_fields(with_block.text)
        if not k.startswith("nouvelle.0.") or k == "nouvelle.0.nature"
    ]
    fields += [
        ("nouvelle.0.cible", "action:coaching-emploi"),
        ("nouvelle.0.montants.2025", "1000"),
        ("operation", "enregistrer"),
    ]
    answer = client.post(CONTRIBUTIONS, fields)
    assert answer.status == 303, answer
    text = (pact / ETAT).read_text("utf-8")
    assert text.endswith(
        "  - action: coaching-emploi\n    nature: financiere\n    montants:\n      2025: 1000\n"
    )
    answer = client.submit(CONTRIBUTIONS, {"retirer": "2"})
    assert answer.status == 303
    assert "coaching-emploi" not in (pact / ETAT).read_text("utf-8")


def test_signed_amounts_of_a_convention_are_edited(pact: Path, client: Client) -> None:
    answer = client.submit(
        "/conventions/cls/engagements",
        {"engagements.etat.2024": "10000", "engagements.etat.2025": "25000"},
    )
    assert answer.status == 303, answer
    text = (pact / "data/conventions/cls/convention.yaml").read_text("utf-8")
    assert "engagements:\n  etat:\n    2024: 10000\n    2025: 25000\n" in text


def test_a_crlf_file_keeps_its_line_ends(tmp_path: Path) -> None:
    content = (Path(__file__).parents[1] / "cases/base" / ETAT).read_text("utf-8")
    pact = make_pact(tmp_path / "pacte", {ETAT: content.replace("\n", "\r\n").encode()})
    client = Client(make_app(pact))
    assert client.submit(CONTRIBUTIONS, {"contributions.1.montants.2026": "7000"}).status == 303
    data = (pact / ETAT).read_bytes()
    assert b"      2026: 7000\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_a_new_action_is_written_where_it_belongs_and_validates(pact: Path, client: Client) -> None:
    answer = client.submit(
        "/nouveau/action",
        {
            "id": "aide-mobilite",
            "titre": "Aide à la mobilité",
            "objectif": "cls-droits",
            "nature": "nouvelle",
            "pilote": "departement",
            "calendrier.debut": "2025-01-01",
            "calendrier.fin": "2026-12-31",
            "budget.2025": "1000",
        },
    )
    assert answer.status == 303, answer
    assert answer.headers["location"] == "/actions/aide-mobilite?enregistre=1"
    written = pact / "data/conventions/cls/actions/aide-mobilite.yaml"
    assert "Créé par « pacte serve »" in written.read_text("utf-8")
    found = check_pact(pact, AS_OF_DATE)
    assert found.errors == 0 or "aide-mobilite" not in str(found.diagnostics), codes(found)
    assert "Aide à la mobilité" in client.get("/").text


def test_a_new_record_with_an_error_of_its_own_is_not_written(pact: Path, client: Client) -> None:
    answer = client.submit(
        "/nouveau/action",
        {
            "id": "aide-mobilite",
            "titre": "Aide",
            "objectif": "cls-droits",
            "pilote": "departement",
            "calendrier.debut": "2025-02-30",
            "calendrier.fin": "2026-12-31",
        },
    )
    assert answer.status == 422
    assert 'id="champ-calendrier-debut-erreur"' in answer.text
    assert not (pact / "data/conventions/cls/actions/aide-mobilite.yaml").exists()


def test_a_new_record_id_cannot_name_another_place(pact: Path, client: Client) -> None:
    for identifier in ("../../evil", "etat", "A-Majuscule", "x" * 65, ""):
        answer = client.submit(
            "/nouveau/partenaire", {"id": identifier, "nom": "X", "categorie": "autre"}
        )
        assert answer.status == 422, identifier
        assert 'id="champ-id-erreur"' in answer.text, identifier
    assert not (pact.parent / "evil.yaml").exists()
    assert sorted(p.name for p in (pact / "data/partners").iterdir()) == [
        "departement.yaml",
        "etat.yaml",
        "msa.yaml",
    ]


def test_a_new_action_cannot_take_the_id_of_an_action_of_another_convention(
    pact: Path, client: Client
) -> None:
    answer = client.submit(
        "/nouveau/action",
        {
            "id": "coaching-emploi",  # an action of the « partenariale » convention
            "titre": "Doublon",
            "objectif": "cls-droits",
            "pilote": "departement",
            "calendrier.debut": "2025-01-01",
            "calendrier.fin": "2025-12-31",
        },
    )
    assert answer.status == 422
    assert "existe déjà" in answer.text.split('id="champ-id-erreur"', 1)[1].split("</p>")[0]
    assert not (pact / "data/conventions/cls/actions/coaching-emploi.yaml").exists()


def test_a_new_partner_is_created(pact: Path, client: Client) -> None:
    answer = client.submit(
        "/nouveau/partenaire",
        {
            "id": "caf",
            "nom": "Caisse d'allocations familiales",
            "sigle": "CAF",
            "categorie": "protection_sociale",
            "signataire_pacte": "true",
        },
    )
    assert answer.status == 303, answer
    text = (pact / "data/partners/caf.yaml").read_text("utf-8")
    assert "signataire_pacte: true" in text and "sigle: CAF" in text
    assert check_pact(pact).errors == 0


def test_a_problem_elsewhere_does_not_block_but_is_listed(pact: Path, client: Client) -> None:
    """Raising the State's money breaks the CLS parity: a problem of the action's file, to fix
    next (the Département's money), not a reason to refuse this file."""
    answer = client.submit(CONTRIBUTIONS, {"contributions.0.montants.2025": "20500"})
    assert answer.status == 303
    problems = plain(client.get("/problemes").text)
    assert "[cofinancement-desequilibre]" in problems or "[financement-excedentaire]" in problems


def test_a_file_that_does_not_parse_has_no_form(tmp_path: Path) -> None:
    pact = make_pact(tmp_path / "pacte", edit(ETAT, "contributions:", "contributions: [oops"))
    answer = Client(make_app(pact)).get(CONTRIBUTIONS)
    assert answer.status in (400, 404)
