"""Fixtures of the `pacte serve` tests: a pact in a temporary folder and the WSGI application
over it, called directly (no network) through `web_testing.Client`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from web_testing import Client, make_app

from pacte_testing import make_pact


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    return make_pact(tmp_path / "pacte")


@pytest.fixture
def client(pact: Path) -> Client:
    return Client(make_app(pact))


@pytest.fixture
def reader(pact: Path) -> Client:
    return Client(make_app(pact, writable=False))
