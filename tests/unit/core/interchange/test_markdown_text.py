"""Plain text -> Markdown that reads back as the same text."""

from __future__ import annotations

import re

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_references import blockquote_line_by_line, plain_text_lines_line_by_line
from helpers.markdown_quotes import Blockquotes, fold_whitespace
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui_reader.core.interchange import markdown_text as markdown_text_module
from tui_reader.core.interchange.markdown_text import (
    _ORDERED_MARKER,
    _escape_line,
    _has_candidate,
    _needs_escape,
    _paired,
    _plain_line,
    blockquote,
    escape_inline,
    escape_link_text,
    markdown_lines,
    plain_text_lines,
    tag_safe,
)

TRICKY = [
    "*emphasis* and __strong__ and `code` and ~~gone~~",
    "<b>html</b> <!-- comment --> <script>alert(1)</script>",
    "[a link](http://example.com) and ![an image](x.png) and [[wiki]] and [^1]",
    "> a leading quote mark",
    "- a leading dash\n+ a plus\n* a star",
    "1986. A year that starts a line\n2) and a paren",
    "# not a heading\n## nor this",
    "line one\n---\nline after a rule",
    "setext?\n===",
    "    four spaces of indentation: not code",
    "```\nnot a fence\n```",
    "~~~ nor this",
    "&amp; &copy; &#35; &#x41; & alone",
    "back\\slash at the end\\",
    "trailing spaces for a hard break  \nnext",
    "a | table | row\n--|--|--\n1 | 2 | 3",
    "==highlight== and %%comment%% and $math$ and ^block-id",
    "#hashtag in #text",
    "First paragraph.\n\nSecond paragraph.\n\n\n\nThird after many blanks.",
    "snake_case_name and _underscored_ and trailing_",
    "“Curly quotes” — em dash … ellipsis, Peña Nieto, 日本語",
    "\u00a0non-breaking\u00a0spaces\u00a0",
    "<http://autolink.example>",
    "-",
    "\n\nleading blank lines\n\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_blockquote_reads_back_as_the_text(text: str, read_blockquotes: Blockquotes) -> None:
    [(found, kinds)] = read_blockquotes(blockquote(text))
    assert found == fold_whitespace(text)
    assert kinds <= {"text", "softbreak"}, kinds  # no emphasis, link, code, html, list...


def test_paragraph_breaks_are_kept_inside_the_quote(md_parser: MarkdownIt) -> None:
    rendered = blockquote("one\n\ntwo\nthree")
    assert rendered == "> one\n>\n> two\n> three"
    tokens = md_parser.parse(rendered)
    assert [t.type for t in tokens].count("paragraph_open") == 2


def test_escapes_are_minimal_for_ordinary_prose() -> None:
    prose = "Mexico agreed to host a U.S. security meeting, at least publicly (for now)."
    assert blockquote(prose) == "> " + prose
    assert escape_inline("snake_case") == "snake_case"


@pytest.mark.parametrize(
    "text",
    [
        "C# costs $22 million, 50% more: a * b < c, 3 ~ 4, 1^2, back\\slash and x _ y.",
        "x^2 and #1 and a_b_c and ]",
    ],
)
def test_characters_that_mean_nothing_there_get_no_backslash(
    text: str, read_blockquotes: Blockquotes
) -> None:
    assert blockquote(text) == "> " + text
    [(found, _)] = read_blockquotes(blockquote(text))
    assert found == text


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("$5 and $6", "> \\$5 and \\$6"),  # could be $math$
        ("see #border", "> see \\#border"),  # an Obsidian tag
        ("ends ^abc-1", "> ends \\^abc-1"),  # an Obsidian block id
        ("a <b> tag", "> a \\<b> tag"),
        ("one `tick` two", "> one \\`tick\\` two"),
        ("end\\", "> end\\\\"),  # a hard line break otherwise
    ],
)
def test_characters_that_would_be_syntax_are_escaped(text: str, quoted: str) -> None:
    assert blockquote(text) == quoted


def _one_link(markdown: str) -> tuple[str, str] | None:
    """The text and address of the one link ``markdown`` renders to, every address taken
    (a ``javascript:`` one too, as some renderers take it), else None."""
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda _url: True
    inline = [t for t in parser.parse(markdown) if t.type == "inline"]
    children = inline[0].children or [] if inline else []
    kinds = [t.type for t in children]
    if kinds[:1] != ["link_open"] or kinds[-1:] != ["link_close"] or kinds.count("link_open") != 1:
        return None
    text = "".join(t.content for t in children[1:-1])
    return text, str(children[0].attrGet("href"))


@pytest.mark.parametrize(
    "name",
    ["x](javascript:alert(1)).md", "a]b", "]", "[x]", "ends with \\", "\\]", "a [b] c](d)"],
)
def test_a_link_s_text_holding_a_bracket_links_to_its_own_address(name: str) -> None:
    """A file named ``x](javascript:alert(1)).md`` was cited in a Markdown export as
    ``[x](javascript:alert(1)).md](x%5D...)``: a link to the script, none to the file."""
    assert _one_link(f"[{escape_link_text(name)}](file.md)") == (name, "file.md")


@settings(max_examples=examples(300), deadline=None)
@given(st.text(st.sampled_from("ab ]()[\\*_`<>:!|#=%&;"), min_size=1, max_size=20))
def test_any_link_text_links_to_its_own_address_and_reads_as_itself(name: str) -> None:
    found = _one_link(f"[{escape_link_text(name)}](file.md)")
    assert found is not None and found[1] == "file.md", (name, found)
    assert found[0] == name.strip(" "), name  # its ends' spaces folded away


def test_escape_inline_folds_newlines() -> None:
    assert escape_inline("a\n*b*") == "a \\*b\\*"


@settings(max_examples=examples(150), deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [*"ab1 \n\t.)*_-+=#>`~<[]()!&;|\\$%^:/\"'", "&amp;", "&#35;", "é", "\u00a0"]
        ),
        min_size=1,
        max_size=40,
    ).map("".join)
)
def test_any_text_survives_a_block_quote(text: str, read_blockquotes: Blockquotes) -> None:
    rendered = blockquote(text)
    quotes = read_blockquotes(rendered)
    if not fold_whitespace(text):
        assert rendered == ">"
        return
    assert len(quotes) == 1, rendered
    found, kinds = quotes[0]
    assert found == fold_whitespace(text), rendered
    assert kinds <= {"text", "softbreak"}, (rendered, kinds)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("militarization", "militarization"),
        ("policy/border control", "policy/border-control"),
        ("human rights (UN)", "human-rights-UN"),
        ("2017", "_2017"),
        ("year/2017", "year/2017"),  # a tag with a letter is one (it was year/_2017)
        ("2017/05", "_2017/05"),
        ("2017/interviews", "_2017/interviews"),  # under #_2017, the tag of the code 2017
        ("año/política", "año/política"),
        ("a//b", "a/b"),
        ("  ", "untitled"),
        ("#already", "already"),
        ("semi;colon,comma", "semi-colon-comma"),
        ("Emoji 🚀", "Emoji-🚀"),  # an emoji is kept, as Obsidian keeps it in a tag
        ("feelings/👍🏽 ❤️", "feelings/👍🏽-❤️"),  # its skin tone and its variation selector
        ("family 👨\u200d👩\u200d👧", "family-👨\u200d👩\u200d👧"),  # one emoji, joined
        ("हिंदी", "हिंदी"),  # the vowel signs are marks of their letters: kept
        ("cafe\u0301", "cafe\u0301"),  # an accent typed apart
        ("flag\U000e0067x", "flag-x"),  # an invisible tag character hides nothing
        ("→", "u2192"),
    ],
)
def test_tag_safe(name: str, safe: str) -> None:
    assert tag_safe(name) == safe


def test_tag_safe_reads_as_plain_text_in_markdown(md_parser: MarkdownIt) -> None:
    rendered = "Tags: " + " ".join(
        "#" + tag_safe(t) for t in ["policy/border control", "2017", "a*b", "x`y", "Emoji 🚀"]
    )
    [_, inline, _] = md_parser.parse(rendered)
    assert {c.type for c in inline.children or []} == {"text"}


_PIECES = (
    ["a", "b", " ", "1.", ")", "#", "#tag", "*", "**", "_", "__", "`", "~", "$", "=", "==",
     "%", "%%", "[", "|", "\\", "<", "<a", ">", "/", "!", "&", "&amp;", "&#27;", "^", "^id",
     "-", "+", "é", "\t"]
)  # fmt: skip


@settings(max_examples=examples(300))
@given(
    st.lists(st.sampled_from(_PIECES), max_size=12).map("".join),
    st.sets(st.sampled_from("`~$")),
)
def test_a_line_escapes_exactly_the_characters_read_as_syntax(line: str, paired: set[str]) -> None:
    """Only the characters that may need a backslash are asked about: the line comes out as
    asking about every character would have it."""
    chosen = frozenset(paired)
    if _ORDERED_MARKER.match(line):
        return  # the ordered-list marker is its own rule
    asked = "".join("\\" + c if _needs_escape(line, i, chosen) else c for i, c in enumerate(line))
    assert _escape_line(line, chosen) == asked


@settings(max_examples=examples(300))
@given(
    st.lists(
        st.sampled_from([*"ab1 \n\t.)\u00a0\u2028é", "12. ", "1)", "*", "`", "[", "~"]),
        max_size=12,
    ).map("".join)
)
def test_a_block_quote_is_the_one_made_line_by_line(text: str) -> None:
    assert blockquote(text) == blockquote_line_by_line(text)


@settings(max_examples=examples(300))
@given(
    st.lists(
        st.sampled_from([*"ab1 \t.)\u00a0\u3000é*`[", "12. ", "1)", "\n", "\r"]),
        max_size=10,
    ).map("".join)
)
def test_a_notes_lines_are_those_made_line_by_line(text: str) -> None:
    # one plain line (most notes) is written without the lines cut and looked at one by one
    assert plain_text_lines(text) == plain_text_lines_line_by_line(text)


@pytest.mark.parametrize(
    ("note", "lines"),
    [
        ("  see memo\t", ["see memo"]),
        ("1986. A year", ["1986\\. A year"]),
        ("\u3000 \t", []),
        ("", []),
        ("a\rb", ["a", "b"]),
    ],
)
def test_a_one_line_note_is_its_line_stripped_and_escaped(note: str, lines: list[str]) -> None:
    assert plain_text_lines(note) == lines


@settings(max_examples=examples(300))
@given(st.text(st.sampled_from("a \n\r\t`~$é\u2028")))
def test_lines_and_pairs_are_those_the_regex_and_counts_find(text: str) -> None:
    assert markdown_lines(text) == re.split(r"\r\n?|\n", text)
    assert _paired(text) == {ch for ch in "`~$" if text.count(ch) > 1}


class _CountedSplit:
    def __init__(self) -> None:
        self.calls = 0

    def split(self, text: str) -> list[str]:
        self.calls += 1
        return re.split(r"\r\n?|\n", text)


def test_a_note_without_a_carriage_return_is_cut_without_the_regex(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 40,000 notes an export were each cut by the regex of Markdown's line endings, and
    # counted for each of the characters that pair: most have neither
    from tui_reader.core.interchange import markdown_text

    regex = _CountedSplit()
    monkeypatch.setattr(markdown_text, "_LINE_END", regex)
    assert markdown_lines("Why now?\n\nTwo reasons.") == ["Why now?", "", "Two reasons."]
    assert regex.calls == 0
    assert markdown_lines("old\rMac") == ["old", "Mac"]
    assert regex.calls == 1


@pytest.mark.parametrize("title", ["Learning C #", "Episode ##", "Notes # #", "# alone", "C#"])
def test_a_title_ending_in_hashes_keeps_them_as_a_heading(
    title: str, md_parser: MarkdownIt
) -> None:
    """A heading's ``#`` after a blank at its end closes it and is dropped (CommonMark 4.2):
    a document titled "Learning C #" (a code "C #") had the heading "Learning C"."""
    assert md_parser.render(f"## {escape_inline(title)}\n") == f"<h2>{title}</h2>\n"
    assert md_parser.renderInline(escape_inline(title)) == title


# The characters _needs_escape may answer yes for, as the pattern the scan had written them
_SYNTAX_CHARACTERS = "[|`~$=%>-+*#_\\<^&"
_OLD_SCAN = re.compile(r"[\#\$%\*\+\-=>\[_`\|\~\\<^&]")
# Those it answers yes for at a line's start alone
_FIRST_ONLY = ">-+"
# Any text: each of them, letters of two, three and four bytes of UTF-8, lone surrogates (a
# file's name not in UTF-8 kept as its bytes), line ends
_ANY_TEXT = st.text(
    st.one_of(
        st.sampled_from([*_SYNTAX_CHARACTERS, "a", " ", "\n", "\r", "é", "€", "😀", "\udcff"]),
        st.characters(codec=None, exclude_categories=()),
    ),
    max_size=30,
)


@settings(max_examples=examples(500))
@given(_ANY_TEXT)
def test_the_scan_for_syntax_finds_what_the_pattern_found(text: str) -> None:
    """A passage is looked at for a character that may be syntax by its UTF-8 with them taken
    out (one pass in C, not the pattern): the same verdict, for any text, but for a quote or
    list mark, which is syntax at a line's start alone (and looked for there)."""
    assert all(_OLD_SCAN.fullmatch(c) for c in _SYNTAX_CHARACTERS)
    inner = _OLD_SCAN.search(text.translate({ord(c): None for c in _FIRST_ONLY}))
    assert _has_candidate(text) == (inner is not None)


@pytest.mark.parametrize("character", [*_SYNTAX_CHARACTERS])
def test_each_character_of_syntax_is_found_among_others(character: str) -> None:
    assert _has_candidate(f"é€😀\udcff{character}x") == (character not in _FIRST_ONLY)
    for text in (f"{character}{character}x", f"a{character}\n {character} b\n\nc {character}"):
        assert blockquote(text) == blockquote_line_by_line(text)
        assert plain_text_lines(text) == plain_text_lines_line_by_line(text)


@settings(max_examples=examples(300))
@given(_ANY_TEXT)
def test_any_block_quote_and_note_are_those_made_line_by_line(text: str) -> None:
    assert blockquote(text) == blockquote_line_by_line(text)
    assert plain_text_lines(text) == plain_text_lines_line_by_line(text)


@settings(max_examples=examples(500))
@given(_ANY_TEXT, st.sets(st.sampled_from("`~$")))
def test_any_line_escapes_the_characters_asked_about_one_by_one(
    line: str, paired: set[str]
) -> None:
    """A line's ``>``, ``-`` and ``+`` are asked about at its start alone (the dash of
    "follow-up" is not looked at): the line comes out as asking about each character would
    have it."""
    chosen = frozenset(paired)
    if _ORDERED_MARKER.match(line):
        return  # the ordered-list marker is its own rule
    asked = "".join("\\" + c if _needs_escape(line, i, chosen) else c for i, c in enumerate(line))
    assert _escape_line(line, chosen) == asked


# digits of other scripts (Arabic-Indic, N'Ko, full width) are digits to a list's number;
# a superscript two or a Roman numeral are none
_NUMBERED = st.text(
    st.sampled_from(
        [
            "1",
            "9",
            "\u0663",
            "\u07c0",
            "\uff11",
            "\u00b2",
            "\u2163",
            ".",
            ")",
            " ",
            "\t",
            "a",
            "-",
            ">",
            "\n",
        ]
    ),
    max_size=14,
)


@settings(max_examples=examples(500))
@given(_NUMBERED)
def test_a_line_needs_no_mark_escaped_as_the_pattern_alone_said(text: str) -> None:
    """A list's number is looked for only after a digit: the same verdict as the pattern
    tried on every line, and the same block quote and note as every line escaped."""
    line = text.split("\n")[0].strip(" \t")
    assert _plain_line(line) == (
        line[:1] not in set(_FIRST_ONLY) and _ORDERED_MARKER.match(line) is None
    )
    assert blockquote(text) == blockquote_line_by_line(text)
    assert plain_text_lines(text) == plain_text_lines_line_by_line(text)


# Lines of plain text (nothing to escape past a line's start) and what makes a line change:
# blanks at its ends, blank lines, other blanks alone, marks and digits at a line's start
_PLAIN_LINES = st.lists(
    st.sampled_from(
        [
            "word",
            "two words",
            " ",
            "\t",
            "\n",
            "\n\n",
            "\u00a0",
            "\u3000",
            "\x0b",
            "\r",
            "-",
            ">",
            "+",
            "1",
            "1. ",
            "\u0663",
            "é.",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=examples(500))
@given(_PLAIN_LINES)
def test_plain_lines_are_quoted_and_noted_as_made_line_by_line(text: str) -> None:
    assert blockquote(text) == blockquote_line_by_line(text)
    assert plain_text_lines(text) == plain_text_lines_line_by_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "e.\n\nSchool an were not\nyou security",
        " port is with water.\nIn not when be ",
        "\n\nHe not by will.\n\nHe\n",
    ],
)
def test_a_passage_of_plain_lines_is_quoted_without_taking_its_lines_one_by_one(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 41,000 of 100,000 passages run over several lines, most of them words alone: quoted
    # at once, each line as it is, no line looked at in turn
    taken = count_calls(monkeypatch, markdown_text_module, "_escaped_lines")
    assert blockquote(text) == blockquote_line_by_line(text)
    assert plain_text_lines(text) == plain_text_lines_line_by_line(text)
    assert taken.calls == 0
