"""Fourth stage: loaded documents -> the typed model, in one call.

Each document comes with the JSON paths its schema check could not vouch for. Those values are
pruned from (a copy of) the data, and the builders read everything else: a field whose value is
unknown comes out as `None` or missing from its mapping (its `Origin.known` says it is unknown,
not absent), a list item that is unknown is skipped, and an unknown id falls back to the name the
record's place in the layout gives it, so that references to it do not cascade into
`reference-inconnue`. What is left after pruning is valid for the schema, so the builders read
plain values. A document with nothing trustworthy (empty, not a mapping) becomes an `Unread`
record, like a file that could not be parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pactecli.jsonpath import JsonPath
from pactecli.layout import Kind, convention_folder, record_name
from pactecli.load.documents import Document
from pactecli.model.records import (
    Action,
    Amendment,
    Axis,
    Cofunding,
    Contribution,
    Convention,
    Indicator,
    Objective,
    Origin,
    Pact,
    PactModel,
    Partner,
    Payment,
    Unlisted,
    Unread,
)

Data = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Loaded:
    """A parsed document and the paths of its values that are unknown."""

    document: Document
    invalid: frozenset[JsonPath] = frozenset()


def to_amount(value: int | float) -> Decimal:
    """Exact: the loader only makes floats of decimals that `repr` gives back digit for digit."""
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def to_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def build(
    loaded: Iterable[Loaded],
    unread: Iterable[tuple[Kind, str]] = (),
    unlisted: Iterable[Unlisted] = (),
) -> PactModel:
    """The model of every document, plus the records and folders that could not be read."""
    model = PactModel(unlisted=list(unlisted))
    model.unread.extend(_unread(kind, path) for kind, path in unread)
    for item in loaded:
        document = item.document
        data = prune(document.data, item.invalid)
        if not isinstance(data, dict):
            model.unread.append(_unread(document.kind, document.path))
            continue
        _BUILDERS[document.kind](model, _Record(document, data, item.invalid))
    return model


def _unread(kind: Kind, path: str) -> Unread:
    folder = convention_folder(path) if kind in (Kind.ACTION, Kind.CONVENTION) else None
    return Unread(kind, path, record_name(path, kind), folder)


# --- pruning -------------------------------------------------------------------------------

_GONE = object()


def prune(data: Any, invalid: frozenset[JsonPath]) -> Any:
    """`data` without the values at `invalid` paths (list items become None: indexes stay)."""
    if not invalid:
        return data
    if () in invalid:
        return None
    trie: dict[Any, Any] = {}
    for path in invalid:
        node = trie
        for step in path[:-1]:
            child = node.setdefault(step, {})
            if child is _GONE:
                break
            node = child
        else:
            node[path[-1]] = _GONE
    return _pruned(data, trie)


def _pruned(node: Any, trie: dict[Any, Any]) -> Any:
    if isinstance(node, dict):
        copy = dict(node)
        for key, below in trie.items():
            if isinstance(key, str) and key in copy:
                if below is _GONE:
                    del copy[key]
                else:
                    copy[key] = _pruned(copy[key], below)
        return copy
    if isinstance(node, list):
        items = list(node)
        for index, below in trie.items():
            if isinstance(index, int) and 0 <= index < len(items):
                items[index] = None if below is _GONE else _pruned(items[index], below)
        return items
    return node


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Record:
    document: Document
    data: Data
    invalid: frozenset[JsonPath]

    def origin(self, *path: str | int) -> Origin:
        return Origin(self.document, path, self.invalid)

    def name(self) -> str:
        """The id the layout gives the record (file stem, or folder of a convention)."""
        return record_name(self.document.path, self.document.kind) or ""


def _items(data: Data, key: str) -> list[tuple[int, Data]]:
    """The known items of a list of mappings, with their index in the file."""
    return [(i, item) for i, item in enumerate(data.get(key) or ()) if isinstance(item, dict)]


def _all_have_ids(items: Any) -> bool:
    """A list whose every item kept its `id` after pruning (absent lists are the schema's)."""
    return isinstance(items, list) and all(isinstance(i, dict) and "id" in i for i in items)


def _ids(values: list[Any] | None) -> list[str]:
    return [value for value in values or () if isinstance(value, str)]


def _years(mapping: Data | None, convert: Callable[[Any], Any] = to_amount) -> dict[int, Any]:
    return {int(year): convert(value) for year, value in (mapping or {}).items()}


def _optional_amount(value: int | float | None) -> Decimal | None:
    return None if value is None else to_amount(value)


def _build_pact(model: PactModel, record: _Record) -> None:
    data = record.data
    axes = [
        Axis(
            axis["id"],
            axis.get("numero"),
            axis.get("titre") or axis["id"],
            axis.get("titre_local"),
            record.origin("axes", index),
        )
        for index, axis in _items(data, "axes")
        if "id" in axis
    ]
    territory, period = data.get("territoire") or {}, data.get("periode") or {}
    model.pact = Pact(
        territoire=territory.get("nom"),
        code=territory.get("code"),
        debut=period.get("debut"),
        fin=period.get("fin"),
        axes=axes,
        rule_severities=dict(data.get("regles") or {}),
        origin=record.origin(),
        execution_since=(data.get("execution") or {}).get("depuis"),
        axes_complete=_all_have_ids(data.get("axes")),
    )


def _build_convention(model: PactModel, record: _Record) -> None:
    data = record.data
    folder = convention_folder(record.document.path)
    convention_id = data.get("id", folder)
    objectives = [
        Objective(
            objective["id"],
            objective.get("titre") or objective["id"],
            objective.get("axe"),
            convention_id,
            record.origin("objectifs", index),
        )
        for index, objective in _items(data, "objectifs")
        if "id" in objective
    ]
    period = data.get("periode") or {}
    model.conventions.append(
        Convention(
            id=convention_id,
            folder=folder,
            type=data.get("type"),
            titre=data.get("titre") or convention_id,
            signataires=_ids(data.get("signataires")),
            date_signature=to_date(data.get("date_signature")),
            debut=to_date(period.get("debut")),
            fin=to_date(period.get("fin")),
            objectives=objectives,
            cofunding=_cofunding(record),
            ceilings=_years_by_id(data.get("plafonds")),
            amendments=[
                Amendment(
                    amendment.get("numero"),
                    to_date(amendment.get("date")),
                    amendment.get("objet", ""),
                    record.origin("avenants", index),
                )
                for index, amendment in _items(data, "avenants")
            ],
            origin=record.origin(),
            engagements={
                funder: _years(by_year)
                for funder, by_year in (data.get("engagements") or {}).items()
                if isinstance(by_year, dict)
            },
            objectives_complete=_all_have_ids(data.get("objectifs")),
        )
    )


def _years_by_id(mapping: Data | None) -> dict[str, Decimal]:
    return {key: to_amount(value) for key, value in (mapping or {}).items()}


def _cofunding(record: _Record) -> Cofunding | None:
    raw = record.data.get("cofinancement")
    if not isinstance(raw, dict):
        return None
    funders = _ids(raw.get("financeurs"))
    if len(funders) != 2:
        return None
    return Cofunding(
        funders=(funders[0], funders[1]),
        scale=raw.get("echelle", "action"),
        tolerance=to_amount(raw.get("tolerance", 0)),
        origin=record.origin("cofinancement"),
    )


def _build_indicator(record: _Record, index: int, raw: Data) -> Indicator:
    reference = raw.get("reference") or {}
    return Indicator(
        id=raw["id"],
        libelle=raw.get("libelle") or raw["id"],
        unite=raw.get("unite", ""),
        sens=raw.get("sens", "hausse"),
        reference_year=reference.get("annee"),
        reference_value=_optional_amount(reference.get("valeur")),
        cibles=_years(raw.get("cibles")),
        realise=_years(raw.get("realise")),
        source=raw.get("source"),
        origin=record.origin("indicateurs", index),
    )


def _build_action(model: PactModel, record: _Record) -> None:
    data = record.data
    stem = record.name()
    action_id = data.get("id", stem)
    calendar = data.get("calendrier") or {}
    model.actions.append(
        Action(
            id=action_id,
            stem=stem,
            convention_folder=convention_folder(record.document.path),
            titre=data.get("titre") or action_id,
            objectif=data.get("objectif"),
            nature=data.get("nature"),
            description=data.get("description"),
            pilote=data.get("pilote"),
            partenaires=_ids(data.get("partenaires")),
            public_cible=data.get("public_cible"),
            territoire=data.get("territoire"),
            debut=to_date(calendar.get("debut")),
            fin=to_date(calendar.get("fin")),
            statut=data.get("statut"),
            budget=_years(data.get("budget")),
            depenses=_years(data.get("depenses")),
            motif=data.get("motif"),
            indicators=[
                _build_indicator(record, index, raw)
                for index, raw in _items(data, "indicateurs")
                if "id" in raw
            ],
            origin=record.origin(),
        )
    )


def _build_partner(model: PactModel, record: _Record) -> None:
    data = record.data
    stem = record.name()
    partner_id = data.get("id", stem)
    contributions: list[Contribution] = []
    unread: list[Origin] = []
    for index, raw in enumerate(data.get("contributions") or ()):
        contribution = _build_contribution(record, partner_id, index, raw)
        if contribution is None:
            unread.append(record.origin("contributions", index))
        else:
            contributions.append(contribution)
    model.partners.append(
        Partner(
            id=partner_id,
            stem=stem,
            nom=data.get("nom") or partner_id,
            sigle=data.get("sigle"),
            categorie=data.get("categorie"),
            siret=data.get("siret"),
            rna=data.get("rna"),
            signataire_pacte=data.get("signataire_pacte"),
            date_adhesion=to_date(data.get("date_adhesion")),
            contributions=contributions,
            unread_contributions=unread,
            origin=record.origin(),
        )
    )


def _build_contribution(
    record: _Record, partner_id: str, index: int, raw: Any
) -> Contribution | None:
    """A contribution whose target and nature are known; None when its money cannot be placed."""
    if not isinstance(raw, dict) or "nature" not in raw:
        return None
    action, convention = raw.get("action"), raw.get("convention")
    if (action is None) == (convention is None):
        return None
    return Contribution(
        partner_id=partner_id,
        action=action,
        convention=convention,
        nature=raw["nature"],
        amounts=_years(raw.get("montants")),
        etp=_optional_amount(raw.get("etp")),
        description=raw.get("description"),
        origin=record.origin("contributions", index),
        payments=_payments(record, index, raw.get("versements")),
        beneficiary=raw.get("beneficiaire"),
        agreement_date=to_date(raw.get("date_convention")),
        decision=raw.get("reference_decision"),
        notified_to_eu=bool(raw.get("notification_ue", False)),
    )


def _payments(record: _Record, index: int, raw: list[Any] | None) -> list[Payment]:
    """The payments whose date and amount are known (the year honoured defaults to the date's)."""
    payments = []
    for position, item in enumerate(raw or ()):
        if not isinstance(item, dict) or "date" not in item or "montant" not in item:
            continue
        day = dt.date.fromisoformat(item["date"])
        payments.append(
            Payment(
                day,
                to_amount(item["montant"]),
                item.get("annee", day.year),
                record.origin("contributions", index, "versements", position),
            )
        )
    return payments


_BUILDERS: dict[Kind, Callable[[PactModel, _Record], None]] = {
    Kind.PACT: _build_pact,
    Kind.CONVENTION: _build_convention,
    Kind.ACTION: _build_action,
    Kind.PARTNER: _build_partner,
}
