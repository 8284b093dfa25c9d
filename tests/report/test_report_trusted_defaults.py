"""The packaged templates render without the sandbox; any template from a pact repository or
--template-dir still runs in it.

The defaults ship with pacte and are trusted, so they skip the sandbox's per-attribute checks
and escape HTML in `finalize` rather than through autoescape (half the rendering time of a large
pact), with the very same output. As soon as a file named like a default sits in an override
folder, the whole report runs in the sandbox.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape
from report_testing import (
    AS_OF_DATE,
    OUTSIDE_GIT,
    SMALL,
    replace_in,
    run_report,
    small_context,
)

from pacte_testing import check_pact
from pactecli.render.roadmap import templating
from pactecli.report.context import build_context
from pactecli.report.context_types import RapportContexte
from pactecli.report.selection import Filters


def _both_ways(kind: str, context: RapportContexte) -> tuple[str, str]:
    """The report rendered by the trusted environment and by the sandbox."""
    trusted = templating.environment(kind, None, SMALL)
    sandbox = templating.environment(kind, None, SMALL, sandboxed=True)
    assert not isinstance(trusted, SandboxedEnvironment)
    assert isinstance(sandbox, SandboxedEnvironment)
    name = templating.TEMPLATES[kind]
    variables = context.variables()
    return trusted.get_template(name).render(variables), sandbox.get_template(name).render(
        variables
    )


@pytest.mark.parametrize("kind", ["markdown", "html"])
def test_defaults_render_identically_with_and_without_the_sandbox(kind: str) -> None:
    trusted, sandboxed = _both_ways(kind, small_context())
    assert "Points d'attention" in trusted
    assert trusted == sandboxed


HOSTILE_TEXT = '<script>alert(1)</script> & "guillemets" l\'apostrophe | *gras*'


@pytest.mark.parametrize("kind", ["markdown", "html"])
def test_hostile_data_is_escaped_the_same_with_and_without_the_sandbox(
    kind: str, small_pact: Path
) -> None:
    replace_in(
        small_pact,
        "data/conventions/cls/actions/creches.yaml",
        "titre: Places en crèche pour l'insertion",
        f"titre: {json.dumps(HOSTILE_TEXT)}",
    )
    replace_in(
        small_pact,
        "data/partners/msa.yaml",
        "nom: Mutualité sociale agricole du Haut-Val",
        'nom: "<img src=x onerror=alert(1)>"',
    )
    validation = check_pact(small_pact, AS_OF_DATE)
    context = build_context(
        validation.model, validation.diagnostics, Filters(), AS_OF_DATE, OUTSIDE_GIT
    )
    trusted, sandboxed = _both_ways(kind, context)
    assert "<script" not in trusted and "<img" not in trusted
    assert trusted == sandboxed


@pytest.mark.parametrize(
    "value",
    [
        '<b>"l\'a" & b</b>',
        "sans rien à échapper",
        "",
        42,
        Decimal("-1.50"),
        Markup("<em>sûr</em>"),
        Markup("<p>{}</p>").format("<i>x</i>"),
    ],
)
def test_trusted_html_escaping_is_autoescape(value: object) -> None:
    assert templating._html_escape_finalize(value) == str(escape(value))


def test_trusted_html_escaping_blanks_none() -> None:
    assert templating._html_escape_finalize(None) == ""


def _write(folder: Path, name: str, body: str) -> None:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")


HOSTILE = "{{ cycler.__init__.__globals__ }}\n"


def test_an_overridden_partial_puts_the_whole_report_in_the_sandbox(small_pact: Path) -> None:
    _write(small_pact / "templates", "partials/glossaire.html.j2", HOSTILE)
    assert isinstance(templating.environment("html", None, small_pact), SandboxedEnvironment)
    run = run_report(small_pact, "-f", "html")
    assert run.exit_code == 1, run
    assert "glossaire.html.j2, ligne 1" in run.stderr
    assert "bac à sable" in run.stderr


def test_a_template_dir_override_runs_in_the_sandbox(small_pact: Path, tmp_path: Path) -> None:
    folder = tmp_path / "modeles"
    _write(folder, "partials/action.html.j2", "{{ action.__class__.__mro__ }}\n")
    run = run_report(
        small_pact,
        "-f",
        "html",
        "--template-dir",
        str(folder),
    )
    assert run.exit_code == 1, run
    assert "action.html.j2, ligne 1" in run.stderr
    assert "bac à sable" in run.stderr


def test_an_override_reached_through_a_linked_folder_is_refused(small_pact: Path) -> None:
    templates = small_pact / "templates"
    _write(templates, "maison/glossaire.html.j2", HOSTILE)
    (templates / "partials").symlink_to(templates / "maison")
    run = run_report(small_pact, "-f", "html")
    assert run.exit_code == 1, run
    assert "partials » est un lien symbolique : refusé" in run.stderr


def test_the_trusted_environment_reads_nothing_but_the_package(small_pact: Path) -> None:
    """Files that replace no default (notes, extra partials) leave the defaults trusted, and the
    trusted environment cannot load them: only a sandboxed report reads an override folder."""
    _write(small_pact / "templates", "LISEZMOI.md", "Nos modèles\n")
    _write(small_pact / "templates", "partials/maison.html.j2", HOSTILE)
    trusted = templating.environment("html", None, small_pact)
    assert not isinstance(trusted, SandboxedEnvironment)
    with pytest.raises(jinja2.TemplateNotFound):
        trusted.get_template("partials/maison.html.j2")
    run = run_report(small_pact, "-f", "html")
    assert run.exit_code == 0, run
    assert run.stdout == (Path(__file__).parent / "golden" / "petit.html").read_text("utf-8")
