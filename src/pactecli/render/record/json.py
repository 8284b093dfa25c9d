"""`pacte show --format json`: the sheet as data, every field of the page and more.

Amounts and numbers are exact decimal strings (`render.jsondata`), rates (`atteinte`, `part`,
`taux_verse`, `taux_depense`) decimal-fraction strings with 4 places, dates ISO.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from pactecli import __version__
from pactecli.render import escape
from pactecli.render.jsondata import plain
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.report.sheets import FicheAction, FicheConvention, FichePartenaire

SIGNING = EMBEDDED
FORMAT_VERSION = 1
RATES = frozenset(("atteinte", "part", "taux_verse", "taux_depense"))
_PLACES = Decimal("0.0001")


def _data(value: Any, rate: bool = False) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _data(getattr(value, f.name), f.name in RATES)
            for f in dataclasses.fields(value)
        }
    if isinstance(value, list | tuple):
        return [_data(item, rate) for item in value]
    if rate and isinstance(value, Decimal):
        return f"{value.quantize(_PLACES):f}"
    return plain(value)


def _kind(sheet: object) -> tuple[str, str]:
    if isinstance(sheet, FicheAction):
        return "action", sheet.action.id
    if isinstance(sheet, FichePartenaire):
        return "partenaire", sheet.partenaire.id
    assert isinstance(sheet, FicheConvention)
    return "convention", sheet.convention.id


def render(sheet: object) -> str:
    kind, record_id = _kind(sheet)
    data = {
        "version": FORMAT_VERSION,
        "tool": {"name": "pacte", "version": __version__},
        "kind": kind,
        "id": record_id,
        "record": _data(sheet),
        "signature": SIGNATURE,
    }
    return escape.to_json(data) + "\n"
