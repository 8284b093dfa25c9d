"""One escaping function per output kind; every renderer goes through these, none escapes by hand.

Records, file names and templates are hostile input. Whatever they hold, an output must stay
what it is: one line stays one line, a table cell one cell, text never becomes markup, and
nothing a value contains is executed by what reads the output. Two readers matter beyond the
formats themselves:

- a terminal, which obeys control characters (ESC sequences, CR, BEL...);
- the GitHub Actions runner, which reads every line of a step's output as a possible workflow
  command: a line starting (after any whitespace) with `::error ...::` or `::stop-commands::`,
  and a legacy `##[command]` *anywhere* in a line.

So every function below shows control characters (C0, DEL, C1, U+2028/U+2029, bidirectional
overrides) and lone surrogates (a file name that is not UTF-8, decoded with surrogateescape) in a
visible, inert form (`\\n`, `\\x1b`, `\\xff`, `\\u2028`), breaks `##[` and a line-leading `::` in
the way its format allows (an equivalent character reference when the format has one), and
otherwise changes nothing: ordinary French text comes out byte for byte.

Over 400 lines on purpose: every escaper of every output kind sits together, so that the
whole surface a hostile value can reach is reviewed in one file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any


class _Lazy:
    """A regular expression compiled on first use.

    `pacte validate` imports this module on every start and, on a sound pact, escapes nothing:
    compiling the patterns below at import would cost it several milliseconds for no use. After
    the first call, `search`, `sub` and `match` are the compiled pattern's own methods.
    """

    __slots__ = ("_source", "match", "search", "sub")
    match: Callable[[str], re.Match[str] | None]
    search: Callable[[str], re.Match[str] | None]
    sub: Callable[..., str]

    def __init__(self, source: str) -> None:
        self._source = source

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self._source)
        self.match, self.search, self.sub = compiled.match, compiled.search, compiled.sub
        return getattr(compiled, name)


# --- shared pieces ---------------------------------------------------------------------------

_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029"
_BIDI = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides, isolates: they reorder a line
_SURROGATES = "\ud800-\udfff"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(char: str) -> str:
    """`\\n`, `\\x1b`, `\\u2028`; a surrogate-escaped byte as the byte it stands for (`\\xff`)."""
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte 0x80-0xFF
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


# --- line text: text, github, terminal and diff text -----------------------------------------

_LINE_UNSAFE = _Lazy(rf"(?P<lead>\A(?P<space>\s*)::)|##\[|[{_CONTROLS}{_BIDI}{_SURROGATES}]")
# One character class is much faster to search than the alternation: `#` and a leading space
# or colon only say that the full pattern has to look.
_LINE_SUSPECT = _Lazy(rf"[#{_CONTROLS}{_BIDI}{_SURROGATES}]")


# Every character `str.isspace` knows, and the colon: a value starting with one of them may
# hold a leading `::` (checked as a set: these functions run once per value of a report).
_LEADS = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000:"
)


def line(text: str) -> str:
    """Text that stays on its line and is only text: for a terminal or a CI log.

    Controls and lone surrogates are shown escaped, `##[` becomes `##\\[` and a leading `::`
    becomes `\\::` (neither is then a GitHub workflow command). Ordinary text is unchanged.
    """
    if _LINE_SUSPECT.search(text) is None and text[:1] not in _LEADS:
        return text
    return _LINE_UNSAFE.sub(_line_piece, text)


def _line_piece(match: re.Match[str]) -> str:
    if match.group("lead") is not None:  # the whitespace before is shown as line text too
        return line(match.group("space")) + "\\::"
    found = match.group()
    return "##\\[" if found == "##[" else visible(found)


_LINE_STARTS = _Lazy(r"(?m)^(?P<space>[^\S\n]*)::|##\[")


def command_free(text: str) -> str:
    """Several lines pacte laid out itself (a rich table): no line may read as a workflow command.

    For outputs whose values are already escaped with `line` but whose layout may wrap a value
    onto a line of its own. Only `##[` and line-leading `::` are touched; colour codes pacte
    added are kept.
    """
    if _LINE_STARTS.search(text) is None:
        return text
    return _LINE_STARTS.sub(lambda m: "##\\[" if m.group() == "##[" else m.group(1) + "\\::", text)


# --- GitHub workflow commands -----------------------------------------------------------------


def workflow_data(text: str) -> str:
    """The message of a workflow command: `%`, CR and LF as GitHub's toolkit escapes them.

    Values inside it must already be `line` text; a CR or LF left is pacte's own line break
    within the annotation.
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (`file=…`): as a message, plus `:` and `,`."""
    return workflow_data(line(text)).replace(":", "%3A").replace(",", "%2C")


# --- Markdown ----------------------------------------------------------------------------------

_MD_LINE_BREAKS = _Lazy(r"[\r\n\u0085\u2028\u2029\x0b\x0c\x1c-\x1e]+")
_MD_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_HTML_CHARS = _Lazy(r"[&<>]")
_MD_SPECIAL = _Lazy(r"([\\`*_\[\]|~])")
_MD_LINE_START = _Lazy(r"^(#{1,6}|[+=-])(?=\s|$)|^(\d+)([.)])(?=\s|$)")
_MD_REFERENCE = _Lazy(r"#(?=\w)")  # `#12`: an issue or pull request reference on GitHub
_MD_CONTROLS = _Lazy(rf"[\x00-\x08\x0e-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")
_MD_LEADING_COMMAND = _Lazy(r"\A(?P<space>\s*)::")
# What markdown_inline may change anywhere; most values (names, amounts) hold none of it.
_MD_SUSPECT = _Lazy(rf"[\\`*_\[\]|~#@&<>{_CONTROLS}{_BIDI}{_SURROGATES}]")


def _markdown_plain(text: str) -> bool:
    """Whether markdown_inline would return `text` as it is (checked the cheap way)."""
    if not text:
        return True
    if _MD_SUSPECT.search(text) is not None or text[0].isspace() or text[-1].isspace():
        return False
    if text[0].isdigit() or text[0] in "+=-":
        return _MD_LINE_START.match(text) is None
    return not text.startswith("::")


def markdown_inline(text: str) -> str:
    """Any text as one inert line of Markdown: safe in a table cell, a heading or a list item.

    No markup, no HTML, no link or image, no @mention or #reference, no heading or list at the
    start of a line; a line break becomes a space.
    """
    if _markdown_plain(text):
        return text
    flat = _MD_LINE_BREAKS.sub(" ", text).strip()
    flat = _MD_HTML_CHARS.sub(lambda m: _MD_HTML[m.group()], flat)
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    flat = _MD_REFERENCE.sub(r"\\#", flat).replace("@", "&#64;")
    flat = _MD_LINE_START.sub(_markdown_start, flat)
    flat = _MD_LEADING_COMMAND.sub(r"\g<space>\\::", flat)
    return _MD_CONTROLS.sub(lambda m: visible(m.group()), flat)


def _markdown_start(match: re.Match[str]) -> str:
    """`# titre` would be a heading, `1. titre` a list: escape what makes them so."""
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def markdown_code(text: str) -> str:
    """An identifier or a path as inline code, on one line, backquotes and table pipes harmless."""
    flat = " ".join(text.split()).replace("`", "'").replace("|", "\\|")
    flat = _MD_CONTROLS.sub(lambda m: visible(m.group()), flat).replace("##[", "##\\[")
    return f"`{flat}`"


# Links and images kept in a description must not run code nor fetch anything by themselves.
# CommonMark decodes character references in a link destination, so `&#58;` would not do:
# a space after the scheme breaks the destination (and is French typography anyway).
_MD_DANGEROUS_SCHEME = _Lazy(r"(?i)(?<![a-z0-9])(javascript|vbscript|data|file)\\?:")
_MD_IMAGE = _Lazy(r"!(?=\[)")
_MD_CODE_CONTROLS = _Lazy(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")


def markdown_block(text: str) -> str:
    """A description: its lines and Markdown kept, everything that could do harm made inert.

    HTML is shown as text, images become links (nothing is fetched when the page is read),
    `javascript:`, `vbscript:`, `data:` and `file:` links are broken, and a code fence left open
    is closed at the end of the text, so it cannot swallow the rest of the document. Inside a
    fenced code block only controls and workflow commands are touched (code shows as written).
    """
    fences = MarkdownFences()
    out: list[str] = []
    for raw in text.strip().splitlines():
        shown = _markdown_code_line(raw) if fences.inside else _markdown_text_line(raw)
        fences.feed(shown)
        out.append(shown)
    if fences.inside:
        out.append(fences.closing())
    return "\n".join(out)


def _markdown_text_line(raw: str) -> str:
    shown = _MD_HTML_CHARS.sub(lambda m: _MD_HTML[m.group()], raw.rstrip())
    shown = _MD_IMAGE.sub("&#33;", shown)  # a reference, not the image syntax it stands for
    shown = _MD_DANGEROUS_SCHEME.sub(r"\1 :", shown)
    return _markdown_commands(_MD_CONTROLS.sub(lambda m: visible(m.group()), shown))


def _markdown_code_line(raw: str) -> str:
    shown = _MD_CODE_CONTROLS.sub(lambda m: visible(m.group()), raw.rstrip())
    return _markdown_commands(shown)


def _markdown_commands(shown: str) -> str:
    shown = shown.replace("##[", "##\\[")
    # Controls are visible already: what precedes `::` is plain whitespace.
    return _MD_LEADING_COMMAND.sub(r"\g<space>\\::", shown)


_FENCE_OPENING = _Lazy(r"^ {0,3}(?P<fence>`{3,})(?P<info>[^`]*)$|^ {0,3}(?P<tildes>~{3,}).*$")


class MarkdownFences:
    """Which fenced code block is open after the lines seen so far (CommonMark's rules).

    Used to close what a description or a truncated comment left open. Only top-level fences
    are followed: a fence inside a list or a quote ends with its container, and its lines are
    escaped as text anyway.
    """

    def __init__(self) -> None:
        self.fence: str | None = None  # the opening run of backquotes or tildes

    @property
    def inside(self) -> bool:
        return self.fence is not None

    def feed(self, text: str) -> None:
        if self.fence is None:
            opening = _FENCE_OPENING.match(text)
            if opening:
                self.fence = opening.group("fence") or opening.group("tildes")
            return
        stripped = text.strip(" \t")
        indent = len(text) - len(text.lstrip(" "))
        char = self.fence[0]
        if indent <= 3 and len(stripped) >= len(self.fence) and stripped == char * len(stripped):
            self.fence = None

    def copy(self) -> MarkdownFences:
        twin = MarkdownFences()
        twin.fence = self.fence
        return twin

    def closing(self) -> str:
        """The line that closes the open fence (an empty string when none is open)."""
        return self.fence or ""


# --- HTML --------------------------------------------------------------------------------------

# Bidirectional overrides would reorder what a reader sees (a title shown backwards over an
# amount): shown escaped, as on a line of text.
_HTML_SUSPECT = _Lazy(
    rf"[#&<>'\"\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_SURROGATES}"
    rf"\ufdd0-\ufdef\ufffe\uffff]"
)
_HTML_REST = _Lazy(
    rf"(?P<lead>\A(?P<space>\s*)::)|##\[|"
    rf"[\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_SURROGATES}"
    rf"\ufdd0-\ufdef\ufffe\uffff]"
)
# Line breaks as references: the same text, but no value breaks a line of the file (editors and
# log viewers take U+2028 and U+2029 for line ends too).
_HTML_REFERENCES = {"\n": "&#10;", "\r": "&#13;", "\u2028": "&#8232;", "\u2029": "&#8233;"}


def html(text: str) -> str:
    """Text for HTML content or a quoted attribute: what `markupsafe.escape` writes, and more.

    Line breaks become character references (same text, but no value starts a line of the
    file), controls and lone surrogates (which HTML cannot hold) are shown escaped, `##[` and a
    leading `::` are written with a character reference.
    """
    if _HTML_SUSPECT.search(text) is None and text[:1] not in _LEADS:
        return text
    text = (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )
    if _HTML_REST.search(text) is None:
        return text
    return _HTML_REST.sub(_html_piece, text)


def _html_piece(match: re.Match[str]) -> str:
    if match.group("lead") is not None:  # its whitespace may hold line breaks and controls
        return _HTML_REST.sub(_html_piece, match.group("space")) + "&#58;:"
    found = match.group()
    if found == "##[":
        return "##&#91;"
    return _HTML_REFERENCES.get(found) or visible(found)


_MARKUP_UNSAFE = _Lazy(
    rf"(?P<lead>(?:\A|(?<=[\r\n]))(?P<space>[^\S\r\n]*)::)|##\[|"
    rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_SURROGATES}\ufdd0-\ufdef\ufffe\uffff]"
)


_MARKUP_CONTROLS = _Lazy(
    rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_SURROGATES}\ufdd0-\ufdef\ufffe\uffff]"
)


def html_markup(markup: str) -> str:
    """HTML a filter already built (paragraphs, charts): its markup kept, the same dangers gone."""
    if "::" not in markup and "##[" not in markup and _MARKUP_CONTROLS.search(markup) is None:
        return markup
    return _MARKUP_UNSAFE.sub(_markup_piece, markup)


def _markup_piece(match: re.Match[str]) -> str:
    if match.group("lead") is not None:
        return html_markup(match.group("space")) + "&#58;:"
    found = match.group()
    return "##&#91;" if found == "##[" else visible(found)


# --- XML ---------------------------------------------------------------------------------------

_XML_UNSAFE = _Lazy(
    rf"(?P<lead>(?:\A|(?<=[\r\n]))(?P<space>[^\S\r\n]*)::)|##\[|"
    rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_SURROGATES}\ufffe\uffff]"
)


def xml_text(text: str) -> str:
    """Text an XML 1.0 document can hold, for ElementTree to escape (`&`, `<`, quotes).

    XML 1.0 cannot hold most control characters, even as references: they are shown escaped,
    like lone surrogates; `##[` and a line-leading `::` are broken as in line text.
    """
    if _XML_UNSAFE.search(text) is None:
        return text
    return _XML_UNSAFE.sub(_xml_piece, text)


def _xml_piece(match: re.Match[str]) -> str:
    if match.group("lead") is not None:
        return xml_text(match.group("space")) + "\\::"
    found = match.group()
    return "##\\[" if found == "##[" else visible(found)


# --- JSON --------------------------------------------------------------------------------------

_JSON_UNSAFE = _Lazy(rf"##\[|[\x7f-\x9f\u2028\u2029{_BIDI}{_SURROGATES}]")


def to_json(value: Any, indent: int | None = 2) -> str:
    """`value` as JSON text, UTF-8 friendly and readable, that any JSON parser accepts.

    `json.dumps` already escapes C0 controls. DEL, C1, line separators and bidirectional
    controls are written as `\\u` escapes (same value, inert on a terminal). A lone surrogate
    cannot be encoded in UTF-8 and many parsers refuse its escape, so it becomes the visible
    text `\\xff` (the undecodable byte), as in every other format.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(_json_piece, text)


def _json_piece(match: re.Match[str]) -> str:
    found = match.group()
    if found == "##[":
        return "##\\u005b"
    if "\ud800" <= found <= "\udfff":
        return "\\" + visible(found)  # `\\xff` inside a JSON string: the text `\xff`
    return f"\\u{ord(found):04x}"


# --- spreadsheet cells: CSV for spreadsheets, text cells of workbooks --------------------------

#: A text cell starting with one of these is a formula to Excel and LibreOffice (OWASP's list
#: on CSV injection, with the full-width forms spreadsheets also accept).
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def spreadsheet(text: str) -> str:
    """A text cell that no spreadsheet runs as a formula: a leading `'` (shown as text by
    spreadsheets) before a formula start; NUL, which breaks CSV readers, becomes U+FFFD.
    Numbers and dates are values, never passed here."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    if text and text[0] in FORMULA_STARTS:
        return "'" + text
    return text


_LONE_SURROGATE = _Lazy(f"[{_SURROGATES}]")
#: Excel's limit for a text cell, in UTF-16 units.
MAX_CELL_TEXT = 32767


def workbook_text(text: str) -> str:
    """A text cell of a workbook: a byte that is not UTF-8 (a lone surrogate, which no XML can
    hold) shown as `\\xff`, and at most Excel's 32 767 units (cut with `…`)."""
    if _LONE_SURROGATE.search(text) is not None:
        text = _LONE_SURROGATE.sub(lambda m: visible(m.group()), text)
    if len(text) <= MAX_CELL_TEXT // 2 or len(text.encode("utf-16-le")) // 2 <= MAX_CELL_TEXT:
        return text
    cut = text.encode("utf-16-le")[: (MAX_CELL_TEXT - 1) * 2].decode("utf-16-le", "ignore")
    return cut + "…"
