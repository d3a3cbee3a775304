"""The links to a note the export renamed with its document's file, changed as Obsidian
changes them on a rename, and none other."""

from __future__ import annotations

import json
from pathlib import Path

from tui_reader.core.interchange.vault_links import Renamed, relinked, relinked_canvas

RENAMED = Renamed("Documents/Carlos Méndez.md", "Documents/P03.md")


def test_each_kind_of_link_to_the_note_names_it_by_its_new_name() -> None:
    text = (
        '---\nrelated: "[[Carlos Méndez]]"\n---\n'
        "[[Carlos Méndez]] ![[carlos méndez#^ab12cd34]] [[Carlos Méndez|him]] "
        "[[Documents/Carlos Méndez.md#Memo]] [[ Carlos Méndez ]]\n"
        "[a](Documents/Carlos%20M%C3%A9ndez.md#^ab) [b](<Documents/Carlos Méndez.md>)\n"
    )
    assert relinked(text, RENAMED, "") == (
        '---\nrelated: "[[P03]]"\n---\n'
        "[[P03]] ![[P03#^ab12cd34]] [[P03|him]] [[Documents/P03.md#Memo]] [[P03]]\n"
        "[a](Documents/P03.md#^ab) [b](<Documents/P03.md>)\n"
    )


def test_links_to_other_notes_and_links_in_code_are_left_as_they_are() -> None:
    text = (
        "[[Carlos]] [[Other/Carlos Méndez]] [[xDocuments/Carlos Méndez]] [[#^ab12cd34]]\n"
        "[w](https://example.org/Carlos%20M%C3%A9ndez.md) [u](../Documents/Carlos%20Méndez.md)\n"
        "`[[Carlos Méndez]]` and ``a ` [[Carlos Méndez]]``\n\n"
        "```\n[[Carlos Méndez]]\n```\n~~~md\n[[Carlos Méndez]]\n~~~\n    ```\n"
    )
    assert relinked(text, RENAMED, "") == text
    unclosed = "```\n[[Carlos Méndez]]\n"
    assert relinked(unclosed, RENAMED, "") == unclosed


def test_a_markdown_link_is_read_from_its_notes_folder() -> None:
    text = "[x](../Documents/Carlos%20M%C3%A9ndez.md) [y](Carlos%20M%C3%A9ndez.md)"
    assert (
        relinked(text, RENAMED, "notes") == "[x](../Documents/P03.md) [y](Carlos%20M%C3%A9ndez.md)"
    )
    assert relinked("[y](Carlos%20M%C3%A9ndez.md)", RENAMED, "Documents") == "[y](P03.md)"


CANVAS = (
    "{\n"
    '\t"nodes":[\n'
    '\t\t{"id":"a1","type":"file","file":"Documents/Carlos Méndez.md","subpath":"#^ab12",'
    '"x":0,"y":0,"width":400,"height":400},\n'
    '\t\t{"id":"a2","type":"text","text":"See [[Carlos Méndez]] and\\n[[Ana]] \\"quoted\\"",'
    '"x":500,"y":0,"width":250,"height":60},\n'
    '\t\t{"id":"a3","type":"file","file":"Documents/Ana.md","x":0,"y":500,"width":400,'
    '"height":400},\n'
    '\t\t{"id":"a4","type":"link","url":"https://example.org/Carlos Méndez.md","x":0,"y":0,'
    '"width":1,"height":1}\n'
    "\t],\n"
    '\t"edges":[{"id":"e1","fromNode":"a1","toNode":"a2","label":"[[Carlos Méndez]]"}]\n'
    "}"
)


def test_a_canvas_names_the_note_by_its_new_path_in_its_file_cards_and_text_cards() -> None:
    """Obsidian changes a canvas's file cards and the links of its text cards on a rename;
    the rest of the file (its layout, other cards, a link card's address, an edge's label)
    is left byte for byte."""
    now = relinked_canvas(CANVAS, RENAMED, "")
    assert now == CANVAS.replace(
        '"file":"Documents/Carlos Méndez.md"', '"file":"Documents/P03.md"'
    ).replace('"text":"See [[Carlos Méndez]]', '"text":"See [[P03]]')
    assert json.loads(now)["nodes"][1]["text"] == 'See [[P03]] and\n[[Ana]] "quoted"'
    assert relinked_canvas(now, RENAMED, "") == now
    assert relinked_canvas("{not json", RENAMED, "") == "{not json"


def test_a_note_or_canvas_not_in_utf8_has_its_links_changed_its_other_bytes_kept(
    tmp_path: Path,
) -> None:
    """A note saved in Latin-1 by another editor, or holding a stray byte, kept its links
    to a renamed note naming nothing: it was left unread."""
    from tui_reader.core.interchange.vault_links import relink

    (tmp_path / "notes").mkdir()
    latin = tmp_path / "notes" / "latin.md"
    latin.write_bytes(
        "Caf\xe9: [[Interview]] \xa7 [[Documents/Interview.md|\xe9l]]\n".encode("latin-1")
    )
    board = tmp_path / "board.canvas"
    board.write_bytes(CANVAS.encode("utf-8").replace(b"quoted", b"quot\xe9d"))
    other = tmp_path / "notes" / "other.md"
    other.write_bytes(b"\xff\xfe no link here \x80\n")
    renamed = {RENAMED.before: RENAMED.after, "Documents/Interview.md": "Documents/P04.md"}
    changed = relink(tmp_path, [latin, board, other], renamed)
    assert [path for path, _, _ in changed] == [latin, board]
    assert latin.read_bytes() == "Caf\xe9: [[P04]] \xa7 [[Documents/P04.md|\xe9l]]\n".encode(
        "latin-1"
    )
    board_now = relinked_canvas(CANVAS, RENAMED, "").encode("utf-8")
    assert board.read_bytes() == board_now.replace(b"quoted", b"quot\xe9d")
    assert other.read_bytes() == b"\xff\xfe no link here \x80\n"
