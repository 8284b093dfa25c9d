"""The glossary of a report: the acronyms its texts use, with their meaning.

Known acronyms of the field, plus the partners' own `sigle`; a text is scanned once whatever the
number of places it appears in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GLOSSARY = {
    "ACI": "Atelier et chantier d'insertion",
    "ARS": "Agence régionale de santé",
    "AVIP": "À vocation d'insertion professionnelle (crèches)",
    "CAF": "Caisse d'allocations familiales",
    "CCAS": "Centre communal d'action sociale",
    "CCSS": "Caisse commune de sécurité sociale",
    "CDIE": "Contrat départemental pour l'insertion et l'emploi",
    "CESF": "Conseiller ou conseillère en économie sociale et familiale",
    "CLS": "Contrat local des solidarités",
    "Dasen": "Direction académique des services de l'Éducation nationale",
    "DDETS": "Direction départementale de l'emploi, du travail et des solidarités",
    "EBE": "Entreprise à but d'emploi",
    "ETP": "Équivalent temps plein",
    "MSA": "Mutualité sociale agricole",
    "PMI": "Protection maternelle et infantile",
    "QPV": "Quartier prioritaire de la politique de la ville",
    "RSA": "Revenu de solidarité active",
    "SIAE": "Structure d'insertion par l'activité économique",
    "TZCLD": "Territoires zéro chômeur de longue durée",
}

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


def acronyms(
    texts: Iterable[str], partners: Iterable[tuple[str | None, str]], always: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(acronym, meaning) for each one used in `texts`, sorted; `partners` are (sigle, nom)."""
    known = dict(GLOSSARY)
    for sigle, nom in partners:
        if sigle and _ACRONYM.match(sigle) and sigle not in known:
            known[sigle] = nom
    used = _acronyms_in("\n".join(dict.fromkeys(texts)), known)  # each text once
    used |= {name for name in always if name in known}
    return [(name, known[name]) for name in sorted(used, key=str.casefold)]


def _acronyms_in(text: str, known: dict[str, str]) -> set[str]:
    spellings = {s: s for s in known} | {s.upper(): s for s in known}
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return {spellings[m] for m in pattern.findall(text)}
