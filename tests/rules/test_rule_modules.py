"""Each cross-file rule on a passing and a failing pact, and the rule catalogue itself.

The passing pact is a near miss (the boundary a rule must accept), not only the sound base:
a ceiling reached exactly, an actual for the current year, a baseline year before the pact...
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pacte_testing import AS_OF_DATE, base_text, check_pact, make_pact, only
from pacte_testing import CASES as CASES_DIR
from pactecli.check import rules
from pactecli.diagnostics import Severity

P = "pacte.yaml"
ETAT = "data/partners/etat.yaml"
DEP = "data/partners/departement.yaml"
MSA = "data/partners/msa.yaml"
CLS = "data/conventions/cls/convention.yaml"
PDJ = "data/conventions/cls/actions/petits-dejeuners.yaml"
MAR = "data/conventions/cls/actions/maraudes.yaml"
PART = "data/conventions/partenariale/convention.yaml"
COACH = "data/conventions/partenariale/actions/coaching-emploi.yaml"
DEP_COACHING = (
    "  - action: coaching-emploi\n    nature: financiere\n    montants:\n      2025: 5000"
)


COMPLETE = {
    path.relative_to(CASES_DIR / "valid" / "execution-complete").as_posix(): path.read_text("utf-8")
    for path in (CASES_DIR / "valid" / "execution-complete").rglob("*.yaml")
}
PAID_5000 = (
    "      - {date: 2025-04-15, montant: 3000}\n"
    "      - {date: 2026-03-01, montant: 2000, annee: 2025}\n"
)


def edits(*changes: tuple[str, str, str]) -> dict[str, str]:
    """Several replacements, possibly in the same file, applied to the base pact's text."""
    files: dict[str, str] = {}
    for name, old, new in changes:
        text = files.get(name, base_text(name))
        assert old in text, f"{old!r} absent de {name}"
        files[name] = text.replace(old, new, 1)
    return files


ARS = "id: ars\nnom: Agence régionale de santé\ncategorie: sante\nsignataire_pacte: true\n"

# code -> (passing pact, failing pact, where the problem is reported, parts of the message)
CASES: dict[str, tuple[dict[str, str], dict[str, str], str, list[str]]] = {
    "identifiant-invalide": (
        # La Poste's establishments: SIREN 356000000, digit sum a multiple of 5
        edits((ETAT, '"13002791500011"', '"35600000000047"')),
        edits((ETAT, '"13002791500011"', '"13002791500012"')),
        f"{ETAT}:5",
        ["« 13002791500012 »", "clé de contrôle fausse"],
    ),
    "id-fichier": (
        {"data/partners/ars.yml": ARS},
        {"data/partners/ars.yaml": ARS.replace("id: ars", "id: ars-paca")},
        "data/partners/ars.yaml:1",
        ["« ars-paca »", "« ars »"],
    ),
    "id-duplique": (
        edits(
            (PART, "id: part-emploi", "id: part-emploi-2"), (COACH, "part-emploi", "part-emploi-2")
        ),
        edits((PART, "id: part-emploi", "id: cls-droits"), (COACH, "part-emploi", "cls-droits")),
        f"{PART}:9",
        ["objectif « cls-droits »", f"{CLS}:13"],
    ),
    "reference-inconnue": (
        edits((MAR, "pilote: etat", "pilote: msa")),
        edits((MSA, "action: maraudes", "action: maraude")),
        f"{MSA}:11",
        ["action « maraude » inconnue"],
    ),
    "hors-periode": (
        # the baseline of an indicator may precede the pact
        edits((PDJ, "annee: 2023", "annee: 2019")),
        edits((PDJ, "      2025: 1300\n", "      2025: 1300\n      2028: 1500\n")),
        f"{PDJ}:24",
        ["cible pour 2028", "(2024-2027, pacte.yaml:4)"],
    ),
    "dates-incoherentes": (
        edits((COACH, "fin: 2025-12-31", "fin: 2025-02-01")),  # one-day action
        edits((COACH, "fin: 2025-12-31", "fin: 2025-01-31")),
        f"{COACH}:7",
        ["finit le 31 janvier 2025", "commencer le 1er février 2025"],
    ),
    "financement-incomplet": (
        {},
        edits((DEP, DEP_COACHING, DEP_COACHING.replace("5000", "4500"))),
        f"{COACH}:10",
        ["il manque 500 €", f"{DEP}:20", f"{MSA}:10"],
    ),
    "financement-excedentaire": (
        {},
        edits((MSA, "2025: 3000", "2025: 3000.01")),
        f"{COACH}:10",
        ["dépassent le budget", "de 0,01 €", f"{MSA}:10"],
    ),
    "financement-hors-budget": (
        {},
        edits((MSA, "      2025: 3000", "      2024: 0\n      2025: 3000")),
        f"{MSA}:10",
        ["« coaching-emploi » en 2024", f"{COACH}:9"],
    ),
    "cofinancement-desequilibre": (
        edits(
            (
                CLS,
                "  financeurs: [etat, departement]\n",
                "  financeurs: [etat, departement]\n  tolerance: 1000\n",
            ),
            (ETAT, "      2025: 5000", "      2025: 5500"),
            (DEP, "      2025: 5000", "      2025: 4500"),
        ),
        edits(
            (ETAT, "      2025: 5000", "      2025: 5500"),
            (DEP, "      2025: 5000", "      2025: 4500"),
        ),
        f"{MAR}:12",
        ["écart de 1 000 €", "« maraudes »", f"{ETAT}:16", f"{DEP}:15"],
    ),
    "plafond-depasse": (
        edits((CLS, "etat: 30000", "etat: 25000")),  # reached exactly in 2025
        edits((CLS, "etat: 30000", "etat: 24999.99")),
        f"{CLS}:19",
        ["25 000 €", "24 999,99 €", f"{ETAT}:12", f"{ETAT}:16"],
    ),
    "realise-futur": (
        edits((PDJ, "      2025: 1280\n", "      2025: 1280\n      2026: 1300\n")),
        edits((PDJ, "      2025: 1280\n", "      2025: 1280\n      2027: 1300\n")),
        f"{PDJ}:27",
        ["2027", "27 novembre 2026"],
    ),
    "nature-requise": (
        edits((COACH, "objectif", "objectif")),  # no nature needed outside a CLS
        edits((PDJ, "nature: renforcee\n", "")),
        f"{PDJ}:1",
        ["« petits-dejeuners »", f"CLS « cls » ({CLS}:2)"],
    ),
    "engagement-different": (
        edits((CLS, "plafonds:", "engagements:\n  etat:\n    2025: 25000\nplafonds:")),
        edits((CLS, "plafonds:", "engagements:\n  etat:\n    2025: 25000.01\nplafonds:")),
        f"{CLS}:20",
        ["25 000 €", "25 000,01 €", f"{ETAT}:12", f"{ETAT}:16"],
    ),
    "versement-excedentaire": (
        edits((ETAT, "      2026: 5000", "      2026: 5000\n    versements:\n" + PAID_5000)),
        edits(
            (
                ETAT,
                "      2026: 5000",
                "      2026: 5000\n    versements:\n"
                + PAID_5000
                + "      - {date: 2026-06-01, montant: 0.01, annee: 2025}",
            )
        ),
        f"{ETAT}:21",
        ["5 000,01 €", "2025", f"{ETAT}:16"],
    ),
    "depense-excedentaire": (
        edits((MAR, "  2026: 10000\n", "  2026: 10000\ndepenses:\n  2025: 10000\n")),
        edits((MAR, "  2026: 10000\n", "  2026: 10000\ndepenses:\n  2025: 10000.5\n")),
        f"{MAR}:15",
        ["10 000,50 €", "10 000 €"],
    ),
    "execution-manquante": (
        # every closed year from 2025 carries its spending and its payments
        COMPLETE,
        {**COMPLETE, COACH: base_text(COACH)},
        f"{COACH}:10",
        ["2025 est close", "1er juillet 2026", "8 000 €"],
    ),
    "motif-requis": (
        edits((COACH, "statut: realise", "statut: suspendu\nmotif: Animateur absent")),
        edits((COACH, "statut: realise", "statut: abandonne")),
        f"{COACH}:8",
        ["« coaching-emploi »", "abandonnée"],
    ),
    "statut-incoherent": (
        # done on the very day its calendar ends (the situation is 27 November 2026)
        edits((MAR, "fin: 2026-12-31", "fin: 2026-11-27"), (MAR, "en_cours", "realise")),
        edits((MAR, "en_cours", "realise")),
        f"{MAR}:10",
        ["« realise »", "31 décembre 2026", "27 novembre 2026"],
    ),
}


def _rule(code: str) -> Any:
    by_code = {rule.CODE: rule for rule in rules.RULES}
    return by_code[code]


def test_every_rule_is_tested() -> None:
    assert set(CASES) == {rule.CODE for rule in rules.RULES}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes(code: str, tmp_path: Path) -> None:
    passing = CASES[code][0]
    validation = check_pact(make_pact(tmp_path, passing))
    assert [d.message for d in validation.diagnostics] == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fails(code: str, tmp_path: Path) -> None:
    _, failing, where, parts = CASES[code]
    diagnostic = only(check_pact(make_pact(tmp_path, failing)), code)
    assert diagnostic.location.short() == where
    assert diagnostic.severity is _rule(code).SEVERITY
    for part in parts:
        assert part in diagnostic.message.replace("\u202f", " ").replace("\xa0", " ")
    assert diagnostic.hint


def test_realise_futur_depends_on_as_of(tmp_path: Path) -> None:
    failing = CASES["realise-futur"][1]
    root = make_pact(tmp_path, failing)
    assert check_pact(root, AS_OF_DATE.replace(year=2027)).diagnostics == []


def test_reference_to_a_broken_record_is_not_unknown(tmp_path: Path) -> None:
    broken = edits((MSA, "categorie: protection_sociale", "categorie: mutuelle"))
    diagnostic = only(check_pact(make_pact(tmp_path, broken)), "schema")
    assert diagnostic.location.short() == f"{MSA}:4"


def test_financement_incomplet_waits_for_broken_partner(tmp_path: Path) -> None:
    """The missing money may be in the partner file that cannot be read: the rule says so."""
    files = edits((DEP, DEP_COACHING, DEP_COACHING.replace("5000", "4000")))
    files[MSA] = base_text(MSA).replace("nom:", "nom: [")
    validation = check_pact(make_pact(tmp_path, files))
    assert [d.code for d in validation.diagnostics] == ["yaml-invalide", "verification-omise"]
    note = validation.diagnostics[1]
    assert note.severity is Severity.INFO
    assert note.location.short() == f"{MSA}:1"
    assert note.message.endswith(": financement-incomplet")


SPEC = Path(__file__).parents[3] / "shared" / "spec" / "data-model.md"
#: Codes pacte adds to the spec's table: notes, never problems (documented in the README).
NOTES = {"verification-omise"}


def _spec_codes() -> list[tuple[str, Severity]]:
    if not SPEC.exists():  # the spec lives beside the repository on the project's machines
        pytest.skip(f"spécification absente ({SPEC}) : codes non comparés")
    table = SPEC.read_text(encoding="utf-8").split("## 7.", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(
        r"^\| `([a-z-]+)`(?: \*\*\(1\.1\)\*\*)? \| (erreur|avertissement) \|", table, re.M
    )
    assert rows, "table des codes introuvable dans la spécification"
    return [(code, Severity(severity)) for code, severity in rows]


def test_catalogue_lists_each_code_once_with_the_severity_of_the_spec() -> None:
    listed = [(c.code, c.severity) for c in rules.catalogue()]
    assert len(listed) == len({code for code, _ in listed})
    spec = dict(_spec_codes())
    assert [
        (code, sev) for code, sev in listed if code not in NOTES and spec.get(code) != sev
    ] == []


def test_regles_enum_of_the_schema_is_the_catalogue() -> None:
    import json

    from pactecli.check.schema import load_schema
    from pactecli.layout import Kind

    schema = load_schema(Kind.PACT)
    names = schema["properties"]["regles"]["propertyNames"]["enum"]
    assert sorted(names) == sorted(c.code for c in rules.catalogue()), json.dumps(names)


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.CODE)
def test_rule_module_documents_itself(rule: Any) -> None:
    assert rule.__name__.rsplit(".", 1)[-1] == rule.CODE.replace("-", "_")
    assert isinstance(rule.SEVERITY, Severity)
    doc = rule.__doc__ or ""
    summary = doc.strip().splitlines()[0]
    assert summary.endswith(".") and len(summary) < 100
    assert re.search(r"^Correct\b.*::$", doc, re.M), "exemple accepté manquant"
    assert re.search(r"^(Refusé|Signalé)\b.*(::|\.)$", doc, re.M), "exemple refusé manquant"
    assert callable(rule.check)
