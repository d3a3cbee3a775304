"""A W3C export's TextQuoteSelector whose quote and 32 characters either side occur several
times in the text (a line that comes back on every page of a PDF): a tool reading the quote
alone marked every place.  Its context is lengthened until the three occur once (bounded),
the position selector exact; the import reads both and keeps the context an annotation
keeps."""

from __future__ import annotations

from helpers.running_pages import PAGES, QUOTE, occurrences
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.annotations.model import CONTEXT_LENGTH, quoted
from tui_reader.core.interchange.w3c_context import (
    CONTEXT_AT_MOST,
    kept_prefix,
    kept_suffix,
    unique_context,
)


def test_a_context_found_four_times_is_lengthened_until_it_names_one_place() -> None:
    start = [i for i in range(len(PAGES)) if PAGES.startswith(QUOTE, i)][1]  # page 2's
    end = start + len(QUOTE)
    kept = quoted(PAGES, start, end)
    assert occurrences(PAGES, kept["prefix"] + QUOTE + kept["suffix"]) == 4
    wider = unique_context(PAGES, start, end, kept["prefix"], kept["suffix"])
    assert wider is not None
    prefix, suffix = wider
    assert PAGES[start - len(prefix) : start] == prefix and PAGES[end : end + len(suffix)] == suffix
    assert occurrences(PAGES, prefix + QUOTE + suffix) == 1
    assert CONTEXT_LENGTH < len(prefix) <= CONTEXT_AT_MOST


def test_a_context_naming_one_place_or_not_the_text_s_is_kept() -> None:
    text = "One. The shelter opened in May. Two, another sentence here and more."
    start = text.index("shelter")
    kept = quoted(text, start, start + 7)
    assert unique_context(text, start, start + 7, kept["prefix"], kept["suffix"]) is None
    assert unique_context(text, start, start + 7, "elsewhere ", kept["suffix"]) is None


@given(
    st.text(alphabet="ab ", min_size=1, max_size=300),
    st.integers(min_value=0, max_value=299),
    st.integers(min_value=1, max_value=20),
)
def test_a_lengthened_context_is_the_text_s_and_names_one_place(
    text: str, at: int, length: int
) -> None:
    start = at % len(text)
    end = min(len(text), start + length)
    kept = quoted(text, start, end)
    prefix, suffix = unique_context(text, start, end, kept["prefix"], kept["suffix"]) or (
        kept["prefix"],
        kept["suffix"],
    )
    assert text[start - len(prefix) : start] == prefix and text[end : end + len(suffix)] == suffix
    # (a text shorter than the bound: its whole is at most once in it)
    assert occurrences(text, prefix + text[start:end] + suffix) == 1


def test_the_import_keeps_the_context_an_annotation_keeps() -> None:
    long = "x" * 100 + "é"
    assert kept_prefix(long) == long[-CONTEXT_LENGTH:] and kept_suffix(long) == long[:32]
    assert kept_prefix("short") == "short" and kept_suffix("") == ""
