"""The plain texts and Markdown files of a corpus's folders that are Markdown exports of
ours, kept between listings by each folder's modification time (a Markdown file's first bytes
were read at every listing: 2,000 of the benchmark's 10,000 files, 25 ms of a second start's
CPU).

``export -o notes.txt`` run in the corpus folder wrote our Markdown under a plain text's
name: it was listed, searched (each of its quotes found twice) and exported as a document.
Telling it by its first bytes at each listing read every plain text's (8,000 of the
benchmark's 10,000 files: 123 ms of the listing's CPU became 214 ms).  A folder's time
changes when a file in it is added, removed, renamed, or written over by a rename, as every
export and most editors write one; so a folder whose time is as it was holds the plain texts
it held, and those of ours are the ones found last time: no file of it is read.  A folder
changed is read again (each of its plain texts' first bytes), and a folder changed in the
last seconds is not kept at all: a file added within the same tick of the clock that
stamped the folder would leave its time as it was.  A plain text written over in place
(``>`` onto a file that was there, ``export -f markdown > docs/a.txt``) changes no folder's
time: it stayed listed as a document until its folder next changed.  So the time each
folder's texts were looked at is kept too, and a text of an unchanged folder whose change
time is later (or a moment before: :data:`RECENT`, a file system's clock behind ours) has its
first bytes read again; one ``stat`` a text (8,000 of the benchmark's texts: about 35 ms of a
listing's CPU, under load), no file read."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

from tui_reader.core.cache_files import make_cache_folder, read_cache_more

_VERSION = 3  # 2: the time each folder's texts were looked at kept too; 3: its Markdown's too
# A folder changed this recently (ns) is read again next time (see above): a file system's
# clock ticks every few milliseconds, a network one's every second or two.
RECENT = 3_000_000_000


class OwnTexts:
    """The names of each folder's plain texts that are exports of ours, as last found,
    kept in the cache file ``path`` (None: none kept, each folder's read); and the names of
    the files the last listing found, in its order, made by the rules ``order_rules`` (see
    :meth:`order`)."""

    def __init__(self, path: Path | None, rules: str, order_rules: str = "") -> None:
        self._path = path
        self._rules = rules  # what tells an export of ours (its patterns): a change misses all
        self._order_rules = order_rules
        kept: dict[str, Any] = {}
        more: dict[str, Any] = {}
        if path is not None:
            kept, more = read_cache_more(path, _VERSION)
            if more.get("rules") != rules:
                kept, more = {}, {}
        self._kept = kept
        order = more.get("order")
        same = bool(order_rules) and more.get("order_rules") == order_rules
        self._order: list[Any] | None = order if same and isinstance(order, list) else None
        self._seen: dict[str, list[Any]] = {}
        self._changed = False
        self._now = time.time_ns()  # before any file is looked at

    def ours(self, folder: str, modified: int) -> set[str] | None:
        """The paths of the plain texts of ``folder`` (whose modification time is
        ``modified``, ns) that are ours, as found last time; None when the folder changed
        since, or was not seen (:meth:`keep` what is found then)."""
        kept = self._kept.get(folder)
        if (
            not isinstance(kept, list)
            or len(kept) != 3
            or kept[0] != modified
            or not isinstance(kept[1], list)
            or not isinstance(kept[2], int)
        ):
            return None
        self._seen[folder] = kept
        here = os.path.join(folder, "")
        return {here + name for name in kept[1] if isinstance(name, str)}

    def changed_since(self, folder: str) -> int:
        """The change time (ns) from which a plain text of ``folder``, whose texts
        :meth:`ours` gave, is to be read again: written since they were looked at (or a
        moment before, :data:`RECENT`: a file system's clock may be behind ours)."""
        kept = self._seen.get(folder)
        return kept[2] - RECENT if kept is not None else 0

    def keep(self, folder: str, modified: int, found: set[str]) -> None:
        """Keep ``found``, the paths of the plain texts of ours in ``folder`` (whose
        modification time is ``modified``), for the next listing; not when the folder
        changed a moment ago (see above): it is read again then."""
        if self._now - modified > RECENT:
            here = os.path.join(folder, "")
            names = sorted(path[len(here) :] for path in found)
            self._seen[folder] = [modified, names, self._now]
            self._changed = True

    def order(self) -> list[Any] | None:
        """The names of the files the last listing found, in the order it gave them (by the
        rules it was given then, the ones given now): a listing finding the same files gives
        them in that order, no name's sort key made again (10,000 of them: 25 ms of each
        start).  None when none was kept."""
        return self._order

    def keep_order(self, names: list[str]) -> None:
        """Keep ``names``, the files a listing found, in its order, for the next listing."""
        if names != self._order:
            self._order = names
            self._changed = True

    def save(self) -> None:
        """Keep what was found for the next listing (the folders of this one alone), when it
        changed; a cache that cannot be written is left as it was, unsaid."""
        if self._path is None or not (self._changed or self._seen.keys() != self._kept.keys()):
            return
        value: dict[str, Any] = {"version": _VERSION, "documents": self._seen, "rules": self._rules}
        if self._order is not None and self._order_rules:
            value.update(order=self._order, order_rules=self._order_rules)
        data = json.dumps(value).encode("ascii")
        # Through a file of this process's own, renamed over it (a reader never sees half of
        # it): not write_cache_file's tempfile, which a command writing no other cache does
        # without (8 ms to load, with random and shutil's compressions).
        path = self._path
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            make_cache_folder(path.parent)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
