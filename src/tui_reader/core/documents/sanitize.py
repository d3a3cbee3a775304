"""Remove everything from text that could drive a terminal.

The canonical text of a document must be safe to write to a terminal verbatim: no escape
sequences (CSI, OSC, DCS, SOS, PM, APC, and two-byte ESC sequences), no C0 control
characters other than ``\\n`` and ``\\t``, no DEL and no C1 controls.  Whole sequences are
removed, not just their ESC byte, so no parameter garbage is left behind.
"""

from __future__ import annotations

import re
from functools import cache

from tui_reader.core.rare_find import holds_any_byte

# ESC-introduced strings ending with ST (ESC \) or BEL; an unterminated one runs to the end of
# its line so that a stray ESC ] cannot swallow a whole document.
_STRING_SEQ = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|\Z)"
_CSI_SEQ = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
_ESC_SEQ = r"\x1b[\x20-\x2f]*[\x30-\x7e]?"
C0_AND_DEL = bytes(range(0x09)) + bytes(range(0x0B, 0x20)) + b"\x7f"  # what _controls takes
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080..U+009F encoded
_CHUNK = 1 << 20


def holds_control(text: str, controls: bytes = C0_AND_DEL, *, c1: bool = True) -> bool:
    """Whether ``text`` holds a character of ``controls`` (code points below 128), or a C1
    control when ``c1``: the quick test that lets most documents skip the work.  Done on the
    UTF-8 bytes, a megabyte at a time, each control's byte looked for at ``memchr``'s pace
    (:func:`~tui_reader.core.rare_find.holds_any_byte`): ``bytes.translate`` was four times
    faster than the regex engine's scan of a character class, and this twice as fast again."""
    for i in range(0, len(text), _CHUNK):
        data = text[i : i + _CHUNK].encode("utf-8", "surrogatepass")
        if holds_any_byte(data, controls):
            return True
        if c1 and b"\xc2" in data and _C1_UTF8.search(data) is not None:
            return True
    return False


# Compiled when a document first holds a control character (most never do).
@cache
def _sequences() -> re.Pattern[str]:
    return re.compile(f"{_STRING_SEQ}|{_CSI_SEQ}|{_ESC_SEQ}")


@cache
def _controls() -> re.Pattern[str]:
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Overstrike, as a manual page saved with its formatting, nroff and line printers write
# bold ("N\bNA\bA") and underlined ("_\bw") letters: a letter, a backspace, and the letter
# again or an underscore.  The backspaces removed alone left "NNAAMMEE" and "_w".
@cache
def _overstruck() -> re.Pattern[str]:
    return re.compile(r"_\x08(?=[^\x08\n])|([^\x08\n])\x08(?=\1)|(?<=[^\x08\n])\x08_")


def sanitize(text: str) -> str:
    """Return ``text`` without escape sequences or control characters (``\\n``, ``\\t`` kept),
    an overstruck letter (bold or underlined by backspaces) written once.

    Line endings must already be normalised to ``\\n``; a stray ``\\r`` is removed like any
    other control character.
    """
    # Most documents hold no control character at all.  A line that is printable all through
    # (a title: one of each document a first listing reads) holds none, said in C at once;
    # a text's first newline stops that look, and its bytes are looked at instead.
    if text.isprintable() or not holds_control(text):
        return text
    text = _sequences().sub("", text)
    if "\x08" in text:
        text = _overstruck().sub("", text)
    return _controls().sub("", text)


# Line breaks besides CR: NEXT LINE (a mainframe's, EBCDIC's newline) and LINE SEPARATOR end
# a line, PARAGRAPH SEPARATOR a paragraph (text exported by layout programs, pasted from web
# pages).  Kept, they were no break at all: the reading view drew none ("alphabeta"), and
# cleaning removed a NEXT LINE as a control character ("linenext").
SEPARATORS = ("\x85", "\u2028", "\u2029")


def holds_separator(text: str) -> bool:
    """Whether ``text`` holds a line break :func:`normalize_newlines` turns into LF besides
    CR (:data:`SEPARATORS`)."""
    return not text.isascii() and any(separator in text for separator in SEPARATORS)


# CRs before a LF: one line end written again through a file opened in text mode on
# Windows, which makes each LF a CR LF (QualCoder's export with MAXQDA's line ends writes
# CR CR LF), as grep, less and Notepad read it: one line, not a blank one after each.
_CRS_THEN_LF = re.compile("\r+\n")


def normalize_newlines(text: str) -> str:
    """Turn CRLF (and CRs before a LF: :data:`_CRS_THEN_LF`), lone CR, NEXT LINE, LINE
    SEPARATOR, a vertical tab (a line break as some programs export one) and a form feed (a
    page break) into LF, and a PARAGRAPH SEPARATOR into a blank line (the end of a
    paragraph).  The two controls were removed with the rest, and the words on either side
    ran together ("wordword")."""
    if "\r" in text:
        if "\r\r" in text:
            text = _CRS_THEN_LF.sub("\n", text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0b" in text or "\x0c" in text:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    if holds_separator(text):
        text = text.replace("\x85", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return text


# Invisible characters that only say where a word may break or must not (ZERO WIDTH SPACE,
# WORD JOINER) and a byte-order mark inside a text (ZERO WIDTH NO-BREAK SPACE: a part of a
# page included from a file saved with one): kept, they parted a word for a search and for
# a quote, as a soft hyphen did.
INVISIBLE = ("\u200b", "\u2060", "\ufeff")
_WITHOUT_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))


def holds_invisible(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`INVISIBLE`."""
    return not text.isascii() and any(invisible in text for invisible in INVISIBLE)


def without_invisible(text: str) -> str:
    """``text`` without its characters of :data:`INVISIBLE`."""
    return text.translate(_WITHOUT_INVISIBLE) if holds_invisible(text) else text


def clean_text(decoded: str) -> str:
    """The canonical text of a decoded text file (plain text, Markdown, web page, RTF,
    subtitles): its newlines normalised (:func:`normalize_newlines`), its escape sequences
    and controls removed (:func:`sanitize`), its soft hyphens (U+00AD) left out.  A soft
    hyphen marks where a word may be broken at a line end (text copied from a web page or an
    e-book holds one in every long word); no line shows it inside a line, but kept it parted
    the word for a search ("Donau\u00addampf" is no "Donaudampf") and for the word count, as
    the converters of binary formats already left it out (see ``formats.builder``); and its
    zero-width spaces and joiners (:data:`INVISIBLE`), as those converters leave them out: a
    plain text or Markdown file kept them, and "zero\u200bwidth" was no "zerowidth"."""
    text = without_invisible(sanitize(normalize_newlines(decoded)))
    return text.replace("\xad", "") if "\xad" in text else text
