"""A query of codes joined by AND that matched nothing says when the codes' passages overlap
(what QualCoder's and NVivo's coding queries take for AND, and a co-occurrence counts)."""

from __future__ import annotations

from tui_reader.core.analysis.codes_apart import (
    apart_line,
    codes_anded,
    documents_where_apart_codes_meet,
)
from tui_reader.core.analysis.query import parse_query
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import Annotation


def passage(document: str, start: int, end: int, *tags: str, coder: str = "ana") -> Annotation:
    return Annotation(document=document, start=start, end=end, quote="", tags=tags, coder=coder)


# Three documents coded by two coders, the figures worked out by hand below.
CODED = [
    passage("a.txt", 0, 100, "context"),  # a code on the whole document
    passage("a.txt", 20, 40, "theme/sub"),  # inside it: context meets theme (theme/sub)
    passage("b.txt", 0, 10, "context"),
    passage("b.txt", 10, 20, "theme"),  # touching, not overlapping: [0, 10) and [10, 20)
    passage("c.txt", 0, 30, "context", coder="ana"),
    passage("c.txt", 5, 15, "theme", coder="ben"),  # another coder's: no meeting
]


def test_only_a_query_of_codes_joined_by_and_is_looked_at() -> None:
    assert codes_anded(parse_query("context AND theme")) == ["context", "theme"]
    assert codes_anded(parse_query("context theme other")) == ["context", "theme", "other"]
    assert codes_anded(parse_query("context")) is None
    assert codes_anded(parse_query("context OR theme")) is None
    assert codes_anded(parse_query("context AND NOT theme")) is None
    assert codes_anded(parse_query("context AND doc:a.txt")) is None
    assert codes_anded(parse_query("context AND theme AND NOT other")) is None
    assert codes_anded(parse_query('context AND theme AND text:"army"')) is None


def test_codes_anded_with_filters_of_documents_and_coders_are_told_within_them() -> None:
    """``a AND b AND doc:x`` (or ``coder:``, or an attribute compared) matching nothing said
    nothing of a and b overlapping in x, as ``a AND b`` does: the filters hold both
    overlapping passages alike, so the overlap is looked for among the passages they let
    through."""
    assert codes_anded(parse_query("context theme doc:a.txt coder:ana country=Mexico")) == [
        "context", "theme",
    ]  # fmt: skip
    ben = [passage("c.txt", 10, 25, "context", coder="ben"), *CODED]  # a.txt ana's, c.txt ben's

    def said(query: str) -> str | None:
        def country(document: str, name: str) -> Value | None:
            return "Mexico" if (document, name) == ("c.txt", "country") else None

        return apart_line(parse_query(query), lambda codes: ben, country)

    for query, documents in (
        ("context AND theme AND doc:a.txt", "1 document"),
        ("context AND theme AND doc:b.txt", None),
        ("context AND theme AND coder:ben", "1 document"),
        ("context AND theme AND coder:cy", None),
        ("context AND theme AND country=Mexico", "1 document"),
        ("context AND theme AND country!=Mexico", "1 document"),
    ):
        line = said(query)
        assert (line is None) is (documents is None), (query, line)
        assert line is None or f"overlap in {documents} " in line, (query, line)


def test_the_documents_where_the_codes_overlap_on_passages_of_one_coder() -> None:
    # a.txt only: b.txt's passages touch, c.txt's are two coders'
    assert documents_where_apart_codes_meet(["context", "theme"], CODED) == 1
    assert documents_where_apart_codes_meet(["theme", "context"], CODED) == 1
    # a code below one asked for meets what its parent would
    assert documents_where_apart_codes_meet(["context", "theme/sub"], CODED) == 1
    assert documents_where_apart_codes_meet(["theme/sub", "other"], CODED) == 0
    ben = [passage("c.txt", 10, 25, "context", coder="ben"), *CODED]
    assert documents_where_apart_codes_meet(["context", "theme"], ben) == 2  # a.txt, c.txt
    # three codes: every pair meets
    three = [*CODED, passage("a.txt", 90, 95, "other")]
    assert documents_where_apart_codes_meet(["context", "theme", "other"], three) == 0
    three.append(passage("a.txt", 30, 35, "other"))
    assert documents_where_apart_codes_meet(["context", "theme", "other"], three) == 1
    # each pair meets in d.txt, never all three at one place: x and y on [5, 10), z on
    # [0, 3) with x alone and on [15, 18) with y alone; z on [8, 9) meets both
    apart = [
        passage("d.txt", 0, 10, "x"),
        passage("d.txt", 5, 20, "y"),
        passage("d.txt", 0, 3, "z"),
        passage("d.txt", 15, 18, "z"),
    ]
    assert documents_where_apart_codes_meet(["x", "y"], apart) == 1
    assert documents_where_apart_codes_meet(["x", "z"], apart) == 1
    assert documents_where_apart_codes_meet(["y", "z"], apart) == 1
    assert documents_where_apart_codes_meet(["x", "y", "z"], apart) == 0
    assert apart_line(parse_query("x AND y AND z"), lambda codes: apart) is None
    apart.append(passage("d.txt", 8, 9, "z"))
    assert documents_where_apart_codes_meet(["x", "y", "z"], apart) == 1
    # one passage carrying two of the codes counts for both
    assert documents_where_apart_codes_meet(["x", "y", "z"], [
        passage("e.txt", 0, 10, "x", "y"), passage("e.txt", 9, 12, "z"),
    ]) == 1  # fmt: skip


def test_the_line_says_where_the_codes_meet_and_what_and_takes() -> None:
    line = apart_line(parse_query("context AND theme"), lambda codes: CODED)
    assert line is not None
    assert line.startswith("no passage carries all of context, theme, ")
    assert "overlap in 1 document" in line
    assert "co-occurrence" in line
    assert "context OVERLAPS theme takes those of context overlapping a passage of theme" in line
    assert apart_line(parse_query("context AND other"), lambda codes: CODED) is None
    assert apart_line(parse_query("context OR other"), lambda codes: CODED) is None
    three = [*CODED, passage("a.txt", 30, 35, "other")]
    line = apart_line(parse_query("context AND theme AND other"), lambda codes: three)
    assert line is not None
    assert "but passages carrying each of them overlap at one place in 1 document" in line
    assert "context OVERLAPS theme OVERLAPS other takes those of context overlapping" in line
