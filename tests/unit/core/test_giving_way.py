"""Long work in a worker thread (a fold's table written, a table read in parts) waits between
its parts while the main thread is busy, so that the app's keys are answered first.

Never timed: the main thread does a fixed amount of work in Python while the worker writes
or reads a table part by part, and each test counts the parts made while it was at it."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui_reader.core import exact_json, giving_way
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.store import index, snapshot
from tui_reader.core.store.index import ANNOTATIONS, StoreIndex

PARTS = 60  # parts of the table the worker makes
# the parts it may make while the main thread works: the part under way as that began and a
# few more on a loaded machine; before it gave way, it made 60 of 60 tables' parts meanwhile
# and 23 of 60 thousand annotations
MEANWHILE = PARTS // 4


def _busy_main_thread(parts_made: list[bool], work: Callable[[], Any]) -> list[bool]:
    """Run ``work`` in a worker while this (the main) thread works in Python from the
    worker's first part on, for about as long as the worker takes alone; then idle until the
    worker ends.  ``parts_made`` is filled by the worker, one flag per part: whether this
    thread was still at its work then.  Returns those flags."""
    busy = threading.Event()
    busy.set()
    done = threading.Event()

    def worker() -> None:
        try:
            work()
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    while not parts_made and not done.is_set():  # (its first part started)
        pass
    total = 0
    for number in range(3_000_000):  # the main thread answering a key, in Python
        total += number % 7
    busy.clear()
    parts_made.append(False)  # (a mark: the main thread's work over)
    thread.join()
    assert total > 0
    cut = parts_made.index(False)
    return parts_made[:cut]


def test_a_table_written_in_a_worker_waits_while_the_main_thread_is_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = {str(n): {"n": n, "text": "ab " * 40} for n in range(PARTS * snapshot.WRITTEN_AT_ONCE)}
    monkeypatch.setattr(giving_way, "LONGEST", 60.0)  # (its bound: the last test's)
    parts_made: list[bool] = []

    class CountedJson:  # snapshot's json: each part's dump counted as it is made
        @staticmethod
        def dumps(value: Any) -> str:
            parts_made.append(True)
            return json.dumps(value)

    monkeypatch.setattr(snapshot, "json", CountedJson)
    written: list[list[bytes]] = []
    while_busy = _busy_main_thread(parts_made, lambda: written.append(snapshot.table_json(table)))
    assert len(while_busy) <= MEANWHILE, f"{len(while_busy)} of {PARTS} parts made meanwhile"
    assert b"".join(written[0]) == json.dumps(table).encode("ascii")


def test_a_table_read_in_parts_in_a_worker_waits_while_the_main_thread_is_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = {str(n): {"n": n, "text": "ab " * 40} for n in range(20_000)}
    text = json.dumps(table).encode("ascii")
    part = len(text) // PARTS
    monkeypatch.setattr(giving_way, "LONGEST", 60.0)
    parts_made: list[bool] = []
    loads = exact_json.loads

    def counted(data: bytes) -> Any:
        parts_made.append(True)
        return loads(data)

    monkeypatch.setattr(exact_json, "loads", counted)
    read: list[Any] = []
    while_busy = _busy_main_thread(
        parts_made, lambda: read.append(exact_json.loads_object(text, part))
    )
    assert len(while_busy) <= MEANWHILE, f"{len(while_busy)} of {PARTS} parts read meanwhile"
    assert read == [table]


def test_annotations_built_in_a_worker_wait_while_the_main_thread_is_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records = {
        str(n): {"id": f"a{n}", "document": f"d{n % 50}.txt", "start": 0, "end": 3,
                 "quote": "abc", "tags": ["x/y"], "status": "anchored", "revision": 0}
        for n in range(1, PARTS * index.BUILT_AT_ONCE + 1)
    }  # fmt: skip
    built = StoreIndex(Path("db.json"))
    built.apply({ANNOTATIONS: records}, None)
    monkeypatch.setattr(giving_way, "LONGEST", 60.0)
    parts_made: list[bool] = []
    make = built.annotation

    def counted(doc_id: str, coder: str | None = None) -> Annotation | None:
        if int(doc_id) % index.BUILT_AT_ONCE == 0:  # a thousand built
            parts_made.append(True)
        return make(doc_id, coder)

    monkeypatch.setattr(built, "annotation", counted)
    found: list[list[tuple[str, Annotation]]] = []
    while_busy = _busy_main_thread(parts_made, lambda: found.append(built.all(list(records))))
    assert len(while_busy) <= MEANWHILE, f"{len(while_busy)} of {PARTS} thousands meanwhile"
    assert [i for i, _ in found[0]] == list(records)


def _looks_of_a_worker_giving_way_twice(
    monkeypatch: pytest.MonkeyPatch, longest: float
) -> list[float]:
    """A worker thread gives way twice, waiting at most ``longest`` seconds: the sleeps it
    took, in turn, once it has ended."""
    looks: list[float] = []
    sleep = giving_way.time.sleep

    def counted_sleep(seconds: float) -> None:
        looks.append(seconds)
        sleep(seconds)

    monkeypatch.setattr(giving_way.time, "sleep", counted_sleep)
    monkeypatch.setattr(giving_way, "LONGEST", longest)

    def worker() -> None:
        giving_way.give_way()
        giving_way.give_way()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    return looks


def test_the_main_thread_never_waits_for_itself() -> None:
    giving_way._seen.__dict__.pop("last", None)
    for _ in range(3):  # (a command's fold, on its only thread: nothing to give way to)
        giving_way.give_way()
    assert not hasattr(giving_way._seen, "last")


def test_a_worker_waits_no_longer_than_its_bound_however_busy_the_main_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the main thread's time always far ahead: busy at every look
    ticks = iter(range(0, 10**9, 10))
    monkeypatch.setattr(giving_way, "_main_time", lambda main: float(next(ticks)))
    # the first look: nothing to compare with; the second, busy: waits, then goes on
    looks = _looks_of_a_worker_giving_way_twice(monkeypatch, longest=0.05)
    assert giving_way.STEP in looks  # it waited, and came back


def test_a_worker_waits_while_the_main_thread_waits_for_a_processor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a loaded machine: the main thread waits for a processor, and the time it waits is not
    # in its figures until it gets one, so by them alone it looks quiet at every look
    ticks = iter([0.0, 1.0] + [1.0] * 1000)  # busy at the first look, then still
    monkeypatch.setattr(giving_way, "_main_time", lambda main: next(ticks))
    runnable = [True] * 6 + [False] * 1000  # waiting for a processor for six looks
    monkeypatch.setattr(giving_way, "_runnable", lambda main: runnable.pop(0), raising=False)
    # the first look: nothing to compare with; the second, busy: waits while the main thread
    # waits, then two quiet looks
    looks = _looks_of_a_worker_giving_way_twice(monkeypatch, longest=60.0)
    assert looks.count(giving_way.STEP) == 6 + 2
