"""Loading files into Documents: formats, titles, metadata, hostile input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import REPO, SEED_CORPUS, examples
from helpers.format_fixtures import make_docx
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.document import load_document, parse_document
from tui_reader.core.documents.facts import quick_facts
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import BinaryFileError, DocumentError, UnsupportedFormatError
from tui_reader.core.search.corpus import read_fresh, title_and_text

SEEDS = REPO.parent / "shared" / "seeds"


def test_seed_titles_are_their_headlines(corpus_copy: Path) -> None:
    titles = {p.name: load_document(p).title for p in corpus_copy.iterdir()}
    assert titles == {
        "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt": (
            "US Wants Mexico to Ramp up Security Targeting Central American Migrants"
        ),
        "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt": (
            "Mexico Hosts SouthCom Conference to Launch Plan Pentagon Against Central American "
            "Migrants"
        ),
    }


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not beside the checkout")
def test_docs_corpus_holds_the_seeds_byte_for_byte() -> None:
    def digests(folder: Path) -> set[str]:
        return {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    assert digests(SEED_CORPUS) == digests(SEEDS)


def test_plain_text_keeps_its_text_and_marks_title_and_paragraphs(corpus_copy: Path) -> None:
    path = (
        corpus_copy / "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"
    )
    doc = load_document(path)
    assert doc.text == path.read_text("utf-8")
    title = [s for s in doc.spans if s.kind is SpanKind.TITLE]
    assert [doc.text[s.start : s.end] for s in title] == [doc.title]
    paragraphs = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.PARAGRAPH]
    assert (
        paragraphs[0]
        == "• Live\n    • Audio Only\n  • google plus\n  • facebook\n  • twitter\nNews > Latin America"
    )
    assert all(p == p.strip() and "\n\n" not in p for p in paragraphs)
    assert doc.words == len(doc.text.split())
    assert doc.sha256 == hashlib.sha256(doc.text.encode()).hexdigest()
    assert (doc.format, doc.encoding) == ("text", "utf-8")


def test_crlf_and_cr_become_lf() -> None:
    doc = parse_document(b"Title line here\r\n\r\nBody one\rBody two\r\n", Path("a.txt"))
    assert doc.text == "Title line here\n\nBody one\nBody two\n"


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Noticias de Cancún\n\nEl gobierno de Peña Nieto anunció.\n".encode("latin-1"))
    doc = load_document(path)
    assert "Peña" in doc.text and doc.title == "Noticias de Cancún"
    assert doc.encoding == "cp1252"


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Informe sobre Peña\n\nTexto.".encode("utf-16"))
    doc = load_document(path)
    assert doc.text == "Informe sobre Peña\n\nTexto."
    assert doc.encoding.startswith("utf-16")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  \r\n"])
def test_empty_and_whitespace_only_files_load_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    doc = load_document(path)
    assert doc.text.strip() == ""
    assert doc.words == 0
    assert doc.title == "empty"
    assert [s for s in doc.spans if s.kind is SpanKind.PARAGRAPH] == []


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".epub", ".pdf", ".rtf", ".srt", ".vtt"])
def test_an_empty_file_of_a_converted_format_is_said_to_be_empty(
    tmp_path: Path, suffix: str
) -> None:
    # A file of no bytes (made and never saved) was called damaged ("damaged Word file (not
    # a readable zip)", "damaged or not a PDF"), or not of its format: a good copy was
    # looked for.
    path = tmp_path / f"draft{suffix}"
    path.write_bytes(b"")
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert info.value.reason == "empty file (0 bytes)"
    assert "draft" in str(info.value)


def test_binary_file_refused_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    with pytest.raises(BinaryFileError) as info:
        load_document(path)
    assert "photo.txt" in str(info.value) and "binary" in info.value.reason


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormatError, match=r"unsupported file type '\.pptx'"):
        load_document(path)


def test_an_old_word_file_says_how_to_read_it_and_a_template_is_read(tmp_path: Path) -> None:
    # An old Word file was refused as any file ('unsupported file type .doc'), and a Word
    # file with macros or a template (the same document) as well.
    old = tmp_path / "interview 1998.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(UnsupportedFormatError, match=r"old Word file .*save it as \.docx"):
        load_document(old)
    made = make_docx(tmp_path / "form.docx", [("para", "Consent form text.")])
    for name in ("form.docm", "form.dotx"):
        assert load_document(made.rename(tmp_path / name)).text == "Consent form text."
        made = tmp_path / name


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("interview.pages", r"an Apple Pages file, .*export it as \.docx in Pages"),
        ("interview.gdoc", r"a link to a Google Docs document .*download it as \.docx"),
        # (now that a workbook is read, the spreadsheets that are not say how to make one)
        ("answers 2003.xls", r"an old Excel workbook \(Excel 97-2003\), .*save it as \.xlsx"),
        ("answers.ods", r"an OpenDocument spreadsheet, .*save it as \.xlsx in LibreOffice"),
        ("answers.numbers", r"an Apple Numbers file, .*export it as \.xlsx in Numbers"),
    ],
)
def test_a_document_of_another_program_says_how_to_read_it(
    tmp_path: Path, name: str, said: str
) -> None:
    # A Pages document, and the link Google Drive keeps in a synced folder for a Google Docs
    # document, were "unsupported file type", which said nothing of how to read them.
    path = tmp_path / name
    path.write_bytes(b'{"doc_id": "1a2b"}' if name.endswith(".gdoc") else b"PK\x03\x04")
    with pytest.raises(UnsupportedFormatError, match=said):
        load_document(path)


def test_unreadable_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="No such file"):
        load_document(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="folder"):
        load_document(folder)


def test_escape_sequences_are_removed_from_text_and_title() -> None:
    data = (
        b"\x1b]0;owned\x07\x1b[2J\x1b[31mRed Alert In The Capital\x1b[0m\n\n"
        b"Body \x1b]52;c;ZWNobyBoaQ==\x07with \x1b]8;;http://x\x1b\\a link\x1b]8;;\x1b\\.\n"
    )
    doc = parse_document(data, Path("esc.txt"))
    assert doc.title == "Red Alert In The Capital"
    assert doc.text == "Red Alert In The Capital\n\nBody with a link.\n"


def test_markup_lookalikes_stay_literal_text() -> None:
    data = b"[bold]Not Bold At All[/bold]\n\n[@click=app.quit]click[/] [red]x[/red] :smile:\n"
    doc = parse_document(data, Path("markup.txt"))
    assert doc.text == data.decode()
    assert doc.title == "[bold]Not Bold At All[/bold]"


def test_two_megabyte_single_line_loads() -> None:
    line = ("word " * 400_000).encode()
    doc = parse_document(line, Path("long.txt"))
    assert doc.words == 400_000
    assert len([s for s in doc.spans if s.kind is SpanKind.PARAGRAPH]) == 1


def test_a_line_of_spaces_is_not_quadratic() -> None:
    doc = parse_document(b" " * 2_000_000 + b"x", Path("spaces.txt"))
    assert doc.words == 1


def test_title_skips_bullets_and_crumbs() -> None:
    data = (
        b"  * Home\n  * World\nNews > Europe\n\nOpinion\n\nA Headline That Names The Story\n\nBody."
    )
    assert parse_document(data, Path("t.txt")).title == "A Headline That Names The Story"


def test_title_falls_back_to_first_line_then_file_name() -> None:
    assert parse_document(b"Short\n\nBody text.", Path("t.txt")).title == "Short"
    assert parse_document(b"", Path("my-notes.txt")).title == "my-notes"


def test_a_first_line_that_is_a_whole_paragraph_is_a_title_cut_at_a_word() -> None:
    words = [f"word{n}" for n in range(400)]
    title = parse_document(" ".join(words).encode() + b"\n", Path("t.txt")).title
    assert len(title) <= 200 and title.endswith("…")
    assert title[:-1].split() == words[: len(title[:-1].split())]  # whole words only


@settings(max_examples=examples(60), deadline=None)
@given(line=st.text(alphabet=st.sampled_from("ab \u00e9\u4e2d"), min_size=1, max_size=600))
def test_a_title_is_one_line_of_at_most_200_code_points_from_the_line(line: str) -> None:
    from tui_reader.core.documents.document import TITLE_LENGTH, one_line

    title = one_line(line)
    assert len(title) <= TITLE_LENGTH and "  " not in title and title == title.strip()
    collapsed = " ".join(line.split())
    if len(collapsed) <= TITLE_LENGTH:
        assert title == collapsed
    else:
        assert title.endswith("…") and collapsed.startswith(title[:-1])


def test_cjk_title_is_judged_by_length_not_spaces() -> None:
    data = "中文标题测试文件\n\n这是一个很长的中文句子，用来测试宽字符的换行是否正确。".encode()
    assert parse_document(data, Path("t.txt")).title == "中文标题测试文件"


@settings(max_examples=examples(100), deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab \n\t\u2003é"), max_size=80))
def test_words_counted_a_chunk_at_a_time_are_the_split_words(text: str) -> None:
    from tui_reader.core.documents import words

    real = words._CHUNK
    words._CHUNK = 3  # words cut by chunk boundaries everywhere
    try:
        assert words.count_words(text) == len(text.split())
    finally:
        words._CHUNK = real


@settings(max_examples=examples(200))
@given(st.text(alphabet=st.sampled_from("a.TtXxMmDdPpFf ._-é"), min_size=1, max_size=12))
def test_the_format_of_a_name_is_the_format_of_its_path(name: str) -> None:
    from tui_reader.core.documents.formats import format_of, format_of_name

    if "/" not in name and name not in (".", ".."):
        assert format_of_name(name) == format_of(Path(name))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_line_and_paragraph_separators_part_words_however_the_text_is_read(
    tmp_path: Path, fmt: str
) -> None:
    # Text exported by a layout program or pasted from a web page ends its lines with LINE
    # SEPARATOR, a mainframe's with NEXT LINE: the reading view showed "alphabeta", and
    # cleaning made "linenext" of "line<NEL>next".
    path = tmp_path / ("notes.txt" if fmt == "text" else "notes.md")
    path.write_text(
        "Notes from the border crossing\n\nalpha\u2028beta\u2029gamma line\x85next\n", "utf-8"
    )
    document = load_document(path)
    broken = {
        "text": "alpha\nbeta\n\ngamma line\nnext",
        "markdown": "alpha beta\n\ngamma line next",
    }
    assert document.text.rstrip().endswith(broken[fmt])  # Markdown's line breaks are soft
    facts = quick_facts(path, fmt)
    assert (facts.words, facts.length, facts.sha256) == (
        document.words,
        len(document.text),
        document.sha256,
    )
    assert title_and_text(path, fmt) == (document.title, document.text)
    assert read_fresh(path, fmt).decoded() == document.text


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("notes.txt", "utf-8"), ("notes.txt", "cp1252"), ("notes.md", "utf-8")],
)
def test_soft_hyphens_of_a_text_file_are_left_out_however_it_is_read(
    tmp_path: Path, name: str, encoding: str
) -> None:
    # Text copied from a web page or an e-book holds a soft hyphen wherever a long word may
    # break: the view showed "Donaudampfschiff", but a search for it found nothing, and the
    # word was two to the cleaning of a plain text ("Donau\xaddampfschiff").
    path = tmp_path / name
    path.write_bytes(
        "Notes from the river trip\n\nThe Donau\xaddampf\xadschiff left at dawn, über "
        "the Wachau.\n".encode(encoding)
    )
    document = load_document(path)
    assert "\xad" not in document.text
    assert "The Donaudampfschiff left at dawn, über the Wachau." in document.text
    facts = quick_facts(path, document.format)
    assert (facts.words, facts.length, facts.sha256) == (
        document.words,
        len(document.text),
        document.sha256,
    )
    assert title_and_text(path, document.format) == (document.title, document.text)
    assert read_fresh(path, document.format).decoded() == document.text


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("notes.txt", "utf-8"), ("notes.md", "utf-8"), ("notes.txt", "utf-16")],
)
def test_zero_width_spaces_of_a_text_file_are_left_out_as_other_formats_leave_them(
    tmp_path: Path, name: str, encoding: str
) -> None:
    # A zero-width space or a word joiner (text copied from a web page, a CMS, a chat) was
    # kept in a plain text or Markdown file, as no other format keeps it: the view showed
    # "Donaudampfschiff", but a search for it, or for a quote across it, found nothing.
    path = tmp_path / name
    path.write_bytes(
        "Notes from the river trip\n\nThe Donau\u200bdampf\u2060schiff left at dawn, "
        "über\u200b the Wachau.\n".encode(encoding)
    )
    document = load_document(path)
    assert "The Donaudampfschiff left at dawn, über the Wachau." in document.text
    facts = quick_facts(path, document.format)
    assert (facts.words, facts.length, facts.sha256) == (
        document.words,
        len(document.text),
        document.sha256,
    )
    assert title_and_text(path, document.format) == (document.title, document.text)
    assert read_fresh(path, document.format).decoded() == document.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"Interview with Ana\n\nWe crossed at night.\n" + b"\x00" * 4096, "utf-8"),
        (b"Interview with Ana\n\nWe crossed\x00 at night.\n" + b"x" * 200, "utf-8"),
        ("Interview with Ana\n\nWe met at the café.\n".encode("cp1252") + b"\x00" * 512, "cp1252"),
    ],
    ids=["padded", "a-stray-nul", "padded-windows-1252"],
)
def test_a_transcript_padded_with_nul_bytes_is_read_without_them(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    # What a crash, a full disk or a sync leaves at a text file's end (a run of zero bytes),
    # or a stray NUL inside it, made the whole transcript refused as a binary file.
    path = tmp_path / "interview.txt"
    path.write_bytes(data)
    document = load_document(path)
    assert document.text.startswith("Interview with Ana\n\nWe ")
    assert "\x00" not in document.text
    assert document.encoding.startswith(f"{encoding} (")
    assert document.encoding.endswith("left out)")
    facts = quick_facts(path, "text")
    assert (facts.words, facts.sha256) == (document.words, document.sha256)
    assert read_fresh(path, "text").decoded() == document.text


def test_a_binary_file_with_few_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    import zlib

    path = tmp_path / "photo.txt"
    path.write_bytes(zlib.compress(bytes(range(256)) * 64, 1) + b"\x00" * 8)
    with pytest.raises(BinaryFileError):
        load_document(path)


def test_a_file_of_nothing_but_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "zeroed.txt"
    path.write_bytes(b"\x00" * 4096)
    with pytest.raises(BinaryFileError, match="NUL bytes"):
        load_document(path)
