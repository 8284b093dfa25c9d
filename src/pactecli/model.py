"""Fourth stage: schema-valid documents -> one typed model of the pact.

The same model serves `validate` (cross-file rules), `report` (aggregates) and `diff`.
Money is `Decimal` (exact sums), dates are `datetime.date`, years are `int`. Every element
keeps its `Origin` so a rule can say where it was written.

A record whose file is broken (YAML or schema errors) is not built: its problems are already
reported. Its id is still remembered in `broken_ids`, so references to it are not reported as
unknown a second time.
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
from pactecli.layout import Kind, convention_folder, record_name
from pactecli.load.documents import Document


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an element was written: a document and the JSON path inside it."""

    document: Document
    path: JsonPath = ()

    def locate(self, *steps: str | int, at_key: bool = False) -> Location:
        return self.document.locate((*self.path, *steps), at_key=at_key)

    @property
    def file(self) -> str:
        return self.document.path


def to_amount(value: int | float) -> Decimal:
    """Exact euros: `repr` gives back the digits the user typed (at most 2 decimals)."""
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def to_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _years(mapping: dict[str, Any] | None, convert: Any = to_amount) -> dict[int, Any]:
    return {int(year): convert(value) for year, value in (mapping or {}).items()}


def _number(value: int | float) -> Decimal:
    return to_amount(value)


@dataclass(slots=True)
class Axis:
    id: str
    numero: int
    titre: str
    titre_local: str | None
    origin: Origin

    @property
    def label(self) -> str:
        return self.titre_local or self.titre


@dataclass(slots=True)
class Pact:
    territoire: str
    code: str
    debut: int
    fin: int
    axes: list[Axis]
    rule_severities: dict[str, str]
    origin: Origin

    @property
    def years(self) -> range:
        return range(self.debut, self.fin + 1)


@dataclass(slots=True)
class Objective:
    id: str
    titre: str
    axe: str
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
    numero: int
    date: dt.date
    objet: str
    origin: Origin


@dataclass(slots=True)
class Convention:
    id: str
    folder: str
    type: str
    titre: str
    signataires: list[str]
    date_signature: dt.date | None
    debut: dt.date
    fin: dt.date
    objectives: list[Objective]
    cofunding: Cofunding | None
    ceilings: dict[str, Decimal]
    amendments: list[Amendment]
    origin: Origin


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
    objectif: str
    nature: str | None
    description: str | None
    pilote: str
    partenaires: list[str]
    public_cible: str | None
    territoire: str | None
    debut: dt.date
    fin: dt.date
    statut: str
    budget: dict[int, Decimal]
    indicators: list[Indicator]
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

    @property
    def is_financial(self) -> bool:
        return self.nature == "financiere"


@dataclass(slots=True)
class Partner:
    id: str
    stem: str
    nom: str
    sigle: str | None
    categorie: str
    siret: str | None
    rna: str | None
    signataire_pacte: bool
    date_adhesion: dt.date | None
    contributions: list[Contribution]
    origin: Origin

    @property
    def label(self) -> str:
        return self.sigle or self.nom


@dataclass(slots=True)
class BrokenRecord:
    """A record file that could not be built; its id (if readable) still counts as known."""

    kind: Kind
    path: str
    id: str | None


@dataclass
class PactModel:
    pact: Pact | None = None
    conventions: list[Convention] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    broken: list[BrokenRecord] = field(default_factory=list)

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

    def broken_ids(self, kind: Kind) -> set[str]:
        return {b.id for b in self.broken if b.kind is kind and b.id}

    @cached_property
    def has_broken_partner(self) -> bool:
        return any(b.kind is Kind.PARTNER for b in self.broken)

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


# --- construction -------------------------------------------------------------------------


def build(documents: Iterable[tuple[Document, bool]]) -> PactModel:
    """The model of every document; `False` marks a document whose problems are reported."""
    model = PactModel()
    for document, sound in documents:
        if not sound:
            model.broken.append(_broken(document))
            continue
        builder = _BUILDERS[document.kind]
        builder(model, document)
    return model


def _broken(document: Document) -> BrokenRecord:
    data = document.data
    record_id = data.get("id") if isinstance(data, dict) else None
    return BrokenRecord(
        document.kind, document.path, record_id if isinstance(record_id, str) else None
    )


def _stem(document: Document) -> str:
    return record_name(document.path, document.kind) or ""


def _build_pact(model: PactModel, document: Document) -> None:
    data = document.data
    axes = [
        Axis(a["id"], a["numero"], a["titre"], a.get("titre_local"), Origin(document, ("axes", i)))
        for i, a in enumerate(data["axes"])
    ]
    model.pact = Pact(
        territoire=data["territoire"]["nom"],
        code=data["territoire"]["code"],
        debut=data["periode"]["debut"],
        fin=data["periode"]["fin"],
        axes=axes,
        rule_severities=dict(data.get("regles") or {}),
        origin=Origin(document),
    )


def _build_convention(model: PactModel, document: Document) -> None:
    data = document.data
    folder = convention_folder(document.path)
    objectives = [
        Objective(o["id"], o["titre"], o["axe"], data["id"], Origin(document, ("objectifs", i)))
        for i, o in enumerate(data["objectifs"])
    ]
    cofunding = None
    if "cofinancement" in data:
        raw = data["cofinancement"]
        cofunding = Cofunding(
            funders=(raw["financeurs"][0], raw["financeurs"][1]),
            scale=raw.get("echelle", "action"),
            tolerance=to_amount(raw.get("tolerance", 0)),
            origin=Origin(document, ("cofinancement",)),
        )
    amendments = [
        Amendment(
            a["numero"],
            dt.date.fromisoformat(a["date"]),
            a["objet"],
            Origin(document, ("avenants", i)),
        )
        for i, a in enumerate(data.get("avenants") or [])
    ]
    model.conventions.append(
        Convention(
            id=data["id"],
            folder=folder,
            type=data["type"],
            titre=data["titre"],
            signataires=list(data["signataires"]),
            date_signature=to_date(data.get("date_signature")),
            debut=dt.date.fromisoformat(data["periode"]["debut"]),
            fin=dt.date.fromisoformat(data["periode"]["fin"]),
            objectives=objectives,
            cofunding=cofunding,
            ceilings={k: to_amount(v) for k, v in (data.get("plafonds") or {}).items()},
            amendments=amendments,
            origin=Origin(document),
        )
    )


def _build_indicator(document: Document, index: int, raw: dict[str, Any]) -> Indicator:
    reference = raw.get("reference")
    return Indicator(
        id=raw["id"],
        libelle=raw["libelle"],
        unite=raw["unite"],
        sens=raw.get("sens", "hausse"),
        reference_year=reference["annee"] if reference else None,
        reference_value=_number(reference["valeur"]) if reference else None,
        cibles=_years(raw["cibles"], _number),
        realise=_years(raw.get("realise"), _number),
        source=raw.get("source"),
        origin=Origin(document, ("indicateurs", index)),
    )


def _build_action(model: PactModel, document: Document) -> None:
    data = document.data
    calendar = data["calendrier"]
    model.actions.append(
        Action(
            id=data["id"],
            stem=_stem(document),
            convention_folder=convention_folder(document.path),
            titre=data["titre"],
            objectif=data["objectif"],
            nature=data.get("nature"),
            description=data.get("description"),
            pilote=data["pilote"],
            partenaires=list(data.get("partenaires") or []),
            public_cible=data.get("public_cible"),
            territoire=data.get("territoire"),
            debut=dt.date.fromisoformat(calendar["debut"]),
            fin=dt.date.fromisoformat(calendar["fin"]),
            statut=data["statut"],
            budget=_years(data["budget"]),
            indicators=[
                _build_indicator(document, i, raw)
                for i, raw in enumerate(data.get("indicateurs") or [])
            ],
            origin=Origin(document),
        )
    )


def _build_partner(model: PactModel, document: Document) -> None:
    data = document.data
    partner_id = data["id"]
    contributions = [
        Contribution(
            partner_id=partner_id,
            action=raw.get("action"),
            convention=raw.get("convention"),
            nature=raw["nature"],
            amounts=_years(raw.get("montants")),
            etp=_number(raw["etp"]) if "etp" in raw else None,
            description=raw.get("description"),
            origin=Origin(document, ("contributions", i)),
        )
        for i, raw in enumerate(data.get("contributions") or [])
    ]
    model.partners.append(
        Partner(
            id=partner_id,
            stem=_stem(document),
            nom=data["nom"],
            sigle=data.get("sigle"),
            categorie=data["categorie"],
            siret=data.get("siret"),
            rna=data.get("rna"),
            signataire_pacte=data["signataire_pacte"],
            date_adhesion=to_date(data.get("date_adhesion")),
            contributions=contributions,
            origin=Origin(document),
        )
    )


_BUILDERS = {
    Kind.PACT: _build_pact,
    Kind.CONVENTION: _build_convention,
    Kind.ACTION: _build_action,
    Kind.PARTNER: _build_partner,
}
