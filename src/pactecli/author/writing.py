"""Writing a new or extended record into the pact, after checking what it would change.

The pact is validated as it is and as it would be with the file written (an in-memory view,
`_WithFile`): the problems that appear only in the second are the new record's. Those in the
new file itself are refused before anything is written; the others are reported after.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactecli.author import records
from pactecli.check.validation import Validation, validate
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.errors import UsageError
from pactecli.layout import Kind, is_inside_git
from pactecli.load import documents
from pactecli.load.sources import Entry, FolderSnapshot, Source


@dataclass
class Outcome:
    """What `new` did: the file written, the values still to fill, the new problems."""

    path: str
    created: bool
    to_fill: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


class Refused(UsageError):
    """The new record would have errors of its own: nothing is written."""

    def __init__(self, problems: list[Diagnostic]) -> None:
        super().__init__(
            "rien n'a été écrit : avec les valeurs données, le fichier aurait les erreurs "
            "ci-dessus",
            hint="corrigez les options indiquées, puis relancez la commande",
        )
        self.problems = problems


def inside(root: Path, path: str) -> None:
    """Refuse a place that a symbolic link leads out of the pact (or into .git)."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(root / path)
    relative = os.path.relpath(real, real_root).replace(os.sep, "/")
    if relative.startswith("../") or relative == ".." or is_inside_git(relative):
        raise UsageError(
            f"« {path} » mène hors du pacte par un lien symbolique : rien n'est écrit",
            hint="remplacez le lien par un vrai dossier",
        )


def must_be_new(root: Path, path: str) -> None:
    inside(root, path)
    stem = path.rsplit(".", 1)[0]
    for candidate in (path, f"{stem}.yml"):
        if (root / candidate).exists() or (root / candidate).is_symlink():
            raise UsageError(
                f"« {candidate} » existe déjà : il n'est pas remplacé",
                hint="choisissez un autre identifiant, ou modifiez le fichier existant",
            )


def create(root: Path, path: str, kind: Kind, text: str, as_of: dt.date) -> Outcome:
    return write(root, path, kind, text.encode("utf-8"), as_of, created=True)


def write(
    root: Path, path: str, kind: Kind, content: bytes, as_of: dt.date, created: bool
) -> Outcome:
    from pactecli.author.files import create_file, replace_file

    before = validate(FolderSnapshot(root), as_of)
    after = validate(_WithFile(root, path, content), as_of)
    added = _new_problems(before, after)
    own = [p for p in added if p.location.path == path and p.severity is Severity.ERROR]
    if own:
        raise Refused(own)
    if created:
        create_file(root / path, content.decode("utf-8"))
    else:
        replace_file(root / path, content)
    document, _ = documents.load(Source(path, kind, content))
    to_fill = list(dict.fromkeys(_to_fill(document.data if document else None, ())))
    return Outcome(path, created, to_fill, added)


def _new_problems(before: Validation, after: Validation) -> list[Diagnostic]:
    seen = {(d.code, d.location.path, d.message) for d in before.diagnostics}
    return [
        d
        for d in after.diagnostics
        if (d.code, d.location.path, d.message) not in seen and d.severity is not Severity.INFO
    ]


def _to_fill(value: Any, path: tuple[str | int, ...]) -> Iterator[str]:
    """The keys still holding the placeholder, or an empty year mapping (a budget to write)."""
    if isinstance(value, dict):
        if not value and path:
            yield f"{_dotted(path)} (aucune année)"
        for key, child in value.items():
            yield from _to_fill(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _to_fill(child, (*path, index))
    elif value == records.TO_FILL:
        yield f"{_dotted(path)} (« {records.TO_FILL} »)"


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


class _WithFile:
    """The pact on disk as it would be with one file written (or rewritten)."""

    def __init__(self, root: Path, path: str, content: bytes) -> None:
        self._folder = FolderSnapshot(root)
        self.label = self._folder.label
        self._path, self._content = path, content

    def entries(self) -> Iterator[Entry]:
        for entry in self._folder.entries():
            if entry.path != self._path:
                yield entry
        yield Entry(self._path, len(self._content))

    def read(self, path: str) -> bytes:
        return self._content if path == self._path else self._folder.read(path)
