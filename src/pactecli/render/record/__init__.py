"""Renderers of `pacte show`: one action's, partner's or convention's sheet -> text, Markdown,
JSON.

`FORMATS` is the registry (`pacte show --format`); each module defines `render(sheet)` and
`SIGNING`, and is imported only when chosen. Text and Markdown render the same page
(`pages`, `document`); JSON writes the sheet itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactecli.render import Format

if TYPE_CHECKING:
    from pactecli.render.output import Signing
    from pactecli.report.sheets import FicheAction, FicheConvention, FichePartenaire

FORMATS: dict[str, Format] = {
    "text": Format("pactecli.render.record.text", "pour le terminal"),
    "markdown": Format("pactecli.render.record.markdown", "pour un document ou un commentaire"),
    "json": Format("pactecli.render.record.json", "la fiche en données"),
}


def render(name: str, sheet: FicheAction | FichePartenaire | FicheConvention) -> str:
    text: str = FORMATS[name].load().render(sheet)
    return text


def signing(name: str) -> Signing:
    found: Signing = FORMATS[name].load().SIGNING
    return found
