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


def _nested(depth: int) -> bytes:
    """A message whose parts are multiparts nested ``depth`` deep, then a forwarded message
    in a message, its words at the bottom."""
    head = "From: a@example.org\nTo: b@example.org\nSubject: Deep\nMIME-Version: 1.0\n"
    opening = "".join(
        f'Content-Type: multipart/mixed;\n boundary="b{i}"\n\n--b{i}\n' for i in range(depth)
    )
    closing = "".join(f"--b{i}--\n" for i in reversed(range(depth)))
    inner = f"Content-Type: message/rfc822\n\n{head}Content-Type: text/plain\n\nhello\n"
    return (head + opening + inner + closing).encode()


def test_a_message_nested_thousands_deep_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A message of multiparts nested 3,000 deep was refused, "nested too deeply", only once
    # the parser had run out of stack, seconds later.  Its depth is read from its lines
    # first: the parser is not run.
    from tui_reader.core.documents.formats import mail

    depths = [mail.nesting_depth(_nested(n)) for n in (0, 2, 3_000)]
    assert depths == [1, 3, 3_001]

    def parse(data: bytes, **_: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(mail.email, "message_from_bytes", parse)
    with pytest.raises(DocumentError, match="nested too deeply"):
        mail.convert_eml(_nested(3_000), Path("deep.eml"))


def test_a_message_of_many_attachments_and_forwarded_messages_is_read(tmp_path: Path) -> None:
    # Parts side by side are no depth: 300 attachments and three forwarded messages, each
    # holding its text and an attachment, are read.
    message = _message("Files")
    message.set_content("The files are attached.\n")
    for i in range(300):
        message.add_attachment(b"x", maintype="application", subtype="pdf", filename=f"{i}.pdf")
    for i in range(3):
        forwarded = _message(f"Fwd {i}")
        forwarded.set_content(f"Forwarded {i}.\n")
        forwarded.add_attachment(b"y", maintype="image", subtype="png", filename=f"f{i}.png")
        message.add_attachment(forwarded)
    path = tmp_path / "files.eml"
    path.write_bytes(bytes(message))
    from tui_reader.core.documents.formats.mail import nesting_depth

    assert nesting_depth(path.read_bytes()) == 3
    assert load_document(path).text.endswith("\n\nThe files are attached.")


def test_a_field_holding_a_word_longer_than_a_line_is_read_as_plain_text(tmp_path: Path) -> None:
    # A word over the 998 characters a line may have is read as plain text: the standard
    # library's parser of addresses and content types took a time growing as its square (a
    # From of 16,000 quotes 14 s, a Content-Type of 16,000 43 s, a message of 80 KB given up
    # after 30 s), and a comment nested 1,200 deep ran it out of stack: the message refused.
    quotes, comment = '"' * 1_200, "(" * 1_200
    path = tmp_path / "odd.eml"
    path.write_text(
        f"From: {quotes}Ana <ana@example.org>\nSubject: Visit\n"
        f"Content-Type: text/plain; charset=utf-8; name={comment}\n\nThe shelter was full.\n"
    )
    loaded = load_document(path)
    assert loaded.text == (
        f"From: {quotes}Ana <ana@example.org>\nSubject: Visit\n\nThe shelter was full."
    )
    assert loaded.title == "Visit"
    # an attachment named so is still one (its disposition asked of the plain field)
    name = "a" + "(" * 1_200 + ".txt"
    path.write_text(
        'From: ana@example.org\nSubject: Files\nContent-Type: multipart/mixed; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nThe files are attached.\n"
        f'--B\nContent-Type: text/plain\nContent-Disposition: attachment; filename="{name}"\n\n'
        "notes\n--B--\n"
    )
    assert load_document(path).text == (
        f"From: ana@example.org\nSubject: Files\nAttachments: {name}\n\nThe files are attached."
    )


def test_a_subject_of_thousands_of_encoded_words_is_decoded_in_little_memory() -> None:
    # The standard library's parser of a subject held memory growing as the square of its
    # encoded words: 2,000 took 59 MB, 20,000 (a header of 260 KB) 2.8 GB, and the message was
    # refused as too big to convert.  Past a hundred, a field of text is decoded on its own.
    import tracemalloc

    from tui_reader.core.documents.formats.mail import convert_eml

    words = " ".join(f"=?utf-8?q?caf=C3=A9_{i}?=" for i in range(2_000))
    data = f"From: ana@example.org\nSubject: {words}\n\nThe shelter was full.\n".encode()
    tracemalloc.start()
    try:
        parsed = convert_eml(data, Path("many.eml"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parsed.title == "".join(f"café {i}" for i in range(2_000))
    assert peak < 20_000_000, f"{peak:,} bytes at most"


@pytest.mark.parametrize(
    ("field", "read"),
    [
        # the space between two encoded words is no text; between a word and text it is
        ("=?utf-8?q?caf=C3=A9?= =?utf-8?q?_ol=C3=A9?= x =?UTF-8?B?Sm9zw6k=?=", "café olé x José"),
        # a character cut between two words of one charset, then a word of another
        ("a =?utf-8?b?w6k?=\n =?utf-8?b?qQ==?= =?iso-8859-1?q?=E9?= b", "a é\ufffdé b"),
        ("=?utf-8?b?ww==?= =?utf-8?b?qQ==?= z", "é z"),
        # a charset not known: the word as it stands, the space after it kept
        ("=?x-nope?q?a?= =?utf-8?q?b?=", "=?x-nope?q?a?= b"),
        ("no words at all", "no words at all"),
    ],
)
def test_encoded_words_are_decoded_as_the_standard_says(field: str, read: str) -> None:
    from tui_reader.core.documents.formats.mail import decoded_words

    assert decoded_words(field) == read


def test_a_message_of_tens_of_thousands_of_parts_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 50,000 parts (1.8 MB) were given up after 30 s ("too complex to read"): the standard
    # library reads a part's header again at each field asked of it, a millisecond a part.
    # Their count is read from the lines first, the parser not run; 5,000 are read.
    from tui_reader.core.documents.formats import mail

    def message(parts: int) -> bytes:
        lines = ['From: ana@example.org\nContent-Type: multipart/mixed; boundary="B"\n\n']
        lines += [f"--B\nContent-Type: text/plain; name=p{i}\n\npart {i}\n" for i in range(parts)]
        return "".join([*lines, "--B--\n"]).encode()

    few = mail.convert_eml(message(3), Path("few.eml")).text
    assert few == "From: ana@example.org\nAttachments: p1, p2\n\npart 0"
    parse = mail.email.message_from_bytes

    def refused(data: bytes, **kwargs: object) -> object:
        if len(data) > 1_000_000:
            raise AssertionError("parsed")
        return parse(data, **kwargs)

    monkeypatch.setattr(mail.email, "message_from_bytes", refused)
    with pytest.raises(DocumentError) as info:
        mail.convert_eml(message(50_000), Path("many.eml"))
    assert info.value.reason == "refused: eml of too many parts (50,000; over 5,000)"
    # a web archive (MHTML) is such a message: it was given up after 30 s too
    from tui_reader.core.documents.formats.mhtml import convert_mhtml

    page = message(50_000).replace(b"text/plain", b"text/html")
    with pytest.raises(DocumentError) as info:
        convert_mhtml(page, Path("many.mht"))
    assert info.value.reason == "refused: mhtml of too many parts (50,000; over 5,000)"
