"""Une action suspendue ou abandonnée sans `motif`.

Le comité de pilotage et le bilan d'exécution disent pourquoi une action s'arrête : une action
`suspendu` ou `abandonne` porte un `motif`, repris dans les rapports.

Correct::

    statut: suspendu
    motif: Départ de la coordinatrice ; reprise prévue au printemps 2026

Refusé::

    statut: suspendu
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext, Unchecked
from pactecli.diagnostics import Severity
from pactecli.labels import Status, status_word
from pactecli.model import PactModel

CODE = "motif-requis"
SEVERITY = Severity.ERROR

_NEEDS_A_REASON = (Status.SUSPENDED, Status.ABANDONED)


def check(model: PactModel, context: RuleContext) -> Iterator[Finding | Unchecked]:
    for action in model.actions:
        if action.statut not in _NEEDS_A_REASON or action.motif is not None:
            continue
        if not action.origin.known("motif"):  # written, but wrong: the schema says so
            yield Unchecked(action.origin.file)
            continue
        yield Finding(
            action.origin.locate("statut"),
            f"l'action « {action.id} » est {status_word(action.statut)}e sans motif",
            "ajoutez « motif: … » : en une phrase, pourquoi l'action s'arrête (il est repris "
            "dans les rapports et le bilan d'exécution)",
        )
