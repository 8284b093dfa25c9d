"""The pact as of a git revision, read straight from git objects.

Used by `pacte diff`: no checkout, the working tree and the index are never touched. A revision
costs exactly two git processes whatever the size of the pact: one `git ls-tree` lists the files,
one `git cat-file --batch` streams every blob. Revisions are checked with `git rev-parse` before
any use, and can never become a git option.

Symbolic links (mode 120000) are followed inside the repository, as `FolderSnapshot` follows them
on disk; a link leaving the pact root is refused unread (`escapes_root`).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pactecli.errors import UsageError
from pactecli.layout import MAX_RECORD_BYTES, PACT_FILE, classify
from pactecli.load.sources import Entry

_LINK_MODE = "120000"
_MAX_LINK_DEPTH = 16

#: Every git process pacte starts, for the benchmark and tests (one line per command).
GIT_CALLS: list[tuple[str, ...]] = []


def _git_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_OPTIONAL_LOCKS="0",  # never refresh or lock the index
        GIT_TERMINAL_PROMPT="0",
        GIT_LITERAL_PATHSPECS="1",  # a path is a path, never a glob or a magic pathspec
        LC_ALL="C",
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = ("git", *args)
    GIT_CALLS.append(command)
    try:
        return subprocess.run(command, cwd=folder, env=_git_env(), capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError(
            "la commande git est introuvable",
            hint="installez git : pacte diff lit les versions du pacte dans le dépôt git",
        ) from None


def _first_line(output: bytes) -> str:
    text = output.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


@dataclass(frozen=True, slots=True)
class Repository:
    """The git repository holding a pact root, and where the root sits inside it."""

    root: Path
    prefix: str  # "" or "sub/folder/" (always with a trailing slash)

    @classmethod
    def of(cls, root: Path) -> Repository:
        done = _run(root, "rev-parse", "--show-prefix")
        if done.returncode != 0:
            raise UsageError(
                f"le dossier « {root} » n'est pas dans un dépôt git",
                hint="pacte diff compare des versions enregistrées dans git : lancez-le dans "
                "le dépôt du pacte (ou indiquez-le avec --root)"
                + (f" ; git : {_first_line(done.stderr)}" if done.stderr else ""),
            )
        return cls(root, done.stdout.decode("utf-8").strip())

    def commit(self, revision: str) -> str:
        """The commit id `revision` names; UsageError when it is unsafe or unknown."""
        check_revision(revision)
        done = _run(
            self.root,
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{revision}^{{commit}}",
        )
        commit = done.stdout.decode("ascii", "replace").strip()
        if done.returncode != 0 or not commit:
            raise UsageError(
                f"révision git inconnue : « {revision} »",
                hint="indiquez une branche, une étiquette ou un commit du dépôt "
                "(par exemple main, origin/main ou HEAD~1) ; dans un clone partiel "
                "(CI), récupérez d'abord la branche de base avec git fetch",
            )
        return commit

    def snapshot(self, revision: str) -> GitSnapshot:
        return GitSnapshot(self, revision, self.commit(revision))


def check_revision(revision: str) -> None:
    """Refuse what could be read as an option or is not a revision name at all."""
    if not revision or revision.startswith("-"):
        raise UsageError(
            f"révision refusée : « {revision} »",
            hint="une révision ne commence pas par « - » : indiquez une branche, une "
            "étiquette ou un commit",
        )
    if any(ord(char) < 32 or char == "\x7f" for char in revision):
        raise UsageError(
            "révision refusée : elle contient un caractère de contrôle",
            hint="indiquez une branche, une étiquette ou un commit",
        )


@dataclass(slots=True)
class _Listed:
    mode: str
    kind: str
    oid: str
    size: int


class GitSnapshot:
    """The pact files of one commit. `entries()` lists them and fetches their content in batch."""

    def __init__(self, repository: Repository, revision: str, commit: str) -> None:
        self.repository = repository
        self.revision = revision
        self.commit = commit
        self.label = f"la révision « {revision} » ({commit[:10]})"
        self._contents: dict[str, bytes] = {}
        self._listed: dict[str, _Listed] = {}
        self._targets: dict[str, str] = {}  # link path -> link text

    # --- Snapshot protocol -----------------------------------------------------------------

    def entries(self) -> Iterator[Entry]:
        self._listed = self._list()
        found: list[Entry] = []
        wanted: dict[str, str] = {}  # path -> object id, contents to fetch
        links = [path for path, item in self._listed.items() if item.mode == _LINK_MODE]
        for path, item in self._listed.items():
            if item.mode == _LINK_MODE:
                continue
            if item.kind == "blob":
                found.append(Entry(path, item.size))
                if _will_be_read(path, item.size):
                    wanted[path] = item.oid
            else:  # a submodule: shown as an unexpected folder under data/
                found.append(Entry(path + "/", 0))
        with _CatFile(self.repository.root) as cat:
            if links:
                texts = cat.fetch_all({path: self._listed[path].oid for path in links})
                self._targets = {p: t.decode("utf-8", "surrogateescape") for p, t in texts.items()}
                for path in links:
                    found.extend(self._follow(cat, path, wanted))
            self._contents.update(cat.fetch_all(wanted))
        return iter(found)

    def read(self, path: str) -> bytes:
        try:
            return self._contents[path]
        except KeyError:
            raise FileNotFoundError(2, "absent de la révision", path) from None

    # --- listing ---------------------------------------------------------------------------

    def _list(self) -> dict[str, _Listed]:
        done = _run(
            self.repository.root, "ls-tree", "-r", "-l", "-z", self.commit, "--", PACT_FILE, "data"
        )
        if done.returncode != 0:
            raise UsageError(
                f"impossible de lire {self.label}",
                hint=f"git : {_first_line(done.stderr)}",
            )
        listed: dict[str, _Listed] = {}
        for record in done.stdout.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, kind, oid, size = meta.decode("ascii").split()
            path = raw_path.decode("utf-8", "surrogateescape")
            listed[path] = _Listed(mode, kind, oid, int(size) if size.isdigit() else 0)
        return listed

    # --- symbolic links --------------------------------------------------------------------

    def _resolve(self, path: str) -> str | None:
        """Where `path` leads through the links listed; None when it leaves the pact root."""
        pending = path.split("/")
        resolved: list[str] = []
        hops = 0
        while pending:
            part = pending.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if not resolved:
                    return None
                resolved.pop()
                continue
            resolved.append(part)
            target = self._targets.get("/".join(resolved))
            if target is None:
                continue
            hops += 1
            if target.startswith("/") or hops > _MAX_LINK_DEPTH:
                return None
            resolved.pop()
            pending = target.split("/") + pending
        return "/".join(resolved)

    def _follow(self, cat: _CatFile, path: str, wanted: dict[str, str]) -> list[Entry]:
        """Entries for a link: its target file, or every file of its target folder."""
        target = self._resolve(path)
        if target is None or "\n" in path:
            return [Entry(path, 0, escapes_root=True)]
        item = self._listed.get(target)
        if item is not None and item.kind == "blob" and item.mode != _LINK_MODE:
            if _will_be_read(path, item.size):
                wanted[path] = item.oid
            return [Entry(path, item.size)]
        if any(p.startswith(target + "/") for p in self._listed):
            return []  # a folder already listed: its files are read under their own names
        header, content = cat.request(f"{self.commit}:{self.repository.prefix}{target}")
        return self._from_header(cat, path, target, (header, content), depth=0)

    def _from_header(
        self, cat: _CatFile, path: str, real: str, answer: tuple[_Header, bytes], depth: int
    ) -> list[Entry]:
        """Entries for `path`, whose object (found at `real` in the commit) git answered."""
        header, content = answer
        if header.kind == "blob":
            if _will_be_read(path, header.size):
                self._contents[path] = content
            return [Entry(path, header.size)]
        if header.kind == "tree" and depth <= _MAX_LINK_DEPTH:
            found: list[Entry] = []
            for mode, name, oid in _tree_entries(content, len(self.commit) // 2):
                child, real_child = f"{path}/{name}", f"{real}/{name}"
                if mode == _LINK_MODE:  # outside the listing: git follows it in the repository
                    child_answer = cat.request(
                        f"{self.commit}:{self.repository.prefix}{real_child}"
                    )
                else:
                    child_answer = cat.request(oid)
                found.extend(self._from_header(cat, child, real_child, child_answer, depth + 1))
            return found
        # a link out of the repository, dangling, looping or through a file
        return [Entry(path, 0, escapes_root=header.kind in ("symlink", "tree"))]


def _will_be_read(path: str, size: int) -> bool:
    """The files `sources.collect` will read: records of the layout, within the size limit."""
    return classify(path) is not None and size <= MAX_RECORD_BYTES


def _tree_entries(tree: bytes, hash_bytes: int) -> Iterator[tuple[str, str, str]]:
    """(mode, name, hex id) of each entry of a raw git tree object."""
    position = 0
    while position < len(tree):
        space = tree.index(b" ", position)
        nul = tree.index(b"\0", space)
        mode = tree[position:space].decode("ascii")
        name = tree[space + 1 : nul].decode("utf-8", "surrogateescape")
        oid = tree[nul + 1 : nul + 1 + hash_bytes].hex()
        position = nul + 1 + hash_bytes
        yield mode, name, oid


@dataclass(frozen=True, slots=True)
class _Header:
    kind: str  # blob, tree, commit, tag, or symlink/dangling/loop/notdir/missing
    size: int


class _CatFile:
    """One `git cat-file --batch --follow-symlinks` process, started on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _CatFile:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            assert self._process.stdin is not None and self._process.stdout is not None
            with contextlib.suppress(OSError):
                self._process.stdin.close()
            self._process.stdout.close()
            self._process.wait()

    def _get(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            command = ("git", "cat-file", "--batch", "--follow-symlinks")
            GIT_CALLS.append(command)
            self._process = subprocess.Popen(
                command,
                cwd=self.folder,
                env=_git_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        return self._process

    def request(self, name: str) -> tuple[_Header, bytes]:
        """One object by id or `commit:path` (links inside the repository are followed)."""
        process = self._get()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        process.stdin.flush()
        return _read_one(process.stdout)

    def fetch_all(self, wanted: dict[str, str]) -> dict[str, bytes]:
        """Every wanted blob by id, requests written by a thread while answers are read."""
        if not wanted:
            return {}
        process = self._get()
        assert process.stdin is not None and process.stdout is not None
        paths = list(wanted)
        writer = threading.Thread(
            target=_write_requests, args=(process.stdin, [wanted[p] for p in paths])
        )
        writer.start()
        contents: dict[str, bytes] = {}
        try:
            for path in paths:
                header, content = _read_one(process.stdout)
                if header.kind == "blob":
                    contents[path] = content
        finally:
            writer.join()
        return contents


def _write_requests(stream: IO[bytes], names: list[str]) -> None:
    try:
        stream.write("".join(name + "\n" for name in names).encode("ascii"))
        stream.flush()
    except OSError:  # git stopped early: the answers missing make the files unreadable
        return


def _read_one(stream: IO[bytes]) -> tuple[_Header, bytes]:
    """One answer of `git cat-file --batch [--follow-symlinks]`."""
    line = stream.readline().rstrip(b"\n").decode("utf-8", "surrogateescape")
    parts = line.split(" ")
    if len(parts) == 3 and parts[2].isdigit():  # <oid> <type> <size>
        size = int(parts[2])
        content = stream.read(size)
        stream.read(1)
        return _Header(parts[1], size), content
    if len(parts) == 2 and parts[1].isdigit():  # symlink|dangling|loop|notdir <size>
        size = int(parts[1])
        content = stream.read(size)
        stream.read(1)
        return _Header(parts[0], size), content
    return _Header("missing", 0), b""
