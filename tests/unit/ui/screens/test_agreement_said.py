"""What the agreement figures (K, then =) say under the table of a coder who coded nothing
in the document: the command's words."""

from __future__ import annotations

from tui_reader.ui.screens.agreement import uncoded_line


def test_each_coder_who_coded_nothing_is_said_and_no_one_when_both_coded() -> None:
    doc = "study/otter.txt"
    assert uncoded_line("ana", "ben", doc, (True, True)) == ""
    assert uncoded_line("ana", "ben", doc, (True, False)) == (
        "ben coded nothing in study/otter.txt: every unit ana coded counts as one ben left uncoded."
    )
    assert uncoded_line("ana", "ben", doc, (False, True)).startswith("ana coded nothing")
    assert uncoded_line("ana", "ben", doc, (False, False)) == (
        "Neither ana nor ben coded study/otter.txt here: no code to compare."
    )
