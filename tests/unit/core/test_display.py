"""The display gate: nothing that can drive or reorder a terminal survives it."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.display import (
    is_safe,
    json_escaped,
    said_name,
    shell_word,
    shown,
    shown_as_they_are,
    shown_block,
    shown_json,
    shown_name,
    shown_text,
    shown_text_block,
    stray_bytes_unescaped,
)

# Anything a terminal acts on, or that reorders text, or cannot be encoded as UTF-8.
UNSAFE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029\ud800-\udfff]"
)
UNSAFE_BLOCK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029\ud800-\udfff]"
)


def test_an_osc_title_in_a_file_name_shows_as_harmless_pictures() -> None:
    assert shown("x\x1b]0;PWNED\x07.txt") == "x␛]0;PWNED␇.txt"
    assert shown("clip\x1b]52;c;cm0=\x1b\\") == "clip␛]52;c;cm0=␛\\"


def test_newlines_in_a_name_keep_it_on_one_line_visibly() -> None:
    assert shown("two\nlines\r\n\ttab") == "two⏎lines⏎⏎ tab"
    assert shown_block("two\nlines\r\n\ttab") == "two\nlines\n\ttab"


def test_bidi_overrides_and_c1_controls_and_surrogates_are_replaced() -> None:
    assert shown("invoice\u202egpj.exe") == "invoice\ufffdgpj.exe"
    assert shown("\u2066a\u2069\u200e") == "\ufffda\ufffd"
    assert shown("\x9b31m") == "\ufffd31m"
    assert shown("\ud800x") == "\ufffdx"  # a lone surrogate no file name holds


def test_a_document_s_words_show_without_their_bidi_controls_as_the_reading_view() -> None:
    """An Arabic run or a name isolated in a chat's export: no ``�`` in a title or a quote;
    a control character still shows as its picture, a name keeps its ``�``."""
    assert shown_text("\u2068Ahmed\u2069: \u202bمرحبا\u202c\x1b") == "Ahmed: مرحبا\u241b"
    assert shown_text_block("\u2067שלום\u2069\nline") == "שלום\nline"
    assert shown("\u2068Ahmed\u2069") == "\ufffdAhmed\ufffd"


def test_a_byte_of_a_name_not_in_utf8_shows_as_the_exports_write_it() -> None:
    # "caf\ufffd.txt" told neither café.txt from cafè.txt (Latin-1) nor where the export's is
    assert shown("caf\udce9.txt") == "caf\\xe9.txt"
    assert shown_block("caf\udce8.txt\n") == "caf\\xe8.txt\n"


def test_a_name_literally_holding_a_byte_escape_is_told_from_the_byte() -> None:
    # A file named "caf\xe9.txt" (a backslash, x, e, 9) showed as the Latin-1 "café.txt" does.
    names = {
        "caf\udce9.txt": r"caf\xe9.txt",
        r"caf\xe9.txt": r"caf\\xe9.txt",
        r"a\\xE9": r"a\\\\xE9",
        "caf\\\udce9": r"caf\\\xe9",  # a backslash, then a byte
        r"plain\x41 w\in": r"plain\x41 w\in",  # no byte's digits: as it is
    }
    assert {name: shown_name(name) for name in names} == names
    assert [stray_bytes_unescaped(shown) for shown in names.values()] == list(names)


def test_a_tab_or_a_line_break_in_a_name_shows_as_its_picture() -> None:
    # A tab showed as a space (another file's name), a line break as ⏎ (the exports: ␊).
    assert shown_name("a\tb\nc\rd.txt") == "a␉b␊c␍d.txt"
    assert shown_name("x\x1b.txt") == "x␛.txt"  # as every other control showed already
    for name in ("a\tb.txt", "two\nlines\r.txt", "x\x1b\x7f.txt"):  # typed back: the file
        assert stray_bytes_unescaped(shown_name(name)) == name


def test_plain_text_comes_back_as_it_is() -> None:
    for text in ("Peña Nieto", "policy/militarization", "עברית", "中文", "🙂", ""):
        assert shown(text) is text or shown(text) == text
    assert shown(42) == "42"


@settings(max_examples=examples(300))
@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    line = shown(text)
    assert not UNSAFE_LINE.search(line)
    assert is_safe(line)
    line.encode("utf-8")
    block = shown_block(text)
    assert not UNSAFE_BLOCK.search(block) and "\r" not in block
    assert is_safe(block, one_line=False)
    block.encode("utf-8")


def test_a_joiner_that_joins_nothing_before_a_blank_is_not_shown() -> None:
    # Rich measured the space after it no cell where the terminal draws it: a row a cell wider.
    assert shown("word\u200d next") == "word next"
    assert shown_block("a\u200d\tb\nc\u200d\u200d\u200d d") == "a\tb\nc\u200d\u200d d"
    assert shown("👨\u200d👩 and a\u200d\u200d b") == "👨\u200d👩 and a\u200d\u200d b"


def test_json_shown_indented_is_written_without_json_s_encoder_in_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An indent makes json write with its encoder written in Python: `list --json` of 10,000
    # documents spent 0.2 s in it.  orjson writes the same text where it can.
    import json.encoder

    from helpers.counting import count_calls

    rows = [
        {"path": f"d/{n}.txt", "title": f"Report {n} \u2028 caf\u00e9", "words": n,
         "pages": None, "exact": n % 2 == 0, "metadata": {"speakers": "Ana, Bo"}, "tags": []}
        for n in range(50)
    ]  # fmt: skip
    python_encoder = count_calls(monkeypatch, json.encoder, "_make_iterencode")
    text = shown_json(rows)
    assert python_encoder.calls == 0
    monkeypatch.undo()
    assert text == json_escaped(json.dumps(rows, ensure_ascii=False, indent=2))


_JSON_VALUES = st.recursive(
    st.text() | st.integers(-(2**70), 2**70) | st.floats() | st.booleans() | st.none(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=examples(300))
@given(_JSON_VALUES, st.sampled_from([None, 2]))
def test_json_shown_is_json_s_text_made_safe(value: object, indent: int | None) -> None:
    import json

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    text = re.sub("[\udc80-\udcff]", lambda m: f"\\\\x{ord(m.group()) - 0xDC00:02x}", text)
    assert shown_json(value, indent=indent) == json_escaped(text)


@settings(max_examples=examples(300))
@given(st.lists(st.text(alphabet=st.sampled_from("ab \\x\t\u200d\u2028\x1b\udce9é·"))))
def test_texts_said_shown_as_they_are_are_each_shown_as_they_are(texts: list[str]) -> None:
    if shown_as_they_are(texts):
        assert all(shown(text) == text and shown_name(text) == text for text in texts)


def test_shell_word_is_what_a_shell_reads_back_as_the_text() -> None:
    """A name a command suggests to type, in a form a shell takes as that name: quoted as
    ``shlex`` quotes it, or, holding a control character (a line feed, a tab, an escape),
    in the shell's ``$'…'`` form, where the control picture (``'two␊lines.txt'``) named no
    file and a raw line feed broke the line said."""
    assert shell_word("int-2.txt") == "int-2.txt"
    assert shell_word("my notes.txt") == "'my notes.txt'"
    assert shell_word("two\nlines.txt") == "$'two\\nlines.txt'"
    assert shell_word("a\tb's\\c") == "$'a\\tb\\'s\\\\c'"
    assert shell_word("esc\x1b[31m") == "$'esc\\E[31m'"
    assert shell_word("caf\udce9.txt") == "$'caf\\xe9.txt'"  # a byte that is no UTF-8
    assert shell_word("rtl\u202e.txt") == "$'rtl\\u202e.txt'"
    bash = shutil.which("bash")
    if bash is not None:
        for text in ("two\nlines.txt", "a\tb's\\c", "esc\x1b[31m", "rtl\u202e.txt"):
            said = subprocess.run(
                [bash, "-c", f"printf %s {shell_word(text)}"],
                capture_output=True,
                check=True,
                timeout=120,
            ).stdout.decode()
            assert said == text


def test_a_name_in_a_message_is_said_as_it_is_written() -> None:
    """Python's quotes doubled a backslash (``'C:\\\\Users'``) and quoted a quote; a name is
    said as written, its controls as their pictures, a long one cut in its middle."""
    assert said_name("C:\\Users\\x.txt") == "C:\\Users\\x.txt"
    assert said_name("it's.txt") == "it's.txt"
    assert said_name("two\nlines\x1b.txt") == "two␊lines␛.txt"
    assert said_name("a" * 50 + "b" * 50, 21) == "a" * 10 + "…" + "b" * 10
