"""A note another tool keeps in Markdown (Hypothesis's) is the text its reader sees."""

from __future__ import annotations

import json

import pytest

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.interchange.hypothesis import as_w3c
from tui_reader.core.interchange.markdown_note import shown_text
from tui_reader.core.interchange.w3c import parse, to_w3c


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("**Key** point, _this_ one", "Key point, this one"),
        ("see [the report](https://example.org/r).", "see the report (https://example.org/r)."),
        (
            "<https://example.org/r> and <ana@example.org>",
            "https://example.org/r and ana@example.org",
        ),
        ("![a map](https://example.org/m.png)", "[a map] (https://example.org/m.png)"),
        ("- one\n- two", "• one\n• two"),
        ("# Head\n\nFirst line\nsecond line", "Head\n\nFirst line\nsecond line"),
        ("A <inaudible> bit & `code`", "A <inaudible> bit & code"),
        # HTML typed: as Hypothesis shows it, but a tag of no HTML element, kept as typed
        ("<b>Key</b> point<br>next", "Key point\nnext"),
        ("A <i>bit</i> <inaudible> said <Ana>", "A bit <inaudible> said <Ana>"),
        (
            'see <a href="https://example.org/r?a=1&amp;b">it</a>',
            "see it (https://example.org/r?a=1&b)",
        ),
        ("x <script>alert(1)</script> y <!-- mine -->", "x y"),
        ("`<b>as code</b>`", "<b>as code</b>"),
        ("1986. A year of ~~no~~ change", "1986. A year of no change"),
        ("see https://x.org/a_b_c here", "see https://x.org/a_b_c here"),
        (">" * 40 + " deep", ">" * 40 + " deep"),  # nested past reading: as written
        ("", ""),
    ],
)
def test_a_markdown_note_is_the_text_its_reader_sees(markdown: str, shown: str) -> None:
    assert shown_text(markdown) == shown


def _row(text: str) -> dict[str, object]:
    return {
        "id": "AbC",
        "user": "acct:ana@hypothes.is",
        "uri": "https://example.org/a",
        "text": text,
        "tags": ["policy"],
        "target": [
            {
                "source": "https://example.org/a",
                "selector": [{"type": "TextQuoteSelector", "exact": "border plan"}],
            }
        ],
    }


def test_a_hypothesis_note_comes_in_as_its_reader_sees_it() -> None:
    """A Hypothesis note written in Markdown came in as typed: the app showed '**Key**
    point, see [the report](https://example.org/r)', and every export wrote it so."""
    markdown = "**Key** point, see [the report](https://example.org/r).\n\n- one\n- two"
    [annotation] = parse(json.dumps(as_w3c({"rows": [_row(markdown)]})))
    assert annotation.note == "Key point, see the report (https://example.org/r).\n\n• one\n• two"
    assert annotation.tags == ("policy",)


def test_html_in_a_hypothesis_note_comes_in_as_its_reader_sees_it() -> None:
    """HTML typed in a Hypothesis note, which its reader shows as HTML (bold, a line break, a
    link), came in as typed: '<b>Troops</b> at night<br><a href=...>report</a>'."""
    typed = '<b>Troops</b> at night<br><a href="https://example.org/r">report</a> <inaudible>'
    [annotation] = parse(json.dumps(as_w3c({"rows": [_row(typed)]})))
    assert annotation.note == "Troops at night\nreport (https://example.org/r) <inaudible>"


def test_our_own_note_said_to_be_markdown_is_kept_as_written() -> None:
    """Our W3C export said text/markdown of its plain-text notes until it said text/plain:
    such a file's notes are read as written, '**' and all."""
    made = Annotation(
        document="d.txt", start=0, end=3, quote="abc", note="**not bold** - <inaudible>"
    )
    item = to_w3c(made)
    [body] = item["body"]
    body["format"] = "text/markdown"
    [back] = parse(json.dumps(item))
    assert back.note == made.note
