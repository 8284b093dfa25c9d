"""`pip install .` ships the export schema (tests/test_packaging.py checks every package)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from export_testing import REPO


def test_the_export_schema_is_package_data() -> None:
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data = settings["tool"]["setuptools"]["package-data"]
    assert "*.json" in data["pactecli.export"]
    assert Path(REPO / "src/pactecli/export/export.schema.json").is_file()
