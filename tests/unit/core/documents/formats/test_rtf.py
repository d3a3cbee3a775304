"""RTF: headings, emphasis, lists, tables, links and footnotes as Word and LibreOffice write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats.rtf import convert_rtf
from tui_reader.core.documents.sanitize import sanitize
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

# The shape of what Word writes (font, colour and style tables, info, list text, a table,
# a field, a footnote), cut down to what matters.
WORD_RTF = (
    r"{\rtf1\ansi\ansicpg1252\uc1\deff0"
    r"{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss\fcharset204 Arial Cyr;}"
    r"{\f3\froman\fcharset2 Symbol;}}"
    r"{\colortbl;\red0\green0\blue0;}"
    r"{\stylesheet{\ql \f0 Normal;}{\s1\ql\outlinelevel0 \b\fs32 heading 1;}"
    r"{\s2\ql \b\fs28 heading 2;}{\*\cs10 \additive Default Paragraph Font;}}"
    r"{\info{\title Field report}{\author Ana Researcher}{\creatim\yr2024\mo5\dy6\hr10}}"
    r"{\header \pard\plain Running header\par}{\footer \pard\plain Page 1\par}"
    "\n"
    r"\pard\plain \s1\outlinelevel0 \b Interview with P03\par"
    r"\pard\plain Plain, {\b bold}, {\i italic} and \strike struck\strike0  words.{\v hidden}\par"
    r"\pard\plain\s2 Second part\par"
    r"\pard\plain \ls1\ilvl0 {\listtext\pard\plain \f3 \'b7\tab}apple\par"
    r"\pard\plain \ls1\ilvl1 {\listtext\pard\plain \f3 o\tab}green apple\par"
    r"\pard\plain \ls2\ilvl0 {\listtext\pard\plain 1.\tab}first\par"
    r"\pard\plain \ls2\ilvl0 {\listtext\pard\plain 2.\tab}second\par"
    r"\trowd\cellx1000\cellx2000"
    r"\pard\plain\intbl Name\cell Place\cell\row"
    r"\trowd\cellx1000\cellx2000"
    r"\pard\plain\intbl Ana\cell Tapachula\cell\row"
    r"\pard\plain See {\field{\*\fldinst HYPERLINK "
    '"https://example.org/report"'
    r"}"
    r"{\fldrslt the report}} here.{\super\chftn}{\footnote\pard\plain {\super\chftn} The note"
    r" \par text.}\par"
    r"\pard\plain caf\'e9 \u8217\'92s {\f1 \'c0\'c1} \uc0\u-10179\u-8704  end\par"
    "}"
)


def test_a_word_rtf_s_headers_are_read_once_where_their_sections_begin(tmp_path: Path) -> None:
    # Word's RTF left its header out, "CONFIDENTIAL - Case 17", where its .docx reads it: the
    # first page's header (its own, with \titlepg) above the text, not its page number, no
    # title; a later section's own header where it begins, the same words not twice.
    path = tmp_path / "case.rtf"
    path.write_text(
        r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times;}}"
        r"\sectd\titlepg{\header \pard\plain Case 17 (continued)\par}"
        r"{\headerf \pard\plain CONFIDENTIAL \endash  Case 17\par}"
        r"{\footerf \pard\plain Page {\field{\*\fldinst  PAGE }{\fldrslt 1}}\par}"
        "\n"
        r"\pard\plain We spoke at the shelter on Monday.\par"
        r"\sect\sectd{\header \pard\plain Case 17 (continued)\par}"
        r"\pard\plain The crossing took two nights.\par"
        r"\sect\sectd{\header \pard\plain Appendix B \endash  Transcripts\par}"
        r"\pard\plain Where did you sleep?\par}",
        "ascii",
    )
    doc = load_document(path)
    assert doc.text == (
        "CONFIDENTIAL – Case 17\n\nWe spoke at the shelter on Monday.\n\n"
        "Case 17 (continued)\n\nThe crossing took two nights.\n\n"
        "Appendix B – Transcripts\n\nWhere did you sleep?"
    )
    assert doc.title == "case"


def _spans(text: str, spans: list, kind: SpanKind) -> list[str]:  # type: ignore[type-arg]
    return [text[s.start : s.end] for s in spans if s.kind is kind]


def test_word_rtf_reads_as_its_markdown_twin_would(tmp_path: Path) -> None:
    path = tmp_path / "report.rtf"
    path.write_text(WORD_RTF, "ascii")
    doc = load_document(path)
    assert doc.text == (
        "Running header\n\n"  # the header, once; not the footer's page number
        "Interview with P03\n\n"
        "Plain, bold, italic and struck words.\n\n"
        "Second part\n\n"
        "• apple\n  ◦ green apple\n1. first\n2. second\n\n"
        "Name │ Place\nAna │ Tapachula\n\n"
        "See the report here.[1]\n\n"
        "café ’s АБ 😀 end\n\n"
        "Notes\n\n[1] The note text."
    )
    assert _spans(doc.text, doc.spans, SpanKind.HEADING) == [
        "Interview with P03", "Second part", "Notes"
    ]  # fmt: skip
    assert [s.data for s in doc.spans if s.kind is SpanKind.HEADING] == ["1", "2", "2"]
    assert _spans(doc.text, doc.spans, SpanKind.STRONG) == ["Interview with P03", "bold"]
    assert _spans(doc.text, doc.spans, SpanKind.EMPHASIS) == ["italic"]
    assert _spans(doc.text, doc.spans, SpanKind.STRIKETHROUGH) == ["struck"]
    assert _spans(doc.text, doc.spans, SpanKind.BULLET) == ["•", "◦", "1.", "2."]
    assert _spans(doc.text, doc.spans, SpanKind.LINK) == ["the report"]
    assert [s.data for s in doc.spans if s.kind is SpanKind.LINK] == ["https://example.org/report"]
    assert doc.title == "Field report"
    assert doc.metadata["author"] == "Ana Researcher"
    assert doc.metadata["date"] == "2024-05-06"
    assert doc.format == "rtf"


def test_a_heading_style_without_an_outline_level_and_a_title_from_the_first_heading() -> None:
    rtf = (
        r"{\rtf1\ansi{\stylesheet{\s0 Normal;}{\s3 Heading 1;}}"
        r"\pard\s3 Notes from the field\par\pard Body.\par}"
    )
    parsed = convert_rtf(rtf, Path("x.rtf"))
    assert parsed.text == "Notes from the field\n\nBody."
    assert parsed.title == "Notes from the field"
    assert _spans(parsed.text, parsed.spans, SpanKind.HEADING) == ["Notes from the field"]


def test_what_is_not_text_is_left_out() -> None:
    rtf = (
        r"{\rtf1\ansi{\*\generator Writer;}{\pict\pngblip 89504e47}"
        r"{\*\unknowndestination secret}Visible \bin5 {}\\xtext.\par}"
        " trailing garbage after the document"
    )
    assert convert_rtf(rtf, Path("x.rtf")).text == "Visible text."


def test_text_written_before_intbl_opens_the_table() -> None:
    rtf = r"{\rtf1\ansi\trowd\cellx1000\cellx2000 cell 1\intbl\cell cell 2\intbl\cell\row}"
    assert convert_rtf(rtf, Path("x.rtf")).text == "cell 1 │ cell 2"


@pytest.mark.parametrize("pard", ["\\pard ", ""])
def test_a_table_whose_cells_lack_intbl_is_read_as_a_table(pard: str) -> None:
    # Some writers define each row (\trowd ... \cellx) and end its cells (\cell) and the
    # row (\row) without \intbl: the rows ran into one line ("Name Place Ana Tapachula").
    rows = "".join(
        rf"\trowd\cellx1000\cellx2000{pard}{a}\cell {b}\cell\row "
        for a, b in (("Name", "Place"), ("Ana", "Tapachula"))
    )
    rtf = r"{\rtf1\ansi Before.\par " + rows + pard + r"After.\par}"
    assert convert_rtf(rtf, Path("x.rtf")).text == (
        "Before.\n\nName │ Place\nAna │ Tapachula\n\nAfter."
    )


def test_not_rtf_is_refused() -> None:
    with pytest.raises(DocumentError, match="not an RTF document"):
        convert_rtf("plain words", Path("x.rtf"))


@pytest.mark.parametrize(
    "rtf",
    [
        "{\\rtf1 " + "{" * 20_000 + "deep" + "}" * 20_000 + "}",
        "{\\rtf1 unbalanced}}}}} {{{ text",
        "{\\rtf1 truncated \\b bold \\u",
        "{\\rtf1 \\'zz \\u99999999999 \\uc99 \\ansicpg99999 \\bin-5 x}",
    ],
)
def test_broken_rtf_converts_without_crashing(rtf: str) -> None:
    parsed = convert_rtf(rtf, Path("x.rtf"))
    assert sanitize(parsed.text) == parsed.text


_PIECES = st.sampled_from(
    ["{", "}", "\\b ", "\\b0 ", "\\i ", "\\par ", "\\pard ", "\\intbl ", "\\cell ", "\\row ",
     "\\'e9", "\\u233?", "\\*", "\\fonttbl ", "{\\listtext 1.\\tab}", "\\s1 ", "\\outlinelevel0 ",
     "\\ls1 ", "{\\footnote ", "{\\field{\\*\\fldinst HYPERLINK \"u\"}{\\fldrslt ", "word ",
     "\\~", "\\\\", "\\{", " ", "\n"]
)  # fmt: skip


@settings(max_examples=examples(80), deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_any_sequence_of_rtf_tokens_gives_safe_text_and_spans_inside_it(
    pieces: list[str],
) -> None:
    parsed = convert_rtf("{\\rtf1 " + "".join(pieces) + "}", Path("x.rtf"))
    assert sanitize(parsed.text) == parsed.text
    for span in parsed.spans:
        assert 0 <= span.start < span.end <= len(parsed.text)
    words = "".join(pieces).count("word ")
    assert parsed.text.count("word") <= words


def test_a_bookmark_in_a_footnote_is_not_its_text() -> None:
    # A skipped destination inside a captured one (a footnote, a field) wrote its words.
    rtf = r"{\rtf1\ansi A{\footnote\pard x{\*\bkmkstart _Ref123}y}B\par}"
    assert convert_rtf(rtf, Path("a.rtf")).text == "A[1]B\n\nNotes\n\n[1] xy"


def test_a_footnote_marked_with_the_author_s_own_mark_is_referred_to_by_it() -> None:
    # Word writes a footnote marked "*" or "†" (not numbered) as the mark raised before
    # the note, and again where the note opens: read "market*[1]" and "[1] * Funded by
    # X.", and the heading holding it titled the file "Visit to the market*".
    rtf = (
        r"{\rtf1\ansi{\stylesheet{\s1 heading 1;}}\pard\s1 Visit to the market"
        r"{\super *}{\footnote\pard\plain {\super *} Funded by X.}\par"
        r"\pard We went{\super \'86}{\footnote\pard {\super \'86} On Monday.} there.\par}"
    )
    parsed = convert_rtf(rtf, Path("a.rtf"))
    assert parsed.text == (
        "Visit to the market*\n\nWe went† there.\n\nNotes\n\n* Funded by X.\n\n† On Monday."
    )
    assert parsed.title == "Visit to the market"


def test_comments_are_notes() -> None:
    rtf = (
        r"{\rtf1\ansi\pard Commented words{\*\atnid AN}{\*\atnauthor Ana}\chatn"
        r"{\*\annotation{\*\atndate 123}\pard\plain {\field{\fldinst {\chatn }}}Check this.}"
        r" here.\par}"
    )
    assert convert_rtf(rtf, Path("a.rtf")).text == (
        "Commented words[1] here.\n\nNotes\n\n[1] Comment (Ana): Check this."
    )


def test_a_text_boxs_text_and_an_objects_result_are_read_once() -> None:
    # Word writes a text box as a shape (its text in shptxt, in shpinst) and again as an
    # old drawing (shprslt); an embedded object's result is the text it shows. Both were
    # left out whole with the shape's properties and the object's data.
    rtf = (
        r"{\rtf1\ansi Before.\par{\shp{\*\shpinst\shpleft0{\sp{\sn shapeType}{\sv 202}}"
        r"{\sp{\sn pib}{\sv {\pict\pngblip 0011}}}{\shptxt \pard\plain Box text\par}}"
        r"{\shprslt{\*\do\dobxcolumn{\dptxbx{\dptxbxtext \pard Box text\par}}}}}"
        r"Object: {\object\objemb{\*\objclass Word.Document.8}{\*\objdata 0105000002}"
        r"{\result{\pict\wmetafile8 0011}{Its result}}} end.\par}"
    )
    assert convert_rtf(rtf, Path("a.rtf")).text == "Before.\n\nBox text\n\nObject: Its result end."


def test_characters_of_a_symbol_font_are_read_as_unicode(tmp_path: Path) -> None:
    # Text set in the Symbol or Wingdings font was read as Windows-1252: "Speed a is ³ 2 ü"
    # for "Speed α is ≥ 2 ✓".
    path = tmp_path / "symbols.rtf"
    path.write_text(
        r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\froman Times New Roman;}"
        r"{\f1\ftech\fcharset2 Symbol;}{\f2\fnil\fcharset2 Wingdings;}}"
        r"\f0 Speed {\f1 a} is {\f1 \'b3} 2 {\f2 \'fc} and {\f1\u-3998 ?}, {\f0 a} b.\par}",
        "utf-8",
    )
    assert load_document(path).text == "Speed α is ≥ 2 ✓ and β, a b."


def test_characters_of_wingdings_2_and_webdings_are_no_latin_letters(tmp_path: Path) -> None:
    # A form's check mark and cross set in Wingdings 2 (or Webdings) read as the Latin
    # letters of their bytes: "Consent P, recorded O"; they read as the marks now, and a
    # picture the fonts' tables do not name is the replacement character, not shown as a
    # letter nor left out (the reader saw a mark there).
    path = tmp_path / "form.rtf"
    path.write_text(
        r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\froman Times New Roman;}"
        r"{\f1\froman\fcharset2 Wingdings 2;}{\f2\fnil\fcharset2 Webdings;}}"
        r"\f0 Consent {\f1 P}, recorded {\f1 O}, box {\f1 \'a3}, web {\f2 a}{\f2 r},"
        r" {\f1 !}{\f2 !}end.\par}",
        "utf-8",
    )
    assert load_document(path).text == "Consent ✓, recorded ✗, box □, web ✔✗, \ufffd\ufffdend."


def test_characters_of_wingdings_3_marlett_and_zapf_dingbats_are_no_latin_letters(
    tmp_path: Path,
) -> None:
    # A triangle set in Wingdings 3, Marlett's check mark, Zapf Dingbats' check mark and
    # star, and a Wingdings picture its table does not name read as the Latin letters of
    # their bytes: "p Next, a done, 4 n, ' lit"; they read as the pictures now, and a picture
    # no table names is the replacement character.
    path = tmp_path / "slides.rtf"
    path.write_text(
        r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\froman Times New Roman;}"
        r"{\f1\froman\fcharset2 Wingdings 3;}{\f2\fnil\fcharset2 Marlett;}"
        r"{\f3\fnil\fcharset2 ZapfDingbats;}{\f4\fnil\fcharset2 Wingdings;}}"
        r"\f0 {\f1 p} Next, {\f2 a} done, {\f3 4 H}, {\f4 '}lit {\f1 \'e0}{\f2 W}{\f4 \'fc}.\par}",
        "utf-8",
    )
    assert load_document(path).text == "▲ Next, ✔ done, ✔ ★, \ufffdlit \ufffd\ufffd✓."


def test_superscript_digits_are_raised_not_run_into_the_word(tmp_path: Path) -> None:
    # A superscript was run into the word before it: "E=mc2", "the claim1 here".
    path = tmp_path / "raised.rtf"
    path.write_text(
        r"{\rtf1\ansi E=mc{\super 2}, the claim{\up6 1} here, H{\sub 2}O, 10\super -3\nosupersub "
        r" on the 4{\super th}, a note{\super\chftn}{\footnote\pard\plain {\super\chftn} Said.}"
        r" end.\par}",
        "utf-8",
    )
    text = load_document(path).text
    assert text.startswith("E=mc², the claim¹ here, H2O, 10⁻³ on the 4th, a note[1] end.")


def test_an_rtf_without_a_title_is_not_titled_by_its_first_paragraph(tmp_path: Path) -> None:
    # Without a title in its information, a heading or a line reading like a title, an
    # RTF letter was titled by its first paragraph, whole: it is its file's name.
    body = " ".join(["We met the shelter staff on Monday and talked about the crossing."] * 5)
    path = tmp_path / "letter-to-staff.rtf"
    path.write_text(r"{\rtf1\ansi " + body + r"\par " + body + r"\par}", "ascii")
    document = load_document(path)
    assert document.text.startswith("We met the shelter staff on Monday")
    assert document.title == "letter-to-staff"


def test_an_rtf_opening_with_a_table_is_not_titled_by_its_first_row(tmp_path: Path) -> None:
    # With no title in its information, a heading or a line reading like a title, an RTF
    # file opening with a table was titled by the table's first row ('Name │ Place │ Age').
    row = r"\trowd\cellx1000\cellx2000\cellx3000\pard\plain\intbl "
    path = tmp_path / "people.rtf"
    path.write_text(
        r"{\rtf1\ansi "
        + row
        + r"Name\cell Place\cell Age\cell\row "
        + row
        + r"Ana\cell Tapachula\cell 30\cell\row \pard\plain We talked.\par}",
        "ascii",
    )
    document = load_document(path)
    assert document.text.startswith("Name │ Place │ Age\nAna │ Tapachula │ 30")
    assert document.title == "people"
    # A line of its own reading as a title still titles it.
    path.write_text(
        r"{\rtf1\ansi Interview 3 - Tapachula\par " + row + r"A\cell B\cell\row}", "ascii"
    )
    assert load_document(path).title == "Interview 3 - Tapachula"
    # A table of one row is a line of its own, as a paragraph is: it titled the file.
    path.write_text(
        r"{\rtf1\ansi " + row + r"Name\cell Place\cell Date of the interview\cell\row "
        r"\pard\plain We talked.\par}",
        "ascii",
    )
    document = load_document(path)
    assert document.text.startswith("Name │ Place │ Date of the interview")
    assert document.title == "people"


def test_a_page_or_column_break_parts_the_words_around_it() -> None:
    # A page break typed in a paragraph (Word's ctrl+enter) ran the words on either side of
    # it together: "the last line.Chapter two" read "line.Chapter", a search for either lost.
    rtf = r"{\rtf1\ansi\pard the last line.\page Chapter two\column right side\par}"
    assert convert_rtf(rtf, Path("x.rtf")).text == "the last line.\nChapter two\nright side"
    # A page break opening a paragraph opens no blank line in it.
    rtf = r"{\rtf1\ansi\pard The end.\par\pard\page\par\pard\page Chapter two\par}"
    assert convert_rtf(rtf, Path("x.rtf")).text == "The end.\n\nChapter two"


def test_a_text_told_in_its_code_page_and_in_unicode_is_read_in_unicode() -> None:
    # Word writes a title or an author in other letters twice (\upr): in the document's
    # code page, where they are question marks, and in Unicode (\ud).  The first was read:
    # a Russian interview was titled 'Interview ????'.
    rtf = (
        r"{\rtf1\ansi\ansicpg1252{\info{\upr{\title Interview ????}{\*\ud{\title Interview "
        r"\u1048?\u1074?\u1072?\u1085?}}}{\author Ana}}\pard Body {\upr{Caf? au lait}"
        r"{\*\ud{Caf\u233? au lait}}} here.\par}"
    )
    parsed = convert_rtf(rtf, Path("x.rtf"))
    assert parsed.title == parsed.metadata["title"] == "Interview Иван"
    assert parsed.text == "Body Café au lait here."


def test_a_line_break_in_a_cell_does_not_cut_its_row() -> None:
    # A line break in a cell (\line) cut its row in two, the rest read as a row of its own.
    rtf = (
        r"{\rtf1\ansi\trowd\cellx1000\cellx2000\intbl Interviewer\cell Where did you sleep?"
        r"\line And eat?\cell\row\trowd\cellx1000\cellx2000\intbl Ana\cell Under it.\cell\row}"
    )
    assert convert_rtf(rtf, Path("x.rtf")).text == (
        "Interviewer │ Where did you sleep? And eat?\nAna │ Under it."
    )


def test_a_transcript_whose_bold_names_a_space_ends_has_turns(tmp_path: Path) -> None:
    # Each speaker's name set bold, then a space and what was said, no colon: no turns.
    said = [("INTERVIEWER", "How did you come here?"), ("MARIA", "By bus."),
            ("INTERVIEWER", "And then?"), ("MARIA", "We waited.")]  # fmt: skip
    body = "".join(rf"\pard{{\b {speaker}}} {words}\par " for speaker, words in said)
    path = tmp_path / "interview.rtf"
    path.write_text(r"{\rtf1\ansi " + body + "}", "ascii")
    loaded = load_document(path)
    assert [(t.speaker, loaded.text[t.body : t.end]) for t in loaded.turns] == said


def test_rtf_text_deleted_with_changes_tracked_is_left_out() -> None:
    # Word writes a deletion made with Track Changes on as text marked \deleted: it was
    # read beside the words typed in its place ("The oldnew text.").
    rtf = (
        r"{\rtf1\ansi The {\deleted\revauthdel1 old}{\revised\revauth1 new} text, "
        r"\deleted gone \deleted0 kept{\v\deleted x}.\par}"
    )
    assert convert_rtf(rtf, Path("tracked.rtf")).text == "The new text, kept."


def test_rtf_text_in_all_caps_is_read_in_capitals() -> None:
    # Text set in All Caps (\caps) is shown and printed in capitals; it was read in the
    # case it was typed in ("warning: do not enter").
    rtf = r"{\rtf1\ansi{\caps warning}: do not \caps enter\caps0  here, \caps x\plain  y.\par}"
    assert convert_rtf(rtf, Path("caps.rtf")).text == "WARNING: do not ENTER here, X y."


@pytest.mark.parametrize(
    "body",
    [
        r"The secret {\v hidden words} is here.",
        r"The secret \v hidden\v0  is here.",
        r"The secret {\deleted\revauthdel1 old words} is here.",
        r"The secret {\v hidden} {\v more} is here.",
    ],
)
def test_rtf_words_left_out_between_two_spaces_leave_one(body: str) -> None:
    # Hidden text (\v) or a tracked deletion between two spaces left both: "The secret  is
    # here." read with a double space where the words were.
    rtf = r"{\rtf1\ansi " + body + r"\par}"
    assert convert_rtf(rtf, Path("hidden.rtf")).text == "The secret is here."


def test_rtf_spaces_not_around_left_out_words_are_kept() -> None:
    # Only the space a left-out word doubled goes: two spaces typed are the writer's.
    rtf = r"{\rtf1\ansi Two  spaces{\v x}, then{\v y} on.\par}"
    assert convert_rtf(rtf, Path("spaces.rtf")).text == "Two  spaces, then on."


def test_an_rtf_document_s_first_paragraph_set_bold_titles_it() -> None:
    # TextEdit and WordPad have no heading styles: a title is typed and set bold. Such a
    # document was titled by a short line further on ("Second line of the notes?").
    rtf = (
        r"{\rtf1\ansi\ansicpg1252\cocoartf2761{\fonttbl\f0\fswiss Helvetica;}"
        "\n\\pard\\f0\\b\\fs24 Interview notes\\\n\\b0 We met at the caf\\'e9 on "
        "Monday and talked.\\\nSecond line of the notes?\\\n}"
    )
    parsed = convert_rtf(rtf, Path("notes.rtf"))
    assert parsed.text.startswith("Interview notes\n\nWe met at the café")
    assert parsed.title == "Interview notes"
    # Bold opening words and plain ones after them (a speaker's name) are no title.
    led = r"{\rtf1\ansi\pard{\b Ana López} We met at noon.\par\pard Second line here?\par}"
    assert convert_rtf(led, Path("led.rtf")).title != "Ana López"


@pytest.mark.parametrize(
    "picture",
    [
        r"{\pict\pngblip\picw10\pich10 89504e470d0a1a0a}",
        r"{\*\shppict{\pict\pngblip 8950}}{\nonshppict{\pict\wmetafile8 0100}}",
        r"{\object\objemb{\*\objclass Excel.Sheet.12}{\*\objdata 0105}{\result{\pict 01}}}",
    ],
    ids=["picture", "picture-twice", "object"],
)
def test_an_rtf_picture_between_two_spaces_leaves_one(picture: str) -> None:
    # A picture or an embedded object set among the words ("the map {\pict ...} below")
    # is left out of the text: both spaces around it stayed ("the map  below").
    rtf = r"{\rtf1\ansi See the map " + picture + r" below.\par}"
    assert convert_rtf(rtf, Path("map.rtf")).text == "See the map below."


def test_an_rtf_with_a_picture_in_binary_is_read_without_it(tmp_path: Path) -> None:
    # A picture written as raw bytes ("\binN" and N bytes) had the file refused as binary
    # (its NUL bytes), or its bytes, cleaned, no longer counted N: the text after it lost
    # its first letters ("r binary." for "after binary."). An escaped "\\bin" is text.
    picture = bytes(range(256)) * 8 + b"{}\\par\\bin3 "
    path = tmp_path / "report.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi Before the picture.\par {\pict\pngblip\picw10\pich10\bin"
        + str(len(picture)).encode()
        + b" "
        + picture
        + rb"}After the picture, \\bin4 goes on.\par Tiny \bin5 "
        + b"\x00\x01\x02\x03\x04"
        + rb" after binary.\par}"
    )
    assert load_document(path).text == (
        "Before the picture.\n\nAfter the picture, \\bin4 goes on.\n\nTiny  after binary."
    )


def test_a_heading_with_a_footnote_titles_the_rtf_file_without_the_note_s_number(
    tmp_path: Path,
) -> None:
    # As in Word and OpenDocument files: "Visit to the market[1]" was the title.
    path = tmp_path / "visit.rtf"
    path.write_text(
        "{\\rtf1\\ansi{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}\n"
        "{\\pard\\s1\\outlinelevel0 Visit to the market{\\super\\chftn}"
        "{\\footnote\\pard{\\super\\chftn} Thanks to the traders.}\\par}\n"
        "{\\pard Words of the visit.\\par}\n}",
        encoding="ascii",
    )
    document = load_document(path)
    assert document.title == "Visit to the market"
    assert document.text.startswith("Visit to the market[1]\n\nWords of the visit.")


def test_a_cell_merged_down_is_read_in_each_row_it_spans() -> None:
    # Word's vertical merge in RTF (\clvmgf above, \clvmrg below): the rows below started
    # with an empty cell (" │ La 72 │ 325"), as a Word file's and a web page's did.
    row = r"\trowd{}\cellx2000\cellx4000\cellx6000"
    rtf = (
        r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0"
        + row.format("")
        + r"\pard\intbl Region\cell Shelter\cell Beds\cell\row"
        + row.format(r"\clvmgf")
        + r"\pard\intbl North\cell Casa Ana\cell 40\cell\row"
        + row.format(r"\clvmrg")
        + r"\pard\intbl\cell La 72\cell 325\cell\row"
        + row.format("")
        + r"\pard\intbl South\cell Bel\'e9n\cell 120\cell\row"
        + r"\pard After the table.\par}"
    )
    assert convert_rtf(rtf, Path("t.rtf")).text == (
        "Region │ Shelter │ Beds\nNorth │ Casa Ana │ 40\nNorth │ La 72 │ 325\n"
        "South │ Belén │ 120\n\nAfter the table."
    )
