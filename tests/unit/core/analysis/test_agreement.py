"""Agreement of two coders over documents: units, tables per code, overall, disagreements."""

from __future__ import annotations

import pytest
from helpers import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.agreement import Comparison, Units, coded_by_one
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.codebook.names import in_tag_order

TEXT = "abcdefghij"
STORY = "One two three. Four five six.\n\nSeven eight. Nine ten.\n"


def coded(start: int, end: int, *tags: str, coder: str = "ana", doc: str = "d.txt") -> Annotation:
    text = STORY if doc == "s.txt" else TEXT
    return Annotation(doc, start, end, text[start:end], tags=tags, coder=coder)


def test_character_units_computed_by_hand() -> None:
    comparison = Comparison([coded(0, 5, "x")], [coded(2, 7, "x", coder="ben")], {"d.txt": TEXT})
    [row, overall] = comparison.rows()
    assert row.tag == "x" and overall.tag is None
    table = row.table
    assert (table.both, table.only_a, table.only_b, table.neither) == (3, 2, 2, 3)
    assert row.record() == {
        "tag": "x",
        "units": 10,
        "agreement": pytest.approx(0.6),
        "kappa": pytest.approx(0.2),
        "alpha": pytest.approx(0.24),
        "both": 3,  # the counts and the reason a statistic is undefined, as the table has them
        "only_a": 2,
        "only_b": 2,
        "neither": 3,
        "undefined_because": None,
    }


def test_identical_coding_gives_kappa_one() -> None:
    mine = [coded(0, 3, "x"), coded(5, 9, "x", "y"), coded(15, 20, "x", doc="s.txt")]
    theirs = [a.evolve(coder="ben", id=a.id + "-b") for a in mine]
    both_ways = Comparison(mine, theirs, {"s.txt": STORY}, "sentence")
    assert all(r.table.agreement == 1.0 for r in both_ways.rows())
    rows = Comparison(mine, theirs, {"d.txt": TEXT}).rows()
    assert [(r.tag, r.table.kappa, r.table.alpha) for r in rows] == [
        ("x", 1.0, 1.0),
        ("y", 1.0, 1.0),
        (None, 1.0, 1.0),
    ]
    assert Comparison(mine, theirs, {"d.txt": TEXT}).disagreements() == []


def test_sentence_and_paragraph_units_count_overlaps() -> None:
    units = Units(STORY, "sentence")
    assert [STORY[s:e] for s, e in units.spans.tolist()] == [  # type: ignore[union-attr]
        "One two three.",
        "Four five six.",
        "Seven eight.",
        "Nine ten.",
    ]
    # Ana codes a word of sentence 1; Ben a stretch across sentences 1 and 2.
    ana = [coded(4, 7, "x", doc="s.txt")]
    ben = [coded(8, 20, "x", coder="ben", doc="s.txt")]
    [row, _] = Comparison(ana, ben, {"s.txt": STORY}, "sentence").rows()
    assert (row.table.both, row.table.only_a, row.table.only_b, row.table.neither) == (1, 0, 1, 2)
    [row, _] = Comparison(ana, ben, {"s.txt": STORY}, "paragraph").rows()
    assert (row.table.both, row.table.units) == (1, 2)
    assert row.table.agreement == 1.0 and row.table.kappa == 1.0  # both coded paragraph 1 only


def test_word_units_computed_by_hand() -> None:
    """By word (as a coder who marks whole words compares): there was no such unit, only
    characters, sentences and paragraphs."""
    text = "The army moved to the border at night."
    assert [text[s:e] for s, e in Units(text, "word").spans.tolist()] == [  # type: ignore[union-attr]
        "The", "army", "moved", "to", "the", "border", "at", "night.",
    ]  # fmt: skip
    # Ana codes "army moved", Ben "ved to the": words 2-3 and 3-5.
    ana = [Annotation("w.txt", 4, 14, "army moved", tags=("x",), coder="ana")]
    ben = [Annotation("w.txt", 11, 21, "ved to the", tags=("x",), coder="ben")]
    [row, _] = Comparison(ana, ben, {"w.txt": text}, "word").rows()
    assert (row.table.both, row.table.only_a, row.table.only_b, row.table.neither) == (1, 1, 2, 4)
    # kappa = 2(ad - bc) / ((a+b)(b+d) + (a+c)(c+d)) = 2(4 - 2) / (2*5 + 3*6) = 1/7
    assert row.table.kappa == pytest.approx(1 / 7)
    # alpha = 1 - (n-1) * (b+c) / (n_0 * n_1): n = 16, n_1 = 2+3 = 5, n_0 = 8+3 = 11
    assert row.table.alpha == pytest.approx(1 - 15 * 3 / (11 * 5))


def test_disagreements_list_codes_in_the_codebooks_order() -> None:
    """Each coder's codes at a place, and the codes of one place, were in code-point order
    (Q&A, Zone, a=b, and, émotion after x): they are in the order every list of codes has
    (natural, case and accents aside), a parent before its children."""
    tags = ("Zone", "a=b", "émotion", "x", "Q&A", "t10", "t9", "a", "a/b")
    ana = [coded(0, 5, tag) for tag in tags]
    found = Comparison(ana, [], {"d.txt": TEXT}).disagreements()
    order = ["a", "a/b", "a=b", "émotion", "Q&A", "t9", "t10", "x", "Zone"]
    assert [d.tag for d in found] == order
    assert {d.codes_a for d in found} == {tuple(order)}


def test_disagreements_name_the_passage_and_both_coders_codes() -> None:
    ana = [coded(0, 5, "x"), coded(0, 2, "y")]
    ben = [coded(2, 7, "x", coder="ben")]
    found = Comparison(ana, ben, {"d.txt": TEXT}).disagreements()
    summary = [(d.start, d.end, d.tag, d.coded_by, d.codes_a, d.codes_b) for d in found]
    assert summary == [
        (0, 2, "x", "a", ("x", "y"), ()),
        (0, 2, "y", "a", ("x", "y"), ()),
        (5, 7, "x", "b", (), ("x",)),
    ]


def test_scope_orphans_and_other_documents() -> None:
    ana = [
        coded(0, 5, "policy/border"),
        coded(0, 5, "other"),
        coded(1, 2, "policy").evolve(status=AnchorStatus.ORPHAN),
        coded(0, 5, "policy", doc="elsewhere.txt"),
    ]
    comparison = Comparison(ana, [], {"d.txt": TEXT}, tags=["policy"])
    assert comparison.codes == ["policy/border"]  # the orphan and the other document: out
    [row, overall] = comparison.rows()
    assert row.table.only_a == 5 and overall.table.units == 10


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(1, 10), st.sampled_from("xy")), max_size=6),
    st.lists(st.tuples(st.integers(0, 9), st.integers(1, 10), st.sampled_from("xy")), max_size=6),
)
def test_tables_match_a_character_by_character_count(
    a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]
) -> None:
    ana = [coded(s, e, t) for s, e, t in a if s < e]
    ben = [coded(s, e, t, coder="ben") for s, e, t in b if s < e]
    comparison = Comparison(ana, ben, {"d.txt": TEXT})
    for row in comparison.rows()[:-1]:
        on_a = {i for x in ana if row.tag in x.tags for i in range(x.start, x.end)}
        on_b = {i for x in ben if row.tag in x.tags for i in range(x.start, x.end)}
        assert row.table.both == len(on_a & on_b)
        assert row.table.only_a == len(on_a - on_b)
        assert row.table.only_b == len(on_b - on_a)
        assert row.table.units == len(TEXT)
    runs = comparison.disagreements()
    assert sum(d.end - d.start for d in runs) == sum(
        r.table.only_a + r.table.only_b for r in comparison.rows()[:-1]
    )


@settings(max_examples=examples(40), deadline=None)
@given(
    st.sampled_from(["word", "sentence", "paragraph"]),
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 54)), max_size=5),
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 54)), max_size=5),
)
def test_segment_counts_equal_unit_by_unit_marks(
    unit: str, a: list[tuple[int, int]], b: list[tuple[int, int]]
) -> None:
    ana = [coded(s, e, "x", doc="s.txt") for s, e in a if s < e]
    ben = [coded(s, e, "x", coder="ben", doc="s.txt") for s, e in b if s < e]
    comparison = Comparison(ana, ben, {"s.txt": STORY}, unit)  # type: ignore[arg-type]
    if not comparison.codes:
        return
    on_a, on_b = comparison.marks("s.txt", "x")
    table = comparison.table("x")
    assert table.both == int((on_a & on_b).sum())
    assert table.only_a == int((on_a & ~on_b).sum())
    assert table.only_b == int((on_b & ~on_a).sum())
    assert table.units == len(on_a) == comparison.units["s.txt"].count


TEXTS = {"d.txt": TEXT, "s.txt": STORY, "e.txt": "", "t.txt": "Short one.\n\nAnd two."}
_PASSAGES = st.lists(
    st.tuples(
        st.sampled_from(sorted(TEXTS)), st.integers(0, 56), st.integers(0, 56),
        st.sampled_from(["x", "y", "y/z"]),
    ),
    max_size=10,
)  # fmt: skip


@settings(max_examples=examples(60), deadline=None)
@given(st.sampled_from(["character", "word", "sentence", "paragraph"]), _PASSAGES, _PASSAGES)
def test_documents_laid_end_to_end_count_as_each_document_counted_alone(
    unit: str, a: list[tuple[str, int, int, str]], b: list[tuple[str, int, int, str]]
) -> None:
    """Every document's units are counted in one pass per code: the tables are the sums of
    each document's own unit-by-unit marks (passages past a text's end, none on a document,
    an empty document, codes on one side only)."""

    def annotation(doc: str, start: int, end: int, tag: str, coder: str) -> Annotation:
        return Annotation(doc, start, end, TEXTS[doc][start:end], tags=(tag,), coder=coder)

    ana = [annotation(*p, "ana") for p in a if p[1] < p[2]]
    ben = [annotation(*p, "ben") for p in b if p[1] < p[2]]
    comparison = Comparison(ana, ben, TEXTS, unit)  # type: ignore[arg-type]
    rows = comparison.rows()
    for row in rows[:-1]:
        assert row.tag is not None
        both = only_a = only_b = units = 0
        for document in TEXTS:
            on_a, on_b = comparison.marks(document, row.tag)
            both += int((on_a & on_b).sum())
            only_a += int((on_a & ~on_b).sum())
            only_b += int((on_b & ~on_a).sum())
            units += len(on_a)
        table = row.table
        assert (table.both, table.only_a, table.only_b, table.units) == (
            both, only_a, only_b, units,
        )  # fmt: skip


def test_codes_compared_at_a_depth_count_the_codes_below_as_the_one_they_are_under() -> None:
    """Ana coded 'security/border' where Ben coded 'security/army': a code apart each, they
    never agreed, and no option asked how far they agree on 'security'."""
    mine = [coded(0, 5, "security/border"), coded(6, 8, "actors/us/army")]
    theirs = [coded(2, 7, "security/army", coder="ben"), coded(6, 8, "actors", coder="ben")]
    apart = Comparison(mine, theirs, {"d.txt": TEXT})
    assert [r.tag for r in apart.rows()] == [
        "actors", "actors/us/army", "security/army", "security/border", None,
    ]  # fmt: skip
    rolled = Comparison(mine, theirs, {"d.txt": TEXT}, depth=1)
    [actors, security, overall] = rolled.rows()
    assert (actors.tag, security.tag, overall.tag) == ("actors", "security", None)
    table = security.table  # as one code: a 0-5, b 2-7 over 10 characters
    assert (table.both, table.only_a, table.only_b, table.neither) == (3, 2, 2, 3)
    assert table.kappa == pytest.approx(0.2) and actors.table.kappa == 1.0
    two = Comparison(mine, theirs, {"d.txt": TEXT}, depth=2)
    assert [r.tag for r in two.rows()] == ["actors", "actors/us", "security/army",
                                           "security/border", None]  # fmt: skip
    # a code named is never cut above: its codes below count as it
    named = Comparison(mine, theirs, {"d.txt": TEXT}, tags=["actors/us"], depth=1)
    assert [r.tag for r in named.rows()] == ["actors/us", None]
    assert named.rows()[0].table.only_a == 2
    found = rolled.disagreements()
    assert [(d.start, d.end, d.tag, d.coded_by) for d in found] == [
        (0, 2, "security", "a"), (5, 7, "security", "b"),
    ]  # fmt: skip


def _disagreements_code_by_code(comparison: Comparison) -> list[tuple[object, ...]]:
    """The disagreements as they were found before: each document's and code's segments
    (numpy) and their runs, a run of spaces alone left out."""
    found = []
    for document, text in comparison.texts.items():
        units = comparison.units[document]
        for tag in comparison.codes:
            if tag not in comparison.a.get(document, {}) and tag not in comparison.b.get(
                document, {}
            ):
                continue
            for first, after, by_a in comparison.segments(document, tag).runs():
                start, end = units.span(first, after)
                if isinstance(text, str) and not text[start:end].strip():
                    continue
                found.append((document, start, end, tag, "a" if by_a else "b"))
    return sorted(found)


_PASSAGES = st.lists(
    st.tuples(st.integers(-2, 60), st.integers(-2, 60), st.sampled_from(["x", "y", "x/z"])),
    max_size=8,
)


@settings(max_examples=examples(50), deadline=None)
@example([(0, 2, "x"), (0, 5, "y"), (3, 5, "x/z")], [], "character", TEXT)  # places alike
@given(
    _PASSAGES,
    _PASSAGES,
    st.sampled_from(["character", "word", "sentence", "paragraph"]),
    st.sampled_from([STORY, TEXT, "", "   ", "One. Two.\n\n\n\nThree four."]),
)
def test_disagreements_are_the_runs_of_each_documents_segments(
    a: list[tuple[int, int, str]], b: list[tuple[int, int, str]], unit: str, text: str
) -> None:
    """Each code's runs are found in Python from the units of all of a document's passages
    at once: the same runs as each document's and code's segments give (passages reaching
    past the text, between units, on no unit, empty texts, units of every kind)."""

    def made(passages: list[tuple[int, int, str]], coder: str) -> list[Annotation]:
        return [Annotation("d.txt", s, e, "q", tags=(t,), coder=coder) for s, e, t in passages]

    comparison = Comparison(made(a, "ana"), made(b, "ben"), {"d.txt": text}, unit)  # type: ignore[arg-type]
    listed = comparison.disagreements()
    found = [(d.document, d.start, d.end, d.tag, d.coded_by) for d in listed]
    assert sorted(found) == _disagreements_code_by_code(comparison)
    for d in listed:  # each coder's codes at the place (found once for a place)
        for side, codes in ((comparison.a, d.codes_a), (comparison.b, d.codes_b)):
            passages = side.get(d.document, {})
            at = {t for t, each in passages.items() for s, e in each if s < d.end and e > d.start}
            assert codes == tuple(in_tag_order(at))
    if unit == "character":  # what is listed and the spaces told add up to the figures
        told = comparison.listed()
        for tag, table in comparison.tables(comparison.codes).items():
            apart = sum(d.end - d.start for d in told.places if d.tag == tag)
            assert apart + told.spaces.get(tag, 0) == table.only_a + table.only_b, tag


def test_a_gap_of_spaces_between_two_passages_is_no_disagreement_to_list_or_jump_to() -> None:
    """One coder coded two sentences apart, the other as one passage: the space between them
    is counted by character (every character is, as NVivo counts), but it is no passage a
    reader can see, so it is neither listed nor a place ``d`` jumps to."""
    from tui_reader.core.analysis.agreement import disagreement_places

    text = "S1. S2.\u0301 \u0301\nS3."
    apart = [
        Annotation("d.txt", 0, 3, "S1.", tags=("fear",), coder="ana"),
        Annotation("d.txt", 4, 8, "S2.", tags=("fear",), coder="ana"),
        Annotation("d.txt", 11, 14, "S3.", tags=("fear",), coder="ana"),
    ]
    whole = [Annotation("d.txt", 0, 14, text, tags=("fear",), coder="ben")]
    comparison = Comparison(apart, whole, {"d.txt": text})
    assert comparison.disagreements() == []
    assert disagreement_places(apart, whole, "d.txt", text) == []
    [row, _] = comparison.rows()
    assert (row.table.both, row.table.only_b) == (10, 4)  # the figures count the gaps still
    assert comparison.listed().spaces == {"fear": 4}  # and the list tells them
    wider = [Annotation("d.txt", 0, 5, "S1. S", tags=("fear",), coder="ben")]
    [left] = Comparison(apart[:1], wider, {"d.txt": text}).disagreements()
    assert text[left.start : left.end] == " S"  # a gap with words in it is listed as before


def test_the_documents_one_coder_coded_and_the_other_did_not_are_told_apart() -> None:
    ana = [coded(0, 5, "t", doc="a.txt"), coded(0, 5, "t", doc="b.txt"), coded(0, 5, doc="c.txt")]
    ben = [coded(0, 5, "t", coder="ben", doc="b.txt"), coded(1, 3, coder="ben", doc="d.txt")]
    assert coded_by_one(ana, ben) == (["a.txt", "c.txt"], ["d.txt"])
    assert coded_by_one(ana, ana) == ([], [])


_CODED = st.lists(
    st.tuples(
        st.sampled_from([*sorted(TEXTS), "gone.txt"]), st.integers(0, 56), st.integers(0, 56),
        st.lists(st.sampled_from(["x", "y", "y/z", "y/z/w"]), min_size=1, max_size=3),
        st.booleans(),
    ),
    max_size=10,
)  # fmt: skip


@settings(max_examples=examples(60), deadline=None)
@example("character", [("d.txt", 0, 4, ["y/z", "y/z/w", "y/z"], False)], [], 1)
@given(
    st.sampled_from(["character", "word", "sentence", "paragraph"]),
    _CODED,
    _CODED,
    st.sampled_from([None, 1, 2]),
)
def test_the_figures_are_counted_from_each_coders_columns_not_by_document(
    unit: str,
    a: list[tuple[str, int, int, list[str], bool]],
    b: list[tuple[str, int, int, list[str], bool]],
    depth: int | None,
) -> None:
    """The tables are counted from each coder's passages as columns (a passage of several
    codes once per code, a code given twice once, orphans and documents not compared left
    out, codes cut to a depth): each coder's passages by document and code are not made
    for them, and the tables are the sums of the marks those give, document by document."""

    def annotation(
        doc: str, start: int, end: int, tags: list[str], orphan: bool, coder: str
    ) -> Annotation:
        made = Annotation(doc, start, end, "q", tags=tuple(tags), coder=coder)
        return made.evolve(status=AnchorStatus.ORPHAN) if orphan else made

    ana = [annotation(*p, "ana") for p in a if p[1] < p[2]]
    ben = [annotation(*p, "ben") for p in b if p[1] < p[2]]
    comparison = Comparison(ana, ben, TEXTS, unit, depth=depth)  # type: ignore[arg-type]
    rows = comparison.rows()
    assert "a" not in vars(comparison) and "b" not in vars(comparison)  # not grouped
    for row in rows[:-1]:
        assert row.tag is not None
        both = only_a = only_b = 0
        for document in TEXTS:
            on_a, on_b = comparison.marks(document, row.tag)
            both += int((on_a & on_b).sum())
            only_a += int((on_a & ~on_b).sum())
            only_b += int((on_b & ~on_a).sum())
        assert (row.table.both, row.table.only_a, row.table.only_b) == (both, only_a, only_b)
    used = {t for side in (comparison.a, comparison.b) for codes in side.values() for t in codes}
    assert comparison.codes == in_tag_order(used)


def test_the_orphans_left_out_are_counted_as_the_passages_are_read() -> None:
    # the command counted them in another pass over every passage of both coders
    lost = AnchorStatus.ORPHAN
    ana = [coded(0, 5, "x"), coded(1, 2, "x").evolve(status=lost), coded(0, 3, "y", doc="s.txt")]
    ben = [coded(2, 4, "x", coder="ben").evolve(status=lost)]
    ben.append(coded(0, 4, "x", coder="ben", doc="gone.txt").evolve(status=lost))
    comparison = Comparison(ana, ben, {"d.txt": TEXT})
    assert comparison.orphans == 2  # on the documents compared: not gone.txt's
    assert comparison.codes == ["x"] and comparison.rows()[0].table.only_a == 5
