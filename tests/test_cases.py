"""Acceptance tests driven by folders: adding a case is adding a folder.

`tests/cases/valid/<case>/` and `tests/cases/invalid/<case>/` are overlays on the base pact of
`tests/cases/base/`: their files replace or add files at the same relative paths. Special files:

- `expected.txt`: the exact output of `pacte validate --as-of 2026-11-27` (NO_COLOR set), each
  line cut before its fix hint (` — aide : …`) unless the file shows hints (then lines are
  compared whole), summary line included. The exit code follows from it: 1 when a line reports
  an `erreur`, else 0 (`args.txt` may add `--strict`).
- `delete.txt`: base files to remove, one per line.
- `standalone.txt`: the case is a whole pact, the base is not used.
- `args.txt`: extra options, one per line.
- `setup.txt`: what cannot be committed, one directive per line:
  `lien PATH CIBLE` (a symbolic link; CIBLE `@dehors` is a file outside the pact),
  `gros PATH OCTETS` (a record of that many bytes), `tube PATH` (a FIFO nobody writes to)
  and `depot-git` (a `.git/config` holding a CI token, at the pact root).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pacte_testing import AS_OF, BASE, CASES, run_pacte
from pactecli.render.problems.text import HINT_SEPARATOR as HINT

SPECIAL = frozenset(("expected.txt", "delete.txt", "standalone.txt", "args.txt", "setup.txt"))


def _case_folders(group: str) -> list[Path]:
    return sorted(p for p in (CASES / group).iterdir() if p.is_dir())


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _assemble(case: Path, dest: Path) -> Path:
    root = dest / "pacte"
    if not (case / "standalone.txt").exists():
        shutil.copytree(BASE, root)
    root.mkdir(exist_ok=True)
    for name in _lines(case / "delete.txt"):
        (root / name).unlink()
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative.as_posix() in SPECIAL:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for directive in _lines(case / "setup.txt"):
        _setup(root, dest, directive.split())
    return root


def _setup(root: Path, dest: Path, words: list[str]) -> None:
    action, path = words[0], root / (words[1] if len(words) > 1 else ".")
    path.parent.mkdir(parents=True, exist_ok=True)
    if action == "lien":
        target = words[2]
        if target == "@dehors":
            outside = dest / "secret.yaml"
            outside.write_text("id: secret\nmot_de_passe: ne-doit-pas-sortir\n", "utf-8")
            target = str(outside)
        path.symlink_to(target)
    elif action == "tube":
        os.mkfifo(path)
    elif action == "depot-git":
        (root / ".git").mkdir(exist_ok=True)
        (root / ".git" / "config").write_text(
            '[http]\n\textraheader = "AUTHORIZATION: basic jeton-de-ci"\n', "utf-8"
        )
    elif action == "gros":
        size = int(words[2])
        head = b"id: gros\nnom: Gros fichier\n"
        path.write_bytes(head + b"# " + b"x" * (size - len(head) - 3) + b"\n")
    else:
        raise AssertionError(f"directive inconnue dans setup.txt : {words}")


def _expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def _run(case: Path, tmp_path: Path, hints: bool = False) -> tuple[int, list[str], str]:
    root = _assemble(case, tmp_path)
    run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF, *_lines(case / "args.txt"))
    shown = [line if hints else line.split(HINT)[0] for line in run.stdout.splitlines()]
    return run.exit_code, shown, str(run)


def _compare(case: Path, tmp_path: Path) -> tuple[int, list[str]]:
    expected = _expected(case)
    code, shown, raw = _run(case, tmp_path, hints=any(HINT in x for x in expected))
    assert shown == expected, (
        f"\ncas {case.relative_to(CASES)} : sortie obtenue\n{raw}\n--- attendue\n"
        + "\n".join(expected)
    )
    return code, shown


@pytest.mark.usefixtures("no_color")
@pytest.mark.parametrize("case", _case_folders("valid"), ids=lambda p: p.name)
def test_valid_case(case: Path, tmp_path: Path) -> None:
    code, shown = _compare(case, tmp_path)
    assert not any(" erreur [" in line for line in shown)
    assert code == 0


@pytest.mark.usefixtures("no_color")
@pytest.mark.parametrize("case", _case_folders("invalid"), ids=lambda p: p.name)
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    code, shown = _compare(case, tmp_path)
    assert len(shown) >= 2, "un cas invalide rapporte au moins un problème"
    assert code == 1


def test_base_pact_is_valid(tmp_path: Path) -> None:
    root = tmp_path / "pacte"
    shutil.copytree(BASE, root)
    run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF)
    assert run.stdout == "Aucun problème dans 9 fichiers.\n", str(run)
    assert run.exit_code == 0


def test_every_code_has_an_invalid_case() -> None:
    from pactecli.check.rules import catalogue

    shown = "\n".join(
        (case / "expected.txt").read_text(encoding="utf-8") for case in _case_folders("invalid")
    )
    assert [info.code for info in catalogue() if f" [{info.code}] " not in shown] == []
