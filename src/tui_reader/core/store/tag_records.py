"""The codebook part of the store: tags, their colours and descriptions, and the edits that
change a code everywhere at once (rename, merge, delete with children), each one durable step.

Table ``tags`` of ``annotations.json``: ``name``, ``color``, ``description``, in creation order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from itertools import chain, repeat
from typing import Any

from tui_reader.core.annotations.model import (
    Annotation,
    Tag,
    are_code_paths,
    is_code_name,
    record_tags,
)
from tui_reader.core.codebook.names import (
    check_tag_name,
    check_typed_tag_names,
    is_within,
    renamed,
    stored_tag_name,
    tag_field_problems,
    tag_from_record,
    tag_record,
)
from tui_reader.core.errors import StoreError
from tui_reader.core.store.index import (
    ANNOTATIONS,
    TAGS,
    all_of,
    coder_of,
    default_coder_of,
    doc_id_order,
    plain_columns,
)
from tui_reader.core.store.journal import Change
from tui_reader.core.store.records import Records
from tui_reader.core.store.snapshot import SnapshotTables, Table
from tui_reader.core.store.tag_edits import (
    delete_tag_changes,
    retag_changes,
    tag_users,
    tagged_ids,
)
from tui_reader.core.wording import quoted


class TagRecords(Records):
    """The codebook: mixed into :class:`AnnotationStore`."""

    def tags(self) -> list[Tag]:
        """The codebook in creation order, without the records :meth:`tag_problems` says."""
        self._tables.refresh()
        table = self._tables.data.get(TAGS, {})
        codebook: dict[str, Tag] = {}
        for _, record in sorted(table.items(), key=doc_id_order):
            # a name edited by hand that names no code ("") is none; one read as another's ("x/"
            # is x) is that code, listed once, as the store's index finds it (its first record)
            tag = tag_from_record(record) if _tag_problem(record) is None else None
            if tag is not None and tag.name:
                codebook.setdefault(tag.name, tag)
        return list(codebook.values())

    def tag_problems(self) -> list[str]:
        """One line for each codebook record :meth:`tags` leaves out (a database edited by
        hand: no name, a name that is no text, or one with no level, ``""`` or ``"/"``), naming
        the database and the record; tags list left them out without a word.  (A number is
        the code of its text, as a passage's codes are read.)  And one for each colour or
        description that is no text, which the code is listed without."""
        self._tables.refresh()
        table = self._tables.data.get(TAGS, {})
        problems: list[str] = []
        for doc_id, record in sorted(table.items(), key=doc_id_order):
            problem = _tag_problem(record)
            if problem is not None:
                problems.append(f"{self.path}: codebook record {doc_id} is unreadable ({problem})")
                continue
            # a colour or a description that is no text: the code is listed without it
            name = quoted(stored_tag_name(record["name"]))
            problems += [
                f"{self.path}: codebook record {doc_id} ({name}): {field}"
                for field in tag_field_problems(record)
            ]
        return problems

    def tag(self, name: str) -> Tag | None:
        self._tables.refresh()
        doc_id = self._index.tag_ids.get(name)
        return None if doc_id is None else tag_from_record(self._tables.data[TAGS][doc_id])

    def tag_user_count(self, name: str, children: bool = False) -> int:
        """How many annotations, every coder's, carry ``name`` (or, with ``children``, a tag
        under it): those that deleting it changes, whoever's coding is on show."""
        self._tables.refresh()
        with self._mutex:
            return len(tagged_ids(self._index, name, children))

    def tag_counts(self, coders: Collection[str] | None = None) -> dict[str, int]:
        """Number of annotations per tag, for every tag of the codebook (0 when unused); only
        the annotations of ``coders`` when given."""
        self._tables.refresh()
        counts = {tag.name: 0 for tag in self.tags()}
        with self._mutex:  # straight from the records: no Annotation objects
            records = self._tables.data.get(ANNOTATIONS, {})
            default = default_coder_of(self._tables.data)
            rows = list(map(records.__getitem__, self._index.readable_ids()))
            if coders is not None:
                rows = [r for r in rows if coder_of(r, default) in coders]
            tag_lists = list(filter(None, map(dict.get, rows, repeat("tags", len(rows)))))
            found: dict[str, int] = {}
            if (
                all_of(tag_lists, list)
                and all_of(chain.from_iterable(tag_lists), str)
                and are_code_paths(chain.from_iterable(tag_lists))
            ):
                # each record's codes once, counted in C (100,000 records)
                found = Counter(chain.from_iterable(map(dict.fromkeys, tag_lists)))
            else:
                for names in tag_lists:  # a file edited by hand: "border", ["x", 3], "x/"
                    for name in dict.fromkeys(record_tags(names)):
                        found[name] = found.get(name, 0) + 1
        for name, count in found.items():
            counts[name] = counts.get(name, 0) + count
        return counts

    def codes_named_with(self, code: str) -> list[str] | None:
        """The names of the codebook's codes (:meth:`tags`) and then the keys of
        :meth:`tag_counts`, when ``code`` is a code of the codebook and every code the
        annotations name is one too, found without reading the annotations (their table's
        line searched alone, :meth:`SnapshotTables.code_records_alone`: the codebook's
        names twice, as listing them from every annotation parsed gave them); None when that
        cannot be told so."""
        self._tables.refresh()
        names = [tag.name for tag in self.tags()]
        if code not in names:
            return None
        found = self._code_records(code)
        if found is None or not found[0] <= set(names):
            return None
        return [*names, *names]

    def _code_records(self, code: str) -> tuple[set[str], Table] | None:
        data = self._tables.data
        if not isinstance(data, SnapshotTables):
            return None
        return data.code_records_alone(ANNOTATIONS, code)

    def _users_alone(self, code: str) -> tuple[list[tuple[str, Annotation]], Table] | None:
        """:func:`tag_users` of ``code`` with its children and the records it looked at,
        from :meth:`_code_records` (the annotations not parsed): every record that may
        carry it read alone, each a record :func:`plain_columns` reads and every code named
        anywhere a code path (so the codes of each record are its list, as
        :func:`tagged_ids` reads them), each carrying it made an annotation; None when one
        is not so: the table is to be read whole."""
        found = self._code_records(code)
        if found is None or not are_code_paths(found[0]):
            return None
        records = found[1]
        if records and plain_columns(list(records.values())) is None:
            return None
        coder = default_coder_of(self._tables.data)
        users: list[tuple[str, Annotation]] = []
        for doc_id, record in records.items():
            if any(tag == code or is_within(tag, code) for tag in record["tags"]):
                try:
                    users.append((doc_id, Annotation.from_record(record, coder)))
                except (KeyError, ValueError, TypeError):
                    return None
        return users, records

    def _tag_changes(self, names: Iterable[str]) -> list[Change]:
        changes: list[Change] = []
        for name in dict.fromkeys(names):
            if name not in self._index.tag_ids:
                check_tag_name(name)
                doc_id = self._index.new_doc_id(TAGS)
                self._index.tag_ids[name] = doc_id  # the listener re-confirms it on commit
                changes.append((TAGS, doc_id, tag_record(Tag(name))))
        return changes

    def set_tag(self, tag: Tag) -> None:
        """Add a tag or replace its colour and description."""
        check_tag_name(tag.name)
        with self._writing():
            changes = self._set_tag_changes([tag])
            self._commit(changes, f"set colour/description of {tag.name}")

    def _set_tag_changes(self, tags: Iterable[Tag]) -> list[Change]:
        """The changes that add each of ``tags`` or replace its colour and description, to
        commit with others (an import's new codes with its passages: one durable step)."""
        changes: list[Change] = []
        for tag in tags:
            check_tag_name(tag.name)
            doc_id = self._index.tag_ids.get(tag.name)
            if doc_id is None:
                doc_id = self._index.new_doc_id(TAGS)
                self._index.tag_ids[tag.name] = doc_id  # the listener re-confirms it on commit
            changes.append((TAGS, doc_id, tag_record(tag)))
        return changes

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag (and its children ``old/...``) everywhere; returns annotations changed."""
        return self._retag(old, new, merging=False, label=f"rename tag {old} → {new}")

    def merge_tags(self, source: str, target: str) -> int:
        """Fold tag ``source`` (and its children) into ``target``; returns annotations changed."""
        return self._retag(source, target, merging=True, label=f"merge tag {source} into {target}")

    def delete_tag(self, name: str, *, with_children: bool = False) -> int:
        """Remove a tag (``with_children``: and every ``name/...``) from the codebook and from
        every annotation (which stay), its memo with it, in one commit; returns how many
        annotations lost it."""
        with self._writing():
            if not self._tag_known(name):
                raise StoreError(f"no tag named {quoted(name)}")

            # with its children, a code of the codebook: its users read alone, as a rename's
            alone = (
                self._users_alone(name) if with_children and name in self._index.tag_ids else None
            )
            changes, count = delete_tag_changes(
                self._index, name, with_children, users=None if alone is None else alone[0]
            )
            changes.extend(self._memo_delete_changes(name, with_children))
            self._commit(changes, f"delete tag {name}", before=None if alone is None else alone[1])
            return count

    def _tag_known(self, name: str) -> bool:
        """In the codebook, a parent of a tag in it, or used by an annotation."""
        return (
            name in self._index.tag_ids
            or any(is_within(n, name) for n in self._index.tag_ids)
            or bool(self._tag_users(name, children=True))
        )

    def _tag_users(self, name: str, children: bool = False) -> list[tuple[str, Annotation]]:
        return tag_users(self._index, name, children)

    def _retag(self, old: str, new: str, *, merging: bool, label: str) -> int:
        """Map tag ``old`` (and ``old/...``) to ``new`` in the codebook and every annotation;
        renaming refuses a name taken already (merging is for that)."""
        check_tag_name(new)
        with self._writing():
            check_typed_tag_names([new], self._index.tag_ids)  # a new name is typed
            if not self._tag_known(old):
                raise StoreError(f"no tag named {quoted(old)}")
            if merging and is_within(new, old):
                raise StoreError(f"cannot merge {old!r} into itself or one of its children")
            if merging and not self._tag_known(new):  # a slip of the finger: not a new code
                raise StoreError(
                    f"no tag named {new!r} to merge {old!r} into; to give {old!r} that name, "
                    "rename it"
                )
            if old == new:
                return 0
            if not merging:
                # a name taken in another case (Security, for security) is taken: every other
                # place a code is typed (annotate, autocode, query, report) takes it for that
                taken = {
                    n.casefold(): n for n in self._index.tag_ids if renamed(n, old, new) is None
                }
                for name in self._index.tag_ids:
                    target = renamed(name, old, new)
                    if target is not None and target.casefold() in taken:
                        raise StoreError(
                            f"tag {taken[target.casefold()]!r} exists already; merge {old!r} "
                            "into it instead"
                        )
            alone = self._users_alone(old) if old in self._index.tag_ids else None
            changes, count, new_names = retag_changes(
                self._index, old, new, merging=merging, users=None if alone is None else alone[0]
            )
            changes.extend(self._tag_changes(new_names))
            changes.extend(self._memo_retag_changes(old, new))
            self._commit(changes, label, before=None if alone is None else alone[1])
            return count


def _tag_problem(record: dict[str, Any]) -> str | None:
    """What keeps the codebook record ``record`` from being a code; None when it is one."""
    if "name" not in record:
        return "it has no name"
    name = record["name"]
    # a number edited in by hand is the code of its text, as a passage's codes are read
    if not is_code_name(name):
        return "its name is no text"
    if not stored_tag_name(name):
        return "its name names no code"
    return None
