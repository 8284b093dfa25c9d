"""Each output family has one registry: it drives `--format`'s choices and help, and a format
module is imported only when chosen (start-up time of `pacte validate`)."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import pytest

from pacte_testing import TESTS, run_pacte
from pactecli.render import Format, changes, problems, roadmap

FAMILIES = {"validate": problems.FORMATS, "diff": changes.FORMATS, "report": roadmap.FORMATS}


@pytest.mark.parametrize("command", sorted(FAMILIES))
def test_format_help_and_choices_come_from_the_registry(command: str) -> None:
    formats = FAMILIES[command]
    shown = " ".join(run_pacte(command, "--help").stdout.split())

    for name, fmt in formats.items():
        assert f"{name} : {fmt.help}" in shown, name
    args = ("HEAD",) if command == "diff" else ()
    refused = run_pacte(command, *args, "--format", "inconnu")
    assert refused.exit_code == 2
    assert f"valeurs permises : {', '.join(formats)}" in refused.stderr


@pytest.mark.parametrize(("family", "name"), [(f, n) for f in FAMILIES for n in FAMILIES[f]])
def test_every_registered_module_renders_and_signs(family: str, name: str) -> None:
    module: ModuleType = FAMILIES[family][name].load()
    assert callable(module.render)
    assert hasattr(module.SIGNING, "mark")


def test_a_registry_entry_is_just_a_module_name_and_a_help() -> None:
    fmt = Format("pactecli.render.problems.text", "une ligne par problème")
    assert fmt.load().render.__module__ == "pactecli.render.problems.text"


def _loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_the_github_reporter_loads_neither_the_diff_engine_nor_jinja() -> None:
    loaded = _loaded_after("import pactecli.render.problems.github")

    heavy = {"jinja2", "markupsafe", "rich", "babel", "pactecli.diff", "pactecli.render.changes"}
    assert {m for m in loaded if m.split(".")[0] in heavy or m.startswith(tuple(heavy))} == set()


def test_validate_imports_only_the_reporter_it_uses() -> None:
    root = TESTS / "cases" / "base"
    loaded = _loaded_after(
        "import sys\n"
        f"sys.argv = ['pacte', 'validate', '--root', {str(root)!r}, '-f', 'json']\n"
        "from pactecli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )

    reporters = {m for m in loaded if m.startswith("pactecli.render.problems.")}
    assert reporters == {"pactecli.render.problems.json"}
    assert not {m for m in loaded if m.startswith(("pactecli.render.changes.", "jinja2"))}


def test_a_command_run_builds_only_that_command() -> None:
    # Typer reads the signature of every registered command when the application starts:
    # building all fifteen cost `pacte validate` a third of its start-up on a small pact.
    root = TESTS / "cases" / "base"
    loaded = _loaded_after(
        "import sys\n"
        f"sys.argv = ['pacte', 'validate', '--root', {str(root)!r}]\n"
        "from pactecli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )

    commands = {m.rsplit(".", 1)[1] for m in loaded if m.startswith("pactecli.cli.")}
    assert commands <= {"validate", "common", "french", "app", "completion"}, commands


def test_the_help_and_a_mistyped_command_still_know_every_command() -> None:
    from pactecli.cli.app import COMMANDS

    listing = run_pacte("--help")
    for name, *_ in COMMANDS:
        assert f"\n  {name} " in listing.stdout, name
    assert "\n  new " in listing.stdout
    mistyped = run_pacte("histroy")
    assert mistyped.exit_code == 2 and "« history »" in mistyped.stderr
