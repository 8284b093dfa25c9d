"""Inline SVG charts for the HTML report: no script, nothing fetched, text alternatives.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` (referenced by
`aria-labelledby`) that state the figures in words, so a screen reader or a text browser gets
the same information. Every user text is escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup

from pactecli.formatting import euros, percent
from pactecli.render import escape as escaping
from pactecli.report.context_types import Chiffres, ExecutionVue, Ligne, Part

# Colour-blind-safe palette (Okabe-Ito, darkened where needed for contrast on white).
PALETTE = ("#1f4e9c", "#c75a00", "#1b7f5f", "#b0306a", "#5b4ea0", "#8a6d00", "#0f6f8f", "#555555")
ZERO = Decimal(0)
_FONT = 'font-family="Marianne, Arial, Helvetica, sans-serif"'


class Ids:
    """Element ids unique within one report (a template may draw a chart twice)."""

    def __init__(self) -> None:
        self._count = itertools.count(1)

    def new(self, prefix: str) -> str:
        return f"{prefix}-{next(self._count)}"


def _open(
    ids: Ids, prefix: str, width: int, height: int, title: str, desc: str
) -> tuple[str, list[str]]:
    chart = ids.new(prefix)
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart}-t {chart}-d" class="graphique">',
        f'<title id="{chart}-t">{escaping.html(title)}</title>',
        f'<desc id="{chart}-d">{escaping.html(desc)}</desc>',
    ]
    return chart, head


def _label(
    x: float,
    y: float,
    text: str,
    anchor: str = "start",
    size: int = 13,
    weight: str = "normal",
    fill: str = "#1e1e1e",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" {_FONT}>{escaping.html(text)}</text>'
    )


_STEPS = (
    (1, 5),
    (Decimal("1.5"), 3),
    (2, 4),
    (Decimal("2.5"), 5),
    (3, 3),
    (4, 4),
    (5, 5),
    (6, 3),
    (8, 4),
    (10, 5),
)


def _nice_scale(value: Decimal) -> tuple[Decimal, int]:
    """A round top for the value axis and a number of intervals giving round gridlines."""
    if value <= 0:
        return Decimal(1), 1
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for multiple, intervals in _STEPS:
        if value <= magnitude * multiple:
            return magnitude * multiple, intervals
    return magnitude * 10, 5


def axis_years(ids: Ids, figures: Chiffres, years: Sequence[int]) -> Markup:
    """Stacked columns: money committed per year, one colour per axis."""
    rows: tuple[Ligne, ...] = figures.par_axe
    width, height, left, bottom, top = 760, 360, 92, 300, 20
    sums = [sum((r.montants[i] for r in rows), Decimal(0)) for i in range(len(years))]
    ceiling, intervals = _nice_scale(max(sums, default=Decimal(0)))
    words = "; ".join(
        f"{year} : {euros(total)} ("
        + ", ".join(f"{r.libelle} {euros(r.montants[i])}" for r in rows if r.montants[i])
        + ")"
        for i, (year, total) in enumerate(zip(years, sums, strict=True))
    )
    _, svg = _open(
        ids,
        "axes",
        width,
        height + 24 * len(rows),
        "Montants engagés par année et par axe",
        f"Histogramme empilé des montants engagés. {words}." if rows else "Aucun montant engagé.",
    )
    scale = Decimal(bottom - top) / ceiling
    for step in range(intervals + 1):
        value = ceiling * step / intervals
        y = bottom - float(value * scale)
        svg.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
        )
        svg.append(_label(left - 8, y + 4, euros(value.to_integral_value()), "end", 12))
    band = (width - left - 10) / max(len(years), 1)
    bar = min(band * 0.55, 120)
    for i, year in enumerate(years):
        x = left + band * i + (band - bar) / 2
        y = float(bottom)
        for colour, row in zip(itertools.cycle(PALETTE), rows):
            amount = row.montants[i]
            if amount <= 0:
                continue
            h = float(amount * scale)
            y -= h
            tip = escaping.html(f"{year}, {row.libelle} : {euros(amount)}")
            svg.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{tip}</title></rect>'
            )
        svg.append(_label(x + bar / 2, bottom + 18, str(year), "middle", 13, "bold"))
        svg.append(_label(x + bar / 2, y - 6, euros(sums[i]), "middle", 12))
    for j, (colour, row) in enumerate(zip(itertools.cycle(PALETTE), rows)):
        y = bottom + 44 + 24 * j
        svg.append(f'<rect x="{left}" y="{y - 11}" width="14" height="14" fill="{colour}"/>')
        svg.append(_label(left + 22, y, f"{row.libelle} — {euros(row.total)}", size=13))
    svg.append("</svg>")
    return Markup("\n".join(svg))


def funder_shares(ids: Ids, figures: Chiffres, limit: int = 8) -> Markup:
    """Horizontal bars: each funder's share of the money committed."""
    shares = list(figures.par_financeur)
    if len(shares) > limit:
        rest = shares[limit - 1 :]
        shares = shares[: limit - 1]
        others = sum((s.montant for s in rest), Decimal(0))
        other_share = sum((s.part for s in rest), Decimal(0))
        shares.append(Part(f"Autres ({len(rest)} financeurs)", others, other_share))
    width, row_height, left = 760, 34, 230
    words = "; ".join(f"{s.libelle} {euros(s.montant)} ({percent(s.part)})" for s in shares)
    _, svg = _open(
        ids,
        "financeurs",
        width,
        row_height * max(len(shares), 1) + 10,
        "Part de chaque financeur dans les montants engagés",
        f"Barres horizontales. {words}." if shares else "Aucun montant engagé.",
    )
    largest = max((s.part for s in shares), default=Decimal(1)) or Decimal(1)
    room = width - left - 190
    for i, share in enumerate(shares):
        y = 8 + row_height * i
        length = float(share.part / largest) * room
        name = share.libelle if len(share.libelle) <= 30 else share.libelle[:29] + "…"
        svg.append(_label(left - 10, y + 17, name, "end", 13))
        svg.append(
            f'<rect x="{left}" y="{y + 4}" width="{max(length, 1):.1f}" height="18" '
            f'fill="{PALETTE[0]}"/>'
        )
        svg.append(
            _label(
                left + length + 8,
                y + 17,
                f"{percent(share.part)} · {euros(share.montant)}",
                size=13,
                weight="bold",
            )
        )
    svg.append("</svg>")
    return Markup("\n".join(svg))


_EXECUTION_SERIES = (
    ("Budget", "#555555"),
    ("Engagé", PALETTE[0]),
    ("Versé", PALETTE[2]),
    ("Dépensé", PALETTE[1]),
)


def _amount(value: Decimal | None) -> str:
    return euros(value) if value is not None else "non déclaré"


def execution_years(ids: Ids, execution: ExecutionVue) -> Markup:
    """Grouped columns, year by year: budget, engagé, versé and dépensé (plan against actual).

    A year whose spending is not declared draws no « Dépensé » column; closed years are named as
    such under their label, so a reader sees at once which figures are final.
    """
    total = execution.total
    years = execution.annees
    series = [
        (label, colour, values)
        for (label, colour), values in zip(
            _EXECUTION_SERIES,
            (total.budget, total.engage, total.verse, total.depense),
            strict=True,
        )
    ]
    highest = max((v for _, _, values in series for v in values if v is not None), default=ZERO)
    width, left, bottom, top = 760, 92, 300, 20
    ceiling, intervals = _nice_scale(highest)
    words = "; ".join(
        f"{year.annee} ({year.libelle}) : "
        + ", ".join(f"{label.lower()} {_amount(values[i])}" for label, _, values in series)
        for i, year in enumerate(years)
    )
    _, svg = _open(
        ids,
        "execution",
        width,
        bottom + 80,
        "Exécution par année : budget, engagé, versé, dépensé",
        f"Colonnes groupées par année. {words}." if years else "Aucune année.",
    )
    scale = Decimal(bottom - top) / ceiling
    for step in range(intervals + 1):
        value = ceiling * step / intervals
        y = bottom - float(value * scale)
        svg.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
        )
        svg.append(_label(left - 8, y + 4, euros(value.to_integral_value()), "end", 12))
    band = (width - left - 10) / max(len(years), 1)
    bar = min(band * 0.8 / len(series), 34)
    for i, year in enumerate(years):
        start = left + band * i + (band - bar * len(series)) / 2
        for j, (label, colour, values) in enumerate(series):
            amount = values[i]
            if amount is None or amount <= 0:
                continue
            h = float(amount * scale)
            x = start + bar * j
            tip = escaping.html(f"{year.annee}, {label} : {euros(amount)}")
            svg.append(
                f'<rect x="{x:.1f}" y="{bottom - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{tip}</title></rect>'
            )
        middle = left + band * i + band / 2
        svg.append(_label(middle, bottom + 18, str(year.annee), "middle", 13, "bold"))
        svg.append(_label(middle, bottom + 34, year.libelle, "middle", 12, fill="#555555"))
    for j, (label, colour, _) in enumerate(series):
        x = left + 150 * j
        svg.append(f'<rect x="{x}" y="{bottom + 52}" width="14" height="14" fill="{colour}"/>')
        svg.append(_label(x + 20, bottom + 64, label, size=13))
    svg.append("</svg>")
    return Markup("\n".join(svg))
