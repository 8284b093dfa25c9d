"""First stage: which files make up a pact, read from a folder (or, see `gitsource`, a revision).

A `Snapshot` lists the pact's files and reads their bytes; this module sorts them into record
kinds by the layout of spec section 1 and reports, unread, what must not be read: files outside
the layout, symbolic links leaving the repository, records over 1 MiB.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pactecli import codes
from pactecli.diagnostics import Diagnostic, Location
from pactecli.errors import UsageError
from pactecli.layout import MAX_RECORD_BYTES, PACT_FILE, Kind, classify, is_ignored


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of a snapshot: its path relative to the root, size, and where a link leads."""

    path: str
    size: int
    escapes_root: bool = False


class Snapshot(Protocol):
    """A pact as of some moment: a folder on disk or a git revision."""

    label: str

    def entries(self) -> Iterator[Entry]: ...

    def read(self, path: str) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Source:
    """A record file to parse."""

    path: str
    kind: Kind
    content: bytes


def collect(snapshot: Snapshot) -> tuple[list[Source], list[Diagnostic]]:
    """Read every record of the snapshot; report what is refused without reading it."""
    sources: list[Source] = []
    problems: list[Diagnostic] = []
    for entry in sorted(snapshot.entries(), key=lambda e: e.path):
        if entry.path != PACT_FILE and not entry.path.startswith("data/"):
            continue
        if entry.escapes_root:
            problems.append(_escaping_link(entry.path))
            continue
        kind = classify(entry.path)
        if kind is None:
            if not is_ignored(entry.path):
                problems.append(_unexpected(entry.path, _layout_hint(entry.path)))
            continue
        if entry.size > MAX_RECORD_BYTES:
            problems.append(_too_large(entry))
            continue
        try:
            content = snapshot.read(entry.path)
        except OSError as error:
            problems.append(_unreadable(entry.path, error))
            continue
        sources.append(Source(entry.path, kind, content))
    return sources, problems


def _escaping_link(path: str) -> Diagnostic:
    return _unexpected(
        path,
        "remplacez ce lien symbolique par le fichier lui-même : "
        "un lien qui sort du dépôt n'est jamais lu",
        message="lien symbolique vers un emplacement hors du dépôt, refusé sans être lu",
    )


def _unreadable(path: str, error: OSError) -> Diagnostic:
    return _unexpected(
        path,
        "vérifiez les droits de lecture du fichier",
        message=f"fichier illisible ({error.strerror or error})",
    )


def _unexpected(path: str, hint: str, message: str = "") -> Diagnostic:
    return Diagnostic(
        code=codes.UNEXPECTED_FILE.code,
        severity=codes.UNEXPECTED_FILE.severity,
        location=Location(path),
        message=message or "fichier hors de l'arborescence du pacte : il ne sera pas lu",
        hint=hint,
    )


def _layout_hint(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    stem, _, ext = name.partition(".")
    if ext and ext.lower() in ("yaml", "yml") and ext not in ("yaml", "yml"):
        return f"renommez le fichier en « {stem}.yaml » (extension en minuscules)"
    if ext in ("yaml", "yml"):
        return (
            "déplacez le fichier à sa place : data/partners/<id>.yaml, "
            "data/conventions/<id>/convention.yaml ou data/conventions/<id>/actions/<id>.yaml"
        )
    if ".yaml" in name.lower() or ".yml" in name.lower():
        return f"renommez le fichier en « {stem}.yaml »"
    return (
        "rangez chaque fichier à sa place : data/partners/<id>.yaml, "
        "data/conventions/<id>/convention.yaml ou data/conventions/<id>/actions/<id>.yaml"
    )


def _too_large(entry: Entry) -> Diagnostic:
    size_mib = f"{entry.size / (1024 * 1024):.2f}".replace(".", ",")
    return Diagnostic(
        code=codes.FILE_TOO_LARGE.code,
        severity=codes.FILE_TOO_LARGE.severity,
        location=Location(entry.path),
        message=f"fichier de {size_mib} Mio, au-delà de la limite de 1 Mio : il n'est pas lu",
        hint="un enregistrement du pacte tient en quelques Kio : découpez le fichier "
        "ou retirez les données qui n'y ont pas leur place",
    )


class FolderSnapshot:
    """The pact as it is on disk under `root`, uncommitted edits included."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = "copie de travail"
        self._real_root = os.path.realpath(root)

    def entries(self) -> Iterator[Entry]:
        pact = self.root / PACT_FILE
        if pact.is_file():
            yield self._entry(PACT_FILE, pact)
        data = self.root / "data"
        if data.is_dir():
            yield from self._walk(data)

    def _walk(self, top: Path) -> Iterator[Entry]:
        seen: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in seen or not self._inside(real):
                dirnames.clear()
                if not self._inside(real):
                    rel = Path(dirpath).relative_to(self.root).as_posix()
                    yield Entry(rel + "/", 0, escapes_root=True)
                continue
            seen.add(real)
            dirnames.sort()
            folder = Path(dirpath).relative_to(self.root).as_posix()
            for name in sorted(filenames):
                yield self._file_entry(f"{folder}/{name}", os.path.join(dirpath, name))

    def _file_entry(self, rel: str, full: str) -> Entry:
        """A file of a folder known to be inside the root: only a symbolic link needs resolving.

        (One `lstat` per file instead of a `realpath`, which costs one per path component.)
        """
        try:
            status = os.lstat(full)
        except OSError:
            return Entry(rel, 0)
        if stat.S_ISLNK(status.st_mode):
            return self._entry(rel, Path(full))
        return Entry(rel, status.st_size)

    def _entry(self, rel: str, full: Path) -> Entry:
        real = os.path.realpath(full)
        if not self._inside(real):
            return Entry(rel, 0, escapes_root=True)
        try:
            size = os.stat(real).st_size
        except OSError:
            size = 0
        return Entry(rel, size)

    def _inside(self, real: str) -> bool:
        return real == self._real_root or real.startswith(self._real_root + os.sep)

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()


def find_root(start: Path, explicit: Path | None = None) -> Path:
    """The pact root: `explicit` if given, else the nearest folder upward holding pacte.yaml."""
    if explicit is not None:
        if not explicit.is_dir():
            raise UsageError(f"le dossier « {explicit} » n'existe pas ou n'est pas lisible")
        if not (explicit / PACT_FILE).is_file():
            raise UsageError(
                f"aucun fichier {PACT_FILE} dans « {explicit} »",
                hint="indiquez avec --root le dossier qui contient pacte.yaml",
            )
        return explicit
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / PACT_FILE).is_file():
            return folder
    raise UsageError(
        f"aucun fichier {PACT_FILE} trouvé dans « {current} » ni dans ses dossiers parents",
        hint="placez-vous dans le dépôt du pacte ou indiquez-le avec --root",
    )
