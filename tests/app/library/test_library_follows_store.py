"""The library follows the database: counts change when the command line changes it (the
codebook already did), for every document, not only the one on show."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until
from helpers.passages import Annotated

from tui_reader.cli.main import main as cli
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.store_poll import StorePoll

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SECOND = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


async def test_counts_follow_annotations_made_on_the_command_line(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    app = make_app(open_file=corpus_copy / FIRST, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        key = app.workspace.key(corpus_copy / SECOND)
        entry = screen.library.entry(key)
        assert entry is not None and entry.annotations == 0
        argv = ["annotate", str(corpus_copy / SECOND), "--quote", "Mexico", "--tag", "place"]
        assert cli([*argv, "--occurrence", "1", "--db", str(db)]) == 0
        assert cli([*argv, "--occurrence", "2", "--db", str(db)]) == 0

        def counted() -> bool:
            shown = screen.library.entry(key)
            return shown is not None and shown.annotations == 2

        await wait_until(pilot, counted)
        assert "2 ann." in screen.library.cell(key).plain  # a library of 36 cells
        with AnnotationStore(db) as other:  # another process deletes one
            other.delete(other.annotations(key)[0].id)
        await wait_until(pilot, lambda: "1 ann." in screen.library.cell(key).plain)


async def test_the_library_follows_the_one_store_poll_of_the_app(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No timer of its own: with the app's poll stopped the library stays as it was; one
    poll brings the counts in step (as it does the reading pane)."""
    db = tmp_path / "annotations.json"
    polls: list[StorePoll] = []
    monkeypatch.setattr(StorePoll, "start", lambda self: polls.append(self))
    app = make_app(open_file=corpus_copy / FIRST, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        key = app.workspace.key(corpus_copy / SECOND)
        await wait_until(pilot, lambda: not screen.library.entry(key).loading)  # type: ignore[union-attr]
        argv = ["annotate", str(corpus_copy / SECOND), "--quote", "Mexico", "--tag", "place"]
        assert cli([*argv, "--occurrence", "1", "--db", str(db)]) == 0
        await pilot.pause(1.5)
        entry = screen.library.entry(key)
        assert entry is not None and entry.annotations == 0
        assert len(polls) == 1
        polls[0].poll()
        await wait_until(pilot, lambda: "1 ann." in screen.library.cell(key).plain)


async def test_the_stores_word_on_the_library_is_read_off_the_ui_thread(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts, positions and shares coded are read from the store in workers, at start, as
    the scan goes and when the store changes: at 100,000 annotations the UI thread spent 17 s
    on them before the library showed a row (here: where the store is asked, counted)."""
    import threading

    asked: list[str] = []
    real_of = AnnotationStore.annotations_of
    real_counts = AnnotationStore.annotation_counts

    def annotations_of(self: AnnotationStore, documents: object) -> object:
        asked.append(threading.current_thread().name)
        return real_of(self, documents)  # type: ignore[arg-type]

    def annotation_counts(self: AnnotationStore) -> dict[str, int]:
        asked.append(threading.current_thread().name)
        return real_counts(self)

    monkeypatch.setattr(AnnotationStore, "annotations_of", annotations_of)
    monkeypatch.setattr(AnnotationStore, "annotation_counts", annotation_counts)
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await wait_until(
            pilot,
            lambda: any(e.annotations for e in screen.library._entries.values()),
        )
        key = next(k for k, e in screen.library._entries.items() if e.annotations)
        before = screen.library.entry(key)
        assert before is not None
        argv = ["annotate", str(app.workspace.path(key)), "--quote", "Mexico", "--tag", "place"]
        argv += ["--occurrence", "3"]
        assert cli([*argv, "--db", str(annotated.db)]) == 0
        await wait_until(
            pilot,
            lambda: (
                (shown := screen.library.entry(key)) is not None
                and shown.annotations == before.annotations + 1
            ),
        )
    main = threading.main_thread().name
    assert asked and main not in asked


async def test_a_listing_again_asks_the_store_only_of_rows_without_its_word(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The query and the reports list the corpus again: the library lists again too, and
    used to read every annotation again for counts it had (at 100,000 annotations, seconds
    beside the report).  Unchanged rows keep theirs; a file that went and came back is
    counted again."""
    asked: list[int] = []
    real_of = AnnotationStore.annotations_of

    def annotations_of(self: AnnotationStore, documents: object) -> object:
        keys = list(documents)  # type: ignore[call-overload]
        asked.append(len(keys))
        return real_of(self, keys)

    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        library = screen.library
        await wait_until(
            pilot,
            lambda: (
                any(e.annotations for e in library._entries.values())
                and len(library._said) == len(library._entries)
            ),
        )
        counted = {k: e.annotations for k, e in library._entries.items() if e.annotations}
        monkeypatch.setattr(AnnotationStore, "annotations_of", annotations_of)

        async def listed_again() -> None:
            generation = app.workspace.listing_generation
            app.workspace.refresh_files()  # as the query view does
            assert app.workspace.listing_generation == generation + 1
            library._relist_if_changed()
            await wait_until(
                pilot,
                lambda: (
                    library._generation == app.workspace.listing_generation
                    and not library._relisting
                ),
            )
            for _ in range(5):
                await pilot.pause()

        await listed_again()
        assert asked == []
        key = next(iter(counted))
        path = app.workspace.path(key)
        away = annotated.corpus.parent / "away.txt"
        path.rename(away)
        await listed_again()
        assert library.entry(key) is None
        away.rename(path)
        await listed_again()
        await wait_until(pilot, lambda: (e := library.entry(key)) is not None and e.annotations)
        entry = library.entry(key)
        assert entry is not None and entry.annotations == counted[key]
        assert asked and max(asked) == 1  # that file alone
