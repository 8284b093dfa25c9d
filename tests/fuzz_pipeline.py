"""Hostile pacts through every output: validate, report, bilan, diff, export, in process.

A *case* is the execution-complete pact (tests/cases/valid/execution-complete on the base pact)
with some values replaced by hostile ones: control characters and terminal escapes, CI workflow
commands (`::error`), Markdown, HTML and formula starts, Unicode separators and lone surrogates
(written as YAML escapes), long texts, 15-digit amounts, cents, far dates, unknown ids, deep
nesting, or whole files replaced by garbage. `run` renders every format of every command and
`check` asserts what a user (or a CI log, a browser, a spreadsheet) must never see. Shared by
`tests/test_fuzz_pipeline.py` (hypothesis, a few hundred cases) and
`benchmarks/bench_fuzz.py` (thousands, with figures).
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field

from pacte_testing import AS_OF_DATE as AS_OF
from pacte_testing import BASE, CASES, TESTS, MemorySnapshot
from pactecli.check.validation import Validation, validate

CASE = CASES / "valid" / "execution-complete"

FILES: dict[str, bytes] = {
    p.relative_to(BASE).as_posix(): p.read_bytes() for p in sorted(BASE.rglob("*.yaml"))
}
FILES.update({p.relative_to(CASE).as_posix(): p.read_bytes() for p in sorted(CASE.rglob("*.yaml"))})

HOSTILE_TEXTS = (
    "\x1b[31mrouge\x1b[0m",
    "::error file=x.yaml,line=1::faux",
    "ligne\n::set-output name=x::y",
    "##[error]faux",
    '=HYPERLINK("http://x","clic")',
    "+1+1",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "| a | b |",
    "[lien](javascript:alert(1))",
    "**gras** _x_ `code` <!-- commentaire -->",
    "@tout-le-monde #12",
    "sep\u2028ligne\u2029para",
    "\u202ebidi\u202c",
    "nul\x00octet",
    "é" * 5000,
    "{{ 7 * 7 }} {% raw %}",
    "' \" \\ ;",
    "\ud800 seul",
)
HOSTILE_AMOUNTS = ("999999999999999", "0.01", "123456789012.34", "0", "1e3", "-5", "12000.5")
HOSTILE_DATES = ("1900-01-01", "2100-12-31", "2024-02-29", "2025-02-30", "2026-11-27")
GARBAGE = (
    b"",
    b"\xff\xfe\x00",
    b"- [" * 2000,
    b"a: " + b"[" * 5000,
    b"id: x\nid: y\n",
    b"&a [*a]",
    b"!!python/object/apply:os.system ['echo pwned']",
    "id: é\u2028\n".encode(),
)

# File name starts: controls, a workflow command, a byte that is not UTF-8 (as os.fsdecode
# gives it), Markdown and HTML.
HOSTILE_NAMES = ("\x1b[2J", "ligne\n::error::x", "\udcff", "<b>", "`x`|", "\u2028", " ", "é")

# Fields whose value is free text, per file: replaced by hostile texts.
TEXT_FIELDS = (
    ("data/conventions/cls/actions/maraudes.yaml", "titre"),
    ("data/conventions/cls/actions/petits-dejeuners.yaml", "titre"),
    ("data/conventions/cls/actions/maraudes.yaml", "statut"),
    ("data/partners/msa.yaml", "nom"),
    ("data/partners/msa.yaml", "sigle"),
    ("data/partners/etat.yaml", "sigle"),
    ("data/conventions/cls/convention.yaml", "titre"),
    ("data/conventions/cls/actions/petits-dejeuners.yaml", "objectif"),
    ("data/conventions/cls/actions/maraudes.yaml", "pilote"),
    ("pacte.yaml", "nom"),
)
AMOUNT_LINES = ("      2025: 5000", "  2025: 10000", "      2025: 20000", "  2025: 39000")
DATE_LINES = ("  debut: 2025-01-01", "{date: 2025-04-15", "  fin: 2025-12-31")


@dataclass
class Case:
    files: dict[str, bytes]
    what: list[str] = field(default_factory=list)


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar for any text (JSON's escapes are YAML's), lone surrogates
    included (`\\ud800` stays an escape, which YAML reads back)."""
    return json.dumps(text, ensure_ascii=True)


def _replace_key(content: bytes, key: str, value: str) -> bytes:
    try:
        lines = content.decode("utf-8").split("\n")
    except UnicodeDecodeError:  # already replaced by garbage
        return content
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(f"{key}:") and not stripped.startswith(f"{key}: |"):
            indent = line[: len(line) - len(stripped)]
            lines[index] = f"{indent}{key}: {value}"
            return "\n".join(lines).encode("utf-8")
    return content


def mutate(rng: random.Random) -> Case:
    case = Case(dict(FILES))
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("text", "text", "text", "amount", "date", "garbage", "nest", "name"))
        if kind == "text":
            path, key = rng.choice(TEXT_FIELDS)
            if path not in case.files:  # renamed by an earlier mutation
                continue
            text = rng.choice(HOSTILE_TEXTS)
            if rng.random() < 0.3:
                text = text + rng.choice(HOSTILE_TEXTS)
            case.files[path] = _replace_key(case.files[path], key, yaml_text(text))
            case.what.append(f"{path}:{key}={text[:40]!r}")
        elif kind == "amount":
            path = rng.choice(sorted(p for p in case.files if p.startswith("data/")))
            line, amount = rng.choice(AMOUNT_LINES), rng.choice(HOSTILE_AMOUNTS)
            text = case.files[path].decode("utf-8", "replace")
            if line in text:
                head = line.rsplit(" ", 1)[0]
                case.files[path] = text.replace(line, f"{head} {amount}", 1).encode()
                case.what.append(f"{path}:{line.strip()}->{amount}")
        elif kind == "date":
            path = rng.choice(sorted(p for p in case.files if p.startswith("data/")))
            line, day = rng.choice(DATE_LINES), rng.choice(HOSTILE_DATES)
            text = case.files[path].decode("utf-8", "replace")
            if line in text:
                case.files[path] = text.replace(line, line[: -len("2025-01-01")] + day, 1).encode()
                case.what.append(f"{path}:{line.strip()}->{day}")
        elif kind == "garbage":
            path = rng.choice(sorted(case.files))
            case.files[path] = rng.choice(GARBAGE)
            case.what.append(f"{path}=garbage")
        elif kind == "name":
            path = rng.choice(sorted(p for p in case.files if p.startswith("data/")))
            folder, name = path.rsplit("/", 1)
            hostile = folder + "/" + rng.choice(HOSTILE_NAMES) + name
            case.files[hostile] = case.files.pop(path)
            case.what.append(f"{path}->{hostile!r}")
        else:
            path = rng.choice(sorted(p for p in case.files if p.startswith("data/partners/")))
            depth = rng.choice((10, 63, 65, 200))
            case.files[path] += ("\nextra: " + "[" * depth + "]" * depth + "\n").encode()
            case.what.append(f"{path}:nesting {depth}")
    return case


@dataclass
class Outputs:
    texts: dict[str, str] = field(default_factory=dict)
    workbooks: dict[str, bytes] = field(default_factory=dict)


def run(files: dict[str, bytes], base: Validation | None = None) -> Outputs:
    """Every output of every command on the pact `files` (over its errors, like --force)."""
    from pactecli.diff.compare import compare
    from pactecli.export.produce import Options as ExportOptions
    from pactecli.export.produce import produce
    from pactecli.render import bilan as bilan_formats
    from pactecli.render import changes, problems, roadmap
    from pactecli.render.roadmap import Options
    from pactecli.report.bilan import build_bilan
    from pactecli.report.context import build_context
    from pactecli.report.context_types import Provenance
    from pactecli.report.selection import Filters

    outputs = Outputs()
    validation = validate(MemorySnapshot(files), AS_OF)
    for name in problems.FORMATS:
        if name != "auto":
            outputs.texts[f"validate/{name}"] = problems.render(name, validation)
    outside = Provenance(None, None, False, True)
    options = Options(root=TESTS, template_dir=None, color=False, width=100)
    context = build_context(validation.model, validation.diagnostics, Filters(), AS_OF, outside)
    for name in roadmap.FORMATS:
        outputs.texts[f"report/{name}"] = roadmap.render(name, context, options)
    bilan = build_bilan(validation.model, validation.diagnostics, 2025, None, AS_OF, outside, None)
    for name in bilan_formats.FORMATS:
        produced = bilan_formats.render(name, bilan, options)
        if isinstance(produced, bytes):
            outputs.workbooks[f"bilan/{name}"] = produced
        else:
            outputs.texts[f"bilan/{name}"] = produced
    if base is not None:
        found = compare(base, validation, "A", "B", AS_OF)
        for name in changes.FORMATS:
            outputs.texts[f"diff/{name}"] = changes.render(name, found)
    for kind in ("json", "xlsx"):
        produced_export = produce(kind, validation, Filters(), AS_OF, ExportOptions())
        if kind == "xlsx":
            outputs.workbooks["export/xlsx"] = produced_export.data
        else:
            outputs.texts["export/json"] = produced_export.data.decode("utf-8")
    return outputs


FORBIDDEN_ANYWHERE = ("\x1b", "\x00", "\u2028", "\u2029", "\u202e")


def check(outputs: Outputs) -> None:
    """What no output may hold, whatever the records say."""
    for name, text in outputs.texts.items():
        for forbidden in FORBIDDEN_ANYWHERE:
            assert forbidden not in text, (name, repr(forbidden))
        text.encode("utf-8")  # no lone surrogate survives
        for line in text.split("\n"):
            stripped = line.lstrip()
            if name != "validate/github":  # the only format whose lines are workflow commands
                assert not stripped.startswith("::"), (name, line[:80])
            assert "##[" not in line, (name, line[:80])
        if name.endswith("/html"):
            assert "<script" not in text and "<img" not in text, name
        if (
            name.endswith("/json")
            or name.startswith("export/json")
            or name
            in (
                "validate/sarif",
                "validate/gitlab",
            )
        ):
            json.loads(text)
    for name, data in outputs.workbooks.items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None, name
            for member in archive.namelist():
                if member.startswith("xl/worksheets/"):
                    formulas = re.findall(rb"<f>([^<]*)</f>", archive.read(member))
                    assert all(f.startswith(b"SUM(") for f in formulas), (name, formulas[:3])
