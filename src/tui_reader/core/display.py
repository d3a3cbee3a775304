"""The one gate for untrusted text on its way to the terminal.

Document text is made safe by :mod:`tui_reader.core.documents.sanitize` when it is read.  Every
other string that reaches the screen (file and folder names, tags, notes, quotes and ids from
imports or the database, error messages quoting them) passes :func:`shown` (a line: a list row,
a status line, a notification, a CLI message) or :func:`shown_block` (a note shown over several
lines) first.  Nothing that can drive a terminal survives:

- C0 controls and DEL become their visible Unicode "control pictures" (``ESC`` -> ``␛``), so a
  file named with an escape sequence shows as ``x␛]0;PWNED␇.txt``: harmless and noticeable;
- a byte of a file name that is not UTF-8 (a Latin-1 "café.txt", whose byte ``os.fsdecode``
  keeps as a lone surrogate ``U+DCE9``) shows as ``\\xe9``, as the exports write it: "caf�.txt"
  told neither "café.txt" from "cafè.txt" nor where to find the name in an export;
- C1 controls (``U+0080``-``U+009F``: some terminals take ``U+009B`` as CSI), other lone
  surrogates (a ``\\ud800`` escape in imported JSON) and the bidi overrides and isolates
  (``U+202A``-``U+202E``, ``U+2066``-``U+2069``: they reorder what the user sees) become ``�``;
  the invisible direction marks (``U+200E``, ``U+200F``, ``U+061C``) are dropped;
- a document's own words (a title taken from its text, a quote, the words around it) pass
  :func:`shown_text` instead, which drops the bidi controls, as the reading view shows the
  text (:mod:`tui_reader.ui.terminal_gate`): an Arabic or Hebrew text mixed with Latin holds
  them as it is written (a chat's export isolates each name, Word embeds a run), and a title
  or a quote read "�Ahmed�: �مرحبا�" beside the text that showed "Ahmed: مرحبا";
- in one-line contexts a line break (``\\n``, ``\\r``, ``U+2028``, ``U+2029``, ``U+0085``) shows
  as ``⏎`` and a tab as a space, so one record stays one line; but where file names are shown
  (:func:`shown_name`, and :func:`shown_pictured` for a message, a table's cell or a command
  line that may hold one) a tab, line feed or carriage return shows as its control picture
  (``␉``, ``␊``, ``␍``), as every other control does: one name, one spelling everywhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache

REPLACEMENT = "\ufffd"
NEWLINE_MARK = "⏎"

# Characters that reorder the text around them (Trojan Source): shown as REPLACEMENT.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible marks that only nudge neutral characters: dropped.
DIRECTION_MARKS = "\u200e\u200f\u061c"
LINE_BREAKS = "\n\r\u2028\u2029\x85"

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff" + BIDI_CONTROLS + DIRECTION_MARKS + "\u2028\u2029]"
)


# The block and JSON patterns are compiled when first used (a notification, JSON output):
# a first screen shows neither, and a class of characters this long takes a millisecond.
@cache
def _unsafe_block() -> re.Pattern[str]:
    controls = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"  # not \t or \n
    return re.compile("[" + controls + BIDI_CONTROLS + DIRECTION_MARKS + "\u2028\u2029]")


def _picture(char: str) -> str:
    code = ord(char)
    if char in LINE_BREAKS:
        return NEWLINE_MARK
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if char in DIRECTION_MARKS:
        return ""
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not read as UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return REPLACEMENT


def _picture_block(char: str) -> str:
    if char == "\r":
        return ""
    if char in "\u2028\u2029\x85":
        return "\n"
    return _picture(char)


# A zero-width joiner right before a blank or another ASCII character (the last of a run of
# them, an odd run: of two, the second is the first's) joins nothing there.  Rich lets it take
# the character and measures that no cell, where the terminal draws it in its cell (tmux
# writes an ASCII character in a cell of its own, whatever came before it; no emoji sequence
# holds one): a row holding one ("word‍ next", a title copied from a chat; "a‍b") was drawn a
# cell wider than its place, its border pushed right.
JOINER_BEFORE_ASCII = re.compile("(?<!\u200d)((?:\u200d\u200d)*)\u200d(?=[\t -~])")


def without_idle_joiners(text: str) -> str:
    """``text`` without the joiners that join nothing, before a blank or another ASCII
    character (see above): as drawn."""
    return JOINER_BEFORE_ASCII.sub(r"\1", text) if "\u200d" in text else text


def shown(text: object) -> str:
    """``text`` (any object: ``str()`` is taken) safe to show on one line of a terminal."""
    string = without_idle_joiners(text if isinstance(text, str) else str(text))
    if _UNSAFE.search(string) is None:
        return string
    return _UNSAFE.sub(lambda m: _picture(m.group()), string)


_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def without_bidi(text: str) -> str:
    """``text`` without its bidi controls (see :func:`shown_text`)."""
    return _BIDI.sub("", text)


def shown_text(text: str) -> str:
    """A document's words on one line (a title, a quote, its context): :func:`shown`, the
    bidi controls dropped, as the reading view shows them; a name (a file's, a tag's) keeps
    its ``�``, which tells ``invoice\u202egpj.exe`` from what it poses as."""
    return shown(without_bidi(text))


def shown_text_block(text: str) -> str:
    """A document's words over several lines (a quote): :func:`shown_block`, the bidi
    controls dropped, as :func:`shown_text`."""
    return shown_block(without_bidi(text))


def shown_name(name: str) -> str:
    """A file name as :func:`shown` shows it, told from every other: the backslashes before
    an ``x`` and the two digits of a byte that is no UTF-8 (a file literally named
    ``caf\\xe9.txt``), or before such a byte, are doubled, as ``ls -b`` shows a backslash; so
    ``caf\\\\xe9.txt`` is that file and ``caf\\xe9.txt`` the Latin-1 "café.txt" (an odd run of
    backslashes before ``xNN``: the last one a byte's).  :func:`stray_bytes_unescaped` takes
    either back.  A tab, line feed or carriage return in the name shows as its control
    picture (``a␉b.txt``, ``two␊lines.txt``), as the exports write a document's name and as
    every other control of a name shows: a tab as a space printed another file's name, and in
    list's tab-separated lines no name at all."""
    if "\\" in name:
        name = _backslashes_before_byte().sub(lambda m: m.group() * 2, name)
    return shown_pictured(name)


def said_name(name: str, at_most: int = 80) -> str:
    """A file's or a document's name inside a message, as every message says one: as typed
    (:func:`shown_name`: ``C:\\Users\\x.txt``, ``two␊lines.txt``), its two ends around ``…``
    past ``at_most`` characters.  Python's quotes said ``'C:\\\\Users\\\\x.txt'``, a name
    no file has."""
    from tui_reader.core.wording import clipped

    return shown_name(clipped(name, at_most))


def said_word(word: str, at_most: int = 200) -> str:
    r"""A name the user typed or the database holds (a code's, a coder's, an attribute's) or a
    pattern (``doc:``'s) inside a message: as typed, between single quotes, a control
    character as its picture (:func:`said_name`), its two ends around ``…`` past ``at_most``
    characters.  Python's quotes said ``'C:\\x'`` of the code ``C:\x``, ``"it's"`` in double
    quotes, and ``'a\tb'`` of a tab, none of them what was typed."""
    return f"'{said_name(word, at_most)}'"


_SHELL_ESCAPES = {
    "\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r",
    "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v", "\x1b": "\\E",
}  # fmt: skip


def _shell_escape(char: str) -> str:
    escape = _SHELL_ESCAPES.get(char)
    if escape is not None:
        return escape
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is no UTF-8, kept as Python keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"  # from \x80: a byte


def shell_word(text: str) -> str:
    """``text`` as a command suggests it be typed (``--doc NAME``, ``attr unset DOC``): one
    word a POSIX shell reads back as ``text``, quoted as :func:`shlex.quote` quotes it, or,
    where it holds a character :func:`shown` would not show as it is (a line feed, a tab,
    an escape, a byte that is no UTF-8), in the ``$'…'`` form of bash, zsh and ksh with that
    character escaped (``$'two\\nlines.txt'``): its picture (``'two␊lines.txt'``) named no
    file, and the character itself broke the line it was said in."""
    import shlex

    if _UNSAFE.search(text) is None:
        return shlex.quote(text)
    escaped = re.sub(r"[\\']", lambda m: _SHELL_ESCAPES[m.group()], text)
    return "$'" + _UNSAFE.sub(lambda m: _shell_escape(m.group()), escaped) + "'"


_NAME_CONTROLS = {ord(c): 0x2400 + ord(c) for c in "\t\n\r"}  # ␉ ␊ ␍


def shown_pictured(text: str) -> str:
    """``text`` that names files or holds their names (a message, a table's cell, a command
    line in the history) on one line: :func:`shown`, but a tab, line feed or carriage return
    as its control picture (``␉``, ``␊``, ``␍``), as :func:`shown_name` shows them, so a name
    reads the same in every listing, table and message: ``two␊lines.txt`` in list was
    ``two⏎lines.txt`` in report, agreement, history and the errors, and ``a<tab>b.txt`` was
    ``a b.txt``, another file's name."""
    if "\t" in text or "\n" in text or "\r" in text:
        text = text.translate(_NAME_CONTROLS)
    return shown(text)


def shown_as_they_are(texts: Iterable[str]) -> bool:
    """Whether :func:`shown` and :func:`shown_name` give each of ``texts`` back as it is (no
    character either changes, no backslash), told in one look over them all: a listing of
    10,000 documents asked each of its 30,000 names, titles and facts, and found nothing."""
    joined = "".join(texts)
    return "\\" not in joined and "\u200d" not in joined and _UNSAFE.search(joined) is None


@cache
def _backslashes_before_byte() -> re.Pattern[str]:
    return re.compile(r"\\+(?=x[89a-fA-F][0-9a-fA-F]|[\udc80-\udcff])")


def shown_block(text: object) -> str:
    """``text`` safe to show over several lines: line breaks and tabs kept, the rest as
    :func:`shown`."""
    string = without_idle_joiners(text if isinstance(text, str) else str(text))
    if _unsafe_block().search(string) is None:
        return string
    return _unsafe_block().sub(lambda m: _picture_block(m.group()), string)


def is_safe(text: str, *, one_line: bool = True) -> bool:
    """True when ``text`` holds nothing :func:`shown` (or :func:`shown_block`) would change."""
    pattern = _UNSAFE if one_line else _unsafe_block()
    return pattern.search(text) is None


# What JSON leaves raw (it escapes C0 controls itself) and a terminal must not get.
@cache
def _json_unsafe() -> re.Pattern[str]:
    return re.compile("[\x7f-\x9f\ud800-\udfff" + BIDI_CONTROLS + DIRECTION_MARKS + "\u2028\u2029]")


def shown_json(value: object, *, indent: int | None = 2) -> str:
    """``value`` as JSON safe to print on a terminal: every character :func:`shown` would
    change is written as its ``\\uXXXX`` escape (JSON escapes the C0 controls itself), so a
    program reading it gets the very strings back; but a byte of a file name that is not UTF-8
    (``U+DCE9`` in "caf\\udce9.txt") is given as :func:`shown` and the exports write it,
    ``caf\\\\xe9.txt``: its lone surrogate escape is refused by strict JSON readers (jq)."""
    text = None
    if indent == 2:  # by orjson where that is json's text (no stray byte's surrogate in it):
        # an indent makes json write with its encoder in Python (10,000 documents listed in
        # 0.2 s); loaded here, no first screen shows JSON
        from tui_reader.core.exact_json import pretty_text

        text = pretty_text(value)
    if text is None:
        text = json.dumps(value, ensure_ascii=False, indent=indent)
        # (only ever inside a string: JSON's \\ escape)
        if _stray_byte().search(text) is not None:
            text = _stray_byte().sub(lambda m: f"\\\\x{ord(m.group()) - 0xDC00:02x}", text)
    return json_escaped(text)


@cache
def _stray_byte() -> re.Pattern[str]:
    return re.compile("[\udc80-\udcff]")  # a byte os.fsdecode could not read as UTF-8


def stray_bytes_escaped(text: str) -> str:
    """``text`` with each byte of a file name that is not UTF-8 (a lone surrogate
    ``U+DC80``-``U+DCFF``) written ``\\xNN``, as :func:`shown` and the exports write it."""
    if _stray_byte().search(text) is None:
        return text
    return _stray_byte().sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


def stray_bytes_unescaped(text: str) -> str:
    """``text`` as typed back from what :func:`stray_bytes_escaped` shows: each ``\\xNN``
    of a byte that is no UTF-8 alone (``80`` to ``ff``) as that byte (``caf\\xe9.txt``, as
    ``list`` shows a Latin-1 "café.txt", names that file); backslashes doubled before it as
    the backslashes they stand for (``caf\\\\xe9.txt``, as :func:`shown_name` shows a file
    literally so named); and each control's picture as that control (``a␉b.txt``, as
    ``list`` shows a file whose name holds a tab, names that file: a caller tries this only
    when the name as typed names nothing)."""
    if not text.isascii():
        text = text.translate(_PICTURED_CONTROLS)
    return stray_bytes_read(text)


def stray_bytes_read(text: str) -> str:
    """``text`` with each ``\\xNN`` :func:`stray_bytes_escaped` writes for a byte that is no
    UTF-8 as that byte (a lone surrogate), and the backslashes doubled before one as the
    backslashes they stand for: a name an export wrote, read back exactly."""
    if "\\x" not in text:
        return text
    return _escaped_byte().sub(_unescaped, text)


# The pictures shown() and shown_name() show a name's controls as -> the controls.
_PICTURED_CONTROLS = {0x2400 + code: code for code in range(0x20)} | {0x2421: 0x7F}


def _unescaped(match: re.Match[str]) -> str:
    run, digits = len(match.group(1)), match.group(2)
    if run % 2:  # the last backslash a byte's, the others the name's own, doubled
        return "\\" * (run // 2) + chr(0xDC00 + int(digits, 16))
    return "\\" * (run // 2) + "x" + digits


@cache
def _escaped_byte() -> re.Pattern[str]:
    return re.compile(r"(\\+)x([89a-fA-F][0-9a-fA-F])")


def json_escaped(text: str) -> str:
    """JSON ``text`` with every character :func:`shown` would change that JSON leaves raw
    written as its ``\\uXXXX`` escape: the same values, nothing a terminal acts on."""
    if _json_unsafe().search(text) is None:
        return text
    return _json_unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", text)
