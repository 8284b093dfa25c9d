"""The ready-made CI set-ups: they parse, every pacte command they run exists as written, pacte
is installed pinned from its own source, and no job takes exit code 2 or 3 for a success."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from pacte_testing import make_pact, run_pacte

REPO = Path(__file__).parents[2]
EXAMPLES = REPO / "examples"
_PACTE_COMMAND = re.compile(r"(?<![\w./@-])pacte[ \t]+([a-z]+)([^\n|;&]*)")
_CHOICES = {
    "validate": {"text", "json", "github", "gitlab", "junit", "sarif", "auto"},
    "diff": {"text", "markdown", "json"},
    "report": {"terminal", "markdown", "html"},
}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _scripts(node: Any) -> list[str]:
    """Every shell line of a workflow (`run:`) or a GitLab file (`script:`, `before_script:`)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "run" and isinstance(value, str):
                found.append(value)
            elif key in ("script", "before_script") and isinstance(value, list):
                found += [str(line) for line in value]
            else:
                found += _scripts(value)
    elif isinstance(node, list):
        for item in node:
            found += _scripts(item)
    return found


def _commands(scripts: list[str]) -> list[tuple[str, list[str]]]:
    return [
        (match.group(1), shlex.split(match.group(2)))
        for script in scripts
        for match in _PACTE_COMMAND.finditer(script)
    ]


def _check_commands(commands: list[tuple[str, list[str]]]) -> None:
    listing = run_pacte("--help").stdout
    for command, args in commands:
        assert re.search(rf"^\s+{command}\b", listing, re.MULTILINE), f"pacte {command} ?"
        help_text = run_pacte(command, "--help").stdout
        for index, arg in enumerate(args):
            if arg.startswith("--"):
                assert arg in help_text, f"pacte {command} {arg} ?"
            if arg == "--format":
                assert args[index + 1] in _CHOICES[command], f"pacte {command} {args}"


def test_pre_commit_hook_checks_the_whole_pact_and_shows_the_committed_files(
    tmp_path: Path,
) -> None:
    hooks = _load(REPO / ".pre-commit-hooks.yaml")

    assert [hook["id"] for hook in hooks] == ["pacte-validate"]
    hook = hooks[0]
    assert hook["entry"] == "pacte validate"
    assert hook["pass_filenames"] is True  # `pacte validate FICHIER...` validates everything
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("pacte.yaml") and files.search("data/partners/etat.yaml")
    assert files.search("sous-dossier/data/conventions/cls/convention.yaml")
    assert not files.search("README.md") and not files.search("src/data.py")
    _check_commands(_commands([hook["entry"]]))
    run = run_pacte(*hook["entry"].split()[1:], "--as-of", "2026-11-27", cwd=make_pact(tmp_path))
    assert run.exit_code == 0, str(run)


def test_github_workflow() -> None:
    workflow = _load(EXAMPLES / "ci" / "github-workflow.yml")
    scripts = _scripts(workflow)
    commands = _commands(scripts)

    assert set(workflow["jobs"]) == {"valider", "comparer", "publier"}
    assert ("validate", ["--format", "github"]) in commands
    assert ("validate", ["--format", "sarif", "--output", "pacte.sarif"]) in commands
    assert (
        "diff",
        ["origin/$BASE_REF", "--format", "markdown", "--output", "comparaison.md"],
    ) in commands
    assert ("report", ["--format", "html", "--output", "site/index.html"]) in commands
    _check_commands(commands)
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "github/codeql-action/upload-sarif@v3" in uses
    assert "actions/deploy-pages@v4" in uses
    assert workflow["jobs"]["comparer"]["permissions"]["pull-requests"] == "write"
    assert all("${{" not in script for script in scripts), "no expression inside a shell script"


def test_gitlab_ci() -> None:
    pipeline = _load(EXAMPLES / "ci" / "gitlab-ci.yml")
    commands = _commands(_scripts(pipeline))

    reports = pipeline["pacte:valider"]["artifacts"]["reports"]
    assert ("validate", ["--format", "gitlab", "--output", reports["codequality"]]) in commands
    assert ("validate", ["--format", "junit", "--output", reports["junit"]]) in commands
    assert any(command == "diff" and "markdown" in args for command, args in commands)
    assert ("report", ["--format", "html", "--output", "public/index.html"]) in commands
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    _check_commands(commands)


_PINNED = re.compile(r"pacte @ git\+https://\S+@(<commit>|[0-9a-f]{40})")
_PIP = re.compile(r"\bpip3? install\b(?P<args>[^\n;&|]*)")
_RUN = re.compile(r"(?<![\w./@-])pacte[ \t]+(validate|diff|report)\b[^\n|;&]*(?P<rest>[^\n]*)")
_CI_FILES = ("github-workflow.yml", "gitlab-ci.yml")


def _install_variable(name: str) -> str:
    config = _load(EXAMPLES / "ci" / name)
    top = config["env"] if "jobs" in config else config["variables"]
    value: str = top["PACTE_INSTALL"]
    return value


@pytest.mark.parametrize("name", _CI_FILES)
def test_pacte_is_installed_from_one_pinned_variable(name: str) -> None:
    """Never `pip install pacte` from a public index (anyone may publish that name there)."""
    assert _PINNED.fullmatch(_install_variable(name)), _install_variable(name)
    scripts = _scripts(_load(EXAMPLES / "ci" / name))
    installs = [m.group("args").split() for s in scripts for m in _PIP.finditer(s)]
    assert installs
    assert all(args[-1] == '"$PACTE_INSTALL"' for args in installs), installs
    text = (EXAMPLES / "ci" / name).read_text(encoding="utf-8")
    assert text.count("PACTE_INSTALL:") == 1


@pytest.mark.parametrize("name", _CI_FILES)
def test_only_exit_code_1_may_be_tolerated(name: str) -> None:
    """0 and 1 are pacte's answers; 2 (misuse, unwritable output) and 3 (a bug) fail the job."""
    config = _load(EXAMPLES / "ci" / name)
    tails = [m.group("rest").strip() for s in _scripts(config) for m in _RUN.finditer(s)]
    assert tails and set(tails) <= {"", "|| [ $? -eq 1 ]"}, tails
    text = (EXAMPLES / "ci" / name).read_text(encoding="utf-8")
    for tolerant in ("|| true", "continue-on-error", "allow_failure", "set +e", "-le 3"):
        assert tolerant not in text, tolerant


def test_readme_explains_the_install_placeholders() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert (
        "PACTE_INSTALL" in readme and "<commit>" in readme and "<adresse-du-depot-pacte>" in readme
    )


def _owners() -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    for line in (EXAMPLES / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            assert owners and all(re.fullmatch(r"@[\w.-]+/[\w.-]+", o) for o in owners), line
            rules[pattern] = owners
    return rules


def test_codeowners_each_partner_owns_its_file() -> None:
    rules = _owners()
    partners = sorted(path.stem for path in (REPO / "data" / "partners").glob("*.yaml"))

    listed = sorted(
        pattern.removeprefix("/data/partners/").removesuffix(".yaml")
        for pattern in rules
        if pattern.startswith("/data/partners/")
    )
    assert listed == partners
    owners = {rules[f"/data/partners/{p}.yaml"][0] for p in partners}
    assert len(owners) == len(partners)  # one owner each, nobody else's


@pytest.mark.parametrize(
    "folder", sorted(p.name for p in (REPO / "data" / "conventions").iterdir() if p.is_dir())
)
def test_codeowners_state_and_departement_own_the_conventions(folder: str) -> None:
    rules = _owners()
    co_signers = rules["/data/partners/etat.yaml"] + rules["/data/partners/departement.yaml"]

    assert rules[f"/data/conventions/{folder}/"] == co_signers
    assert rules["/pacte.yaml"] == co_signers
