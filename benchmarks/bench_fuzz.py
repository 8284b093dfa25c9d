"""Thousands of hostile pacts through every output of every command: how many break?

    python benchmarks/bench_fuzz.py [--cases 5000] [--seed 2026]

Each case is `tests/fuzz_pipeline.mutate` (the execution-complete test pact with hostile
texts, amounts, dates, nesting or garbage files), run through validate (every format), report
(terminal, Markdown, HTML), bilan (Markdown, HTML, workbook), diff against the unchanged pact
(text, Markdown, JSON) and export (JSON, workbook), then `fuzz_pipeline.check`. An exception
is an internal error (exit 3 for a user); a failed check is an output a user must never see.
Both must be zero. Templates are compiled once for the whole run (a command compiles them once
per process): the figure is about robustness, the time is printed for information.
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from fuzz_pipeline import FILES, MemorySnapshot, check, mutate, run  # noqa: E402
from pactecli.check.validation import validate  # noqa: E402
from pactecli.render.roadmap import templating  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    templating.environment = functools.lru_cache(maxsize=None)(templating.environment)  # type: ignore[assignment]
    base = validate(MemorySnapshot(FILES), run.__globals__["AS_OF"])
    rng = random.Random(options.seed)
    crashes: Counter[str] = Counter()
    forged: Counter[str] = Counter()
    started = time.perf_counter()
    for index in range(options.cases):
        case = mutate(random.Random(rng.getrandbits(64)))
        try:
            outputs = run(case.files, base)
        except Exception as error:  # what a user would see as an internal error
            crashes[f"{type(error).__name__}: {str(error)[:80]}"] += 1
            if crashes.total() <= 3:
                traceback.print_exc()
                print("  cas :", case.what)
            continue
        try:
            check(outputs)
        except AssertionError as error:
            forged[str(error)[:100]] += 1
            if forged.total() <= 3:
                print("sortie fautive :", error, case.what)
        if (index + 1) % 500 == 0:
            print(f"  {index + 1} cas, {time.perf_counter() - started:.0f} s", flush=True)
    elapsed = time.perf_counter() - started
    print(
        f"{options.cases} cas en {elapsed:.0f} s ({elapsed / options.cases * 1000:.0f} ms par cas)"
    )
    print(f"erreurs internes : {crashes.total()} ; sorties fautives : {forged.total()}")
    for message, count in (crashes + forged).most_common(10):
        print(f"  {count} × {message}")
    sys.exit(1 if crashes or forged else 0)


if __name__ == "__main__":
    main()
