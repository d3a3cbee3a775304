"""The history of changes to annotations and the codebook: every step undoable, kept in the store.

A *step* is one user action (an annotation created, edited, tagged, deleted, re-attached or
confirmed; a tag renamed, merged, deleted or recoloured; a whole autocode or import run).  It is
saved in the ``history`` table of the database, in the same journal line as the change itself,
so it survives a restart and is shared by the app and the command line.  Its record::

    {"label": "tags added: policy", "origin": "key 1", "when": "2026-…Z",
     "annotations": 3, "records": 4, "makes_alone": false,
     "changes": [[table, doc_id, before, after], ...], "undone": null}

``before``/``after`` are whole records (None: absent); ``records`` counts them and
``makes_alone`` says whether each only makes or edits an annotation or a memo (:data:`RECORDS`:
a step dropped weighed without its changes parsed; steps written before lack both).  Undoing
a step puts every ``before`` back, but only when every record is still its ``after``: an undo
is refused, with the reason, when something it would undo was changed since (by another
step, process or import), so it never overwrites newer work.  Redo is the same the other way
round.  The table is bounded
(:data:`MAX_STEPS` steps and :data:`MAX_RECORDS` records, oldest dropped first; the newest
step is kept whole); a step dropped for the records leaves a note (:data:`DROPPED`), so that
the listing shows it dropped and undo says so rather than take back a step made before it.
Such a note is listed as a step is, one of the :data:`MAX_STEPS`, and goes past them as a step
does.

"Changed since" is told by the annotation's ``revision`` (moved on by every save); when only
re-anchoring moved it on (a document changed: ``start``, ``end``, ``quote``, context,
``status``), or re-linking (its file found under another key: renamed, or the database moved
away from its corpus: ``document``, and the key of the document's memo and attributes, which
follow it), that is not a user's change and the undo goes ahead, keeping the new place and key.
An undone or redone annotation gets a new revision, so a stale copy elsewhere cannot overwrite it.
A move that joins a document's memo or attributes to those its new key had is a step
(:data:`JOINED`), but no user's: an undo or redo of a step made before it takes the join
back, takes that step, and joins what is left again, in one change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import chain, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from tui_reader.core.annotations.model import are_code_paths, code_names, record_tags, utc_now
from tui_reader.core.display import shown_json
from tui_reader.core.errors import StoreError
from tui_reader.core.store.document_records import ATTRIBUTES, MEMOS, following, joined_label
from tui_reader.core.store.index import ANNOTATIONS, HISTORY, all_of, id_number
from tui_reader.core.store.journal import Change, Record, Tables
from tui_reader.core.store.snapshot import SnapshotTables
from tui_reader.core.wording import counted

if TYPE_CHECKING:
    from tui_reader.core.codebook.tree import Recoding

MAX_STEPS = 200  # steps kept
MAX_RECORDS = 50_000  # before/after pairs kept over all steps (an autocode run can be large)
# The tables a step covers (not reading positions); memos follow a renamed code.
RECORDED = ("annotations", "tags", "memos", "attributes")
# A passage's place: approximate re-anchoring rewrites the quote with the offsets (the text
# found where the old one was), so it is part of the place too.
ANCHOR_FIELDS = frozenset({"start", "end", "quote", "prefix", "suffix", "doc_sha256", "status"})

Entry = list[Any]  # [table, doc_id, before, after]

# The field of a step that joined the memo and attributes of documents whose files moved to
# those their new keys had (DocumentRecords.follow_documents): the moves, old key -> new key.
# Such a step is no user's: undo and redo go through it (:func:`reverting_through`).
JOINED = "joined"
# The field of a step undone or redone through joins: the moves to make again after it is
# next undone or redone, when no join is left to give them.
REJOIN = "rejoin"
# The field of a step that wrote records as they were elsewhere, their times included (a
# merge of a colleague's coding, an import): its redo writes them so again, not dated to the
# redo as the redo of a user's own change is (their passages were the redo's, the next merge
# of their database taking ours for newer).  Its undo is still a change of its own.
AS_GIVEN = "as_given"


class UndoRefused(StoreError):
    """An undo or redo that would overwrite newer work, or that has nothing to act on.
    ``before``: the refusal is a step dropped from the history (undo stops there, see
    :func:`choose_undo`) and this is the step made before it, which an undo by its id takes
    back; each front end says how (a command, a key)."""

    def __init__(self, message: str, *, before: int | None = None) -> None:
        super().__init__(message)
        self.before = before


class UndoStopped(UndoRefused):
    """An undo of several steps (:meth:`~.HistoryRecords.undo_back_to`) refused on the way,
    after the steps ``undone`` (newest first), which stay undone."""

    def __init__(self, refused: UndoRefused, undone: Sequence[Step]) -> None:
        super().__init__(str(refused), before=refused.before)
        self.undone = tuple(undone)


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
    # dropped from the history for the records it keeps (MAX_RECORDS beside newer steps):
    # listed, never undone; how many records it held
    dropped: bool = False
    records: int = 0
    # what an undo or redo just did to the annotations' codes: how many annotations went
    # from one set of codes to another, by coder (those whose codes stayed left out); given
    # by an undo or redo asked for it (the codebook's counts at once), else empty
    recoded: tuple[tuple[Recoding, int], ...] = ()

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


def recodings(record: Record, *, redo: bool) -> tuple[tuple[Recoding, int], ...]:
    """What undoing (``redo``: redoing) the step of ``record`` does to its annotations'
    codes: ``((coder, codes before, codes after), how many)``, None for an annotation
    created or deleted; those whose codes stay as they are left out."""
    moved: Counter[Recoding] = Counter()
    read: dict[tuple[Any, ...], tuple[str, ...] | None] = {}  # each list of codes read once

    def codes(annotation: Record | None) -> tuple[str, ...] | None:
        """Its codes as the store reads them (None: no annotation, or none it can read)."""
        tags = None if annotation is None else annotation.get("tags")
        if type(tags) is not list or not all_of(tags, str):
            if annotation is None:
                return None
            try:
                return record_tags(tags)
            except ValueError:
                return None
        key = tuple(tags)
        if key not in read:
            read[key] = code_names(key)
        return read[key]

    for table, _, before, after in step_entries(record) or []:
        if table != ANNOTATIONS:
            continue
        was, now = (before, after) if redo else (after, before)
        codes_was, codes_now = codes(was), codes(now)
        if codes_was != codes_now:
            coder = (now if now is not None else was or {}).get("coder")
            moved[(coder if type(coder) is str else "", codes_was, codes_now)] += 1
    return tuple(moved.items())


def step_entries(record: Record) -> list[Entry] | None:
    """The ``[table, doc_id, before, after]`` entries of a step's record; None when they are
    damaged (a database edited by hand: not a list of such entries of the recorded tables)."""
    changes = record.get("changes")
    if changes is None:
        return []
    if not isinstance(changes, list) or not all(map(_well_formed, changes)):
        return None
    return changes


def changes_damaged(changes: object) -> bool:
    """Whether a step's ``changes`` are damaged (:func:`step_entries` gives None for them)."""
    return step_entries({"changes": changes}) is None


def _well_formed(entry: object) -> bool:
    # (each side tested on its own: a generator for the two took half the time of reading
    # a step's changes, 300,000 entries after an import)
    if type(entry) is not list or len(entry) != 4:
        return False
    table, doc_id, before, after = entry
    return (
        table in RECORDED
        and type(doc_id) is str
        and (before is None or type(before) is dict)
        and (after is None or type(after) is dict)
    )


def describe_step(step: Step, *, redo: bool) -> str:
    """The notification after an undo or redo: ``Undone: tags added: policy (3 annotations).``"""
    count = step.annotations
    what = f" ({counted(count, 'annotation')})" if count else ""
    return f"{'Redone' if redo else 'Undone'}: {step.label}{what}."


class PendingStep:
    """A step being gathered over several writes (an import's codes, memos, attributes and
    passages).  Each write carries the step as it stands with it, in the same journal line
    (:meth:`saving`): a crash between two writes leaves the step of what was saved, listed
    and undoable (the step written last, once the run was over, was lost with it: undo then
    took back the step before the import)."""

    def __init__(self, label: str, origin: str | None, *, as_given: bool = False) -> None:
        self.label = label
        self.origin = origin
        self.as_given = as_given  # see AS_GIVEN
        self.entries: dict[tuple[str, str], Entry] = {}
        self.step_id: str | None = None  # its record's id, once written
        self.when = ""

    def add(self, entries: Sequence[Entry]) -> None:
        _gather(self.entries, entries)

    def saving(self, data: Tables, entries: Sequence[Entry], origin: str) -> list[Change]:
        """The changes that write the step as it stands once ``entries`` are saved too (its
        record made with its first entries, then written again, whole, with each write):
        to be saved in the same line as those ``entries``, then :meth:`saved`."""
        if not entries:
            return []
        gathered = dict(self.entries)
        _gather(gathered, entries)
        changed = [e for e in gathered.values() if e[2] != e[3]]
        if not changed:  # what the step did taken back within it: no step
            return [] if self.step_id is None else [(HISTORY, self.step_id, None)]
        when = self.when or utc_now()
        return step_changes(
            data, changed, self.label, origin, when, self.step_id, as_given=self.as_given
        )

    def saved(self, entries: Sequence[Entry], changes: Sequence[Change]) -> None:
        """``entries`` were saved with the step's ``changes`` (:meth:`saving`)."""
        self.add(entries)
        if changes:
            step_id, record = changes[0][1], changes[0][2]
            self.step_id = None if record is None else step_id
            if record is not None and not self.when:
                self.when = str(record.get("when", ""))


def _gather(into: dict[tuple[str, str], Entry], entries: Sequence[Entry]) -> None:
    for table, doc_id, before, after in entries:
        old = into.get((table, doc_id))
        into[(table, doc_id)] = [table, doc_id, old[2] if old else before, after]


def entries_of(
    data: Tables, changes: Sequence[Change], before: Mapping[str, Record] | None = None
) -> list[Entry]:
    """What ``changes`` (about to be applied to ``data``) do to the recorded tables: one
    ``[table, doc_id, before, after]`` per record touched, in first-touched order;
    ``before``: every annotation record they replace, read alone (the table not parsed).

    The records themselves, not copies: a change replaces a record, never edits it (the
    tables hold the very records of the changes, and a fold writes them from another
    thread), so the step keeps what was there and what was put.  A deep copy of each took
    most of a rename's own time at 100,000 annotations (40,000 records for 20,000 renamed).
    """
    found: dict[tuple[str, str], Entry] = {}
    for table, doc_id, doc in changes:
        if table not in RECORDED or doc_id is None:
            continue
        key = (table, doc_id)
        if key not in found:
            was: Record | None
            if before is not None and table == "annotations":
                was = before[doc_id]  # (every one they replace: a KeyError, never a guess)
            else:
                was = data.get(table, {}).get(doc_id)
            found[key] = [table, doc_id, was, None]
        found[key][3] = doc
    return [e for e in found.values() if e[2] != e[3]]


def _copied(value: Any) -> Any:
    """A deep copy of a JSON value (dicts, lists, scalars): what ``copy.deepcopy`` gives,
    several times faster on records (an import records 100,000 of them)."""
    if type(value) is dict:
        return {key: _copied(item) for key, item in value.items()}
    if type(value) is list:
        return [_copied(item) for item in value]
    return value


class StepSizes:
    """How many entries each step's record holds, as :func:`step_entries` counts them (0 when
    damaged), kept between saves by the identity of the record's list of changes, which no
    save changes in place (the list is kept with its size: its id is no other list's).  Each
    save counted every entry of every step kept, up to :data:`MAX_RECORDS`: 38,000 after two
    renames of a code used 19,000 times, 0.1 s a save, a highlight's too.  The sizes kept are
    those of the steps the last save counted; a size found by another store's is its own."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, int]] = {}

    def size(self, record: Record, sized: dict[int, tuple[object, int]]) -> int:
        """``record``'s size, also put in ``sized`` (the sizes to keep, see :meth:`keep`)."""
        changes = record.get("changes")
        known = self._known.get(id(changes))
        if known is not None and known[0] is changes:
            size = known[1]
        else:
            size = len(step_entries(record) or ())
        sized[id(changes)] = (changes, size)
        return size

    def keep(self, sized: dict[int, tuple[object, int]]) -> None:
        """Keep ``sized`` alone for the next save (the steps now gone are let go)."""
        self._known = sized


_STEP_SIZES = StepSizes()


def step_changes(
    data: Tables,
    entries: Sequence[Entry],
    label: str,
    origin: str,
    when: str,
    step_id: str | None = None,
    *,
    joined: Mapping[str, str] | None = None,
    as_given: bool = False,
) -> list[Change]:
    """The changes that save a new step of ``entries`` (and drop the oldest past the bounds),
    its record first; a new step also ends what could be redone.  ``step_id``: the step is
    that one, written again with more entries (:class:`PendingStep`).  ``joined``: the step
    is a join of moved documents' memos and attributes, which keeps these moves
    (:data:`JOINED`); ``as_given``: it wrote records as they were elsewhere (:data:`AS_GIVEN`)."""
    record = _step_record(label, origin, when, entries, joined, as_given=as_given)
    if step_id is None and (alone := _dropped_alone(data, record, len(entries))) is not None:
        return alone
    if step_id is None and (alone := _step_alone(data, record, len(entries))) is not None:
        return alone
    table = data.get(HISTORY, {})
    ids = sorted(n for k in table if (n := id_number(k)) is not None and k != step_id)
    new_id = int(step_id) if step_id is not None else (ids[-1] + 1) if ids else 1
    changes: list[Change] = [(HISTORY, str(new_id), record)]
    kept, records = 1, len(entries)  # steps listed (notes of dropped ones too), their records
    # steps not undone that go past the bounds (and whether for their size)
    dropped: list[tuple[int, Record, bool, int]] = []  # (with its size)
    notes = _dropped_notes(table)
    sized: dict[int, tuple[object, int]] = {}  # (the new step's counted with its own)
    _STEP_SIZES.size(record, sized)
    for old in sorted({*ids, *notes}, reverse=True):
        if old in notes:  # a step dropped for its size before: listed, a step of the 200
            if kept >= MAX_STEPS:
                changes.append(_note_aged(f"{FORGOTTEN}{old}", notes[old]))
            kept += 1
            continue
        doc = table[str(old)]
        size = _STEP_SIZES.size(doc, sized)
        too_big = kept < MAX_STEPS and records + size > MAX_RECORDS
        if doc.get("undone") is not None or kept >= MAX_STEPS or too_big:
            if head_problem(str(old), doc) is not None:
                continue  # a record edited by hand into no step: kept as it is, never dropped
            changes.append((HISTORY, str(old), None))  # undone steps cannot be redone any more
            if doc.get("undone") is None:
                dropped.append((old, doc, too_big, size))
                kept += too_big  # its note is listed in its place
            continue
        kept += 1
        records += size
    _STEP_SIZES.keep(sized)
    gone = tombstones(table) if dropped else set()
    # oldest first: what one deleted, the next may make
    for old, doc, too_big, size in reversed(dropped):
        # its entries as step_entries reads them, checked as its size was counted
        had = doc.get("changes") if size else []
        kept_gone = forgotten(doc, gone, too_big=too_big, entries=had)
        if kept_gone is not None:  # written once, when the step goes: never again
            changes.append((HISTORY, f"{FORGOTTEN}{old}", kept_gone))
    return changes


def _step_record(
    label: str,
    origin: str,
    when: str,
    entries: Sequence[Entry],
    joined: Mapping[str, str] | None = None,
    *,
    as_given: bool = False,
) -> Record:
    """A step's record, laid out as a listing reads it: its head (``joined`` and
    :data:`AS_GIVEN` in it), then its changes, then ``undone``, last."""
    record: Record = {
        "label": label,
        "origin": origin,
        "when": when,
        "annotations": len({_annotation_id(e) for e in entries if e[0] == "annotations"}),
    }
    if joined is not None:
        record[JOINED] = dict(joined)
    if as_given:
        record[AS_GIVEN] = True
    record[RECORDS] = len(entries)
    record[MAKES_ALONE] = _makes_or_edits_alone(entries)
    return record | {"changes": [list(e) for e in entries], "undone": None}


# Written in a step's record before its changes: how many entries they are, and whether each
# makes or edits an annotation or a memo, none deleting one or changing a code or attributes
# (see _makes_or_edits_alone): a step dropped from the history for its size is weighed and
# kept without its changes parsed (an import's 100,000 entries, 70 MB, parsed at the first
# code renamed after it).  A step written before has neither: the history is parsed then.
RECORDS = "records"
MAKES_ALONE = "makes_alone"


def _dropped_alone(data: Tables, record: Record, count: int) -> list[Change] | None:
    """The changes :func:`step_changes` gives for a new step ``record`` of ``count`` entries,
    found from the history's steps without their changes (:meth:`~.snapshot.SnapshotTables.
    heads_placed`), each step weighed by its :data:`RECORDS`: those it drops are deleted,
    each one dropped for its size that makes or edits alone (:data:`MAKES_ALONE`) kept as its
    note without its changes read while nothing is known deleted, any other one dropped read
    alone (:meth:`~.snapshot.SnapshotTables.step_alone`), as are the records of steps dropped
    before that say what is deleted.  None when the history's line is parsed or changed
    already, not laid out as the store writes it, or a step's record does not say its
    size: the table is looked at as before."""
    if not isinstance(data, SnapshotTables):
        return None
    heads = data.heads_placed(HISTORY)
    if heads is None:
        return None
    ids = sorted(n for k in heads if (n := id_number(k)) is not None)
    changes: list[Change] = [(HISTORY, str(ids[-1] + 1 if ids else 1), record)]
    kept, records = 1, count
    dropped: list[tuple[int, Record, bool, int]] = []
    notes = _dropped_notes(heads)  # (a note's DROPPED is in its head)
    for old in sorted({*ids, *notes}, reverse=True):
        if old in notes:
            if kept >= MAX_STEPS:
                note = data.step_alone(HISTORY, f"{FORGOTTEN}{old}")
                if note is None:
                    return None
                changes.append(_note_aged(f"{FORGOTTEN}{old}", note))
            kept += 1
            continue
        head = heads[str(old)]
        size = head.get(RECORDS)
        if type(size) is not int or size < 0:
            return None
        too_big = kept < MAX_STEPS and records + size > MAX_RECORDS
        if head.get("undone") is not None or kept >= MAX_STEPS or too_big:
            if head_problem(str(old), head) is not None:
                continue  # kept as it is (as step_changes keeps it)
            changes.append((HISTORY, str(old), None))
            if head.get("undone") is None:
                dropped.append((old, head, too_big, size))
                kept += too_big
            continue
        kept += 1
        records += size
    if not dropped:
        return changes
    before: dict[str, Record] = {}  # what the steps dropped before did, read alone
    for key in heads:
        if is_forgotten(key):
            note = data.step_alone(HISTORY, key)
            if note is None:
                return None
            before[key] = note
    gone = tombstones(before)
    for old, head, too_big, size in reversed(dropped):  # oldest first, as step_changes
        if too_big and not gone and head.get(MAKES_ALONE) is True:
            kept_gone = forgotten(head, gone, too_big=True, entries=[], records=size)
        else:
            step = data.step_alone(HISTORY, str(old))
            if step is None:
                return None
            kept_gone = forgotten(step, gone, too_big=too_big)
        if kept_gone is not None:
            changes.append((HISTORY, f"{FORGOTTEN}{old}", kept_gone))
    return changes


def _step_alone(data: Tables, record: Record, count: int) -> list[Change] | None:
    """The changes :func:`step_changes` gives for a new step ``record`` of ``count`` entries
    when no step leaves the history with it, found from the history's outline
    (:meth:`~.snapshot.SnapshotTables.outline`) without parsing its steps' changes: no step
    undone, fewer than :data:`MAX_STEPS` steps and notes of dropped ones, and the outline's
    bound on their entries, with ``count``, within :data:`MAX_RECORDS`.  Then the step alone
    is written, under the id after the largest.  None otherwise: the table is parsed."""
    if not isinstance(data, SnapshotTables):
        return None
    outline = data.outline(HISTORY, MAX_RECORDS - count)
    if outline is None:
        return None
    heads, bound = outline
    ids: set[int] = set()
    listed: set[int] = set()  # steps and notes of steps dropped for their size
    for key, head in heads.items():
        if is_forgotten(key):
            if isinstance(head.get(DROPPED), dict):  # (what _dropped_notes reads)
                listed.add(int(key[len(FORGOTTEN) :]))
            continue
        number = id_number(key)
        if number is None:
            continue  # not a step (as for step_changes)
        if head.get("undone") is not None and head_problem(key, head) is None:
            return None  # to drop: it can no longer be redone (one edited by hand is kept)
        ids.add(number)
    if len(ids | listed) >= MAX_STEPS or count + bound > MAX_RECORDS:
        return None
    return [(HISTORY, str(max(ids, default=0) + 1), record)]


# What a step dropped from the history deleted, and made (again), kept under ``FORGOTTEN``
# and the step's id: annotations and memos deleted (their last version), codes deleted or
# renamed away, attribute values removed, and the ids and names it made, so a merge still
# knows what was deleted here however long ago.  Not a step: never listed, undone or redone;
# read before the steps, in the order of the steps they were.
FORGOTTEN = "forgotten-"


def is_forgotten(key: str) -> bool:
    """Whether ``key`` is that of what a dropped step did (:data:`FORGOTTEN`), no step."""
    return key.startswith(FORGOTTEN) and id_number(key[len(FORGOTTEN) :]) is not None


def in_order(table: Mapping[str, Record]) -> list[tuple[str, Record]]:
    """The history's records oldest first: what dropped steps did, then every step."""
    steps_kept: list[tuple[int, str, Record]] = []
    gone: list[tuple[int, str, Record]] = []
    for key, record in table.items():
        if (number := id_number(key)) is not None:
            steps_kept.append((number, key, record))
        elif is_forgotten(key):
            gone.append((int(key[len(FORGOTTEN) :]), key, record))
    return [(key, record) for _, key, record in (*sorted(gone), *sorted(steps_kept))]


def tombstones(table: Mapping[str, Record]) -> set[tuple[str, str]]:
    """What the records of dropped steps say is deleted: (table, id), ("tags", name) and
    ("attributes", document and name)."""
    gone: set[tuple[str, str]] = set()
    for key, record in in_order(table):
        if key.isdecimal():
            break
        for entry in step_entries(record) or ():
            for mark, deleted in _marks(entry):
                (gone.add if deleted else gone.discard)(mark)
    return gone


def _marks(entry: Entry) -> list[tuple[tuple[str, str], bool]]:
    """What one entry deletes (True) and makes (False), by the marks of :func:`tombstones`."""
    table, _, before, after = entry
    if table == "tags":
        old, new = ((side or {}).get("name") for side in (before, after))
        found = [((table, old), True)] if isinstance(old, str) and old != new else []
        return found + ([((table, new), False)] if isinstance(new, str) else [])
    if table == "attributes":
        document = str((before or after or {}).get("document", ""))
        old_names, new_names = set(_values(before)), set(_values(after))
        return [((table, f"{document}\n{n}"), True) for n in old_names - new_names] + [
            ((table, f"{document}\n{n}"), False) for n in new_names - old_names
        ]
    version = after if after is not None else before
    if not isinstance(version, dict) or not isinstance(version.get("id"), str):
        return []
    if after is None:
        return [((table, version["id"]), True)]
    return [((table, version["id"]), False)] if before is None else []


def forgotten(
    step: Record,
    gone: set[tuple[str, str]],
    *,
    too_big: bool = False,
    entries: list[Entry] | None = None,
    records: int | None = None,
) -> Record | None:
    """The record kept of ``step`` when it leaves the history (see :data:`FORGOTTEN`): what it
    deleted, and what it made that was deleted (``gone``: what the records kept before say is
    deleted, brought up to date), and, ``too_big`` (dropped for its size, not its age), the
    step as the history listed it (:data:`DROPPED`), so that the listing and undo say so;
    None when there is nothing of any.  ``entries``: the step's entries as
    :func:`step_entries` reads them (``[]`` for damaged ones), when the caller has them
    checked already (an import's 100,000 were checked again: 0.04 s); ``records``: how many
    entries the step holds, when they are not given (:func:`_dropped_alone`)."""
    kept: list[Entry] = []
    step_had = (step_entries(step) or []) if entries is None else entries
    if gone or not _makes_or_edits_alone(step_had):  # else nothing is kept of any entry
        kept = _kept_entries(step_had, gone)
    if not kept and not too_big:
        return None
    record: Record = {
        "label": f"what step {step.get('label', '')!r}, gone from the history, did",
        "origin": "",
        "when": step.get("when", ""),
        "annotations": 0,
    }
    if too_big:  # (before its changes: a listing reads a step's record up to them)
        record[DROPPED] = {k: step.get(k) for k in ("label", "origin", "when", "annotations")}
        record[DROPPED]["records"] = len(step_had) if records is None else records
    return record | {"changes": kept, "undone": None}


_TABLE, _AFTER = itemgetter(0), itemgetter(3)
# The tables whose entries mark only what they delete, or make (see _marks)
_MADE_OR_EDITED = frozenset({ANNOTATIONS, MEMOS})


def _makes_or_edits_alone(entries: Sequence[Entry]) -> bool:
    """Whether each of ``entries`` makes or edits an annotation or a memo, none deleting
    one or changing a code or attributes: then, while nothing is known deleted (``gone``
    empty), no entry is kept by :func:`forgotten` and none marks anything deleted (an
    import's 100,000 entries were each looked at in Python: 0.2 s).  Looked at in C."""
    return set(map(_TABLE, entries)) <= _MADE_OR_EDITED and None not in map(_AFTER, entries)


def _kept_entries(step_had: list[Entry], gone: set[tuple[str, str]]) -> list[Entry]:
    """What :func:`forgotten` keeps of the entries ``step_had``, ``gone`` brought up to date."""
    entries: list[Entry] = []
    for entry in step_had:
        table, _, before, after = entry
        marks = _marks(entry)
        if any(deleted or mark in gone for mark, deleted in marks):
            if table == "tags":
                entries.append([table, "", _named(before), _named(after)])
            elif table == "attributes":
                entries.append([table, "", before, after])
            elif after is None:
                entries.append([table, "", before, None])  # deleted: its last version
            else:
                entries.append([table, "", None, {"id": after["id"]}])  # made again
        for mark, deleted in marks:
            (gone.add if deleted else gone.discard)(mark)
    return entries


# The field of a FORGOTTEN record whose step was dropped for its size: that step's label,
# origin, time and count of annotations, and how many records it held.
DROPPED = "dropped"


def _dropped_notes(table: Mapping[str, Record]) -> dict[int, Record]:
    """The records under :data:`FORGOTTEN` that keep a step dropped for its size
    (:data:`DROPPED`), by the step's id: only those records are read, by their keys."""
    found: dict[int, Record] = {}
    for key in table:
        if is_forgotten(key):
            record = table[key]
            if isinstance(record.get(DROPPED), dict):
                found[int(key[len(FORGOTTEN) :])] = record
    return found


def _note_aged(key: str, record: Record) -> Change:
    """The change that ends the listing of the step dropped for its size that ``record``
    keeps, once the history's :data:`MAX_STEPS` newer steps are listed before it, as a step
    goes past them: what it deleted and made is kept (:data:`FORGOTTEN`), the record dropped
    when there is none."""
    if not step_entries(record):
        return (HISTORY, key, None)
    return (HISTORY, key, {k: v for k, v in record.items() if k != DROPPED})


def dropped_steps(table: Mapping[str, Record]) -> dict[int, Record]:
    """The steps dropped from the history ``table`` for their size, by id: what
    :data:`DROPPED` keeps of each (the records of the history, or their heads)."""
    found: dict[int, Record] = {}
    for key, record in table.items():
        if is_forgotten(key) and isinstance(record.get(DROPPED), dict):
            found[int(key[len(FORGOTTEN) :])] = record[DROPPED]
    return found


def dropped_step(step_id: int, kept: Record) -> Step:
    """The :class:`Step` the history listed as ``step_id``, dropped for its size (``kept``:
    what :data:`DROPPED` keeps of it)."""
    count, records = kept.get("annotations"), kept.get("records")
    return Step(
        id=step_id,
        label=str(kept.get("label", "")),
        origin=str(kept.get("origin", "")),
        when=str(kept.get("when", "")),
        annotations=count if type(count) is int and count >= 0 else 0,
        undone=False,
        dropped=True,
        records=records if type(records) is int and records >= 0 else 0,
    )


@dataclass(frozen=True)
class DroppedRun:
    """Steps dropped from the history for its records, one after another, each of them
    small (:func:`grouped`), listed as one: ``steps``, newest first."""

    steps: tuple[Step, ...]

    @property
    def annotations(self) -> int:
        return sum(step.annotations for step in self.steps)


def grouped(listed: Sequence[Step]) -> list[Step | DroppedRun]:
    """``listed`` (newest first) with each run of two or more small steps dropped for the
    records, with no step kept between them, made one :class:`DroppedRun`: a big step (an
    import of 100,000 annotations) pushes out every step before it, up to the 199 others
    the history keeps, each of them listed as dropped.  A dropped step is small when it held
    no more than its share of the records (:data:`MAX_RECORDS` over :data:`MAX_STEPS`); a
    big one stays a line of its own, the step that was there to undo."""
    share = MAX_RECORDS // MAX_STEPS
    found: list[Step | DroppedRun] = []
    run: list[Step] = []
    for step in [*listed, None]:
        if step is not None and step.dropped and step.records <= share:
            run.append(step)
            continue
        if len(run) > 1:
            found.append(DroppedRun(tuple(run)))
        else:
            found += run
        run = []
        if step is not None:
            found.append(step)
    return found


def too_big_to_undo(step: Step) -> str:
    """Why the dropped ``step`` cannot be undone."""
    return (
        f"step {step.id} (“{step.label}”, {counted(step.annotations, 'annotation')}) was "
        f"dropped from the history, which keeps {MAX_RECORDS:,} changed records at most "
        "(the newest step whole, however big), so undo cannot take it back"
    )


def _named(side: Record | None) -> Record | None:
    name = (side or {}).get("name")
    return {"name": name} if isinstance(name, str) else None


def _values(record: Record | None) -> dict[str, Any]:
    values = (record or {}).get("values")
    return values if isinstance(values, dict) else {}


def steps(data: Tables) -> list[Step]:
    """Every recorded step that can be read (:func:`head_problem`), newest first."""
    table = data.get(HISTORY, {})
    found = [Step.from_record(k, v) for k, v in table.items() if not head_problem(k, v)]
    return sorted(found, key=lambda s: -s.id)


def head_problem(doc_id: str, record: Record) -> str | None:
    """What keeps the step ``record`` under ``doc_id`` from being listed, undone or redone
    (a database edited by hand): an id that is no number, none of a step's label, time and
    changes, a label, origin or time that is no text, a time that is no date, an undo mark
    that is neither null nor a number; None when it can be.  ``record`` may be the step's
    head alone, its changes left out (:func:`~.history_records.listed_steps`)."""
    if id_number(doc_id) is None:
        return "its id is no number"
    if not any(field in record for field in ("label", "when", "changes")):
        return "it holds none of a step's label, time and changes"
    if not all(isinstance(record.get(field, ""), str) for field in ("label", "origin", "when")):
        return "its label, command or time is no text"
    when = record.get("when")
    if when is not None and not _is_date(when):
        return f"its time is no date ({_shown_value(when)})"
    undone = record.get("undone")
    if undone is not None and type(undone) is not int:
        return f"its undo mark is neither null nor a number ({_shown_value(undone)})"
    return None


def _is_date(when: str) -> bool:
    """Whether ``when`` is a time as a step records it (ISO 8601, as :func:`utc_now` writes)."""
    try:
        datetime.fromisoformat(when)
    except ValueError:
        return False
    return True


def _shown_value(value: object) -> str:
    """A value of a damaged record as a problem names it: its JSON, cut to 40 characters."""
    return shown_json(value, indent=None)[:40]


def _annotation_id(entry: Entry) -> str:
    record = entry[3] if entry[3] is not None else entry[2]
    return str((record or {}).get("id", ""))


def _same(current: Record | None, expected: Record | None, table: str = "") -> bool:
    """True when ``current`` is ``expected``: the same revision (an annotation's revision moves
    on with every save), or, when re-anchoring, re-linking or an undo moved it on since, the
    same but for the place, the annotation's key and the time (an undo saves what it puts back
    with the time it is made)."""
    if current is None or expected is None:
        return current is expected
    if "revision" in expected and current.get("revision") == expected.get("revision"):
        return True
    place = _place_fields(table, expected)
    keys = (current.keys() | expected.keys()) - place - {"revision", "updated"}
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
    marks = [n for n in map(id_number, table) if n is not None]
    marks += [int(v["undone"]) for v in table.values() if isinstance(v.get("undone"), int)]
    return max(marks, default=0) + 1


# The field of a FORGOTTEN record that marks where the history was pruned by hand
# (``tui-reader history --prune``): when, and how many steps it removed.  The record is
# under the newest step removed; undo stops there and says so.
PRUNED = "pruned"


@dataclass(frozen=True)
class Pruning:
    """What a prune of the history removes (:func:`pruning`): the ``steps`` (newest
    first, those dropped for their size as listed), the changed ``records`` they held,
    and, ``forget_deleted``, the annotations and memos deleted whose last versions the
    history no longer keeps (``deleted``: how many).  ``set_aside``: a file of the
    database's that the prune leaves as it was, and may hold what it removed (the damaged
    journal lines kept aside, for the user to look at: never deleted unseen)."""

    steps: tuple[Step, ...]
    records: int
    deleted: int
    changes: tuple[Change, ...]
    set_aside: str | None = None


def left_aside(found: Pruning) -> str | None:
    """What a prune says of the file it left as it was (:attr:`Pruning.set_aside`), which
    may hold what it removed; None when there is none."""
    if found.set_aside is None:
        return None
    return (
        f"{found.set_aside}: the damaged journal lines kept aside are left as they were and "
        "may hold what was removed: delete the file once you have looked at it"
    )


def pruning(data: Tables, keep: int, *, forget_deleted: bool, when: str) -> Pruning:
    """The changes that prune the history of ``data`` to its ``keep`` newest steps (as they
    are listed, those dropped for their size among them), the others removed, a mark left
    under the newest of them (:data:`PRUNED`) for undo to stop at and say.  What the steps
    removed deleted is kept as a step dropped past the bounds keeps it (so a merge does not
    bring back a colleague's copy of it), unless ``forget_deleted``: then nothing of what
    was deleted or removed is kept, by any step the history no longer holds."""
    table = data.get(HISTORY, {})
    notes = _dropped_notes(table)
    listed = sorted(
        [Step.from_record(k, v) for k, v in table.items() if not head_problem(k, v)]
        + [dropped_step(n, note[DROPPED]) for n, note in notes.items()],
        key=lambda step: -step.id,
    )
    removed = listed[keep:]
    changes: list[Change] = []
    records = 0
    gone_steps: list[tuple[int, Record]] = []
    for step in removed:
        if step.dropped:
            records += step.records
            if not forget_deleted:
                changes.append(_note_aged(f"{FORGOTTEN}{step.id}", notes[step.id]))
            continue
        record = table[str(step.id)]
        records += len(step_entries(record) or ())
        changes.append((HISTORY, str(step.id), None))
        if record.get("undone") is None:
            gone_steps.append((step.id, record))
    deleted = 0
    if forget_deleted:
        deleted = len(
            {k for k in tombstones(table) if k[0] in (ANNOTATIONS, MEMOS)}
            | {
                mark
                for _, record in gone_steps
                for entry in step_entries(record) or ()
                for mark, gone in _marks(entry)
                if gone and mark[0] in (ANNOTATIONS, MEMOS)
            }
        )
        removing = {key for _, key, _ in changes}
        listed_kept = {f"{FORGOTTEN}{step.id}" for step in listed[:keep] if step.dropped}
        for key in table:
            if not is_forgotten(key) or key in removing:
                continue
            if key in listed_kept:  # a step dropped for its size, still listed: only that
                changes.append((HISTORY, key, table[key] | {"changes": []}))
            else:
                changes.append((HISTORY, key, None))
    else:
        gone = tombstones(table)
        for step_id, record in reversed(gone_steps):  # oldest first, as steps_changes does
            kept_gone = forgotten(record, gone)
            if kept_gone is not None:
                changes.append((HISTORY, f"{FORGOTTEN}{step_id}", kept_gone))
    if removed:
        newest = removed[0].id
        key = f"{FORGOTTEN}{newest}"
        mark = {"when": when, "steps": len(removed)}
        written = {k: record for _, k, record in changes if k == key}
        base = written[key] if key in written else table.get(key)
        if forget_deleted or base is None:
            base = {"label": "", "origin": "", "when": when, "annotations": 0}
        head = {k: v for k, v in base.items() if k not in ("changes", "undone", PRUNED)}
        # laid out as a step is (its changes, then undone, last): a listing reads it alone
        record = head | {PRUNED: mark, "changes": base.get("changes") or [], "undone": None}
        changes = [c for c in changes if c[1] != key]
        changes.append((HISTORY, key, record))
    listing = tuple(replace(step, annotation_ids=()) for step in removed)  # as history() lists
    return Pruning(listing, records, deleted, tuple(changes))


def pruned_at(table: Mapping[str, Record]) -> tuple[int, str] | None:
    """The newest step the history was pruned of by hand and when (:data:`PRUNED`)."""
    found = [
        (int(key[len(FORGOTTEN) :]), str(record[PRUNED].get("when", "")))
        for key, record in table.items()
        if is_forgotten(key) and isinstance(record.get(PRUNED), dict)
    ]
    return max(found) if found else None


def _pruned_away(table: Mapping[str, Record], step_id: int | None) -> str | None:
    """Why undo cannot go on: the history was pruned of step ``step_id`` (None: of the
    steps before those left), said with when; None when it was not."""
    pruned = pruned_at(table)
    if pruned is None or (step_id is not None and step_id > pruned[0]):
        return None
    newest, when = pruned
    if step_id is not None:
        return (
            f"step {step_id} was pruned from the history at {when} (tui-reader history "
            "--prune): undo cannot take it back"
        )
    return (
        f"the history was pruned of the steps up to {newest} at {when} (tui-reader history "
        "--prune): undo cannot go further back"
    )


def choose_undo(data: Tables, step_id: int | None) -> tuple[str, Record]:
    """The step to undo: ``step_id``, else the newest one not undone."""
    table = data.get(HISTORY, {})
    dropped = dropped_steps(table)
    if step_id is not None:
        record = table.get(str(step_id))
        if record is None and step_id in dropped:
            raise UndoRefused(too_big_to_undo(dropped_step(step_id, dropped[step_id])))
        pruned = None if record is not None else _pruned_away(table, step_id)
        if pruned is not None:
            raise UndoRefused(pruned)
        if record is None:
            raise UndoRefused(f"no step {step_id} in the history (tui-reader history lists them)")
        problem = head_problem(str(step_id), record)
        if problem is not None:
            raise UndoRefused(
                f"history record {step_id} is unreadable ({problem}): undo cannot take it "
                "back; nothing was changed"
            )
        if is_join(record):
            raise UndoRefused(
                f"step {step_id} (“{record.get('label')}”) followed files that moved: it is "
                "taken back and made again with each step before it that is undone"
            )
        if record.get("undone") is not None:
            raise UndoRefused(f"step {step_id} ({record.get('label')}) is undone already")
        return str(step_id), record
    # a record that cannot be read as a step (edited by hand: head_problem) is passed over,
    # as the listing leaves it out (it was undone, as "Undone: .", and marked so)
    live = [
        n
        for k, v in table.items()
        if (n := id_number(k)) is not None
        and v.get("undone") is None
        and not is_join(v)
        and head_problem(k, v) is None
    ]
    # a step dropped for its size after the newest one left stands between: undo stops there
    # (going on undid a step made before it, as if the import were the one taken back)
    between = [n for n in dropped if n > max(live, default=0)]
    if between:
        newest = max(between)
        step = too_big_to_undo(dropped_step(newest, dropped[newest]))
        raise UndoRefused(step, before=max(live) if live else None)
    if not live:
        pruned = _pruned_away(table, None)
        raise UndoRefused("nothing to undo" + (f": {pruned}" if pruned else ""))
    return str(max(live)), table[str(max(live))]


def choose_redo(data: Tables) -> tuple[str, Record]:
    """The step undone last, when nothing new was done since."""
    table = data.get(HISTORY, {})
    undone = [
        (v["undone"], k)
        for k, v in table.items()
        if type(v.get("undone")) is int and head_problem(k, v) is None
    ]
    if not undone:
        raise UndoRefused("nothing to redo")
    _mark, key = max(undone)
    return key, table[key]


def reverting(
    data: Tables,
    locate: Callable[[], Mapping[str, str]],
    doc_id: str,
    record: Record,
    *,
    redo: bool,
    steps: Mapping[str, Record] | None = None,
) -> list[Change]:
    """The changes that undo (or, ``redo``, redo) step ``doc_id``; :class:`UndoRefused` naming
    what changed since when a record is no longer as the step left it.  ``steps``: the
    history's records without their changes (each step's undo mark), when its table is not
    to be parsed for them.

    ``locate`` gives the map of each annotation id to the doc id where it lives now (so a
    record that moved, or was recreated elsewhere, is still found); it is asked for only
    when an annotation is not where the step left it (the map of 100,000 annotations took
    most of an undo's own time, where each record is found at its doc id).
    """
    source, target = (2, 3) if redo else (3, 2)
    verb = "redo" if redo else "undo"
    changes: list[Change] = []
    stale: list[str] = []
    now = utc_now()  # an undo or redo is a change of its own: a merge elsewhere takes it
    # but the redo of a step that wrote records as they were elsewhere writes them so again
    dated = {} if redo and record.get(AS_GIVEN) is True else {"updated": now}
    kept: list[Entry] = []  # the step's entries, as the step keeps them after this
    entries = step_entries(record)
    if entries is None:
        raise UndoRefused(
            f"cannot {verb} step {doc_id} (“{record.get('label')}”): its record in the history "
            "is damaged; nothing was changed"
        )
    alone = _records_alone(data, entries)
    for entry in entries:
        table, where = str(entry[0]), str(entry[1])
        expected, wanted = entry[source], entry[target]
        kept.append(entry)
        read = alone.get(table)
        current = data.get(table, {}).get(where) if read is None else read.get(where)
        if table == "annotations" and not _carries_id(current, ident := _annotation_id(entry)):
            where = locate().get(ident, where)
            current = data.get(table, {}).get(where)
        if not _same(current, expected, table):
            stale.append(_describe(entry))
            continue
        if table == "annotations" and not redo and wanted is None and current is not None:
            # Undone, it is deleted; redone, it comes back above every revision it had
            # (re-anchoring may have saved it since the step without a step of its own).
            kept[-1] = [*entry[:3], _at_least(expected, current)]
        if wanted is not None and current is not None and expected is not None:
            wanted = _keep_current_place(current, expected, wanted, table)
        if table == "annotations" and wanted is not None:
            wanted = _copied(_next_revision(wanted, current, expected) | dated)
            # The step keeps what was written, so that it is found as it is left: the very
            # record, whose JSON the fold writes once (table_as_read.step_json)
            kept[-1] = [*entry[:target], wanted, *entry[target + 1 :]]
            changes.append((table, where, wanted))
            continue
        if (
            table == MEMOS
            and wanted is not None
            and "updated" in wanted
            and _text_changes(current, wanted)
        ):
            wanted = dict(wanted) | dated  # a memo's text changed now, as saved
            kept[-1] = [*entry[:target], wanted, *entry[target + 1 :]]
        changes.append((table, where, _copied(wanted)))
    if stale:
        more = f" and {len(stale) - 1} more" if len(stale) > 1 else ""
        raise UndoRefused(
            f"cannot {verb} “{record.get('label')}”: {stale[0]}{more} changed since; "
            "nothing was changed"
        )
    changes = _keep_used_tags(data, changes)
    mark = None if redo else _clock(data.get(HISTORY, {}) if steps is None else steps)
    step = dict(record) | {"undone": mark}
    if record.get("changes") is not None:
        step["changes"] = kept
    changes.append((HISTORY, doc_id, step))
    return changes


def _records_alone(data: Tables, entries: Sequence[Entry]) -> dict[str, dict[str, Record]]:
    """The records the step's ``entries`` name, by table, each table's read alone from its
    line when it is not parsed yet (:meth:`~.snapshot.SnapshotTables.records_alone`: the
    undo of a code renamed on 4,000 of 100,000 passages parsed all 100,000 to look at
    those); a table that cannot be read so is left out, to be looked at whole."""
    if not isinstance(data, SnapshotTables):
        return {}
    keys: dict[str, set[str]] = {}
    for entry in entries:
        keys.setdefault(str(entry[0]), set()).add(str(entry[1]))
    found: dict[str, dict[str, Record]] = {}
    for table, named in keys.items():
        records = data.records_alone(table, named)
        if records is not None:
            found[table] = records
    return found


def is_join(record: Record) -> bool:
    """Whether the step ``record`` joined moved documents' memos and attributes
    (:data:`JOINED`)."""
    return isinstance(record.get(JOINED), dict)


def reverting_through(
    data: Tables,
    locate: Callable[[], Mapping[str, str]],
    doc_id: str,
    record: Record,
    *,
    redo: bool,
    steps: Mapping[str, Record] | None = None,
) -> list[Change]:
    """The changes that undo (``redo``: redo) step ``doc_id``, as :func:`reverting`, through
    the joins made since (:data:`JOINED`): each taken back, newest first, the step undone,
    then the moves of those joins (and of the step's own :data:`REJOIN`) made again on
    what is left, oldest first.  The join steps become one, holding what the moves did now
    (none when they moved nothing), and the step keeps the moves for its next undo or
    redo.  :class:`UndoRefused` as :func:`reverting`, when a join's records changed since
    too; without joins, :func:`reverting` itself.  ``steps``: the history's records without
    their changes (as :func:`reverting` takes them), when its table is not parsed: the joins
    are looked for among them, and the table is parsed whole only when there are some."""
    number = id_number(doc_id)
    table = data.get(HISTORY, {}) if steps is None else steps
    joins = sorted(
        (
            (n, key, step)
            for key, step in table.items()
            if (n := id_number(key)) is not None
            and number is not None
            and n > number
            and step.get("undone") is None
            and is_join(step)
        ),
        key=lambda found: -found[0],
    )
    rejoin = record.get(REJOIN)
    moves: list[dict[str, str]] = [dict(rejoin)] if isinstance(rejoin, dict) else []
    moves += [dict(step[JOINED]) for _, _, step in reversed(joins)]
    if not moves:
        return reverting(data, locate, doc_id, record, redo=redo, steps=steps)
    if steps is not None:  # the joins' changes are taken back too: their records whole
        whole = data.get(HISTORY, {})
        joins = [(n, key, whole.get(key, step)) for n, key, step in joins]
    view = _Overlay(data)
    peeled: list[Change] = []
    for _, key, step in joins:
        taken = [c for c in reverting(view, locate, key, step, redo=False) if c[0] != HISTORY]
        view.apply(taken)
        peeled += taken
    own = reverting(view, locate, doc_id, record, redo=redo)
    view.apply(own)
    gathered: dict[tuple[str, str], Entry] = {}
    every: dict[str, str] = {}
    followed: list[Change] = []
    for moved in moves:
        found, _joined = following(view, moved)
        _gather(gathered, entries_of(view, found))
        view.apply(found)
        followed += found
        every.update(moved)
    own = [
        (HISTORY, key, _with_head(step, {REJOIN: every}))
        if table == HISTORY and key == doc_id and step is not None
        else (table, key, step)
        for table, key, step in own
    ]
    changes = peeled + own + followed
    done = [entry for entry in gathered.values() if entry[2] != entry[3]]
    for _, key, _ in joins[1:]:
        changes.append((HISTORY, key, None))
    if done:
        newest = joins[0][2] if joins else {}
        label = str(newest.get("label") or joined_label(every))
        origin, when = str(newest.get("origin", ORIGIN_JOIN)), str(newest.get("when", utc_now()))
        key = joins[0][1] if joins else str(_clock(view.get(HISTORY, {})))
        changes.append((HISTORY, key, _step_record(label, origin, when, done, every)))
    elif joins:
        changes.append((HISTORY, joins[0][1], None))
    return changes


ORIGIN_JOIN = "files moved"  # the origin of a join made again where none is left


def _with_head(record: Record, head: Record) -> Record:
    """``record`` with ``head``'s fields among its head's, before its changes and
    ``undone``, as a listing reads a step."""
    kept = {k: v for k, v in record.items() if k not in ("changes", "undone") and k not in head}
    tail = {k: record[k] for k in ("changes", "undone") if k in record}
    return kept | head | tail


class _Overlay(dict[str, dict[str, Record]]):
    """The tables of ``data`` as changes applied to them would leave them, the database's
    own untouched: each table changed copied (once), the others read from ``data``."""

    def __init__(self, data: Tables) -> None:
        super().__init__()
        self._data = data

    def get(self, table: str, default: Any = None) -> Any:
        if table in self:
            return self[table]
        return self._data.get(table, default)

    def apply(self, changes: Sequence[Change]) -> None:
        for table, key, record in changes:
            if key is None or table == ANNOTATIONS:
                continue  # (no join reads the passages: 100,000 of them not copied)
            if table not in self:
                self[table] = dict(self._data.get(table, {}))
            if record is None:
                self[table].pop(key, None)
            else:
                self[table][key] = record


def _carries_id(record: Record | None, annotation_id: str) -> bool:
    """Whether ``record`` is the annotation ``annotation_id`` (the index finds it there: a
    record it can read)."""
    return isinstance(record, dict) and record.get("id") == annotation_id


def _text_changes(current: Record | None, wanted: Record) -> bool:
    """Whether a memo's record put back changes its text (or brings it back): a code memo
    that followed its code's rename, undone, is the memo as it was, its text unchanged,
    which the rename left dated as it was (undone, it was dated now)."""
    return current is None or current.get("text") != wanted.get("text")


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


def _place_fields(table: str, record: Record) -> frozenset[str]:
    """The fields of ``record``, of ``table``, that re-anchoring and re-linking move on: an
    annotation's place and key, the key of a document's attributes or memo (which follow
    the annotations of the file to its new key)."""
    if table == ANNOTATIONS:
        return ANCHOR_FIELDS | {"document"}
    if table == ATTRIBUTES:
        return frozenset({"document"})
    if table == MEMOS and record.get("kind") == "document":
        return frozenset({"target"})
    return frozenset()


def _keep_current_place(current: Record, expected: Record, wanted: Record, table: str) -> Record:
    """When the step did not move the passage, keep where re-anchoring has put it since; when
    it did not change its key, keep the key re-linking gave it since (the file renamed, the
    database moved away from its corpus: the old key names no file)."""
    kept = dict(wanted)
    for fields in (
        ANCHOR_FIELDS & _place_fields(table, expected),
        _place_fields(table, expected) - ANCHOR_FIELDS,
    ):
        if all(expected.get(k) == wanted.get(k) for k in fields):
            kept |= {k: current[k] for k in fields if k in current}
    return kept


def _codes_read(record: Any) -> tuple[str, ...]:
    """The codes an annotation record carries; none for one that cannot be read (its codes
    edited by hand into an object or a number: the store lists it as unreadable)."""
    try:
        return record_tags(record.get("tags")) if isinstance(record, dict) else ()
    except ValueError:
        return ()


def _codes_in(records: Iterable[Any]) -> set[str]:
    """The codes ``records`` carry (see :func:`_codes_read`).  When every record's codes are
    a list of codes as :func:`record_tags` reads them already, as the store writes them, the
    names are taken as they are, each distinct one checked once: each record's were read
    again, 0.7 s for 100,000 records, at every undo and redo that removed a code."""
    rows = list(records)
    if all_of(rows, dict):
        lists = list(filter(None, map(dict.get, rows, repeat("tags", len(rows)))))
        every = list(chain.from_iterable(lists)) if all_of(lists, list) else None
        if every is not None and all_of(every, str) and are_code_paths(names := set(every)):
            return names
    return {t for record in rows for t in _codes_read(record)}


def _keep_used_tags(data: Tables, changes: list[Change]) -> list[Change]:
    """Drop the removal of a codebook tag that annotations still use after the change."""
    tags = data.get("tags", {})
    if not any(t == "tags" and doc is None and i is not None for t, i, doc in changes):
        return changes  # no code removed (an undo of a rename): no annotation read
    annotations = dict(data.get("annotations", {}))
    for table, doc_id, doc in changes:
        if table == "annotations" and doc_id is not None:
            if doc is None:
                annotations.pop(doc_id, None)
            else:
                annotations[doc_id] = doc
    used = _codes_in(annotations.values())
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
