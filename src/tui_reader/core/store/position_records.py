"""The reading positions part of the store: where reading stopped in each document.

Table ``positions`` of ``annotations.json``: ``document``, ``offset`` (code point),
``updated``, ``text_sha256`` (the hash of the document's text: a file moved with no
annotations is found again by it, its memo and attributes following), ``saved``: how many
positions had been saved when it was (``updated`` is to the second: of two saved within
one, it tells the later), and ``marks``: the
document's named marks (less's ``m`` letter), by letter, each as
:class:`~tui_reader.core.documents.named_marks.NamedMark` keeps it.  The document saved last
is the one being read (the app reopens it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tui_reader.core.annotations.model import utc_now
from tui_reader.core.documents.named_marks import NamedMark
from tui_reader.core.store.index import POSITIONS
from tui_reader.core.store.journal import Change
from tui_reader.core.store.records import Records

# The hash of the text a position was kept in: a moved file with no annotations is found by it
TEXT_SHA256 = "text_sha256"
TEXT_SAMPLES = "text_samples"  # a few short pieces of the text: an edited file's found by them


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
        stamped = [
            (str(r.get("updated", "")), _saved(r), i, r.get("document"))
            for i, r in enumerate(records)
            if isinstance(r, dict) and (r.get("offset") is not None or "marks" in r)
        ]  # not a record that only keeps a text's hash (remember_text): never read
        latest = max(stamped, default=None)
        return None if latest is None or not isinstance(latest[3], str) else latest[3]

    def set_reading_position(self, document: str, offset: int, text_sha256: str = "") -> None:
        """Remember where reading stopped in ``document`` (code point); ``text_sha256``: the
        hash of the text read, kept to find the file again when it moves (see
        :meth:`remember_text`)."""
        with self._writing():
            doc_id, kept = self._position_record(document)
            # the later of two saved within a second (the document left, then the one quit)
            saved = max(map(_saved, self._tables.data.get(POSITIONS, {}).values()), default=0)
            record = kept | {
                "document": document, "offset": int(offset), "updated": utc_now(),
                "saved": saved + 1,
            }  # fmt: skip
            if text_sha256:
                record[TEXT_SHA256] = text_sha256
            self._commit([(POSITIONS, doc_id, record)])

    def remember_texts(
        self, texts: Mapping[str, str], samples: Mapping[str, list[str]] | None = None
    ) -> None:
        """Keep the hash of each document's text (``texts``: by key) beside its reading
        position: a file with a memo, attributes or a reading position and no annotation is
        found by it when it moves, as its annotations find a file (one durable step; nothing
        written for a hash kept already).  ``samples``: a few short pieces of a text, by key,
        which find its file moved and edited at once (its hash changed)."""
        samples = samples or {}
        kept = self.texts_remembered()
        kept_samples = self.text_samples()
        texts = {
            key: sha
            for key, sha in texts.items()
            if kept.get(key) != sha or (key in samples and kept_samples.get(key) != samples[key])
        }
        if not texts:
            return
        with self._writing():
            changes: list[Change] = []
            for document, sha in texts.items():
                doc_id, record = self._position_record(document)
                new = record | {"document": document, TEXT_SHA256: sha}
                if document in samples:
                    new[TEXT_SAMPLES] = list(samples[document])
                elif record.get(TEXT_SHA256) != sha:
                    new.pop(TEXT_SAMPLES, None)  # of another text
                if new != record:
                    changes.append((POSITIONS, doc_id, new))
            if changes:
                self._commit(changes)

    def text_samples(self) -> dict[str, list[str]]:
        """The pieces of each document's text kept beside its hash (see
        :meth:`remember_texts`), by document key."""
        self._tables.refresh()
        with self._mutex:
            records = list(self._tables.data.get(POSITIONS, {}).values())
        found: dict[str, list[str]] = {}
        for record in records:
            if not isinstance(record, dict) or not isinstance(record.get("document"), str):
                continue
            pieces = record.get(TEXT_SAMPLES)
            if isinstance(pieces, list) and all(isinstance(p, str) for p in pieces):
                found[record["document"]] = pieces
        return found

    def texts_remembered(self) -> dict[str, str]:
        """The hash of each document's text kept beside its position, by document key."""
        self._tables.refresh()
        with self._mutex:
            records = list(self._tables.data.get(POSITIONS, {}).values())
        return {
            record["document"]: record[TEXT_SHA256]
            for record in records
            if isinstance(record, dict)
            and isinstance(record.get("document"), str)
            and isinstance(record.get(TEXT_SHA256), str)
        }

    def named_marks(self, document: str) -> dict[str, NamedMark]:
        """The named marks of ``document``, by letter (a damaged one left out)."""
        self._tables.refresh()
        doc_id = self._index.position_ids.get(document)
        if doc_id is None:
            return {}
        marks = self._tables.data.get(POSITIONS, {}).get(doc_id, {}).get("marks")
        if not isinstance(marks, dict):
            return {}
        found = {letter: NamedMark.from_record(record) for letter, record in marks.items()}
        return {letter: mark for letter, mark in found.items() if mark is not None}

    def set_named_mark(self, document: str, letter: str, mark: NamedMark) -> None:
        """Keep ``mark`` as ``document``'s mark ``letter`` (the one it had replaced)."""
        with self._writing():
            doc_id, kept = self._position_record(document)
            marks = kept.get("marks")
            marks = dict(marks) if isinstance(marks, dict) else {}
            marks[letter] = mark.as_record()
            record = kept | {"document": document, "marks": marks}
            self._commit([(POSITIONS, doc_id, record)])

    def _position_record(self, document: str) -> tuple[str, dict[str, Any]]:
        """The id of ``document``'s record in the positions table (a new one if none), and
        what it holds."""
        doc_id = self._index.position_ids.get(document)
        if doc_id is None:
            return self._index.new_doc_id(POSITIONS), {}
        kept = self._tables.data.get(POSITIONS, {}).get(doc_id)
        return doc_id, dict(kept) if isinstance(kept, dict) else {}


def _saved(record: object) -> int:
    """The ``saved`` of a positions record (0: none, one written before it was kept)."""
    saved = record.get("saved") if isinstance(record, dict) else None
    return saved if isinstance(saved, int) and not isinstance(saved, bool) else 0
