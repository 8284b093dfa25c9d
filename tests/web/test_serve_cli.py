"""`pacte serve` on the command line: a real server on a free port of 127.0.0.1, its URL, its
warning for another address, its French refusals, and a clean stop on Ctrl+C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pacte_testing import AS_OF, run_pacte

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")


def _start(pact: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pactecli",
            "serve",
            "--root",
            str(pact),
            "--as-of",
            AS_OF,
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    return process.stdout.readline()


def test_serves_on_a_free_port_prints_its_url_and_stops_cleanly_on_ctrl_c(pact: Path) -> None:
    process = _start(pact, "--port", "0")
    try:
        line = _first_line(process)
        found = URL.search(line)
        assert found, line
        assert "lecture et écriture" in line and "Ctrl+C" in line
        with urllib.request.urlopen(found.group(0), timeout=30) as answer:
            page = answer.read().decode("utf-8")
            assert answer.status == 200
            assert answer.headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert "Feuille de route" in page
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "serveur arrêté" in out
    assert "Traceback" not in err


def test_read_only_is_said_when_the_server_starts(pact: Path) -> None:
    process = _start(pact, "--port", "0", "--lecture-seule")
    try:
        assert "lecture seule" in _first_line(process)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def test_another_address_needs_hote_and_is_warned_about(pact: Path) -> None:
    process = _start(pact, "--port", "0", "--hote", "0.0.0.0")
    try:
        line = _first_line(process)
        assert "http://0.0.0.0:" in line
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert "attention" in err and "toute machine" in err and "--lecture-seule" in err


def test_ouvrir_opens_the_browser_at_the_url(pact: Path, tmp_path: Path) -> None:
    opened = tmp_path / "ouvert.txt"
    browser = f"{sys.executable} -c \"import sys; open('{opened}', 'w').write(sys.argv[1])\" %s"
    process = subprocess.Popen(
        [sys.executable, "-m", "pactecli", "serve", "--root", str(pact), "--port", "0", "--ouvrir"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BROWSER": browser},
    )
    try:
        found = URL.search(_first_line(process))
        assert found
        for _ in range(100):
            if opened.exists() and opened.read_text("utf-8"):
                break
            time.sleep(0.1)
        assert opened.read_text("utf-8") == found.group(0)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def test_a_port_in_use_is_a_french_usage_error(pact: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = run_pacte("serve", "--root", str(pact), "--port", str(port))
    assert run.exit_code == 2
    assert f"le port {port} est déjà utilisé" in run.stderr and "--port 0" in run.stderr


def test_git_and_read_only_do_not_go_together(pact: Path) -> None:
    run = run_pacte("serve", "--root", str(pact), "--git", "--lecture-seule", "--port", "0")
    assert run.exit_code == 2
    assert "ne vont pas ensemble" in run.stderr


def test_git_outside_a_repository_is_said_at_once(pact: Path) -> None:
    run = run_pacte("serve", "--root", str(pact), "--git", "--port", "0")
    assert run.exit_code == 2
    assert "n'est pas dans un dépôt git" in run.stderr


def test_the_help_is_french(pact: Path) -> None:
    run = run_pacte("serve", "--help")
    assert run.exit_code == 0
    for option in ("--port", "--hote", "--lecture-seule", "--ouvrir", "--git"):
        assert option in run.stdout
    assert "navigateur" in run.stdout


@pytest.mark.parametrize("port", ["-1", "70000", "huit"])
def test_a_bad_port_is_refused(pact: Path, port: str) -> None:
    assert run_pacte("serve", "--root", str(pact), "--port", port).exit_code == 2
