"""Renderers of `pacte history`: one record's changes commit by commit -> text, Markdown, JSON.

`FORMATS` is the registry (`pacte history --format`); each module defines `render(history)` and
`SIGNING`, and is imported only when chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactecli.render import Format

if TYPE_CHECKING:
    from pactecli.diff.history import History
    from pactecli.render.output import Signing

FORMATS: dict[str, Format] = {
    "text": Format("pactecli.render.history.text", "pour le terminal"),
    "markdown": Format("pactecli.render.history.markdown", "pour un document ou un commentaire"),
    "json": Format("pactecli.render.history.json", "chaque changement en données"),
}


def render(name: str, history: History) -> str:
    text: str = FORMATS[name].load().render(history)
    return text


def signing(name: str) -> Signing:
    found: Signing = FORMATS[name].load().SIGNING
    return found
