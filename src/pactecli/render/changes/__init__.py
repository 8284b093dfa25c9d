"""Renderers of `pacte diff`: the changes between two versions -> text, Markdown or JSON.

`FORMATS` is the registry: `pacte diff --format` offers exactly its keys, with their help. Each
module defines `render(changes) -> str` and `SIGNING`, and is imported only when chosen; `words`
holds the French wording the formats share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactecli.render import Format

if TYPE_CHECKING:
    from pactecli.diff.values import Changes
    from pactecli.render.output import Signing

FORMATS: dict[str, Format] = {
    "text": Format("pactecli.render.changes.text", "pour le terminal"),
    "markdown": Format(
        "pactecli.render.changes.markdown", "commentaire de demande de fusion GitHub ou GitLab"
    ),
    "json": Format("pactecli.render.changes.json", "chaque changement en données, pour les robots"),
}


def render(name: str, changes: Changes) -> str:
    text: str = FORMATS[name].load().render(changes)
    return text


def signing(name: str) -> Signing:
    found: Signing = FORMATS[name].load().SIGNING
    return found
