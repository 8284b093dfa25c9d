"""The Markdown comment stays under the platforms' size limits and keeps user text inert."""

from __future__ import annotations

from decimal import Decimal

from pactecli.diff.compare import Changes, MoneyChange, RecordChange
from pactecli.render.changes import markdown as diff_markdown


def _big_changes(lines: int) -> Changes:
    changes = Changes("la révision « main » (0123456789)", "copie de travail")
    changes.money = [
        MoneyChange("etat", "action", f"action-{n:05}", "cls", 2026, Decimal(1000), Decimal(2000))
        for n in range(lines)
    ]
    return changes


def test_long_comment_is_cut_under_the_github_limit_with_a_note() -> None:
    text = diff_markdown.render(_big_changes(3000), limit=diff_markdown.GITHUB_LIMIT)

    assert len(text.encode("utf-8")) <= diff_markdown.GITHUB_LIMIT
    assert "**Commentaire tronqué**" in text
    assert text.count("<details") == text.count("</details>")
    assert text.splitlines()[3].startswith("**+3")  # the summary survives the cut
    assert text.rstrip().endswith("</sub>")


def test_same_comment_fits_whole_under_the_gitlab_limit() -> None:
    text = diff_markdown.render(_big_changes(3000), limit=diff_markdown.GITLAB_LIMIT)

    assert "Commentaire tronqué" not in text
    assert text.count("| action `action-") == 3000  # each amount
    assert text.count("| action | `action-") == 3000  # each action's total


def test_user_text_cannot_inject_markup_or_mentions() -> None:
    changes = Changes("base", "tête")
    changes.records = [
        RecordChange(
            "action",
            "ajout",
            "nouvelle",
            "<img src=x onerror=alert(1)> merci @equipe-finances | **gras**",
            new_path="data/conventions/cls/actions/nouvelle.yaml",
            new_parent="cls",
        )
    ]

    text = diff_markdown.render(changes)

    assert "<img" not in text and "@equipe" not in text
    assert (
        "&lt;img src=x onerror=alert(1)&gt; merci &#64;equipe-finances \\| \\*\\*gras\\*\\*" in text
    )
