"""`pip install .` (the README's first command) ships every package of pacte, export included."""

from __future__ import annotations

import tomllib
from pathlib import Path

from export_testing import REPO


def test_every_package_of_the_source_tree_is_listed_in_pyproject() -> None:
    """A package left out of `packages` is missing from a plain install: `pacte` cannot start
    (pactecli.model was, once it became a package)."""
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(settings["tool"]["setuptools"]["packages"])
    source = REPO / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")
    }
    assert found - listed == set()


def test_the_export_schema_is_package_data() -> None:
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data = settings["tool"]["setuptools"]["package-data"]
    assert "*.json" in data["pactecli.export"]
    assert Path(REPO / "src/pactecli/export/export.schema.json").is_file()
