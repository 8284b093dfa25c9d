"""First stage: which files make up a pact, read from a folder (or, see `load.git`, a revision).

A `Snapshot` lists the pact's files and reads their bytes; this module sorts them into record
kinds by the layout of spec section 1 and reports, unread, what must not be read: files outside
the layout, symbolic links leaving the repository, records over 1 MiB.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pactecli import codes
from pactecli.diagnostics import Diagnostic, Location
from pactecli.errors import UsageError
from pactecli.layout import (
    MAX_RECORD_BYTES,
    PACT_FILE,
    Kind,
    classify,
    is_ignored,
    is_inside_git,
    kinds_below,
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of a snapshot: its path relative to the root, its size, and why it may not be
    read: a link leaving the repository (`escapes_root`), a FIFO, socket or device (`special`), or
    a folder that could not be listed (`unreadable`: the reason; its path ends with `/`)."""

    path: str
    size: int
    escapes_root: bool = False
    special: bool = False
    unreadable: str = ""


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


@dataclass(frozen=True, slots=True)
class Refused:
    """A record at its place in the layout, refused unread: only its name is known."""

    path: str
    kind: Kind


@dataclass(frozen=True, slots=True)
class Hidden:
    """A folder that could not be listed, and the kinds of records it may hold."""

    path: str
    kinds: frozenset[Kind]


@dataclass
class Collected:
    """What a snapshot holds: records to parse, records refused unread, folders not listed."""

    sources: list[Source] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    hidden: list[Hidden] = field(default_factory=list)

    @property
    def file_count(self) -> int:
        return len(self.sources) + len(self.refused)


def collect(snapshot: Snapshot) -> Collected:
    """Read every record of the snapshot; report what is refused without reading it."""
    found = Collected()
    for entry in sorted(snapshot.entries(), key=lambda e: e.path):
        if entry.path != PACT_FILE and not entry.path.startswith("data/"):
            continue
        if entry.unreadable:
            found.problems.append(_unlisted(entry))
            found.hidden.append(Hidden(entry.path, kinds_below(entry.path)))
            continue
        kind = classify(entry.path)
        problem = _refusal(entry)
        if problem is None and kind is None:
            if not is_ignored(entry.path):
                found.problems.append(_unexpected(entry.path, _layout_hint(entry.path)))
            continue
        if problem is None:
            try:
                found.sources.append(Source(entry.path, kind, snapshot.read(entry.path)))  # type: ignore[arg-type]
                continue
            except OSError as error:
                problem = _unreadable(entry.path, error)
        found.problems.append(problem)
        if kind is not None:
            found.refused.append(Refused(entry.path, kind))
    return found


def _refusal(entry: Entry) -> Diagnostic | None:
    """Why an entry is not read at all, from what the listing says."""
    if entry.escapes_root:
        return _escaping_link(entry.path)
    if entry.special:
        return _unexpected(
            entry.path,
            "remplacez-le par un fichier ordinaire",
            message="fichier spécial (tube, socket ou périphérique) : il n'est pas lu",
        )
    if entry.size > MAX_RECORD_BYTES and classify(entry.path) is not None:
        return _too_large(entry)
    return None


def _unlisted(entry: Entry) -> Diagnostic:
    return _unexpected(
        entry.path,
        "vérifiez les droits du dossier : tant qu'il est illisible, les enregistrements qu'il "
        "contient sont inconnus",
        message=f"dossier illisible ({entry.unreadable}) : son contenu n'est pas vérifié",
    )


def _escaping_link(path: str) -> Diagnostic:
    return _unexpected(
        path,
        "remplacez ce lien symbolique par le fichier lui-même : un lien qui sort du dépôt "
        "ou entre dans .git n'est jamais lu",
        message="lien symbolique vers un emplacement hors du dépôt ou dans .git, refusé "
        "sans être lu",
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
    """The pact as it is on disk under `root`, uncommitted edits included.

    Symbolic links are followed while they stay inside the root and outside any `.git` folder
    (where CI keeps its credentials); each real folder is walked once, whatever links lead to it.
    Files are opened without blocking and read only when they are regular files, so a FIFO or a
    device cannot make `pacte` wait.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = "copie de travail"
        self._real_root = os.path.realpath(root)
        self._real: dict[str, str] = {}  # path of a link -> the real file it leads to

    def entries(self) -> Iterator[Entry]:
        pact = os.path.join(self.root, PACT_FILE)
        if os.path.lexists(pact):
            yield self._entry(PACT_FILE, pact)
        data = os.path.join(self.root, "data")
        if not os.path.isdir(data):
            return
        if self._allowed(os.path.realpath(data)):
            yield from self._walk("data", data)
        else:
            yield Entry("data/", 0, escapes_root=True)

    def _walk(self, top: str, full_top: str) -> Iterator[Entry]:
        """Every file below `top`, in name order; a folder reached both by its own name and
        through links is read under its own name (real folders are walked before links)."""
        seen: set[str] = set()
        folders: list[tuple[str, str]] = [(top, full_top)]
        links: list[tuple[str, str]] = []
        while folders or links:
            folder, full = folders.pop() if folders else links.pop(0)
            real = os.path.realpath(full)
            if real in seen:
                continue
            seen.add(real)
            try:
                with os.scandir(full) as listing:
                    children = sorted(listing, key=lambda child: child.name)
            except OSError as error:
                yield Entry(folder + "/", 0, unreadable=error.strerror or str(error))
                continue
            below: list[tuple[str, str]] = []
            for child in children:
                relative = f"{folder}/{child.name}"
                try:
                    is_link = child.is_symlink()
                    is_folder = child.is_dir(follow_symlinks=True)
                except OSError:
                    is_link, is_folder = False, False
                if not is_folder:
                    yield self._entry(relative, child.path) if is_link else _plain(relative, child)
                elif not is_link:
                    below.append((relative, child.path))
                elif self._allowed(os.path.realpath(child.path)):
                    links.append((relative, child.path))
                else:
                    yield Entry(relative + "/", 0, escapes_root=True)
            folders.extend(reversed(below))  # popped in name order

    def _entry(self, relative: str, full: str) -> Entry:
        """An entry that may be a symbolic link: where it really leads decides."""
        real = os.path.realpath(full)
        if not self._allowed(real):
            return Entry(relative, 0, escapes_root=True)
        try:
            status = os.stat(real)
        except OSError:
            return Entry(relative, 0)
        if real != os.path.abspath(full):
            self._real[relative] = real
        return Entry(relative, status.st_size, special=not stat.S_ISREG(status.st_mode))

    def _allowed(self, real: str) -> bool:
        """Inside the root, and not in a `.git` folder below it."""
        if real != self._real_root and not real.startswith(self._real_root + os.sep):
            return False
        return not is_inside_git(os.path.relpath(real, self._real_root).replace(os.sep, "/"))

    def read(self, path: str) -> bytes:
        """The bytes of a regular file, opened without following a last link nor blocking."""
        target = self._real.get(path) or os.path.join(self.root, path)
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise OSError(errno.EINVAL, "pas un fichier ordinaire", path)
            return handle.read(MAX_RECORD_BYTES + 1)


def _plain(relative: str, child: os.DirEntry[str]) -> Entry:
    """A file that is not a link: one `stat` (from the listing where the system gives it)."""
    try:
        status = child.stat(follow_symlinks=False)
    except OSError:
        return Entry(relative, 0)
    return Entry(relative, status.st_size, special=not stat.S_ISREG(status.st_mode))


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
