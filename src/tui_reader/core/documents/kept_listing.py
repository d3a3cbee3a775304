"""The corpus listing kept between runs, for the corpus search asked for at start: the keys
of the documents in their order and where each lies, with every folder listed and its
modification time.

The app's first listing of a corpus of 10,000 files takes a few tenths of a second beside
the rest of a start, and a search asked for meanwhile waited for it before it searched a
text, though the texts were kept (the listing fixes the order of the hits).  A folder's
time changes when a file in it is added, removed or renamed, so a listing whose folders all
have their times as kept lists what it listed then, in the same order: the search begins
with it while the listing is made, and the caller checks it against that listing once it
has ended (a text written over in place as an export of ours changes no folder's time).
A folder changed in the last seconds is not kept (a file added within the same tick of the
clock that stamped it would leave its time as it was), as :mod:`.own_texts` does not.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui_reader.core.cache_files import read_own_file, release_of, write_cache_file
from tui_reader.core.documents.own_texts import RECENT

_VERSION = 1


def _release() -> str:
    """The form of the file and the rules the listing kept was made by (the formats listed,
    the files left out): another release lists otherwise, its listing is not taken."""
    from tui_reader.core.documents import corpus, formats

    return release_of(_VERSION, corpus, formats)


def keep_listing(
    path: Path,
    corpus: str,
    keys: Sequence[str],
    inside: Mapping[str, str],
    folders: Mapping[str, int],
) -> bool:
    """Write the listing of ``corpus`` (its absolute path): the documents' ``keys`` in order,
    the location of each that is no link (``inside``), the ``folders`` listed with their
    modification times (ns) to the cache file ``path``; whether it was written: not when a
    folder could not be listed or changed a moment ago (see above), nor when it cannot be."""
    now = time.time_ns()
    if any(mtime < 0 or now - mtime <= RECENT for mtime in folders.values()):
        return False
    value = {
        "version": _release(),
        "corpus": corpus,
        "folders": dict(folders),
        "keys": list(keys),
        "places": [inside.get(key) for key in keys],
    }
    data = json.dumps(value).encode("ascii")
    return write_cache_file(path, lambda handle: handle.write(data))


def kept_listing(path: Path, corpus: str) -> tuple[list[str], dict[str, str]] | None:
    """The listing of ``corpus`` kept in ``path`` (:func:`keep_listing`), ``(keys, inside)``,
    when every folder it listed has its modification time as then (one ``stat`` a folder);
    ``None`` when one changed or went, or there is none (missing, damaged, of another corpus
    or version)."""
    try:
        value = json.loads(read_own_file(path))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or value.get("version") != _release():
        return None
    folders, keys, places = value.get("folders"), value.get("keys"), value.get("places")
    if value.get("corpus") != corpus or not isinstance(folders, dict) or not folders:
        return None
    if not isinstance(keys, list) or not isinstance(places, list) or len(keys) != len(places):
        return None
    within = os.path.join(corpus, "")
    for folder, mtime in folders.items():
        if not isinstance(mtime, int) or (folder != corpus and not folder.startswith(within)):
            return None
        try:
            if os.stat(folder).st_mtime_ns != mtime:
                return None
        except OSError:
            return None
    inside: dict[str, str] = {}
    for key, place in zip(keys, places, strict=True):
        if not isinstance(key, str):
            return None
        if place is not None:
            if not isinstance(place, str) or not place.startswith(within):
                return None
            inside[key] = place
    return keys, inside
