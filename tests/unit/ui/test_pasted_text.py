"""A bracketed paste is one piece of text, whatever it holds: never keys."""

from __future__ import annotations

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

from tui_reader.ui import escape_keys, pasted_text

escape_keys.install()  # as the app does
pasted_text.install()

START, END = "\x1b[200~", "\x1b[201~"


def read(data: str, chunk: int = 4096) -> list[Message]:
    """What the input reader makes of ``data``, sent in reads of ``chunk`` characters as the
    terminal's driver reads them."""
    parser = XTermParser()
    tokens = [t for at in range(0, len(data), chunk) for t in parser.feed(data[at : at + chunk])]
    return [*tokens, *parser.feed("")]


def test_a_paste_holding_escape_sequences_is_one_paste_of_text() -> None:
    """Text copied from a coloured terminal: 2,000 ``ESC [31m``.  Textual's reader read each
    escape's characters apart, and past 32 of them gave them as keys, typed into the field
    one by one (20,000 of them, in a 560 KB paste, grew past 1.2 GB)."""
    line = "\x1b[31mred\x1b[0m and the rest of a long line of the log, nothing to see here " * 4
    text = line * 500
    tokens = read("x" + START + text + END + "y")
    assert [type(t) for t in tokens] == [events.Key, events.Paste, events.Key]
    first, paste, last = tokens
    assert isinstance(first, events.Key) and first.character == "x"
    assert isinstance(last, events.Key) and last.character == "y"
    assert isinstance(paste, events.Paste)
    assert paste.text == text.replace("\x1b", "\u241b")
    assert "\x1b" not in paste.text


def test_every_place_a_read_may_cut_the_markers_gives_the_same_paste() -> None:
    data = "a" + START + "one\x1b[1m\ttwo\r\nthree\x00" + END + "b"
    for chunk in range(1, len(data) + 1):
        tokens = read(data, chunk)
        pastes = [t.text for t in tokens if isinstance(t, events.Paste)]
        keys = [t.character for t in tokens if isinstance(t, events.Key)]
        assert pastes == ["one\u241b[1m\ttwo\r\nthree\u2400"], chunk
        assert keys == ["a", "b"], chunk


def test_keys_outside_a_paste_are_read_as_before() -> None:
    tokens = read("\x1b[A" + "q" + "\x1b")
    assert [t.key for t in tokens if isinstance(t, events.Key)] == ["up", "q", "escape"]


def test_an_escape_alone_is_the_escape_key_once_its_time_is_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read ending in ``ESC`` may be a paste's start cut in two: it waits for the next read,
    or the escape's time limit, as Textual's reader waits."""
    parser = XTermParser()
    assert list(parser.feed("\x1b")) == []
    assert list(parser.tick()) == []  # its time not up
    later = pasted_text.get_time() + 1.0
    monkeypatch.setattr(pasted_text, "get_time", lambda: later)
    tokens = list(parser.tick())
    assert [t.key for t in tokens if isinstance(t, events.Key)] == ["escape"]
