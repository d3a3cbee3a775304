"""A character the terminal's encoding has not is drawn as one cell, not as its escape."""

from __future__ import annotations

import io

from tui_reader.ui.screen_encoding import one_cell_each


def _stream(encoding: str) -> tuple[io.BytesIO, io.TextIOWrapper]:
    raw = io.BytesIO()
    return raw, io.TextIOWrapper(raw, encoding=encoding, errors="backslashreplace")


def test_a_latin_1_terminal_gets_its_characters_and_one_cell_for_the_others() -> None:
    raw, stream = _stream("latin-1")
    with one_cell_each(stream):
        stream.write("Peña — 3%\u258f")
        stream.flush()
    assert raw.getvalue() == "Peña ? 3%?".encode("latin-1")
    stream.write("\u2014")  # as before once the app is done
    stream.flush()
    assert raw.getvalue().endswith(b"\\u2014") and stream.errors == "backslashreplace"


def test_a_utf_8_terminal_is_left_as_it_is() -> None:
    raw, stream = _stream("utf-8")
    with one_cell_each(stream):
        assert stream.errors == "backslashreplace"
        stream.write("\u2014")
        stream.flush()
    assert raw.getvalue() == "\u2014".encode()
