"""`pacte export --format csv`: exact content in both dialects, and a data package that
frictionless accepts (types, keys, foreign keys) while rejecting a broken one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_testing import REPO, REPO_AS_OF, read_csv, run_export
from frictionless import Package

from pacte_testing import run_pacte
from pactecli.export.columns import TABLES

BOM = "\ufeff"

FINANCEMENTS_EXCEL = (
    BOM + "departement;action;convention;objectif;axe;financeur;contribution;annee;engage;verse\r\n"
    "2A;petits-dejeuners;cls;repas;enfance;departement;1;2025;15000;15000\r\n"
    "2A;petits-dejeuners;cls;repas;enfance;departement;1;2026;15000,25;9000,15\r\n"
    "2A;creches;cls;garde;emploi;departement;2;2025;4000;0\r\n"
    "2A;coaching;emploi;insertion;emploi;departement;3;2026;30000;0\r\n"
    "2A;;emploi;;;departement;4;2026;500;0\r\n"
    "2A;petits-dejeuners;cls;repas;enfance;etat;1;2025;15000;15000\r\n"
    "2A;petits-dejeuners;cls;repas;enfance;etat;1;2026;15000,25;0\r\n"
    "2A;creches;cls;garde;emploi;etat;2;2025;4000;0\r\n"
    "2A;coaching;emploi;insertion;emploi;msa;1;2026;10000;0\r\n"
)
PARTENAIRES_EXCEL = (
    BOM + "departement;partenaire;nom;sigle;categorie;siret;rna;signataire_pacte;date_adhesion\r\n"
    "2A;departement;Département du Haut-Val;CD;collectivite;22050001100014;;oui;2025-01-10\r\n"
    "2A;etat;Préfecture du Haut-Val;DDETS;etat;13002791500011;;oui;\r\n"
    "2A;les-tartines;Association Les Tartines;;association;84215376900018;W052000042;oui;"
    "2025-01-10\r\n"
    "2A;msa;Mutualité sociale agricole du Haut-Val;MSA;protection_sociale;;;non;\r\n"
)
FINANCEMENTS_OPENDATA = (
    "departement,action,convention,objectif,axe,financeur,contribution,annee,engage,verse\r\n"
    "2A,petits-dejeuners,cls,repas,enfance,departement,1,2025,15000,15000\r\n"
    "2A,petits-dejeuners,cls,repas,enfance,departement,1,2026,15000.25,9000.15\r\n"
    "2A,creches,cls,garde,emploi,departement,2,2025,4000,0\r\n"
    "2A,coaching,emploi,insertion,emploi,departement,3,2026,30000,0\r\n"
    "2A,,emploi,,,departement,4,2026,500,0\r\n"
    "2A,petits-dejeuners,cls,repas,enfance,etat,1,2025,15000,15000\r\n"
    "2A,petits-dejeuners,cls,repas,enfance,etat,1,2026,15000.25,0\r\n"
    "2A,creches,cls,garde,emploi,etat,2,2025,4000,0\r\n"
    "2A,coaching,emploi,insertion,emploi,msa,1,2026,10000,0\r\n"
)
INDICATEURS_OPENDATA = (
    "departement,action,indicateur,annee,cible,realise,unite,sens,libelle,reference_annee,"
    "reference_valeur,source\r\n"
    "2A,creches,delai,2025,20,25,jours,baisse,Délai d'accueil,,,\r\n"
    "2A,petits-dejeuners,eleves,2025,200,180.5,élèves,hausse,Élèves bénéficiaires,2024,100,\r\n"
    "2A,petits-dejeuners,eleves,2026,300,,élèves,hausse,Élèves bénéficiaires,2024,100,\r\n"
)


def export_folder(root: Path, dialect: str = "excel", *args: str) -> Path:
    folder = root.parent / f"export-{dialect}"
    run = run_export(root, "--output", str(folder), "--dialecte", dialect, *args)
    assert run.exit_code == 0, run
    assert run.stdout == ""
    return folder


def test_excel_dialect_exact_content(mini: Path) -> None:
    folder = export_folder(mini)
    assert (folder / "financements.csv").read_bytes() == FINANCEMENTS_EXCEL.encode("utf-8")
    assert (folder / "partenaires.csv").read_bytes() == PARTENAIRES_EXCEL.encode("utf-8")


def test_opendata_dialect_exact_content(mini: Path) -> None:
    folder = export_folder(mini, "opendata")
    assert (folder / "financements.csv").read_bytes() == FINANCEMENTS_OPENDATA.encode("utf-8")
    assert (folder / "indicateurs.csv").read_bytes() == INDICATEURS_OPENDATA.encode("utf-8")


def test_a_multiline_description_is_one_quoted_cell(mini: Path) -> None:
    folder = export_folder(mini)
    text = (folder / "actions.csv").read_bytes().decode("utf-8-sig")
    assert ';"Des petits déjeuners dans les écoles rurales ;\navec les familles.\n"\r\n' in text
    rows = {row["action"]: row for row in read_csv(folder / "actions.csv")}
    assert rows["petits-dejeuners"]["description"].startswith("Des petits déjeuners")
    assert rows["creches"]["en_retard"] == "oui"  # derived at the as-of date, never stored
    assert rows["coaching"]["en_retard"] == "non"


def test_folder_holds_every_table_its_schema_and_the_package(mini: Path) -> None:
    folder = export_folder(mini)
    names = {p.name for p in folder.iterdir()}
    for spec in TABLES:
        assert {f"{spec.name}.csv", f"{spec.name}.schema.json"} <= names
    assert "datapackage.json" in names
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "pacte-2a"
    assert [r["name"] for r in package["resources"]] == [spec.name for spec in TABLES]
    assert package["pacte"]["complet"] is True


def test_every_row_carries_the_departement_and_its_record_ids(mini: Path) -> None:
    folder = export_folder(mini, "opendata")
    for spec in TABLES:
        rows = read_csv(folder / f"{spec.name}.csv", ",")
        assert all(row["departement"] == "2A" for row in rows), spec.name
        keys = [tuple(row[k] for k in ("departement", *spec.key)) for row in rows]
        assert len(keys) == len(set(keys)), spec.name


def _report(descriptor: Path) -> list[tuple[str, str]]:
    report = Package(str(descriptor)).validate()
    return [(task.name, error.type) for task in report.tasks for error in task.errors] + [
        ("package", error.type) for error in report.errors
    ]


@pytest.mark.parametrize("dialect", ["excel", "opendata"])
def test_frictionless_accepts_the_data_package(mini: Path, dialect: str) -> None:
    folder = export_folder(mini, dialect)
    assert _report(folder / "datapackage.json") == []


def test_frictionless_accepts_this_repository_export(tmp_path: Path) -> None:
    folder = tmp_path / "hautes-alpes"
    run = run_pacte("export", "--root", str(REPO), "--as-of", REPO_AS_OF, "-o", str(folder))
    assert run.exit_code == 0, run
    assert _report(folder / "datapackage.json") == []


def test_frictionless_rejects_a_broken_table(mini: Path) -> None:
    """The schemas say something: a text amount, a dangling reference, a repeated key."""
    folder = export_folder(mini)
    path = folder / "financements.csv"
    text = path.read_text(encoding="utf-8-sig")
    text = text.replace(";15000,25;9000,15", ";quinze mille;9000,15")
    text = text.replace("2A;creches;cls;garde;emploi;etat", "2A;inconnue;cls;garde;emploi;etat")
    path.write_text(text + "2A;;emploi;;;departement;4;2026;500;0\r\n", encoding="utf-8-sig")
    found = _report(folder / "datapackage.json")
    assert ("financements", "type-error") in found
    assert ("financements", "foreign-key") in found
    assert ("financements", "primary-key") in found
