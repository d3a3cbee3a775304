"""How exports show when an annotation was made (lines: :mod:`tui_reader.core.documents.lines`)."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta


@functools.lru_cache(maxsize=4096)  # an export's annotations share their times often
def display_time(iso: str) -> str:
    """``2026-11-20T10:00:00Z`` as ``2026-11-20 10:00 UTC``; anything unparsable as given."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    offset = moment.utcoffset()
    if offset is None or offset == timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M UTC%z")
