"""Natural order: numbers in names sorted as numbers, case aside."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.codebook.names import in_tag_order
from tui_reader.core.natural_order import natural_key, natural_string


def test_numbers_sort_as_numbers_and_case_is_aside() -> None:
    names = ["t14", "t2", "T3", "t1", "t10", "a", "10x", "2x"]
    assert sorted(names, key=natural_key) == ["2x", "10x", "a", "t1", "t2", "T3", "t10", "t14"]
    assert natural_key("Interview 07b") == ("interview ", 7, "b")


def test_codes_sort_level_by_level() -> None:
    names = ["t14", "code/v10", "code-x", "t2", "code/v2", "T3", "t1", "code", "t3"]
    assert in_tag_order(names) == [
        "code", "code/v2", "code/v10", "code-x", "t1", "t2", "T3", "t3", "t14",
    ]  # fmt: skip


@given(st.lists(st.text(alphabet="aB1٣0 /-", max_size=8)))
def test_any_names_sort_without_error(names: list[str]) -> None:
    ordered = in_tag_order(names)  # text meets text and number meets number, always
    assert sorted(ordered) == sorted(names)


def test_an_accented_letter_sorts_with_its_letter() -> None:
    """ "émotion" came after "zèle" and "policy" (é after every plain letter), in the
    codebook and the library alike; as on a person's list it sorts among the e's."""
    names = ["zèle", "policy", "émotion", "Économie", "eau", "entretien 2", "Entretien 10"]
    assert in_tag_order(names) == [
        "eau", "Économie", "émotion", "entretien 2", "Entretien 10", "policy", "zèle",
    ]  # fmt: skip
    decomposed = "e\u0301cole"  # a Mac's é: e and an accent
    assert sorted(["ecole", "école", decomposed, "ecolf"], key=natural_key)[-1] == "ecolf"


def _key_a_part_at_a_time(text: str) -> tuple[str | int, ...]:
    import re

    from tui_reader.core.natural_order import _plain

    parts = re.split(r"(\d+)", text)
    return tuple(int(part) if i % 2 else _plain(part) for i, part in enumerate(parts))


@given(st.text(alphabet="aBzZ019٣ /-._~\u00e9\u0130\u212a", max_size=12) | st.text(max_size=8))
def test_a_name_s_key_is_its_parts_one_at_a_time(name: str) -> None:
    """An ASCII name cased at once gives the key its parts give cased one at a time."""
    assert natural_key(name) == _key_a_part_at_a_time(name)


def _sign(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


# digits of two scripts, NUL, accents composed and not, letters whose case fold is longer
_ANY_NAME = st.text(alphabet="aBz019٣\0\1 /-.\u00e9e\u0301\u00df\u0130\u212a", max_size=10)


@settings(max_examples=examples(500))
@given(_ANY_NAME | st.text(max_size=6), _ANY_NAME | st.text(max_size=6))
def test_a_name_s_string_sorts_as_its_key_then_the_name(a: str, b: str) -> None:
    """The corpus listing sorts by one string per name, compared in C, in the order of
    ``(natural_key(name), name)``: the same order, names alike but for case or accents
    (``a2`` and ``A02``), a number where the other goes on (``ab1``, ``abc``) and NUL too."""
    assert _sign(natural_string(a), natural_string(b)) == _sign(
        (natural_key(a), a), (natural_key(b), b)
    )


def test_names_that_differ_where_a_number_meets_text_sort_as_their_keys() -> None:
    names = ["ab", "ab1", "abc", "ab\0", "ab\0x", "a\0", "A02", "a2", "a10", "a", "x٣", "x2", "é2"]
    assert sorted(names, key=natural_string) == sorted(names, key=lambda n: (natural_key(n), n))
