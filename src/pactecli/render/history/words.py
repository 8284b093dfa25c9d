"""French wording shared by the `pacte history` formats (the diff's words where they agree)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from pactecli.diff.history import Event, History, HistoryEntry
from pactecli.diff.values import Changes, FieldChange, MoneyChange, RecordKind
from pactecli.formatting import euros, long_date
from pactecli.labels import PARTNER_CATEGORIES
from pactecli.model import Action, Partner
from pactecli.render.changes import words

_EVENTS = {  # (action, partner)
    Event.APPEARED: ("créée", "créé"),
    Event.REMOVED: ("retirée du pacte", "retiré du pacte"),
    Event.UNREADABLE: ("fichier illisible ou en erreur à ce commit",) * 2,
    Event.READABLE: ("fichier de nouveau lisible",) * 2,
}
NO_CHANGE = "Aucun changement de ses engagements dans l'historique parcouru."


def title(history: History) -> str:
    what = "de l'action" if history.kind is RecordKind.ACTION else "du partenaire"
    return f"Historique {what} « {history.id} » — {history.title}"


def counts(history: History) -> str:
    concerned = len(history.entries)
    pronoun = "la" if history.kind is RecordKind.ACTION else "le"
    walked = words.plural(history.commits, "commit parcouru", "commits parcourus")
    verb = "concerne" if concerned <= 1 else "concernent"
    return f"{walked}, {words.plural(concerned, 'commit')} {pronoun} {verb}"


def header(entry: HistoryEntry) -> str:
    commit = entry.commit
    return f"{long_date(commit.date)} · {commit.short} · {commit.author} — {commit.message}"


def lines(entry: HistoryEntry, history: History) -> list[str]:
    """What the commit changed, one line per fact."""
    found = []
    if entry.event is not None:
        found.append(_event(entry, history))
    if entry.event == Event.APPEARED:
        found += _money_by_funder(entry.money, history)
    else:
        found += [_money_line(m, history) for m in entry.money]
    # A financial contribution's money is in the lines above: only other natures are listed.
    found += [
        words.describe_contribution(c, _labels(history))
        for c in entry.contributions
        if c.nature != "financiere"
    ]
    found += [_field_line(f, history) for f in entry.fields]
    return found


def _event(entry: HistoryEntry, history: History) -> str:
    action, partner = _EVENTS[entry.event or ""]
    text = action if history.kind is RecordKind.ACTION else partner
    if entry.event == Event.APPEARED and entry.record is not None:
        text += " : " + _portrait(entry.record)
    return text


def _portrait(record: Action | Partner) -> str:
    """The record as it was created, in one line."""
    if isinstance(record, Partner):
        count = words.plural(len(record.contributions), "contribution")
        category = PARTNER_CATEGORIES.get(record.categorie or "", record.categorie or "")
        return f"{record.nom} ({category.lower() or 'sans catégorie'}), {count}"
    parts = [words.value(record.statut) if record.statut else "sans statut"]
    if record.debut and record.fin:
        parts.append(f"du {long_date(record.debut)} au {long_date(record.fin)}")
    if record.budget:
        parts.append(f"budget {euros(sum(record.budget.values(), Decimal(0)))}")
        parts.append(_years(record.budget))
    return ", ".join(parts)


def _years(by_year: dict[int, Decimal]) -> str:
    years = sorted(by_year)
    return f"en {years[0]}" if len(years) == 1 else f"de {years[0]} à {years[-1]}"


def _money_by_funder(changes: Iterable[MoneyChange], history: History) -> list[str]:
    """At creation: what each funder commits, all years in one line."""
    groups: dict[str, dict[int, Decimal]] = {}
    for change in changes:
        who = _who(change, history)
        groups.setdefault(who, {})[change.year] = change.new
    return [
        f"engagé — {who} : {euros(sum(by_year.values(), Decimal(0)))} ("
        + ", ".join(f"{year} : {euros(amount)}" for year, amount in sorted(by_year.items()))
        + ")"
        for who, by_year in groups.items()
    ]


def _who(change: MoneyChange, history: History) -> str:
    if history.kind is RecordKind.ACTION:
        return history.label(change.funder)
    return words.target_label(change)


def _money_line(change: MoneyChange, history: History) -> str:
    return (
        f"engagé {change.year} — {_who(change, history)} : {euros(change.old)} → "
        f"{euros(change.new)} ({words.signed(change.difference)})"
    )


def _field_line(change: FieldChange, history: History) -> str:
    before, after, delta = words.field_values(change)
    if history.kind is RecordKind.ACTION and change.kind == RecordKind.PARTNER.value:
        year = change.field.rsplit(".", 1)[-1]
        label = f"versé par {history.label(change.id)} au titre de {year}"
    else:
        label = words.field_label(change, _labels(history))
    return f"{label} : {before} → {after}" + (f" ({delta})" if delta else "")


def _labels(history: History) -> Changes:
    """A `Changes` holding only the partner labels, for the diff's wording."""
    return Changes("", "", labels=dict(history.labels))
