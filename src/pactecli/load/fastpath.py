"""The fast data path: records in plain block YAML read by yaml-rs, everything else left to libyaml.

`documents.load` reads a record with libyaml (PyYAML's C parser) and builds its data in Python,
which is most of `pacte validate`'s time on a large pact. yaml-rs (a Rust YAML 1.2 parser)
builds the same dicts, lists and scalars about five times faster, but it is not pacte's reader:
it expands aliases, ignores tags, reads `4e3`, `+4`, `0x1F`, `1_000` and `.inf` as numbers,
keys such as `2024` as integers, takes NEL and LS as text, and its nesting is bounded only by
the C stack. So it is used only where it cannot differ, and says so by returning the data; in
every other case `read` returns `UNSURE` and the caller takes the libyaml path, which also gives
every diagnostic and every position. Nothing here reports a problem.

What decides, cheapest first (why each rule exists: benchmarks/README.md, "fast path"):

1. A scan of the bytes (one `bytes.translate` into character classes, then `in` tests). To
   libyaml go: control characters, tabs and carriage returns, C1 controls (NEL), LS, PS,
   U+FFFE, U+FFFF, a byte order mark past the first; a `%` directive; an anchor, alias, tag or
   complex key where a node may start, a `+` before a digit and a merge key `<<` (only records
   holding one of `&*!?+<` are searched for them); a flow collection over several lines, inside
   another, holding a quote, or with a node starting with `:` or `?` (libyaml and yaml-rs
   differ there); a line
   starting with 200 spaces or dashes (hostile nesting, which would overflow yaml-rs's stack);
   1000 digits in a row; an underscore next to a digit and a digit before `x`, `o` or `b`
   (YAML 1.2 integers such as `1_000` or `0x1F`, text for pacte); a block scalar that may end
   the text (yaml-rs then adds a line break).
2. yaml-rs itself, strict: UTF-8 only, a duplicate key is an error (the libyaml path reports it).
3. A walk of the data: the top is a mapping; no collection 64 levels deep (`MAX_DEPTH`); keys are
   text or integers (turned back into the digits written, unless a zero-padded or `-0` spelling
   is in the text, or two keys then collide); a record holding a float is scanned for the
   notations pacte keeps as text (exponents, `.inf`, `.nan`, more than 15 significant digits).

yaml-rs is imported on first use only, and a failed import just leaves the libyaml path.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from typing import Any, Final, Literal

#: A collection nested this deep is refused by the libyaml path (its MAX_DEPTH).
MAX_DEPTH: Final = 64
#: Lines starting with this many spaces or dashes go to libyaml: the nesting a line can open is
#: bounded by its indentation, and yaml-rs recurses once per level (it overflows its stack near
#: 100 000 levels). Records are indented a few dozen columns at most.
MAX_INDENT: Final = 200

#: Bytes read by the libyaml path alone before the fast path is tried: importing yaml-rs costs a
#: few milliseconds, which the fast path wins back over about as many bytes again (see
#: benchmarks/README.md); a pact of a few dozen records never imports it.
FAST_PATH_AFTER: Final = 32 * 1024

UNSURE: Final[Any] = object()
"""What `read` returns when the libyaml path must read the record."""

ReadingPath = Literal["auto", "strict", "fast"]
_reading: ReadingPath = "auto"
_strict_bytes = 0  # read by the libyaml path alone so far in this process, in "auto"


def _classes(**classes: bytes) -> bytes:
    """A `bytes.translate` table sending each listed byte to its class letter, others to `a`."""
    table = bytearray(b"a" * 256)
    for letter, members in classes.items():
        for byte in members:
            table[byte] = ord(letter)
    return bytes(table)


_C0 = bytes(range(0x00, 0x0A)) + bytes(range(0x0B, 0x20)) + b"\x7f"  # tab and CR included
# The class of every byte, so that one pass answers most questions with `in` on a class string:
# c control, s space or dash, n newline, i an indicator worth a closer look, 9 a digit, u `_`,
# x the letters of `0x`/`0o`/`0b`, { a flow indicator `[`, `{` or `,`, : a colon, p `%`; then the
# bytes of C1 controls (\xc2 \x80-\x9f: L k), LS and PS (\xe2 \x80 \xa8-\xa9: E k w), a BOM (\xef
# \xbb \xbf: F b f), U+FFFE and U+FFFF (\xef \xbf \xbe-\xbf: F f g f).
_SHAPE = _classes(
    c=_C0,
    s=b" -",
    n=b"\n",
    i=b"&*!?+<",
    u=b"_",
    x=b"xXoObB",
    p=b"%",
    L=b"\xc2",
    k=bytes(range(0x80, 0xA0)),
    E=b"\xe2",
    w=b"\xa8\xa9",
    F=b"\xef",
    b=b"\xbb",
    f=b"\xbf",
    g=b"\xbe",
    **{"9": b"0123456789", "{": b"[{,", ":": b":"},
)
#: (lead byte class, byte sequences) of C1 controls, LS and PS, a BOM, U+FFFE and U+FFFF.
_EXOTIC = ((b"L", (b"Lk",)), (b"E", (b"Ekw",)), (b"F", (b"Fbf", b"Fff", b"Ffg")))
_DEEP = b"n" + b"s" * MAX_INDENT
#: Longer runs of digits go to libyaml, which keeps a number of over 4300 digits as text at once
#: (yaml-rs would spend seconds turning a megabyte of digits into an integer).
_LONG_NUMBER = b"9" * 1000
# The closer look at &*!?+<: an anchor, alias, tag or complex key where a node may start (line
# start, after an indicator, in a flow collection), a sign before a number, a merge key.
_INDICATORS = re.compile(rb"(?:^|[-?:,\[{])[ ]*[&*!?]|\+[0-9._]|<<", re.MULTILINE)
# Flow collections: libyaml takes `?` and `:` at the start of a flow node as indicators
# (`{:-}`, `{?a: b}`), yaml-rs as the start of a plain scalar; and yaml-rs lets an implicit key
# run over lines in a flow mapping, which libyaml refuses. So a record goes to libyaml when such
# a node starts after `[`, `{` or `,` (classes {, : and i in the shape), or unless every flow
# collection is on one line and holds no other one and no quote: seen on the brackets, quotes and
# newlines alone (`{}` as `[]`, quotes as `q`), every opening bracket is then followed by its
# closing one (a quoted bracket, `{"}" ... "{"}`, cannot fake a flow on one line).
_FLOW_NODE_INDICATOR = re.compile(rb"[{]s*[:i]")
_FLOW_CHARS = bytes.maketrans(b"{}\"'", b"[]qq")
_NOT_FLOW_CHARS = bytes(byte for byte in range(256) if byte not in b"[]{}\"'\n")
_UNDERSCORE_BY_A_DIGIT = re.compile(rb"u(?:9|(?<=9u))")  # starts with `u`: a fast search
_NOT_PLAIN_DECIMAL = re.compile(  # the notations pacte reads as text and yaml-rs as floats
    rb"[0-9._][eE][-+0-9_]|[.](?:[iI][nN][fF]|[nN][aA][nN])|[0-9.]{16}|[0-9.]_|_[0-9.]"
)

_parser: Any = None  # yaml_rs.loads once imported; False when it cannot be


@contextlib.contextmanager
def reading_path(path: ReadingPath) -> Iterator[None]:
    """Read every record by one path ("strict": libyaml alone, "fast": this one first) or choose
    by size ("auto", the default); for the tests and benchmarks that compare them."""
    global _reading
    saved, _reading = _reading, path
    try:
        yield
    finally:
        _reading = saved


def worth_trying(size: int) -> bool:
    """Whether `documents.load` should try `read` on a record of `size` bytes."""
    global _strict_bytes
    if _reading != "auto":
        return _reading == "fast"
    if _strict_bytes >= FAST_PATH_AFTER:
        return True
    _strict_bytes += size
    return False


def available() -> bool:
    """Whether yaml-rs can be imported (it is, on first call)."""
    global _parser
    if _parser is None:
        try:
            import yaml_rs
        except ImportError:  # not installed for this platform: the libyaml path reads all
            _parser = False
        else:
            _parser = yaml_rs
    return _parser is not False


def read(content: bytes) -> Any:
    """The data of a record (BOM removed) when yaml-rs reads it as libyaml would, else UNSURE."""
    if not available() or not _plain_enough(content):
        return UNSURE
    try:
        text = content.decode("utf-8")
        data = _parser.loads(
            text, parse_datetime=False, duplicate_key_policy=_parser.DuplicateKeyPolicy.Error
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # any error (a Rust panic is a BaseException): libyaml will tell
        return UNSURE
    if type(data) is not dict or not _settle(data, content):
        return UNSURE
    return data


def _plain_enough(content: bytes) -> bool:
    """The scan: no byte, indicator or notation where yaml-rs and libyaml may differ."""
    shape = b"n" + content.translate(_SHAPE)
    if b"c" in shape or _DEEP in shape or _LONG_NUMBER in shape:
        return False
    if _block_scalar_may_end_the_text(content):
        return False
    for lead, sequences in _EXOTIC:  # a lead byte is a fast search; « » ’ and … have them too
        if lead in shape and any(sequence in shape for sequence in sequences):
            return False
    if b"i" in shape and _INDICATORS.search(content):
        return False
    if b"np" in shape:  # a directive (%YAML, %TAG or unknown, which yaml-rs ignores)
        return False
    if b"{" in shape:
        flows = content.translate(_FLOW_CHARS, _NOT_FLOW_CHARS)
        openers = flows.count(b"[")
        if openers and (flows.count(b"[]") != openers or _FLOW_NODE_INDICATOR.search(shape)):
            return False
    if b"u" in shape and _UNDERSCORE_BY_A_DIGIT.search(shape):  # 1_000: an integer in YAML 1.2
        return False
    return b"9x" not in shape  # nor are 0x1F, 0o17 and 0b11 text there (a superset: 2b, 3x)


def _block_scalar_may_end_the_text(content: bytes) -> bool:
    """yaml-rs ends a block scalar at the end of the text with a line break libyaml does not
    give: `a: |` alone is "" for libyaml, "\\n" for yaml-rs; `a: |` then `  x` without a final
    line break is "x" and "x\\n". Both need a `|` or `>` on the last line or no final newline."""
    if not content.endswith(b"\n"):
        return b"|" in content or b">" in content
    last_line = content.rstrip(b" \n").rpartition(b"\n")[2]
    return b"|" in last_line or b">" in last_line


def _settle(root: dict[Any, Any], content: bytes) -> bool:
    """Check the data of `content` and give it pacte's text keys, in place; False when unsure."""
    walk = _Walk()
    if not walk.collection(root, 0):
        return False
    if walk.int_keys and not _keys_written_plainly(walk.int_keys, content):
        return False
    return not walk.floats or not _NOT_PLAIN_DECIMAL.search(content)


class _Walk:
    """One recursive pass over the data (at most MAX_DEPTH deep): keys, floats, depth."""

    __slots__ = ("floats", "int_keys")

    def __init__(self) -> None:
        self.int_keys: set[int] = set()
        self.floats = False

    def collection(self, node: dict[Any, Any] | list[Any], depth: int) -> bool:
        if depth >= MAX_DEPTH:
            return False
        if type(node) is dict:
            for key in node:
                if type(key) is not str:
                    if not self._text_keys(node):
                        return False
                    break
            values: Iterable[Any] = node.values()
        else:
            values = node
        depth += 1
        for value in values:
            kind = type(value)
            if kind is dict or kind is list:
                if not self.collection(value, depth):
                    return False
            elif kind is float:
                self.floats = True
        return True

    def _text_keys(self, mapping: dict[Any, Any]) -> bool:
        """Integer keys back into text (`2024` -> "2024"), in place; False for other keys."""
        for key in mapping:
            kind = type(key)
            if kind is int:
                self.int_keys.add(key)
            elif kind is not str:  # null, boolean, float or complex keys: libyaml reads them
                return False
        try:
            renamed = dict(zip(map(str, mapping), mapping.values(), strict=True))
        except ValueError:  # an integer too long to print (over 4300 digits)
            return False
        if len(renamed) != len(mapping):  # `2024:` and `"2024":` in one mapping: a duplicate
            return False
        mapping.clear()
        mapping.update(renamed)
        return True


def _keys_written_plainly(int_keys: set[int], content: bytes) -> bool:
    """No integer key was written zero-padded (`007:`) or as `-0:`, which str() would not give."""
    for key in int_keys:
        digits = str(abs(key)).encode()
        if b"0" + digits in content or (key == 0 and b"-0" in content):
            spelled = re.compile(rb"-?0+" + digits + rb"[ ]*:" if key else rb"-0+[ ]*:|00+[ ]*:")
            if any(_starts_a_key(content, match.start()) for match in spelled.finditer(content)):
                return False
    return True


def _starts_a_key(content: bytes, start: int) -> bool:
    return start == 0 or content[start - 1 : start] in (b" ", b"\n", b"{", b",", b"[", b"?", b"-")
