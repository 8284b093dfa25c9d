"""The git history shown on an action's or a partner's page (`pacte history`'s own words).

The history is walked again only when HEAD moves: it is cached by commit and record. Outside a
git repository, or for a record not committed yet, the page says so instead.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactecli.errors import UsageError
from pactecli.layout import Kind
from pactecli.web.locate import RecordRef


@dataclass(frozen=True)
class Entry:
    date: dt.date
    commit: str
    auteur: str
    message: str
    lignes: tuple[str, ...]


@dataclass(frozen=True)
class HistoryView:
    compte: str = ""
    entrees: tuple[Entry, ...] = ()
    note: str = ""
    """Why there is no history to show (outside git, not committed yet...)."""


@dataclass
class HistoryCache:
    root: Path
    _found: dict[tuple[str, RecordRef], HistoryView] = field(default_factory=dict)
    _years: dict[tuple[str, int], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _head(self) -> tuple[Any, str] | None:
        """The repository and its HEAD commit, or None outside git or before any commit."""
        from pactecli.load.git import Repository
        from pactecli.load.gitprocess import run

        try:
            repository = Repository.of(self.root)
        except UsageError:
            return None
        done = run(self.root, "rev-parse", "--verify", "--quiet", "HEAD")
        head = done.stdout.decode("ascii", "replace").strip()
        if done.returncode != 0 or not head:
            return None
        return repository, head

    def year_changes(self, year: int) -> Any:
        """The bilan's changes of `year` from git (`diff.year_changes`), None outside git."""
        from pactecli.diff.year_changes import year_changes

        found = self._head()
        if found is None:
            return None
        repository, head = found
        with self._lock:
            if (head, year) not in self._years:
                try:
                    self._years[(head, year)] = year_changes(repository, year)
                except UsageError:
                    self._years[(head, year)] = None
            return self._years[(head, year)]

    def of(self, ref: RecordRef) -> HistoryView:
        from pactecli.load.git import Repository
        from pactecli.load.gitprocess import run

        try:
            repository = Repository.of(self.root)
        except UsageError:
            return HistoryView(note="Le pacte n'est pas dans un dépôt git : pas d'historique.")
        done = run(self.root, "rev-parse", "--verify", "--quiet", "HEAD")
        head = done.stdout.decode("ascii", "replace").strip()
        if done.returncode != 0 or not head:
            return HistoryView(note="Le dépôt git n'a encore aucun commit.")
        key = (head, ref)
        with self._lock:
            if key not in self._found:
                if len(self._found) > 256:
                    self._found.clear()
                self._found[key] = _walk(repository, ref)
            return self._found[key]


def _walk(repository: object, ref: RecordRef) -> HistoryView:
    from pactecli.diff.history import AmbiguousRecord, UnknownRecord, record_history
    from pactecli.diff.values import RecordKind
    from pactecli.render.history import words

    kind = RecordKind.ACTION if ref.kind is Kind.ACTION else RecordKind.PARTNER
    try:
        history = record_history(repository, ref.id, kind)  # type: ignore[arg-type]
    except (UnknownRecord, AmbiguousRecord):
        return HistoryView(note="Cet enregistrement n'est encore dans aucun commit.")
    except UsageError as error:
        return HistoryView(note=f"Historique illisible : {error}")
    entries = tuple(
        Entry(
            e.commit.date,
            e.commit.short,
            e.commit.author,
            e.commit.message,
            tuple(words.lines(e, history)),
        )
        for e in reversed(history.entries)
    )
    return HistoryView(words.counts(history), entries)
