"""L'`id` d'un enregistrement diffère du nom de son fichier (ou de son dossier).

Le nom du fichier est l'identifiant : on retrouve ainsi une action ou un partenaire sans ouvrir
les fichiers. Une convention prend le nom de son dossier.

Correct (data/partners/msa.yaml)::

    id: msa

Refusé (data/partners/msa.yaml)::

    id: msa-alpes-vaucluse
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.diagnostics import Severity, quote_value
from pactecli.model import Origin, PactModel

CODE = "id-fichier"
SEVERITY = Severity.ERROR


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    for action in model.actions:
        if action.id != action.stem:
            yield _mismatch(
                action.origin,
                action.id,
                f"du nom du fichier {quote_value(action.stem)}",
                f"{action.id}.yaml",
                action.stem,
            )
    for partner in model.partners:
        if partner.id != partner.stem:
            yield _mismatch(
                partner.origin,
                partner.id,
                f"du nom du fichier {quote_value(partner.stem)}",
                f"{partner.id}.yaml",
                partner.stem,
            )
    for convention in model.conventions:
        if convention.id != convention.folder:
            yield _mismatch(
                convention.origin,
                convention.id,
                f"du nom du dossier {quote_value(convention.folder)}",
                f"data/conventions/{convention.id}/",
                convention.folder,
            )


def _mismatch(origin: Origin, record_id: str, where: str, rename: str, name: str) -> Finding:
    return Finding(
        origin.locate("id"),
        f"l'identifiant « {record_id} » diffère {where}",
        f"écrivez « id: {name} » ou renommez en « {rename} »",
    )
