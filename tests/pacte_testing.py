"""Helpers shared by the tests of `pacte validate`: build small pacts, run the CLI in-process.

A test pact is the base pact of `tests/cases/base/` with some files replaced, added or deleted,
copied into a temporary folder. The CLI runs through `pactecli.cli.app.main`, the same boundary
a user goes through (exit codes, French errors on stderr, no traceback).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pactecli.check.validation import Validation, validate
from pactecli.cli.app import main
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.load.sources import Entry, FolderSnapshot

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
BASE = CASES / "base"
AS_OF = "2026-11-27"
AS_OF_DATE = dt.date(2026, 11, 27)


class MemorySnapshot:
    """A pact held in memory: the Snapshot protocol without a disk."""

    label = "instantané en mémoire"

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def entries(self) -> Iterator[Entry]:
        for path, content in self.files.items():
            yield Entry(path, len(content))

    def read(self, path: str) -> bytes:
        return self.files[path]


def make_pact(
    dest: Path,
    files: Mapping[str, str | bytes] | None = None,
    delete: Sequence[str] = (),
    base: Path | None = BASE,
) -> Path:
    """Copy the base pact into `dest`, then write `files` (relative paths) and remove `delete`."""
    dest.mkdir(parents=True, exist_ok=True)
    if base is not None:
        shutil.copytree(base, dest, dirs_exist_ok=True)
    for name in delete:
        target = dest / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for name, content in (files or {}).items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    return dest


def base_text(name: str) -> str:
    return (BASE / name).read_text(encoding="utf-8")


def edit(name: str, old: str, new: str) -> dict[str, str]:
    """`{name: base file with old replaced by new}`; fails loudly when `old` is not there."""
    text = base_text(name)
    assert old in text, f"{old!r} absent de {name}"
    return {name: text.replace(old, new, 1)}


def check_pact(root: Path, as_of: dt.date = AS_OF_DATE) -> Validation:
    return validate(FolderSnapshot(root), as_of)


def codes(validation: Validation) -> list[str]:
    return [d.code for d in validation.diagnostics]


def problems(validation: Validation) -> list[Diagnostic]:
    """The problems of a validation, without its notes (`verification-omise`, severity info)."""
    return [d for d in validation.diagnostics if d.severity is not Severity.INFO]


def only(validation: Validation, code: str) -> Diagnostic:
    """The single problem of the validation (notes aside), which must have `code`."""
    found = [f"{d.location.short()} [{d.code}] {d.message}" for d in validation.diagnostics]
    listed = problems(validation)
    assert len(listed) == 1, "\n".join(found) or "aucun problème"
    diagnostic = listed[0]
    assert diagnostic.code == code, found
    return diagnostic


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"code {self.exit_code}\n--- stdout\n{self.stdout}--- stderr\n{self.stderr}"


@contextlib.contextmanager
def _argv(args: Sequence[str]) -> Iterator[None]:
    saved = sys.argv
    sys.argv = ["pacte", *args]
    try:
        yield
    finally:
        sys.argv = saved


@contextlib.contextmanager
def _cwd(folder: Path | None) -> Iterator[None]:
    saved = Path.cwd()
    if folder is not None:
        os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(saved)


def run_pacte(*args: str, cwd: Path | None = None) -> Run:
    """Run `pacte ARGS` in-process through the real entry point; never raises."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with _argv(args), _cwd(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    run = Run(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in run.stderr, str(run)
    assert "erreur interne" not in run.stderr, str(run)
    return run
