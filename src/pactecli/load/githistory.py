"""A pact's git history, walked in one pass: for each commit, the pact files it changed.

Three git processes for the whole walk, whatever its length: one `git log --raw` lists the
commits (oldest first, first parents only) with the blobs each one writes, one `git ls-tree`
gives the files at the starting commit (when the walk starts after one), and one
`git cat-file --batch` reads every blob, each once. Consumers parse only what changed.
Symbolic links are not followed here (they are refused in records, see `load.git`): a link
written by a commit reads as an unreadable file.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pactecli.layout import MAX_RECORD_BYTES, PACT_FILE, classify
from pactecli.load.git import Repository
from pactecli.load.gitprocess import CatFile, Watchdog, popen, unreadable

_BLOB_MODES = frozenset(("100644", "100755"))


@dataclass(frozen=True, slots=True)
class CommitInfo:
    oid: str
    date: dt.date
    author: str
    message: str

    @property
    def short(self) -> str:
        return self.oid[:10]


@dataclass(frozen=True, slots=True)
class Step:
    """One commit and the pact records it changed: path -> new bytes (None: deleted or
    unreadable, e.g. a symbolic link or a file over the size limit)."""

    commit: CommitInfo
    changed: dict[str, bytes | None] = field(default_factory=dict)
    deleted: frozenset[str] = frozenset()
    baseline: bool = False
    """The state at the starting revision (`since`): every file of it, not a change."""
    skipped: frozenset[str] = frozenset()
    """Files changed or deleted but not wanted, hence not read."""


class HistoryWalk:
    """Commits of `since..until` (every commit up to `until` when `since` is None)."""

    def __init__(self, repository: Repository, until: str = "HEAD", since: str | None = None):
        self.repository = repository
        self.until = repository.commit(until)
        self.since = repository.commit(since) if since else None
        self.objects_requested: list[str] = []

    def steps(self, wanted: Callable[[str], bool] = lambda path: True) -> Iterator[Step]:
        """The starting state first (a baseline step, when `since` is given), then each commit
        that touched `pacte.yaml` or `data/`. Only the files `wanted` are read; the others
        changed are named in `Step.skipped`."""
        with CatFile(self.repository.root, self.objects_requested) as cat:
            if self.since is not None:
                files = {p: oid for p, oid in self._files_at(self.since).items() if wanted(p)}
                yield Step(self._commit_info(self.since), self._read(cat, files), baseline=True)
            for commit, raw in self._log():
                kept = [entry for entry in raw if wanted(entry[0])]
                written = {path: oid for path, oid, _ in kept if oid is not None}
                contents = self._read(cat, written)
                yield Step(
                    commit,
                    {path: contents.get(path) for path, _, gone in kept if not gone},
                    frozenset(path for path, _, gone in kept if gone),
                    skipped=frozenset(path for path, _, _ in raw if not wanted(path)),
                )

    # --- git ---------------------------------------------------------------------------------

    def _paths(self) -> tuple[str, str]:
        prefix = self.repository.prefix
        return prefix + PACT_FILE, prefix + "data"

    def _relative(self, path: str) -> str | None:
        prefix = self.repository.prefix
        if not path.startswith(prefix):
            return None
        relative = path[len(prefix) :]
        return relative if classify(relative) is not None else None

    def _run(self, *arguments: str) -> bytes:
        with popen(self.repository.root, *arguments, stdin=subprocess.DEVNULL) as process:
            watchdog = Watchdog(process)
            try:
                assert process.stdout is not None
                output = process.stdout.read()
                process.wait()
            finally:
                watchdog.cancel()
        watchdog.check()
        if process.returncode != 0:
            raise unreadable(f"l'historique de {self.until[:10]}")
        return output

    def _log(self) -> Iterator[tuple[CommitInfo, list[tuple[str, str | None, bool]]]]:
        span = f"{self.since}..{self.until}" if self.since else self.until
        output = self._run(
            "log",
            "--reverse",
            "--first-parent",
            "-m",
            "--no-renames",
            "--raw",
            "-z",
            "--no-abbrev",
            "--format=%x01%H%x1f%aI%x1f%an%x1f%s",
            span,
            "--",
            *self._paths(),
        )
        for chunk in output.split(b"\x01")[1:]:
            header, _, rest = chunk.partition(b"\0")
            oid, date, author, subject = header.decode("utf-8", "replace").split("\x1f", 3)
            info = CommitInfo(oid, dt.date.fromisoformat(date[:10]), author, subject)
            yield info, list(self._entries(rest))

    def _entries(self, raw: bytes) -> Iterator[tuple[str, str | None, bool]]:
        """(path, blob id or None when not a readable blob, deleted) of each changed file."""
        fields = raw.lstrip(b"\n").split(b"\0")
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            if not meta.startswith(b":"):
                continue
            _, mode, _, oid, status = meta[1:].decode("ascii", "replace").split(" ", 4)
            relative = self._relative(path.decode("utf-8", "surrogateescape"))
            if relative is None:
                continue
            deleted = status.startswith("D")
            yield relative, (None if deleted or mode not in _BLOB_MODES else oid), deleted

    def _files_at(self, commit: str) -> dict[str, str]:
        output = self._run("ls-tree", "-r", "-z", commit, "--", *self._paths())
        files = {}
        for record in output.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, _, oid = meta.decode("ascii", "replace").split()
            relative = self._relative(raw_path.decode("utf-8", "surrogateescape"))
            if relative is not None and mode in _BLOB_MODES:
                files[relative] = oid
        return files

    def _commit_info(self, commit: str) -> CommitInfo:
        output = self._run("log", "-1", "--format=%H%x1f%aI%x1f%an%x1f%s", commit, "--")
        oid, date, author, subject = output.decode("utf-8", "replace").strip().split("\x1f", 3)
        return CommitInfo(oid, dt.date.fromisoformat(date[:10]), author, subject)

    def _read(self, cat: CatFile, files: dict[str, str]) -> dict[str, bytes | None]:
        answers = cat.fetch_all(list(files.values()), MAX_RECORD_BYTES)
        found: dict[str, bytes | None] = {}
        for path, oid in files.items():
            kind, _, content = answers.get(oid, ("missing", 0, None))
            found[path] = content if kind == "blob" else None
        return found
