"""The typed pact: one record type per kind, and the indexes every later stage reads.

The same model serves `validate` (cross-file rules), `report` (figures) and `diff`. Money is
`Decimal` (exact sums), dates are `datetime.date`, years are `int`. Every element keeps its
`Origin`, so a rule can say where it was written, and whether a fact of it is known.

A fact is unknown when its file could not vouch for it: a value that breaks the schema, a key
written twice, a required key missing. Such a field is `None` (or left out of its mapping), and
`Origin.known` says so, so that a rule never mistakes an unknown value for an absent one. A record
whose file could not be read at all (not UTF-8, not YAML, too large, not a mapping) is `Unread`:
only its id, given by its place in the layout, is known.

Over 400 lines on purpose: the record types and their indexes, declarations only, read as
the one description of the model.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from pactecli.diagnostics import Location
from pactecli.jsonpath import JsonPath
from pactecli.layout import Kind
from pactecli.load.documents import Document


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an element was written: a document, the JSON path inside it, and the paths of that
    document whose values are unknown."""

    document: Document
    path: JsonPath = ()
    invalid: frozenset[JsonPath] = frozenset()

    def locate(self, *steps: str | int, at_key: bool = False) -> Location:
        return self.document.locate((*self.path, *steps), at_key=at_key)

    def known(self, *steps: str | int) -> bool:
        """Whether the value at `steps` (below this element), and all it holds, is trustworthy."""
        if not self.invalid:
            return True
        full = (*self.path, *steps)
        for bad in self.invalid:
            common = min(len(bad), len(full))
            if bad[:common] == full[:common]:
                return False
        return True

    @property
    def file(self) -> str:
        return self.document.path


@dataclass(slots=True)
class Axis:
    id: str
    numero: int | None
    titre: str
    titre_local: str | None
    origin: Origin

    @property
    def label(self) -> str:
        return self.titre_local or self.titre


@dataclass(slots=True)
class Pact:
    territoire: str | None
    code: str | None
    debut: int | None
    fin: int | None
    axes: list[Axis]
    rule_severities: dict[str, str]
    origin: Origin
    execution_since: int | None = None
    """`execution.depuis`: from this year on, closed years must carry their execution."""
    axes_complete: bool = True
    """Whether every axis id is known (else a reference to an axis cannot be judged)."""

    @property
    def years(self) -> range:
        """The pact's years; empty while `periode` is unknown."""
        if self.debut is None or self.fin is None:
            return range(0)
        return range(self.debut, self.fin + 1)

    @property
    def period_known(self) -> bool:
        return self.debut is not None and self.fin is not None


@dataclass(slots=True)
class Objective:
    id: str
    titre: str
    axe: str | None
    convention_id: str
    origin: Origin


@dataclass(slots=True)
class Cofunding:
    funders: tuple[str, str]
    scale: str
    tolerance: Decimal
    origin: Origin


@dataclass(slots=True)
class Amendment:
    numero: int | None
    date: dt.date | None
    objet: str
    origin: Origin


@dataclass(slots=True)
class Convention:
    id: str
    folder: str
    type: str | None
    titre: str
    signataires: list[str]
    date_signature: dt.date | None
    debut: dt.date | None
    fin: dt.date | None
    objectives: list[Objective]
    cofunding: Cofunding | None
    ceilings: dict[str, Decimal]
    amendments: list[Amendment]
    origin: Origin
    engagements: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    """The signed annex: funder -> year -> amount, as amended by the latest avenant."""
    objectives_complete: bool = True
    """Whether every objective id is known (else an action's objective cannot be judged)."""


@dataclass(slots=True)
class Indicator:
    id: str
    libelle: str
    unite: str
    sens: str
    reference_year: int | None
    reference_value: Decimal | None
    cibles: dict[int, Decimal]
    realise: dict[int, Decimal]
    source: str | None
    origin: Origin


@dataclass(slots=True)
class Action:
    id: str
    stem: str
    convention_folder: str
    titre: str
    objectif: str | None
    nature: str | None
    description: str | None
    pilote: str | None
    partenaires: list[str]
    public_cible: str | None
    territoire: str | None
    debut: dt.date | None
    fin: dt.date | None
    statut: str | None
    budget: dict[int, Decimal]
    indicators: list[Indicator]
    origin: Origin
    motif: str | None = None
    depenses: dict[int, Decimal] = field(default_factory=dict)
    """What the action actually cost each year (dépensé, reported by its lead)."""


@dataclass(frozen=True, slots=True)
class Payment:
    """Money actually paid: when, how much, and the year of `montants` it honours."""

    date: dt.date
    amount: Decimal
    year: int
    origin: Origin


@dataclass(slots=True)
class Contribution:
    partner_id: str
    action: str | None
    convention: str | None
    nature: str
    amounts: dict[int, Decimal]
    etp: Decimal | None
    description: str | None
    origin: Origin
    payments: list[Payment] = field(default_factory=list)
    beneficiary: str | None = None
    """Who receives the money; None means the action's `pilote` (see `receiver`)."""
    agreement_date: dt.date | None = None
    decision: str | None = None
    notified_to_eu: bool = False

    @property
    def is_financial(self) -> bool:
        return self.nature == "financiere"

    def amounts_known(self) -> bool:
        return self.origin.known("montants")

    def payments_known(self) -> bool:
        return self.origin.known("versements")

    def paid(self, year: int) -> Decimal:
        """Paid for `year` (the year each payment honours, not the year it was made)."""
        return sum((p.amount for p in self.payments if p.year == year), Decimal(0))

    def paid_by_year(self) -> dict[int, Decimal]:
        found: dict[int, Decimal] = {}
        for payment in self.payments:
            found[payment.year] = found.get(payment.year, Decimal(0)) + payment.amount
        return found


@dataclass(slots=True)
class Partner:
    id: str
    stem: str
    nom: str
    sigle: str | None
    categorie: str | None
    siret: str | None
    rna: str | None
    signataire_pacte: bool | None
    date_adhesion: dt.date | None
    contributions: list[Contribution]
    unread_contributions: list[Origin]
    """Contributions whose target or nature is unknown: their money cannot be counted."""
    origin: Origin

    @property
    def label(self) -> str:
        return self.sigle or self.nom

    @property
    def money_known(self) -> bool:
        """Whether every financial contribution of the partner is known, amounts included."""
        return not self.unread_contributions and all(
            c.amounts_known() for c in self.contributions if c.is_financial
        )


def is_closed(year: int, as_of: dt.date) -> bool:
    """A year is closed from 1 July of the next one, once the local authorities' accounts for
    it are voted (spec section 5): before that, its execution may be partial."""
    return as_of >= dt.date(year + 1, 7, 1)


@dataclass(frozen=True, slots=True)
class Unread:
    """A record file that could not be read at all: its id comes from its place in the layout."""

    kind: Kind
    path: str
    id: str | None
    convention_folder: str | None = None


@dataclass(frozen=True, slots=True)
class Unlisted:
    """A folder that could not be listed: records of these kinds may be missing."""

    path: str
    kinds: frozenset[Kind]


@dataclass
class PactModel:
    pact: Pact | None = None
    conventions: list[Convention] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    unlisted: list[Unlisted] = field(default_factory=list)

    # Indexes: first record of each id wins; duplicates are the `id-duplique` rule's business.
    @cached_property
    def conventions_by_id(self) -> dict[str, Convention]:
        return _first_by_id(self.conventions)

    @cached_property
    def actions_by_id(self) -> dict[str, Action]:
        return _first_by_id(self.actions)

    @cached_property
    def partners_by_id(self) -> dict[str, Partner]:
        return _first_by_id(self.partners)

    @cached_property
    def conventions_by_folder(self) -> dict[str, Convention]:
        return {c.folder: c for c in self.conventions}

    @cached_property
    def objectives_by_id(self) -> dict[str, Objective]:
        return _first_by_id(o for c in self.conventions for o in c.objectives)

    @cached_property
    def axes_by_id(self) -> dict[str, Axis]:
        return _first_by_id(self.pact.axes if self.pact else [])

    # What is not known

    def unread_of(self, kind: Kind) -> list[Unread]:
        return [u for u in self.unread if u.kind is kind]

    def unread_ids(self, kind: Kind) -> set[str]:
        return {u.id for u in self.unread if u.kind is kind and u.id}

    def unlisted_of(self, kind: Kind) -> list[Unlisted]:
        """Folders not listed that may hide records of `kind`."""
        return [u for u in self.unlisted if kind in u.kinds]

    def damaged(self) -> Iterator[tuple[Kind, str | None, str]]:
        """(kind, id, file) of every record not fully known: unread, or with unknown values."""
        for unread in self.unread:
            yield unread.kind, unread.id, unread.path
        records: list[Convention | Action | Partner] = [
            *self.conventions,
            *self.actions,
            *self.partners,
        ]
        kinds = {Convention: Kind.CONVENTION, Action: Kind.ACTION, Partner: Kind.PARTNER}
        for record in records:
            if record.origin.invalid:
                yield kinds[type(record)], record.id, record.origin.file

    @cached_property
    def partners_with_unknown_money(self) -> dict[str, str]:
        """Partner id -> the file that keeps its money unknown (unread, or partly unknown)."""
        found = {u.id: u.path for u in self.unread_of(Kind.PARTNER) if u.id}
        for partner in self.partners:
            if not partner.money_known:
                found.setdefault(partner.id, partner.origin.file)
        return found

    @cached_property
    def money_causes(self) -> list[str]:
        """Files that may hold money nobody can count: every action's funding is uncertain."""
        causes = [u.path for u in self.unread_of(Kind.PARTNER) if not u.id]
        causes += [u.path for u in self.unlisted_of(Kind.PARTNER)]
        return causes + sorted(set(self.partners_with_unknown_money.values()))

    # Joins

    def convention_of(self, action: Action) -> Convention | None:
        return self.conventions_by_folder.get(action.convention_folder)

    def actions_of(self, convention: Convention) -> list[Action]:
        return self.actions_by_convention_folder.get(convention.folder, [])

    @cached_property
    def actions_by_convention_folder(self) -> dict[str, list[Action]]:
        grouped: dict[str, list[Action]] = defaultdict(list)
        for action in self.actions:
            grouped[action.convention_folder].append(action)
        return grouped

    @cached_property
    def action_folders(self) -> dict[str, str]:
        """Action id -> its convention's folder, unread actions included."""
        folders = {
            u.id: u.convention_folder
            for u in self.unread_of(Kind.ACTION)
            if u.id and u.convention_folder
        }
        folders.update({a.id: a.convention_folder for a in reversed(self.actions)})
        return folders

    def contributions(self) -> Iterator[Contribution]:
        for partner in self.partners:
            yield from partner.contributions

    @cached_property
    def financial_by_action(self) -> dict[str, list[Contribution]]:
        """Every financial contribution to each action id: the action's funding plan."""
        grouped: dict[str, list[Contribution]] = defaultdict(list)
        for contribution in self.contributions():
            if contribution.is_financial and contribution.action is not None:
                grouped[contribution.action].append(contribution)
        return grouped

    @cached_property
    def financial_by_convention(self) -> dict[str, list[Contribution]]:
        """Financial contributions to a convention as a whole (not to one of its actions)."""
        grouped: dict[str, list[Contribution]] = defaultdict(list)
        for contribution in self.contributions():
            if contribution.is_financial and contribution.convention is not None:
                grouped[contribution.convention].append(contribution)
        return grouped

    @cached_property
    def financial_by_folder(self) -> dict[str, list[Contribution]]:
        """Money to each convention folder's actions (unread actions included)."""
        grouped: dict[str, list[Contribution]] = defaultdict(list)
        folders = self.action_folders
        for action_id, contributions in self.financial_by_action.items():
            folder = folders.get(action_id)
            if folder is not None:
                grouped[folder].extend(contributions)
        return grouped

    def financial_to(self, convention: Convention) -> list[Contribution]:
        """Money to the convention: to its actions (unread ones included) and to it as a whole."""
        return self.financial_by_folder.get(convention.folder, []) + (
            self.financial_by_convention.get(convention.id, [])
        )

    def funding(self, action: Action, year: int) -> list[tuple[Contribution, Decimal]]:
        """The contributions funding `action` in `year`, with their amount."""
        return [
            (c, c.amounts[year])
            for c in self.financial_by_action.get(action.id, [])
            if year in c.amounts
        ]


def _first_by_id(items: Iterable[Any]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index
