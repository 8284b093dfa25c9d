"""French no-break spaces on HTML pages: in the text, never in markup, styles or scripts."""

from __future__ import annotations

from pactecli.render.typography import html_text

NBSP, NARROW = "\u00a0", "\u202f"


def test_spaces_before_high_punctuation_and_inside_guillemets_do_not_break() -> None:
    page = "<p>Motif : « départ » ; vraiment ? Oui !</p>"
    assert html_text(page) == (
        f"<p>Motif{NBSP}: «{NBSP}départ{NBSP}»{NARROW}; vraiment{NARROW}? Oui{NARROW}!</p>"
    )


def test_styles_and_scripts_are_left_alone() -> None:
    page = (
        '<style>a :hover { color: red ; }</style><a href="#x">lien</a>'
        "<script>if (a ? b : c) {}</script>"
    )
    assert html_text(page) == page
