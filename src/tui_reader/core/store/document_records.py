"""The store's records about documents and codes besides annotations: attributes and memos.

Tables of ``annotations.json`` (created when first written; a database without them simply has
none, so no schema change was needed):

- ``attributes``: one record per document, ``document`` (key) and ``values`` (name -> a JSON
  number, an ISO date string or text; see :mod:`tui_reader.core.analysis.values`);
- ``memos``: :meth:`Memo.to_record`.

Every write goes through the store's journal (durable when the method returns).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from tui_reader.core.annotations.model import utc_now
from tui_reader.core.codebook.names import is_within, renamed, stored_tag_name
from tui_reader.core.errors import StoreError
from tui_reader.core.store.index import POSITIONS, doc_id_order
from tui_reader.core.store.journal import Change
from tui_reader.core.wording import quoted

if TYPE_CHECKING:  # memos and attribute values load when first used, not with the store
    from tui_reader.core.analysis.memos import Memo, MemoKind
    from tui_reader.core.analysis.values import Value
from tui_reader.core.store.records import Records

ATTRIBUTES = "attributes"
MEMOS = "memos"


class DocumentRecords(Records):
    """Attributes and memos: mixed into :class:`AnnotationStore`, which provides the tables,
    the index (for fresh doc ids) and the locked, catching-up write context."""

    # -- attributes --------------------------------------------------------------------------

    def attributes(self) -> dict[str, dict[str, Value]]:
        """Every document's own attributes: document key -> {name: value}."""
        self._tables.refresh()
        found: dict[str, dict[str, Value]] = {}
        for _, record in self._records(ATTRIBUTES):
            values = record.get("values")
            if isinstance(record.get("document"), str) and isinstance(values, dict):
                readable = dict(_scalars(values))
                if readable:  # a document holding only empty values has none
                    found.setdefault(record["document"], {}).update(readable)
        return found

    def attribute_problems(self) -> list[str]:
        """One line for each attributes record :meth:`attributes` cannot read whole (a
        database edited by hand: no document, values that are no object, a value that is a
        list or an object), naming the database and the record: attr list left them out,
        said nothing and exited 0, as though the document had no such attribute."""
        self._tables.refresh()
        problems = []
        for doc_id, record in self._records(ATTRIBUTES):
            values = record.get("values")
            if not isinstance(record.get("document"), str) or not isinstance(values, dict):
                said = "no document, or its values are not an object"
            elif unread := sorted(str(n) for n, v in values.items() if not _a_value(v)):
                said = f"the value of {', '.join(map(quoted, unread))} is no number or text"
            else:
                continue
            problems.append(f"{self.path}: attributes record {doc_id} is unreadable ({said})")
        return problems

    def set_attributes(self, items: Iterable[tuple[str, Mapping[str, Value]]]) -> int:
        """Set (add or replace) attributes of documents, ``(key, {name: value})`` pairs, in one
        durable step; returns how many documents changed."""
        from tui_reader.core.analysis.values import check_attribute_name

        with self._writing():
            where = self._attribute_ids()
            current = {
                key: _stored_values(self._tables.data[ATTRIBUTES][doc_id])
                for key, doc_id in where.items()
            }
            touched: dict[str, dict[str, Value]] = {}
            corpus_spelling = _spellings(current.values())
            for document, values in items:
                for name in values:
                    check_attribute_name(name)
                merged = dict(touched.get(document, current.get(document, {})))
                spellings: dict[str, dict[str, None]] = {}  # merged's names by their fold
                for stored in merged:
                    spellings.setdefault(stored.casefold(), {})[stored] = None
                for name, value in values.items():
                    # one attribute whatever the case it is spelled in, as a query reads it:
                    # age set where Age is replaces its value (both kept, one hid the other),
                    # spelled as it is stored (AGE=5 typed where age is does not rename it),
                    # on this document, else on the others (Country=Peru typed where the
                    # others hold country was a second column of every export)
                    alike = spellings.setdefault(name.casefold(), {})
                    spelled = name
                    if name not in merged:
                        spelled = next(
                            (other for other in alike if other != name),
                            corpus_spelling.setdefault(name.casefold(), name),
                        )
                    for other in [other for other in alike if other != spelled]:
                        del merged[other]
                    alike.clear()
                    alike[spelled] = None
                    merged[spelled] = value
                touched[document] = merged
            changes: list[Change] = []
            named: dict[str, None] = {}  # the names set on the documents changed
            for document, values in touched.items():
                if values == current.get(document):
                    continue
                doc_id = where.get(document) or self._index.new_doc_id(ATTRIBUTES)
                changes.append((ATTRIBUTES, doc_id, {"document": document, "values": values}))
                before = current.get(document, {})
                named.update((n, None) for n, v in values.items() if before.get(n) != v)
            if changes:
                # a step of the history, as a removal is: a value typed over another (age=99
                # for age=34) is taken back by undo, which took back the change before it
                self._commit(changes, label=_set_label(list(named), changes))
            return len(changes)

    def unset_attributes(self, document: str, names: Iterable[str]) -> list[str]:
        """Remove attributes of ``document``; returns the names that were there."""
        with self._writing():
            doc_id = self._attribute_ids().get(document)
            if doc_id is None:
                return []
            values = _stored_values(self._tables.data[ATTRIBUTES][doc_id])
            gone = []
            for name in dict.fromkeys(names):  # spelled so, else in another case (Age: age)
                spellings = [name] if name in values else _spelled_otherwise(values, name)
                if spellings:
                    gone.append(name)
                    for spelled in spellings:
                        del values[spelled]
            if gone:
                record = {"document": document, "values": values} if values else None
                # a step of the history: undo brings them back, and a merge knows they went
                label = f"remove attribute{'s' if len(gone) > 1 else ''} {', '.join(gone)}"
                self._commit([(ATTRIBUTES, doc_id, record)], label=f"{label} of {document}")
            return gone

    def _attribute_ids(self) -> dict[str, str]:
        return {
            str(record["document"]): doc_id
            for doc_id, record in self._records(ATTRIBUTES)
            if isinstance(record.get("document"), str)
        }

    # -- a document's file moved ---------------------------------------------------------------

    def follow_documents(self, moves: Mapping[str, str]) -> int:
        """A document's memo and attributes follow its file when it moved (``moves``: the
        old key -> the new one, as its annotations moved), in one durable step: see
        :func:`following`.  Moved alone, they are no step (a re-link is none); joined to the
        new key's own, the join is a step of the history that keeps the moves
        (``history.JOINED``), so the steps made before it are undone through it: the join
        taken back, the step undone, the rest joined again.  Returns how many records
        moved."""
        moves = {old: new for old, new in moves.items() if old != new}
        if not moves or not self._about_any(moves):  # the usual case: no lock taken
            return 0
        with self._writing():
            changes, joined = following(self._tables.data, moves)
            if joined:  # (the moves of the documents described alone kept in the step)
                described = {
                    str(change[2].get("document", change[2].get("target")))
                    for change in changes
                    if change[2] is not None and change[0] != POSITIONS
                }
                kept = {old: new for old, new in moves.items() if new in described}
                self._commit(changes, label=joined_label(kept), joined=kept)
            else:
                self._commit(changes)
            return sum(1 for change in changes if change[2] is not None)

    def documents_described(self) -> set[str]:
        """The documents with attributes or a memo, as last read (the records as stored: no
        memo is built for it)."""
        self._tables.refresh()
        attributes = self._tables.data.get(ATTRIBUTES, {}).values()
        memos = self._tables.data.get(MEMOS, {}).values()
        found = {r.get("document") for r in attributes if isinstance(r, dict)}
        found.update(
            r.get("target") for r in memos if isinstance(r, dict) and r.get("kind") == "document"
        )
        return {key for key in found if isinstance(key, str) and key}

    def _about_any(self, keys: Mapping[str, str]) -> bool:
        """Whether an attribute or a memo is about one of ``keys``, as last read."""
        self._tables.refresh()
        records = (
            *self._tables.data.get(ATTRIBUTES, {}).values(),
            *self._tables.data.get(MEMOS, {}).values(),
            *self._tables.data.get(POSITIONS, {}).values(),
        )
        about = (r.get("document", r.get("target")) for r in records if isinstance(r, dict))
        return any(isinstance(key, str) and key in keys for key in about)

    # -- memos -------------------------------------------------------------------------------

    def memos(self, kind: MemoKind | None = None, target: str | None = None) -> list[Memo]:
        """The memos (of ``kind``, about ``target``), oldest first."""
        self._tables.refresh()
        return memos_of(self._tables.data.get(MEMOS, {}), kind, target)

    def memo_problems(self) -> list[str]:
        """One line for each memo record :meth:`memos` leaves out (a database edited by
        hand), naming the database and the record: memo list said nothing of them."""
        self._tables.refresh()
        return [
            f"{self.path}: memo record {doc_id} is unreadable (missing or bad id or kind, or a "
            "target, text or date that is no text)"
            for doc_id, record in self._records(MEMOS)
            if _memo_of(record) is None
        ]

    def memo(self, kind: MemoKind, target: str) -> Memo | None:
        """The memo about a document or a code, if written."""
        found = self.memos(kind, target)
        return found[-1] if found else None

    def put_memo(self, memo: Memo) -> Memo:
        """Save a memo (new, or replacing the one with its id); bumps ``updated``.  A new
        memo of no coder is the store's coder's (who wrote it: a REFI-QDA note's user)."""
        with self._writing():
            doc_id = self._memo_ids().get(memo.id)
            if doc_id is not None and self._tables.data[MEMOS].get(doc_id) == memo.to_record():
                return memo  # saved again as it is: no new time, no step for nothing to undo
            saved = memo if doc_id is None else memo.evolve(updated=utc_now())
            if doc_id is None and not saved.coder and self.coder:
                saved = saved.evolve(coder=self.coder)  # written by who works here
            # a step of the history, as its deletion is: undo takes back the memo written, or
            # the edit, not the change made before it
            label = f"{'write' if doc_id is None else 'edit'} {saved.label}"
            record = saved.to_record()
            self._commit([(MEMOS, doc_id or self._index.new_doc_id(MEMOS), record)], label=label)
            return saved

    def delete_memo(self, memo_id: str) -> Memo:
        """Delete a memo; returns it.  StoreError when there is none."""
        from tui_reader.core.analysis.memos import Memo

        with self._writing():
            doc_id = self._memo_ids().get(memo_id)
            if doc_id is None:
                raise StoreError(f"no memo with the id {quoted(memo_id)}")
            try:
                memo = Memo.from_record(self._tables.data[MEMOS][doc_id])
            except (KeyError, ValueError, TypeError):
                raise StoreError(
                    f"the memo {memo_id} cannot be read (its record is damaged); it was left "
                    "as it is"
                ) from None
            # a step of the history: undo brings it back, and a merge knows it was deleted
            self._commit([(MEMOS, doc_id, None)], label=f"delete memo: {memo.label}")
            return memo

    def _memo_ids(self) -> dict[str, str]:
        return {str(r["id"]): doc_id for doc_id, r in self._records(MEMOS) if "id" in r}

    def _memo_retag_changes(self, old: str, new: str) -> list[Change]:
        """Code memos follow their code when it is renamed or merged.  A code merged into one
        with a memo of its own (one memo a code) adds its memo's text below that memo, headed
        ``From code OLD:``, as a merge of databases joins two memos of a code: two memos of
        one code showed one in the app (the newer), the other out of reach."""
        from tui_reader.core.analysis.memos import MemoKind

        memos = [(d, r) for d, r in self._records(MEMOS) if r.get("kind") == MemoKind.CODE]
        moving = {d: renamed(_code_of(r), old, new) for d, r in memos}
        staying: dict[str, tuple[str, dict[str, Any]]] = {}
        for doc_id, record in sorted(memos, key=lambda item: str(item[1].get("created", ""))):
            if moving[doc_id] is None:  # the newest, as the app shows a code's memo
                staying[_code_of(record)] = (doc_id, record)
        changes: list[Change] = []
        joined: dict[str, dict[str, Any]] = {}
        for doc_id, record in memos:
            target = moving[doc_id]
            if target is None:
                continue
            if target not in staying:
                changes.append((MEMOS, doc_id, record | {"target": target}))
                continue
            kept_id, kept = staying[target]
            base = joined.get(kept_id, kept)
            text = (
                f"{str(base.get('text', '')).rstrip()}\n\n---\n\nFrom code "
                f"{record.get('target', '')}:\n\n{str(record.get('text', '')).strip()}\n"
            )
            joined[kept_id] = base | {"text": text, "updated": utc_now()}
            changes.append((MEMOS, doc_id, None))
        changes.extend((MEMOS, kept_id, record) for kept_id, record in joined.items())
        return changes

    def _memo_delete_changes(self, name: str, with_children: bool) -> list[Change]:
        """The memos of code ``name`` (and of ``name/...`` with ``with_children``) go with it
        when it is deleted, as its description does, in the same step (undo brings them
        back): left, one was listed as the memo of a code the codebook no longer has."""
        from tui_reader.core.analysis.memos import MemoKind

        def goes(target: str) -> bool:
            return is_within(target, name) if with_children else target == name

        return [
            (MEMOS, doc_id, None)
            for doc_id, record in self._records(MEMOS)
            if record.get("kind") == MemoKind.CODE and goes(_code_of(record))
        ]

    def _records(self, table: str) -> Iterator[tuple[str, dict[str, Any]]]:
        yield from sorted(self._tables.data.get(table, {}).items(), key=doc_id_order)


def following(
    data: Mapping[str, Mapping[str, Any]], moves: Mapping[str, str]
) -> tuple[list[Change], bool]:
    """The changes that take the memo, attributes and reading position of each document of
    ``moves`` (old key -> new key) to its new key, in the tables ``data``, and whether any
    joined the new key's own: the attributes join those the new key has (its own values
    kept), a memo joins the memo the new key has below it, headed ``From OLD:``, the
    reading position goes along unless the new key has one.  A new key that moves away
    itself (two files that exchanged names: ``{a: b, b: a}``) has none of its own left to
    join: each document's records go to the other's key whole."""
    from tui_reader.core.analysis.memos import MemoKind

    changes: list[Change] = []
    joined = False
    table = data.get(ATTRIBUTES, {})
    where = _ids_of(table, "document")
    for old, new in moves.items():
        old_id = where.get(old)
        if old_id is None:
            continue
        values = _stored_values(table[old_id])
        new_id = where.get(new) if new not in moves else None
        if new_id is not None:
            values |= _stored_values(table[new_id])
            changes.append((ATTRIBUTES, old_id, None))
            joined = True
        changes.append((ATTRIBUTES, new_id or old_id, {"document": new, "values": values}))
    memos = [
        (doc_id, record)
        for doc_id, record in sorted(data.get(MEMOS, {}).items(), key=doc_id_order)
        if record.get("kind") == MemoKind.DOCUMENT
    ]
    kept = {str(r.get("target")): (d, r) for d, r in memos if str(r.get("target")) not in moves}
    for doc_id, record in memos:
        moved_to = moves.get(str(record.get("target")))
        if moved_to is None:
            continue
        new = moved_to
        if new not in kept:
            kept[new] = (doc_id, record | {"target": new})
            changes.append((MEMOS, doc_id, kept[new][1]))
            continue
        kept_id, base = kept[new]
        text = (
            f"{str(base.get('text', '')).rstrip()}\n\n---\n\nFrom "
            f"{record.get('target', '')}:\n\n{str(record.get('text', '')).strip()}\n"
        )
        kept[new] = (kept_id, base | {"text": text, "updated": utc_now()})
        changes.extend([(MEMOS, doc_id, None), (MEMOS, kept_id, kept[new][1])])
        joined = True
    changes.extend(_position_moves(data.get(POSITIONS, {}), moves))
    return changes, joined


def joined_label(moves: Mapping[str, str]) -> str:
    """The history's line of a join (:func:`following`), naming files as the other steps
    do: ``join the moved file a.txt's memo and attributes to those of its new place``,
    ``join the memo and attributes of a.txt to those of b.txt, its file moved``."""
    if len(moves) == 1:
        old, new = (key.rsplit("/", 1)[-1] for key in next(iter(moves.items())))
        if old == new:
            return f"join the moved file {old}'s memo and attributes to those of its new place"
        return f"join the memo and attributes of {old} to those of {new}, its file moved"
    return (
        f"join the memos and attributes of {len(moves):,} moved files to those of their new places"
    )


def _ids_of(table: Mapping[str, Any], field: str) -> dict[str, str]:
    """Each record of ``table`` by its ``field`` (a text), in the order of their ids."""
    return {
        str(record[field]): doc_id
        for doc_id, record in sorted(table.items(), key=doc_id_order)
        if isinstance(record, dict) and isinstance(record.get(field), str)
    }


def _position_moves(positions: Mapping[str, Any], moves: Mapping[str, str]) -> list[Change]:
    """The changes that take each moved document's reading position to its new key (the
    same text, so the same offset), or drop it where the new key has its own."""
    # (a document whose position moves away itself holds none for the one coming)
    held = {
        r.get("document")
        for r in positions.values()
        if isinstance(r, dict) and r.get("document") not in moves
    }
    changes: list[Change] = []
    for doc_id, record in list(positions.items()):
        if not isinstance(record, dict):
            continue
        new = moves.get(str(record.get("document")))
        if new is None:
            continue
        if new in held:
            changes.append((POSITIONS, doc_id, None))
        else:
            held.add(new)
            changes.append((POSITIONS, doc_id, record | {"document": new}))
    return changes


def _code_of(record: dict[str, Any]) -> str:
    """The code a code memo's record is about, as the memo is read (:class:`Memo`)."""
    return stored_tag_name(str(record.get("target", "")))


def memos_of(
    table: Mapping[str, dict[str, Any]], kind: MemoKind | None = None, target: str | None = None
) -> list[Memo]:
    """The memos of the memos' table (of ``kind``, about ``target``), oldest first; records
    that cannot be read are left out (and left in the file, untouched)."""
    found = []
    for _, record in sorted(table.items(), key=doc_id_order):
        memo = _memo_of(record)
        if memo is None:
            continue
        if (kind is None or memo.kind == kind) and (target is None or memo.target == target):
            found.append(memo)
    found.sort(key=lambda m: m.created)  # stable: same second, order written
    return found


def _memo_of(record: dict[str, Any]) -> Memo | None:
    """The memo of a stored record; None when it cannot be read."""
    from tui_reader.core.analysis.memos import Memo

    try:
        return Memo.from_record(record)
    except (KeyError, ValueError, TypeError):
        return None


def _a_value(value: object) -> bool:
    """Whether ``value``, stored as an attribute's, is one :func:`_scalars` reads, or no
    value at all (none, or empty: left out by rule, not damaged)."""
    if value is None or isinstance(value, str):
        return True
    return isinstance(value, int | float) and not isinstance(value, bool)


def _stored_values(record: Mapping[str, Any]) -> dict[str, Value]:
    """The readable values of an attributes record: none when its ``values`` is not an
    object (a database edited by hand)."""
    values = record.get("values")
    return dict(_scalars(values)) if isinstance(values, dict) else {}


def _scalars(values: Mapping[str, Any]) -> Iterator[tuple[str, Value]]:
    """The readable values of a stored record (numbers, strings); others are skipped, and so
    is an empty value or one of spaces (``country=""``, stored before attr set refused it, or
    by another tool): no value, by the one rule of attr set, an import and a merge, so no
    list, report, query or merge reads it as one.  A text is read without the spaces around
    it (``"Mexico "``, from a project a script wrote), as attr set stores it: the value
    ``Mexico`` a query compares and a report's column counts, not a second Mexico neither
    finds."""
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
            if not value:
                continue
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            yield str(name), value


def _spellings(documents: Iterable[Mapping[str, Value]]) -> dict[str, str]:
    """Each attribute of ``documents`` (casefolded) as most of them spell it (a tie: the
    spelling first in code-point order), as a report's column names it."""
    counts: dict[str, Counter[str]] = {}
    for values in documents:
        for name in values:
            counts.setdefault(name.casefold(), Counter())[name] += 1
    return {
        folded: min(spelled, key=lambda name: (-spelled[name], name))
        for folded, spelled in counts.items()
    }


def _spelled_otherwise(values: Mapping[str, Value], name: str) -> list[str]:
    """The names of ``values`` that are ``name`` in another case (``Age`` of ``age``)."""
    folded = name.casefold()
    return [other for other in values if other != name and other.casefold() == folded]


def _set_label(names: list[str], changes: list[Change]) -> str:
    """The history's line of attributes set: ``set attribute age of a.txt``, ``set
    attributes age, wave of 120 documents``."""
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    noun = "attribute" if len(names) == 1 else "attributes"
    if len(changes) == 1:
        document = next(str(c[2]["document"]) for c in changes if c[2] is not None)
        return f"set {noun} {shown} of {document}".replace("  ", " ")
    return f"set {noun} {shown} of {len(changes):,} documents".replace("  ", " ")
