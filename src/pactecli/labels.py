"""The French vocabulary of the pact's values: statuses, convention types, natures, categories.

Record values are the spec's codes (`en_cours`, `renforcee`, `protection_sociale`); what users
read is French. Rules, the report, the diff and the terminal all take their words from here, so
a status reads the same everywhere.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """An action's status as written (spec section 4), plus `en_retard`, derived, never stored."""

    NOT_STARTED = "non_demarre"
    ONGOING = "en_cours"
    LATE = "en_retard"
    SUSPENDED = "suspendu"
    DONE = "realise"
    ABANDONED = "abandonne"


#: Statuses after which an action is over: neither late nor ending soon.
FINISHED = frozenset((Status.DONE, Status.ABANDONED))

#: As a heading or a table cell (« En cours »).
STATUS_LABELS = {
    Status.NOT_STARTED: "Non démarrée",
    Status.ONGOING: "En cours",
    Status.LATE: "En retard",
    Status.SUSPENDED: "Suspendue",
    Status.DONE: "Réalisée",
    Status.ABANDONED: "Abandonnée",
}
#: Inside a sentence (« en cours → abandonné »).
STATUS_WORDS = {
    Status.NOT_STARTED: "non démarré",
    Status.ONGOING: "en cours",
    Status.LATE: "en retard",
    Status.SUSPENDED: "suspendu",
    Status.DONE: "réalisé",
    Status.ABANDONED: "abandonné",
}
CONVENTION_TYPES = {
    "CLS": "Contrat local des solidarités (CLS)",
    "CDIE": "Contrat départemental pour l'insertion et l'emploi (CDIE)",
    "partenariale": "Convention départementale partenariale",
    "autre": "Convention",
}
ACTION_NATURES = {"nouvelle": "Action nouvelle", "renforcee": "Action renforcée"}
#: Natures of a contribution, as an adjective (« contribution financière »).
CONTRIBUTION_NATURES = {
    "financiere": "financière",
    "humaine": "humaine",
    "materielle": "matérielle",
    "ingenierie": "d'ingénierie",
}
PARTNER_CATEGORIES = {
    "etat": "État",
    "collectivite": "Collectivité territoriale",
    "protection_sociale": "Protection sociale",
    "sante": "Santé",
    "education": "Éducation",
    "emploi": "Emploi",
    "association": "Association",
    "entreprise": "Entreprise",
    "autre": "Autre",
}
DIRECTIONS = {"hausse": "plus c'est haut, mieux c'est", "baisse": "plus c'est bas, mieux c'est"}


def status_label(status: str | None) -> str:
    if status is None:
        return "Statut inconnu"
    return STATUS_LABELS.get(status, status)  # type: ignore[call-overload, no-any-return]


def status_word(status: str | None) -> str:
    if status is None:
        return "inconnu"
    return STATUS_WORDS.get(status, status)  # type: ignore[call-overload, no-any-return]
