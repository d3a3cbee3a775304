"""Hostile files open without a crash and show nothing that could drive the terminal."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready, screen_lines, wait_until
from helpers.hostile import CONTROL, write_hostile_corpus
from rich.text import Text

from tui_reader.core.documents.preview import PREVIEW_THRESHOLD
from tui_reader.ui.screens.main import MainScreen


def visible_text(screen: MainScreen) -> str:
    return "\n".join(screen_lines(screen))


async def test_every_hostile_file_opens_and_shows_safely(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = write_hostile_corpus(tmp_path / "hostile")
    app = make_app(corpus=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        entries = {e.rel: e for e in screen.library.entries}
        binary = entries["binary.txt"]
        assert binary.error is not None and "binary" in binary.error
        cell = screen.library.cell(binary.key)
        assert (
            isinstance(cell, Text) and "binary" in cell.plain and "dim" in str(cell.spans[0].style)
        )
        assert entries["markup.txt"].title.startswith("[bold]not bold[/]")
        readable = [e for e in screen.library.entries if e.readable]
        assert {e.rel for e in readable} >= {
            "latin1.txt", "utf16.txt", "crlf.txt", "empty.txt", "whitespace.txt",
            "longline.txt", "escapes.txt", "markup.txt", "markup.md",
        }  # fmt: skip
        screen.reader.focus()
        for entry in readable:
            screen.open_document(entry.key)
            await wait_until(
                pilot, lambda e=entry: screen.pane.key == e.key and not screen.pane.previewing
            )
            await pilot.pause()
            for keys in ((), ("G",), ("g", "j", "w", "right_parenthesis", "right_curly_bracket")):
                await pilot.press(*keys)
                shown = visible_text(screen)
                assert not CONTROL.search(shown), (entry.rel, keys)
            assert app.is_running, entry.rel
            text = visible_text(screen)
            if entry.rel == "markup.txt":
                assert "[bold]not bold[/] and [@click=app.quit]click[/]" in text
            if entry.rel == "escapes.txt":
                assert "Start RED  clip link  dcs  title  end." in text
            if entry.rel == "latin1.txt":
                assert "Peña Nieto visitó el café" in text
            if entry.rel == "utf16.txt":
                assert "naïve café" in text
            if entry.rel == "markup.md":
                assert "[bold]Title[/] [@click=app.quit]x[/]" in text
        # Clicking or searching on markup does nothing but what it says.
        await pilot.press("slash", *"[@click=app.quit]", "enter")
        await pilot.pause()
        assert app.is_running


async def test_a_big_file_opens_and_moves(make_app: AppFactory, tmp_path: Path) -> None:
    """A file twice the size from which its first screen is shown while the rest loads: it
    opens, moves, and every hit of a search is counted.  (A 50 MB file showed nothing more
    here at six times the test's CPU; its speed is measured in ``bench/open.py``.)"""
    big_mb = -(-2 * PREVIEW_THRESHOLD // 1_000_000)
    corpus = write_hostile_corpus(tmp_path / "big", big_mb=big_mb)
    for small in corpus.iterdir():
        if small.name != "big.txt":
            small.unlink()
    app = make_app(corpus=corpus, open_file=corpus / "big.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        text = reader.document.text  # type: ignore[union-attr]
        assert len(text) > 2 * PREVIEW_THRESHOLD
        await pilot.press("G")
        assert reader.caret == len(text)
        await pilot.press("pageup", "k", "b", "left_parenthesis", "left_curly_bracket")
        # Search from near the end: the caret goes to the next hit after it, all hits counted.
        caret = reader.caret
        await pilot.press("slash", *"fox", "enter")
        await wait_until(pilot, lambda: len(screen.column.search.hits) > 0)
        assert (
            len(screen.column.search.hits) == text.count("fox")
            and not screen.column.search.hits.truncated
        )
        assert reader.caret == text.find("fox", caret) or reader.caret == text.find("fox")
        await pilot.press("g", "space")
        assert 0 < reader.caret < 10_000
        assert "The quick brown fox" in visible_text(screen)
