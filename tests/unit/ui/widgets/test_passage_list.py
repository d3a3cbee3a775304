"""A passage as the lists show it: in full, up to a bound a screen can wrap at once."""

from __future__ import annotations

import os

from tui_reader.core.annotations.model import make_annotation
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui.widgets.passage_list import SHOWN_CHARACTERS, passage_body


def test_a_passage_is_shown_in_full_up_to_the_bound_then_its_start_and_what_is_left() -> None:
    short = "word " * 100
    huge = "word " * 200_000  # a whole book's paragraph selected as one sentence
    palette = TagPalette(())
    for text in (short, huge):
        annotation = make_annotation("a.txt", text, 0, len(text), "", ("t",))
        body = passage_body(annotation, palette).plain
        if len(text) <= SHOWN_CHARACTERS:
            assert text.strip() in body and "more characters" not in body
        else:
            assert len(body) < SHOWN_CHARACTERS + 200
            left = len(text.strip("\n")) - body.index(" …")
            assert f"{left:,} more characters" in body


def test_a_heading_names_the_file_of_a_title_two_documents_share() -> None:
    from tui_reader.core.annotations.passages import Passage
    from tui_reader.ui.widgets.codebook_views import passage_row
    from tui_reader.ui.widgets.passage_list import titles_shared

    text = "Interview transcript\n\nP1: words\n"
    passages = [
        Passage(make_annotation(key, text, 24, 29, "", ("t",)), title, 3)
        for key, title in (
            ("c/p1.txt", "Interview transcript"),
            ("c/p2.txt", "Interview transcript"),
            ("c/notes.txt", "Field notes"),
        )
    ]
    passages.append(passages[0])  # two passages of one document: not two documents
    shared = titles_shared(passages)
    assert shared == {"Interview transcript"}
    assert titles_shared([passages[0], passages[3], passages[2]]) == frozenset()
    rows = [
        passage_row(p, "", TagPalette(()), 80, named=p.title in shared).plain.splitlines()[0]
        for p in passages[:3]
    ]
    assert rows == [
        "p1.txt · Interview transcript  line 3",
        "p2.txt · Interview transcript  line 3",
        "Field notes  line 3",
    ]


def test_a_codebook_row_keeps_a_long_title_to_its_headings_line() -> None:
    """The codebook's passages wrapped a long title over three lines of a 46-column list,
    its line number after it and the note's mark alone on a fourth: the title is cut with
    "…" where the row is too narrow, as the query view's passages have it."""
    from rich.cells import cell_len

    from tui_reader.core.annotations.passages import Passage
    from tui_reader.ui.widgets.codebook_views import passage_row

    title = "An Extraordinarily Long Title About Militarization Along The Southern Border"
    text = "Some words of a passage\n"
    annotation = make_annotation("c/a.txt", text, 0, 10, "", ("t",), note="a note")
    for width in (30, 46, 80):
        heading = passage_row(Passage(annotation, title, 5), "", TagPalette(()), width)
        first = heading.plain.splitlines()[0]
        assert cell_len(first) <= width, (width, first)
        assert first.endswith("line 5  ✎") and first.startswith("An Extra"), first


def test_a_huge_code_and_note_are_shown_up_to_a_bound_in_lists_and_the_side_panel() -> None:
    """A code of megabytes (a database edited by hand) and a note of one (a transcript pasted
    into it) were wrapped whole in every list and in the side panel each time the caret came
    onto the passage: seconds of the app frozen for the note, minutes and gigabytes for the
    code.  Each shows its start, and the note says how much is left."""
    from rich.console import Console

    from tui_reader.core.codebook.names import TAG_NAME_LENGTH
    from tui_reader.ui.reading_pane.details import AnnotationDetails

    code, note = "x" * 2_000_000, "word " * 200_000
    annotation = make_annotation("a.txt", "The quick brown fox.", 4, 9, "", (code, "t"), note)
    body = passage_body(annotation, TagPalette(())).plain
    with open(os.devnull, "w") as devnull:
        console = Console(width=40, record=True, file=devnull)
        console.print(AnnotationDetails().describe(annotation))
    side = "".join(console.export_text().split())  # its lines joined, as one text
    for shown in (body, side):
        assert len(shown) < TAG_NAME_LENGTH + SHOWN_CHARACTERS + 200
        assert "x" * TAG_NAME_LENGTH + "…" in shown and "x" * (TAG_NAME_LENGTH + 1) not in shown
    left = len(note.strip()) - (body.index(" … ") - body.index("word"))
    assert f" … {left:,} more characters" in body
    assert f"{left + 1:,}morecharacters" in side  # the panel shows a note as it is, unstripped


def test_a_note_up_to_the_bound_is_shown_whole() -> None:
    note = "word " * 100
    annotation = make_annotation("a.txt", "The quick brown fox.", 4, 9, "", ("t",), note)
    body = passage_body(annotation, TagPalette(())).plain
    assert note.strip() in body and "more characters" not in body


def test_a_short_title_is_never_padded_and_marked_cut_where_the_heading_is_crowded() -> None:
    """In the codebook at 80x24 (a 46-column list) a transcript's passage was headed
    "call       …  [00:00:05] Interviewer  line" / "1  by root": the title "call", shorter
    than the cells a cut title keeps, was padded to them and given a "…" though nothing of it
    was cut. A title is cut only when it is longer than what it keeps."""
    from tui_reader.core.annotations.passages import Passage
    from tui_reader.ui.widgets.codebook_views import passage_row
    from tui_reader.ui.widgets.passage_list import MIN_TITLE_CELLS

    text = "[00:00:05] Interviewer: we crossed at night\n"
    annotation = make_annotation("c/call.vtt", text, 24, 31, "", ("t",))
    long_title = "A Long Interview Title Of Several Words"
    for width in (20, 30, 46):
        for title in ("call", "x" * MIN_TITLE_CELLS):
            passage = Passage(annotation, title, 1, cited="[00:00:05] Interviewer")
            heading = passage_row(passage, "", TagPalette(()), width, coder=True).plain
            first = heading.splitlines()[0]
            assert first == title or first.startswith(f"{title}  [00:00:05]"), (width, heading)
        passage = Passage(annotation, long_title, 1, cited="[00:00:05] Interviewer")
        heading = passage_row(passage, "", TagPalette(()), width, coder=True).plain
        cut = long_title[: MIN_TITLE_CELLS - 1] + "…"
        first = heading.splitlines()[0]
        assert first == cut or first.startswith(f"{cut}  [00:00:05]"), (width, heading)


def test_a_crowded_heading_breaks_between_its_parts_not_inside_one() -> None:
    """A heading with no room left for its short title wrapped inside its parts: the
    codebook at 80x24 (a 44-cell row) headed a transcript's passage "call  [00:00:05]
    Interviewer  line 1  by" / "root". A heading too long for its row now goes on to its next
    line between two of its parts ("line 1", "by root" stay whole)."""
    from rich.console import Console

    from tui_reader.core.annotations.passages import Passage
    from tui_reader.ui.widgets.codebook_views import passage_row

    text = "[00:00:05] Interviewer: we crossed at night\n"
    annotation = make_annotation(
        "c/call.vtt", text, 24, 31, "", ("t",), note="a note", coder="root"
    )
    passage = Passage(annotation, "call", 12, cited="[00:00:05] Interviewer")
    parts = ("call", "[00:00:05] Interviewer", "line 12", "✎", "by root")
    for width in (30, 38, 44, 48):
        row = passage_row(passage, "", TagPalette(()), width, coder=True)
        with open(os.devnull, "w") as devnull:
            console = Console(width=width, record=True, file=devnull)
            console.print(row)
        lines = console.export_text().splitlines()
        head = [line.strip() for line in lines[: lines.index(annotation.quote)]]
        assert [part for line in head for part in line.split("  ")] == list(parts), head
