"""Bounds on a report rendered in the sandbox: time, memory and output size.

Jinja's sandbox keeps a template away from Python's internals, not from the machine: nested
`range` loops, `9 ** 9 ** 9`, `'x' * 10**9` or `"x"|center(10**9)` would hang CI or exhaust its
memory. Two layers:

1. Cheap checks inside the sandbox, for a fast, clear French error at the template's line:
   `*` and `**` are intercepted (Jinja's `intercepted_binops`, which also stops constant folding
   at compile time) and refused when the result would exceed `MAX_ITEMS` items or
   `MAX_DIGITS` digits; `range`, `lipsum` and the filters and string methods that pad or
   repeat (`center`, `indent`, `batch`, `slice`, `.ljust`…) are bounded the same way; the
   output is counted while `generate()` streams it and stops past `MAX_OUTPUT_CHARS`.
2. A backstop for everything else (a filter allocating in one C call, `"%2000000000s"|format`,
   a loop with no output, a compiler crash): the sandboxed render runs in a forked child with
   `RLIMIT_AS` (its current size plus `MEMORY_HEADROOM`), `RLIMIT_CPU` (`CPU_SECONDS`, caught
   as SIGXCPU to name the template line; SIGKILL a few seconds later) and a wall-clock
   deadline in the parent (twice `CPU_SECONDS`, for a busy machine; then SIGKILL). An
   in-process alarm could not stop a long C call, and an in-process memory limit would hit
   whatever runs next; the child dies alone, its stdout and stderr closed so it cannot write
   a line of its own. Its text comes back through a pipe after a one-line JSON header (its
   length, or the French error).

The limits are generous for real pacts: the 10 000-action benchmark report is 46 million
characters, takes about 3 s of CPU in the sandbox and needs about 300 MB more than the
validated pact (render, join, UTF-8 encoding). The child costs about half a second more on
that pact (copy-on-write page faults, encoding, the pipe), a few milliseconds on a real one.
The packaged defaults render in the parent, unbounded, at full speed. Without `os.fork`
(Windows) the sandboxed report renders in-process with layer 1 only.
"""

from __future__ import annotations

import functools
import json
import math
import os
import select
import signal
import time
from collections.abc import Callable, Iterable
from typing import Any

from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from pactecli import formatting
from pactecli.errors import RenderError

MAX_ITEMS = 1_000_000
MAX_DIGITS = 10_000
MAX_RANGE = 100_000
MAX_OUTPUT_CHARS = 100_000_000
MEMORY_HEADROOM = 1024**3
CPU_SECONDS = 20
LIMITS_HINT = (
    "un modèle du pacte est limité en calculs, en mémoire et en taille du rapport : "
    "simplifiez la boucle ou l'expression en cause"
)


class LimitExceeded(Exception):
    """A template asked for more than the sandbox allows; the message is French."""


class OutOfTime(BaseException):
    """SIGXCPU in the child: a BaseException, so that nothing in Jinja swallows it."""


def _big(number: int) -> str:
    return formatting.number(number, 0)


def _check_count(count: Any, what: str, limit: int = MAX_ITEMS) -> None:
    if isinstance(count, int) and count > limit:
        raise LimitExceeded(
            f"{what} : {_big(count)} éléments demandés, au plus {_big(limit)} permis : refusé"
        )


def _check_digits(digits: float, what: str) -> None:
    if digits > MAX_DIGITS:
        raise LimitExceeded(
            f"{what} : le résultat aurait {_big(int(digits) + 1)} chiffres, au plus "
            f"{_big(MAX_DIGITS)} permis : refusé"
        )


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        _check_digits(exponent * math.log10(abs(base)), "puissance")


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        _check_digits((left.bit_length() + right.bit_length()) * math.log10(2), "multiplication")
        return
    for sequence, count in ((left, right), (right, left)):
        if isinstance(count, int) and isinstance(sequence, str | bytes | list | tuple):
            _check_count(len(sequence) * count, "répétition")


def _bounded_filter(function: Callable[..., Any], check: Callable[..., None]) -> Any:
    @functools.wraps(function)  # keeps Jinja's pass_arg marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return function(*args, **kwargs)

    return bounded


def _center(value: Any, width: Any = 80, *_: Any) -> None:
    _check_count(width, "filtre center")


def _indent(value: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    pad = len(width) if isinstance(width, str) else width
    if isinstance(pad, int) and pad > 0:
        lines = str(value).count("\n") + 1
        _check_count(pad * lines, "filtre indent")


def _batch(value: Any, count: Any = 1, *_: Any, **__: Any) -> None:
    _check_count(count, "filtre batch")


def _slice(value: Any, count: Any = 1, *_: Any, **__: Any) -> None:
    _check_count(count, "filtre slice")


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _center,
    "indent": _indent,
    "batch": _batch,
    "slice": _slice,
}
_PADDING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    _check_count(len(numbers), "range", MAX_RANGE)
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    _check_count(n * max, "lipsum")
    return generate_lorem_ipsum(n, html, min, max)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the checks of layer 1 (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, check in _FILTER_CHECKS.items():
            self.filters[name] = _bounded_filter(self.filters[name], check)
        self.globals.update(range=bounded_range, lipsum=bounded_lipsum)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
        else:
            _check_product(left, right)
        return self.binop_table[operator](left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Calls from the template; the padding methods of strings are bounded like `center`."""
        owner = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and method in _PADDING_METHODS:
            copies = max(owner.count("\t"), 1) if method == "expandtabs" else 1
            for width in (*args, *kwargs.values()):
                if isinstance(width, int):
                    _check_count(width * copies, f"méthode {method}")
        return super().call(__context, __obj, *args, **kwargs)


def joined(pieces: Iterable[str]) -> str:
    """The streamed output of a template, stopped once it exceeds `MAX_OUTPUT_CHARS`."""
    kept: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT_CHARS:
            raise LimitExceeded(f"le rapport dépasserait {_big(MAX_OUTPUT_CHARS)} caractères")
        kept.append(piece)
    return "".join(kept)


# --- layer 2: the forked child ---------------------------------------------------------------


def isolated(work: Callable[[], str]) -> str:
    """`work()` run in a child with bounded memory and time; its `RenderError`s come back."""
    if not hasattr(os, "fork"):
        return work()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller, whatever happens
        status = 70
        try:
            os.close(reader)
            _child(work, writer)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    try:
        message = _receive(reader, time.monotonic() + 2 * CPU_SECONDS)
    finally:
        os.close(reader)
        status = _reap(pid)
    return _result(message, status)


def _child(work: Callable[[], str], writer: int) -> None:
    _mute()
    _limit_resources()
    text = ""
    header: dict[str, str | int]
    try:
        text = work()
        header = {}
    except RenderError as error:
        header = {"erreur": str(error), "conseil": error.hint}
    except BaseException:  # never a traceback, never back into the parent's code
        header = {"erreur": "modèle du pacte : le rendu a échoué", "conseil": LIMITS_HINT}
    body = text.encode("utf-8", "surrogatepass")
    del text
    header["octets"] = len(body)
    _write_all(writer, json.dumps(header).encode() + b"\n")
    _write_all(writer, body)


def _write_all(writer: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(writer, view[: 1 << 20]) :]


def _mute() -> None:
    """Nothing the child does may write a line where the user or CI reads."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def _limit_resources() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux
        return

    def out_of_time(signum: int, frame: object) -> None:
        raise OutOfTime

    signal.signal(signal.SIGXCPU, out_of_time)
    # A hard limit set by the caller (ulimit) is kept: ours may only be lower.
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or hard > CPU_SECONDS + 5:
        hard = CPU_SECONDS + 5  # SIGKILL if a C call ignores SIGXCPU that long
    resource.setrlimit(resource.RLIMIT_CPU, (min(CPU_SECONDS, hard), hard))
    size = _address_space()
    if size is not None:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = size + MEMORY_HEADROOM
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int | None:
    """The process's virtual size in bytes (Linux), which `RLIMIT_AS` counts."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def _receive(reader: int, deadline: float) -> bytes | None:
    """Everything the child sends, or None if it is still at work at the deadline."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([reader], [], [], remaining)[0]:
            return None
        chunk = os.read(reader, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> int:
    """The child's wait status, once it is gone (killed first if still running)."""
    finished, status = os.waitpid(pid, os.WNOHANG)
    if finished == 0:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    return status


def _result(message: bytes | None, status: int) -> str:
    """The child's text, or its French error; a child cut short is an error too."""
    if message is None or (
        os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGKILL, signal.SIGXCPU)
    ):
        raise out_of_time_error("du pacte")
    header, _, body = message.partition(b"\n")
    try:
        answer = json.loads(header)
        complete = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        complete = complete and answer["octets"] == len(body)
    except (ValueError, KeyError, TypeError):
        complete = False
    if not complete:
        raise RenderError("modèle du pacte : le rendu s'est arrêté anormalement", hint=LIMITS_HINT)
    if "erreur" in answer:
        raise RenderError(str(answer["erreur"]), hint=str(answer.get("conseil", "")))
    return body.decode("utf-8", "surrogatepass")


def out_of_time_error(where: str) -> RenderError:
    return RenderError(
        f"modèle {where} : le rendu a dépassé {CPU_SECONDS} s de calcul : arrêté",
        hint=LIMITS_HINT + " (boucles imbriquées ?)",
    )


def out_of_memory_error(where: str) -> RenderError:
    return RenderError(
        f"modèle {where} : le rendu a dépassé la mémoire permise "
        f"({MEMORY_HEADROOM // 1024**3} Gio) : arrêté",
        hint=LIMITS_HINT,
    )
