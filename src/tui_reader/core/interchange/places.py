"""How exports show when an annotation was made (lines: :mod:`tui_reader.core.documents.lines`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from datetime import date, datetime, timedelta

# The form tui-reader writes its times in: UTC, to the second
_UTC_TO_THE_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def utc_to_the_second(iso: str) -> bool:
    """True when ``iso`` is a valid time written as tui-reader writes times
    (``2026-11-20T10:00:00Z``): an export can show it without making a datetime of it.  A team's
    100,000 annotations each have their own time: made and shown each took 2 microseconds."""
    if _UTC_TO_THE_SECOND.fullmatch(iso) is None:
        return False
    try:
        datetime.fromisoformat(iso[:19])  # a date and time that exist (not February 30)
    except ValueError:
        return False
    return True


# Times as utc_to_the_second holds them, each followed by a line break: a column told at once
# (the digits ASCII: fromisoformat takes no other; the hour, minute and second in range, as
# fromisoformat checks them; the dates, few, checked one by one).
_UTC_COLUMN = re.compile(
    r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z\n)*"
)


def all_utc_to_the_second(times: Collection[str]) -> bool:
    """Whether :func:`utc_to_the_second` holds for every one of ``times``, told a column at a
    time: one match of their lines in C, then each date once (a team's 100,000 annotations
    have 100,000 times and a few hundred days; each time checked on its own took 1.4
    microseconds).  False may also mean: ask each."""
    if not times:
        return True
    joined = "\n".join(times) + "\n"
    if joined.count("\n") != len(times) or _UTC_COLUMN.fullmatch(joined) is None:
        return False  # (a line break inside a time made two lines of one: none is one)
    try:
        for day in {time[:10] for time in times}:
            date.fromisoformat(day)
    except ValueError:
        return False
    return True


def is_time(iso: str) -> bool:
    """Whether ``iso`` is a time (ISO 8601), not a word an import before such words were
    refused kept as given ('yesterday'), nor empty (a passage dated by no one)."""
    return utc_to_the_second(iso) or _moment(iso) is not None


def times_only(times: list[str]) -> list[str]:
    """Each of ``times`` that is a time as it is, each other one (see :func:`is_time`) empty:
    the column of times a table shows, told a column at a time when all are tui-reader's."""
    if all_utc_to_the_second(times):
        return times
    return [time if is_time(time) else "" for time in times]


@functools.lru_cache(maxsize=4096)
def _moment(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None


def display_time(iso: str) -> str:
    """``2026-11-20T10:00:00Z`` as ``2026-11-20 10:00 UTC``; anything unparsable as given."""
    if utc_to_the_second(iso):
        return f"{iso[:10]} {iso[11:16]} UTC"
    return _display_time(iso)


@functools.lru_cache(maxsize=4096)
def _display_time(iso: str) -> str:
    moment = _moment(iso)
    if moment is None:
        return iso
    offset = moment.utcoffset()
    if offset is None or offset == timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M UTC%z")
