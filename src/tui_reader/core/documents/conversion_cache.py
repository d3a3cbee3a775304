"""Converted texts kept on disk, so that reopening a 300-page PDF is as fast as a .txt (and a
Markdown file: markdown-it-py renders about 10 MB a second, a cached copy reads five times faster).

An entry is keyed by the sha256 of the file's bytes, the format and its converter's version
(:data:`~tui_reader.core.documents.formats.CONVERTER_VERSIONS`): an edited file or an upgraded
converter simply misses.  Each entry carries the sha256 of its own payload and is used only
when that matches, so a damaged or half-written entry is never trusted (it is removed and
the file converted again).  Writes are atomic (a temporary file renamed into place); the
folder is kept under a size bound by dropping the least recently used entries.  A cache that
cannot be written (read-only disk) is silently not used.

The converter's answer that a file's bytes cannot be read (a scanned PDF with no text layer,
a damaged Word file) is kept too, beside the conversions, under the same key and the
release of tui-reader (:meth:`ConversionCache.refusal`): an edited or replaced file, a new
converter or a new release tries it again.

A conversion stopped by its time limit, having taken its whole limit of processor time
(:class:`~tui_reader.core.errors.TimeLimitStopped`), is counted under the same key, once a
run (a process: a command, a start of the app); stopped so on :data:`STOPS_BEFORE_SKIP` runs
under a limit as long as today's, the file is not tried again (:meth:`ConversionCache.stopped`):
every command waited the whole limit to say it once more.  A longer limit, an edited file, a
new converter or a new release tries it again.  A stop that took less processor time than
its limit (a machine too busy to run it) is not counted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_reader import __version__
from tui_reader.core.cache_files import make_cache_folder, read_own_file
from tui_reader.core.documents.formats import BINARY_FORMATS, DECODING_VERSION, Parsed
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.turns import Turn
from tui_reader.core.documents.words import WORDS_VERSION
from tui_reader.core.exact_json import json_loads
from tui_reader.locations import DEFAULT_CACHE_BYTES, resolve_cache_dir


@dataclass(frozen=True, slots=True)
class Cached:
    """A conversion and the figures of its text that take a pass over it to compute (kept so
    that reopening costs no more than reading the entry)."""

    parsed: Parsed
    sha256: str  # of the canonical text, as text_sha256 computes it
    words: int
    encoding: str = ""  # of a text format's bytes (Markdown), as decode_bytes found it


_KINDS = {str(kind): kind for kind in SpanKind}
_SUFFIX = ".json"
_MAGIC = "tui-reader-conversion"
_REFUSED = ".refused"  # before _SUFFIX: a refusal's file, counted and trimmed with the rest
_REFUSAL_MAGIC = "tui-reader-refusal"
_STOPS = ".stopped"  # before _SUFFIX: the time-limit stops of a key's conversion
_STOPS_MAGIC = "tui-reader-stops"
# How many runs a conversion must be stopped by its time limit on before it is not tried again.
STOPS_BEFORE_SKIP = 2
_STOPS_KEPT = 8  # the last stops a file keeps
# This run (this process): stops within one count once.
RUN = f"{os.getpid()}-{os.urandom(6).hex()}"


@dataclass(frozen=True, slots=True)
class Stops:
    """The runs a key's conversion was stopped on by a limit as long as the one asked about:
    how many, the longest limit among them, and when the last was (seconds since the epoch)."""

    runs: int
    limit: float
    last: float


class ConversionCache:
    """A folder of converted documents, bounded to ``max_bytes``."""

    def __init__(self, folder: Path | None = None, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.folder = folder if folder is not None else resolve_cache_dir() / "converted"
        self.max_bytes = max_bytes
        self._total: int | None = None  # bytes in the folder when last counted, + written since

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def get(self, key: str) -> Cached | None:
        """The conversion stored under ``key``, or ``None`` (missing, damaged or stale)."""
        path = self._path(key)
        try:
            raw = read_own_file(path)
        except OSError:
            return None
        parsed = _decode(raw, key)
        if parsed is None:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        return parsed

    def put(self, key: str, cached: Cached) -> None:
        """Store ``cached`` under ``key`` (best effort: errors are ignored)."""
        self._write(self._path(key), _encode(cached, key))

    def refusal(self, key: str) -> str | None:
        """Why the bytes of ``key`` could not be converted, as the converter said it when
        this release of tui-reader tried them, or ``None`` (never tried, or not kept)."""
        path = self.folder / f"{key}{_REFUSED}{_SUFFIX}"
        try:
            raw = read_own_file(path)
        except OSError:
            return None
        try:
            entry = json_loads(raw)
        except ValueError:
            entry = None
        reason = entry.get("reason") if isinstance(entry, dict) else None
        if (
            not isinstance(entry, dict)
            or entry.get("magic") != _REFUSAL_MAGIC
            or entry.get("key") != key
            or entry.get("release") != __version__
            or not isinstance(reason, str)
            or not reason
        ):
            with contextlib.suppress(OSError):
                path.unlink()  # damaged, or of another release: tried again
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        return reason

    def refuse(self, key: str, reason: str) -> None:
        """Keep ``reason``, the converter's answer that the bytes of ``key`` cannot be
        converted (best effort: errors are ignored)."""
        entry = {"magic": _REFUSAL_MAGIC, "key": key, "release": __version__, "reason": reason}
        data = json.dumps(entry).encode("ascii")  # (a lone surrogate escaped, read back)
        self._write(self.folder / f"{key}{_REFUSED}{_SUFFIX}", data)

    def _stops_path(self, key: str) -> Path:
        return self.folder / f"{key}{_STOPS}{_SUFFIX}"

    def _read_stops(self, key: str) -> list[tuple[str, float, float]]:
        """The stops kept for ``key``, ``(run, limit, when)`` each (none when the entry is
        missing, damaged or of another release)."""
        try:
            entry = json_loads(read_own_file(self._stops_path(key)))
            if (
                not isinstance(entry, dict)
                or entry.get("magic") != _STOPS_MAGIC
                or entry.get("key") != key
                or entry.get("release") != __version__
            ):
                return []
            return [(str(run), float(limit), float(when)) for run, limit, when in entry["stops"]]
        except (OSError, ValueError, KeyError, TypeError):
            return []

    def stopped(self, key: str, limit: float) -> Stops | None:
        """The stops of the conversion of ``key`` by a time limit of at least ``limit``
        seconds when they were on :data:`STOPS_BEFORE_SKIP` runs or more (it is not tried
        again), else ``None``."""
        stops = [stop for stop in self._read_stops(key) if stop[1] >= limit]
        runs = {run for run, _, _ in stops}
        if len(runs) < STOPS_BEFORE_SKIP:
            return None
        return Stops(len(runs), max(s[1] for s in stops), max(s[2] for s in stops))

    def note_stop(self, key: str, limit: float) -> None:
        """Count a stop of the conversion of ``key`` by its time limit of ``limit`` seconds,
        in this run (best effort: errors are ignored)."""
        stops = [stop for stop in self._read_stops(key) if stop[0] != RUN]
        stops.append((RUN, limit, time.time()))
        entry = {
            "magic": _STOPS_MAGIC,
            "key": key,
            "release": __version__,
            "stops": [list(stop) for stop in stops[-_STOPS_KEPT:]],
        }
        self._write(self._stops_path(key), json.dumps(entry).encode("ascii"))

    def _write(self, target: Path, data: bytes) -> None:
        """Write ``data`` to ``target`` in the folder, atomically (errors are ignored)."""
        try:
            make_cache_folder(self.folder)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            if self._total is None or self._total + len(data) > self.max_bytes:
                self._trim()
            else:  # counted, not listed: 2,000 new entries must not list the folder 2,000 times
                self._total += len(data)
        except OSError:
            return

    def _trim(self) -> None:
        """Drop the least recently used entries until the folder holds at most nine tenths
        of ``max_bytes`` (the slack spares a listing of the folder on every later put)."""
        entries = []
        for path in self.folder.glob(f"*{_SUFFIX}"):
            with contextlib.suppress(OSError):
                st = path.stat()
                entries.append((st.st_mtime_ns, st.st_size, path))
        total = sum(size for _, size, _ in entries)
        entries.sort()
        if total > self.max_bytes:
            entries.reverse()  # the oldest last, for pop()
            while total > self.max_bytes * 9 // 10 and len(entries) > 1:
                _, size, path = entries.pop()
                with contextlib.suppress(OSError):
                    path.unlink()
                total -= size
        self._total = total


_DEFAULT_CACHES: dict[Path, ConversionCache] = {}


def default_cache() -> ConversionCache:
    """The user's conversion cache (one object per folder, so that it counts its bytes once)."""
    folder = resolve_cache_dir() / "converted"
    cache = _DEFAULT_CACHES.get(folder)
    if cache is None:
        cache = _DEFAULT_CACHES[folder] = ConversionCache(folder)
    return cache


def cache_key(data: bytes, fmt: str, version: int, sha256: str = "") -> str:
    """The key of the conversion of the file bytes ``data`` as ``fmt`` by converter
    ``version`` (and, for a format decoded to text first, by the decoding's version);
    ``sha256``: the bytes' hash, when taken already."""
    key = f"{sha256 or hashlib.sha256(data).hexdigest()}-{fmt}-v{version}-w{WORDS_VERSION}"
    return key if fmt in BINARY_FORMATS else f"{key}-d{DECODING_VERSION}"


def _encode(cached: Cached, key: str) -> bytes:
    parsed = cached.parsed
    payload = json.dumps(
        {
            "sha256": cached.sha256,
            "words": cached.words,
            "encoding": cached.encoding,
            "text": parsed.text,
            "title": parsed.title,
            "spans": [[s.start, s.end, str(s.kind), s.data] for s in parsed.spans],
            "pages": list(parsed.pages),
            "turns": [_turn_row(t) for t in parsed.turns],
            "metadata": dict(parsed.metadata),
            "problems": list(parsed.problems),
            "unread": [list(page) for page in parsed.unread],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    header = json.dumps(
        {"magic": _MAGIC, "key": key, "sha256": hashlib.sha256(payload).hexdigest()}
    ).encode("utf-8")
    return header + b"\n" + payload


def _turn_row(turn: Turn) -> list[Any]:
    """``turn`` as the cache file keeps it: its later times last, when it has any."""
    row: list[Any] = [turn.start, turn.end, turn.body, turn.speaker, turn.time, turn.said]
    if turn.times:
        row.append([list(mark) for mark in turn.times])
    return row


def _turn(row: list[Any]) -> Turn:
    """The turn of a row :func:`_turn_row` wrote (a ValueError, TypeError or KeyError when
    it is none)."""
    a, b, c, s, t, n, *rest = row
    times = tuple((int(at), str(time)) for at, time in rest[0]) if rest else ()
    return Turn(int(a), int(b), int(c), str(s), str(t), int(n), times)


def _decode(raw: bytes, key: str) -> Cached | None:
    head, _, payload = raw.partition(b"\n")
    try:
        header = json_loads(head)
        if (
            not isinstance(header, dict)
            or header.get("magic") != _MAGIC
            or header.get("key") != key
            or header.get("sha256") != hashlib.sha256(payload).hexdigest()
        ):
            return None
        body: dict[str, Any] = json_loads(payload)
        text = body["text"]
        length = len(text)
        kinds = _KINDS
        spans = [Span(a, b, kinds[k], d) for a, b, k, d in body["spans"]]
        if any(type(s.start) is not int or type(s.end) is not int or type(s.data) is not str
               for s in spans):  # fmt: skip
            return None
        pages = tuple(int(p) for p in body["pages"])
        turns = tuple(_turn(row) for row in body["turns"])
        metadata = {str(k): v for k, v in body["metadata"].items() if isinstance(v, str | int)}
        title = body["title"]
        sha256, words = str(body["sha256"]), int(body["words"])
        encoding = str(body.get("encoding", ""))
        problems = tuple(str(p) for p in body.get("problems", ()))
        unread = tuple((int(n), str(why)) for n, why in body.get("unread", ()))
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(text, str) or not (title is None or isinstance(title, str)):
        return None
    if any(not 0 <= s.start <= s.end <= length for s in spans) or any(
        not 0 <= p <= length for p in pages
    ):
        return None
    parsed = Parsed(text, spans, title, pages, turns, metadata, problems, unread=unread)
    return Cached(parsed, sha256, words, encoding)
