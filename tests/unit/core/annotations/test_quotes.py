"""Finding a quoted passage: exact, whitespace-flexible, by occurrence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.annotations import quotes as quotes_module
from tui_reader.core.annotations.quotes import find_quote
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.errors import TuiReaderError


def document(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "doc.txt"
    path.write_text(text, "utf-8")
    return load_document(path)


def test_exact_then_any_whitespace(tmp_path: Path) -> None:
    doc = document(tmp_path, "The plan was\nannounced today. The plan was not.")
    start, end = find_quote(doc, "plan was announced", None)
    assert doc.text[start:end] == "plan was\nannounced"
    second = doc.text.rindex("The plan was")
    assert find_quote(doc, "The plan was", 2) == (second, second + len("The plan was"))


def test_missing_ambiguous_and_out_of_range_quotes_are_errors(tmp_path: Path) -> None:
    doc = document(tmp_path, "The plan was announced today. The plan was not.")
    with pytest.raises(TuiReaderError, match="quote not found"):
        find_quote(doc, "no such words", None)
    with pytest.raises(TuiReaderError, match="occurs 2 times"):
        find_quote(doc, "The plan", None)
    with pytest.raises(TuiReaderError, match="out of range"):
        find_quote(doc, "The plan", 3)
    with pytest.raises(TuiReaderError, match="empty"):
        find_quote(doc, "  ", None)
    # one hit: "occurs 1 times" was said
    with pytest.raises(TuiReaderError, match=r"\(the quote occurs 1 time\)$"):
        find_quote(doc, "announced", 2)


def test_an_accent_is_found_however_either_side_encodes_it(tmp_path: Path) -> None:
    """``annotate --quote "émigré"`` said "quote not found" of a text that writes é as e and a
    combining accent (PDFs, files from a Mac), and the other way round."""
    decomposed = "Les e\u0301migre\u0301s de Pen\u0303a.\n"
    doc = document(tmp_path, decomposed)
    start, end = find_quote(doc, "émigrés de Peña", None)
    assert doc.text[start:end] == "e\u0301migre\u0301s de Pen\u0303a"
    composed = document(tmp_path, "Les émigrés de Peña.\n")
    start, end = find_quote(composed, "e\u0301migre\u0301s", None)
    assert composed.text[start:end] == "émigrés"
    peña = composed.text.index("Peña")
    assert find_quote(composed, "Peña", None) == (peña, peña + 4)
    with pytest.raises(TuiReaderError, match="quote not found"):
        find_quote(composed, "emigres", None)  # the accents still count


def test_a_quote_s_occurrences_are_counted_however_each_encodes_its_accents(
    tmp_path: Path,
) -> None:
    """A text pasted together from a PDF and a web page writes "café" both ways: the quote
    found written as typed alone was taken without a word that it occurs twice, and
    ``--occurrence 2`` said "out of range (the quote occurs 1 time)"."""
    doc = document(tmp_path, "A cafe\u0301 here, a café there.\n")
    with pytest.raises(TuiReaderError, match="occurs 2 times"):
        find_quote(doc, "café", None)
    start, end = find_quote(doc, "café", 1)
    assert doc.text[start:end] == "cafe\u0301"
    start, end = find_quote(doc, "café", 2)
    assert doc.text[start:end] == "café"
    # accents in an order composing would change are found as they are written
    odd = document(tmp_path, "Vie\u0302\u0323t Nam\n")
    start, end = find_quote(odd, "Vie\u0302\u0323t", None)
    assert (start, end) == (0, 6)


def test_a_long_quote_not_there_is_looked_for_once_each_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quote of 100,000 characters typed to `annotate` (and not in the text) took 25 s to be
    said not found: it was compiled twice over in one expression, the quote as typed or its
    accents either way, alike for a quote without accents, which Python's parser takes apart
    a character at a time.  It is compiled once as typed, once with any whitespace."""
    doc = document(tmp_path, "Some text.\n")
    quote = "a" * 100_000 + " z"
    compiled: list[str] = []
    real = quotes_module.re.compile
    monkeypatch.setattr(quotes_module.re, "compile", lambda p: compiled.append(p) or real(p))
    with pytest.raises(TuiReaderError, match="quote not found"):
        find_quote(doc, quote, None)
    # the quote's space escaped ("\\ "), then any whitespace (r"\s+")
    assert [len(p) for p in compiled if "aaa" in p] == [len(quote) + 1, len(quote) + 2]
