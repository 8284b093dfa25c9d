"""The pact as it is on disk now: validated again only when one of its files has changed.

The fingerprint of the pact is a hash of the name, size and modification time of `pacte.yaml`
and of every file below `data/` (links inside the pact followed once, as the validation does):
a few microseconds a file, so the pages can ask for it twice a second (live reload). When it
differs from the last one, the pact is validated again, reusing the parsing of every file whose
bytes did not change (`validation.ReadCache`); the report context of each filter is then built
once for that state. A file caught mid-edit that does not parse is one more problem of the
validation, shown as such: nothing here raises on a bad record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pactecli.check.validation import ReadCache, Validation, validate
from pactecli.errors import PacteError
from pactecli.layout import PACT_FILE
from pactecli.load.git import Provenance, read_provenance
from pactecli.load.sources import Entry, FolderSnapshot
from pactecli.report.context_types import RapportContexte
from pactecli.report.selection import Filters


def fingerprint(root: Path) -> str:
    """Name, size and modification time of every file of the pact, hashed (hex)."""
    digest = hashlib.sha256()
    for name, size, mtime in _files(root):
        digest.update(f"{name}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]


def _files(root: Path) -> Iterator[tuple[str, int, int]]:
    pact = os.path.join(root, PACT_FILE)
    try:
        status = os.stat(pact)
        yield PACT_FILE, status.st_size, status.st_mtime_ns
    except OSError:
        yield PACT_FILE, -1, 0
    real_root = os.path.realpath(root)
    seen: set[str] = set()
    pending = [("data", os.path.join(root, "data"))]
    while pending:
        relative, full = pending.pop()
        real = os.path.realpath(full)
        if real in seen or not (real == real_root or real.startswith(real_root + os.sep)):
            continue
        seen.add(real)
        try:
            with os.scandir(full) as listing:
                children = list(listing)
        except OSError:
            yield relative + "/", -1, 0
            continue
        for child in children:
            name = f"{relative}/{child.name}"
            if child.name == ".git":
                continue
            try:
                if child.is_dir(follow_symlinks=True):
                    pending.append((name, child.path))
                    continue
                status = child.stat(follow_symlinks=False)
            except OSError:
                yield name, -1, 0
                continue
            yield name, status.st_size, status.st_mtime_ns


@dataclass(frozen=True)
class State:
    """The pact at one moment: its validation (or why there is none) and where it comes from."""

    fingerprint: str
    as_of: dt.date
    validation: Validation | None
    failure: PacteError | None
    provenance: Provenance
    contents: dict[str, bytes] = field(default_factory=dict, repr=False)
    """The bytes of each record file as they were read for this validation."""
    _contexts: dict[Filters, RapportContexte] = field(default_factory=dict, repr=False)
    _pages: dict[str, bytes] = field(default_factory=dict, repr=False)

    def page(self, key: str, render: Callable[[], bytes]) -> bytes:
        """A page that depends on this state only (the roadmap of some filters), made once:
        on a large pact, going back to it costs nothing until a file changes."""
        found = self._pages.get(key)
        if found is None:
            found = render()
            if len(self._pages) > 16:
                self._pages.clear()
            self._pages[key] = found
        return found

    def context(self, filters: Filters) -> RapportContexte:
        """The report context of `filters` for this state (built once)."""
        from pactecli.report.context import build_context

        found = self._contexts.get(filters)
        if found is None:
            assert self.validation is not None
            found = build_context(
                self.validation.model,
                self.validation.diagnostics,
                filters,
                self.as_of,
                self.provenance,
            )
            if len(self._contexts) > 32:  # a few filters at a time are ever looked at
                self._contexts.clear()
            self._contexts[filters] = found
        return found


class _Recording:
    """A folder snapshot that keeps the bytes it reads (for the forms and the cache)."""

    def __init__(self, root: Path) -> None:
        self._folder = FolderSnapshot(root)
        self.label = self._folder.label
        self.contents: dict[str, bytes] = {}

    def entries(self) -> Iterator[Entry]:
        return self._folder.entries()

    def read(self, path: str) -> bytes:
        data = self._folder.read(path)
        self.contents[path] = data
        return data


class LivePact:
    """The pact under `root`, validated again whenever its fingerprint changes."""

    def __init__(
        self,
        root: Path,
        as_of: dt.date | None = None,
        provenance: Callable[[Path], Provenance] = read_provenance,
    ) -> None:
        self.root = root
        self._as_of = as_of
        self._provenance = provenance
        self._lock = threading.Lock()
        self._cache: ReadCache = {}
        self._state: State | None = None
        self._shown: dict[str, bytes] = {}

    def remember(self, content: bytes) -> None:
        """Keep the bytes a form was built from (to show them if the file changes meanwhile)."""
        import hashlib

        with self._lock:
            if len(self._shown) > 256:
                self._shown.clear()
            self._shown[hashlib.sha256(content).hexdigest()] = content

    def remembered(self, sha256: str) -> bytes | None:
        return self._shown.get(sha256)

    def as_of(self) -> dt.date:
        return self._as_of or dt.date.today()

    def fingerprint(self) -> str:
        return fingerprint(self.root)

    def current(self) -> State:
        stamp, day = self.fingerprint(), self.as_of()
        with self._lock:
            state = self._state
            if state is None or state.fingerprint != stamp or state.as_of != day:
                state = self._state = self._load(stamp, day)
            return state

    def _load(self, stamp: str, day: dt.date) -> State:
        snapshot = _Recording(self.root)
        provenance = self._provenance(self.root)
        try:
            validation = validate(snapshot, day, self._cache)
        except PacteError as error:
            return State(stamp, day, None, error, provenance)
        # Keep the parsing of the files as they are now, forget older versions.
        self._cache = {
            source: done
            for source, done in self._cache.items()
            if snapshot.contents.get(source.path) == source.content
        }
        return State(stamp, day, validation, None, provenance, snapshot.contents)

    def validate_with(self, path: str, content: bytes) -> Validation:
        """The pact as it would be with `path` holding `content` (nothing is written)."""
        with self._lock:
            return validate(_WithFile(self.root, path, content), self.as_of(), self._cache)


class _WithFile:
    """The pact on disk with one file replaced (or added) in memory."""

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
