"""The context of `pacte bilan` templates and workbook: frozen French-named types, like the
report's (`context_types`), which they reuse (partners, avenants, provenance, omissions).

Amounts are `Decimal`; a `None` amount is unknown (a spending not declared), never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from pactecli.load.git import Provenance
from pactecli.report.context_types import (
    ActionRef,
    Avenant,
    Filtre,
    Omissions,
    Partenaire,
    Probleme,
    Retard,
)


@dataclass(frozen=True, slots=True)
class Montants:
    """Budget, engagé, versé and dépensé of one thing for the year, with the two rates."""

    budget: Decimal
    engage: Decimal
    verse: Decimal
    depense: Decimal | None
    """None: no spending declared for the year."""
    taux_verse: Decimal | None
    """Versé / engagé (None when nothing is committed)."""
    taux_depense: Decimal | None
    """Dépensé / budget (None without spending or budget)."""
    reste_a_verser: Decimal
    """Engagé - versé (negative: more paid than committed)."""


@dataclass(frozen=True, slots=True)
class FinanceurAction:
    partenaire: Partenaire
    engage: Decimal
    verse: Decimal
    reste_a_verser: Decimal


@dataclass(frozen=True, slots=True)
class IndicateurBilan:
    id: str
    libelle: str
    unite: str
    sens_libelle: str
    cible: Decimal | None
    realise: Decimal | None
    ecart: Decimal | None
    """Réalisé - cible (None when either is missing)."""
    atteinte: Decimal | None
    """The report's attainment (direction taken into account)."""
    manquee: bool
    """The target of a past year is not reached, or its actual is missing."""


@dataclass(frozen=True, slots=True)
class ActionBilan:
    id: str
    titre: str
    convention: str
    fichier: str
    nature_libelle: str | None
    pilote: Partenaire
    statut: str
    statut_libelle: str
    en_retard: bool
    motif: str | None
    montants: Montants
    financeurs: tuple[FinanceurAction, ...]
    indicateurs: tuple[IndicateurBilan, ...]


@dataclass(frozen=True, slots=True)
class AxeBilan:
    id: str
    numero: int | None
    libelle: str
    actions: tuple[ActionBilan, ...]
    montants: Montants


@dataclass(frozen=True, slots=True)
class PartParite:
    partenaire: Partenaire
    engage: Decimal
    verse: Decimal
    part_engage: Decimal | None
    part_verse: Decimal | None


@dataclass(frozen=True, slots=True)
class EcartParite:
    """An action whose two co-funders' money differs (beyond the tolerance) for the year."""

    action: ActionRef
    engage: tuple[Decimal, Decimal]
    verse: tuple[Decimal, Decimal]


@dataclass(frozen=True, slots=True)
class Parite:
    """The convention's co-financing for the year: what each co-funder committed and paid."""

    financeurs: tuple[PartParite, PartParite]
    echelle: str
    tolerance: Decimal
    ecart_engage: Decimal
    ecart_verse: Decimal
    atteinte_engage: bool
    atteinte_verse: bool
    actions: tuple[EcartParite, ...]
    """With `echelle: action`, the actions where either amount is not shared equally."""


@dataclass(frozen=True, slots=True)
class Signe:
    """A funder's signed amount (annex) for the year against what it committed and paid."""

    partenaire: Partenaire
    signe: Decimal | None
    engage: Decimal
    verse: Decimal


@dataclass(frozen=True, slots=True)
class ConventionBilan:
    id: str
    titre: str
    type_libelle: str
    signataires: tuple[Partenaire, ...]
    axes: tuple[AxeBilan, ...]
    montants: Montants
    hors_actions: tuple[FinanceurAction, ...]
    """Money given to the convention as a whole, by funder."""
    parite: Parite | None
    signes: tuple[Signe, ...]
    avenants: tuple[Avenant, ...]
    """The convention's avenants dated in the year."""
    nb_actions: int
    nb_indicateurs: int
    """Indicators of its actions with a target or an actual for the year."""


@dataclass(frozen=True, slots=True)
class Changement:
    date: dt.date | None
    genre: str
    """`avenant`, `ajout`, `retrait`, `suspension`, `abandon`, `realisation`, `reprise`."""
    texte: str
    """The change in one French sentence."""
    convention: str
    action: str | None
    commit: str | None
    """Short commit id (None for a change read from the files, such as an avenant)."""
    auteur: str | None
    message: str | None


@dataclass(frozen=True, slots=True)
class Decision:
    genre: str
    """`reste-a-verser`, `retard`, `cible-manquee`, `realise-manquant`, `depense-manquante`."""
    action: ActionRef
    texte: str
    montant: Decimal | None
    indicateur: IndicateurBilan | None = None
    """For a target missed or an actual missing: the indicator."""


@dataclass(frozen=True, slots=True)
class Decisions:
    reste_a_verser: tuple[Decision, ...]
    retards: tuple[Retard, ...]
    cibles: tuple[Decision, ...]
    depenses: tuple[Decision, ...]
    total: int


@dataclass(frozen=True, slots=True)
class BilanContexte:
    titre: str
    territoire: str
    code_territoire: str
    annee: int
    provisoire: bool
    """The year is not closed yet (closed from 1 July of the next year): figures may move."""
    cloture: dt.date
    """When the year closes (1 July of the next year)."""
    situation: dt.date
    source: Provenance
    filtres: tuple[Filtre, ...]
    problemes: tuple[Probleme, ...]
    nb_erreurs: int
    omissions: Omissions
    montants: Montants
    nb_actions: int
    statuts: tuple[tuple[str, int], ...]
    """(status label, number of actions), in the report's order."""
    conventions: tuple[ConventionBilan, ...]
    changements: tuple[Changement, ...]
    historique: str
    """Where the changes come from, in one French sentence (git, or the files only)."""
    decisions: Decisions
    signature: str
    version: str

    def variables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


BILAN_TYPES: frozenset[type] = frozenset(
    (
        Montants,
        FinanceurAction,
        IndicateurBilan,
        ActionBilan,
        AxeBilan,
        PartParite,
        EcartParite,
        Parite,
        Signe,
        ConventionBilan,
        Changement,
        Decision,
        Decisions,
        BilanContexte,
    )
)
