"""``exactly:CODE``: the passages coded with a code itself, not only with a code below it,
which the code alone takes (``security`` matches ``security/border``)."""

from __future__ import annotations

import pytest

from tui_reader.core.analysis.codes_apart import codes_anded
from tui_reader.core.analysis.matching import compile_query, spelled_as_coded
from tui_reader.core.analysis.query import LANGUAGE, Code, Meeting, Or, parse_query
from tui_reader.core.analysis.scope_records import codes_required
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import QuerySyntaxError


def coded(*tags: str) -> Annotation:
    return Annotation(document="a.txt", start=0, end=5, quote="q" * 5, tags=tags, coder="ana")


def test_exactly_names_one_code_alone_in_any_case_and_quoted() -> None:
    assert parse_query("exactly:security") == Code("security", exact=True)
    assert parse_query('EXACTLY:"border patrol"') == Code("border patrol", exact=True)
    assert parse_query("exactly:security/border OR security") == Or(
        (Code("security/border", exact=True), Code("security"))
    )
    assert parse_query("exactly:a OVERLAPS b") == Meeting(
        Code("a", exact=True), (("overlaps", Code("b")),)
    )


def test_it_takes_the_code_itself_and_never_a_code_below_it() -> None:
    itself, below, both, other = coded("s"), coded("s/b"), coded("s", "s/b"), coded("sb")
    corpus = [itself, below, both, other]
    test = compile_query("exactly:s")
    assert [a for a in corpus if test(a)] == [itself, both]
    test = compile_query("s AND NOT exactly:s")  # coded below it alone
    assert [a for a in corpus if test(a)] == [below]


def test_everything_below_typed_after_it_is_a_syntax_error_naming_what_to_write() -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query("exactly:security/*")
    assert raised.value.column == 9
    assert "exactly: takes one code, not the codes below it: exactly:security" in str(raised.value)
    assert parse_query('exactly:"loc/*"') == Code("loc/*", exact=True)


def test_it_is_spelled_as_the_codebook_spells_it_and_still_exactly() -> None:
    spelled, unknown = spelled_as_coded(parse_query("exactly:Security"), ["security/border"])
    assert (spelled, unknown) == (Code("security", exact=True), [])
    spelled, _ = spelled_as_coded(parse_query("exactly:army"), ["Army", "ARMY"])
    assert spelled == Or((Code("Army", exact=True), Code("ARMY", exact=True)))
    _, unknown = spelled_as_coded(parse_query("exactly:nope"), ["security"])
    assert unknown == ["nope"]


def test_its_passages_are_asked_of_the_code_and_its_meeting_not_counted_as_a_codes() -> None:
    assert codes_required(parse_query("exactly:a")) == frozenset({"a"})
    assert codes_anded(parse_query("a b")) == ["a", "b"]
    assert codes_anded(parse_query("exactly:a b")) is None


def test_the_languages_summary_names_it() -> None:
    assert "exactly:security" in [term for term, _ in LANGUAGE]
