"""Word and OpenDocument: headings, emphasis, lists, tables and footnotes as readable text."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.format_fixtures import (
    edit_zip_parts,
    make_docx,
    make_docx_with_numbering,
    make_odt,
    make_zip_bomb,
)

from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

BLOCKS = [
    ("heading1", "Interview with P03"),
    ("para", "First paragraph here."),
    ("rich", "Some *emphasis* and **strong** words."),
    ("bullet", "one"),
    ("bullet", "two"),
    ("number", "first"),
    ("number", "second"),
    ("table", "Name|Place/Ana|Tapachula"),
    ("heading2", "Second part"),
    ("para", "Last words."),
]


def _spans(doc: Document, kind: SpanKind) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.spans if s.kind is kind]


def test_docx_reads_as_its_markdown_twin_would(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "i.docx", BLOCKS, title="Study 3", author="Ana", footnotes=["A footnote."]
    )
    doc = load_document(path)
    assert doc.text == (
        "Interview with P03[1]\n\nFirst paragraph here.\n\nSome emphasis and strong words.\n\n"
        "• one\n• two\n\n1. first\n2. second\n\nName │ Place\nAna │ Tapachula\n\n"
        "Second part\n\nLast words.\n\nNotes\n\n[1] A footnote."
    )
    assert _spans(doc, SpanKind.HEADING) == ["Interview with P03[1]", "Second part", "Notes"]
    assert _spans(doc, SpanKind.EMPHASIS) == ["emphasis"]
    assert _spans(doc, SpanKind.STRONG) == ["strong"]
    assert _spans(doc, SpanKind.BULLET) == ["•", "•", "1.", "2."]
    assert doc.title == "Study 3" and doc.metadata["author"] == "Ana"
    assert doc.format == "docx"


def test_docx_transcript_has_speaker_turns(tmp_path: Path) -> None:
    lines = [
        "Interviewer: How did you come here?",
        "P03: By bus. It took three days.",
        "Interviewer: And then?",
        "P03: We waited.",
    ]
    doc = load_document(make_docx(tmp_path / "t.docx", [("para", line) for line in lines]))
    assert [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("Interviewer", "How did you come here?"),
        ("P03", "By bus. It took three days."),
        ("Interviewer", "And then?"),
        ("P03", "We waited."),
    ]
    assert doc.metadata["speakers"] == "Interviewer, P03"


def test_a_transcript_titled_by_a_heading_with_a_colon_has_no_turn_of_its_title(
    tmp_path: Path,
) -> None:
    """A Word transcript headed "Entrevista 1: Migración y trabajo" (a Heading 1) read its
    title as a turn of a speaker "Entrevista 1": the status line, the speakers, t and the
    exports' speaker column said it.  A heading holding a whole turn is no turn; a heading of
    a label alone, what was said below it, still opens one."""
    lines = ["Entrevistadora: ¿Cómo llegó?", "E1: En autobús.", "Entrevistadora: ¿Y?", "E1: Nada."]
    blocks = [("heading1", "Entrevista 1: Migración y trabajo")]
    blocks += [("para", line) for line in lines]
    doc = load_document(make_docx(tmp_path / "e.docx", blocks))
    assert [t.speaker for t in doc.turns] == ["Entrevistadora", "E1", "Entrevistadora", "E1"]
    assert doc.metadata["speakers"] == "Entrevistadora, E1"
    assert doc.turn_at(3) is None


def test_a_docx_transcript_exported_by_a_transcription_service_has_turns(tmp_path: Path) -> None:
    # Otter and Rev write each speaker's label and time as a paragraph of its own, what was
    # said in the paragraphs after it: no turn was found, no speaker named.
    blocks = [("heading1", "Interview 4")]
    for label, said in [
        ("Speaker 1  0:03", "How did you come here?"),
        ("Speaker 2  0:09", "By bus."),
        ("Speaker 1  1:02", "And then?"),
        ("Speaker 2  1:05", "We waited."),
    ]:
        blocks += [("para", label), ("para", said)]
    doc = load_document(make_docx(tmp_path / "otter.docx", blocks))
    assert [(t.citation, doc.text[t.body : t.end]) for t in doc.turns] == [
        ("[0:03] Speaker 1", "How did you come here?"),
        ("[0:09] Speaker 2", "By bus."),
        ("[1:02] Speaker 1", "And then?"),
        ("[1:05] Speaker 2", "We waited."),
    ]
    assert doc.metadata["speakers"] == "Speaker 1, Speaker 2"


def test_a_docx_transcripts_last_turn_ends_before_its_notes(tmp_path: Path) -> None:
    # The last turn ran to the end of the text: its footnotes were said by the last speaker.
    lines = ["Interviewer: How did you come here?", "P03: By bus.", "Interviewer: And then?"]
    path = make_docx(
        tmp_path / "t.docx", [("para", line) for line in lines], footnotes=["A footnote."]
    )
    doc = load_document(path)
    assert [doc.text[t.body : t.end] for t in doc.turns] == [
        "How did you come here?[1]",
        "By bus.",
        "And then?",
    ]
    assert doc.text.endswith("Notes\n\n[1] A footnote.")


ODT_BODY = (
    '<text:h text:outline-level="1">Field notes</text:h>'
    '<text:p>Plain and <text:span text:style-name="B">bold</text:span> and '
    '<text:span text:style-name="I">italic</text:span>.<text:note text:note-class="footnote">'
    "<text:note-citation>1</text:note-citation><text:note-body><text:p>The note.</text:p>"
    "</text:note-body></text:note></text:p>"
    '<text:list text:style-name="LB"><text:list-item><text:p>apple</text:p></text:list-item>'
    "<text:list-item><text:p>pear</text:p></text:list-item></text:list>"
    '<text:list text:style-name="LN"><text:list-item><text:p>one</text:p></text:list-item>'
    "<text:list-item><text:p>two</text:p></text:list-item></text:list>"
    "<table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell>"
    "<table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table>"
    "<text:p>Two<text:s text:c='2'/>spaces<text:tab/>tab</text:p>"
)


def test_odt_reads_headings_styles_lists_tables_and_notes(tmp_path: Path) -> None:
    doc = load_document(make_odt(tmp_path / "n.odt", ODT_BODY, title="Notes", author="Ana"))
    assert doc.text == (
        "Field notes\n\nPlain and bold and italic.[1]\n\n• apple\n• pear\n\n1. one\n2. two\n\n"
        "a │ b\n\nTwo  spaces\ttab\n\nNotes\n\n[1] The note."
    )
    assert _spans(doc, SpanKind.STRONG) == ["bold"]
    assert _spans(doc, SpanKind.EMPHASIS) == ["italic"]
    assert _spans(doc, SpanKind.HEADING)[0] == "Field notes"
    assert doc.title == "Notes" and doc.metadata == {
        "title": "Notes",
        "author": "Ana",
        "date": "2024-05-06",
    }


def test_named_character_styles_of_styles_xml_are_emphasis(tmp_path: Path) -> None:
    styles = (
        '<style:style style:name="Emphasis" style:family="text">'
        '<style:text-properties fo:font-style="italic"/></style:style>'
    )
    body = '<text:p>A <text:span text:style-name="Emphasis">stressed</text:span> word.</text:p>'
    doc = load_document(make_odt(tmp_path / "e.odt", body, styles=styles))
    assert [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.EMPHASIS] == [
        "stressed"
    ]


@pytest.mark.conversion_process
@pytest.mark.parametrize(
    ("name", "member"), [("bomb.docx", "word/document.xml"), ("bomb.odt", "content.xml")]
)
def test_zip_bomb_is_refused_before_inflating(tmp_path: Path, name: str, member: str) -> None:
    path = make_zip_bomb(tmp_path / name, member, inflated_mb=600)
    with pytest.raises(DocumentError, match="zip bomb"):
        load_document(path)


@pytest.mark.parametrize(("name", "kind"), [("x.docx", "Word"), ("x.odt", "OpenDocument")])
def test_a_file_of_more_parts_than_are_read_is_refused_saying_how_many(
    tmp_path: Path, name: str, kind: str
) -> None:
    """A zip of 100,001 parts was refused as "file with 100001 parts": its count unparted,
    the most read not said.  Either is said as the other counts are (20,001 and 20,000)."""
    from tui_reader.core.documents.formats.archive import MAX_MEMBERS

    maker = make_docx if name.endswith(".docx") else make_odt
    path = maker(tmp_path / name, [("para", "Words.")])
    with zipfile.ZipFile(path, "a") as box:
        for i in range(MAX_MEMBERS + 1 - len(box.infolist())):
            box.writestr(f"extra/{i}.xml", "")
    said = f"refused: {kind} file with 20,001 parts, more than the 20,000 tui-reader reads"
    with pytest.raises(DocumentError, match=said):
        load_document(path)


def test_entities_are_not_expanded_and_nothing_is_fetched(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "x.docx", [("para", "PLACEHOLDER")])
    import zipfile

    with zipfile.ZipFile(path) as box:
        parts = {name: box.read(name) for name in box.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    laughs = "".join(
        f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 9)
    )
    doctype = (
        f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}'
        '<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
    )
    xml = xml.replace("?>", "?>" + doctype, 1).replace("PLACEHOLDER", "&l8;&secret;")
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as box:
        for name, data in parts.items():
            box.writestr(name, data)
    try:
        doc = load_document(path)
    except DocumentError:
        return  # refused is as good as harmless
    assert "lol" not in doc.text
    assert len(doc.text) < 1000


def test_a_damaged_docx_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(make_docx(tmp_path / "ok.docx", BLOCKS).read_bytes()[:500])
    with pytest.raises(DocumentError, match="damaged Word file"):
        load_document(path)


@pytest.mark.parametrize(
    ("data", "title", "text"),
    [
        (
            b'<html xmlns:w="urn:schemas-microsoft-com:office:word"><head>'
            b'<meta charset="windows-1252"><title>Interview 4</title></head><body>'
            b"<p>Interviewer: Where did you sleep?</p><p>Ana: Under the bridge, by the "
            b"caf\xe9.</p></body></html>",
            "Interview 4",
            "Interviewer: Where did you sleep?\n\nAna: Under the bridge, by the café.",
        ),
        (
            b"{\\rtf1\\ansi\\ansicpg1252 {\\info{\\title Field notes}}We met at the caf\\'e9."
            b"\\par}",
            "Field notes",
            "We met at the café.",
        ),
        (
            b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="XX"\n\n--XX\n'
            b'Content-Type: text/html; charset="utf-8"\n\n<html><body><h1>Exported notes</h1>'
            b"<p>We met at the shelter on Monday.</p></body></html>\n--XX--\n",
            "Exported notes",
            "Exported notes\n\nWe met at the shelter on Monday.",
        ),
    ],
)
def test_a_word_file_that_is_a_web_page_or_rtf_is_read_as_one(
    tmp_path: Path, data: bytes, title: str, text: str
) -> None:
    # Programs that export "for Word" write a web page, a web archive or RTF and name it
    # .docx (Word opens it): it was said to be damaged ("not a readable zip").
    path = tmp_path / "export.docx"
    path.write_bytes(data)
    document = load_document(path)
    assert (document.title, document.text) == (title, text)


def _docx_text(tmp_path: Path, body: str) -> str:
    return load_document(make_docx_with_numbering(tmp_path / "d.docx", body, "")).text


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_a_text_box_is_read_once_on_lines_of_its_own(tmp_path: Path) -> None:
    # Word writes a text box twice: the drawing (mc:Choice) and its old VML picture
    # (mc:Fallback); it is read once, apart from the words around it.
    box = f"<w:txbxContent><w:p>{_run('Boxed words')}</w:p></w:txbxContent>"
    body = (
        f"<w:p>{_run('Before the box.')}<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>'
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox>"
        f"</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>{_run('After it.')}</w:p>"
    )
    assert _docx_text(tmp_path, body) == "Before the box.\nBoxed words\nAfter it."


def test_a_word_picture_among_words_or_a_text_box_leaves_no_stray_space(tmp_path: Path) -> None:
    # A picture set among the words is left out of the text: both spaces around it stayed
    # ("See the map  below."); the words after a text box's lines opened their line with
    # the space that stood before them (" after it.").
    picture = '<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1"/></wp:inline></w:drawing></w:r>'

    box = f"<w:txbxContent><w:p>{_run('Boxed words')}</w:p></w:txbxContent>"
    body = (
        f"<w:p>{_run('See the map ')}{picture}{_run(' below.')}</w:p>"
        f"<w:p>{_run('Before the box ')}<w:r><mc:AlternateContent><mc:Choice Requires="
        f'"wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing>'
        f"</mc:Choice></mc:AlternateContent></w:r>{_run(' after it.')}</w:p>"
    )
    assert _docx_text(tmp_path, body) == (
        "See the map below.\n\nBefore the box\nBoxed words\nafter it."
    )


def test_tracked_changes_read_as_accepted_and_a_move_is_read_where_it_went(
    tmp_path: Path,
) -> None:
    body = (
        f"<w:p>{_run('The cat ')}<w:del><w:r><w:delText>quickly </w:delText></w:r></w:del>"
        f"<w:ins>{_run('slowly ')}</w:ins>{_run('ran.')}</w:p>"
        f"<w:p><w:moveFrom>{_run('Moved sentence.')}</w:moveFrom>{_run('Middle.')}"
        f"<w:moveTo>{_run(' Moved sentence.')}</w:moveTo></w:p>"
    )
    assert _docx_text(tmp_path, body) == "The cat slowly ran.\n\nMiddle. Moved sentence."


def test_a_deleted_paragraph_mark_joins_its_paragraph_to_the_next(tmp_path: Path) -> None:
    # Two paragraphs joined with changes tracked (the mark between them deleted) were read
    # as two, the second opening with the space typed where they met (' and slept.'), and a
    # paragraph deleted whole left its place.
    mark = '<w:pPr><w:rPr><w:del w:id="1" w:author="Ana"/></w:rPr></w:pPr>'
    body = (
        f"<w:p>{mark}{_run('We walked all night')}</w:p><w:p>{_run(' and slept.')}</w:p>"
        f"<w:p>{mark}<w:del><w:r><w:delText>A line cut.</w:delText></w:r></w:del></w:p>"
        f"<w:p>{mark}{_run('Then ')}</w:p><w:p>{mark}{_run('we ')}</w:p><w:p>{_run('ate.')}</w:p>"
        f"<w:p>{_run('Last.')}</w:p>"
    )
    assert _docx_text(tmp_path, body) == "We walked all night and slept.\n\nThen we ate.\n\nLast."


def test_a_run_in_heading_reads_on_one_line_with_its_paragraph(tmp_path: Path) -> None:
    # A heading ended by Word's style separator (its paragraph mark always hidden,
    # w:specVanish): Word shows it and the paragraph after it as one, "Methods. We asked...".
    # It was read as a heading of its own above its paragraph.  It stays a heading (the
    # outline, the title); a mark only hidden (shown when hidden text is) parts them still.
    run_in = "<w:rPr><w:vanish/><w:specVanish/></w:rPr>"
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/>{run_in}</w:pPr>{_run("Methods. ")}</w:p>'
        f"<w:p>{_run('We asked twelve people.')}</w:p>"
        f"<w:p>{_run('Then we wrote.')}</w:p>"
        f'<w:p><w:pPr><w:pStyle w:val="Heading2"/>{run_in}</w:pPr>{_run("Notes: ")}</w:p>'
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        f"<w:p>{_run('After the table.')}</w:p>"
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "d.docx", body, ""))
    assert doc.text == (
        "Methods. We asked twelve people.\n\nThen we wrote.\n\nNotes:\n\nCell\n\nAfter the table."
    )
    assert _spans(doc, SpanKind.HEADING) == ["Methods.", "Notes:"]
    assert _spans(doc, SpanKind.PARAGRAPH)[:2] == ["We asked twelve people.", "Then we wrote."]
    assert doc.title == "Methods."


def test_a_page_break_opening_a_paragraph_opens_no_blank_lines(tmp_path: Path) -> None:
    # A page break before a chapter (in a paragraph of its own, or opening the chapter's
    # heading, as Word's ctrl+enter puts it) made blank lines of its own: 'The end.\n\n\n\n'.
    page = '<w:r><w:br w:type="page"/></w:r>'
    body = (
        f"<w:p>{_run('The end.')}</w:p><w:p>{page}</w:p><w:p>{page}{_run('Chapter two')}</w:p>"
        f"<w:p>{_run('Last line')}{page}{_run('of a page.')}</w:p>"
    )
    assert _docx_text(tmp_path, body) == "The end.\n\nChapter two\n\nLast line\nof a page."


def test_a_line_break_in_a_cell_does_not_cut_its_row(tmp_path: Path) -> None:
    # A transcript set as a table, a question of two lines in a cell (shift+enter): the
    # row was cut in two, its second line read as a row of its own.
    cell = f"{_run('Where did you sleep?')}<w:r><w:br/></w:r>{_run('And eat?')}"
    body = (
        f"<w:tbl><w:tr><w:tc><w:p>{_run('Interviewer')}</w:p></w:tc><w:tc><w:p>{cell}</w:p>"
        f"</w:tc></w:tr><w:tr><w:tc><w:p>{_run('Ana')}</w:p></w:tc><w:tc><w:p>"
        f"{_run('Under the bridge.')}</w:p></w:tc></w:tr></w:tbl>"
    )
    assert _docx_text(tmp_path, body) == (
        "Interviewer │ Where did you sleep? And eat?\nAna │ Under the bridge."
    )
    odt = (
        "<table:table><table:table-row><table:table-cell><text:p>Interviewer</text:p>"
        "</table:table-cell><table:table-cell><text:p>Where did you sleep?<text:line-break/>"
        "And eat?</text:p></table:table-cell></table:table-row></table:table>"
    )
    document = load_document(make_odt(tmp_path / "t.odt", odt))
    assert document.text == "Interviewer │ Where did you sleep? And eat?"


def test_a_table_in_a_cell_is_read_once_in_its_cell(tmp_path: Path) -> None:
    inner = f"<w:tbl><w:tr><w:tc><w:p>{_run('inner')}</w:p></w:tc></w:tr></w:tbl>"
    body = (
        f"<w:tbl><w:tr><w:tc><w:p>{_run('A1')}</w:p>{inner}</w:tc>"
        f"<w:tc><w:p>{_run('B1')}</w:p></w:tc></w:tr>"
        f"<w:sdt><w:sdtContent><w:tr><w:tc><w:p>{_run('A2')}</w:p></w:tc></w:tr></w:sdtContent>"
        "</w:sdt></w:tbl>"
    )
    assert _docx_text(tmp_path, body) == "A1 inner │ B1\nA2"


def test_a_word_page_laid_out_in_a_table_keeps_its_headings_and_paragraphs(
    tmp_path: Path,
) -> None:
    # A newsletter or a form laid out in a table (its contents beside its article): the
    # row was one line of cells, the heading and paragraphs run into it ("Contents News │
    # Diary of the crossing We left ..."), and the file titled by its name, not its heading.
    def cell(*paragraphs: str) -> str:
        return "<w:tc>" + "".join(f"<w:p>{p}</w:p>" for p in paragraphs) + "</w:tc>"

    heading = f'<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{_run("Diary of the crossing")}'
    body = (
        "<w:tbl><w:tr>"
        + cell(_run("Contents"), _run("News"))
        + cell(
            heading, _run("We left the shelter at dawn."), _run("The soldiers asked for papers.")
        )
        + "</w:tr></w:tbl><w:tbl>"
        + "".join(
            f"<w:tr>{cell(_run(one))}{cell(_run(two))}</w:tr>"
            for one, two in (("Name", "Age"), ("Ana", "30"))
        )
        + "</w:tbl>"
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "newsletter.docx", body, ""))
    assert doc.text == (
        "Contents\n\nNews\n\nDiary of the crossing\n\nWe left the shelter at dawn.\n\n"
        "The soldiers asked for papers.\n\nName │ Age\nAna │ 30"
    )
    assert doc.title == "Diary of the crossing"
    headings = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]
    assert headings == ["Diary of the crossing"]


def test_an_opendocument_page_laid_out_in_a_table_keeps_its_headings_and_paragraphs(
    tmp_path: Path,
) -> None:
    # As a Word file's (above): the row was one line of cells, the heading run into it.
    def cell(*paragraphs: str) -> str:
        return f"<table:table-cell>{''.join(paragraphs)}</table:table-cell>"

    body = (
        "<table:table><table:table-row>"
        + cell("<text:p>Contents</text:p>", "<text:p>News</text:p>")
        + cell(
            '<text:h text:outline-level="1">Diary of the crossing</text:h>',
            "<text:p>We left the shelter at dawn.</text:p>",
            "<text:p>The soldiers asked for papers.</text:p>",
        )
        + "</table:table-row></table:table><table:table>"
        + "".join(
            f"<table:table-row>{cell(f'<text:p>{one}</text:p>')}{cell(f'<text:p>{two}</text:p>')}"
            "</table:table-row>"
            for one, two in (("Name", "Age"), ("Ana", "30"))
        )
        + "</table:table>"
    )
    doc = load_document(make_odt(tmp_path / "newsletter.odt", body))
    assert doc.text == (
        "Contents\n\nNews\n\nDiary of the crossing\n\nWe left the shelter at dawn.\n\n"
        "The soldiers asked for papers.\n\nName │ Age\nAna │ 30"
    )
    headings = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]
    assert headings == ["Diary of the crossing"]


def test_an_opendocument_note_marked_with_the_author_s_own_mark_keeps_it(
    tmp_path: Path,
) -> None:
    # A footnote LibreOffice marks with the author's "*" (its citation's label) was read
    # with a number in its place, "market[1]" and "[1] Funded by X.", the mark lost; a
    # numbered note stays "[2]".
    def note(label: str, text: str) -> str:
        labelled = f' text:label="{label}"' if label != "2" else ""
        return (
            f'<text:note text:note-class="footnote"><text:note-citation{labelled}>{label}'
            f"</text:note-citation><text:note-body><text:p>{text}</text:p></text:note-body>"
            "</text:note>"
        )

    body = (
        f'<text:h text:outline-level="1">Visit to the market{note("*", "Funded by X.")}</text:h>'
        f"<text:p>We went on Monday{note('2', 'A numbered note.')}.</text:p>"
    )
    doc = load_document(make_odt(tmp_path / "marked.odt", body))
    assert doc.text == (
        "Visit to the market*\n\nWe went on Monday[2].\n\nNotes\n\n* Funded by X.\n\n"
        "[2] A numbered note."
    )
    assert doc.title == "Visit to the market"


def test_a_list_level_in_other_digits_is_read_as_no_level(tmp_path: Path) -> None:
    body = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="²"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        f"{_run('odd level')}</w:p>"
    )
    assert _docx_text(tmp_path, body) == "• odd level"


def test_odt_numbers_in_other_digits_are_no_numbers(tmp_path: Path) -> None:
    body = (
        '<text:list text:style-name="LN"><text:list-item text:start-value="²">'
        "<text:p>one</text:p></text:list-item></text:list>"
        '<text:p>a<text:s text:c="²"/>b<text:s text:c="150"/>c</text:p>'
    )
    assert (
        load_document(make_odt(tmp_path / "n.odt", body)).text == "1. one\n\na b" + " " * 100 + "c"
    )


def test_odt_comments_are_notes_and_a_cell_is_read_once(tmp_path: Path) -> None:
    # A comment's author, date and words were glued into the sentence it sits in; a note in
    # a cell was read in the cell and again in Notes; a table in a cell was read twice.
    body = (
        "<text:p>Has a comment<office:annotation><dc:creator>Bob</dc:creator>"
        "<dc:date>2020-01-02</dc:date><text:p>Check this.</text:p></office:annotation> here."
        "</text:p><table:table><table:table-header-rows><table:table-row><table:table-cell>"
        "<text:h>Head</text:h></table:table-cell></table:table-row></table:table-header-rows>"
        "<table:table-row><table:table-cell><text:p>A1<text:note><text:note-citation>1"
        "</text:note-citation><text:note-body><text:p>A note.</text:p></text:note-body>"
        "</text:note></text:p><table:table><table:table-row><table:table-cell><text:p>inner"
        "</text:p></table:table-cell></table:table-row></table:table></table:table-cell>"
        "<table:table-cell><text:p>B1</text:p></table:table-cell></table:table-row></table:table>"
    )
    assert load_document(make_odt(tmp_path / "c.odt", body)).text == (
        "Has a comment[1] here.\n\nHead\nA1[2] inner │ B1\n\nNotes\n\n"
        "[1] Comment (Bob): Check this.\n\n[2] A note."
    )


def test_an_odt_comment_on_a_range_of_words_is_referred_to_after_them(tmp_path: Path) -> None:
    # LibreOffice writes a comment on selected words where the selection starts, its end
    # marked further on: its number was run into the first word ("A comment [1]on these
    # words"), a word no search for "on" finds. It goes after the words, as Word's does.
    body = (
        '<text:p>A comment <office:annotation office:name="__Annotation__1_x">'
        "<dc:creator>Bo</dc:creator><text:p>Check this.</text:p></office:annotation>on "
        '<text:span text:style-name="B">these</text:span> words<office:annotation-end '
        'office:name="__Annotation__1_x"/> ends.</text:p><text:p>Across <office:annotation '
        'office:name="a2"><text:p>Long one.</text:p></office:annotation>two</text:p>'
        '<text:p>paragraphs<office:annotation-end office:name="a2"/>.</text:p>'
    )
    assert load_document(make_odt(tmp_path / "c.odt", body)).text == (
        "A comment on these words[1] ends.\n\nAcross two\n\nparagraphs[2].\n\nNotes\n\n"
        "[1] Comment (Bo): Check this.\n\n[2] Comment: Long one."
    )


def test_an_odt_comment_across_paragraphs_is_referred_to_where_its_range_ends(
    tmp_path: Path,
) -> None:
    # A comment on words across paragraphs had its number run into the word after it
    # ("Across [2]two"), which no search for "two" finds; its number now goes after the
    # range's last word, in whatever paragraph (a list item here).  One whose end is never
    # read (an end mark before it) is referred to where it is, not lost.
    body = (
        '<text:p>We <office:annotation office:name="a1"><text:p>Check.</text:p>'
        "</office:annotation>crossed</text:p><text:list><text:list-item><text:p>at "
        'night<office:annotation-end office:name="a1"/>.</text:p></text:list-item>'
        '</text:list><text:p>Then <office:annotation-end office:name="a2"/>the '
        '<office:annotation office:name="a2"><text:p>Odd.</text:p></office:annotation>'
        "road.</text:p>"
    )
    assert load_document(make_odt(tmp_path / "c.odt", body)).text == (
        "We crossed\n\n• at night[1].\n\nThen the [2]road.\n\nNotes\n\n"
        "[1] Comment: Check.\n\n[2] Comment: Odd."
    )


def test_an_odt_picture_among_words_leaves_one_space(tmp_path: Path) -> None:
    # A picture set among the words is left out of the text: both spaces around it
    # stayed ("See the map  below.").
    body = (
        '<text:p xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0">See the map '
        '<draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/a.png"/></draw:frame>'
        " below, and  two spaces typed.</text:p>"
    )
    assert load_document(make_odt(tmp_path / "p.odt", body)).text == (
        "See the map below, and  two spaces typed."
    )


def test_odt_text_and_paragraphs_a_condition_hides_are_not_read(tmp_path: Path) -> None:
    # Conditional text and paragraphs (a mail merge's, a template's) that their condition
    # hides are neither shown nor printed: they were read into the text ("Visible
    # secrettext.").  Text its condition shows is read.
    body = (
        "<text:p>Visible <text:hidden-text text:condition='ooow:1' text:string-value='secret' "
        "text:is-hidden='true'>secret</text:hidden-text>text, "
        "<text:hidden-text text:condition='ooow:0' text:string-value='shown' "
        "text:is-hidden='false'>shown</text:hidden-text> too.</text:p>"
        "<text:p><text:hidden-paragraph text:condition='ooow:1' text:is-hidden='true'/>"
        "A hidden paragraph.</text:p>"
        "<text:p><text:hidden-paragraph text:condition='ooow:0' text:is-hidden='false'/>"
        "A shown paragraph.</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Cell</text:p>"
        "<text:p><text:hidden-paragraph text:is-hidden='true'/>hidden</text:p>"
        "</table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )
    assert load_document(make_odt(tmp_path / "h.odt", body)).text == (
        "Visible text, shown too.\n\nA shown paragraph.\n\nCell │ B"
    )


def test_an_odt_paragraph_its_style_hides_is_not_read_in_a_table_cell(tmp_path: Path) -> None:
    # A paragraph whose style hides it (text:display="none", a template's instructions) is
    # left out of the text, but in a table's cell it was read: "A Fill in here │ B".
    styles = (
        '<style:style style:name="HP" style:family="paragraph">'
        '<style:text-properties text:display="none"/></style:style>'
    )
    body = (
        '<text:p>Top.</text:p><text:p text:style-name="HP">Fill in here</text:p>'
        "<table:table><table:table-row><table:table-cell><text:p>A</text:p>"
        '<text:p text:style-name="HP">Fill in here</text:p></table:table-cell>'
        "<table:table-cell><text:p>B</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell><text:p>C</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )
    path = make_odt(tmp_path / "h.odt", body, automatic_styles=styles)
    assert load_document(path).text == "Top.\n\nA │ B\nC"


@pytest.mark.conversion_process
def test_odt_repeated_cells_and_rows_are_read_each_time(tmp_path: Path) -> None:
    # A cell or row said to be repeated (as a spreadsheet pasted into a text writes equal
    # ones) was read once: the cells after it out of their columns, a row of the table lost.
    # Blank cells repeated to the sheet's last column and blank rows to its last row are
    # no words.
    body = (
        "<table:table><table:table-row><table:table-cell table:number-columns-repeated='2'>"
        "<text:p>0</text:p></table:table-cell><table:table-cell><text:p>5</text:p>"
        "</table:table-cell><table:table-cell table:number-columns-repeated='1021'/>"
        "</table:table-row><table:table-row table:number-rows-repeated='2'>"
        "<table:table-cell table:number-columns-repeated='2'/><table:table-cell>"
        "<text:p>n/a</text:p></table:table-cell></table:table-row>"
        "<table:table-row table:number-rows-repeated='1048573'>"
        "<table:table-cell table:number-columns-repeated='1024'/></table:table-row>"
        "</table:table><text:p>After.</text:p>"
    )
    assert load_document(make_odt(tmp_path / "r.odt", body)).text == (
        "0 │ 0 │ 5\n │  │ n/a\n │  │ n/a\n\nAfter."
    )


@pytest.mark.conversion_process
def test_odt_hostile_repeats_are_read_in_bounds(tmp_path: Path) -> None:
    # A million rows of sixteen thousand cells of words, said in one row and one cell:
    # their reading is bounded, neither hanging nor filling the memory.
    body = (
        "<table:table><table:table-row table:number-rows-repeated='1048576'>"
        "<table:table-cell table:number-columns-repeated='16384'><text:p>x</text:p>"
        "</table:table-cell></table:table-row></table:table><text:p>After.</text:p>"
    )
    text = load_document(make_odt(tmp_path / "b.odt", body)).text
    assert text.startswith("x │ x") and text.endswith("\n\nAfter.")
    assert len(text) < 200_000


def test_an_odt_table_of_contents_is_read_where_it_stands(tmp_path: Path) -> None:
    # LibreOffice writes a table of contents as an index (its title and its entries in a
    # text:table-of-content): it was left out, the report read as if it had none.
    body = (
        '<text:table-of-content text:name="Contents1"><text:table-of-content-source '
        'text:outline-level="2"><text:index-title-template>Contents</text:index-title-template>'
        '<text:table-of-content-entry-template text:outline-level="1"><text:index-entry-text/>'
        "</text:table-of-content-entry-template></text:table-of-content-source><text:index-body>"
        "<text:index-title><text:p>Contents</text:p></text:index-title>"
        "<text:p>Introduction<text:tab/>1</text:p><text:p>Findings<text:tab/>2</text:p>"
        "</text:index-body></text:table-of-content>"
        '<text:h text:outline-level="1">Introduction</text:h><text:p>We went.</text:p>'
        '<text:h text:outline-level="1">Findings</text:h><text:p>We saw.</text:p>'
    )
    text = load_document(make_odt(tmp_path / "toc.odt", body)).text
    # Its entries are the lines of one block: a blank line parted them.
    assert text.startswith("Contents\n\nIntroduction\t1\nFindings\t2\n\nIntroduction")
    assert text.endswith("Findings\n\nWe saw.")


def test_docx_comments_are_notes(tmp_path: Path) -> None:
    import docx

    made = docx.Document()
    paragraph = made.add_paragraph("Commented words")
    made.add_paragraph("More text.")
    made.add_comment(paragraph.runs[0], text="Check this.", author="Bob", initials="B")
    path = tmp_path / "c.docx"
    made.save(str(path))
    assert load_document(path).text == (
        "Commented words[1]\n\nMore text.\n\nNotes\n\n[1] Comment (Bob): Check this."
    )


def test_docx_ruby_keeps_its_base_whole_and_its_reading_after_it(tmp_path: Path) -> None:
    def ruby(base: str, reading: str) -> str:
        return (
            f"<w:r><w:ruby><w:rubyPr/><w:rt>{_run(reading)}</w:rt>"
            f"<w:rubyBase>{_run(base)}</w:rubyBase></w:ruby></w:r>"
        )

    body = f"<w:p>{_run('彼は')}{ruby('漢字', 'かんじ')}{_run('を読む。')}</w:p>"
    assert _docx_text(tmp_path, body) == "彼は漢字(かんじ)を読む。"


def test_docx_equations_keep_their_text(tmp_path: Path) -> None:
    body = (
        f"<w:p>{_run('The rate is ')}<m:oMath><m:r><m:t>r=2</m:t></m:r><m:sSup><m:e><m:r>"
        f"<m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>"
        f"{_run(' per year.')}</w:p>"
    )
    assert _docx_text(tmp_path, body) == "The rate is r=2x2 per year."


_MHTML = (
    "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
    ' type="text/html"; boundary="----=mhtDocumentPart"\r\n\r\n'
    "------=mhtDocumentPart\r\nContent-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: file:///C:/fake/doc.html"
    "\r\n\r\n<!DOCTYPE html><html><head><title>t</title></head><body><h1>Interview 9</h1>"
    "<p>P09: We crossed at night. Se=C3=B1or L=C3=B3pez helped.</p></body></html>\r\n"
    "\r\n------=mhtDocumentPart--\r\n"
)


def test_a_docx_made_of_a_web_page_part_is_read(tmp_path: Path) -> None:
    # What HTML-to-Word converters write: the body is one w:altChunk pointing to an MHTML
    # part; it read as an empty document.
    path = make_docx_with_numbering(
        tmp_path / "web.docx", '<w:altChunk r:id="htmlChunk"/><w:p/>', ""
    )
    parts = {}
    with zipfile.ZipFile(path) as box:
        parts = {name: box.read(name) for name in box.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/aFChunk" Target="/word/afchunk.mht"/></Relationships>',
    ).encode()
    parts["word/afchunk.mht"] = _MHTML.encode()
    with zipfile.ZipFile(path, "w") as box:
        for name, data in parts.items():
            box.writestr(name, data)
    doc = load_document(path)
    assert doc.text == "Interview 9\n\nP09: We crossed at night. Señor López helped."
    assert _spans(doc, SpanKind.HEADING) == ["Interview 9"]


def test_a_word_file_whose_compressed_text_is_damaged_says_so(tmp_path: Path) -> None:
    # 'damaged docx file (error)': zlib's error, named by its type only.
    path = make_docx(tmp_path / "d.docx", [("para", "Hello from Word. " * 200)])
    with zipfile.ZipFile(path) as box:
        info = box.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError) as info_:
        load_document(path)
    assert info_.value.reason == (
        "damaged Word file (word/document.xml: its compressed data is corrupt)"
    )


def test_a_word_file_declaring_entities_is_refused_by_name(tmp_path: Path) -> None:
    # The entities were never expanded but dropped: the file opened as an empty document.
    path = tmp_path / "e.docx"
    with zipfile.ZipFile(path, "w") as box:
        box.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY who "the committee">]><w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            "<w:p><w:r><w:t>Signed by &who;.</w:t></w:r></w:p></w:body></w:document>",
        )
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert (
        info.value.reason == "refused: a DOCTYPE declaring entities in Word part word/document.xml"
    )


@pytest.mark.conversion_process
def test_a_word_file_whose_entities_nest_as_a_bomb_is_refused_so(tmp_path: Path) -> None:
    """A billion laughs (entities each ten of the one before) was said to be a damaged file,
    'not well-formed XML': the parser stops at its amplification, which it reports as an
    error of syntax.  It is refused as the entities it declares."""
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w") as box:
        box.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{laughs}]><w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>",
        )
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert info.value.reason == (
        "refused: a DOCTYPE declaring entities in Word part word/document.xml (nested: a bomb?)"
    )


def _nested_tables(path: Path, levels: int, compression: int = zipfile.ZIP_STORED) -> Path:
    cells = "<w:tbl><w:tr><w:tc>" * levels + "<w:p><w:r><w:t>Deep cell.</w:t></w:r></w:p>"
    cells += "</w:tc></w:tr></w:tbl>" * levels
    with zipfile.ZipFile(path, "w", compression) as box:
        box.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{cells}<w:p><w:r><w:t>After.</w:t></w:r>'
            "</w:p></w:body></w:document>",
        )
    return path


@pytest.mark.conversion_process
def test_tables_nested_past_256_elements_are_read_and_deeper_refused_as_such(
    tmp_path: Path,
) -> None:
    # 90 tables in tables are 270 elements deep: refused as 'not well-formed XML', a file
    # Word opens; nested past what is read, it is named as nested so, not as damaged.
    doc = load_document(_nested_tables(tmp_path / "deep.docx", 90))
    assert "Deep cell." in doc.text and doc.text.endswith("After.")
    with pytest.raises(DocumentError) as info:
        load_document(_nested_tables(tmp_path / "deeper.docx", 1000))
    assert info.value.reason == (
        "refused: Word part word/document.xml nested more than 2,048 elements deep"
    )


@pytest.mark.conversion_process
def test_tables_nested_deep_and_compressed_small_are_refused_as_nested(tmp_path: Path) -> None:
    # 30,000 tables in tables: 4 KB of zip inflating to more than 1 MB, 300 times its size,
    # was refused as 'Word file inflates to 1 MB (a zip bomb?)', a guess that sent the user
    # looking at its size; the part is refused for its depth, as one stored uncompressed is.
    path = _nested_tables(tmp_path / "deep.docx", 30_000, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path) as box:
        (info,) = box.infolist()
    assert info.file_size > 1024 * 1024 and info.file_size > 200 * info.compress_size
    with pytest.raises(DocumentError) as info_raised:
        load_document(path)
    assert info_raised.value.reason == (
        "refused: Word part word/document.xml nested more than 2,048 elements deep"
    )


def test_a_word_file_protected_by_a_password_is_named_so(tmp_path: Path) -> None:
    # Office keeps a protected file in an OLE compound file, no zip: it was refused as
    # 'damaged Word file (not a readable zip)', which sent the user looking for a bad copy.
    path = tmp_path / "secret.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    with pytest.raises(DocumentError, match="protected by a password") as info:
        load_document(path)
    assert info.value.path == path


def test_a_word_file_whose_part_the_zip_encrypts_is_named_so(tmp_path: Path) -> None:
    # 'damaged docx file (RuntimeError)' before: zipfile's 'password required'.
    path = make_docx(tmp_path / "z.docx", [("para", "Hello.")])
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:  # every central directory entry: the encrypted flag set
        data[entry + 8] |= 1
        entry = data.find(b"PK\x01\x02", entry + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert "is encrypted: it cannot be read" in info.value.reason


def test_an_opendocument_file_saved_with_a_password_is_named_so(tmp_path: Path) -> None:
    # Its content.xml is ciphertext: refused as 'damaged ... (not well-formed XML)'.
    manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    path = tmp_path / "secret.odt"
    with zipfile.ZipFile(path, "w") as box:
        box.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        box.writestr("content.xml", bytes(range(256)) * 4)
        box.writestr(
            "META-INF/manifest.xml",
            f'<?xml version="1.0"?><manifest:manifest xmlns:manifest="{manifest}">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
            'vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml"'
            ' manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum="x">'
            '<manifest:algorithm manifest:algorithm-name="AES"/></manifest:encryption-data>'
            "</manifest:file-entry></manifest:manifest>",
        )
    with pytest.raises(DocumentError, match="protected by a password"):
        load_document(path)


def test_a_word_file_referring_to_one_part_thousands_of_times_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2,000 altChunks naming one 1 MB part built 2 GB of text from a 30 KB file.  What the
    parts read add up to is held to a limit under those 2 GB; the count is tried here against
    a limit of 16 MB, which 2,000 parts of 64 KB pass, converted in this process where that
    limit is set (reading and decoding the real limit's 512 MB took 3 s of CPU a run)."""
    from tui_reader.core.documents.formats import archive

    assert archive.MAX_READ_BYTES < 2000 * (1 << 20)  # the real limit stops the 2 GB
    monkeypatch.setattr(archive, "MAX_READ_BYTES", 16 << 20)
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0")  # in-process: the limit set applies
    words = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as box:
        box.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{words}" xmlns:r="{rels}"><w:body>'
            + '<w:altChunk r:id="c1"/>' * 2000
            + "</w:body></w:document>",
        )
        box.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="c1" Target="chunk.txt" Type="'
            f'{rels}/aFChunk"/></Relationships>',
        )
        box.writestr("word/chunk.txt", ("Words of a part kept as text. " * 2_200)[: 64 << 10])
    with pytest.raises(DocumentError, match=r"reads its parts over and over \(more than 16 MB"):
        load_document(path)


def test_an_odt_text_box_s_lines_and_a_picture_s_title(tmp_path: Path) -> None:
    # A text box's paragraphs ran into each other and into the paragraph holding it
    # ("Intro.Box line one.Box line two.After the box."), and a picture's title and
    # description, which the page does not show, into the words around it.
    draw = (
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    )
    body = (
        f"<text:p>Intro.<draw:frame {draw}><draw:text-box><text:p>Box line one.</text:p>"
        "<text:p>Box line two.</text:p></draw:text-box></draw:frame>After the box.</text:p>"
        f'<text:p>Picture here<draw:frame {draw}><draw:image xlink:href="Pictures/a.png"/>'
        "<svg:title>Logo</svg:title><svg:desc>The agency's logo</svg:desc></draw:frame>"
        " and text.</text:p>"
    )
    doc = load_document(make_odt(tmp_path / "box.odt", body))
    assert doc.text == (
        "Intro.\nBox line one.\nBox line two.\nAfter the box.\n\nPicture here and text."
    )


def test_an_odt_text_box_between_spaced_words_leaves_no_stray_space(tmp_path: Path) -> None:
    # The space after a text box set between two words opened the line after its lines:
    # "Box line two.\n After the box."
    draw = 'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    body = (
        f"<text:p>Intro. <draw:frame {draw}><draw:text-box><text:p>Box line one.</text:p>"
        "<text:p>Box line two.</text:p></draw:text-box></draw:frame> After the box.</text:p>"
        "<text:p>Two<text:s/> spaces kept.</text:p>"
    )
    doc = load_document(make_odt(tmp_path / "box.odt", body))
    assert doc.text == "Intro.\nBox line one.\nBox line two.\nAfter the box.\n\nTwo  spaces kept."


def test_a_docx_tab_set_at_a_position_parts_the_words_around_it(tmp_path: Path) -> None:
    # A positional tab (Word's right-aligned "Name ... Page", a signature line) was left
    # out and the words on either side ran together: "NamePage".
    body = (
        '<w:p><w:r><w:t>Signed by Ana</w:t></w:r><w:r><w:ptab w:relativeTo="margin" '
        'w:alignment="right" w:leader="none"/></w:r><w:r><w:t>12 May</w:t></w:r></w:p>'
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "ptab.docx", body, ""))
    assert doc.text == "Signed by Ana\t12 May"


def test_docx_hidden_text_is_not_read(tmp_path: Path) -> None:
    # Text Word hides (neither shown nor printed), as RTF's hidden text is left out, was read
    # into the words beside it: "Fill in your nameVisible text."
    body = (
        '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">Fill in your name</w:t>'
        '</w:r><w:r><w:t>Visible text.</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr>'
        '<w:t xml:space="preserve"> Shown too.</w:t></w:r></w:p>'
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "hidden.docx", body, ""))
    assert doc.text == "Visible text. Shown too."


def test_a_docx_list_item_hidden_whole_leaves_no_bullet(tmp_path: Path) -> None:
    # A list item hidden whole (its words and its paragraph mark, a template's instruction
    # or an item hidden for one reader), which Word neither shows nor prints, was read as
    # its bullet alone on a line: "•".  An item whose mark is shown keeps its bullet.
    hidden = "<w:rPr><w:vanish/></w:rPr>"
    body = (
        f"<w:p>{_run('Before.')}</w:p>"
        f'<w:p><w:pPr><w:pStyle w:val="ListBullet"/>{hidden}</w:pPr>'
        f"<w:r>{hidden}<w:t>Delete this line.</w:t></w:r></w:p>"
        f'<w:p><w:pPr><w:pStyle w:val="ListBullet"/>{hidden}</w:pPr>{_run("One")}</w:p>'
        f'<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>{_run("Two")}</w:p>'
        f"<w:p>{_run('After.')}</w:p>"
    )
    assert _docx_text(tmp_path, body) == "Before.\n\n• One\n• Two\n\nAfter."


def _contents_entry(style: str, text: str, page: int, field: str = "") -> str:
    """A paragraph of a Word table of contents as Word writes it: a link to the heading,
    a tab, the page number a PAGEREF field gives; ``field`` "begin" or "end" opens or
    closes the TOC field around the entries."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:tabs><w:tab w:val="right" '
        f'w:leader="dot" w:pos="9350"/></w:tabs></w:pPr>{begin if field == "begin" else ""}'
        f'<w:hyperlink w:anchor="_Toc1" w:history="1"><w:r><w:t>{text}</w:t></w:r>'
        '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
        'xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar '
        f'w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar '
        f'w:fldCharType="end"/></w:r></w:hyperlink>{end if field == "end" else ""}</w:p>'
    )


def test_docx_table_of_contents_entries_are_lines_of_one_block(tmp_path: Path) -> None:
    # A table of contents was read with a blank line between its entries, each a paragraph
    # of its own; its entries are now the lines of one block, a lower level indented.
    body = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>'
        + _contents_entry("TOC1", "Introduction", 1, "begin")
        + _contents_entry("TOC2", "Method", 2)
        + _contents_entry("TOC1", "Findings", 3, "end")
        + '</w:sdtContent></w:sdt><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r>'
        "<w:t>Introduction</w:t></w:r></w:p><w:p><w:r><w:t>We begin.</w:t></w:r></w:p>"
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "contents.docx", body, ""))
    assert doc.text == (
        "Contents\n\nIntroduction\t1\n  Method\t2\nFindings\t3\n\nIntroduction\n\nWe begin."
    )
    assert doc.title == "Introduction"
    assert _spans(doc, SpanKind.PARAGRAPH)[1:4] == ["Introduction\t1", "Method\t2", "Findings\t3"]


def test_docx_symbol_font_characters_are_read_as_unicode(tmp_path: Path) -> None:
    # A character of the Symbol or Wingdings font (w:sym, or a run in that font holding a
    # private-use code point or a Latin letter) was lost or read as a private-use code point.
    symbol_run = (
        '<w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>{}</w:t></w:r>'
    )
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Speed </w:t></w:r>'
        '<w:r><w:sym w:font="Symbol" w:char="F061"/></w:r>'
        '<w:r><w:t xml:space="preserve"> is </w:t></w:r>'
        + symbol_run.format("\uf0b3")
        + '<w:r><w:t xml:space="preserve"> 2 </w:t></w:r>'
        '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
        '<w:r><w:t xml:space="preserve"> for </w:t></w:r>'
        + symbol_run.format("bg")
        + '<w:r><w:sym w:font="Times New Roman" w:char="2014"/></w:r></w:p>'
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "symbols.docx", body, ""))
    assert doc.text == "Speed α is ≥ 2 ✓ for βγ—"


def test_docx_symbol_font_characters_outside_the_table_leave_nothing_raw(tmp_path: Path) -> None:
    # A character of a symbol font the table does not know (Wingdings 2's pencil, Webdings'
    # spider, a code the Symbol font leaves empty) reached the text as a private-use code
    # point (U+F0xx), which the terminal shows as a box or nothing; a picture is now the
    # replacement character (the reader saw a mark there), Symbol's empty code left out.
    symbol_run = (
        '<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>{}</w:t></w:r>'
    )
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Done </w:t></w:r>'
        '<w:r><w:sym w:font="Wingdings 2" w:char="F021"/></w:r>'
        '<w:r><w:t xml:space="preserve"> and </w:t></w:r>'
        '<w:r><w:sym w:font="Symbol" w:char="F080"/></w:r>'
        '<w:r><w:sym w:font="Webdings" w:char="F021"/></w:r>'
        + symbol_run.format("\uf030")
        + '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>'
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "symbols.docx", body, ""))
    assert doc.text == "Done \ufffd and \ufffd\ufffd✓"
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in doc.text)


def test_docx_and_odt_characters_of_more_picture_fonts_are_read_as_unicode(
    tmp_path: Path,
) -> None:
    # Wingdings 3's triangles, Marlett's check mark and Zapf Dingbats' check mark, typed
    # in the font or kept as Word's private-use codes, read as the letters of their bytes
    # ("p", "a", "4"); so did a Wingdings picture its table does not name ("'", a candle),
    # the replacement character now.
    run = '<w:r><w:rPr><w:rFonts w:ascii="{0}" w:hAnsi="{0}"/></w:rPr><w:t>{1}</w:t></w:r>'
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Next </w:t></w:r>'
        + run.format("Wingdings 3", "pu\uf071")
        + run.format("Marlett", " a")
        + run.format("Zapf Dingbats", " 4")
        + run.format("Wingdings", "'")
        + '<w:r><w:sym w:font="Wingdings 3" w:char="F075"/></w:r></w:p>'
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "marks.docx", body, ""))
    assert doc.text == "Next ▲►▼ ✔ ✔\ufffd►"
    fonts = (
        '<style:style style:name="S1" style:family="text">'
        '<style:text-properties fo:font-family="Wingdings 3"/></style:style>'
    )
    body = '<text:p>Next <text:span text:style-name="S1">p\uf071</text:span>.</text:p>'
    doc = load_document(make_odt(tmp_path / "marks.odt", body, automatic_styles=fonts))
    assert doc.text == "Next ▲▼."


def test_docx_text_in_a_picture_font_no_table_reads_leaves_nothing_raw(tmp_path: Path) -> None:
    # Text set in Wingdings 2 or Webdings (a picture copied from another document) reached
    # the text as private-use code points ("Done \uf021"); they are the replacement
    # character, a mark where the reader saw one, the rest kept.
    # Their check marks read as check marks, as the private-use code or as the letter of
    # its byte Word keeps when it was typed in the font (Wingdings 2's "P" was a "P").
    run = '<w:r><w:rPr><w:rFonts w:ascii="{0}" w:hAnsi="{0}"/></w:rPr><w:t>{1}</w:t></w:r>'
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Done</w:t></w:r>'
        + run.format("Wingdings 2", "\uf021")
        + run.format("Webdings", "\uf021")
        + run.format("Segoe UI Symbol", " \u2713 ok ")
        + run.format("Wingdings 2", "P\uf050")
        + run.format("Webdings", "a")
        + "</w:p>"
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "checks.docx", body, ""))
    assert doc.text == "Done\ufffd\ufffd ✓ ok ✓✓✔"


def test_docx_superscript_digits_are_raised_not_run_into_the_word(tmp_path: Path) -> None:
    # A superscript was run into the word before it: "E=mc2", a note's number typed by hand
    # "the claim1 here"; its digits and signs are now written raised, other letters kept.
    def run(text: str, raised: bool = False) -> str:
        props = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if raised else ""
        return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'

    body = (
        "<w:p>"
        + run("E=mc")
        + run("2", raised=True)
        + run(", the claim")
        + run("1", raised=True)
        + run(" here, 10")
        + run("-3", raised=True)
        + run(" on the 4")
        + run("th", raised=True)
        + run(" day.")
        + "</w:p>"
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "raised.docx", body, ""))
    assert doc.text == "E=mc², the claim¹ here, 10⁻³ on the 4th day."


def test_docx_text_hidden_raised_or_bold_by_its_style_is_read_so(tmp_path: Path) -> None:
    # What a style says of its text was not read, only what a run says itself: a run in a
    # raised character style ran into the word ("E=mc2"), text in a hidden style (a
    # template's instructions) was read ("said[interviewer: check this]"), Word's "Strong"
    # and "Emphasis" were plain, a style's symbol font gave a Latin letter ("speed a").
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    styles = document.styles
    hidden = styles.add_style("Hidden note", WD_STYLE_TYPE.CHARACTER)
    hidden.font.hidden = True
    raised = styles.add_style("Raised", WD_STYLE_TYPE.CHARACTER)
    raised.font.superscript = True
    greek = styles.add_style("Greek", WD_STYLE_TYPE.CHARACTER)
    greek.font.name = "Symbol"
    instructions = styles.add_style("Instructions", WD_STYLE_TYPE.PARAGRAPH)
    instructions.font.hidden = True
    shown = styles.add_style("Shown", WD_STYLE_TYPE.CHARACTER)
    shown.base_style = hidden
    shown.font.hidden = False
    paragraph = document.add_paragraph("Energy is E=mc")
    for text, style in (
        ("2", raised), (" as Einstein said", None), ("[interviewer: check this]", hidden),
        (". It is ", None), ("very", styles["Strong"]), (" fast, ", None),
        ("light", styles["Emphasis"]), (" speed ", None), ("a", greek), (".", None),
        (" Kept.", shown),
    ):  # fmt: skip
        paragraph.add_run(text).style = style
    document.add_paragraph("Delete this instruction before sending.", style="Instructions")
    document.add_paragraph("The end.")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.text == (
        "Energy is E=mc² as Einstein said. It is very fast, light speed α. Kept.\n\nThe end."
    )
    styled = {(s.kind, doc.text[s.start : s.end]) for s in doc.spans}
    assert {(SpanKind.STRONG, "very"), (SpanKind.EMPHASIS, "light")} <= styled


def test_docx_text_in_all_caps_is_read_in_capitals_as_word_shows_it(tmp_path: Path) -> None:
    # Text set in All Caps (a run's w:caps, or its style's: a heading style in capitals)
    # is shown and printed by Word in capitals; it was read in the case it was typed in
    # ("warning: do not enter" where the page says "WARNING: do not enter").
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    shouting = document.styles.add_style("Shouting", WD_STYLE_TYPE.PARAGRAPH)
    shouting.font.all_caps = True
    paragraph = document.add_paragraph()
    paragraph.add_run("warning").font.all_caps = True
    paragraph.add_run(": do not enter the ")
    calm = paragraph.add_run("straße")
    calm.font.all_caps = True
    document.add_paragraph("chapter one", style="Shouting")
    kept = document.add_paragraph(style="Shouting").add_run("as typed")
    kept.font.all_caps = False
    path = tmp_path / "caps.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.text == "WARNING: do not enter the STRASSE\n\nCHAPTER ONE\n\nas typed"


def test_docx_headings_by_a_style_based_on_a_heading_or_by_outline_level(tmp_path: Path) -> None:
    # A heading in a style of the document's own based on Word's "Heading 1" ("Chapter
    # Title"), or one whose outline level makes it a heading (in Word's navigation pane),
    # was read as a paragraph: no heading, no title, no turn ending at it.
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def outline(element: object, value: str) -> None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), value)
        element.get_or_add_pPr().append(level)  # type: ignore[attr-defined]

    document = docx.Document()
    chapter = document.styles.add_style("Chapter Title", WD_STYLE_TYPE.PARAGRAPH)
    chapter.base_style = document.styles["Heading 1"]
    section = document.styles.add_style("Section Head", WD_STYLE_TYPE.PARAGRAPH)
    outline(section.element, "1")
    plain = document.styles.add_style("Plain Head", WD_STYLE_TYPE.PARAGRAPH)
    plain.base_style = document.styles["Heading 2"]
    outline(plain.element, "9")  # body text, though based on a heading
    document.add_paragraph("Part One: Arrival", style="Chapter Title")
    document.add_paragraph("Body text here.")
    document.add_paragraph("The crossing", style="Section Head")
    document.add_paragraph("More body text.")
    outline(document.add_paragraph("At the shelter")._p, "2")
    document.add_paragraph("Not a heading", style="Plain Head")
    path = tmp_path / "headings.docx"
    document.save(str(path))
    doc = load_document(path)
    headings = [
        (s.data, doc.text[s.start : s.end]) for s in doc.spans if s.kind is SpanKind.HEADING
    ]
    assert headings == [("1", "Part One: Arrival"), ("2", "The crossing"), ("3", "At the shelter")]
    assert doc.title == "Part One: Arrival"


def test_a_docx_pages_exported_reads_its_heading_style_as_a_first_level_heading(
    tmp_path: Path,
) -> None:
    # Pages names its headings' styles "Heading", "Heading 2" and "Heading 3", and writes
    # them so into a document it exports to Word, with no outline level: its first-level
    # headings were read as paragraphs, no heading to go to, none ending a passage.
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    for name in ("Heading", "Body"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Field notes, Tapachula", style="Title")
    document.add_paragraph("Arrival", style="Heading")
    document.add_paragraph("We reached the shelter on a Tuesday.", style="Body")
    document.add_paragraph("The courtyard", style="Heading 2")
    document.add_paragraph("Families slept under the arches.", style="Body")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    doc = load_document(path)
    headings = [
        (s.data, doc.text[s.start : s.end]) for s in doc.spans if s.kind is SpanKind.HEADING
    ]
    assert headings == [
        ("1", "Field notes, Tapachula"), ("1", "Arrival"), ("2", "The courtyard"),
    ]  # fmt: skip


def test_docx_soft_hyphens_typed_into_the_text_are_left_out(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>Die Donau\u00addampf\u00adschiff\u00adfahrt.</w:t></w:r></w:p>"
    doc = load_document(make_docx_with_numbering(tmp_path / "shy.docx", body, ""))
    assert doc.text == "Die Donaudampfschifffahrt."


def test_odt_superscript_digits_are_raised_not_run_into_the_word(tmp_path: Path) -> None:
    # A superscript was run into the word before it: "E=mc2", "10-3".
    raised = (
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties style:text-position="super 58%"/></style:style>'
        '<style:style style:name="T2" style:family="text">'
        '<style:text-properties style:text-position="33% 58%"/></style:style>'
        '<style:style style:name="T3" style:family="text">'
        '<style:text-properties style:text-position="sub 58%"/></style:style>'
    )
    body = (
        '<text:p>E=mc<text:span text:style-name="T1">2</text:span>, 10'
        '<text:span text:style-name="T2">-3</text:span>, H<text:span text:style-name="T3">2'
        '</text:span>O, the 4<text:span text:style-name="T1">th</text:span>.</text:p>'
    )
    doc = load_document(make_odt(tmp_path / "raised.odt", body, automatic_styles=raised))
    assert doc.text == "E=mc², 10⁻³, H2O, the 4th."


def test_odt_a_text_position_in_other_digits_is_no_failure(tmp_path: Path) -> None:
    # A raised position written in other digits ("²%") failed the whole file (ValueError).
    odd = (
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties style:text-position="²% 58%"/></style:style>'
    )
    body = '<text:p>x<text:span text:style-name="T1">2</text:span></text:p>'
    assert load_document(make_odt(tmp_path / "odd.odt", body, automatic_styles=odd)).text == "x2"


def test_odt_characters_of_a_symbol_font_are_read_as_unicode(tmp_path: Path) -> None:
    # Text in the Symbol or Wingdings font was read as the private-use code points the file
    # keeps ("\uf061") or as Latin letters ("b" for "β").
    fonts = (
        '<style:style style:name="S1" style:family="text">'
        '<style:text-properties style:font-name="Symbol"/></style:style>'
        '<style:style style:name="S2" style:family="text">'
        '<style:text-properties fo:font-family="Wingdings"/></style:style>'
    )
    body = (
        '<text:p>Speed <text:span text:style-name="S1">\uf061</text:span> is '
        '<text:span text:style-name="S1">b</text:span>, done '
        '<text:span text:style-name="S2">\uf0fc</text:span>.</text:p>'
    )
    doc = load_document(make_odt(tmp_path / "symbols.odt", body, automatic_styles=fonts))
    assert doc.text == "Speed α is β, done ✓."


def test_odt_text_a_style_sets_in_capitals_is_read_in_capitals(tmp_path: Path) -> None:
    # Text a character or paragraph style sets in capitals (fo:text-transform, what
    # LibreOffice's Format > Text > UPPERCASE sets) is shown and printed in capitals; it
    # was read in the case it was typed in.
    styles = (
        '<style:style style:name="U" style:family="text">'
        '<style:text-properties fo:text-transform="uppercase"/></style:style>'
        '<style:style style:name="N" style:family="text">'
        '<style:text-properties fo:text-transform="none"/></style:style>'
        '<style:style style:name="P1" style:family="paragraph">'
        '<style:text-properties fo:text-transform="uppercase"/></style:style>'
    )
    body = (
        '<text:p><text:span text:style-name="U">warning</text:span>: do not enter.</text:p>'
        '<text:p text:style-name="P1">chapter one, <text:span text:style-name="N">as typed'
        "</text:span> and on</text:p><text:p>plain</text:p>"
    )
    doc = load_document(make_odt(tmp_path / "caps.odt", body, automatic_styles=styles))
    assert doc.text == "WARNING: do not enter.\n\nCHAPTER ONE, as typed AND ON\n\nplain"


def test_odt_hidden_text_is_not_read(tmp_path: Path) -> None:
    # Text a style hides (neither shown nor printed: a template's instructions) was read
    # into the words beside it: "Fill in your nameVisible text."
    hidden = (
        '<style:style style:name="H1" style:family="text">'
        '<style:text-properties text:display="none"/></style:style>'
    )
    body = (
        '<text:p><text:span text:style-name="H1">Fill in your name</text:span>Visible '
        "text.</text:p>"
    )
    doc = load_document(make_odt(tmp_path / "hidden.odt", body, automatic_styles=hidden))
    assert doc.text == "Visible text."


def test_odt_a_hidden_section_is_not_read(tmp_path: Path) -> None:
    # A section hidden in LibreOffice (Format > Sections > Hide: a consent form's office
    # notes, a template's other version), which it neither shows nor prints, was read.
    body = (
        "<text:p>Shown before.</text:p>"
        '<text:section text:name="Office" text:display="none">'
        "<text:p>For office use only: participant code.</text:p></text:section>"
        '<text:section text:name="Main"><text:p>Shown after.</text:p></text:section>'
    )
    doc = load_document(make_odt(tmp_path / "form.odt", body))
    assert doc.text == "Shown before.\n\nShown after."


def test_odt_text_hidden_or_raised_by_the_style_it_is_based_on_is_read_so(
    tmp_path: Path,
) -> None:
    # What a named style says was not read through the automatic styles based on it (as
    # LibreOffice writes every span): its hidden text was read ("Fill in your nameVisible"),
    # its superscript run into the word ("mc2"); a paragraph style that hides was read too.
    named = (
        '<style:style style:name="Hidden" style:family="text">'
        '<style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="Raised" style:family="text">'
        '<style:text-properties style:text-position="super 58%"/></style:style>'
        '<style:style style:name="Instructions" style:family="paragraph">'
        '<style:text-properties text:display="none"/></style:style>'
    )
    automatic = (
        '<style:style style:name="T1" style:family="text" style:parent-style-name="Hidden"/>'
        '<style:style style:name="T2" style:family="text" style:parent-style-name="Raised"/>'
        '<style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Instructions"/>'
    )
    body = (
        '<text:p><text:span text:style-name="T1">Fill in your name</text:span>Visible '
        'text: E=mc<text:span text:style-name="T2">2</text:span>.</text:p>'
        '<text:p text:style-name="P1">Delete this paragraph before sending.</text:p>'
        "<text:p>The end.</text:p>"
    )
    path = make_odt(tmp_path / "styled.odt", body, automatic_styles=automatic, styles=named)
    assert load_document(path).text == "Visible text: E=mc².\n\nThe end."


def _form_field(data: str, instruction: str) -> str:
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="F"/>{data}'
        f'</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> {instruction} '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_docx_form_check_boxes_and_lists_show_their_answers(tmp_path: Path) -> None:
    # A questionnaire's check boxes and drop-down lists (Word's old form fields) showed
    # nothing: "Yes  No  Region:" without the answers.
    ticked = _form_field(
        "<w:checkBox><w:default w:val='0'/><w:checked/></w:checkBox>", "FORMCHECKBOX"
    )
    blank = _form_field("<w:checkBox><w:default w:val='0'/></w:checkBox>", "FORMCHECKBOX")
    region = _form_field(
        "<w:ddList><w:result w:val='1'/><w:listEntry w:val='North'/>"
        "<w:listEntry w:val='South'/></w:ddList>",
        "FORMDROPDOWN",
    )
    body = (
        f"<w:p>{ticked}<w:r><w:t xml:space='preserve'> Yes </w:t></w:r>{blank}"
        f"<w:r><w:t xml:space='preserve'> No. Region: </w:t></w:r>{region}</w:p>"
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "form.docx", body, ""))
    assert doc.text == "☒ Yes ☐ No. Region: South"


def test_odt_title_style_is_the_title(tmp_path: Path) -> None:
    # A LibreOffice document whose first line is set in its Title style (as Word's Title
    # style is read) was named by its file, the line a paragraph like any other.
    automatic = (
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>'
    )
    named = '<style:style style:name="Title" style:family="paragraph"/>'
    body = (
        '<text:p text:style-name="P1">Border Lives</text:p>'
        "<text:p>We met the staff on Monday and again on Friday.</text:p>"
    )
    path = make_odt(tmp_path / "report.odt", body, automatic_styles=automatic, styles=named)
    document = load_document(path)
    assert document.title == "Border Lives"
    assert [
        document.text[s.start : s.end] for s in document.spans if s.kind is SpanKind.HEADING
    ] == ["Border Lives"]


def test_a_word_file_s_bold_first_line_is_its_title(tmp_path: Path) -> None:
    # A title typed in bold, without a Title or Heading style (as most transcripts are
    # headed), was passed over: the document was named by its file.
    import docx

    def made(name: str, runs: list[tuple[str, bool]], then: str) -> Document:
        document = docx.Document()
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
        document.add_paragraph(then)
        document.save(str(tmp_path / name))
        return load_document(tmp_path / name)

    body = "Interviewer: Where did you sleep?"
    assert made("a.docx", [("Interview with Ana, ", True), ("12 May 2023", True)], body).title == (
        "Interview with Ana, 12 May 2023"
    )
    assert made("b.docx", [("Ana", True), (" came in May.", False)], body).title == "b"
    assert made("c.docx", [("We met Ana at the shelter.", True)], body).title == "c"
    assert made("d.docx", [("Interviewer: Where were you?", True)], "Ana: Home.").title == "d"


def test_a_word_or_odt_file_s_plain_first_line_is_its_title(tmp_path: Path) -> None:
    # A transcript typed with no title property, heading or bold line, opening with
    # "Interview 3 - Tapachula" above the talk, was named by its file (as its plain text
    # twin is not); a first sentence is still no title.
    talk = [("Ana López: We came in May.", "Interviewer: And then?", "Ana López: We stayed.")]
    blocks = [("para", "Interview 3 - Tapachula"), *[("para", line) for line in talk[0]]]
    assert load_document(make_docx(tmp_path / "i3.docx", blocks)).title == (
        "Interview 3 - Tapachula"
    )
    body = "".join(f"<text:p>{line}</text:p>" for line in ("Interview 3 - Tapachula", *talk[0]))
    assert load_document(make_odt(tmp_path / "i3.odt", body)).title == "Interview 3 - Tapachula"
    said = [("para", "We met Ana at the shelter."), ("para", "Interviewer: Where?")]
    assert load_document(make_docx(tmp_path / "said.docx", said)).title == "said"
    table = [("table", "Name|Place|Age/Ana|Tapachula|30"), ("para", "We talked.")]
    assert load_document(make_docx(tmp_path / "table.docx", table)).title == "table"


def test_a_word_or_odt_file_s_first_paragraph_of_two_words_titles_it_as_a_text_s_line_does(
    tmp_path: Path,
) -> None:
    # A Word or OpenDocument file opening with "Interview 7" in the Normal style was named
    # by its file, where a plain text opening with that line is titled by it; a speaker's
    # name alone above what was said is no title, in a file nor in a text.
    said = "We came in May, by bus over the mountains, and then on foot for days."
    interview = ["Interview 7", said, said]
    talk = ["Maria Lopez", "How did you come?", "INTERVIEWER", "By bus.", "Maria Lopez", "Why?"]
    talk += ["INTERVIEWER", "For work."]
    for name, paragraphs, title in (("i7", interview, "Interview 7"), ("talk", talk, "talk")):
        (tmp_path / f"{name}.txt").write_text("\n\n".join(paragraphs), "utf-8")
        body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
        for path in (
            make_docx(tmp_path / f"{name}.docx", [("para", p) for p in paragraphs]),
            make_odt(tmp_path / f"{name}.odt", body),
            tmp_path / f"{name}.txt",
        ):
            assert load_document(path).title == title, path.name


def test_a_table_of_one_row_opening_a_word_or_odt_file_is_no_title(tmp_path: Path) -> None:
    # A table of one row (a form's "Name │ Place │ Date" heading the interview) is a line of
    # its own, as a paragraph is: it titled the file, which is named by its file now.
    blocks = [("table", "Name|Place|Date of the interview"), ("para", "We talked.")]
    document = load_document(make_docx(tmp_path / "form.docx", blocks))
    assert document.text.startswith("Name │ Place │ Date of the interview\n\nWe talked.")
    assert document.title == "form"
    cells = "".join(
        f"<table:table-cell><text:p>{cell}</text:p></table:table-cell>"
        for cell in ("Name", "Place", "Date of the interview")
    )
    body = f"<table:table><table:table-row>{cells}</table:table-row></table:table><text:p>We talked.</text:p>"
    document = load_document(make_odt(tmp_path / "form.odt", body))
    assert document.text.startswith("Name │ Place │ Date of the interview")
    assert document.title == "form"
    # A table of one cell is a box around its words: a title still.
    boxed = [("table", "Interview 3 - Tapachula"), ("para", "We talked.")]
    assert load_document(make_docx(tmp_path / "boxed.docx", boxed)).title == (
        "Interview 3 - Tapachula"
    )


def test_a_first_sentence_with_a_note_s_number_after_it_is_no_title(tmp_path: Path) -> None:
    # A Word file opening with a sentence a footnote or a comment is on: the number after
    # its full stop hid the sentence, which titled the file ("We met Ana at the
    # shelter.[1]"); a title line with a note keeps its words, not the number.
    said = [("para", "We met Ana at the shelter."), ("para", "Then we left.")]
    path = make_docx(tmp_path / "said.docx", said, footnotes=["The shelter of Tapachula."])
    assert load_document(path).title == "said"
    titled = [("para", "Interview 3 - Tapachula"), ("para", "Ana López: We came in May.")]
    path = make_docx(tmp_path / "i3.docx", titled, footnotes=["Recorded in May."])
    document = load_document(path)
    assert document.text.startswith("Interview 3 - Tapachula[1]")
    assert document.title == "Interview 3 - Tapachula"


def test_docx_hidden_words_between_spaces_leave_one_space(tmp_path: Path) -> None:
    # Hidden words between two spaces left both ("Visible  text continues."): a search for
    # "Visible text" found nothing.
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Visible </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>[check the date]</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> text continues.</w:t></w:r></w:p>'
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "hidden.docx", body, ""))
    assert doc.text == "Visible text continues."


@pytest.mark.parametrize("mark_in_note", [True, False])
def test_a_word_footnote_with_its_authors_own_mark_reads_by_that_mark(
    tmp_path: Path, mark_in_note: bool
) -> None:
    # A footnote marked "*" (Word's custom mark) read "spoke.[1]*" and its note "[1] * ...";
    # the mark alone is the reference now, and names the note.
    path = make_docx(
        tmp_path / "m.docx",
        [("para", "The witness spoke."), ("para", "Then she left.")],
        footnotes=["Translated from Tzotzil."],
    )
    reference = (
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>'
    )
    edits: dict[str, Callable[[str], str]] = {
        "word/document.xml": lambda xml: xml.replace(
            '<w:r><w:footnoteReference w:id="1"/></w:r>', reference
        )
    }
    if mark_in_note:
        edits["word/footnotes.xml"] = lambda xml: xml.replace(
            '<w:footnote w:id="1"><w:p>',
            '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">* </w:t></w:r>',
        )
    edit_zip_parts(path, edits)
    assert load_document(path).text == (
        "The witness spoke.*\n\nThen she left.\n\nNotes\n\n* Translated from Tzotzil."
    )


def test_a_word_note_opens_one_space_after_its_number(tmp_path: Path) -> None:
    # Word writes a footnote or an endnote as its own number (a run of its own) then " About
    # 15 € an hour.", the space its user sees after the number: the note read
    # "[1]  About 15 € an hour.", two spaces after its number.
    path = make_docx(
        tmp_path / "n.docx",
        [("para", "Mostly nights."), ("para", "It is quieter.")],
        footnotes=[" About 15 € an hour."],
    )
    edit_zip_parts(
        path,
        {
            "word/footnotes.xml": lambda xml: xml.replace(
                '<w:footnote w:id="1"><w:p>',
                '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                "</w:rPr><w:footnoteRef/></w:r>",
            )
        },
    )
    assert load_document(path).text == (
        "Mostly nights.[1]\n\nIt is quieter.\n\nNotes\n\n[1] About 15 € an hour."
    )


def test_a_word_field_nested_in_another_s_code_shows_only_the_outer_result(
    tmp_path: Path,
) -> None:
    # A field inside another field's code ("IF { PAGE } = 1 ...", a mail merge's "IF {
    # MERGEFIELD }") had its own result read into the text: "Dear 1Madam" for "Dear Madam".
    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    def mark(kind: str) -> str:
        return run(f'<w:fldChar w:fldCharType="{kind}"/>')

    body = (
        "<w:p>"
        + run('<w:t xml:space="preserve">Dear </w:t>')
        + mark("begin")
        + run("<w:instrText>IF </w:instrText>")
        + mark("begin")
        + run("<w:instrText>MERGEFIELD Sex</w:instrText>")
        + mark("separate")
        + run("<w:t>F</w:t>")
        + mark("end")
        + run('<w:instrText> = "F" "Madam" "Sir"</w:instrText>')
        + mark("separate")
        + run("<w:t>Madam</w:t>")
        + mark("end")
        + run("<w:t>,</w:t>")
        + "</w:p><w:p>"
        + run("<w:t>Unended </w:t>")
        + mark("begin")
        + run("<w:instrText>PAGE</w:instrText>")
        + "</w:p><w:p>"
        + run("<w:t>Still read.</w:t>")
        + "</w:p>"
    )
    doc = load_document(make_docx_with_numbering(tmp_path / "merge.docx", body, ""))
    assert doc.text == "Dear Madam,\n\nUnended\n\nStill read."


@pytest.mark.parametrize("given", ["Document1", "Microsoft Word - interview_bo.docx", "Untitled"])
def test_a_word_file_s_title_word_made_up_is_no_title(tmp_path: Path, given: str) -> None:
    # Word writes its own name for a file into its properties ("Document1"): the interview
    # was titled so, not by its heading.
    path = make_docx(
        tmp_path / "bo.docx",
        [("heading1", "Interview with Bo"), ("para", "We spoke.")],
        title=given,
    )
    doc = load_document(path)
    assert doc.title == "Interview with Bo"
    assert "title" not in doc.metadata


def test_a_heading_with_a_note_titles_the_document_without_the_note_s_number(
    tmp_path: Path,
) -> None:
    # A title with a footnote (an article's thanks, a transcript's source) was titled with
    # the note's number run into it: "Visit to the market[1]".
    word = make_docx(
        tmp_path / "visit.docx",
        [("heading1", "Visit to the market"), ("para", "Words of the visit.")],
        footnotes=["Thanks to the traders."],
    )
    document = load_document(word)
    assert document.title == "Visit to the market"
    assert document.text.startswith("Visit to the market[1]\n")
    note = (
        '<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1'
        "</text:note-citation><text:note-body><text:p>Thanks.</text:p></text:note-body>"
        "</text:note>"
    )
    body = (
        f'<text:h text:outline-level="1">Visit to the market{note} [2]</text:h>'
        "<text:p>Words of the visit.</text:p>"
    )
    odt = load_document(make_odt(tmp_path / "visit.odt", body))
    assert odt.title == "Visit to the market [2]"  # the heading's own words kept
    assert odt.text.startswith("Visit to the market[1] [2]\n")


@pytest.mark.parametrize(
    "reference",
    [
        '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>',
        '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>\u2020</w:t></w:r>',
    ],
)
def test_a_heading_with_a_note_marked_by_its_author_titles_the_document_without_the_mark(
    tmp_path: Path, reference: str
) -> None:
    # A numbered note's number was left out of the title, the author's own mark ("*", "†",
    # Word's custom mark) was not: "Visit to the market*".
    path = make_docx(
        tmp_path / "visit.docx",
        [("heading1", "Visit to the market"), ("para", "Words of the visit.")],
        footnotes=["Thanks to the traders."],  # referred to at the heading's end
    )
    with zipfile.ZipFile(path) as box:
        parts = {name: box.read(name) for name in box.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    numbered = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    assert numbered in body
    parts["word/document.xml"] = body.replace(numbered, reference).encode()
    mark = "*" if "<w:t>*" in reference else "\u2020"
    with zipfile.ZipFile(path, "w") as box:
        for name, data in parts.items():
            box.writestr(name, data)
    document = load_document(path)
    assert document.title == "Visit to the market"
    assert document.text.startswith(f"Visit to the market{mark}\n")  # shown where it is
    assert document.text.endswith(f"Notes\n\n{mark} Thanks to the traders.")


def test_a_word_table_s_row_or_cell_deleted_with_changes_tracked_is_not_read(
    tmp_path: Path,
) -> None:
    # A row deleted with changes tracked (its words deleted too) was read as a row of empty
    # cells, " │", between the table's rows; Word shows it gone, and a deleted cell too.
    change = 'w:author="Ana" w:date="2024-05-06T10:00:00Z"'

    def cell(text: str, deleted: bool = False) -> str:
        props = f'<w:tcPr><w:cellDel w:id="9" {change}/></w:tcPr>' if deleted else ""
        if deleted or text == "Gone":
            run = f'<w:del w:id="8" {change}><w:r><w:delText>{text}</w:delText></w:r></w:del>'
        else:
            run = f"<w:r><w:t>{text}</w:t></w:r>"
        return f"<w:tc>{props}<w:p>{run}</w:p></w:tc>"

    body = (
        "<w:tbl>"
        f"<w:tr>{cell('Name')}{cell('Age')}</w:tr>"
        f'<w:tr><w:trPr><w:del w:id="7" {change}/></w:trPr>{cell("Gone")}{cell("Gone")}</w:tr>'
        f"<w:tr>{cell('Ana')}{cell('Old', deleted=True)}{cell('30')}</w:tr>"
        "</w:tbl><w:p><w:r><w:t>After the table.</w:t></w:r></w:p>"
    )
    document = load_document(make_docx_with_numbering(tmp_path / "table.docx", body, ""))
    assert document.text == "Name │ Age\nAna │ 30\n\nAfter the table."


def test_a_text_box_anchored_in_a_word_heading_is_no_part_of_its_title(tmp_path: Path) -> None:
    # A sidebar's text box anchored in the title heading titled the document with the
    # box's words first: "Sidebar: prices rose Visit to the market".  Its words stay read,
    # once (the box's fallback copy for older readers is not).
    namespaces = (
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    words = "<w:txbxContent><w:p><w:r><w:t>Sidebar: prices rose</w:t></w:r></w:p></w:txbxContent>"
    box = (
        f'<w:r><mc:AlternateContent {namespaces}><mc:Choice Requires="wps"><w:drawing>'
        f"<wps:txbx>{words}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
        f"<v:textbox>{words}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{box}'
        "<w:r><w:t>Visit to the market</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Words of the visit.</w:t></w:r></w:p>"
    )
    document = load_document(make_docx_with_numbering(tmp_path / "boxed.docx", body, ""))
    assert document.title == "Visit to the market"
    assert document.text == "Sidebar: prices rose\nVisit to the market\n\nWords of the visit."


def test_a_text_box_in_an_opendocument_heading_is_no_part_of_its_title(tmp_path: Path) -> None:
    # As in Word: a frame's text box in the title heading titled the document with its words.
    namespaces = (
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    )
    body = (
        f'<text:h text:outline-level="1"><draw:frame {namespaces} draw:name="F1" '
        'text:anchor-type="paragraph"><draw:text-box><text:p>Sidebar: prices rose</text:p>'
        "</draw:text-box></draw:frame>Visit to the market</text:h>"
        "<text:p>Words of the visit.</text:p>"
    )
    document = load_document(make_odt(tmp_path / "boxed.odt", body))
    assert document.title == "Visit to the market"
    assert document.text == "Sidebar: prices rose\nVisit to the market\n\nWords of the visit."


def _blocks(document: Document) -> list[tuple[str, str]]:
    """The headings and paragraphs of ``document``, each its kind's name and its text."""
    return [
        (span.kind.value, document.text[span.start : span.end])
        for span in sorted(document.spans, key=lambda span: span.start)
        if span.kind in (SpanKind.HEADING, SpanKind.PARAGRAPH)
    ]


def test_a_text_box_anchored_in_a_heading_is_body_text_not_the_heading(tmp_path: Path) -> None:
    # The box's lines had the heading's style over them: the sidebar read as the heading.
    namespaces = (
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    words = (
        "<w:txbxContent><w:p><w:r><w:t>Sidebar: prices rose</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Rice most of all</w:t></w:r></w:p></w:txbxContent>"
    )
    box = (
        f'<w:r><mc:AlternateContent {namespaces}><mc:Choice Requires="wps"><w:drawing>'
        f"<wps:txbx>{words}</wps:txbx></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
    )
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{box}'
        "<w:r><w:t>Visit to the market</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Words of the visit.</w:t></w:r></w:p>"
    )
    word = load_document(make_docx_with_numbering(tmp_path / "boxed.docx", body, ""))
    expected = [
        ("paragraph", "Sidebar: prices rose"),
        ("paragraph", "Rice most of all"),
        ("heading", "Visit to the market"),
        ("paragraph", "Words of the visit."),
    ]
    assert _blocks(word) == expected
    assert [s.data for s in word.spans if s.kind is SpanKind.HEADING] == ["1"]
    frame = (
        '<draw:frame xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'draw:name="F1" text:anchor-type="paragraph"><draw:text-box>'
        "<text:p>Sidebar: prices rose</text:p><text:p>Rice most of all</text:p>"
        "</draw:text-box></draw:frame>"
    )
    body = (
        f'<text:h text:outline-level="1">{frame}Visit to the market</text:h>'
        "<text:p>Words of the visit.</text:p>"
    )
    odt = load_document(make_odt(tmp_path / "boxed.odt", body))
    assert _blocks(odt) == expected
    assert odt.title == word.title == "Visit to the market"


def test_an_opendocument_table_keeps_the_columns_under_a_cell_spanning_rows(
    tmp_path: Path,
) -> None:
    # The cell a cell spanning rows covers was left out: "Diaz │ 31" under "Ana │ Ruiz │
    # 30" read as if Diaz stood in Ana's column.  Laid out as a web page's table is.
    def cell(text: str, spans: str = "") -> str:
        return f"<table:table-cell{spans}><text:p>{text}</text:p></table:table-cell>"

    def row(*cells: str) -> str:
        return f"<table:table-row>{''.join(cells)}</table:table-row>"

    covered = "<table:covered-table-cell/>"
    body = (
        '<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        + row(cell("Name", ' table:number-columns-spanned="2"'), covered, cell("Age"))
        + row(cell("Ana", ' table:number-rows-spanned="2"'), cell("Ruiz"), cell("30"))
        + row(covered, cell("Diaz"), cell("31"))
        + row(cell("Bo"), cell("Lee"), cell("40", ' table:number-rows-spanned="2"'))
        + row(cell("Cy"), cell("Ng"), covered)
        + row(cell("Total", ' table:number-columns-spanned="99999999999"'), covered)
        + "</table:table><text:p>After the table.</text:p>"
    )
    document = load_document(make_odt(tmp_path / "table.odt", body))
    assert document.text == (
        "Name │ Age\nAna │ Ruiz │ 30\nAna │ Diaz │ 31\nBo │ Lee │ 40\nCy │ Ng │ 40\nTotal\n\n"
        "After the table."
    )


def test_a_table_s_empty_cells_ending_a_row_are_left_out(tmp_path: Path) -> None:
    # A row whose last cells are empty (a form's "Notes" column left blank) ended in a stray
    # " │" ("Ana │"), and a row of empty cells was a line of " │" alone: as on a web page,
    # a row's empty cells at its end are left out, and a row left with none; an empty cell
    # before a full one keeps the columns in their place.
    word = make_docx(
        tmp_path / "form.docx",
        [
            ("para", "Above."),
            ("table", "Name|Notes|Age/Ana||/|Bo|40/||/Cy|Ng|"),
            ("para", "Below."),
        ],
    )
    expected = "Above.\n\nName │ Notes │ Age\nAna\n │ Bo │ 40\nCy │ Ng\n\nBelow."
    assert load_document(word).text == expected

    def row(*cells: str) -> str:
        return (
            "<table:table-row>"
            + "".join(
                f"<table:table-cell><text:p>{text}</text:p></table:table-cell>"
                if text
                else "<table:table-cell/>"
                for text in cells
            )
            + "</table:table-row>"
        )

    body = (
        "<text:p>Above.</text:p><table:table>"
        + row("Name", "Notes", "Age")
        + row("Ana", "", "")
        + row("", "Bo", "40")
        + row("", "", "")
        + row("Cy", "Ng", "")
        + "</table:table><text:p>Below.</text:p>"
    )
    assert load_document(make_odt(tmp_path / "form.odt", body)).text == expected


def test_a_cell_s_empty_paragraphs_part_its_words_by_one_space(tmp_path: Path) -> None:
    # A cell's empty paragraph (a blank line between two, the one Word writes below a table
    # in a cell) was one more space: "Fled  in 2019" and "in1 in2  │ B1".
    inner = f"<w:tbl><w:tr><w:tc><w:p>{_run('in1')}</w:p></w:tc><w:tc><w:p>{_run('in2')}</w:p></w:tc></w:tr></w:tbl>"
    body = (
        f"<w:tbl><w:tr><w:tc><w:p>{_run('Fled')}</w:p><w:p/><w:p>{_run('in 2019')}</w:p></w:tc>"
        f"<w:tc>{inner}<w:p/></w:tc><w:tc><w:p>{_run('B1')}</w:p><w:p/></w:tc></w:tr>"
        f"<w:tr><w:tc><w:p>{_run('A2')}</w:p></w:tc><w:tc><w:p>{_run('B2')}</w:p></w:tc>"
        f"<w:tc><w:p>{_run('C2')}</w:p></w:tc></w:tr></w:tbl>"
    )
    assert _docx_text(tmp_path, body) == "Fled in 2019 │ in1 in2 │ B1\nA2 │ B2 │ C2"


def test_a_word_file_a_script_made_is_not_dated_or_signed_by_its_template() -> None:
    # A Word file a program wrote with python-docx (a transcription tool's export) keeps
    # that library's template's properties unless the program set them: every such file
    # was by "python-docx", dated 2013-12-23.  Those are no author's or date; what the
    # program set is kept.
    import datetime
    import io

    import docx

    from tui_reader.core.documents.formats.docx import convert_docx

    def made(author: str = "", created: datetime.datetime | None = None) -> bytes:
        document = docx.Document()
        document.add_paragraph("We talked for an hour.")
        if author:
            document.core_properties.author = author
        if created is not None:
            document.core_properties.created = created
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    path = Path("interview.docx")
    assert convert_docx(made(), path).metadata == {}
    when = datetime.datetime(2024, 5, 6, 10, 0, tzinfo=datetime.UTC)
    assert convert_docx(made("Ana Ruiz", when), path).metadata == {
        "author": "Ana Ruiz",
        "date": "2024-05-06",
    }


def test_a_word_file_s_header_and_footer_are_read_once_above_its_text(tmp_path: Path) -> None:
    # A Word file's header and footer were never read: its case number, "CONFIDENTIAL -
    # Interview 12", was lost without a word.  The first page's are read once above the
    # body (its own first page's header when it has one), not their page numbers, and
    # the header titles nothing.
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "CONFIDENTIAL - Interview 12"
    section.header.paragraphs[0].text = "Interview 12 (continued)"
    section.first_page_footer.paragraphs[0].text = "Page 1 of 3"
    section.first_page_footer.add_paragraph("Case 2023-0417, Tapachula field office")
    document.add_paragraph("We spoke at the shelter on Monday, after the crossing.")
    document.add_paragraph("She slept under the bridge, near the market.")
    path = tmp_path / "interview.docx"
    document.save(str(path))
    _assert_headed_interview(path)


def test_a_later_word_section_s_own_header_is_read_where_the_section_begins(
    tmp_path: Path,
) -> None:
    # Only the first page's header was read: a later section's own header, "Appendix B -
    # Interview transcripts", was lost.  It is read where its section begins; a section
    # with no header of its own, or one saying again what was said, writes nothing.
    import docx
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Field report 2023"
    document.add_paragraph("We spoke at the shelter on Monday.")
    document.add_section(WD_SECTION.NEW_PAGE)  # the same header as the first
    document.add_paragraph("The crossing took two nights.")
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    appendix.header.is_linked_to_previous = False
    appendix.header.paragraphs[0].text = "Appendix B - Interview transcripts"
    document.add_paragraph("Where did you sleep?")
    again = document.add_section(WD_SECTION.NEW_PAGE)
    again.header.is_linked_to_previous = False
    again.header.paragraphs[0].text = "Appendix  B - Interview transcripts"
    document.add_paragraph("Under the bridge.")
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.text == (
        "Field report 2023\n\nWe spoke at the shelter on Monday.\n\n"
        "The crossing took two nights.\n\nAppendix B - Interview transcripts\n\n"
        "Where did you sleep?\n\nUnder the bridge."
    )
    assert doc.title == "report"


def _assert_headed_interview(path: Path) -> None:
    """That the interview at ``path`` reads as its first page's header and its footer
    once, then its two paragraphs, titled by its file's name."""
    doc = load_document(path)
    assert doc.text == (
        "CONFIDENTIAL - Interview 12\n\nCase 2023-0417, Tapachula field office\n\n"
        "We spoke at the shelter on Monday, after the crossing.\n\n"
        "She slept under the bridge, near the market."
    )
    assert doc.title == "interview"


def test_an_opendocument_file_s_header_and_footer_are_read_once_above_its_text(
    tmp_path: Path,
) -> None:
    # The same in OpenDocument: its master page's header and footer (its first page's own,
    # when it has them) were never read.
    path = make_odt(
        tmp_path / "interview.odt",
        "<text:p>We spoke at the shelter on Monday, after the crossing.</text:p>"
        "<text:p>She slept under the bridge, near the market.</text:p>",
        master_styles='<style:master-page style:name="Standard">'
        "<style:header><text:p>Interview 12 (continued)</text:p></style:header>"
        "<style:header-first><text:p>CONFIDENTIAL - Interview 12</text:p></style:header-first>"
        "<style:footer><text:p>Page <text:page-number>1</text:page-number> of "
        "<text:page-count>3</text:page-count></text:p>"
        "<text:p>Case 2023-0417, Tapachula field office</text:p></style:footer>"
        "</style:master-page>",
    )
    _assert_headed_interview(path)


def test_a_later_opendocument_page_style_s_own_header_is_read_where_it_begins(
    tmp_path: Path,
) -> None:
    # A paragraph starting a page of another page style (an appendix's, its header
    # "Appendix B - Interview transcripts") lost that header: only the first page's was
    # read.  It is read where the page style begins; the same words again are not.
    path = make_odt(
        tmp_path / "report.odt",
        "<text:p>We spoke at the shelter on Monday.</text:p>"
        '<text:p text:style-name="P1">Where did you sleep?</text:p>'
        "<text:p>Under the bridge.</text:p>"
        '<text:p text:style-name="P2">The crossing took two nights.</text:p>',
        automatic_styles='<style:style style:name="P1" style:family="paragraph" '
        'style:master-page-name="Appendix"/>'
        '<style:style style:name="P2" style:family="paragraph" '
        'style:master-page-name="Standard"/>',
        master_styles='<style:master-page style:name="Standard">'
        "<style:header><text:p>Field report 2023</text:p></style:header></style:master-page>"
        '<style:master-page style:name="Appendix">'
        "<style:header><text:p>Appendix B - Interview transcripts</text:p></style:header>"
        "<style:footer><text:p>Page <text:page-number>4</text:page-number></text:p>"
        "</style:footer></style:master-page>",
    )
    doc = load_document(path)
    assert doc.text == (
        "Field report 2023\n\nWe spoke at the shelter on Monday.\n\n"
        "Appendix B - Interview transcripts\n\nWhere did you sleep?\n\nUnder the bridge.\n\n"
        "The crossing took two nights."
    )
    assert doc.title == "report"


def test_a_later_opendocument_page_style_set_on_a_list_s_first_item_is_read(
    tmp_path: Path,
) -> None:
    # An appendix opening with a numbered list: LibreOffice sets its page style on the
    # list's first paragraph, and the appendix's header was lost.
    path = make_odt(
        tmp_path / "report.odt",
        "<text:p>We spoke at the shelter on Monday.</text:p>"
        '<text:list><text:list-item><text:p text:style-name="P1">Where did you sleep?</text:p>'
        "</text:list-item><text:list-item><text:p>Under the bridge.</text:p></text:list-item>"
        "</text:list>",
        automatic_styles='<style:style style:name="P1" style:family="paragraph" '
        'style:master-page-name="Appendix"/>',
        master_styles='<style:master-page style:name="Standard">'
        "<style:header><text:p>Field report 2023</text:p></style:header></style:master-page>"
        '<style:master-page style:name="Appendix">'
        "<style:header><text:p>Appendix B - Interview transcripts</text:p></style:header>"
        "</style:master-page>",
    )
    text = load_document(path).text
    assert text.startswith("Field report 2023\n\nWe spoke at the shelter on Monday.\n\n")
    assert text.index("Appendix B - Interview transcripts") < text.index("Where did you sleep?")


ROWS_SPANNED = (
    "Region │ Shelter │ Beds\nNorth │ Casa Ana │ 40\nNorth │ La 72 │ 325\nSouth │ Belén │ 120"
)


def test_a_cell_spanning_rows_is_read_in_each_row_it_spans(tmp_path: Path) -> None:
    # A cell merged down over two rows (a web page's rowspan, Word's vertical merge,
    # OpenDocument's rows spanned) left the rows below it starting with an empty cell,
    # " │ La 72 │ 325", the region they are under nowhere on their line.
    import docx

    rows = [("Region", "Shelter", "Beds"), ("North", "Casa Ana", "40"), ("", "La 72", "325")]
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate([*rows, ("South", "Belén", "120")]):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    document.save(str(tmp_path / "shelters.docx"))
    (tmp_path / "shelters.html").write_text(
        "<html><body><article><h1>Shelter capacity</h1><p>The shelters we visited during the"
        " field work in the northern region, with their beds in the month of May.</p><table>"
        "<tr><th>Region</th><th>Shelter</th><th>Beds</th></tr>"
        '<tr><td rowspan="2">North</td><td>Casa Ana</td><td>40</td></tr>'
        "<tr><td>La 72</td><td>325</td></tr><tr><td>South</td><td>Belén</td><td>120</td></tr>"
        "</table><p>Most of the people we met had slept in two of these shelters before the"
        " border city.</p></article></body></html>",
        "utf-8",
    )
    long = "The northern region, where the shelters are run by the church and the state."
    make_odt(
        tmp_path / "shelters.odt",
        "<table:table><table:table-column table:number-columns-repeated='3'/>"
        "<table:table-row><table:table-cell><text:p>Region</text:p></table:table-cell>"
        "<table:table-cell><text:p>Shelter</text:p></table:table-cell>"
        "<table:table-cell><text:p>Beds</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell table:number-rows-spanned='2'>"
        f"<text:p>{long}</text:p></table:table-cell>"
        "<table:table-cell><text:p>Casa Ana</text:p></table:table-cell>"
        "<table:table-cell><text:p>40</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:covered-table-cell/>"
        "<table:table-cell><text:p>La 72</text:p></table:table-cell>"
        "<table:table-cell><text:p>325</text:p></table:table-cell></table:table-row>"
        "</table:table>",
    )
    assert load_document(tmp_path / "shelters.docx").text == ROWS_SPANNED
    assert ROWS_SPANNED in load_document(tmp_path / "shelters.html").text
    # a text longer than a label, said once, is a ditto mark in the rows below
    assert load_document(tmp_path / "shelters.odt").text == (
        f"Region │ Shelter │ Beds\n{long} │ Casa Ana │ 40\n〃 │ La 72 │ 325"
    )


_SAID = [
    ("Interviewer", "Where did you sleep?"),
    ("María", "Under the bridge."),
    ("Interviewer", "And then?"),
    ("María", "We walked for days."),
]
_PARTICIPANTS = "Name|Age/María|34"


def _turns_said(document: Document) -> list[tuple[str, str]]:
    return [(t.speaker, document.text[t.body : t.end]) for t in document.turns]


@pytest.mark.parametrize("fmt", ["docx", "odt", "rtf"])
def test_a_transcript_s_last_turn_ends_before_a_table_below_it(tmp_path: Path, fmt: str) -> None:
    # A Word, OpenDocument or RTF transcript with a table of its participants below the
    # last turn: the table's rows were the last speaker's words, coded and cited as hers.
    if fmt == "docx":
        blocks = [("para", f"{who}: {words}") for who, words in _SAID]
        path = make_docx(tmp_path / "t.docx", [*blocks, ("table", _PARTICIPANTS)])
    elif fmt == "odt":
        paragraphs = "".join(f"<text:p>{who}: {words}</text:p>" for who, words in _SAID)
        rows = "".join(
            "<table:table-row>"
            + "".join(
                f"<table:table-cell><text:p>{cell}</text:p></table:table-cell>"
                for cell in row.split("|")
            )
            + "</table:table-row>"
            for row in _PARTICIPANTS.split("/")
        )
        table = f"<table:table><table:table-column table:number-columns-repeated='2'/>{rows}"
        path = make_odt(tmp_path / "t.odt", f"{paragraphs}{table}</table:table>")
    else:
        paragraphs = "".join(
            f"\\pard {who}: {words}\\par\n".replace("í", "\\'ed") for who, words in _SAID
        )
        rows = "".join(
            "\\trowd\\cellx2000\\cellx4000 "
            + "".join(f"{cell}\\cell " for cell in row.replace("í", "\\'ed").split("|"))
            + "\\row\n"
            for row in _PARTICIPANTS.split("/")
        )
        path = tmp_path / "t.rtf"
        path.write_text(f"{{\\rtf1\\ansi\n{paragraphs}{rows}\\pard After the table.\\par\n}}")
    document = load_document(path)
    assert "María │ 34" in document.text
    assert _turns_said(document) == _SAID


@pytest.mark.parametrize(
    ("member_mb", "said"),
    [
        (1.5, "refused: Excel part xl/worksheets/sheet1.xml inflates to 2 MB, more than the 1 MB "
         "tui-reader reads of one part"),
        (0.9, "refused: Excel file inflates to 2 MB or more, more than the 1 MB tui-reader reads "
         "of one file"),
    ],
)  # fmt: skip
def test_a_workbook_too_big_to_read_compressed_as_text_is_not_called_a_zip_bomb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, member_mb: float, said: str
) -> None:
    # A workbook of a million rows (12 MB, its sheet 132 MB of XML: 11 to 1, as text
    # compresses) was refused as 'Excel file inflates to 132 MB (a zip bomb?)', a real
    # file called an attack; its size is said, and the limit it passes.  The limits made
    # small here, as the part's words are.
    import random

    from tui_reader.core.documents.formats import archive
    from tui_reader.core.documents.formats.xlsx import convert_xlsx

    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1024 * 1024)
    monkeypatch.setattr(archive, "MAX_STREAMED_BYTES", 1024 * 1024)  # a sheet's
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1024 * 1024)
    words = random.Random(1).choices(["answer", "yes", "no", "maybe", "river", "road"], k=400_000)
    sheet = " ".join(words)[: int(member_mb * 1024 * 1024)]
    path = tmp_path / "survey.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as box:
        box.writestr("xl/workbook.xml", "<workbook/>")
        box.writestr("xl/worksheets/sheet1.xml", sheet)
        if member_mb < 1:  # parts read whole (a sheet is read a row at a time, apart)
            box.writestr("xl/sharedStrings.xml", sheet)
            box.writestr("xl/styles.xml", sheet)
    with zipfile.ZipFile(path) as box:
        part = box.getinfo("xl/worksheets/sheet1.xml")
    assert part.file_size < 200 * part.compress_size  # no bomb's ratio
    with pytest.raises(DocumentError) as raised:
        convert_xlsx(path.read_bytes(), path)
    assert raised.value.reason == said
