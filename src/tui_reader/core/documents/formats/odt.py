"""OpenDocument .odt -> canonical text and spans: headings, emphasis, lists, tables, notes.

``content.xml`` is read through :class:`~.archive.Container` (zip bombs refused, XML parsed
without entities or network).  Bold and italic come from the automatic styles a text span
names; footnotes are collected at the end under "Notes", referenced as ``[n]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.archive import Container
from tui_reader.core.documents.formats.builder import TextBuilder, bullet
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_MAX_DEPTH = 200


def convert_odt(data: bytes, path: Path) -> Parsed:
    """Canonical text, spans and metadata of the OpenDocument text ``data``."""
    box = Container(data, path, "OpenDocument")
    if "content.xml" not in box.names:
        raise DocumentError(path, "not an OpenDocument file (no content.xml)")
    root = box.xml("content.xml")
    reader = _Reader(_text_styles(root), _list_styles(root))
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is not None:
        reader.blocks(body, 0)
    reader.notes()
    metadata = _meta(box)
    text = reader.out.text()
    return Parsed(
        text,
        reader.out.sorted_spans(),
        str(metadata.get("title") or "") or reader.title,
        (),
        (),
        metadata,
    )


class _Reader:
    def __init__(self, styles: dict[str, tuple[bool, bool]], lists: dict[str, bool]) -> None:
        self.out = TextBuilder()
        self.styles = styles
        self.list_styles = lists
        self.title: str | None = None
        self.notes_found: list[Any] = []
        self.list_depth = -1

    def blocks(self, parent: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in parent:
            tag = child.tag
            if tag == f"{TEXT}p":
                self.paragraph(child, SpanKind.PARAGRAPH, "")
            elif tag == f"{TEXT}h":
                level = str(child.get(f"{TEXT}outline-level") or "1")
                self.paragraph(child, SpanKind.HEADING, level if level.isdigit() else "1")
            elif tag == f"{TEXT}list":
                self.list(child, depth)
            elif tag == f"{TABLE}table":
                self.table(child)
            elif tag in (f"{TEXT}section", f"{TEXT}index-body", f"{TEXT}soft-page-break"):
                self.blocks(child, depth + 1)

    def paragraph(self, node: Any, kind: SpanKind, level: str) -> None:
        out = self.out
        out.block()
        start = out.length
        self.inline(node, (False, False), 0)
        out.span(start, kind, level)
        if kind is SpanKind.HEADING and level == "1" and self.title is None:
            self.title = " ".join(out.text()[start:].split()) or None

    def list(self, node: Any, depth: int) -> None:
        out = self.out
        self.list_depth += 1
        ordered = self.list_styles.get(str(node.get(f"{TEXT}style-name") or ""), False)
        number = 1
        for item in node.findall(f"{TEXT}list-item"):
            if self.list_depth == 0 and number == 1:
                out.block()
            else:
                out.line()
            out.write("  " * self.list_depth)
            start = out.length
            out.write(f"{number}. " if ordered else bullet(self.list_depth) + " ")
            out.span(start, SpanKind.BULLET)
            number += 1
            first = True
            for child in item:
                if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                    if not first:
                        out.write(" ")
                    self.inline(child, (False, False), 0)
                    first = False
                elif child.tag == f"{TEXT}list":
                    self.list(child, depth + 1)
            out.span(start, SpanKind.LIST_ITEM)
        self.list_depth -= 1

    def table(self, node: Any) -> None:
        rows = (
            (cell.iter(f"{TEXT}p") for cell in row.findall(f"{TABLE}table-cell"))
            for row in node.iter(f"{TABLE}table-row")
        )
        self.out.table(rows, lambda p: self.inline(p, (False, False), 0))

    def inline(self, node: Any, style: tuple[bool, bool], depth: int) -> None:
        out = self.out
        self.write(node.text)
        for child in node:
            tag = child.tag
            if depth > _MAX_DEPTH:
                break
            if tag == f"{TEXT}span":
                own = self.styles.get(str(child.get(f"{TEXT}style-name") or ""), (False, False))
                start = out.length
                self.inline(child, own, depth + 1)
                if own[0]:
                    out.span(start, SpanKind.STRONG)
                if own[1]:
                    out.span(start, SpanKind.EMPHASIS)
            elif tag == f"{TEXT}a":
                start = out.length
                self.inline(child, style, depth + 1)
                out.span(
                    start, SpanKind.LINK, str(child.get("{http://www.w3.org/1999/xlink}href") or "")
                )
            elif tag == f"{TEXT}s":
                count = str(child.get(f"{TEXT}c") or "1")
                out.write(" " * min(100, int(count) if count.isdigit() else 1))
            elif tag == f"{TEXT}tab":
                out.write("\t")
            elif tag == f"{TEXT}line-break":
                out.write("\n")
            elif tag == f"{TEXT}note":
                self.notes_found.append(child.find(f"{TEXT}note-body"))
                out.write(f"[{len(self.notes_found)}]")
            else:
                self.inline(child, style, depth + 1)
            self.write(child.tail)

    def write(self, text: str | None) -> None:
        if text:
            self.out.write(text.replace("\n", " "))

    def notes(self) -> None:
        if not self.notes_found:
            return
        out = self.out
        out.block()
        start = out.length
        out.write("Notes")
        out.span(start, SpanKind.HEADING, "2")
        for number, body in enumerate(self.notes_found, start=1):
            out.block()
            start = out.length
            out.write(f"[{number}] ")
            if body is not None:
                for p in body.iter(f"{TEXT}p"):
                    self.inline(p, (False, False), 0)
                    out.write(" ")
            out.span(start, SpanKind.PARAGRAPH)


def _list_styles(root: Any) -> dict[str, bool]:
    """List style name -> True when its first level is numbered (not bulleted)."""
    styles: dict[str, bool] = {}
    for style in root.iter(f"{TEXT}list-style"):
        first = next((c for c in style if isinstance(c.tag, str)), None)
        numbered = first is not None and first.tag == f"{TEXT}list-level-style-number"
        styles[str(style.get(f"{STYLE}name"))] = numbered
    return styles


def _text_styles(root: Any) -> dict[str, tuple[bool, bool]]:
    """Automatic style name -> (bold, italic)."""
    styles: dict[str, tuple[bool, bool]] = {}
    for style in root.iter(f"{STYLE}style"):
        props = style.find(f"{STYLE}text-properties")
        if props is None:
            continue
        bold = str(props.get(f"{FO}font-weight") or "") in ("bold", "600", "700", "800", "900")
        italic = str(props.get(f"{FO}font-style") or "") in ("italic", "oblique")
        styles[str(style.get(f"{STYLE}name"))] = (bold, italic)
    return styles


def _meta(box: Container) -> dict[str, str | int]:
    if "meta.xml" not in box.names:
        return {}
    root = box.xml("meta.xml")
    found: dict[str, str | int] = {}
    fields = (
        ("title", f"{_DC}title"),
        ("author", f"{_DC}creator"),
        ("author", f"{META}initial-creator"),
        ("date", f"{META}creation-date"),
    )
    for name, tag in fields:
        node = root.find(f"{OFFICE}meta/{tag}")
        value = " ".join(str(node.text or "").split()) if node is not None else ""
        if value and name not in found:
            found[name] = value[:10] if name == "date" else value
    return found
