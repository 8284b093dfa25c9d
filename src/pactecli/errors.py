"""The errors that stop a command, and the exit codes they map to.

Bad records never raise: they become diagnostics. What raises is misuse (a missing pact, an
unknown revision, a file we refuse to overwrite, an output that cannot be written): the CLI
boundary turns it into a French message and exit code 2, never a traceback. Anything else that
escapes is a bug of pacte: exit code 3, so that CI never mistakes it for "problems found".
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class PacteError(Exception):
    """A failure the user can fix; `str()` is the French message shown to them."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(PacteError):
    """Misuse: no pact found, bad option value, unknown revision..."""


class RenderError(PacteError):
    """A template or renderer failed on data that validated (exit 1)."""

    exit_code = EXIT_PROBLEMS
