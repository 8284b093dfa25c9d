"""The pact as of a git revision, read straight from git objects; where a report's data comes from.

Used by `pacte diff`: no checkout, the working tree and the index are never touched. A revision
costs exactly two git processes whatever the size of the pact: one `git ls-tree` lists the files
of `pacte.yaml` and `data/`, one `git cat-file --batch` streams the objects. Nothing but object
ids is ever written to `cat-file` (a `commit:path` name would let a file name add requests and
shift every answer); symbolic links are resolved by `gittree` over tree objects read by id, each
object asked at most once, so a revision is read in time linear in its size whatever its links.
A revision listing more than `gittree.MAX_FILES` entries (identical folders repeated: a few
objects in git, billions of files once listed) is refused before it fills the memory.

Revisions are checked with `git rev-parse` before any use and can never become a git option.
Every git process runs in `_git_env()` (the repository is the one holding the pact whatever
GIT_DIR says, pathspecs are literal, git never prompts) and under a timeout, a hang guard only.
Git's own English messages never reach the user: each failure becomes a French `UsageError`.

`read_provenance` tells `pacte report` which commit its data comes from, through the same
guarded git calls.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pactecli.errors import UsageError
from pactecli.layout import PACT_FILE
from pactecli.load import gittree
from pactecli.load.gittree import Answer, Listing, RevisionReader, TooManyFiles, UnreadableObject
from pactecli.load.sources import Entry

_GIT_TIMEOUT_SECONDS = 300.0  # a hang guard only: a large pact takes a few seconds
_CHUNK = 1024 * 1024
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


def _git_env() -> dict[str, str]:
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


def _popen(folder: Path, *args: str, stdin: int) -> subprocess.Popen[bytes]:
    """A git process whose output pacte reads as it comes (its stderr is never shown)."""
    command = ("git", *args)
    GIT_CALLS.append(command)
    try:
        return subprocess.Popen(
            command,
            cwd=folder,
            env=_git_env(),
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise _git_missing() from None


class _Watchdog:
    """Kills a git process still running after the timeout: a hang guard only."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.expired = False
        self._process = process
        self._timer = threading.Timer(_GIT_TIMEOUT_SECONDS, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        self.expired = True
        self._process.kill()

    def check(self) -> None:
        if self.expired:
            raise _git_too_slow()

    def cancel(self) -> None:
        self._timer.cancel()


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = ("git", *args)
    GIT_CALLS.append(command)
    try:
        return subprocess.run(
            command,
            cwd=folder,
            env=_git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=_GIT_TIMEOUT_SECONDS,
        )
    except FileNotFoundError:
        raise _git_missing() from None
    except subprocess.TimeoutExpired:
        raise _git_too_slow() from None


def _git_missing() -> UsageError:
    return UsageError(
        "la commande git est introuvable",
        hint="installez git : pacte lit les versions du pacte dans le dépôt git",
    )


def _git_too_slow() -> UsageError:
    return UsageError(
        "git ne répond plus : la lecture du dépôt est abandonnée",
        hint="vérifiez que le dépôt est accessible (disque, réseau) puis relancez la commande",
    )


def _unreadable(label: str) -> UsageError:
    return UsageError(
        f"impossible de lire {label} : des objets git manquent ou sont abîmés",
        hint="dans un clone partiel ou peu profond (CI), récupérez la révision entière avec "
        "git fetch (fetch-depth: 0 sur GitHub, GIT_DEPTH: 0 sur GitLab) ; sinon, vérifiez le "
        "dépôt avec git fsck",
    )


def _too_many_files(label: str) -> UsageError:
    count = f"{gittree.MAX_FILES:_}".replace("_", "\u202f")
    return UsageError(
        f"{label} compte plus de {count} fichiers : elle n'est pas lue",
        hint="un pacte tient en quelques milliers de fichiers : cherchez dans cette révision "
        "les dossiers répétés ou les liens symboliques qui les multiplient",
    )


def _not_a_repository(root: Path, stderr: bytes) -> UsageError:
    """The French for why `git rev-parse` refused `root`; git's own text is dropped."""
    if b"dubious ownership" in stderr:
        return UsageError(
            f"git refuse de lire le dépôt de « {root} » : il appartient à un autre utilisateur",
            hint="si ce dépôt est sûr, autorisez-le avec git config --global --add "
            "safe.directory suivi du chemin du dépôt (en CI : le dossier cloné)",
        )
    if stderr and b"not a git repository" not in stderr:
        return UsageError(
            f"impossible de lire le dépôt git de « {root} »",
            hint="vérifiez que le dossier .git est complet et lisible (git status doit y "
            "fonctionner)",
        )
    return UsageError(
        f"le dossier « {root} » n'est pas dans un dépôt git",
        hint="pacte diff compare des versions enregistrées dans git : lancez-le dans "
        "le dépôt du pacte (ou indiquez-le avec --root)",
    )


# --- repository and revisions --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repository:
    """The git repository holding a pact root, and where the root sits inside it."""

    root: Path
    prefix: str  # "" or "sub/folder/" (always with a trailing slash)

    @classmethod
    def of(cls, root: Path) -> Repository:
        done = _run(root, "rev-parse", "--show-prefix")
        if done.returncode != 0:
            raise _not_a_repository(root, done.stderr)
        return cls(root, done.stdout.decode("utf-8", "surrogateescape").strip())

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


# --- provenance of a report ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the data comes from: the git commit, or why there is none."""

    commit: str | None
    date: dt.date | None
    modifie: bool
    hors_git: bool


def read_provenance(root: Path) -> Provenance:
    """The commit the pact's records come from, and whether they have uncommitted changes."""
    commit = _output(root, "rev-parse", "--short", "--verify", "--end-of-options", "HEAD")
    if commit is None:
        inside = _output(root, "rev-parse", "--is-inside-work-tree") == "true"
        return Provenance(None, None, inside, not inside)
    stamp = _output(root, "log", "-1", "--format=%cs", "--end-of-options", "HEAD", "--")
    status = _output(
        root, "status", "--porcelain", "--untracked-files=all", "--", PACT_FILE, "data"
    )
    day = dt.date.fromisoformat(stamp) if stamp else None
    return Provenance(commit, day, bool(status), False)


def _output(root: Path, *args: str) -> str | None:
    """What git prints, or None when it fails: a report without provenance is still a report."""
    try:
        done = _run(root, *args)
    except (UsageError, OSError):
        return None
    return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else None


# --- a revision ----------------------------------------------------------------------------


class GitSnapshot:
    """The pact files of one commit. `entries()` lists them and fetches their content in batch."""

    def __init__(self, repository: Repository, revision: str, commit: str) -> None:
        self.repository = repository
        self.revision = revision
        self.commit = commit
        self.label = f"la révision « {revision} » ({commit[:10]})"
        self._contents: dict[str, bytes] = {}
        #: The object ids asked of `git cat-file`, in order (each at most once per reading).
        self.objects_requested: list[str] = []

    def entries(self) -> Iterator[Entry]:
        listing = self._list()
        self.objects_requested = []
        top = not self.repository.prefix
        try:
            with _CatFile(self.repository.root, self.objects_requested) as cat:
                reader = RevisionReader(cat, self.commit, listing, root_is_top=top)
                found = reader.entries()
        except UnreadableObject:
            raise _unreadable(self.label) from None
        except TooManyFiles:
            raise _too_many_files(self.label) from None
        self._contents = reader.contents
        return iter(found)

    def read(self, path: str) -> bytes:
        try:
            return self._contents[path]
        except KeyError:
            raise FileNotFoundError(2, "absent de la révision", path) from None

    def _list(self) -> Listing:
        """Every file of `pacte.yaml` and `data/`, with its size, and the trees leading there."""
        arguments = ("ls-tree", "-r", "-t", "-l", "-z", self.commit, "--", PACT_FILE, "data")
        with _popen(self.repository.root, *arguments, stdin=subprocess.DEVNULL) as process:
            watchdog = _Watchdog(process)
            try:
                output = _read_listing(process)
                process.wait()
            finally:
                watchdog.cancel()
        watchdog.check()
        if output is None:
            raise _too_many_files(self.label)
        if process.returncode != 0:
            raise _unreadable(self.label)
        return Listing.parse(output)


def _read_listing(process: subprocess.Popen[bytes]) -> bytes | None:
    """What `git ls-tree -z` prints, or None (git stopped) past `MAX_FILES` entries.

    Identical folders are one tree object in git however many times they are repeated: a
    revision of a few kilobytes can list billions of files, which would fill the memory.
    """
    assert process.stdout is not None
    chunks: list[bytes] = []
    entries = 0
    while chunk := process.stdout.read(_CHUNK):
        entries += chunk.count(b"\0")
        if entries > gittree.MAX_FILES:
            process.kill()
            return None
        chunks.append(chunk)
    return b"".join(chunks)


# --- the cat-file process ------------------------------------------------------------------


class _CatFile:
    """One `git cat-file --batch` process, started on first use; only object ids go in."""

    def __init__(self, folder: Path, requested: list[str]) -> None:
        self.folder = folder
        self._requested = requested
        self._process: subprocess.Popen[bytes] | None = None
        self._watchdog: _Watchdog | None = None

    def __enter__(self) -> _CatFile:
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
            self._process = _popen(self.folder, "cat-file", "--batch", stdin=subprocess.PIPE)
            self._watchdog = _Watchdog(self._process)
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
        while left > 0 and (chunk := stream.read(min(left, _CHUNK))):
            left -= len(chunk)
    stream.read(1)  # the newline after the content
    return kind, size, content
