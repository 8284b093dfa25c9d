"""Both ways of reading a record (libyaml alone, or yaml-rs where it cannot differ) give the same.

`documents.load` takes yaml-rs's data only when `load.fastpath` is sure it is the data libyaml's
path builds; these tests hold it to that: every acceptance folder and a generated pact give the
same `pacte validate` output, byte for byte, read either way; so do tricky and fuzzed records.
The large comparison (10 000 actions, many more fuzzed records) is benchmarks/equivalence.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacte_testing import AS_OF, BASE, run_pacte
from pactecli.layout import Kind
from pactecli.load import documents, fastpath
from pactecli.load.fastpath import ReadingPath
from pactecli.load.sources import FolderSnapshot, Source, collect
from test_cases import _assemble, _case_folders, _lines
from test_fuzz_loader import CONTENTS, INSERTS

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
FORMATS = ("text", "json")


def _validate(root: Path, path: ReadingPath, *args: str) -> list[tuple[int, str, str]]:
    runs = []
    with fastpath.reading_path(path):
        for name in FORMATS:
            run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF, "-f", name, *args)
            runs.append((run.exit_code, run.stdout, run.stderr))
    return runs


@pytest.mark.usefixtures("no_color")
@pytest.mark.parametrize(
    "case",
    _case_folders("valid") + _case_folders("invalid"),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_acceptance_case_prints_the_same_read_either_way(case: Path, tmp_path: Path) -> None:
    root = _assemble(case, tmp_path)
    args = _lines(case / "args.txt")
    assert _validate(root, "fast", *args) == _validate(root, "strict", *args)


def _generate(target: Path, *arguments: str) -> None:
    generator = BENCHMARKS / "generate_pact.py"
    spec = importlib.util.spec_from_file_location("bench_generate_pact", generator)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.main([str(target), *arguments])


def _read(source: Source, path: ReadingPath) -> tuple[object, ...]:
    """Everything `load` gives, in a form where 1, 1.0, True and "1" all differ."""
    with fastpath.reading_path(path):
        document, problems = documents.load(source)
    if document is None:
        return (None, problems)
    return (repr(document.data), document.ambiguous, document.content, document.kind, problems)


@pytest.mark.usefixtures("no_color")
def test_a_generated_pact_reads_the_same_and_takes_the_fast_path(tmp_path: Path) -> None:
    _generate(tmp_path, "--conventions", "2", "--seed", "13")
    assert _validate(tmp_path, "fast") == _validate(tmp_path, "strict")

    sources = collect(FolderSnapshot(tmp_path)).sources
    assert len(sources) > 200
    for source in sources:
        assert _read(source, "fast") == _read(source, "strict"), source.path
        # the common case is the fast one: a scan rule catching plain records would show here
        assert fastpath.read(source.content) is not fastpath.UNSURE, source.path


def _partner(text: str) -> Source:
    return Source("data/partners/essai.yaml", Kind.PARTNER, text.encode("utf-8"))


BASE_PARTNER = (BASE / "data/partners/msa.yaml").read_text(encoding="utf-8")

# Records where yaml-rs, left alone, would not give libyaml's data or problems, with why.
UNSURE_CASES = {
    "exponent": "a: 4e3\n",  # YAML 1.2 float, pacte's text
    "plus sign": "a: +4000\n",
    "hexadecimal": "a: 0x1F\n",
    "octal": "a: 0o17\n",
    "underscores": "a: 1_000\n",
    "underscore decimal": "a: 1.5\nb: _.5\n",
    "infinity": "a: .inf\nb: 1.5\n",
    "not a number": "a: .NaN\n",
    "16 digits": "a: 1.234567890123456\n",
    "zero-padded key": "budget:\n  02024: 1\n",
    "minus zero key": "a:\n  -0: 1\n",
    "explicit zero-padded key": "? 007\n: x\n",
    "null key": "~: 1\n",
    "boolean key": "true: 1\n",
    "float key": "1.5: 1\n",
    "complex key": "? [a, b]\n: 1\n",
    "year twice": "budget:\n  2024: 1\n  '2024': 2\n",
    "duplicate key": "a: 1\na: 2\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "local tag": "a: !chose b\n",
    "merge key": "a: {b: 1}\nc:\n  <<: {b: 2}\n",
    "unknown directive": "%FOO bar\n---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "a list on top": "- a\n- b\n",
    "a text on top": "bonjour\n",
    "empty": "",
    "tab": "a:\tb\n",
    "carriage return": "a: 1\r\nb: 2\r\n",
    "NUL": "a: b\x00c\n",
    "C0 control": "a: b\x01c\n",
    "NEL": "a: b\x85c\n",
    "C1 control": "a: b\x9bc\n",
    "line separator": "a: b\u2028c\n",
    "paragraph separator": "a: b\u2029c\n",
    "non-character": "a: b\uffffc\n",
    "second byte order mark": "\ufeff\ufeffa: 1\n",
    "byte order mark at a line start": "a: 1\n\ufeffb: 2\n",
    "5000 digits": "a: " + "7" * 5000 + "\n",
    "66 levels": "".join(" " * i + f"k{i}:\n" for i in range(66)) + " " * 66 + "x\n",
    "deep flow": "a: " + "[" * 70 + "]" * 70 + "\n",
    "invalid UTF-8": "a: \udcff\n",
    "syntax error": "a: [b\n",
    "question mark at a flow key": "a: {?b: c}\n",
    "colon at a flow node": "a: {:-  }\n",
    "flow key over two lines": "a: {b\nc: d}\n",
    "flow sequence over two lines": "a: [b,\n  c]\n",
    "nested flow": "a: [[b]]\n",
    "quoted bracket in a flow over two lines": '{"}" : 1,\n "{": 2}\n',
    "found by fuzzing": "{\"\\U000F1FD7c}\\xC7\\r\nid: doublon\nE.\": {}, '2024': null}\n",
    "empty block scalar at the end": "a: 1\nb: |\n",
    "empty folded scalar at the end": "a:\n  - >\n  \n",
    "block scalar without a final line break": "a: |\n  x",
}


@pytest.mark.parametrize("text", list(UNSURE_CASES.values()), ids=list(UNSURE_CASES))
def test_records_yaml_rs_would_read_otherwise_are_left_to_libyaml(text: str) -> None:
    content = text.encode("utf-8", "surrogateescape")
    assert fastpath.read(content) is fastpath.UNSURE
    source = Source("data/partners/essai.yaml", Kind.PARTNER, content)
    assert _read(source, "fast") == _read(source, "strict")


SURE_CASES = {
    "the base partner": BASE_PARTNER,
    "years and amounts": "budget:\n  2024: 1000\n  2025: -5\n  0: 0\n",
    "decimals": "a: 1.5\nb: -.5\nc: 5.\nd: 0.1\n",
    "null, true, false": "a: ~\nb: Null\nc: NULL\nd: null\ne:\nf: True\ng: FALSE\n",
    "dates and times stay text": "a: 2024-05-01\nb: 2024-05-01T10:00:00Z\nc: 12:05:30\n",
    "YAML 1.1 words stay text": "a: yes\nb: no\nc: on\nd: off\ne: oui\n",
    "quoted numbers stay text": "a: '2024'\nb: \"4e3\"\nc: '007'\nd: \"true\"\n",
    "zero-padded values are integers": "a: 007\nb: -007\nc: 00\n",
    "block scalars": "a: |\n  x\n\n  y\nb: >-\n  x\n  y\nc: |+\n  z\n\nd: 1\n",
    "quoted scalars": 'a: \'l\'\'eau\'\nb: "\\u00e9t\\xe9 \\" \\\\ \\/"\nc: "x\n  y"\n',
    "flow collections": "a: [x, y, 1]\nb: {c: 1, d: [2]}\nc: []\nd: {}\n",
    "French typography": "a: « Bien ! » dit-il\u202f; R&D à 50 %, du **gras** ?\n",
    "comments": "# tête\na: b # fin\nc: d#e\n",
    "long key": "k" * 1100 + ": 1\n",
    "byte order mark": "\ufeffa: 1\n",
    "emoji": "a: 🙂\n",
}


@pytest.mark.parametrize("text", list(SURE_CASES.values()), ids=list(SURE_CASES))
def test_plain_records_read_the_same_either_way(text: str) -> None:
    source = _partner(text)
    assert _read(source, "fast") == _read(source, "strict")


def test_plain_records_take_the_fast_path() -> None:
    for name in ("the base partner", "years and amounts", "French typography", "block scalars"):
        assert fastpath.read(SURE_CASES[name].encode()) is not fastpath.UNSURE, name


def test_hostile_nesting_never_reaches_yaml_rs() -> None:
    """300 000 nested sequences overflow yaml-rs's stack (a crash, not an error)."""
    content = b"a:\n" + b"- " * 300_000 + b"x\n"
    assert fastpath.read(content) is fastpath.UNSURE
    document, problems = documents.load(Source("data/partners/essai.yaml", Kind.PARTNER, content))
    assert document is None
    assert [p.code for p in problems] == ["yaml-invalide"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=CONTENTS)
def test_fuzzed_records_read_the_same_either_way(content: bytes) -> None:
    source = Source("data/partners/msa.yaml", Kind.PARTNER, content)
    assert _read(source, "fast") == _read(source, "strict")


# Records as PyYAML writes them (every style: plain, quoted, block, flow, escaped or not) from
# data full of words that YAML 1.1, YAML 1.2 and pacte read differently, then sometimes broken.
WORDS = [
    *("~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "no", "oui", "007", "-0"),
    *("+4", "4e3", "1E3", "0x1F", "0o17", "0b11", "1_000", ".inf", "-.Inf", ".NaN", "1.5", "-.5"),
    *("5.", "1.234567890123456789", "2024", "2024-05-01", "12:30:00", "<<", "&a", "*a", "!t"),
    *("%x", "? x", "- x", "# x", "a: b", "a #b", "'", '"', "\\", "\t", "\r\n", "\u00a0", "\u202f"),
    *(
        "\u2028",
        "\x85",
        "\ufeff",
        "é",
        "🙂",
        "",
        " ",
        "  x  ",
        "[x]",
        "{x: y}",
        ",",
        "|",
        ">",
        "@x",
    ),
]
_TEXT = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join),
)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(), _TEXT)
_KEY = st.one_of(_TEXT, st.integers(-5, 3000), st.sampled_from([None, True, 1.5]))
_DATA = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEY, inner, max_size=3),
    max_leaves=12,
)
_STYLE = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, True, None]),
        "default_style": st.sampled_from([None, None, '"', "'", "|", ">"]),
        "width": st.sampled_from([12, 80, 10**6]),
        "indent": st.sampled_from([2, 3, 4]),
        "allow_unicode": st.booleans(),
        "explicit_start": st.booleans(),
        "sort_keys": st.just(False),
    }
)


def _dump(
    record: dict[object, object], style: dict[str, object], breaks: list[tuple[int, bytes]]
) -> bytes:
    content = yaml.safe_dump(record, **style).encode("utf-8")  # type: ignore[call-overload]
    for position, insert in breaks:
        at = position % (len(content) + 1)
        content = content[:at] + insert + content[at:]
    return content


DUMPED = st.builds(
    _dump,
    st.dictionaries(_KEY, _DATA, max_size=4),
    _STYLE,
    st.lists(st.tuples(st.integers(0, 10**4), st.sampled_from(INSERTS)), max_size=2),
)


# The same from ordinary record-like data (French prose, descriptions over several lines,
# amounts, years, dates, nesting), which the fast path reads: how PyYAML folds, quotes, escapes
# and ends it must not change a value.
_PROSE = st.text(
    alphabet="abcdeéèêàçôûÉÀ ABCZ0123456789.,;:'()/-%«»’…\u202f\u00a0\n\"#|>",
    max_size=120,
)
_PLAIN_SCALAR = st.one_of(
    _PROSE,
    _PROSE.map(lambda text: text.replace(":", "").replace("#", "")),
    st.integers(-(10**12), 10**12),
    st.sampled_from([0.5, -2.25, 1.0, 0.1, 12.75]),
    st.sampled_from(["2024-05-01", "en_cours", "financiere", "2026", "-", "a: b", "x - y", ""]),
    st.none(),
    st.booleans(),
)
_PLAIN_KEY = st.one_of(
    st.sampled_from(["id", "titre", "description", "budget", "montants", "public_cible", "nom"]),
    st.integers(1990, 2040),
)
_PLAIN_DATA = st.recursive(
    _PLAIN_SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_PLAIN_KEY, inner, max_size=5),
    max_leaves=25,
)


class _BlockDumper(yaml.SafeDumper):
    """Writes text of several lines as a literal block (`|`), as people write descriptions."""


_BlockDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def _dump_plain(record: dict[object, object], style: dict[str, object], cut: int) -> bytes:
    content = yaml.dump(record, Dumper=_BlockDumper, **style).encode("utf-8")  # type: ignore[call-overload]
    return content[: len(content) - cut]


PLAIN_DUMPED = st.builds(
    _dump_plain,
    st.dictionaries(_PLAIN_KEY, _PLAIN_DATA, min_size=1, max_size=6),
    _STYLE.map(lambda style: {**style, "default_style": None, "default_flow_style": False}),
    st.sampled_from([0, 0, 0, 1, 2, 5]),  # sometimes without its last line break, or cut short
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.one_of(DUMPED, PLAIN_DUMPED))
def test_records_written_by_pyyaml_read_the_same_either_way(content: bytes) -> None:
    source = Source("data/partners/msa.yaml", Kind.PARTNER, content)
    assert _read(source, "fast") == _read(source, "strict")


def test_a_number_too_long_for_python_is_text_not_a_crash(tmp_path: Path) -> None:
    """Python refuses to turn more than 4300 digits into an integer: the value stays text."""
    root = tmp_path / "pacte"
    root.mkdir()
    for path in sorted(BASE.rglob("*")):
        target = root / path.relative_to(BASE)
        if path.is_dir():
            target.mkdir()
        else:
            target.write_bytes(path.read_bytes())
    partner = root / "data/partners/msa.yaml"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(text.replace("2025: 3000", "2025: " + "5" * 5000, 1), encoding="utf-8")
    assert "5" * 5000 in partner.read_text(encoding="utf-8")

    paths: tuple[ReadingPath, ...] = ("strict", "fast")
    for path in paths:
        with fastpath.reading_path(path):
            run = run_pacte("validate", "--root", str(root), "--as-of", AS_OF)
        assert run.exit_code == 1
        assert "un nombre est attendu, pas le texte « 5555" in run.stdout
