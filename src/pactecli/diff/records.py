"""Matching records across two versions: by id, moves, renames (same title), unreadable ones.

A record found under another file with the same id is a move; a record gone while another of the
same kind and title appeared is a rename (id changed). A record not fully known on one side
(unreadable file, or a value breaking the schema) is not compared at all: a typo in a pull
request never shows as "action removed, 200 000 € withdrawn".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pactecli.diff.values import Change, Changes, RecordChange, RecordKind, Side
from pactecli.layout import Kind
from pactecli.model import Action, Objective, PactModel


@dataclass
class Renames:
    """old id -> new id, per kind, for records renamed between the versions."""

    conventions: dict[str, str] = field(default_factory=dict)
    objectives: dict[str, str] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)
    partners: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Skip:
    """Ids whose record is unreadable on one side, per kind: not compared."""

    ids: dict[Kind, set[str]]

    def __call__(self, kind: RecordKind, record_id: str) -> bool:
        return record_id in self.ids.get(_KINDS[kind], set())


_KINDS = {
    RecordKind.CONVENTION: Kind.CONVENTION,
    RecordKind.OBJECTIVE: Kind.CONVENTION,  # objectives live in their convention's file
    RecordKind.ACTION: Kind.ACTION,
    RecordKind.PARTNER: Kind.PARTNER,
}


def unreadable(old: PactModel, new: PactModel, changes: Changes) -> Skip:
    """Records not fully known on either side: left out of the comparison, and listed."""
    ids: dict[Kind, set[str]] = defaultdict(set)
    for side, model in ((Side.BASE, old), (Side.HEAD, new)):
        for kind, record_id, path in model.damaged():
            if record_id:
                ids[kind].add(record_id)
            if path not in changes.not_compared:
                changes.not_compared.append(path)
            changes.unreadable.append((path, side))
    changes.not_compared.sort()
    changes.unreadable.sort()
    # objectives live in their convention's file
    for convention_id in list(ids.get(Kind.CONVENTION, ())):
        for model in (old, new):
            convention = model.conventions_by_id.get(convention_id)
            if convention:
                ids[Kind.CONVENTION].update(o.id for o in convention.objectives)
    return Skip(dict(ids))


def _title(record: Any) -> str:
    return str(getattr(record, "titre", None) or getattr(record, "nom", None) or record.id)


def path_of(record: Any) -> str:
    return str(record.origin.file)


def _parent(record: Any) -> str | None:
    if isinstance(record, Action):
        return record.convention_folder
    if isinstance(record, Objective):
        return record.convention_id
    return None


def records(
    kind: RecordKind,
    old: dict[str, Any],
    new: dict[str, Any],
    skip: Skip,
    renames: dict[str, str],
) -> list[RecordChange]:
    found: list[RecordChange] = []
    for record_id in sorted(old.keys() & new.keys()):
        before, after = old[record_id], new[record_id]
        moved = path_of(before) != path_of(after) or _parent(before) != _parent(after)
        if moved and not (kind is RecordKind.OBJECTIVE and _parent(before) == _parent(after)):
            found.append(_record_change(kind, Change.MOVED, after, before))
    removed = [old[i] for i in sorted(old.keys() - new.keys()) if not skip(kind, i)]
    added = [new[i] for i in sorted(new.keys() - old.keys()) if not skip(kind, i)]
    by_title: dict[str, list[Any]] = defaultdict(list)
    for record in added:
        by_title[_title(record)].append(record)
    paired: set[str] = set()
    for record in removed:
        candidates = [r for r in by_title.get(_title(record), []) if r.id not in paired]
        if len(candidates) == 1:
            renamed = candidates[0]
            paired.add(renamed.id)
            renames[record.id] = renamed.id
            found.append(_record_change(kind, Change.RENAMED, renamed, record))
        else:
            found.append(_record_change(kind, Change.REMOVED, record))
    found += [_record_change(kind, Change.ADDED, r) for r in added if r.id not in paired]
    return found


def _record_change(
    kind: RecordKind, change: Change, record: Any, before: Any = None
) -> RecordChange:
    """`record` is the head's record (the base's for a removal); `before` its base version."""
    old = record if change == Change.REMOVED else before
    new = None if change == Change.REMOVED else record
    return RecordChange(
        kind,
        change,
        record.id,
        _title(record),
        old_id=before.id if before is not None and before.id != record.id else None,
        old_path=path_of(old) if old is not None else None,
        new_path=path_of(new) if new is not None else None,
        old_parent=_parent(old) if old is not None else None,
        new_parent=_parent(new) if new is not None else None,
    )
