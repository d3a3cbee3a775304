"""The library counts annotations as annotations (they are not all notes)."""

from __future__ import annotations

from tui_reader.ui.widgets.library import LibraryEntry, _cell


def _details(annotations: int) -> str:
    entry = LibraryEntry("a.txt", "a.txt", title="A", words=10, length=50, annotations=annotations)
    return _cell(entry, 60).plain.splitlines()[1]


def test_one_annotation_is_called_an_annotation() -> None:
    assert _details(1) == "10 words · 1 annotation"


def test_several_annotations_are_counted_as_annotations() -> None:
    assert _details(3) == "10 words · 3 annotations"
    assert _details(0) == "10 words"
