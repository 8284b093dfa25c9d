"""Forms generated from the JSON Schemas, and what a submitted form changes in a record.

Each field is a path into the record (`contributions.0.montants.2025`); its help is the schema's
French description (`author.schema_notes`), its choices the schema's `enum` (with the French
words of `labels`) or the pact's ids (partners, objectives, actions). A year-keyed mapping is one
field per year of the pact (and per year already written, so that nothing is hidden); a list of
ids is a set of check boxes (add or remove). A form is built from the record as it is on disk;
what the browser sends back is compared with it field by field, and only the fields that differ
become edits (`author.edit`): an untouched field never rewrites a byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pactecli.author.edit import Edit, Remove, Set, SetList
from pactecli.author.schema_notes import allowed_values, description
from pactecli.diagnostics import Diagnostic
from pactecli.jsonpath import JsonPath
from pactecli.labels import (
    ACTION_NATURES,
    CONTRIBUTION_NATURES,
    CONVENTION_TYPES,
    PARTNER_CATEGORIES,
    STATUS_LABELS,
)
from pactecli.layout import Kind
from pactecli.web.locate import field_id, field_name

#: The hidden field naming each check box of the form (an unticked box sends nothing).
PRESENT = "presents"
#: The kinds of input: one line of text, several lines, a choice, a date, an amount, a
#: number, a check box (true/false), several check boxes (a list of ids).
WIDGETS = ("texte", "zone", "choix", "date", "montant", "nombre", "case", "cases")

_WORDS: dict[tuple[Kind, str], Mapping[Any, str]] = {
    (Kind.ACTION, "statut"): STATUS_LABELS,
    (Kind.ACTION, "nature"): ACTION_NATURES,
    (Kind.PARTNER, "nature"): {k: f"Contribution {v}" for k, v in CONTRIBUTION_NATURES.items()},
    (Kind.PARTNER, "categorie"): PARTNER_CATEGORIES,
    (Kind.CONVENTION, "type"): CONVENTION_TYPES,
}


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    group: str = ""


@dataclass
class Field:
    name: str
    path: JsonPath
    label: str
    widget: str
    help: str = ""
    value: str = ""
    """What the field shows (the record's value, or what was submitted)."""
    values: tuple[str, ...] = ()
    """The ticked boxes of a `cases` field."""
    choices: tuple[Choice, ...] = ()
    required: bool = False
    original: str | tuple[str, ...] = ""
    """The value in the file when the form was built (a change is a difference from it)."""
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def id(self) -> str:
        return field_id(self.name)


@dataclass
class Group:
    """A fieldset: a record's part (the calendar, a budget, one contribution)."""

    name: str
    legend: str
    fields: list[Field]
    help: str = ""
    path: JsonPath = ()
    years: bool = False
    """One field per year of a mapping: emptied entirely, the mapping goes (or becomes {})."""
    required: bool = False
    removable: int | None = None
    """The list index a « retirer » box removes (contributions)."""
    problems: list[Diagnostic] = field(default_factory=list)
    children: list[Group] = field(default_factory=list)
    """Groups inside this one (a contribution's amounts by year)."""

    @property
    def id(self) -> str:
        return field_id(self.name)


def _label_help(kind: Kind, schema_path: tuple[str, ...]) -> str:
    return description(kind, schema_path)


def _shown(value: Any) -> str:
    """A record value as a field shows it (and as the browser sends it back unchanged)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _at(data: Any, path: JsonPath) -> Any:
    for step in path:
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def _schema(path: JsonPath) -> tuple[str, ...]:
    return tuple("*" if isinstance(s, int) or s.isdigit() else s for s in path)


class Builder:
    """Makes the fields of one record kind from its data."""

    def __init__(self, kind: Kind, data: Any, prefix: JsonPath = (), name: str = "") -> None:
        self.kind, self.data, self.prefix = kind, data if isinstance(data, dict) else {}, prefix
        self.name = name

    def field(
        self,
        key: str | JsonPath,
        label: str,
        widget: str,
        choices: Iterable[Choice] = (),
        required: bool = False,
    ) -> Field:
        steps = (key,) if isinstance(key, str) else key
        path = (*self.prefix, *steps)
        raw = _at(self.data, steps)
        help_text = _label_help(self.kind, _schema(path))
        if widget == "cases":
            ticked = tuple(_shown(v) for v in raw) if isinstance(raw, list) else ()
            known = list(choices)
            known += [
                Choice(v, f"{v} (inconnu)") for v in ticked if v not in {c.value for c in known}
            ]
            return Field(
                self._name(path),
                path,
                label,
                widget,
                help_text,
                "",
                ticked,
                tuple(known),
                required,
                ticked,
            )
        shown = _shown(raw) if not isinstance(raw, dict | list) else ""
        offered = list(choices)
        if widget == "choix":
            if shown and shown not in {c.value for c in offered}:
                offered.append(Choice(shown, f"{shown} (valeur actuelle, inconnue)"))
            if not required or not shown:
                offered.insert(0, Choice("", "— aucun —" if not required else "— à choisir —"))
        return Field(
            self._name(path),
            path,
            label,
            widget,
            help_text,
            shown,
            (),
            tuple(offered),
            required,
            shown,
        )

    def _name(self, path: JsonPath) -> str:
        """The field's name: its path, or, in a new item (`name`), the name then the key."""
        if not self.name:
            return field_name(path)
        return f"{self.name}.{field_name(path[len(self.prefix) :])}"

    def enum(self, key: str | JsonPath, label: str, required: bool = False) -> Field:
        steps = (key,) if isinstance(key, str) else key
        schema_path = _schema((*self.prefix, *steps))
        words = _WORDS.get((self.kind, schema_path[-1]), {})
        choices = [
            Choice(v, f"{words[v]} ({v})" if v in words else v)
            for v in allowed_values(self.kind, schema_path)
        ]
        return self.field(key, label, "choix", choices, required)

    def years(
        self,
        key: str | JsonPath,
        legend: str,
        years: Sequence[int],
        widget: str = "montant",
        required: bool = False,
    ) -> Group:
        steps = (key,) if isinstance(key, str) else key
        written = _at(self.data, steps)
        present = [k for k in written if isinstance(k, str)] if isinstance(written, dict) else []
        every = sorted({*map(str, years), *present}, key=lambda y: (not y.isdigit(), y))
        path = (*self.prefix, *steps)
        fields = [self.field((*steps, year), year, widget) for year in every]
        return Group(
            self._name(path),
            legend,
            fields,
            _label_help(self.kind, _schema(path)),
            path,
            years=True,
            required=required,
        )


def ids(values: Iterable[tuple[str, str]], group: str = "") -> list[Choice]:
    return [
        Choice(value, f"{label} ({value})" if label != value else value, group)
        for value, label in values
    ]


# --- reading a submission -----------------------------------------------------------------


def walk(groups: Sequence[Group]) -> Iterator[Group]:
    """Every group, those inside others included (depth first)."""
    for group in groups:
        yield group
        yield from walk(group.children)


def fill(groups: Sequence[Group], submitted: Mapping[str, list[str]]) -> None:
    """Show what was submitted in place of the file's values. A field the submission does not
    name keeps its value (a check box, absent when unticked, is named in `presents`)."""
    present = set(submitted.get(PRESENT, []))
    for group in walk(groups):
        for item in group.fields:
            if item.widget in ("case", "cases"):
                if item.name not in present:
                    continue
                chosen = tuple(submitted.get(item.name, []))
                if item.widget == "cases":
                    item.values = chosen
                else:
                    item.value = "true" if chosen else "false"
            elif item.name in submitted:
                item.value = _clean(submitted[item.name][0], item.widget)


def _clean(text: str, widget: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() if widget != "zone" else text.strip("\n ").rstrip()


def edits(groups: Sequence[Group]) -> list[Edit]:
    """What the shown values change in the record (nothing for an untouched field)."""
    found: list[Edit] = []
    for group in walk(groups):
        changed = [f for f in group.fields if _changed(f)]
        if not changed:
            continue
        if group.years and group.path and all(not f.value for f in group.fields):
            found.append(Set(group.path, "{}", "brut") if group.required else Remove(group.path))
            continue
        found += [_edit(f) for f in changed]
    return found


def _changed(item: Field) -> bool:
    if item.widget == "cases":
        return set(item.values) != set(item.original)
    return item.value != item.original


def _edit(item: Field) -> Edit:
    if item.widget == "cases":
        if not item.values and not item.required:
            return Remove(item.path)
        order = [c.value for c in item.choices]
        chosen = sorted(item.values, key=lambda v: order.index(v) if v in order else len(order))
        return SetList(item.path, tuple(chosen))
    if item.widget == "case":
        return Set(item.path, "true" if item.value == "true" else "false", "brut")
    if not item.value:
        return Set(item.path, "", "texte") if item.required else Remove(item.path)
    style = "nombre" if item.widget in ("montant", "nombre") else "texte"
    return Set(item.path, item.value, style)  # type: ignore[arg-type]


# --- problems next to their fields --------------------------------------------------------


def attach(groups: Sequence[Group], problems: Iterable[Diagnostic], parse: Any) -> list[Diagnostic]:
    """Each problem on its field (or the field's group); those of no field are returned."""
    by_name: dict[str, Field | Group] = {}
    for group in walk(groups):
        by_name[field_name(group.path) if group.path else group.name] = group
        for item in group.fields:
            by_name[field_name(item.path)] = item
    left = []
    for problem in problems:
        steps = list(parse(problem.location.json_path))
        target = None
        while steps and target is None:
            target = by_name.get(field_name(tuple(steps)))
            steps.pop()
        if target is None:
            left.append(problem)
        else:
            target.problems.append(problem)
    return left


def field_names(groups: Sequence[Group]) -> set[str]:
    names = set()
    for group in walk(groups):
        names.add(group.name)
        names.update(item.name for item in group.fields)
    return names
