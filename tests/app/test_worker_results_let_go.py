"""What a worker thread ran is let go once the app drops it: an idle worker thread kept the
last worker it ran, with its result and its work (a bound method: its widget, the app)."""

from __future__ import annotations

import gc
import weakref

from helpers.app import AppFactory, ready, workers_done
from helpers.threads import worker_result


class Result:
    """A worker's result (the search's hits, a document's text): only the worker has it."""


async def test_a_thread_worker_s_result_is_let_go_once_the_app_drops_it(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await workers_done(app)
        worker = app.run_worker(Result, thread=True)
        result = weakref.ref(await worker_result(worker, "made a Result"))
        worker_gone = weakref.ref(worker)
        del worker
        await workers_done(app)
        await pilot.pause()
        gc.collect()
        assert worker_gone() is None
        assert result() is None
