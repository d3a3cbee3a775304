"""``esc`` and a key typed right behind it, read as one ``alt`` key, are the two keys."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual._xterm_parser import XTermParser

import tui_reader.ui
from tui_reader.ui import escape_keys, keymap
from tui_reader.ui.escape_keys import escape_then_key

escape_keys.install()  # as the app does


def read(data: str) -> list[events.Key]:
    """What Textual's input reader makes of ``data``, read at once; the end of the input ends
    its wait for more after an ``ESC`` as its time limit would."""
    parser = XTermParser()
    tokens = [*parser.feed(data), *parser.feed("")]
    return [t for t in tokens if isinstance(t, events.Key)]


def test_esc_and_a_letter_read_at_once_are_one_alt_key_for_textual() -> None:
    (key,) = read("\x1bq")  # the premise: how the terminal's bytes are read
    assert (key.key, key.character) == ("alt+q", "q")


def test_they_are_made_the_escape_and_the_key_again() -> None:
    for typed, name in (("q", "q"), ("G", "G"), ("é", "é")):
        (key,) = read("\x1b" + typed)
        split = escape_then_key(key)
        assert split is not None, typed
        escape, again = split
        assert (escape.key, again.key, again.character) == ("escape", name, typed)


def test_a_sign_behind_an_escape_is_the_escape_and_the_sign() -> None:
    """Textual named ``ESC /`` ``slash``, the escape lost: in the annotate dialog, esc then /
    typed a slash in its field instead of closing it and opening the search."""
    for typed, name in (("/", "slash"), ("?", "question_mark"), (" ", "space"), (">", None)):
        (key,) = read("\x1b" + typed)
        split = escape_then_key(key)
        assert split is not None, typed
        escape, again = split
        assert (escape.key, again.character) == ("escape", typed)
        assert again.key == (name or again.key) and not again.key.startswith("alt+")
    assert [k.key for k in read("/")] == ["slash"]  # a sign alone stays itself
    assert [k.key for k in read("\x1b/ab")] == ["alt+slash", "a", "b"]


def test_an_enter_behind_an_escape_is_the_escape_and_the_enter() -> None:
    """Textual read ``ESC`` and a carriage return as ``enter`` alone: esc then enter typed fast
    in the annotate dialog saved what the escape was to drop."""
    (key,) = read("\x1b\r")
    split = escape_then_key(key)
    assert split is not None
    assert [k.key for k in split] == ["escape", "enter"]
    assert [k.key for k in read("\r")] == ["enter"]  # an enter alone stays itself


def test_a_control_key_behind_an_escape_is_the_escape_and_the_control_key() -> None:
    """Textual read ``ESC`` and ctrl+p's byte as ``ctrl+p`` alone: esc then ctrl+p typed fast
    over the help left it open under the palette; esc then ctrl+d in the text ran the half
    page with the selection the escape was to cancel."""
    for byte, name in (("\x10", "ctrl+p"), ("\x04", "ctrl+d"), ("\x13", "ctrl+s"),
                       ("\x11", "ctrl+q"), ("\x12", "ctrl+r")):  # fmt: skip
        (key,) = read("\x1b" + byte)
        split = escape_then_key(key)
        assert split is not None, name
        assert [(k.key, k.character) for k in split] == [("escape", "\x1b"), (name, byte)]
        assert [k.key for k in read(byte)] == [name]  # alone it stays itself


def test_other_keys_are_left_as_they_are() -> None:
    for key in (
        events.Key("q", "q"),
        events.Key("escape", "\x1b"),
        events.Key("alt+backspace", None),  # a field's binding
        events.Key("alt+left", None),
        events.Key("ctrl+alt+q", "q"),
    ):
        assert escape_then_key(key) is None, key.key


def test_no_key_of_the_app_is_alt_and_a_character() -> None:
    """Were one bound, reading ``alt+x`` as ``esc``, ``x`` would take it away."""
    alt = [k for key in keymap.by_id().values() for k in key.keys if k.startswith("alt+")]
    assert alt == []
    ui = Path(tui_reader.ui.__file__).parent
    for source in ui.rglob("*.py"):
        if source.name != "escape_keys.py":
            assert '"alt+' not in source.read_text(encoding="utf-8"), source


def test_an_escape_behind_an_escaped_key_leaves_both_escapes() -> None:
    """esc, Q, esc typed fast (a dialog closed, the query view opened and closed) was read as
    "^", Q and esc: Textual's reader, still waiting to know what the first ESC began, gave up
    at the second and showed the first as a "^" key; Q opened the view, and one esc was lost.
    So with ctrl+p: the palette opened with a "^" typed in its search."""
    keys = read("T\x1bQ\x1b")
    assert [k.key for k in keys] == ["T", "alt+shift+q", "escape"]
    assert [k.key for k in escape_then_key(keys[1]) or ()] == ["escape", "Q"]
    keys = read("\x10\x1b\x10\x1b")
    assert [k.key for k in keys] == ["ctrl+p", "alt+ctrl+p", "escape"]
    assert [k.key for k in escape_then_key(keys[1]) or ()] == ["escape", "ctrl+p"]
    # What an ESC begins is still read whole: keys, the mouse, the strings terminals answer
    assert [k.key for k in read("\x1b[A\x1bOP")] == ["up", "f1"]
    assert [k.key for k in read("\x1bb")] == ["ctrl+left"]  # Textual's own (macOS option)


def test_a_macos_option_key_is_the_escape_and_the_key_outside_a_field() -> None:
    """``ESC b``, ``ESC f`` and ``ESC 1`` are what macOS terminals send for Option+left,
    Option+right and Option+1, and esc typed fast before the character: Textual's names stay
    in a field (a word left), elsewhere they are the escape and the character."""
    for typed, option, name in (("b", "ctrl+left", "b"), ("f", "ctrl+right", "f"),
                                ("1", "inverted_exclamation_mark", "1"),
                                ("-", "en_dash", "minus")):  # fmt: skip
        (key,) = read("\x1b" + typed)
        assert isinstance(key, escape_keys.OptionKey) and key.key == option, typed
        assert escape_then_key(key) is None  # the app decides first
        in_field = escape_keys.as_typed(key, in_field=True)
        assert (in_field.key, type(in_field)) == (option, events.Key)
        split = escape_then_key(escape_keys.as_typed(key, in_field=False))
        assert split is not None, typed
        assert [(k.key, k.character) for k in split] == [("escape", "\x1b"), (name, typed)]
