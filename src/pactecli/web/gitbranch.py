"""`--git`: the changed record files committed on a new branch, nothing else touched.

The user's working tree, index and current branch stay as they are: the commit is built with
git's plumbing on a temporary index (`GIT_INDEX_FILE` in a temporary folder): `read-tree HEAD`,
one `hash-object -w` per changed file (its bytes as read, no filter), `update-index --cacheinfo`
(or `--force-remove` for a record deleted), `write-tree`, `commit-tree -p HEAD`, then
`update-ref refs/heads/<branch> <commit> <zero>`, which fails if the branch exists (even if it
appeared a moment ago). Nothing is ever pushed.

Only record files of the pact count (`pacte.yaml` and the layout's files under `data/`): a file is
changed when the blob id of its bytes differs from HEAD's. Every git process runs in pacte's
protected environment (`gitprocess.git_env`) with a timeout; failures are French.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pactecli.errors import UsageError
from pactecli.layout import PACT_FILE, classify
from pactecli.load.git import Repository
from pactecli.load.gitprocess import GIT_CALLS, GIT_TIMEOUT_SECONDS, git_env, git_missing
from pactecli.load.sources import FolderSnapshot

_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")


@dataclass(frozen=True)
class Changed:
    path: str
    """Relative to the pact root."""
    content: bytes | None
    """None: the record was deleted."""


@dataclass(frozen=True)
class Proposal:
    branch: str
    commit: str
    files: tuple[str, ...]


def _git(
    folder: Path, *args: str, index: str | None = None, given: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = git_env()
    if index is not None:
        env["GIT_INDEX_FILE"] = index
    command = ("git", *args)
    GIT_CALLS.append(command)
    try:
        return subprocess.run(
            command,
            cwd=folder,
            env=env,
            input=given,
            stdin=None if given is not None else subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
        )
    except FileNotFoundError:
        raise git_missing() from None
    except subprocess.TimeoutExpired:
        raise UsageError("git ne répond plus : la proposition n'est pas préparée") from None


def _out(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8", "surrogateescape").strip()


def head(repository: Repository) -> str:
    done = _git(repository.root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if done.returncode != 0 or not _out(done):
        raise UsageError(
            "le dépôt n'a encore aucun commit : il n'y a pas de branche de départ",
            hint="faites un premier commit du pacte avec git, puis relancez",
        )
    return _out(done)


def _head_blobs(repository: Repository, commit: str) -> dict[str, str]:
    """Record path (from the pact root) -> blob id, as of `commit`."""
    prefix = repository.prefix
    done = _git(
        repository.root,
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        commit,
        "--",
        prefix + PACT_FILE,
        prefix + "data",
    )
    if done.returncode != 0:
        raise UsageError("impossible de lire le dernier commit du dépôt")
    found = {}
    for entry in done.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        if kind == "blob" and mode != "120000" and path.startswith(prefix):
            relative = path[len(prefix) :]
            if classify(relative) is not None:
                found[relative] = oid
    return found


def _blob_id(content: bytes, sha256: bool) -> str:
    digest = hashlib.sha256() if sha256 else hashlib.sha1()  # git's object id
    digest.update(b"blob %d\0" % len(content))
    digest.update(content)
    return digest.hexdigest()


def changed_files(repository: Repository) -> list[Changed]:
    """The pact's record files whose bytes differ from HEAD's, and those deleted since."""
    commit = head(repository)
    before = _head_blobs(repository, commit)
    sha256 = len(commit) == 64
    snapshot = FolderSnapshot(repository.root)
    now: dict[str, bytes] = {}
    for entry in snapshot.entries():
        if entry.escapes_root or entry.special or entry.unreadable:
            continue
        if classify(entry.path) is None:
            continue
        try:
            now[entry.path] = snapshot.read(entry.path)
        except OSError:
            continue
    found = [
        Changed(path, content)
        for path, content in sorted(now.items())
        if before.get(path) != _blob_id(content, sha256)
    ]
    found += [Changed(path, None) for path in sorted(before) if path not in now]
    return found


def check_branch(name: str) -> str:
    if not _BRANCH.fullmatch(name) or ".." in name or name.endswith((".lock", "/", ".")):
        raise UsageError(
            f"nom de branche refusé : « {name} »",
            hint="lettres sans accent, chiffres, « - », « _ », « . » et « / », sans « .. » "
            "(ex. proposition-ddets-2026)",
        )
    return name


def propose(repository: Repository, branch: str, message: str) -> Proposal:
    """Commit the changed record files on the new branch `branch` (which must not exist)."""
    check_branch(branch)
    root = repository.root
    ref = f"refs/heads/{branch}"
    done = _git(root, "check-ref-format", ref)
    if done.returncode != 0:
        raise UsageError(f"nom de branche refusé par git : « {branch} »")
    if _git(root, "rev-parse", "--verify", "--quiet", ref).returncode == 0:
        raise UsageError(
            f"la branche « {branch} » existe déjà : elle n'est pas remplacée",
            hint="choisissez un autre nom de branche",
        )
    parent = head(repository)
    changes = changed_files(repository)
    if not changes:
        raise UsageError("aucun fichier du pacte ne diffère du dernier commit : rien à proposer")
    with tempfile.TemporaryDirectory(prefix="pacte-proposition-") as scratch:
        index = os.path.join(scratch, "index")
        _check(_git(root, "read-tree", parent, index=index), "read-tree")
        for change in changes:
            path = repository.prefix + change.path
            if change.content is None:
                _check(
                    _git(root, "update-index", "--force-remove", "--", path, index=index),
                    "update-index",
                )
                continue
            blob = _git(root, "hash-object", "-w", "--no-filters", "--stdin", given=change.content)
            _check(blob, "hash-object")
            mode = "100755" if _executable(root / change.path) else "100644"
            cacheinfo = f"{mode},{_out(blob)},{path}"
            _check(
                _git(root, "update-index", "--add", "--cacheinfo", cacheinfo, index=index),
                "update-index",
            )
        tree = _git(root, "write-tree", index=index)
        _check(tree, "write-tree")
    commit = _git(root, "commit-tree", _out(tree), "-p", parent, "-F", "-", given=message.encode())
    if commit.returncode != 0:
        if b"tell me who you are" in commit.stderr or b"identity" in commit.stderr:
            raise UsageError(
                "git ne connaît pas l'auteur du commit",
                hint="configurez-le une fois : git config --global user.name « Prénom Nom » et "
                "git config --global user.email adresse@exemple.fr",
            )
        _check(commit, "commit-tree")
    zero = "0" * len(parent)
    made = _git(root, "update-ref", "-m", "pacte serve : proposition", ref, _out(commit), zero)
    if made.returncode != 0:
        raise UsageError(
            f"la branche « {branch} » n'a pas pu être créée (elle vient peut-être d'apparaître)",
            hint="choisissez un autre nom de branche",
        )
    return Proposal(branch, _out(commit), tuple(c.path for c in changes))


def _executable(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & 0o100)
    except OSError:
        return False


def _check(done: subprocess.CompletedProcess[bytes], step: str) -> None:
    if done.returncode != 0:
        raise UsageError(
            f"git a refusé une étape de la proposition ({step}) : rien n'a été créé",
            hint="vérifiez le dépôt (git status, git fsck), puis relancez",
        )
