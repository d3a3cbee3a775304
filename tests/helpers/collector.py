"""The cyclic collector's state seen by each JSON parse, for the tests that a parse pauses it."""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator

import pytest


@contextlib.contextmanager
def collector_at_parse(monkeypatch: pytest.MonkeyPatch, enabled: bool) -> Iterator[list[bool]]:
    """While inside: the collector ``enabled`` (or not), and each ``json.loads`` call appends
    whether the collector ran during it to the list yielded; the collector as it was after."""
    seen: list[bool] = []
    real = json.loads

    def loads(text: str | bytes) -> object:
        seen.append(gc.isenabled())
        return real(text)

    monkeypatch.setattr(json, "loads", loads)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        yield seen
    finally:
        (gc.enable if was else gc.disable)()
