"""The collector pause: counted across threads, the collector as it was after the last one,
and every pause in the process one of them."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
from helpers.threads import joined

from tui_reader.core import exact_json
from tui_reader.core.collector import collector_paused
from tui_reader.core.interchange import import_schema
from tui_reader.core.store.journal_lines import parse_snapshot
from tui_reader.core.store.snapshot import SnapshotTables


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_paused_inside_and_running_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner pause's end does not end the outer one
    assert gc.isenabled()


def test_a_collector_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_pauses_from_two_threads_overlap() -> None:
    gc.enable()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other, daemon=True)
    thread.start()
    inside.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause goes on
    leave.set()
    joined(thread, "paused the collector")
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def _read_table() -> object:
    return SnapshotTables.read(b'{\n"annotations": {"1": {"id": "a"}}\n}\n', Path("db.json"))[
        "annotations"
    ]


_LONG_EXPORT = json.dumps([{"id": str(n), "body": "x" * 100} for n in range(1000)])

PARSES: dict[str, Callable[[], object]] = {
    "a cache or journal's JSON": lambda: exact_json.loads(b'{"documents": {}}'),
    "a database's snapshot": lambda: parse_snapshot(b'{"annotations": {}}', Path("db.json")),
    "a database's table": _read_table,
    "an export being imported": lambda: import_schema._plainly_read(_LONG_EXPORT),
}


@pytest.mark.parametrize("parse", PARSES.values(), ids=PARSES.keys())
def test_a_parse_in_another_thread_ends_no_pause_but_its_own(
    monkeypatch: pytest.MonkeyPatch, parse: Callable[[], object]
) -> None:
    """A parse that began before the pause and ends inside it leaves the collector off: it
    pauses the collector through the same count (switching it back on by itself, it switched
    it on inside the library listing's pause)."""
    gc.enable()
    parsing, leave = threading.Event(), threading.Event()

    def held(real: Callable[[str | bytes], object]) -> Callable[[str | bytes], object]:
        def loads(text: str | bytes) -> object:
            if not gc.isenabled():  # the parse itself (a table's name is read before it)
                parsing.set()
                leave.wait(5)
            return real(text)

        return loads

    monkeypatch.setattr(json, "loads", held(json.loads))
    monkeypatch.setattr(orjson, "loads", held(orjson.loads))
    parser = threading.Thread(target=parse, daemon=True)
    parser.start()
    try:
        assert parsing.wait(5)
        with collector_paused():
            leave.set()
            parser.join(5)
            assert not parser.is_alive()
            assert not gc.isenabled()  # the pause still holds
        assert gc.isenabled()  # as it was before either
    finally:
        leave.set()
        joined(parser, "parsed the JSON")
