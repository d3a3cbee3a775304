"""The reading pane's search: its hits in the text as it reads."""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

from tui_reader.core.documents.document import parse_document
from tui_reader.core.documents.spans import SpanKind
from tui_reader.reading.layout import Layout
from tui_reader.ui.reading_pane.search import document_hits


def test_a_phrase_broken_over_two_lines_of_a_book_wrapped_by_hand_is_found() -> None:
    # A book wrapped at 70 columns reads as flowing paragraphs, "the reader codes" on one
    # line of the screen, but /the reader found nothing where the file broke the line
    # between the two words (nor 讨论 where a Chinese text broke between its characters).
    words = ["the", "reader", "codes", "a", "passage", "and", "then"]
    english = [textwrap.fill(" ".join(words * (20 + n)), 70) for n in range(10)]
    chinese = [textwrap.fill("我们在会上讨论了很多问题" * (10 + n), 35) for n in range(10)]
    raw = "Title\n\n" + "\n\n".join(english + chinese) + "\n"
    document = parse_document(raw.encode(), Path("book.txt"), "plain")
    text = document.text
    soft = [(s.start, s.end) for s in document.spans if s.kind == SpanKind.SOFT_WRAP]
    assert soft and "\n" in text[soft[0][0] : soft[0][1]]
    layout = Layout(text, 80, soft=soft)
    found = document_hits(document, "the reader", layout)
    assert len(found) == sum(20 + n for n in range(10))
    quotes = {" ".join(text[start:end].split()) for start, end in found}
    assert quotes == {"the reader"}
    assert any("\n" in text[start:end] for start, end in found)
    assert found.ends is None  # a soft newline read as a space: one length, one array
    joined = document_hits(document, "讨论", layout)
    assert len(joined) == sum(10 + n for n in range(10))
    assert any(text[start:end] == "讨\n论" for start, end in joined)
    assert joined.ends is not None  # those are one longer than the query
    assert len(document_hits(document, "self-", layout)) == 0
    # without soft paragraphs: the text's own hits, a line's end between two words too
    plain = document_hits(document, "the reader", None)
    assert {" ".join(text[start:end].split()) for start, end in plain} == {"the reader"}
    assert len(plain) == len(found)


def test_a_phrase_broken_after_a_space_left_at_a_line_end_is_found_and_shown_once_spaced() -> None:
    # A mail or a text wrapped with a space left at each line's end ("the reader " above
    # "codes") flows as one paragraph, but read "the reader  codes", two spaces on screen,
    # and /reader codes found nothing where the line broke between the words.
    words = ["the", "reader", "codes", "a", "passage", "and", "then"]
    paragraphs = [
        textwrap.fill(" ".join(words * (20 + n)), 70).replace("\n", " \n") for n in range(10)
    ]
    raw = "Title\n\n" + "\n\n".join(paragraphs) + "\n"
    document = parse_document(raw.encode(), Path("mail.txt"), "plain")
    text = document.text
    soft = [(s.start, s.end) for s in document.spans if s.kind == SpanKind.SOFT_WRAP]
    assert soft and " \n" in text[soft[0][0] : soft[0][1]]
    layout = Layout(text, 80, soft=soft)
    expected = sum((20 + n) * len(words) - 1 for n in range(10))  # every pair of words
    for query in ("reader codes", "then the"):
        found = document_hits(document, query, layout)
        assert {" ".join(text[start:end].split()) for start, end in found} == {query}
        assert any("\n" in text[start:end] for start, end in found)
    found = [
        hit
        for w, nxt in itertools.pairwise([*words, "the"])
        for hit in document_hits(document, f"{w} {nxt}", layout)
    ]
    assert len(found) == expected
    layout.ensure_lines(0, 10**6)
    shown = [layout.shown(*layout.line_range(y)) for y in range(layout.line_count)]
    assert not any("  " in line for line in shown)


def test_a_phrase_broken_over_two_lines_of_a_list_in_a_text_wrapped_by_hand_is_found() -> None:
    # In a mail wrapped by hand, whose paragraphs flow, a list item (or a quotation) keeps
    # its lines; a phrase broken over two of them was found in the same text that did not
    # flow, but not in this one.
    words = "the people of the valley spoke at length about the land and the river"
    paragraph = "\n".join(f"{words} {i}" for i in range(12))
    items = "- a list item about the peace\n  talks that went on\n- another self-\n  made item"
    raw = f"{paragraph}\n\n{items}\n"
    document = parse_document(raw.encode(), Path("mail.txt"), "plain")
    text = document.text
    soft = [(s.start, s.end) for s in document.spans if s.kind == SpanKind.SOFT_WRAP]
    assert soft and soft[-1][1] < text.index("- a list")
    layout = Layout(text, 80, soft=soft)
    for query, quote in (("peace talks", "peace\n  talks"), ("self-made", "self-\n  made")):
        assert [text[a:b] for a, b in document_hits(document, query, layout)] == [quote]
        assert [text[a:b] for a, b in document_hits(document, query, None)] == [quote]
    assert len(document_hits(document, "valley spoke", layout)) == 12


def test_a_pasted_page_searched_for_is_said_in_one_short_line() -> None:
    """A 300,000-character paste at / (a log with ``[`` in it): "is not a regular
    expression" and "Pattern not found" said the whole query, a toast over the whole
    screen, what was wrong past its bottom."""
    from tui_reader.ui.reading_pane.search import no_pattern, not_found

    page = "[31mred text of a log line " * 12_000
    problem = no_pattern(page, literal=False)
    assert problem.startswith("Search '[31mred text of a log line")
    assert "is not a regular expression" in problem
    assert problem.endswith("(^R at the prompt: take it as typed)")
    assert len(problem) < 400
    said = not_found(page, literal=True)
    assert said.startswith("Pattern not found: [31mred") and len(said) < 300
    assert not_found("a short one") == "Pattern not found: a short one"  # as it was typed
