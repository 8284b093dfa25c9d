"""The Markdown comment stays under the platforms' size limits and keeps user text inert."""

from __future__ import annotations

from decimal import Decimal

from markdown_it.token import Token

from pactecli.diagnostics import Diagnostic, Location, Severity
from pactecli.diff.values import Changes, MoneyChange, RecordChange
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
    assert text.splitlines()[-2].startswith("<sub>généré par pacte")
    assert text.splitlines()[-1].startswith("<!-- généré par pacte")


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


def _problems(count: int, message: str) -> list[Diagnostic]:
    return [
        Diagnostic("schema", Severity.ERROR, Location(f"data/partners/p{n:05}.yaml", 2), message)
        for n in range(count)
    ]


def _rendered(text: str) -> list[Token]:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    found: list[Token] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            found.append(token)
            walk(token.children or [])

    walk(parser.parse(text))
    return found


def test_a_cut_inside_a_long_fence_closes_it_then_the_sections() -> None:
    """Messages quoting backquotes need a fence longer than three: the cut closes that fence."""
    changes = Changes("base", "tête")
    changes.introduced = _problems(3000, "la clé ```` `a` ```` est inconnue")
    changes.head_errors = 3000

    text = diff_markdown.render(changes, limit=diff_markdown.GITHUB_LIMIT)
    tokens = _rendered(text)

    assert len(text.encode("utf-8")) <= diff_markdown.GITHUB_LIMIT
    (fence,) = [t for t in tokens if t.type == "fence"]
    assert fence.markup == "`````"  # longer than any run of backquotes inside
    assert "Commentaire tronqué" not in fence.content  # the note is not swallowed as code
    notes = [t.content for t in tokens if t.type == "inline" and "Commentaire tronqué" in t.content]
    assert notes
    opened = sum(t.content.startswith("<details") for t in tokens if t.type == "html_block")
    closed = sum("</details>" in t.content for t in tokens if t.type == "html_block")
    assert opened == closed >= 1


def test_user_text_makes_no_link_image_nor_reference() -> None:
    changes = Changes("base", "tête")
    changes.records = [
        RecordChange(
            "action",
            "ajout",
            "nouvelle",
            "![pixel](http://evil.example/p.png) [clic](javascript:alert(1)) voir #12",
            new_path="data/conventions/cls/actions/nouvelle.yaml",
        )
    ]

    tokens = _rendered(diff_markdown.render(changes))

    assert [t for t in tokens if t.type in ("image", "link_open")] == []
    assert "\\#12" in diff_markdown.render(changes)  # no cross-reference to issue 12
