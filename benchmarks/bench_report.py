"""Time `pacte report --format html` against `pacte validate` on large generated pacts.

    python benchmarks/bench_report.py [--rounds 5] [--sizes 10,30,100] [--workdir DIR]
                                      [--bac-a-sable]

Issue 3: on the large pact of the validate benchmark (100 conventions of 100 actions: 10 000
actions), `pacte report --format html` at most 2 x the time of `pacte validate`, and linear in
the number of actions. For each size, the pact is generated once (reused afterwards, as by
bench_validate.py), then validate and report run as pairs, alternating which goes first; the
figure is the median over pairs of report / validate. Linearity: report time per action at
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
from pathlib import Path

from bench_validate import ACTIONS_PER_CONVENTION, AS_OF, ensure_pact, validate_command
from benchlib import REPO, machine, median_ratio, pacte_command, paired


def report_command(root: Path, output: Path, template_dir: Path | None = None) -> list[str]:
    command = [
        *pacte_command(),
        "report",
        "--root",
        str(root),
        "--as-of",
        AS_OF,
        "--format",
        "html",
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
    ratio = 0.0
    with tempfile.TemporaryDirectory(prefix="pacte-report-") as scratch:
        output = Path(scratch) / "feuille-de-route.html"
        template_dir = sandbox_templates(Path(scratch)) if options.sandbox else None
        for conventions in (int(s) for s in options.sizes.split(",")):
            root = ensure_pact(options.workdir, conventions, options.seed)
            actions = conventions * ACTIONS_PER_CONVENTION
            pairs = paired(
                validate_command(root),
                report_command(root, output, template_dir),
                options.rounds,
                label=f"{actions} actions validate/report",
            )
            ratio = median_ratio(pairs)
            report_seconds = statistics.median(b.seconds for _, b in pairs)
            validate_seconds = statistics.median(a.seconds for a, _ in pairs)
            per_action.append((actions, report_seconds / actions))
            print(
                f"{actions} actions : validate {validate_seconds:.2f} s, report html "
                f"{report_seconds:.2f} s ({output.stat().st_size / 1e6:.1f} Mo), "
                f"rapport médian report/validate = {ratio:.2f}"
            )
            if options.sandbox:
                print(f"  {sandbox_margin(output)}")
    base = per_action[0][1]
    for actions, seconds in per_action:
        print(f"  {actions} actions : {seconds * 1e3:.3f} ms par action ({seconds / base:.2f} x)")
    target = 2.0
    print(f"Grand pacte : report/validate = {ratio:.2f} (objectif <= {target})")
    sys.exit(0 if ratio <= target else 1)


if __name__ == "__main__":
    main()
