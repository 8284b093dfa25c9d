"""Both reading paths on a large scale (issue 13): same `pacte validate` output, same data.

    python benchmarks/equivalence.py [--conventions 100] [--broken 300] [--examples 20000]

1. The generated pact (`--conventions` x 100 actions, reused from bench_validate's work folder)
   is validated in-process twice, every record read by libyaml alone, then by the fast path
   where it can; the text and JSON outputs are compared byte for byte, every record's data too
   (`repr`, so that 1, 1.0, True and "1" differ), and the records the fast path took are counted.
2. The same on a copy where `--broken` records are damaged (test_fuzz_loader's insertions:
   tabs, anchors, tags, duplicate keys, stray quotes...), so that the outputs hold diagnostics.
3. `--examples` records of each fuzzing strategy of the tests (test_fuzz_loader's CONTENTS,
   test_reading_paths' DUMPED and PLAIN_DUMPED) are read both ways and compared.

Exit 1 on any difference. Timings are informative only (one in-process run each).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from bench_validate import AS_OF, ensure_pact
from benchlib import REPO, machine

sys.path.insert(0, str(REPO / "tests"))

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_reading_paths as paths
from pactecli.check.validation import validate
from pactecli.layout import Kind
from pactecli.load import fastpath
from pactecli.load.sources import FolderSnapshot, Source, collect
from pactecli.render.problems import render
from test_fuzz_loader import CONTENTS, INSERTS

FORMATS = ("text", "json")
BOM = b"\xef\xbb\xbf"


def outputs(root: Path, path: fastpath.ReadingPath) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    with fastpath.reading_path(path):
        result = validate(FolderSnapshot(root), dt.date.fromisoformat(AS_OF))
    seconds = time.perf_counter() - started
    return {name: render(name, result, color=False, root=root) for name in FORMATS}, seconds


def compare_pact(label: str, root: Path) -> bool:
    strict, strict_s = outputs(root, "strict")
    fast, fast_s = outputs(root, "fast")
    same_output = strict == fast
    sources = collect(FolderSnapshot(root)).sources
    differing = [s.path for s in sources if paths._read(s, "fast") != paths._read(s, "strict")]
    taken = sum(fastpath.read(s.content.removeprefix(BOM)) is not fastpath.UNSURE for s in sources)
    problems = strict["text"].splitlines()[-1]
    verdict = "identiques" if same_output else "DIFFÉRENTES"
    print(
        f"| {label} | {len(sources)} | {problems} | {verdict} "
        f"| {len(differing)} | {taken} ({100 * taken / len(sources):.1f} %) "
        f"| {strict_s:.2f} s | {fast_s:.2f} s |",
        flush=True,
    )
    for path in differing[:5]:
        print(f"  données différentes : {path}")
    return same_output and not differing


def broken_copy(root: Path, target: Path, count: int, seed: int) -> Path:
    """A copy of the pact with `count` records damaged by one insertion each, deterministic."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root, target)
    chooser = random.Random(seed)
    records = sorted(target.rglob("*.yaml"))
    for path in chooser.sample(records, min(count, len(records))):
        content = path.read_bytes()
        at = chooser.randrange(len(content) + 1)
        path.write_bytes(content[:at] + chooser.choice(INSERTS) + content[at:])
    return target


def compare_fuzzed(name: str, strategy: st.SearchStrategy[bytes], examples: int) -> bool:
    counts: Counter[str] = Counter()
    differing: list[bytes] = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(content=strategy)
    def one(content: bytes) -> None:
        counts["exemples"] += 1
        if fastpath.read(content.removeprefix(BOM)) is not fastpath.UNSURE:
            counts["voie rapide"] += 1
        source = Source("data/partners/msa.yaml", Kind.PARTNER, content)
        if paths._read(source, "fast") != paths._read(source, "strict"):
            differing.append(content)

    started = time.perf_counter()
    one()
    print(
        f"| {name} | {counts['exemples']} | {counts['voie rapide']} | {len(differing)} "
        f"| {time.perf_counter() - started:.0f} s |",
        flush=True,
    )
    for content in differing[:5]:
        print(f"  différence : {content[:200]!r}")
    return not differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conventions", type=int, default=100)
    parser.add_argument("--broken", type=int, default=300, help="enregistrements abîmés")
    parser.add_argument("--examples", type=int, default=20000, help="par stratégie")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine : {machine()}")
    root = ensure_pact(args.workdir, args.conventions, args.seed)
    broken = broken_copy(root, args.workdir / f"{root.name}-abime", args.broken, args.seed)
    ok = True
    print(
        "\n| pacte | fichiers | résultat | sorties texte et JSON | enregistrements aux données "
        "différentes | lus par la voie rapide | libyaml seul | voie rapide |"
    )
    print("|---|---:|---|---|---:|---:|---:|---:|")
    ok &= compare_pact(f"généré ({args.conventions * 100} actions)", root)
    ok &= compare_pact(f"généré, {args.broken} enregistrements abîmés", broken)
    print("\n| stratégie | exemples | lus par la voie rapide | différences | durée |")
    print("|---|---:|---:|---:|---:|")
    for name, strategy in (
        ("test_fuzz_loader.CONTENTS", CONTENTS),
        ("test_reading_paths.DUMPED", paths.DUMPED),
        ("test_reading_paths.PLAIN_DUMPED", paths.PLAIN_DUMPED),
    ):
        ok &= compare_fuzzed(name, strategy, args.examples)
    print("\naucune différence" if ok else "\nDIFFÉRENCES TROUVÉES")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
