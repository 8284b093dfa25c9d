"""Every output format survives any value and any file name, and forges nothing.

The pacts here hold a partner sigle with newlines, CR, ESC, BEL, NEL, U+2028/U+2029, a bidi
override, `::error` / `::stop-commands::` / `##[warning]` workflow commands, and a record whose
file name is not UTF-8 and holds LF, CR and ESC. Each command runs in each format, to standard
output and to a file: it must end with its normal exit code (never an internal error), write
valid UTF-8, keep line-oriented outputs free of any line a CI runner or a terminal would obey,
and keep structured outputs parseable.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hostile_testing import (
    HOSTILE_NAME,
    assert_inert_lines,
    controls,
    forged_lines,
    git,
    hostile_pact,
    write_bytes_name,
)

from pacte_testing import AS_OF, TESTS, Run, run_pacte

GITHUB_COMMANDS = ("::error file=", "::warning file=", "::warning::")
SMALL = TESTS / "report" / "pacts" / "petit"
CRECHES = "data/conventions/cls/actions/creches.yaml"


@pytest.fixture(autouse=True)
def _neutral(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in ("GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "resume.md"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def _validate(root: Path, fmt: str, *extra: str) -> Run:
    run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF, "-f", fmt, *extra)
    assert run.exit_code == 1, str(run)
    assert run.stderr == "", str(run)
    return run


# --- pacte validate ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_line_formats_print_no_forged_line_and_no_control(tmp_path: Path, fmt: str) -> None:
    out = _validate(hostile_pact(tmp_path / "p"), fmt).stdout

    assert_inert_lines(out, GITHUB_COMMANDS if fmt == "github" else ())
    assert len(out.splitlines()) == 6  # 5 problems (one line each) and the summary
    assert "MSA\\n::error file=x.yaml::forgé\\r::stop-commands::jeton\\x1b[2J\\x07" in out
    assert "##\\[warning]" in out and "\\u202eà rebours" in out
    name = "data/partners/x\\xff\\n::error::nom\\r\\x1b[31m.yaml"
    if fmt == "text":
        assert f"{name}:1:1: erreur [schema] " in out
    else:  # a property of the command: its colons and commas escaped too
        assert f"::error file={name.replace(':', '%3A')},line=1,col=1," in out


def test_github_step_summary_survives_hostile_text(tmp_path: Path) -> None:
    _validate(hostile_pact(tmp_path / "p"), "github")
    summary = (tmp_path / "resume.md").read_bytes().decode("utf-8")

    assert controls(summary) == []
    assert forged_lines(summary) == []
    assert "| `data/partners/x\\xff ::error::nom \\x1b[31m.yaml:1:1` |" in summary


@pytest.mark.parametrize("fmt", ["json", "gitlab", "sarif"])
def test_json_formats_parse_and_hold_no_lone_surrogate(tmp_path: Path, fmt: str) -> None:
    out = _validate(hostile_pact(tmp_path / "p"), fmt).stdout

    out.encode("utf-8")
    assert forged_lines(out) == []
    assert controls(out) == []  # escaped as \\u… inside strings
    assert "\\ud" not in out.lower()  # many parsers refuse a lone surrogate's escape
    texts = "\0".join(_strings(json.loads(out)))
    assert not any("\ud800" <= c <= "\udfff" for c in texts)
    assert "MSA\n::error file=x.yaml::forgé\r" in texts  # values themselves are kept


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("fmt", ["json", "gitlab"])
def test_json_paths_show_the_undecodable_byte(tmp_path: Path, fmt: str) -> None:
    data = json.loads(_validate(hostile_pact(tmp_path / "p"), fmt).stdout)

    problems = data["problems"] if fmt == "json" else data
    paths = {p["path"] if fmt == "json" else p["location"]["path"] for p in problems}
    assert "data/partners/x\\xff\n::error::nom\r\x1b[31m.yaml" in paths


def test_sarif_uri_holds_the_very_bytes_of_the_name(tmp_path: Path) -> None:
    log = json.loads(_validate(hostile_pact(tmp_path / "p"), "sarif").stdout)

    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert "data/partners/x%FF%0A%3A%3Aerror%3A%3Anom%0D%1B%5B31m.yaml" in uris


def test_junit_is_xml_whatever_the_names_and_values(tmp_path: Path) -> None:
    out = _validate(hostile_pact(tmp_path / "p"), "junit").stdout

    suites = ET.fromstring(out)
    assert forged_lines(out) == []
    assert controls(out) == []
    names = {case.get("classname") for case in suites.iter("testcase")}
    assert "data/partners/x\\xff\\n::error::nom\\r\\x1b[31m.yaml" in names


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "junit", "sarif"])
def test_every_format_writes_its_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"sortie.{fmt}"
    run = _validate(hostile_pact(tmp_path / "p"), fmt, "-o", str(target))

    assert run.stdout == ""
    target.read_bytes().decode("utf-8")  # strict: valid UTF-8
    again = run_pacte("validate", "--root", str(tmp_path / "p"), "-f", fmt, "-o", str(target))
    assert again.exit_code == 1, str(again)  # its own signed output is replaced


# --- pacte diff ----------------------------------------------------------------------------------


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    """A committed pact with a hostile file name; the working copy adds a hostile sigle."""
    root = hostile_pact(tmp_path / "depot", name=False)
    (root / "data/partners/msa.yaml").write_text(
        (root / "data/partners/msa.yaml").read_text("utf-8").replace("2025: 3500", "2025: 3000")
    )
    write_bytes_name(root, HOSTILE_NAME, b"id: x\nnom: X\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "pacte")
    hostile = hostile_pact(tmp_path / "tete", name=False) / "data/partners/msa.yaml"
    shutil.copyfile(hostile, root / "data/partners/msa.yaml")
    write_bytes_name(root, HOSTILE_NAME, b"id: x\nnom: [\n")  # unreadable in the head
    return root


def _diff(root: Path, fmt: str, *extra: str) -> Run:
    run = run_pacte("diff", "HEAD", "--root", str(root), "--as-of", AS_OF, "-f", fmt, *extra)
    assert run.exit_code == 1, str(run)
    assert run.stderr == "", str(run)
    return run


def test_diff_text_prints_no_forged_line(hostile_repo: Path) -> None:
    out = _diff(hostile_repo, "text").stdout

    assert_inert_lines(out)
    assert "    MSA\\n::error file=x.yaml::forgé\\r::stop-commands::jeton\\x1b[2J" in out
    assert "  data/partners/x\\xff\\n::error::nom\\r\\x1b[31m.yaml" in out


def test_diff_markdown_keeps_hostile_text_inert(hostile_repo: Path) -> None:
    out = _diff(hostile_repo, "markdown").stdout

    out.encode("utf-8")
    assert forged_lines(out) == []
    assert controls(out) == []
    assert "`data/partners/x\\xff ::error::nom \\x1b[31m.yaml`" in out


def test_diff_json_parses(hostile_repo: Path) -> None:
    out = _diff(hostile_repo, "json").stdout

    report = json.loads(out)
    assert controls(out) == [] and forged_lines(out) == []
    assert "data/partners/x\\xff\n::error::nom\r\x1b[31m.yaml" in report["not_compared"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_writes_every_format_to_a_file(hostile_repo: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"comparaison.{fmt}"
    assert _diff(hostile_repo, fmt, "-o", str(target)).stdout == ""
    target.read_bytes().decode("utf-8")
    _diff(hostile_repo, fmt, "-o", str(target))  # and replaces it


# --- pacte report --------------------------------------------------------------------------------

# Long enough for rich to wrap it: each `::error::` may start a line of its own.
EVIL_TITLE = '"' + " ".join(["::error::forgé"] * 8) + r' ##[error]t \e[31m\r::warning::x"'
EVIL_DESCRIPTION = (
    r'"Voir [ici](javascript:alert(1)) et [là](JaVaScRiPt\\:x) ![pixel](http://evil.example/p.png)'
    r" <img src=x>\n\n````js\n<script>alert(2)</script>\n::error::forgé"
    r'\nle reste ##[warning]x\e[2J"'
)


@pytest.fixture
def hostile_report_pact(tmp_path: Path) -> Path:
    root = Path(shutil.copytree(SMALL, tmp_path / "pacte"))
    text = (root / CRECHES).read_text("utf-8")
    text = text.replace("titre: Places en crèche pour l'insertion", f"titre: {EVIL_TITLE}")
    (root / CRECHES).write_text(text + f"description: {EVIL_DESCRIPTION}\n", "utf-8")
    write_bytes_name(root, b"data/partners/y\xfe\n::error::z\x1b.yaml", b"id: y\n")
    return root


def _report(root: Path, fmt: str, *extra: str) -> Run:
    run = run_pacte(
        "report", "--root", str(root), "--as-of", "2026-06-30", "--force", "-f", fmt, *extra
    )
    assert run.exit_code == 0, str(run)
    return run


def test_report_terminal_prints_no_forged_line_and_no_control(hostile_report_pact: Path) -> None:
    out = _report(hostile_report_pact, "terminal").stdout

    assert_inert_lines(out)
    assert "\\::error::forgé ::error::forgé" in out


def test_report_markdown_description_is_inert_and_fenced(hostile_report_pact: Path) -> None:
    from markdown_it import MarkdownIt

    out = _report(hostile_report_pact, "markdown").stdout
    parser = MarkdownIt("commonmark").enable("table")
    parser.validateLink = lambda url: True  # see every link as written, nothing filtered out
    tokens = list(_flatten(parser.parse(out)))

    assert forged_lines(out) == [] and controls(out) == []
    html = [t.content for t in tokens if t.type in ("html_block", "html_inline")]
    assert all(h.startswith("<!-- généré par pacte") for h in html)  # pacte's marker only
    assert [t for t in tokens if t.type == "image"] == []
    hrefs = [str(t.attrs.get("href", "")) for t in tokens if t.type == "link_open"]
    assert [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))] == []
    assert "\\::error::forgé" in out  # the description's lines are kept, inert
    fences = [t for t in tokens if t.type == "fence"]
    assert any("<script>alert(2)</script>" in t.content for t in fences)  # shown as code
    headings = [t.content for t in tokens if t.type == "inline" and t.map]
    assert "Points d'attention" in headings  # the unclosed fence swallowed nothing


def _flatten(tokens):  # type: ignore[no-untyped-def]
    for token in tokens:
        yield token
        yield from _flatten(token.children or [])


def test_report_html_holds_no_forged_line_no_control(hostile_report_pact: Path) -> None:
    out = _report(hostile_report_pact, "html").stdout

    assert forged_lines(out) == []
    assert controls(out, allowed="\n\t") == []
    assert "<script>alert" not in out and "<img src=x" not in out


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "r.md"), ("html", "r.html")])
def test_report_files_are_written_and_replaced(
    hostile_report_pact: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    target = tmp_path / name
    assert _report(hostile_report_pact, fmt, "-o", str(target)).stdout == ""
    target.read_bytes().decode("utf-8")
    _report(hostile_report_pact, fmt, "-o", str(target))
