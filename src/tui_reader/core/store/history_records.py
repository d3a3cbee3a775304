"""The history part of the store: gathering changes into undoable steps, undo and redo,
and the past versions of an annotation the history still holds.

Table ``history`` of ``annotations.json``; what a step records and how it is reverted is
:mod:`tui_reader.core.store.history`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.store.document_records import ATTRIBUTES
from tui_reader.core.store.index import ANNOTATIONS, HISTORY, TAGS, doc_id_order
from tui_reader.core.store.records import Records
from tui_reader.core.store.snapshot import SnapshotTables

if TYPE_CHECKING:
    from tui_reader.core.store.history import Pruning, Step

# What steps record and how they are reverted (:mod:`tui_reader.core.store.history`) loads
# with the first step, undo or read of the history: opening a database and reading it do not
# need it (a first screen does neither).


class HistoryRecords(Records):
    """Undoable steps, undo and redo: mixed into :class:`AnnotationStore`."""

    @contextlib.contextmanager
    def step(
        self, label: str, origin: str | None = None, *, as_given: bool = False
    ) -> Iterator[None]:
        """Gather every change made in the block (by this thread) into one undoable step named
        ``label`` (``origin``: the key or command, default :data:`~.caller.ORIGIN`).  Nested
        steps join the outer one.  The step is saved with each write, in its journal line, as
        it stands then: what was saved can be undone whatever stops the block (an error, a
        crash between two writes).  ``as_given``: the block writes records as they were
        elsewhere, their times too (a merge, an import), which a redo writes so again
        (:data:`~.history.AS_GIVEN`)."""
        if getattr(self._pending, "step", None) is not None:
            yield
            return
        from tui_reader.core.store import history

        # each write in the block carries the step as it stands (PendingStep.saving)
        self._pending.step = history.PendingStep(label, origin, as_given=as_given)
        try:
            yield
        finally:
            self._pending.step = None

    def history(self, limit: int | None = None) -> list[Step]:
        """The recorded steps, newest first, as a listing needs them: without the ids of the
        annotations each changed (``Step.annotation_ids`` is empty), so that the history's
        changes are not parsed when it was not read yet (an autocode step of 3,000,000
        passages took 8 GB to list); an undo or redo returns its step whole."""
        self._tables.refresh()
        heads = self._tables.data.step_heads(HISTORY)
        if heads is None or not all(map(_counted, heads.values())):
            heads = {
                key: _head(record) if _counted(record) else record  # counted from its changes
                for key, record in self._tables.data.get(HISTORY, {}).items()
            }
        return listed_steps(heads, limit)

    def pruned_at(self) -> tuple[int, str] | None:
        """The newest step the history was pruned of by hand (``history --prune``), and
        when; None when it never was."""
        from tui_reader.core.store import history

        self._tables.refresh()
        heads = self._tables.data.step_heads(HISTORY)
        return history.pruned_at(heads if heads is not None else self._tables.data.get(HISTORY, {}))

    def history_problems(self, listed: Collection[int] = ()) -> list[str]:
        """One line for each step :meth:`history` cannot list (a database edited by hand: a
        record whose label, origin or time is no text, listed as ``5`` or ``[None]``, or
        whose id is no number, left out), naming the database and the record; and for each
        of the steps ``listed`` whose changes are damaged (undo refuses it; a listing does
        not parse the changes of the steps it does not show)."""
        from tui_reader.core.store import history

        self._tables.refresh()
        data = self._tables.data
        heads = data.step_heads(HISTORY)
        keys = {str(step) for step in listed}
        # (none listed: the changes of none looked at, the line not scanned again for them)
        damaged = data.damaged_steps(HISTORY, keys, history.changes_damaged) if keys else set()
        if heads is None or damaged is None:
            heads = data.get(HISTORY, {})
            damaged = {k for k in keys if k in heads and history.step_entries(heads[k]) is None}
        return step_problems(self.path, heads, damaged)

    def undo(self, step_id: int | None = None, *, recoded: bool = False) -> Step:
        """Undo step ``step_id`` (default: the newest not undone) in one durable change;
        :class:`UndoRefused` with the reason when what it changed was changed since.
        ``recoded``: the step says how its annotations' codes changed (``Step.recoded``:
        0.12 s more for 19,000 passages, for the codebook's counts at once)."""
        from tui_reader.core.store import history

        with self._writing():
            doc_id, record, steps = self._chosen(step_id, redo=False)
            self._revert(doc_id, record, redo=False, steps=steps)
        step = history.Step.from_record(doc_id, record)
        return replace(step, recoded=history.recodings(record, redo=False)) if recoded else step

    def _chosen(
        self, step_id: int | None, *, redo: bool
    ) -> tuple[str, dict[str, Any], dict[str, dict[str, Any]] | None]:
        """The step to undo (``step_id``, else the newest not undone) or, ``redo``, to
        redo, as :func:`~.history.choose_undo` and :func:`~.history.choose_redo` choose it,
        and the history's records without their changes when it was chosen from them: the
        history's line not parsed, the step's record read alone from it (its changes the
        only ones parsed: an undo parsed and then wrote again every step the history holds,
        70 MB once full).  The history parsed whole when it cannot be read so."""
        from tui_reader.core.store import history

        data = self._tables.data
        heads = data.step_heads(HISTORY) if isinstance(data, SnapshotTables) else None
        if heads is not None:
            outline = {HISTORY: heads}
            doc_id, _ = (
                history.choose_redo(outline) if redo else history.choose_undo(outline, step_id)
            )
            assert isinstance(data, SnapshotTables)
            record = data.step_alone(HISTORY, doc_id)
            if record is not None:
                return doc_id, record, heads
        doc_id, record = history.choose_redo(data) if redo else history.choose_undo(data, step_id)
        return doc_id, record, None

    def undo_back_to(self, step_id: int) -> list[Step]:
        """Undo every step not undone from the newest back to ``step_id``, newest first,
        each as :meth:`undo` does it and saved alone (redo brings them back one at a time,
        ``step_id`` first); the steps undone.  :class:`UndoRefused` when ``step_id`` is no
        step to undo, nothing changed; a refusal on the way (a step changed since, or one
        dropped from the history) ends it there: :class:`~.history.UndoStopped`, with the
        steps undone before it."""
        from tui_reader.core.store import history

        with self._writing():
            history.choose_undo(self._tables.data, step_id)  # one to undo, else said now
        undone: list[Step] = []
        while not undone or undone[-1].id > step_id:
            try:
                undone.append(self.undo())
            except history.UndoRefused as refused:
                raise history.UndoStopped(refused, undone) from None
        return undone

    def prune(self, keep: int, *, forget_deleted: bool = False, dry_run: bool = False) -> Pruning:
        """Prune the history to its ``keep`` newest steps (see :func:`.history.pruning`) in
        one durable change, then fold it into the database so that no file of it holds what
        was removed (the journal and the state the fold replaced included); ``dry_run``:
        what would be removed, nothing changed.  The annotations, codebook, memos and
        attributes are as they were; the prune is no step, and cannot be undone."""
        from tui_reader.core.annotations.model import utc_now
        from tui_reader.core.store import history

        with self._writing():
            found = history.pruning(
                self._tables.data, keep, forget_deleted=forget_deleted, when=utc_now()
            )
            if dry_run or not found.steps:
                return found
            self._tables.commit(found.changes)
        self._tables.compact_forgetting()
        aside = self._tables.damaged_path
        if aside.exists():  # it was said when set aside; what it holds is the user's to weigh
            return replace(found, set_aside=str(aside))
        return found

    def passages_due(self, *, redo: bool = False, step_id: int | None = None) -> int:
        """How many annotations the step an undo (of ``step_id``, else the newest not undone;
        ``redo``: a redo) would take now changed, 0 when there is none: a screen says a step
        of thousands before it is taken (the undo of a code renamed on 19,000 passages took
        seconds), and tui-reader undo draws a bar for it.  The history's records are read
        without their changes where they can be, as :meth:`_chosen` reads them: parsed
        whole, the history of an import of 100,000 annotations took 0.5 s to ask."""
        from tui_reader.core.store import history

        self._tables.refresh()
        with self._mutex:
            data = self._tables.data
            heads = data.step_heads(HISTORY) if isinstance(data, SnapshotTables) else None
            steps = data if heads is None else {HISTORY: heads}
            try:
                _, record = (
                    history.choose_redo(steps) if redo else history.choose_undo(steps, step_id)
                )
            except history.UndoRefused:
                return 0
            count = record.get("annotations")
            return count if type(count) is int and count >= 0 else 0

    def redo(self, *, recoded: bool = False) -> Step:
        """Redo the step undone last; :class:`UndoRefused` when there is none or its records
        were changed since (``recoded``: as :meth:`undo`)."""
        from tui_reader.core.store import history

        with self._writing():
            doc_id, record, steps = self._chosen(None, redo=True)
            self._revert(doc_id, record, redo=True, steps=steps)
        step = history.Step.from_record(doc_id, record)
        return replace(step, recoded=history.recodings(record, redo=True)) if recoded else step

    def _revert(
        self,
        doc_id: str,
        record: dict[str, object],
        *,
        redo: bool,
        steps: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        """Undo (``redo``: redo) step ``doc_id`` of ``record``; ``steps``: the history's
        records without their changes, when its table is not to be parsed for them."""
        from tui_reader.core.store import history

        index = self._index
        changes = history.reverting_through(
            self._tables.data, lambda: index.by_id, doc_id, record, redo=redo, steps=steps
        )
        if not index.stale:  # (a stale index is built from the tables when next asked for)
            for table, key, doc in changes:  # a record recreated where its doc id is taken now
                if table == ANNOTATIONS and doc is not None and key is not None:
                    index.by_id.setdefault(str(doc.get("id")), key)
        self._tables.commit(changes)

    def past_versions(self, annotation_id: str) -> list[Annotation]:
        """Every version of an annotation the history still holds (before and after each
        step), oldest first: an import compares with them to tell an older copy.  The history
        is read once per change of the database (an import asks about each of 100,000
        annotations), not once per call."""
        self._tables.refresh()
        with self._mutex:
            cached = getattr(self, "_past_cache", None)
            if cached is None or cached[0] != self.revision:
                cached = (self.revision, _versions_by_id(self._tables.data.get(HISTORY, {})))
                self._past_cache = cached
            records = cached[1].get(annotation_id, ())
        found: list[Annotation] = []
        for version in records:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                found.append(Annotation.from_record(version))
        return found

    def deleted_here(self, annotation_id: str) -> bool:
        """Whether the annotation was deleted here (the last step that changed it, of those
        not undone, deleted it; a step dropped from the history too, as its
        ``history.FORGOTTEN`` record keeps it): a merge does not bring it
        back from a colleague's unchanged copy.  Read once per change of the database."""
        return bool(self.deleted_versions(ANNOTATIONS, annotation_id))

    def deleted_versions(self, table: str, record_id: str) -> list[dict[str, Any]]:
        """The versions the history holds of the record of ``table`` (``annotations``,
        ``memos``) whose ``id`` is ``record_id`` when the last step not undone that changed
        it deleted it; ``[]`` when it was not deleted here.  Read once per change of the
        database."""
        return self._deleted().get((table, record_id), [])

    def deleted_ids(self, table: str) -> frozenset[str]:
        """The ids of the records of ``table`` deleted here, as :meth:`deleted_versions` tells
        (a colleague merging this database is told which of them a merge keeps)."""
        return frozenset(record_id for kind, record_id in self._deleted() if kind == table)

    def deleted_versions_reader(
        self,
    ) -> Callable[[str], dict[str, list[dict[str, Any]]]]:
        """The :meth:`deleted_versions` of each record of a table deleted here, by id, as
        they are now, read when asked for a table: the history (the biggest table, parsed
        only when looked at) parsed then, once, if ever, even once the store is closed."""
        self._tables.refresh()
        with self._mutex:
            data = self._tables.data

        @functools.cache
        def deleted() -> dict[tuple[str, str], list[dict[str, Any]]]:
            return _deleted_records(data.get(HISTORY, {}))

        def read(table: str) -> dict[str, list[dict[str, Any]]]:
            return {record_id: had for (kind, record_id), had in deleted().items() if kind == table}

        return read

    def _deleted(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """:func:`_deleted_records` of the history, read once per change of the database."""
        self._tables.refresh()
        with self._mutex:
            cached = getattr(self, "_deleted_cache", None)
            if cached is None or cached[0] != self.revision:
                cached = (self.revision, _deleted_records(self._tables.data.get(HISTORY, {})))
                self._deleted_cache = cached
        return cached[1]

    def removed_attributes(self) -> frozenset[tuple[str, str]]:
        """(document, attribute) of each attribute value removed here by a step the history
        still holds and not undone: a merge does not set it again from a colleague's copy."""
        self._tables.refresh()
        with self._mutex:
            cached = getattr(self, "_removed_attributes_cache", None)
            if cached is None or cached[0] != self.revision:
                table = self._tables.data.get(HISTORY, {})
                cached = (self.revision, _removed_attribute_names(table))
                self._removed_attributes_cache = cached
        return cached[1]

    def tag_names_now(self) -> dict[str, str]:
        """Each code renamed here (by a step the history holds, or one dropped from it) ->
        the name it has now, through every later rename (one merged into another has none,
        nor one whose new name was deleted or merged since): a colleague's memo of it is a
        memo of that code."""
        self._tables.refresh()
        with self._mutex:
            return _tag_names_now(self._tables.data.get(HISTORY, {}))

    def deleted_tags(self) -> frozenset[str]:
        """The codes deleted here (or merged into another, or renamed away) by a step the
        history still holds and not undone: a merge does not bring one back into the codebook
        from a colleague's copy when none of the passages it saves carries it."""
        self._tables.refresh()
        with self._mutex:
            cached = getattr(self, "_deleted_tags_cache", None)
            if cached is None or cached[0] != self.revision:
                cached = (self.revision, _deleted_tag_names(self._tables.data.get(HISTORY, {})))
                self._deleted_tags_cache = cached
        return cached[1]

    def renamed_tags(self) -> dict[str, str]:
        """Each code renamed here, or merged into another, by a step the history still holds
        and not undone: its old name -> the name it took (one step: a code renamed twice is
        found by following the names).  Read from the whole history: for a code typed that
        is in no way in the codebook, not for a code that is."""
        self._tables.refresh()
        with self._mutex:
            cached = getattr(self, "_renamed_tags_cache", None)
            if cached is None or cached[0] != self.revision:
                # Only the steps that renamed, merged or deleted a code are read (parsed), not
                # the whole history: 0.5 s at 100,000 annotations for a code typed wrong.
                steps = self._tables.data.records_labelled(HISTORY, _RETAGGING)
                cached = (self.revision, _renamed_tag_names(steps))
                self._renamed_tags_cache = cached
        return dict(cached[1])


def listed_steps(heads: dict[str, dict[str, Any]], limit: int | None) -> list[Step]:
    """The steps of the history's records ``heads`` (their changes left out, each counting
    the annotations it changed), newest first, the first ``limit`` (None: all)."""
    from tui_reader.core.store import history

    found = [replace(step, annotation_ids=()) for step in history.steps({HISTORY: heads})]
    dropped = history.dropped_steps(heads)  # dropped for their size: listed as such
    found += [history.dropped_step(n, kept) for n, kept in dropped.items()]
    found.sort(key=lambda step: -step.id)
    return found if limit is None else found[:limit]


def step_problems(path: Path, heads: dict[str, dict[str, Any]], damaged: set[str]) -> list[str]:
    """One line for each of the history's records ``heads`` that cannot be listed, and for
    each of ``damaged``, whose changes cannot be read (see :meth:`history_problems`)."""
    from tui_reader.core.store import history

    problems = []
    for doc_id, record in sorted(heads.items(), key=doc_id_order):
        if history.is_forgotten(doc_id):
            continue  # what a step dropped from the history did: no step, never listed
        problem = history.head_problem(doc_id, record)
        if problem is not None:
            problems.append(f"{path}: history record {doc_id} is unreadable ({problem})")
        elif doc_id in damaged:  # listed, but undo refuses it (it was listed as any other)
            problems.append(
                f"{path}: history record {doc_id} is damaged (its changes cannot be "
                "read): undo cannot take that step back"
            )
    return problems


def read_history(
    path: Path, limit: int | None
) -> tuple[list[Step], list[str], tuple[int, str] | None] | None:
    """:meth:`HistoryRecords.history`, :meth:`~HistoryRecords.history_problems` of the
    steps listed and :meth:`~HistoryRecords.pruned_at`, of the database at ``path``, read
    without opening the store: the journal
    read a few MB at a time, no step's changes built (see :mod:`.step_heads`).  None when it
    cannot be read so: the store is to be opened."""
    from tui_reader.core.store import history
    from tui_reader.core.store.step_heads import read_step_heads

    for _ in range(2):  # a fold between the steps read and their changes checked: again
        found = read_step_heads(path)
        if found is None or not all(map(_counted, found.heads.values())):
            return None
        steps = listed_steps(found.heads, limit)
        damaged = found.damaged({str(step.id) for step in steps}, history.changes_damaged)
        if damaged is not None:
            problems = step_problems(path, found.heads, damaged)
            return steps, problems, history.pruned_at(found.heads)
    return None


def _head(record: dict[str, Any]) -> dict[str, Any]:
    """A step's record without its changes, as a listing reads it: an empty list in their
    place, where it has some (a record holding none of a step's fields is unreadable)."""
    return {field: [] if field == "changes" else value for field, value in record.items()}


def _counted(record: dict[str, Any]) -> bool:
    """Whether a step's record says how many annotations it changed (else they are counted
    from its changes)."""
    count = record.get("annotations")
    return type(count) is int and count >= 0


def _renamed_tag_names(table: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The old name -> the new one of each code the last step not undone that changed it
    renamed (its record kept, named anew) or merged into another (its record removed by a
    step labelled ``merge tag OLD into NEW``; a code below OLD goes below NEW)."""
    from tui_reader.core.codebook.names import renamed

    took: dict[str, str] = {}
    for record, before, after in _tag_names(sorted(table.items(), key=doc_id_order)):
        if isinstance(after, str):
            took.pop(after, None)  # a code of that name again
        if not isinstance(before, str) or before == after:
            continue
        if isinstance(after, str):
            took[before] = after
            continue
        took.pop(before, None)  # deleted, unless merged
        label = record.get("label")
        merged = label[len(_MERGE) :] if isinstance(label, str) and label.startswith(_MERGE) else ""
        at = merged.find(_INTO)
        while at >= 0:  # a name may hold " into ": the split that names this code
            new = renamed(before, merged[:at], merged[at + len(_INTO) :])
            if new is not None:
                took[before] = new
                break
            at = merged.find(_INTO, at + 1)
    return took


def _live_entries(
    records: Iterable[tuple[str, dict[str, Any]]], kind: str
) -> Iterator[tuple[dict[str, Any], Any]]:
    """``(step, entry)`` for each entry of table ``kind`` of the steps of ``records`` (the
    history's, in the order given) that are not undone."""
    from tui_reader.core.store import history

    for _, record in records:
        if record.get("undone") is not None:
            continue
        for entry in history.step_entries(record) or ():
            if entry[0] == kind:
                yield record, entry


def _tag_names(
    records: Iterable[tuple[str, dict[str, Any]]],
) -> Iterator[tuple[dict[str, Any], str | None, str | None]]:
    """``(step, name before, name after)`` of each change of a code by the steps of
    ``records`` not undone (None: no code before, or none after)."""
    for record, entry in _live_entries(records, TAGS):
        before, after = (v.get("name") if isinstance(v, dict) else None for v in entry[2:])
        yield record, before, after


_MERGE, _INTO = "merge tag ", " into "  # a merge's label (TagRecords.merge_tags)
# The labels of the steps that change a code's name or remove it (TagRecords): a code deleted
# after it was made again by its old name was renamed no more.
_RETAGGING = ("rename tag ", _MERGE, "delete tag ")


def _tag_names_now(table: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each code renamed here (by the last step not undone that changed its name) -> the
    name it has now, through every later rename; none for one whose new name was deleted or
    merged into another since (security renamed policy/security, then that deleted)."""
    from tui_reader.core.store import history

    renamed: dict[str, str] = {}
    gone: set[str] = set()
    for _, before, after in _tag_names(history.in_order(table)):
        if isinstance(after, str):
            renamed.pop(after, None)  # a code of that name again
            gone.discard(after)
        if isinstance(before, str) and before != after:
            if isinstance(after, str):
                renamed[before] = after
            else:
                renamed.pop(before, None)  # deleted, or merged into another
                gone.add(before)
    now: dict[str, str] = {}
    for old in renamed:
        name, seen = renamed[old], {old}
        while name in renamed and name not in seen:
            seen.add(name)
            name = renamed[name]
        if name not in gone:
            now[old] = name
    return now


def _deleted_tag_names(table: dict[str, dict[str, Any]]) -> frozenset[str]:
    """The names of the codes the last step not undone that changed them deleted, merged
    into another or renamed away."""
    from tui_reader.core.store import history

    gone: dict[str, bool] = {}
    for _, before, after in _tag_names(history.in_order(table)):
        if isinstance(before, str) and before != after:
            gone[before] = True
        if isinstance(after, str):
            gone[after] = False
    return frozenset(name for name, deleted in gone.items() if deleted)


def _removed_attribute_names(table: dict[str, dict[str, Any]]) -> frozenset[tuple[str, str]]:
    """(document, attribute) of each value the last step not undone that changed it removed."""
    from tui_reader.core.store import history

    gone: dict[tuple[str, str], bool] = {}
    for _, entry in _live_entries(history.in_order(table), ATTRIBUTES):
        before, after = (_attribute_names(side) for side in entry[2:])
        for document, name in before - after:
            gone[(document, name)] = True
        for document, name in after:
            gone[(document, name)] = False
    return frozenset(key for key, removed in gone.items() if removed)


def _attribute_names(record: Any) -> set[tuple[str, str]]:
    """(document, attribute) of each value of an attributes record (none: a damaged one)."""
    if not isinstance(record, dict) or not isinstance(record.get("document"), str):
        return set()
    values = record.get("values")
    return {(record["document"], n) for n in values} if isinstance(values, dict) else set()


def _versions_by_id(table: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each annotation id's recorded versions in the history table, oldest first."""
    from tui_reader.core.store import history

    found: dict[str, list[dict[str, Any]]] = {}
    for _, record in history.in_order(table):
        for entry in history.step_entries(record) or ():
            if entry[0] != ANNOTATIONS:
                continue
            for version in (entry[2], entry[3]):
                if isinstance(version, dict) and isinstance(version.get("id"), str):
                    found.setdefault(version["id"], []).append(version)
    return found


def _deleted_records(
    table: dict[str, dict[str, Any]],
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(table, id) -> the versions the history holds of each record (of those with an
    ``id``) whose last change by a step not undone deleted it, oldest first."""
    from tui_reader.core.store import history

    versions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    deleted: dict[tuple[str, str], bool] = {}  # by the last step not undone that changed it
    for _, record in history.in_order(table):
        undone = record.get("undone") is not None
        for entry in history.step_entries(record) or ():
            before, after = entry[2], entry[3]
            version = after if after is not None else before
            if not isinstance(version, dict) or not isinstance(version.get("id"), str):
                continue
            key = (entry[0], version["id"])
            versions.setdefault(key, []).extend(v for v in (before, after) if v is not None)
            if not undone:
                deleted[key] = after is None
    return {key: versions[key] for key, gone in deleted.items() if gone}
