"""Renderers of `pacte report`: the report context -> a terminal view, Markdown or HTML.

`FORMATS` is the registry: `pacte report --format` offers exactly its keys, with their help.
Each module defines `render(context, options) -> str` and `SIGNING`, and is imported only when
chosen. `terminal` draws rich tables; `markdown` and `html` run the Jinja templates (packaged
defaults, overridable per pact repository, in a sandbox then). Jinja, rich and Babel are
imported only by these modules, never by `pacte validate`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactecli.render import Format

if TYPE_CHECKING:
    from pathlib import Path

    from pactecli.render.output import Signing
    from pactecli.report.context_types import RapportContexte

FORMATS: dict[str, Format] = {
    "terminal": Format("pactecli.render.roadmap.terminal", "tableaux à l'écran"),
    "markdown": Format("pactecli.render.roadmap.markdown", "feuille de route complète"),
    "html": Format("pactecli.render.roadmap.html", "feuille de route complète, à imprimer"),
}


class Options:
    """What a roadmap renderer may need besides the context (each uses its part)."""

    __slots__ = ("color", "root", "template_dir", "width")

    def __init__(
        self,
        root: Path,
        template_dir: Path | None = None,
        color: bool = False,
        width: int | None = None,
    ) -> None:
        self.root, self.template_dir, self.color, self.width = root, template_dir, color, width


def render(name: str, context: RapportContexte, options: Options) -> str:
    text: str = FORMATS[name].load().render(context, options)
    return text


def signing(name: str) -> Signing:
    found: Signing = FORMATS[name].load().SIGNING
    return found
