"""Time `pacte list` and `pacte show` against `pacte validate` on a large generated pact.

    python benchmarks/bench_list.py [--rounds 3] [--conventions 100] [--workdir DIR]

Both commands validate the pact first (the same checks as `pacte validate`), then compute the
report's figures: `list` on the whole pact, `show` on the record's convention only (an action,
a convention) or on the whole pact (a partner, whose share of every convention is shown). For
each command, validate and it run as pairs, alternating which goes first; the figure is the
median over pairs of command / validate (issue 11 sets no target: the figures are printed).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench_validate import ACTIONS_PER_CONVENTION, AS_OF, ensure_pact, validate_command
from benchlib import machine, median_ratio, pacte_command, paired


def first_ids(root: Path) -> dict[str, str]:
    """An action, a partner and a convention of the generated pact (the first of each)."""
    convention = sorted((root / "data" / "conventions").iterdir())[0]
    action = sorted((convention / "actions").glob("*.yaml"))[0]
    partner = sorted((root / "data" / "partners").glob("*.yaml"))[0]
    return {"action": action.stem, "partenaire": partner.stem, "convention": convention.name}


def commands(root: Path) -> dict[str, list[str]]:
    base = [*pacte_command()]
    tail = ["--root", str(root), "--as-of", AS_OF]
    found = {
        f"list {kind}": [*base, "list", kind, *tail]
        for kind in ("actions", "partenaires", "conventions")
    }
    for kind, record in first_ids(root).items():
        found[f"show {kind} {record}"] = [*base, "show", record, "--type", kind, *tail]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="paires par commande (défaut 3)")
    parser.add_argument("--conventions", type=int, default=100, help="de 100 actions (défaut 100)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Machine : {machine()}")
    root = ensure_pact(options.workdir, options.conventions, options.seed)
    actions = options.conventions * ACTIONS_PER_CONVENTION
    results = []
    for label, command in commands(root).items():
        pairs = paired(validate_command(root), command, options.rounds, label=label)
        validate_seconds = statistics.median(a.seconds for a, _ in pairs)
        seconds = statistics.median(b.seconds for _, b in pairs)
        peak = max(b.peak_rss_kib for _, b in pairs) / 1024
        results.append((label, validate_seconds, seconds, median_ratio(pairs), peak))
    print(f"\n{actions} actions ({options.rounds} paires par commande, médianes) :")
    for label, validate_seconds, seconds, ratio, peak in results:
        print(
            f"  {label:<40} {seconds:6.2f} s  (validate {validate_seconds:5.2f} s)  "
            f"rapport {ratio:.2f}  mémoire {peak:.0f} Mio"
        )


if __name__ == "__main__":
    main()
