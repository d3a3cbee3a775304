"""The sentences and paragraphs of each document (and by character the stretches of its
characters that count: a transcript's labels left out), kept between runs of ``agreement``.

Comparing two coders by sentence cuts every compared text into sentences: 10,000 documents
(100 MB) took 4 s to split and 2 s to load, four fifths of the whole count.  A text's units
depend on that text alone (and on the rules that cut them: see :func:`release`), so
this cache keeps them by document key together with the hash of the canonical text they were
cut from: while the facts the library keeps of a file (:mod:`~tui_reader.core.documents.
facts_cache`, checked against its size and modification time) give the same hash, the units
are still that text's, and the document need not be loaded.  Another text, or another
version of tui-reader, misses, and the text is loaded and cut as before.

Never the truth: a cache file that cannot be read, is from another version, or holds an entry
that is not as it was kept (damaged, edited: its check does not match) or not a sorted run of
units inside its text, is ignored (that entry, or the whole file); one that cannot be written
is left unsaved.  Each unit list is kept as the bytes of little-endian 32-bit ``start, end``
pairs followed by an 8-byte check of them (a BLAKE2b digest of the text's hash, the unit and
the pairs: an entry emptied, or set to other spans that fit in the text, no longer passes for
its units) in base64 (a million sentences: 11 MB, read in 0.05 s).  Where it lives:
:func:`tui_reader.locations.units_cache_path`.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from tui_reader.core.cache_files import read_cache_documents, release_of, write_cache_documents
from tui_reader.core.documents import units as unit_rules

VERSION = 9  # 2: each unit list followed by its check; 3: transcripts' labels left out;
# 4: a table's rows its paragraphs, its sentences in their cells (table_units); 5: a turn of
# a transcript's sheet a paragraph of its own; 6: a Word, ODT, RTF, web page's or Markdown
# table's rows its paragraphs; 7: a document's own turns' labels left out (a transcript's sheet);
# 8: a Markdown file's table read as the search reads it, its rows its paragraphs; 9: a
# table of a Word, web page... file whose title row spans its columns cut a row a paragraph
_LIMIT = 2**32  # offsets past this do not fit the kept form: such a text is not kept
_KEPT = np.dtype("<u4")
_CHECK = 8  # bytes of the check that follows the pairs
# A query's distance in words (FOLLOWS/10w) keeps each document's word starts alone, in a
# cache of their own (the agreement's units' file is not made to hold a corpus's every word):
# the gaps between them, each in the fewest bytes the widest needs, deflated (the bench's 19
# million words in a few MB), then their check.
STARTS = "word starts"
_WIDTHS = (1, 2, 4)


@functools.cache
def release() -> str:
    """What kept units depend on besides the text: this cache's form and the rules that cut
    them, as the source of every module those rules live in (where sentences and paragraphs
    end, what a word is, what a speaker's label is, which stretches count by character), so
    a change to any of them misses every kept entry rather than serving units cut the old way.
    """
    from tui_reader.core import lazy_pattern, rare_find
    from tui_reader.core.analysis import agreement
    from tui_reader.core.documents import table_units, turns, words

    return release_of(
        VERSION, unit_rules, table_units, words, turns, agreement, rare_find, lazy_pattern
    )


class UnitsCache:
    """By document key: the hash of a text and its units (sentences, paragraphs) as cut."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, tuple[str, dict[str, str]]] = {}
        self._dirty = False
        if path is not None:
            self._entries = _read(path)

    def spans(self, key: str, sha256: str, unit: str, length: int) -> np.ndarray | None:
        """The ``unit`` spans (an ``(n, 2)`` array of ``[start, end)``) of ``key``'s text when it
        was cut from a text with this hash, whose ``length`` in code points is given; None when
        not kept, or kept in a form that cannot be that text's (damaged)."""
        entry = self._entries.get(key)
        if entry is None or entry[0] != sha256:
            return None
        kept = entry[1].get(unit)
        if kept is None:
            return None
        return decoded(kept, sha256, unit, length)

    def put(self, key: str, sha256: str, unit: str, spans: np.ndarray) -> None:
        """Keep ``spans`` (as :meth:`spans` returns them) as the ``unit`` spans of ``key``'s
        text, whose hash is ``sha256``."""
        if spans.size and int(spans.max()) >= _LIMIT:
            return
        kept = encoded(spans, sha256, unit)
        entry = self._entries.get(key)
        if entry is None or entry[0] != sha256:
            entry = self._entries[key] = (sha256, {})
        if entry[1].get(unit) != kept:
            entry[1][unit] = kept
            self._dirty = True

    def starts(self, key: str, sha256: str, length: int) -> np.ndarray | None:
        """The word starts of ``key``'s text (4-byte integers) when they were kept for a text
        with this hash, of ``length`` code points; None when not kept, or damaged."""
        entry = self._entries.get(key)
        if entry is None or entry[0] != sha256:
            return None
        kept = entry[1].get(STARTS)
        return None if kept is None else decoded_starts(kept, sha256, length)

    def put_starts(self, key: str, sha256: str, starts: np.ndarray) -> None:
        """Keep ``starts`` (sorted, distinct, as :meth:`starts` gives them) as the word starts
        of ``key``'s text, whose hash is ``sha256``."""
        kept = encoded_starts(starts, sha256)
        entry = self._entries.get(key)
        if entry is None or entry[0] != sha256:
            entry = self._entries[key] = (sha256, {})
        if entry[1].get(STARTS) != kept:
            entry[1][STARTS] = kept
            self._dirty = True

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget documents no longer in the corpus."""
        wanted = set(keys)
        for key in [k for k in self._entries if k not in wanted]:
            del self._entries[key]
            self._dirty = True

    def save(self) -> None:
        """Write the cache if anything changed (atomically; errors are ignored)."""
        if self.path is None or not self._dirty:
            return
        records = {key: [sha256, units] for key, (sha256, units) in self._entries.items()}
        if write_cache_documents(self.path, release(), records):
            self._dirty = False


def encoded(spans: np.ndarray, sha256: str, unit: str) -> str:
    """``spans`` (of the ``unit`` of the text whose hash is ``sha256``) in the kept form:
    the pairs' bytes, then their check, in base64."""
    raw = spans.astype(_KEPT).tobytes()
    return base64.b64encode(raw + _check(raw, sha256, unit)).decode("ascii")


def _check(raw: bytes, sha256: str, unit: str) -> bytes:
    """The check of ``raw`` pairs kept as the ``unit`` spans of the text of ``sha256``."""
    return hashlib.blake2b(f"{sha256}\n{unit}\n".encode() + raw, digest_size=_CHECK).digest()


def decoded(kept: str, sha256: str, unit: str, length: int) -> np.ndarray | None:
    """The spans ``kept`` holds (see :func:`encoded`), when their check is theirs and they
    are a sorted run of non-empty, non-overlapping ranges inside a text of ``length`` code
    points; None otherwise."""
    try:
        given = base64.b64decode(kept, validate=True)
    except (binascii.Error, ValueError):
        return None
    raw, check = given[:-_CHECK], given[-_CHECK:]
    if len(given) < _CHECK or len(raw) % 8 or check != _check(raw, sha256, unit):
        return None
    spans = np.frombuffer(raw, dtype=_KEPT).astype(np.int64).reshape(-1, 2)
    if spans.size:
        starts, ends = spans[:, 0], spans[:, 1]
        if (
            not bool(np.all(starts < ends))
            or not bool(np.all(starts[1:] >= ends[:-1]))
            or int(ends[-1]) > length
        ):
            return None
    return spans


def encoded_starts(starts: np.ndarray, sha256: str) -> str:
    """``starts`` (sorted, distinct, under 2**32) in the kept form (see :data:`STARTS`)."""
    gaps = np.diff(starts.astype(np.int64), prepend=0)
    widest = int(gaps.max()) if gaps.size else 0
    width = next(w for w in _WIDTHS if widest < 256**w)
    raw = bytes([width]) + gaps.astype(f"<u{width}").tobytes()
    return base64.b64encode(zlib.compress(raw, 1) + _check(raw, sha256, STARTS)).decode("ascii")


def decoded_starts(kept: str, sha256: str, length: int) -> np.ndarray | None:
    """The word starts ``kept`` holds (see :func:`encoded_starts`) as 4-byte integers, when
    their check is theirs and they rise inside a text of ``length`` code points; None
    otherwise (never more read than such a text's starts can take)."""
    try:
        given = base64.b64decode(kept, validate=True)
        inflater = zlib.decompressobj()
        raw = inflater.decompress(given[:-_CHECK], 1 + 4 * max(length, 0))
    except (binascii.Error, ValueError, zlib.error):
        return None
    if (
        len(given) < _CHECK
        or inflater.unconsumed_tail
        or given[-_CHECK:] != _check(raw, sha256, STARTS)
    ):
        return None
    width = raw[0] if raw else 0
    if width not in _WIDTHS or (len(raw) - 1) % width:
        return None
    gaps = np.frombuffer(raw, dtype=f"<u{width}", offset=1)
    if gaps.size and not bool(np.all(gaps[1:] > 0)):
        return None
    starts = np.cumsum(gaps, dtype=np.int64)
    if starts.size and int(starts[-1]) >= length:
        return None
    return starts.astype(np.int32)


def _read(path: Path) -> dict[str, tuple[str, dict[str, str]]]:
    entries: dict[str, tuple[str, dict[str, str]]] = {}
    for key, record in read_cache_documents(path, release()).items():
        if type(record) is not list or len(record) != 2:
            continue
        sha256, units = record
        if (
            type(sha256) is str
            and type(units) is dict
            and all(type(v) is str for v in units.values())
        ):
            entries[key] = (sha256, units)
    return entries
