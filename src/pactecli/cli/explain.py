"""`pacte explain [CODE]`: the documentation of each problem code, from its single source.

Cross-file rules document themselves in their module's docstring, file-level codes in
`pactecli.codes`; `pactecli.check.rules.documentation()` joins both, for this command and for
SARIF's rule help alike. The reStructuredText `::` that introduces an example becomes « : ».
"""

from __future__ import annotations

import re
from typing import Annotated

import typer

from pactecli.codes import CodeInfo
from pactecli.diagnostics import Severity
from pactecli.errors import UsageError

_SEVERITY_WORDS = {
    Severity.ERROR: "erreur",
    Severity.WARNING: "avertissement",
    Severity.INFO: "note",
}
_EXAMPLE_INTRO = re.compile(r"\s*::$", re.MULTILINE)


def explain(
    code: Annotated[
        str | None,
        typer.Argument(
            help="Code d'un problème, par exemple financement-incomplet (sans code : la liste).",
            metavar="[CODE]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Explique un code de problème : ce qu'il signale, avec un exemple accepté et un exemple
    refusé. Sans code, liste tous les codes avec leur sévérité par défaut."""
    from pactecli.check import rules

    catalogue = {info.code: info for info in rules.catalogue()}
    if code is None:
        print(_listing(list(catalogue.values())), end="")
        return
    info = catalogue.get(code.strip().lower())
    if info is None:
        from pactecli.suggest import did_you_mean

        raise UsageError(
            f"code inconnu « {code} »",
            hint=did_you_mean(code, catalogue) or "« pacte explain » liste tous les codes",
        )
    print(page(info.code, info.severity, rules.documentation()[info.code]), end="")


def page(code: str, severity: Severity, documentation: str) -> str:
    title = f"{code} ({_SEVERITY_WORDS[severity]} par défaut)"
    body = _EXAMPLE_INTRO.sub(" :", documentation.strip())
    return f"{title}\n{'=' * len(title)}\n\n{body}\n"


def _listing(infos: list[CodeInfo]) -> str:
    width = max(len(info.code) for info in infos)
    lines = [f"{len(infos)} codes de problèmes (détail : « pacte explain CODE ») :", ""]
    for info in infos:
        severity = _SEVERITY_WORDS[info.severity]
        lines.append(f"  {info.code.ljust(width)}  {severity.ljust(13)}  {info.summary}")
    return "\n".join(lines) + "\n"
