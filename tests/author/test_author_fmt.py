"""`pacte fmt`: one canonical style, comments kept, values never changed, `--check` for CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pacte_testing import BASE, CASES, make_pact, run_pacte
from pactecli.author.fmt import format_record
from pactecli.layout import Kind, classify
from pactecli.load import documents
from pactecli.load.sources import Source

REPO = Path(__file__).parents[2]
ACTION = "data/conventions/cls/actions/petits-dejeuners.yaml"

MESSY = """\
# Notes du service : à relire en comité
statut: en_cours   # mis à jour en mars
# L'intitulé validé en comité technique
titre: 'Petits déjeuners : écoles rurales'
id: "petits-dejeuners"
calendrier:
  fin: 2027-07-03
  # rentrée 2024
  debut: 2024-01-08
budget: {2027: 30000, 2024: 36000}
objectif: 'cls-alimentation'
pilote: "etat"
indicateurs:
    -   unite: "%"
        id: part-eleves
        # définition de la DASEN
        libelle: |
          Part des élèves
          bénéficiaires
        cibles:
          2027: 60
          # cible intermédiaire
          2025: 40
description: "true"
nature: renforcee
"""

CANONICAL = """\
# yaml-language-server: $schema=../../../../schemas/action.schema.json
# Notes du service : à relire en comité
id: petits-dejeuners
# L'intitulé validé en comité technique
titre: "Petits déjeuners : écoles rurales"
objectif: cls-alimentation
nature: renforcee
description: "true"
pilote: etat
calendrier:
  # rentrée 2024
  debut: 2024-01-08
  fin: 2027-07-03
statut: en_cours   # mis à jour en mars
budget: {2024: 36000, 2027: 30000}
indicateurs:
  - id: part-eleves
    # définition de la DASEN
    libelle: |
      Part des élèves
      bénéficiaires
    unite: "%"
    cibles:
      # cible intermédiaire
      2025: 40
      2027: 60
"""


def _records(root: Path) -> list[Path]:
    return [root / "pacte.yaml", *sorted((root / "data").rglob("*.yaml"))]


def _data(path: str, kind: Kind, content: bytes) -> object:
    document, problems = documents.load(Source(path, kind, content))
    assert document is not None and not problems, problems
    return document.data


def _assert_round_trips(root: Path) -> int:
    """Every record: same data after fmt, and fmt of the result changes nothing."""
    changed = 0
    for file in _records(root):
        path = file.relative_to(root).as_posix()
        kind = classify(path)
        assert kind is not None, path
        before = file.read_bytes()
        result = format_record(path, kind, before)
        assert not result.refused, (path, result.refused)
        after = result.text.encode("utf-8")
        assert _data(path, kind, after) == _data(path, kind, before), path
        again = format_record(path, kind, after)
        assert (again.changed, again.refused) == (False, ""), path
        changed += result.changed
    return changed


def test_this_repository_data_round_trips_and_is_already_canonical() -> None:
    # The records were formatted once (keys in the spec's order) and CI runs `pacte fmt
    # --check`; the generated pact below is the case where fmt moves keys.
    assert _assert_round_trips(REPO) == 0


def test_the_generated_benchmark_pact_round_trips(tmp_path: Path) -> None:
    generator = REPO / "benchmarks" / "generate_pact.py"
    root = tmp_path / "pacte"
    subprocess.run(
        [sys.executable, str(generator), str(root), "--conventions", "2"],
        check=True,
        capture_output=True,
    )
    assert _assert_round_trips(root) > 0


def test_keys_follow_the_spec_with_their_comments_and_quotes_only_where_needed() -> None:
    result = format_record(ACTION, Kind.ACTION, MESSY.encode("utf-8"))
    assert result.text == CANONICAL
    assert result.changed


def test_values_that_need_their_quotes_keep_them() -> None:
    text = 'territoire:\n  nom: Corse-du-Sud\n  code: "2A"\nperiode: {debut: 2024, fin: 2027}\n'
    pact = format_record("pacte.yaml", Kind.PACT, text.encode()).text
    assert "code: 2A\n" in pact  # 2A reads as text: no quotes needed
    text = text.replace('"2A"', '"05"')
    pact = format_record("pacte.yaml", Kind.PACT, text.encode()).text
    assert 'code: "05"\n' in pact  # unquoted, 05 would be the number 5


def test_numbers_pacte_refuses_stay_as_written() -> None:
    """`+4000` or `4e3` are refused by the schema: fmt must not turn them into valid amounts."""
    text = "id: msa\nnom: MSA\ncategorie: sante\nsignataire_pacte: true\ncontributions:\n"
    text += "  - action: a\n    nature: financiere\n    montants: {2025: +4000, 2024: 4e3}\n"
    result = format_record("data/partners/msa.yaml", Kind.PARTNER, text.encode())
    assert "montants: {2024: 4e3, 2025: +4000}" in result.text


@pytest.mark.parametrize(
    "case", sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_hostile_records_are_refused_or_formatted_never_altered(case: Path) -> None:
    for file in sorted(case.rglob("*.y*ml")):
        path = file.relative_to(case).as_posix()
        kind = classify(path)
        if kind is None:
            continue
        content = file.read_bytes()
        result = format_record(path, kind, content)  # never raises
        if not result.refused:
            assert _data(path, kind, result.text.encode()) == _data(path, kind, content)


def test_check_lists_files_and_changes_nothing(tmp_path: Path) -> None:
    root = make_pact(tmp_path / "pacte", {ACTION: MESSY})
    before = {p: p.read_bytes() for p in _records(root)}
    run = run_pacte("fmt", "--check", "--root", str(root))
    assert run.exit_code == 1, run
    assert f"{ACTION} : à mettre en forme\n" in run.stdout
    assert run.stdout.endswith("à mettre en forme : lancez « pacte fmt ».\n")
    assert {p: p.read_bytes() for p in _records(root)} == before


def test_fmt_writes_then_check_passes(tmp_path: Path) -> None:
    root = make_pact(tmp_path / "pacte", {ACTION: MESSY})
    (root / ACTION).chmod(0o640)
    run = run_pacte("fmt", "--root", str(root))
    assert run.exit_code == 0, run
    assert f"{ACTION} : mis en forme\n" in run.stdout
    assert (root / ACTION).read_text(encoding="utf-8") == CANONICAL
    assert (root / ACTION).stat().st_mode & 0o777 == 0o640
    again = run_pacte("fmt", "--check", "--root", str(root))
    assert again.exit_code == 0, again
    assert again.stdout == "9 fichiers du pacte déjà en forme.\n"
    assert not [p for p in (root / ACTION).parent.iterdir() if p.name.startswith(".")]


def test_named_files_only(tmp_path: Path) -> None:
    root = make_pact(tmp_path / "pacte", {ACTION: MESSY})
    run = run_pacte("fmt", "--check", "data/partners/msa.yaml", cwd=root)
    assert run.stdout.startswith("data/partners/msa.yaml : à mettre en forme\n"), run
    assert ACTION not in run.stdout
    assert run.stdout.endswith("1 fichier sur 1 à mettre en forme : lancez « pacte fmt ».\n")


def test_a_broken_file_is_left_alone(tmp_path: Path) -> None:
    broken = "id: msa\nnom: [MSA\n"
    root = make_pact(tmp_path / "pacte", {"data/partners/msa.yaml": broken})
    run = run_pacte("fmt", "--root", str(root))
    assert run.exit_code == 1, run
    assert "data/partners/msa.yaml non mis en forme : le fichier a des erreurs" in run.stderr
    assert (root / "data/partners/msa.yaml").read_text(encoding="utf-8") == broken


def test_refuses_what_is_not_a_record_of_the_pact(tmp_path: Path) -> None:
    root = make_pact(tmp_path / "pacte", {"notes.yaml": "a: 1\n"})
    run = run_pacte("fmt", "notes.yaml", cwd=root)
    assert run.exit_code == 2, run
    assert "« notes.yaml » n'est pas un enregistrement du pacte" in run.stderr
    outside = tmp_path / "ailleurs.yaml"
    outside.write_text("id: x\n", encoding="utf-8")
    run = run_pacte("fmt", str(outside), cwd=root)
    assert run.exit_code == 2 and "n'est pas dans le pacte" in run.stderr, run


def test_never_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    outside = tmp_path / "dehors.yaml"
    outside.write_bytes((BASE / "data/partners/msa.yaml").read_bytes() + b"sigle: 'MSA'\n")
    root = make_pact(tmp_path / "pacte", delete=["data/partners/msa.yaml"])
    os.symlink(outside, root / "data/partners/msa.yaml")
    before = outside.read_bytes()
    run_pacte("fmt", "--root", str(root))
    run = run_pacte("fmt", "data/partners/msa.yaml", cwd=root)
    assert run.exit_code == 2 and "n'est pas un fichier ordinaire" in run.stderr, run
    assert outside.read_bytes() == before


def test_validate_never_imports_the_round_trip_writer() -> None:
    """ruamel.yaml is for the commands that write: `pacte validate` must not pay for it."""
    code = (
        "import sys\n"
        f"sys.argv = ['pacte', 'validate', '--root', {str(REPO)!r}, '--as-of', '2026-11-27']\n"
        "from pactecli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ruamel', 'pactecli.author'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
