"""French wording shared by the `pacte diff` formats: summary line, labels, values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pactecli.diagnostics import Severity
from pactecli.diff.values import (
    Category,
    Change,
    Changes,
    ContributionChange,
    ContributionChangeKind,
    FieldChange,
    MoneyChange,
    RecordChange,
    RecordKind,
    Side,
)
from pactecli.formatting import euros, long_date, number
from pactecli.labels import CONTRIBUTION_NATURES, STATUS_WORDS

#: Sections of field changes, in display order, with their French title.
CATEGORIES = (
    (Category.STATUS, "Statuts et motifs"),
    (Category.CALENDAR, "Calendriers et dates"),
    (Category.INDICATOR, "Indicateurs : cibles et réalisés"),
    (Category.BUDGET, "Budgets des actions"),
    (Category.EXECUTION, "Exécution : dépenses et versements"),
    (Category.CEILING, "Plafonds"),
    (Category.ENGAGEMENTS, "Montants signés (annexes financières)"),
    (Category.COFUNDING, "Règles de cofinancement"),
    (Category.AMENDMENT, "Avenants"),
    (Category.RULES, "Sévérité des règles"),
    (Category.OTHER, "Autres modifications"),
)

_KIND_WORDS = {  # singular, plural, feminine
    RecordKind.CONVENTION: ("convention", "conventions", True),
    RecordKind.OBJECTIVE: ("objectif", "objectifs", False),
    RecordKind.ACTION: ("action", "actions", True),
    RecordKind.PARTNER: ("partenaire", "partenaires", False),
}
_CHANGE_WORDS = {
    Change.ADDED: "ajouté",
    Change.REMOVED: "retiré",
    Change.RENAMED: "renommé",
    Change.MOVED: "déplacé",
}
_MONEY_CATEGORIES = frozenset(
    (Category.BUDGET, Category.CEILING, Category.EXECUTION, Category.ENGAGEMENTS)
)
_SUMMARY_MONEY_ITEMS = 3
_SIDES = {Side.BASE: "la version de base (A)", Side.HEAD: "la version comparée (B)"}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


def participle(kind: str, change: str, count: int) -> str:
    word = _CHANGE_WORDS[Change(change)]
    if _KIND_WORDS[RecordKind(kind)][2]:
        word += "e"
    return word + ("s" if count > 1 else "")


def kind_word(kind: str, count: int = 1) -> str:
    singular, plural_form, _ = _KIND_WORDS[RecordKind(kind)]
    return singular if count <= 1 else plural_form


def money_item(funder: str, year: int, difference: Decimal) -> str:
    return f"{euros(difference, signed=True)} {funder} en {year}"


def summary(changes: Changes) -> str:
    """One line: the biggest money moves, records added/removed, new errors."""
    parts: list[str] = []
    moves = [(key, diff) for key, diff in changes.by_funder_year().items() if diff]
    moves.sort(key=lambda item: (-abs(item[1]), item[0][1], changes.label(item[0][0])))
    for (funder, year), difference in moves[:_SUMMARY_MONEY_ITEMS]:
        parts.append(money_item(changes.label(funder), year, difference))
    if len(moves) > _SUMMARY_MONEY_ITEMS:
        total = euros(changes.total, signed=True)
        parts.append(f"{len(moves) - _SUMMARY_MONEY_ITEMS} autres mouvements (total {total})")
    for kind in _KIND_WORDS:
        for change in _CHANGE_WORDS:
            count = changes.count(kind, change)
            if count:
                parts.append(f"{count} {kind_word(kind, count)} {participle(kind, change, count)}")
    statuses = sum(1 for f in changes.fields if f.field == "statut")
    if statuses:
        parts.append(plural(statuses, "statut modifié", "statuts modifiés"))
    if not parts:
        parts.append("aucun changement d'engagement")
    errors = changes.introduced_errors
    parts.append(f"{errors} nouvelle{'s' if errors > 1 else ''} erreur{'s' if errors > 1 else ''}")
    warnings = len(changes.introduced) - errors
    if warnings:
        parts.append(
            "1 nouvel avertissement" if warnings == 1 else f"{warnings} nouveaux avertissements"
        )
    fixed = sum(1 for d in changes.fixed if d.severity is Severity.ERROR)
    if fixed:
        parts.append(plural(fixed, "erreur corrigée", "erreurs corrigées"))
    if changes.warnings:
        parts.append(plural(len(changes.warnings), "point d'attention", "points d'attention"))
    if changes.unreadable:
        parts.append(plural(len(changes.not_compared), "fichier illisible", "fichiers illisibles"))
    return ", ".join(parts)


def unreadable_lines(changes: Changes) -> list[str]:
    """`data/partners/ccss.yaml : illisible dans la version comparée (B)`, one per file."""
    sides: dict[str, list[Side]] = {}
    for path, side in changes.unreadable:
        sides.setdefault(path, []).append(side)
    lines = []
    for path, found in sorted(sides.items()):
        where = " et dans ".join(_SIDES[side] for side in sorted(set(found)))
        lines.append(f"{path} : illisible dans {where}, non comparé")
    return lines


def value(raw: Any, money: bool = False) -> str:
    """A field value in French: euros, long dates, statuses, lists; `—` when absent."""
    if raw is None:
        return "—"
    if isinstance(raw, bool):
        return "oui" if raw else "non"
    if isinstance(raw, dt.date):
        return long_date(raw)
    if isinstance(raw, Decimal | int) and money:
        return euros(raw)
    if isinstance(raw, Decimal | int | float):
        return number(raw)
    if isinstance(raw, list):
        return ", ".join(str(item) for item in raw) or "—"
    if isinstance(raw, str):
        return STATUS_WORDS.get(raw, raw)  # type: ignore[call-overload, no-any-return]
    return str(raw)


def _is_money(change: FieldChange) -> bool:
    return change.category in _MONEY_CATEGORIES or change.field == "cofinancement.tolerance"


def field_label(change: FieldChange, changes: Changes) -> str:
    parts = change.field.split(".")
    head = parts[0]
    if change.category == Category.BUDGET:
        return f"budget {parts[1]}"
    if change.category == Category.CEILING:
        return f"plafond annuel de {changes.label(parts[1])}"
    if head == "depenses":
        return f"dépenses {parts[1]}"
    if head == "versements":
        return f"versé pour « {parts[1]} » au titre de {parts[2]}"
    if head == "engagements":
        return f"montant signé {parts[2]} de {changes.label(parts[1])}"
    if head == "indicateurs":
        if len(parts) == 2:
            return f"indicateur « {change.detail} »"
        what = {"cibles": "cible", "realise": "réalisé", "reference": "référence"}[parts[2]]
        year = f" {parts[3]}" if len(parts) > 3 else ""
        return f"{what}{year} de l'indicateur « {change.detail} »"
    if head == "avenants":
        return f"avenant n° {parts[1]}"
    if head == "cofinancement":
        return f"cofinancement : {parts[1]}"
    if head == "regles":
        return f"sévérité de la règle « {parts[1]} »"
    if head == "axes":
        return f"axe « {parts[1]} »"
    names = {
        "calendrier.debut": "début",
        "calendrier.fin": "fin",
        "periode.debut": "début de période",
        "periode.fin": "fin de période",
        "date_signature": "date de signature",
        "date_adhesion": "date d'adhésion",
        "signataire_pacte": "signataire du pacte",
        "categorie": "catégorie",
    }
    return names.get(change.field, change.field)


def field_values(change: FieldChange) -> tuple[str, str, str]:
    """(before, after, difference or shift) as shown to a reader."""
    money = _is_money(change)
    before, after = value(change.old, money), value(change.new, money)
    delta = ""
    if (
        money
        and isinstance(change.old, Decimal | int | type(None))
        and (isinstance(change.new, Decimal | int | type(None)))
    ):
        difference = Decimal(change.new or 0) - Decimal(change.old or 0)
        delta = euros(difference, signed=True) if difference else ""
    elif change.detail and change.category == Category.CALENDAR:
        delta = change.detail
    return before, after, delta


def describe_field(change: FieldChange, changes: Changes) -> str:
    before, after, delta = field_values(change)
    text = f"{change.kind} « {change.id} » : {field_label(change, changes)} {before} → {after}"
    return text + (f" ({delta})" if delta else "")


def describe_record(record: RecordChange) -> str:
    words = f"{kind_word(record.kind)} « {record.id} »"
    verb = participle(record.kind, record.change, 1)
    if record.change == Change.ADDED:
        where = f" dans {record.new_parent}" if record.new_parent else ""
        return f"+ {words} {verb}{where} : {record.title} ({record.new_path})"
    if record.change == Change.REMOVED:
        where = f" de {record.old_parent}" if record.old_parent else ""
        return f"- {words} {verb}{where} : {record.title} ({record.old_path})"
    if record.change == Change.RENAMED:
        old = f"{kind_word(record.kind)} « {record.old_id} »"
        return f"~ {old} {verb} en « {record.id} » : {record.title}"
    where = (
        f" de {record.old_parent} vers {record.new_parent}"
        if record.old_parent != record.new_parent
        else ""
    )
    return f"→ {words} {verb}{where} : {record.old_path} → {record.new_path}"


def target_label(money: MoneyChange | ContributionChange) -> str:
    return f"{money.target_kind} « {money.target} »"


def describe_contribution(change: ContributionChange, changes: Changes) -> str:
    nature = CONTRIBUTION_NATURES.get(change.nature, change.nature)
    amount = f" ({euros(change.amount)} au total)" if change.nature == "financiere" else ""
    if change.change == ContributionChangeKind.NEW:
        return (
            f"+ {changes.label(change.partner)} : nouvelle contribution {nature} à "
            f"{target_label(change)}{amount}"
        )
    return (
        f"- {changes.label(change.partner)} : contribution {nature} à {target_label(change)} "
        f"retirée{amount}"
    )


def grouped_money(changes: Changes) -> dict[tuple[str, str], list[MoneyChange]]:
    groups: dict[tuple[str, str], list[MoneyChange]] = {}
    for change in changes.money:
        groups.setdefault((change.target_kind, change.target), []).append(change)
    return groups


def signed(amount: Decimal) -> str:
    return euros(amount, signed=True) if amount else "0 €"


def sorted_totals(totals: dict[Any, Decimal]) -> Iterable[tuple[Any, Decimal]]:
    return sorted(
        ((key, amount) for key, amount in totals.items() if key is not None),
        key=lambda item: str(item[0]),
    )
