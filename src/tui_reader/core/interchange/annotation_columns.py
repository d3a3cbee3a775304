"""An export's annotations as columns: one list per field, every list in reading order.

An export of 100,000 annotations known to sit in place (see
:meth:`Workspace.settled_annotations`) takes them straight from the store's records: no
Annotation object is made.  :meth:`AnnotationColumns.of_records` makes the columns only when
every record is exactly what :meth:`Annotation.from_record` would read unchanged (each field of
its type, no conversion); any other record (an odd type, an unknown status) and it returns
None: the caller builds the annotations as before, which report such a record.  Columns made
from records and columns made from the annotations the store builds of them are equal, so a
format that renders from columns writes the same bytes either way.

The export gate (:mod:`~tui_reader.core.interchange.export_text`) runs a column at a time:
one search over a column's joined text, and a cell made clean only when it needs it.

What those looks found of a database's records, each exactly its row and none the gate
changes, is kept for the next export (:class:`CheckedRecords`): made from the records of the
same state of the database (:meth:`AnnotationStore.state`: equal states, equal records), the
columns are not looked at again (a quarter of a second of CPU at 100,000 annotations), nor
their rows sorted into reading order again (the order kept with that state, for the rows in
the sequence they were read in: see :func:`rows_sequence`).
"""

from __future__ import annotations

import hashlib
import re
import sys
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.core.annotations.model import AnchorStatus, Annotation, are_code_paths
from tui_reader.core.interchange.export_text import (
    UNSAFE_BLOCK,
    UNSAFE_KEY,
    UNSAFE_LINE,
    export_block,
    export_key,
    export_line,
)
from tui_reader.core.interchange.places import all_utc_to_the_second
from tui_reader.core.interchange.stopping import READ, check, checked, tell, told_along

if TYPE_CHECKING:
    from tui_reader.core.store.annotation_store import AnnotationStore

_STATUSES = frozenset(status.value for status in AnchorStatus)


class AnnotationColumns:
    """The fields of annotations, a list each (the n-th of every list: the n-th annotation).
    ``status`` holds the status's value (``"anchored"``), ``tags`` a tuple per annotation.

    Made from ``given`` lists (a field each) and the ``order`` of their rows (None: as
    given); a field is put in that order when first asked for (a codebook reads only the
    tags of 100,000 annotations)."""

    __slots__ = ("_checked", "_given", "_made", "_order", "_records", "_utc")

    def __init__(
        self,
        given: dict[str, list[Any]],
        order: list[int] | None = None,
        records: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        self._given = given
        self._order = order
        self._made: dict[str, list[Any]] = {}
        # The records the columns were made from when each is exactly its row (see records)
        self._records = records
        self._utc: dict[str, bool] = {}  # see all_utc_to_the_second
        # Made from records a CheckedRecords knew none the gate changes (True), or that it
        # learns so when clean() finds none (the checks and the database's state); None
        self._checked: bool | tuple[CheckedRecords, tuple[int, ...]] | None = None

    def all_utc_to_the_second(self, name: str) -> bool:
        """Whether every time of column ``name`` (``created``, ``updated``) is one as
        tui-reader writes it (:func:`.places.all_utc_to_the_second`), told once for these
        columns: an export's text, its lines on times that are none and its rows ask it."""
        told = self._utc.get(name)
        if told is None:
            told = self._utc[name] = all_utc_to_the_second(self._column(name))
        return told

    def _column(self, name: str) -> list[Any]:
        made = self._made.get(name)
        if made is None:
            given = self._given[name]
            order = self._order
            made = self._made[name] = (
                given if order is None else list(map(given.__getitem__, order))
            )
        return made

    def __len__(self) -> int:
        return len(self._given["id"]) if self._order is None else len(self._order)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AnnotationColumns):
            return NotImplemented
        return all(self._column(f) == other._column(f) for f in _FIELDS)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"AnnotationColumns({ {f: self._column(f) for f in _FIELDS}!r})"

    @property
    def id(self) -> list[str]:
        return self._column("id")

    @property
    def document(self) -> list[str]:
        return self._column("document")

    @property
    def start(self) -> list[int]:
        return self._column("start")

    @property
    def end(self) -> list[int]:
        return self._column("end")

    @property
    def quote(self) -> list[str]:
        return self._column("quote")

    @property
    def prefix(self) -> list[str]:
        return self._column("prefix")

    @property
    def suffix(self) -> list[str]:
        return self._column("suffix")

    @property
    def doc_sha256(self) -> list[str]:
        return self._column("doc_sha256")

    @property
    def tags(self) -> list[tuple[str, ...]]:
        return self._column("tags")

    @property
    def note(self) -> list[str]:
        return self._column("note")

    @property
    def created(self) -> list[str]:
        return self._column("created")

    @property
    def updated(self) -> list[str]:
        return self._column("updated")

    @property
    def status(self) -> list[str]:
        return self._column("status")

    @property
    def coder(self) -> list[str]:
        return self._column("coder")

    @property
    def revision(self) -> list[int]:
        return self._column("revision")

    @classmethod
    def of_annotations(cls, annotations: Sequence[Annotation]) -> AnnotationColumns:
        """The columns of ``annotations``, in the order given."""
        columns = {f: list(map(attrgetter(f), annotations)) for f in _FIELDS}
        columns["status"] = list(map(str, columns["status"]))
        return cls(columns)

    @classmethod
    def of_store(
        cls, store: AnnotationStore, checked: CheckedRecords | None = None
    ) -> StoredColumns | None:
        """Every annotation of ``store`` as columns (:meth:`of_records`), with what else was
        read with them (:class:`StoredColumns`); None when the store is damaged, changed
        while it was read, or a record is not as an annotation keeps it.  The records are
        taken as stored when each is exact (:meth:`~AnnotationStore.stored_records`: the
        store's index is not built), else through the index.  ``checked``: what was found
        of the records of a state of the database (their checks not made again in it), and
        what :meth:`clean` then finds is kept there."""
        store.reload_if_changed()
        state = store.state()
        if state is None:
            return None
        records, coder, problems = store.stored_records()
        check()  # esc in the export dialog: seen between the steps of reading 100,000
        known = checked is not None and checked.holds(state)
        order = checked.order if known and checked is not None else None
        sequence = checked.sequence if known and checked is not None else None
        columns = cls.of_records(records, coder, known=known, order=order, sequence=sequence)
        check()
        if columns is not None and columns._records is not None and checked is not None:
            columns._checked = True if known else (checked, state)
            if known:
                columns._utc.update(checked.utc)
        if columns is None:  # a record to leave out, or to report: as the index reads them
            records, coder = store.records()
            problems = store.problems
            columns = cls.of_records(records, coder)
            check()
        if columns is None or store.state() != state:
            return None
        # In reading order, each document's rows in a run: its keys in order, once each
        return StoredColumns(columns, list(dict.fromkeys(columns.document)), problems, state)

    @classmethod
    def of_records(
        cls,
        records: Sequence[dict[str, Any]],
        default_coder: str,
        *,
        known: bool = False,
        order: list[Any] | None = None,
        sequence: str | None = None,
    ) -> AnnotationColumns | None:
        """The annotations of the store's ``records``, sorted by reading order as
        :meth:`AnnotationStore.annotations` sorts them (stably); None unless each record is
        a dict with an ``id``, ``document``, ``start``, ``end`` and ``quote`` (as the index
        reads them) and every field of every record is as :meth:`Annotation.from_record`
        keeps it (see the module).  ``known``: these records were found so, each exactly
        its row (see :class:`CheckedRecords`): not looked at again; ``order``: then, the
        order of their rows kept with them, taken when it is one of as many rows and
        ``sequence`` (:func:`rows_sequence`) says it is of the rows in the sequence given
        (not sorted again: 0.06-0.1 s of CPU at 100,000 annotations, the look 0.01 s)."""
        plain = _plain_columns(records, default_coder, known=known)
        if plain is None:
            return None
        got, exact = plain
        check()  # esc in the export dialog (see _plain_columns)
        if not (
            known
            and order is not None
            and _an_order_of(order, len(records))
            and sequence == rows_sequence(got["id"])
        ):
            # reading_order: (document, start, end, created, id), a stable sort as the store's
            keys = list(
                zip(
                    got["document"], got["start"], got["end"], got["created"], got["id"],
                    strict=True,
                )
            )  # fmt: skip
            order = sorted(range(len(keys)), key=keys.__getitem__)
        return cls(got, order, records if exact else None)

    def records(self) -> list[dict[str, Any]] | None:
        """The rows as the records they were made from, in order, when each record holds
        exactly its row's fields in the order of :data:`_FIELDS` and its values (a list of
        tags for the tuple); None otherwise.  The store's own records: never change them."""
        records = self._records
        if records is None:
            return None
        order = self._order
        return list(records) if order is None else list(map(records.__getitem__, order))

    def with_documents(self, placed: Mapping[str, Sequence[Annotation]]) -> AnnotationColumns:
        """These columns (in reading order: each document's rows in a run) with the rows of
        each document in ``placed`` replaced by its annotations given (in reading order)."""
        made = {key: AnnotationColumns.of_annotations(found) for key, found in placed.items()}
        keys = self.document
        runs: list[tuple[AnnotationColumns, int, int]] = []
        lo, count = 0, len(keys)
        while lo < count:
            hi = bisect_right(keys, keys[lo], lo)
            other = made.get(keys[lo])
            runs.append((self, lo, hi) if other is None else (other, 0, len(other)))
            lo = hi
        return AnnotationColumns(
            {
                name: list(chain.from_iterable(c._column(name)[a:b] for c, a, b in runs))
                for name in _FIELDS
            }
        )

    def one_per_tags(self) -> AnnotationColumns:
        """The first annotation of each set of tags, in order (see :func:`one_per_tags`)."""
        firsts: dict[tuple[str, ...], int] = {}
        for n, tags in enumerate(self.tags):
            firsts.setdefault(tags, n)
        rows = list(firsts.values())
        if self._order is not None:  # the rows as given (no other field put in order)
            rows = list(map(self._order.__getitem__, rows))
        return AnnotationColumns({f: list(map(self._given[f].__getitem__, rows)) for f in _FIELDS})

    def with_keys(self, keys: Mapping[str, str]) -> AnnotationColumns:
        """These columns with each document key found in ``keys`` as ``keys`` gives it."""
        fields = {f: getattr(self, f) for f in _FIELDS}
        fields["document"] = [keys.get(key, key) for key in self.document]
        return AnnotationColumns(fields)

    def with_contexts(self, contexts: Mapping[int, tuple[str, str]]) -> AnnotationColumns:
        """These columns with the prefix and suffix of each row ``contexts`` names (by its
        place) as it gives them."""
        fields = {f: getattr(self, f) for f in _FIELDS}
        for name, side in (("prefix", 0), ("suffix", 1)):
            column = fields[name] = list(fields[name])
            for row, given in contexts.items():
                column[row] = given[side]
        return AnnotationColumns(fields)

    @classmethod
    def of_fields(cls, **fields: list[Any]) -> AnnotationColumns:
        """The columns of the lists given by field, in order."""
        return cls(fields)

    def clean(self) -> AnnotationColumns:
        """The columns through the export gate, as :func:`clean_annotation` makes each
        annotation (``status``, ``start``, ``end`` and ``revision`` are not gated):
        these same columns when no cell needs it (looked at in the rows' order as given;
        not looked at when made from records known so: see :class:`CheckedRecords`)."""
        given = self._given
        if self._checked is True:
            return self
        if not _needs_gate("".join(chain.from_iterable(given["tags"])), UNSAFE_LINE) and not any(
            _needs_gate("".join(given[name]), pattern)
            for name, pattern in checked(_GATED, every=1)  # a column looked at: 0.1 s
        ):
            learnt = self._checked
            if isinstance(learnt, tuple):  # the records' state kept: not looked at again
                utc = {n: self.all_utc_to_the_second(n) for n in _TIMES}
                learnt[0].learn(learnt[1], utc, self._order, rows_sequence(given["id"]))
                self._checked = True
            return self
        tags = self.tags
        if _needs_gate("".join(chain.from_iterable(tags)), UNSAFE_LINE):
            tags = [tuple(map(export_line, t)) for t in tags]
        return AnnotationColumns.of_fields(
            id=_gated(self.id, export_line),
            document=_gated(self.document, export_key),
            start=self.start,
            end=self.end,
            quote=_gated(self.quote, export_block),
            prefix=_gated(self.prefix, export_block),
            suffix=_gated(self.suffix, export_block),
            doc_sha256=_gated(self.doc_sha256, export_line),
            tags=tags,
            note=_gated(self.note, export_block),
            created=_gated(self.created, export_line),
            updated=_gated(self.updated, export_line),
            status=self.status,
            coder=_gated(self.coder, export_line),
            revision=self.revision,
        )


_TOLD_EVERY = 5_000  # records between two looks at esc and two counts of the reading


def _plain_columns(
    records: Sequence[dict[str, Any]], default_coder: str, *, known: bool = False
) -> tuple[dict[str, list[Any]], bool] | None:
    """The fields of ``records`` as columns in their order (tags as tuples), and whether each
    record is exactly its row (every field, in order, its coder named); None unless every
    record is one :meth:`Annotation.from_record` reads without changing a value (see
    :meth:`AnnotationColumns.of_records`).  ``known``: each record was found exactly its row
    (:class:`CheckedRecords`): taken so, not looked at again."""
    got: dict[str, list[Any]] = {}
    tell(0, len(records), READ)  # the reading begun: counted at once
    if known:
        width = len(_FIELDS)
        values = list(chain.from_iterable(map(dict.values, records)))
        got = {name: values[at::width] for at, name in enumerate(_FIELDS)}
        got["tags"] = list(map(tuple, told_along(got["tags"], READ, every=_TOLD_EVERY)))
        return got, True
    if not _all_of(records, dict):
        return None
    # Every record with every field, in order (as the store writes them): each column
    # taken in C, no default to put in.
    every = set(map(tuple, records)) <= {_FIELDS}
    check()  # esc in the export dialog: each step below a few tenths of a second at 100,000
    if every and records:  # each record's values in one list, a field every len(_FIELDS)th:
        # zipped (a tuple of 100,000 made per field) they took 1.3-2.8 s at 100,000, with
        # no look at esc meanwhile; sliced 0.3 s
        values = list(chain.from_iterable(map(dict.values, records)))
        width = len(_FIELDS)
        got = {name: values[at::width] for at, name in enumerate(_FIELDS)}
    else:
        try:
            for name in _FIELDS if every else _GIVEN:
                got[name] = list(map(itemgetter(name), records))
        except KeyError:  # not a record the index reads (see of_store)
            return None
    check()
    named = all(got["coder"]) if every else False  # each record names its coder
    if not every:
        count = len(records)
        for name, default in _DEFAULTS:
            got[name] = list(map(dict.get, records, repeat(name, count), repeat(default, count)))
    if not named:
        got["coder"] = [coder or default_coder for coder in map(dict.get, records, repeat("coder"))]
    for name, kind in _KINDS.items():
        if not _all_of(got[name], kind):
            return None
    check()
    if not _all_of(chain.from_iterable(got["tags"]), str):
        return None
    if not are_code_paths(chain.from_iterable(got["tags"])):  # "x/", "": code_names
        return None
    if not _STATUSES.issuperset(got["status"]) or (records and min(got["revision"]) < 0):
        return None
    # Each record is its row when it has every field, in order, and names its coder
    # (a list of tags is written as the row's tuple is).
    exact = every and named
    # 0.4-0.7 s loaded, the most of the reading: counted (the export dialog's bar)
    got["tags"] = list(map(tuple, told_along(got["tags"], READ, every=_TOLD_EVERY)))
    return got, exact


# What a person changes of an annotation (reconcile.content): document, quote, tags, note
Content = tuple[str, str, tuple[str, ...], str]


def stored_contents(store: AnnotationStore) -> dict[str, Content] | None:
    """The content of every annotation of ``store`` by its id, as the annotation the store
    builds of its record holds it, read from the records in columns (100,000 annotations
    built for an import that finds them unchanged took 0.4-0.7 s); None when a record is not
    one the columns take (:meth:`AnnotationColumns.of_records`), two records share an id,
    or the store changed while it was read: the caller asks the store for each annotation."""
    store.reload_if_changed()
    state = store.state()
    if state is None:
        return None
    records, coder, _problems = store.stored_records()
    plain = _plain_columns(records, coder)
    if plain is None or store.state() != state:
        return None
    got = plain[0]
    ids = got["id"]
    columns = zip(got["document"], got["quote"], got["tags"], got["note"], strict=True)
    contents = dict(zip(ids, columns, strict=True))
    return contents if len(contents) == len(ids) else None


class StoredColumns(NamedTuple):
    """Every annotation of a store as columns (:meth:`AnnotationColumns.of_store`)."""

    columns: AnnotationColumns
    keys: list[str]  # the annotated documents, as AnnotationStore.documents lists them
    problems: list[str]  # the store's (AnnotationStore.problems)
    state: tuple[int, ...]  # the store's state they were read in (AnnotationStore.state)


class CheckedRecords:
    """The state of a database (:meth:`AnnotationStore.state`) whose records were last found
    each exactly its row (:meth:`AnnotationColumns.records`) and none of whose cells the
    export gate changes, kept in the file at ``path`` for the next export, with whether
    the times of each column are all tui-reader's (``all_utc_to_the_second``).  Never the
    truth: a file that cannot be read, or of another release of these rules, knows no
    state; one that cannot be written is left as it was."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.utc: dict[str, bool] = {}  # what holds() read of the times' columns
        # what holds() read of the order of the rows (checked where it is taken: of_records)
        # and of the sequence of the rows it orders (rows_sequence)
        self.order: list[Any] | None = None
        self.sequence: str | None = None

    def holds(self, state: tuple[int, ...]) -> bool:
        """Whether the records of the database in ``state`` were found so."""
        from tui_reader.core.cache_files import read_cache_more

        _, more = read_cache_more(self.path, _checked_release())
        if more.get("state") != list(state):
            return False
        utc = more.get("utc")
        if isinstance(utc, dict):
            self.utc = {n: utc[n] for n in _TIMES if type(utc.get(n)) is bool}
        order = more.get("order")
        self.order = order if type(order) is list else None
        sequence = more.get("sequence")
        self.sequence = sequence if type(sequence) is str else None
        return True

    def learn(
        self,
        state: tuple[int, ...],
        utc: Mapping[str, bool],
        order: list[int] | None = None,
        sequence: str | None = None,
    ) -> None:
        """The records of the database in ``state`` were just found so, their times' columns
        as ``utc`` says, the rows in reading order as ``order`` gives them (None: as
        stored), the rows it orders in the ``sequence`` :func:`rows_sequence` gives."""
        from tui_reader.core.cache_files import write_cache_documents

        release = _checked_release()
        write_cache_documents(
            self.path,
            release,
            {},
            state=list(state),
            utc=dict(utc),
            order=order,
            sequence=sequence,
        )


def rows_sequence(ids: Sequence[str]) -> str:
    """A digest of the sequence of the rows of these ids.  Equal states of a database hold
    equal records, but not in one sequence in every process: the app's store, its index
    built, holds a record another process changed after the others, where a process reading
    the files holds it in its place; an order of the rows kept by one is another's only
    when their sequences are equal."""
    joined = "\0".join(ids).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=16).hexdigest()


def _an_order_of(order: list[Any], count: int) -> bool:
    """Whether ``order`` (read from a kept file: any values) puts ``count`` rows in an
    order: each row's number from 0 once."""
    return (
        len(order) == count
        and (not order or set(map(type, order)) == {int})
        and len(set(order)) == count
        and (not order or (min(order) >= 0 and max(order) < count))
    )


_TIMES = ("created", "updated")  # the columns of times (see all_utc_to_the_second)


def _checked_release() -> str:
    """What a :class:`CheckedRecords` file was written for: the rules of the looks it saves
    (this module's, the export gate's, the codes' paths and the times')."""
    from tui_reader.core.annotations import model
    from tui_reader.core.cache_files import release_of
    from tui_reader.core.interchange import export_text, places

    return release_of(1, model, export_text, places, sys.modules[__name__])


_FIELDS = (
    "id", "document", "start", "end", "quote", "prefix", "suffix", "doc_sha256", "tags",
    "note", "created", "updated", "status", "coder", "revision",
)  # fmt: skip
_GIVEN = ("id", "document", "start", "end", "quote")  # fields every record has (see of_records)
_NO_TAGS: list[str] = []
# What from_record takes for a field a record lacks (the coder: the database's default).
_DEFAULTS: tuple[tuple[str, Any], ...] = (
    ("prefix", ""), ("suffix", ""), ("doc_sha256", ""), ("note", ""), ("created", ""),
    ("updated", ""), ("tags", _NO_TAGS), ("status", "anchored"), ("revision", 0),
)  # fmt: skip
# The fields of strings the export gate acts on, and whether each is one line (else a block).
_GATED = (
    ("id", UNSAFE_LINE), ("document", UNSAFE_KEY), ("quote", UNSAFE_BLOCK),
    ("prefix", UNSAFE_BLOCK), ("suffix", UNSAFE_BLOCK), ("doc_sha256", UNSAFE_LINE),
    ("note", UNSAFE_BLOCK), ("created", UNSAFE_LINE), ("updated", UNSAFE_LINE),
    ("coder", UNSAFE_LINE),
)  # fmt: skip
# The type every value of a column must have exactly (a bool is no int here, nor a str
# subclass a str: from_record would convert them).
_KINDS: dict[str, type] = {
    "id": str, "document": str, "start": int, "end": int, "quote": str, "prefix": str,
    "suffix": str, "doc_sha256": str, "tags": list, "note": str, "created": str,
    "updated": str, "status": str, "coder": str, "revision": int,
}  # fmt: skip


def _all_of(values: Any, kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def _gated(column: list[str], gate: Any) -> list[str]:
    """``column`` through ``gate`` (:func:`export_line`, :func:`export_key` or
    :func:`export_block`): one search
    over the whole column's text, and the cells made clean only when one needs it."""
    pattern = {export_block: UNSAFE_BLOCK, export_key: UNSAFE_KEY}.get(gate, UNSAFE_LINE)
    if not _needs_gate("".join(column), pattern):
        return column
    return list(map(gate, column))


def _needs_gate(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` holds a character the export gate (``pattern``) acts on.  Each of
    them is unprintable but a key's control pictures (not ASCII) and backslash: a check in C
    settles most texts without the pattern."""
    block = pattern is UNSAFE_BLOCK  # line breaks and tabs are kept in a block
    printable = printable_besides(text, b"\n\t" if block else b"")
    if printable is None:  # beyond Latin-1: asked of the text itself
        printable = text.isprintable() or (
            block and text.replace("\n", "").replace("\t", "").isprintable()
        )
    if printable and (pattern is not UNSAFE_KEY or (text.isascii() and "\\" not in text)):
        return False
    return pattern.search(text) is not None


# The bytes of Latin-1 whose characters are printable (``str.isprintable``)
_PRINTABLE_LATIN_1 = bytes(b for b in range(256) if chr(b).isprintable())


def printable_besides(text: str, besides: bytes = b"") -> bool | None:
    """Whether every character of ``text`` is printable or one of ``besides`` (ASCII), when
    ``text`` is all Latin-1 (the columns of most exports: ids, hashes, times, and the quotes
    of a corpus in English); None for another text.  Told by one pass in C over its bytes,
    where ``str.isprintable`` looks each character up (a column of 100,000 quotes, 16 MB,
    copied twice without its line breaks and tabs to be asked: a tenth of a second)."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return None
    return not data.translate(None, _PRINTABLE_LATIN_1 + besides)
