"""Time `pacte diff` between two commits of the large pact against `pacte validate` of one.

    python benchmarks/bench_diff.py [--rounds 5] [--conventions 100] [--workdir DIR]

The large generated pact (100 conventions x 100 actions, `generate_pact.py`) is committed in a
git repository under --workdir; a second commit changes 100 actions (the status of one action in
each convention). Then `pacte diff HEAD~1 HEAD` and `pacte validate` (of the same
pact, on disk) run as pairs, alternating which goes first; the figure is the median over pairs
of diff / validate (target: at most 2.5).

Git processes: `pacte diff` runs once more with a `git` wrapper first on PATH that logs each
call; the count is the same for the small sample pact and the large one (never one process per
file). Both figures are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench_validate import ACTIONS_PER_CONVENTION, ensure_pact
from benchlib import ENVIRONMENT, REPO, checked, machine, median_ratio, pacte_command, paired

AS_OF = "2026-11-27"
CHANGED_ACTIONS = 100
_STATUS = re.compile(r"^statut: (\w+)$", re.MULTILINE)
_NEXT_STATUS = {
    "non_demarre": "en_cours",
    "en_cours": "suspendu",
    "suspendu": "en_cours",
    "realise": "en_cours",
    "abandonne": "suspendu",
}
_IDENTITY = {
    "GIT_AUTHOR_NAME": "Banc d'essai",
    "GIT_AUTHOR_EMAIL": "banc@pacte.example",
    "GIT_COMMITTER_NAME": "Banc d'essai",
    "GIT_COMMITTER_EMAIL": "banc@pacte.example",
    "GIT_AUTHOR_DATE": "2026-01-01T10:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-01-01T10:00:00+01:00",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ("git", *args),
        cwd=repo,
        env={**os.environ, **_IDENTITY},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def changed_files(root: Path) -> list[Path]:
    """One action of each convention (the first by name), up to CHANGED_ACTIONS."""
    conventions = sorted(p for p in (root / "data" / "conventions").iterdir() if p.is_dir())
    found = [min((c / "actions").glob("*.yaml")) for c in conventions]
    return found[:CHANGED_ACTIONS]


def change_action(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = _STATUS.sub(lambda m: f"statut: {_NEXT_STATUS[m.group(1)]}", text, count=1)
    path.write_text(text, encoding="utf-8")


def ensure_repository(workdir: Path, conventions: int, seed: int) -> Path:
    """A git repository with the large pact (commit 1) and 100 actions changed (commit 2)."""
    source = ensure_pact(workdir, conventions, seed)
    repo = workdir / f"depot-{source.name}"
    stamp = workdir / f"{repo.name}.done"
    if stamp.is_file() and stamp.read_text("utf-8") == (workdir / f"{source.name}.done").read_text(
        "utf-8"
    ):
        return repo
    print(f"dépôt git de {source} …", flush=True)
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(source, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Grand pacte")
    for path in changed_files(repo):
        change_action(path)
    git(repo, "commit", "-q", "-a", "-m", f"{CHANGED_ACTIONS} actions modifiées")
    stamp.write_text((workdir / f"{source.name}.done").read_text("utf-8"), "utf-8")
    return repo


def diff_command(repo: Path) -> list[str]:
    return [*pacte_command(), "diff", "HEAD~1", "HEAD", "--root", str(repo), "--as-of", AS_OF]


def validate_command(repo: Path) -> list[str]:
    return [*pacte_command(), "validate", "--root", str(repo), "--as-of", AS_OF]


def git_calls(repo: Path, workdir: Path) -> list[str]:
    """The git commands `pacte diff HEAD~1 HEAD` starts, logged by a wrapper first on PATH."""
    real = shutil.which("git")
    assert real is not None, "git introuvable"
    wrapper = workdir / "git-espion"
    wrapper.mkdir(exist_ok=True)
    log = wrapper / "appels.log"
    log.unlink(missing_ok=True)
    script = wrapper / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', "utf-8")
    script.chmod(0o755)
    environment = {**ENVIRONMENT, "PATH": f"{wrapper}{os.pathsep}{ENVIRONMENT['PATH']}"}
    done = subprocess.run(diff_command(repo), env=environment, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"échec de pacte diff : {done.stderr.decode('utf-8', 'replace')}")
    return log.read_text("utf-8").splitlines() if log.is_file() else []


def small_repository(workdir: Path) -> Path:
    """The sample pact of this repository in a two-commit git repository."""
    repo = workdir / "depot-exemple"
    if not (repo / ".git").is_dir():
        shutil.rmtree(repo, ignore_errors=True)
        repo.mkdir(parents=True)
        shutil.copy(REPO / "pacte.yaml", repo / "pacte.yaml")
        shutil.copytree(REPO / "data", repo / "data")
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "Pacte")
        change_action(changed_files(repo)[0])
        git(repo, "commit", "-q", "-a", "-m", "Une action modifiée")
    return repo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Banc d'essai de pacte diff.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--conventions", type=int, default=100)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pacte-bench"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)

    repo = ensure_repository(args.workdir, args.conventions, args.seed)
    actions = args.conventions * ACTIONS_PER_CONVENTION
    files = 1 + sum(1 for _ in (repo / "data").rglob("*.yaml"))
    print(f"machine : {machine()}")
    print(f"pacte : {actions} actions, {files} fichiers, {CHANGED_ACTIONS} actions modifiées")
    checked(diff_command(repo))  # warm the bytecode caches
    checked(validate_command(repo))
    pairs = paired(validate_command(repo), diff_command(repo), args.rounds, "validate / diff")
    validate_median = sorted(a.seconds for a, _ in pairs)[len(pairs) // 2]
    diff_median = sorted(b.seconds for _, b in pairs)[len(pairs) // 2]
    ratio = median_ratio(pairs)
    print(f"pacte validate (médiane) : {validate_median:.2f} s")
    print(f"pacte diff HEAD~1 HEAD (médiane) : {diff_median:.2f} s")
    print(f"rapport médian diff / validate : {ratio:.2f} (objectif : au plus 2,5)")

    large = git_calls(repo, args.workdir)
    small = git_calls(small_repository(args.workdir), args.workdir)
    print(f"processus git : {len(large)} pour {files} fichiers, {len(small)} pour le petit pacte")
    for line in large:
        print(f"  git {line}")
    if len(large) != len(small):
        sys.exit("le nombre de processus git dépend du nombre de fichiers")
    if ratio > 2.5:
        sys.exit("objectif manqué : pacte diff dépasse 2,5 fois pacte validate")


if __name__ == "__main__":
    main()
