"""The values `pacte diff` produces: what changed, in the pact's own terms.

Kinds of records, kinds of change and categories of fields are enumerations (their values are
the French words the JSON output has always carried), so every renderer compares typed values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pactecli.diagnostics import Diagnostic, Severity

ZERO = Decimal(0)


class RecordKind(StrEnum):
    CONVENTION = "convention"
    OBJECTIVE = "objectif"
    ACTION = "action"
    PARTNER = "partenaire"


class Change(StrEnum):
    ADDED = "ajout"
    REMOVED = "retrait"
    RENAMED = "renommage"
    MOVED = "deplacement"


class ContributionChangeKind(StrEnum):
    NEW = "nouvelle"
    WITHDRAWN = "retiree"


class Category(StrEnum):
    """Sections of field changes, in display order."""

    STATUS = "statut"
    CALENDAR = "calendrier"
    INDICATOR = "indicateur"
    BUDGET = "budget"
    EXECUTION = "execution"
    CEILING = "plafond"
    ENGAGEMENTS = "engagements"
    COFUNDING = "cofinancement"
    AMENDMENT = "avenant"
    RULES = "regles"
    OTHER = "autre"


class Side(StrEnum):
    """The two versions compared: A the base, B the compared one."""

    BASE = "A"
    HEAD = "B"


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A convention, objective, action or partner added, removed, renamed or moved."""

    kind: RecordKind
    change: Change
    id: str  # the id in the head (in the base for a removal)
    title: str
    old_id: str | None = None
    old_path: str | None = None
    new_path: str | None = None
    old_parent: str | None = None  # convention of an action or objective
    new_parent: str | None = None


@dataclass(frozen=True, slots=True)
class MoneyChange:
    """One funder's money for one action (or a whole convention) in one year."""

    funder: str
    target_kind: str  # action | convention (a record kind's value)
    target: str
    convention: str | None
    year: int
    old: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        return self.new - self.old


@dataclass(frozen=True, slots=True)
class ContributionChange:
    """A partner's contribution that appears or disappears (any nature)."""

    partner: str
    change: ContributionChangeKind
    target_kind: str
    target: str
    nature: str
    amount: Decimal  # total over the years, financial contributions only
    path: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A value of a record that changed; `old`/`new` are None when absent on that side."""

    category: Category
    kind: str  # pacte, or a record kind's value
    id: str
    field: str
    old: Any
    new: Any
    path: str
    detail: str = ""  # e.g. the indicator's label, a calendar shift in days


@dataclass
class Changes:
    base_label: str
    head_label: str
    records: list[RecordChange] = field(default_factory=list)
    money: list[MoneyChange] = field(default_factory=list)
    contributions: list[ContributionChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    introduced: list[Diagnostic] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)  # files unreadable on one side
    unreadable: list[tuple[str, Side]] = field(default_factory=list)
    """Each file left out of the comparison and the version (A, B) where it is unreadable."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """The change's own points of attention (spec section 8), located in version B."""
    head_errors: int = 0
    head_warnings: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # partner id -> sigle or name

    # --- totals ----------------------------------------------------------------------------

    @property
    def total(self) -> Decimal:
        return sum((m.difference for m in self.money), start=ZERO)

    def _totals(self, key: Callable[[MoneyChange], Any]) -> dict[Any, Decimal]:
        totals: dict[Any, Decimal] = defaultdict(lambda: ZERO)
        for change in self.money:
            totals[key(change)] += change.difference
        return dict(totals)

    def by_action(self) -> dict[str, Decimal]:
        return self._totals(lambda m: m.target if m.target_kind == "action" else None)

    def by_funder(self) -> dict[str, Decimal]:
        return self._totals(lambda m: m.funder)

    def by_convention(self) -> dict[str | None, Decimal]:
        return self._totals(lambda m: m.convention)

    def by_funder_year(self) -> dict[tuple[str, int], Decimal]:
        return self._totals(lambda m: (m.funder, m.year))

    def label(self, partner_id: str) -> str:
        return self.labels.get(partner_id, partner_id)

    def count(self, kind: RecordKind, change: Change) -> int:
        return sum(1 for r in self.records if r.kind == kind and r.change == change)

    @property
    def introduced_errors(self) -> int:
        return sum(1 for d in self.introduced if d.severity is Severity.ERROR)

    @property
    def is_empty(self) -> bool:
        return not (
            self.records
            or self.money
            or self.contributions
            or self.fields
            or self.introduced
            or self.fixed
            or self.warnings
        )
