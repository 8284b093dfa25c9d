"""Time `pacte export` (csv, sqlite, xlsx) and `pacte query` against `pacte validate`.

    python benchmarks/bench_export.py [--rounds 5] [--conventions 100] [--workdir DIR]
                                      [--formats csv,sqlite,xlsx] [--query-rounds 11]

Issue 10: on the large generated pact (100 conventions of 100 actions: 10 000 actions), the
export takes at most 1.5 x the time of `pacte validate` for csv, 2 x for sqlite and 3 x for
xlsx (an export validates first, so the ratio is the cost of the export machinery on top);
`pacte query` on this repository's data at most 1.5 x `pacte validate` on the same data. Each
figure is the median over pairs of export / validate, run back to back, alternating which goes
first (the machine is shared: see benchlib). Every run writes into a fresh path of a
temporary folder, so no run replaces the previous one's output.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from itertools import count
from pathlib import Path

from bench_validate import AS_OF, ensure_pact, validate_command
from benchlib import REPO, checked, machine, median_ratio, pacte_command, run

TARGETS = {"csv": 1.5, "sqlite": 2.0, "xlsx": 3.0}
QUERY_TARGET = 1.5
QUERY = (
    "SELECT convention, annee, SUM(engage) AS engage, SUM(verse) AS verse "
    "FROM financements GROUP BY convention, annee ORDER BY convention, annee"
)


def export_command(root: Path, fmt: str, output: Path) -> list[str]:
    return [
        *pacte_command(),
        "export",
        "--root",
        str(root),
        "--as-of",
        AS_OF,
        "--format",
        fmt,
        "--output",
        str(output),
    ]


def query_command(root: Path) -> list[str]:
    return [*pacte_command(), "query", "--root", str(root), "--as-of", AS_OF, "-f", "csv", QUERY]


def paired_exports(
    root: Path, fmt: str, rounds: int, scratch: Path
) -> list[tuple[float, float, int]]:
    """(validate s, export s, export peak RSS KiB) per pair, each export to a new path."""
    numbers = count()
    suffix = {"csv": "", "sqlite": ".sqlite", "xlsx": ".xlsx"}[fmt]
    pairs = []
    for index in range(rounds):
        target = scratch / f"{fmt}-{next(numbers)}{suffix}"
        first_validate = index % 2 == 0
        if first_validate:
            a = checked(validate_command(root))
            b = checked(export_command(root, fmt, target))
        else:
            b = checked(export_command(root, fmt, target))
            a = checked(validate_command(root))
        pairs.append((a.seconds, b.seconds, b.peak_rss_kib))
        print(
            f"  {fmt} {index + 1}/{rounds}: validate {a.seconds:.2f} s, export "
            f"{b.seconds:.2f} s = {b.seconds / a.seconds:.2f}",
            flush=True,
        )
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="paires par format (défaut 5)")
    parser.add_argument("--conventions", type=int, default=100, help="conventions de 100 actions")
    parser.add_argument("--formats", default="csv,sqlite,xlsx")
    parser.add_argument("--query-rounds", type=int, default=11)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Machine : {machine()}")
    root = ensure_pact(options.workdir, options.conventions, options.seed)
    failed = False
    with tempfile.TemporaryDirectory(prefix="pacte-export-") as folder:
        scratch = Path(folder)
        for fmt in options.formats.split(","):
            pairs = paired_exports(root, fmt, options.rounds, scratch)
            ratio = statistics.median(b / a for a, b, _ in pairs)
            print(
                f"{fmt} : validate {statistics.median(a for a, _, _ in pairs):.2f} s, export "
                f"{statistics.median(b for _, b, _ in pairs):.2f} s, pic mémoire "
                f"{max(m for _, _, m in pairs) / 1024:.0f} Mio, rapport médian "
                f"{ratio:.2f} (objectif <= {TARGETS[fmt]})"
            )
            failed |= ratio > TARGETS[fmt]
    query_pairs = []
    for index in range(options.query_rounds):
        commands = [validate_command(REPO), query_command(REPO)]
        if index % 2:
            commands.reverse()
        first, second = (run(c) for c in commands)
        a, b = (first, second) if index % 2 == 0 else (second, first)
        if a.returncode or b.returncode:
            sys.exit("échec de validate ou de query sur les données du dépôt")
        query_pairs.append((a, b))
    ratio = median_ratio(query_pairs)
    print(
        f"query (données du dépôt) : validate "
        f"{statistics.median(a.seconds for a, _ in query_pairs) * 1000:.0f} ms, query "
        f"{statistics.median(b.seconds for _, b in query_pairs) * 1000:.0f} ms, rapport "
        f"médian {ratio:.2f} (objectif <= {QUERY_TARGET})"
    )
    failed |= ratio > QUERY_TARGET
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
