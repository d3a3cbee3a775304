"""The query language's OVERLAPS, WITHIN, ENCLOSES, OVERLAPPED BY, ENCLOSED BY, FOLLOWS and
PRECEDES, with distances in paragraphs, sentences and words: parsed with AND, OR, NOT and
parentheses, and matching what a plain look at every pair of passages finds."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.matching import (
    coders_apart,
    coders_asked,
    coders_spelled,
    compile_query,
    documents_spelled,
    no_code_lines,
    spelled_as_coded,
    unmatched_coders,
)
from tui_reader.core.analysis.query import (
    LANGUAGE,
    And,
    Code,
    Compare,
    Field,
    Meeting,
    Not,
    Or,
    parse_query,
)
from tui_reader.core.analysis.reports import (
    cell_query,
    counted_itself,
    meeting_passages,
    passages_meeting,
)
from tui_reader.core.analysis.scope_records import carries_any, codes_required
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import QuerySyntaxError, TuiReaderError
from tui_reader.core.wording import LINE_AT_MOST


def coded(doc: str, start: int, end: int, *tags: str, coder: str = "ana") -> Annotation:
    return Annotation(
        document=doc, start=start, end=end, quote="q" * (end - start), tags=tags, coder=coder
    )


def carrying_of(corpus: list[Annotation]) -> Callable[[frozenset[str] | None], list[Annotation]]:
    """A scope's ``carrying`` over ``corpus``: the passages carrying one of the codes."""
    return lambda codes: [a for a in corpus if codes is None or carries_any(a.tags, codes)]


# the paragraphs of the documents of the examples: a.txt's start at 0, 3 and 6, b.txt's at 2;
# their sentences and words
PARAGRAPHS = {"a.txt": [0, 3, 6], "b.txt": [2]}
SENTENCES = {"a.txt": [0, 2, 3, 5, 6], "b.txt": [0, 2, 4]}
WORDS = {"a.txt": [0, 1, 2, 3, 4, 5, 6, 7], "b.txt": [1, 3, 5]}
UNITS = {"paragraph": PARAGRAPHS, "sentence": SENTENCES, "word": WORDS}


def paragraphs(keys: Iterable[str], unit: str = "paragraph") -> dict[str, list[int]]:
    return {key: UNITS[unit][key] for key in keys if key in UNITS[unit]}


def matched(query: str, corpus: list[Annotation]) -> list[Annotation]:
    test = compile_query(query, passages=carrying_of(corpus), paragraphs=paragraphs)
    return [a for a in corpus if test(a)]


# -- the grammar -----------------------------------------------------------------------------


def test_a_relation_binds_tighter_than_and_and_or_and_looser_than_not() -> None:
    a, b, c, d = map(Code, "abcd")
    assert parse_query("a OVERLAPS b") == Meeting(a, (("overlaps", b),))
    assert parse_query("a b overlaps c OR d") == Or((And((a, Meeting(b, (("overlaps", c),)))), d))
    assert parse_query("NOT a Within b") == Meeting(Not(a), (("within", b),))
    assert parse_query("NOT (a WITHIN b)") == Not(Meeting(a, (("within", b),)))
    assert parse_query("(a OR b) ENCLOSES (c AND d)") == Meeting(
        Or((a, b)), (("encloses", And((c, d))),)
    )


def test_relations_in_a_row_read_left_to_right_as_one_node() -> None:
    """a OVERLAPS b WITHIN c: a's passages overlapping b's and within c's; a long row is one
    node, not thousands nested (each a level a walk over the tree would recurse into)."""
    a, b, c = map(Code, "abc")
    assert parse_query("a OVERLAPS b WITHIN c") == Meeting(a, (("overlaps", b), ("within", c)))
    long = " OVERLAPS ".join(["a"] * 5000)
    node = parse_query(long)
    assert isinstance(node, Meeting)
    assert len(node.meets) == 4999
    passage = coded("d", 0, 3, "a")
    assert matched(long, [passage]) == [passage]


def test_follows_and_precedes_bind_as_the_other_relations_do() -> None:
    a, b, c, d = map(Code, "abcd")
    assert parse_query("a FOLLOWS b") == Meeting(a, (("follows", b),))
    assert parse_query("a b precedes c OR d") == Or((And((a, Meeting(b, (("precedes", c),)))), d))
    assert parse_query("NOT a Follows b") == Meeting(Not(a), (("follows", b),))
    assert parse_query("a OVERLAPS b FOLLOWS c PRECEDES d") == Meeting(
        a, (("overlaps", b), ("follows", c), ("precedes", d))
    )
    assert parse_query('"follows" PRECEDES "precedes"') == Meeting(
        Code("follows"), (("precedes", Code("precedes")),)
    )
    assert parse_query("follows=yes") == Compare("follows", "=", "yes")


def test_a_code_named_as_an_operator_is_quoted_and_an_attribute_so_named_compared() -> None:
    assert parse_query('"overlaps" OVERLAPS "within"') == Meeting(
        Code("overlaps"), (("overlaps", Code("within")),)
    )
    assert parse_query("within=yes") == Compare("within", "=", "yes")
    assert parse_query("code:encloses") == Code("encloses")


@pytest.mark.parametrize(
    ("query", "column", "said"),
    [
        ("a OVERLAPS", 11, "expected a code or a filter after OVERLAPS (a OVERLAPS b; a code"),
        ("(a within) b", 10, "expected a code or a filter after WITHIN (a WITHIN b;"),
        ("a ENCLOSES OR b", 12, "expected a code or a filter after ENCLOSES"),
        ("OVERLAPS b", 1, "found OVERLAPS (OVERLAPS stands between two terms, a OVERLAPS b;"),
        ("a AND within b", 7, "found WITHIN (WITHIN stands between two terms"),
        ("a FOLLOWS", 10, "expected a code or a filter after FOLLOWS (a FOLLOWS b; a code"),
        ("precedes b", 1, "found PRECEDES (PRECEDES stands between two terms"),
    ],
)
def test_an_operator_missing_a_side_is_said_at_its_column(
    query: str, column: int, said: str
) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query(query)
    assert raised.value.column == column
    assert said in str(raised.value)


def test_the_languages_summary_names_the_operators() -> None:
    terms = [term for term, _ in LANGUAGE]
    named = {"a OVERLAPS b", "a WITHIN b", "a ENCLOSES b", "a FOLLOWS b", "a PRECEDES b"}
    assert named | {"a FOLLOWS/2 b", "a NEAR/1 b", "a NEAR/2s b"} <= set(terms)
    assert {"a OVERLAPPED BY b", "a ENCLOSED BY b", "a OVERLAPS START b"} <= set(terms)


def test_another_tools_operator_is_told_the_ones_that_find_meetings() -> None:
    lines = no_code_lines(["ADJ"], ["actors"], typed="x ADJ actors")
    assert lines[0].startswith("no code 'ADJ' in the codebook; ADJ is no operator here: ")
    assert "a OVERLAPS b" in lines[0]
    assert "a WITHIN b" in lines[0]
    assert "FOLLOWS, PRECEDES, after, before one" in lines[0]
    assert "OVERLAPPED BY, one overlaps their start" in lines[0]
    assert "NEAR/1, a paragraph from one at most (/1s: a sentence, /3w: 3 words)" in lines[0]
    lines = no_code_lines(["NEAR"], ["actors"], typed="x NEAR actors")
    assert lines[0].startswith(
        "no code 'NEAR' in the codebook; NEAR takes a distance here, NEAR/1: "
    )
    for line in (lines[0], *no_code_lines(["OVERLAPPED"], [], typed="a OVERLAPPED b")):
        assert len(f"tui-reader: {line}") < LINE_AT_MOST  # said whole, not cut in its middle


def test_a_distance_in_a_unit_no_query_counts_is_told_the_letters_it_takes() -> None:
    """x FOLLOWS/3sent y or NEAR/10words, as other tools spell a unit: it was read as a code
    and said only to be none, not that a letter behind the number counts sentences or words."""
    for typed, name, operator in (
        ("x FOLLOWS/3sent y", "FOLLOWS/3sent", "FOLLOWS"),
        ("x near/10words y", "near/10words", "near"),
        ("x NEAR/2x y", "NEAR/2x", "NEAR"),
    ):
        [line] = no_code_lines([name], ["x", "y"], typed=typed)
        assert line.startswith(f"no code '{name}' in the codebook; ")
        number = name.partition("/")[2].rstrip("abcdefghijklmnopqrstuvwxyz")
        for written in (f"{operator}/{number}", f"{operator}/{number}s", f"{operator}/{number}w"):
            assert written in line
        assert "paragraphs" in line and "sentences" in line and "words" in line
        assert len(f"tui-reader: {line}") < LINE_AT_MOST
    # not typed in a query (a name given to --tag): a code like any other
    assert no_code_lines(["NEAR/2x"], ["x"]) == ["no code 'NEAR/2x' in the codebook"]


def test_a_distance_in_paragraphs_is_written_right_behind_its_operator() -> None:
    """x FOLLOWS/2 y, as MAXQDA gives a distance in paragraphs: FOLLOWS/2 was read as a
    code, said to be none."""
    a, b = Code("a"), Code("b")
    assert parse_query("a FOLLOWS/2 b") == Meeting(a, (("follows/2", b),))
    assert parse_query("a precedes/0 b near/10 a") == Meeting(
        a, (("precedes/0", b), ("near/10", a))
    )
    assert parse_query("a NEAR/007 b") == Meeting(a, (("near/7", b),))
    assert parse_query('a "near/2" b') == And((a, Code("near/2"), b))
    assert parse_query("near/2=x") == Compare("near/2", "=", "x")
    _refused(
        ("NEAR/1 b", 1, "found NEAR/1 (NEAR/1 stands between two terms, a NEAR/1 b;"),
        ("a FOLLOWS/3", 12, "expected a code or a filter after FOLLOWS/3 (a FOLLOWS/3 b"),
        ("a NEAR/99999999 b", 3, "a distance is 1,000,000 paragraphs at most: NEAR/99999999"),
    )


def test_atlas_ti_s_overlapped_by_and_enclosed_by_are_operators_of_two_words() -> None:
    """a OVERLAPPED BY b and a ENCLOSED BY b, as ATLAS.ti writes them, in any case; a code
    named overlapped is itself without BY behind it, and the two words are quoted to be
    codes."""
    a, b, c = Code("a"), Code("b"), Code("c")
    assert parse_query("a OVERLAPPED BY b") == Meeting(a, (("overlapped by", b),))
    assert parse_query("a enclosed by b Overlapped By c") == Meeting(
        a, (("enclosed by", b), ("overlapped by", c))
    )
    assert parse_query("NOT a OVERLAPPED BY b OR c") == Or(
        (Meeting(Not(a), (("overlapped by", b),)), c)
    )
    assert parse_query("a overlapped b") == And((a, Code("overlapped"), b))
    assert parse_query('a "overlapped" "by" b') == And((a, Code("overlapped"), Code("by"), b))
    assert parse_query("a overlapped by=x") == And((a, Code("overlapped"), Compare("by", "=", "x")))
    # right behind a quoted name, or a quoted name right behind them, as "a"OVERLAPS"b"
    assert parse_query('"a"OVERLAPPED BY"b"') == Meeting(a, (("overlapped by", b),))
    assert parse_query('"a"enclosed  by "b"') == Meeting(a, (("enclosed by", b),))
    _refused(
        (
            "a OVERLAPPED BY",
            16,
            "expected a code or a filter after OVERLAPPED BY (a OVERLAPPED BY b",
        ),
        ("a ENCLOSED BY ) b", 15, "expected a code or a filter after ENCLOSED BY"),
        ("a enclosed by AND b", 15, "a code named 'enclosed by' is quoted: \"enclosed by\""),
        ("OVERLAPPED BY b", 1, "found OVERLAPPED BY (OVERLAPPED BY stands between two terms"),
        ("a AND (enclosed by b)", 8, "found ENCLOSED BY"),
        ('"a"overlapped b', 4, "nothing between this and what is before it"),
        ('x by"b"', 5, "nothing between this and what is before it"),
    )


def test_a_distance_in_sentences_or_words_is_a_letter_behind_its_number() -> None:
    """NEAR/2s, FOLLOWS/10w, as MAXQDA and NVivo users ask for them; /2p is /2, paragraphs."""
    a, b = Code("a"), Code("b")
    assert parse_query("a NEAR/2s b") == Meeting(a, (("near/2s", b),))
    assert parse_query("a follows/10W b") == Meeting(a, (("follows/10w", b),))
    assert parse_query("a PRECEDES/3p b") == parse_query("a PRECEDES/3 b")
    assert parse_query('a "near/2s" b') == And((a, Code("near/2s"), b))
    assert parse_query("a NEAR/2x b") == And((a, Code("NEAR/2x"), b))  # no unit: a code
    _refused(
        ("a NEAR/99999999w b", 3, "a distance is 1,000,000 words at most: NEAR/99999999w"),
        ("a FOLLOWS/2s", 13, "expected a code or a filter after FOLLOWS/2S (a FOLLOWS/2S b"),
        ("NEAR/1w b", 1, "found NEAR/1W (NEAR/1W stands between two terms"),
    )


def test_a_distance_is_refused_without_the_paragraphs_to_count() -> None:
    corpus = [coded("a.txt", 0, 2, "x"), coded("a.txt", 4, 5, "y")]
    with pytest.raises(TuiReaderError, match="FOLLOWS/1 counts the paragraphs of the docum"):
        compile_query("y FOLLOWS/1 x", passages=carrying_of(corpus))
    with pytest.raises(TuiReaderError, match="NEAR/2W counts the words of the documents'"):
        compile_query("y NEAR/2w x", passages=carrying_of(corpus))


# -- what they match -------------------------------------------------------------------------


def test_overlapping_means_sharing_a_character_of_one_coder_in_one_document() -> None:
    x = coded("a.txt", 0, 10, "x")
    touching = coded("a.txt", 10, 20, "y")
    bens = coded("a.txt", 0, 10, "y", coder="ben")
    elsewhere = coded("b.txt", 0, 10, "y")
    assert matched("x OVERLAPS y", [x, touching, bens, elsewhere]) == []
    overlapping = coded("a.txt", 9, 20, "y/z")  # a code below y is y
    assert matched("x OVERLAPS y", [x, overlapping]) == [x]
    assert matched("y OVERLAPS x", [x, overlapping]) == [overlapping]


def test_a_passage_carrying_both_meets_itself_and_an_empty_one_meets_nothing_else() -> None:
    both = coded("a.txt", 0, 10, "x", "y")
    empty = coded("a.txt", 5, 5, "x")
    around = coded("a.txt", 0, 10, "y")
    corpus = [both, empty, around]
    assert matched("x OVERLAPS y", corpus) == [both]
    assert matched("x WITHIN y", corpus) == [both]
    assert matched("x ENCLOSES y", corpus) == [both]


def test_within_and_encloses_take_their_edges() -> None:
    outer = coded("a.txt", 0, 20, "outer")
    inner = coded("a.txt", 0, 10, "inner")
    across = coded("a.txt", 15, 25, "inner")
    corpus = [outer, inner, across]
    assert matched("inner WITHIN outer", corpus) == [inner]
    assert matched("outer ENCLOSES inner", corpus) == [outer]
    assert matched("inner OVERLAPS outer", corpus) == [inner, across]
    assert matched("outer WITHIN inner", corpus) == []
    same = coded("a.txt", 0, 20, "inner")  # the same place is within and encloses
    assert matched("outer WITHIN inner", [outer, same]) == [outer]
    assert matched("outer ENCLOSES inner", [outer, same]) == [outer]


def test_follows_and_precedes_take_passages_touching_and_never_one_by_itself() -> None:
    """FOLLOWS: starting where one of the other side's ends, or after; PRECEDES: ending where
    one starts, or before; one coder's in one document, neither empty; a passage carrying
    both codes follows nothing by carrying them."""
    first = coded("a.txt", 0, 10, "x")
    touching = coded("a.txt", 10, 20, "y")
    later = coded("a.txt", 30, 40, "x", "y")
    bens = coded("a.txt", 50, 60, "x", coder="ben")
    elsewhere = coded("b.txt", 50, 60, "x")
    empty = coded("a.txt", 45, 45, "y")
    across = coded("a.txt", 5, 15, "y")
    corpus = [first, touching, later, bens, elsewhere, empty, across]
    assert matched("x FOLLOWS y", corpus) == [later]
    assert matched("x PRECEDES y", corpus) == [first]
    assert matched("y FOLLOWS x", corpus) == [touching, later]
    assert matched("y PRECEDES x", corpus) == [touching, across]
    assert matched("y FOLLOWS (x AND y)", corpus) == []
    assert matched("(x AND y) FOLLOWS (x AND y)", corpus) == []
    assert matched("x FOLLOWS y PRECEDES x", corpus) == []
    assert matched("y FOLLOWS x PRECEDES x", corpus) == [touching]


def test_a_distance_counts_paragraphs_from_the_nearest_passage() -> None:
    """a.txt's paragraphs start at 0, 3 and 6: FOLLOWS/0 is in the paragraph the other
    passage ends in, FOLLOWS/1 the next one too; the nearest passage before counts, not the
    first; NEAR/n takes either order, and overlapping."""
    first = coded("a.txt", 0, 2, "x")  # paragraph 1
    same = coded("a.txt", 2, 3, "y")  # paragraph 1, touching it
    next_one = coded("a.txt", 4, 5, "y")  # paragraph 2
    last = coded("a.txt", 7, 8, "y")  # paragraph 3
    late = coded("a.txt", 6, 7, "x")  # paragraph 3
    corpus = [first, same, next_one, last, late]
    assert matched("y FOLLOWS/0 x", corpus) == [same, last]
    assert matched("y FOLLOWS/1 x", corpus) == [same, next_one, last]
    assert matched("x FOLLOWS/0 y", corpus) == []
    assert matched("x FOLLOWS/1 y", corpus) == [late]
    assert matched("x PRECEDES/0 y", corpus) == [first, late]
    assert matched("y PRECEDES/0 x", corpus) == []
    assert matched("y PRECEDES/1 x", corpus) == [next_one]
    assert matched("x NEAR/0 y", corpus) == [first, late]
    assert matched("x NEAR/0 (y OR x)", corpus) == [first, late]
    across = coded("a.txt", 1, 7, "z")
    assert matched("z NEAR/0 y", [*corpus, across]) == [across]  # overlapping
    unreadable = coded("c.txt", 0, 1, "x"), coded("c.txt", 1, 2, "y")
    assert matched("y FOLLOWS/5 x", list(unreadable)) == []
    assert matched("y FOLLOWS x", list(unreadable)) == [unreadable[1]]


def test_overlapped_by_takes_a_passage_whose_start_another_overlaps() -> None:
    """ATLAS.ti's a OVERLAPPED BY b: b starts before a and ends inside it.  One that holds
    a, lies inside it, shares its start or its end, only touches it or is a itself does
    not; OVERLAPS takes them all but the one touching."""
    a = coded("a.txt", 10, 20, "x")
    corpus = [a]
    for start, end in ((0, 10), (0, 20), (0, 25), (10, 15), (12, 18), (15, 20), (20, 30)):
        corpus.append(coded("a.txt", start, end, "y"))
    assert matched("x OVERLAPPED BY y", corpus) == []
    assert matched("x OVERLAPPED BY (x OR y)", corpus) == []  # (not by itself)
    assert matched("x OVERLAPS y", corpus) == [a]
    overlapping = coded("a.txt", 5, 11, "y")
    assert matched("x OVERLAPPED BY y", [*corpus, overlapping]) == [a]
    assert matched("y OVERLAPPED BY x", [*corpus, overlapping]) == []
    later = coded("a.txt", 15, 25, "y")  # a overlaps its start
    assert matched("y OVERLAPPED BY x", [*corpus, overlapping, later]) == [later]
    bens = replace(overlapping, coder="ben")
    assert matched("x OVERLAPPED BY y", [*corpus, bens]) == []  # two coders' never meet


def test_overlaps_start_takes_a_passage_overlapping_the_start_of_another() -> None:
    """ATLAS.ti's directional a OVERLAPS b, listed by no operator here (b OVERLAPPED BY a
    lists b's passages): a starts before b and ends inside it.  One of b's that a holds,
    lies inside, shares a start or an end with, only touches, or a itself, does not."""
    a = coded("a.txt", 10, 20, "x")
    corpus = [a]
    for start, end in ((0, 15), (10, 25), (0, 20), (12, 18), (15, 20), (20, 30), (0, 10)):
        corpus.append(coded("a.txt", start, end, "y"))
    assert matched("x OVERLAPS START y", corpus) == []
    assert matched("x OVERLAPS START (x OR y)", corpus) == []  # (not itself)
    later = coded("a.txt", 15, 25, "y")
    assert matched("x OVERLAPS START y", [*corpus, later]) == [a]
    assert matched("x overlaps start y", [*corpus, later]) == [a]  # a keyword in any case
    # the other passage of the pair: b OVERLAPPED BY a
    assert matched("y OVERLAPPED BY x", [*corpus, later]) == [later]
    assert matched("x OVERLAPS START y", [*corpus, replace(later, coder="ben")]) == []


def test_start_after_overlaps_is_its_second_word_only_when_a_term_follows() -> None:
    """A code named start keeps its meaning where nothing follows it, or AND, OR or another
    operator does; quoted, it is a code wherever it stands."""
    start = Code("start")
    for query, meets in [
        ("a OVERLAPS START b", (("overlaps start", Code("b")),)),
        ("a overlaps start (b OR c)", (("overlaps start", Or((Code("b"), Code("c")))),)),
        ("a OVERLAPS START NOT b", (("overlaps start", Not(Code("b"))),)),
        ("a OVERLAPS start", (("overlaps", start),)),
        ("a OVERLAPS start WITHIN c", (("overlaps", start), ("within", Code("c")))),
        ('a OVERLAPS "start" b', (("overlaps", start),)),
    ]:
        tree = parse_query(query)
        if isinstance(tree, And):
            tree = tree.operands[0]
        assert tree == Meeting(Code("a"), meets), query
    assert parse_query("a OVERLAPS start AND b") == And(
        (Meeting(Code("a"), (("overlaps", start),)), Code("b"))
    )
    assert parse_query("a OVERLAPS start=1") == Meeting(
        Code("a"), (("overlaps", Compare("start", "=", "1")),)
    )


def test_enclosed_by_is_within() -> None:
    inside = coded("a.txt", 2, 4, "x")
    around = coded("a.txt", 0, 6, "y")
    both = coded("a.txt", 8, 9, "x", "y")
    corpus = [inside, around, both]
    assert matched("x ENCLOSED BY y", corpus) == matched("x WITHIN y", corpus) == [inside, both]
    assert matched("y ENCLOSES x", corpus) == [around, both]


def test_a_distance_counts_sentences_or_words_as_it_counts_paragraphs() -> None:
    """a.txt's sentences start at 0, 2, 3, 5 and 6, its words at every offset: FOLLOWS/0s
    is in the sentence the other passage ends in, FOLLOWS/2w at most two words after."""
    first = coded("a.txt", 0, 1, "x")  # sentence 1, word 1
    same = coded("a.txt", 1, 2, "y")  # sentence 1, word 2
    second = coded("a.txt", 2, 3, "y")  # sentence 2, word 3
    far = coded("a.txt", 5, 6, "y")  # sentence 4, word 6
    only_x = [first, same, second, far]
    assert matched("y FOLLOWS/0s x", only_x) == [same]
    assert matched("y FOLLOWS/1s x", only_x) == [same, second]
    assert matched("y NEAR/0s x", only_x) == [same]
    assert matched("y NEAR/1s x", only_x) == [same, second]
    assert matched("y NEAR/3s x", only_x) == [same, second, far]
    assert matched("y NEAR/1w x", only_x) == [same]
    assert matched("y NEAR/2w x", only_x) == [same, second]
    assert matched("y NEAR/4w x", only_x) == [same, second]
    assert matched("y NEAR/5w x", only_x) == [same, second, far]
    assert matched("x PRECEDES/1w y", only_x) == [first]
    assert matched("x PRECEDES/0w y", only_x) == []
    assert matched("y FOLLOWS/1 x", only_x) == matched("y FOLLOWS/1p x", only_x)


def test_the_other_side_is_any_query() -> None:
    ana = coded("a.txt", 0, 10, "x")
    near = coded("a.txt", 5, 15, "y", "z")
    far = coded("a.txt", 30, 40, "x")
    other = coded("a.txt", 35, 45, "y")
    corpus = [ana, near, far, other]
    assert matched("x OVERLAPS (y AND z)", corpus) == [ana]
    assert matched("x OVERLAPS (y AND NOT z)", corpus) == [far]
    assert matched("x OVERLAPS NOT x", corpus) == [ana, far]
    assert matched("NOT (x OVERLAPS y)", corpus) == [near, other]


def test_a_query_of_relations_needs_the_passages_to_look_at() -> None:
    with pytest.raises(TuiReaderError, match="OVERLAPS looks at other passages"):
        compile_query("x OVERLAPS y")


def test_its_passages_are_its_subjects_and_its_coders_those_of_both_sides() -> None:
    node = parse_query("(x OR y) OVERLAPS coder:ana")
    assert codes_required(node) == frozenset({"x", "y"})
    assert coders_asked(node, lambda: ["ana", "ben"]) == {"ana"}
    assert coders_asked(parse_query("x OVERLAPS y"), lambda: ["ana"]) is None


# -- against a plain look at every pair ------------------------------------------------------

DOCUMENTS = ("a.txt", "b.txt")
TAGS = st.sampled_from(["a", "a/b", "ab", "c", "d"])
TERMS = ("a", "a/b", "c", "d", "NOT c", "coder:ana", "(c OR d)", '"a" d')
RELATIONS = (
    "overlaps", "within", "encloses", "overlapped by", "enclosed by", "follows", "precedes",
    "overlaps start",
)  # fmt: skip
DISTANCED = (
    "follows/0", "follows/1", "precedes/0", "precedes/2", "near/0", "near/1", "near/2",
    "follows/1s", "precedes/0s", "near/2s", "follows/0w", "follows/3w", "precedes/1w", "near/2w",
)  # fmt: skip
# a passage matching b meets b itself
SELF_MEETING = (
    "overlaps",
    "within",
    "encloses",
    "enclosed by",
    *(d for d in DISTANCED if d.startswith("near")),
)


@st.composite
def corpora(draw: st.DrawFn) -> list[Annotation]:
    """Passages of a few places, many of them overlapping, some empty, of two coders."""
    found = []
    for i in range(draw(st.integers(0, 14))):
        start = draw(st.integers(0, 6))
        end = draw(st.integers(start, 8))
        tags = tuple(draw(st.lists(TAGS, max_size=3, unique=True)))
        passage = coded(
            draw(st.sampled_from(DOCUMENTS)),
            start,
            end,
            *tags,
            coder=draw(st.sampled_from(["ana", "ben"])),
        )
        found.append(replace(passage, id=f"p{i}"))
    return found


def _unit(document: str, offset: int, unit: str = "paragraph") -> int:
    """The paragraph (sentence, word) holding ``offset``: those starting at it or before,
    counted."""
    return bisect_right(UNITS[unit][document], offset)


def _stands(relation: str, a: Annotation, b: Annotation) -> bool:
    """Whether ``a`` stands to ``b`` as ``relation`` says, written from its definition."""
    if (a.document, a.coder) != (b.document, b.coder) or a.start >= a.end or b.start >= b.end:
        return False
    operator, _, distance = relation.partition("/")
    if distance:
        unit = {"s": "sentence", "w": "word"}.get(distance[-1], "paragraph")
        most = int(distance.rstrip("sw"))
        after = b.end <= a.start and (
            _unit(a.document, a.start, unit) - _unit(a.document, b.end - 1, unit) <= most
        )
        before = a.end <= b.start and (
            _unit(a.document, b.start, unit) - _unit(a.document, a.end - 1, unit) <= most
        )
        if operator == "follows":
            return after
        if operator == "precedes":
            return before
        return after or before or _stands("overlaps", a, b)
    if relation == "overlaps":
        return max(a.start, b.start) < min(a.end, b.end)
    if relation in ("within", "enclosed by"):
        return b.start <= a.start and a.end <= b.end
    if relation == "overlapped by":  # b starts before a, and ends inside it
        return b.start < a.start < b.end < a.end
    if relation == "overlaps start":  # a starts before b, and ends inside it
        return a.start < b.start < a.end < b.end
    if relation == "follows":
        return b.end <= a.start
    if relation == "precedes":
        return a.end <= b.start
    return a.start <= b.start and b.end <= a.end


def _by_definition(
    corpus: list[Annotation], subject: str, relations: list[tuple[str, str]]
) -> list[Annotation]:
    def test(term: str) -> Callable[[Annotation], bool]:
        return compile_query(term)  # a term holds no relation: tested alone

    found = [a for a in corpus if test(subject)(a)]
    for relation, other in relations:
        takes = test(other)
        found = [
            a
            for a in found
            if (relation in SELF_MEETING and takes(a))
            or any(takes(b) and _stands(relation, a, b) for b in corpus)
        ]
    return found


@settings(max_examples=examples(200))
@given(
    corpora(),
    st.sampled_from(TERMS),
    st.lists(st.tuples(st.sampled_from(RELATIONS), st.sampled_from(TERMS)), min_size=1, max_size=3),
)
def test_relations_match_what_their_definition_takes_in_any_order(
    corpus: list[Annotation], subject: str, relations: list[tuple[str, str]]
) -> None:
    query = f"({subject})" + "".join(
        f" {relation.upper()} ({other})" for relation, other in relations
    )
    expected = {a.id for a in _by_definition(corpus, subject, relations)}
    for order in (corpus, corpus[::-1]):
        assert {a.id for a in matched(query, order)} == expected, query


@settings(max_examples=examples(200))
@given(
    corpora(),
    st.sampled_from(TERMS),
    st.lists(
        st.tuples(st.sampled_from(("follows", "precedes", *DISTANCED)), st.sampled_from(TERMS)),
        min_size=1,
        max_size=2,
    ),
)
def test_follows_and_precedes_match_what_their_definition_takes(
    corpus: list[Annotation], subject: str, relations: list[tuple[str, str]]
) -> None:
    """FOLLOWS and PRECEDES, and with a distance in paragraphs, NEAR too, against a plain
    look at every pair, in every example (drawn among the five relations, the suite's
    examples tried them in few)."""
    query = f"({subject})" + "".join(
        f" {relation.upper()} ({other})" for relation, other in relations
    )
    expected = {a.id for a in _by_definition(corpus, subject, relations)}
    for order in (corpus, corpus[::-1]):
        assert {a.id for a in matched(query, order)} == expected, query


@settings(max_examples=examples(200))
@given(
    corpora(),
    st.sampled_from(("follows", "precedes", "near")),
    st.sampled_from(("", "p", "s", "w")),
    st.integers(0, 4),
    st.integers(0, 4),
    st.sampled_from(TERMS),
    st.sampled_from(TERMS),
)
def test_a_longer_distance_never_finds_fewer(
    corpus: list[Annotation],
    operator: str,
    unit: str,
    shorter: int,
    more: int,
    subject: str,
    other: str,
) -> None:
    """A distance in paragraphs, sentences or words takes every passage a shorter one does
    (FOLLOWS/3w every one FOLLOWS/2w takes), and FOLLOWS, PRECEDES without one every one it
    takes."""
    near = {a.id for a in matched(f"({subject}) {operator}/{shorter}{unit} ({other})", corpus)}
    far = {
        a.id for a in matched(f"({subject}) {operator}/{shorter + more}{unit} ({other})", corpus)
    }
    assert near <= far
    if operator != "near":
        assert far <= {a.id for a in matched(f"({subject}) {operator} ({other})", corpus)}


@settings(max_examples=examples(200))
@given(corpora(), st.sampled_from(TERMS), st.sampled_from(TERMS))
def test_within_is_enclosed_by_and_each_mirrors_its_other(
    corpus: list[Annotation], x: str, y: str
) -> None:
    """x ENCLOSED BY y takes what x WITHIN y does; each passage it takes that y's side does
    not take itself lies in one that y ENCLOSES x takes; each that x OVERLAPPED BY y takes
    is one x OVERLAPS y takes (ours, any shared character), and has a passage y's side takes
    that y OVERLAPS x takes, starting before it."""
    within = matched(f"({x}) WITHIN ({y})", corpus)
    assert [a.id for a in matched(f"({x}) ENCLOSED BY ({y})", corpus)] == [a.id for a in within]
    takes_y = compile_query(y)
    enclosing = matched(f"({y}) ENCLOSES ({x})", corpus)
    for a in within:
        if takes_y(a):
            continue
        assert any(
            (b.document, b.coder) == (a.document, a.coder) and b.start <= a.start and a.end <= b.end
            for b in enclosing
        ), a
    overlapped = matched(f"({x}) OVERLAPPED BY ({y})", corpus)
    assert {a.id for a in overlapped} <= {a.id for a in matched(f"({x}) OVERLAPS ({y})", corpus)}
    overlapping = matched(f"({y}) OVERLAPS ({x})", corpus)
    for a in overlapped:
        assert any(
            (b.document, b.coder) == (a.document, a.coder) and b.start < a.start < b.end < a.end
            for b in overlapping
        ), a


@settings(max_examples=examples(150))
@given(corpora(), TAGS, TAGS)
def test_overlaps_is_what_meets_lists(corpus: list[Annotation], first: str, second: str) -> None:
    """``query A --meets B`` listed passages_meeting's: A OVERLAPS B lists them."""
    own = [a for a in corpus if carries_any(a.tags, frozenset([first]))]
    assert matched(f"{first} OVERLAPS {second}", corpus) == passages_meeting(own, second, corpus)


@settings(max_examples=examples(150))
@given(corpora(), st.lists(st.sampled_from(["a/b", "c", "d"]), min_size=2, max_size=2, unique=True))
def test_a_co_occurrence_cells_query_lists_its_passages(
    corpus: list[Annotation], codes: list[str]
) -> None:
    """A co-occurrence cell of two codes (none below them) lists meeting_passages': its
    query, A OVERLAPS B OR B OVERLAPS A, lists them too."""
    first, second = codes
    itself = counted_itself(codes, None, (t for a in corpus for t in a.tags))
    assert itself == frozenset()
    query = cell_query(first, second, itself)
    assert query == f'"{first}" OVERLAPS "{second}" OR "{second}" OVERLAPS "{first}"'
    cell = matched(query, corpus)
    assert {a.id for a in cell} == {a.id for a in meeting_passages(corpus, first, second)}


@settings(max_examples=examples(200))
@given(corpora(), st.sampled_from([None, 1, 2]), st.sampled_from(["a/b", "ab", "c"]), st.booleans())
def test_a_cell_of_a_code_with_codes_below_it_lists_its_own_passages_in_its_query(
    corpus: list[Annotation], depth: int | None, other: str, row: bool
) -> None:
    """With the codes each apart, the row of a, a code with a/b below it, counts the passages
    coded a itself, and so its cell with c: its query, "a" OVERLAPS "c" OR ..., took a/b's
    passages too, listing more than the cell (edited in the query view, it is run as a
    query).  The cell's query now writes such a code exactly:"a", at every depth (at depth
    1, a/b is a row of a: a takes it)."""
    if depth == 1 and other == "a/b":
        return  # (no row of its own)
    first, second = ("a", other) if row else (other, "a")
    tags = [t for a in corpus for t in a.tags]
    query = cell_query(first, second, counted_itself((first, second), depth, tags))
    expected = {a.id for a in meeting_passages(corpus, first, second, depth)}
    assert {a.id for a in matched(query, corpus)} == expected, query


def test_a_cells_code_is_written_exactly_only_where_its_row_counts_it_alone() -> None:
    tags = ["a", "a/b", "a/b/c", "d"]
    assert counted_itself(["a", "d"], None, tags) == {"a"}  # d has no code below it
    assert counted_itself(["a", "a/b"], None, tags) == {"a", "a/b"}
    assert counted_itself(["a", "a/b"], 1, tags) == set()  # a takes a/b, a/b/c
    assert counted_itself(["a", "a/b"], 2, tags) == {"a"}  # a/b takes a/b/c
    assert counted_itself(["a"], None, ["a", "ab"]) == set()  # ab is not below a
    query = cell_query("a", "d", {"a"})
    assert query == 'exactly:"a" OVERLAPS "d" OR "d" OVERLAPS exactly:"a"'
    assert parse_query(query) == Or(
        (
            Meeting(Code("a", exact=True), (("overlaps", Code("d")),)),
            Meeting(Code("d"), (("overlaps", Code("a", exact=True)),)),
        )
    )


def test_a_filter_on_the_other_side_is_that_sides_own() -> None:
    """x OVERLAPS (y coder:ben): a passage of Ana's overlapping Ana's y is not taken, a
    passage meeting its own coder's alone; one of Ben's is."""
    node = parse_query("x OVERLAPS (y coder:ben)")
    assert node == Meeting(Code("x"), (("overlaps", And((Code("y"), Field("coder", "ben")))),))
    anas = coded("a.txt", 0, 10, "x")
    bens = coded("a.txt", 0, 10, "x", coder="ben")
    corpus = [anas, coded("a.txt", 5, 15, "y"), bens, coded("a.txt", 5, 15, "y", coder="ben")]
    assert matched("x OVERLAPS (y coder:ben)", corpus) == [bens]
    assert matched("x OVERLAPS y", corpus) == [anas, bens]


def test_two_coders_asked_to_meet_are_told_a_passage_meets_its_own_coders_alone() -> None:
    """x coder:ana OVERLAPS (y coder:ben) matches nothing, as two coders' passages never
    meet: said as coder:ana AND coder:ben is, naming the agreement that compares them."""
    node = parse_query("x coder:ana OVERLAPS (y coder:ben)")
    lines = coders_apart(node, lambda: ["ana", "ben"])
    assert len(lines) == 1 and "tui-reader agreement ana ben" in lines[0]
    assert coders_apart(parse_query("x coder:ana OVERLAPS y"), lambda: ["ana", "ben"]) == []


def test_each_side_is_spelled_and_warned_of_as_a_query_is() -> None:
    """A code in another case, doc:A.TXT for a.txt, coder:BEN as spelled, a coder who coded
    nothing: on either side, as anywhere in a query."""
    node = parse_query("Army OVERLAPS (x doc:A.TXT coder:BEN)")
    spelled, unknown = spelled_as_coded(node, ["army", "x"])
    assert unknown == [] and isinstance(spelled, Meeting) and spelled.subject == Code("army")
    other = documents_spelled(coders_spelled(node, lambda: ["BEN", "ben"]), ["a.txt"])
    assert isinstance(other, Meeting)
    assert other.meets[0][1] == And(
        (Code("x"), Field("doc", "A.TXT", any_case=True), Field("coder", "BEN", exact=True))
    )
    assert unmatched_coders(parse_query("x OVERLAPS coder:zed"), lambda: ["ana"]) == [
        "coder:zed: no passage is coded by 'zed' (coders here: ana)"
    ]


# -- how often the scope is looked at --------------------------------------------------------


def test_the_scope_is_looked_at_once_however_many_sides_a_query_has() -> None:
    """A row of thousands of distinct codes pasted as other sides asked the scope for each
    side's passages in turn: one look at 100,000 passages each, minutes in all. The passages
    of every side are now gathered in one look, each distinct side's kept once."""
    corpus = [coded("a.txt", 0, 10, "x")] + [
        coded("a.txt", i, i + 5, f"c{i}") for i in range(0, 600, 3)
    ]
    asked: list[frozenset[str] | None] = []
    carrying = carrying_of(corpus)

    def counted(codes: frozenset[str] | None) -> list[Annotation]:
        asked.append(codes)
        return carrying(codes)

    sides = [f"c{i}" for i in range(0, 600, 3)]
    cases = {
        "x OVERLAPS " + " OVERLAPS ".join(sides[:3]): [corpus[0]],
        "x OVERLAPS " + " OVERLAPS ".join(sides): [],
        "x OVERLAPS c0 ENCLOSES " + " ENCLOSES ".join(["c3"] * 50): [corpus[0]],
        cell_query("x", "c3"): [corpus[0], corpus[2]],
        "x OVERLAPS (c0 OR NOT c3) OVERLAPS c6 OVERLAPS (c0 OR NOT c3)": [corpus[0]],
        "(x OVERLAPS c0) OR (c3 OVERLAPS x) OR (x OVERLAPS c6)": [corpus[0], corpus[2]],
    }
    for query, expected in cases.items():
        asked.clear()
        test = compile_query(query, passages=counted)
        assert [a for a in corpus if test(a)] == expected, query
        assert len(asked) == 1, query


def _refused(*cases: tuple[str, int, str]) -> None:
    """Each query typed is refused at its column, the error saying what is said."""
    for typed, column, said in cases:
        with pytest.raises(QuerySyntaxError) as raised:
            parse_query(typed)
        assert raised.value.column == column, typed
        assert said in str(raised.value), typed
