"""Word counts: ``len(text.split())``, without building the list of words, each Chinese or
Japanese character one word (those languages write no spaces between words: a page of
Japanese was "4 words"; a word processor counts them so too).

Counted on UTF-8 bytes: ``bytes.translate`` maps each byte to 0 (space) or 1 (word: every byte
of a multi-byte character is), and the words are the runs of ones, counted with integer
arithmetic on those bytes read as one number (:func:`_runs_of_ones`), a chunk at a time so that
the copies stay small.  Whitespace beyond ASCII (``\\xa0``, ``\\u2003``, ...)
cannot be told from its bytes: a text holding one is split as ``str.split()`` splits it.
"""

from __future__ import annotations

from tui_reader.core.lazy_pattern import LazyPattern
from tui_reader.core.rare_find import holds_rare

# Whitespace as ``str.split()`` knows it: these ASCII bytes, and beyond ASCII these characters.
ASCII_SPACES = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
WIDE_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# Every byte to 0 (whitespace) or 1 (in a word; any byte of a multi-byte character).
_SPACE_OR_WORD = bytes(0 if b in ASCII_SPACES else 1 for b in range(256))
_UNCLEAN_MARK = 2
# The same, and the bytes of ``unclean`` (see :func:`clean_utf8_words`) to 2.
_MARKS_CACHE: dict[bytes, bytes] = {}
# The wide spaces' UTF-8: most start with E2 80, which curly quotes, dashes and bullets share,
# so those are found by one search for E2 80 and a look at the byte after it.
_E2_80_SPACE = LazyPattern(b"\xe2\x80[\x80-\x8a\xa8\xa9\xaf]")
_OTHER_SPACES = tuple(
    s.encode("utf-8") for s in WIDE_SPACES if not s.encode("utf-8").startswith(b"\xe2\x80")
)
_CHUNK = 1 << 16  # code points (or bytes) counted at a time: copies stay in the processor's cache
# 2: each Chinese or Japanese character a word; 3: 〇 々 〡 too; 4: half-width katakana too,
# a kana's voicing mark part of it
WORDS_VERSION = 4
# Kana and the CJK ideographs (U+3040-U+30FF, U+3400-U+4DBF, U+4E00-U+9FFF), the half-width
# katakana (U+FF66-U+FF9F: ｶﾀｶﾅ is カタカナ, four words, not one), and the letters and
# numerals among their punctuation (U+3000-U+303F: 々 〆 〇, the Hangzhou numerals 〡-〩
# 〸-〺, the kana repeat marks 〱-〵, 〻 〼; Unicode's ideographs or letters, which its word
# boundaries cut from a Latin word beside them): each a word.
_CJK = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005-\u3007\u3021-\u3029\u3031-\u3035"
    "\u3038-\u303c\uff66-\uff9f"
)
# The voicing marks that make a kana another (combining, and half-width: ｶﾞ is ガ): part of
# the kana before them, not a word of their own.
KANA_VOICING = "\u3099\u309a\uff9e\uff9f"
# Their punctuation (。、「」, fullwidth ！？（）) parts words as a space does.
_CJK_MARKS = (
    "\u3000-\u3004\u3008-\u3020\u302a-\u3030\u3036\u3037\u303d-\u303f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
# The words: each Chinese or Japanese character (with the voicing marks after it), and each
# run of other characters that are neither space nor their punctuation.
CJK_WORDS = LazyPattern(f"[{_CJK}][{KANA_VOICING}]*|[^\\s{_CJK}{_CJK_MARKS}]+")
CJK_CHARACTER = LazyPattern(f"[{_CJK}]")  # one of them
CJK_MARK = LazyPattern(f"[{_CJK_MARKS}]")  # their punctuation
_CJK_ANY = LazyPattern(f"[{_CJK}{_CJK_MARKS}]")
# The bytes other than the lead bytes of those characters' UTF-8 (and of a few neighbours:
# counted on the text then): taken out of a text's bytes, what is left tells whether it holds
# one (in C at a byte a table look; a regular expression's class: 6 ns a byte, 0.6 s for a
# first listing of 10,000 files).
_NOT_CJK_LEAD = bytes(b for b in range(256) if not (0xE3 <= b <= 0xE9 or b == 0xEF))


def _cjk_words(chunk: str) -> tuple[int, bool, bool] | None:
    """The words of ``chunk`` when it holds a Chinese or Japanese character or mark (with
    whether it starts and ends inside a run of other letters), else ``None``."""
    if chunk.isascii() or max(chunk) < "\u3000" or _CJK_ANY.search(chunk) is None:
        return None
    return len(CJK_WORDS.findall(chunk)), _in_run(chunk[0]), _in_run(chunk[-1])


def _in_run(ch: str) -> bool:
    """Whether ``ch`` is part of a run of letters that makes one word (not a space, not a
    Chinese or Japanese character or mark)."""
    return not ch.isspace() and (ch < "\u3000" or _CJK_ANY.match(ch) is None)


def holds_cjk_lead(data: bytes) -> bool:
    """Whether the UTF-8 ``data`` holds a byte that may start a Chinese or Japanese character
    or mark (or a neighbour of theirs)."""
    return not data.isascii() and bool(data.translate(None, _NOT_CJK_LEAD))


def holds_wide_space(data: bytes) -> bool:
    """Whether the UTF-8 ``data`` holds a whitespace character beyond ASCII."""
    if data.isascii():
        return False
    if holds_rare(data, b"\xe2\x80") and _E2_80_SPACE.search(data) is not None:
        return True
    return any(holds_rare(data, space) for space in _OTHER_SPACES)


def count_words(text: str) -> int:
    """Whitespace-separated words of ``text``, counted a chunk at a time."""
    words = 0
    previous_ends_in_word = False
    for i in range(0, len(text), _CHUNK):
        chunk = text[i : i + _CHUNK]
        cjk = _cjk_words(chunk)
        if cjk is not None:
            found, starts_in_word, ends_in_word = cjk
        else:
            data = chunk.encode("utf-8", "surrogatepass")
            if holds_wide_space(data):
                found = len(chunk.split())  # a space beyond ASCII: bytes cannot tell it
            else:
                found = _runs_of_ones(data.translate(_SPACE_OR_WORD))
            starts_in_word, ends_in_word = not chunk[0].isspace(), not chunk[-1].isspace()
        words += found
        if previous_ends_in_word and starts_in_word:
            words -= 1  # a word cut in two by the chunk boundary
        previous_ends_in_word = ends_in_word
    return words


def clean_utf8_words(data: bytes, unclean: bytes) -> int | None:
    """The words of the UTF-8 ``data`` (what :func:`count_words` counts in its text), or
    ``None`` when ``data`` holds a byte of ``unclean`` (ASCII bytes a cleaning would remove)
    or, holding a space beyond ASCII, is not UTF-8: the same pass over the bytes answers
    both."""
    table = _MARKS_CACHE.get(unclean)
    if table is None:
        table = _MARKS_CACHE[unclean] = bytes(
            _UNCLEAN_MARK if b in unclean else _SPACE_OR_WORD[b] for b in range(256)
        )
    wide = holds_wide_space(data) or holds_cjk_lead(data)
    words = 0
    previous_ends_in_word = False
    for i in range(0, len(data), _CHUNK):
        marks = data[i : i + _CHUNK].translate(table)  # the whole of a small file: no copy
        if b"\x02" in marks:
            return None
        if not wide and marks:
            words += _runs_of_ones(marks)
            if previous_ends_in_word and marks[0]:
                words -= 1  # a word cut in two by the chunk boundary
            previous_ends_in_word = marks[-1] == 1
    if wide:  # rare (or Chinese, Japanese): counted on the text (its caller decodes it anyway)
        try:
            return count_words(data.decode("utf-8"))
        except UnicodeDecodeError:
            return None
    return words


def _runs_of_ones(marks: bytes) -> int:
    """Runs of 1 bytes in ``marks`` (0 and 1 bytes only).

    Read as one little-endian number ``x`` (byte ``i`` at bit ``8 * i``), ``x ^ (x >> 8)``
    has a bit where byte ``i`` differs from byte ``i + 1`` (the last byte against a 0): each
    run of ones ends once and starts once, except one that starts at byte 0, whose start no
    byte before it shows.  A few passes of C over the number, and no branch per byte
    (``bytes.count(b" w")`` over a two-letter alphabet mispredicts one byte in a few: about
    twice the time)."""
    if not marks:
        return 0
    x = int.from_bytes(marks, "little")
    return ((x ^ (x >> 8)).bit_count() + marks[0]) >> 1
