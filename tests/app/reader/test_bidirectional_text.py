"""Arabic and Hebrew mixed with Latin, as a chat's export or Word writes them: each name or run
between bidi isolates or embeddings.  The reading view shows the words without them; the
title taken from the text, the library's row and the passages' quotes showed each as ``�``."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, reader_focused, wait_until

from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel

CHAT = (
    "\u2068Ahmed Ali\u2069: \u202bمرحبا بالعالم\u202c and hello.\n"
    "\n"
    "Second line with \u2067שלום\u2069 in it.\n"
)


async def test_a_text_s_bidi_controls_show_as_in_the_reading_view(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "chat.txt").write_text(CHAT, encoding="utf-8")
    app = make_app(corpus=corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen, _ = await reader_focused(pilot)
        await pilot.press("v", "dollar_sign", "a")
        await pilot.press(*"greeting", "enter")
        await wait_until(pilot, lambda: len(screen.pane.annotations) == 1)
        await pilot.press("A")
        await wait_until(pilot, lambda: bool(app.screen.query(AnnotationsPanel)))
        await pilot.pause()
        shot = app.export_screenshot()
        assert "Ahmed&#160;Ali:" in shot or "Ahmed Ali:" in shot
        assert "greeting" in shot and "مرحبا" in shot
        assert "\ufffd" not in shot


async def test_the_details_and_the_memo_of_such_a_text_show_its_title_so(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Its details ("title  �Ahmed Ali�: …", what the file says of itself) and its memo's
    dialog ("Memo: �Ahmed Ali�…")."""
    from tui_reader.ui.screens.document_details import DocumentDetails
    from tui_reader.ui.screens.memo_dialog import MemoDialog

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "chat.txt").write_text(CHAT, encoding="utf-8")
    app = make_app(corpus=corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await reader_focused(pilot)
        for key, kind in (("i", DocumentDetails), ("M", MemoDialog)):
            await pilot.press(key)
            await wait_until(pilot, lambda k=kind: isinstance(app.screen, k))  # type: ignore[misc]
            await pilot.pause()
            shot = app.export_screenshot()
            assert "Ahmed&#160;Ali:" in shot, key
            assert "\ufffd" not in shot, key
            await pilot.press("escape")
            await wait_until(pilot, lambda k=kind: not isinstance(app.screen, k))  # type: ignore[misc]
