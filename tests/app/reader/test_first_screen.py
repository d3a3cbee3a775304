"""The first screen shows the document: a small text (or one already in memory) opens at
once, with no worker and no frame painted without it; a bigger one still loads in a worker."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from helpers.app import AppFactory, main_screen, ready, wait_until
from helpers.counting import count_calls
from textual import events
from textual._compositor import Compositor
from textual._context import active_app

from tui_reader.ui.collector import StartUpPause
from tui_reader.ui.reading_pane.loading import QUICK_BYTES, DocumentLoader
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets import library_listing


def corpus_of(folder: Path, sizes: dict[str, int]) -> Path:
    folder.mkdir()
    for name, size in sizes.items():
        body = ("Some words of the body here. " * (size // 29 + 1))[:size]
        (folder / name).write_text(f"Title of {name}\n\n{body}\n", "utf-8")
    return folder


async def test_a_small_text_is_open_when_the_screen_is_mounted(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_of(tmp_path / "c", {"small.txt": 2_000})
    started = count_calls(monkeypatch, DocumentLoader, "start")
    app = make_app(corpus=corpus, open_file=corpus / "small.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        # No pause for a worker: the screen's own mount opened it.
        document = screen.reader.document
        assert document is not None and document.title == "Title of small.txt"
        assert started.calls == 0


async def test_a_bigger_text_loads_in_a_worker_and_one_in_memory_opens_at_once(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_of(tmp_path / "c", {"a-big.txt": QUICK_BYTES + 1_000, "b-small.txt": 100})
    started = count_calls(monkeypatch, DocumentLoader, "start")
    app = make_app(corpus=corpus, open_file=corpus / "a-big.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.reader.document is not None
        assert screen.reader.document.title == "Title of a-big.txt"
        assert started.calls == 1
        await pilot.press(">")  # the next document: small, at once
        assert screen.pane.key == "c/b-small.txt" and started.calls == 1
        await pilot.press("<")  # back to the big one: in memory, at once
        assert screen.reader.document.title == "Title of a-big.txt"
        assert started.calls == 1


async def test_the_main_screen_is_composed_with_the_app_and_rendered_once_styled(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main screen is the app's first screen (Textual's default screen), not one pushed
    over an empty one from the app's mount: that one was laid out and rendered inside
    Textual's start-up batch, a frame never shown, and then rendered again."""
    corpus = corpus_of(tmp_path / "c", {"small.txt": 2_000})
    in_batch = []
    render_update = Compositor.render_update

    def counted(compositor: Compositor, *args: Any, **kwargs: Any) -> Any:
        in_batch.append(active_app.get()._batch_count > 0)
        return render_update(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", counted)
    app = make_app(corpus=corpus, open_file=corpus / "small.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert app.screen_stack == [screen]
        assert in_batch and not any(in_batch)


async def test_the_first_screen_is_styled_once_and_a_later_return_restyles_it(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual styles a screen's nodes as they mount and again when the screen resumes; the
    main screen's first resume skips the second pass, which would change nothing; a later
    resume (a screen switched back to) restyles it as usual."""
    corpus = corpus_of(tmp_path / "c", {"small.txt": 2_000})
    restyled = count_calls(monkeypatch, MainScreen, "update_node_styles")
    app = make_app(corpus=corpus, open_file=corpus / "small.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        nodes = list(screen.walk_children(with_self=True))
        styled = [(node.styles.css, node.rich_style) for node in nodes]
        assert restyled.calls == 0
        screen.update_node_styles(animate=False)
        assert [(node.styles.css, node.rich_style) for node in nodes] == styled
        screen.post_message(events.ScreenResume())
        await wait_until(pilot, lambda: restyled.calls == 2)


async def test_the_library_lists_after_the_first_screen_is_painted(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing's worker would share the interpreter with the first screen, which does not
    need it: it starts once a frame with the document was rendered, and the rows come."""
    corpus = corpus_of(tmp_path / "c", {"small.txt": 2_000, "other.txt": 100})
    frames_with_text: list[bool] = []
    listed_after: list[int] = []
    render_update = Compositor.render_update

    def rendered(compositor: Compositor, *args: Any, **kwargs: Any) -> Any:
        screen = active_app.get().screen
        shown = isinstance(screen, MainScreen) and screen.reader.document is not None
        frames_with_text.append(shown)
        return render_update(compositor, *args, **kwargs)

    list_corpus = library_listing.list_corpus

    def listing(*args: Any, **kwargs: Any) -> Any:
        listed_after.append(sum(frames_with_text))
        return list_corpus(*args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", rendered)
    monkeypatch.setattr(library_listing, "list_corpus", listing)
    app = make_app(corpus=corpus, open_file=corpus / "small.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert [e.key for e in screen.library.entries] == ["c/other.txt", "c/small.txt"]
        assert listed_after and listed_after[0] >= 1


async def test_the_collector_waits_for_the_first_screen_then_runs(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Started from the command, the app keeps the cyclic collector paused until its first
    screen is shown (what start-up makes lives on), then freezes it out and collects again."""
    corpus = corpus_of(tmp_path / "c", {"small.txt": 2_000})
    enabled = gc.isenabled()
    gc.enable()
    frozen = gc.get_freeze_count()
    pause = StartUpPause()
    try:
        assert not gc.isenabled()
        app = make_app(corpus=corpus, open_file=corpus / "small.txt")
        app.start_up_pause = pause
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            assert gc.isenabled() and gc.get_freeze_count() > frozen
    finally:
        pause.end()
        gc.unfreeze()
        (gc.enable if enabled else gc.disable)()
