"""The changes that edit the codebook across annotations: rename or merge a tag (children
follow), delete a tag (with its children or not).  Pure: they read the store's index and return
the changes for the store to commit in one step."""

from __future__ import annotations

from itertools import chain, repeat

from tui_reader.core.annotations.model import Annotation, are_code_paths, record_tags, utc_now
from tui_reader.core.codebook.names import is_within, renamed, stored_tag_name
from tui_reader.core.store.index import ANNOTATIONS, TAGS, StoreIndex, all_of, doc_id_order
from tui_reader.core.store.journal_lines import Change


def bumped(annotation: Annotation, **changes: object) -> Annotation:
    """``annotation`` changed, at its next revision."""
    return annotation.evolve(revision=annotation.revision + 1, **changes)


def tag_users(index: StoreIndex, name: str, children: bool = False) -> list[tuple[str, Annotation]]:
    """``(doc_id, annotation)`` of the annotations tagged ``name`` (or, with ``children``, a
    tag under it)."""
    return index.annotations_read(tagged_ids(index, name, children))


def tagged_ids(index: StoreIndex, name: str, children: bool = False) -> list[str]:
    """The ids, in the index's order, of the annotations tagged ``name`` (or, with
    ``children``, a tag under it).  When every record's codes are a list of codes as
    :func:`record_tags` reads them already, as the store writes them, each distinct name is
    matched once and the records are picked by a set test (each record's codes read again,
    100,000 records took 1.5 s, before the codebook's delete could ask).  A file edited by
    hand is read a record at a time, as each record is read."""

    def wanted(tag: str) -> bool:
        return tag == name or (children and is_within(tag, name))

    records = index.data.get(ANNOTATIONS, {})
    ids = index.readable_ids()
    # a column of the records' own values, no object made for each (a pair per record was
    # most of the time taken)
    column = list(map(dict.get, map(records.__getitem__, ids), repeat("tags", len(ids))))
    lists = list(filter(None, column))
    every = list(chain.from_iterable(lists)) if all_of(lists, list) else None
    if every is not None and all_of(every, str) and are_code_paths(names := set(every)):
        matched = set(filter(wanted, names))
        if not matched:
            return []
        return [
            i for i, tags in zip(ids, column, strict=True) if tags and not matched.isdisjoint(tags)
        ]
    return [i for i, tags in zip(ids, column, strict=True) if any(map(wanted, record_tags(tags)))]


def codebook_records(index: StoreIndex) -> list[tuple[str, str]]:
    """``(code, doc_id)`` of each codebook record naming a code, in creation order, its name
    read as the codebook reads it: a record edited by hand into ``"x/"`` beside one of ``x``
    is x's too, and a rename or delete of x takes both (the index knows x's first alone)."""
    table = index.data.get(TAGS, {})
    records = sorted(table.items(), key=doc_id_order)
    named = ((stored_tag_name(d["name"]), i) for i, d in records if "name" in d)
    return [(name, i) for name, i in named if name]


def delete_tag_changes(
    index: StoreIndex,
    name: str,
    with_children: bool,
    users: list[tuple[str, Annotation]] | None = None,
) -> tuple[list[Change], int]:
    """The changes that remove ``name`` (and ``name/...`` when ``with_children``) from the
    codebook and every annotation, and how many annotations lose it.  ``users``:
    :func:`tag_users` of ``name`` (with its children when ``with_children``), when the
    caller found them otherwise."""

    def goes(tag: str) -> bool:
        return is_within(tag, name) if with_children else tag == name

    changes: list[Change] = []
    now = utc_now()
    if users is None:
        users = tag_users(index, name, children=with_children)
    for doc_id, annotation in users:
        tags = tuple(t for t in annotation.tags if not goes(t))
        changes.append(
            (ANNOTATIONS, doc_id, bumped(annotation, tags=tags, updated=now).to_record())
        )
    count = len(changes)
    changes.extend((TAGS, i, None) for n, i in codebook_records(index) if goes(n))
    return changes, count


def retag_changes(
    index: StoreIndex,
    old: str,
    new: str,
    *,
    merging: bool = False,
    users: list[tuple[str, Annotation]] | None = None,
) -> tuple[list[Change], int, list[str]]:
    """The changes that map tag ``old`` (and ``old/...``) to ``new`` in the codebook and every
    annotation; how many annotations change; the new names the codebook lacks.  ``merging``:
    ``new`` is a code there already, maybe only as a parent (``actors/government`` of
    ``actors/government/police``), or only on annotations: ``old``'s own entry goes, and
    ``new`` is given none of its colour and description (a rename gives them).  ``users``:
    :func:`tag_users` of ``old`` with its children, when the caller found them otherwise."""
    changes: list[Change] = []
    tags_table = index.data.get(TAGS, {})
    known = set(index.tag_ids)
    for name, doc_id in codebook_records(index):
        mapped = renamed(name, old, new)
        if mapped is None:
            continue
        known.discard(name)
        if mapped in known or (merging and name == old):  # the target keeps its own entry
            changes.append((TAGS, doc_id, None))
        else:
            changes.append((TAGS, doc_id, dict(tags_table[doc_id]) | {"name": mapped}))
            known.add(mapped)
    now = utc_now()
    used: set[str] = set()
    if users is None:
        users = tag_users(index, old, children=True)
    for doc_id, annotation in users:
        tags = tuple(dict.fromkeys(renamed(t, old, new) or t for t in annotation.tags))
        used.update(tags)
        changes.append(
            (ANNOTATIONS, doc_id, bumped(annotation, tags=tags, updated=now).to_record())
        )
    return changes, len(users), sorted(used - known)
