"""Hostile pacts for the output tests: values and file names that try to break out of a format.

A pull request may hold any text in a record and any name git can store for a file. These
helpers build such pacts and say what an output must never contain: a line that a GitHub
Actions runner would execute (it trims leading whitespace then looks for `::command`, and finds
a legacy `##[command]` anywhere in a line), a terminal control character, or text that is not
UTF-8.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from pacte_testing import base_text, make_pact

MSA = "data/partners/msa.yaml"
# YAML double-quoted escapes: \e is ESC, \a BEL, \N NEL (U+0085), \L and \P U+2028 / U+2029.
HOSTILE_SIGLE = (
    r'"MSA\n::error file=x.yaml::forgé\r::stop-commands::jeton\e[2J\a ##[warning]w'
    r' \N::set-output name=a::b\L::x\P::y \u202eà rebours"'
)
# What git and a file system accept in a name: bytes that are not UTF-8, CR, LF, ESC...
HOSTILE_NAME = b"data/partners/x\xff\n::error::nom\r\x1b[31m.yaml"

_COMMAND_LINE = re.compile(r"^\s*::")


def hostile_pact(folder: Path, *, name: bool = True) -> Path:
    """The base pact with a hostile MSA sigle quoted by an error message, and a hostile file."""
    msa = base_text(MSA).replace("sigle: MSA", f"sigle: {HOSTILE_SIGLE}")
    msa = msa.replace("2025: 3000", "2025: 3500")  # exceeds the budget: the sigle is quoted
    root = make_pact(folder, {MSA: msa})
    if name:
        write_bytes_name(root, HOSTILE_NAME, b"id: x\n")
    return root


def write_bytes_name(root: Path, relative: bytes, content: bytes) -> None:
    target = os.path.join(os.fsencode(root), relative)
    with open(target, "wb") as handle:
        handle.write(content)


def forged_lines(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Lines a GitHub Actions runner would read as a workflow command (but `allowed` starts).

    Lines are split at every line break Python knows, more than the runner does, so nothing
    the runner could see is missed.
    """
    found = []
    for line in text.splitlines():
        if "##[" in line or (_COMMAND_LINE.match(line) and not line.startswith(allowed)):
            found.append(line)
    return found


def controls(text: str, allowed: str = "\n") -> list[str]:
    """Control characters, separators and bidi overrides a terminal or a log would obey."""
    return [
        c
        for c in text
        if c not in allowed
        and (
            ord(c) < 0x20
            or 0x7F <= ord(c) <= 0x9F
            or c in "\u2028\u2029"
            or "\u202a" <= c <= "\u202e"
            or "\u2066" <= c <= "\u2069"
        )
    ]


def assert_inert_lines(text: str, allowed_commands: tuple[str, ...] = ()) -> None:
    text.encode("utf-8")  # no lone surrogate: the output can be written
    assert forged_lines(text, allowed_commands) == []
    assert controls(text) == []


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Agent",
        "GIT_AUTHOR_EMAIL": "agent@example.org",
        "GIT_COMMITTER_NAME": "Agent",
        "GIT_COMMITTER_EMAIL": "agent@example.org",
        "GIT_AUTHOR_DATE": "2026-05-04T10:00:00+02:00",
        "GIT_COMMITTER_DATE": "2026-05-04T10:00:00+02:00",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(root.parent),
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)
