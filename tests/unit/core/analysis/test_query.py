"""The query language: its grammar, and syntax errors that point at the problem."""

from __future__ import annotations

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.query import (
    And,
    Code,
    Compare,
    Field,
    Not,
    Or,
    parse_query,
    tokenize,
)
from tui_reader.core.errors import QuerySyntaxError


def test_and_binds_tighter_than_or_and_not_tighter_than_and() -> None:
    assert parse_query("a OR b AND NOT c") == Or((Code("a"), And((Code("b"), Not(Code("c"))))))
    assert parse_query("(a OR b) c") == And((Or((Code("a"), Code("b"))), Code("c")))
    assert parse_query("not not a") == Not(Not(Code("a")))


def test_filters_fields_and_quoted_codes() -> None:
    assert parse_query("country=Mexico age>30 date>=2018-01-01") == And(
        (
            Compare("country", "=", "Mexico"),
            Compare("age", ">", "30"),
            Compare("date", ">=", "2018-01-01"),
        )
    )
    assert parse_query('text:"the border" coder:ana doc:int-*') == And(
        (Field("text", "the border"), Field("coder", "ana"), Field("doc", "int-*"))
    )
    assert parse_query('"policy area/x" OR code:and') == Or((Code("policy area/x"), Code("and")))
    assert parse_query('name!="a \\"b\\""') == Compare("name", "!=", 'a "b"')


def test_a_value_written_right_behind_its_operator_runs_to_a_space_or_a_parenthesis() -> None:
    """``source=https://example.org/?a=b`` and ``text:10:30`` were syntax errors at the ':'
    ("expected a code or a filter"): a URL, a time or ``a=b`` had to be quoted."""
    assert parse_query("source=https://example.org/?a=b (c)") == And(
        (Compare("source", "=", "https://example.org/?a=b"), Code("c"))
    )
    assert parse_query("text:10:30 OR doc:a:b.txt") == Or(
        (Field("text", "10:30"), Field("doc", "a:b.txt"))
    )
    assert parse_query("(age>=-3)") == Compare("age", ">=", "-3")
    assert parse_query("age >= 30") == Compare("age", ">=", "30")


@pytest.mark.parametrize(
    ("query", "column", "words"),
    [
        ("militarization AND", 19, "ends too soon"),
        ("(a OR b", 8, "expected ')'"),
        ("a OR b)", 7, "without a '('"),
        ("a ! b", 3, "'!'"),
        ("foo:bar", 1, "unknown field"),
        ('x "abc', 3, "never closed"),
        ("age>", 5, "expected a value"),
        ("", 1, "empty"),
        ("a AND OR b", 7, "found OR"),
        ("()", 2, "empty parentheses"),
        ('"age"=3', 1, "not quoted"),
        ('a AND text:""', 12, "the value after 'text:' is empty"),
        ('doc:"" OR a', 5, "the value after 'doc:' is empty"),
    ],
)
def test_syntax_errors_name_the_column(query: str, column: int, words: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    error = caught.value
    assert error.column == column
    assert words in error.problem
    lines = str(error).splitlines()
    assert lines[0].startswith(f"query error at column {column}:")
    assert lines[2].index("^") - 2 == column - 1  # the caret stands under the column


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("Theme: violence AND b", '"Theme: violence"'),
        ("a OR phase:2", '"phase:2"'),
        ("phase: (a)", '"phase:"'),
        ("time:10:30 OR b", '"time:10:30"'),  # it said "time:10"
        ("Q1: Theme: violence AND b", '"Q1: Theme: violence"'),
    ],
)
def test_a_code_named_with_a_colon_left_unquoted_is_told_to_be_quoted(
    query: str, hint: str
) -> None:
    """A code imported as 'Theme: violence' and typed as it reads was only 'unknown field
    'Theme'', which did not say how to ask for that code."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert "unknown field" in caught.value.problem
    assert caught.value.problem.endswith(f"a code whose name holds a colon is quoted: {hint}")
    assert parse_query(hint) == Code(hint.strip('"').strip("/"))


@pytest.mark.parametrize(
    ("query", "compared"),
    [
        ("militarization AND year:2021", "year=2021"),
        ("country:Mexico", "country=Mexico"),
        ("a OR date:2019-05-01T10:30", "date=2019-05-01T10:30"),
    ],
)
def test_an_attribute_typed_as_a_field_is_told_to_be_compared(query: str, compared: str) -> None:
    """'year:2021', an attribute asked for as doc: and coder: are, was only "unknown field
    'year'" and a code to quote, not the comparison that asks for the documents of 2021."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert f"to compare the attribute, write {compared};" in caught.value.problem
    name, value = compared.split("=", 1)
    assert parse_query(compared) == Compare(name, "=", value)


def test_a_code_named_with_a_colon_and_a_space_is_told_only_to_be_quoted() -> None:
    """'Theme: violence' is a code, never an attribute compared with 'violence'."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("Theme: violence")
    assert "compare" not in caught.value.problem


def test_a_code_named_with_an_exclamation_mark_left_unquoted_is_told_to_be_quoted() -> None:
    """'urgent! AND b' was refused with "write NOT to negate", which is not what was meant."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("a OR urgent!! AND b")
    assert caught.value.column == 12
    assert caught.value.problem.endswith("a code whose name holds '!' is quoted: \"urgent!!\"")
    assert parse_query('"urgent!!"') == Code("urgent!!")
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("a ! b")  # not behind a word: no code to name
    assert "quoted" not in caught.value.problem


def test_an_empty_attribute_value_is_a_value() -> None:
    """An attribute can be set empty (attr set DOC key=): the reports' cell asks for it."""
    assert parse_query('empty=""') == Compare("empty", "=", "")


def test_a_control_character_does_not_shift_the_caret() -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("a\tAND")
    assert "\t" not in str(caught.value)


@pytest.mark.parametrize(
    ("query", "under"),
    [
        ('军队 AND "Emoji 🚀" AND )', ")"),  # two cells a character, two for the emoji
        ("se\u0301curite\u0301 AND )", ")"),  # accents as combining marks: no cell
        ("安全 OR 军队 OR OR", "OR"),
    ],
)
def test_the_caret_stands_under_the_column_however_wide_its_characters(
    query: str, under: str
) -> None:
    """A code in Chinese, an emoji or an accent written apart before the error pushed the
    caret cells away from it, pointing at nothing."""
    from rich.cells import cell_len

    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query + " x")
    shown, caret = str(caught.value).splitlines()[1:]
    at = shown.rindex(under)
    assert caret == " " * cell_len(shown[:at]) + "^"


def test_a_long_query_shows_the_part_around_its_error_with_the_caret_under_it() -> None:
    """A pasted query of 2,000 codes with a '(' left open at its end printed all of it, the
    caret thousands of columns away; the part around the column is shown, marked cut."""
    query = " OR ".join(f"c{i}" for i in range(2000)) + " AND ("
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3 and all(len(line) < 80 for line in lines[1:])
    assert lines[1].startswith("  …") and lines[1].endswith("c1999 AND (")
    assert lines[2] == " " * (len(lines[1])) + "^"  # at the end, where the code is missing
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(") " + query)
    lines = str(caught.value).splitlines()
    assert lines[1].startswith("  ) c0 OR c1") and lines[1].endswith("…")
    assert lines[2] == "  ^"


@settings(max_examples=examples(150))
@given(st.text(alphabet=st.sampled_from(list('ab ()"=<>!:\\-/xAND OR NOT\t')), max_size=30))
def test_any_text_parses_or_fails_with_a_column_inside_it(query: str) -> None:
    try:
        parse_query(query)
    except QuerySyntaxError as error:
        assert 1 <= error.column <= len(query) + 1
    else:
        assert tokenize(query)[-1].kind == "end"


@pytest.mark.parametrize(
    "query",
    ["(" * 5000 + "a" + ")" * 5000, "NOT " * 5000 + "a", "(NOT " * 3000 + "a" + ")" * 3000],
)
def test_a_query_nested_thousands_deep_is_a_syntax_error_not_a_recursion_error(
    query: str,
) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert "nests deeper than" in caught.value.problem
    assert parse_query("(" * 50 + "a" + ")" * 50) == Code("a")  # real nesting still parses


@pytest.mark.parametrize(
    ("query", "column"),
    [('"a""b"', 4), ('"say ""hi"""', 7), ('"a"b', 4), ('x AND a"b"', 8), ('text:"x"y', 9),
     ('doc:x"y"', 6), ('age>3"x"', 6)],
)  # fmt: skip
def test_two_terms_with_nothing_between_them_are_a_syntax_error_not_a_guessed_and(
    query: str, column: int
) -> None:
    """'"a""b"' was read as 'a AND b' without a word between them (and a quote doubled in a
    name, as a spreadsheet writes it, as two codes)."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert caught.value.column == column
    assert "nothing between this and what is before it" in caught.value.problem
    assert 'a quote inside a quoted name is written \\"' in caught.value.problem


@pytest.mark.parametrize(("query", "column"), [("Or", 1), ("a OR or", 6), ("(And)", 2)])
def test_a_code_named_as_a_keyword_is_told_to_be_quoted(query: str, column: int) -> None:
    """A code named 'Or' or 'not' (an import's) typed as it reads was only "expected a code or
    a filter, found OR", which did not say how to ask for that code."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    word = query[column - 1 :].strip("()").split()[0]
    assert caught.value.column == column
    assert caught.value.problem.endswith(f'(a code named {word!r} is quoted: "{word}")')
    assert parse_query(f'"{word}"') == Code(word)


def test_a_keyword_right_beside_a_quoted_name_is_still_a_keyword() -> None:
    assert parse_query('"a"OR"b"') == Or((Code("a"), Code("b")))
    assert parse_query('NOT"a"') == Not(Code("a"))
    assert parse_query('"a" "b"') == And((Code("a"), Code("b")))
    assert parse_query('"say \\"hi\\""') == Code('say "hi"')


@pytest.mark.parametrize(("query", "column"), [("/", 1), ('""', 1), ('a OR code:"/"', 11)])
def test_an_empty_code_name_is_a_syntax_error_not_a_query_matching_nothing(
    query: str, column: int
) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert caught.value.column == column
    assert "empty" in caught.value.problem


def test_a_code_written_with_everything_under_it_is_that_code() -> None:
    """``actors/*``, as other tools and shells write a code and what is below it, was a code
    of that name, which no codebook has: 'no code actors/*', and nothing matched."""
    assert parse_query("actors/* AND NOT actors/us") == And(
        (Code("actors"), Not(Code("actors/us")))
    )
    assert parse_query("code:actors/** OR a/b/*/") == Or((Code("actors"), Code("a/b")))
    assert parse_query('"odd/*"') == Code("odd/*")  # quoted: the name as it is


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ('"violence (physical)"/threat', "violence (physical)/threat"),
        ('security/"border patrol"', "security/border patrol"),
        ('"a b"/c/"d e"', "a b/c/d e"),
        ('"a b"/*', "a b"),
    ],
)
def test_a_quoted_level_and_a_word_meeting_at_a_slash_are_one_code(query: str, name: str) -> None:
    """'"violence (physical)"/threat' was the code 'violence (physical)' and a code 'threat'."""
    assert parse_query(query) == Code(name)
    assert parse_query(f"x AND {query}") == And((Code("x"), Code(name)))
    assert parse_query('"a" /b') == And((Code("a"), Code("b")))  # a space between: two


def test_an_attribute_named_as_a_keyword_is_compared() -> None:
    """An attribute named 'or' or 'not' (attr set, a CSV's header) could not be asked for:
    or=yes was "expected a code or a filter, found OR", and the query of a matrix column by
    it, not=x, shown by the report's cell, was a syntax error."""
    assert parse_query("or=yes") == Compare("or", "=", "yes")
    assert parse_query('a AND Not!="" OR and>3') == Or(
        (And((Code("a"), Compare("Not", "!=", ""))), Compare("and", ">", "3"))
    )
    assert parse_query("NOT not=x") == Not(Compare("not", "=", "x"))
    assert parse_query("a or b") == Or((Code("a"), Code("b")))  # a keyword still


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ('"topic / Other"', "topic/Other"),
        ("topic//Other", "topic/Other"),
        ('"topic//Other/"', "topic/Other"),
        ('code:" topic /  / Other "', "topic/Other"),
        ('"two  words"', "two words"),  # inside a level, as a stored code is read
    ],
)
def test_a_code_typed_with_spaced_or_empty_levels_is_read_as_a_stored_one(
    query: str, name: str
) -> None:
    """'"topic / Other"' and topic//Other were codes of those names, which no codebook holds
    (a stored code written so is read topic/Other): 'no code ... did you mean topic/Other'."""
    assert parse_query(query) == Code(name)
    assert parse_query(f"x OR {query}") == Or((Code("x"), Code(name)))
    with pytest.raises(QuerySyntaxError, match="a code name is empty"):
        parse_query('" / / "')


@pytest.mark.parametrize(
    ("query", "meant"), [("topic / Other", '"topic / Other"'), ('"a b" / c', '"a b / c"')]
)
def test_a_slash_alone_between_two_names_is_told_to_be_quoted(query: str, meant: str) -> None:
    """query 'topic / Other' said only 'column 7: a code name is empty', the '/' read as a
    code of its own between the codes topic and Other: the code meant is now named."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert caught.value.problem.startswith("a code name is empty (to name one code")
    assert caught.value.problem.endswith(f"or quoted: {meant})")
    assert parse_query(meant) == Code(meant.strip('"').replace(" / ", "/"))
    for alone in ("/", "a AND / b", "topic /"):
        with pytest.raises(QuerySyntaxError) as caught:
            parse_query(alone)
        assert caught.value.problem == "a code name is empty"


@pytest.mark.parametrize(
    ("query", "node"),
    [
        ('"a\\b"', Code("a\\b")),
        ('text:"C:\\Users\\ana"', Field("text", "C:\\Users\\ana")),
        ('note:"\\d+"', Field("note", "\\d+")),
        ('"a\\\\b"', Code("a\\b")),
        ('"say \\"hi\\""', Code('say "hi"')),
    ],
)
def test_a_backslash_in_a_quoted_name_before_no_quote_or_backslash_is_kept(
    query: str, node: object
) -> None:
    """``"a\\b"`` was the code ``ab``: every backslash escaped the character after it, so one
    typed as part of a name (a code ``a\\b``, a Windows path in ``text:``) was dropped without
    a word.  As in a shell's double quotes, only ``\\"`` and ``\\\\`` are escapes."""
    assert parse_query(query) == node
