"""Keys typed right behind the key that opens another document (``enter`` in the library)
act on that document once it is shown, in the order typed, as keys typed ahead do in less
or vim: ``P``, ``2`` and ``enter`` typed behind ``enter`` on a PDF not yet converted asked
the document still on show for its pages ("Open a document first.", or "This document has
no pages."), and the ``2`` then applied the second code to the PDF's first passage."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from helpers.app import AppFactory, burst, ready, wait_until
from helpers.format_fixtures import make_report_pdf
from helpers.threads import held_until

from tui_reader.ui.reading_pane.loading import DocumentLoader
from tui_reader.ui.screens.goto_page import GotoPageDialog


def _loads_held(monkeypatch: pytest.MonkeyPatch, let_go: threading.Event) -> None:
    """The loader's worker waits for ``let_go`` before it reads the document (a PDF being
    converted on a loaded machine)."""
    load = DocumentLoader._load

    def held(self: DocumentLoader, *args: Any) -> None:
        held_until(let_go)
        load(self, *args)

    monkeypatch.setattr(DocumentLoader, "_load", held)


async def test_keys_typed_behind_enter_in_the_library_act_on_the_document_it_opens(
    tmp_path: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A short text.\n", encoding="utf-8")
    pdf = make_report_pdf(corpus)
    app = make_app(corpus=corpus, open_file=corpus / "a.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        store = screen.workspace.store
        store.tags()  # (read before: the count below is of what the keys made)
        let_go = threading.Event()
        _loads_held(monkeypatch, let_go)
        # as on a first start, the library's scan still converting it: not in memory
        monkeypatch.setattr(screen.workspace, "loaded", lambda key: None)
        table = screen.library.table
        table.focus()
        await pilot.press("G")
        await wait_until(pilot, lambda: table.cursor_key == screen.workspace.key(pdf))
        await burst(pilot, ["enter", "P", "2", "enter"])
        let_go.set()
        await wait_until(
            pilot,
            lambda: (
                screen.pane.key == screen.workspace.key(pdf)
                and not isinstance(app.screen, GotoPageDialog)
                and screen.reader.document is not None
                and len(screen.reader.document.pages) == 3
                and screen.reader.caret == screen.reader.document.pages[1]
            ),
        )
        assert store.annotations() == []
