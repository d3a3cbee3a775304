"""Names spelled nearly like a word: what difflib finds, without reading a word that no name
can be near (a code pasted a megabyte long)."""

from __future__ import annotations

import difflib

from helpers.counting import lines_run
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.analysis.matching import no_code_lines
from tui_reader.core.codebook.tag_field import spelled_nearly
from tui_reader.core.near_spelling import close_matches

CODES = ["militarization", "militarization/patrols", "policy/border", "migration/deportation"]
PASTED = "x" * 1_000_000  # no code of CODES is near its length

words = st.text(alphabet="abcé/ ", max_size=12)


@given(words, st.lists(words, max_size=8), st.integers(1, 4), st.sampled_from([0.0, 0.6, 0.8, 1.0]))
def test_the_same_names_as_difflib_in_its_order(
    word: str, names: list[str], n: int, cutoff: float
) -> None:
    assert close_matches(word, names, n, cutoff) == difflib.get_close_matches(
        word, names, n, cutoff
    )


def test_a_name_near_a_long_word_is_still_found() -> None:
    long = "a" * 5000
    assert close_matches(long + "b", [long, "a"], n=1, cutoff=0.8) == [long]


def test_a_megabyte_word_near_no_name_is_not_read() -> None:
    """A code pasted a megabyte long, said to be in no codebook: difflib indexed its every
    character (a line of Python each, a third of a second) before weighing the first code."""
    lines, _ = lines_run(lambda: no_code_lines([PASTED], CODES), at_most=20_000)
    assert lines == [f"no code '{PASTED[:99]}…{PASTED[-99:]}' in the codebook"]
    near, _ = lines_run(lambda: spelled_nearly(PASTED, CODES), at_most=20_000)
    assert near is None
