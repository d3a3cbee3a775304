"""Source lines: the one offset -> line, in any order or in one sorted pass."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.lines import LineIndex


def test_lines_percent_and_empty_text() -> None:
    index = LineIndex("one\ntwo\n\nfour")
    assert [index.line(o) for o in (0, 3, 4, 8, 9, 13)] == [1, 1, 2, 3, 4, 4]
    assert index.percent(0) == 0 and index.percent(13) == 100 and index.percent(99) == 100
    assert LineIndex("").line(0) == 1 and LineIndex("").percent(0) == 0


@settings(max_examples=examples(50))
@given(st.text(alphabet="ab\n", max_size=60), st.lists(st.integers(0, 60), max_size=10))
def test_any_order_and_sorted_pass_agree(text: str, raw: list[int]) -> None:
    offsets = sorted(min(o, len(text)) for o in raw)
    index = LineIndex(text)
    assert index.lines(offsets) == [index.line(o) for o in offsets]
    assert index.lines(offsets) == [text.count("\n", 0, o) + 1 for o in offsets]


def test_a_break_that_is_no_line_feed_is_no_line_of_the_file() -> None:
    from tui_reader.core.documents.lines import added_breaks, file_line
    from tui_reader.core.documents.sanitize import clean_text

    raw = "a\n\fb\rc\r\nd\u2029e\x0bf\r\r\ng\u2028h\x85i"
    canonical = clean_text(raw)
    added = added_breaks(raw)
    assert canonical.count("\n") == 10 and added == [1, 2, 4, 5, 6, 8, 9]
    for char in "abcdefghi":
        canonical_line = LineIndex(canonical).line(canonical.index(char))
        assert file_line(canonical_line, added) == raw.count("\n", 0, raw.index(char)) + 1
    assert added_breaks("plain\nlines\r\n") == []


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_file_whose_lines_end_cr_cr_lf_reads_line_by_line(tmp_path: Path, encoding: str) -> None:
    """A CR LF written again through a file opened in text mode on Windows is CR CR LF (a
    REFI-QDA project's sources from QualCoder with MAXQDA's line ends): the document read
    with a blank line after every line, where grep, less and Notepad see none."""
    from tui_reader.core.documents.document import load_document

    path = tmp_path / "interview.txt"
    path.write_bytes(
        "A: The checkpoints moved.\r\r\nB: Caf\u00e9 at the bridge.\r\r\n".encode(encoding)
    )
    document = load_document(path)
    assert document.text == "A: The checkpoints moved.\nB: Caf\u00e9 at the bridge.\n"
    assert document.added_breaks == ()


_SEPARATORS = ["\n", "\r\n", "\r", "\f", "\x0b", "\u2028", "\x85", "\r\r\n"]


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(st.sampled_from(_SEPARATORS), min_size=1, max_size=12),
    st.sampled_from(["utf-8", "latin-1"]),
    st.sampled_from([3, 8, 1 << 16]),
)
def test_a_plain_texts_lines_are_its_files_as_grep_counts_them(
    tmp_path_factory: pytest.TempPathFactory, separators: list[str], encoding: str, chunk: int
) -> None:
    """A form feed or a lone CR is a line break of the text shown, not of the file: the lines
    a document says (query, exports, the reader's numbers) are the file's, as search and grep
    say them, whether the file is read a piece at a time (UTF-8) or decoded whole."""
    from tui_reader.core.documents import document as loading

    if encoding == "latin-1":
        separators = [s for s in separators if s not in ("\u2028", "\x85")] or ["\f"]
        separators.append("é\n")  # not UTF-8: decoded whole
    raw = "".join(f"w{n}{sep}" for n, sep in enumerate(separators)) + "end"
    path = tmp_path_factory.mktemp("lines") / "d.txt"
    data = raw.encode(encoding)
    path.write_bytes(data)
    original = loading.read_utf8_text
    loading.read_utf8_text = functools.partial(original, chunk_bytes=chunk)  # type: ignore[assignment]
    try:
        document = loading.load_document(path)
    finally:
        loading.read_utf8_text = original  # type: ignore[assignment]
    lines = LineIndex(document.text, document.added_breaks)
    for n in range(len(separators)):
        word = f"w{n}"
        grep_line = data.count(b"\n", 0, data.index(word.encode())) + 1
        assert lines.line(document.text.index(word)) == grep_line, (raw, word)
    assert lines.lines([document.text.index("end")]) == [data.count(b"\n") + 1]
