"""Reading the coding of a REFI-QDA project (``.qdpx``) back, for ``merge``.

Each ``PlainTextSelection`` of a ``TextSource`` becomes an annotation: its positions (code
points, half-open, as :mod:`tui_reader.core.interchange.qdpx` writes them), the quote cut from
the source's text, the codes of its ``Coding`` elements (a code's name is its path in the
``CodeBook``: ``policy/border``), its ``Description`` as the note, its ``creatingUser``'s name as
the coder.  The document key is the source's name; the source's text gives the sha256 that
matches it to a document here.  The archive and its XML are opened defensively (sizes checked
before inflating, no DTDs or entities).  Offsets are code points into the canonical text,
half-open ``[start, end)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_reader.core.annotations.model import Annotation, Tag, quoted
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.documents.formats.archive import Container
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.interchange.refi import PROJECT_NS

_NS = {"q": PROJECT_NS}
_INTERNAL = "internal://"
_TOOL_USER = "tui-reader"  # the user our own exports name for the project itself


class ProjectFormatError(TuiReaderError):
    """A REFI-QDA project that cannot be read."""


def read_project(data: bytes, path: Path) -> tuple[list[Annotation], list[Tag]]:
    """The annotations and codes of the project in ``data`` (read from ``path``)."""
    try:
        container = Container(data, path, "REFI-QDA project")
        root = container.xml("project.qde")
        users = {u.get("guid"): u.get("name") or "" for u in root.iterfind("q:Users/q:User", _NS)}
        codes: dict[str, str] = {}
        tags: list[Tag] = []
        book = root.find("q:CodeBook/q:Codes", _NS)
        if book is not None:
            _read_codes(book, "", codes, tags)
        annotations: list[Annotation] = []
        for source in root.iterfind("q:Sources/q:TextSource", _NS):
            text = _source_text(container, source)
            annotations.extend(_selections(source, text, codes, users))
    except DocumentError as exc:
        raise ProjectFormatError(str(exc)) from exc
    return annotations, tags


def _read_codes(parent: Any, prefix: str, codes: dict[str, str], tags: list[Tag]) -> None:
    for code in parent.iterfind("q:Code", _NS):
        part = "-".join((code.get("name") or "code").split("/"))
        name = f"{prefix}/{part}" if prefix else part
        codes[code.get("guid") or ""] = name
        if code.get("isCodable", "true") != "false":
            description = code.find("q:Description", _NS)
            tags.append(
                Tag(
                    name,
                    color=code.get("color") or "",
                    description=(description.text or "") if description is not None else "",
                )
            )
        _read_codes(code, name, codes, tags)


def _source_text(container: Container, source: Any) -> str:
    inline = source.find("q:PlainTextContent", _NS)
    if inline is not None:
        return str(inline.text or "")
    where = source.get("plainTextPath") or ""
    if not where.startswith(_INTERNAL):
        raise ProjectFormatError(
            f"{container.path}: source {source.get('name')!r} has no text in the project"
        )
    data = container.read("sources/" + where[len(_INTERNAL) :])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFormatError(f"{container.path}: {where} is not UTF-8 text") from exc


def _selections(
    source: Any, text: str, codes: dict[str, str], users: dict[str, str]
) -> list[Annotation]:
    key = source.get("name") or source.get("guid") or "source"
    sha = text_sha256(text)
    found = []
    for selection in source.iterfind("q:PlainTextSelection", _NS):
        try:
            start = int(selection.get("startPosition"))
            end = int(selection.get("endPosition"))
        except (TypeError, ValueError):
            continue
        if not 0 <= start < end <= len(text):
            continue
        tags = [
            codes[ref.get("targetGUID")]
            for ref in selection.iterfind("q:Coding/q:CodeRef", _NS)
            if ref.get("targetGUID") in codes
        ]
        description = selection.find("q:Description", _NS)
        coder = users.get(selection.get("creatingUser") or "", "")
        created = str(selection.get("creationDateTime") or "")
        updated = str(selection.get("modifiedDateTime") or created)  # none: older than any
        found.append(
            Annotation(
                document=key,
                start=start,
                end=end,
                **quoted(text, start, end),
                doc_sha256=sha,
                tags=tuple(dict.fromkeys(tags)),
                note=(description.text or "") if description is not None else "",
                id=(selection.get("guid") or "").lower() or f"{key}:{start}:{end}",
                coder="" if coder == _TOOL_USER else coder,
                created=created,
                updated=updated,
            )
        )
    return found
