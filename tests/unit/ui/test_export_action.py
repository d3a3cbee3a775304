"""What the app's export says it wrote."""

from __future__ import annotations

from pathlib import Path

from tui_reader.ui.export_action import written_message


def test_the_counts_are_written_as_people_read_them() -> None:
    path = Path("/data/annotations-export.md")
    assert written_message(100000, path) == (
        "100,000 annotations written to /data/annotations-export.md"
    )
    assert written_message(1, path) == "1 annotation written to /data/annotations-export.md"
    assert written_message(0, path).startswith("0 annotations written")
