"""The title a plain text is named by."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.documents.document import load_document

TURNS = (
    "Interviewer: Thanks for coming in today.\n\nAna: Happy to be here.\n\n"
    "Interviewer: Tell me about the border.\n\nAna: It closed in March.\n"
)


def test_a_transcript_is_not_titled_by_its_first_speakers_words(tmp_path: Path) -> None:
    # A transcript opening with its first turn was titled by it ("Interviewer: Thanks for
    # coming in today."): a speaker's words are no title, its file's name is.
    path = tmp_path / "ana-2024-03.txt"
    path.write_text(TURNS, "utf-8")
    assert load_document(path).title == "ana-2024-03"
    headed = tmp_path / "headed.txt"
    headed.write_text("Interview with Ana, March 2024\n\n" + TURNS, "utf-8")
    assert load_document(headed).title == "Interview with Ana, March 2024"


def test_a_title_with_a_colon_in_prose_is_still_the_title(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("Chapter One: The Border\n\nIt was a dark night.\n\nNote: cold.\n", "utf-8")
    assert load_document(path).title == "Chapter One: The Border"
