"""Hostile data and hostile templates: nothing breaks a table, nothing runs, errors are French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_testing import replace_in, run_report

EVIL_TITLE = '"<script>alert(1)</script> A | B\\nC *gras* [lien](http://x) `code` # titre"'


def _poison(root: Path) -> None:
    replace_in(
        root,
        "data/conventions/cls/actions/creches.yaml",
        "titre: Places en crèche pour l'insertion",
        f"titre: {EVIL_TITLE}",
    )
    replace_in(
        root,
        "data/partners/msa.yaml",
        "nom: Mutualité sociale agricole du Haut-Val",
        'nom: "<img src=x onerror=alert(1)>|MSA"',
    )
    replace_in(
        root,
        "data/conventions/cls/actions/petits-dejeuners.yaml",
        "Des petits déjeuners",
        "<script>alert(2)</script> Des petits déjeuners",
    )


def _render(root: Path, fmt: str, *extra: str) -> str:
    run = run_report(root, "-f", fmt, *extra)
    assert run.exit_code == 0, run
    return run.stdout


def _cells(line: str) -> int:
    """Columns of a GFM table row: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_tables_and_markup_survive_hostile_titles(small_pact: Path) -> None:
    _poison(small_pact)
    text = _render(small_pact, "markdown")
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; A \\| B C \\*gras\\* \\[lien\\]" in text
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and i + 1 < len(lines) and lines[i + 1].startswith("|---"):
            header = _cells(line)
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert _cells(lines[j]) == header, lines[j]
                j += 1
    heading = next(line for line in lines if "alert(1)" in line and line.startswith("#####"))
    assert "\n" not in heading and "\\# titre" not in heading  # mid-line: no escape needed


def test_html_escapes_hostile_titles(small_pact: Path) -> None:
    _poison(small_pact)
    text = _render(small_pact, "html")
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; A | B\nC" in text or (
        "&lt;script&gt;alert(1)&lt;/script&gt; A | B" in text
    )
    assert "&lt;img src=x onerror=alert(1)&gt;|MSA" in text


def _template(root: Path, body: str, name: str = "report.md.j2") -> None:
    target = root / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
        "{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
        "{{ chiffres.__class__.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ graphique_axes.func.__globals__ }}",
    ],
)
def test_sandbox_stops_templates_reaching_python(small_pact: Path, body: str) -> None:
    _template(small_pact, "{{ territoire }}\n" + body + "\n")
    run = run_report(small_pact, "-f", "markdown")
    assert run.exit_code == 1, run
    assert run.stdout == ""
    assert "report.md.j2, ligne 2" in run.stderr
    assert "bac à sable" in run.stderr or "n'a pas d'attribut" in run.stderr
    assert not (small_pact / "PWNED").exists()


def test_template_syntax_error_names_the_file_and_line(small_pact: Path) -> None:
    _template(small_pact, "ligne 1\n{% if %}\n")
    run = run_report(small_pact, "-f", "markdown")
    assert run.exit_code == 1, run
    assert "templates/report.md.j2, ligne 2 : erreur de syntaxe" in run.stderr


def test_undefined_variable_is_an_error_not_a_blank(small_pact: Path) -> None:
    _template(small_pact, "<p>{{ territoire }}</p>\n<p>{{ teritoire }}</p>\n", "report.html.j2")
    run = run_report(small_pact, "-f", "html")
    assert run.exit_code == 1, run
    assert "report.html.j2, ligne 2 : la variable « teritoire » n'existe pas" in run.stderr
    assert "README" in run.stderr


def test_markdown_values_are_escaped_unless_marked_safe(small_pact: Path) -> None:
    _template(small_pact, "{{ '<b>|x|</b>' }} {{ '**ok**' | safe }}\n")
    assert _render(small_pact, "markdown") == "&lt;b&gt;\\|x\\|&lt;/b&gt; **ok**\n"


def test_lookup_order_template_dir_then_pact_then_defaults(
    small_pact: Path, tmp_path: Path
) -> None:
    _template(small_pact, "Modèle du pacte : {{ territoire }}\n")
    assert _render(small_pact, "markdown") == "Modèle du pacte : Haut-Val\n"
    other = tmp_path / "autres"
    other.mkdir()
    (other / "report.md.j2").write_text("Modèle de --template-dir\n", encoding="utf-8")
    assert _render(small_pact, "markdown", "--template-dir", str(other)) == (
        "Modèle de --template-dir\n"
    )
    (small_pact / "templates" / "report.md.j2").unlink()
    _template(small_pact, "## Sigles maison\n", "partials/glossaire.md.j2")
    text = _render(small_pact, "markdown")
    assert "## Sigles maison" in text and "## Points d'attention" in text
    assert "## Glossaire" not in text


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
@pytest.mark.parametrize("kind", ["absent", "fichier"])
def test_template_dir_not_a_folder_is_misuse_before_validation(
    small_pact: Path, fmt: str, kind: str
) -> None:
    # A pact with a validation error: the option is refused first (exit 2, not 1).
    replace_in(small_pact, "data/conventions/cls/actions/creches.yaml", "pilote: etat", "pilote: x")
    target = small_pact / "modeles"
    if kind == "fichier":
        target.write_text("pas un dossier\n", encoding="utf-8")
    run = run_report(small_pact, "-f", fmt, "--template-dir", str(target))
    assert run.exit_code == 2, run
    assert run.stdout == ""
    what = "n'existe pas" if kind == "absent" else "n'est pas un dossier"
    assert f"--template-dir : « {target} » {what}" in run.stderr
    assert "pilote" not in run.stderr  # nothing validated, nothing rendered


def test_template_linking_outside_its_folder_is_refused(small_pact: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe", encoding="utf-8")
    (small_pact / "templates").mkdir()
    (small_pact / "templates" / "report.md.j2").symlink_to(secret)
    run = run_report(small_pact, "-f", "markdown")
    assert run.exit_code == 1, run
    assert "mot de passe" not in run.stdout + run.stderr
    assert "report.md.j2 » est un lien symbolique : refusé" in run.stderr
