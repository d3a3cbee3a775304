"""An e-mail message saved as a file (``.eml``, what a mail program's "Save as" or a drag to a
folder writes): its header's lines a reader looks at (from, to, cc, date, subject), then its
text, and the names of its attachments, which are not read.

The message is parsed by the standard library's MIME parser; its text is its plain part,
else its HTML part read as a saved web page is (:mod:`.html`).  Its subject titles it; its
sender and date are its author and date.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Sequence
from email._header_value_parser import UnstructuredTokenList, ValueTerminal
from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.errors import DocumentError

# The header's fields shown above the text, as a mail program shows them.
_SHOWN = (("From", "from"), ("To", "to"), ("Cc", "cc"), ("Date", "date"), ("Subject", "subject"))
# A message has at least one of these: a file without any is no message.
_MESSAGE_FIELDS = frozenset({"from", "to", "subject", "date", "message-id"})


# Deeper than this, a message is refused before it is parsed: the standard library's parser
# recurses into each part, and a message nested a thousand deep ran out of stack after
# seconds of parsing.  A mail program nests a forwarded message in a message a few deep.
DEEPEST_PARTS = 100
# More parts than this, and a message is refused before it is parsed: the standard library
# reads a part's header again each time a field is asked of it, a millisecond a part (5,000
# parts took 4.7 s, 50,000, a message of 1.8 MB, were given up after 30 s).  A message with
# hundreds of attachments is read.
MOST_PARTS = 5_000
# A part's content type that holds parts (its boundary in its parameters, perhaps on the
# header's folded lines), or a line opening or closing a part of a multipart.
_PART_LINE = re.compile(
    rb"^content-type:[ \t]*(?P<kind>multipart/|message/rfc822)"
    rb"(?P<params>[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)"
    rb"|^--(?P<boundary>[^\r\n]+?)[ \t]*$",
    re.I | re.M,
)
_BOUNDARY = re.compile(rb"""boundary[ \t]*=[ \t]*(?:"([^"\r\n]*)"|([^;\s]+))""", re.I)


# The longest word of a header's field read as the standard has it: a line is at most 998
# characters (RFC 5322), and a word is never folded.  The standard library's parser of the
# structured fields (addresses, a content type) cuts the rest of a field at each character of
# a word, a time growing as its square: a From of 16,000 quotes took 14 s, a Content-Type of
# 16,000, 43 s, and a message of 80 KB was given up after 30 s.  A field holding a longer
# word is read as plain text, as a subject is: its words as they stand, in a time of its size.
LONGEST_WORD = 998


class _PlainField(UnstructuredHeader):
    """A field read as plain text; what the MIME methods ask of a Content-Disposition
    (``is_attachment``) is its first word still."""

    @property
    def content_disposition(self) -> str:
        return str(self).split(";", 1)[0].strip().lower()


class _DecodedField(_PlainField):
    """A field of text read as :func:`decoded_words` decodes it, not parsed: the parser of a
    field of text is slow on a long one (a second for a decoded subject of 190,000
    characters)."""

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        decoded = decoded_words(value)
        kwds["parse_tree"] = UnstructuredTokenList([ValueTerminal(decoded, "vtext")])
        kwds["decoded"] = decoded


class _Fields(HeaderRegistry):
    """The fields of a message as the standard library's default reads them, each holding a
    word over :data:`LONGEST_WORD` characters read as plain text."""

    def __call__(self, name: str, value: str) -> Any:
        if value.count("=?") > MOST_ENCODED_WORDS and name.lower() not in _STRUCTURED:
            return type("_DecodedField", (_DecodedField, BaseHeader), {})(name, value)
        if max(map(len, value.split()), default=0) <= LONGEST_WORD:
            return super().__call__(name, value)
        return type("_PlainField", (_PlainField, BaseHeader), {})(name, value)


# More encoded words ("=?utf-8?q?caf=C3=A9?=") than this in a field of text, and it is decoded
# by decoded_words: the standard library's parser of a subject holds memory growing as the
# square of its encoded words (2,000 took 59 MB, 20,000, in a header of 260 KB, 2.8 GB and
# 18 s) and email.header's decoder takes time so (6 s for 20,000).  A subject has a few.
MOST_ENCODED_WORDS = 100
# The fields whose encoded words are decoded in their parts, not across the field
_STRUCTURED = frozenset({"content-type", "content-disposition", "content-transfer-encoding"})
_ENCODED_WORD = re.compile(r"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_QUOTED_BYTE = re.compile(rb"=([0-9A-Fa-f]{2})")


def decoded_words(value: str) -> str:
    """``value`` with its encoded words (RFC 2047) decoded, in a time of its length: the space
    between two encoded words dropped, the bytes of neighbouring words of one charset decoded
    together (a character may be cut between them); a word of a charset not known, or whose
    bytes are no text in it, as it stands, or its characters replaced."""
    import binascii
    import codecs

    parts: list[str] = []
    run: list[bytes] = []  # the bytes of the encoded words just before, of ``charset``
    charset = ""
    last = 0
    after_word = False  # the text so far ends in an encoded word

    def flush() -> None:
        if run:
            parts.append(b"".join(run).decode(charset, "replace"))
            run.clear()

    for found in _ENCODED_WORD.finditer(value):
        between = value[last : found.start()]
        last = found.end()
        given, kind, text = found.groups()
        try:
            known = codecs.lookup(given).name
            if kind in "qQ":
                raw = _QUOTED_BYTE.sub(
                    lambda m: bytes.fromhex(m.group(1).decode()), text.replace("_", " ").encode()
                )
            else:
                raw = binascii.a2b_base64(text + "=" * (-len(text) % 4))
        except (LookupError, UnicodeEncodeError, binascii.Error, ValueError):
            flush()
            parts += [between, found.group()]
            after_word = False
            continue
        joined = after_word and not between.strip()
        if not (joined and known == charset):
            flush()
        if not joined:
            parts.append(between)
        charset, after_word = known, True
        run.append(raw)
    flush()
    parts.append(value[last:])
    return "".join(parts)


MAIL_POLICY = email.policy.default.clone(header_factory=_Fields())
"""How a message (an e-mail, a web archive's MHTML) is parsed: the default policy, its fields
with an overlong word read as plain text."""


def nesting_depth(data: bytes) -> int:
    """How deep the parts of the message ``data`` nest, read from its lines without
    parsing it: each multipart or enclosed message opens a level, which a line of its
    boundary's closes (the parts inside it end there, and the multipart too at its closing
    line)."""
    return _shape(data)[0]


def _shape(data: bytes) -> tuple[int, int]:
    """How deep the parts of the message ``data`` nest (:func:`nesting_depth`), and how many
    parts its multiparts have (each line of a boundary opened), read from its lines."""
    opened: list[bytes | None] = []  # each level's boundary (None: an enclosed message)
    deepest = parts = 0
    for found in _PART_LINE.finditer(data):
        if found.group("kind") is not None:
            boundary = None
            if found.group("kind").lower().startswith(b"multipart"):
                named = _BOUNDARY.search(found.group("params"))
                boundary = (named.group(1) or named.group(2)) if named else b""
            opened.append(boundary)
            deepest = max(deepest, len(opened))
            continue
        line = found.group("boundary")
        closing = line.endswith(b"--")
        for level in range(len(opened) - 1, -1, -1):
            if opened[level] == line:  # its next part: the parts inside the last one ended
                del opened[level + 1 :]
                parts += 1
                break
            if closing and opened[level] == line[:-2]:  # its end
                del opened[level:]
                break
    return deepest, parts


def check_parts(data: bytes, path: Path | str, kind: str) -> None:
    """:class:`DocumentError` when the parts of the message ``data`` (a ``kind``: an e-mail, a
    web archive) nest deeper than :data:`DEEPEST_PARTS` or are more than
    :data:`MOST_PARTS`, told from its lines before it is parsed."""
    deepest, parts = _shape(data)
    if deepest > DEEPEST_PARTS:
        raise DocumentError(
            path, f"refused: {kind} nested too deeply (over {DEEPEST_PARTS} parts deep)"
        )
    if parts > MOST_PARTS:
        raise DocumentError(
            path, f"refused: {kind} of too many parts ({parts:,}; over {MOST_PARTS:,})"
        )


def convert_eml(data: bytes, path: Path) -> Parsed:
    """Canonical text, spans and metadata of the e-mail message ``data``."""
    from tui_reader.core.documents.sanitize import clean_text

    check_parts(data, path, "eml")
    message = email.message_from_bytes(data, policy=MAIL_POLICY)
    if not isinstance(message, EmailMessage) or not _MESSAGE_FIELDS & {
        key.lower() for key in message
    }:
        raise DocumentError(path, "not an e-mail message (no From, To, Subject or Date)")
    fields = [(label, _field(message, name)) for label, name in _SHOWN]
    fields = [(label, value) for label, value in fields if value]
    attached = [
        clean_text(" ".join(str(part.get_filename() or "").split()))
        for part in message.iter_attachments()
        if isinstance(part, EmailMessage)
    ]
    attached = [name for name in attached if name]
    if attached:
        fields.append(("Attachments", ", ".join(attached)))
    head = "\n".join(f"{label}: {value}" for label, value in fields)
    body, body_spans, problems = _body(message, path)
    text = f"{head}\n\n{body}" if head and body else head or body
    spans: list[Span] = []
    if head:
        spans.append(Span(0, len(head), SpanKind.PARAGRAPH))
    shift = len(text) - len(body)
    spans += [Span(s.start + shift, s.end + shift, s.kind, s.data) for s in body_spans]
    subject = _field(message, "subject")
    metadata: dict[str, str | int] = {}
    for name, value in (("title", subject), ("author", _field(message, "from"))):
        if value:
            metadata[name] = value
    date = _field(message, "date")
    if date:
        metadata["date"] = date
    return Parsed(text, spans, subject or None, (), (), metadata, tuple(problems))


def _field(message: EmailMessage, name: str) -> str:
    """The header field ``name`` of ``message`` on one line, its encoded words decoded
    ("=?utf-8?q?Jos=C3=A9?=" is "José"), made safe; "" when it has none or it cannot be
    read."""
    from tui_reader.core.documents.sanitize import clean_text

    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError, LookupError):  # a damaged field
        return ""
    return clean_text(" ".join(str(value or "").split()))


def _body(message: EmailMessage, path: Path) -> tuple[str, Sequence[Span], list[str]]:
    """The text of ``message`` (its plain part, else its HTML part as a web page is read),
    its spans, and what could not be read of it."""
    from tui_reader.core.documents.decoding import decode_bytes, known_encoding
    from tui_reader.core.documents.formats.plain import parse_plain
    from tui_reader.core.documents.sanitize import clean_text

    part = message.get_body(preferencelist=("plain", "html"))
    if not isinstance(part, EmailMessage):
        return "", (), []
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return "", (), []
    charset = part.get_content_charset()
    try:
        decoded = decode_bytes(
            payload, path, charset if charset and known_encoding(charset) else None
        )[0]
    except DocumentError as exc:  # a text that is no text (a binary part marked text)
        return "", (), [f"its text could not be read ({exc.reason})"]
    text = clean_text(decoded).strip("\n")
    if part.get_content_type() == "text/html":
        from tui_reader.core.documents.formats.html import convert_html

        try:
            page = convert_html(text, path)
        except DocumentError:
            return "", (), ["its text, a web page, holds no words"]
        return page.text, list(page.spans), []
    parsed = parse_plain(text)
    spans = [span for span in parsed.spans if span.kind is not SpanKind.TITLE]
    return text, spans, []
