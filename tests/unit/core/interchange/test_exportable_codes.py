"""A code read from a file (an import of any format, a merge) is named as every export writes
it: exporting and importing again gives the same code."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.interchange.export_text import export_line
from tui_reader.core.interchange.importing import exportable_codes


def _coded(*tags: str) -> Annotation:
    return Annotation(document="a.txt", start=0, end=3, quote="abc", id="1", created="", tags=tags)


def test_a_control_character_is_taken_as_the_exports_write_it_and_said() -> None:
    codes = exportable_codes([_coded("bad\x1bname/child", "plain", "tab\there")],
                             [Tag("bad\x1bname/child", "#ff0000")], [])  # fmt: skip
    assert codes.annotations[0].tags == ("bad\u241bname/child", "plain", "tab here")
    assert codes.tags == [Tag("bad\u241bname/child", "#ff0000")]
    assert len(codes.changed) == 2
    assert "'bad\\x1bname/child'" in codes.changed[0] and "bad\u241bname" in codes.changed[0]


def test_a_code_stored_with_a_control_character_comes_back_as_itself() -> None:
    # how an export wrote our own code, stored before such names were refused
    codes = exportable_codes([_coded("line\u23ceb", "x")], [Tag("line\u23ceb")], ["line\nb"])
    assert codes.annotations[0].tags == ("line\nb", "x")
    assert codes.tags == [Tag("line\nb")]
    assert codes.changed == []


def test_names_that_need_nothing_are_left_alone() -> None:
    annotation = _coded("security/border", "é")
    codes = exportable_codes([annotation], [Tag("security/border")], ["security"])
    assert codes.annotations[0] is annotation and codes.changed == []


NAME = st.text(
    st.sampled_from("ab/ \t\n\r\x1b\x07\x7f\x85\u202e\u200e\u2028é"), min_size=1, max_size=8
)


@settings(max_examples=examples(150))
@given(st.lists(NAME, min_size=1, max_size=4), st.lists(NAME, max_size=3))
def test_a_second_round_trip_changes_nothing(names: list[str], ours: list[str]) -> None:
    """What an import takes is what the exports write, so an export of it imported again
    (each name through the export gate) gives the same codes; a stored code comes back as
    itself."""
    first = exportable_codes([_coded(*names)], [Tag(n) for n in names], ours)
    taken = first.annotations[0].tags
    again = exportable_codes([_coded(*(export_line(t) for t in taken))], [], ours)
    assert again.annotations[0].tags == taken
    back = exportable_codes([_coded(*(export_line(n) for n in ours))], [], ours)
    for name in ours:
        if export_line(name) == name:  # a code every export writes as it is
            assert name in back.annotations[0].tags
        elif export_line(name) not in ours:  # comes back as itself, or as one of ours
            written = export_line(name)
            assert any(t in ours and export_line(t) == written for t in back.annotations[0].tags)


def test_a_code_of_ours_in_another_case_is_ours() -> None:
    """A colleague's ``People/Family`` is our ``people/family`` (a parent too), as a code
    typed in another case is: it made a second code beside ours, their passages under it."""
    codes = exportable_codes(
        [_coded("People/Family", "POLICY", "New/Sub")],
        [Tag("People/Family", "#00ff00"), Tag("New/Sub")],
        ["people/family", "policy/border"],
    )
    assert codes.annotations[0].tags == ("people/family", "policy", "New/Sub")
    assert codes.tags == [Tag("people/family", "#00ff00"), Tag("New/Sub")]
