"""What happened to the pact's actions during one year, by git history: the « changements de
l'année » of `pacte bilan`.

One walk of the history up to HEAD (`load.githistory`: a `git log` and one `git cat-file
--batch`), reading only action files, each content parsed once and only for its `titre`,
`statut` and `motif` (no schema check: a file that does not parse keeps its last known state).
A change is kept when its commit's author date falls in the year: an action added, removed, or
whose status became « suspendu », « abandonné », « réalisé » or « en cours » again. Records are
followed by their id, as `pacte history` does; a file moved to another convention is neither
added nor removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pactecli.layout import Kind, classify, convention_folder, record_name
from pactecli.load import documents
from pactecli.load.git import Repository
from pactecli.load.githistory import CommitInfo, HistoryWalk, Step
from pactecli.load.sources import Source


class What:
    ADDED = "ajout"
    REMOVED = "retrait"
    SUSPENDED = "suspension"
    ABANDONED = "abandon"
    DONE = "realisation"
    RESUMED = "reprise"


_STATUS_CHANGES = {
    "suspendu": What.SUSPENDED,
    "abandonne": What.ABANDONED,
    "realise": What.DONE,
}


@dataclass(frozen=True, slots=True)
class ActionState:
    titre: str
    statut: str | None
    motif: str | None
    convention: str


@dataclass(frozen=True, slots=True)
class YearChange:
    commit: CommitInfo
    what: str
    action: str
    titre: str
    convention: str
    """The convention's folder (its id)."""
    statut: str | None = None
    motif: str | None = None


@dataclass(frozen=True, slots=True)
class YearChanges:
    changes: tuple[YearChange, ...]
    first: CommitInfo | None
    """The commit that brought the pact's actions into git: its actions are the starting state,
    not additions (a pact is usually imported in git long after its actions started)."""


def year_changes(repository: Repository, year: int) -> YearChanges:
    """The action changes whose commits are dated in `year` (author date), oldest first."""
    walker = _Walker(year)
    for step in HistoryWalk(repository).steps(_is_action):
        walker.step(step)
    return YearChanges(tuple(walker.changes), walker.first)


def _is_action(path: str) -> bool:
    return classify(path) is Kind.ACTION


class _Walker:
    def __init__(self, year: int) -> None:
        self.year = year
        self.files: dict[str, str] = {}  # path -> action id
        self.states: dict[str, ActionState] = {}  # action id -> last known state
        self.parsed: dict[bytes, ActionState | None] = {}
        self.changes: list[YearChange] = []
        self.first: CommitInfo | None = None

    def step(self, step: Step) -> None:
        starting = self.first is None and bool(step.changed)
        if starting:
            self.first = step.commit
        existed = set(self.files.values())
        was = {a: self.states.get(a) for a in existed}
        for path in step.deleted:
            self.files.pop(path, None)
        touched = []
        for path, content in step.changed.items():
            action = record_name(path, Kind.ACTION) or ""
            self.files[path] = action
            touched.append(action)
            state = self._state(path, content)
            if state is not None:
                self.states[action] = state
        if step.commit.date.year == self.year and not starting:
            self._record(step.commit, existed, was, touched)

    def _state(self, path: str, content: bytes | None) -> ActionState | None:
        if content is None:
            return None
        if content not in self.parsed:
            self.parsed[content] = _read_state(path, content)
        return self.parsed[content]

    def _record(
        self,
        commit: CommitInfo,
        existed: set[str],
        was: dict[str, ActionState | None],
        touched: list[str],
    ) -> None:
        present = set(self.files.values())
        for action in sorted(existed - present):
            state = was.get(action)
            if state is not None:
                self.changes.append(_change(commit, What.REMOVED, action, state))
        for action in sorted(set(touched)):
            state = self.states.get(action)
            if state is None:
                continue
            if action not in existed:
                self.changes.append(_change(commit, What.ADDED, action, state))
                continue
            what = _status_change(was.get(action), state)
            if what is not None:
                self.changes.append(_change(commit, what, action, state))


def _status_change(was: ActionState | None, now: ActionState) -> str | None:
    if was is None or was.statut == now.statut:
        return None
    if now.statut in _STATUS_CHANGES:
        return _STATUS_CHANGES[now.statut]
    if was.statut in ("suspendu", "abandonne") and now.statut == "en_cours":
        return What.RESUMED
    return None


def _change(commit: CommitInfo, what: str, action: str, state: ActionState) -> YearChange:
    return YearChange(
        commit, what, action, state.titre, state.convention, state.statut, state.motif
    )


def _read_state(path: str, content: bytes) -> ActionState | None:
    document, _ = documents.load(Source(path, Kind.ACTION, content))
    if document is None or not isinstance(document.data, dict):
        return None
    data: dict[str, Any] = document.data
    return ActionState(
        _text(data.get("titre")) or record_name(path, Kind.ACTION) or "",
        _text(data.get("statut")),
        _text(data.get("motif")),
        convention_folder(path),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
