"""Start-up cost of `pacte validate` on this repository's own (small) pact.

    python benchmarks/bench_startup.py [--rounds 21] [--root /work/main]

Paired runs of `python -c "import typer, yaml, jsonschema"` (the baseline of issue 2: the
libraries any such tool imports) and `pacte validate --root ROOT --as-of 2026-11-27`,
alternating which goes first; reports the median over pairs of pacte / baseline (target
<= 1.1). Then one `-X importtime` run of each to list what pacte imports beyond the baseline,
by package and self time, and flags the modules the validate path of a clean pact should never
import (python-jsonschema, rich, jinja2, babel, pydantic, the report and diff machinery).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from benchlib import ENVIRONMENT, REPO, machine, median_ratio, pacte_command, paired

AS_OF = "2026-11-27"
BASELINE = [sys.executable, "-c", "import typer, yaml, jsonschema"]
# Not needed to validate a clean pact: imported there, they are start-up paid for nothing.
UNWANTED = (
    "jsonschema",
    "rich",
    "jinja2",
    "babel",
    "pydantic",
    "pactecli.check.schema_messages",
    "pactecli.suggest",
    "pactecli.formatting",
    "pactecli.diff.compare",
    "pactecli.load.git",
    "pactecli.report.figures",
    "pactecli.report.context",
    "pactecli.render.roadmap",
    "pactecli.render.problems.json",
)


# `pacte validate` with only the validate command registered: what the real command costs
# once every other command imports its machinery lazily (inside its function).
VALIDATE_ONLY = """
import sys, typer
from pactecli.cli.validate import validate
app = typer.Typer(name="pacte", pretty_exceptions_enable=False, rich_markup_mode=None)
app.command("validate")(validate)
app.callback()(lambda: None)
sys.argv[0] = "pacte"
app()
"""


def imports(command: list[str]) -> dict[str, tuple[int, int]]:
    """Module -> (self µs, cumulative µs) of one run under -X importtime."""
    environment = {**ENVIRONMENT, "PYTHONPROFILEIMPORTTIME": "1"}
    completed = subprocess.run(
        command, env=environment, capture_output=True, text=True, check=False
    )
    found = {}
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        found[name.strip()] = (int(own), int(cumulative))
    return found


def report_imports(pacte: list[str]) -> None:
    baseline = imports(BASELINE)
    mine = imports(pacte)
    extra = {name: times for name, times in mine.items() if name not in baseline}
    by_package: dict[str, int] = defaultdict(int)
    for name, (own, _) in extra.items():
        top = name.split(".")[0]
        key = ".".join(name.split(".")[:2]) if top == "pactecli" else top
        by_package[key] += own
    total_extra = sum(by_package.values())
    print(
        f"\nimports : référence {sum(o for o, _ in baseline.values()) / 1e3:.1f} ms "
        f"({len(baseline)} modules) ; pacte {sum(o for o, _ in mine.values()) / 1e3:.1f} ms "
        f"({len(mine)} modules), dont {total_extra / 1e3:.1f} ms dans {len(extra)} modules "
        "absents de la référence :"
    )
    for key, own in sorted(by_package.items(), key=lambda item: -item[1])[:20]:
        print(f"  {own / 1e3:6.1f} ms  {key}")
    skipped = [name for name in ("jsonschema",) if name in baseline and name not in mine]
    if skipped:
        print(f"(importés par la référence mais pas par pacte : {', '.join(skipped)})")
    unwanted = sorted(
        name for name in mine if any(name == u or name.startswith(u + ".") for u in UNWANTED)
    )
    if unwanted:
        print("\nDÉFAUT : importés sans nécessité sur le chemin de validate d'un pacte sain :")
        for name in unwanted:
            print(f"  {name} ({mine[name][1] / 1e3:.1f} ms cumulés)")
    else:
        print("\naucun module inutile importé (" + ", ".join(UNWANTED[:5]) + ", …)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument(
        "--validate-only-rounds",
        type=int,
        default=21,
        help="paires référence / application réduite à validate (0 : ne pas mesurer)",
    )
    args = parser.parse_args(argv)
    pacte = [*pacte_command(), "validate", "--root", str(args.root), "--as-of", AS_OF]
    print(f"machine : {machine()}")
    print(f"référence : {' '.join(BASELINE)}\npacte : {' '.join(pacte)}")
    for _ in range(2):  # warm the page cache and the bytecode caches
        paired(BASELINE, pacte, 1)
    pairs = paired(BASELINE, pacte, args.rounds)
    ratio = median_ratio(pairs)
    base_s = sorted(a.seconds for a, _ in pairs)[len(pairs) // 2]
    pacte_s = sorted(b.seconds for _, b in pairs)[len(pairs) // 2]
    rss = max(b.peak_rss_kib for _, b in pairs) / 1024
    print(
        f"\n{args.rounds} paires : référence {base_s * 1e3:.0f} ms, pacte {pacte_s * 1e3:.0f} ms "
        f"(médianes) ; pacte / référence, médiane des paires : {ratio:.3f} "
        f"(objectif <= 1.1 : {'atteint' if ratio <= 1.1 else 'manqué'}) ; RSS max pacte "
        f"{rss:.0f} Mio"
    )
    report_imports(pacte)
    if args.validate_only_rounds:
        alone = [sys.executable, "-c", VALIDATE_ONLY, *pacte[-5:]]
        pairs = paired(BASELINE, alone, args.validate_only_rounds)
        print(
            f"\nvalidate seule (les autres commandes non importées), {len(pairs)} paires : "
            f"{median_ratio(pairs):.3f} × la référence"
        )


if __name__ == "__main__":
    main()
