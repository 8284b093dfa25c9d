"""`--format junit`: JUnit XML for GitLab's test report widget (and any JUnit reader).

`<testsuites name="pacte">` holds one test case per file and rule that has problems: a failure
when at least one is an error, a passing case with the warnings in `system-out` otherwise. A
sound pact gives one passing case, so the widget shows that validation ran. pacte's marker is
an XML comment after the declaration.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from pactecli.check.validation import Validation
from pactecli.diagnostics import Diagnostic, Severity
from pactecli.render import escape
from pactecli.render.output import EMBEDDED, SIGNATURE
from pactecli.render.problems.ci import repository_prefix
from pactecli.render.problems.text import line, summary

SIGNING = EMBEDDED


def _case(suite: ET.Element, path: str, code: str, problems: list[Diagnostic], prefix: str) -> int:
    where = escape.xml_text(escape.line(prefix + path))
    case = ET.SubElement(suite, "testcase", classname=where, name=code)
    case.set("file", where)
    case.set("time", "0")
    errors = [d for d in problems if d.severity is Severity.ERROR]
    report = "\n".join(escape.xml_text(line(d)) for d in problems)
    if errors:
        failure = ET.SubElement(
            case,
            "failure",
            type=code,
            message=escape.xml_text(
                f"{len(errors)} erreur(s) [{code}] : {escape.line(errors[0].message)}"
            ),
        )
        failure.text = report
        return 1
    ET.SubElement(case, "system-out").text = report
    return 0


def render(validation: Validation, color: bool = False, root: Path | None = None) -> str:
    prefix = repository_prefix(root)
    grouped: dict[tuple[str, str], list[Diagnostic]] = defaultdict(list)
    for diagnostic in validation.diagnostics:
        grouped[(diagnostic.location.path, diagnostic.code)].append(diagnostic)
    suites = ET.Element("testsuites", name="pacte")
    suite = ET.SubElement(suites, "testsuite", name="pacte validate")
    failures = 0
    for (path, code), problems in sorted(grouped.items()):
        failures += _case(suite, path, code, problems, prefix)
    if not grouped:
        ok = ET.SubElement(suite, "testcase", classname="pacte", name="validation du pacte")
        ok.set("time", "0")
        ET.SubElement(ok, "system-out").text = summary(validation)
    tests = str(max(1, len(grouped)))
    for element in (suites, suite):
        element.set("tests", tests)
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("time", "0")
    ET.indent(suites)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {SIGNATURE} -->\n'
        + ET.tostring(suites, "unicode")
        + "\n"
    )
