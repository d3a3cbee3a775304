"""The reading positions part of the store: where reading stopped in each document.

Table ``positions`` of ``annotations.json``: ``document``, ``offset`` (code point),
``updated``.  The document saved last is the one being read (the app reopens it).
"""

from __future__ import annotations

from tui_reader.core.annotations.model import utc_now
from tui_reader.core.store.index import POSITIONS
from tui_reader.core.store.records import Records


class PositionRecords(Records):
    """Reading positions: mixed into :class:`AnnotationStore`."""

    def reading_positions(self) -> dict[str, int]:
        """Every saved reading position, by document key (one read, not one per document)."""
        self._tables.refresh()
        with self._mutex:
            table = self._tables.data.get(POSITIONS, {})
            found = {key: table.get(doc_id, {}).get("offset") for key, doc_id in
                     self._index.position_ids.items()}  # fmt: skip
        return {key: offset for key, offset in found.items() if isinstance(offset, int)}

    def reading_position(self, document: str) -> int | None:
        """The saved reading position of ``document`` (code point), if any."""
        self._tables.refresh()
        doc_id = self._index.position_ids.get(document)
        if doc_id is None:
            return None
        offset = self._tables.data.get(POSITIONS, {}).get(doc_id, {}).get("offset")
        return offset if isinstance(offset, int) else None

    def last_read(self) -> str | None:
        """The document whose reading position was saved last (the one being read), if any."""
        self._tables.refresh()
        records = self._tables.data.get(POSITIONS, {}).values()
        stamped = [(str(r.get("updated", "")), i, r.get("document")) for i, r in enumerate(records)]
        latest = max(stamped, default=None)
        return None if latest is None or not isinstance(latest[2], str) else latest[2]

    def set_reading_position(self, document: str, offset: int) -> None:
        """Remember where reading stopped in ``document`` (code point)."""
        with self._writing():
            doc_id = self._index.position_ids.get(document) or self._index.new_doc_id(POSITIONS)
            record = {"document": document, "offset": int(offset), "updated": utc_now()}
            self._commit([(POSITIONS, doc_id, record)])
