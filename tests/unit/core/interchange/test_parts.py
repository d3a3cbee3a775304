"""The big exports' text in parts: the same bytes as the whole joined and encoded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.interchange import parts
from tui_reader.core.interchange.parts import joined_parts


@given(
    st.lists(st.text(st.characters(blacklist_categories=["Cs"]), max_size=5), max_size=12),
    st.sampled_from(["", ",", "\r\n", "\n\n", ",\n      é"]),
    st.integers(1, 5),
)
def test_the_parts_are_the_text_joined(texts: list[str], between: str, part: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "PART", part)
        made = joined_parts(iter(texts), between)
    assert b"".join(made) == between.join(texts).encode("utf-8")
    assert len(made) == (2 * -(-len(texts) // part) - 1 if texts else 0)


def test_a_big_text_comes_in_parts_of_a_thousand() -> None:
    made = joined_parts(map(str, range(2500)), "\n")
    assert len(made) == 5  # three parts, two separators
    assert made[0].count(b"\n") == parts.PART - 1
