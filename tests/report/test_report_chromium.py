"""The HTML roadmap in a real browser: headless Chromium screenshots the first page, lays the
report out at a phone's and a desktop's width, and prints it to PDF.

On screen: the page never scrolls sideways, even at 390 px; wide tables and charts scroll inside
their own labelled, focusable box; chart text stays readable. The layout is measured by a
wrapper page that holds the report in an `<iframe srcdoc>` (same origin, so the wrapper's script
can read the report's geometry while the report itself stays script-free and byte for byte what
pacte wrote) and writes its findings into its own DOM, which `chromium --dump-dom` prints. No
WebDriver: selenium and a chromedriver matching Debian's Chromium would be two more things to
install and keep in step, for one number.

On paper (A4, read back with pypdf): every page carries « Page N sur M », and no page is left
less than half full in the middle of a section (a table or an action that jumped whole to the
next page); only the cover and the last page of a section may be short.

Chromium is Debian's `chromium` package (`.ci/run` installs it when missing). Run locally
without it, these tests are skipped with the reason.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import shutil
import struct
import subprocess
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf._page import PageObject
from report_testing import AS_OF, REPO, copy_small

from pacte_testing import run_pacte

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Skipped on a developer's machine without Chromium, never in CI (CI=true), where .ci/run
# installs it: a missing browser must fail there, not pass silently.
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium absent (apt-get install chromium)",
)
A4_WINDOW = "1240,1754"


def _chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium; its standard output (the DOM with `--dump-dom`)."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def png_colours(data: bytes, rows: int = 600) -> int:
    """Distinct colours in the first `rows` rows of an 8-bit RGB or RGBA PNG (no Pillow)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, compressed = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "PNG attendu en RVB(A) 8 bits"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    raw = zlib.decompressobj().decompress(compressed, (1 + width * channels) * rows)
    stride = width * channels
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(min(rows, height)):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + guess) & 0xFF
        colours.update(bytes(line[i : i + 3]) for i in range(0, stride, channels * 4))
        previous = line
    return len(colours)


def _html(root: Path, as_of: str, target: Path) -> Path:
    run = run_pacte(
        "report", "--root", str(root), "--as-of", as_of, "-f", "html", "-o", str(target)
    )
    assert run.exit_code == 0, run
    return target


@pytest.fixture(scope="module", params=["petit", "hautes-alpes"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML roadmap of the small pact, then of this repository's data."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "petit":
        return _html(copy_small(folder / "pacte"), AS_OF, folder / "feuille-de-route.html")
    return _html(REPO, "2026-11-27", folder / "feuille-de-route.html")


@pytest.fixture(scope="module")
def printed(report: Path) -> Path:
    pdf = report.with_suffix(".pdf")
    _chromium(
        report.parent / "profil", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri()
    )
    return pdf


def test_first_page_and_printed_pdf_are_not_blank(report: Path, printed: Path) -> None:
    screenshot = report.with_name("page1.png")
    _chromium(
        report.parent / "profil",
        f"--screenshot={screenshot}",
        f"--window-size={A4_WINDOW}",
        report.as_uri(),
    )
    assert png_colours(screenshot.read_bytes()) > 20  # text, badges, charts: not a blank page
    pages = [_printed_page(page) for page in PdfReader(printed).pages]
    assert len(pages) >= 5  # a page per section
    assert all(page.top_line for page in pages)  # every page carries text above its footer


# --- on screen: a phone and a desktop --------------------------------------------------------

MEASURE = """
window.addEventListener("load", () => {
  const doc = document.getElementById("rapport").contentDocument;
  const root = doc.documentElement;
  const edge = root.clientWidth + 0.5;
  const loose = [...doc.body.querySelectorAll("*")]
    .filter(e => e.getBoundingClientRect().right > edge && !e.closest(".defilement"));
  const boxes = [...doc.querySelectorAll(".defilement")];
  const unlabelled = boxes.filter(b => b.tabIndex !== 0 || b.getAttribute("role") !== "region"
    || !doc.getElementById(b.getAttribute("aria-labelledby")));
  const chartText = [...doc.querySelectorAll("svg.graphique")].flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")]
      .map(t => scale * parseFloat(t.getAttribute("font-size")));
  });
  document.getElementById("mesure").textContent = JSON.stringify({
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    loose: loose.slice(0, 5).map(e => e.tagName + "." + e.getAttribute("class")),
    boxes: boxes.length,
    unlabelled: unlabelled.length,
    scrolling: boxes.filter(b => b.scrollWidth > b.clientWidth).length,
    charts: doc.querySelectorAll("svg.graphique").length,
    chartsBoxed: doc.querySelectorAll(".defilement > svg.graphique").length,
    smallestChartText: Math.min(...chartText),
  });
});
"""


def _layout(report: Path, width: int) -> dict[str, Any]:
    """The report's geometry at `width` CSS pixels, measured in Chromium (see the docstring)."""
    wrapper = report.with_name(f"mesure-{width}.html")
    wrapper.write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>mesure</title>'
        '</head><body style="margin: 0">'
        f'<iframe id="rapport" style="border: 0; width: {width}px; height: 900px" '
        f'srcdoc="{html.escape(report.read_text(encoding="utf-8"), quote=True)}"></iframe>'
        f'<pre id="mesure">non mesuré</pre><script>{MEASURE}</script></body></html>',
        encoding="utf-8",
    )
    dom = _chromium(
        report.parent / "profil", "--virtual-time-budget=10000", "--dump-dom", wrapper.as_uri()
    )
    found = re.search(r'<pre id="mesure">([^<]*)</pre>', dom)
    assert found is not None and found.group(1).startswith("{"), dom[-500:]
    measured: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return measured


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_never_scrolls_sideways_wide_content_scrolls_in_its_own_box(
    report: Path, width: int
) -> None:
    layout = _layout(report, width)
    assert layout["scrollWidth"] <= layout["clientWidth"], layout
    assert layout["loose"] == [], layout  # nothing wider than the screen outside a box
    assert layout["boxes"] > 0 and layout["unlabelled"] == 0, layout
    # axes by year, funders' shares, and plan against actual when the pact follows its execution
    charts = 2 if report.parent.name.startswith("petit") else 3
    assert layout["charts"] == layout["chartsBoxed"] == charts, layout
    assert layout["smallestChartText"] >= 10, layout  # px: the chart scrolls rather than shrink
    if width == 390:
        assert layout["scrolling"] > 0, layout  # the wide tables do scroll, inside their box


# --- on paper --------------------------------------------------------------------------------

SECTION_STARTS = (
    "Chiffres clés",
    "Conventions et financements",
    "Exécution",
    "AXE ",
    "Contributions des partenaires",
    "Points d'attention",
    "Glossaire",
)
MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class PrintedPage:
    text: str  # the whole page, spaces normalised, ligatures undone
    top_line: str  # the first words of the page's content (its heading, if any)
    fill: float  # from the top margin down to the lowest line of content, 0 to 1


def _printed_page(page: PageObject) -> PrintedPage:
    pieces: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            pieces.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    top, bottom = height - 14 * MM, 16 * MM  # the @page margins of style.css.j2
    content = sorted((piece for piece in pieces if piece[0] > bottom), key=lambda p: -p[0])

    def words(items: list[tuple[float, str]]) -> str:
        return unicodedata.normalize("NFKC", " ".join(" ".join(t for _, t in items).split()))

    lowest = min((y for y, _ in content), default=top)
    return PrintedPage(words(pieces), words(content[:6]), (top - lowest) / (top - bottom))


def test_printed_pages_are_numbered_and_none_is_left_half_empty_mid_section(
    printed: Path,
) -> None:
    pages = [_printed_page(page) for page in PdfReader(printed).pages]
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in page.text
    # The cover (page 1) may be short, and so may the last page of a section: the next
    # section starts on a new page. Anywhere else a short page means something jumped whole.
    for number, (page, following) in enumerate(itertools.pairwise(pages[1:]), start=2):
        if page.fill < 0.5:
            assert following.top_line.startswith(SECTION_STARTS), (
                f"page {number} remplie à {page.fill:.0%}, suivie de « {following.top_line} »"
            )
