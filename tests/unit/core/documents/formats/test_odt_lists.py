"""OpenDocument list numbers: styles from styles.xml and content.xml, starts, continuation."""

from __future__ import annotations

from pathlib import Path

from helpers import examples
from helpers.format_fixtures import make_odt
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats.builder import number_label
from tui_reader.core.documents.formats.odt_lists import LevelStyle, ListCounter
from tui_reader.core.documents.spans import SpanKind

# What LibreOffice writes for its "Numbering 123" style and the "List Number" paragraph style.
NAMED_STYLES = (
    '<text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">'
    '<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>'
    '<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/>'
    '<text:list-level-style-number text:level="3" style:num-prefix="(" style:num-suffix=")" '
    'style:num-format="i"/></text:list-style>'
    '<text:list-style style:name="Dashes"><text:list-level-style-bullet text:level="1" '
    'text:bullet-char="–"/></text:list-style>'
    '<style:style style:name="List" style:family="paragraph"/>'
    '<style:style style:name="List_20_Number" style:family="paragraph" '
    'style:parent-style-name="List" style:list-style-name="Numbering_20_123"/>'
)
AUTOMATIC = (
    '<style:style style:name="P1" style:family="paragraph" '
    'style:parent-style-name="List_20_Number"/>'
    '<text:list-style style:name="L3">'
    '<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1" '
    'text:start-value="3"/>'
    '<text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="1" '
    'text:display-levels="2"/>'
    '<text:list-level-style-number text:level="3" style:num-format=""/></text:list-style>'
)


def _item(text: str, nested: str = "", attributes: str = "", style: str = "") -> str:
    p_style = f' text:style-name="{style}"' if style else ""
    return f"<text:list-item{attributes}><text:p{p_style}>{text}</text:p>{nested}</text:list-item>"


def _list(items: str, attributes: str = "") -> str:
    return f"<text:list{attributes}>{items}</text:list>"


def test_a_named_list_style_from_styles_xml_numbers_nested_levels(tmp_path: Path) -> None:
    deep = _list(_item("deep", style="P1"))
    sub = _list(_item("sub a", style="P1") + _item("sub b", deep, style="P1"))
    again = _list(_item("sub again", style="P1"))
    # No list style on the list: it comes from the paragraphs' style (automatic P1, whose
    # parent "List Number" names "Numbering 123" in styles.xml).
    body = _list(_item("one", sub, style="P1") + _item("two", again, style="P1"))
    body += _list(_item("dash"), ' text:style-name="Dashes"')
    path = make_odt(tmp_path / "n.odt", body, automatic_styles=AUTOMATIC, styles=NAMED_STYLES)
    doc = load_document(path)
    assert doc.text == (
        "1. one\n  a) sub a\n  b) sub b\n    (i) deep\n2. two\n  a) sub again\n\n• dash"
    )
    markers = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.BULLET]
    assert markers == ["1.", "a)", "b)", "(i)", "2.", "a)", "•"]


def test_start_values_display_levels_and_continued_lists(tmp_path: Path) -> None:
    style = ' text:style-name="L3"'
    body = (
        _list(_item("three", _list(_item("sub") + _item("sub", _list(_item("bare"))))) + _item("four"),
              f'{style} xml:id="list1"')
        + "<text:p>Between.</text:p>"
        + _list(_item("five"), f'{style} text:continue-list="list1"')
        + "<text:p>Between.</text:p>"
        + _list(_item("three again"), style)
        + _list(_item("four again") + _item("ten", attributes=' text:start-value="10"')
                + _item("eleven"), f'{style} text:continue-numbering="true"')
    )  # fmt: skip
    doc = load_document(make_odt(tmp_path / "s.odt", body, automatic_styles=AUTOMATIC))
    assert doc.text == (
        "3. three\n  3.1. sub\n  3.2. sub\n    bare\n4. four\n\nBetween.\n\n5. five\n\n"
        "Between.\n\n3. three again\n\n4. four again\n10. ten\n11. eleven"
    )


def test_an_item_holding_only_a_nested_list_and_a_header_count_nothing(tmp_path: Path) -> None:
    body = _list(
        "<text:list-header><text:p>Heading of the list</text:p></text:list-header>"
        + "<text:list-item>" + _list(_item("nested first")) + "</text:list-item>"
        + _item("one") + _item("two"),
        ' text:style-name="LN"',
    )  # fmt: skip
    doc = load_document(make_odt(tmp_path / "h.odt", body))
    assert doc.text == "Heading of the list\n  ◦ nested first\n1. one\n2. two"


NUMBERED = {1: LevelStyle(True, "1", suffix="."), 2: LevelStyle(True, "a", suffix=")"),
            3: LevelStyle(True, "I", suffix=".", display_levels=3)}  # fmt: skip


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=30))
def test_each_level_counts_and_a_shallower_item_restarts_deeper_levels(
    levels: list[int],
) -> None:
    counter = ListCounter()
    counts = [0, 0, 0, 0]
    for level in levels:
        label = counter.next_label(level, NUMBERED, None)
        counts[level] += 1
        counts[level + 1 :] = [0] * (3 - level)
        first, second = max(1, counts[1]), max(1, counts[2])  # a level not yet used shows 1
        expected = {
            1: f"{counts[1]}.",
            2: f"{number_label(counts[2], 'alpha')})",
            3: f"{first}.{number_label(second, 'alpha')}.{number_label(counts[3], 'upperRoman')}.",
        }[level]
        assert label == expected


def test_letters_past_z_run_aa_ab_unless_synchronised_and_a_huge_start_stays_short(
    tmp_path: Path,
) -> None:
    # ODF: letters go on aa, ab, .. az, ba unless style:num-letter-sync="true" (aa, bb, ..,
    # as Word counts).  Read as Word's, item 28 was "bb", and a list starting at 999,999,999
    # made a label of 38 million letters for each item (gigabytes, the file refused).
    styles = "".join(
        f'<text:list-style style:name="{name}"><text:list-level-style-number text:level="1" '
        f'style:num-suffix=")" style:num-format="a" text:start-value="{start}"{sync}/>'
        "</text:list-style>"
        for name, start, sync in (
            ("Plain", 27, ""),
            ("Synced", 27, ' style:num-letter-sync="true"'),
            ("Huge", 999_999_999, ""),
            ("HugeSynced", 999_999_999, ' style:num-letter-sync="true"'),
        )
    )
    body = "".join(
        _list(_item("x") + _item("y"), f' text:style-name="{name}"')
        for name in ("Plain", "Synced", "Huge", "HugeSynced")
    )
    doc = load_document(make_odt(tmp_path / "l.odt", body, automatic_styles=styles))
    markers = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.BULLET]
    assert markers == ["aa)", "ab)", "aa)", "bb)", "cfdgsxk)", "cfdgsxl)", "999999999)",
                       "1000000000)"]  # fmt: skip


def test_headings_are_numbered_by_the_outline_style(tmp_path: Path) -> None:
    outline = (
        '<text:outline-style style:name="Outline">'
        '<text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>'
        '<text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>'
        '<text:outline-level-style text:level="3" style:num-format=""/></text:outline-style>'
    )
    body = (
        '<text:h text:outline-level="1">Introduction</text:h><text:p>Text.</text:p>'
        '<text:h text:outline-level="2">Background</text:h>'
        '<text:h text:outline-level="3">Unnumbered level</text:h>'
        '<text:h text:outline-level="2">Aims</text:h>'
        '<text:h text:outline-level="1" text:is-list-header="true">Preface</text:h>'
        '<text:h text:outline-level="1">Methods</text:h>'
    )
    doc = load_document(make_odt(tmp_path / "o.odt", body, styles=outline))
    assert doc.text == (
        "1. Introduction\n\nText.\n\n1.1 Background\n\nUnnumbered level\n\n1.2 Aims\n\n"
        "Preface\n\n2. Methods"
    )
    assert doc.title == "Introduction"


def test_a_list_opening_with_a_nested_list_is_still_a_block_of_its_own(tmp_path: Path) -> None:
    body = "<text:p>Before.</text:p>" + _list(
        "<text:list-item>" + _list(_item("nested")) + "</text:list-item>" + _item("one"),
        ' text:style-name="LN"',
    )
    doc = load_document(make_odt(tmp_path / "b.odt", body))
    assert doc.text == "Before.\n\n  ◦ nested\n1. one"


def test_text_nested_past_what_is_read_is_said_left_out(tmp_path: Path) -> None:
    # Lists (or styled words) nested 300 deep in an OpenDocument file: what lay below 200
    # levels was left out without a word ("deep" and 99 words of 300 lost), the file listed
    # as read whole.  The rest is read as before, and what was left out is said.
    lists = (
        "<text:list><text:list-item>" * 300
        + "<text:p>deep</text:p>"
        + "</text:list-item></text:list>" * 300
    )
    spans = "<text:p>" + "<text:span>x " * 300 + "</text:span>" * 300 + "</text:p>"
    for body in (lists, spans):
        document = load_document(
            make_odt(
                tmp_path / "deep.odt", f"<text:p>Before.</text:p>{body}<text:p>After.</text:p>"
            )
        )
        assert document.text.startswith("Before.") and document.text.endswith("After.")
        assert document.problems == (
            "text nested more than 200 levels deep (lists, sections or styled words in one "
            "another) left out",
        )
    shallow = (
        "<text:list><text:list-item>" * 20
        + "<text:p>deep</text:p>"
        + "</text:list-item></text:list>" * 20
    )
    document = load_document(make_odt(tmp_path / "ok.odt", shallow))
    assert "deep" in document.text and document.problems == ()
