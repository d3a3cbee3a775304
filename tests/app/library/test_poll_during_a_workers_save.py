"""The store's poll never waits on the thread that answers the keys for a save a worker makes.

At 100,000 annotations, the library's worker that follows files reached another way saved
every passage again in one save of 13 s; the poll, every two seconds on the UI thread, waited
for the store the save held, and the screen with it: no key was answered all that while.
The poll now looks next time when a worker holds the store."""

from __future__ import annotations

import threading

from helpers.app import wait_until
from helpers.passages import Annotated
from helpers.threads import held_until

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp


async def test_the_poll_does_not_wait_for_a_save_a_worker_holds(annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(100, 30)) as pilot:
        store = app.workspace.store
        holding, released = threading.Event(), threading.Event()

        def save_of_seconds() -> None:  # held as a save holds the store
            with store._mutex, store._tables.locked():
                holding.set()
                # (a bound, should the poll wait on it: the test then fails, it does not hang)
                held_until(released)

        worker = threading.Thread(target=save_of_seconds)
        worker.start()
        assert holding.wait(timeout=10)
        app.store_poll.poll()
        held_still = worker.is_alive()
        released.set()
        worker.join()
        assert held_still, "the poll waited for the worker's save to end"

        # once the store is free, the poll looks: another process's change is followed
        revision = store.revision
        with AnnotationStore(annotated.db) as other:
            first: Annotation = other.annotations()[0]
            other.delete(first.id)
        app.store_poll.poll()
        await wait_until(pilot, lambda: store.revision != revision)
        assert first.id not in {a.id for a in store.annotations()}
