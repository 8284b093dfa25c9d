"""The benchmark's pact generator writes a pact that `pacte validate` and the floor accept.

A smoke test on a tiny pact (2 conventions x 3 actions); no timing here (see benchmarks/).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from pactecli.check.validation import validate
from pactecli.load.sources import FolderSnapshot

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
AS_OF = dt.date(2026, 11, 27)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _generate(target: Path, *arguments: str) -> None:
    _module("generate_pact").main([str(target), *arguments])


def test_small_generated_pact_is_valid_without_warning(tmp_path: Path) -> None:
    _generate(tmp_path, "--conventions", "2", "--actions-per-convention", "3")

    result = validate(FolderSnapshot(tmp_path), AS_OF)

    assert [d.location.short() + " " + d.message for d in result.diagnostics] == []
    actions = sorted(tmp_path.glob("data/conventions/*/actions/*.yaml"))
    assert len(actions) == 6
    assert result.file_count == len(list(tmp_path.rglob("*.yaml")))
    cls = (tmp_path / "data/conventions/cls-001-2024-2027/convention.yaml").read_text("utf-8")
    assert "cofinancement:" in cls and "plafonds:" in cls


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for target, seed in ((first, "7"), (second, "7"), (other, "8")):
        _generate(target, "--conventions", "2", "--actions-per-convention", "3", "--seed", seed)

    def contents(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")}

    assert contents(first) == contents(second)
    assert contents(first) != contents(other)


def test_floor_accepts_the_generated_pact(tmp_path: Path) -> None:
    _generate(tmp_path, "--conventions", "1", "--actions-per-convention", "2")

    assert _module("floor").main([str(tmp_path)]) == 0
