"""Exit codes and the streams around them: 3 for a bug, 2 for an output that cannot be written,
a reader that leaves is no error, and a signal during a write leaves nothing half done.

Real processes where the operating system is the point (pipes, /dev/full, signals).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile_testing import controls, forged_lines

from pacte_testing import AS_OF, base_text, make_pact
from pactecli.cli.app import main

MSA = "data/partners/msa.yaml"
BROKEN = {MSA: base_text(MSA).replace("2025: 3000", "2025: 3 000")}


def _run_in_process(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["pacte", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 0
    finally:
        sys.argv = saved
    return code, out.getvalue(), err.getvalue()


def _process(args: list[str], cwd: Path, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pactecli", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output="stdout" not in options,
        timeout=60,
        check=False,
        **options,  # type: ignore[call-overload]
    )


# --- exit code 3 ---------------------------------------------------------------------------------


def test_an_unexpected_error_is_exit_3_in_french_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boum\n::error::forgé")

    monkeypatch.setattr("pactecli.cli.validate.run_validation", crash)
    code, out, err = _run_in_process("validate", "--root", str(make_pact(tmp_path)))

    assert code == 3  # never 1: CI must not take a bug of pacte for "problems found"
    assert out == ""
    assert err.startswith("pacte : erreur : erreur interne de pacte (RuntimeError : boum\\n")
    assert "merci de le signaler" in err
    assert "Traceback" not in err
    assert not any(line.lstrip().startswith("::") for line in err.splitlines())


def test_error_messages_on_stderr_stay_on_their_line(tmp_path: Path) -> None:
    """A misuse message quotes what the user typed: it cannot start a line of its own."""
    root = make_pact(tmp_path)
    code, _, err = _run_in_process(
        "validate", "--root", str(root), "--as-of", "2026-02-30\n::error::x"
    )

    assert code == 2
    assert forged_lines(err) == [] and controls(err) == []
    assert "« 2026-02-30\\n::error::x » n'est pas une date valide" in err


# --- standard output -----------------------------------------------------------------------------


def test_a_full_disk_on_standard_output_is_exit_2(tmp_path: Path) -> None:
    root = make_pact(tmp_path, BROKEN)
    with open("/dev/full", "wb") as full:
        done = _process(
            ["validate", "--as-of", AS_OF], cwd=root, stdout=full, stderr=subprocess.PIPE
        )

    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert (
        "impossible d'écrire le résultat sur la sortie standard : plus de place sur le disque"
        in (stderr)
    )
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_a_reader_that_leaves_ends_the_output_quietly(tmp_path: Path) -> None:
    """`pacte validate | head -1`: the exit code is still the validation's; nothing on stderr."""
    root = make_pact(tmp_path)  # sound: 0, whatever became of the output
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before pacte writes a byte
    try:
        done = _process(
            ["validate", "--as-of", AS_OF], cwd=root, stdout=writing, stderr=subprocess.PIPE
        )
    finally:
        os.close(writing)

    assert (done.returncode, done.stderr.decode("utf-8")) == (0, "")


def test_a_closed_standard_output_is_exit_2(tmp_path: Path) -> None:
    root = make_pact(tmp_path)
    done = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m pactecli validate --as-of {AS_OF} >&-'],
        cwd=root,
        capture_output=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 2, done.stderr
    assert "la sortie standard est fermée" in done.stderr.decode("utf-8")


# --- signals during a write ----------------------------------------------------------------------

_SIGNAL_MID_WRITE = textwrap.dedent(
    """
    import os, signal, sys, time
    from pactecli.render import output

    real_fdopen = os.fdopen

    class HalfThenSignal:
        # Writes half of the output, then the process receives the signal.
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            os.kill(os.getpid(), signal.{signal})
            time.sleep(30)  # never reached: the signal stops the write
        def __getattr__(self, name):
            return getattr(self.handle, name)

    def fdopen(descriptor, *args, **kwargs):
        handle = real_fdopen(descriptor, *args, **kwargs)
        reading = (args[0] if args else kwargs.get("mode", "r")) == "rb"
        return handle if reading else HalfThenSignal(handle)

    os.fdopen = fdopen
    sys.argv = ["pacte", "validate", "--as-of", "{as_of}", "--output", sys.argv[1]]
    from pactecli.cli.app import main
    main()
    """
)


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 128 + 15), ("SIGINT", 128 + 2)])
def test_a_signal_during_a_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, name: str, code: int
) -> None:
    root = make_pact(tmp_path / "pacte", BROKEN)
    folder = tmp_path / "sorties"
    folder.mkdir()
    target = folder / "rapport.txt"
    first = _process(["validate", "--as-of", AS_OF, "-o", str(target)], cwd=root)
    assert first.returncode == 1, first.stderr
    before = target.read_bytes()
    (root / MSA).write_text(base_text(MSA), "utf-8")  # a different report next time

    script = _SIGNAL_MID_WRITE.format(signal=name, as_of=AS_OF)
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        cwd=root,
        capture_output=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == code, done.stderr
    assert b"Traceback" not in done.stderr
    assert [p.name for p in folder.iterdir()] == ["rapport.txt"]  # no temporary file left
    assert target.read_bytes() == before  # the previous report, whole


def test_sigterm_handler_is_given_back_after_a_command(tmp_path: Path) -> None:
    previous = signal.getsignal(signal.SIGTERM)
    _run_in_process("validate", "--root", str(make_pact(tmp_path)), "--as-of", AS_OF)
    assert signal.getsignal(signal.SIGTERM) == previous
