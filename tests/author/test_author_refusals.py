"""What `init`, `new`, `fmt` and `explain` refuse, one folder per case: adding a case is adding
a folder.

`refusals/<case>/` is an overlay on the base pact of `tests/cases/base/` (its files replace or
add files at the same paths), with these special files:

- `args.txt`: the command, one argument per line, run in the pact's folder;
- `expected.txt`: `code N` (the exit code), then the exact standard error;
- `standalone.txt`: the folder is only the case's files, not the base pact.

A refusal writes nothing: every file of the folder is byte for byte the same afterwards, and
no file is added.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pacte_testing import BASE, run_pacte

REFUSALS = Path(__file__).parent / "refusals"
SPECIAL = frozenset(("args.txt", "expected.txt", "standalone.txt"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _assemble(case: Path, root: Path) -> None:
    if not (case / "standalone.txt").exists():
        shutil.copytree(BASE, root)
    root.mkdir(exist_ok=True)
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative.as_posix() in SPECIAL:
            continue
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / relative)


@pytest.mark.usefixtures("no_color")
@pytest.mark.parametrize(
    "case", sorted(p for p in REFUSALS.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_refusal(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "pacte"
    _assemble(case, root)
    before = _files(root)
    args = (case / "args.txt").read_text(encoding="utf-8").splitlines()
    run = run_pacte(*args, cwd=root)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    code, _, stderr = expected.partition("\n")
    assert (f"code {run.exit_code}", run.stderr) == (code, stderr), str(run)
    assert _files(root) == before, "une commande refusée n'écrit rien"
