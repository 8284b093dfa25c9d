"""`pacte validate --format github|gitlab|junit|sarif|auto`: what each CI platform reads."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from pacte_testing import AS_OF, base_text, make_pact, run_pacte
from pactecli.check import rules
from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Location, Severity
from pactecli.model import PactModel
from pactecli.render.problems import FORMATS, github, render

HERE = Path(__file__).parent
MSA = "data/partners/msa.yaml"
MARAUDES = "data/conventions/cls/actions/maraudes.yaml"
PETITS = "data/conventions/cls/actions/petits-dejeuners.yaml"
DEP = "data/partners/departement.yaml"
COACHING = "  - action: coaching-emploi\n    nature: financiere\n    montants:\n      2025: 5000"
ETAT = "data/partners/etat.yaml"


def broken_pact(folder: Path, shift: int = 0) -> Path:
    """Two schema errors and a cross-file one (+ `shift` comment lines above them)."""
    comments = "# note\n" * shift
    return make_pact(
        folder,
        {
            MSA: comments + base_text(MSA).replace("2025: 3000", "2025: 3 000"),
            PETITS: comments + base_text(PETITS).replace("en_cours", "commence"),
            MARAUDES: comments + base_text(MARAUDES),
            ETAT: comments + base_text(ETAT).replace("      2026: 5000", "      2026: 6000"),
        },
    )


def validate(root: Path, format: str) -> tuple[int, str]:
    run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF, "--format", format)
    assert run.stderr == "", str(run)
    return run.exit_code, run.stdout


def test_every_ci_format_is_offered() -> None:
    assert {"github", "gitlab", "junit", "sarif", "auto"} <= set(FORMATS)
    help_text = run_pacte("validate", "--help").stdout
    for name in ("github", "gitlab", "junit", "sarif", "auto"):
        assert name in help_text


# --- github ----------------------------------------------------------------------------------


def test_github_annotations_errors_first_exact(tmp_path: Path) -> None:
    root = make_pact(
        tmp_path,
        {
            PETITS: base_text(PETITS).replace("en_cours", "commence"),
            ETAT: base_text(ETAT).replace("      2026: 5000", "      2026: 6000"),
            DEP: base_text(DEP).replace(COACHING, COACHING.replace("5000", "4000")),
        },
    )
    code, out = validate(root, "github")
    lines = out.splitlines()

    assert code == 1
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 3 + [
        "::warning",
        "::notice",  # the status of petits-dejeuners is unknown: statut-incoherent not checked
        "3",
    ]
    assert lines[0].startswith(
        "::error file=data/conventions/cls/actions/maraudes.yaml,line=13,col=3,"
        "title=pacte [cofinancement-desequilibre]::en 2026, DDETS apporte 6"
    )
    assert lines[1].startswith(
        "::error file=data/conventions/cls/actions/maraudes.yaml,line=13,col=3,"
        "title=pacte [financement-excedentaire]::en 2026, les contributions (11"
    )
    assert lines[2] == (
        "::error file=data/conventions/cls/actions/petits-dejeuners.yaml,line=10,col=9,"
        "title=pacte [schema]::" + _escaped_message(root, PETITS)
    )
    assert lines[3].startswith(
        "::warning file=data/conventions/partenariale/actions/coaching-emploi.yaml,line=10,"
        "col=3,title=pacte [financement-incomplet]::en 2025, "
    )
    assert lines[-1] == "3 erreurs, 1 avertissement dans 9 fichiers"


def _escaped_message(root: Path, path: str) -> str:
    from pacte_testing import AS_OF_DATE
    from pactecli.check.validation import validate as check
    from pactecli.load.sources import FolderSnapshot

    found = [
        d for d in check(FolderSnapshot(root), AS_OF_DATE).diagnostics if d.location.path == path
    ]
    message = found[0].message + "\naide : " + found[0].hint
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def test_github_escaping_rules() -> None:
    """GitHub's own escapes for `%`, `,` and `:`; a CR or LF of a value is line text (`\\r`)."""
    diagnostic = Diagnostic(
        "schema",
        Severity.ERROR,
        Location("data/a, b:c%.yaml", 3, 4),
        "100 % faux\r\nligne 2",
        hint="écrivez\n::error::x",
    )

    assert github.command(diagnostic) == (
        "::error file=data/a%2C b%3Ac%25.yaml,line=3,col=4,title=pacte [schema]::"
        "100 %25 faux\\r\\nligne 2%0Aaide : écrivez\\n::error::x"
    )


def _many(errors: int, warnings: int) -> Validation:
    diagnostics = [
        Diagnostic("schema", Severity.ERROR, Location(f"data/partners/p{n:02}.yaml", n + 1), "faux")
        for n in range(errors)
    ] + [
        Diagnostic(
            "financement-incomplet", Severity.WARNING, Location(f"data/w{n}.yaml", 2), "manque"
        )
        for n in range(warnings)
    ]
    return Validation(PactModel(), diagnostics, errors + warnings)


def test_github_step_summary_lists_everything_and_counts_unannotated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# étape précédente\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    out = render("github", _many(12, 3))
    written = summary.read_text(encoding="utf-8")

    assert out.count("::error ") == 12 and out.count("::warning ") == 3
    assert written.startswith("# étape précédente\n## pacte validate\n")
    assert "2 problèmes n'ont pas d'annotation dans les fichiers" in written
    assert written.count("| erreur | `data/partners/p") == 12
    assert written.count("| avertissement |") == 3
    assert "2 problème(s) sans annotation" in out


def test_github_without_step_summary_writes_nothing(tmp_path: Path) -> None:
    out = render("github", _many(1, 0))

    assert out.splitlines()[-1] == "1 erreur, 0 avertissement dans 1 fichier"
    assert list(tmp_path.iterdir()) == []


def test_github_step_summary_stays_under_1_mib_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# étape précédente\n" * 1000, encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    render("github", _many(20_000, 0))
    written = summary.read_text(encoding="utf-8")

    assert len(written.encode("utf-8")) <= github.STEP_SUMMARY_LIMIT
    assert written.startswith("# étape précédente\n" * 1000)  # what the step wrote stays
    assert "**Liste tronquée**" in written
    shown = written.count("| erreur | `data/partners/p")
    assert 0 < shown < 20_000
    assert f"{20_000 - shown} problèmes de plus" in written


def test_github_step_summary_already_full_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * (github.STEP_SUMMARY_LIMIT - 100))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    out = render("github", _many(3, 0))

    assert summary.stat().st_size == github.STEP_SUMMARY_LIMIT - 100
    assert "::warning::résumé non écrit" in out and "1 Mio" in out
    assert out.count("::error ") == 3  # the annotations themselves are still there


# --- gitlab ----------------------------------------------------------------------------------


def test_gitlab_code_quality_report(tmp_path: Path) -> None:
    code, out = validate(broken_pact(tmp_path), "gitlab")
    issues = json.loads(out)

    assert code == 1
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues] == [
        ("pacte/cofinancement-desequilibre", "major", MARAUDES),
        ("pacte/financement-excedentaire", "major", MARAUDES),
        ("pacte/schema", "major", PETITS),
        ("pacte/schema", "major", MSA),
        ("pacte/verification-omise", "info", PETITS),
        ("pacte/verification-omise", "info", MSA),
    ]
    assert issues[3]["location"]["lines"] == {"begin": 10}
    assert issues[3]["description"].startswith("« 2025 » : un nombre est attendu")
    for issue in issues:
        assert issue["type"] == "issue"
        assert len(issue["fingerprint"]) == 64
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_stable_across_runs_and_line_shifts(tmp_path: Path) -> None:
    first = json.loads(validate(broken_pact(tmp_path / "a"), "gitlab")[1])
    again = json.loads(validate(broken_pact(tmp_path / "a"), "gitlab")[1])
    shifted = json.loads(validate(broken_pact(tmp_path / "b", shift=3), "gitlab")[1])

    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in again]
    assert sorted(i["fingerprint"] for i in first) == sorted(i["fingerprint"] for i in shifted)
    problems = [i for i in first if i["severity"] != "info"]  # notes stay on line 1
    assert [i["location"]["lines"]["begin"] + 3 for i in problems] == [
        i["location"]["lines"]["begin"] for i in shifted if i["severity"] != "info"
    ]


def test_gitlab_exact_repeats_get_distinct_fingerprints() -> None:
    same = Diagnostic("schema", Severity.ERROR, Location("data/partners/x.yaml", 2), "faux")
    moved = Diagnostic("schema", Severity.ERROR, Location("data/partners/x.yaml", 9), "faux")
    validation = Validation(PactModel(), [same, moved], 1)

    issues = json.loads(render("gitlab", validation))

    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_gitlab_severities() -> None:
    validation = Validation(
        PactModel(),
        [
            Diagnostic("yaml-invalide", Severity.ERROR, Location("data/a.yaml"), "illisible"),
            Diagnostic("schema", Severity.ERROR, Location("data/b.yaml"), "faux"),
            Diagnostic("financement-incomplet", Severity.WARNING, Location("data/c.yaml"), "x"),
        ],
        3,
    )

    assert [i["severity"] for i in json.loads(render("gitlab", validation))] == [
        "blocker",
        "major",
        "minor",
    ]


def test_paths_from_the_repository_root_when_the_pact_is_in_a_sub_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = broken_pact(tmp_path / "depot" / "pacte")
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path / "depot"))

    issues = json.loads(validate(root, "gitlab")[1])

    assert {i["location"]["path"].split("/data/")[0] for i in issues} == {"pacte"}


# --- junit -----------------------------------------------------------------------------------


def test_junit_one_case_per_file_and_rule(tmp_path: Path) -> None:
    code, out = validate(broken_pact(tmp_path), "junit")
    suites = ET.fromstring(out)
    cases = suites.findall("./testsuite/testcase")

    assert code == 1
    assert suites.tag == "testsuites" and suites.get("name") == "pacte"
    assert [(c.get("classname"), c.get("name")) for c in cases] == sorted(
        (c.get("classname"), c.get("name")) for c in cases
    )
    assert (MSA, "schema") in [(c.get("classname"), c.get("name")) for c in cases]
    failing = [c for c in cases if c.get("name") != "verification-omise"]
    assert suites.get("failures") == str(len(failing))
    assert suites.get("tests") == str(len(cases))
    assert all(c.find("failure") is not None for c in failing)
    assert all(c.find("failure") is None for c in cases if c not in failing)  # notes pass


def test_junit_sound_pact_has_one_passing_case(tmp_path: Path) -> None:
    code, out = validate(make_pact(tmp_path), "junit")
    suites = ET.fromstring(out)

    assert code == 0
    assert (suites.get("tests"), suites.get("failures")) == ("1", "0")
    assert suites.find("./testsuite/testcase/failure") is None


def test_junit_warnings_do_not_fail() -> None:
    out = render("junit", _many(0, 2))
    suites = ET.fromstring(out)

    assert (suites.get("tests"), suites.get("failures")) == ("2", "0")
    assert "manque" in (suites.find("./testsuite/testcase/system-out").text or "")  # type: ignore[union-attr]


# --- sarif -----------------------------------------------------------------------------------


def _sarif_schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(
        (HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    return schema


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    code, out = validate(broken_pact(tmp_path), "sarif")
    log = json.loads(out)

    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    assert code == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert log["version"] == "2.1.0" and driver["name"] == "pacte"
    assert [r["id"] for r in driver["rules"]] == [info.code for info in rules.catalogue()]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "cofinancement-desequilibre",
        "financement-excedentaire",
        "schema",
        "schema",
        "verification-omise",
        "verification-omise",
    ]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["pacte/v1"]
    cross = results[0]
    assert {
        loc["physicalLocation"]["artifactLocation"]["uri"] for loc in cross["relatedLocations"]
    } == {
        "data/partners/departement.yaml",
        ETAT,
    }


def test_sarif_rule_help_comes_from_the_rule_documentation() -> None:
    log = json.loads(render("sarif", _many(0, 0)))
    driver = log["runs"][0]["tool"]["driver"]
    ceiling = next(r for r in driver["rules"] if r["id"] == "plafond-depasse")

    assert ceiling["help"]["text"] == (rules.plafond_depasse.__doc__ or "").strip()
    assert ceiling["defaultConfiguration"]["level"] == "error"
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)


def test_sarif_uri_of_unusual_file_names_is_encoded() -> None:
    odd = Diagnostic("fichier-inattendu", Severity.ERROR, Location("data/notes été #1.yaml"), "x")

    log = json.loads(render("sarif", Validation(PactModel(), [odd], 1)))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]

    assert uri["uri"] == "data/notes%20%C3%A9t%C3%A9%20%231.yaml"
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)


# --- auto ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "start"),
    [
        ({"GITHUB_ACTIONS": "true"}, "::error file=data/partners/msa.yaml"),
        ({"GITLAB_CI": "true"}, "[\n  {"),
        ({}, "data/partners/msa.yaml:10:13: erreur [schema]"),
    ],
)
def test_auto_follows_the_ci_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], start: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    root = make_pact(tmp_path, {MSA: base_text(MSA).replace("2025: 3000", "2025: 3 000")})

    code, out = validate(root, "auto")

    assert code == 1
    assert out.startswith(start)


def test_ci_reports_can_be_rewritten_by_pacte(tmp_path: Path) -> None:
    """--output recognises its own previous report and replaces it (each format signs)."""
    root = broken_pact(tmp_path / "pacte")
    for name in ("github", "gitlab", "junit", "sarif"):
        target = tmp_path / f"rapport.{name}"
        for _ in range(2):
            run = run_pacte(
                "validate", "--root", str(root), "--format", name, "--output", str(target)
            )
            assert run.exit_code == 1, str(run)
