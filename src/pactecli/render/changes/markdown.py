"""`pacte diff --format markdown`: a pull-request or merge-request comment.

The first line a reviewer reads is the summary ("+12 000 € État en 2026, 1 action ajoutée,
0 nouvelle erreur"); every detail is in a collapsible `<details>` section. The comment stays
under the platform's size limit (GitHub: 65 536 characters; GitLab: 1 000 000): beyond it,
sections are cut at a line and a note says so. User text is escaped (no HTML, no @mention).
"""

from __future__ import annotations

import re

from pactecli import __version__
from pactecli.diagnostics import Diagnostic
from pactecli.diff.compare import Changes, FieldChange
from pactecli.formatting import euros
from pactecli.render.changes import words
from pactecli.render.problems.text import line as problem_line

GITHUB_LIMIT = 65_536
GITLAB_LIMIT = 1_000_000
MARKER = "<!-- pacte-diff -->"  # lets a CI job find and update its previous comment

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def escape(text: str) -> str:
    """User text made inert in Markdown and HTML: no markup, no mention, one line."""
    text = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("@", "&#64;")


def code(text: str) -> str:
    """An identifier or path as inline code (backticks and table pipes made harmless)."""
    text = " ".join(str(text).split()).replace("`", "'").replace("|", "\\|")
    return f"`{text}`"


def render(changes: Changes, limit: int = GITHUB_LIMIT) -> str:
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
    if changes.not_compared:
        sections.append(
            _details(
                f"Fichiers illisibles d'un côté, non comparés ({len(changes.not_compared)})",
                [f"- {code(path)}" for path in changes.not_compared],
            )
        )
    sections.append(_validation(changes))
    footer = ["", f"<sub>généré par pacte {__version__}</sub>", ""]
    return _fit(head, sections, footer, limit)


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
    return len("\n".join(lines).encode("utf-8")) + 1


def _fit(head: list[str], sections: list[list[str]], footer: list[str], limit: int) -> str:
    """Whole sections while they fit; then the start of the next one, cut at a line, and a note."""
    kept = list(head)
    budget = limit - _size(head) - _size(footer) - 600  # room for the note and closing tags
    for index, section in enumerate(sections):
        if _size(kept + section) - _size(head) <= budget:
            kept += section
            continue
        cut = _cut(section, budget - (_size(kept) - _size(head)))
        kept += cut
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


def _cut(section: list[str], budget: int) -> list[str]:
    kept: list[str] = []
    used = len(b"\n</details>\n")
    for line in section:
        used += len(line.encode("utf-8")) + 1
        if used > budget:
            break
        kept.append(line)
    fences = sum(1 for line in kept if line.startswith("```"))
    if fences % 2:
        kept.append(next(line for line in reversed(kept) if line.startswith("```"))[:3])
    if kept and "</details>" not in kept:
        kept += ["", "*… (suite tronquée)*", "", "</details>"]
    return kept
