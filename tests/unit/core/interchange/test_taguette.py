"""Taguette's exports (highlights CSV and HTML, codebook CSV) read and placed by their text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.errors import ImportFormatError
from tui_reader.core.interchange.foreign import guess_foreign
from tui_reader.core.interchange.taguette import (
    TaguetteExport,
    Target,
    match_document,
    place_highlights,
    read_taguette,
)

TEXT = "First paragraph about the border.\n\nSecond one: the border again, and the wall.\n"
TARGETS = [
    Target("corpus/interview-1.txt", "Interview one", TEXT, text_sha256(TEXT)),
    Target("corpus/notes.md", "Field notes", "nothing here", text_sha256("nothing here")),
]
WHEN = "2026-11-30T12:00:00Z"


def _placed(
    sheet: str, source: str, targets: Sequence[Target] = TARGETS
) -> tuple[list[Annotation], list[str]]:
    """The highlights of the Taguette export ``sheet`` (read as the file ``source``) placed
    in ``targets``, and those not placed."""
    return place_highlights(read_taguette(sheet, source).highlights, targets, WHEN)


# As Taguette's highlights_csv writes it: a row per highlight and tag.
HIGHLIGHTS_CSV = (
    "id,document,tag,content\r\n"
    "7,interview-1,place/border,the border\r\n"
    "7,interview-1,interesting,the border\r\n"
    "9,Interview-1,place/border,the border\r\n"
    '12,interview-1,,"paragraph about\nthe   border."\r\n'
    "13,interview-2,place/wall,the wall\r\n"
    "14,interview-1,place/wall,a wall that is not there\r\n"
)


def test_highlights_csv_is_placed_by_text_and_what_is_not_is_listed() -> None:
    export = read_taguette(HIGHLIGHTS_CSV, "all_tags.csv")
    annotations, unplaced = place_highlights(export.highlights, TARGETS, WHEN)
    placed = [(a.quote, a.start, a.tags) for a in annotations]
    first, second = TEXT.index("the border"), TEXT.index("the border", TEXT.index("the border") + 1)
    assert placed == [
        ("the border", first, ("place/border", "interesting")),
        ("the border", second, ("place/border",)),  # the next occurrence of the same text
        ("paragraph about the border.", TEXT.index("paragraph"), ()),  # whitespace differs
    ]
    assert all(a.document == "corpus/interview-1.txt" and a.updated == WHEN for a in annotations)
    assert unplaced == [
        "13: no document here named 'interview-2'",
        "14: the passage is not in corpus/interview-1.txt",
    ]
    again, _ = _placed(HIGHLIGHTS_CSV, "x")
    assert [a.id for a in again] == [a.id for a in annotations]  # importing twice adds nothing


def test_the_highlights_of_a_document_not_here_are_said_in_one_line_for_that_document() -> None:
    """Each highlight of a missing interview was a line of its own, the one problem said
    hundreds of times (twenty of them, the rest counted) and the other problems lost among
    them: one line names the document, its highlights counted."""
    rows = "".join(f"{n},interview-9,t,anything\r\n" for n in range(20, 520))
    sheet = f"{HIGHLIGHTS_CSV}{rows}15,interview-2,t,x\r\n16,gone,t,y\r\n"
    _, unplaced = _placed(sheet, "h.csv")
    assert unplaced == [
        "2 highlights (13, 15): no document here named 'interview-2'",
        "14: the passage is not in corpus/interview-1.txt",
        "500 highlights (20, 21, 22 and 497 more): no document here named 'interview-9'",
        "16: no document here named 'gone'",
    ]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_a_csv_opening_with_excel_s_separator_line_is_read_as_without_it(separator: str) -> None:
    # A CSV saved for Excel starts with "sep=;" to name its separator: import said it was
    # not a file it reads.
    rows = [line.split(",") for line in HIGHLIGHTS_CSV.split("\r\n")[:3]]
    text = f"\ufeffsep={separator}\r\n" + "\r\n".join(map(separator.join, rows)) + "\r\n"
    assert guess_foreign(text.encode("utf-8")) == "taguette"
    assert read_taguette(text, "x.csv") == read_taguette(
        "\r\n".join(map(",".join, rows)) + "\r\n", "y.csv"
    )
    assert len(read_taguette(text, "x.csv").highlights) == 1


def test_two_highlights_of_a_passage_found_once_are_both_placed_there() -> None:
    """Two highlights of one passage (coded apart) were placed once, the second listed as
    "the passage is not in" the document that holds it, and lost; a text found once is
    there.  A third highlight of a text found twice cannot be told apart: said so."""
    csv = (
        "id,document,tag,content\n"
        "1,interview-1,a,the wall\n2,interview-1,b,the wall\n"
        "3,interview-1,c,the border\n4,interview-1,d,the border\n5,interview-1,e,the border\n"
    )
    annotations, unplaced = _placed(csv, "x")
    wall = TEXT.index("the wall")
    assert [(a.start, a.tags) for a in annotations[:2]] == [(wall, ("a",)), (wall, ("b",))]
    assert len({a.id for a in annotations}) == 4
    assert unplaced == [
        "5: the passage is 2 times in corpus/interview-1.txt, each taken by an earlier "
        "highlight; which one this is cannot be told"
    ]


def test_highlights_html_is_read() -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>Taguette highlights</title></head><body>"
        "<h1>Taguette highlights</h1>\n<p>the border</p>\n<p><strong>Document:</strong> "
        "interview-1.txt <strong>Tags:</strong> place/border, interesting</p>\n<hr>\n"
        "<p>the &amp; wall</p><p><strong>Document:</strong> Field notes "
        "<strong>Tags:</strong></p></body></html>"
    )
    export = read_taguette(page, "highlights.html")
    assert [(h.document, h.text.strip(), h.tags) for h in export.highlights] == [
        ("interview-1.txt", "the border", ("place/border", "interesting")),
        ("Field notes", "the & wall", ()),
    ]


def test_highlights_html_with_bold_words_in_a_passage_is_read() -> None:
    """A passage with a bold word (a speaker's name in a Word transcript Taguette kept as
    HTML) was read from that word on as the highlight's details: its document was lost and
    its tags were 'Document: interview-1.txt'."""
    page = (
        "<!DOCTYPE html>\n<html><head><title>Taguette highlights</title></head><body>"
        "<h1>Taguette highlights</h1>\n<p><strong>Interviewer:</strong> And then?</p>"
        "<p><strong>Ana:</strong> the <b>border</b> <strong>closed</strong>.</p>\n"
        "<p>\n<strong>Document:</strong> interview-1.txt\n<strong>Tags:</strong>\n"
        "place/border,\n interesting\n</p>\n<hr>\n"
        "<p>the wall</p><p><strong>Document:</strong> Field notes "
        "<strong>Tags:</strong> wall</p></body></html>"
    )
    export = read_taguette(page, "highlights.html")
    assert [(h.document, " ".join(h.text.split()), h.tags) for h in export.highlights] == [
        (
            "interview-1.txt",
            "Interviewer: And then? Ana: the border closed.",
            ("place/border", "interesting"),
        ),
        ("Field notes", "the wall", ("wall",)),
    ]


def test_codebook_csv_is_read() -> None:
    text = "tag,parent,description,number of highlights\nplace/border,,Where it is crossed,3\n"
    assert read_taguette(text, "codebook.csv").tags == [
        Tag("place/border", "", "Where it is crossed")
    ]


def test_documents_match_by_key_name_stem_or_title() -> None:
    for name in ("corpus/interview-1.txt", "interview-1.txt", "INTERVIEW-1", "interview one"):
        assert match_document(name, TARGETS) is TARGETS[0]
    assert match_document("interview", TARGETS) is None


def test_another_csv_is_refused_with_what_taguette_writes() -> None:
    with pytest.raises(ImportFormatError, match="id,document,tag,content"):
        read_taguette("a,b\n1,2\n", "other.csv")


def test_a_highlight_longer_than_the_csv_modules_default_limit_is_read() -> None:
    chapter = "word " * 40_000  # 200,000 characters: a whole chapter highlighted
    text = f"Title\n\n{chapter}\n"
    export = read_taguette(f'id,document,tag,content\n1,book,whole,"{chapter}"\n', "all.csv")
    target = Target("corpus/book.txt", "Book", text, text_sha256(text))
    [annotation], unplaced = place_highlights(export.highlights, [target], WHEN)
    assert unplaced == [] and annotation.end - annotation.start > 131_072


def test_a_highlight_with_a_soft_hyphen_is_placed_on_the_text_without_it() -> None:
    """Taguette keeps a soft hyphen of the document (a web page's, an e-book's), which the
    document here leaves out: the highlight was listed as not in the document."""
    highlights = "id,document,tag,content\n1,interview-1,place,para\u00adgraph about\n"
    export = read_taguette(highlights, "all_tags.csv")
    annotations, unplaced = place_highlights(export.highlights, TARGETS, WHEN)
    assert unplaced == []
    assert [(a.quote, a.start) for a in annotations] == [
        ("paragraph about", TEXT.index("paragraph about"))
    ]


@pytest.mark.parametrize("written", ["NFC", "NFD"])
def test_a_highlight_whose_accents_are_written_otherwise_is_placed(written: str) -> None:
    """A highlight Taguette wrote with its accents as one code point (é), of a document here
    that writes them apart (e and U+0301, as a Mac or a PDF does), or the other way round:
    it was listed as not in the document, and not imported."""
    import unicodedata

    other = "NFD" if written == "NFC" else "NFC"
    text = unicodedata.normalize(other, "Notes.\n\nLe café de Zoë à Séville, et la réunion.\n")
    target = Target("corpus/notes.txt", "Notes", text, text_sha256(text))
    cell = unicodedata.normalize(written, "café de Zoë à  Séville")
    export = read_taguette(f"id,document,tag,content\n1,notes,place,{cell}\n", "t.csv")
    [annotation], unplaced = place_highlights(export.highlights, [target], WHEN)
    assert unplaced == []
    assert annotation.quote == unicodedata.normalize(other, "café de Zoë à Séville")
    assert text[annotation.start : annotation.end] == annotation.quote


@pytest.mark.parametrize("cell", ["²", "1²", "٣", "\u0664"])
def test_a_place_of_other_digits_in_our_csv_is_no_place_the_passage_is_found(cell: str) -> None:
    # "²" is a digit to str.isdigit but not to int(): the import stopped with a traceback
    csv_text = (
        f"id,document,tag,content,note,start,end\r\n1,interview-1,place,the wall,,{cell},5\r\n"
    )
    export = read_taguette(csv_text, "ours.csv")
    [annotation], unplaced = place_highlights(export.highlights, TARGETS, WHEN)
    assert unplaced == [] and annotation.start == TEXT.index("the wall")


@pytest.mark.parametrize(
    "key", ["corpus/a\tb.txt", "corpus/line\nbreak.txt", "corpus/esc\x1b[31m.txt", " lead.txt"]
)
def test_a_document_named_as_our_csv_export_writes_its_name_is_found(key: str) -> None:
    """Our CSV export writes a key through the export gate (a tab as a space, a control as its
    picture) and keeps a name's spaces: the rows go back onto that file."""
    from tui_reader.core.interchange.export_text import export_line

    targets = [*TARGETS, Target(key, "Odd", TEXT, text_sha256(TEXT))]
    assert match_document(export_line(key), targets) is targets[-1]


def test_highlights_saved_by_excel_as_unicode_text_are_read() -> None:
    """Excel's "Unicode Text" (how it saves what is not Latin): UTF-16 with a byte-order
    mark, the cells parted by tabs, lines by CR LF."""
    from tui_reader.core.interchange.foreign import parse_foreign

    rows = [line.split(",") for line in HIGHLIGHTS_CSV.split("\r\n")[:3]]
    text = "\r\n".join("\t".join(row) for row in rows) + "\r\n"
    raw = b"\xff\xfe" + text.encode("utf-16-le")
    assert guess_foreign(raw) == "taguette"
    parsed = parse_foreign(raw, Path("highlights.txt"), "taguette")
    assert isinstance(parsed, TaguetteExport)
    (highlight,) = parsed.highlights
    assert (highlight.document, highlight.tags) == ("interview-1", ("place/border", "interesting"))


def test_a_big_file_of_one_line_is_told_from_its_start_in_little_memory() -> None:
    # A 400 MB file of NULs (an export a crash left zeroed) or of base64 given to import was
    # decoded whole and its one line read as a CSV header: 4.5 GB and 32 s before "not a
    # file import reads".  Its first MB says it is no Taguette export (10 MB read).
    import tracemalloc

    for raw in (b"\0" * 20_000_000, b"QUJD" * 5_000_000):
        tracemalloc.start()
        try:
            guessed = guess_foreign(raw)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert guessed is None
        assert peak < 40_000_000, f"{peak:,} bytes at most"  # 254 MB read whole


def test_a_taguette_header_after_a_long_line_of_excel_s_is_still_told() -> None:
    """Excel's "sep=" line, then the header: both within the start read."""
    raw = ("sep=,\r\n" + HIGHLIGHTS_CSV + "x" * 3_000_000 + "\r\n").encode()
    assert guess_foreign(raw) == "taguette"


def test_highlights_saved_by_excel_for_mac_with_cr_line_ends_are_read() -> None:
    """Excel's "CSV (Macintosh)" ends each line with a lone CR."""
    text = HIGHLIGHTS_CSV.replace("\r\n", "\r")
    assert guess_foreign(text.encode("utf-8")) == "taguette"
    assert read_taguette(text, "x.csv") == read_taguette(HIGHLIGHTS_CSV, "x.csv")


def test_a_file_named_as_another_s_name_is_shown_keeps_its_own_rows() -> None:
    """``a b.txt`` and ``a<tab>b.txt`` side by side: a row naming ``a b.txt`` is that file's."""
    tabbed = Target("corpus/a\tb.txt", "Tab", TEXT, text_sha256(TEXT))
    spaced = Target("corpus/a b.txt", "Space", TEXT, text_sha256(TEXT))
    assert match_document("corpus/a b.txt", [tabbed, spaced]) is spaced


def test_our_csv_export_s_rows_keep_their_passages_times() -> None:
    """A row of our CSV export carries its passage's ``created`` and ``updated``: the passage
    was dated as changed when the file was written, whatever the row said."""
    wall = TEXT.index("the wall")
    sheet = (
        "id,document,tag,content,note,start,end,line,status,created,coder,updated\r\n"
        "00000000-0000-4000-8000-00000000000a,interview-1,place,the border,,26,36,1,anchored,"
        "2026-01-02T10:00:00Z,ana,2026-01-05T16:30:00Z\r\n"
        f"00000000-0000-4000-8000-00000000000b,interview-1,place,the wall,,{wall},{wall + 8},3,"
        "anchored,"
        "2026-01-02T10:00:00Z,ana,2099-01-01T00:00:00Z\r\n"
    )
    annotations, _ = _placed(sheet, "out.csv")
    assert [(a.created, a.updated) for a in annotations] == [
        ("2026-01-02T10:00:00Z", "2026-01-05T16:30:00Z"),
        ("2026-01-02T10:00:00Z", WHEN),  # never after the file was written
    ]


def test_our_csv_export_s_rows_keep_ids_of_any_form_and_empty_times() -> None:
    """A passage imported from another tool's JSON keeps its id (``ovl1``) and its empty
    times, which our JSON export writes as they are: its CSV export read back gives the same
    ids and times, as the JSON export would.  Taguette's numbered rows, which say no place,
    still get ids of their own, and so do two passages under one id."""
    wall = TEXT.index("the wall")
    sheet = (
        "id,document,tag,content,note,start,end,line,status,created,coder,updated\r\n"
        "ovl1,interview-1,place,the border,,26,36,1,anchored,,ana,\r\n"
        f"ovl2,interview-1,place,the wall,,{wall},{wall + 8},3,anchored,"
        "2026-01-02T10:00:00Z,ana,2026-01-03T10:00:00Z\r\n"
        f"twice,interview-1,place,the wall,,{wall},{wall + 8},3,anchored,,ana,\r\n"
        "twice,interview-1,place,the border,,26,36,1,anchored,,ana,\r\n"
    )
    annotations, _ = _placed(sheet, "out.csv")
    assert [(a.id, a.created, a.updated) for a in annotations[:2]] == [
        ("ovl1", "", ""),
        ("ovl2", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"),
    ]
    assert "twice" not in {a.id for a in annotations[2:]}
    numbered, _ = _placed(HIGHLIGHTS_CSV, "h.csv")
    assert not {"7", "9", "12"} & {a.id for a in numbered}
    assert {a.created for a in numbered} == {WHEN}


def test_a_passage_of_our_csv_export_not_in_its_document_is_kept_as_an_orphan() -> None:
    """An orphan exported to CSV (its text no longer in the document), read back into an
    empty database, was listed as not placed and lost, where the JSON export read back keeps
    it: it is kept as an orphan of its document, with its id, tags, note and quote."""
    sheet = (
        "id,document,tag,content,note,start,end,line,status,created,coder,updated\r\n"
        "ovl1,interview-1,place,the fence,a note,26,35,,orphan,"
        "2026-01-02T10:00:00Z,ana,2026-01-03T10:00:00Z\r\n"
    )
    annotations, unplaced = _placed(sheet, "out.csv")
    assert unplaced == []
    [orphan] = annotations
    assert (orphan.id, orphan.document, orphan.quote, orphan.tags, orphan.note) == (
        "ovl1",
        "corpus/interview-1.txt",
        "the fence",
        ("place",),
        "a note",
    )
    assert (orphan.status, orphan.start, orphan.end, orphan.doc_sha256) == (
        AnchorStatus.ORPHAN,
        26,
        35,
        "",
    )


def test_a_passage_of_our_csv_export_whose_document_is_not_here_is_kept_as_an_orphan() -> None:
    """Our CSV export imported into an empty database before its corpus is there kept none of
    its passages ('no document here named ...'), where the JSON export keeps each as an
    orphan under its document's key: so is each row of ours now.  Taguette's row and a row
    naming a path the store does not take are still listed."""
    sheet = (
        "id,document,tag,content,note,start,end,line,status,created,coder,updated\r\n"
        "ovl1,elsewhere/a.txt,place,the fence,,3,12,1,anchored,,ana,\r\n"
        "ovl2,/etc/passwd,place,root,,0,4,1,anchored,,ana,\r\n"
    )
    annotations, unplaced = _placed(sheet, "out.csv")
    assert [(a.id, a.document, a.quote, a.status, a.start, a.end) for a in annotations] == [
        ("ovl1", "elsewhere/a.txt", "the fence", AnchorStatus.ORPHAN, 3, 12)
    ]
    assert unplaced == ["ovl2: no document here named '/etc/passwd'"]
    _, listed = _placed(HIGHLIGHTS_CSV, "h.csv")
    assert "13: no document here named 'interview-2'" in listed


def test_a_row_of_our_csv_export_with_a_damaged_place_keeps_its_note_coder_and_times() -> None:
    # a start cell a spreadsheet changed ("abc", "26.5") made the row one of Taguette's: its
    # note, coder and times were dropped without a word and the passage dated as new
    sheet = (
        "id,document,tag,content,note,start,end,line,status,created,coder,updated\r\n"
        "00000000-0000-4000-8000-00000000000a,interview-1,place,the border,why here?,abc,36,1,"
        "anchored,2026-01-02T10:00:00Z,ana,2026-01-05T16:30:00Z\r\n"
        "00000000-0000-4000-8000-00000000000b,interview-1,place,the wall,,,,3,"
        "anchored,yesterday,ben,2026-01-05T16:30:00Z\r\n"
    )
    export = read_taguette(sheet, "out.csv")
    annotations, unplaced = place_highlights(export.highlights, TARGETS, WHEN)
    assert unplaced == []
    assert [(a.id[-1], a.quote, a.note, a.coder, a.created, a.updated) for a in annotations] == [
        ("a", "the border", "why here?", "ana", "2026-01-02T10:00:00Z", "2026-01-05T16:30:00Z"),
        ("b", "the wall", "", "ben", "2026-01-05T16:30:00Z", "2026-01-05T16:30:00Z"),
    ]
    assert annotations[0].start == TEXT.index("the border")
    assert export.problems == [
        "row 2 (00000000-0000-4000-8000-00000000000a): start 'abc' is not a whole number; "
        "placed where its passage is found",
        "row 3 (00000000-0000-4000-8000-00000000000b): created 'yesterday' is not a time; "
        "dated as changed",
    ]


def test_a_highlight_with_formatted_words_written_as_taguette_joins_them_is_placed() -> None:
    """Taguette writes a highlight's text in its CSV as BeautifulSoup's ``get_text(' ',
    strip=True)`` gives it: its HTML's pieces of text joined by a space, so a word in bold or
    italics before a comma or within a word comes with a space the document does not have
    ('the *border*, and' is 'the border , and'): it was said not to be in the document."""
    text = "Ana: we never went back, he said. The Wall-street crowd left.\n"
    targets = [Target("int.txt", "int", text, text_sha256(text))]
    sheet = (
        "id,document,tag,content\n"
        '1,int,memory,"never went back , he said"\n'
        "2,int,place,The Wall -street crowd\n"
        "3,int,place,we never went back\n"
    )
    annotations, unplaced = _placed(sheet, "h.csv", targets)
    assert unplaced == []
    assert [a.quote for a in annotations] == [
        "never went back, he said",
        "The Wall-street crowd",
        "we never went back",
    ]


def test_thousands_of_highlights_of_one_text_are_placed_in_work_linear_in_their_count() -> None:
    # Each highlight looked for every occurrence of its text in its document again: 5,000
    # highlights of a word said 5,000 times in a transcript took 6.7 s of CPU to import,
    # 10,000 took 26 s. Each is still the next occurrence of its text.
    from helpers.counting import lines_run

    count = 3_000
    text = "yes " * count
    target = Target("t.txt", "t", text, text_sha256(text))
    sheet = "id,document,tag,content\n" + "".join(f"{n},t.txt,a,yes\n" for n in range(count))
    highlights = read_taguette(sheet, "h.csv").highlights
    (annotations, unplaced), ran = lines_run(
        lambda: place_highlights(highlights, [target], WHEN), at_most=2_000_000
    )
    assert unplaced == [] and [a.start for a in annotations] == list(range(0, 4 * count, 4)), ran


def test_a_key_of_another_folder_is_not_taken_for_a_document_of_its_file_name() -> None:
    """Our CSV export's c/z/Doc.txt, its file gone here, was taken for c/x/Doc.txt, the one
    document of that file name: its passages were placed on another interview's text."""
    here = [
        Target("c/x/Doc.txt", "Doc", TEXT, text_sha256(TEXT)),
        Target("c/notes.md", "Notes", TEXT, text_sha256(TEXT)),
    ]
    assert match_document("c/z/Doc.txt", here) is None
    assert match_document("c/x/y/Doc.txt", here) is None
    # a colleague's corpus in another folder: their keys begin elsewhere, the rest agrees
    for theirs in ("corpus/x/Doc.txt", "../ana/corpus/x/Doc.txt", "corpus/X/doc.txt"):
        assert match_document(theirs, here) is here[0]
    assert match_document("their corpus/notes.md", here) is here[1]
