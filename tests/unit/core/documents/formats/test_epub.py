"""EPUB: chapters in spine order with their headings; DRM refused."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from helpers.format_fixtures import make_epub, make_zip_bomb

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats.epub import DRM_REASON
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

CHAPTERS = [
    ("Chapter One", "It was a dark night.\nThe border was closed."),
    ("Chapter Two", "Morning came & the buses left."),
    ("Chapter Three", "The end."),
]


def _edited(
    made: Path,
    path: Path,
    member: str,
    edit: Callable[[bytes], bytes],
    added: dict[str, str] | None = None,
) -> Path:
    """The EPUB ``made`` written to ``path`` with ``member`` put through ``edit`` and the
    parts ``added`` (name: text) written after it."""
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == member:
                data = edit(data)
            target.writestr(item, data)
        for name, text in (added or {}).items():
            target.writestr(name, text)
    return path


def _with_chapter(made: Path, path: Path, chapter: str) -> Path:
    """The EPUB ``made`` written to ``path`` with its first chapter's file ``chapter``."""
    return _edited(made, path, "OEBPS/chap0.xhtml", lambda _: chapter.encode())


def _xhtml(body: str, title: str = "x") -> str:
    """An XHTML file (EPUB's namespace declared) titled ``title``, its body ``body``."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>{title}</title></head><body>'
        f"{body}</body></html>"
    )


def _read_with_first_chapter(
    tmp_path: Path, chapter: str, chapters: Sequence[tuple[str, str]] = CHAPTERS
) -> str:
    """The text read from a book of ``chapters`` whose first chapter's file is ``chapter``."""
    made = make_epub(tmp_path / "made.epub", chapters)
    return load_document(_with_chapter(made, tmp_path / "book.epub", chapter)).text


def _replaced(*pairs: tuple[bytes, bytes]) -> Callable[[bytes], bytes]:
    """An edit replacing each pair's first bytes with its second, in turn."""

    def edit(data: bytes) -> bytes:
        for old, new in pairs:
            data = data.replace(old, new)
        return data

    return edit


def _with_cover(made: Path, target: Path, body: str, spine: tuple[bytes, bytes]) -> Path:
    """``made`` with a cover page, cover.xhtml, of ``body`` in its manifest, written to
    ``target``; its spine edited as ``spine`` (the text replaced, its replacement) says."""
    cover = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>Cover</title></head><body>{body}</body></html>"
    )
    manifest = (
        b"<manifest>",
        b'<manifest><item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>',
    )
    return _edited(
        made, target, "OEBPS/content.opf", _replaced(manifest, spine), {"OEBPS/cover.xhtml": cover}
    )


def test_chapters_follow_the_spine_not_the_manifest(tmp_path: Path) -> None:
    path = make_epub(tmp_path / "b.epub", CHAPTERS, spine_order=[1, 0, 2], title="Night")
    doc = load_document(path)
    assert doc.text == (
        "Chapter Two\n\nMorning came & the buses left.\n\nChapter One\n\nIt was a dark night."
        "\n\nThe border was closed.\n\nChapter Three\n\nThe end."
    )
    headings = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]
    assert headings == ["Chapter Two", "Chapter One", "Chapter Three"]
    assert doc.title == "Night"
    assert doc.metadata["author"] == "An Author" and doc.metadata["date"] == "2020-01-02"


def test_drm_is_refused_with_that_reason(tmp_path: Path) -> None:
    path = make_epub(tmp_path / "locked.epub", CHAPTERS, drm=True)
    with pytest.raises(DocumentError, match="DRM") as info:
        load_document(path)
    assert info.value.reason == DRM_REASON


@pytest.mark.conversion_process
def test_epub_zip_bomb_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="zip bomb"):
        load_document(make_zip_bomb(tmp_path / "bomb.epub", "OEBPS/c.xhtml", inflated_mb=300))


@pytest.mark.parametrize("media", ["", "application/xml", "text/x-oeb1-document"])
def test_a_chapter_declared_with_a_wrong_type_is_read_all_the_same(
    tmp_path: Path, media: str
) -> None:

    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = _edited(
        made,
        tmp_path / "sloppy.epub",
        "OEBPS/content.opf",
        _replaced(
            (
                b'href="chap1.xhtml" media-type="application/xhtml+xml"',
                f'href="chap1.xhtml" media-type="{media}"'.encode(),
            )
        ),
    )
    assert "Morning came & the buses left." in load_document(path).text


def _without(made: Path, path: Path, *left_out: str) -> Path:
    """The EPUB ``made`` written to ``path`` without the parts ``left_out``."""
    import zipfile

    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename not in left_out:
                target.writestr(item, source.read(item.filename))
    return path


def test_a_chapter_missing_from_the_file_is_named_and_the_rest_read(tmp_path: Path) -> None:
    # A spine item whose file is not in the archive was skipped without a word: the reader
    # took the book for whole.
    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = _without(made, tmp_path / "b.epub", "OEBPS/chap1.xhtml")
    doc = load_document(path)
    assert "Chapter Two" not in doc.text and doc.text.endswith("Chapter Three\n\nThe end.")
    assert doc.problem_lines() == [
        f"{path}: 1 part of its reading order missing from the file, left out: OEBPS/chap1.xhtml"
    ]
    whole = load_document(made)
    assert whole.problems == ()


def _respelt(made: Path, path: Path, *idrefs: tuple[str, str]) -> Path:
    """``made`` with its spine's ``idref`` values changed (``(old, new)`` each)."""
    return _edited(
        made,
        path,
        "OEBPS/content.opf",
        _replaced(*((f'idref="{old}"'.encode(), f'idref="{new}"'.encode()) for old, new in idrefs)),
    )


def test_a_spine_naming_a_chapter_wrongly_says_so_and_reads_the_chapter_it_meant(
    tmp_path: Path,
) -> None:
    # A spine item whose idref names nothing in the package (a chapter's id misspelt) left
    # the chapter out, said "missing from the file" though the file held it.
    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = _respelt(made, tmp_path / "b.epub", ("c1", "chapter1"))
    doc = load_document(path)
    assert doc.text == load_document(made).text
    assert doc.problem_lines() == [
        f"{path}: 1 part of its reading order named wrongly (chapter1): the part it does "
        "not name read in its place: OEBPS/chap1.xhtml"
    ]


def test_an_epub3_s_table_of_contents_is_not_taken_for_a_chapter_its_spine_misnames(
    tmp_path: Path,
) -> None:
    # Every EPUB 3 lists its navigation document (the table of contents) in its manifest,
    # seldom in its spine: it was counted among the documents a misspelt spine item may
    # mean, and the chapter meant was left out (two documents for one item), or the table
    # of contents said read in a chapter's place.
    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    nav = _xhtml(
        '<nav epub:type="toc"><ol><li><a href="chap0.xhtml">One</a></li></ol></nav>',
        title="Contents",
    )
    with_nav = _edited(
        made,
        tmp_path / "nav.epub",
        "OEBPS/content.opf",
        _replaced(
            (
                b"</manifest>",
                b'<item id="toc" href="nav.xhtml" media-type="application/xhtml+xml" '
                b'properties="nav"/></manifest>',
            )
        ),
        {"OEBPS/nav.xhtml": nav},
    )
    path = _respelt(with_nav, tmp_path / "b.epub", ("c1", "chapter1"))
    doc = load_document(path)
    assert doc.text == load_document(made).text
    assert doc.problem_lines() == [
        f"{path}: 1 part of its reading order named wrongly (chapter1): the part it does "
        "not name read in its place: OEBPS/chap1.xhtml"
    ]


def test_wrong_names_in_a_spine_not_matching_its_unnamed_chapters_are_said_left_out(
    tmp_path: Path,
) -> None:
    # Two items name nothing, one chapter is not named: which goes where is not guessed.
    made = make_epub(tmp_path / "made.epub", CHAPTERS, spine_order=[0, 1, 0, 2])
    path = _respelt(made, tmp_path / "b.epub", ("c0", "x0"))
    doc = load_document(path)
    assert doc.text.startswith("Chapter Two") and "Chapter One" not in doc.text
    assert doc.problem_lines() == [
        f"{path}: 2 parts of its reading order named wrongly (x0, x0): left out"
    ]


def test_a_book_whose_chapters_are_all_missing_says_which(tmp_path: Path) -> None:
    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    names = [f"OEBPS/chap{i}.xhtml" for i in range(3)]
    with pytest.raises(
        DocumentError, match=r"no text in this EPUB; 3 parts .* OEBPS/chap0.xhtml, "
    ):
        load_document(_without(made, tmp_path / "b.epub", *names))


@pytest.mark.conversion_process
def test_a_chapter_the_reading_order_names_again_is_read_once(tmp_path: Path) -> None:
    # A spine naming one big chapter 5,000 times was read 5,000 times: minutes, gigabytes.

    made = make_epub(tmp_path / "made.epub", [("One", "Words of a long chapter. " * 20_000)])
    path = _edited(
        made,
        tmp_path / "b.epub",
        "OEBPS/content.opf",
        _replaced((b'<itemref idref="c0"/>', b'<itemref idref="c0"/>' * 5000)),
    )
    doc = load_document(path)
    assert doc.text.count("One") == 1 and doc.problems == ()


def _corrupt(path: Path, member: str) -> Path:
    """``path`` with a byte of ``member``'s compressed data flipped (a damaged download)."""
    import zipfile

    with zipfile.ZipFile(path) as box:
        info = box.getinfo(member)
    data = bytearray(path.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 10] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def test_a_chapter_whose_compressed_bytes_are_damaged_is_named_and_the_rest_read(
    tmp_path: Path,
) -> None:
    # zlib's error escaped the zip reader: the whole book was refused as 'damaged epub file
    # (error)', naming neither the chapter nor what was wrong.
    chapters = [("One", "First words. " * 200), ("Two", "Second words. " * 200)]
    path = _corrupt(make_epub(tmp_path / "b.epub", chapters), "OEBPS/chap1.xhtml")
    doc = load_document(path)
    assert doc.text.startswith("One\n\nFirst words.") and "Second words." not in doc.text
    assert doc.problems == (
        "1 part of its reading order not readable, left out: OEBPS/chap1.xhtml",
    )


@pytest.mark.parametrize("encoding", ["windows-1252", "ISO-8859-1", "iso-8859-2"])
def test_a_chapter_in_the_encoding_its_xml_declaration_names_is_read_in_it(
    tmp_path: Path, encoding: str
) -> None:
    # The HTML parser reads no XML declaration: an old book's Windows-1252 chapters were
    # read as UTF-8 ("Caf� na�ve").

    words = "Café au lait, naïve façade." if encoding != "iso-8859-2" else "Gęś i jaźń, żółć."
    made = make_epub(tmp_path / "made.epub", [("One", "x")])
    path = tmp_path / "b.epub"
    chapter = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>'
        f"<body><p>{words}</p></body></html>"
    )
    _edited(made, path, "OEBPS/chap0.xhtml", lambda _: chapter.encode(encoding))
    assert load_document(path).text == words


def test_a_chapter_spelt_otherwise_than_in_the_archive_is_found(tmp_path: Path) -> None:
    # A fragment, a leading slash or another case in the package's href (books made by
    # hand, or on a system that ignores case): the chapter was said missing and left out.

    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = _edited(
        made,
        tmp_path / "b.epub",
        "OEBPS/content.opf",
        _replaced(
            (b'href="chap0.xhtml"', b'href="chap0.xhtml#start"'),
            (b'href="chap1.xhtml"', b'href="/OEBPS/chap1.xhtml"'),
            (b'href="chap2.xhtml"', b'href="Chap2.XHTML"'),
        ),
    )
    doc = load_document(path)
    assert doc.problems == ()
    assert [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING] == [
        "Chapter One",
        "Chapter Two",
        "Chapter Three",
    ]


def test_a_note_s_number_is_not_run_into_the_word_it_follows(tmp_path: Path) -> None:
    # A note reference (marked as one, or a superscript link) was read as part of the word
    # before it: "A claim1 here", "the border2 closed".  It is written as a Word file's is.
    chapter = _xhtml(
        '<h1>Chapter One</h1><p>A claim<a epub:type="noteref" href="#n1">1</a> here, '
        'the border<sup><a href="notes.xhtml#n2">2</a></sup> closed, x<sup>2</sup> squared, '
        'as cited<sup class="reference"><a href="#c3">[3]</a></sup>.</p>'
        '<aside epub:type="footnote" id="n1"><p>The note.</p></aside>'
    )

    text = _read_with_first_chapter(tmp_path, chapter)
    assert "A claim[1] here, the border[2] closed, x² squared, as cited[3]." in text
    assert "The note." in text


def test_a_link_raising_its_note_s_number_reads_as_a_reference(tmp_path: Path) -> None:
    # A note's link holding its raised number (<a href="#n1"><sup>1</sup></a>, as Calibre
    # and InDesign write one) was read "¹", where a raised link read "[1]": the note's
    # number was not told from a power ("the year.¹"), nor the note opened with it.  A
    # link holding words and a raised figure ("x²", an area's unit) stays as it is.
    chapter = _xhtml(
        '<h1>Chapter One</h1><p>We crossed that year.<a href="notes.xhtml#n1" id="r1">'
        '<sup>1</sup></a> The field was 40 <a href="#t2">m<sup>2</sup></a>.</p>'
    )
    text = _read_with_first_chapter(tmp_path, chapter)
    assert "We crossed that year.[1] The field was 40 m²." in text


def test_a_footnote_set_where_it_stands_opens_with_its_reference_s_number(
    tmp_path: Path,
) -> None:
    # A footnote an EPUB sets below its paragraph (<aside epub:type="footnote">, shown by
    # readers when its number is tapped) was a paragraph of no one's, "The note." among
    # the chapter's: nothing tied it to the "[1]" in the text.  A list's note keeps its
    # list's number alone, and a note no reference names stays as it was.
    chapter = _xhtml(
        '<h1>Chapter One</h1><p>A claim<a epub:type="noteref" href="#n1">1</a> here and'
        ' another<sup><a href="#n2">*</a></sup>.</p>'
        '<aside epub:type="footnote" id="n1"><p>The note.</p></aside>'
        '<aside role="doc-footnote" id="n2">Said <i>once</i>.</aside>'
        '<aside epub:type="footnote" id="n9"><p>Unnamed.</p></aside>'
        '<ol><li epub:type="endnote" id="n3">An endnote.</li></ol>'
        "<p>After the notes.</p>"
    )
    text = _read_with_first_chapter(tmp_path, chapter)
    assert (
        "A claim[1] here and another[*].\n\n1. An endnote.\n\nAfter the notes.\n\n[1] The note."
        "\n\n[*] Said once.\n\nUnnamed."
    ) in text


def test_a_footnote_set_amid_a_chapter_is_read_at_the_chapter_s_end(tmp_path: Path) -> None:
    # An EPUB 3 sets each footnote below the paragraph that refers to it (<aside
    # epub:type="footnote">, shown by readers only when its number is tapped): it was read
    # there, between two paragraphs of the chapter, as if the author had written it so.  It
    # is read at its chapter's end, as an endnote, with its reference's number; the words
    # after it in its paragraph stay there, and the next chapter follows the notes.
    chapter = _xhtml(
        '<h1>Chapter One</h1><p>A claim<a epub:type="noteref" href="#n1">1</a> here.</p>'
        '<aside epub:type="footnote" id="n1"><p>The first note.</p></aside>'
        '<p>The next paragraph<a epub:type="noteref" href="#n2">2</a> goes on'
        '<aside role="doc-footnote" id="n2">The second note.</aside> after it.</p>'
        "<p>The last paragraph.</p>"
    )
    text = _read_with_first_chapter(tmp_path, chapter)
    assert (
        "A claim[1] here.\n\nThe next paragraph[2] goes on after it.\n\nThe last paragraph."
        "\n\n[1] The first note.\n\n[2] The second note.\n\nChapter Two"
    ) in text


def test_a_footnote_hidden_until_its_reference_is_followed_is_read(tmp_path: Path) -> None:
    # A footnote an EPUB hides where it stands (<aside epub:type="footnote" hidden>, or its
    # style "display: none"), which a reader shows when its number is tapped, was left out
    # with every hidden element: "Next[*] line." and no note anywhere.  It is read at its
    # chapter's end as other footnotes are; a hidden element that is no note stays out.
    chapter = _xhtml(
        '<h1>Chapter One</h1><p>Next<a epub:type="noteref" href="#n1">*</a> line, then'
        '<a epub:type="noteref" href="#n2">2</a> more.</p>'
        '<aside epub:type="footnote" id="n1" hidden="hidden"><p>The hidden note.</p></aside>'
        '<aside role="doc-footnote" id="n2" style="display: none">The styled note.</aside>'
        '<p hidden="">Not shown.</p><p>The last paragraph.</p>'
    )
    text = _read_with_first_chapter(tmp_path, chapter)
    assert (
        "Next[*] line, then[2] more.\n\nThe last paragraph.\n\n[*] The hidden note."
        "\n\n[2] The styled note.\n\nChapter Two"
    ) in text
    assert "Not shown" not in text


def test_a_footnote_that_writes_its_own_number_is_not_numbered_twice(tmp_path: Path) -> None:
    # A footnote whose words open with its number ("1. The note.", a link back "2" before
    # them, a raised "³") was read with the reference's label before it too: "[1] 1. The
    # note.".  A note whose words open with another number keeps the label.
    chapter = _xhtml(
        '<h1>Chapter One</h1><p>One<a epub:type="noteref" href="#n1">1</a>, two<a '
        'epub:type="noteref" href="#n2">2</a>, three<a epub:type="noteref" href="#n3">3</a>'
        ' and four<a epub:type="noteref" href="#n4">4</a>.</p>'
        '<aside epub:type="footnote" id="n1"><p>1. The first note.</p></aside>'
        '<aside epub:type="footnote" id="n2"><p><a href="#r2">2</a> The second note.</p>'
        "</aside>"
        '<aside epub:type="footnote" id="n3"><p><sup>3</sup> The third note.</p></aside>'
        '<aside epub:type="footnote" id="n4"><p>12 people came.</p></aside>'
        "<p>After the notes.</p>"
    )
    text = _read_with_first_chapter(tmp_path, chapter)
    assert (
        "One[1], two[2], three[3] and four[4].\n\nAfter the notes.\n\n1. The first note."
        "\n\n2 The second note.\n\n³ The third note.\n\n[4] 12 people came."
    ) in text


def test_an_endnote_s_link_back_to_the_text_is_not_read(tmp_path: Path) -> None:
    # Endnotes link back to where each is referred to, in another chapter's file (Standard
    # Ebooks' epub:type="backlink", an arrow alone): each note was read ending in "↩".
    chapter = _xhtml(
        '<h1>Endnotes</h1><ol><li id="note-1"><p>The first note. <a href="chap1.xhtml#r1" '
        'epub:type="backlink">↩</a></p></li><li id="note-2"><p>The second note.<a '
        'href="chap2.xhtml#r2">↩︎</a></p></li><li id="note-3"><p>See <a href="chap1.xhtml#'
        'map">the map</a>.</p></li></ol>'
    )
    text = _read_with_first_chapter(tmp_path, chapter)
    assert text.startswith(
        "Endnotes\n\n1. The first note.\n2. The second note.\n3. See the map.\n\n"
    )


def test_an_epub_transcript_has_speaker_turns(tmp_path: Path) -> None:
    # A book of interviews had no turns: no speakers, no turn keys, no autocode --speaker.
    said = (
        "Interviewer: Where did you sleep that night?\n"
        "Ana: Under the bridge, near the market. We did not have money for a room.\n"
        "Interviewer: And in the morning?\n"
        "Ana: We walked to the shelter; it took us four hours in the heat."
    )
    document = load_document(make_epub(tmp_path / "voices.epub", [("Ana", said)]))
    assert [turn.speaker for turn in document.turns] == ["Interviewer", "Ana"] * 2


def test_a_part_shown_only_when_asked_for_is_read_after_the_book(tmp_path: Path) -> None:
    # A book's notes (or its cover) a reader shows only when a link asks for them (the
    # spine's linear="no") were read where the spine lists them: amid the chapters.

    made = make_epub(
        tmp_path / "made.epub",
        [("Chapter one", "We crossed at night."), ("Notes", "1. Near Tapachula."),
         ("Chapter two", "We walked at dawn.")],
    )  # fmt: skip
    path = _edited(
        made,
        tmp_path / "book.epub",
        "OEBPS/content.opf",
        _replaced((b'<itemref idref="c1"/>', b'<itemref idref="c1" linear="no"/>')),
    )
    assert load_document(path).text == (
        "Chapter one\n\nWe crossed at night.\n\nChapter two\n\nWe walked at dawn.\n\n"
        "Notes\n\n1. Near Tapachula."
    )


def test_a_cover_shown_only_when_asked_for_stays_in_front(tmp_path: Path) -> None:
    # A cover page the spine lists first with linear="no" (as many publishers' books do)
    # was read after the book: "[Cover]" at the end of the text, after the last chapter.
    # The parts before the first one paged through are the book's front and stay there.

    made = make_epub(
        tmp_path / "made.epub",
        [("Chapter one", "We crossed at night."), ("Notes", "1. Tapachula.")],
    )
    path = _with_cover(
        made,
        tmp_path / "book.epub",
        '<div><img src="cover.jpg" alt="A river at night"/></div>',
        (
            b'<spine><itemref idref="c0"/><itemref idref="c1"/>',
            b'<spine><itemref idref="cover" linear="no"/><itemref idref="c0"/>'
            b'<itemref idref="c1" linear="no"/>',
        ),
    )
    assert load_document(path).text == (
        "[A river at night]\n\nChapter one\n\nWe crossed at night.\n\nNotes\n\n1. Tapachula."
    )


def test_a_book_s_pictures_named_by_a_word_are_no_text(tmp_path: Path) -> None:
    # A cover page's picture, alt="Cover", opened the book's text with "[Cover]", its first
    # words and line; a chapter's ornament (alt="ornament") was read between paragraphs.
    # A picture's alt text is read when it describes, as a web page's is.
    made = make_epub(
        tmp_path / "made.epub",
        [("Chapter one", "We crossed at night.")],
    )
    path = _with_cover(
        made,
        tmp_path / "book.epub",
        '<div><img src="cover.jpg" alt="Cover"/></div><p><img src="o.png" alt="ornament"/></p>'
        '<p><img src="m.png" alt="Map of the route north"/></p>',
        (b'<spine><itemref idref="c0"/>', b'<spine><itemref idref="cover"/><itemref idref="c0"/>'),
    )
    assert load_document(path).text == (
        "[Map of the route north]\n\nChapter one\n\nWe crossed at night."
    )


def test_a_print_page_s_marker_is_not_read_into_the_words(tmp_path: Path) -> None:
    # A book marking where its printed pages break (epub:type="pagebreak", as publishers'
    # accessible books do) with the page's number as its text read that number into the
    # words around it ('by the 14river'), and made a paragraph of one between paragraphs.

    chapter = _xhtml(
        '<p>The shelter stood by the <span epub:type="pagebreak" id="p14" title="14">14'
        "</span>river.</p>"
        '<div role="doc-pagebreak" id="p15" aria-label="15">15</div><p>Then the road.</p>',
        title="One",
    )
    text = _read_with_first_chapter(tmp_path, chapter, [("One", "x")])
    assert text == "The shelter stood by the river.\n\nThen the road."


@pytest.mark.parametrize(
    "full_path", ["OEBPS%2Fcontent.opf", "oebps/Content.opf", "EPUB/package.opf"],
    ids=["escaped", "other case", "moved"],
)  # fmt: skip
def test_a_package_the_container_names_otherwise_is_found(tmp_path: Path, full_path: str) -> None:
    # A book whose container names its package escaped, in another case or where it no
    # longer is (a folder renamed by hand) was refused as 'damaged EPUB (no package
    # document)', while its one package was there; readers find it.

    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = _edited(
        made,
        tmp_path / "book.epub",
        "META-INF/container.xml",
        _replaced((b'full-path="OEBPS/content.opf"', f'full-path="{full_path}"'.encode())),
    )
    assert load_document(path).text == load_document(made).text


def test_a_book_without_a_container_is_read_from_its_one_package(tmp_path: Path) -> None:
    # A book made by hand or by a tool that left META-INF/container.xml out was refused as
    # 'damaged EPUB (no META-INF/container.xml)', its one package there; readers open it.
    # Without the container and with no package, or two, it is still refused.
    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "META-INF/container.xml":
                target.writestr(item, source.read(item.filename))
    assert load_document(path).text == load_document(made).text
    with zipfile.ZipFile(path, "a") as box:
        box.writestr("OEBPS/other.opf", "<package/>")
    with pytest.raises(DocumentError, match=re.escape("no META-INF/container.xml")):
        load_document(path)


def test_a_fixed_layout_book_s_lines_placed_on_the_page_are_parted_by_spaces(
    tmp_path: Path,
) -> None:
    # A fixed-layout e-book (made from a print layout) sets each line of a paragraph in a
    # span its style places on the page: the lines ran into each other, "for threedays".
    import zipfile

    path = make_epub(tmp_path / "fixed.epub", [("Chapter", "x")])
    lines = ("The migrants walked for three", "days through the mountains before", "they")
    page = (
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>p</title></head><body>'
        '<div class="Basic-Text-Frame"><p class="Body">'
        + "".join(
            f'<span style="position: absolute; top:{20 * i}px; left:10px">{line}</span>'
            for i, line in enumerate(lines)
        )
        + '<span style="position:absolute;top:60px">reached the</span><span>shel</span>'
        "<span>ter.</span></p></div></body></html>"
    )
    with zipfile.ZipFile(path) as box:
        parts = {name: box.read(name) for name in box.namelist()}
    parts["OEBPS/chap0.xhtml"] = page.encode()
    with zipfile.ZipFile(path, "w") as box:
        for name, data in parts.items():
            box.writestr(name, data)
    assert load_document(path).text == (
        "The migrants walked for three days through the mountains before they reached the shelter."
    )


@pytest.mark.parametrize("with_contents", [True, False])
def test_an_epub_whose_spine_lists_nothing_is_read_in_its_contents_order(
    tmp_path: Path, with_contents: bool
) -> None:
    # An old EPUB whose order is only in its table of contents (toc.ncx), its spine empty,
    # had "no text in this EPUB".  Without a table of contents, the manifest's order.
    path = make_epub(
        tmp_path / "old.epub", [("One", "First."), ("Two", "Second."), ("Three", "Third.")]
    )
    with zipfile.ZipFile(path) as box:
        parts = {name: box.read(name) for name in box.namelist()}
    package = re.sub(
        r"<spine>.*</spine>", '<spine toc="ncx"></spine>', parts["OEBPS/content.opf"].decode()
    )
    if with_contents:
        package = package.replace(
            "</manifest>",
            '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>',
        )
        points = "".join(
            f'<navPoint id="n{i}"><navLabel><text>{i}</text></navLabel>'
            f'<content src="chap{i}.xhtml#start"/></navPoint>'
            for i in (2, 0, 1, 0)
        )
        parts["OEBPS/toc.ncx"] = (
            '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
            f'version="2005-1"><navMap>{points}</navMap></ncx>'
        ).encode()
    parts["OEBPS/content.opf"] = package.encode()
    with zipfile.ZipFile(path, "w") as box:
        for name, data in parts.items():
            box.writestr(name, data)
    text = load_document(path).text
    if with_contents:
        assert text == "Three\n\nThird.\n\nOne\n\nFirst.\n\nTwo\n\nSecond."
    else:
        assert text == "One\n\nFirst.\n\nTwo\n\nSecond.\n\nThree\n\nThird."


@pytest.mark.conversion_process
def test_a_chapter_s_doctype_declaring_entities_is_no_text_of_the_chapter(
    tmp_path: Path,
) -> None:
    """A chapter whose DOCTYPE declares entities (an old book's own, a billion laughs) was
    read with the declarations' end as its first paragraph, ']>' above the text.  The
    declarations are no text; none is expanded (nested, they are a bomb)."""
    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = tmp_path / "entities.epub"
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(2, 10))
    subset = f'<!DOCTYPE html [\n<!ENTITY lol1 "lol]>">\n{laughs}\n]>\n'.encode()
    _edited(
        made,
        path,
        "OEBPS/chap1.xhtml",
        lambda data: re.sub(rb"<!DOCTYPE[^>]*>\s*", b"", data).replace(
            b"<html", subset + b"<html", 1
        ),
    )
    text = load_document(path).text
    assert "]>" not in text and "ENTITY" not in text
    assert text == load_document(made).text


def _with_metadata(tmp_path: Path, metadata: str) -> bytes:
    """An EPUB of CHAPTERS whose package's metadata is ``metadata``, as bytes."""
    made = make_epub(tmp_path / "made.epub", CHAPTERS)

    def edit(data: bytes) -> bytes:
        start, end = data.index(b"<dc:title>"), data.index(b"</metadata>")
        return data[:start] + metadata.encode() + data[end:]

    return _edited(made, tmp_path / "meta.epub", "OEBPS/content.opf", edit).read_bytes()


@pytest.mark.parametrize("package_title", ["<dc:title></dc:title>", "<dc:title>Unknown</dc:title>"])
def test_an_epub_without_a_title_in_its_package_is_titled_by_its_table_of_contents(
    tmp_path: Path, package_title: str
) -> None:
    # An EPUB 2 whose package's title is empty (or calibre's "Unknown") gives its title in
    # its table of contents (toc.ncx's docTitle), as readers show it: the book was titled
    # by its first heading, or by its file's name.
    made = tmp_path / "made.epub"
    made.write_bytes(_with_metadata(tmp_path, f"{package_title}<dc:creator>Ana</dc:creator>"))
    path = _edited(
        made,
        tmp_path / "book.epub",
        "OEBPS/content.opf",
        _replaced(
            (
                b"</manifest>",
                b'<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>',
            )
        ),
        {
            "OEBPS/toc.ncx": '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
            'version="2005-1"><docTitle><text> Crossing  the Border </text></docTitle>'
            '<navMap><navPoint id="n0"><navLabel><text>One</text></navLabel>'
            '<content src="chap0.xhtml"/></navPoint></navMap></ncx>'
        },
    )
    assert load_document(path).title == "Crossing the Border"


def test_an_epub_s_main_title_and_no_placeholder_are_its_title_author_and_date(
    tmp_path: Path,
) -> None:
    # An EPUB 3 giving its subtitle first, the main title marked so, was titled by its
    # subtitle; one whose maker wrote "Unknown" for a missing title and author (calibre)
    # was titled "Unknown" by "Unknown" (or by the name of the Word file it was made from),
    # and calibre's date of none ("0101-01-01") was its date.
    from tui_reader.core.documents.formats.epub import convert_epub

    path = Path("book.epub")
    titled = convert_epub(
        _with_metadata(
            tmp_path,
            '<dc:title id="t2">Notes from the Border</dc:title>'
            '<dc:title id="t1">Crossing</dc:title>'
            '<meta refines="#t1" property="title-type">main</meta>'
            '<meta refines="#t2" property="title-type">subtitle</meta>'
            "<dc:creator>Ana Ruiz</dc:creator><dc:date>2021-03-04</dc:date>",
        ),
        path,
    )
    assert titled.title == "Crossing"
    assert titled.metadata == {"title": "Crossing", "author": "Ana Ruiz", "date": "2021-03-04"}
    unknown = convert_epub(
        _with_metadata(
            tmp_path,
            "<dc:title>Microsoft Word - draft.docx</dc:title><dc:title>Unknown</dc:title>"
            "<dc:creator>Unknown</dc:creator>"
            "<dc:date>0101-01-01T00:00:00+00:00</dc:date><dc:language>en</dc:language>",
        ),
        path,
    )
    assert unknown.title == "Chapter One"
    assert unknown.metadata == {"language": "en"}


def test_a_chapter_whose_archive_name_keeps_its_escapes_is_read(tmp_path: Path) -> None:
    # A book whose maker wrote a chapter's escaped name into the archive as it is ("chap%201.
    # xhtml", as the package spells "chap 1.xhtml") lost that chapter: "missing from the
    # file".  It is found under either spelling, as reading systems find it.
    from tui_reader.core.documents.formats.epub import convert_epub

    made = make_epub(tmp_path / "made.epub", CHAPTERS)
    path = tmp_path / "escaped.epub"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "OEBPS/content.opf":
                data = data.replace(b'href="chap1.xhtml"', b'href="chap%201.xhtml"')
            name = "OEBPS/chap%201.xhtml" if item.filename == "OEBPS/chap1.xhtml" else item.filename
            target.writestr(name, data)
    parsed = convert_epub(path.read_bytes(), path)
    assert "Chapter Two\n\nMorning came & the buses left." in parsed.text
    assert parsed.problems == ()


def _with_parts(made: Path, path: Path, parts: dict[str, str], guide: str = "") -> Path:
    """The EPUB ``made`` with ``parts`` (file name: body) read first, and ``guide``."""
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>x</title></head><body>{}</body></html>"
    )
    items = "".join(
        f'<item id="p{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, name in enumerate(parts)
    )
    refs = "".join(f'<itemref idref="p{i}"/>' for i in range(len(parts)))
    return _edited(
        made,
        path,
        "OEBPS/content.opf",
        _replaced(
            (b"<manifest>", b"<manifest>" + items.encode()),
            (b"<spine>", b"<spine>" + refs.encode()),
            (b"</package>", guide.encode() + b"</package>"),
        ),
        {f"OEBPS/{name}": page.format(body) for name, body in parts.items()},
    )


def test_a_table_of_contents_written_as_a_page_is_no_text_of_the_book(tmp_path: Path) -> None:
    # A book whose table of contents is a page of the reading order (an EPUB 2's, or one
    # Calibre made), not EPUB 3's marked navigation, was read with it: "Table of Contents",
    # then each chapter's title, found twice by a search.  A page of links to the book's
    # parts, but for its heading, or the one the guide names the table of contents, is
    # left out; a page of notes linking back to the text is read.
    made = make_epub(
        tmp_path / "made.epub", [("The River", "We crossed at night."), ("Notes", "1. Cold.")]
    )
    path = _with_parts(
        made,
        tmp_path / "book.epub",
        {
            "toc.xhtml": '<h1>Table of Contents</h1><p><a href="chap0.xhtml">The River</a></p>'
            '<p><a href="chap1.xhtml">Notes</a></p><p><a href="chap1.xhtml#n1">Note 1</a></p>',
            "contents.xhtml": "<p>Contents, as the author drew them up in 1990:</p>"
            '<p><a href="chap0.xhtml">The River</a></p>',
            "notes.xhtml": '<p>1. The Suchiate river. <a href="chap0.xhtml#r1">back</a></p>'
            '<p>2. A shelter run by priests. <a href="chap0.xhtml#r2">back</a></p>'
            '<p>3. Three nights. <a href="chap0.xhtml#r3">back</a></p>',
        },
        '<guide><reference type="toc" href="contents.xhtml"/></guide>',
    )
    assert load_document(path).text == (
        "1. The Suchiate river. back\n\n2. A shelter run by priests. back\n\n"
        "3. Three nights. back\n\nThe River\n\nWe crossed at night.\n\nNotes\n\n1. Cold."
    )


@pytest.mark.parametrize("terminator", ["&#x9c;", "&#156;", "&#x07;"])
def test_a_control_reference_opening_a_terminal_string_loses_no_text_after_it(
    tmp_path: Path, terminator: str
) -> None:
    """A chapter's character references to C1 controls are read each alone, as a web page's
    are: ``&#x9c;`` reads as "œ" (HTML's mapping of Windows-1252), so the OSC that
    ``&#x9d;`` opened was never closed and took the rest of its paragraph with it."""
    made = make_epub(tmp_path / "made.epub", [("One", "Chapter text MARK here OSC end.")])
    path = _edited(
        made,
        tmp_path / "book.epub",
        "OEBPS/chap0.xhtml",
        lambda data: data.replace(b"MARK", b"&#x9b;0m").replace(
            b"OSC", b"&#x9d;0;title" + terminator.encode()
        ),
    )
    text = load_document(path).text
    assert "end." in text
    assert "here" in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
