"""The canonical text never holds anything that can drive a terminal."""

from __future__ import annotations

import re

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.decoding import _CONTROL, _CONTROL_BYTES
from tui_reader.core.documents.document import parse_document
from tui_reader.core.documents.sanitize import holds_control, normalize_newlines, sanitize

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_csi_sequences_removed_whole() -> None:
    assert sanitize("a\x1b[31;1mred\x1b[0m b\x1b[2J\x1b[?1049h") == "ared b"


def test_osc52_clipboard_write_removed() -> None:
    assert sanitize("x\x1b]52;c;cm0gLXJmIH4=\x07y") == "xy"
    assert sanitize("x\x1b]52;c;cm0gLXJmIH4=\x1b\\y") == "xy"


def test_osc8_hyperlink_keeps_visible_text_only() -> None:
    text = "see \x1b]8;;https://evil.example/\x1b\\this link\x1b]8;;\x1b\\ now"
    assert sanitize(text) == "see this link now"


def test_window_title_osc_removed() -> None:
    assert sanitize("\x1b]0;pwned\x07title") == "title"


def test_dcs_and_apc_strings_removed() -> None:
    assert sanitize("a\x1bPq#0;2;0;0;0#1!14@\x1b\\b") == "ab"
    assert sanitize("a\x1b_Gf=100;AAAA\x1b\\b") == "ab"


def test_eight_bit_c1_controls_removed() -> None:
    assert sanitize("a\x9b31mb\x9d0;t\x07c\x85d") == "abcd"


def test_unterminated_osc_stops_at_end_of_line() -> None:
    assert sanitize("keep\x1b]0;no terminator\nnext line") == "keep\nnext line"


def test_c0_del_removed_newline_and_tab_kept() -> None:
    assert sanitize("a\x00b\x07c\x08d\x7fe\tf\ng\x0bh\x0ci") == "abcde\tf\nghi"


def test_plain_text_is_returned_unchanged() -> None:
    text = "Plain – text with “quotes”, [bold]markup[/] and emoji 🎉."
    assert sanitize(text) is text


def test_line_endings_normalised() -> None:
    assert normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_a_line_end_written_twice_through_windows_text_mode_is_one_line_end() -> None:
    # A CR LF written again through a file opened in text mode on Windows (QualCoder's
    # export with MAXQDA's line ends, a tool doubling the CR) ends its line with CR CR LF:
    # grep, less and Notepad see one line end, and the text read with a blank line after
    # every line.  A lone CR elsewhere is still a line end of its own.
    assert normalize_newlines("a\r\r\nb\r\r\r\nc\rd\r\re") == "a\nb\nc\nd\n\ne"


def test_overstruck_letters_are_written_once() -> None:
    # A manual page saved with its formatting: "NNAAMMEE" and "llss [_O_P_T_I_O_N]".
    text = "N\bNA\bAM\bME\bE\n  l\bls\bs [_\bO_\bP_\bT] x\b_ a\bb \b\b"
    assert sanitize(text) == "NAME\n  ls [OPT] x ab "


def test_vertical_tabs_and_form_feeds_are_line_breaks() -> None:
    # Removed as control characters, they ran the words on either side together: a page
    # break inside a line ("end.\fNext"), a line break as some programs export it.
    text = "end of page.\x0cNext page\r\x0b\x0bline\x0bbreak"
    assert sanitize(normalize_newlines(text)) == "end of page.\nNext page\n\n\nline\nbreak"


def test_line_and_paragraph_separators_are_line_and_paragraph_breaks() -> None:
    # NEXT LINE was removed as a control character ("linenext"), and LINE SEPARATOR and
    # PARAGRAPH SEPARATOR were kept, which the reading view draws as nothing ("alphabeta").
    text = "alpha\u2028beta\u2029gamma\x85delta\r\u2028é"
    assert sanitize(normalize_newlines(text)) == "alpha\nbeta\n\ngamma\ndelta\n\né"


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=400))
def test_no_control_survives_any_bytes(data: bytes) -> None:
    from pathlib import Path

    from tui_reader.core.errors import DocumentError

    for suffix, fmt in ((".txt", "text"), (".md", "markdown")):
        try:
            doc = parse_document(data, Path("fuzz" + suffix), fmt)
        except DocumentError:
            continue
        assert UNSAFE.search(doc.text) is None
        assert "\x1b" not in doc.title


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(
                ["\x1b[", "\x1b]", "\x1bP", "\x1b\\", "\x07", "\x9b", "\x9d", "\r", ";"]
            ),
        ),
        max_size=30,
    )
)
def test_sanitize_output_has_no_control_characters(parts: list[str]) -> None:
    assert UNSAFE.search(sanitize(normalize_newlines("".join(parts)))) is None


_MIXED = st.text(
    st.one_of(
        st.characters(max_codepoint=0xFF),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
        st.sampled_from("é€\u0142\U0001f600\u0080\u009f\u00a0\u00c2"),
    ),
    max_size=40,
)


@settings(max_examples=examples(300))
@given(_MIXED)
def test_holds_control_is_the_regex_test(text: str) -> None:
    assert holds_control(text) == (UNSAFE.search(text) is not None)
    found = holds_control(text, _CONTROL_BYTES, c1=False)
    assert found == (_CONTROL.search(text) is not None)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=60) | st.text(alphabet=st.characters(max_codepoint=0xA0), max_size=60))
def test_a_printable_text_holds_no_control(text: str) -> None:
    # What lets a printable line (a document's title) skip the look at its bytes.
    if text.isprintable():
        assert not holds_control(text)
        assert sanitize(text) == text


def test_a_printable_title_is_not_looked_at_byte_by_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each document's title was encoded and looked at for control characters byte by byte
    (5 us, 10,000 times for a first listing); a printable one is taken as it is at once, a
    line holding a control or a text holding a newline is still looked at."""
    from helpers.counting import count_calls

    from tui_reader.core.documents import sanitize as module
    from tui_reader.core.documents.document import one_line

    looked = count_calls(monkeypatch, module, "holds_control")
    assert one_line("Field report 00012 on the border — Tapachula") == (
        "Field report 00012 on the border — Tapachula"
    )
    assert looked.calls == 0
    assert one_line("Red \x1b[31mtitle\x1b[0m") == "Red title"
    assert sanitize("line\nnext\x07") == "line\nnext"
    assert looked.calls == 2
