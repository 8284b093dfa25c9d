"""Time `pacte bilan 2025` (HTML and workbook) against `pacte validate` on a generated pact.

    python benchmarks/bench_bilan.py [--rounds 5] [--conventions 100] [--workdir DIR]

Issue 9: on 10 000 actions, `pacte bilan` html at most 2 x `pacte validate`, xlsx at most
3 x. The generated pact (outside git: the changes of the year come from the files) is reused
from the validate benchmark; validate and each bilan run as pairs, alternating which goes
first; the figures are the medians over pairs of bilan / validate.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bench_validate import ACTIONS_PER_CONVENTION, AS_OF, ensure_pact, validate_command
from benchlib import machine, median_ratio, pacte_command, paired

TARGETS = {"html": 2.0, "xlsx": 3.0}


def bilan_command(root: Path, fmt: str, output: Path) -> list[str]:
    return [
        *pacte_command(),
        "bilan",
        "2025",
        "--root",
        str(root),
        "--as-of",
        AS_OF,
        "--format",
        fmt,
        "--output",
        str(output),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--conventions", type=int, default=100)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    root = ensure_pact(options.workdir, options.conventions, options.seed)
    print(f"Machine : {machine()}")
    print(f"Pacte : {options.conventions * ACTIONS_PER_CONVENTION} actions")
    missed = []
    with tempfile.TemporaryDirectory(prefix="pacte-bilan-") as scratch:
        for fmt, target in TARGETS.items():
            output = Path(scratch) / f"bilan.{fmt}"
            pairs = paired(
                validate_command(root),
                bilan_command(root, fmt, output),
                options.rounds,
                label=f"validate/bilan {fmt}",
            )
            ratio = median_ratio(pairs)
            bilan_seconds = statistics.median(b.seconds for _, b in pairs)
            validate_seconds = statistics.median(a.seconds for a, _ in pairs)
            print(
                f"bilan {fmt} : {bilan_seconds:.2f} s ({output.stat().st_size / 1e6:.1f} Mo), "
                f"validate {validate_seconds:.2f} s, rapport médian = {ratio:.2f} "
                f"(objectif <= {target})"
            )
            if ratio > target:
                missed.append(fmt)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
