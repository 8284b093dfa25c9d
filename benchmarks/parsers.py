"""Candidate fast YAML parsers for issue 13: speed, exactness and safety, side by side.

    python benchmarks/parsers.py [--conventions 100] [--rounds 3]

Candidates are those installed beside this interpreter (none is needed but yaml-rs):
`pip install rapidyaml fastyaml-rs pyyaml-rs`. For each: the time to turn every record of the
generated pact into Python data (median of `--rounds`, in-process, cycle collector off, the
parsers alternating), the records whose data differ from pacte's libyaml path once integer keys
are written as text, the scalars of a fixed list that they read otherwise than pacte, and what
they do with hostile nesting (300 000 nested sequences, in a child process with a time limit).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_validate import ensure_pact
from benchlib import ENVIRONMENT, machine
from pactecli.load import documents, fastpath
from pactecli.load.sources import FolderSnapshot, collect

SCALARS = (
    *("1", "-1", "007", "+4", "4e3", "1E3", "0x10", "0o7", "0b1", ".5", "-.5", "5.", "-0", "1_000"),
    *(
        "1.234567890123456789",
        "12345678901234567890",
        ".inf",
        "-.inf",
        ".nan",
        ".NaN",
        "inf",
        "nan",
    ),
    *("~", "null", "Null", "NULL", "", "true", "True", "TRUE", "false", "False", "yes", "no", "on"),
    *("2024-05-01", "2024-05-01T10:00:00Z", "12:30:00", "12 000", "1,5"),
)


def _ryml(text: str) -> Any:
    import ryml

    return json.loads(ryml.emit_json(ryml.parse_in_arena(text.encode("utf-8"))))


def _yaml_rs(text: str) -> Any:
    import yaml_rs

    return yaml_rs.loads(
        text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error
    )


def _fast_yaml(text: str) -> Any:
    import fast_yaml

    return fast_yaml.safe_load(text)


def _pyyaml_rs(text: str) -> Any:
    import pyyaml_rs

    return pyyaml_rs.safe_load(text)


CANDIDATES: dict[str, tuple[str, Callable[[str], Any]]] = {
    "yaml-rs": ("yaml_rs", _yaml_rs),
    "rapidyaml (JSON)": ("ryml", _ryml),
    "fastyaml-rs": ("fast_yaml", _fast_yaml),
    "pyyaml-rs": ("pyyaml_rs", _pyyaml_rs),
}
PACTE = "pacte, libyaml seul"
HOSTILE = (
    "import sys; sys.path[:0] = {path!r}; from parsers import CANDIDATES; "
    "CANDIDATES[{name!r}][1]('- ' * 300_000 + 'x')"
)


def installed(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def text_keys(value: Any) -> Any:
    if type(value) is dict:
        return {str(key) if type(key) is int else key: text_keys(v) for key, v in value.items()}
    if type(value) is list:
        return [text_keys(item) for item in value]
    return value


def pacte_scalar(text: str) -> Any:
    return documents.resolve_plain(text)


def hostile_nesting(name: str) -> str:
    command = [sys.executable, "-c", HOSTILE.format(path=sys.path[:1], name=name)]
    try:
        completed = subprocess.run(command, env=ENVIRONMENT, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return "plus de 30 s (arrêté)"
    if completed.returncode < 0:
        return f"plantage (signal {-completed.returncode})"
    return "erreur levée" if completed.returncode else "lu"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conventions", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    print(f"machine : {machine()}")
    root = ensure_pact(args.workdir, args.conventions, args.seed)
    sources = collect(FolderSnapshot(root)).sources
    texts = [source.content.decode("utf-8") for source in sources]
    with fastpath.reading_path("strict"):
        reference = [documents.load(source)[0] for source in sources]
    expected = [repr(document.data) if document else None for document in reference]
    present = {name: f for name, (module, f) in CANDIDATES.items() if installed(module)}

    def read_all(name: str) -> None:
        if name == PACTE:
            for source in sources:
                documents.load(source)
        else:
            for text in texts:
                present[name](text)

    timings: dict[str, list[float]] = {name: [] for name in [PACTE, *present]}
    gc.disable()
    with fastpath.reading_path("strict"):
        for _ in range(args.rounds):
            for name in timings:
                started = time.perf_counter()
                read_all(name)
                timings[name].append(time.perf_counter() - started)
    gc.enable()

    print(f"\n{len(sources)} fichiers, {sum(map(len, texts)) / 1e6:.1f} Mo de texte\n")
    print(
        "| analyseur | vers données Python | × pacte | fichiers aux données différentes "
        "| scalaires lus autrement | imbrication hostile |"
    )
    print("|---|---:|---:|---:|---:|---|")
    base = statistics.median(timings[PACTE])
    print(f"| {PACTE} | {base:.2f} s | 1.00 | 0 | 0 | refusée (64 niveaux) |")
    for name, read in present.items():
        seconds = statistics.median(timings[name])
        differing = 0
        for text, want in zip(texts, expected, strict=True):
            try:
                got = repr(text_keys(read(text)))
            except Exception:
                got = None
            differing += got != want
        odd = 0
        for scalar in SCALARS:
            try:
                value = read(f"k: {scalar}\n")["k"]
            except Exception:
                value = "erreur"
            wanted = pacte_scalar(scalar)
            odd += type(value) is not type(wanted) or value != wanted
        print(
            f"| {name} | {seconds:.2f} s | {seconds / base:.2f} | {differing} "
            f"| {odd} sur {len(SCALARS)} | {hostile_nesting(name)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
