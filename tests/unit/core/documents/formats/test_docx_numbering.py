"""Word list numbers follow the document's numbering definitions: formats, starts, restarts."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import examples
from helpers.format_fixtures import docx_item, docx_level, make_docx, make_docx_with_numbering
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats.archive import parse_xml
from tui_reader.core.documents.formats.builder import number_label
from tui_reader.core.documents.formats.docx_numbering import Numbering
from tui_reader.core.documents.spans import SpanKind

OUTLINE = (
    '<w:abstractNum w:abstractNumId="10">'
    + docx_level(0, "decimal", "%1.")
    + docx_level(1, "lowerLetter", "%2.")
    + docx_level(2, "lowerRoman", "%3)")
    + "</w:abstractNum>"
    '<w:num w:numId="20"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="21"><w:abstractNumId w:val="10"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="22"><w:abstractNumId w:val="10"/></w:num>'
)


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_nested_levels_restart_and_a_restarted_list_counts_from_its_override(
    tmp_path: Path,
) -> None:
    body = "".join(
        [
            docx_item("one", 20),
            docx_item("sub one", 20, 1),
            docx_item("sub two", 20, 1),
            docx_item("deep", 20, 2),
            docx_item("two", 20),
            docx_item("sub again", 20, 1),
            _para("Between the lists."),
            docx_item("restarted", 21),
            docx_item("restarted two", 21),
            docx_item("continued", 22),  # same definition, no override: the list goes on
        ]
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "o.docx", body, OUTLINE))
    assert doc.text == (
        "1. one\n  a. sub one\n  b. sub two\n    i) deep\n2. two\n  a. sub again\n\n"
        "Between the lists.\n\n1. restarted\n2. restarted two\n3. continued"
    )
    markers = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.BULLET]
    assert markers == ["1.", "a.", "b.", "i)", "2.", "a.", "1.", "2.", "3."]
    items = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.LIST_ITEM]
    assert items[1] == "  a. sub one"


def test_start_values_upper_roman_bullets_and_legal_labels(tmp_path: Path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + docx_level(0, "upperRoman", "%1.", start=5)
        + docx_level(1, "bullet", "\uf0b7")
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2">'
        + docx_level(0, "decimal", "%1.")
        + docx_level(1, "decimal", "%1.%2", extra='<w:lvlRestart w:val="0"/>')
        + docx_level(2, "upperLetter", "(%3)")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    )
    body = "".join(
        [
            docx_item("five", 1),
            docx_item("point", 1, 1),
            docx_item("six", 1),
            _para("Break."),
            docx_item("three", 2),
            _para("Break."),
            docx_item("first", 3),
            docx_item("first sub", 3, 1),
            docx_item("second", 3),
            docx_item("never restarted", 3, 1),  # w:lvlRestart 0: the count goes on
            docx_item("letter", 3, 2),
        ]
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "r.docx", body, numbering))
    assert doc.text == (
        "V. five\n  ◦ point\nVI. six\n\nBreak.\n\nIII. three\n\nBreak.\n\n"
        "1. first\n  1.1 first sub\n2. second\n  2.2 never restarted\n    (A) letter"
    )


def test_list_styles_of_python_docx_count_and_continue_after_a_paragraph(
    tmp_path: Path,
) -> None:
    blocks = [
        ("number", "first"),
        ("number", "second"),
        ("para", "A paragraph between."),
        ("number", "third"),
        ("bullet", "dot"),
    ]
    doc = load_document(make_docx(tmp_path / "s.docx", blocks))
    assert doc.text == "1. first\n2. second\n\nA paragraph between.\n\n3. third\n\n• dot"


def test_a_list_instance_without_a_definition_falls_back_to_a_bullet(tmp_path: Path) -> None:
    body = docx_item("orphan", 99) + docx_item("removed", 0)
    doc = load_document(make_docx_with_numbering(tmp_path / "x.docx", body, OUTLINE))
    assert doc.text == "• orphan\n\nremoved"


@pytest.mark.parametrize(
    ("value", "fmt", "label"),
    [
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (53, "upperLetter", "AAA"),
        (806, "lowerLetter", "z" * 31),  # Word's longest label
        (807, "lowerLetter", "807"),  # past it in digits, as a roman number past 3999
        (999_999_999, "upperLetter", "999999999"),
        (28, "alpha", "ab"),
        (703, "Alpha", "AAA"),
        (0, "alpha", "0"),
        (4, "lowerRoman", "iv"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "decimalZero", "07"),
        (12, "decimal", "12"),
        (3, "ordinalText", "3"),
        (3, "none", ""),
    ],
)
def test_number_labels(value: int, fmt: str, label: str) -> None:
    assert number_label(value, fmt) == label


def test_a_lettered_list_starting_at_a_huge_number_is_numbered_in_digits(
    tmp_path: Path,
) -> None:
    # Its labels were 38 million letters each: a 36 KB .docx of twenty items took 2 GB and
    # 15 s, then was refused as too big to convert.
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + docx_level(0, "lowerLetter", "%1.", start=999_999_999)
        + '</w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = docx_item("first", 2) + docx_item("second", 2)
    doc = load_document(make_docx_with_numbering(tmp_path / "h.docx", body, numbering))
    assert doc.text == "999999999. first\n1000000000. second"


def _numbering(xml: str) -> Numbering:
    root = parse_xml(
        (
            '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"{xml}</w:numbering>"
        ).encode(),
        Path("n.xml"),
        "Word",
    )
    return Numbering(root, {})


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.integers(0, 2), min_size=1, max_size=30))
def test_labels_count_each_level_and_restart_deeper_ones(levels: list[int]) -> None:
    numbering = _numbering(OUTLINE)
    counts = [0, 0, 0]
    for level in levels:
        label = numbering.next_label("20", level)
        counts[level] += 1
        counts[level + 1 :] = [0] * (2 - level)
        expected = [f"{counts[0]}.", f"{number_label(counts[1], 'lowerLetter')}.",
                    f"{number_label(counts[2], 'lowerRoman')})"][level]  # fmt: skip
        assert label == expected


def _heading(text: str, level: int, num_id: int | None = None) -> str:
    numbering = (
        f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="{num_id}"/></w:numPr>'
        if num_id is not None
        else ""
    )
    return (
        f'<w:p><w:pPr><w:pStyle w:val="Heading{level}"/>{numbering}</w:pPr>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def test_numbered_headings_show_their_numbers_and_the_title_leaves_it_out(
    tmp_path: Path,
) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="5">'
        + docx_level(0, "decimal", "%1")
        + docx_level(1, "decimal", "%1.%2")
        + docx_level(2, "upperLetter", "%3", extra='<w:suff w:val="nothing"/>')
        + "</w:abstractNum>"
        '<w:num w:numId="30"><w:abstractNumId w:val="5"/></w:num>'
    )
    body = "".join(
        [
            _heading("Introduction", 1, 30),
            _para("Text."),
            _heading("Background", 2, 30),
            _heading("Aims", 2, 30),
            _heading("Tight", 3, 30),
            _heading("Methods", 1, 30),
            _heading("Appendix", 1),  # not numbered
        ]
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "h.docx", body, numbering))
    assert doc.text == (
        "1 Introduction\n\nText.\n\n1.1 Background\n\n1.2 Aims\n\nATight\n\n2 Methods\n\nAppendix"
    )
    headings = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]
    assert headings[0] == "1 Introduction"
    assert doc.title == "Introduction"


def test_a_level_without_a_number_shows_its_text_or_nothing(tmp_path: Path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + docx_level(0, "none", "")
        + docx_level(1, "none", "Note:")
        + docx_level(2, "decimal", "%3.")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = docx_item("plain", 1) + docx_item("noted", 1, 1) + docx_item("counted", 1, 2)
    doc = load_document(make_docx_with_numbering(tmp_path / "n.docx", body, numbering))
    assert doc.text == "plain\n  Note: noted\n    1. counted"
