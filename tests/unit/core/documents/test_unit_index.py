"""The unit index places every offset in the same sentence and paragraph as the caret's
search near it (``sentence_range``/``paragraph_range``), with one pass over the text."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.autocode import unit_ranges
from tui_reader.core.documents.unit_index import UnitIndex
from tui_reader.core.documents.units import paragraph_range, sentence_range

pieces = st.lists(
    st.sampled_from(
        [
            "word",
            " ",
            "\n",
            "\n\n",
            " \t\n",
            "Mr. Kelly",
            "end. Next",
            "U.S.",
            "?",
            "- item",
            "“Q.”",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=examples(200), deadline=None)
@given(pieces, st.data())
def test_every_offset_gets_the_units_the_caret_gets(text: str, data: st.DataObject) -> None:
    index = UnitIndex(text)
    for offset in data.draw(st.lists(st.integers(0, len(text)), max_size=8)):
        assert index.sentence(offset) == sentence_range(text, offset), offset
        assert index.paragraph(offset) == paragraph_range(text, offset), offset


def test_sentence_units_of_a_long_run_of_short_lines() -> None:
    text = "".join(f"line {n} is short. It ends here\n" for n in range(3000))
    hits = [(text.index(f"line {n} "), text.index(f"line {n} ") + 4) for n in (0, 1500, 2999)]
    units = [text[s:e] for s, e in unit_ranges(text, hits, "sentence")]
    assert units == ["line 0 is short.", "It ends here\nline 1500 is short.",
                     "It ends here\nline 2999 is short."]  # fmt: skip
