"""E-mail messages saved as files (.eml): their header's lines, their text, their attachments
named."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from tui_reader.core.documents.document import load_document
from tui_reader.core.errors import DocumentError


def _message(subject: str, sender: str = "Ana Pérez <ana@example.org>") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Luis Gómez <luis@example.org>"
    message["Date"] = "Fri, 12 May 2023 10:02:33 -0600"
    message["Subject"] = subject
    return message


def test_a_saved_message_is_read_with_its_header_and_attachments_named(tmp_path: Path) -> None:
    # A message saved from a mail program (.eml) was refused, "unsupported file type
    # '.eml'": a journalist's or a researcher's correspondence could not be read or coded.
    message = _message("Shelter visit — notes")
    message.set_content("Hola Luis,\n\nThe shelters held twice as many people as beds.\n")
    message.add_alternative("<p>Hola Luis,</p><p>The shelters held <b>twice</b>.</p>", "html")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="n.pdf")
    path = tmp_path / "visit.eml"
    path.write_bytes(bytes(message))
    loaded = load_document(path)
    assert loaded.text == (
        "From: Ana Pérez <ana@example.org>\nTo: Luis Gómez <luis@example.org>\n"
        "Date: Fri, 12 May 2023 10:02:33 -0600\nSubject: Shelter visit — notes\n"
        "Attachments: n.pdf\n\nHola Luis,\n\nThe shelters held twice as many people as beds."
    )
    assert (loaded.format, loaded.title) == ("eml", "Shelter visit — notes")
    assert loaded.metadata["author"] == "Ana Pérez <ana@example.org>"


def test_a_message_of_a_web_page_alone_is_read_as_the_page(tmp_path: Path) -> None:
    message = _message("Road closed", sender="=?utf-8?q?Jos=C3=A9?= <jose@example.org>")
    message.set_content(
        "<html><body><h1>Update</h1><p>The road to the river is closed again since this"
        " morning, the mayor said at noon.</p></body></html>",
        "html",
    )
    path = tmp_path / "road.eml"
    path.write_bytes(bytes(message))
    text = load_document(path).text
    assert text.startswith("From: José <jose@example.org>\n")
    assert text.endswith("Subject: Road closed\n\nUpdate\n\nThe road to the river is closed"
                         " again since this morning, the mayor said at noon.")  # fmt: skip


def test_a_file_named_eml_that_is_no_message_is_said_so(tmp_path: Path) -> None:
    path = tmp_path / "junk.eml"
    path.write_bytes(b"\x00\x01 no header at all")
    with pytest.raises(DocumentError, match=r"junk\.eml: not an e-mail message"):
        load_document(path)
