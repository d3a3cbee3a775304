"""How exports show times: a time in tui-reader's own form (UTC, to the second) is shown
without being parsed, exactly as parsing it would show it."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.interchange import places, refi

_TIMES = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31))


@given(moment=_TIMES)
def test_a_time_in_our_form_is_shown_as_parsing_would_show_it(moment: datetime) -> None:
    iso = moment.replace(microsecond=0, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert places.utc_to_the_second(iso)
    assert places.display_time(iso) == places._display_time(iso)
    assert refi.date_time(iso) == refi._parsed_date_time(iso) == iso


@given(text=st.text(alphabet="0123456789-T:Z+. ", max_size=25))
def test_any_other_text_takes_the_parse(text: str) -> None:
    assert places.display_time(text) == places._display_time(text)
    assert refi.date_time(text) == refi._parsed_date_time(text)


def test_times_in_other_forms_or_that_do_not_exist() -> None:
    assert places.display_time("2026-11-20T10:00:00Z") == "2026-11-20 10:00 UTC"
    assert places.display_time("2026-02-30T10:00:00Z") == "2026-02-30T10:00:00Z"  # as given
    assert places.display_time("2026-11-20T10:00:00+02:00") == "2026-11-20 10:00 UTC+0200"
    assert places.display_time("2026-11-20T10:00:00.250Z") == "2026-11-20 10:00 UTC"
    assert refi.date_time("2026-02-30T10:00:00Z") is None
    assert refi.date_time("2026-11-20T10:00:00.250Z") == "2026-11-20T10:00:00.250000Z"
    assert refi.date_time("2026-11-20T10:00:00+02:00") == "2026-11-20T10:00:00+02:00"


_TIME_PARTS = st.sampled_from(
    ["2026", "0000", "2026-02-30", "-", "T", "Z", ":", "\n", "12", "24", "59", "60", "٣", "1", "0"]
)
_TIMES = st.one_of(
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")),
    st.lists(_TIME_PARTS, max_size=12).map("".join),
    st.sampled_from(
        [
            "2026-11-20T10:00:00Z",
            "2026-02-29T10:00:00Z",
            "2024-02-29T23:59:59Z",
            "2026-11-20T24:00:00Z",
            "2026-11-20T10:60:00Z",
            "2026-11-20T10:00:00+00:00",
            "2026-11-20T10:00:00Z\n2026-11-20T10:00:00Z",
            "202٦-11-20T10:00:00Z",
            "",
        ]
    ),
)


@given(st.lists(_TIMES, max_size=8))
def test_a_column_of_times_is_all_in_the_own_form_when_each_is(times: list[str]) -> None:
    assert places.all_utc_to_the_second(times) == all(map(places.utc_to_the_second, times))
