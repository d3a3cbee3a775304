"""The cyclic collector's state seen by each JSON parse, for the tests that a parse pauses it."""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable, Iterator

import orjson
import pytest


@contextlib.contextmanager
def collector_at_parse(monkeypatch: pytest.MonkeyPatch, enabled: bool) -> Iterator[list[bool]]:
    """While inside: the collector ``enabled`` (or not), and each ``json.loads`` or
    ``orjson.loads`` call appends whether the collector ran during it to the list yielded; the
    collector as it was after."""
    seen: list[bool] = []

    def spied(real: Callable[[str | bytes], object]) -> Callable[[str | bytes], object]:
        def loads(text: str | bytes) -> object:
            seen.append(gc.isenabled())
            return real(text)

        return loads

    monkeypatch.setattr(json, "loads", spied(json.loads))
    monkeypatch.setattr(orjson, "loads", spied(orjson.loads))
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        yield seen
    finally:
        (gc.enable if was else gc.disable)()
