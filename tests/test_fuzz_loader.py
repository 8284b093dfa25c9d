"""Random and corrupted YAML through the whole check: never an exception, only diagnostics.

Each example replaces one file of the base pact by random text or by a mutation of the real file
(byte flips, truncation, inserted tabs, anchors, tags, duplicate keys, random unicode), then runs
`validation.validate` on an in-memory snapshot: loader, schema, model and every rule.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacte_testing import AS_OF_DATE, BASE, MemorySnapshot
from pactecli.check import rules
from pactecli.check.validation import validate
from pactecli.diagnostics import Severity

BASE_FILES: dict[str, bytes] = {
    path.relative_to(BASE).as_posix(): path.read_bytes() for path in sorted(BASE.rglob("*.yaml"))
}
CODES = {info.code for info in rules.catalogue()}
INSERTS = [
    b"\t",
    b"&ancre ",
    b"*ancre",
    b"!!str ",
    b"!etiquette ",
    b"<<: {a: 1}\n",
    b"\n---\n",
    b"\nid: doublon\n",
    b": ",
    b"- ",
    b"\n  ",
    b'"',
    b"[",
    b"{",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r\n",
    b".nan",
    b"2024-02-30",
    b"12 000",
    b"oui",
    b"\x00",
    "é€🙂\u202f".encode(),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    path = draw(st.sampled_from(sorted(BASE_FILES)))
    data = bytearray(BASE_FILES[path])
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "insert", "truncate", "delete", "unicode"]))
        if kind == "flip" and position < len(data):
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[position:position] = draw(st.sampled_from(INSERTS))
        elif kind == "truncate":
            del data[position:]
        elif kind == "delete":
            del data[position : position + draw(st.integers(1, 20))]
        else:
            data[position:position] = draw(st.text(min_size=1, max_size=5)).encode()
    return bytes(data)


CONTENTS = st.one_of(
    mutated(),
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.text(alphabet=" \t\n-:[]{}&*!#|>'\"%@`,?", max_size=80).map(str.encode),
)


def _check(files: dict[str, bytes]) -> None:
    result = validate(MemorySnapshot(files), AS_OF_DATE)
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES
        assert diagnostic.severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        assert diagnostic.location.line >= 1
        assert diagnostic.location.column >= 1
        assert diagnostic.location.path in files
        assert diagnostic.location.json_path.startswith("$")
        assert diagnostic.message.strip()
        assert diagnostic.hint.strip(), diagnostic
        assert not any(word in diagnostic.message for word in (" is not ", " expected ", "None"))
    assert result.file_count == len(files)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(sorted(BASE_FILES)), content=CONTENTS)
def test_any_bytes_in_one_file_give_only_diagnostics(path: str, content: bytes) -> None:
    _check({**BASE_FILES, path: content})


@settings(max_examples=60, deadline=None)
@given(contents=st.lists(CONTENTS, min_size=1, max_size=3), seed=st.randoms())
def test_several_broken_files_at_once(contents: list[bytes], seed: object) -> None:
    files = dict(BASE_FILES)
    paths = sorted(files)
    for index, content in enumerate(contents):
        files[paths[(index * 3) % len(paths)]] = content
    _check(files)


def test_alias_bomb_is_cheap() -> None:
    """Nested aliases ("billion laughs") are refused without being expanded."""
    lines = ["id: msa", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    files = {**BASE_FILES, "data/partners/msa.yaml": "\n".join(lines).encode()}
    started = dt.datetime.now()
    result = validate(MemorySnapshot(files), AS_OF_DATE)
    assert (dt.datetime.now() - started).total_seconds() < 5
    assert sum(d.code == "yaml-invalide" for d in result.diagnostics) == 1 + 8 + 8 * 9
