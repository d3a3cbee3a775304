"""Which plain texts read as hard-wrapped, and which of their paragraphs flow."""

from __future__ import annotations

import textwrap

from tui_reader.core.documents.formats.plain import paragraph_ranges, parse_plain
from tui_reader.core.documents.hard_wrap import soft_wrapped_paragraphs
from tui_reader.core.documents.spans import SpanKind

LOREM = (
    "Researchers read interview transcripts closely and code the passages that matter. A "
    "sentence that the printer broke over two lines is still one sentence to a reader. "
    "Militarization of the southern border changed the lives of migrants."
)


def _soft(text: str) -> list[str]:
    return [text[a:b] for a, b in soft_wrapped_paragraphs(text, paragraph_ranges(text))]


def man_page() -> str:
    body = "\n\n".join(
        textwrap.fill(LOREM, 78, initial_indent="       ", subsequent_indent="       ")
        for _ in range(3)
    )
    options = "       -a, --all\n              do not ignore entries starting with .\n"
    return (
        "LS(1)                       User Commands                      LS(1)\n\n"
        f"NAME\n       ls - list directory contents\n\nDESCRIPTION\n{body}\n\n{options}"
    )


def test_a_man_page_flows_but_its_option_list_and_header_do_not() -> None:
    text = man_page()
    soft = _soft(text)
    assert len(soft) == 3 and all(s.startswith(("Researchers", "       Researchers")) for s in soft)
    assert not any("--all" in s or "User Commands" in s for s in soft)


def test_an_email_at_72_columns_flows_and_its_quoted_list_does_not() -> None:
    paragraphs = [textwrap.fill(LOREM + " " + LOREM, 72) for _ in range(2)]
    listing = "- first point of the agenda\n- second point\n- third point"
    text = "Hi Ana,\n\n" + "\n\n".join([paragraphs[0], listing, paragraphs[1]]) + "\n\nBest,\nBo\n"
    soft = _soft(text)
    assert soft == paragraphs  # (no indentation here: the paragraphs exactly)


def test_prose_with_long_lines_is_not_hard_wrapped() -> None:
    text = "\n\n".join([LOREM * 2, "A short line.\nAnother short line.", LOREM])
    assert _soft(text) == []


def test_poetry_and_code_are_not_reflowed() -> None:
    poem = "\n".join(["Roses are red,", "violets are blue,", "the border is closed", "to you."])
    code = "def f(x):\n    return x\n\nfor i in range(3):\n    print(f(i))\n"
    assert _soft(f"{poem}\n\n{poem}\n\n{code}") == []


def test_plain_parser_marks_soft_paragraphs() -> None:
    parsed = parse_plain(man_page())
    assert sum(1 for s in parsed.spans if s.kind is SpanKind.SOFT_WRAP) == 3
    assert parsed.text == man_page()  # the text itself is unchanged
