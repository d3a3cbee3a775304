"""Documents of every format, made by the tests themselves (no binary fixtures committed).

Each ``make_*`` writes a small but realistic file and returns its path.  The PDF writer sets
lines itself so that tests know where lines break, which words are hyphenated at a line end,
and what the running header and footer say.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

LOREM = (
    "Researchers read interview transcripts closely and code the passages that matter. "
    "A sentence that the printer broke over two lines is still one sentence to a reader. "
    "Militarization of the southern border changed the lives of migrants and of the "
    "people who sheltered them along the way. Each passage is read twice, once for its "
    "content and once for what it leaves unsaid. The coding frame grew out of these readings."
)

HEADER = "Journal of Border Studies 12(3)"


def pdf_paragraphs(count: int) -> list[str]:
    """``count`` paragraphs of body text for a PDF (numbered so that each is unique)."""
    sentences = LOREM.split(". ")
    out = []
    for i in range(count):
        turned = sentences[i % len(sentences) :] + sentences[: i % len(sentences)]
        body = ". ".join(s.rstrip(".") for s in turned) + "."
        out.append(f"Paragraph {i + 1} opens here. {body}")
    return out


def make_pdf(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str = "Border Lives",
    author: str = "Ana Researcher",
    header: str | None = HEADER,
    page_numbers: bool = True,
    lines_per_page: int = 40,
    columns: int = 80,
    hyphenate: Sequence[str] = (),
    encrypt: str | None = None,
    even_header: str | None = None,
    stamp: str | None = None,
    page_headers: Sequence[str] = (),
) -> Path:
    """Write a PDF setting ``paragraphs`` at ``columns`` characters a line.

    Words in ``hyphenate`` are split at their middle with a hyphen when they fall at a line
    end (the rest starts the next line).  Paragraphs start with an indent and a blank line
    before them; a running ``header`` and a page number footer are drawn on every page (the
    header of even pages ``even_header`` when given, as books and journals alternate them).
    A ``stamp`` is written at every page's foot below its number, first in the page's
    contents (as a library's "Downloaded from ... on ..." is added to a journal's pages).
    ``page_headers`` give the first pages' headers one by one (a chapter's title on its
    pages), in place of ``header`` and ``even_header``.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    # A page tall enough for its lines (A4 unless more than about 40 lines are asked for).
    height = max(A4[1], 17.0 * lines_per_page + 110)
    options: dict[str, object] = {"pagesize": (A4[0], height)}
    if encrypt is not None:
        options["encrypt"] = encrypt
    pdf = canvas.Canvas(str(path), **options)  # type: ignore[arg-type]
    pdf.setTitle(title)
    pdf.setAuthor(author)
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        lines.extend(_set_lines("    " + paragraph, columns, set(hyphenate)))
    page = 1
    for start in range(0, max(1, len(lines)), lines_per_page):
        if stamp:
            pdf.setFont("Helvetica", 6)
            pdf.drawString(72, 20, stamp)
        running = even_header if even_header is not None and page % 2 == 0 else header
        if page <= len(page_headers):
            running = page_headers[page - 1]
        if running:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(72, height - 42, running)
        pdf.setFont("Courier", 10)  # monospaced: lines set by characters are set by width
        y = height - 72
        for line in lines[start : start + lines_per_page]:
            pdf.drawString(60, y, line)
            y -= 17
        if page_numbers:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(290, 40, str(page))
        pdf.showPage()
        page += 1
    pdf.save()
    return path


def _set_lines(text: str, columns: int, hyphenate: set[str]) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= columns or not current:
            current = candidate
            continue
        bare = word.strip(".,;:")
        if bare in hyphenate:
            cut = len(bare) // 2
            head = f"{current} {word[:cut]}-"
            if len(head) <= columns + 1:
                lines.append(head)
                current = word[cut:]
                continue
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def write_raw_pdf(path: Path, objects: Sequence[str | bytes]) -> Path:
    """A PDF at ``path`` made of ``objects`` as written (the first the catalogue, each
    numbered from 1 in turn), with its cross-reference table: for what reportlab does not
    write (a form field and its widget one dictionary)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        data = body if isinstance(body, bytes) else body.encode("latin-1")
        out += f"{number} 0 obj\n".encode() + data + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    )
    path.write_bytes(bytes(out))
    return path


def pdf_stream(head: str, data: bytes) -> bytes:
    """A PDF stream object of ``data``, ``head`` the entries of its dictionary but its length."""
    return f"<< {head} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


PRINTED_FROM = "https://elpais.com/internacional/2026-12-06/la-frontera-cerrada.html"


def make_browser_printed_pdf(
    path: Path, pages: int, browser: str = "chrome", address: str = PRINTED_FROM
) -> Path:
    """A web page printed to PDF by a browser, with its headers and footers: Chrome sets the
    date and the page's title above each page, its address and "1/3" below; Firefox the
    title and the address above, "1 of 3" and the date below.  Each page holds three
    paragraphs, "Paragraph <page>.<n>. ..."."""
    import textwrap

    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    pdf.setTitle("La frontera cerrada | Internacional | EL PAÍS")
    said = "The gate at the northern crossing closed at dawn and families waited for hours. "
    for page in range(1, pages + 1):
        y = 740
        pdf.setFont("Helvetica", 11)
        for n in range(3):
            for line in textwrap.wrap(f"Paragraph {page}.{n}. " + said * 3, 90):
                pdf.drawString(50, y, line)
                y -= 14
            y -= 10
        pdf.setFont("Helvetica", 8)  # drawn after the page, as a browser sets them
        top, foot = ("12/6/26, 6:42 PM", "La frontera cerrada"), (address, f"{page}/{pages}")
        if browser == "firefox":
            top, foot = ("La frontera cerrada", address), (f"{page} of {pages}", "12/6/26")
        pdf.drawString(20, 778, top[0])
        pdf.drawRightString(592, 778, top[1])
        pdf.drawString(20, 12, foot[0])
        pdf.drawRightString(592, 12, foot[1])
        pdf.showPage()
    pdf.save()
    return path


def make_image_only_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF whose pages hold only drawings (what a scan without OCR looks like)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for _ in range(pages):
        pdf.rect(100, 100, 300, 400, fill=1)
        pdf.showPage()
    pdf.save()
    return path


# -- Office Open XML -------------------------------------------------------------------


def make_scanned_pdf(path: Path, cover: Sequence[str], scans: int, stamp: str = "") -> Path:
    """A PDF whose first page is set in text (the lines ``cover``, if any: a library's cover
    sheet) and whose ``scans`` pages after it are each a picture of a page (a scan without OCR),
    with the text ``stamp`` at their foot when given (as a library stamps each page)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = _page_picture()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 760.0
    for line in cover:
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, y, line)
        y -= 16
    if cover:
        pdf.showPage()
    for _ in range(scans):
        pdf.drawImage(ImageReader(picture), 20, 40, A4[0] - 40, A4[1] - 60)
        if stamp:
            pdf.setFont("Helvetica", 7)
            pdf.drawString(72, 20, stamp)
        pdf.showPage()
    pdf.save()
    return path


def _page_picture() -> object:
    """A picture of a printed page, as a scanner makes one (a PIL image)."""
    from PIL import Image

    picture = Image.new("L", (200, 280), 235)
    for x in range(20, 180):
        for y in range(30, 250, 12):
            picture.putpixel((x, y), 40)  # lines of "print"
    return picture


def make_pdf_with_scans_among(
    path: Path, pages: int, scans: Sequence[int], *, running_on: bool = False
) -> Path:
    """A PDF of ``pages`` pages of text (three paragraphs of :func:`pdf_paragraphs` each, a
    page number at its foot), but for those of ``scans`` (0-based), each a picture of a page
    (a scan without OCR) with its page number only.  ``running_on``: each page of text is
    lines of one width, a paragraph that goes on over the page's foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = _page_picture()
    paragraphs = pdf_paragraphs(3 * pages)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        if n in scans:
            pdf.drawImage(ImageReader(picture), 20, 40, A4[0] - 40, A4[1] - 60)
        elif running_on:
            for row in range(40):
                pdf.setFont("Helvetica", 10)
                pdf.drawString(72, 760.0 - 15 * row, f"Page {n + 1} line {row:02} of the text, "
                               "running on from one page to the next")  # fmt: skip
        else:
            y = 760.0
            for paragraph in paragraphs[3 * n : 3 * n + 3]:
                for line in _set_lines(paragraph, 80, set()):
                    pdf.setFont("Helvetica", 10)
                    pdf.drawString(72, y, line)
                    y -= 15
                y -= 15
        pdf.setFont("Helvetica", 9)
        pdf.drawString(290, 20, str(n + 1))
        pdf.showPage()
    pdf.save()
    return path


def make_docx(
    path: Path,
    blocks: Sequence[tuple[str, str]],
    *,
    title: str = "",
    author: str = "",
    footnotes: Sequence[str] = (),
) -> Path:
    """A .docx made with python-docx.  ``blocks`` are ``(kind, text)``: kind is ``heading1``..
    ``heading3``, ``para``, ``bullet``, ``number``, ``table`` (cells split on ``|`` and rows
    on ``/``), or ``rich`` (``*emphasis*`` and ``**strong**`` marked as in Markdown).
    ``footnotes`` are referenced from the end of the first paragraph."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    for kind, text in blocks:
        if kind.startswith("heading"):
            document.add_heading(text, level=int(kind[-1]))
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(text, style="List Number")
        elif kind == "table":
            rows = [row.split("|") for row in text.split("/")]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind == "rich":
            paragraph = document.add_paragraph()
            for piece, bold, italic in _rich_runs(text):
                run = paragraph.add_run(piece)
                run.bold = bold or None
                run.italic = italic or None
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if footnotes:
        data = _add_docx_footnotes(data, footnotes)
    path.write_bytes(data)
    return path


def edit_zip_parts(path: Path, edits: dict[str, Callable[[str], str]]) -> Path:
    """Rewrite the zip at ``path`` (a .docx, an .odt) with each part named in ``edits``
    passed, as UTF-8 text, through its function: XML a program writes that a library
    does not."""
    with zipfile.ZipFile(path) as box:
        parts = {name: box.read(name) for name in box.namelist()}
    for name, edit in edits.items():
        parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w") as box:
        for name, data in parts.items():
            box.writestr(name, data)
    return path


def make_docx_with_numbering(path: Path, body_xml: str, numbering_xml: str) -> Path:
    """A .docx made with python-docx whose body is ``body_xml`` (``w:`` elements) and whose
    ``word/numbering.xml`` holds ``numbering_xml`` (the ``w:abstractNum`` and ``w:num``
    elements)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = content.decode("utf-8")
                start = text.index(">", text.index("<w:body")) + 1
                end = text.index("<w:sectPr", start)
                content = (text[:start] + body_xml + text[end:]).encode("utf-8")
            elif item.filename == "word/numbering.xml":
                content = (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<w:numbering xmlns:w="{_W}">{numbering_xml}</w:numbering>'
                ).encode()
            target.writestr(item, content)
    return path


def docx_item(text: str, num_id: int, level: int = 0) -> str:
    """A list paragraph of instance ``num_id`` at ``level`` (for
    :func:`make_docx_with_numbering`)."""
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f"</w:pPr><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"
    )


def docx_level(level: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    """One ``w:lvl`` of a list definition."""
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{escape(text)}"/></w:lvl>'
    )


def _rich_runs(text: str) -> list[tuple[str, bool, bool]]:
    import re

    runs: list[tuple[str, bool, bool]] = []
    for piece in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if piece.startswith("**"):
            runs.append((piece[2:-2], True, False))
        elif piece.startswith("*") and len(piece) > 1:
            runs.append((piece[1:-1], False, True))
        elif piece:
            runs.append((piece, False, False))
    return runs


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_docx_footnotes(data: bytes, footnotes: Sequence[str]) -> bytes:
    """Add a footnotes part and references at the end of the first body paragraph."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    notes = "".join(
        f'<w:footnote w:id="{i + 1}"><w:p><w:r><w:t xml:space="preserve">{escape(text)}'
        "</w:t></w:r></w:p></w:footnote>"
        for i, text in enumerate(footnotes)
    )
    footnotes_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f"</w:footnote>{notes}</w:footnotes>"
    )
    refs = "".join(
        f'<w:r><w:footnoteReference w:id="{i + 1}"/></w:r>' for i in range(len(footnotes))
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = content.decode("utf-8")
                first_p_end = text.index("</w:p>", text.index("<w:body>"))
                text = text[:first_p_end] + refs + text[first_p_end:]
                content = text.encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                text = content.decode("utf-8").replace(
                    "</Types>",
                    '<Override PartName="/word/footnotes.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
                content = text.encode("utf-8")
            elif item.filename == "word/_rels/document.xml.rels":
                text = content.decode("utf-8").replace(
                    "</Relationships>",
                    '<Relationship Id="rIdFoot1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    "</Relationships>",
                )
                content = text.encode("utf-8")
            target.writestr(item, content)
        target.writestr("word/footnotes.xml", footnotes_xml)
    return out.getvalue()


# -- OpenDocument ----------------------------------------------------------------------

_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"'
)


def make_odt(
    path: Path,
    body_xml: str,
    *,
    title: str = "",
    author: str = "",
    automatic_styles: str = "",
    styles: str = "",
    master_styles: str = "",
) -> Path:
    """An .odt whose ``office:text`` holds ``body_xml``.  Automatic styles ``B`` (bold) and
    ``I`` (italic) for text spans and list styles ``LB`` (bullets) and ``LN`` (numbers)
    are defined, then ``automatic_styles``; ``styles`` (named styles) and
    ``master_styles`` (master pages, their headers and footers) go into ``styles.xml``."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NS}>'
        "<office:automatic-styles>"
        '<style:style style:name="B" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="I" style:family="text">'
        '<style:text-properties fo:font-style="italic"/></style:style>'
        '<text:list-style style:name="LB"><text:list-level-style-bullet text:level="1" '
        'text:bullet-char="•"/></text:list-style>'
        '<text:list-style style:name="LN"><text:list-level-style-number text:level="1" '
        'style:num-suffix="." style:num-format="1"/></text:list-style>'
        f"{automatic_styles}</office:automatic-styles>"
        f"<office:body><office:text>{body_xml}</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODT_NS}><office:meta>'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        "<meta:creation-date>2024-05-06T10:00:00</meta:creation-date>"
        "</office:meta></office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as box:
        box.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        box.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        box.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
        if styles or master_styles:
            box.writestr(
                "styles.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODT_NS}>'
                f"<office:styles>{styles}</office:styles>"
                f"<office:master-styles>{master_styles}</office:master-styles>"
                "</office:document-styles>",
                zipfile.ZIP_DEFLATED,
            )
    return path


# -- EPUB --------------------------------------------------------------------------------


def make_epub(
    path: Path,
    chapters: Sequence[tuple[str, str]],
    *,
    title: str = "A Book",
    author: str = "An Author",
    spine_order: Sequence[int] | None = None,
    drm: bool = False,
    missing: Sequence[str] = (),
    language: str = "",
) -> Path:
    """An EPUB 3 with one XHTML file per ``(heading, body paragraphs joined by newlines)``.
    ``language``: its ``dc:language``, when given.
    ``spine_order`` lists chapter indexes in reading order (manifest order is kept as given);
    ``drm`` adds an ``encryption.xml`` that encrypts the chapters; ``missing`` names parts
    the reading order ends with that the archive does not hold (a damaged download)."""
    order = list(spine_order) if spine_order is not None else list(range(len(chapters)))
    with zipfile.ZipFile(path, "w") as box:
        box.writestr("mimetype", "application/epub+zip")
        box.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        items = "".join(
            f'<item id="c{i}" href="chap{i}.xhtml" media-type="application/xhtml+xml"/>'
            for i in range(len(chapters))
        )
        spine = "".join(f'<itemref idref="c{i}"/>' for i in order)
        for i, href in enumerate(missing):
            items += f'<item id="m{i}" href="{href}" media-type="application/xhtml+xml"/>'
            spine += f'<itemref idref="m{i}"/>'
        box.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
            f"<dc:date>2020-01-02</dc:date>"
            + (f"<dc:language>{escape(language)}</dc:language>" if language else "")
            + f"</metadata><manifest>{items}</manifest>"
            f"<spine>{spine}</spine></package>",
        )
        for i, (heading, body) in enumerate(chapters):
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n"))
            box.writestr(
                f"OEBPS/chap{i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html>'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>'
                f"<body><h1>{escape(heading)}</h1>{paragraphs}</body></html>",
                zipfile.ZIP_DEFLATED,
            )
        if drm:
            refs = "".join(
                '<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><EncryptionMethod '
                'Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><CipherData>'
                f'<CipherReference URI="OEBPS/chap{i}.xhtml"/></CipherData></EncryptedData>'
                for i in range(len(chapters))
            )
            box.writestr(
                "META-INF/encryption.xml",
                '<?xml version="1.0"?><encryption '
                'xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                f"{refs}</encryption>",
            )
    return path


# -- hostile containers ----------------------------------------------------------------


def make_zip_bomb(path: Path, member: str, inflated_mb: int = 600) -> Path:
    """A zip whose ``member`` inflates to ``inflated_mb`` MB of zeros (about 1 KB per MB on
    disk).  One compressed megabyte, ended by a full flush, is repeated: the flush resets the
    compressor, so the copies make one valid deflate stream, and the file is made at once."""
    import struct
    import zlib

    piece = b"\0" * (1024 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(piece) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(inflated_mb):
        crc = zlib.crc32(piece, crc)
    data = block * inflated_mb + zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    name = member.encode("utf-8")
    size = inflated_mb * len(piece)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size,
                        len(name), 0)  # fmt: skip
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                          len(data), size, len(name), 0, 0, 0, 0, 0, 0)  # fmt: skip
    directory_at = len(local) + len(name) + len(data)
    directory = central + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), directory_at, 0)
    path.write_bytes(local + name + data + directory + end)
    return path


WEB_PAGE = """<!DOCTYPE html><html><head><title>Migrants face new checkpoints | The Border Times</title>
<meta property="og:site_name" content="The Border Times"><meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://bordertimes.example/news/checkpoints"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sports">Sports</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies to continue reading.</div>
<article><h1>Migrants face new checkpoints</h1>
<p>The government opened <em>twelve</em> new checkpoints along the southern border this week,
officials said on Monday, in a move critics call a militarization of the region.</p>
<h2>What changed</h2>
<p>Soldiers now stand beside immigration agents at every crossing. <strong>Human rights
groups</strong> say detentions doubled within a month, and shelters are full.</p>
<ul><li>Twelve new checkpoints</li><li>Detentions doubled</li></ul>
<p>Residents describe long queues and searches of buses and trucks heading north toward
the capital, where officials promise the measures are temporary.</p></article>
<aside><h3>Most read</h3><ul><li><a href="/a">Football scores tonight</a></li>
<li><a href="/b">Celebrity wedding news</a></li></ul></aside>
<footer>Copyright 2024 The Border Times. All rights reserved.</footer>
<script>document.write("\\x1b[31mtracking")</script></body></html>
"""

TRANSCRIPT_TXT = """Interview 3, Tapachula, March 2024

[00:00:05] Interviewer: How did you come to Tapachula? Tell me about the journey.

[00:00:12] P03: By bus, mostly. It took three days to reach the border. We slept at the
shelter run by the church.

[00:07:09] Interviewer: And then? What happened at the checkpoint?

[00:07:15] P03: They stopped the bus. Soldiers asked for papers. Nobody had papers, so they
took us all off the bus.

[00:09:40] Interviewer: Thank you.
"""

TRANSCRIPT_VTT = """WEBVTT

00:00:05.000 --> 00:00:09.000
<v Interviewer>How did you come to Tapachula?

00:00:12.000 --> 00:00:15.500
<v P03>By bus, mostly. It took three days

00:00:15.500 --> 00:00:18.000
<v P03>to reach the border.

00:07:09.000 --> 00:07:12.000
<v Interviewer>And then? What happened at the checkpoint?

00:07:15.000 --> 00:07:20.000
<v P03>They stopped the bus. Soldiers asked for papers.
"""

TRANSCRIPT_SRT = """1
00:00:05,000 --> 00:00:09,000
Interviewer: How did you come to Tapachula?

2
00:00:12,000 --> 00:00:18,000
P03: By bus, mostly. It took three days to reach the border.

3
00:07:09,000 --> 00:07:12,000
Interviewer: And then? What happened at the checkpoint?
"""

# A Zoom cloud recording's transcript (its layout: a header, numbered cues, "Name: words"),
# as Zoom downloads it: "GMT20240312-140233_Recording.transcript.vtt", often saved as .txt.
ZOOM_VTT = """WEBVTT

1
00:00:02.580 --> 00:00:05.910
Ana Lopez: Okay, thanks for joining. Can you hear me all right?

2
00:00:06.390 --> 00:00:08.160
Ben Park: Yes, I can hear you fine.

3
00:00:08.790 --> 00:00:14.020
Ana Lopez: Good. So tell me how you came to the city.

4
00:00:14.500 --> 00:00:21.330
Ben Park: I came in 2015 with my brother. We found work at the port.
"""

# A Teams WebVTT transcript copied into a .txt without its "WEBVTT" line: each cue's
# identifier (a GUID, "/12-0" after it), its timing, its speaker's voice.
TEAMS_VTT_HEADLESS = """7f3c2a1e-5b4d-4e8f-9a0b-1c2d3e4f5a6b/12-0
00:00:02.580 --> 00:00:05.910
<v Ana Lopez>Okay, thanks for joining. Can you hear me all right?</v>

7f3c2a1e-5b4d-4e8f-9a0b-1c2d3e4f5a6b/13-0
00:00:06.390 --> 00:00:08.160
<v Ben Park>Yes, I can hear you fine.</v>

7f3c2a1e-5b4d-4e8f-9a0b-1c2d3e4f5a6b/14-0
00:00:08.790 --> 00:00:14.020
<v Ana Lopez>Good. So tell me how you came to the city.</v>

7f3c2a1e-5b4d-4e8f-9a0b-1c2d3e4f5a6b/15-0
00:00:14.500 --> 00:00:21.330
<v Ben Park>I came in 2015 with my brother. We found work at the port.</v>
"""

# Otter's SubRip export (Windows line ends, numbered cues, the speaker before the words).
OTTER_SRT = (
    "1\r\n00:00:01,740 --> 00:00:05,370\r\nSpeaker 1: Hi, thanks for taking the time.\r\n\r\n"
    "2\r\n00:00:05,370 --> 00:00:09,000\r\nSpeaker 2: No problem at all.\r\n\r\n"
    "3\r\n00:00:09,000 --> 00:00:12,500\r\nSpeaker 1: So where did you grow up?\r\n\r\n"
    "4\r\n00:00:12,500 --> 00:00:16,000\r\nSpeaker 2: In a small town near the coast.\r\n\r\n"
)

# A plain text whose words hold a timing's arrow: no subtitles.
ARROW_NOTES = """Workflow notes

Each draft goes the same way:
draft --> review --> publish
00:00:01.000 --> 00:00:04.000 is how a subtitle's timing is written.
"""


SHARED_SENTENCE = "Soldiers asked for papers at every checkpoint."


def make_report_pdf(folder: Path) -> Path:
    """The PDF of :func:`make_format_corpus`, ``report.pdf`` in ``folder``: three pages, the
    first holding :data:`SHARED_SENTENCE` broken over two lines."""
    filler = "We talked for a long time about the journey north and the shelters."
    paragraphs = [
        f"{filler} {filler} The buses stopped twice. {SHARED_SENTENCE} Then they moved on.",
        *pdf_paragraphs(4),
    ]
    return make_pdf(folder / "report.pdf", paragraphs, columns=60, lines_per_page=14)


def make_format_corpus(folder: Path) -> dict[str, Path]:
    """A corpus with one document of every format, each holding :data:`SHARED_SENTENCE`
    (in the PDF, broken over two lines: see :func:`pdf_lines_of_shared_sentence`).  Returns the paths by
    format name."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "pdf": make_report_pdf(folder),
        "docx": make_docx(
            folder / "interview.docx",
            [
                ("heading1", "Interview 7"),
                ("para", "Interviewer: What happened at the border?"),
                ("para", f"P03: {SHARED_SENTENCE} We had none."),
                ("para", "Interviewer: And then?"),
                ("para", "P03: They let us go after a day."),
            ],
        ),
        "odt": make_odt(
            folder / "notes.odt",
            f'<text:h text:outline-level="1">Field notes</text:h><text:p>{SHARED_SENTENCE}</text:p>',
        ),
        "epub": make_epub(
            folder / "book.epub", [("Chapter One", f"It was late. {SHARED_SENTENCE}")]
        ),
        "html": folder / "page.html",
        "rtf": folder / "memo.rtf",
        "vtt": folder / "call.vtt",
        "srt": folder / "call2.srt",
    }
    made["html"].write_text(
        WEB_PAGE.replace("Soldiers now stand", SHARED_SENTENCE + " Soldiers now stand"), "utf-8"
    )
    made["rtf"].write_text(r"{\rtf1\ansi Memo\par " + SHARED_SENTENCE + r"\par}", "utf-8")
    made["vtt"].write_text(
        TRANSCRIPT_VTT.replace("They stopped the bus. Soldiers asked for papers.", SHARED_SENTENCE),
        "utf-8",
    )
    made["srt"].write_text(
        TRANSCRIPT_SRT.replace(
            "By bus, mostly. It took three days to reach the border.", SHARED_SENTENCE
        ),
        "utf-8",
    )
    return made


def pdf_lines_of_shared_sentence() -> list[str]:
    """The PDF lines (as :func:`make_format_corpus` sets them) that hold the shared sentence."""
    filler = "We talked for a long time about the journey north and the shelters."
    text = f"    {filler} {filler} The buses stopped twice. {SHARED_SENTENCE} Then they moved on."
    lines = _set_lines(text, 60, set())
    return [line for line in lines if "Soldiers" in line or "checkpoint." in line]


BROKEN_SENTENCE = (
    "The convoy waited at the river crossing until the soldiers let the families pass."
)


def make_paged_report(path: Path) -> tuple[Path, str]:
    """A PDF of several pages where :data:`BROKEN_SENTENCE` is on page 2 and broken over two
    lines; returns the path and the sentence."""
    paragraphs = pdf_paragraphs(3)
    lead = "On the second day the rain stopped and the road north opened again at dawn."
    paragraphs.insert(2, f"{lead} {BROKEN_SENTENCE} Nobody spoke of the night before.")
    lines_per_page = 16
    make_pdf(path, paragraphs, columns=60, lines_per_page=lines_per_page)
    set_lines: list[str] = []
    for paragraph in paragraphs:
        if set_lines:
            set_lines.append("")
        set_lines.extend(_set_lines("    " + paragraph, 60, set()))
    holding = [i for i, line in enumerate(set_lines) if "convoy" in line or "families" in line]
    assert len(holding) == 2 and holding[1] == holding[0] + 1, "the sentence must be broken"
    assert holding[0] // lines_per_page == 1, "the sentence must be on page 2"
    return path, BROKEN_SENTENCE


def spoken(path: Path, content: str) -> list[tuple[str, str]]:
    """Each speaker turn of the document ``content`` makes, written to ``path`` (its suffix
    names the format), as ``(speaker, the words of the turn)``."""
    from tui_reader.core.documents.document import load_document

    path.write_text(content, "utf-8")
    doc = load_document(path)
    return [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns]


_XLSX_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_XLSX_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XLSX_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_XLSX_SHEET_TYPE = f"{_XLSX_REL}/worksheet"


# A transcript kept as a sheet (a speaker's, a time's and a text's column): three turns, Ana's
# first, whose label and timestamp are no part of its units.
TALK_SHEET = [
    ["Speaker", "Start", "Text"],
    ["Ana", "00:00:05", "Hello. How are you?"],
    ["Ben", "00:00:09", "Fine thanks. And you"],
    ["Ana", "00:00:12", "Good."],
]


def make_xlsx(
    path: Path, sheets: Sequence[tuple[str, Sequence[Sequence[object]]]], *, date1904: bool = False
) -> Path:
    """An Excel workbook of ``sheets`` (each its name and its rows), written as Excel writes
    one: text in the shared strings (but text given as ``("inline", text)``: an inline
    string, as some exporters write it), figures as numbers, ``("date", serial)`` and
    ``("datetime", serial)`` a number in a date's format (Excel's 14) or a date and time's
    (22), ``("time", serial)`` in a time's (21), ``("custom", serial)`` in a format of its own
    ("yyyy/mm/dd"), booleans as TRUE/FALSE, ``None`` no cell (an empty column between two)."""
    strings: list[str] = []
    styles = {"date": 1, "datetime": 2, "time": 3, "custom": 4}

    def cell(ref: str, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        if isinstance(value, tuple):
            kind, given = value
            if kind == "inline":
                return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(given))}</t></is></c>'
            return f'<c r="{ref}" s="{styles[kind]}"><v>{given}</v></c>'
        strings.append(str(value))
        return f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'

    def column(i: int) -> str:
        name = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            name = chr(65 + rest) + name
        return name

    parts: list[str] = []
    for _name, rows in sheets:
        lines = "".join(
            f'<row r="{r}">'
            + "".join(cell(f"{column(c)}{r}", v) for c, v in enumerate(row))
            + "</row>"
            for r, row in enumerate(rows, 1)
        )
        parts.append(
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_XLSX_MAIN}">'
            f"<sheetData>{lines}</sheetData></worksheet>"
        )
    listed = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, (name, _rows) in enumerate(sheets, 1)
    )
    mac = ' date1904="1"' if date1904 else ""
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_XLSX_MAIN}" '
        f'xmlns:r="{_XLSX_REL}"><workbookPr{mac}/><sheets>{listed}</sheets></workbook>'
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_XLSX_PACKAGE}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_XLSX_SHEET_TYPE}" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        + "</Relationships>"
    )
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_XLSX_MAIN}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>"
    )
    style_sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_XLSX_MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd"/></numFmts>'
        '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/>'
        '<xf numFmtId="21"/><xf numFmtId="164"/></cellXfs></styleSheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as box:
        box.writestr("xl/workbook.xml", workbook)
        box.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, part in enumerate(parts, 1):
            box.writestr(f"xl/worksheets/sheet{i}.xml", part)
        box.writestr("xl/sharedStrings.xml", shared)
        box.writestr("xl/styles.xml", style_sheet)
    return path
