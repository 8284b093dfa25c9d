"""Real git repositories of a small pact, built in a temporary folder for `pacte diff` tests.

Commits have a fixed author and date, so ids and outputs are reproducible; nothing depends on
the user's git configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from pacte_testing import make_pact

_IDENTITY = {
    "GIT_AUTHOR_NAME": "Agent du Département",
    "GIT_AUTHOR_EMAIL": "agent@departement.example",
    "GIT_COMMITTER_NAME": "Agent du Département",
    "GIT_COMMITTER_EMAIL": "agent@departement.example",
    "GIT_CONFIG_NOSYSTEM": "1",
}


class PactRepo:
    """A git repository holding the base test pact in `root` (the repository or a sub-folder)."""

    def __init__(self, top: Path, root: Path) -> None:
        self.top = top
        self.root = root
        self.commits = 0

    def git(self, *args: str) -> str:
        return self.git_input(*args, text="")

    def git_input(self, *args: str, text: str) -> str:
        """`git ARGS` with `text` on its standard input (for hash-object, mktree)."""
        env = {**os.environ, **_IDENTITY, "HOME": str(self.top.parent)}
        date = f"2026-01-{self.commits + 1:02d}T10:00:00+01:00"
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        done = subprocess.run(
            ("git", *args),
            cwd=self.top,
            env=env,
            input=text,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def text(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.text(name)
        assert old in text, f"{old!r} absent de {name}"
        self.write(name, text.replace(old, new, 1))

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(self.root / old, self.root / new)

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        self.commits += 1
        return self.git("rev-parse", "HEAD").strip()


def init_repo(top: Path, sub: str = "") -> PactRepo:
    top.mkdir(parents=True, exist_ok=True)
    root = top / sub if sub else top
    make_pact(root)
    repo = PactRepo(top, root)
    repo.git("init", "-q", "-b", "main")
    repo.commit("Pacte initial")
    return repo
