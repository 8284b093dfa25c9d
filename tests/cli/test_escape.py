"""What a reader sees of hostile characters, format by format (`pactecli.render.escape`)."""

from __future__ import annotations

import json

import pytest

from pactecli.render import escape

ORDINARY = "le budget (12\u202f000\xa0€) de « Crèches » — aide : écrivez 12000 ; 100 % [x] *y*"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\rb", "a\\rb"),
        ("a\tb", "a\\tb"),
        ("\x00\x07\x1b[2J\x7f", "\\x00\\x07\\x1b[2J\\x7f"),
        ("\x85\u2028\u2029", "\\x85\\u2028\\u2029"),
        ("\u202eà rebours", "\\u202eà rebours"),
        ("nom-\udcff\udce9.yaml", "nom-\\xff\\xe9.yaml"),  # bytes that are not UTF-8
        ("x ##[error]y", "x ##\\[error]y"),
        ("  ::error::x", "  \\::error::x"),
        ("\t::x", "\\t\\::x"),
        ("a::b", "a::b"),
    ],
)
def test_line_text(raw: str, shown: str) -> None:
    assert escape.line(raw) == shown


def test_ordinary_text_is_untouched_in_every_format() -> None:
    assert escape.line(ORDINARY) == ORDINARY
    assert escape.xml_text(ORDINARY) == ORDINARY
    assert escape.command_free(ORDINARY + "\n" + ORDINARY) == ORDINARY + "\n" + ORDINARY
    assert json.loads(escape.to_json(ORDINARY)) == ORDINARY


def test_command_free_keeps_pacte_colours_and_breaks_commands() -> None:
    drawn = "\x1b[1mtitre\x1b[0m\n    ::error::x\n##[warning]y"
    assert escape.command_free(drawn) == "\x1b[1mtitre\x1b[0m\n    \\::error::x\n##\\[warning]y"


def test_html_text() -> None:
    assert escape.html('<b>"l\'a" & b</b>') == "&lt;b&gt;&#34;l&#39;a&#34; &amp; b&lt;/b&gt;"
    assert escape.html("a\n::error::x\r\x1b") == "a&#10;::error::x&#13;\\x1b"
    assert escape.html("::error::x ##[y]") == "&#58;:error::x ##&#91;y]"
    assert escape.html("\udcff") == "\\xff"


def test_html_markup_keeps_tags_and_breaks_commands() -> None:
    assert escape.html_markup("<p>a</p>\n  ::error::x ##[y]\x1b") == (
        "<p>a</p>\n  &#58;:error::x ##&#91;y]\\x1b"
    )


def test_xml_text_holds_only_what_xml_1_0_can_hold() -> None:
    assert escape.xml_text("a\x01b\x0bc\ufffe\udcff\nd") == "a\\x01b\\x0bc\\ufffe\\xff\nd"


def test_json_text() -> None:
    text = escape.to_json({"p": "x\udcff\x85\u2028 ##[e]"})
    assert text == '{\n  "p": "x\\\\xff\\u0085\\u2028 ##\\u005be]"\n}'
    assert json.loads(text) == {"p": "x\\xff\x85\u2028 ##[e]"}  # the byte shown as text


def test_markdown_inline() -> None:
    assert escape.markdown_inline("# titre | a\nb @équipe #12 ![i](x) <b>") == (
        "\\# titre \\| a b &#64;équipe \\#12 !\\[i\\](x) &lt;b&gt;"
    )
    assert escape.markdown_inline("::error::x") == "\\::error::x"


def test_markdown_code() -> None:
    assert escape.markdown_code("a`b|c\nd\x1b##[") == "`a'b\\|c d\\x1b##\\[`"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[a](javascript:alert(1))", "[a](javascript :alert(1))"),
        ("[a](JaVaScRiPt\\:x)", "[a](JaVaScRiPt :x)"),
        ("[a](data:text/html,x) [b](vbscript:x)", "[a](data :text/html,x) [b](vbscript :x)"),
        ("[r]: javascript:x", "[r]: javascript :x"),
        ("[a](https://example.org/)", "[a](https://example.org/)"),
        ("![p](http://evil.example/p.png)", "&#33;[p](http://evil.example/p.png)"),
        ("\\![p](http://evil.example/p.png)", "\\&#33;[p](http://evil.example/p.png)"),
        ("<img src=x> & co", "&lt;img src=x&gt; &amp; co"),
        ("**gras**\n- liste", "**gras**\n- liste"),
    ],
)
def test_markdown_block_keeps_markdown_and_neutralises_links(raw: str, shown: str) -> None:
    assert escape.markdown_block(raw) == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("```\n<b>", "```\n<b>\n```"),
        ("````js\na\n```\n<b>", "````js\na\n```\n<b>\n````"),
        ("~~~\nx", "~~~\nx\n~~~"),
        ("```\nx\n```\n<b>", "```\nx\n```\n&lt;b&gt;"),
        ("```a`b\n<b>", "```a`b\n&lt;b&gt;"),  # not a fence: a backquote in its info string
        ("```\n::error::x ##[y]", "```\n\\::error::x ##\\[y]\n```"),
    ],
)
def test_markdown_block_closes_the_fence_it_leaves_open(raw: str, shown: str) -> None:
    assert escape.markdown_block(raw) == shown


def test_every_kind_of_whitespace_before_colons_is_seen() -> None:
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    for space in spaces:
        assert escape.line(f"{space}::x").endswith("\\::x"), repr(space)
        assert escape.html(f"{space}::x").endswith("&#58;:x"), repr(space)
