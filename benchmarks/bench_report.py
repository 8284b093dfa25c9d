"""Time `pacte report` (HTML and Markdown) against `pacte validate` on large generated pacts.

    python benchmarks/bench_report.py [--rounds 5] [--sizes 10,30,100] [--workdir DIR]
                                      [--bac-a-sable]

Issue 3: on the large pact of the validate benchmark (100 conventions of 100 actions: 10 000
actions), `pacte report --format html` at most 2 x the time of `pacte validate`, and linear in
the number of actions. Issue 8 lowers it to 1.5 x, wants Markdown no slower than HTML and the
report's peak memory at most 1.5 x validate's. For each size, the pact is generated once
(reused afterwards, as by bench_validate.py), then validate, the HTML report and the Markdown
report run in rounds, the order rotating; each figure is the median over rounds of the
per-round ratio (time, and peak RSS of the child). Linearity: HTML report time per action at
each size, and its ratio to the smallest size.

The packaged templates render outside Jinja's sandbox (they ship with pacte); `--bac-a-sable`
times the report as a pact that overrides one partial gets it: everything in the sandbox (a
--template-dir holding a copy of the default glossary partial, so the output is the same),
rendered in the bounded child of `render/roadmap/bounds.py`; it also prints how much of the
sandbox's output limit the report uses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_validate import ACTIONS_PER_CONVENTION, AS_OF, ensure_pact, validate_command
from benchlib import REPO, Run, machine, pacte_command, rounds_of


def report_command(
    root: Path, output: Path, template_dir: Path | None = None, shape: str = "html"
) -> list[str]:
    command = [
        *pacte_command(),
        "report",
        "--root",
        str(root),
        "--as-of",
        AS_OF,
        "--format",
        shape,
        "--output",
        str(output),
    ]
    if template_dir is not None:
        command += ["--template-dir", str(template_dir)]
    return command


def sandbox_templates(scratch: Path) -> Path:
    """A template folder overriding one partial with its default copy: same output, sandbox."""
    folder = scratch / "modeles" / "partials"
    folder.mkdir(parents=True)
    default = REPO / "templates" / "partials" / "glossaire.html.j2"
    (folder / default.name).write_text(default.read_text("utf-8"), "utf-8")
    return folder.parent


def sandbox_margin(output: Path) -> str:
    """How far the sandboxed report stands from the output limit of the sandbox (the bounds of
    time and memory are reported as errors, which stop the benchmark)."""
    from pactecli.render.roadmap import bounds

    characters = len(output.read_text(encoding="utf-8"))
    limit = bounds.MAX_OUTPUT_CHARS
    return (
        f"bac à sable : {characters / 1e6:.1f} M caractères sur {limit / 1e6:.0f} M "
        f"permis ({characters / limit:.0%}), {bounds.CPU_SECONDS} s de calcul "
        f"et {bounds.MEMORY_HEADROOM // 1024**3} Gio de mémoire en plus au plus"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="paires par taille (défaut 5)")
    parser.add_argument("--sizes", default="10,30,100", help="conventions de 100 actions")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--bac-a-sable",
        dest="sandbox",
        action="store_true",
        help="modèles surchargés : tout le rendu dans le bac à sable de Jinja",
    )
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Machine : {machine()}")
    per_action: list[tuple[int, float]] = []
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="pacte-report-") as scratch:
        html = Path(scratch) / "feuille-de-route.html"
        markdown = Path(scratch) / "feuille-de-route.md"
        template_dir = sandbox_templates(Path(scratch)) if options.sandbox else None
        for conventions in (int(s) for s in options.sizes.split(",")):
            root = ensure_pact(options.workdir, conventions, options.seed)
            actions = conventions * ACTIONS_PER_CONVENTION
            rounds = rounds_of(
                [
                    validate_command(root),
                    report_command(root, html, template_dir),
                    report_command(root, markdown, template_dir, "markdown"),
                ],
                options.rounds,
                label=f"{actions} actions validate / html / markdown",
            )
            figures = _figures(rounds)
            html_seconds = statistics.median(r[1].seconds for r in rounds)
            per_action.append((actions, html_seconds / actions))
            print(
                f"{actions} actions : validate "
                f"{statistics.median(r[0].seconds for r in rounds):.2f} s, html "
                f"{html_seconds:.2f} s ({html.stat().st_size / 1e6:.1f} Mo), markdown "
                f"{statistics.median(r[2].seconds for r in rounds):.2f} s "
                f"({markdown.stat().st_size / 1e6:.1f} Mo)"
            )
            print(
                "  médianes des rapports par tour : "
                f"html/validate = {figures['html']:.2f}, markdown/validate = "
                f"{figures['markdown']:.2f}, markdown/html = {figures['markdown_html']:.2f} ; "
                f"mémoire html/validate = {figures['html_rss']:.2f}, markdown/validate = "
                f"{figures['markdown_rss']:.2f} (validate {_mib(rounds, 0)}, html "
                f"{_mib(rounds, 1)}, markdown {_mib(rounds, 2)})"
            )
            if options.sandbox:
                print(f"  {sandbox_margin(html)}")
    base = per_action[0][1]
    for actions, seconds in per_action:
        print(f"  {actions} actions : {seconds * 1e3:.3f} ms par action ({seconds / base:.2f} x)")
    met = (
        figures["html"] <= 1.5
        and figures["markdown_html"] <= 1.0
        and max(figures["html_rss"], figures["markdown_rss"]) <= 1.5
    )
    print(
        f"Grand pacte : html/validate = {figures['html']:.2f} (objectif <= 1,5), markdown/html "
        f"= {figures['markdown_html']:.2f} (objectif <= 1), mémoire au plus "
        f"{max(figures['html_rss'], figures['markdown_rss']):.2f} x validate (objectif <= 1,5)"
    )
    sys.exit(0 if met else 1)


def _figures(rounds: list[list[Run]]) -> dict[str, float]:
    """Medians of the per-round ratios: time and peak RSS of each report against validate."""

    def median(ratio: Callable[[list[Run]], float]) -> float:
        return statistics.median(ratio(r) for r in rounds)

    return {
        "html": median(lambda r: r[1].seconds / r[0].seconds),
        "markdown": median(lambda r: r[2].seconds / r[0].seconds),
        "markdown_html": median(lambda r: r[2].seconds / r[1].seconds),
        "html_rss": median(lambda r: r[1].peak_rss_kib / r[0].peak_rss_kib),
        "markdown_rss": median(lambda r: r[2].peak_rss_kib / r[0].peak_rss_kib),
    }


def _mib(rounds: list[list[Run]], position: int) -> str:
    return f"{statistics.median(r[position].peak_rss_kib for r in rounds) / 1024:.0f} Mio"


if __name__ == "__main__":
    main()
