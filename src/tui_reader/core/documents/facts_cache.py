"""A cache of document facts between runs, keyed on path, size and modification time.

Never the truth: a file whose size or modification time changed is read again, and a cache
file that cannot be read or parsed (damaged, from another version) is ignored and rewritten.
It is written atomically (temp file + rename); a folder that cannot be written leaves it
unsaved, silently: the cache only saves time.  Where it lives is decided in
:func:`tui_reader.locations.facts_cache_path`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from pathlib import Path

from tui_reader.core.documents.facts import DocumentFacts

VERSION = 1
Stamp = tuple[int, int]  # (mtime_ns, size), as workspace.file_stamp gives it


class FactsCache:
    """Facts by document key, each with the stamp of the file it was read from."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[Stamp, DocumentFacts]] = {}
        self._dirty = False
        if path is not None:
            self._entries = _read(path)

    def get(self, key: str, stamp: Stamp) -> DocumentFacts | None:
        """The facts of ``key`` if they were read from a file with this ``stamp``."""
        with self._lock:
            known = self._entries.get(key)
        return known[1] if known is not None and known[0] == stamp else None

    def put(self, key: str, stamp: Stamp, facts: DocumentFacts) -> None:
        with self._lock:
            if self._entries.get(key) != (stamp, facts):
                self._entries[key] = (stamp, facts)
                self._dirty = True

    def keep_only(self, keys: set[str]) -> None:
        """Forget documents no longer in the corpus."""
        with self._lock:
            for key in [k for k in self._entries if k not in keys]:
                del self._entries[key]
                self._dirty = True

    def save(self) -> None:
        """Write the cache if anything changed (atomically; errors are ignored)."""
        with self._lock:
            if self.path is None or not self._dirty:
                return
            records = {
                key: [stamp[0], stamp[1], f.title, f.words, f.length, f.exact]
                for key, (stamp, f) in self._entries.items()
            }
            self._dirty = False
        data = json.dumps({"version": VERSION, "documents": records}, ensure_ascii=False)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _read(path: Path) -> dict[str, tuple[Stamp, DocumentFacts]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    records = data.get("documents")
    if not isinstance(records, dict):
        return {}
    entries: dict[str, tuple[Stamp, DocumentFacts]] = {}
    for key, record in records.items():
        try:
            mtime, size, title, words, length, exact = record
        except (TypeError, ValueError):
            continue
        if (
            isinstance(mtime, int)
            and isinstance(size, int)
            and isinstance(title, str)
            and isinstance(words, int)
            and isinstance(length, int)
            and isinstance(exact, bool)
        ):
            entries[key] = ((mtime, size), DocumentFacts(title, words, length, exact))
    return entries
