"""How one action's or partner's commitments changed across the git history.

`record_history` walks the history once (`load.githistory`: a `git log` and one `git cat-file
--batch` whatever its length) and rebuilds, commit after commit, only what the record depends
on: for an action, its own file and the partner files that fund it; for a partner, its own file.
Each file content is parsed once. Two consecutive states are compared by the very functions of
`pacte diff` (`diff.fields`, `diff.money`) on a pact reduced to those records, so the history
and the diff say the same thing in the same words. An entry is kept for every commit that
changed the record: appearance and removal, status and motif, calendar, budget and spending,
indicators, money committed and paid per funder (or per target) and year, contributions added
or withdrawn.

A partner file that cannot be read at some commit keeps its last readable content for the
action's money (a broken intermediate commit is not a withdrawal); the record's own file being
unreadable is an entry of its own, and the next readable state is compared with the last one.
The record is followed by its id: a record renamed to another id starts a new history.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pactecli.check import schema as schema_check
from pactecli.diff.fields import field_changes
from pactecli.diff.money import contributions, money
from pactecli.diff.records import Renames, Skip
from pactecli.diff.values import ContributionChange, FieldChange, MoneyChange, RecordKind
from pactecli.layout import Kind, classify, record_name
from pactecli.load import documents
from pactecli.load.git import Repository
from pactecli.load.githistory import CommitInfo, HistoryWalk, Step
from pactecli.load.sources import Source
from pactecli.model import Action, Loaded, PactModel, Partner, build


class Event:
    """What happens to the record itself in a commit."""

    APPEARED = "apparition"
    REMOVED = "retrait"
    UNREADABLE = "illisible"
    READABLE = "lisible"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    commit: CommitInfo
    event: str | None
    path: str
    record: Action | Partner | None
    """The record as of this commit (None when its file is removed or unreadable)."""
    fields: tuple[FieldChange, ...] = ()
    money: tuple[MoneyChange, ...] = ()
    contributions: tuple[ContributionChange, ...] = ()


@dataclass(frozen=True, slots=True)
class History:
    kind: RecordKind
    id: str
    title: str
    commits: int
    """Commits walked (those that touched the pact)."""
    entries: tuple[HistoryEntry, ...]
    labels: dict[str, str] = field(default_factory=dict)
    """Partner id -> its sigle or name, as last read."""

    def label(self, partner_id: str) -> str:
        return self.labels.get(partner_id, partner_id)


class UnknownRecord(Exception):
    """No action or partner has this id in the history walked; `ids` are those that do."""

    def __init__(self, record_id: str, ids: set[str]) -> None:
        super().__init__(record_id)
        self.record_id = record_id
        self.ids = ids


class AmbiguousRecord(Exception):
    """An action and a partner share this id: the user must say which one."""


_KINDS = {Kind.ACTION: RecordKind.ACTION, Kind.PARTNER: RecordKind.PARTNER}
_NOTHING_SKIPPED = Skip({})


def record_history(
    repository: Repository,
    record_id: str,
    kind: RecordKind | None = None,
    since: str | None = None,
) -> History:
    """The history of the action or partner `record_id` (of `kind`; found out when None)."""
    walker = _Walker(record_id, kind)
    for step in HistoryWalk(repository, since=since).steps(walker.wants):
        walker.step(step)
    if walker.kind is None:
        raise UnknownRecord(record_id, walker.ids_seen)
    return History(
        walker.kind, record_id, walker.title, walker.commits, tuple(walker.entries), walker.labels
    )


class _Files:
    """Each record file's built record, cached by content (a content is parsed once)."""

    def __init__(self) -> None:
        self._built: dict[tuple[str, bytes], Action | Partner | None] = {}

    def record(self, path: str, content: bytes | None) -> Action | Partner | None:
        if content is None:
            return None
        key = (path, content)
        if key not in self._built:
            self._built[key] = _build(path, content)
        return self._built[key]


def _build(path: str, content: bytes) -> Action | Partner | None:
    """The record of one file, or None when it cannot be read or breaks its schema."""
    kind = classify(path)
    if kind is None:
        return None
    document, _ = documents.load(Source(path, kind, content))
    if document is None:
        return None
    checked = schema_check.check(document)
    if checked.invalid:
        return None
    model = build([Loaded(document, checked.invalid)])
    records: list[Action | Partner] = [*model.actions, *model.partners]
    return records[0] if records else None


class _Walker:
    """The record's files and state, commit after commit."""

    def __init__(self, record_id: str, kind: RecordKind | None) -> None:
        self.record_id = record_id
        self.kind = kind
        self.explicit = kind is not None
        self.files = _Files()
        self.own: dict[str, bytes | None] = {}  # the record's own file(s) -> content
        self.partners: dict[str, Partner] = {}  # other partner files -> last readable record
        self.labels: dict[str, str] = {}
        self.ids_seen: set[str] = set()
        self.previous: PactModel | None = None  # the last readable state
        self.present = self.readable = False
        self.entries: list[HistoryEntry] = []
        self.commits = 0
        self.title = record_id

    def wants(self, path: str) -> bool:
        """Its own files, and partner files when it may be an action (who funds it)."""
        found = classify(path)
        if found is Kind.PARTNER and self.kind is not RecordKind.PARTNER:
            return True
        return found in _KINDS and record_name(path, found) == self.record_id

    def step(self, step: Step) -> None:
        self.ids_seen.update(_names(step.skipped))
        if step.baseline:  # the state at --depuis: what the first commit is compared with
            self._apply(step)
            self._take_baseline()
            return
        self.commits += 1
        if self._apply(step):
            self._compare(step.commit)

    def _take_baseline(self) -> None:
        record = self._own_record()
        if record is not None:
            self.title = record.titre if isinstance(record, Action) else record.nom
            self.previous = self._state(record)
        self.present, self.readable = bool(self.own), record is not None

    def _apply(self, step: Step) -> bool:
        """Take the commit's files in; True when the record's state may have changed."""
        touched = False
        for path in step.deleted:
            if path in self.own:
                del self.own[path]
                touched = True
            touched |= self._forget_partner(path)
        for path, content in step.changed.items():
            found = classify(path)
            if found not in _KINDS:
                continue
            name = record_name(path, found) or ""
            self.ids_seen.add(name)
            if name == self.record_id and self._is_own_kind(_KINDS[found]):
                self.own[path] = content
                touched = True
            elif found is Kind.PARTNER:
                touched |= self._learn_partner(path, content)
        return touched

    def _is_own_kind(self, found: RecordKind) -> bool:
        if self.kind is None:
            self.kind = found
        elif self.kind is not found and not self.explicit:
            raise AmbiguousRecord(self.record_id)
        return self.kind is found

    def _learn_partner(self, path: str, content: bytes | None) -> bool:
        if content is not None and not self._may_fund(content):
            return self._forget_partner(path)
        partner = self.files.record(path, content)
        if not isinstance(partner, Partner):
            return False  # unreadable here: its last readable content still counts
        self.labels[partner.id] = partner.label
        if not self._funds_the_action(partner):
            return self._forget_partner(path)
        self.partners[path] = partner
        return True

    def _may_fund(self, content: bytes) -> bool:
        """False when the file cannot name the action: its id is nowhere in it, and no escape
        sequence could spell it (an id is letters, digits and dashes: no quoting hides it
        otherwise). Saves parsing large partner files that fund other actions."""
        if self.kind is RecordKind.PARTNER:
            return False
        return self.record_id.encode() in content or b"\\" in content

    def _forget_partner(self, path: str) -> bool:
        return self.partners.pop(path, None) is not None and self.kind is RecordKind.ACTION

    def _funds_the_action(self, partner: Partner) -> bool:
        if self.kind is RecordKind.PARTNER:
            return False
        return any(c.action == self.record_id for c in partner.contributions)

    def _compare(self, commit: CommitInfo) -> None:
        exists = bool(self.own)
        record = self._own_record()
        event = self._event(exists, record is not None)
        path = next((p for p, c in self.own.items() if c is not None), next(iter(self.own), ""))
        if record is None:
            if event is not None:
                self.entries.append(HistoryEntry(commit, event, path, None))
            if event == Event.REMOVED:
                self.previous = None
        else:
            self.title = record.titre if isinstance(record, Action) else record.nom
            state = self._state(record)
            entry = self._changes(commit, event, path, record, self.previous or PactModel(), state)
            if entry.event or entry.fields or entry.money or entry.contributions:
                self.entries.append(entry)
            self.previous = state
        self.present, self.readable = exists, record is not None

    def _own_record(self) -> Action | Partner | None:
        for path, content in sorted(self.own.items()):
            record = self.files.record(path, content)
            if record is not None:
                if isinstance(record, Partner):
                    self.labels[record.id] = record.label
                return record
        return None

    def _state(self, record: Action | Partner) -> PactModel:
        """The pact reduced to what the record's history depends on."""
        if isinstance(record, Action):
            return PactModel(actions=[record], partners=list(self.partners.values()))
        return PactModel(partners=[record])

    def _changes(
        self,
        commit: CommitInfo,
        event: str | None,
        path: str,
        record: Action | Partner,
        old: PactModel,
        new: PactModel,
    ) -> HistoryEntry:
        renames = Renames()
        return HistoryEntry(
            commit,
            event,
            path,
            record,
            tuple(f for f in field_changes(old, new, renames) if self._concerns(f)),
            tuple(m for m in money(old, new, renames, _NOTHING_SKIPPED) if self._funds(m)),
            tuple(
                c
                for c in contributions(old, new, renames, _NOTHING_SKIPPED)
                if self._contributes(c)
            ),
        )

    def _concerns(self, change: FieldChange) -> bool:
        if self.kind is RecordKind.PARTNER or change.kind == RecordKind.ACTION.value:
            return True
        return change.field.startswith(f"versements.{self.record_id}.")

    def _funds(self, change: MoneyChange) -> bool:
        if self.kind is RecordKind.PARTNER:
            return True
        return change.target_kind == "action" and change.target == self.record_id

    def _contributes(self, change: ContributionChange) -> bool:
        if self.kind is RecordKind.PARTNER:
            return True
        return change.target_kind == "action" and change.target == self.record_id

    def _event(self, exists: bool, readable: bool) -> str | None:
        if exists and not self.present:
            return Event.APPEARED
        if not exists and self.present:
            return Event.REMOVED
        if exists and not readable and self.readable:
            return Event.UNREADABLE
        if exists and readable and not self.readable:
            return Event.READABLE
        return None


def _names(paths: frozenset[str]) -> Iterator[str]:
    for path in paths:
        found = classify(path)
        if found in _KINDS:
            yield record_name(path, found) or ""


def entries_by_year(history: History) -> Iterator[tuple[int, list[HistoryEntry]]]:
    years: dict[int, list[HistoryEntry]] = {}
    for entry in history.entries:
        years.setdefault(entry.commit.date.year, []).append(entry)
    yield from sorted(years.items())
