"""Bytes -> str: BOM-aware Unicode, strict UTF-8, then a detector with a Western-European bias.

Returns the decoded text and the name of the encoding used.  Raises :class:`BinaryFileError`
for data that is not text.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

from tui_reader.core.documents.sanitize import holds_control
from tui_reader.core.errors import BinaryFileError
from tui_reader.core.lazy_pattern import LazyPattern
from tui_reader.core.rare_find import holds_rare

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Single-byte code pages that write Latin-script languages.  When the detector picks one of
# these, Windows-1252 is tried first: on short Spanish or French text detectors often guess a
# Central-European page and turn "Peña" into "Peńa".
_LATIN_CODEPAGES = frozenset(
    {
        "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "mac_latin2",
        "cp850", "cp858", "cp437", "cp775", "cp852", "cp1257", "iso8859_4", "iso8859_13",
        "iso8859_3", "iso8859_9", "cp1254", "iso8859_10", "iso8859_14", "iso8859_16",
        "mac_iceland", "mac_turkish", "cp865", "cp863", "cp860", "cp861", "hp_roman8",
    }
)  # fmt: skip

_SAMPLE = 64 * 1024


def known_encoding(encoding: str) -> bool:
    """Whether ``encoding`` (a charset a mail part or a web archive names) is one Python
    can decode with; a made-up or misspelt name is not."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def decode_bytes(
    data: bytes, path: Path | str = "<bytes>", declared: str | None = None
) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``.

    Order: a byte-order mark; strict UTF-8 (ISO-2022 when its escapes say so); UTF-16 or
    UTF-32 without a BOM (tell-tale NUL pattern); otherwise the data is refused as binary if
    it holds NUL bytes (but for a run ending it, or a stray few in UTF-8: left out) or is
    mostly control bytes; then the encoding the file ``declared``
    (a web page's charset), when the data is text in it; finally charset-normalizer, biased
    to Windows-1252 for Latin-script text, and for Cyrillic to the page that reads the text
    in small letters mostly.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]  # (one copy: the error held one, each reading made one)
            try:
                return body.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                # The mark says UTF-8: stray bytes (a Latin-1 "é" pasted in, a text in
                # Windows-1252 a program put the mark before) are read as Windows-1252.
                damaged = (
                    _mostly_utf8(body, always=True)
                    if encoding == "utf-8"
                    else _nearly(body, encoding)
                )
                if damaged is not None:
                    refuse_if_mostly_controls(damaged[0], path)
                    return damaged
                reason = f"starts with a {encoding} byte-order mark but is not {encoding} text"
                raise BinaryFileError(path, f"{reason} ({exc.reason})") from exc
    if b"\x00" in data:
        ended = data.rstrip(b"\x00")  # (one copy of a big file, for both tests below)
        without = _without_nuls(ended)
        # A stray few NULs in UTF-8 text are no UTF-16's: one in a transcript's 100 bytes
        # passed UTF-16's test (a NUL in one lane, none in the other) and the whole text was
        # read as ideographs ("卯浥⁬潮来").  UTF-16 itself, its NULs left out, holds controls
        # (Cyrillic's 0x04, Greek's 0x03) or bytes no UTF-8 has (kana's, ideographs').
        unicode = None
        if not _utf8_with_stray_nuls(ended):
            unicode = _try_bomless_utf16(data) or _try_bomless_utf32(data)
        if unicode is not None:
            refuse_if_mostly_controls(unicode[0], path)
            return unicode
        if without is None:
            raise BinaryFileError(path, binary_reason(data))
        text, encoding = decode_bytes(without, path, declared)
        nuls = len(data) - len(without)
        return text, f"{encoding} ({nuls} NUL byte{'s' if nuls > 1 else ''} left out)"
    if _binary_sample(data):
        raise BinaryFileError(path, "binary file (control bytes, not UTF-8), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        refuse_if_mostly_controls(text, path)
        if holds_rare(data, b"\x1b$"):
            iso2022 = _iso2022(data)
            if iso2022 is not None:
                return iso2022
        return text, "utf-8"
    mostly = _mostly_utf8(data)
    if mostly is not None:
        refuse_if_mostly_controls(mostly[0], path)
        return mostly
    if declared is not None:
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            refuse_if_mostly_controls(text, path)
            return text, declared
    text, encoding = _detect(data)
    refuse_if_mostly_controls(text, path)
    return text, encoding


# What a file that is no text is, told by its first bytes: a PDF, a Word or OpenDocument file,
# an image named ".txt" (saved or downloaded under the wrong name) was said to be a binary
# file, its reader left to guess which format it is in, and what to do.
_SIGNATURES = (
    (b"%PDF-", "a PDF: rename it to end in .pdf"),
    (b"PK\x03\x04", "a zip archive, as Word, OpenDocument and EPUB files are: rename it to "
     "end in .docx, .odt or .epub"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an older Office file, as .doc files are: save it as .docx"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)  # fmt: skip


def binary_kind(data: bytes) -> str | None:
    """What ``data`` is by its first bytes (:data:`_SIGNATURES`: "a PDF", "a PNG image"),
    without the advice on its file's name; None when they do not tell."""
    head = data[:1024].lstrip()
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what.split(":", 1)[0].split(",", 1)[0]
    return None


def binary_reason(data: bytes) -> str:
    """Why ``data``, holding NUL bytes, is refused as no text: what its first bytes say it
    is, when they tell (:data:`_SIGNATURES`)."""
    head = data[:1024].lstrip()
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return f"binary file, not text ({what})"
    return "binary file (contains NUL bytes), not text"


_STRAY_CONTROLS = LazyPattern(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")


def _utf8_with_stray_nuls(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 text but for a NUL byte or two (no other control byte):
    read as UTF-16 it was ideographs; it is text, or binary, never UTF-16."""
    text = data.rstrip(b"\x00")
    if not 0 < text.count(b"\x00") <= 2:
        return False
    text = text.replace(b"\x00", b"")
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _STRAY_CONTROLS.search(text) is None


def _without_nuls(data: bytes) -> bytes | None:
    """``data`` without its NUL bytes when they are no part of it: a run of them ending it
    (what a crash, a full disk or a sync leaves at a text's end: the file was padded with
    zeros), or a stray few (one in a hundred bytes at most, or one alone in 32 bytes or more)
    in what is UTF-8 without them.
    Such a transcript was refused as a binary file.  ``None`` otherwise (binary data)."""
    text = data.rstrip(b"\x00")
    if not text or text.isspace():  # (no copy of a big file, as strip() made)
        return None  # nothing but NUL bytes (and spaces): a file zeroed, no text
    if b"\x00" not in text:
        return text
    nuls = text.count(b"\x00")
    if 100 * nuls > len(text) and not (nuls == 1 and len(text) >= 32):  # one is stray
        return None
    try:  # (its start first: binary data with a NUL in 256 bytes was copied whole to see)
        codecs.getincrementaldecoder("utf-8")().decode(text[:_SAMPLE].replace(b"\x00", b""))
        text = text.replace(b"\x00", b"")
        text.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text


def _nearly(data: bytes, encoding: str) -> tuple[str, str] | None:
    """``data``, which a byte-order mark says is in UTF-16 or UTF-32 (``encoding``) but is
    not quite, read all the same when its damage is slight, as a file cut short or added
    to by another program has it: a few broken characters (an odd byte at its end, half a
    character where it was cut), each shown as U+FFFD.  The whole document was refused for
    them.  ``None`` when more than one character in a thousand (or two) is broken."""
    text = data.decode(encoding, "replace")
    broken = text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")
    if broken > max(2, len(text) // 1000):
        return None
    return text, f"{encoding} ({broken} broken character{'s' if broken > 1 else ''} replaced)"


_PIECE = 1 << 20  # bytes decoded at a time by _mostly_utf8
# A combining accent after a stray byte (see _mostly_utf8), or after another sign.
_ACCENT_AFTER_STRAY = LazyPattern("[^\\w\\s][\u0300-\u036f]")
_EAST_ASIAN_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH")


def _scripts(text: str) -> set[str]:
    """The scripts of the letters of ``text`` beyond ASCII, Latin aside (a name's first
    word: "CYRILLIC", "GREEK"; Chinese, Japanese and Korean as one): the valid characters
    of another page's bytes read as UTF-8 by chance are letters of scripts seldom seen
    together ("ᯠᨡ", Batak and Buginese, of "спасибо" in DOS's Cyrillic page), a text's
    own those of one."""
    found: set[str] = set()
    for char in text:
        if char > "\x7f" and char.isalpha():
            script = unicodedata.name(char, "").split(" ")[0]
            if script.startswith(_EAST_ASIAN_NAMES):
                script = "CJK"
            if script != "LATIN":
                found.add(script)
    return found  # a byte that is not UTF-8, as surrogateescape keeps it


def _iso2022(data: bytes) -> tuple[str, str] | None:
    """``data`` in ISO-2022 (Japanese or Korean e-mail and old text: seven bits, its
    letters between escape sequences, "ESC $ B"), when the detector says so; ``None``
    otherwise.  Read as ASCII, its escapes were removed and its letters left as symbols
    ("%3%s%=!<%k")."""
    from charset_normalizer import from_bytes  # imported when needed: most text is UTF-8

    best = from_bytes(data).best()
    encoding = str(best.encoding) if best is not None else ""
    if not encoding.startswith("iso2022"):
        return None
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(data: bytes, *, always: bool = False) -> tuple[str, str] | None:
    """``data`` as UTF-8 when it is UTF-8 but for a few stray bytes (a Latin-1 "é" pasted
    into a UTF-8 file, two files joined): each stray byte read as Windows-1252, the rest as
    UTF-8.  The whole file was decoded by the detector's guess instead, every accented
    letter in it garbled ("SeÃ±or" for "Señor").  ``None`` unless its valid UTF-8
    characters beyond ASCII outnumber its stray bytes four to one, or are two at least and
    as many as they (a short text: another page's text holds a valid UTF-8 character by
    chance, a capital letter before a symbol, hardly two), or ``always`` (a UTF-8
    byte-order mark said it is UTF-8, and the whole file was refused for them)."""
    # Counted a piece at a time, each stray byte left out: no copy of the whole with its
    # stray bytes escaped, no list of them (a text of 50 MB in Windows-1252, each accented
    # letter a stray byte, took 12 times the file to be told no UTF-8).
    kept = beyond_ascii = valid = 0
    seen: set[str] = set()  # each character read, once
    decoder = codecs.getincrementaldecoder("utf-8")("ignore")
    for start in range(0, len(data), _PIECE):
        read = decoder.decode(data[start : start + _PIECE], start + _PIECE >= len(data))
        size = len(read.encode("utf-8"))
        ascii_count = len(read.encode("ascii", "ignore"))
        kept += size
        beyond_ascii += size - ascii_count  # bytes of valid characters beyond ASCII
        valid += len(read) - ascii_count  # valid characters beyond ASCII
        if not always and len(read) > ascii_count:
            seen.update(read)
    stray = len(data) - kept
    # Bytes of valid characters beyond ASCII (2 to 4 each) against stray bytes: valid
    # characters outnumber stray ones four to one.
    if not stray:
        return None
    if not always and beyond_ascii < 4 * 2 * stray:
        beyond = "".join(sorted(c for c in seen if c > "\x7f"))
        if valid < max(2, stray) or len(_scripts(beyond)) > 1:
            return None
        # Nor are they when none is a letter and one is an accent right after a stray byte,
        # over nothing: two bytes of a line of Cantonese in Big5 make a sign ("®"), two
        # more such an accent ("͡"), read as UTF-8 among its stray bytes ("¦hÁ®͡C" for
        # "多謝晒。").
        if not any(c.isalpha() for c in beyond) and _ACCENT_AFTER_STRAY.search(
            data.decode("utf-8", "surrogateescape")
        ):
            return None
    fixed = data.decode("utf-8", _STRAY_AS_CP1252)
    return fixed, f"utf-8 ({stray} stray byte{'s' if stray > 1 else ''} read as cp1252)"


_STRAY_AS_CP1252 = "tui_reader.stray_as_cp1252"


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Each byte no UTF-8 has read as Windows-1252 (U+FFFD where that page has none), as
    :func:`_mostly_utf8` reads them: the error handler ``_STRAY_AS_CP1252`` names."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


codecs.register_error(_STRAY_AS_CP1252, _stray_as_cp1252)


def _try_bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """``data`` as UTF-16 without a byte-order mark, when its NULs say so and it reads as
    text; None otherwise.

    Each character of UTF-16 is two bytes, one of them (the high byte: second in
    little-endian, first in big-endian) NUL for every character up to U+00FF (ASCII, spaces,
    newlines, digits, Latin-1).  So the NULs of UTF-16 text fall in one lane of the bytes and
    rarely in the other (U+3000, U+4E00 and the like): English has a NUL in nearly every high
    byte, Russian or Japanese at their spaces, newlines and digits.  What the NULs let
    through must then read as text: no unassigned, private-use or control characters, no
    Latin letter glued to an ideograph."""
    sample = data[: _SAMPLE & ~1]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    encoding, high, low = (
        ("utf-16-le", odd_nuls, even_nuls)
        if odd_nuls >= even_nuls
        else ("utf-16-be", even_nuls, odd_nuls)
    )
    if high < 0.02 * half or low > 0.5 * high or low > 0.05 * half:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    sample_text = text[: _SAMPLE // 2]
    if len(re.findall(_NOT_TEXT, sample_text)) > 0.005 * len(sample_text):
        return None
    # ASCII with a NUL every fourth byte ("abc\0def\0") reads as ideographs each beside a
    # Latin letter ("扡c敤f"), which text in any script rarely is.
    if len(re.findall(_MIXED_SCRIPTS, sample_text)) > 0.05 * len(sample_text):
        return None
    return text, encoding


def _try_bomless_utf32(data: bytes) -> tuple[str, str] | None:
    """``data`` as UTF-32 without a byte-order mark (as some tools write a web page or a
    text, in either byte order), when every character's highest byte is NUL (no code point
    is above U+10FFFF) and it reads as text (assigned characters, no controls); None
    otherwise: it was refused as binary."""
    if len(data) % 4:
        return None
    sample = data[: _SAMPLE & ~3]
    for encoding, highest in (("utf-32-le", sample[3::4]), ("utf-32-be", sample[0::4])):
        if not highest or highest.count(0) != len(highest):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample_text = text[: _SAMPLE // 4]
        odd = sum(1 for ch in sample_text if ch not in "\t\n\r\f" and _not_text(ch))
        if odd <= 0.005 * len(sample_text):
            return text, encoding
    return None


def _not_text(char: str) -> bool:
    """Whether ``char`` is no character of a text: unassigned, private-use or a control."""
    return unicodedata.category(char) in ("Cn", "Co", "Cc", "Cs")


# What 16-bit binary numbers read as UTF-16 are full of: controls (but tab, newlines, form
# feed), private-use and noncharacters, the unassigned U+FFF0-U+FFF8 and specials.  (These
# two are compiled when first used, by re's cache: not on the way to the first screen.)
_NOT_TEXT = "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufdd0-\ufdef\ufff0-\ufffb\ufffe\uffff]"
# A basic Latin letter directly beside a letter beyond Latin, Greek and Cyrillic.
_MIXED_SCRIPTS = r"[A-Za-z](?=[^\W\d_\x00-\u052f])|[^\W\d_\x00-\u052f](?=[A-Za-z])"


# Control characters a text file does not hold (newlines, tabs and ESC are judged elsewhere;
# a form feed and a vertical tab are page and line breaks: a text of short pages, each ended
# by a form feed, was refused as binary).
_CONTROL = LazyPattern(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def _binary_sample(data: bytes) -> bool:
    """Whether ``data`` (no NUL byte, no byte-order mark) is no text, told from its start
    as ``file`` and grep tell it: one byte in 20 of its first 64 KB a control byte no text
    holds (:data:`_CONTROL_BYTES`), 16 at least, and one byte in 10 no part of a UTF-8
    character.  Random bytes, a compressed or encrypted file named ".txt", are so (a control
    byte in ten, half their bytes no UTF-8); a text in any page of one byte a character holds
    no control byte but a stray one or two, and a text in UTF-8 with many is judged by
    :func:`refuse_if_mostly_controls` once decoded.  Such a file of 64 MB was decoded whole,
    by every reading tried in turn: 12 s and 2.75 GB (43 times the file) to title it with
    random characters and count its million "words"."""
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls < 16 or 20 * controls < len(sample):
        return False
    valid = len(codecs.getincrementaldecoder("utf-8")("ignore").decode(sample).encode())
    return 10 * (len(sample) - valid) >= len(sample)


def refuse_if_mostly_controls(text: str, path: Path | str) -> None:
    """Raise :class:`BinaryFileError` when the start of ``text`` is mostly control bytes."""
    sample = text[:_SAMPLE]
    if not sample or not holds_control(sample, _CONTROL_BYTES, c1=False):  # most text: done
        return
    controls = len(_CONTROL.findall(sample))
    if controls > 0.3 * len(sample):
        raise BinaryFileError(path, "binary file (mostly control bytes), not text")


_WIDE_UNICODE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]


_ONE_BYTE_ALONE = LazyPattern(rb"\s*\S\s*")  # what bytes.strip() leaves one byte of


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # imported when needed: most text is UTF-8

    # (A whole copy of a big text, stripped, was held to the end to see whether it is one.)
    if _ONE_BYTE_ALONE.fullmatch(data):
        # One character (a file of one letter, 'é' in Latin-1) gives the detector nothing
        # to weigh: it read 'é' as EBCDIC's 'Z' and 'ÿ' in Urdu's page.  The Western page.
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("cp1252"), "cp1252"
    short_western = False
    if len(data) - len(data.translate(None, _HIGH_BYTES)) <= _SHORT:
        # A word or two of a Western language with an accented letter ("Café", "Müller",
        # "Señor José") was read as Russian, Urdu or a mainframe's EBCDIC: weighed as
        # Western text (in Windows-1252, or the page of its language) when its words read so.
        short_western = _short_western(data)
    if not short_western and len(data) - len(data.translate(None, _HIGH_BYTES)) <= _SHORT:
        # A word or two of Hebrew or Russian gives the detector too little to weigh: it
        # read "שלום" as Korean, "привет" as Chinese, "спасибо" as Urdu.  Read in its
        # script's page when that reading is words as the script writes them.
        short = _hebrew(data, alone=True)
        if short is None:
            loose = _hebrew(data, alone=True, finals=False)
            other = _greek_or_cyrillic(data)
            if (
                loose is not None
                and other is not None
                and other[1] != "cp1253"
                and len(_HEBREW_LETTER.findall(loose[0])) >= _HEBREW_AGAINST_CYRILLIC
                and _hebrew_likely(loose[0]) > _cyrillic_likely(other[0]) + _MARGIN
            ):
                # Hebrew without a final letter reads as Russian's small letters in
                # Windows-1251 ("од рщот?" for "מה נשמע?"): the reading of the clearly more
                # common letters, of a few words (a word of three or four letters, "дом",
                # "мама", reads as Hebrew as well).
                short = loose
            else:
                short = other or _short_arabic(data) or loose
        if short is not None:
            return short
    # Data reaching here holds no NUL byte (see decode_bytes), as UTF-16 and UTF-32 text
    # nearly always does: a short text ending its line with "\r\n" was read as UTF-16
    # ("안녕하세요\r\n" as "뻈돧쟏벼뿤ഊ", its line break one Malayalam letter).
    best = from_bytes(data, cp_exclusion=_WIDE_UNICODE).best()
    guess = best.encoding if best is not None else None
    if guess is not None and guess not in _LATIN_CODEPAGES:
        # An English line with a sign or two ("5 µg", "Brand®", "Cost – about") is taken
        # for Chinese in Big5, or for Greek or Ukrainian under DOS ("5 痢 daily", "Cost Ц").
        signs = _signs_among_latin(data)
        if signs is not None:
            return signs
    # A Western text with a few bytes beyond ASCII ("It’s", "Donau\xaddampf") is taken for
    # Chinese, its every such byte and the letter after it one ideograph ("It𠏋"): weighed
    # as Western text when its ideographs stand among Latin letters.
    latin = short_western or (
        best is not None and guess not in _LATIN_CODEPAGES and _glued(str(best))
    )
    # (A Latin page's reading holds no such letter: the whole text was read by the detector
    # to see, and kept.)
    if not latin and best is not None and guess not in _LATIN_CODEPAGES and _sparse(str(best)):
        # A short Western line with two or three accented letters ("Ça va très bien") is
        # taken for Chinese or Japanese, a few ideographs among many Latin letters ("ド va
        # tr鋊 bien"): weighed as Western text when Windows-1252 reads it so.
        cp1252 = _plausible_cp1252(data)
        latin = cp1252 is not None and _share(_spelled(cp1252, _WESTERN)) >= _SPELLED
    if latin or guess is None or guess in _LATIN_CODEPAGES or guess == "cp1258":
        # A line of Cantonese in Hong Kong's Big5 is taken for a Western page's letters
        # ("╔N░¦├DíA" for "冇問題，"), each of its ASCII letters the second byte of a
        # character, no word of letters: read in Big5 when that reading is Chinese alone.
        chinese = None if short_western or not _no_ascii_words(data) else _big5_chinese(data)
        if chinese is not None:
            return chinese
        cp1252 = _plausible_cp1252(data)
        dos = _dos_signs(data, cp1252)
        if dos is not None:
            return dos
        latin9 = _latin9(data)
        if latin9 is not None:
            return latin9
        other = _other_page(data, cp1252)
        if other is not None:
            return other
        turkish = _turkish(data, cp1252)
        if turkish is not None:
            return turkish
        mac = _mac_marks(data, cp1252)
        if mac is not None:
            return mac
        # The Vietnamese page is guessed for short Italian ("Peṛ la città"): Windows-1252
        # when it spells a Western language, as Vietnamese in it does not.
        if cp1252 is not None and (
            guess != "cp1258" or _share(_spelled(cp1252, _WESTERN)) >= _SPELLED
        ):
            return cp1252, "cp1252"
        if guess is None:
            # Latin-1 decodes every byte sequence; what it shows is at least not lost.
            return data.decode("latin-1"), "latin-1"
    assert best is not None
    if guess.startswith(("utf_16", "utf_32")):
        # Data without a NUL byte (see decode_bytes) taken for UTF-16: a line of Russian in
        # KOI8 all in small letters, read as Korean ("встреча прошла" as "ퟓ퓒엞선").
        cyrillic = _cyrillic(data, str(best), str(guess))
        if cyrillic is not None:
            return cyrillic
    if guess in _THAI_PAGES and not _thai(str(best)):
        # A short Arabic text in ISO-8859-6 is taken for Thai ("ๅัอศว" for "مرحبا"),
        # its vowels and tone marks after no consonant.
        arabic = _arabic(data)
        if arabic is not None:
            return arabic
    if guess in _CYRILLIC_GUESSES:
        # A short Hebrew text is taken for Russian: its letters are Windows-1251's small
        # ones ("щмен" for "שלום").  Read in Hebrew, its final letters end its words.
        hebrew = _hebrew(data)
        if hebrew is not None:
            return hebrew
        # So is a short Greek one ("ехчбсйуфю рплэ" for "ευχαριστώ πολύ").
        greek = _greek(data)
        if greek is not None:
            return greek
        # And a short Arabic one, its letters read as capitals inside words ("тЦяг лрЙДг"
        # for "شكرا جزيلا"), as a Cyrillic text never writes them.
        arabic = _arabic(data) if _capitals_inside(str(best)) else None
        if arabic is not None:
            return arabic
    if guess == "big5" and _LETTER_BY_HAN.search(str(best)[:_SAMPLE]):
        # A word of Korean is taken for Chinese in Big5, a Cyrillic or Greek letter beside
        # its characters ("и措橫" for "한국어"), as Chinese is not written.
        korean = _hangul(data)
        if korean is not None:
            return korean
    if guess == "cp1006":
        # A few short lines of Korean are taken for Urdu in its old page, its syllables read
        # as the forms of Arabic letters ("ﺎﻉﺓ۰ﺟﻛ?" for "그래요?"), a page files hardly
        # use: read in Korean's page when that reading is Hangul syllables alone.
        korean = _hangul(data)
        if korean is not None and not _extended_hangul(korean[0]):
            return korean
    if guess == "big5hkscs":
        # A word or two of Japanese in Shift-JIS is taken for Chinese in Hong Kong's
        # extension of Big5, read as characters hardly ever written ("𣲚塲㴒" for "日本語",
        # "穃溻粃" for "大阪市").
        japanese = _common_kanji(data)
        if japanese is not None:
            return japanese
    if guess in _KOREAN_PAGES and _HANJA_BY_HANGUL.search(str(best)[:_SAMPLE]):
        # A short Chinese text in GBK is taken for Korean, its characters read as Hangul
        # syllables with a Chinese character among them inside a word ("櫓벌훙췽" for
        # "中国人民"), as Korean is not written.
        chinese = _gbk(data)
        if chinese is not None:
            return chinese
    if guess in _KOREAN_PAGES and _jamo(str(best)):
        # A short Japanese text in EUC-JP is taken for Korean, its kana read as Hangul's
        # letters standing alone ("ㅃㆃㅛㅑㅟ" for "こんにちは"), as Korean is never written.
        japanese = _euc_jp(data)
        if japanese is not None:
            return japanese
    if guess in _KOREAN_PAGES and (guess == "johab" or _extended_hangul(str(best))):
        # A Japanese text in Shift-JIS is taken for Korean, its kana and kanji read as
        # Hangul syllables of the set Korean's Windows page added to the common one
        # ("럡궫궭궼" for "私たちは"), which Korean is hardly written in; so is a few lines
        # of Cantonese in Hong Kong's Big5 ("첷쬻좥쫚씷좧" for "係呀，好攰。"), or taken for
        # Korean in Johab, an old page of Korean's that files hardly use.
        other = _shift_jis(data) or _big5_chinese(data)
        if other is not None:
            return other
    if guess in _JAPANESE_PAGES and _kana(str(best)) and _alone_among_latin(str(best)):
        # A Western line with a fraction as a word of its own ("Mix ½ cup of flour") is
        # taken for Japanese, its fraction a half-width katakana standing alone among Latin
        # words ("Mix ｽ cup"), as Japanese is not written.
        cp1252 = _plausible_cp1252(data)
        if cp1252 is not None:
            return cp1252, "cp1252"
    if (guess in _JAPANESE_PAGES and _kana(str(best))) or guess in _EBCDIC_PAGES:
        # A short Thai text is taken for Japanese in half-width katakana ("ﾊﾇﾑﾊｴﾕ" for
        # "สวัสดี") or for a mainframe's EBCDIC ("sò[uQ·AK"): read in Thai when that
        # reading is Thai as it is written.
        thai = _thai_reading(data)
        if thai is not None:
            return thai
        # So is a line or two of Cantonese in Hong Kong's Big5 ("ｫﾎ･苷|ｭﾓ､H" for
        # "屋企四個人"): read in Big5 when that reading is Chinese characters alone.
        chinese = _big5_chinese(data) if guess in _JAPANESE_PAGES else None
        if chinese is not None:
            return chinese
    if guess in _JAPANESE_PAGES and not _kana(str(best)) and not _unwedged(str(best)):
        # A German text written under DOS with a "ü" or two is taken for Japanese, the
        # letter and the one after it read as one sign inside a word ("m‥e" for "müde"),
        # as Japanese is not written: read in DOS's page when it spells the words.
        dos = _other_page(data, None, _DOS_PAGES)
        if dos is not None:
            return dos
    if guess in _CYRILLIC_GUESSES or (guess in _JAPANESE_PAGES and _kana(str(best))):
        # A Western or Central European text written under DOS is taken for Russian in
        # DOS's Cyrillic page: "niño" read "niдo", "Dziękuję" "Dziйkujй".
        dos = _other_page(data, None, (*_DOS_PAGES, ("cp852", _CENTRAL)))
        if dos is not None:
            return dos
        cyrillic = _cyrillic(data, str(best), str(guess))
        if cyrillic is not None:
            arabic = _arabic(data) if _capitals_inside(cyrillic[0]) else None
            return arabic if arabic is not None else cyrillic
    if len(str(best)) == len(data) and len(data) - len(data.translate(None, _HIGH_BYTES)) <= _SHORT:
        # A word or two of Polish or Turkish with more accented letters than plain ones
        # ("Łódź", "Şükrü") is no Western text: the detector read them in another page of
        # a byte a letter, as Ukrainian or Urdu ("гґdЯ").  Read in the page whose alphabet
        # spells them, when each of its words holds a plain letter as Latin words do (a
        # Chinese page's second bytes are ASCII letters: "你好" in Big5 is no Polish "§AŚn").
        latin_short = _short_latin(data)
        if latin_short is not None:
            return latin_short
    return str(best), str(guess)


# Hebrew's letters as Windows-1255 (and ISO-8859-8) write them, its points and marks (the
# dots of vowels, maqaf, geresh), and the letters that have a form of their own at a word's end
# ("ך" for "כ"), in that form and in the other.
_HEBREW_LETTER = LazyPattern("[\u05d0-\u05ea]")
_HEBREW_WORD = LazyPattern("[\u05b0-\u05c7\u05d0-\u05ea\u05f0-\u05f4]+")
_FINAL_FORMS = frozenset("ךםןףץ")
_OTHER_FORMS = frozenset("כמנפצ")


def _hebrew(data: bytes, *, alone: bool = False, finals: bool = True) -> tuple[str, str] | None:
    """``data`` read as Hebrew (Windows-1255) when that reading is Hebrew words: every
    character beyond ASCII of them, at least one letter in its final form, and every such
    letter ending its word, the other form ending few.  Read in Windows-1251 a short Hebrew
    text is Russian's small letters ("щмен, од щмеок?" for "שלום, מה שלומך?"); a Russian
    text read in Windows-1255 sets final forms inside its words ("утром": "ףעםמל").  Without
    ``finals``, a word or two none of whose letters has a final form ("תודה רבה") is Hebrew
    too, when no other script's page read it as words."""
    try:
        text = data.decode("cp1255")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    beyond = sum(1 for c in sample if c > "\x7f")
    words = _HEBREW_WORD.findall(sample)
    in_words = sum(len(word) for word in words)
    if not words or in_words < beyond - sample.count("\u200e") - sample.count("\u200f"):
        return None
    ended = others = 0
    for word in words:
        letters = _HEBREW_LETTER.findall(word)
        if any(letter in _FINAL_FORMS for letter in letters[:-1]):
            return None  # a final form inside a word: no Hebrew
        if letters and letters[-1] in _FINAL_FORMS:
            ended += 1
        elif letters and letters[-1] in _OTHER_FORMS and len(letters) > 1:
            others += 1
    if (finals and ended == 0) or others > ended // 4:
        return None
    if alone and (
        _GLUED_HEBREW.search(sample) is not None
        or any(
            _HEBREW_LETTER.match(word) is None or 2 * len(_HEBREW_LETTER.findall(word)) < len(word)
            for word in words
        )
        or len(_HEBREW_LETTER.findall(sample)) < 3
    ):
        # A Western text's accented letters ("Sí, José" is "Sם, Josי"), or a Russian
        # word's capitals read as the points a Hebrew word has after its letters.
        return None
    return text, "cp1255"


_SHORT = 48  # bytes beyond ASCII: a few words, which the detector reads in any page
_HIGH_BYTES = bytes(range(0x80, 0x100))
_GLUED_HEBREW = LazyPattern("[A-Za-z][\u05b0-\u05f4]|[\u05b0-\u05f4][A-Za-z]")
_CYRILLIC_WORD = LazyPattern(r"[^\W\d_]+")
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяіїєў")
_ONE_LETTER_WORDS = frozenset("авбжзиійкосуяє")  # of Russian and Ukrainian


def _short_cyrillic(data: bytes) -> tuple[str, str] | None:
    """``data``, a few words, read in the Cyrillic page whose reading is Cyrillic words as
    they are written (every character beyond ASCII a Cyrillic letter, no Latin letter in a
    word with them, each word in small letters, capitalised or in capitals, each of two
    letters or more holding a vowel), of several the one with the most small letters (read
    in the wrong page, KOI8's small letters are Windows-1251's capitals); else ``None``."""
    best: tuple[float, str, str] | None = None
    for page in _CYRILLIC_PAGES:
        try:
            read = data.decode(page)
        except UnicodeDecodeError:
            continue
        if not _cyrillic_words(read):
            continue
        letters = [c for c in read.lower() if c > "\x7f"]
        likely = sum(_LETTER_WEIGHTS.get(c, _RARE) for c in letters)
        if likely < _COMMON * len(letters):
            continue  # rare letters: another script's (Hebrew read in KOI8: "ЗЕЦД ЬАД")
        # Words in capitals ("ПРИВЕТ", a heading, a sign) weigh a little less, and must be
        # of common letters: read in the wrong page, KOI8's small letters are Windows-1251's
        # capitals, and a word of Japanese or Arabic reads as a few capitals ("УМЛЮ").
        capitals = sum(1 for c in read if c > "\x7f" and c.isupper())
        if capitals > len(letters) // 2 and likely < _COMMON_IN_CAPITALS * len(letters):
            continue
        likely -= _IN_CAPITALS * capitals
        if best is None or likely > best[0]:
            best = (likely, read, page)
    return None if best is None else (best[1], best[2])


_RARE = math.log(0.1)  # a Cyrillic letter of another language (Serbian "ђ")
_IN_CAPITALS = 0.2  # taken off a capital letter's weight
_COMMON_IN_CAPITALS = math.log(35)  # the letters of a word or two in capitals, at least
_COMMON = math.log(10)  # the letters of a word or two of Russian are this common at least
# How often each Cyrillic letter is written (the logarithm of its share of the letters of
# Russian and Ukrainian text): read in the wrong page, a word is made of rare letters
# ("опхбер", "ртйчеф" for "привет").
_LETTER_WEIGHTS = {
    letter: math.log(share)
    for letter, share in zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёіїєґў",
        (
            110, 85, 80, 73, 67, 63, 55, 47, 45, 44, 35, 32, 30, 28, 26, 20, 19, 17, 17,
            16, 16, 14, 12, 10, 9, 7, 6, 5, 4, 3, 3, 0.4, 1, 50, 6, 4, 1, 2,
        ),
        strict=True,
    )
}  # fmt: skip


def _cyrillic_words(text: str) -> bool:
    """Whether ``text``'s characters beyond ASCII are all letters of Cyrillic words as they
    are written (see :func:`_short_cyrillic`), and it holds one such word at least."""
    cyrillic = 0
    # Words in capitals, when the text's words beyond ASCII are all so (a line in capitals).
    capitals = all(word.isupper() for word in _CYRILLIC_WORD.findall(text) if not word.isascii())
    for found in _CYRILLIC_WORD.finditer(text):
        word = found.group()
        if word.isascii():
            continue
        if _CYRILLIC.fullmatch(word[0]) is None or len(_CYRILLIC.findall(word)) != len(word):
            return False
        if not word[1:].islower() and len(word) > 1 and not (capitals and word.isupper()):
            return False  # capitals inside a word: too like a wrong page
        lower = word.lower()
        if len(word) == 1 and lower not in _ONE_LETTER_WORDS:
            return False  # DOS's "Х" for a bullet ("• First item")
        if len(word) > 1 and not any(c in _CYRILLIC_VOWELS for c in lower):
            return False
        if _SIGN_MISPLACED.search(lower) is not None:
            return False
        cyrillic += len(word)
    beyond = sum(1 for c in text if c > "\x7f")
    if cyrillic == 2 and beyond == 2:
        # One word of two letters ("да", "не"): a word read in the wrong page, or one
        # Chinese character's two bytes, is none of the common ones.
        words = [w for w in _CYRILLIC_WORD.findall(text) if not w.isascii()]
        return len(words) == 1 and words[0][1].islower() and words[0].lower() in _TWO_LETTER_WORDS
    return cyrillic >= 3 and cyrillic == beyond and _CYRILLIC_BY_SYMBOL.search(text) is None


# The common words of two letters of Russian and Ukrainian.
_TWO_LETTER_WORDS = frozenset(
    ("да", "не", "но", "он", "мы", "вы", "ты", "от", "до", "за", "из", "на", "по", "об", "со",
     "ко", "то", "же", "ли", "бы", "уж", "ни", "их", "ей", "им", "ок", "ах", "ох", "эх", "ну",
     "ее", "её", "як", "це", "ми", "ви", "та", "чи", "ще", "би", "їх", "її", "ти")
)  # fmt: skip


# A soft or hard sign, or "ы", opening a word or after a vowel, as no word has them.
_SIGN_MISPLACED = LazyPattern("^[ьъы]|[аеёиоуыэюяіїє][ьъы]")
# A Cyrillic letter beside a symbol no text writes there ("і~", "д@": Chinese in Big5).
_CYRILLIC_BY_SYMBOL = LazyPattern(
    r"[\u0400-\u04ff][@\[\\\]^_`{|}~]|[@\[\\\]^_`{|}~][\u0400-\u04ff]"
)


_EBCDIC_PAGES = frozenset({"cp037", "cp273", "cp500", "cp875", "cp1026", "cp1140"})
_THAI_GLUED = LazyPattern("[A-Za-z][\u0e01-\u0e5b]|[\u0e01-\u0e5b][A-Za-z]")
_THAI_PAGES = frozenset({"cp874", "tis_620", "iso8859_11"})
# Thai's vowels and tone marks written above or below a consonant (after it in the text).
_THAI_MARK = LazyPattern("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# A character of Arabic as ISO-8859-6 and Windows-1256 write it: its letters, marks, comma,
# semicolon and question mark, its digits and tatweel.
_ARTICLE = LazyPattern("(?<![\u0621-\u064a])\u0627\u0644")  # "ال" opening a word
_ARABIC = LazyPattern("[\u060c\u061b\u061f\u0621-\u0652\u0660-\u066d\u0670-\u06d3]")


def _thai(text: str) -> bool:
    """Whether every vowel and tone mark written over or under a letter in the start of
    ``text`` follows a Thai consonant (or another such mark), as Thai writes them."""
    sample = text[:_SAMPLE]
    for mark in _THAI_MARK.finditer(sample):
        before = sample[mark.start() - 1 : mark.start()]
        if not ("\u0e01" <= before <= "\u0e2e" or _THAI_MARK.fullmatch(before)):
            return False
    return True


_BEYOND_ASCII = LazyPattern("[^\x00-\x7f]")


def _alone_among_latin(text: str) -> bool:
    """Whether the characters beyond ASCII of the start of ``text`` each stand alone, none
    beside another, among more Latin letters: a Western text's signs read in a page of a
    byte a character that has letters for them (Thai's, Japanese's half-width katakana),
    as words of those scripts, runs of their letters, never stand."""
    sample = text[:_SAMPLE]
    found = 0
    for char in _BEYOND_ASCII.finditer(sample):
        found += 1
        at = char.start()
        if _BEYOND_ASCII.match(sample, at + 1) or (at and _BEYOND_ASCII.match(sample, at - 1)):
            return False
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    return 0 < found < latin


def _thai_reading(data: bytes) -> tuple[str, str] | None:
    """``data`` read as Thai (Windows-874) when that reading's every character beyond ASCII
    is Thai's, each vowel and tone mark after a consonant (:func:`_thai`); else ``None``."""
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    beyond = sum(1 for c in sample if c > "\x7f")
    thai = sum(1 for c in sample if "\u0e01" <= c <= "\u0e5b")
    if not beyond or thai != beyond or not _thai(sample):
        return None
    # Thai letters beside Latin ones are another page's accented letters ("niคo": "niño"),
    # and each alone among Latin words a Western text's signs ("Mix ฝ cup": "Mix ½ cup").
    if _THAI_GLUED.search(sample) or _alone_among_latin(sample):
        return None
    return text, "cp874"


# A word of Arabic: a letter, its letters and marks, then a comma, semicolon or question
# mark ending it at most (a mark opens no word: Hebrew read in Windows-1256 has them there).
_ARABIC_WORD = LazyPattern("[\u0621-\u064a][\u0621-\u0652\u0670]*[\u060c\u061b\u061f]?")


def _short_arabic(data: bytes) -> tuple[str, str] | None:
    """``data``, a few words, read as Arabic (see :func:`_arabic`) when each of its words
    beyond ASCII is Arabic's letters, three in all at least: the detector read "شكرا" as
    Chinese."""
    arabic = _arabic(data)
    if arabic is None:
        return None
    words = [w for w in re.split(r"[\s.,!?:;\"'()-]+", arabic[0]) if not w.isascii()]
    if not words or any(_ARABIC_WORD.fullmatch(w) is None for w in words):
        return None
    return arabic if sum(len(w) for w in words) >= 3 else None


def _arabic(data: bytes) -> tuple[str, str] | None:
    """``data`` read as Arabic in Windows-1256 or ISO-8859-6 when that reading's every
    character beyond ASCII is Arabic's; of both, the one whose words open with the article
    "ال" more often (read in the other page, it is "ان" or "اف"), Windows-1256 when they
    do alike; ``None`` when neither reads so.  (Read in Windows-1256, a text in
    ISO-8859-6 has Latin letters for its و, ي and ه: "à", "ê", "ç".)"""
    best: tuple[int, str, str] | None = None
    for page in ("cp1256", "iso8859_6"):
        try:
            text = data.decode(page)
        except UnicodeDecodeError:
            continue
        sample = text[:_SAMPLE]
        beyond = sum(1 for c in sample if c > "\x7f")
        if beyond and len(_ARABIC.findall(sample)) == beyond:
            articles = len(_ARTICLE.findall(sample))
            if best is None or articles > best[0]:
                best = (articles, text, page)
    return None if best is None else (best[1], best[2])


_GREEK_WORD = LazyPattern("[\u0386-\u03ce]+")
_TONOS = frozenset("άέήίόύώΐΰΆΈΉΊΌΎΏ")
_GREEK_VOWELS = frozenset("αεηιουωάέήίόύώϊϋΐΰ")


def _greek_or_cyrillic(data: bytes) -> tuple[str, str] | None:
    """``data``, a few words, read as Greek or in a Cyrillic page, or ``None``.  Each
    script's page reads the other's small letters as its own: where both readings are
    words, the one of the more common letters ("Спасибо большое" is no "Ροΰρθαξ αξλόψξε",
    "Γεια σου κόσμε" no "Гейб упх кьуме")."""
    cyrillic = _short_cyrillic(data)
    if cyrillic is None:
        return _greek(data) or _greek(data, at_least=1) or _short_greek(data)
    greek = _greek(data, at_least=1, stress=False)
    if greek is not None and _greek_likely(greek[0]) > _cyrillic_likely(cyrillic[0]):
        return greek
    return cyrillic


# How often each Greek letter is written (the logarithm of its share per thousand letters,
# as _LETTER_WEIGHTS for Cyrillic); a letter with a stress mark or a diaeresis weighs as its
# plain letter, but for the rare ones with both.
_GREEK_WEIGHTS = {
    letter: math.log(share)
    for letter, share in zip(
        "αοιετσνηυρπκμλωδγχθφβξζψ",
        (120, 98, 90, 82, 80, 70, 65, 50, 42, 46, 42, 42, 35, 30, 18, 18, 18, 12, 13, 8, 7,
         5, 4, 2),
        strict=True,
    )
}  # fmt: skip
_GREEK_PLAIN = str.maketrans("άέήίόύώϊϋς", "αεηιουωιυσ")


def _greek_likely(text: str) -> float:
    """The mean weight of ``text``'s Greek letters (see :data:`_GREEK_WEIGHTS`)."""
    letters = [c for c in text.lower().translate(_GREEK_PLAIN) if c > "\x7f"]
    total = sum(_GREEK_WEIGHTS.get(c, _RARE) for c in letters)
    return total / len(letters) if letters else _RARE


# How often each Hebrew letter is written (per thousand letters), its final form as its
# other form.
_HEBREW_WEIGHTS = {
    letter: math.log(share)
    for letter, share in zip(
        "יוהלמארתבנשעכדחקפסגטצז",
        (110, 105, 87, 70, 60, 63, 56, 52, 47, 43, 43, 31, 26, 26, 23, 19, 17, 13, 12, 12,
         12, 8),
        strict=True,
    )
}  # fmt: skip
_HEBREW_PLAIN = str.maketrans("ךםןףץ", "כמנפצ")
_HEBREW_AGAINST_CYRILLIC = 6  # letters at least, for Hebrew read against Cyrillic
_MARGIN = 0.15  # the mean weight by which the Hebrew reading's letters are the more common


def _hebrew_likely(text: str) -> float:
    """The mean weight of ``text``'s Hebrew letters (see :data:`_HEBREW_WEIGHTS`)."""
    letters = [c for c in text.translate(_HEBREW_PLAIN) if c > "\x7f"]
    total = sum(_HEBREW_WEIGHTS.get(c, _RARE) for c in letters)
    return total / len(letters) if letters else _RARE


def _cyrillic_likely(text: str) -> float:
    """The mean weight of ``text``'s Cyrillic letters (see :data:`_LETTER_WEIGHTS`)."""
    letters = [c for c in text.lower() if c > "\x7f"]
    total = sum(_LETTER_WEIGHTS.get(c, _RARE) for c in letters)
    return total / len(letters) if letters else _RARE


def _greek(data: bytes, *, at_least: int = 2, stress: bool = True) -> tuple[str, str] | None:
    """``data`` read as Greek (Windows-1253) when that reading is Greek words as Greek
    writes them: every character beyond ASCII of them, every final sigma ending its word,
    and of its words of four letters or more (two at least), nine in ten with one accent
    (Greek marks the stress of every word of two syllables or more).  Read in Windows-1251
    a short Greek text is Russian's small letters; a Russian text read in Windows-1253
    has few accents, and its "т" is a final sigma inside words.  Of ``at_least`` long words:
    one, for a word or two that no Cyrillic page reads as words.  Without ``stress``, the
    accents are not counted (a Cyrillic page's reading is weighed against this one)."""
    try:
        text = data.decode("cp1253")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    beyond = sum(1 for c in sample if c > "\x7f")
    words = _GREEK_WORD.findall(sample)
    if not words or sum(len(word) for word in words) < beyond:
        return None
    if any("ς" in word[:-1] for word in words):
        return None
    if any(len(word) > 1 and _GREEK_VOWELS.isdisjoint(word.lower()) for word in words):
        return None  # a word without a vowel: Russian's "друг" read as "δπσγ"
    if at_least < 2 and any(not word[1:].islower() and len(word) > 1 for word in words):
        return None  # capitals inside a word: another page's letters
    long = [word for word in words if len(word) >= 4]
    stressed = sum(1 for word in long if sum(c in _TONOS for c in word) == 1)
    if len(long) < at_least or (stress and 10 * stressed < 9 * len(long)):
        return None
    return text, "cp1253"


def _short_greek(data: bytes) -> tuple[str, str] | None:
    """``data`` read as Greek (:func:`_greek`) when it is words of three letters at most
    ("Ναι", "Όχι"), three letters in all at least, no Cyrillic page reading them as words:
    each a whole word (no Latin letter beside it), a vowel in each, a capital only opening
    it.  Without a word of four
    letters, :func:`_greek` read none, and the detector read "Ναι" as Arabic ("حفى")."""
    found = _greek(data, at_least=0)
    if found is None or _GLUED_GREEK.search(found[0], 0, _SAMPLE) is not None:
        return None
    words = _GREEK_WORD.findall(found[0], 0, _SAMPLE)
    if sum(len(word) for word in words) < 3 or any(
        _GREEK_VOWELS.isdisjoint(word.lower()) for word in words
    ):
        return None  # a letter or two: any page's
    return found


_GLUED_GREEK = LazyPattern("[A-Za-z][\u0386-\u03ce]|[\u0386-\u03ce][A-Za-z]")


# The Japanese pages the detector takes a short Russian or Ukrainian text in KOI8 for: its
# small letters are the bytes of Shift-JIS's half-width katakana ("ﾚﾁﾐﾉﾓﾘ" for "запись").
_JAPANESE_PAGES = frozenset({"shift_jis", "shift_jis_2004", "shift_jisx0213", "cp932"})
# The pages a Cyrillic text is written in, the first of equals taken (KOI8-U is KOI8-R with
# Ukrainian letters where KOI8-R draws boxes).
_CYRILLIC_PAGES = ("koi8_r", "koi8_u", "cp1251", "cp866", "iso8859_5")
_CYRILLIC_GUESSES = frozenset(
    {*_CYRILLIC_PAGES, "mac_cyrillic", "cp1125", "cp855", "ptcp154", "kz1048"}
)
_HALF_WIDTH_KANA = LazyPattern("[\uff61-\uff9f]")
_CYRILLIC = LazyPattern("[\u0400-\u04ff]")
# The small letters of Russian, Ukrainian and Belarusian (not the rarer ones of Serbian and
# Macedonian: a KOI8 text's capitals are those letters read in ISO-8859-5).
_SMALL_CYRILLIC = LazyPattern("[\u0430-\u044f\u0451\u0454\u0456\u0457\u045e\u0491]")


# Chinese, Japanese and Korean letters (ideographs, kana, hangul).
_EAST_ASIAN = LazyPattern("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def _glued(text: str) -> bool:
    """Whether most of the Chinese, Japanese or Korean letters of the start of ``text``
    touch a basic Latin letter, as a Western text read in an East Asian page has them
    ("Donau苓ampf") and a text in those languages, a name or a word in Latin letters among
    its own, does not."""
    sample = text[:_SAMPLE]
    found = glued = 0
    for letter in _EAST_ASIAN.finditer(sample):
        found += 1
        at = letter.start()
        before = sample[at - 1 : at]
        after = sample[letter.end() : letter.end() + 1]
        glued += (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
    return found > 0 and 2 * glued > found


def _sparse(text: str) -> bool:
    """Whether the Chinese, Japanese or Korean letters of the start of ``text`` are few
    among its Latin ones: a fourth of them at most, as no text in those languages writes."""
    sample = text[:_SAMPLE]
    found = len(_EAST_ASIAN.findall(sample))
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    return 0 < 4 * found <= latin


_KOREAN_PAGES = frozenset({"cp949", "euc_kr", "johab"})
_JAMO = LazyPattern("[\u3131-\u318e]")
_JAPANESE_KANA = LazyPattern("[\u3041-\u30ff]")


_HANJA_BY_HANGUL = LazyPattern(
    "[\u4e00-\u9fff\uf900-\ufaff][\uac00-\ud7af]|[\uac00-\ud7af][\u4e00-\u9fff\uf900-\ufaff]"
)
_NOT_HAN = LazyPattern("[^\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")


_LETTER_BY_HAN = LazyPattern("[\u0370-\u04ff][\u4e00-\u9fff]|[\u4e00-\u9fff][\u0370-\u04ff]")
_NOT_HANGUL = LazyPattern("[^\x00-\x7f\uac00-\ud7af]")


def _hangul(data: bytes) -> tuple[str, str] | None:
    """``data`` read in Korean's page (Windows-949), when all it holds beyond ASCII is
    Hangul syllables."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    return (text, "cp949") if _NOT_HANGUL.search(sample) is None else None


def _gbk(data: bytes) -> tuple[str, str] | None:
    """``data`` read in GBK, when it is Chinese in it: its characters beyond ASCII all
    Chinese characters and Chinese punctuation."""
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        return None
    return (text, "gbk") if _NOT_HAN.search(text[:_SAMPLE]) is None else None


def _jamo(text: str) -> bool:
    """Whether a good part (a quarter) of the characters beyond ASCII of ``text`` are
    Hangul letters standing alone, outside a syllable, as Korean text hardly has them."""
    sample = text[:_SAMPLE]
    beyond = sum(1 for c in sample if c > "\x7f")
    return beyond > 0 and 4 * len(_JAMO.findall(sample)) >= beyond


def _euc_jp(data: bytes) -> tuple[str, str] | None:
    """``data`` read in EUC-JP, when it is Japanese in it: kana among its characters."""
    try:
        text = data.decode("euc_jp")
    except UnicodeDecodeError:
        return None
    return (text, "euc_jp") if _JAPANESE_KANA.search(text) else None


_HANGUL_SYLLABLE = LazyPattern("[\uac00-\ud7a3]")


def _extended_hangul(text: str) -> bool:
    """Whether most of the Hangul syllables of the start of ``text`` are none of the 2,350
    of Korean's common set (KS X 1001, what EUC-KR writes): the rare ones Windows-949 added,
    which a Korean text holds a few of at most."""
    syllables = Counter(_HANGUL_SYLLABLE.findall(text[:_SAMPLE]))
    # (EUC-KR writes one of the others as the eight bytes of its letters: no common one)
    rare = sum(n for syllable, n in syllables.items() if len(syllable.encode("euc_kr")) != 2)
    return 2 * rare > syllables.total()


def _shift_jis(data: bytes) -> tuple[str, str] | None:
    """``data`` read in Japanese's Windows page (Shift-JIS), when it is Japanese in it:
    kana among its characters."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    return (text, "cp932") if _JAPANESE_KANA.search(text) else None


# Chinese characters (Hong Kong's extension of Big5 writes some beyond the first plane) and
# the punctuation Chinese writes them with.
_NOT_CHINESE = LazyPattern(
    "[^\x00-\x7f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e"
    "\U00020000-\U0002ffff]"
)


def _big5_chinese(data: bytes) -> tuple[str, str] | None:
    """``data`` read in Big5 (in Hong Kong's extension when plain Big5 cannot read it),
    when it is Chinese in it: its characters beyond ASCII, two at least, all Chinese
    characters and Chinese punctuation."""
    for page in ("big5", "big5hkscs"):
        try:
            text = data.decode(page)
        except UnicodeDecodeError:
            continue
        sample = text[:_SAMPLE]
        if _NOT_CHINESE.search(sample) is None and sum(1 for c in sample if c > "\x7f") >= 2:
            return text, page
        return None
    return None


def _no_ascii_words(data: bytes) -> bool:
    """Whether ``data`` holds ASCII letters each right after a byte beyond ASCII, as the
    second byte of a double-byte page's character is: no word of a Western text (whose
    letters stand beside letters)."""
    sample = data[:_SAMPLE]
    letters = [at for at, byte in enumerate(sample) if byte < 0x80 and chr(byte).isalpha()]
    return bool(letters) and all(at > 0 and sample[at - 1] > 0x7F for at in letters)


_JIS_LEVEL_1 = 0x98  # Shift-JIS's last lead byte of the common kanji (JIS X 0208 level 1)


def _common_kanji(data: bytes) -> tuple[str, str] | None:
    """``data`` read in Japanese's Windows page (Shift-JIS) when it is no Big5 (its bytes
    are those of Big5's Hong Kong extension) and that reading's characters beyond ASCII are
    all kana, Japanese punctuation or common kanji (JIS level 1), no half-width katakana:
    as a Japanese text writes them, and a Chinese one in Big5 read in Shift-JIS does not."""
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        pass
    else:
        return None
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    for char in set(text[:_SAMPLE]):
        if char.isascii():
            continue
        encoded = char.encode("cp932")
        if len(encoded) != 2 or encoded[0] > _JIS_LEVEL_1:
            return None
    return text, "cp932"


def _kana(text: str) -> bool:
    """Whether most of the characters beyond ASCII of ``text`` are half-width katakana,
    which Japanese is written in rarely and a Cyrillic text in KOI8 read in Shift-JIS is."""
    sample = text[:_SAMPLE]
    beyond = sum(1 for c in sample if c > "\x7f")
    return beyond > 0 and 2 * len(_HALF_WIDTH_KANA.findall(sample)) >= beyond


def _cyrillic(data: bytes, text: str, guess: str) -> tuple[str, str] | None:
    """``data`` read in the Cyrillic page that reads the most small letters, the detector's
    ``guess`` (read as ``text``) among them and first: read in the wrong page, KOI8's small
    letters are Windows-1251's capitals ("рТЙЧЕФ" for "Привет").  ``None`` when no page
    reads letters, most of them small, in nine in ten of the characters beyond ASCII."""
    best: tuple[int, str, str] | None = None
    for page in (guess, *_CYRILLIC_PAGES):
        try:
            read = text if page == guess else data.decode(page)
        except UnicodeDecodeError:  # a byte the page has no character for (0x98: Windows-1251)
            continue
        small = len(_SMALL_CYRILLIC.findall(read, 0, _SAMPLE))
        if best is None or small > best[0]:
            best = (small, read, page)
    assert best is not None
    small, read, page = best
    beyond = sum(1 for c in read[:_SAMPLE] if c > "\x7f")
    letters = len(_CYRILLIC.findall(read, 0, _SAMPLE))
    if page == guess or 10 * letters < 9 * beyond or 2 * small < letters:
        return None
    return read, page


# The letters beyond ASCII of the languages written in Windows-1252 (Western Europe) and in
# Windows-1250 or ISO-8859-2 (Central Europe), as their alphabets spell them.  The two pages
# put different letters on the same bytes (Czech "ř" is Danish "ø", "ě" Italian "ì", "č"
# French "è"), all letters either way; and charset-normalizer gives both readings the same
# score.  What tells them apart is that a text is written in one language: read in the
# wrong page its letters belong to no one alphabet.
_WESTERN = (
    "áéíóúüñ",  # Spanish
    "àâæçéèêëîïôœùûüÿ",  # French
    "àèéìíîòóùú",  # Italian
    "áâãàçéêíóôõúü",  # Portuguese
    "àçéèíïóòúü",  # Catalan
    "äöüß",  # German
    "áéíóúëïèöü",  # Dutch
    "æøåéó",  # Danish, Norwegian
    "åäöé",  # Swedish
    "äöåšž",  # Finnish, Estonian
    "áðéíóúýþæö",  # Icelandic
)
_CENTRAL = (
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "ąćęłńóśźż",  # Polish
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Slovene, Croatian, Bosnian
    "ăâîşţșț",  # Romanian
    "äöüß",  # German
)
_TURKISH = ("çğıöşüâî",)
_BALTIC = (
    "ąčęėįšųūž",  # Lithuanian
    "āčēģīķļņšūž",  # Latvian
    "äöõüšž",  # Estonian
)
_SPELLED = 0.9  # the share of a text's accented letters its language's alphabet holds
# The pages a text read as Windows-1252 may be in instead, with the alphabets they write.
# A Western text written on an old Mac or under DOS: its letters are another page's ("niño"
# is "ni–o" in Windows-1252 on a Mac, "ni¤o" under DOS).  Read in the wrong page, a symbol
# stands between two letters: such a reading is none (see _other_page).
_DOS_PAGES = (("cp850", _WESTERN),)
_DOS_LETTERS = frozenset({"cp850", "cp852"})
_WESTERN_PAGES = (("mac_roman", _WESTERN), *_DOS_PAGES)
_OTHER_PAGES = (
    ("cp1250", _CENTRAL),
    ("iso8859_2", _CENTRAL),
    ("cp1254", _TURKISH),
    ("cp1257", _BALTIC),
    ("iso8859_13", _BALTIC),
    *_WESTERN_PAGES,
    ("cp852", _CENTRAL),  # after them: it reads more bytes as letters than they do
)
# A letter beyond ASCII after a letter.
_AFTER_LETTER = LazyPattern(r"(?<=[^\W\d_])[^\x00-\x7f]")
# A C1 control: what bytes a page has no letter for read as in ISO-8859 (cp852's "ł" in
# ISO-8859-2): no text holds them.
_C1 = LazyPattern("[\x80-\x9f]")
# A letter beyond ASCII inside a word (a letter beside it): "£825" read in Windows-1250 is
# "Ł825", a letter but no word.
_IN_WORD = LazyPattern(r"(?<=[^\W\d_])[^\x00-\x7f]|[^\x00-\x7f](?=[^\W\d_])")


def _other_page(
    data: bytes, cp1252: str | None, pages: tuple[tuple[str, tuple[str, ...]], ...] = _OTHER_PAGES
) -> tuple[str, str] | None:
    """``data`` read in a Central European page (Windows-1250, ISO-8859-2, DOS's 852), in
    the Turkish one (Windows-1254), in a Baltic one (Windows-1257, ISO-8859-13), or in an
    old Mac's or DOS's Western page (of ``pages``) when that reading spells one of the
    page's languages (nine in ten of the accented letters of its words of that language's
    alphabet) better than the Windows-1252 reading ``cp1252`` spells any Western one; of
    several, the one that spells the most letters less its capitals inside words
    (ISO-8859-2's "ą" is "±" in Windows-1250, DOS's "ę" is ISO-8859-2's "Š": "siŠ").
    A Western page's reading must hold no symbol between two letters and as many letters
    as the readings before it (read in the wrong one, letters become symbols).
    Else ``None``: a Western text spells its own language in full, so it stays Windows-1252
    ("Peña" is not read "Peńa").  A reading holding a C1 control character is none."""
    western = _share(_spelled(cp1252, _WESTERN)) if cp1252 is not None else 0.0
    letters = _spelled(cp1252, _WESTERN)[1] if cp1252 is not None else 0
    marks = _typographic_marks(cp1252) if cp1252 is not None else frozenset()
    best: tuple[int, str] | None = None
    for page, alphabets in pages:
        # Each reading weighed in turn, none kept (the one chosen is read again): each page's
        # reading of a big text was held beside the best one and the one before it.
        weighed = _weigh_page(data, page, alphabets, cp1252, western, letters, marks)
        if weighed is None:
            continue
        letters, spells, score = weighed
        if spells and (best is None or score > best[0]):
            best = (score, page)
    return None if best is None else (data.decode(best[1]), best[1])


def _weigh_page(
    data: bytes,
    page: str,
    alphabets: tuple[str, ...],
    cp1252: str | None,
    western: float,
    letters: int,
    marks: frozenset[int],
) -> tuple[int, bool, int] | None:
    """How :func:`_other_page` weighs ``data`` read in ``page``: the most letters spelled
    so far, whether the reading spells one of the page's languages, and its score; ``None``
    when it is no reading of ``data`` (see there)."""
    try:
        text = data.decode(page)
    except UnicodeDecodeError:
        return None
    if _C1.search(text, 0, _SAMPLE) is not None:
        return None
    spelled = _spelled(text, alphabets, marks)
    if alphabets is _WESTERN and (spelled[1] < letters or not _unwedged(text)):
        return None
    if page in _DOS_LETTERS and not _unwedged(text):
        return None  # a DOS page's box drawing between letters: no text of it
    letters = max(letters, spelled[1])
    spells = _share(spelled) >= max(_SPELLED, western + 1e-9)
    if (
        not spells
        and cp1252 is not None
        and alphabets is not _WESTERN
        and _SPELLED <= _share(spelled) >= western
    ):
        # Both readings spell a language as well, as a word or two may ("Dziękuję" is
        # "Dziêkujê" in Windows-1252, French's letters): the one whose plain letters
        # are the more common in the language spelling its others ("z", "k" and "j" are
        # Polish's, not French's or Portuguese's); Windows-1252's when as common.
        spells = _plain_letters_fit(text, alphabets) > _plain_letters_fit(cp1252, _WESTERN)
    # Of two readings, the wrong one writes capitals inside words ("mangÇ", "siŠ").
    return letters, spells, spelled[0] - _capitals_inside(text)


# The languages that write each alphabet of _WESTERN, _CENTRAL, _TURKISH and _BALTIC, as
# charset-normalizer names them in its table of each language's most common letters (none
# for those it has no table of: Catalan, Icelandic, Latvian).
_LANGUAGES = dict(
    zip(
        (*_WESTERN, *_CENTRAL, *_TURKISH, *_BALTIC),
        (("Spanish",), ("French",), ("Italian",), ("Portuguese",), (), ("German",), ("Dutch",),
         ("Danish", "Norwegian"), ("Swedish",), ("Finnish", "Estonian"), (),
         ("Czech",), ("Slovak",), ("Polish",), ("Hungarian",), ("Slovene", "Croatian"),
         ("Romanian",), ("German",), ("Turkish",), ("Lithuanian",), (), ("Estonian",)),
        strict=True,
    )
)  # fmt: skip


# The signs of Windows-1252 whose bytes are letters in ISO-8859-15 (Latin-9: "¦¨¸¼½¾" are
# "ŠšžŒœŸ" there), when one touches a letter; "´" is left out: typed as an apostrophe
# ("don´t"), it stands between letters in Windows-1252 text.
_LATIN9_SIGN = LazyPattern(r"[¦¨¸¼½¾](?=[^\W\d_])|(?<=[^\W\d_])[¦¨¸¼½¾]")


def _latin9(data: bytes) -> tuple[str, str] | None:
    """``data`` read in ISO-8859-15 (Latin-9, as Linux systems wrote French, Finnish and
    Estonian: Windows-1252's letters, with "œ", "š", "ž" and "€" where it has signs), when
    its Windows-1252 reading puts such a sign against a letter ("c½ur" for "cœur",
    "L'½uvre") and the Latin-9 one holds no C1 control and no sign inside a word, and
    spells a Western language.  It was read in Windows-1252, or in a Central European page
    ("sŻur")."""
    try:
        cp1252 = data[:_SAMPLE].decode("cp1252")  # (a byte a character)
    except UnicodeDecodeError:
        return None  # a byte Windows-1252 has no character for: a C1 control in Latin-9
    if _LATIN9_SIGN.search(cp1252) is None:
        return None
    text = data.decode("iso8859_15")  # (every byte is a character of it)
    if _C1.search(text, 0, _SAMPLE) is not None or not _unwedged(text):
        return None
    # Its letters spell a Western language: a Polish word in ISO-8859-2 ("Świętokrzyskie",
    # "¦wiêtokrzyskie" in Windows-1252) is no "Šwiêtokrzyskie".
    return (text, "iso8859_15") if _share(_spelled(text, _WESTERN)) >= _SPELLED else None


def _plain_letters_fit(text: str, alphabets: tuple[str, ...]) -> float:
    """How well the plain letters (a to z) of the start of ``text`` read as the language of
    the alphabet of ``alphabets`` that spells its letters beyond ASCII (nine in ten of them,
    see :func:`_spelled`): the share of them among that language's most common letters,
    of the languages that fit best.  Of a language without a table: 1 for a Western one
    (it loses nothing so), else 0."""
    from charset_normalizer.constant import FREQUENCIES

    beyond = Counter(
        found.group().lower()
        for found in _IN_WORD.finditer(text[:_SAMPLE])
        if found.group().isalpha()
    )
    plain = Counter(c for c in text[:_SAMPLE].lower() if "a" <= c <= "z")
    total, accented = sum(plain.values()), sum(beyond.values())
    best = 0.0
    for alphabet in alphabets:
        if not accented or sum(n for c, n in beyond.items() if c in alphabet) < _SPELLED * accented:
            continue
        names = _LANGUAGES.get(alphabet, ())
        if not names:
            best = max(best, 1.0 if alphabets is _WESTERN else 0.0)
        for name in names:
            common = FREQUENCIES.get(name, ())
            fit = sum(n for c, n in plain.items() if c in common) / total if total else 0.0
            best = max(best, fit)
    return best


# The letters Windows-1252 reads Turkish's ı, İ, ğ, Ğ, ş, Ş as (Icelandic's), and the other
# letters a Turkish text has that both pages read alike.
_TURKISH_AS_ICELANDIC = frozenset("ýÝðÐþÞ")
_TURKISH_SHARED = frozenset("çÇöÖüÜâÂîÎûÛ")


def _turkish(data: bytes, cp1252: str | None) -> tuple[str, str] | None:
    """``data`` read as Turkish (Windows-1254) when its Windows-1252 reading ``cp1252``
    spells Icelandic only by the letters that are Turkish's ı, ğ, ş in it, no other
    Icelandic letter (á, é, í, ó, ú, æ) beside them: a short Turkish line spells Icelandic
    as well as Turkish ("nasýlsýnýz" for "nasılsınız"), a text in Icelandic does not."""
    if cp1252 is None:
        return None
    letters = {found.group() for found in _IN_WORD.finditer(cp1252[:_SAMPLE])}
    letters = {c for c in letters if c.isalpha()}
    if (
        not letters & _TURKISH_AS_ICELANDIC
        or not letters <= _TURKISH_AS_ICELANDIC | _TURKISH_SHARED
    ):
        return None
    try:
        return data.decode("cp1254"), "cp1254"
    except UnicodeDecodeError:
        return None


def _mac_marks(data: bytes, cp1252: str | None) -> tuple[str, str] | None:
    """``data`` read in Mac OS Roman when its Windows-1252 reading ``cp1252`` writes
    capitals inside words ("DonÕt", "itÕs", "ÒneverÓ": an old Mac's apostrophes and
    quotation marks) and the Mac reading none, and its letters beyond ASCII, if any, spell
    a Western language.  (A Western text of an old Mac's accented letters is read in its
    page by :func:`_other_page`; one of its quotation marks alone was not.)"""
    if cp1252 is None or _capitals_inside(cp1252) == 0:
        return None
    text = data.decode("mac_roman")  # (every byte is a character of it)
    if _capitals_inside(text) or not _unwedged(text):
        return None
    spelled = _spelled(text, _WESTERN)
    return (text, "mac_roman") if not spelled[1] or _share(spelled) >= _SPELLED else None


# The signs of DOS's Western page (437) a text writes beside its figures and words: degrees,
# plus or minus, fractions, a square, currencies, the middle dot, comparisons and roots.
_DOS_SIGNS = frozenset("°±½¼²£¥¢·≈≤≥√∞ƒ")
# A letter beyond ASCII touching a figure ("20øC", "œ5"), as no Western word writes one: the
# ordinal indicators ("1º", "2ª") are left out, as they are written so.
_LETTER_BY_FIGURE = LazyPattern(r"(?<=\d)[^\W\d_ºª]|[^\W\d_ºª](?=\d)")


def _dos_signs(data: bytes, cp1252: str | None) -> tuple[str, str] | None:
    """``data`` read in DOS's Western page (437) when that reading's characters beyond ASCII
    are all signs a text writes beside figures (:data:`_DOS_SIGNS`: "20°C ± 2, ½ of £5"),
    none between two letters, and the Windows-1252 reading ``cp1252`` writes letters touching
    figures in their place ("20øC ñ 2, « of œ5"), none of them inside a word."""
    if cp1252 is None or _LETTER_BY_FIGURE.search(cp1252, 0, _SAMPLE) is None:
        return None
    text = data.decode("cp437")  # (every byte is a character of it)
    sample = text[:_SAMPLE]
    if any(c > "\x7f" and c not in _DOS_SIGNS for c in sample) or not _unwedged(text):
        return None
    inside = any(
        c.isalpha() and i > 0 and cp1252[i - 1].isalpha() and cp1252[i + 1 : i + 2].isalpha()
        for i, c in enumerate(cp1252[:_SAMPLE])
        if c > "\x7f"
    )
    return None if inside else (text, "cp437")


def _capitals_inside(text: str) -> int:
    """How many capitals beyond ASCII follow a small letter in the start of ``text``."""
    return sum(
        1
        for found in _AFTER_LETTER.finditer(text, 0, _SAMPLE)
        if found.group().isupper() and text[found.start() - 1].islower()
    )


# Windows-1252's quotation marks, dashes, ellipsis and bullet where a text puts them: an
# apostrophe in a contraction or an elision ("didn’t", "we’re", "l’homme"), a quotation
# opening a word or closing one, a dash between spaces or numbers, an ellipsis after a word,
# a bullet opening an item, a soft hyphen inside a word, a trade mark after one, a euro sign
# beside a number.  Another page reads their bytes as letters ("didnít" on a Mac,
# "didnĺt" under DOS).
_TYPOGRAPHIC = LazyPattern(
    r"(?<=[^\W\d_])’(?=(?:s|t|m|d|re|ve|ll)(?![^\W\d_]))"
    r"|(?<=\b[ldjmnstcoLDJMNSTCO])’(?=[^\W\d_])|(?<=\bqu)’(?=[^\W\d_])"
    r"|(?<![^\s(\[“])[“‘](?=\w)|(?<=[\w.,!?…’])[”’](?!\w)"
    r"|(?<=\s)[–—](?=\s)|(?<=\d)–(?=\d)|(?<=[\w.!?])…(?!\w)|(?<![^\s])•(?=\s)"
    r"|(?<=[^\W\d_])\xad(?=[^\W\d_])|(?<=\w)™|€(?=\s?\d)|(?<=\d)€|(?<=\d )€",
    re.IGNORECASE,
)


def _typographic_marks(cp1252: str) -> frozenset[int]:
    """Where the Windows-1252 reading ``cp1252`` holds a quotation mark, a dash, an ellipsis,
    a bullet or a soft hyphen in its place (:data:`_TYPOGRAPHIC`), in its start."""
    return frozenset(found.start() for found in _TYPOGRAPHIC.finditer(cp1252, 0, _SAMPLE))


_WORD = LazyPattern(r"[^\W\d_]+")


def _short_latin(data: bytes) -> tuple[str, str] | None:
    """``data``, a few words, read in the Central European, Turkish or Baltic page whose
    alphabet spells its letters beyond ASCII (see :func:`_other_page`), when each of its
    words of more than one letter holding such letters holds an ASCII letter too, as a
    Latin word does and a Cyrillic, Greek, Hebrew or Arabic word read in that page (all
    its letters beyond ASCII) does not; else ``None``."""
    found = _other_page(data, None, _OTHER_PAGES[:5])
    if found is None:
        return None
    words = [w for w in _WORD.findall(found[0]) if len(w) > 1 and max(w) > "\x7f"]
    if not words or not all(any("a" <= c.lower() <= "z" for c in w) for w in words):
        return None
    return found


def _short_western(data: bytes) -> bool:
    """Whether ``data``, a few words, reads in Windows-1252 as words of a Western alphabet
    (see :data:`_WESTERN`): each word holding a letter beyond ASCII holds more ASCII
    letters than such ones, as "Café", "Müller", "Señor" do and a Cyrillic, Greek, Hebrew
    or Arabic word read in Windows-1252 (all its letters beyond ASCII) does not."""
    cp1252 = _plausible_cp1252(data)
    if cp1252 is None:
        return False
    found = False
    for word in _WORD.findall(cp1252):
        beyond = sum(1 for c in word if c > "\x7f")
        if beyond:
            if 2 * beyond > len(word):
                return False
            found = True
    return found and _share(_spelled(cp1252, _WESTERN)) >= _SPELLED


def _spelled(
    text: str, alphabets: tuple[str, ...], marks: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """How many of the letters beyond ASCII in the words of the start of ``text`` one of
    ``alphabets`` holds (the one that holds most), and how many there are; a letter at one
    of ``marks`` is no letter: there the text, read as Windows-1252, holds a typographic
    mark in its place (a text in a page of one byte a character: the same offsets)."""
    counts: dict[str, int] = {}
    for found in _IN_WORD.finditer(text[:_SAMPLE]):
        if marks and found.start() in marks:
            continue
        ch = found.group().lower()
        if ch.isalpha():
            counts[ch] = counts.get(ch, 0) + 1
    if not counts:
        return 0, 0
    spelled = max(sum(n for ch, n in counts.items() if ch in alphabet) for alphabet in alphabets)
    return spelled, sum(counts.values())


def _share(spelled: tuple[int, int]) -> float:
    """The share of letters :func:`_spelled` found spelled (0 for a text without any)."""
    return spelled[0] / spelled[1] if spelled[1] else 0.0


def _signs_among_latin(data: bytes) -> tuple[str, str] | None:
    """``data`` read in Windows-1252 when it is Latin text whose characters beyond ASCII
    are all signs there ("“", "–", "®", "°", "µ"), none inside a word, with four Latin
    letters at least for each: a reading of another page puts letters of its script in
    their place, or runs a sign and the letter after it into one ideograph."""
    text = _plausible_cp1252(data)
    if text is None:
        return None
    sample = text[:_SAMPLE]
    beyond = [c for c in sample if c > "\x7f"]
    if not beyond or any(c.isalpha() and c != "µ" for c in beyond):
        return None  # (the micro sign is a letter to Python)
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    return (text, "cp1252") if latin >= 4 * len(beyond) else None


def _plausible_cp1252(data: bytes) -> str | None:
    """Windows-1252 decoding if it looks like real text: no undefined bytes, no symbol wedged
    between two letters (which is how another code page's letters show up in cp1252)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if _unwedged(text) else None


def _unwedged(text: str) -> bool:
    """Whether no symbol stands between two letters of ``text``."""
    return all(_fits_inside_a_word(match.group()) for match in _wedged().finditer(text))


def _fits_inside_a_word(ch: str) -> bool:
    """Whether ``ch``, between two letters, may be part of a word: a letter, a mark, an
    apostrophe, a soft hyphen; a symbol, a punctuation mark, a digit or a control not."""
    if ch.isalpha() or ch in "’‘–·\xad":  # (a soft hyphen stands inside a word)
        return True
    return unicodedata.category(ch)[0] not in "SPNC"


@functools.cache
def _wedged() -> re.Pattern[str]:
    """A character beyond ASCII between two letters, but for the characters below U+2000
    that fit inside a word: every accented letter of a Western text between two letters
    was a match, and a call in Python, to be let through (3.6 s for a French text of 50
    MB)."""
    fitting = [c for c in map(chr, range(0x80, 0x2000)) if _fits_inside_a_word(c)]
    ranges: list[list[str]] = []
    for ch in fitting:
        if ranges and ord(ch) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = ch
        else:
            ranges.append([ch, ch])
    left_out = "".join(
        re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges
    )
    # The character first, the letter before it looked at after: the engine then skips to
    # each such character, where a look behind first is tried at every position (ten times
    # the time).
    return re.compile(f"[^\\x00-\\x7f{left_out}]" + r"(?<=[^\W\d_].)(?=[^\W\d_])")
