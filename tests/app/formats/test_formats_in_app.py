"""Converted formats in the app: open, page jump, status line, speaker turns, annotate, search."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from helpers.app import AppFactory, notices_titled, ready, status_text, wait_until
from helpers.format_fixtures import (
    SHARED_SENTENCE,
    TRANSCRIPT_TXT,
    ZOOM_VTT,
    make_format_corpus,
    make_image_only_pdf,
    make_pdf_with_scans_among,
)

from tui_reader.core.documents.document import load_document
from tui_reader.core.errors import DocumentError
from tui_reader.locations import ENV_CACHE, ENV_CONVERT_SECONDS
from tui_reader.reading.layout import Layout
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.goto_page import GotoPageDialog


@pytest.fixture(scope="module")
def _made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The format corpus, made once for the module, and a conversion cache holding what its
    files convert to (converted here, once), neither ever written by a test: each test reads
    copies (``unconverted``, ``corpus``)."""
    base = tmp_path_factory.mktemp("formats")
    folder, cache = base / "corpus", base / "cache"
    make_format_corpus(folder)
    (folder / "interview.txt").write_text(TRANSCRIPT_TXT, "utf-8")
    make_image_only_pdf(folder / "scan.pdf")
    with pytest.MonkeyPatch.context() as env:
        env.setenv(ENV_CACHE, str(cache))
        env.setenv(ENV_CONVERT_SECONDS, "0")
        for path in sorted(folder.iterdir()):
            with contextlib.suppress(DocumentError):
                load_document(path)
    return folder, cache


@pytest.fixture
def unconverted(_made: tuple[Path, Path], tmp_path: Path) -> Path:
    """A copy of the format corpus, none of its files converted yet (the test's cache empty)."""
    return Path(shutil.copytree(_made[0], tmp_path / "corpus"))


@pytest.fixture
def corpus(unconverted: Path, _made: tuple[Path, Path], conversion_cache: Path) -> Path:
    """A copy of the format corpus whose files' conversions are in the test's cache already:
    the app opens them as it does any file it converted before (each test converted the
    whole corpus again in child processes, most of its CPU, for what it reads of the app)."""
    shutil.copytree(_made[1], conversion_cache, dirs_exist_ok=True)
    return unconverted


async def test_pdf_page_jump_status_and_annotation(corpus: Path, make_app: AppFactory) -> None:
    app = make_app(corpus=corpus, open_file=corpus / "report.pdf")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        doc = screen.reader.document
        assert doc is not None and len(doc.pages) == 3
        assert "p. 1/3" in status_text(screen)
        entry = screen.library.entry(screen.workspace.key(corpus / "report.pdf"))
        assert entry is not None and entry.kind == "PDF" and entry.pages == 3
        scan = screen.library.entry(screen.workspace.key(corpus / "scan.pdf"))
        assert scan is not None and scan.error == "no text layer: scanned? run OCR first"
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, GotoPageDialog))
        await pilot.press("9", "enter")  # no such page: the dialog stays and says so
        assert isinstance(app.screen, GotoPageDialog)
        await pilot.press("backspace", "2", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, GotoPageDialog))
        assert screen.reader.caret == doc.pages[1]
        assert "p. 2/3" in status_text(screen)
        # The sentence the PDF broke over two lines is one sentence here.
        await pilot.press("g")
        start = doc.text.index(SHARED_SENTENCE)
        screen.reader.move_caret(start + 3, select=False)
        await pilot.press("s")
        assert screen.reader.selection == (start, start + len(SHARED_SENTENCE))


async def test_transcript_turns_and_label_free_units(corpus: Path, make_app: AppFactory) -> None:
    app = make_app(corpus=corpus, open_file=corpus / "interview.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        doc = screen.reader.document
        assert doc is not None and len(doc.turns) == 5
        second = doc.turns[1]
        screen.reader.move_caret(second.start, select=False)  # on the label
        await pilot.pause()
        assert "[00:00:12] P03" in status_text(screen)
        await pilot.press("s")
        start, end = screen.reader.selection or (0, 0)
        assert doc.text[start:end] == "By bus, mostly."
        await pilot.press("escape")
        screen.reader.move_caret(second.body + 20, select=False)
        await pilot.press("t")
        assert screen.reader.selection == (second.body, second.end)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await pilot.press(*"journey", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, AnnotateDialog))
        stored = screen.workspace.store.annotations(screen.workspace.key(corpus / "interview.txt"))
        assert [a.quote for a in stored] == [doc.text[second.body : second.end]]


async def test_t_in_a_document_without_turns_says_so(corpus: Path, make_app: AppFactory) -> None:
    app = make_app(corpus=corpus, open_file=corpus / "notes.odt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert screen.reader.selection is None
        await pilot.press("P")
        await pilot.pause()
        assert not isinstance(app.screen, GotoPageDialog)


async def test_a_hard_wrapped_text_flows_at_the_measure(
    tmp_path: Path, make_app: AppFactory
) -> None:
    import textwrap

    words = ("Researchers read interview transcripts closely and code the passages. " * 12).split()
    paragraphs = [textwrap.fill(" ".join(words), 78, initial_indent="       ",
                                subsequent_indent="       ") for _ in range(3)]  # fmt: skip
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "page.1.txt").write_text("NAME\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "page.1.txt", measure=60)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        layout = reader.layout_engine
        layout.ensure_lines(0, 10**6)
        shown = [layout.shown(*layout.line_range(y)) for y in range(layout.line_count)]
        body = [line for line in shown if line.strip() and line.strip() != "NAME"]
        assert all(len(line.rstrip()) <= 60 for line in body)
        assert sum(1 for line in body if len(line.rstrip()) < 40) <= 3  # a paragraph's last line
        rewrapped = Layout(reader.document.text, layout.width)  # what it was: each line twice
        rewrapped.ensure_lines(0, 10**6)
        assert layout.line_count < 0.7 * rewrapped.line_count
        rendered = [reader.render_line(y).text for y in range(reader.size.height)]
        assert not any("\n" in line for line in rendered)


async def test_a_file_whose_conversion_is_stopped_is_greyed_and_reported(
    unconverted: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_READER_CONVERT_SECONDS", "0.001")
    app = make_app(corpus=unconverted, open_file=unconverted / "interview.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        key = screen.workspace.key(unconverted / "report.pdf")
        # (the library's scan tries the file in a worker: under load, after the first screen)
        await wait_until(pilot, lambda: getattr(screen.library.entry(key), "error", None))
        entry = screen.library.entry(key)
        assert entry is not None and entry.error is not None
        assert entry.error.startswith("PDF conversion stopped after 0.001 s")
        screen.open_document(key)
        await wait_until(
            pilot, lambda: any("conversion stopped" in n.message for n in app._notifications)
        )
        assert screen.reader.document is not None and screen.pane.key.endswith("interview.txt")  # type: ignore[union-attr]


async def test_an_epub_read_in_part_says_what_is_missing(
    tmp_path: Path, make_app: AppFactory
) -> None:
    import zipfile

    from helpers.format_fixtures import make_epub

    folder = tmp_path / "books"
    folder.mkdir()
    made = make_epub(tmp_path / "made.epub", [("One", "First words."), ("Two", "Lost words.")])
    book = folder / "book.epub"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(book, "w") as target:
        for item in source.infolist():
            if item.filename != "OEBPS/chap1.xhtml":
                target.writestr(item, source.read(item.filename))
    app = make_app(corpus=folder, open_file=book)
    notes = notices_titled(app)  # as said: its toast times out while the library is read
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.reader.document is not None
        assert "First words." in screen.reader.document.text
        await wait_until(pilot, lambda: bool(notes))
        messages = [message for _, message, severity in notes if severity == "warning"]
        assert messages == [
            f"{book}: 1 part of its reading order missing from the file, left out: "
            "OEBPS/chap1.xhtml"
        ]


async def test_a_zoom_transcript_saved_as_text_opens_as_a_transcript(
    corpus: Path, make_app: AppFactory
) -> None:
    # It opened showing "WEBVTT", its cue numbers and timings as lines of text.
    (corpus / "zoom.txt").write_text(ZOOM_VTT, "utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "zoom.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        doc = screen.reader.document
        assert doc is not None and doc.format == "vtt" and "-->" not in doc.text
        assert doc.text.startswith("[00:00:02] Ana Lopez: Okay, thanks for joining.")
        screen.reader.move_caret(doc.turns[1].body, select=False)
        await pilot.pause()
        assert "[00:00:06] Ben Park" in status_text(screen)
        entry = screen.library.entry(screen.workspace.key(corpus / "zoom.txt"))
        assert entry is not None and entry.kind == "WebVTT"


async def test_the_status_line_names_a_scanned_page_where_it_lies(
    corpus: Path, make_app: AppFactory
) -> None:
    # Page 3, a scan, was named in the notice, the details and list; going to it, the
    # status line said "p. 4/6" and nothing of it.
    path = make_pdf_with_scans_among(corpus / "article.pdf", 6, [2])
    app = make_app(corpus=corpus, open_file=path)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await ready(pilot)
        assert "p. 3" not in status_text(screen)
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, GotoPageDialog))
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: "p. 4/6" in status_text(screen))
        said = " ".join(status_text(screen).split())  # (the figures closer where it is short)
        assert "p. 4/6 · p. 3: a picture without text (a scan?)" in said
        await pilot.press("}")  # the next paragraph: past the place it was left out
        await wait_until(pilot, lambda: "p. 3" not in status_text(screen))
        assert "p. 4/6" in status_text(screen)
