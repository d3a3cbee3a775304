"""The links to a note the export renamed with its document's file, changed as Obsidian
changes them on a rename, and none other."""

from __future__ import annotations

from tui_reader.core.interchange.vault_links import Renamed, relinked

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
