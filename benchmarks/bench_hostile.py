"""Inputs built to be slow cost about what a clean pact costs (issue 7, « cost bounded »).

    python benchmarks/bench_hostile.py [--rounds 3] [--conventions 100] [--workdir DIR]

Two copies of the generated pact (`generate_pact.py`, 10 000 actions by default) are made:
- `references`: 1 000 actions whose `objectif` names something far from every id (a random
  12-letter word), so that each « vouliez-vous dire » search finds nothing close;
- `doublons`: one partner file, under 1 MiB, holding 40 000 copies of the same key.
Each runs paired with `pacte validate` of the clean pact, alternating which goes first; the
figures are the medians over pairs of hostile / clean (target: about 2 at most). Both copies
exit 1 (their errors are the point).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import string
import sys
from pathlib import Path

from bench_validate import ACTIONS_PER_CONVENTION, AS_OF, ensure_pact
from benchlib import machine, median_ratio, pacte_command, paired

UNKNOWN_REFERENCES = 1000
DUPLICATE_KEYS = 40_000
TARGET = 2.0


def validate(root: Path) -> list[str]:
    return [*pacte_command(), "validate", "--root", str(root), "--as-of", AS_OF]


def with_unknown_references(source: Path, target: Path, seed: int) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    rng = random.Random(seed)
    actions = sorted((target / "data" / "conventions").glob("*/actions/*.yaml"))
    for path in rng.sample(actions, UNKNOWN_REFERENCES):
        far = "".join(rng.choice(string.ascii_lowercase) for _ in range(12))
        lines = path.read_text("utf-8").split("\n")
        lines = [f"objectif: {far}" if line.startswith("objectif:") else line for line in lines]
        path.write_text("\n".join(lines), "utf-8")
    return target


def with_duplicate_keys(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    partner = min((target / "data" / "partners").glob("*.yaml"))
    text = partner.read_text("utf-8") + "note: x\n" * DUPLICATE_KEYS
    assert len(text.encode()) < 1024 * 1024, "the file must stay under the 1 MiB limit"
    partner.write_text(text, "utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--conventions", type=int, default=100)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    clean = ensure_pact(options.workdir, options.conventions, options.seed)
    print(f"machine : {machine()}")
    print(f"pacte : {options.conventions * ACTIONS_PER_CONVENTION} actions")
    cases = {
        f"{UNKNOWN_REFERENCES} références inconnues": with_unknown_references(
            clean, options.workdir / "hostile-references", options.seed
        ),
        f"{DUPLICATE_KEYS} clés en double": with_duplicate_keys(
            clean, options.workdir / "hostile-doublons"
        ),
    }
    missed = []
    for name, root in cases.items():
        pairs = paired(validate(clean), validate(root), options.rounds, name, ok=(0, 1))
        ratio = median_ratio(pairs)
        hostile = statistics.median(b.seconds for _, b in pairs)
        normal = statistics.median(a.seconds for a, _ in pairs)
        print(f"{name} : {hostile:.2f} s contre {normal:.2f} s sans, rapport médian {ratio:.2f}")
        if ratio > TARGET:
            missed.append(name)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
