"""`pip install .`, the README's first command, ships every package of `src/pactecli`.

The editable install used by the tests finds packages by their folders, a built one only by the
list in pyproject.toml: a package missing there fails at the first import, for users only.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def test_every_package_is_listed_in_pyproject() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(settings["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(SRC).parts) for init in SRC.rglob("__init__.py")}
    assert sorted(found - listed) == []
