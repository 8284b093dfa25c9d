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
Every git process is started by `load.gitprocess`: protected environment, timeout, French
failures.

`read_provenance` tells `pacte report` which commit its data comes from, through the same
guarded git calls.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pactecli.errors import UsageError
from pactecli.layout import PACT_FILE
from pactecli.load import gittree
from pactecli.load.gitprocess import (
    CHUNK,
    GIT_CALLS,
    CatFile,
    Watchdog,
    popen,
    run,
    unreadable,
)
from pactecli.load.gittree import Listing, RevisionReader, TooManyFiles, UnreadableObject
from pactecli.load.sources import Entry

__all__ = ["GIT_CALLS", "GitSnapshot", "Provenance", "Repository", "read_provenance"]


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
        done = run(root, "rev-parse", "--show-prefix")
        if done.returncode != 0:
            raise _not_a_repository(root, done.stderr)
        return cls(root, done.stdout.decode("utf-8", "surrogateescape").strip())

    def commit(self, revision: str) -> str:
        """The commit id `revision` names; UsageError when it is unsafe or unknown."""
        check_revision(revision)
        done = run(
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
        done = run(root, *args)
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
            with CatFile(self.repository.root, self.objects_requested) as cat:
                reader = RevisionReader(cat, self.commit, listing, root_is_top=top)
                found = reader.entries()
        except UnreadableObject:
            raise unreadable(self.label) from None
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
        with popen(self.repository.root, *arguments, stdin=subprocess.DEVNULL) as process:
            watchdog = Watchdog(process)
            try:
                output = _read_listing(process)
                process.wait()
            finally:
                watchdog.cancel()
        watchdog.check()
        if output is None:
            raise _too_many_files(self.label)
        if process.returncode != 0:
            raise unreadable(self.label)
        return Listing.parse(output)


def _read_listing(process: subprocess.Popen[bytes]) -> bytes | None:
    """What `git ls-tree -z` prints, or None (git stopped) past `MAX_FILES` entries.

    Identical folders are one tree object in git however many times they are repeated: a
    revision of a few kilobytes can list billions of files, which would fill the memory.
    """
    assert process.stdout is not None
    chunks: list[bytes] = []
    entries = 0
    while chunk := process.stdout.read(CHUNK):
        entries += chunk.count(b"\0")
        if entries > gittree.MAX_FILES:
            process.kill()
            return None
        chunks.append(chunk)
    return b"".join(chunks)
