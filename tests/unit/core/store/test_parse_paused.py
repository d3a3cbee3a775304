"""A database's JSON is parsed with the cyclic collector paused, and left as it was after."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from tui_reader.core.errors import StoreError
from tui_reader.core.store import journal_lines
from tui_reader.core.store.journal_lines import parse_snapshot


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_a_database_is_parsed(
    monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    seen: list[bool] = []
    real = json.loads

    def loads(text: str) -> object:
        seen.append(gc.isenabled())
        return real(text)

    monkeypatch.setattr(journal_lines.json, "loads", loads)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        tables = parse_snapshot(b'{"annotations": {"1": {"id": "a"}}}', Path("db.json"))
        assert tables == {"annotations": {"1": {"id": "a"}}}
        assert seen == [False]
        assert gc.isenabled() is enabled
        with pytest.raises(StoreError, match="damaged JSON"):
            parse_snapshot(b'{"annotations": ', Path("db.json"))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
