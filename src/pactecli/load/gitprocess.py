"""The git processes pacte starts: a protected environment, a hang guard, French failures.

Every git process runs in `git_env()` (the repository is the one holding the pact whatever
GIT_DIR says, pathspecs are literal, git never prompts) and under a timeout, a hang guard only.
Git's own English messages never reach the user: each failure becomes a French `UsageError`.
`CatFile` is the one `git cat-file --batch` of a reading: only object ids are written to it.
Used by `load.git` (a revision) and `load.githistory` (a history).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from pathlib import Path
from typing import IO

from pactecli.errors import UsageError
from pactecli.load.gittree import Answer, UnreadableObject

GIT_TIMEOUT_SECONDS = 300.0  # a hang guard only: a large pact takes a few seconds
CHUNK = 1024 * 1024
# Variables that would make git read another repository, index or object store than the pact's.
_REDIRECTING = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
)

#: Every git process pacte starts, for the benchmark and tests (one line per command).
GIT_CALLS: list[tuple[str, ...]] = []


# --- git processes -------------------------------------------------------------------------


def git_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_OPTIONAL_LOCKS="0",  # never refresh or lock the index
        GIT_TERMINAL_PROMPT="0",
        GIT_LITERAL_PATHSPECS="1",  # a path is a path, never a glob or a magic pathspec
        LC_ALL="C",  # git's messages in English, as the failures are recognised by them
    )
    for variable in _REDIRECTING:
        env.pop(variable, None)
    return env


def popen(folder: Path, *args: str, stdin: int) -> subprocess.Popen[bytes]:
    """A git process whose output pacte reads as it comes (its stderr is never shown)."""
    command = ("git", *args)
    GIT_CALLS.append(command)
    try:
        return subprocess.Popen(
            command,
            cwd=folder,
            env=git_env(),
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise git_missing() from None


class Watchdog:
    """Kills a git process still running after the timeout: a hang guard only."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.expired = False
        self._process = process
        self._timer = threading.Timer(GIT_TIMEOUT_SECONDS, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        self.expired = True
        self._process.kill()

    def check(self) -> None:
        if self.expired:
            raise git_too_slow()

    def cancel(self) -> None:
        self._timer.cancel()


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = ("git", *args)
    GIT_CALLS.append(command)
    try:
        return subprocess.run(
            command,
            cwd=folder,
            env=git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
        )
    except FileNotFoundError:
        raise git_missing() from None
    except subprocess.TimeoutExpired:
        raise git_too_slow() from None


def git_missing() -> UsageError:
    return UsageError(
        "la commande git est introuvable",
        hint="installez git : pacte lit les versions du pacte dans le dépôt git",
    )


def git_too_slow() -> UsageError:
    return UsageError(
        "git ne répond plus : la lecture du dépôt est abandonnée",
        hint="vérifiez que le dépôt est accessible (disque, réseau) puis relancez la commande",
    )


def unreadable(label: str) -> UsageError:
    return UsageError(
        f"impossible de lire {label} : des objets git manquent ou sont abîmés",
        hint="dans un clone partiel ou peu profond (CI), récupérez la révision entière avec "
        "git fetch (fetch-depth: 0 sur GitHub, GIT_DEPTH: 0 sur GitLab) ; sinon, vérifiez le "
        "dépôt avec git fsck",
    )


# --- the cat-file process ------------------------------------------------------------------


class CatFile:
    """One `git cat-file --batch` process, started on first use; only object ids go in."""

    def __init__(self, folder: Path, requested: list[str]) -> None:
        self.folder = folder
        self._requested = requested
        self._process: subprocess.Popen[bytes] | None = None
        self._watchdog: Watchdog | None = None

    def __enter__(self) -> CatFile:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            assert self._process.stdin is not None and self._process.stdout is not None
            with contextlib.suppress(OSError):
                self._process.stdin.close()
            self._process.stdout.close()
            self._process.wait()
        if self._watchdog is not None:
            self._watchdog.cancel()

    def _streams(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._process is None:
            self._process = popen(self.folder, "cat-file", "--batch", stdin=subprocess.PIPE)
            self._watchdog = Watchdog(self._process)
        assert self._process.stdin is not None and self._process.stdout is not None
        return self._process.stdin, self._process.stdout

    def _check(self) -> None:
        if self._watchdog is not None:
            self._watchdog.check()

    def request(self, oid: str, keep: int | None) -> Answer:
        """One object; its content is kept when at most `keep` bytes (None: always)."""
        stdin, stdout = self._streams()
        self._requested.append(oid)
        try:
            stdin.write(oid.encode("ascii") + b"\n")
            stdin.flush()
        except OSError:
            self._check()
            raise UnreadableObject(oid) from None
        answer = _read_one(stdout, keep)
        self._check()
        return answer

    def fetch_all(self, oids: list[str], keep: int) -> dict[str, Answer]:
        """Each object once, requests written by a thread while answers are read."""
        unique = list(dict.fromkeys(oids))
        if not unique:
            return {}
        stdin, stdout = self._streams()
        self._requested.extend(unique)
        writer = threading.Thread(target=_write_requests, args=(stdin, unique))
        writer.start()
        try:
            answers = {oid: _read_one(stdout, keep) for oid in unique}
        finally:
            writer.join()
        self._check()
        return answers


def _write_requests(stream: IO[bytes], oids: list[str]) -> None:
    try:
        stream.write("".join(oid + "\n" for oid in oids).encode("ascii"))
        stream.flush()
    except OSError:  # git stopped early: the answers missing make the files unreadable
        return


def _read_one(stream: IO[bytes], keep: int | None) -> Answer:
    """One answer of `git cat-file --batch`: `<oid> <type> <size>` and the content, or missing."""
    parts = stream.readline().rstrip(b"\n").split(b" ")
    if len(parts) != 3 or not parts[2].isdigit():
        return "missing", 0, None  # `<oid> missing`, or git stopped
    kind, size = parts[1].decode("ascii", "replace"), int(parts[2])
    if keep is None or size <= keep:
        content: bytes | None = stream.read(size)
    else:  # too big to be used: read through, to stay in step with the next answer
        content, left = None, size
        while left > 0 and (chunk := stream.read(min(left, CHUNK))):
            left -= len(chunk)
    stream.read(1)  # the newline after the content
    return kind, size, content
