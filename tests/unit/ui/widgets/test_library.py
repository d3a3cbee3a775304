"""The library counts annotations as annotations (they are not all notes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.ui.widgets.library_entry import LibraryEntry, row_text


def _details(annotations: int) -> str:
    entry = LibraryEntry("a.txt", "a.txt", title="A", words=10, length=50, annotations=annotations)
    return row_text(entry, 60).plain.splitlines()[1]


def test_one_annotation_is_called_an_annotation() -> None:
    assert _details(1) == "10 words · 1 annotation"


def test_several_annotations_are_counted_as_annotations() -> None:
    assert _details(3) == "10 words · 3 annotations"
    assert _details(0) == "10 words"


def test_the_share_coded_follows_the_count_and_a_narrow_row_shortens_the_count() -> None:
    entry = LibraryEntry(
        "a.txt", "a.txt", title="A", words=1173, length=50, annotations=3, coverage=0.4
    )
    assert row_text(entry, 60).plain.splitlines()[1] == "1,173 words · 3 annotations · 40% coded"
    assert row_text(entry, 36).plain.splitlines()[1] == "1,173 words · 3 ann. · 40% coded"
    little = LibraryEntry("a.txt", "a.txt", title="A", words=9, annotations=1, coverage=0.001)
    assert row_text(little, 60).plain.splitlines()[1] == "9 words · 1 annotation · <1% coded"


def test_a_narrow_row_leaves_out_whole_parts_keeping_the_coding() -> None:
    """At 22 columns the row read '1,173 words · 2 ann.…': the share coded and the progress
    cut off; whole parts are left out instead, the coding kept longest."""
    entry = LibraryEntry(
        "a.txt", "a.txt", title="A", words=1173, length=100, annotations=2, coverage=0.004,
        position=1,
    )  # fmt: skip
    assert row_text(entry, 60).plain.splitlines()[1] == (
        "1,173 words · 2 annotations · <1% coded · 1% read"
    )
    assert row_text(entry, 36).plain.splitlines()[1] == "2 ann. · <1% coded · 1% read"
    assert row_text(entry, 22).plain.splitlines()[1] == "2 ann. · 1% read"
    assert row_text(entry, 12).plain.splitlines()[1] == "2 ann."
    pdf = LibraryEntry(
        "a.pdf", "a.pdf", title="A", words=5000, kind="PDF", pages=12, length=100, position=50
    )
    assert row_text(pdf, 22).plain.splitlines()[1] == "5,000 words · 50% read"
    plain = LibraryEntry("a.txt", "a.txt", title="A", words=1173, length=100, position=0)
    assert row_text(plain, 22).plain.splitlines()[1] == "1,173 words · 0% read"


def test_a_coded_document_s_row_says_how_far_it_was_read_in_a_library_of_80_columns() -> None:
    """At 80 columns (a library 25 wide) the row of a coded document left out "% read"
    first: "2 ann. · <1% coded", with no word of how far it was read, the one figure that
    says which document to go on with.  The share coded goes before it now, and a part with
    room is kept though one before it had none."""
    entry = LibraryEntry(
        "a.txt", "a.txt", title="A", words=1173, length=100, annotations=2, coverage=0.25,
        position=40,
    )  # fmt: skip
    assert row_text(entry, 25).plain.splitlines()[1] == "2 ann. · 40% read"
    assert row_text(entry, 29).plain.splitlines()[1] == "2 ann. · 25% coded · 40% read"
    unread = LibraryEntry("a.txt", "a.txt", title="A", words=1173, annotations=2, coverage=0.25)
    assert row_text(unread, 25).plain.splitlines()[1] == "2 ann. · 25% coded"
    pdf = LibraryEntry(
        "a.pdf", "a.pdf", title="A", words=5000, kind="PDF", pages=12, length=100, position=50
    )
    assert row_text(pdf, 24).plain.splitlines()[1] == "5,000 words · 50% read"
    assert row_text(pdf, 20).plain.splitlines()[1] == "PDF · 50% read"  # no room for words


def test_a_chinese_or_japanese_title_is_cut_to_the_cells_of_the_row() -> None:
    """Cut by characters, a title of two-cell characters ran past the row's end (and the
    file's name before it, where two documents share a title)."""
    from rich.cells import cell_len

    title = "墨西哥主办南方司令部会议以启动五角大楼针对中美洲移民的计划"
    entry = LibraryEntry("报告/访谈记录第一号.txt", "报告/访谈记录第一号.txt", title=title, words=9)
    for width in (12, 21, 30, 40):
        for named in (False, True):
            lines = row_text(entry, width, named=named).plain.splitlines()
            assert all(cell_len(line) <= width for line in lines), (width, named, lines)
            assert "…" in lines[0]  # cut: a path in its middle, a title at its end
    assert row_text(entry, 80).plain.splitlines()[0] == title  # room for it whole


def test_every_row_of_a_library_counts_the_annotations_in_the_same_words() -> None:
    """A library 36 cells wide (beside the text at 120 columns) said "2 annotations" in a
    short row under "3 ann." in a long one: each row chose its words for itself."""
    short = LibraryEntry("a.txt", "a.txt", title="A", words=1173, annotations=2)
    long = LibraryEntry(
        "b.txt", "b.txt", title="B", words=12000, length=100, annotations=3, coverage=0.2,
        position=50,
    )  # fmt: skip
    assert row_text(short, 36).plain.splitlines()[1] == "1,173 words · 2 ann."
    assert row_text(long, 36).plain.splitlines()[1] == "3 ann. · 20% coded · 50% read"
    assert row_text(short, 60).plain.splitlines()[1] == "1,173 words · 2 annotations"
    assert row_text(long, 60).plain.splitlines()[1] == (
        "12,000 words · 3 annotations · 20% coded · 50% read"
    )


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.builds(
            LibraryEntry,
            key=st.just("a.txt"),
            rel=st.just("a.txt"),
            title=st.just("A"),
            words=st.integers(0, 10**6),
            kind=st.sampled_from(["", "PDF", "Markdown"]),
            pages=st.integers(0, 2000),
            length=st.integers(0, 10**6),
            annotations=st.integers(1, 10**5),
            coverage=st.floats(0, 1),
            position=st.one_of(st.none(), st.integers(0, 10**6)),
        ),
        min_size=2,
        max_size=6,
    ),
    width=st.integers(12, 120),
)
def test_at_any_width_the_rows_count_annotations_in_one_wording(
    rows: list[LibraryEntry], width: int
) -> None:
    details = [row_text(entry, width).plain.splitlines()[1] for entry in rows]
    spelt = {"annotation" in line for line in details}
    assert len(spelt) == 1, (width, details)
