"""A web page saved as one file (MHTML: ``.mht``, ``.mhtml``, what a browser's "Webpage,
Single File" writes): its page read as a saved web page is (:mod:`.html`), its images and
styles (the archive's other parts) left out."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage, Message
from pathlib import Path

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.errors import DocumentError


def mhtml_page(data: bytes, path: Path | str = "<bytes>") -> str | None:
    """The web page of the MHTML file ``data``: its first text/html part, decoded in the
    encoding its part or its page declares (by the standard library's MIME parser)."""
    part = _page_part(email.message_from_bytes(data, policy=email.policy.default))
    if part is None:
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    from tui_reader.core.documents.decoding import decode_bytes
    from tui_reader.core.documents.formats.html import declared_encoding

    charset = part.get_content_charset()
    return decode_bytes(payload, path, charset or declared_encoding(payload))[0]


def _page_part(message: Message) -> Message | None:
    for part in message.walk():
        if part.get_content_type() == "text/html" and isinstance(part, EmailMessage):
            return part
    return None


def convert_mhtml(data: bytes, path: Path) -> Parsed:
    """Canonical text, spans and metadata of the web page the MHTML file ``data`` holds."""
    from tui_reader.core.documents.formats.html import convert_html
    from tui_reader.core.documents.sanitize import clean_text

    page = mhtml_page(data, path)
    if page is None:
        raise DocumentError(path, "no web page in this web archive (MHTML)")
    parsed = convert_html(clean_text(page), path)
    if "url" not in parsed.metadata:
        message = email.message_from_bytes(data[:16384], policy=email.policy.default)
        url = str(message.get("Snapshot-Content-Location") or "").strip()
        if url:
            parsed = Parsed(
                parsed.text,
                parsed.spans,
                parsed.title,
                parsed.pages,
                parsed.turns,
                {**parsed.metadata, "url": url},
                parsed.problems,
            )
    return parsed
