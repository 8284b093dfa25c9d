"""`pacte diff --format markdown`: a pull-request or merge-request comment.

The first line a reviewer reads is the summary ("+12 000 € État en 2026, 1 action ajoutée,
0 nouvelle erreur"); every detail is in a collapsible `<details>` section. The comment stays
under the platform's size limit (GitHub: 65 536 characters; GitLab: 1 000 000): beyond it,
sections are cut at a line, whatever the cut leaves open (a code block, a section) is closed,
and a note says so. User text is escaped (no HTML, no link, no @mention). pacte's marker is a
hidden HTML comment on the last line.
"""

from __future__ import annotations

import os
import re

from pactecli import __version__
from pactecli.diagnostics import Diagnostic
from pactecli.diff.values import Changes, FieldChange
from pactecli.formatting import euros
from pactecli.render import escape as esc
from pactecli.render.changes import words
from pactecli.render.output import COMMENT, SIGNATURE
from pactecli.render.problems.text import line as problem_line

SIGNING = COMMENT
GITHUB_LIMIT = 65_536
GITLAB_LIMIT = 1_000_000
MARKER = "<!-- pacte-diff -->"  # lets a CI job find and update its previous comment

escape = esc.markdown_inline
code = esc.markdown_code


def platform_limit() -> int:
    """GitLab's limit in a GitLab job (`GITLAB_CI=true`), else GitHub's, the smaller."""
    return GITLAB_LIMIT if os.environ.get("GITLAB_CI") == "true" else GITHUB_LIMIT


def render(changes: Changes, limit: int | None = None) -> str:
    head = [
        MARKER,
        "### Pacte : ce que change cette version",
        "",
        f"**{escape(words.summary(changes))}**",
        "",
        f"Base : {escape(changes.base_label)} ; version comparée : {escape(changes.head_label)}.",
        "",
    ]
    sections: list[list[str]] = []
    if changes.records:
        sections.append(_records(changes))
    if changes.money:
        sections.append(_money(changes))
    if changes.contributions:
        sections.append(_contributions(changes))
    for category, title in words.CATEGORIES:
        selected = [f for f in changes.fields if f.category == category]
        if selected:
            sections.append(_fields(title, selected, changes))
    if changes.warnings:
        sections.append(
            _details(
                f"Points d'attention ({len(changes.warnings)})",
                [*_code_block(changes.warnings), ""],
                open_=True,
            )
        )
    if changes.unreadable:
        lines = words.unreadable_lines(changes)
        sections.append(
            _details(
                f"Fichiers illisibles, non comparés ({len(changes.not_compared)})",
                [f"- {code(path)} : {escape(rest)}" for path, rest in _halves(lines)],
            )
        )
    sections.append(_validation(changes))
    footer = ["", f"<sub>généré par pacte {__version__}</sub>", f"<!-- {SIGNATURE} -->", ""]
    return _fit(head, sections, footer, platform_limit() if limit is None else limit)


def _halves(lines: list[str]) -> list[tuple[str, str]]:
    """`path : what` lines cut in two (the path as code, the rest as text)."""
    return [(line.split(" : ", 1)[0], line.split(" : ", 1)[1]) for line in lines]


def _details(title: str, body: list[str], open_: bool = False) -> list[str]:
    opening = "<details open>" if open_ else "<details>"
    return [opening, f"<summary>{title}</summary>", "", *body, "", "</details>", ""]


def _records(changes: Changes) -> list[str]:
    rows = ["| | Élément | Identifiant | Titre | Fichier |", "|---|---|---|---|---|"]
    signs = {"ajout": "➕", "retrait": "➖", "renommage": "✏️", "deplacement": "↪️"}
    for record in changes.records:
        identifier = f"{code(record.id)}"
        if record.old_id:
            identifier = f"{code(record.old_id)} → {code(record.id)}"
        path = record.new_path or record.old_path or ""
        if record.change == "deplacement":
            path = f"{code(record.old_path or '')} → {code(record.new_path or '')}"
        else:
            path = f"{code(path)}"
        rows.append(
            f"| {signs[record.change]} | {words.kind_word(record.kind)} "
            f"{words.participle(record.kind, record.change, 1)} | {identifier} | "
            f"{escape(record.title)} | {path} |"
        )
    return _details(
        f"Conventions, objectifs, actions et partenaires ({len(changes.records)})", rows
    )


def _money(changes: Changes) -> list[str]:
    rows = [
        "| Action ou convention | Financeur | Année | Avant | Après | Écart |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for item in changes.money:
        rows.append(
            f"| {item.target_kind} {code(item.target)} | {escape(changes.label(item.funder))} "
            f"| {item.year} | {euros(item.old)} | {euros(item.new)} "
            f"| **{words.signed(item.difference)}** |"
        )
    rows += ["", "**Totaux**", "", "| Par | | Écart |", "|---|---|---:|"]
    for action, amount in words.sorted_totals(changes.by_action()):
        rows.append(f"| action | {code(action)} | {words.signed(amount)} |")
    for funder, amount in words.sorted_totals(changes.by_funder()):
        rows.append(f"| financeur | {escape(changes.label(funder))} | {words.signed(amount)} |")
    for convention, amount in words.sorted_totals(changes.by_convention()):
        rows.append(f"| convention | {code(convention)} | {words.signed(amount)} |")
    rows.append(f"| **pacte** | | **{words.signed(changes.total)}** |")
    title = f"Financements : {words.signed(changes.total)} ({len(changes.money)} montants modifiés)"
    return _details(title, rows, open_=True)


def _contributions(changes: Changes) -> list[str]:
    rows = [f"- {escape(words.describe_contribution(c, changes))}" for c in changes.contributions]
    return _details(f"Contributions des partenaires ({len(changes.contributions)})", rows)


def _fields(title: str, selected: list[FieldChange], changes: Changes) -> list[str]:
    rows = ["| Élément | Champ | Avant | Après | Écart |", "|---|---|---|---|---|"]
    for change in selected:
        before, after, delta = words.field_values(change)
        rows.append(
            f"| {change.kind} {code(change.id)} | {escape(words.field_label(change, changes))} "
            f"| {escape(before)} | {escape(after)} | {escape(delta)} |"
        )
    return _details(f"{title} ({len(selected)})", rows)


def _code_block(diagnostics: list[Diagnostic]) -> list[str]:
    lines = [problem_line(d) for d in diagnostics]
    longest = max((len(run) for text in lines for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", *lines, fence]


def _validation(changes: Changes) -> list[str]:
    body: list[str] = []
    if changes.introduced:
        body += [f"**Problèmes introduits ({len(changes.introduced)})**", ""]
        body += [*_code_block(changes.introduced), ""]
    if changes.fixed:
        body += [f"**Problèmes corrigés ({len(changes.fixed)})**", ""]
        body += [*_code_block(changes.fixed), ""]
    if not body:
        body = ["Aucun problème introduit ni corrigé.", ""]
    body.append(
        f"Bilan de la version comparée : {words.plural(changes.head_errors, 'erreur')}, "
        f"{words.plural(changes.head_warnings, 'avertissement')}."
    )
    errors = changes.introduced_errors
    title = (
        f"Validation : {errors} nouvelle{'s' if errors > 1 else ''} "
        f"erreur{'s' if errors > 1 else ''}, {len(changes.fixed)} problème"
        f"{'s' if len(changes.fixed) > 1 else ''} corrigé{'s' if len(changes.fixed) > 1 else ''}"
    )
    return _details(title, body, open_=bool(changes.introduced))


def _size(lines: list[str]) -> int:
    return len("\n".join(lines).encode("utf-8", "backslashreplace")) + 1


_NOTE_ROOM = 600  # bytes kept for the note that says the comment was cut


def _fit(head: list[str], sections: list[list[str]], footer: list[str], limit: int) -> str:
    """Whole sections while they fit; then the start of the next one, cut at a line, and a note."""
    kept = list(head)
    for index, section in enumerate(sections):
        room = limit - _size(kept) - _size(footer) - _NOTE_ROOM
        if _size(section) <= room:
            kept += section
            continue
        kept += _cut(section, room)
        left = len(sections) - index - 1
        kept += [
            "",
            f"> ⚠️ **Commentaire tronqué** : la comparaison complète dépasse la limite de "
            f"{limit:,} caractères d'un commentaire".replace(",", "\u202f")
            + (f" ; {left} section(s) non affichée(s)" if left else "")
            + ". La liste complète : `pacte diff … --format text` (ou `--format json`) "
            "dans le journal ou l'artefact de la CI.",
        ]
        break
    return "\n".join(kept + footer)


_TRUNCATED = "*… (suite tronquée)*"


def _cut(section: list[str], room: int) -> list[str]:
    """The first lines of `section` that fit in `room` bytes with what closes them.

    A section is pacte's own Markdown (user text in it is escaped): `<details>` lines and code
    fences are pacte's, so following them is exact. Whatever is open where the cut falls is
    closed: the code block first, then each `<details>`.
    """
    kept: list[str] = []
    fences = esc.MarkdownFences()
    details = 0
    used = 0
    for line in section:
        after = fences.copy()
        after.feed(line)
        opened = details + _details_change(line, fences.inside)
        if used + _size([line]) + _size(_closers(after, opened)) > room:
            break
        kept.append(line)
        used += _size([line])
        fences, details = after, opened
    return kept + _closers(fences, details)


def _details_change(line: str, in_code: bool) -> int:
    if in_code:
        return 0
    if line.startswith("<details"):
        return 1
    return -1 if line.startswith("</details>") else 0


def _closers(fences: esc.MarkdownFences, details: int) -> list[str]:
    closing = [fences.closing()] if fences.inside else []
    return [*closing, "", _TRUNCATED, *(["", "</details>"] * details)]
