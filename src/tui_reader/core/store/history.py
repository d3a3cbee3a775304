"""The history of changes to annotations and the codebook: every step undoable, kept in the store.

A *step* is one user action (an annotation created, edited, tagged, deleted, re-attached or
confirmed; a tag renamed, merged, deleted or recoloured; a whole autocode or import run).  It is
saved in the ``history`` table of the database, in the same journal line as the change itself,
so it survives a restart and is shared by the app and the command line.  Its record::

    {"label": "tags added: policy", "origin": "key 1", "when": "2026-…Z",
     "annotations": 3, "changes": [[table, doc_id, before, after], ...], "undone": null}

``before``/``after`` are whole records (None: absent).  Undoing a step puts every ``before``
back, but only when every record is still its ``after``: an undo is refused, with the reason,
when something it would undo was changed since (by another step, process or import), so it never
overwrites newer work.  Redo is the same the other way round.  The table is bounded
(:data:`MAX_STEPS` steps and :data:`MAX_RECORDS` records, oldest dropped first).

"Changed since" is told by the annotation's ``revision`` (moved on by every save); when only
re-anchoring moved it on (a document changed: ``start``, ``end``, context, ``status``), that is
not a user's change and the undo goes ahead, keeping the new place.  An undone or redone
annotation gets a new revision, so a stale copy elsewhere cannot overwrite it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tui_reader.core.annotations.model import record_tags
from tui_reader.core.errors import StoreError
from tui_reader.core.store.index import HISTORY
from tui_reader.core.store.journal import Change, Record, Tables
from tui_reader.core.wording import counted

MAX_STEPS = 200  # steps kept
MAX_RECORDS = 50_000  # before/after pairs kept over all steps (an autocode run can be large)
# The tables a step covers (not reading positions); memos follow a renamed code.
RECORDED = ("annotations", "tags", "memos", "attributes")
ANCHOR_FIELDS = frozenset({"start", "end", "prefix", "suffix", "doc_sha256", "status"})

Entry = list[Any]  # [table, doc_id, before, after]


class UndoRefused(StoreError):
    """An undo or redo that would overwrite newer work, or that has nothing to act on."""


@dataclass(frozen=True)
class Step:
    """One recorded step, as `tui-reader history` lists it."""

    id: int
    label: str
    origin: str
    when: str
    annotations: int  # annotations it changed
    undone: bool
    annotation_ids: tuple[str, ...] = ()  # which, in the order they were changed

    @classmethod
    def from_record(cls, doc_id: str, record: Record) -> Step:
        entries = step_entries(record) or []
        ids = [_annotation_id(e) for e in entries if e[0] == "annotations"]
        count = record.get("annotations", 0)
        return cls(
            id=int(doc_id),
            label=str(record.get("label", "")),
            origin=str(record.get("origin", "")),
            when=str(record.get("when", "")),
            annotations=count if type(count) is int and count >= 0 else len(set(ids)),
            undone=record.get("undone") is not None,
            annotation_ids=tuple(dict.fromkeys(ids)),
        )


def step_entries(record: Record) -> list[Entry] | None:
    """The ``[table, doc_id, before, after]`` entries of a step's record; None when they are
    damaged (a database edited by hand: not a list of such entries of the recorded tables)."""
    changes = record.get("changes")
    if changes is None:
        return []
    if not isinstance(changes, list) or not all(map(_well_formed, changes)):
        return None
    return changes


def _well_formed(entry: object) -> bool:
    return (
        type(entry) is list
        and len(entry) == 4
        and entry[0] in RECORDED
        and type(entry[1]) is str
        and all(side is None or type(side) is dict for side in entry[2:])
    )


def describe_step(step: Step, *, redo: bool) -> str:
    """The notification after an undo or redo: ``Undone: tags added: policy (3 annotations).``"""
    count = step.annotations
    what = f" ({counted(count, 'annotation')})" if count else ""
    return f"{'Redone' if redo else 'Undone'}: {step.label}{what}."


class PendingStep:
    """A step being gathered over several writes (an autocode or import run)."""

    def __init__(self, label: str, origin: str | None) -> None:
        self.label = label
        self.origin = origin
        self.entries: dict[tuple[str, str], Entry] = {}

    def add(self, entries: Sequence[Entry]) -> None:
        for table, doc_id, before, after in entries:
            old = self.entries.get((table, doc_id))
            self.entries[(table, doc_id)] = [table, doc_id, old[2] if old else before, after]

    def changed(self) -> list[Entry]:
        return [e for e in self.entries.values() if e[2] != e[3]]


def entries_of(data: Tables, changes: Sequence[Change]) -> list[Entry]:
    """What ``changes`` (about to be applied to ``data``) do to the recorded tables: one
    ``[table, doc_id, before, after]`` per record touched, in first-touched order."""
    found: dict[tuple[str, str], Entry] = {}
    for table, doc_id, doc in changes:
        if table not in RECORDED or doc_id is None:
            continue
        key = (table, doc_id)
        if key not in found:
            before = data.get(table, {}).get(doc_id)
            found[key] = [table, doc_id, _copied(before), None]
        found[key][3] = _copied(doc)
    return [e for e in found.values() if e[2] != e[3]]


def _copied(value: Any) -> Any:
    """A deep copy of a JSON value (dicts, lists, scalars): what ``copy.deepcopy`` gives,
    several times faster on records (an import records 100,000 of them)."""
    if type(value) is dict:
        return {key: _copied(item) for key, item in value.items()}
    if type(value) is list:
        return [_copied(item) for item in value]
    return value


def step_changes(
    data: Tables, entries: Sequence[Entry], label: str, origin: str, when: str
) -> list[Change]:
    """The changes that save a new step of ``entries`` (and drop the oldest past the bounds);
    a new step also ends what could be redone."""
    table = data.get(HISTORY, {})
    ids = sorted(int(k) for k in table if k.isdecimal())
    new_id = (ids[-1] + 1) if ids else 1
    record = {
        "label": label,
        "origin": origin,
        "when": when,
        "annotations": len({_annotation_id(e) for e in entries if e[0] == "annotations"}),
        "changes": [list(e) for e in entries],
        "undone": None,
    }
    changes: list[Change] = [(HISTORY, str(new_id), record)]
    kept, records = 1, len(entries)
    dropped: list[Record] = []  # steps not undone dropped past the bounds, newest first
    for old in reversed(ids):
        doc = table[str(old)]
        size = len(step_entries(doc) or ())
        if doc.get("undone") is not None or kept >= MAX_STEPS or records + size > MAX_RECORDS:
            changes.append((HISTORY, str(old), None))  # undone steps cannot be redone any more
            if doc.get("undone") is None:
                dropped.append(doc)
            continue
        kept += 1
        records += size
    if dropped:
        changes.append((HISTORY, FORGOTTEN, forgotten(table.get(FORGOTTEN), dropped[::-1])))
    return changes


# The record of what steps dropped from the history deleted and left deleted (annotations and
# memos with their last versions, codes, attribute values): a merge still knows them gone.
# Not a step: never listed, undone or redone; read first, as the oldest.
FORGOTTEN = "forgotten"
_VERSIONS_KEPT = 3  # of each deleted annotation or memo: a colleague's copy is one of them


def in_order(table: Mapping[str, Record]) -> list[tuple[str, Record]]:
    """The history's records oldest first: what dropped steps deleted, then every step."""
    found = sorted(((k, v) for k, v in table.items() if k.isdecimal()), key=lambda i: int(i[0]))
    before = table.get(FORGOTTEN)
    return [(FORGOTTEN, before), *found] if isinstance(before, dict) else found


def forgotten(before: Record | None, dropped: Sequence[Record]) -> Record:
    """The :data:`FORGOTTEN` record after the ``dropped`` steps (oldest first) leave the
    history: what they and the steps dropped ``before`` deleted and left deleted."""
    deleted: dict[tuple[str, str], list[Record]] = {}
    seen: dict[tuple[str, str], list[Record]] = {}  # each record's versions met on the way
    sources = [before] if isinstance(before, dict) else []
    for record in (*sources, *dropped):
        for table, _, old, new in step_entries(record) or ():
            for key, version, gone in _deletions(table, old, new):
                versions = seen.setdefault(key, [])
                if version is not None:
                    versions.append(version)
                    del versions[:-_VERSIONS_KEPT]
                if gone:
                    deleted[key] = list(versions)
                else:
                    deleted.pop(key, None)
    entries = [
        [table, "", version, None]
        for (table, _), versions in deleted.items()
        for version in versions
    ]
    return {
        "label": "deleted by steps no longer in the history",
        "origin": "",
        "when": "",
        "annotations": 0,
        "changes": entries,
        "undone": None,
    }


def _deletions(
    table: str, before: Record | None, after: Record | None
) -> list[tuple[tuple[str, str], Record | None, bool]]:
    """What one entry does to what a merge asks was deleted: ``(key, version before, gone)``
    for each record, code or attribute value it touches."""
    if table == "tags":
        old = (before or {}).get("name")
        new = (after or {}).get("name")
        found: list[tuple[tuple[str, str], Record | None, bool]] = []
        if isinstance(old, str) and old != new:
            found.append(((table, old), {"name": old}, True))
        if isinstance(new, str):
            found.append(((table, new), None, False))
        return found
    if table == "attributes":
        old_values, new_values = (_values(side) for side in (before, after))
        document = str((before or after or {}).get("document", ""))
        return [
            ((table, f"{document}\0{name}"), {"document": document, "values": {name: value}}, True)
            for name, value in old_values.items()
            if name not in new_values
        ] + [((table, f"{document}\0{name}"), None, False) for name in new_values]
    version = after if after is not None else before
    if not isinstance(version, dict) or not isinstance(version.get("id"), str):
        return []
    return [((table, version["id"]), before, after is None)]


def _values(record: Record | None) -> dict[str, Any]:
    values = (record or {}).get("values")
    return values if isinstance(values, dict) else {}


def steps(data: Tables) -> list[Step]:
    """Every recorded step, newest first."""
    table = data.get(HISTORY, {})
    found = [Step.from_record(k, v) for k, v in table.items() if k.isdecimal()]
    return sorted(found, key=lambda s: -s.id)


def _annotation_id(entry: Entry) -> str:
    record = entry[3] if entry[3] is not None else entry[2]
    return str((record or {}).get("id", ""))


def _same(current: Record | None, expected: Record | None) -> bool:
    """True when ``current`` is ``expected``: the same revision (an annotation's revision moves
    on with every save), or, when re-anchoring moved it on since, the same but for the place."""
    if current is None or expected is None:
        return current is expected
    if "revision" in expected and current.get("revision") == expected.get("revision"):
        return True
    keys = (current.keys() | expected.keys()) - ANCHOR_FIELDS - {"revision"}
    return all(current.get(k) == expected.get(k) for k in keys)


def _describe(entry: Entry) -> str:
    record = entry[3] if entry[3] is not None else entry[2]
    if entry[0] == "annotations":
        quote = " ".join(str((record or {}).get("quote", "")).split())
        quote = quote if len(quote) <= 40 else quote[:39] + "…"
        return f"the annotation on “{quote}”"
    if entry[0] == "memos":
        kind, target = (record or {}).get("kind"), (record or {}).get("target")
        return f"the memo of {target}" if kind != "journal" and target else "a journal entry"
    if entry[0] == "attributes":
        return f"the attributes of {(record or {}).get('document', '?')}"
    return f"the tag {str((record or {}).get('name', '?'))!r}"


def _clock(table: Mapping[str, Record]) -> int:
    """A number larger than every step id and undo mark: orders undos for redo."""
    marks = [int(k) for k in table if k.isdecimal()]
    marks += [int(v["undone"]) for v in table.values() if isinstance(v.get("undone"), int)]
    return max(marks, default=0) + 1


def choose_undo(data: Tables, step_id: int | None) -> tuple[str, Record]:
    """The step to undo: ``step_id``, else the newest one not undone."""
    table = data.get(HISTORY, {})
    if step_id is not None:
        record = table.get(str(step_id))
        if record is None:
            raise UndoRefused(f"no step {step_id} in the history (tui-reader history lists them)")
        if record.get("undone") is not None:
            raise UndoRefused(f"step {step_id} ({record.get('label')}) is undone already")
        return str(step_id), record
    live = [int(k) for k, v in table.items() if k.isdecimal() and v.get("undone") is None]
    if not live:
        raise UndoRefused("nothing to undo")
    return str(max(live)), table[str(max(live))]


def choose_redo(data: Tables) -> tuple[str, Record]:
    """The step undone last, when nothing new was done since."""
    table = data.get(HISTORY, {})
    undone = [(int(v["undone"]), k) for k, v in table.items() if isinstance(v.get("undone"), int)]
    if not undone:
        raise UndoRefused("nothing to redo")
    _mark, key = max(undone)
    return key, table[key]


def reverting(
    data: Tables,
    locate: Mapping[str, str],
    doc_id: str,
    record: Record,
    *,
    redo: bool,
) -> list[Change]:
    """The changes that undo (or, ``redo``, redo) step ``doc_id``; :class:`UndoRefused` naming
    what changed since when a record is no longer as the step left it.

    ``locate`` maps an annotation id to the doc id where it lives now (so a record that
    moved, or was recreated elsewhere, is still found).
    """
    source, target = (2, 3) if redo else (3, 2)
    verb = "redo" if redo else "undo"
    changes: list[Change] = []
    stale: list[str] = []
    kept: list[Entry] = []  # the step's entries, as the step keeps them after this
    entries = step_entries(record)
    if entries is None:
        raise UndoRefused(
            f"cannot {verb} step {doc_id} (“{record.get('label')}”): its record in the history "
            "is damaged; nothing was changed"
        )
    for entry in entries:
        table, where = str(entry[0]), str(entry[1])
        expected, wanted = entry[source], entry[target]
        kept.append(entry)
        if table == "annotations":
            where = locate.get(_annotation_id(entry), where)
        current = data.get(table, {}).get(where)
        if not _same(current, expected):
            stale.append(_describe(entry))
            continue
        if table == "annotations" and not redo and wanted is None and current is not None:
            # Undone, it is deleted; redone, it comes back above every revision it had
            # (re-anchoring may have saved it since the step without a step of its own).
            kept[-1] = [*entry[:3], _at_least(expected, current)]
        if wanted is not None and current is not None and expected is not None:
            wanted = _keep_current_place(current, expected, wanted)
        if table == "annotations" and wanted is not None:
            wanted = _next_revision(wanted, current, expected)
        changes.append((table, where, _copied(wanted)))
    if stale:
        more = f" and {len(stale) - 1} more" if len(stale) > 1 else ""
        raise UndoRefused(
            f"cannot {verb} “{record.get('label')}”: {stale[0]}{more} changed since; "
            "nothing was changed"
        )
    changes = _keep_used_tags(data, changes)
    mark = None if redo else _clock(data.get(HISTORY, {}))
    step = dict(record) | {"undone": mark}
    if record.get("changes") is not None:
        step["changes"] = kept
    changes.append((HISTORY, doc_id, step))
    return changes


def _at_least(record: Record | None, current: Record) -> Record | None:
    """``record`` with ``current``'s revision when that is higher."""
    if record is None:
        return None
    revision = current.get("revision", 0)
    if isinstance(revision, int) and revision > _revision_of(record):
        return dict(record) | {"revision": revision}
    return record


def _revision_of(record: Record) -> int:
    revision = record.get("revision", 0)
    return revision if isinstance(revision, int) else 0


def _next_revision(wanted: Record, current: Record | None, expected: Record | None) -> Record:
    """An undone or redone annotation is a new save: its revision moves on from every version
    seen, so a copy held elsewhere (an open dialog) is refused rather than written over it."""
    seen = [r.get("revision", 0) for r in (wanted, current, expected) if r is not None]
    top = max((n for n in seen if isinstance(n, int)), default=0)
    return dict(wanted) | {"revision": top + 1}


def _keep_current_place(current: Record, expected: Record, wanted: Record) -> Record:
    """When the step did not move the passage, keep where re-anchoring has put it since."""
    if any(expected.get(k) != wanted.get(k) for k in ANCHOR_FIELDS):
        return wanted
    return dict(wanted) | {k: current[k] for k in ANCHOR_FIELDS if k in current}


def _keep_used_tags(data: Tables, changes: list[Change]) -> list[Change]:
    """Drop the removal of a codebook tag that annotations still use after the change."""
    annotations = dict(data.get("annotations", {}))
    for table, doc_id, doc in changes:
        if table == "annotations" and doc_id is not None:
            if doc is None:
                annotations.pop(doc_id, None)
            else:
                annotations[doc_id] = doc
    used = {t for record in annotations.values() for t in record_tags(record.get("tags"))}
    tags = data.get("tags", {})
    kept: list[Change] = []
    for change in changes:
        table, doc_id, doc = change
        if (
            table == "tags"
            and doc is None
            and doc_id is not None
            and str(tags.get(doc_id, {}).get("name")) in used
        ):
            continue
        kept.append(change)
    return kept
