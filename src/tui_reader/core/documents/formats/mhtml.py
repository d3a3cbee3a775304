"""A web page saved as one file (MHTML: ``.mht``, ``.mhtml``, what a browser's "Webpage,
Single File" writes; or Safari's Web Archive, ``.webarchive``, a property list holding the
page's bytes): its page read as a saved web page is (:mod:`.html`), its images and styles
(the archive's other parts) left out."""

from __future__ import annotations

import email
from email.message import EmailMessage, Message
from pathlib import Path

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.mail import MAIL_POLICY, check_parts
from tui_reader.core.errors import DocumentError


def _safari_page(data: bytes, path: Path | str) -> tuple[str, str] | None:
    """The web page of Safari's Web Archive ``data`` (its main resource's bytes, decoded in
    the encoding it names or its page declares) and the page's address; ``None`` when it
    holds no page.  It was an unsupported file type."""
    import plistlib

    try:
        archive = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, IndexError) as exc:
        raise DocumentError(path, "damaged Safari web archive") from exc
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict) or not isinstance(main.get("WebResourceData"), bytes):
        return None
    payload: bytes = main["WebResourceData"]
    from tui_reader.core.documents.decoding import decode_bytes, known_encoding
    from tui_reader.core.documents.formats.html import declared_encoding

    named = main.get("WebResourceTextEncodingName")
    charset = named if isinstance(named, str) and known_encoding(named) else None
    url = main.get("WebResourceURL")
    page = decode_bytes(payload, path, charset or declared_encoding(payload))[0]
    return page, url.strip() if isinstance(url, str) else ""


def _is_safari_archive(data: bytes) -> bool:
    """Whether ``data`` is a property list (binary or XML), as Safari's Web Archive is."""
    return data.startswith(b"bplist00") or (
        data.lstrip()[:64].startswith(b"<?xml") and b"<plist" in data[:1024]
    )


def mhtml_page(data: bytes, path: Path | str = "<bytes>") -> str | None:
    """The web page of the MHTML file ``data``: its first text/html part, decoded in the
    encoding its part or its page declares (by the standard library's MIME parser).  One of
    50,000 parts was given up after 30 s: its parts are counted first (:func:`check_parts`)."""
    check_parts(data, path, "mhtml")
    part = _page_part(email.message_from_bytes(data, policy=MAIL_POLICY))
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

    url = ""
    if _is_safari_archive(data):
        safari = _safari_page(data, path)
        if safari is None:
            raise DocumentError(path, "no web page in this web archive (Safari)")
        page, url = safari
    else:
        found = mhtml_page(data, path)
        if found is None:
            raise DocumentError(path, "no web page in this web archive (MHTML)")
        page = found
    parsed = convert_html(clean_text(page), path)
    if "url" not in parsed.metadata:
        if not url:
            message = email.message_from_bytes(data[:16384], policy=MAIL_POLICY)
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
