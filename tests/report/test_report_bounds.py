"""A template from a pull request cannot hang CI or exhaust its memory: in the sandbox the
report is bounded in time, memory and size, and each overrun is a French error (exit 1).

None of these tests allocates much: the checks refuse before allocating, the memory limit of
the rendering child makes an over-large allocation fail at once, and the time-limit test lowers
the limit to one second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from report_testing import HERE, run_report

from pactecli.errors import RenderError
from pactecli.render.roadmap import bounds

GOLDEN = HERE / "golden"


def _template(root: Path, body: str, name: str = "report.md.j2") -> None:
    target = root / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")


def _stopped(root: Path, body: str) -> str:
    _template(root, "{{ territoire }}\n" + body + "\n")
    run = run_report(root, "-f", "markdown")
    assert run.exit_code == 1, run
    assert run.stdout == ""
    assert "Traceback" not in run.stderr and "Error" not in run.stderr
    return run.stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "{{ 9 ** (9 ** 9) }}",
            "puissance : le résultat aurait 369 693 100 chiffres, au plus 10 000 permis : refusé",
        ),
        (
            "{{ [1] * 10**9 }}",
            "répétition : 1 000 000 000 éléments demandés, au plus 1 000 000 permis",
        ),
        (
            "{{ 'x' * 10**9 }}",
            "répétition : 1 000 000 000 éléments demandés, au plus 1 000 000 permis",
        ),
        ("{{ 10**9 * 'x' }}", "répétition : 1 000 000 000 éléments"),
        ("{{ (10 ** 5000) * (10 ** 5000) * (10 ** 5000) }}", "multiplication : le résultat aurait"),
        ('{{ "x"|center(10**9) }}', "filtre center : 1 000 000 000 éléments"),
        ("{{ 'ab'|indent(2 * 10**6) }}", "filtre indent : 2 000 000 éléments"),
        ("{{ [1]|batch(10**9, 0)|list }}", "filtre batch : 1 000 000 000 éléments"),
        ('{{ "x".ljust(10**9) }}', "méthode ljust : 1 000 000 000 éléments"),
        ("{{ lipsum(10**6) }}", "lipsum : 100 000 000 éléments"),
        (
            "{% for i in range(10**6) %}{% endfor %}",
            "range : 1 000 000 éléments demandés, au plus 100 000 permis",
        ),
    ],
)
def test_oversized_expressions_are_refused_at_their_line(
    small_pact: Path, body: str, message: str
) -> None:
    stderr = _stopped(small_pact, body)
    assert "templates/report.md.j2, ligne 2 : " in stderr
    assert message in stderr.replace("\u202f", " ").replace("\u00a0", " ")  # French spaces
    assert "limité en calculs, en mémoire et en taille" in stderr


def test_jinja_power_is_left_associative_so_9_9_9_is_small(small_pact: Path) -> None:
    # Jinja reads `9 ** 9 ** 9` as `(9 ** 9) ** 9`: a 78-digit number, written at once.
    _template(small_pact, "{{ 9 ** 9 ** 9 }}\n")
    run = run_report(small_pact, "-f", "markdown")
    assert run.exit_code == 0, run
    assert run.stdout.strip() == str((9**9) ** 9)


def test_a_gigabyte_of_output_stops_at_the_size_limit(small_pact: Path) -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}"
    body = loops + "x" * 999 + "\n{% endfor %}{% endfor %}"  # 10**13 characters if unbounded
    stderr = _stopped(small_pact, body)
    assert "le rapport dépasserait 100" in stderr and "caractères" in stderr


def test_nested_loops_stop_at_the_time_limit(
    small_pact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "CPU_SECONDS", 1)
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    stderr = _stopped(small_pact, body)
    assert "templates/report.md.j2, ligne 2 : le rendu a dépassé 1 s de calcul : arrêté" in stderr


def test_an_allocation_in_one_call_hits_the_memory_limit(small_pact: Path) -> None:
    # `format` is not checked: the child's address-space limit refuses the 2 GB string.
    stderr = _stopped(small_pact, '{{ "%2000000000s"|format("x") }}')
    assert "templates/report.md.j2, ligne 2 : le rendu a dépassé la mémoire permise" in stderr


def test_a_template_including_itself_is_a_french_error(small_pact: Path) -> None:
    stderr = _stopped(small_pact, '{% include "report.md.j2" %}')
    assert "inclusions ou appels imbriqués sans fin" in stderr


def test_the_sandboxed_default_templates_give_the_golden_report(small_pact: Path) -> None:
    # A copy of a default partial puts the whole report in the sandbox, in the bounded child.
    default = HERE.parents[1] / "templates" / "partials" / "glossaire.html.j2"
    _template(small_pact, default.read_text(encoding="utf-8"), "partials/glossaire.html.j2")
    run = run_report(small_pact, "-f", "html")
    assert run.exit_code == 0, run
    assert run.stdout == (GOLDEN / "petit.html").read_text(encoding="utf-8")


# --- the rendering child itself -----------------------------------------------------------------


def test_the_child_returns_its_text() -> None:
    assert bounds.isolated(lambda: "Feuille de route — é\u202f€") == "Feuille de route — é\u202f€"


def test_the_child_error_comes_back_in_french() -> None:
    def fails() -> str:
        raise RenderError("modèle x : refusé", hint="conseil")

    with pytest.raises(RenderError) as caught:
        bounds.isolated(fails)
    assert str(caught.value) == "modèle x : refusé" and caught.value.hint == "conseil"


def test_the_child_cannot_write_where_the_user_reads(capfd: pytest.CaptureFixture[str]) -> None:
    def chatty() -> str:
        os.write(1, b"::error::ligne forgee\n")
        os.write(2, b"pacte : aucun probleme\n")
        return "texte"

    assert bounds.isolated(chatty) == "texte"
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_a_child_that_dies_is_an_error_not_a_short_report() -> None:
    with pytest.raises(RenderError, match="arrêté anormalement"):
        bounds.isolated(lambda: os._exit(3))


def test_a_child_stuck_without_using_cpu_is_killed_at_the_wall_clock_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bounds, "CPU_SECONDS", 1)

    def sleeps() -> str:
        time.sleep(3600)
        return ""

    with pytest.raises(RenderError, match="s de calcul : arrêté"):
        bounds.isolated(sleeps)


def test_a_lower_cpu_limit_set_by_the_caller_is_kept(small_pact: Path) -> None:
    # `ulimit -t 10` in a CI job: the child may lower the limit, never fail to raise it.
    resource = pytest.importorskip("resource")
    _template(small_pact, "{{ territoire }}\n")

    def ulimit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (15, 15))

    command = [sys.executable, "-m", "pactecli", "report", "--root", str(small_pact)]
    command += ["--as-of", "2026-06-30", "-f", "markdown"]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=60, preexec_fn=ulimit, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Haut-Val\n"
