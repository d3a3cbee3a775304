"""The library sorts: ``o`` goes through file, title, words, annotations and last modified,
``O`` reverses, a click on the header's word sorts by it; the cursor stays on its document and
``>`` steps through the documents in the order shown."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until
from helpers.counting import count_calls

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.widgets.library import Library, SortHeader
from tui_reader.ui.widgets.library_counts import KnownCounts

# file name -> (title line, words after it); each file modified a minute after the one before.
FILES = {
    "a.txt": ("Zapotec weaving", 40),
    "b.txt": ("Border policy", 5),
    "c.txt": ("Migrants' routes", 90),
    "d.txt": ("Army deployments", 20),
}


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    now = time.time()
    for n, (name, (title, words)) in enumerate(FILES.items()):
        path = folder / name
        path.write_text(f"{title}\n\n" + " ".join(["word"] * words) + "\n", encoding="utf-8")
        stamp = now - 3600 + 60 * [2, 0, 3, 1][n]  # modified: c, a, d, b (newest first)
        os.utime(path, (stamp, stamp))
    return folder


def shown(library: Library) -> list[str]:
    return [library.entry(k).rel for k in library.table.keys]  # type: ignore[union-attr]


async def test_o_sorts_the_library_and_O_reverses_it(make_app: AppFactory, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        text = (folder / "d.txt").read_text()
        for start in (0, 6, 12):
            store.add(make_annotation("corpus/d.txt", text, start, start + 4, "", ("x",)))
        text = (folder / "b.txt").read_text()
        store.add(make_annotation("corpus/b.txt", text, 0, 6, "", ("x",)))
    app = make_app(corpus=folder, db=db)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        library = main.library
        await wait_until(pilot, lambda: library.entry(library.table.keys[3]).annotations == 3)  # type: ignore[union-attr]
        library.table.focus()
        assert shown(library) == ["a.txt", "b.txt", "c.txt", "d.txt"]
        library.table.move_cursor(2)  # c.txt
        await pilot.press("o")  # by title, A to Z
        assert library.sort == ("title", False)
        assert shown(library) == ["d.txt", "b.txt", "c.txt", "a.txt"]
        assert library.entry(library.table.cursor_key or "").rel == "c.txt"  # type: ignore[union-attr]
        await pilot.press("o")  # by words, most first
        assert shown(library) == ["c.txt", "a.txt", "d.txt", "b.txt"]
        await pilot.press("o")  # by annotations, most first
        assert shown(library) == ["d.txt", "b.txt", "a.txt", "c.txt"]
        await pilot.press("o")  # last modified first
        assert shown(library) == ["c.txt", "a.txt", "d.txt", "b.txt"]
        await pilot.press("O")
        assert library.sort == ("modified", True)
        assert shown(library) == ["b.txt", "d.txt", "a.txt", "c.txt"]
        await pilot.press("o")  # back to the files' order
        assert shown(library) == ["a.txt", "b.txt", "c.txt", "d.txt"]


async def test_a_click_on_the_header_sorts_and_next_document_follows_the_order(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = corpus(tmp_path)
    app = make_app(corpus=folder, db=tmp_path / "annotations.json", open_file=folder / "c.txt")
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        library = main.library
        library.table.focus()
        await pilot.press("o")
        header = library.query_one(SortHeader)
        await pilot.pause()
        words = str(header.render())
        x = words.index("words")
        await pilot.click(SortHeader, offset=(1 + x + 1, 0))
        await pilot.pause()
        assert library.sort == ("words", False)
        assert shown(library) == ["c.txt", "a.txt", "d.txt", "b.txt"]
        await pilot.click(SortHeader, offset=(1 + x + 1, 0))  # again: reversed
        await pilot.pause()
        assert library.sort == ("words", True)
        assert shown(library) == ["b.txt", "d.txt", "a.txt", "c.txt"]
        main.reader.focus()
        await pilot.press("greater_than_sign")  # c.txt is last in this order: none after
        await pilot.pause()
        assert main.reader.document is not None and main.reader.document.path.name == "c.txt"
        await pilot.press("less_than_sign")
        await wait_until(
            pilot,
            lambda: main.reader.document is not None and main.reader.document.path.name == "a.txt",
        )


async def test_the_header_names_every_order_in_a_40_column_terminal(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = corpus(tmp_path)
    app = make_app(corpus=folder, db=tmp_path / "annotations.json")
    async with app.run_test(size=(40, 12)) as pilot:
        main = await ready(pilot)
        main.library.table.focus()
        await pilot.press("o", "o", "o", "o")
        await pilot.pause()
        header = main.library.query_one(SortHeader)
        line = header.render_line(0).text
        for word in ("file", "title", "words", "ann.", "modified ↓"):
            assert word in line, line


def test_10000_rows_sorted_by_title_again_work_out_no_title_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every sort (each filter key typed, each batch of the scan) worked out the natural order
    of 10,000 titles again: a sixth of a second each time on a busy machine."""
    from tui_reader.ui.widgets import library as library_module
    from tui_reader.ui.widgets.library_entry import LibraryEntry

    calls = count_calls(monkeypatch, library_module, "natural_key")
    library = Library()
    entries = [
        LibraryEntry(key=f"k{n}", rel=f"t{n}.txt", title=f"Interview {(n * 7919) % 10000}")
        for n in range(10_000)
    ]
    library._entries = {e.key: e for e in entries}
    library._order = [e.key for e in entries]
    library._sort = "title"
    first = library._sorted(library._order)
    assert [library._entries[k].title for k in first[:3]] == [
        "Interview 0",
        "Interview 1",
        "Interview 2",
    ]
    assert calls.calls == 10_000
    assert library._sorted(library._order) == first
    assert calls.calls == 10_000  # the second sort knew every title's key


async def test_beside_the_text_at_80_columns_the_header_names_the_order_and_a_click_goes_on(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The library beside the text at 80 columns is 24 cells: the header's five words were
    cut after the third, 'ann.' and 'modified' out of reach of a click."""
    folder = corpus(tmp_path)
    app = make_app(corpus=folder, db=tmp_path / "annotations.json")
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        library = main.library
        library.table.focus()
        await pilot.press("o")
        await pilot.pause()
        header = library.query_one(SortHeader)
        line = header.render_line(0).text.strip()
        assert "title ↓" in line and "…" not in line, line
        for expected in ("words", "annotations", "modified", "files"):
            await pilot.click(SortHeader, offset=(2, 0))
            await pilot.pause()
            assert library.sort == (expected, False)


async def test_a_scan_sorted_by_title_orders_the_rows_again_now_and_then_not_each_batch(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sorted by title while the scan ran, the rows were sorted anew at each of its batches
    (twenty a second): the rows jumped under the cursor all along, and each batch sorted
    10,000 rows.  They are ordered again once a tenth of them came, and when the scan ends."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02}.txt").write_text(f"Title {39 - n:02}\n\nwords\n", encoding="utf-8")
    app = make_app(corpus=folder)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        library = main.library
        await wait_until(pilot, lambda: all(library.entry(k).title.startswith("Title")  # type: ignore[union-attr]
                                            for k in library.table.keys))  # fmt: skip
        library.sort_by("title")
        keys = list(library.table.keys)
        set_rows = count_calls(monkeypatch, type(library.table), "set_rows")
        known = KnownCounts({}, {}, {})
        for n, key in enumerate(keys):  # a batch a file: each one could not be read
            library.post_message(Library.FactsRead([(key, "unreadable")], n + 1, 41, known))
        await pilot.pause()
        assert 0 < set_rows.calls <= 11, set_rows.calls
        library.post_message(Library.FactsRead([], 41, 41, known, finished=True))
        await pilot.pause()
        ordered = list(library.table.keys)
        library.sort_by("title")  # sorted anew: the order the scan's end left
        assert list(library.table.keys) == ordered
