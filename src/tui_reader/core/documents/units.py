"""Word, sentence and paragraph boundaries for caret motion (code-point offsets).

Every function looks only near ``offset`` (its paragraph, and never more than
:data:`PARAGRAPH_LIMIT` code points around it), never at the whole text, so motions cost
the same in a 5 KB or a 50 MB text.

A paragraph is a run of non-blank lines.  A sentence is what a reader would call one: it ends
at ``.``, ``!``, ``?`` or ``…`` followed by space and a new start, and the closing quotes and
brackets after the stop belong to it, as do its footnote marks (a superscript "¹", a "[3]");
"Mr. Kelly", "J. Smith", "e.g. this" and "the U.S. Department" do not end a sentence; "in the
U.S. The next day" does.  A Chinese or Japanese
sentence ends at ``。``, ``！`` or ``？`` with no space after it, a Hindi one at ``।``, an Arabic
question at ``؟``.  A list item that starts on its own line starts a sentence.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from tui_reader.core.documents.words import CJK_WORDS

_WINDOW = 4000  # code points searched around the offset for sentence boundaries
_WINDOW_LIMIT = 4 * _WINDOW  # ... at most, when a sentence is longer than the window
# A block without a blank line longer than this (a log, a CSV) is taken in pieces of about
# this size, so that motions stay instant in any text.
PARAGRAPH_LIMIT = 65_536
_SPACE_STEP = 4096

_NON_SPACE = re.compile(r"\S")
# A blank line holds no character but spaces of any kind: a no-break space (a Word file's
# empty paragraph), an ideographic space (a Japanese text's).
_BLANK_LINE_BEFORE = re.compile(r"(?:\A|\n)[^\S\n]*\n")
_BLANK_LINE = re.compile(r"\n[^\S\n]*(?=\n|\Z)")
# A stop ends a sentence before a space; Chinese and Japanese full stops need none ("。").
# A run of stops is tried from its first stop alone, and taken whole (possessive): a run of
# dots tried from each of its dots took seconds (a 2 MB line of dots: 1.3 s a sentence key).
# (A stop's first character first, as a class: the engine looks for it in a loop of its own,
# not a match tried at each position (a lookahead there took twice as long: a third of
# cutting a text into sentences); then the rest of its branch, told by the character taken.)
# A stop may carry marks, as one character (an emoji selector: "!\ufe0f", a joiner): then
# the sentence ends after them, where the space follows them (see _sentence_stops).
_STOP_MARKS = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufe00-\ufe0f"
    "\ufe20-\ufe2f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
# French sets its closing guillemet apart, after a space ("« Non. » Puis"): the guillemet is
# the sentence's when a space or the text's end follows it, and the stop ends no sentence when
# a comma or a colon does ("« Non. », dit-il"); one a word follows opens a quotation, as
# German's » does ("Er ging. »Komm!«").
_SPACED_CLOSER = "[ \u00a0\u202f\u2009]»"
_STOP_END = (
    f"(?:{_SPACED_CLOSER}(?=\\s|\\Z|[{_STOP_MARKS}])"
    f"|(?!{_SPACED_CLOSER}[,;:)\\]])(?=\\s|[{_STOP_MARKS}]))"
)
# After the stop, its closing quotes and brackets, and its footnote marks: a PDF's superscript
# ("checkpoints.¹ Humanitarian"), a Word note's or Wikipedia's number in brackets ("so.[3]").
_CLOSERS = r"(?:[\"'”’»“‘«)\]¹²³⁰⁴-⁹]|\[\d{1,4}\])*+"
_STOP_FIRST = STOP_FIRST = "[.!?…।؟。！？｡]"  # a character that may end a sentence
_STOP_REST = (
    r"(?<=[.!?…।؟])(?<![.!?…।؟].)[.!?…।؟]*+"
    + _CLOSERS
    + _STOP_END
    + r"|(?<=[。！？｡])[。！？｡]*[」』”’）)\]]*"
)
_STOP = re.compile(f"{_STOP_FIRST}(?:{_STOP_REST})")
# The same stops in a text whose only stops are full stops (most prose): a pattern opening on
# one character is searched for as a string is, where one opening on a class of them tries
# the class at every character (half the time to find a text's stops).
_FULL_STOP = re.compile(f"\\.(?:{_STOP_REST})")
_OTHER_STOPS = "!?…।؟。！？｡"
_FULL_WIDTH_STOPS = "。！？｡"
_FULL_WIDTH_CLOSERS = re.compile(r"[」』”’）)\]]*")
# A run of stops that began before a window's start: the stop pattern's look back (a run is
# tried from its first stop alone) sees the run's earlier stops and would pass it by.
_RUN_STOPS = ".!?…।؟"
_STOP_IN_A_RUN = re.compile(r"[.!?…।؟]++" + _CLOSERS + _STOP_END)
_ITEM_START = re.compile(r"\n[ \t]*(?=[•◦▪*\-–]\s|\d{1,3}[.)]\s)")
# The word before a stop, matched from a window's start (a search would try every start).
_WORD_BEFORE = re.compile(r"(?:.*[^\w.'’-])?([\w.'’-]+)\Z", re.DOTALL)
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")
# After a full stop: the space, opening quotes or brackets, then the next word if any.
_FOLLOWING = re.compile(r"(\s*)[\"'“‘(\[«]*(\w+)?")

# Abbreviations that do not end a sentence when followed by a capital (lowercase keys).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof mt ft gen sen rep gov lt col capt cmdr adm sgt cpl maj rev
    pres supt insp det messrs mme mlle msgr fr sra srta dra lic ing arq vs cf approx
    dept univ assn vol vols fig figs pp ch avda geb
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# Abbreviations only before a number ("No. 5", "Nos. 3 and 4"): before a word, the word "No."
# ends a sentence, a witness's answer ("Q. Were you there? A. No. I was at home.").
# So are a page's, a paragraph's and an article's ("see p. 5", "para. 12", "Art. 3"), and
# circa ("ca. 1900", "c. 1900", "ca. 5 Minuten").
# So are German's number ("Nr. 7") and a street's, whatever its name ("Hauptstr. 5"), and
# Spanish and Portuguese's chapter ("cap. 3").
NUMBER_ABBREVIATIONS = frozenset(
    {"no", "nos", "p", "para", "paras", "art", "arts", "ca", "c", "nr", "cap"}
)
# Abbreviations as a title or before a number ("Sec. Pompeo", "sec. 5", "est. 1990"): after a
# word in lower case before a capital, the word ends a sentence ("Wait a sec. I will come.").
# So are German's Herr and Firma and Spanish's avenida written as a title ("Hr. Müller",
# "Fa. Müller", "Av. Reforma"; "1 hr. Then" ends).
TITLE_ABBREVIATIONS = frozenset({"sec", "est", "hr", "hrn", "fa", "av"})
# A company's, a street's or a name's suffix, or a month, ends a sentence as an acronym does,
# before a word that starts one ("Acme Co. The firm said", "he joined the co. Then", "on Main
# St. The house", "King Jr. He", "in Jan. The"), and not before a name or a number ("Acme Co.
# Ltd", "Co. Kerry", "Apple Inc. Chief Executive", "St. Louis", "Jan. 5").
SUFFIX_ABBREVIATIONS = frozenset(
    """
    co inc corp ltd bros jr sr st ave blvd rd hwy jan feb aug sept sep oct nov dec
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# "et al." ends a sentence before a capital ("Smith et al. The results"), not before a year or
# a reference ("et al. (2019)", "et al. [4]"); "al." alone is a word (a name: "I met Al. He").
# "hon." is a title written as a title ("Hon. Jane Doe") or as Hansard writes it ("the right
# hon. Member", "my hon. Friend"); else it ends a sentence ("Thanks, hon. I missed you.").
_HON_AFTER = frozenset({"the", "my", "right", "our", "his", "her", "your", "their"})
_HON_BEFORE = frozenset(
    {"member", "members", "friend", "friends", "gentleman", "gentlemen", "lady", "ladies"}
)
# A German ordinal is a number and a dot: before a month or a noun counted so, it ends no
# sentence ("am 3. Oktober", "im 19. Jahrhundert", "zum 1. Mal"); before another word, a
# number ends one ("Er war 31. Dann").
_ORDINAL_BEFORE = frozenset(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    jahrhundert jahrhunderts jahrtausend jahrtausends weltkrieg weltkriegs weltkrieges mal
    jahrestag geburtstag klasse liga platz stock etage runde quartal advent bundestag
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# A doctor's field, written in lower case after "Dr." ("Dr. med. Müller", "Dr. rer. nat.
# Schmidt"), ends no sentence.
_DEGREE_FIELDS = frozenset({"med", "rer", "nat", "phil", "jur", "dent", "vet", "habil", "theol"})
# Words whose stop is looked at closer than a plain full stop's (see _sentence_stops).
_LOOKED_AT_CLOSER = SUFFIX_ABBREVIATIONS | _DEGREE_FIELDS | {"al", "hon"}
# Words that start a sentence after an acronym ("... in the U.S. The next day").
SENTENCE_STARTERS = frozenset(
    """
    the a an in on at as for after before when while but and or so yet if it its he she they we
    i you this that these those there his her their our my your according however meanwhile
    still then later earlier now today yesterday since although though because officials
    authorities
    """.split()  # noqa: SIM905 - a word list reads best as words
)


# -- characters and words -----------------------------------------------------------------

_LOOK_BACK = 256  # code points before the caret looked at for the character before it


class _Patterns:
    """The patterns of the word and character keys, in the ``regex`` module: its ``\\w`` holds
    the combining marks (``é`` written as ``e`` and U+0301, as a Mac or a PDF writes it, is one
    word) and its ``\\X`` is what the eye sees as one character (``👍🏽``, ``🇲🇽``, ``é``).
    Compiled at the first key that needs them: ``regex`` takes 20 ms to load."""

    def __init__(self) -> None:
        import regex

        self.word_char = regex.compile(r"\w")
        self.word_run = regex.compile(f"(?:{'|'.join(_WORD_CLASSES)})")
        self.punct_run = regex.compile(r"[^\w\s]+")
        # The runs ending at an offset, matched backwards from it ((?r): a regex's reverse
        # match), one character at a time: never a search from every offset before it, which
        # took minutes before a long word that a dot parted from another.
        self.word_run_back = regex.compile(f"(?r)(?:{'|'.join(_WORD_CLASSES)})")
        self.punct_run_back = regex.compile(r"(?r)[^\w\s]+")
        # One script's run each way (a double click's word is the clicked character's script).
        self.word_classes = tuple(
            (regex.compile(c), regex.compile(f"(?r){c}")) for c in _WORD_CLASSES
        )
        self.character = regex.compile(r"\X")
        # Runs of code points that may be drawn with a neighbour: every one but those of the
        # grapheme cluster break classes that never join (Other, Control, LF; a CR may).
        self.joining = regex.compile(
            r"[^\p{Grapheme_Cluster_Break=Other}\p{Grapheme_Cluster_Break=Control}\n]+"
        )
        self.han = regex.compile(_HAN)
        # Spaces as the eye sees them: the marks a character may carry (accents, joiners,
        # selectors, vowel signs) after a space, as a PDF extracts an accent set apart from
        # its letter, are that space's; after a tab or a line break, or a letter, they are
        # not.  Runs of spaces (str.isspace's, as the other word keys') and marks, each way,
        # then the marks in them that no space carries: a class repeated, not a choice
        # between a space and its marks (five times slower on a line of them).
        self.spaces_and_marks = regex.compile(f"[\\s\\x1c-\\x1f{_MARKS}]*+")
        self.spaces_and_marks_back = regex.compile(f"(?r)[\\s\\x1c-\\x1f{_MARKS}]*+")
        self.lone_marks = regex.compile(f"(?<![\\p{{Zs}}{_MARKS}])[{_MARKS}]+")
        self.lone_marks_back = regex.compile(f"(?r)(?<![\\p{{Zs}}{_MARKS}])[{_MARKS}]+")
        self.kana = regex.compile(r"[\p{Katakana}\p{Hiragana}]")


# Chinese and Japanese write no spaces: their words are runs of one script (as vim's are), a
# compound of kanji, a katakana word, the kana after them; digits and Latin letters beside
# them ("2024" in 在2024年) are words of their own.  The long vowel mark and the sound marks
# (ー, half-width ｰ ﾞ ﾟ, the combining ゙ ゚) belong to no script: they lengthen the kana before
# them, katakana (ラーメン) or hiragana (すごーい, ちょっと待ってー), and never start a word.
_KANA_MARKS = "ーｰﾞﾟ\u3099\u309a"
_HAN = r"[\p{Han}〆〇]"
_WORD_CLASSES = (
    f"{_HAN}+",
    rf"\p{{Katakana}}[\p{{Katakana}}{_KANA_MARKS}]*",
    rf"\p{{Hiragana}}[\p{{Hiragana}}{_KANA_MARKS}]*",
    rf"[^\W\p{{Han}}〆〇\p{{Katakana}}\p{{Hiragana}}{_KANA_MARKS}]+",
    f"[{_KANA_MARKS}]+",  # marks with no kana before them: a word of their own
)
_MARKS = r"\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}"  # a class's parts
_MARK_LOOK_BACK = 64  # marks after a kana looked over back to it, at most


def _word_anchor(text: str, offset: int) -> int:
    """Where the word run holding ``offset`` is matched from: ``offset``, or, on a kana mark
    (ー), the kana the marks after it lengthen."""
    i = offset
    while i > 0 and text[i] in _KANA_MARKS and offset - i < _MARK_LOOK_BACK:
        i -= 1
    return i if i < offset and _patterns().kana.match(text[i]) else offset


@cache
def _patterns() -> _Patterns:
    return _Patterns()


def _is_word_char(ch: str) -> bool:
    return _patterns().word_char.match(ch) is not None


def _may_join(ch: str) -> bool:
    """Whether ``ch`` may be one of the marks a space carries (see :data:`_MARKS`), told
    without the regex engine: an accent, a vowel sign, a joiner, a skin tone, a tag."""
    return ch >= "\u0300" and (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch in "\u200c\u200d\u0e33\u0eb3"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or "\U000e0020" <= ch <= "\U000e007f"
    )


def _sentence_start(text: str, resume: int, hi: int) -> int:
    """Where the sentence after a stop whose search resumes at ``resume`` starts: most often
    one space on and a letter with no mark to carry (told without a search), else the first
    character that is not a space as the eye sees one; ``hi`` when there is none."""
    if (
        resume + 1 < hi
        and text[resume] == " "
        and not (after := text[resume + 1]).isspace()
        and (after < "\u0300" or not _may_join(after))
    ):
        return resume + 1
    return _next_non_space(text, resume, hi)


def _next_non_space(text: str, offset: int, hi: int | None = None) -> int:
    """The first character at or after ``offset`` (before ``hi``) that is not a space as the
    eye sees one: a space with accents on it (" \u0301", an accent a PDF set apart from its
    letter) is one; ``hi`` (``len(text)``) when there is none."""
    hi = len(text) if hi is None else hi
    found = _NON_SPACE.search(text, offset, hi)
    if found is None:
        return hi
    i = found.start()
    if text[i] < "\u0300" or i == 0 or not text[i - 1].isspace() or not _may_join(text[i]):
        return i  # no mark after a space (quick on the common case)
    patterns = _patterns()
    run = patterns.spaces_and_marks.match(text, i, hi)  # (it matches, if only nothing)
    end = run.end() if run else i
    lone = patterns.lone_marks.search(text, i, end)
    return lone.start() if lone else end


def spaces_trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the spaces at either end, as the eye sees them (a space with
    an accent on it among them: see :func:`_next_non_space`); empty when it holds nothing
    else (``(end, end)``)."""
    first = _next_non_space(text, start, end)
    if first >= end:
        return end, end
    return first, max(first + 1, _previous_non_space(text, end))


def _previous_non_space(text: str, offset: int) -> int:
    """The smallest ``i <= offset`` such that ``text[i:offset]`` is all spaces as the eye sees
    them (see :func:`_next_non_space`)."""
    i = _skip_space_back(text, offset)
    if i == 0 or text[i - 1] < "\u0300" or not _may_join(text[i - 1]):
        return i  # no mark before it (quick on the common case)
    patterns = _patterns()
    run = patterns.spaces_and_marks_back.match(text, 0, i)  # (it matches, if only nothing)
    start = run.start() if run else i
    lone = patterns.lone_marks_back.search(text, start, i)
    return lone.end() if lone else start


def next_character(text: str, offset: int) -> int:
    """The end of the character at ``offset`` as the eye sees one (vim ``l``): a letter with
    its combining accents, an emoji with its skin tone or joined family, a flag, CR LF."""
    if offset >= len(text):
        return len(text)
    found = _patterns().character.match(text, max(0, offset))
    return found.end() if found else offset + 1


def character_count(text: str, start: int, end: int) -> int:
    """The characters of ``text[start:end]`` as the eye sees them (what ``l`` steps over):
    ``é`` written with its accent apart, ``👍🏽`` and ``🇲🇽`` are one each."""
    if start >= end:
        return 0
    part = text[start:end]
    if part.isascii() and "\r\n" not in part:
        return len(part)
    del part
    if end - start > _BY_CLASSES:
        return _count_by_classes(text, start, end)
    # Each code point is a character of its own but around those that may join the one before
    # or after them (a mark, a joiner, a selector, a skin tone, a flag's letter, a Korean
    # jamo, CR LF...): only there are the characters cut (\X).  Cutting the whole text took
    # 17 s for a selection of 50 MB, at every key that changed it.
    patterns = _patterns()
    count, pos = 0, start
    window: list[int] | None = None  # [from, to) cut with \X, grown while runs come close
    for run in patterns.joining.finditer(text, start, end):
        a, b = max(start, run.start() - 1), min(end, run.end() + 1)
        if window is not None and a <= window[1]:
            window[1] = b
            continue
        if window is not None:
            count += _cut_count(text, *window)
            pos = window[1]
        count += a - pos
        window = [a, b]
    if window is not None:
        count += _cut_count(text, *window)
        pos = window[1]
    return count + end - pos


# A longer range is counted by the break classes of its code points (numpy), not its runs of
# joining code points: a 50 MB text written with its accents apart (as a Mac writes it) is one
# such run from end to end, which took a minute to cut.
_BY_CLASSES = 65_536
_CLASS_BLOCK = 1 << 20  # code points looked at a time (a few MB of arrays)

# Grapheme cluster break classes, as the table of :func:`_break_classes` numbers them.
(
    _OTHER, _CONSONANT, _CR, _LF, _CONTROL, _EXTEND, _ZWJ, _RI, _PREPEND, _SPACING_MARK,
    _L, _V, _T, _LV, _LVT,
) = range(15)  # fmt: skip
_CLASS_PROPERTIES = (
    (_CONSONANT, "InCB=Consonant"),
    (_CR, "GCB=CR"),
    (_LF, "GCB=LF"),
    (_CONTROL, "GCB=Control"),
    (_EXTEND, "GCB=Extend"),
    (_ZWJ, "GCB=ZWJ"),
    (_RI, "GCB=Regional_Indicator"),
    (_PREPEND, "GCB=Prepend"),
    (_SPACING_MARK, "GCB=SpacingMark"),
    (_L, "GCB=L"),
    (_V, "GCB=V"),
    (_T, "GCB=T"),
    (_LV, "GCB=LV"),
    (_LVT, "GCB=LVT"),
)
_JOIN, _BREAK, _LOOK = 0, 1, 2  # between two code points: one character, two, \X decides


def _pair_rule(before: int, after: int) -> int:
    """Whether a character ends between code points of the classes ``before`` and ``after``
    (Unicode's rules for grapheme clusters, UAX #29), or :data:`_LOOK` where the rule looks
    further back than the pair: an emoji after a joiner (GB11), a consonant after a virama's
    marks (GB9c), a flag's letters (GB12, GB13)."""
    if before == _CR and after == _LF:
        return _JOIN
    if before in (_CR, _LF, _CONTROL) or after in (_CR, _LF, _CONTROL):
        return _BREAK
    hangul = (
        (before == _L and after in (_L, _V, _LV, _LVT))
        or (before in (_LV, _V) and after in (_V, _T))
        or (before in (_LVT, _T) and after == _T)
    )
    if hangul or after in (_EXTEND, _ZWJ, _SPACING_MARK) or before == _PREPEND:
        return _JOIN
    if before == _ZWJ or (before == _EXTEND and after == _CONSONANT):
        return _LOOK
    if before == _RI and after == _RI:
        return _LOOK
    return _BREAK


_PAGE_SHIFT = 12
_CLASS_PAGE = 1 << _PAGE_SHIFT  # code points whose classes are found together


class _BreakClasses:
    """The break class of every code point (one byte each), found a page of
    :data:`_CLASS_PAGE` code points at a time, the first time a text holds one of the page
    (from the ``regex`` module's own properties, the ones its ``\\X`` cuts by), and the rule
    between two classes (indexed ``before * 16 + after``).  Finding every code point's class at
    once took a quarter of a second (more on a busy machine), at the first count of a long
    selection, on the app's thread: a page takes a millisecond, and a text meets a few."""

    def __init__(self) -> None:
        import numpy as np
        import regex

        self.classes = np.zeros(0x110000, dtype=np.uint8)
        self.known = np.zeros(0x110000 // _CLASS_PAGE, dtype=np.bool_)
        self._numbers = [number for number, _ in _CLASS_PROPERTIES]
        self._runs = regex.compile("|".join(rf"(\p{{{name}}}+)" for _, name in _CLASS_PROPERTIES))
        self._lock = threading.Lock()
        rules = np.full(256, _BREAK, dtype=np.uint8)
        for before in range(15):
            for after in range(15):
                rules[before * 16 + after] = _pair_rule(before, after)
        self.rules = rules

    def of(self, points: Any) -> Any:
        """The classes of ``points`` (an array of code points)."""
        import numpy as np

        pages = points >> _PAGE_SHIFT
        unknown = ~self.known[pages]
        if unknown.any():  # (unique only of those: sorting every code point took a third more)
            with self._lock:
                for page in np.unique(pages[unknown]).tolist():
                    self._find(page)
        return self.classes[points]

    def _find(self, page: int) -> None:
        import numpy as np

        if self.known[page]:
            return
        first = page * _CLASS_PAGE
        points = np.arange(first, first + _CLASS_PAGE, dtype="<u4")
        chars = points.tobytes().decode("utf-32-le", "surrogatepass")
        for run in self._runs.finditer(chars):
            number = self._numbers[(run.lastindex or 1) - 1]
            self.classes[first + run.start() : first + run.end()] = number
        self.known[page] = True


@cache
def _break_classes() -> _BreakClasses:
    return _BreakClasses()


def long_count_waits(text: str, start: int, end: int) -> bool:
    """Whether :func:`character_count` of ``text[start:end]`` would first load numpy and make
    the break classes' table (a third of a second, once a run): a range of more than
    :data:`_BY_CLASSES` code points, not all plain ASCII, before :func:`prepare_long_counts`
    has run.  The app runs that in a worker rather than freeze a key on it."""
    if end - start <= _BY_CLASSES or _break_classes.cache_info().currsize:
        return False
    part = text[start:end]
    return not (part.isascii() and "\r\n" not in part)


def prepare_long_counts() -> None:
    """Load what counting a long range takes (numpy, the break classes' table): see
    :func:`long_count_waits`."""
    _break_classes()


def _count_by_classes(text: str, start: int, end: int) -> int:
    """:func:`character_count` of a long range: the breaks between code points told by their
    classes a block at a time, and the few places a pair does not decide cut with ``\\X``
    (from the break before them to the break after them)."""
    import numpy as np

    table = _break_classes()
    rules = table.rules
    count = 1  # a character starts at ``start``
    pos = start  # a character starts here, counted: the pairs after it are left
    size = _CLASS_BLOCK
    while pos < end - 1:
        stop = min(end, pos + size)
        points = np.frombuffer(text[pos:stop].encode("utf-32-le", "surrogatepass"), "<u4")
        kinds = table.of(points).astype(np.uint16)
        rule = rules[kinds[:-1] * 16 + kinds[1:]]  # rule[i]: between pos + i and pos + i + 1
        del points, kinds
        breaks = np.flatnonzero(rule == _BREAK)
        looks = np.flatnonzero(rule == _LOOK)
        if stop < end:
            if not len(breaks):
                size *= 2  # one character all through (a letter and its marks): a longer block
                continue
            # The block ends at its last break: the places to look at after it go with the next.
            last = int(breaks[-1])
            looks = looks[looks < last]
        else:
            last = len(rule) - 1
        count += len(breaks)
        if len(looks):
            # each place to look at, from the break before it to the break after it
            firsts = np.searchsorted(breaks, looks)
            for k in np.unique(firsts).tolist():
                a = pos if k == 0 else pos + int(breaks[k - 1]) + 1
                b = pos + int(breaks[k]) + 1 if k < len(breaks) else stop
                count += _cut_count(text, a, b) - 1
        pos += last + 1
        size = _CLASS_BLOCK
    return count


def character_count_from(text: str, known: tuple[int, int, int], start: int, end: int) -> int:
    """:func:`character_count` of ``text[start:end]``, from ``known``: ``(start, end, count)``
    of a range sharing one end with it (a selection before a key moved its caret).  Only the
    part between the two is counted, where the cut between them surely falls between two
    characters (no character that may join a neighbour on either side of it)."""
    k_start, k_end, k_count = known
    if k_start == start and k_end != end and start <= min(k_end, end):
        lo, hi, grown = min(k_end, end), max(k_end, end), end > k_end
        cut = lo  # the end inside the larger range
    elif k_end == end and k_start != start and max(k_start, start) <= end:
        lo, hi, grown = min(k_start, start), max(k_start, start), start < k_start
        cut = hi
    else:
        return character_count(text, start, end)
    if not _between_characters(text, cut, min(start, k_start), max(end, k_end)):
        return character_count(text, start, end)
    part = character_count(text, lo, hi)
    return k_count + part if grown else k_count - part


def _between_characters(text: str, at: int, start: int, end: int) -> bool:
    """Whether ``at`` surely falls between two characters of ``text[start:end]``."""
    if at <= start or at >= end:
        return True
    joining = _patterns().joining
    return joining.match(text, at - 1, at + 1) is None and joining.match(text, at) is None


def _cut_count(text: str, start: int, end: int) -> int:
    """The characters of ``text[start:end]``, cut as a text of its own (nothing before it)."""
    return sum(1 for _ in _patterns().character.finditer(text[start:end]))


def previous_character(text: str, offset: int, first: int = 0) -> int:
    """The start of the character before ``offset`` as the eye sees one (vim ``h``).  The
    characters are cut from the line's start (a line break always ends one), or from
    :data:`_LOOK_BACK` code points back in a longer line.  Nothing before ``first`` is read:
    the text is cut as if it began there (a display line's start, which a character longer
    than the line, a hostile chain of a million conjuncts, was read back whole from, at each
    of the line's characters)."""
    offset = min(offset, len(text))
    if offset <= first:
        return max(0, first)
    back = _LOOK_BACK
    while True:
        lo = max(first, offset - back)
        line_start = text.rfind("\n", lo, offset - 1)
        start = line_start + 1 if line_start >= 0 else lo
        at = start
        if at > first and _is_flag_letter(text[at]) and _is_flag_letter(text[at - 1]):
            at += (at - _flag_run_start(text, at)) % 2  # inside a run of flags: a pair's start
        last = offset - 1
        # Cut as a text of its own: in the whole text, \X counted the flag letters before each
        # of a run's pairs back to its first (h took 0.8 s on a line of 400,000 of them).
        for found in _patterns().character.finditer(text[at:offset]):
            last = at + found.start()
        # A character as long as the look back (a letter under hundreds of accents, "Zalgo"
        # text) may begin before it: h stopped among its accents; look further back then.
        if last > start or start > lo or lo == first:
            return last
        back *= 4


def _character_start(text: str, offset: int) -> int:
    """The start of the character as the eye sees one holding ``offset``: ``offset`` itself
    unless it falls inside one (between ❤ and its emoji selector, inside a joined family)."""
    if offset <= 0 or offset >= len(text):
        return min(max(0, offset), len(text))
    ch, before = text[offset], text[offset - 1]
    joins = _patterns().joining.match(ch) is not None  # ch may be drawn with the one before
    if _is_flag_letter(before):
        if _is_flag_letter(ch):
            # a flag's letters pair from the first of their run (\X read a long run back
            # whole at each pair: half a second a key on 400,000 of them)
            return offset - (offset - _flag_run_start(text, offset)) % 2
        if not joins:
            return offset
    elif (
        (not joins or _is_flag_letter(ch))
        and before != "\u200d"
        and unicodedata.category(before) not in ("Mn", "Mc", "Me", "Cf")
    ):
        # joining none before it, unless after a joiner (👨‍👩), a mark (a conjunct's
        # virama) or a sign set before a number: a boundary, found without cutting
        return offset
    return previous_character(text, offset + 1)


_FLAG_LETTERS = "".join(map(chr, range(0x1F1E6, 0x1F200)))


def _is_flag_letter(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def _flag_run_start(text: str, offset: int) -> int:
    """Where the run of flag letters that goes on to ``offset`` starts (``offset`` when
    the character before it is none)."""
    back = _LOOK_BACK
    while True:
        lo = max(0, offset - back)
        run = lo + len(text[lo:offset].rstrip(_FLAG_LETTERS))  # after the last other
        if run > lo or lo == 0:
            return run
        back *= 4


def character_start(text: str, offset: int) -> int:
    """``offset``, or the start of the character as the eye sees one that it falls inside
    (a joined family, a flag, a letter and its accents, CR LF): where a cut of ``text`` at
    ``offset`` is widened to keep that character whole."""
    if 0 < offset < len(text):
        before, ch = text[offset - 1], text[offset]
        if before == "\r" and ch == "\n":
            return offset - 1
        if before < "\u0300" and ch < "\u0300":  # no mark, joiner or prepended sign: a boundary
            return offset
    return _character_start(text, offset)


def character_end(text: str, offset: int) -> int:
    """``offset``, or the end of the character as the eye sees one that it falls inside (see
    :func:`character_start`)."""
    start = character_start(text, offset)
    return offset if start == offset else next_character(text, start)


def _character_end(text: str, offset: int) -> int:
    """``offset``, or the end of the character as the eye sees one that it falls inside."""
    start = _character_start(text, offset)
    return offset if start == offset else next_character(text, start)


def next_word(text: str, offset: int) -> int:
    """The start of the next word after ``offset`` (vim ``w``): a word is a run of letters
    and digits, or a run of other non-space characters.  ``len(text)`` when there is none."""
    n = len(text)
    if offset >= n:
        return n
    i = offset
    if not text[i].isspace():
        patterns = _patterns()
        if _is_word_char(text[i]):
            run = patterns.word_run.match(text, _word_anchor(text, i))
        else:
            run = patterns.punct_run.match(text, i)
        # A picture's runs end inside it (❤ is a symbol, its emoji selector and a family's
        # joiners are word characters): the word goes on to the end of the picture.
        i = _character_end(text, run.end() if run and run.end() > i else i + 1)
    return _next_non_space(text, i)


def word_end(text: str, offset: int) -> int:
    """The start of the last character of the word after the character at ``offset``, or of
    the word holding it when ``offset`` is not its last (vim ``e``); ``offset`` when no word
    follows."""
    i = _next_non_space(text, next_character(text, offset))
    if i >= len(text):
        return offset
    patterns = _patterns()
    if _is_word_char(text[i]):
        run = patterns.word_run.match(text, _word_anchor(text, i))
    else:
        run = patterns.punct_run.match(text, i)
    end = _character_end(text, run.end() if run and run.end() > i else i + 1)
    return previous_character(text, end)


def word_range(text: str, offset: int) -> tuple[int, int] | None:
    """``[start, end)`` of the word holding ``offset`` (what a double click selects): a run of
    letters and digits (of one script: see :data:`_WORD_CLASSES`), or of other non-space
    characters; ``None`` on a space or past the end."""
    if not 0 <= offset < len(text) or _next_non_space(text, offset) != offset:
        return None  # a space, or an accent on one
    patterns = _patterns()
    run, run_back = patterns.punct_run, patterns.punct_run_back
    anchor = offset
    if _is_word_char(text[offset]):
        anchor = _word_anchor(text, offset)
        for run, run_back in patterns.word_classes:  # noqa: B007 - the one that matches
            if run.match(text, anchor) is not None:
                break
    after = run.match(text, anchor)
    end = after.end() if after else offset + 1
    before = run_back.match(text, 0, anchor) if anchor > 0 else None
    start = before.start() if before else anchor
    # never part of a picture (❤ without its selector, half a family)
    start, end = _character_start(text, start), _character_end(text, end)
    return _cjk_word(text, offset, start, end)


_HAN_WORD = 4  # characters of a run of Chinese characters a double click takes whole at most


def _cjk_word(text: str, offset: int, start: int, end: int) -> tuple[int, int]:
    """The word ``[start, end)`` at ``offset``, or, in a run of Chinese characters longer than
    :data:`_HAN_WORD` (a Chinese clause, up to its comma: there is no dictionary here to
    find its words), the clicked character alone, to extend with the keys."""
    if end - start > _HAN_WORD and _patterns().han.match(text, offset):
        return offset, offset + 1
    return start, end


def previous_word(text: str, offset: int) -> int:
    """The start of the word before ``offset`` (vim ``b``); 0 when there is none."""
    i = _previous_non_space(text, min(offset, len(text)))
    if i == 0:
        return 0
    patterns = _patterns()
    back = patterns.word_run_back if _is_word_char(text[i - 1]) else patterns.punct_run_back
    run = back.match(text, 0, i)
    return _character_start(text, i - 1 if run is None else run.start())


def _skip_space_back(text: str, offset: int) -> int:
    """The smallest ``i <= offset`` such that ``text[i:offset]`` is all whitespace."""
    if 0 < offset <= len(text) and not text[offset - 1].isspace():
        return offset  # most often (a paragraph's or a stop's end): nothing sliced to tell
    pos = offset
    while pos > 0:
        lo = max(0, pos - _SPACE_STEP)
        kept = text[lo:pos].rstrip()
        if kept:
            return lo + len(kept)
        pos = lo
    return 0


# -- paragraphs -------------------------------------------------------------------------


def paragraph_range(text: str, offset: int) -> tuple[int, int]:
    """``[start, end)`` of the paragraph holding ``offset``, outer whitespace trimmed.  In
    the blank lines between paragraphs, the next paragraph (the last one at the end of the
    text); ``(offset, offset)`` when the text holds no paragraph at all."""
    offset = min(max(0, offset), len(text))
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    if (
        not text[line_start:line_end].strip()
        or _next_non_space(text, line_start, line_end) >= line_end
    ):
        # a blank line, as the eye sees it (a space with an accent on it, " \u0301", is one),
        # looked past from its ends (from an accent after an accent, that accent was taken
        # for a letter: asked again from it, for ever)
        found = _next_non_space(text, line_end)
        if found >= len(text):
            last = _previous_non_space(text, line_start)
            if last == 0:
                return offset, offset
            return paragraph_range(text, last - 1)
        return paragraph_range(text, found)
    start = _after_last_blank_line(text, line_start)
    blank = _BLANK_LINE.search(text, offset, offset + PARAGRAPH_LIMIT)
    if blank is not None:
        end = blank.start()
    elif offset + PARAGRAPH_LIMIT >= len(text):
        end = len(text)
    else:  # a huge block: take it a piece at a time, cut at a line end
        cut = text.rfind("\n", offset, offset + PARAGRAPH_LIMIT)
        end = cut if cut > offset else offset + PARAGRAPH_LIMIT
    first = _NON_SPACE.search(text, start).start()  # type: ignore[union-attr]
    return _trimmed(text, first, _skip_space_back(text, end))


def _trimmed(text: str, first: int, last: int) -> tuple[int, int]:
    """The paragraph ``[first, last)``, trimmed of its outer spaces already, trimmed of the
    accents on a space (as a PDF may set them) at either end too, unless it holds nothing
    else."""
    if not _may_join(text[first]) and not _may_join(text[last - 1]):
        return first, last  # no mark at either end (quick on the common case)
    inner = _next_non_space(text, first, last)
    if inner < last:
        return inner, max(inner + 1, _previous_non_space(text, last))
    return first, last


def _after_last_blank_line(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` begins: just after the last blank line before it
    (0 if none), found in growing windows so a long paragraph is not walked line by line."""
    size = 4096
    while True:
        lo = max(0, pos - size)
        last = None
        for last in _BLANK_LINE_BEFORE.finditer(text, lo, pos):  # noqa: B007 - keep the last
            pass
        if last is not None:
            return last.end()
        if lo == 0:
            return 0
        if size >= PARAGRAPH_LIMIT:
            return text.find("\n", lo) + 1  # a huge block: take it a piece at a time
        size *= 4


def next_paragraph(text: str, offset: int) -> int:
    """The start of the paragraph after the one holding ``offset``; ``len(text)`` if none."""
    start, end = paragraph_range(text, offset)
    if start > offset:
        return start
    return _next_non_space(text, end)


def previous_paragraph(text: str, offset: int) -> int:
    """The start of the paragraph holding ``offset`` if the caret is past it, else the start
    of the paragraph before (vim ``{`` lands on paragraph starts); 0 if none."""
    start, _ = paragraph_range(text, offset)
    if start < offset:
        return start
    before = _previous_non_space(text, min(start, offset))
    if before == 0:
        return 0
    return paragraph_range(text, before - 1)[0]


# -- sentences --------------------------------------------------------------------------


def _stops(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The stops of ``text[lo:hi]``, a window that may start inside a run of stops."""
    if 0 < lo < hi and text[lo] in _RUN_STOPS and text[lo - 1] in _RUN_STOPS:
        here = _STOP_IN_A_RUN.match(text, lo, hi)
        if here is not None:
            yield here
            lo = here.end()
    yield from _STOP.finditer(text, lo, hi)


def sentences_between(
    text: str, lo: int, hi: int, stops: re.Pattern[str] | None = None
) -> list[tuple[int, int]]:
    """The sentences of ``text[lo:hi]`` (which should be one paragraph, or part of one) as
    ``[start, end)`` ranges, trailing space trimmed.  ``stops``: the pattern that finds the
    window's stops, when the caller knows it (:func:`_stop_pattern` of the whole text)."""
    # (Spaces as the eye sees them: an accent or a joiner after a space, as a PDF may set it,
    # neither starts nor ends a sentence.)
    begin = _next_non_space(text, lo, hi)
    if begin >= hi:
        return []
    stops = stops or _stop_pattern(text, begin, hi)
    if (
        stops is _FULL_STOP
        and text.find("\n", begin, hi) < 0  # no item starts a line: most paragraphs
        and not (begin > 0 and text[begin] in _RUN_STOPS and text[begin - 1] in _RUN_STOPS)
    ):
        return _full_stop_sentences(text, begin, hi)
    # (end of one sentence, search position of the next), in order
    ends = _sentence_stops(text, begin, hi, stops)  # each after the last
    breaks: Iterable[tuple[int, int]] = zip(ends, ends, strict=True)
    items = None
    if text.find("\n", begin, hi) >= 0:  # an item starts a line: most paragraphs are one
        starts = _ITEM_START.finditer(text, begin, hi)
        items = [(_previous_non_space(text, m.start()), m.end()) for m in starts]
    if items:
        breaks = sorted([*breaks, *items])
    out: list[tuple[int, int]] = []
    start = begin
    for end, resume in breaks:
        if end <= start:
            continue
        nxt = _sentence_start(text, resume, hi)
        if nxt >= hi:
            break
        out.append((start, end))
        start = nxt
    end = _previous_non_space(text, hi)
    if end > start:  # the last sentence, unless only space is left
        out.append((start, end))
    return out


def _sentence_stops(
    text: str, lo: int, hi: int, pattern: re.Pattern[str] | None = None
) -> list[int]:
    """The ends of the stops of ``text[lo:hi]`` that end a sentence, as
    :func:`_ends_sentence` finds.  Prose's most common stop is told at once, in the loop
    (a call a stop took a third of the time of cutting a text into sentences): a full stop
    after a word of plain letters, then one space and a capital ("... the market. They",
    "Mr. Smith", "J. Smith"), where the word alone tells (:func:`_plain_word_ends`); any
    other is asked of :func:`_ends_sentence`.  ``pattern``: the one that finds the stops of
    the window (:func:`_stop_pattern`), when the caller knows it."""
    if 0 < lo < hi and text[lo] in _RUN_STOPS and text[lo - 1] in _RUN_STOPS:
        stops: Iterable[re.Match[str]] = _stops(text, lo, hi)  # a window inside a run
    else:
        pattern = pattern or _stop_pattern(text, lo, hi)
        if pattern is _FULL_STOP:
            return _full_stop_ends(text, lo, hi)
        stops = pattern.finditer(text, lo, hi)
    ends: list[int] = []
    last = hi - 1
    told = _PLAIN_WORD_ENDS
    for stop in stops:
        start, end = stop.span()
        if end < last and text[end] == " " and text[start] == "." and "A" <= text[end + 1] <= "Z":
            # The word before, as _WORD_BEFORE finds it: a run of letters after a space
            # (none of its characters a word's, nor a dot, an apostrophe or a hyphen)
            space = text.rfind(" ", start - 40 if start > 40 else 0, start)
            if space >= 0:
                word = text[space + 1 : start]
                ends_here = told.get(word, _UNTOLD)
                if ends_here is _UNTOLD:  # (the lookup inline: a call for every stop costs)
                    ends_here = _plain_word_told(word)
                if ends_here is not None:
                    if ends_here:
                        ends.append(end)
                    continue
        if (told_end := _other_stop(text, start, end, hi)) >= 0:
            ends.append(told_end)
    return ends


def _full_stop_ends(text: str, lo: int, hi: int) -> list[int]:
    """:func:`_sentence_stops` of a window whose only stops are full stops (:data:`_FULL_STOP`
    finds them), not inside a run of stops: the ends :func:`_full_stops_told` tells."""
    return _full_stops_told(text, lo, hi, None)


def _full_stop_sentences(text: str, begin: int, hi: int) -> list[tuple[int, int]]:
    """:func:`sentences_between` of a window from ``begin`` (not a space, not inside a run of
    stops) holding no line feed and no stop but full stops: its stops told as
    :func:`_full_stops_told` tells them, each sentence added as its stop is told, in one loop
    where there were two."""
    out: list[tuple[int, int]] = []
    _full_stops_told(text, begin, hi, out)
    return out


def _full_stops_told(
    text: str, lo: int, hi: int, sentences: list[tuple[int, int]] | None
) -> list[int]:
    """The end of each stop of ``text[lo:hi]`` that ends a sentence, in order, for a window
    whose only stops are full stops, not inside a run of stops (the one copy of the rule
    :func:`_full_stop_ends` and :func:`_full_stop_sentences` follow).  Each "." is found as a
    string is, and the most common one, after an ASCII word of letters and before one space
    and a capital, is told without the regex engine: the stop is that "." alone (nothing
    before it is a stop, nothing after it a quote), and the word tells.  Any other "." is
    matched at its place as :data:`_FULL_STOP`'s search would match it, then told as
    :func:`_sentence_stops` tells it.  (The regex's search of a text of 10,000 characters for
    its stops took as long as the rest of cutting it into sentences.)

    With ``sentences``, the window's sentences (from ``lo``, not a space, holding no line
    feed) are added to it instead, each as its stop is told, and no end is returned."""
    ends: list[int] = []
    sentence = lo  # where the sentence being read starts
    last = hi - 1
    told = _PLAIN_WORD_ENDS
    find, rfind, match = text.find, text.rfind, _FULL_STOP.match
    start = find(".", lo, hi)
    while start >= 0:
        end = start + 1
        ends_here: bool | object | None = None
        if end < last and text[end] == " " and "A" <= text[end + 1] <= "Z":
            space = rfind(" ", start - 40 if start > 40 else 0, start)
            if space >= 0:
                word = text[space + 1 : start]
                ends_here = told.get(word, _UNTOLD)
                if ends_here is _UNTOLD:  # (the lookup inline: a call for every stop costs)
                    ends_here = _plain_word_told(word)
        if ends_here is not None:  # (an ASCII word of letters: the stop is the ".")
            if ends_here and sentences is not None:
                if end > sentence:
                    sentences.append((sentence, end))
                    sentence = end + 1  # (a capital after one space)
            elif ends_here:
                ends.append(end)
            start = find(".", end, hi)
            continue
        stop = match(text, start, hi)
        if stop is None:  # no stop here ("3.5", ".x"): the search goes on after it
            start = find(".", end, hi)
            continue
        end = stop.end()
        if end > start + 1 and end < last and text[end] == " " and "A" <= text[end + 1] <= "Z":
            # a stop longer than the "." ('." The', "... The"): the quick look of
            # _sentence_stops at the word before it
            space = rfind(" ", start - 40 if start > 40 else 0, start)
            if space >= 0:
                ends_here = _plain_word_ends(text[space + 1 : start])
        if ends_here is None:
            told_end = _other_stop(text, start, end, hi)
        else:
            told_end = end if ends_here else -1
        if told_end < 0:
            start = find(".", end, hi)
            continue
        if sentences is None:
            ends.append(told_end)
        elif told_end > sentence:  # the next sentence starts as sentences_between starts it
            following = _sentence_start(text, told_end, hi)
            if following >= hi:
                break
            sentences.append((sentence, told_end))
            sentence = following
        start = find(".", end, hi)
    if sentences is not None:
        end = _previous_non_space(text, hi)
        if end > sentence:  # the last sentence, unless only space is left
            sentences.append((sentence, end))
    return ends


def _other_stop(text: str, start: int, end: int, hi: int) -> int:
    """Where the sentence ends if the stop ``text[start:end]`` the quick look did not tell
    ends one (after the marks it carries); -1 if it ends none."""
    if end < hi and text[end] >= "\u0300" and _may_join(text[end]):
        # marks on the stop ("!\ufe0f", "。\u200d"): the sentence ends after them, the
        # whole character, never between the stop and its marks
        whole = min(hi, next_character(text, end - 1))
        if text[start] in _FULL_WIDTH_STOPS:
            # the closing marks after it are the sentence's ("「好吗？\u200d」他问。")
            closed = _FULL_WIDTH_CLOSERS.match(text, whole, hi).end()  # type: ignore[union-attr]
            if _ends_sentence(text, start, closed if closed > whole else end, hi):
                return closed
        elif (whole >= hi or text[whole].isspace()) and _ends_sentence(text, start, whole, hi):
            return whole
        return -1
    return end if _ends_sentence(text, start, end, hi) else -1


def _stop_pattern(text: str, lo: int, hi: int) -> re.Pattern[str]:
    """:data:`_FULL_STOP` when ``text[lo:hi]`` holds no stop but full stops (it finds the
    same stops there as :data:`_STOP`, sooner), else :data:`_STOP`."""
    find = text.find
    for other in "!?" if text.isascii() else _OTHER_STOPS:
        if find(other, lo, hi) >= 0:
            return _STOP
    return _FULL_STOP


def text_stops(text: str) -> re.Pattern[str]:
    """The pattern finding the stops of ``text`` as a whole, to give :func:`sentences_between`
    for each of its parts (found once for the text, not once a part)."""
    return _stop_pattern(text, 0, len(text))


def _plain_word_told(word: str) -> bool | None:
    """:func:`_plain_word_ends` of ``word``, kept in :data:`_PLAIN_WORD_ENDS` (the first
    :data:`_PLAIN_WORDS_KEPT` words told) for the stops after the same word."""
    ends_here = _plain_word_ends(word)
    if len(_PLAIN_WORD_ENDS) < _PLAIN_WORDS_KEPT:
        _PLAIN_WORD_ENDS[word] = ends_here
    return ends_here


def _plain_word_ends(word: str) -> bool | None:
    """Whether a full stop after ``word`` (the run of characters after a space), followed
    by one space and a capital, ends a sentence, when the word alone tells: ``word`` is ASCII
    letters and not one whose stop is looked at closer (:data:`_LOOKED_AT_CLOSER`: the words
    around it tell).  A word of two letters or more that is no abbreviation ends it ("a sec.
    I": ends); an abbreviation, a title or an initial ("Mr. Smith", "Sec. Pompeo", "J. Smith")
    is told by :func:`_ends_sentence` once, of the word alone before a capital: for these words
    it asks nothing else of the text (a paragraph of initials took 4 us a stop, each asked
    again).  None: the stop is for :func:`_ends_sentence` to tell."""
    if not word.isascii() or not word.isalpha():
        return None
    bare = word.lower()
    if bare in _LOOKED_AT_CLOSER or (len(word) == 1 and word.islower()):
        return None  # (a small letter: "z. B." is told by the word after it)
    if (
        len(word) > 1
        and bare not in ABBREVIATIONS
        and bare not in TITLE_ABBREVIATIONS
        and bare not in ("eg", "ie", "viz")
    ):
        return True
    alone = f" {word}. A"
    return _ends_sentence(alone, len(word) + 1, len(word) + 2, len(alone))


# What _plain_word_ends told of each word seen, for the next stop after it: prose repeats its
# words, and asking again was most of the time of cutting a text into sentences (agreement
# cuts every document of a corpus).  At most this many words are kept (a text of a million
# distinct words keeps no more), each a pure function of the word: nothing to go stale.
_PLAIN_WORD_ENDS: dict[str, bool | None] = {}
_UNTOLD = object()  # a word not told yet
_PLAIN_WORDS_KEPT = 20_000


def _ends_sentence(text: str, stop_start: int, stop_end: int, hi: int) -> bool:
    if text[stop_start] in _FULL_WIDTH_STOPS:
        # A quotation closed after its stop and followed at once by words: who said it,
        # the same sentence ("「好吗？」他问。").
        quoted = text[stop_end - 1] not in _FULL_WIDTH_STOPS
        return not (quoted and stop_end < hi and text[stop_end].isalnum())
    following = _FOLLOWING.match(text, stop_end)  # one regex call a stop: they add up
    if following is None or following.end(1) >= hi:
        return True  # only space follows (the window ends there)
    head = following.group(2)
    if head is None:
        return True  # a dash, a symbol: treat the stop as final
    if head[0].islower():
        return False  # "e.g. this", "etc. and"
    if text[stop_start] != ".":
        return True
    before = _WORD_BEFORE.match(text, max(0, stop_start - 40), stop_start)
    if before is None:
        return True
    word = before.group(1).lstrip("'’-")
    bare = word.rstrip(".").lower()
    if _ACRONYM.fullmatch(word + "."):
        return head.lower() in SENTENCE_STARTERS  # "the U.S. Department" / "the U.S. The"
    if bare in ABBREVIATIONS or (
        (bare in NUMBER_ABBREVIATIONS or bare.endswith("str")) and head[0].isdigit()
    ):
        return False
    if bare in TITLE_ABBREVIATIONS and (word[:1].isupper() or head[0].isdigit()):
        return False
    if bare in SUFFIX_ABBREVIATIONS:
        return head.lower() in SENTENCE_STARTERS
    if bare == "al" and _word_before_word(text, stop_start - len(word)) == "et":
        return head[0].isupper()
    if bare == "hon":
        if word[0].isupper():
            return False
        title = _word_before_word(text, stop_start - len(word))
        return title not in _HON_AFTER and head.lower() not in _HON_BEFORE
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith"
    if (
        len(word) == 1
        and word.isalpha()
        and word.islower()
        and _abbreviation_second(text, following)
    ):
        return False  # German's two letters, each with its dot: "z. B.", "u. U.", "v. Chr."
    if bare in _DEGREE_FIELDS and word.islower():
        return False  # "Dr. med. Müller"
    if word.isdigit() and len(word) <= 3 and head.lower() in _ORDINAL_BEFORE:
        return False  # a German ordinal: "am 3. Oktober"
    if bare in ("e.g", "i.e", "eg", "ie", "viz"):
        return False
    if "." in bare and not bare.replace(".", "").isdigit() and len(bare) <= 4:
        # a short word with dots: as an acronym ("a Ph.D. He" ends, "Ph.D. Thesis" does not);
        # a number with a dot ends a sentence ("rose 2.5. Then")
        return head.lower() in SENTENCE_STARTERS
    return True


def _abbreviation_second(text: str, following: re.Match[str]) -> bool:
    """Whether the word ``following`` found after a lone small letter's stop is the second
    half of a German abbreviation: one capital with its dot (``z. B.``, ``u. U.``, ``i. A.``)
    or ``Chr.`` (``v. Chr.``, ``n. Chr.``)."""
    head, after = following.group(2), following.end(2)
    dotted = text.startswith(".", after)
    return dotted and ((len(head) == 1 and head.isupper()) or head == "Chr")


_LAST_WORD = re.compile(r"(?:.*\W)?(\w+)\s+\Z", re.DOTALL)


def _word_before_word(text: str, end: int) -> str:
    """The word (in lower case) before the spaces that end at ``end``; "" when none."""
    found = _LAST_WORD.match(text, max(0, end - 40), end)
    return found.group(1).lower() if found else ""


def sentence_range(text: str, offset: int) -> tuple[int, int]:
    """``[start, end)`` of the sentence holding ``offset`` (the space after a sentence
    belongs to it); ``(offset, offset)`` when the text holds no sentence."""
    sentences = _sentences_near(text, offset)
    return sentence_holding(sentences, offset) if sentences else (offset, offset)


def sentence_holding(sentences: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    """Of ``sentences`` (in order, at least one), the last to start at or before ``offset``;
    the first when none does."""
    chosen = sentences[0]
    for sentence in sentences:
        if sentence[0] <= offset:
            chosen = sentence
    return chosen


def next_sentence(text: str, offset: int) -> int:
    """The start of the next sentence after ``offset``; ``len(text)`` when there is none."""
    for start, _ in _sentences_near(text, offset):
        if start > offset:
            return start
    p_start, _p_end = paragraph_range(text, offset)
    if p_start > offset:
        return p_start
    following = next_paragraph(text, offset)
    return following if following > offset else len(text)


def sentence_end(text: str, offset: int) -> int:
    """The start of the last character (spaces aside) of the sentence after the character
    at ``offset``, or of the sentence holding it when ``offset`` is not its last: ``)`` in
    a selection growing forward, which holds the caret's character (the next sentence's
    first letter went into the passage); ``offset`` when none follows."""
    return _unit_end(text, offset, next_sentence)


def paragraph_end(text: str, offset: int) -> int:
    """:func:`sentence_end` for paragraphs (``}``)."""
    return _unit_end(text, offset, next_paragraph)


def _unit_end(text: str, offset: int, following: Callable[[str, int], int]) -> int:
    i = _next_non_space(text, next_character(text, offset))
    if i >= len(text):
        return offset
    end = _previous_non_space(text, following(text, i))  # the unit holding i, spaces aside
    return previous_character(text, end) if end > i else i


def previous_sentence(text: str, offset: int) -> int:
    """The start of the sentence holding ``offset`` if the caret is past it, else of the
    sentence before (vim ``(``); 0 when there is none."""
    best = None
    for start, _ in _sentences_near(text, offset):
        if start < offset:
            best = start
    if best is not None:
        return best
    p_start, _ = paragraph_range(text, offset)
    before = _previous_non_space(text, min(p_start, offset))
    if before == 0:
        return 0
    sentences = _sentences_near(text, before - 1)
    return sentences[-1][0] if sentences else paragraph_range(text, before - 1)[0]


def _sentences_near(text: str, offset: int) -> list[tuple[int, int]]:
    """The sentences of a window of the paragraph around ``offset``: the one holding it whole,
    with the one before it and the one after it (where the paragraph has them).  The window
    grows until it holds them: a sentence longer than the window (a transcript without stops,
    a legal clause) was cut at the window's edges, and ``)`` went past the sentences after it
    to the paragraph's end."""
    p_start, p_end = paragraph_range(text, offset)
    size = _WINDOW
    while True:
        lo = max(p_start, offset - size)
        hi = min(p_end, offset + size)
        if lo > p_start:
            # Start the window at a word boundary so the first "sentence" is not a word part.
            space = text.find(" ", lo, hi)
            lo = space + 1 if space >= 0 else lo
        sentences = sentences_between(text, lo, hi)
        held = sum(1 for start, _ in sentences if start <= offset) - 1  # the one holding it
        # The first sentence may start at the window's edge, not its own; the last one end there.
        whole_before = lo == p_start or held >= 2
        whole_after = hi == p_end or held + 1 < len(sentences)
        if (whole_before and whole_after) or (lo <= p_start and hi >= p_end):
            return sentences
        if size >= _WINDOW_LIMIT:
            return sentences  # a sentence longer still is taken in pieces
        size *= 4


# -- whole texts ------------------------------------------------------------------------


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Every paragraph of ``text`` in order, as :func:`paragraph_range` gives them, found in one
    pass (a block longer than :data:`PARAGRAPH_LIMIT` is cut at line ends into pieces)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for blank in _BLANK_LINE.finditer(text):
        _add_block(text, pos, blank.start(), spans)
        pos = blank.end()
    _add_block(text, pos, len(text), spans)
    return spans


def _add_block(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> None:
    while True:
        start = _next_non_space(text, lo, hi)
        if start >= hi:
            return  # nothing but spaces as the eye sees them (" \u0301"): no paragraph
        if hi - start <= PARAGRAPH_LIMIT:
            spans.append(_trimmed(text, start, start + len(text[start:hi].rstrip())))
            return
        cut = text.rfind("\n", start, start + PARAGRAPH_LIMIT)
        end = cut if cut > start else start + PARAGRAPH_LIMIT
        spans.append(_trimmed(text, start, start + len(text[start:end].rstrip())))
        lo = end


def word_spans(text: str) -> list[tuple[int, int]]:
    """Every word of ``text`` in order, the words the word count counts
    (:func:`~tui_reader.core.documents.words.count_words`): each run of characters that are
    not space, but that each Chinese or Japanese character is a word, and their punctuation
    parts words as a space does."""
    return [match.span() for match in CJK_WORDS.finditer(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Every sentence of ``text`` in order (those of each of its paragraphs)."""
    stops = text_stops(text)  # once for the text, not once a paragraph
    return [s for lo, hi in paragraph_spans(text) for s in sentences_between(text, lo, hi, stops)]
