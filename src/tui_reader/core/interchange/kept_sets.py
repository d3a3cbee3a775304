"""What an export keeps of a few sets of each document's passages beside the places cache:
the entries of each document, by key, the last used first (:mod:`.kept_blocks`, the
Markdown export's blocks; :mod:`.kept_contexts`, the W3C export's contexts lengthened)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from tui_reader.core.annotations.placement_cache import PlacementCache

E = TypeVar("E")


class KeptSets(Generic[E]):
    """The entries kept of each document's sets of passages, by key, the last used first;
    the file at ``path`` read (by :meth:`_load`) when first asked (None: nothing kept),
    ``placements`` the places cache they are kept beside."""

    def __init__(self, path: Path | None, placements: PlacementCache) -> None:
        self.path = path
        self._placements = placements
        self._entries: dict[str, list[E]] | None = None
        self._dirty = False  # an entry put or moved first since the file was read

    def _load(self, path: Path) -> dict[str, list[E]]:
        """The entries of the file at ``path`` (none when it cannot be taken)."""
        raise NotImplementedError

    @property
    def _kept(self) -> dict[str, list[E]]:
        if self._entries is None:
            self._entries = self._load(self.path) if self.path is not None else {}
        return self._entries

    def _used(self, entries: list[E], at: int) -> E:
        """The entry at ``at`` of a document's ``entries``, moved first: the last used first,
        kept before those not asked for since."""
        if at:
            entries.insert(0, entries.pop(at))
            self._dirty = True
        return entries[0]
