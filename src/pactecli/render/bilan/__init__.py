"""Renderers of `pacte bilan`: the bilan context -> Markdown, HTML (templates) or a workbook.

`FORMATS` is the registry (`pacte bilan --format`); each module defines `render(context,
options)` (text for Markdown and HTML, bytes for the workbook) and `SIGNING`, and is imported
only when chosen. Markdown and HTML run `bilan.md.j2` and `bilan.html.j2` through the report's
templating (same filters, same overrides from the pact's `templates/` or `--template-dir`,
same sandbox and bounds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactecli.render import Format

if TYPE_CHECKING:
    from pactecli.render.output import Signing
    from pactecli.render.roadmap import Options
    from pactecli.report.bilan_types import BilanContexte

FORMATS: dict[str, Format] = {
    "markdown": Format("pactecli.render.bilan.markdown", "pour un document ou un wiki"),
    "html": Format("pactecli.render.bilan.html", "page autonome, à imprimer"),
    "xlsx": Format("pactecli.render.bilan.xlsx", "classeur Excel ou LibreOffice"),
}
BINARY = frozenset(("xlsx",))
"""Formats whose output is bytes, not text."""


def render(name: str, context: BilanContexte, options: Options) -> str | bytes:
    found: str | bytes = FORMATS[name].load().render(context, options)
    return found


def signing(name: str) -> Signing:
    found: Signing = FORMATS[name].load().SIGNING
    return found
