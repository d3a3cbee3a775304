"""A database's JSON is parsed with the cyclic collector paused, and left as it was after."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from helpers.collector import collector_at_parse

from tui_reader.core.errors import StoreError
from tui_reader.core.store.journal_lines import parse_snapshot


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_a_database_is_parsed(
    monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    with collector_at_parse(monkeypatch, enabled) as seen:
        tables = parse_snapshot(b'{"annotations": {"1": {"id": "a"}}}', Path("db.json"))
        assert tables == {"annotations": {"1": {"id": "a"}}}
        assert seen == [False]
        assert gc.isenabled() is enabled
        with pytest.raises(StoreError, match="damaged JSON"):
            parse_snapshot(b'{"annotations": ', Path("db.json"))
        assert gc.isenabled() is enabled
