"""`pacte export` end to end: refusal on errors, --force, filters, help, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from export_testing import REPO, read_csv, replace_in, run_export

from pacte_testing import run_pacte


def _break(root: Path) -> None:
    replace_in(
        root, "data/conventions/cls/actions/creches.yaml", "pilote: departement", "pilote: x"
    )


def test_refuses_a_pact_with_errors_like_validate(mini: Path, no_color: None) -> None:
    _break(mini)
    validate = run_pacte("validate", "--root", str(mini), "--as-of", "2026-06-30")
    target = mini.parent / "export"
    run = run_export(mini, "-o", str(target))
    assert run.exit_code == 1
    assert run.stderr.startswith(validate.stdout)
    assert "export non produit" in run.stderr and "--force" in run.stderr
    assert not target.exists()


def test_force_writes_and_says_what_is_missing(mini: Path) -> None:
    _break(mini)
    target = mini.parent / "export"
    run = run_export(mini, "-o", str(target), "--force")
    assert run.exit_code == 0, run
    assert "export produit malgré 1 erreur de validation" in run.stderr
    problems = read_csv(target / "problemes.csv")
    assert [(p["gravite"], p["code"]) for p in problems] == [("erreur", "reference-inconnue")]
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert package["pacte"]["complet"] is False
    metadata = {r["cle"]: r["valeur"] for r in read_csv(target / "metadonnees.csv")}
    assert metadata["complet"] == "non" and metadata["erreurs"] == "1"


def test_force_survives_unreadable_files(mini: Path) -> None:
    (mini / "pacte.yaml").write_text("territoire: [\n", encoding="utf-8")
    (mini / "data/partners/etat.yaml").write_bytes(b"\xff\xfe")
    for fmt in ("json", "scdl-subventions"):
        assert run_export(mini, "-f", fmt, "--force").exit_code == 0, fmt
    for fmt, name in (("xlsx", "p.xlsx"), ("sqlite", "p.db"), ("csv", "dossier")):
        run = run_export(mini, "-f", fmt, "-o", str(mini.parent / name), "--force")
        assert run.exit_code == 0, run


def test_filters_follow_into_every_table(mini: Path) -> None:
    target = mini.parent / "msa"
    run = run_export(mini, "-o", str(target), "--partenaire", "msa", "--dialecte", "opendata")
    assert run.exit_code == 0, run
    money = read_csv(target / "financements.csv", ",")
    assert [(r["financeur"], r["action"], r["engage"]) for r in money] == [
        ("msa", "coaching", "10000")
    ]
    actions = {r["action"] for r in read_csv(target / "actions.csv", ",")}
    assert actions == {"coaching", "petits-dejeuners"}  # it funds one, lends a room to the other
    partners = {r["partenaire"] for r in read_csv(target / "partenaires.csv", ",")}
    assert partners == {"msa", "les-tartines", "departement", "etat"}  # everyone a row names
    years = run_export(mini, "-o", str(mini.parent / "y"), "--annee", "2025", "--axe", "emploi")
    assert years.exit_code == 0
    budgets = read_csv(mini.parent / "y" / "budgets.csv")
    assert [(b["action"], b["annee"]) for b in budgets] == [("creches", "2025")]


def test_unknown_filter_is_misuse_with_a_suggestion(mini: Path) -> None:
    run = run_export(mini, "-f", "json", "--partenaire", "msaa")
    assert run.exit_code == 2
    assert "--partenaire : « msaa » n'existe pas dans ce pacte" in run.stderr
    assert "vouliez-vous dire « msa » ?" in run.stderr


def test_help_is_french() -> None:
    for command, words in (
        ("export", ("Exporte les données validées du pacte", "scdl-subventions", "--dialecte")),
        ("query", ("Interroge les données du pacte en SQL", "--limite", "--delai")),
        ("schema", ("Affiche ou écrit les schémas JSON", "DOSSIER")),
    ):
        shown = " ".join(run_pacte(command, "--help").stdout.split())
        for word in words:
            assert word in shown, (command, word)
        assert "Utilisation : pacte" in shown and "[default:" not in shown


def test_validate_loads_none_of_the_export_machinery() -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['pacte', 'validate', '--root', {str(REPO)!r}, '--as-of', '2026-11-27']\n"
        "from pactecli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = {'xlsxwriter', 'sqlite3', '_sqlite3', 'csv', '_csv', 'rich', 'pactecli.export',\n"
        "         'pactecli.report', 'pactecli.report.selection'}\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        "print(sorted(loaded & heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
