"""What `pip install .` (not editable) ships: every package of src/ and the page templates.

pyproject.toml lists its packages by hand (the schemas, templates and examples live outside
src/); a package left out installs nothing of itself and every command then fails at import,
which an editable install (the tests') never shows.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _setuptools() -> dict[str, object]:
    found = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert isinstance(found, dict)
    return found


def test_every_package_of_src_is_listed() -> None:
    listed = set(_setuptools()["packages"])  # type: ignore[arg-type]
    found = {
        ".".join(init.parent.relative_to(REPO / "src").parts)
        for init in (REPO / "src").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)


def test_the_page_templates_are_package_data() -> None:
    patterns = _setuptools()["package-data"]["pactecli.templates"]  # type: ignore[index]
    pages = [
        p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates/web").iterdir()
    ]
    assert pages
    for page in pages:
        assert any(fnmatch.fnmatch(page, pattern) for pattern in patterns), page
