"""A document that cannot be opened any more: the notification names the file, the document
on show stays under its own title, and the library greys the file with the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, relisting_held, workers_done
from textual.pilot import Pilot
from textual.widgets import Static

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SECOND = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


async def test_a_vanished_file_is_named_and_the_open_document_stays(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)  # the document shown, the library read
        reader = screen.reader
        shown = reader.document
        assert shown is not None
        async with relisting_held(pilot):  # its row read before a listing drops it
            (corpus_copy / SECOND).unlink()
            messages = await _next_said(pilot)
            assert any(SECOND in m for m in messages), messages
            assert reader.document is shown
            title = str(screen.query_one("#doc-title", Static).render())
            assert shown.title in title and "Cannot open" not in title
            entry = screen.library.entry(app.workspace.key(corpus_copy / SECOND))
            assert entry is not None and entry.error is not None and not entry.readable
            await pilot.press("greater_than_sign")  # no readable document after this one
            await pilot.pause()
            assert reader.document is shown


async def test_a_file_named_with_an_escape_sequence_is_named_safely_when_it_cannot_open(
    make_app: AppFactory, tmp_path: Path
) -> None:
    # The title said "Cannot open <name>" with the name as it is: its escape sequence went
    # to the terminal (the notification passes the display gate, the title did not).
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    bad = corpus / "bad\x1b]0;PWNED\x07\x1b[31m.txt"
    bad.write_bytes(bytes(range(256)) * 8)  # binary: every byte, a NUL in each 256
    app = make_app(corpus=corpus, open_file=bad)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await workers_done(app)
            await pilot.pause()
            title = str(app.screen.query_one("#doc-title", Static).render())
            if "Cannot open" in title:
                break
        assert "Cannot open" in title and "PWNED" in title
        assert "\x1b" not in title and "\x07" not in title


async def test_a_file_that_could_not_open_opens_once_it_is_readable_again(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """A file written over with bytes that are no text, then put right (another program
    saving it), stayed greyed with the old reason: enter said it again and it never opened
    before a restart.  Enter tries it again."""
    app = make_app(open_file=corpus_copy / FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)  # the document shown, the library read
        second = corpus_copy / SECOND
        good = second.read_bytes()
        key = app.workspace.key(second)
        second.write_bytes(b"\x00\x01 not text")
        await pilot.press("greater_than_sign")
        for _ in range(50):
            await workers_done(app)
            await pilot.pause()
            entry = screen.library.entry(key)
            if entry is not None and entry.error is not None:
                break
        assert entry is not None and entry.error is not None
        second.write_bytes(good)
        library = screen.library
        library.table.focus()
        library.table.move_cursor(library.table.row_index(key) or 0)
        await pilot.press("enter")
        for _ in range(50):
            await workers_done(app)
            await pilot.pause()
            if screen.reader.document is not None and screen.pane.key == key:
                break
        assert screen.pane.key == key and screen.reader.document is not None
        entry = library.entry(key)
        assert entry is not None and entry.readable and entry.error is None


@pytest.mark.parametrize("outside", [False, True], ids=["fifo", "link-to-a-fifo-outside"])
async def test_a_file_that_cannot_open_is_named_by_its_name_in_the_corpus(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path, outside: bool
) -> None:
    """The notice said "/home/ana/corpus/us-wants….txt: is a FIFO (named pipe), …", the
    whole path, where every other notice, the library and list name the file as in the
    corpus folder; made a link to a FIFO outside it, "../../fifo: is a FIFO", its key.  The
    greyed row keeps the reason alone."""
    app = make_app(open_file=corpus_copy / FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)  # the document shown, the library read
        async with relisting_held(pilot):  # its row read before a listing drops it
            (corpus_copy / SECOND).unlink()
            if outside:
                os.mkfifo(tmp_path / "fifo")
                (corpus_copy / SECOND).symlink_to(tmp_path / "fifo")
            else:
                os.mkfifo(corpus_copy / SECOND)
            messages = await _next_said(pilot)
            reason = "is a FIFO (named pipe), not a regular file; not read"
            assert any(m.startswith(f"{SECOND}: {reason}") for m in messages), messages
            assert not any(str(tmp_path) in m for m in messages), messages
            rows = [e for e in screen.library.entries if e.error is not None]
            assert [e.error for e in rows] == [reason], rows


async def _next_said(pilot: Pilot[object]) -> list[str]:
    """``>`` pressed (the next document), and what the notices say once one shows (at most
    50 pauses, the workers done at each)."""
    app = pilot.app
    await pilot.press("greater_than_sign")
    for _ in range(50):
        await workers_done(app)
        await pilot.pause()
        if app._notifications:
            break
    return [n.message for n in app._notifications]
