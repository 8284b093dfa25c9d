"""`pacte diff --format text`: what changes, in sections, for a terminal or a CI log.

Every line is line text (`escape.line`): a title, a label or a file name holding a newline, a
control character or a workflow command stays inert on its line. The last line,
`généré par pacte <version>`, becomes pacte's signature when the text is written to a file.
"""

from __future__ import annotations

from pactecli import __version__
from pactecli.diff.values import Changes
from pactecli.formatting import euros
from pactecli.render import escape
from pactecli.render.changes import words
from pactecli.render.output import Signing
from pactecli.render.problems.text import line as problem_line

_INDENT = "  "
_FOOTER = f"généré par pacte {__version__}"
SIGNING = Signing(replaces=_FOOTER)


def render(changes: Changes) -> str:
    lines = [
        f"Comparaison du pacte : {changes.base_label} → {changes.head_label}",
        f"Résumé : {words.summary(changes)}",
    ]
    if changes.records:
        lines += ["", "Conventions, objectifs, actions et partenaires"]
        lines += [_INDENT + words.describe_record(r) for r in changes.records]
    if changes.money:
        lines += ["", *_money(changes)]
    if changes.contributions:
        lines += ["", "Contributions des partenaires"]
        lines += [_INDENT + words.describe_contribution(c, changes) for c in changes.contributions]
    for category, title in words.CATEGORIES:
        selected = [f for f in changes.fields if f.category == category]
        if selected:
            lines += ["", title]
            lines += [_INDENT + words.describe_field(f, changes) for f in selected]
    if changes.warnings:
        lines += ["", f"Points d'attention ({len(changes.warnings)})"]
        lines += [_INDENT + problem_line(d) for d in changes.warnings]
    if changes.unreadable:
        lines += ["", "Fichiers illisibles, non comparés (voir les erreurs)"]
        lines += [_INDENT + line for line in words.unreadable_lines(changes)]
    lines += ["", *_validation(changes)]
    lines += ["", _FOOTER]
    return "\n".join(escape.line(line) for line in lines) + "\n"


def _money(changes: Changes) -> list[str]:
    lines = [f"Financements (écart total : {words.signed(changes.total)})"]
    by_action = changes.by_action()
    for (kind, target), items in words.grouped_money(changes).items():
        convention = items[0].convention
        suffix = f" ({convention})" if kind == "action" and convention else ""
        lines.append(f"{_INDENT}{kind} « {target} »{suffix}")
        for item in items:
            lines.append(
                f"{_INDENT * 2}{changes.label(item.funder)}, {item.year} : "
                f"{euros(item.old)} → {euros(item.new)} "
                f"({words.signed(item.difference)})"
            )
        if kind == "action":
            lines.append(f"{_INDENT * 2}total de l'action : {words.signed(by_action[target])}")
    funders = " ; ".join(
        f"{changes.label(f)} {words.signed(a)}" for f, a in words.sorted_totals(changes.by_funder())
    )
    conventions = " ; ".join(
        f"{c} {words.signed(a)}" for c, a in words.sorted_totals(changes.by_convention())
    )
    lines.append(f"{_INDENT}par financeur : {funders}")
    if conventions:
        lines.append(f"{_INDENT}par convention : {conventions}")
    lines.append(f"{_INDENT}total du pacte : {words.signed(changes.total)}")
    return lines


def _validation(changes: Changes) -> list[str]:
    lines = ["Validation"]
    if changes.introduced:
        lines.append(f"{_INDENT}Problèmes introduits ({len(changes.introduced)}) :")
        lines += [_INDENT * 2 + problem_line(d) for d in changes.introduced]
    if changes.fixed:
        lines.append(f"{_INDENT}Problèmes corrigés ({len(changes.fixed)}) :")
        lines += [_INDENT * 2 + problem_line(d) for d in changes.fixed]
    if not changes.introduced and not changes.fixed:
        lines.append(f"{_INDENT}aucun problème introduit ni corrigé")
    lines.append(
        f"{_INDENT}bilan de la version comparée : {words.plural(changes.head_errors, 'erreur')}, "
        f"{words.plural(changes.head_warnings, 'avertissement')}"
    )
    return lines
