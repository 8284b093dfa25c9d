"""`pacte new`: complete, commented records at their place; refusals; questions on a terminal;
a contribution appended without touching any other byte of the partner's file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from pacte_testing import AS_OF, Run, base_text, check_pact, make_pact, problems, run_pacte
from pactecli.author import prompts
from pactecli.author.contribution import append_contribution
from pactecli.author.fmt import format_record
from pactecli.author.records import ContributionFields
from pactecli.layout import Kind, classify
from pactecli.load import documents
from pactecli.load.sources import Source

NEW_ACTION = "data/conventions/cls/actions/aide-mobilite.yaml"
ETAT = "data/partners/etat.yaml"
MSA = "data/partners/msa.yaml"


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    return make_pact(tmp_path / "pacte")


def new(root: Path, *args: str) -> Run:
    return run_pacte("new", *args, "--root", str(root), "--as-of", AS_OF, "--non-interactif")


def _data(path: str, content: bytes) -> object:
    kind = classify(path)
    assert kind is not None
    document, found = documents.load(Source(path, kind, content))
    assert document is not None and not found, found
    return document.data


def _action(root: Path, *extra: str) -> Run:
    return new(
        root,
        "action",
        "aide-mobilite",
        "--convention",
        "cls",
        "--objectif",
        "cls-droits",
        "--pilote",
        "etat",
        "--nature",
        "nouvelle",
        *extra,
    )


def test_new_action_is_complete_commented_and_canonical(pact: Path) -> None:
    run = _action(pact, "--budget", "2025=40000", "--titre", "Aide à la mobilité : permis")
    assert run.exit_code == 0, run
    text = (pact / NEW_ACTION).read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../../schemas/action.schema.json\n"
    )
    assert "# Intitulé de l'action (200 caractères au plus). (obligatoire)\n" in text  # schema
    assert "Valeurs permises : nouvelle, renforcee" in text.replace("\n# ", " ")
    assert 'titre: "Aide à la mobilité : permis"\n' in text
    data = _data(NEW_ACTION, text.encode())
    assert data["budget"] == {"2025": 40000}  # type: ignore[index]
    assert data["calendrier"] == {"debut": "2024-01-01", "fin": "2027-12-31"}  # type: ignore[index]
    assert format_record(NEW_ACTION, Kind.ACTION, text.encode()).changed is False
    assert f"Créé : {NEW_ACTION}\n" in run.stdout
    assert "[financement-incomplet] en 2025" in run.stdout
    assert [d.code for d in problems(check_pact(pact))] == ["financement-incomplet"]


def test_what_remains_to_fill_is_listed(pact: Path) -> None:
    run = _action(pact)
    assert run.exit_code == 0, run
    assert (
        "À remplir dans le fichier :\n  - titre (« À compléter »)\n  - budget (aucune année)\n"
        in (run.stdout)
    )
    assert "Validation du pacte : aucun nouveau problème.\n" in run.stdout
    assert problems(check_pact(pact)) == []


def test_refuses_an_existing_id_or_file(pact: Path) -> None:
    before = (pact / "data/conventions/cls/actions/maraudes.yaml").read_bytes()
    run = new(
        pact,
        "action",
        "maraudes",
        "--convention",
        "cls",
        "--objectif",
        "cls-droits",
        "--pilote",
        "etat",
        "--nature",
        "nouvelle",
    )
    assert run.exit_code == 2, run
    assert "l'action « maraudes » existe déjà" in run.stderr
    assert (pact / "data/conventions/cls/actions/maraudes.yaml").read_bytes() == before
    (pact / "data/partners/caf.yml").write_text("# mon brouillon\n", encoding="utf-8")
    run = new(pact, "partenaire", "caf", "--categorie", "protection_sociale")
    assert run.exit_code == 2 and "le partenaire « caf » existe déjà" in run.stderr, run
    assert not (pact / "data/partners/caf.yaml").exists()


def test_without_a_terminal_a_missing_choice_is_named_with_its_values(pact: Path) -> None:
    run = new(pact, "action", "aide-mobilite", "--convention", "cls", "--nature", "nouvelle")
    assert run.exit_code == 2, run
    assert "--objectif est obligatoire hors d'un terminal" in run.stderr
    assert "valeurs possibles : cls-enfance, cls-droits" in run.stderr
    assert not (pact / NEW_ACTION).exists()


def test_a_cls_action_needs_its_nature(pact: Path) -> None:
    run = new(
        pact,
        "action",
        "aide-mobilite",
        "--convention",
        "cls",
        "--objectif",
        "cls-droits",
        "--pilote",
        "etat",
    )
    assert run.exit_code == 2 and "--nature est obligatoire" in run.stderr, run


def test_unknown_ids_are_refused_with_a_suggestion(pact: Path) -> None:
    run = new(
        pact,
        "action",
        "aide-mobilite",
        "--convention",
        "cls",
        "--objectif",
        "cls-droits",
        "--pilote",
        "etta",
        "--nature",
        "nouvelle",
    )
    assert run.exit_code == 2, run
    assert "--pilote : le partenaire « etta » n'existe pas" in run.stderr
    assert "vouliez-vous dire « etat » ?" in run.stderr


@pytest.mark.parametrize("bad", ["../../outside", "Aide", "aide_mobilite", "a" * 65])
def test_an_id_must_be_an_identifier(pact: Path, bad: str) -> None:
    run = new(pact, "partenaire", bad, "--categorie", "autre")
    assert run.exit_code == 2 and "n'est pas un identifiant valide" in run.stderr, run
    assert sorted(p.name for p in (pact / "data/partners").iterdir()) == [
        "departement.yaml",
        "etat.yaml",
        "msa.yaml",
    ]


def test_a_value_that_breaks_the_schema_writes_nothing(pact: Path) -> None:
    run = _action(pact, "--fin", "2027-02-30")
    assert run.exit_code == 2, run
    assert f"{NEW_ACTION}:" in run.stderr and "[schema]" in run.stderr
    assert "rien n'a été écrit" in run.stderr
    assert not (pact / NEW_ACTION).exists()


def test_option_values_cannot_inject_yaml(pact: Path) -> None:
    title = 'x"\nid: autre\n# [ & * ! %'
    run = _action(pact, "--titre", title)
    assert run.exit_code == 0, run
    data = _data(NEW_ACTION, (pact / NEW_ACTION).read_bytes())
    assert data["titre"] == title and data["id"] == "aide-mobilite"  # type: ignore[index]


def test_new_partner_and_convention_validate(pact: Path) -> None:
    run = new(
        pact,
        "partenaire",
        "caf",
        "--nom",
        "Caisse d'allocations familiales",
        "--sigle",
        "CAF",
        "--categorie",
        "protection_sociale",
        "--siret",
        "13002526500013",
        "--signataire",
    )
    assert run.exit_code == 0, run
    data = _data("data/partners/caf.yaml", (pact / "data/partners/caf.yaml").read_bytes())
    assert data == {  # the SIRET stays text, quoted
        "id": "caf",
        "nom": "Caisse d'allocations familiales",
        "sigle": "CAF",
        "categorie": "protection_sociale",
        "siret": "13002526500013",
        "signataire_pacte": True,
    }
    run = new(
        pact,
        "convention",
        "cdie",
        "--type",
        "CDIE",
        "--signataire",
        "etat",
        "--signataire",
        "departement",
        "--axe",
        "emploi",
        "--titre",
        "CDIE 2024-2027",
    )
    assert run.exit_code == 0, run
    assert "objectifs[0].titre (« À compléter »)" in run.stdout
    data = _data(
        "data/conventions/cdie/convention.yaml",
        (pact / "data/conventions/cdie/convention.yaml").read_bytes(),
    )
    assert data["objectifs"] == [  # type: ignore[index]
        {"id": "cdie-objectif-1", "titre": "À compléter", "axe": "emploi"}
    ]
    assert data["periode"] == {"debut": "2024-01-01", "fin": "2027-12-31"}  # type: ignore[index]
    assert problems(check_pact(pact)) == []


def test_a_convention_needs_two_signatories(pact: Path) -> None:
    run = new(
        pact, "convention", "cdie", "--type", "CDIE", "--signataire", "etat", "--axe", "emploi"
    )
    assert run.exit_code == 2 and "au moins deux signataires" in run.stderr, run


# --- contributions ----------------------------------------------------------------------------

PARTNER = (
    "# Fichier tenu par la MSA ; relu par la DDETS\n"
    "id: msa\n"
    "nom: 'MSA Alpes-Vaucluse'   # nom officiel\n"
    "categorie: protection_sociale\n"
    "signataire_pacte: true\n"
    "contributions:\n"
    "    -   action: coaching-emploi\n"
    "        nature: financiere\n"
    "        montants: {2025: 3000}   # voté en CA\n"
    "\n"
    "    # la suite en 2026\n"
    "date_adhesion: 2024-05-23\n"
)


def _split(before: bytes, after: bytes) -> tuple[bytes, bytes, bytes]:
    """(common prefix, inserted block, common suffix): the rest is byte for byte the same."""
    start = 0
    while start < len(before) and before[start] == after[start]:
        start += 1
    end = 0
    while end < len(before) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[:start], after[start : len(after) - end], before[len(before) - end :]


def test_new_contribution_leaves_every_other_byte_alone(pact: Path) -> None:
    (pact / MSA).write_text(PARTNER, encoding="utf-8")
    run = new(
        pact,
        "contribution",
        "--partenaire",
        "msa",
        "--action",
        "maraudes",
        "--nature",
        "humaine",
        "--etp",
        "0.5",
        "--description",
        "Travailleuse sociale",
    )
    assert run.exit_code == 0, run
    after = (pact / MSA).read_bytes()
    prefix, block, suffix = _split(PARTNER.encode(), after)
    assert prefix + block + suffix == after
    assert block == (
        b"    -   action: maraudes\n"
        b"        nature: humaine\n"
        b"        etp: 0.5\n"
        b"        description: Travailleuse sociale\n"
    )
    assert prefix.endswith(b"# vot\xc3\xa9 en CA\n") and suffix.startswith(b"\n    # la suite")
    data = _data(MSA, after)
    assert data["contributions"][-1] == {  # type: ignore[index]
        "action": "maraudes",
        "nature": "humaine",
        "etp": 0.5,
        "description": "Travailleuse sociale",
    }


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (b"id: a\nnom: A\n", b"id: a\nnom: A\ncontributions:\n  - action: x\n"),
        (b"id: a\nnom: A", b"id: a\nnom: A\ncontributions:\n  - action: x\n"),
        (
            b"id: a\ncontributions: []  # rien\nnom: A\n",
            b"id: a\ncontributions:  # rien\n  - action: x\nnom: A\n",
        ),
        (b"id: a\ncontributions:\nnom: A\n", b"id: a\ncontributions:\n  - action: x\nnom: A\n"),
        (
            b"\xef\xbb\xbfid: a\r\ncontributions:\r\n- action: y\r\n  nature: humaine\r\n",
            b"\xef\xbb\xbfid: a\r\ncontributions:\r\n- action: y\r\n  nature: humaine\r\n"
            b"- action: x\r\n",
        ),
    ],
    ids=["sans-liste", "sans-fin-de-ligne", "liste-vide", "cle-vide", "bom-crlf"],
)
def test_the_block_goes_where_the_list_is(before: bytes, expected: bytes) -> None:
    fields = ContributionFields("materielle", action="x", description="Salle")
    after = append_contribution(before, fields)
    newline = b"\r\n" if b"\r\n" in before else b"\n"
    indent = b"  " if b"\n- " not in before else b""
    tail = indent + b"  nature: materielle" + newline + indent + b"  description: Salle" + newline
    head, _, rest = expected.partition(b"- action: x" + newline)
    assert after == head + b"- action: x" + newline + tail + rest


def test_a_flow_list_of_contributions_is_not_rewritten(pact: Path) -> None:
    text = "id: msa\nnom: MSA\ncategorie: sante\nsignataire_pacte: true\n"
    text += "contributions: [{action: maraudes, nature: humaine, description: X}]\n"
    (pact / MSA).write_text(text, encoding="utf-8")
    run = new(
        pact,
        "contribution",
        "--partenaire",
        "msa",
        "--action",
        "maraudes",
        "--nature",
        "materielle",
        "--description",
        "Salle",
    )
    assert run.exit_code == 2 and "ne sont pas écrites en liste" in run.stderr, run
    assert (pact / MSA).read_text(encoding="utf-8") == text


def test_a_contribution_for_a_year_without_budget_is_refused(pact: Path) -> None:
    before = (pact / ETAT).read_bytes()
    run = new(
        pact,
        "contribution",
        "--partenaire",
        "etat",
        "--action",
        "coaching-emploi",
        "--montants",
        "2027=1000",
    )
    assert run.exit_code == 2, run
    assert "[financement-hors-budget]" in run.stderr and "rien n'a été écrit" in run.stderr
    assert (pact / ETAT).read_bytes() == before


def test_an_amount_written_as_text_gets_the_schema_hint(pact: Path) -> None:
    run = new(
        pact,
        "contribution",
        "--partenaire",
        "msa",
        "--action",
        "coaching-emploi",
        "--montants",
        "2025=1 000",
    )
    assert run.exit_code == 2, run
    assert "écrivez 1000" in run.stderr


def test_new_contribution_reports_the_funding_it_completes(pact: Path) -> None:
    text = base_text(MSA).replace("      2025: 3000\n", "      2025: 2000\n")
    (pact / MSA).write_text(text, encoding="utf-8")
    assert [d.code for d in problems(check_pact(pact))] == ["financement-incomplet"]
    run = new(
        pact,
        "contribution",
        "--partenaire",
        "etat",
        "--action",
        "coaching-emploi",
        "--montants",
        "2025=1000",
    )
    assert run.exit_code == 0, run
    assert run.stdout.startswith(f"Contribution ajoutée à la fin de {ETAT}\n")
    assert problems(check_pact(pact)) == []


def test_never_writes_through_a_link_leaving_the_pact(pact: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    os.symlink(outside, pact / "data/conventions/cls/actions-lien")
    os.rename(pact / "data/conventions/cls/actions", tmp_path / "vraies-actions")
    os.rename(pact / "data/conventions/cls/actions-lien", pact / "data/conventions/cls/actions")
    run = _action(pact)
    assert run.exit_code == 2, run
    assert "mène hors du pacte" in run.stderr
    assert list(outside.iterdir()) == []


# --- questions on a terminal ------------------------------------------------------------------


def _interactive(monkeypatch: pytest.MonkeyPatch, answers: str) -> None:
    monkeypatch.setattr(prompts, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))


def test_on_a_terminal_it_asks_for_each_missing_field(
    pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        "aide-mobilite",  # id
        "cls",  # convention
        "cls-droitz",  # objective, mistyped: asked again
        "cls-droits",
        "etat",  # pilot
        "renforcee",  # nature (a CLS action)
        "Aide à la mobilité",  # title
        "",  # start: the convention's
        "2026-12-31",  # end
        "",  # status: non_demarre
        "msa etat",  # partners
        "2025=20000 2026=20000",  # budget
    ]
    _interactive(monkeypatch, "\n".join(answers) + "\n")
    run = run_pacte("new", "action", "--root", str(pact), "--as-of", AS_OF)
    assert run.exit_code == 0, run
    assert "Objectif — valeurs possibles : cls-enfance, cls-droits\n" in run.stdout
    assert "« cls-droitz » n'est pas permis ; recommencez." in run.stdout
    assert "Statut [non_demarre] : " in run.stdout
    data = _data(NEW_ACTION, (pact / NEW_ACTION).read_bytes())
    assert data == {
        "id": "aide-mobilite",
        "titre": "Aide à la mobilité",
        "objectif": "cls-droits",
        "nature": "renforcee",
        "pilote": "etat",
        "partenaires": ["msa", "etat"],
        "calendrier": {"debut": "2024-01-01", "fin": "2026-12-31"},
        "statut": "non_demarre",
        "budget": {"2025": 20000, "2026": 20000},
    }


def test_options_given_are_not_asked_again(pact: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _interactive(monkeypatch, "Caisse d'allocations familiales\nnon\nCAF\n\n")
    run = run_pacte(
        "new",
        "partenaire",
        "caf",
        "--categorie",
        "protection_sociale",
        "--root",
        str(pact),
        "--as-of",
        AS_OF,
    )
    assert run.exit_code == 0, run
    assert "Catégorie" not in run.stdout
    data = _data("data/partners/caf.yaml", (pact / "data/partners/caf.yaml").read_bytes())
    assert data["nom"] == "Caisse d'allocations familiales"  # type: ignore[index]
    assert data["signataire_pacte"] is False  # type: ignore[index]
    assert data["sigle"] == "CAF" and "siret" not in data  # type: ignore[operator, index]


def test_a_convention_asked_in_the_order_of_its_file(
    pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = ["cdie", "CDIE", "Contrat pour l'emploi", "etat departement", "", "", "", "emploi"]
    _interactive(monkeypatch, "\n".join(answers) + "\n")
    run = run_pacte("new", "convention", "--root", str(pact), "--as-of", AS_OF)
    assert run.exit_code == 0, run
    path = "data/conventions/cdie/convention.yaml"
    data = _data(path, (pact / path).read_bytes())
    assert data["signataires"] == ["etat", "departement"]  # type: ignore[index]
    assert data["objectifs"][0]["id"] == "cdie-objectif-1"  # type: ignore[index]
    assert data["type"] == "CDIE" and data["titre"] == "Contrat pour l'emploi"  # type: ignore[index]


def test_nothing_to_choose_from_is_said_not_asked(
    pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for partner in ("etat", "departement", "msa"):
        (pact / f"data/partners/{partner}.yaml").unlink()
    _interactive(monkeypatch, "")
    run = run_pacte(
        "new", "action", "x", "--convention", "cls", "--objectif", "cls-droits", "--root", str(pact)
    )
    assert run.exit_code == 2, run
    assert "--pilote : aucune valeur possible dans ce pacte" in run.stderr


def test_an_interrupted_input_writes_nothing(pact: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _interactive(monkeypatch, "caf\n")  # then end of input
    run = run_pacte("new", "partenaire", "--root", str(pact), "--as-of", AS_OF)
    assert run.exit_code == 2, run
    assert "saisie interrompue : rien n'a été écrit" in run.stderr
    assert not (pact / "data/partners/caf.yaml").exists()


def test_non_interactive_never_asks_even_on_a_terminal(
    pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch, "")
    run = run_pacte("new", "partenaire", "caf", "--root", str(pact), "--non-interactif")
    assert run.exit_code == 2 and "--categorie est obligatoire" in run.stderr, run
