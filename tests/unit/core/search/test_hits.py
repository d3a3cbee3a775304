"""Search: smart case, offsets in the original text, wrap-around hit navigation."""

from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from helpers import examples
from helpers.folded import folded_reference
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui_reader.core.search import hits as hits_module
from tui_reader.core.search.hits import (
    ASCII_FOLDS,
    LONGER_FOLDS,
    LONGEST_WORD_LEFT_OUT,
    context_in_line,
    context_span,
    find_hits,
    hit_after,
    hit_before,
    is_case_sensitive,
    line_bounds,
    line_context,
    literal_ends,
    literal_starts,
    lowered_ends,
    lowered_starts,
    reads_as_regex,
)


def test_lowercase_query_ignores_case() -> None:
    assert list(find_hits("Mexico and mexico and MEXICO", "mexico")) == [(0, 6), (11, 17), (22, 28)]


def test_a_capital_makes_the_query_exact() -> None:
    assert is_case_sensitive("Mexico")
    assert list(find_hits("Mexico and mexico", "Mexico")) == [(0, 6)]


def test_offsets_stay_in_the_original_text_when_case_folding_changes_lengths() -> None:
    text = "İstanbul ist istanbul"  # "İ".lower() is two code points: offsets must not shift
    assert "İ".lower() != "i"
    hits = list(find_hits(text, "ist"))
    assert hits[-2:] == [(9, 12), (13, 16)]
    assert all(text[a:b].lower().endswith("st") for a, b in hits)


def test_empty_query_and_limit() -> None:
    assert list(find_hits("abc", "")) == []
    assert list(find_hits("a" * 10, "a", limit=3)) == [(0, 1), (1, 2), (2, 3)]


def test_hits_do_not_overlap() -> None:
    assert list(find_hits("aaaa", "aa")) == [(0, 2), (2, 4)]


def test_hit_after_and_before_wrap_around() -> None:
    hits = [(5, 7), (10, 12), (20, 22)]
    assert hit_after(hits, 0) == 0
    assert hit_after(hits, 5) == 1
    assert hit_after(hits, 25) == 0
    assert hit_after(hits, 25, wrap=False) is None
    assert hit_before(hits, 10) == 0
    assert hit_before(hits, 5) == 2
    assert hit_before(hits, 5, wrap=False) is None
    assert hit_after([], 3) is None and hit_before([], 3) is None


@settings(max_examples=examples(80), deadline=None)
@given(st.text(alphabet="abAB .", max_size=60), st.text(alphabet="abAB", min_size=1, max_size=3))
def test_every_hit_matches_the_query(text: str, query: str) -> None:
    for start, end in list(find_hits(text, query)):
        found = text[start:end]
        assert found == query if is_case_sensitive(query) else found.lower() == query.lower()


def test_hits_are_compact_pairs_and_report_truncation() -> None:
    hits = find_hits("ab ab ab", "ab")
    assert list(hits) == [(0, 2), (3, 5), (6, 8)] and hits[-1] == (6, 8)
    assert hits[1:] == [(3, 5), (6, 8)] and not hits.truncated
    limited = find_hits("ab ab ab", "AB".lower(), limit=2)
    assert len(limited) == 2 and limited.truncated
    assert not find_hits("ab ab", "ab", limit=2).truncated
    assert hit_after(hits, 3) == 2 and hit_before(hits, 3) == 0


def test_fixed_length_marks_answer_windows() -> None:
    from tui_reader.reading.marks import FixedLengthMarks

    marks = FixedLengthMarks([0, 10, 20], 5, "x")
    assert [m.start for m in marks.overlapping(4, 11)] == [0, 10]
    assert [m.start for m in marks.overlapping(5, 10)] == []
    assert [m.start for m in marks.overlapping(24, 100)] == [20]


@settings(max_examples=examples(200))
@given(
    st.text(alphabet="abAB .\u212a\u017fk", max_size=60),
    st.text(alphabet="abkAB", min_size=1, max_size=3),
    st.integers(1, 8),
    st.integers(1, 5),
)
def test_hits_are_the_regex_matches_whatever_the_chunks(
    text: str, query: str, chunk: int, limit: int
) -> None:
    """Lowercased chunk by chunk (ASCII) or not, the hits are what the regex engine finds."""
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    expected = [m.start() for m in re.finditer(re.escape(query), text, flags)]
    with patch.object(hits_module, "_FOLD_CHUNK", chunk):
        assert [s for s, _ in find_hits(text, query)] == expected
        few = find_hits(text, query, limit=limit)
        assert list(few.starts) == expected[:limit]
        assert few.truncated == (len(expected) > limit)


def test_the_folds_listed_are_every_character_folded_to_ascii_or_longer() -> None:
    # (the planes above the first two hold ideographs, tags and private use: no cased letter)
    beyond = "".join(chr(c) for c in range(0x80, 0x20000) if not 0xD800 <= c < 0xE000)
    each = "\0".join(beyond)  # each character's fold and lowercase, made in C
    changed = [
        (c, folded, lowered)
        for c, folded, lowered in zip(
            beyond, each.casefold().split("\0"), each.lower().split("\0"), strict=True
        )
        if folded != c or lowered != c
    ]
    longer = {c for c, folded, _ in changed if len(folded) > 1} - {"\u0130"}  # (İ folds to i)
    assert longer == set(re.findall(f"[{LONGER_FOLDS}]", beyond))
    assert {c for c, folded, _ in changed if re.search("[\0-\x7f]", folded)} == set(ASCII_FOLDS)
    # the fast path lowercases: where it finds an ASCII letter, there is one to fold
    assert {c for c, _, lowered in changed if re.search("[\0-\x7f]", lowered)} <= set(ASCII_FOLDS)


@settings(max_examples=examples(300))
@given(
    st.text(alphabet="aiksKS .é•ß" + ASCII_FOLDS, max_size=40),
    st.text(alphabet="aiks .", min_size=1, max_size=3),
)
def test_text_beyond_ascii_ignoring_case_gives_the_folded_matches(text: str, query: str) -> None:
    assert list(find_hits(text, query)) == folded_reference(text, query)


@given(
    st.text(alphabet="ab \n…é", max_size=300),
    st.sampled_from(["a", "ab", "b a", "a\nb", " "]),
    st.integers(min_value=0, max_value=30),
)
def test_a_lines_bounds_found_once_give_each_of_its_hits_its_own_context(
    text: str, query: str, width: int
) -> None:
    """The search lists a line's hits with the line's bounds found at its first hit: each
    context is the one :func:`line_context` finds for the hit alone."""
    bounds = (0, -1)
    for match in re.finditer(re.escape(query), text):
        start, end = match.span()
        if not bounds[0] <= start <= end <= bounds[1]:
            bounds = line_bounds(text, start, end)
        assert context_in_line(text, bounds, start, end, width) == line_context(
            text, start, end, width
        )


def test_a_phrase_or_a_compound_across_a_line_s_end_is_found_when_asked() -> None:
    # A hard-wrapped paragraph shown flowing reads "self-determination" and "peace talks"
    # where a line ends inside them: a search found neither.
    text = "the Peace\n  talks and self-\ndetermination, self-determination; peace talks\n\ntalks"
    found = find_hits(text, "peace talks", across_lines=True)
    assert [text[s:e] for s, e in found] == ["Peace\n  talks", "peace talks"]
    found = find_hits(text, "self-determination", across_lines=True)
    assert [text[s:e] for s, e in found] == ["self-\ndetermination", "self-determination"]
    assert [text[s:e] for s, e in find_hits(text, "Peace talks", across_lines=True)] == [
        "Peace\n  talks"
    ]
    assert list(find_hits(text, "talks talks", across_lines=True)) == []  # a blank line apart
    assert [text[s:e] for s, e in find_hits(text, " and self-", across_lines=True)] == [
        " and self-"
    ]  # a hyphen at the query's end is only itself
    assert list(find_hits(text, "peace talks")) == [(63, 74)]  # as a corpus search counts
    beyond = "Él dijo: la autodeter-\nminación, la autodeter-minación"
    found = find_hits(beyond, "autodeter-minación", across_lines=True)
    assert [beyond[s:e] for s, e in found] == ["autodeter-\nminación", "autodeter-minación"]
    limited = find_hits(text, "peace talks", limit=1, across_lines=True)
    assert list(limited) == [(4, 17)] and limited.truncated
    whole = find_hits(text, "peace talks", limit=2, across_lines=True)
    assert len(whole) == 2 and not whole.truncated  # no more than the limit: none left out


def test_a_space_of_the_query_finds_a_no_break_space_the_reader_sees_as_one() -> None:
    # "10 km" written with a no-break space (as Word and web pages write it), or French
    # quotes with their narrow no-break spaces, read as spaces on screen: a search for them
    # as typed found nothing.
    text = "It is 10\xa0km away, then 10 km more. « Oui\u202f», dit-il. Peace\xa0\ntalks"
    for across_lines in (False, True):
        found = find_hits(text, "10 km", across_lines=across_lines)
        assert [text[s:e] for s, e in found] == ["10\xa0km", "10 km"]
        found = find_hits(text, "oui »", across_lines=across_lines)
        assert [text[s:e] for s, e in found] == ["Oui\u202f»"]
    assert [text[s:e] for s, e in find_hits(text, "10\xa0km")] == ["10\xa0km", "10 km"]
    assert list(find_hits(text, "10  km")) == []  # two spaces are two
    found = find_hits(text, "peace talks", across_lines=True)
    assert [text[s:e] for s, e in found] == ["Peace\xa0\ntalks"]


def test_a_line_s_context_is_cut_where_words_begin_and_end() -> None:
    # The search command's context began inside a word ('…rt 99 Some words…' for 'thing 99').
    text = "The report 98 is long. Report 99 Some words about the thing 99 and what followed it"
    start = text.index("thing 99")
    words = text.split()
    for width in range(20, 80):
        context = line_context(text, start, start + 8, width)
        assert "thing 99" in context
        body = context.strip("…").split()
        if context.startswith("…"):
            assert body[0] in words, (width, context)
        if context.endswith("…"):
            assert body[-1] in words, (width, context)


@settings(max_examples=examples(300))
@given(
    st.text(alphabet="abcdefg    .\t\u3000", min_size=20, max_size=160),
    st.integers(0, 159),
    st.integers(0, 6),
    st.integers(4, 50),
)
def test_a_context_is_cut_at_words_as_the_patterns_would_cut_it(
    text: str, at: int, length: int, width: int
) -> None:
    """The cuts at a word found by str methods for the common case (one plain space) are the
    cuts the patterns make, whatever kinds of space the line holds."""
    start = min(at, len(text))
    end = min(len(text), start + length)
    line = (0, len(text))
    expected = _span_by_patterns(text, line, start, end, width)
    assert context_span(line, start, end, width, text) == expected


@settings(max_examples=examples(300))
@given(
    st.text(alphabet="abcdefg    .\n", min_size=20, max_size=160),
    st.integers(0, 159),
    st.integers(1, 6),
    st.integers(4, 50),
)
def test_a_context_of_a_line_whose_only_white_space_is_the_space_is_cut_as_the_patterns_cut_it(
    text: str, at: int, length: int, width: int
) -> None:
    """On a line whose only white space is the space, the search's contexts cut at a word by
    comparing code points with a space are the cuts the patterns make."""
    start = min(at, len(text) - 1)
    end = min(len(text), start + length)
    assume("\n" not in text[start:end])  # (a hit across a line feed: two lines, not one)
    line = line_bounds(text, start, end)
    expected = _span_by_patterns(text, line, start, end, width)
    assert context_span(line, start, end, width, text, spaces_only=True) == expected


def test_a_context_is_cut_at_words_without_calling_min_or_max(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each line a search prints has its context cut at a word's start and end: where to
    look for the cut was found by the builtins min() and max(), a call each for each of a
    common word's 700,000 printed lines (a fifth of the cut's cost); two comparisons now."""
    import builtins

    from helpers.counting import count_calls

    text = "word " * 40 + "army " + "word " * 40
    start = text.index("army")
    line = line_bounds(text, start, start + 4)
    expected = [
        _span_by_patterns(text, line, start, start + 4, 100),
        _span_by_patterns(text, line, start + 1, start + 3, 30),
    ]
    for name in ("min", "max"):  # (the module's own names, before the builtins)
        monkeypatch.setattr(hits_module, name, getattr(builtins, name), raising=False)
    smallest = count_calls(monkeypatch, hits_module, "min")
    largest = count_calls(monkeypatch, hits_module, "max")
    for spaces_only in (True, False):
        found = [
            context_span(line, start, start + 4, 100, text, spaces_only=spaces_only),
            context_span(line, start + 1, start + 3, 30, text, spaces_only=spaces_only),
        ]
        assert found == expected
    assert smallest.calls == largest.calls == 0


def _span_by_patterns(
    text: str, line: tuple[int, int], start: int, end: int, width: int
) -> tuple[int, int]:
    """:func:`context_span` as the patterns alone tell it (what its quick paths must give)."""
    left, right = context_span(line, start, end, width)
    if left > line[0] and not text[left - 1].isspace():
        limit = min(start, left + LONGEST_WORD_LEFT_OUT + 1)
        space = re.compile(r"\s+").search(text, left, limit)
        if space is not None:
            word = re.compile(r"\S|\Z").search(text, space.end(), start)
            assert word is not None
            left = word.start()
    if right < line[1] and not text[right].isspace():
        low = max(end, right - LONGEST_WORD_LEFT_OUT - 1)
        last = re.compile(r"\s+\S*\Z").search(text, low, right)
        if last is not None:
            right = last.start()
    return left, right


@settings(max_examples=examples(200))
@given(
    st.text(alphabet="asSfi ßẞﬁİσς", max_size=40),
    st.text(alphabet="asfi ßﬁσ", min_size=1, max_size=4),
    st.integers(1, 6),
    st.integers(1, 4),
)
def test_folded_hits_are_the_same_whatever_the_windows(
    text: str, query: str, window: int, limit: int
) -> None:
    """Folded a window at a time, a hit across two windows, or after one that ended in the
    next, is found as in the text folded whole."""
    expected = folded_reference(text, query)
    with patch.object(hits_module, "_FOLD_WINDOW", window):
        assert list(find_hits(text, query)) == expected
        few = find_hits(text, query, limit=limit)
        assert list(few) == expected[:limit]
        assert few.truncated == (len(expected) > limit)


def test_a_common_word_is_found_with_pauses_between_slices_of_hits() -> None:
    """A thread finding a million hits held the interpreter for seconds, keys unanswered:
    ``pause`` is called every PAUSE_EVERY hits, the hits the same."""
    from tui_reader.core.search.hits import PAUSE_EVERY

    text = "the cat and the hat\n" * (PAUSE_EVERY * 2)
    paused: list[int] = []
    hits = find_hits(text, "the", across_lines=True, pause=lambda: paused.append(1))
    assert list(hits) == list(find_hits(text, "the", across_lines=True))
    assert len(paused) == len(hits) // PAUSE_EVERY == 4


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.sampled_from(["the ", "ß", "ss", "\u212a", "k", "é", "e\u0301", "A", "\n"]),
        min_size=40,
        max_size=80,
    ),
    st.sampled_from(["the", "ss", "ß", "k", "é", "e", "The", "a"]),
)
def test_a_text_looked_at_in_slices_with_pauses_has_the_same_hits(
    pieces: list[str], query: str
) -> None:
    """The search of the text view's / held the interpreter for a tenth of a second and
    more on a 50 MB text (the whole text lowercased four million code points at a time,
    searched for the letters whose fold is ASCII, or searched in one go), keys unanswered:
    given a pause, it looks at a slice at a time and pauses between, the hits the same
    wherever a slice ends."""
    text = "".join(pieces)
    paused: list[int] = []
    with (
        patch.object(hits_module, "PAUSED_SLICE", 5, create=True),
        patch.object(hits_module, "_FOLD_WINDOW", 16),
    ):
        sliced = find_hits(text, query, across_lines=True, pause=lambda: paused.append(1))
    whole = find_hits(text, query, across_lines=True)
    assert list(sliced) == list(whole)
    assert sliced.truncated == whole.truncated
    assert len(paused) >= len(text) // 16 - 1  # a pause a slice (of 5) or a window (of 16)


@pytest.mark.parametrize(
    "query", ["^Q:", "(alpha|beta)", r"\d+", "a.*b", "[Tt]he", "end$", "(?i)x", "x.?y", "a+?"]
)
def test_a_regular_expression_is_known_as_one(query: str) -> None:
    assert reads_as_regex(query)


@settings(max_examples=examples(100))
@given(st.text(alphabet="abcXYZ019 ,.;:'\"!-()&/$^", max_size=40))
def test_words_and_punctuation_do_not_read_as_a_regular_expression(query: str) -> None:
    """Words, numbers and the signs of prose (U.S., (1998), self-determination, $5) are not
    said to be a regular expression, but for a ^ at the start or a $ at the end."""
    assume(not query.startswith("^") and not query.endswith("$"))
    assert not reads_as_regex(query)


def test_a_pasted_text_of_thousands_of_words_is_looked_for_as_typed() -> None:
    # A clipboard of 560 KB pasted into / held the app for minutes and took gigabytes: each
    # space of the query became a part of a regular expression (a space or a line's end),
    # compiled in Python at some 100 us and 2.5 KB a character. A query of more than
    # MAX_PHRASE_BREAKS spaces and hyphens is looked for as typed; a shorter phrase still
    # finds a line's end between its words.
    from helpers.counting import lines_run

    from tui_reader.core.search.hits import MAX_PHRASE_BREAKS

    text = "The peace\ntalks began. " * 300
    pasted = "The peace talks began. " * 2_000
    found, ran = lines_run(lambda: find_hits(text, pasted, across_lines=True), at_most=100_000)
    assert len(found) == 0, ran
    assert list(find_hits(text + pasted, pasted, across_lines=True)) == [
        (len(text), len(text) + len(pasted))
    ]  # as typed, it is there
    phrase = " ".join(["peace talks began. The"] * (MAX_PHRASE_BREAKS // 4))
    assert find_hits(text, phrase, across_lines=True)[0][0] == 4  # over the line ends


@settings(max_examples=examples(300))
@given(
    st.text(st.sampled_from("ab \n"), max_size=20), st.text(st.sampled_from("ab "), max_size=3),
    st.integers(-2, 22), st.none() | st.integers(-2, 22),
)  # fmt: skip
def test_an_exact_literal_matches_where_its_escaped_pattern_does(
    text: str, literal: str, pos: int, endpos: int | None
) -> None:
    """What the searches take for a literal found as typed (not compiled: a pasted page was
    parsed by re a character at a time) finds what the literal escaped and compiled finds."""
    from tui_reader.core.search.hits import ExactLiteral

    pattern, exact = re.compile(re.escape(literal)), ExactLiteral(literal)
    args = (pos,) if endpos is None else (pos, endpos)
    assert [m.span() for m in exact.finditer(text, *args)] == [
        m.span() for m in pattern.finditer(text, *args)
    ]
    found, expected = exact.search(text, *args), pattern.search(text, *args)
    assert (found and found.span()) == (expected and expected.span())
    assert (exact.pattern, exact.flags) == (literal, 0)


@settings(max_examples=examples(300))
@given(
    st.text(st.sampled_from("aAé -\n\t\xa0\u202f\u2007"), max_size=24),
    st.text(st.sampled_from("aAé -\xa0\u202f\u2007"), min_size=1, max_size=6),
)  # fmt: skip
def test_a_phrase_across_lines_matches_each_no_break_space_as_a_space(
    text: str, query: str
) -> None:
    """Found where its pattern with every no-break space in its sets finds it (the
    narrow and the figure space are searched as the Latin-1 one, in a copy of the text
    that holds them: a set beyond Latin-1 took re a millisecond to compile at each space
    of the query, a quarter of a second for a pasted paragraph of 100 words)."""
    from tui_reader.core.search.hits import _across_lines

    spaces = "\xa0\u202f\u2007"
    query = query.translate(str.maketrans(dict.fromkeys(spaces, " ")))
    assume(query.strip(" -"))
    folding = not is_case_sensitive(query)
    searched, wanted = (text.casefold(), query.casefold()) if folding else (text, query)
    core = wanted.strip(" -")
    at = wanted.index(core)
    blank = f"[ \t{spaces}]"
    for lines in (True, False):
        space, hyphen = (
            (f"(?:[ {spaces}]|{blank}*\n{blank}*)", f"-(?:{blank}*\n{blank}*)?")
            if lines
            else (f"[ {spaces}]", "-")
        )
        source = re.escape(wanted[:at]) + "".join(
            space if piece == " " else hyphen if piece == "-" else re.escape(piece)
            for piece in re.split(r"( |-)", core)
        ) + re.escape(wanted[at + len(core) :])  # fmt: skip
        expected = [m.span() for m in re.finditer(source, searched)]
        assert list(_across_lines(text, query, None, lines=lines)) == expected


def test_a_pasted_paragraph_is_compiled_without_a_set_beyond_latin_1() -> None:
    # A paragraph of 100 words pasted into the corpus search (F) took a quarter of a second
    # to compile at each key typed after it: each of its spaces was a set holding the narrow
    # and the figure no-break spaces, which re's compiler (in Python) writes as a table of
    # 65,536 code points, three times a space. They are read as the Latin-1 one now.
    import re

    from helpers.counting import lines_run

    words = ("the peace talks began in the north of the city army " * 10).split()[:100]
    query = " ".join(words)
    text = "Report\n\n" + " ".join(words[:50]) + "\n" + " ".join(words[50:]) + "\u202f\n"
    for asked in (query, query.capitalize()):
        re.purge()
        found = lines_run(
            lambda asked=asked: find_hits(text, asked, across_lines=True), at_most=250_000
        )[0]
        assert list(found) == ([(8, len(text) - 2)] if asked == query else [])


@given(
    st.text(alphabet="aAbB ßİ\n", max_size=80),
    st.text(alphabet="aAbB", min_size=1, max_size=3),
    st.booleans(),
    st.sampled_from([1 << 20, 4]),
)
def test_literal_ends_are_the_ends_of_the_starts_found(
    text: str, query: str, fold: bool, split_up_to: int
) -> None:
    """The ends found by one split are those of the occurrences found one at a time, each
    the query's length after its start (non-overlapping: "aa" twice in "aaaaa"), in a text
    split whole or, longer than the split takes, found an occurrence at a time."""
    with patch.object(hits_module, "_SPLIT_CODE_POINTS", split_up_to):
        size = len(query)
        starts = list(literal_starts(text, query, fold=fold))
        assert literal_ends(text, query, fold=fold) == [start + size for start in starts]
        lowered = lowered_starts(text, query.lower())
        ends = lowered_ends(text, query.lower())
        if lowered is None:
            assert ends is None  # (a text holding ß: its folds searched otherwise)
        else:
            assert ends == [start + size for start in lowered]


def test_literal_ends_do_not_overlap() -> None:
    assert literal_ends("aaaaa", "aa", fold=False) == [2, 4]
    assert literal_ends("xAaAaAx", "aa", fold=True) == [3, 5]


def test_a_long_phrase_over_the_end_of_a_window_is_found() -> None:
    """A text longer than a window (4 MB, lowercased a window at a time) is searched for a
    phrase in windows that reach past their end, so that a hit begun in one is found whole:
    a phrase of 30 code points or more begun right before a window's end was missed (the
    reach was the context's cut's, 25, not a hit's)."""
    window = hits_module._WINDOW
    phrase = "the Quick brown fox jumps over the lazy dog"
    text = "a " * ((window - 6) // 2) + phrase.replace(" ", "\n", 1) + " and more"
    assert text.index("the") < window < text.index("the") + len(phrase)
    found = find_hits(text, phrase.lower(), across_lines=True)
    assert [text[s:e] for s, e in found] == [phrase.replace(" ", "\n", 1)]
