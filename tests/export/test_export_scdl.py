"""`pacte export --format scdl-subventions`: the official SCDL 2.1.1 schema (frictionless),
its custom checks (SIRET key, one of SIRET or RNA), the threshold, and the rows left out."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from export_testing import REPO, REPO_AS_OF, SCDL_SCHEMA, luhn, replace_in, run_export
from frictionless import Resource, Schema

from pacte_testing import run_pacte
from pactecli.export.scdl import FIELDS


def custom_problems(rows: list[dict[str, str]]) -> list[str]:
    """The schema's custom checks, which frictionless does not run (Validata does)."""
    found = []
    for number, row in enumerate(rows, start=2):
        for column in ("idAttribuant", "idBeneficiaire"):
            value = row[column]
            if value and not (len(value) == 14 and value.isdigit() and luhn(value)):
                found.append(f"ligne {number} : {column} « {value} » n'est pas un SIRET")
        if not row["idBeneficiaire"] and not row["rnaBeneficiaire"]:
            found.append(f"ligne {number} : ni idBeneficiaire ni rnaBeneficiaire")
    return found


def scdl_problems(path: Path) -> list[str]:
    """Every error the official schema and its custom checks find in the file."""
    schema = Schema.from_descriptor(json.loads(SCDL_SCHEMA.read_text(encoding="utf-8")))
    report = Resource(path=path.name, basepath=str(path.parent), schema=schema).validate()
    found = [f"{e.type} : {e.note}" for task in report.tasks for e in task.errors]
    found += [f"{e.type} : {e.note}" for e in report.errors]
    return found + custom_problems(read(path))


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def export_scdl(
    root: Path, *args: str, as_of: str | None = None, target: Path | None = None
) -> tuple[Path, str]:
    target = target or root.parent / "subventions.csv"
    command = ["export", "--root", str(root), "-f", "scdl-subventions", "-o", str(target)]
    if as_of is None:
        run = run_export(root, "-f", "scdl-subventions", "-o", str(target), *args)
    else:
        run = run_pacte(*command, "--as-of", as_of, *args)
    assert run.exit_code == 0, run
    return target, run.stderr


@pytest.mark.parametrize("threshold", ["23000", "0"])
def test_this_repository_passes_the_official_schema(tmp_path: Path, threshold: str) -> None:
    target, warnings = export_scdl(
        REPO, "--seuil", threshold, as_of=REPO_AS_OF, target=tmp_path / "subventions.csv"
    )
    rows = read(target)
    assert rows, "no subsidy published"
    assert scdl_problems(target) == []
    assert warnings == ""


def test_the_official_schema_rejects_a_broken_file(mini: Path) -> None:
    target, _ = export_scdl(mini)
    text = target.read_text(encoding="utf-8")
    broken = text.replace("22050001100014", "22050001100015", 1).replace(",0.50,", ",1.50,", 1)
    target.write_text(broken + "Département,123,hier,,,,,,,,,,,,,\r\n", encoding="utf-8")
    found = scdl_problems(target)
    assert any("maximum" in f for f in found)  # pourcentageSubvention above 1
    assert any("type-error" in f for f in found)  # "hier" is not a date
    assert any("« 22050001100015 » n'est pas un SIRET" in f for f in found)
    assert any("ni idBeneficiaire ni rnaBeneficiaire" in f for f in found)


def test_rows_of_the_mini_pact(mini: Path) -> None:
    """Only 2026: the Département gives Les Tartines 45 000,25 € that year (15 000,25 + 30 000),
    above 23 000 €, so both its rows are published, even the one below the threshold alone;
    in 2025 it gives 15 000 €, the State never more than 15 000,25 € a year."""
    target, warnings = export_scdl(mini)
    assert target.read_bytes().startswith(",".join(FIELDS).encode() + b"\r\n")
    rows = read(target)
    assert scdl_problems(target) == []
    assert [(r["nomAttribuant"], r["objet"], r["montant"]) for r in rows] == [
        ("Département du Haut-Val", "Coaching vers l'emploi", "30000"),
        ("Département du Haut-Val", "Petits déjeuners à l'école", "15000.25"),
    ]
    coaching, breakfasts = rows
    assert coaching == {
        "nomAttribuant": "Département du Haut-Val",
        "idAttribuant": "22050001100014",
        "dateConvention": "2026-01-15",
        "referenceDecision": "CP-2026-01-12",
        "nomBeneficiaire": "Association Les Tartines",
        "idBeneficiaire": "84215376900018",
        "rnaBeneficiaire": "W052000042",
        "objet": "Coaching vers l'emploi",
        "montant": "30000",
        "nature": "aide en numéraire",
        "conditionsVersement": "aucun versement à ce jour",
        "datesPeriodeVersement": "2026-01-01/2026-12-31",
        "idRAE": "",
        "notificationUE": "non",
        "pourcentageSubvention": "0.75",
        "dispositifAide": "",
    }
    assert breakfasts["dateConvention"] == "2025-02-14"  # the convention's signature date
    assert breakfasts["conditionsVersement"] == "unique"
    assert breakfasts["datesPeriodeVersement"] == "2026-04-15"
    assert breakfasts["pourcentageSubvention"] == "0.50"
    assert warnings == ""


def test_threshold_zero_publishes_every_subsidy_and_lists_the_rows_left_out(mini: Path) -> None:
    target, warnings = export_scdl(mini, "--seuil", "0")
    rows = read(target)
    assert scdl_problems(target) == []
    published = {(r["nomAttribuant"][:5], r["objet"][:8], r["montant"]) for r in rows}
    assert published == {
        ("Dépar", "Coaching", "30000"),
        ("Dépar", "Petits d", "15000"),
        ("Dépar", "Petits d", "15000.25"),
        ("Préfe", "Petits d", "15000"),
        ("Préfe", "Petits d", "15000.25"),
    }
    spread = [r for r in rows if r["montant"] == "15000" and r["nomAttribuant"][:5] == "Dépar"]
    assert spread[0]["conditionsVersement"] == "échelonné"
    assert spread[0]["datesPeriodeVersement"] == "2025-04-15/2026-02-10"
    # The MSA has no SIRET: its 10 000 € are not published, a located warning says how to fix.
    lines = warnings.splitlines()
    # Nor has its contribution an agreement date (its convention is not signed): both said.
    assert lines == [
        "data/partners/msa.yaml:1:5: avertissement [scdl-incomplet] la subvention de « MSA » à "
        "« Association Les Tartines » pour « Coaching vers l'emploi » n'est pas publiée : le "
        "financeur n'a pas de SIRET (2026) — aide : ajoutez « siret: » (14 chiffres entre "
        "guillemets) à ce partenaire",
        "data/partners/msa.yaml:7:5: avertissement [scdl-incomplet] la subvention de « MSA » à "
        "« Association Les Tartines » pour « Coaching vers l'emploi » n'est pas publiée : elle "
        "n'a pas de date de convention (2026) — aide : ajoutez « date_convention: AAAA-MM-JJ » "
        "à cette contribution, ou la date de signature (« date_signature: ») à sa convention",
    ]


def test_a_subsidy_without_agreement_date_is_left_out_with_its_fix(mini: Path) -> None:
    replace_in(mini, "data/partners/departement.yaml", "    date_convention: 2026-01-15\n", "")
    target, warnings = export_scdl(mini)
    assert [r["objet"] for r in read(target)] == ["Petits déjeuners à l'école"]
    assert warnings.startswith("data/partners/departement.yaml:19:5: avertissement")
    assert "n'a pas de date de convention (2026)" in warnings
    assert "ajoutez « date_convention: AAAA-MM-JJ » à cette contribution" in warnings


def test_beneficiary_is_the_contribution_s_or_else_the_pilot(mini: Path) -> None:
    """A contribution may name who receives the money; companies receive subsidies too."""
    replace_in(mini, "data/partners/msa.yaml", "categorie: protection_sociale", "categorie: autre")
    (mini / "data/partners/atelier.yaml").write_text(
        "id: atelier\nnom: Atelier du Val SARL\ncategorie: entreprise\n"
        'siret: "79938412800010"\nsignataire_pacte: false\n',
        encoding="utf-8",
    )
    replace_in(
        mini,
        "data/partners/departement.yaml",
        "    montants: {2026: 30000}\n",
        "    montants: {2026: 30000}\n    beneficiaire: atelier\n",
    )
    target, _ = export_scdl(mini)
    rows = read(target)
    assert [(r["nomBeneficiaire"], r["rnaBeneficiaire"]) for r in rows] == [
        ("Atelier du Val SARL", "")
    ]
    assert scdl_problems(target) == []


def test_filters_select_the_funder_and_the_years(mini: Path) -> None:
    target, _ = export_scdl(mini, "--seuil", "0", "--partenaire", "etat", "--annee", "2025")
    assert [(r["nomAttribuant"], r["montant"]) for r in read(target)] == [
        ("Préfecture du Haut-Val", "15000")
    ]


def test_bad_threshold_is_misuse(mini: Path) -> None:
    run = run_export(mini, "-f", "scdl-subventions", "--seuil", "vingt")
    assert run.exit_code == 2
    assert "--seuil : « vingt » n'est pas un montant en euros" in run.stderr
    run = run_export(mini, "-f", "csv", "--seuil", "0", "-o", str(mini.parent / "x"))
    assert run.exit_code == 2
    assert "--seuil ne s'applique qu'au format scdl-subventions" in run.stderr


def test_standard_output_by_default(mini: Path) -> None:
    run = run_export(mini, "-f", "scdl-subventions")
    assert run.exit_code == 0, run
    assert run.stdout.startswith("nomAttribuant,idAttribuant,")
    assert run.stdout.count("\n") == 3
