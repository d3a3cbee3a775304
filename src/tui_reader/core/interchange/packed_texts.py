"""The texts a project export (qdpx) carries, taken from the texts cache the corpus search keeps
(:mod:`~tui_reader.core.search.text_pack`) for documents whose annotations are in place, so
10,000 unchanged documents are neither loaded nor encoded again.

A text the pack does not hold yet is read as the search reads it (``read``: the search's
texts of the workspace, which pack it), so the next export, and the next search, find it
there.  A packed text is used only when its file's stamp is the pack's and its hash is the one its
annotations were placed on (the placement cache's): the pack is a cache of another owner, and
a text that is not exactly the placed one would put the selections in the wrong place.  A
text a project cannot hold as it is (a character XML 1.0 has no room for) is left to the
document, whose text is cleaned as always.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from pathlib import Path

from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.errors import DocumentError
from tui_reader.core.search.text_pack import Buffer, TextPack

# The bytes that begin what XML 1.0 cannot hold in UTF-8: C0 controls but tab, line feed and
# carriage return; 0xED and 0xEF lead surrogates and U+FFFE/U+FFFF, and some characters XML
# has room for (then the document's text is used: a rare case, decided exactly there).
_SUSPECT = frozenset([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xED, 0xEF])
_TO_ZERO = bytes(0 if b in _SUSPECT else 1 for b in range(256))


def xml_clean(data: bytes) -> bool:
    """True when the UTF-8 ``data`` holds no character XML 1.0 cannot hold (a few it can are
    also refused: see above)."""
    return 0 not in data.translate(_TO_ZERO)


class PackedTexts:
    """UTF-8 texts of documents in place, by key, from the texts cache."""

    def __init__(
        self,
        pack: TextPack,
        placements: PlacementCache,
        path_of: Callable[[str], Path | str],
        keys: Collection[str],
        read: Callable[[str], object] | None = None,
    ) -> None:
        """``keys``: the documents whose annotations are known in place; ``path_of``: the
        file a key names; ``read(key)``: reads the text of ``key`` into ``pack`` (raises
        :class:`DocumentError`), for a text the pack does not hold."""
        self._pack = pack
        self._placements = placements
        self._path_of = path_of
        self._keys = keys
        self._read = read

    def text(self, key: str) -> bytes | None:
        """The UTF-8 canonical text of ``key`` its annotations were placed on, XML-clean, or
        None (then the document gives it)."""
        sha256 = self._placements.placed_sha256(key) if key in self._keys else None
        if sha256 is None:
            return None
        try:
            stamp = file_stamp(self._path_of(key))
        except DocumentError:
            return None
        data = self._pack.test(key, stamp, _copy)
        if data is None and self._read is not None:
            try:
                self._read(key)
            except DocumentError:
                return None
            data = self._pack.test(key, stamp, _copy)
        if data is None or hashlib.sha256(data).hexdigest() != sha256 or not xml_clean(data):
            return None
        return data

    def sha256(self, key: str) -> str | None:
        """The hash of the text :meth:`text` gives of ``key`` (the one its annotations were
        placed on), None when not known."""
        return self._placements.placed_sha256(key)

    def save(self) -> None:
        """Keep the texts read into the pack (see :meth:`TextPack.save`)."""
        self._pack.save()


def _copy(buffer: Buffer, start: int, end: int, _flags: int) -> bytes:
    return bytes(buffer[start:end])
