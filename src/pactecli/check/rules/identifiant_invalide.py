"""Un numéro SIRET dont la clé de contrôle (Luhn) est fausse.

Un SIRET a 14 chiffres dont le dernier est une clé de contrôle : une faute de frappe la rend
fausse. (Exception connue : les établissements de La Poste, SIREN 356000000, dont la somme des
chiffres est un multiple de 5.)

Correct::

    siret: "13002526500013"

Refusé (clé fausse)::

    siret: "13002526500014"
"""

from __future__ import annotations

from collections.abc import Iterator

from pactecli.check.rules.base import Finding, RuleContext
from pactecli.diagnostics import Severity, quote_value
from pactecli.model import PactModel

CODE = "identifiant-invalide"
SEVERITY = Severity.ERROR

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_valid(siret: str) -> bool:
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_SIREN + "00013":
        return sum(int(c) for c in siret) % 5 == 0
    return luhn_valid(siret)


def check(model: PactModel, context: RuleContext) -> Iterator[Finding]:
    for partner in model.partners:
        if partner.siret and not siret_valid(partner.siret):
            yield Finding(
                partner.origin.locate("siret"),
                f"le SIRET « {partner.siret} » de {quote_value(partner.nom)} a une clé de "
                "contrôle fausse",
                "recopiez le SIRET depuis l'annuaire des entreprises (annuaire-entreprises."
                "data.gouv.fr) : un chiffre est probablement inversé ou erroné",
            )
