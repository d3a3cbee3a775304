"""EPUB -> its chapters in reading (spine) order, each rendered as HTML is.

The container is opened through :class:`~.archive.Container` (zip bombs refused); the
package document is parsed without entities or network; chapters with lxml's HTML parser
(no network).  A book with DRM (``META-INF/rights.xml``, or content listed in
``META-INF/encryption.xml`` other than obfuscated fonts) is refused with that reason.  A part
of the reading order missing from the file, or that cannot be read, is left out and named in
the conversion's problems (the user is told), the rest of the book read.
"""

from __future__ import annotations

import codecs
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import lxml.etree

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.archive import Container
from tui_reader.core.documents.formats.builder import untitled
from tui_reader.core.documents.formats.epub_contents import contents_page, guide_contents
from tui_reader.core.documents.formats.html_text import (
    HtmlWriter,
    footnotes_last,
    parse_html,
    without_control_references,
)
from tui_reader.core.errors import DocumentError

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ENC = "{http://www.w3.org/2001/04/xmlenc#}"
# Font obfuscation, which every reader undoes: not DRM.
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
_DOCUMENT_TYPES = frozenset(
    {"application/xhtml+xml", "text/html", "application/x-dtbook+xml", "text/x-oeb1-document"}
)
# A spine item declared with no type, or a wrong one, is a chapter all the same when its name
# says it is one (what readers do: a sloppy package's chapters were skipped without a word).
_DOCUMENT_NAMES = (".xhtml", ".html", ".htm", ".xht")
# A chapter's XML declaration and the encoding it names (the declaration is read whole).
_XML_ENCODING = re.compile(
    rb"\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"'][^>]*>"
)
DRM_REASON = "this EPUB is protected by DRM (encrypted): it cannot be read"


def convert_epub(data: bytes, path: Path) -> Parsed:
    """Canonical text, spans and metadata of the EPUB ``data``."""
    box = Container(data, path, "EPUB")
    _refuse_drm(box, path)
    if "META-INF/container.xml" not in box.names:
        # A book made by hand or by a tool that left the container out names no package:
        # the archive's one package is the book's (as readers take it); it was refused.
        opf_name = _package(box, "")
        if opf_name is None:
            raise DocumentError(path, "damaged EPUB (no META-INF/container.xml)")
    else:
        rootfile = box.xml("META-INF/container.xml").find(f".//{_CONTAINER}rootfile")
        named = str(rootfile.get("full-path") or "") if rootfile is not None else ""
        opf_name = _package(box, named)
    if opf_name is None:
        raise DocumentError(path, "damaged EPUB (no package document)")
    opf = box.xml(opf_name)
    base = posixpath.dirname(opf_name)
    manifest = {
        str(item.get("id")): (str(item.get("href") or ""), str(item.get("media-type") or ""))
        for item in opf.iter(f"{_OPF}item")
    }
    writer = HtmlWriter()
    missing: list[str] = []  # parts of the reading order the file does not hold
    unreadable: list[str] = []
    read: set[str] = set()  # parts read (a reading order holds each part once)
    folded: dict[str, list[str]] = {}  # the archive's names by their case-folded spelling
    order = [
        (str(itemref.get("idref") or ""), *manifest.get(str(itemref.get("idref") or ""), ("", "")))
        for itemref in _reading_order(opf)
    ] or _contents_order(box, opf, manifest, base)
    contents = {  # the table of contents (EPUB 3's navigation document): no chapter
        str(item.get("id"))
        for item in opf.iter(f"{_OPF}item")
        if "nav" in str(item.get("properties") or "").split()
    }
    order, unnamed, placed = _unnamed_filled(order, manifest, base, contents)
    guided = guide_contents(opf, base)
    for _, href, media in order:
        name = posixpath.normpath(posixpath.join(base, unquote(href))) if href else ""
        if not name:
            continue  # an item naming no part of the package (said in unnamed)
        chapter_like = media in _DOCUMENT_TYPES or name.lower().endswith(_DOCUMENT_NAMES)
        if not chapter_like:
            continue
        if name not in box.names:
            found = _found(box, name, folded)
            if found is None and "%" in href:
                # The archive keeps the name escaped as the package spells it ("chap%201.xhtml"
                # for "chap 1.xhtml"), as a few makers write it.
                found = _found(box, posixpath.normpath(posixpath.join(base, href)), folded)
            if found is None:
                missing.append(name)
                continue
            name = found
        if name in read:  # once: a spine naming one big chapter 5,000 times took minutes
            continue
        read.add(name)
        try:
            chapter = _chapter(box.read(name), path, name)
        except DocumentError:  # its bytes damaged (a bad checksum): the rest is read
            chapter = None
        if chapter is None:
            unreadable.append(name)
            continue
        if name in guided or contents_page(chapter):
            continue  # a table of contents written as a page: no text of the book's
        footnotes_last(chapter)
        writer.out.block()
        writer.element(chapter)
    problems = _unnamed_problems(unnamed, placed) + _problems(missing, unreadable)
    text = writer.out.text()
    if not text.strip():
        raise DocumentError(path, "; ".join(["no text in this EPUB", *problems]))
    metadata = _metadata(opf)
    # A package whose title is empty (or a placeholder): the title its table of contents
    # gives, as readers show it; such a book was titled by its first heading or file name.
    title = (
        str(metadata.get("title") or "")
        or _ncx_title(box, opf, manifest, base)
        or writer.first_heading
    )
    return Parsed(text, writer.out.sorted_spans(), title, (), (), metadata, problems)


def _reading_order(opf: Any) -> list[Any]:
    """The spine's items in reading order: those a reader pages through, then those it
    shows only when asked (``linear="no"``: notes a link opens, a cover, an answer key),
    which were read where the spine lists them (a book's notes amid its chapters).  Those
    before the first part paged through (a cover, a title page) are the book's front, which
    a reader opens on: they stay first (a cover's "[Cover]" was read after the book)."""
    items = list(opf.iter(f"{_OPF}itemref"))
    linear = [str(item.get("linear") or "").strip().lower() != "no" for item in items]
    front = linear.index(True) if True in linear else len(items)
    aside = [item for item, paged in zip(items[front:], linear[front:], strict=True) if not paged]
    if not aside:
        return items
    later = {id(item) for item in aside}
    return [item for item in items if id(item) not in later] + aside


_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def _ncx(
    box: Container, opf: Any, manifest: dict[str, tuple[str, str]], base: str
) -> tuple[str, Any | None]:
    """The name and the parsed tree of the book's EPUB 2 table of contents (``toc.ncx``,
    the one the spine names, else the manifest's first): ``("", None)`` when it has none
    or it cannot be read."""
    spine = opf.find(f".//{_OPF}spine")
    toc = str(spine.get("toc") or "") if spine is not None else ""
    ncx_href = manifest.get(toc, ("", ""))[0] or next(
        (href for href, media in manifest.values() if media == "application/x-dtbncx+xml"), ""
    )
    ncx_name = posixpath.normpath(posixpath.join(base, unquote(ncx_href))) if ncx_href else ""
    if ncx_name not in box.names:
        return "", None
    try:
        return ncx_name, box.xml(ncx_name)
    except DocumentError:
        return "", None


def _ncx_title(box: Container, opf: Any, manifest: dict[str, tuple[str, str]], base: str) -> str:
    """The book's title as its table of contents gives it (``<docTitle><text>``), or "" when
    it gives none or a placeholder."""
    ncx = _ncx(box, opf, manifest, base)[1]
    node = None if ncx is None else ncx.find(f"{_NCX}docTitle/{_NCX}text")
    title = " ".join("".join(node.itertext()).split()) if node is not None else ""
    if not title or _PLACEHOLDER.match(title) or untitled(title):
        return ""
    return title


def _contents_order(
    box: Container, opf: Any, manifest: dict[str, tuple[str, str]], base: str
) -> list[tuple[str, str, str]]:
    """A book's reading order when its spine lists nothing (an old EPUB 2 made by hand, its
    order only in its table of contents, ``toc.ncx``): the parts the table of contents
    points to, in its order, else the manifest's documents in the manifest's order, each
    ``(id, href from the package, media type)``.  Such a book had "no text"."""
    ncx_name, ncx = _ncx(box, opf, manifest, base)
    order: list[tuple[str, str, str]] = []
    if ncx is not None:
        seen: set[str] = set()
        for content in ncx.iter(f"{_NCX}content"):
            src = unquote(str(content.get("src") or "").split("#")[0])
            if not src:
                continue
            full = posixpath.normpath(posixpath.join(posixpath.dirname(ncx_name), src))
            href = posixpath.relpath(full, base or ".")
            if href not in seen:
                seen.add(href)
                order.append((src, quote(href), ""))
    if order:
        return order
    return [
        (item_id, href, media)
        for item_id, (href, media) in manifest.items()
        if media in _DOCUMENT_TYPES
    ]


def _unnamed_filled(
    order: list[tuple[str, str, str]],
    manifest: dict[str, tuple[str, str]],
    base: str,
    contents: set[str],
) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """``order`` with the items naming no part of the package (a wrong ``idref``, a
    chapter's id misspelt) filled by the package's documents no item names, in the
    package's order, when there are as many (the chapters they meant); and the names those
    items gave, and the documents read in their places.  A spine naming a part wrongly left
    that chapter out, said to be missing from the file though it was there.  The table of
    contents (the items of ``contents``) is none of them: an EPUB 3's, which its spine need
    not name, was counted among them, and the chapter meant was left out, or the table of
    contents said read in its place."""
    unnamed = [i for i, (_, href, _) in enumerate(order) if not href]
    if not unnamed:
        return order, [], []
    named = {href for _, href, _ in order}
    unlisted = [
        (item_id, href, media)
        for item_id, (href, media) in manifest.items()
        if href not in named
        and item_id not in contents
        and (media in _DOCUMENT_TYPES or href.lower().endswith(_DOCUMENT_NAMES))
    ]
    names = [order[i][0] or "(an item without a name)" for i in unnamed]
    if len(unlisted) != len(unnamed):
        return order, names, []
    filled = list(order)
    for i, item in zip(unnamed, unlisted, strict=True):
        filled[i] = item
    return (
        filled,
        names,
        [posixpath.normpath(posixpath.join(base, unquote(h))) for _, h, _ in unlisted],
    )


def _unnamed_problems(names: list[str], placed: list[str]) -> tuple[str, ...]:
    """The line saying the reading order's items that name no part of the package, and
    what was read in their places, or that they were left out."""
    if not names:
        return ()
    listed = ", ".join(names[:_NAMED]) + (
        f" and {len(names) - _NAMED:,} more" if len(names) > _NAMED else ""
    )
    one = len(names) == 1
    count = "1 part" if one else f"{len(names):,} parts"
    what = f"{count} of its reading order named wrongly ({listed}): "
    if placed:
        read = ", ".join(placed[:_NAMED]) + (
            f" and {len(placed) - _NAMED:,} more" if len(placed) > _NAMED else ""
        )
        where = (
            "the part it does not name read in its place"
            if one
            else ("the parts it does not name read in their places")
        )
        return (f"{what}{where}: {read}",)
    return (what + "left out",)


_NAMED = 5  # parts named in a problem; the rest counted


def _problems(missing: list[str], unreadable: list[str]) -> tuple[str, ...]:
    """What was not read of the book's reading order, one line each: the parts missing from
    the file (a damaged download, a book put together by hand) and those that could not be
    read, the first few named."""
    problems = []
    for parts, what in ((missing, "missing from the file"), (unreadable, "not readable")):
        if parts:
            named = ", ".join(parts[:_NAMED])
            if len(parts) > _NAMED:
                named += f" and {len(parts) - _NAMED:,} more"
            count = "1 part" if len(parts) == 1 else f"{len(parts):,} parts"
            problems.append(f"{count} of its reading order {what}, left out: {named}")
    return tuple(problems)


def _found(box: Container, name: str, folded: dict[str, list[str]]) -> str | None:
    """The part of ``box`` a reading order's ``name`` means when it is not spelt as the
    archive spells it, as reading systems find it: without a fragment (``ch1.xhtml#top``), a
    leading slash (from the container's root), or in another case (``Chapter1.xhtml``, a
    book made on a system that ignores case) when one part alone matches; else None."""
    bare = name.split("#", 1)[0].lstrip("/")
    if bare in box.names:
        return bare
    if not folded:
        for part in box.names:
            folded.setdefault(part.casefold(), []).append(part)
    matches = folded.get(bare.casefold(), [])
    return matches[0] if len(matches) == 1 else None


def _package(box: Container, named: str) -> str | None:
    """The package document the container names ``named``, as the archive spells it:
    escaped ("OEBPS%2Fcontent.opf"), in another case, or, named where it is not (a folder
    renamed by hand), the archive's one package.  A book readers open was refused."""
    if named in box.names:
        return named
    unescaped = unquote(named)
    if unescaped in box.names:
        return unescaped
    folded = [name for name in box.names if name.casefold() == unescaped.casefold()]
    if len(folded) == 1:
        return folded[0]
    packages = [name for name in box.names if name.lower().endswith(".opf")]
    return packages[0] if len(packages) == 1 else None


def _refuse_drm(box: Container, path: Path) -> None:
    if "META-INF/rights.xml" in box.names:
        raise DocumentError(path, DRM_REASON)
    if "META-INF/encryption.xml" not in box.names:
        return
    root = box.xml("META-INF/encryption.xml")
    for data in root.iter(f"{_ENC}EncryptedData"):
        method = data.find(f"{_ENC}EncryptionMethod")
        algorithm = str(method.get("Algorithm") or "") if method is not None else ""
        if algorithm not in _FONT_OBFUSCATION:
            raise DocumentError(path, DRM_REASON)


# A DOCTYPE's internal subset, ``[<!ENTITY ...>]``: quoted values may hold ']' and '>'.
_INTERNAL_SUBSET = re.compile(
    rb"(<!DOCTYPE[^\[>]*)\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\]\s*>", re.IGNORECASE
)


def _chapter(data: bytes, path: Path, name: str) -> Any:
    # The HTML parser reads no DTD: a DOCTYPE declaring entities (an old book's own, a
    # billion laughs) was read with the declarations' end, ']>', as the chapter's first
    # paragraph.  They are left out, none expanded (nested, they are a bomb).
    data = _INTERNAL_SUBSET.sub(rb"\1>", data, count=1)
    try:
        markup = without_control_references(_declared(data))  # each read alone, as a page's
        root = parse_html(markup, path, f"EPUB chapter {name}")
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return None
    body = root.find(".//body")
    if body is None:
        body = root.find(".//{*}body")
    return body if body is not None else root


def _declared(data: bytes) -> bytes | str:
    """The chapter ``data`` decoded from the encoding its XML declaration names, when that
    is not UTF-8 or UTF-16 (which the parser finds itself), else as it is: the HTML parser
    reads no XML declaration, and an old book's chapters written in Windows-1252 or Latin-1
    were read as UTF-8 ("Caf� na�ve")."""
    found = _XML_ENCODING.match(data)
    if found is None:
        return data
    try:
        codec = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return data
    if codec.startswith(("utf-8", "utf-16", "utf-32")):
        return data
    return data[found.end() :].decode(codec, "replace")


def _metadata(opf: Any) -> dict[str, str | int]:
    """What the package ``opf`` says of its book: the first value of each field that is not
    a placeholder (:data:`_PLACEHOLDER`; a title a program gave, :func:`~.builder.untitled`),
    of its titles the one marked as the main title
    (an EPUB 3's subtitle may come first)."""
    found: dict[str, str | int] = {}
    for name, tag in (("title", "title"), ("author", "creator"), ("date", "date"),
                      ("publisher", "publisher"), ("language", "language")):  # fmt: skip
        nodes = opf.findall(f".//{_DC}{tag}")
        if tag == "title":
            nodes.sort(key=lambda node: not _main_title(opf, node))
        for node in nodes:
            value = " ".join(str(node.text or "").split())
            if value and not _PLACEHOLDER.match(value) and not (tag == "title" and untitled(value)):
                found[name] = value
                break
    return found


# What a converter writes where the book's title, author or date is not known (calibre:
# "Unknown", its date of none "0101-01-01"): no value at all.
_PLACEHOLDER = re.compile(r"\(?unknown\)?$|0101-01-01", re.IGNORECASE)


def _main_title(opf: Any, title: Any) -> bool:
    """Whether the package ``opf`` marks ``title`` as the book's main title (an EPUB 3's
    ``<meta refines="#id" property="title-type">main</meta>``)."""
    ident = title.get("id")
    if not ident:
        return False
    return any(
        meta.get("refines") == f"#{ident}"
        and meta.get("property") == "title-type"
        and (meta.text or "").strip() == "main"
        for meta in opf.iter(f"{_OPF}meta")
    )
