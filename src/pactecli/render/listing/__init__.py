"""Renderers of `pacte list`: the lines of one kind of record -> a table, CSV or JSON.

`FORMATS` is the registry (`pacte list --format`); each module defines `render(liste, options)`
and `SIGNING`, and is imported only when chosen. The columns are shared (`columns`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactecli.render import Format

if TYPE_CHECKING:
    from pactecli.render.output import Signing
    from pactecli.report.listing import Liste

FORMATS: dict[str, Format] = {
    "table": Format("pactecli.render.listing.table", "une ligne par enregistrement, à l'écran"),
    "csv": Format(
        "pactecli.render.listing.csv",
        "pour un tableur, montants en décimales à point (12000.5), taux en fraction (0.9333)",
    ),
    "json": Format("pactecli.render.listing.json", "les lignes en données"),
}


class Options:
    """What a listing renderer may need besides the lines (a plain class: see `Format`)."""

    __slots__ = ("color", "width")

    def __init__(self, color: bool = False, width: int | None = None) -> None:
        self.color, self.width = color, width


def render(name: str, liste: Liste, options: Options) -> str:
    text: str = FORMATS[name].load().render(liste, options)
    return text


def signing(name: str) -> Signing:
    found: Signing = FORMATS[name].load().SIGNING
    return found
