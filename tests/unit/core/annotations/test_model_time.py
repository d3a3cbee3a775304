"""utc_now writes the time as the datetime module writes it, to the second, each second anew
(written once a second, not at each of 300,000 annotations an autocode makes)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.annotations import model


def _by_datetime(second: float) -> str:
    moment = datetime.fromtimestamp(second, UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


_MICROSECONDS = st.integers(0, 4_102_444_800 * 10**6).map(lambda us: us / 10**6)  # a clock's


@given(st.lists(_MICROSECONDS, min_size=1, max_size=8))
def test_each_time_is_written_as_datetime_writes_it(seconds: list[float]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for second in seconds:
            patch.setattr(model.time, "time", lambda second=second: second)
            assert model.utc_now() == _by_datetime(second)


def test_the_same_second_twice_and_the_next() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model.time, "time", lambda: 1_780_000_000.2)
        first = model.utc_now()
        patch.setattr(model.time, "time", lambda: 1_780_000_000.9)
        assert model.utc_now() == first == "2026-05-28T20:26:40Z"
        patch.setattr(model.time, "time", lambda: 1_780_000_001.0)
        assert model.utc_now() == "2026-05-28T20:26:41Z"
