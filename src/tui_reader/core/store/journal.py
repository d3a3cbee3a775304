"""Crash-safe, multi-process TinyDB tables: a JSON snapshot plus an append-only journal.

``annotations.json`` stays a plain TinyDB file (``{table: {doc_id: document}}``), written one
table per line so that a table is parsed only when first used (:mod:`.snapshot`).  A change is
not written into it; it is appended to ``annotations.json.journal`` as one line (a CRC-32 and a
JSON list of changes) and fsynced, which costs a fraction of a millisecond however big the
database is.  Opening replays the journal over the snapshot.  When the journal grows large, and
on the close of the last process that has the database open, it is folded into the snapshot:
a temp file is written and fsynced, renamed over
``annotations.json`` (atomic) and the journal is truncated.  The app also folds once changes
settle (:meth:`JournaledTables.fold_settled`), so that the file alone, copied while it runs,
holds every change: the temp file is written from a copy of the tables with no lock held, and
renamed under the lock only when nothing changed meanwhile (else dropped: the changes stay in
the journal for the next quiet moment).  There a save that takes the journal past its size
leaves the fold to that background one (:data:`BACKGROUND_BOUND`), so the app's thread never
writes the whole file as it saves.

Why this is crash-safe: the snapshot is only ever replaced by rename, so it is always the old or
the new complete file; a journal line is acknowledged only after fsync, and a torn last line
(crash mid-write) fails its CRC and is dropped (it was never acknowledged).  Replaying a journal
over a snapshot that already holds it (crash between rename and truncate) is harmless: every
change sets or deletes one document, so replaying them in order gives the same state.  A fold
that fails (a full disk) fails no save: the changes stay in the journal, and the caller is told
so, not that they were lost.

Several processes share one database: every change is made under a file lock
(``annotations.json.lock``) after catching up with what others wrote; readers notice others'
writes by the files' stat (inode, size, mtime) and catch up, reading only the journal's new tail
when the snapshot is unchanged.  A fold changes the snapshot but not the tables: it leaves a note
(``annotations.json.fold``: the snapshot and journal it folded, the file it made), and a process
that had read exactly those takes the new file as read instead of reading it all again (with
100,000 annotations, a second and more of an app's time, each time a command in another terminal
closes).  Without a matching note (none, stale, or damaged) the file is read again, as before.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from tui_reader.core import digests
from tui_reader.core.documents.safe_read import special_file_problem
from tui_reader.core.errors import DatabaseGone, DatabaseUnreadable, LockBusy, StoreError
from tui_reader.core.store import durable_files
from tui_reader.core.store.caller import LOCK_WAIT, SAVED, LockWait
from tui_reader.core.store.durable_files import StatKey, stat_key
from tui_reader.core.store.file_lock import FileLock, OpenMark
from tui_reader.core.store.journal_lines import (
    Change,
    Record,
    Tables,
    damaged_start,
    encode_line,
    line_parts,
    valid_prefix,
)
from tui_reader.core.store.lock_wait import FIRST_TRY, acquire, wait_until_free
from tui_reader.core.store.snapshot import SnapshotTables
from tui_reader.core.wording import clipped
from tui_reader.locations import db_sidecars, previous_state, restore_hint

__all__ = [
    "DEFAULT_COMPACT_BYTES",
    "Change",
    "JournaledTables",
    "Record",
    "Tables",
    "encode_line",
]

Listener = Callable[[Tables, Sequence[Change] | None], None]  # None: all was reloaded

# The databases this process made (two commands run at once into a new one: the one that
# made it says so, not both).
MADE_HERE: set[str] = set()

DEFAULT_COMPACT_BYTES = 4 * 1024 * 1024  # fold the journal once it exceeds this ...
COMPACT_RATIO = 0.5  # ... and this fraction of the snapshot's size
QUICK_LOOK = LockWait(timeout=FIRST_TRY)  # a read catching up does not wait for writers
# What a fold's warning says of the changes (durable in the journal, or in the file folded):
# a caller that could not save something of its own (the app's reading position at quit)
# says OTHERS_SAVED in its place, rather than contradict what it said just before.
ALL_SAVED = "every change is saved all the same"
OTHERS_SAVED = "every other change is saved all the same"
# The app folds the journal in once no change came for SETTLED_AFTER seconds (any process's:
# the journal's time), so that annotations.json, copied, committed or synced while the app
# is open, holds the work; a fold of 100,000 annotations takes seconds, so after one that
# took t seconds the next comes no sooner than FOLD_SHARE times t after it.
SETTLED_AFTER = 3.0
FOLD_SHARE = 10
# Where a process folds in the background (the app, JournaledTables.folds_in_background), a
# save that takes the journal past its fold size leaves the fold to the background one (due at
# once, settled or not): the save returns in milliseconds where the fold took seconds on the
# thread that saved.  Only past BACKGROUND_BOUND times that size (background folds dropped
# again and again by changes made while they wrote) does the save fold, so the journal stays
# bounded.
BACKGROUND_BOUND = 2
RETRY_AFTER = 60.0  # after a fold that failed, the next once settled no sooner than this
# A snapshot in one line smaller than this is read whole in no time: an opening leaves it as
# it is (a file nobody changed is not written); the first fold lays it out.
LAY_OUT_FROM = 256 * 1024


class JournaledTables:
    """The tables of one TinyDB file, kept in memory, changed durably and shared with other
    processes.  Thread-safe.  See the module docstring for the design."""

    def __init__(
        self,
        path: Path,
        *,
        listener: Listener | None = None,
        compact_bytes: int = DEFAULT_COMPACT_BYTES,
        read_only: bool | None = None,
    ) -> None:
        self.path = Path(path).absolute()
        self.journal_path, self.lock_path, self.fold_path, self.open_path = db_sidecars(self.path)[
            :4
        ]
        for own in (self.path, self.journal_path, self.lock_path, self.open_path):
            problem = special_file_problem(own)
            if problem is not None:
                raise StoreError(f"{own}: {problem}; the database was not opened")
        self._refuse_emptied()
        self.compact_bytes = compact_bytes
        # This process's last change was refused (its journal line or the lock could not be
        # written): close does not try a fold, which would fail as it did and then say
        # "every change is saved all the same" right below "the change was not saved".
        self._refused = False
        self.data = SnapshotTables(self.path)
        self._listener = listener
        self._mutex = threading.RLock()
        self._snapshot_key: StatKey | None = None
        self._snapshot_size = 0
        self._journal_ino: int | None = None
        self._journal_offset = 0  # end of the last valid line read or written
        self._journal_seen = 0  # journal size when last looked at (may include a torn tail)
        self._journal_fd: int | None = None
        self._memory_only = False  # changed in memory only (a read-only migration's view)
        self._gathered: list[Change] | None = None  # the changes of :meth:`one_line`'s block
        # What could not be read: a damaged last journal line (kept aside before it is cut).
        self.problems: list[str] = []
        # Damaged lines set aside in .damaged, each said once to who listens (take_warning).
        self._aside_unsaid: list[str] = []
        self._aside_said: set[str] = set()
        self.damaged_path = self.journal_path.with_name(self.journal_path.name + ".damaged")
        self.fold_problem: str | None = None  # why the last fold failed, if it did
        # why the state a fold replaced was not kept beside it (said once: try_compact)
        self.keep_problem: str | None = None
        self._keep_problem_said = False
        self._fold_problem_taken: str | None = None  # the fold's warning given to be shown
        self._fold_after = 0  # after a failed fold, no new try before the journal is this long
        self._folding_aside = threading.Lock()  # one fold_settled at a time
        self._settled_from = 0.0  # (monotonic) no fold_settled before this
        # Set by who calls fold_settled as the journal grows (the app's poll): a save leaves
        # the fold to it (see BACKGROUND_BOUND).
        self.folds_in_background = False
        folder = self.path.parent
        asked = read_only is not None  # read-only as asked, not for a folder not writable
        # Why a change is not saved: the file read-only, or its folder, where the journal and
        # the lock are written (said "the database is read-only" of a file the user could
        # write: ls -l showed it rw-, and nothing said to look at the folder)
        self._read_only_why = "the database is read-only"
        if read_only is None:
            exists = self.path.exists()
            folder_read_only = not os.access(folder, os.W_OK | os.X_OK)
            read_only = folder_read_only or (exists and not os.access(self.path, os.W_OK))
            if folder_read_only and not (exists and not os.access(self.path, os.W_OK)):
                self._read_only_why = (
                    f"its folder {clipped(str(folder))} is read-only (the changes are written "
                    "beside the database)"
                )
        self.read_only = read_only
        # Read-only for the permissions alone (not as asked): looked at again when a change
        # comes (see _writable_again).
        self._read_only_asked = asked
        # The inter-process lock (file_lock.py) is taken for changes only: opening reads as a
        # reader without the lock does (a compaction meanwhile is read again: _load_all).
        self._lock: FileLock | None = None
        self._killed_saves_looked = False  # at the lock's first holding (see locked)
        if not self.path.exists():
            if not folder.is_dir():
                raise StoreError(f"{self.path}: the folder {folder} does not exist")
            if read_only:
                why = "" if asked else ", and its folder is read-only"
                raise StoreError(f"{clipped(str(self.path))}: no such database{why}")
            with self.locked():
                if not self.path.exists():
                    self._write_snapshot(b"{}")
                    MADE_HERE.add(str(self.path))
        self._open_mark = None if read_only else OpenMark(str(self.open_path))
        try:
            self._load_all(locked=False)
        except BaseException:
            if self._open_mark is not None:
                self._open_mark.abandon()  # not opened: not holding it open either
            raise

    def _refuse_unread(
        self, error: StoreError, kind: type[DatabaseUnreadable] = DatabaseUnreadable
    ) -> NoReturn:
        """``error``, a snapshot whose bytes are no database (written over by a '>' of another
        command's output, damaged), raised again as :class:`DatabaseUnreadable` with how to
        restore the state the last fold kept, when one was kept (the changes the journal
        holds since kept too): it was said for a database emptied to 0 bytes, not for one
        holding text, and not at all when the journal held a change."""
        hint = restore_hint(self.path)
        raise kind(f"{error}; {hint}" if hint else str(error)) from error

    def _refuse_emptied(self) -> None:
        """A snapshot of no bytes, with no change in its journal, where a fold kept the state
        before (:func:`~tui_reader.locations.previous_state`): emptied since (``2>`` into it)
        and refused, not taken for a new database whose first fold put its own state there."""
        try:
            if self.path.stat().st_size or self.journal_path.stat().st_size:
                return
        except OSError:
            return
        hint = restore_hint(self.path)
        if hint:
            raise StoreError(
                f"{self.path}: is empty (0 bytes), no database: what it held is not in it "
                f"(a '>' into it, a disk that filled?); {hint}"
            )

    def _writable_again(self) -> bool:
        """Whether a database opened read-only for its folder's or its file's permissions
        may be written now: given back since (``chmod u+w`` while the app runs, as the
        refusal told), it was refused all the same until a restart, the refusal saying the
        folder was read-only when it no longer was.  Not for one read-only as asked, nor
        for a read-only view changed in memory (an older schema's migration)."""
        if self._read_only_asked or self._memory_only or not self.read_only:
            return not self.read_only
        if not (
            os.access(self.path.parent, os.W_OK | os.X_OK)
            and os.path.exists(self.path)
            and os.access(self.path, os.W_OK)
        ):
            return False
        with self._mutex:
            if self.read_only:
                self._open_mark = OpenMark(str(self.open_path))
                self._read_only_why = "the database is read-only"
                self.read_only = False
        return True

    # -- locking and catching up -------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self, wait: LockWait | None = None) -> Iterator[None]:
        """Hold the in-process mutex and the inter-process file lock (none when read-only),
        waiting for the lock as ``wait`` (default: :data:`LOCK_WAIT` of the caller) says."""
        with self._mutex:
            if self.read_only:
                yield
                return
            if self._lock is None:
                self._lock = FileLock(str(self.lock_path))
            try:
                acquire(self._lock, self.lock_path, LOCK_WAIT.get() if wait is None else wait)
            except StoreError:  # the lock file refused (not busy): nothing can be saved
                self._refused = True
                raise
            try:
                if not self._killed_saves_looked:  # held for the first time
                    self._killed_saves_looked = True
                    durable_files.remove_stale_temp_files(self.path)
                yield
            finally:
                self._lock.release()

    def writing(self) -> bool:
        """Whether this process holds the database's lock now: a save or a fold under way.
        (Read from any thread: a look, no wait.)"""
        lock = self._lock
        return lock is not None and lock.is_locked

    def remove_killed_saves(self) -> None:
        """The temp files saves killed half-way left beside the database (a fold killed by
        ``kill -9``: a hidden file the database's size), removed as it opens, under the
        lock if no other process holds it (see :func:`durable_files.stale_temp_files`).  A
        start or a command that changed nothing and had nothing to fold left them there
        until a later one did."""
        if self.read_only or self._killed_saves_looked:
            return
        if not durable_files.stale_temp_files(self.path):
            return
        with contextlib.suppress(LockBusy, StoreError), self.locked(QUICK_LOOK):
            pass  # the lock held for the first time removes them

    def wait_until_free(self, wait: LockWait) -> None:
        """Wait, holding nothing (other threads read and write meanwhile), until no other
        process holds the lock, as ``wait`` says (see :func:`lock_wait.wait_until_free`).
        A worker calls this before a save."""
        if not self.read_only:
            wait_until_free(lambda: self.locked(QUICK_LOOK), wait)

    def changed_on_disk(self) -> bool:
        """Cheap check (two stats) whether another process wrote since we last looked."""
        if stat_key(self.path) != self._snapshot_key:
            return True
        try:
            st = os.stat(self.journal_path)
        except FileNotFoundError:
            return self._journal_ino is not None
        return st.st_ino != self._journal_ino or st.st_size != self._journal_seen

    def refresh(self) -> bool:
        """Catch up with other processes' writes; True when anything was re-read.  Never waits
        for the lock: while another process is writing, this catches up at the next look (a
        change always catches up first, under the lock)."""
        with self._mutex:
            if not self.changed_on_disk():
                return False
            try:
                with self.locked(QUICK_LOOK):
                    return self._catch_up()
            except LockBusy:
                return False

    def state(self) -> tuple[int, ...] | None:
        """What the tables in memory are the content of: the snapshot's :data:`StatKey` and
        which journal (inode) was read how far; equal states, equal tables.  Any change by
        any process changes it (a journal line makes it longer, a fold replaces the snapshot).
        None when the tables are not exactly the files' content: a torn or damaged journal
        tail, a change made in memory only."""
        with self._mutex:
            if (
                self._snapshot_key is None
                or self._memory_only
                or self._journal_seen != self._journal_offset
            ):
                return None
            return (*self._snapshot_key, self._journal_ino or 0, self._journal_offset)

    def _catch_up(self) -> bool:
        """Under the lock: re-read what changed (the journal tail, or everything)."""
        if stat_key(self.path) != self._snapshot_key and not self._follow_fold():
            self._load_all()
            return True
        try:
            st = os.stat(self.journal_path)
        except FileNotFoundError:
            if self._journal_ino is None:
                return False
            self._load_all()
            return True
        replaced = self._journal_ino is not None and st.st_ino != self._journal_ino
        if replaced or st.st_size < self._journal_offset:
            self._load_all()
            return True
        if st.st_size == self._journal_seen:
            return False
        changes = self._read_journal(self._journal_offset)
        self.data.apply(changes)
        if changes and self._listener is not None:
            self._listener(self.data, changes)
        return bool(changes)

    def _follow_fold(self) -> bool:
        """The snapshot was replaced.  When another process folded exactly what is in memory
        (the snapshot and journal this process had read, as the fold's note says), the new
        file holds the same tables: take it as read, and go on with the emptied journal,
        rather than read 100 MB again.  False when the note does not say so."""
        before = self.state()
        if before is None:
            return False
        note = self._fold_note()
        try:
            origin, folded, journal_ino = note["from"], note["to"], note["journal"]
            st = os.stat(self.journal_path)
        except (OSError, ValueError, KeyError, TypeError):
            return False
        now = stat_key(self.path)
        if origin != list(before) or now is None or folded != list(now):
            return False
        if st.st_ino != journal_ino:
            return False
        self._snapshot_key, self._snapshot_size = now, now[1]
        self._journal_ino = st.st_ino
        self._journal_offset = self._journal_seen = 0
        self.data.by_line = True  # a fold writes a table per line
        return True

    def _fold_note(self) -> dict[str, object]:
        """The last fold's note (see :meth:`_write_fold_note`); empty when there is none or it
        is not one."""
        try:
            # O_NONBLOCK: never waits on a FIFO put there (Windows has neither)
            fd = os.open(self.fold_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                note = json.loads(os.read(fd, 1024))
            finally:
                os.close(fd)
        except (OSError, ValueError):
            return {}
        return note if isinstance(note, dict) else {}

    def _write_fold_note(self, before: tuple[int, ...] | None, unkept: str | None = None) -> None:
        """After a fold: what it folded (``before``: the state it started from) and the file
        it made, for :meth:`_follow_fold` in other processes.  Without a note (it could not be
        written, or the state was not exactly the files'), they read the file again.
        ``unkept``: the digest of the warning that the state the fold replaced was not kept,
        said already (the next fold meeting the same problem says nothing)."""
        if before is None or self._snapshot_key is None or self._journal_ino is None:
            with contextlib.suppress(OSError):
                self.fold_path.unlink()
            return
        note: dict[str, object] = {
            "from": list(before),
            "to": list(self._snapshot_key),
            "journal": self._journal_ino,
        }
        if unkept is not None:
            note["unkept"] = unkept
        try:
            durable_files.replace_atomically(self.fold_path, json.dumps(note).encode())
        except StoreError:
            with contextlib.suppress(OSError):
                self.fold_path.unlink()

    def _load_all(self, locked: bool | None = None) -> None:
        """Read the snapshot and replay the journal.  Without the lock (read-only, or
        ``locked`` False), a compaction may replace the snapshot meanwhile: then read again."""
        if locked is None:
            locked = not self.read_only
        for _ in range(20):
            try:
                with os.fdopen(durable_files.open_regular(self.path, os.O_RDONLY), "rb") as handle:
                    st = os.fstat(handle.fileno())
                    start = damaged_start(handle.fileno())
                    raw = handle.read() if start is None else start
            except durable_files.NotRegularFile as exc:  # put there while it was open
                refused = StoreError(f"{self.path}: {exc.strerror}")
                # (a mv of the state kept would move it into a folder; a link is put back)
                if self.path.is_dir() or exc.errno == errno.ELOOP:
                    raise refused from None
                self._refuse_unread(refused)
            except FileNotFoundError:
                # deleted or moved away while open (an rm, a git checkout, a sync): no fold
                # can be made until it is back; said with how to restore what the last fold
                # kept, the journal's changes with it (it was "folded in later")
                self._refuse_unread(
                    StoreError(
                        f"{self.path}: the database file disappeared (deleted or moved away "
                        "while it was open)"
                    ),
                    DatabaseGone,
                )
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot read ({exc.strerror})") from exc
            try:
                tables = SnapshotTables.read(raw, self.path)
            except StoreError as exc:  # what it holds is no database: how to restore it
                self._refuse_unread(exc)
            del raw  # each table keeps its own line (a parsed table, not even that)
            self._snapshot_key = (st.st_ino, st.st_size, st.st_mtime_ns)
            self._snapshot_size = st.st_size
            self._close_journal_fd()
            self._journal_ino = None
            self._journal_offset = self._journal_seen = 0
            self._memory_only = False
            self.data = tables
            self.data.apply(self._read_journal(0))
            if locked or stat_key(self.path) == self._snapshot_key:
                break
        if self._listener is not None:
            self._listener(self.data, None)

    def _read_journal(self, offset: int) -> list[Change]:
        """Valid changes from ``offset`` on; stops before a torn tail (dropped at next write)."""
        try:
            fd = durable_files.open_regular(self.journal_path, os.O_RDONLY)
            with os.fdopen(fd, "rb") as handle:
                st = os.fstat(handle.fileno())
                handle.seek(offset)
                raw = handle.read()
        except FileNotFoundError:
            return []
        except durable_files.NotRegularFile as exc:  # put there while it was open
            raise StoreError(
                f"{self.journal_path}: {exc.strerror}; the files were left as they are"
            ) from None
        except OSError as exc:
            raise StoreError(f"{self.journal_path}: cannot read ({exc.strerror})") from exc
        self._journal_ino = st.st_ino
        self._journal_seen = offset + len(raw)
        try:
            changes, pos, damaged = valid_prefix(raw)
        except ValueError as bad:
            raise StoreError(
                f"{self.journal_path}: damaged line at byte {offset + bad.args[0]} followed by "
                "valid changes; the files were left as they are"
            ) from None
        if damaged:
            message = self._damaged_message(offset + pos)
            if message not in self.problems:
                self.problems.append(message)
        self._journal_offset = offset + pos
        return changes

    def _damaged_message(self, at: int) -> str:
        """What is said of a damaged journal line at byte ``at`` (the last valid line's end)."""
        return (
            f"{self.journal_path}: the last change (line at byte {at}) is "
            f"damaged and was not applied; it is kept in {self.damaged_path}"
        )

    def _keep_damaged_tail(self) -> None:
        """Before the journal is cut at the last valid line: keep complete lines past it (an
        acknowledged change a bit flip damaged) in the ``.damaged`` file (a torn last line,
        never acknowledged, is dropped), and have that said once (:meth:`take_warning`).
        StoreError, the journal untouched, when it cannot."""
        try:
            kept = durable_files.copy_complete_lines(
                self.journal_path, self._journal_offset, self.damaged_path
            )
        except OSError as exc:
            raise StoreError(
                f"{self.damaged_path}: cannot keep the damaged journal line aside "
                f"({exc.strerror}); the journal was left as it is"
            ) from exc
        if kept:
            message = self._damaged_message(self._journal_offset)
            if message not in self.problems:
                self.problems.append(message)
            if message not in self._aside_said and message not in self._aside_unsaid:
                self._aside_unsaid.append(message)

    def _cut_damaged_tail(self) -> None:
        """Under the lock, caught up: cut the journal at its last valid line, what follows it
        (a torn or damaged line) kept aside first (:meth:`_keep_damaged_tail`).  OSError when
        the journal cannot be cut."""
        self._keep_damaged_tail()
        durable_files.cut_at(self.journal_path, self._journal_offset)
        self._journal_seen = self._journal_offset

    # -- writing -----------------------------------------------------------------------------

    def commit(self, changes: Sequence[Change], plain: Collection[Record] = ()) -> None:
        """Make ``changes`` durable (fsynced journal line), then apply them in memory.
        ``plain``: records of the changes known to be plain (:func:`~.journal_lines.
        changes_json`); in a block of :meth:`one_line`, whose line is written at its end,
        they are looked at as any other.

        Call under :meth:`locked` after :meth:`catch_up` so they build on the current state
        (:meth:`transaction` does both).  Raises :class:`StoreError` when read-only or the write
        fails; memory is then unchanged.
        """
        if not changes:
            return
        if self.read_only and not self._writable_again():
            raise StoreError(f"{self.path}: {self._read_only_why}; the change was not saved")
        with self._mutex:
            if self._gathered is None:
                self._append(line_parts(changes, plain))
            self.data.apply(changes)
            if self._listener is not None:
                self._listener(self.data, changes)
            if self._gathered is None:
                self._fold_if_due()
            else:  # saved with the rest of the block, in its line (see one_line)
                self._gathered.extend(changes)

    @contextlib.contextmanager
    def one_line(self) -> Iterator[None]:
        """Every change committed in the block saved in ONE journal line as it ends, under
        the lock held throughout (a merge's memos, attributes, codes and passages): all of it
        durable, or none.  An exception in the block (or the line's write failing) saves
        nothing and reads the files back, so memory holds only what was saved; a kill saves
        nothing.  Nested, the inner block is part of the outer one."""
        if self._gathered is not None:
            yield
            return
        with self.transaction():
            self._gathered = []
            try:
                yield
                gathered = self._gathered
                self._gathered = None
                if gathered:
                    self._append(line_parts(gathered))
            except BaseException:
                self._gathered = None
                self._load_all()  # what the files hold: the block's changes were not saved
                raise
            if gathered:
                self._fold_if_due()

    def _fold_if_due(self) -> None:
        """Fold the journal in when it has grown past its size (a change just saved)."""
        with self._mutex:
            fold_at = self._fold_size()
            if self.folds_in_background:
                fold_at *= BACKGROUND_BOUND  # folded before by fold_settled (see settled)
            # The change is durable already: a failed fold is no failed save.
            if self._journal_offset > fold_at and self._fold_failed():
                self._fold_after = self._journal_offset + self.compact_bytes

    def _fold_size(self) -> float:
        """How long the journal grows before it is folded: :data:`DEFAULT_COMPACT_BYTES` (or
        as made), and a share of the snapshot (:data:`COMPACT_RATIO`), and past where a fold
        that failed left it."""
        return max(self.compact_bytes, self._snapshot_size * COMPACT_RATIO, self._fold_after)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock and catch up; changes committed inside build on the latest state."""
        if self.read_only and not self._writable_again():
            raise StoreError(f"{self.path}: {self._read_only_why}; the change was not saved")
        with self.locked():
            self._catch_up()
            yield

    def _append(self, line: Sequence[bytes]) -> None:
        try:
            if self._journal_fd is None:
                created = not self.journal_path.exists()
                self._journal_fd = durable_files.open_regular(
                    self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT
                )
                st = os.fstat(self._journal_fd)
                self._journal_ino = st.st_ino
                if st.st_size > self._journal_offset:  # drop a torn tail left by a crash
                    self._cut_damaged_tail()
                if created:
                    durable_files.fsync_dir(self.path.parent)
            elif self._journal_seen > self._journal_offset:
                self._cut_damaged_tail()
            durable_files.write_all(self._journal_fd, *line)
            self._refused = False
        except OSError as exc:
            self._refused = True
            with contextlib.suppress(OSError):  # take back a partial line
                durable_files.cut_at(self.journal_path, self._journal_offset)
            self._close_journal_fd()
            self._journal_ino = None
            raise StoreError(
                f"{self.journal_path}: could not save ({exc.strerror}); the change was not saved"
            ) from exc
        self._journal_offset += sum(map(len, line))
        self._journal_seen = self._journal_offset
        SAVED.set(True)

    def _fold_failed(self) -> bool:
        """:meth:`try_compact`, True when the fold itself failed (its warning, or one that the
        state it replaced was not kept, is in :attr:`fold_problem` and :attr:`keep_problem`)."""
        problem = self.try_compact()
        if problem is not None and self.fold_problem is None:
            self.keep_problem = problem  # the fold is done: kept to be said by who listens
        return self.fold_problem is not None

    def try_compact(self) -> str | None:
        """:meth:`compact`, saying instead of raising when the fold failed (a full disk): the
        changes stay durable in the journal, replayed at every open, folded by a later fold.
        Returns that warning, also kept in :attr:`fold_problem`.  Does not wait for the lock:
        while another process holds it, that process (or a later fold) folds."""
        return self._trying(lambda: self.compact(QUICK_LOOK))

    def _trying(self, fold: Callable[[], object]) -> str | None:
        """Run ``fold``, saying as :meth:`try_compact` does."""
        try:
            fold()
        except LockBusy:
            return None
        except DatabaseUnreadable as exc:  # no later fold can: the user must restore it first
            how = "with the commands above" if restore_hint(self.path) else "from a copy"
            self.fold_problem = (
                f"{self.path}: the journal could not be folded in ({exc}); {ALL_SAVED}, "
                f"in {self.journal_path}, and is folded in only after {self.path.name} is "
                f"restored {how}"
            )
            return self.fold_problem
        except StoreError as exc:
            cause = exc.__cause__
            reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(exc)
            self.fold_problem = (
                f"{self.path}: the journal could not be folded in ({reason}); {ALL_SAVED}, "
                f"in {self.journal_path}, and is folded in later"
            )
            return self.fold_problem
        self.fold_problem = None
        problem, self.keep_problem = self.keep_problem, None
        self._keep_problem_said = self._keep_problem_said or problem is not None
        return problem

    @contextlib.contextmanager
    def unless_held(self) -> Iterator[bool]:
        """For a look that must not wait (the app's UI thread, which answers the keys): the
        tables held for it, True, when no other thread of this process holds them; else
        nothing held, False (a save of 100,000 passages in a worker holds them for seconds:
        the look is for later)."""
        if not self._mutex.acquire(blocking=False):
            yield False
            return
        try:
            yield True
        finally:
            self._mutex.release()

    def take_warning(self) -> str | None:
        """The warning of a fold made as a change was saved (the state it replaced not kept
        for a restore, or the journal not folded in), for who shows it while the database is
        open (the app): each once, else None.  :meth:`close` returns what was not taken of
        the fold's; a damaged journal line set aside (by a save, a fold, the close) is said
        here too, once, before them."""
        with self._mutex:
            if self._aside_unsaid:
                message = self._aside_unsaid.pop(0)
                self._aside_said.add(message)
                return message
            if self.keep_problem is not None:
                problem, self.keep_problem = self.keep_problem, None
                self._keep_problem_said = True
                return problem
            if self.fold_problem is not None and self.fold_problem != self._fold_problem_taken:
                self._fold_problem_taken = self.fold_problem
                return self.fold_problem
        return None

    def _not_kept(self, previous: Path, error: OSError) -> str:
        """The warning for a fold that could not keep the state it replaced (``previous`` a
        folder, or its folder not writable): said once; the fold itself is done."""
        why = error.strerror or str(error)
        return (
            f"{clipped(str(previous))}: {why}: the last saved state was not kept for a restore; "
            f"{ALL_SAVED}, in {clipped(str(self.path))}"
        )

    def compact(self, wait: LockWait | None = None) -> None:
        """Fold the journal into ``annotations.json`` (atomic replace) and empty the journal;
        :class:`StoreError` when that failed (nothing saved is lost: the journal stays).
        ``wait``: how to wait for the lock (default: as the caller's :data:`LOCK_WAIT`).
        Not inside :meth:`one_line`'s block: the file would hold what is not saved yet."""
        if self.read_only or self._gathered is not None:
            return
        with self.locked(wait):
            self._catch_up()
            if self._journal_offset == 0 and self._journal_seen == 0:
                return  # nothing to fold: leave the file (and others' caches) alone
            self._fold_in(self.state(), self.data.to_parts())

    def compact_forgetting(self, wait: LockWait | None = None) -> None:
        """Fold the journal into ``annotations.json``, as :meth:`compact` does even when it is
        empty, and keep the state folded as the previous one too: what the changes folded
        removed (a prune of the history) is kept in no file of the database's, the journal
        and the state the fold replaced included.  :class:`StoreError` as :meth:`compact`."""
        if self.read_only or self._gathered is not None:
            return
        with self.locked(wait):
            self._catch_up()
            self._fold_in(self.state(), self.data.to_parts())
            kept = previous_state(self.path)
            if durable_files.keep_previous(self.path, self.journal_path, *kept) is not None:
                for made in kept:  # not kept again: the one that holds what was removed goes
                    with contextlib.suppress(OSError):
                        made.unlink()

    def _fold_in(
        self, before: tuple[int, ...] | None, data: Sequence[bytes | memoryview] | Path
    ) -> None:
        """Under the lock, caught up: make ``data`` (the tables' parts, or a temp file
        already holding them) the snapshot, keeping the state it replaces, and empty the
        journal; ``before``: the state folded, for the fold's note."""
        self._keep_damaged_tail()
        kept = previous_state(self.path)
        failed = durable_files.keep_previous(self.path, self.journal_path, *kept)
        unkept = None
        if failed is not None:
            problem = self._not_kept(kept[0], failed)
            # said once, not by every command that saves while it lasts: the fold's
            # note keeps which problem was said (a fold that keeps it forgets it)
            unkept = digests.sha256(problem.encode("utf-8", "replace")).hexdigest()[:16]
            if not self._keep_problem_said and unkept != self._fold_note().get("unkept"):
                self.keep_problem = problem
        try:
            if isinstance(data, Path):
                self._snapshot_key = durable_files.put_in_place(data, self.path)
                self._snapshot_size = self._snapshot_key[1]
            else:
                self._write_snapshot(data)
        except StoreError:  # a full disk: the copy takes room a later fold needs, and
            for made in kept:  # the database and its journal hold what it holds
                with contextlib.suppress(OSError):
                    made.unlink()
            raise
        self._journal_emptied(before, unkept)

    def _journal_emptied(self, before: tuple[int, ...] | None, unkept: str | None = None) -> None:
        """The snapshot just written holds everything: the journal emptied (synced), read from
        its start again, and the fold's note written (see :meth:`_write_fold_note`)."""
        self.data.by_line = True
        try:
            durable_files.empty_synced(self.journal_path)
        except OSError as exc:
            raise StoreError(f"{self.journal_path}: cannot empty ({exc.strerror})") from exc
        self._journal_offset = self._journal_seen = 0
        with contextlib.suppress(FileNotFoundError):
            self._journal_ino = os.stat(self.journal_path).st_ino
        self._write_fold_note(before, unkept)

    def write_back(self) -> bool:
        """The database file gone (deleted or moved away while it was open: an ``rm``, a
        ``git checkout``, a sync), write it again from the tables in memory, atomically (a
        temp file beside it, synced, renamed into place), with the changes its journal holds
        that memory lacks (another process's, saved since): a fold into a file no longer
        there.  The state kept at the last fold (``.previous``) is left as it is.  False when
        the file is there again (restored meanwhile: read as it is), else True;
        :class:`StoreError` when it cannot be written (nothing changed then), or when the
        journal is not the one memory was read with (another process folded or replaced it:
        what memory holds is not all there is)."""
        if self.read_only and not self._writable_again():
            raise StoreError(f"{self.path}: {self._read_only_why}; nothing was written")
        with self.locked():
            if os.path.lexists(self.path):
                self._load_all()  # (back: what it holds now is what is read)
                return False
            try:
                st = os.stat(self.journal_path)
            except FileNotFoundError:
                st = None
            if (st is None and self._journal_ino is not None) or (
                st is not None
                and self._journal_ino is not None
                and (st.st_ino != self._journal_ino or st.st_size < self._journal_offset)
            ):
                raise StoreError(
                    f"{self.journal_path}: replaced since the database was read; nothing was "
                    "written (restore the database from a copy)"
                )
            if st is not None and st.st_size > self._journal_seen:
                self.data.apply(self._read_journal(self._journal_offset))  # saved since
            self._keep_damaged_tail()
            self._write_snapshot(self.data.to_parts())
            self._journal_emptied(None)
            self._memory_only = False
            self.fold_problem = None
        if self._listener is not None:
            self._listener(self.data, None)
        return True

    # -- the fold once changes settle ----------------------------------------------------------

    def settled(self) -> bool:
        """Whether :meth:`fold_settled` is due: changes wait in the journal (this process's
        or another's), none came for :data:`SETTLED_AFTER` seconds, or, where saves leave
        their fold to it (:attr:`folds_in_background`), the journal is past its fold size;
        and the last such fold was not too recent for its cost (:data:`FOLD_SHARE`).  One
        stat: cheap enough for a UI's timer."""
        if self.read_only or self._refused or time.monotonic() < self._settled_from:
            return False
        try:
            st = os.stat(self.journal_path)
        except OSError:
            return False
        if self.folds_in_background and st.st_size > self._fold_size():
            return True  # a save left its fold to this one
        return st.st_size > 0 and time.time() - st.st_mtime >= SETTLED_AFTER

    def fold_settled(self) -> bool:
        """Fold the journal into ``annotations.json`` without holding the database while the
        file is written (seconds at 100,000 annotations): the tables are copied under the
        lock, written to a temp file with no lock held (this process's other threads and
        other processes read and save meanwhile), and put in place under the lock only if
        nothing changed since; otherwise it is dropped, and the changes wait for the next
        quiet moment (nothing is lost either way: they are in the journal).  Never waits for
        the lock.  A torn or damaged last line is kept aside and cut first, as a save and
        the close do (said once by :meth:`take_warning`): the changes before it are folded.
        True when it folded; a failure (a full disk) is kept as :meth:`try_compact` keeps
        it, for :meth:`take_warning`."""
        if self.read_only or not self._folding_aside.acquire(blocking=False):
            return False
        started = time.monotonic()
        folded: list[bool] = []
        try:
            problem = self._trying(lambda: folded.append(self._fold_aside()))
            if problem is not None and self.fold_problem is None:
                self.keep_problem = problem
        finally:
            took = time.monotonic() - started
            # a fold that failed (a full disk: the temp file written until the disk refused)
            # is not tried again at every quiet moment
            wait = max(FOLD_SHARE * took, RETRY_AFTER if self.fold_problem else 0.0)
            self._settled_from = time.monotonic() + wait
            self._folding_aside.release()
        return folded == [True]

    def _fold_aside(self) -> bool:
        with self.locked(QUICK_LOOK):
            self._catch_up()
            if self._journal_offset == 0 and self._journal_seen == 0:
                return False
            if self._journal_seen > self._journal_offset:
                # a torn or damaged last line: kept aside and cut, as a save or the close does
                try:
                    self._cut_damaged_tail()
                except OSError as exc:
                    raise StoreError(
                        f"{self.journal_path}: cannot cut the damaged line ({exc.strerror})"
                    ) from exc
                if self._journal_offset == 0:
                    return False
            before = self.state()
            if before is None:  # changed in memory only: not the files' content
                return False
            copy = self.data.copy_to_write()
        tmp = durable_files.written_beside(self.path, copy.to_parts())
        del copy
        try:
            with self.locked(QUICK_LOOK):
                self._catch_up()
                # a change meanwhile, or the temp file gone (removed by hand, or by an
                # earlier version, which took it for a killed fold's): for the next quiet moment
                if self.state() != before or not tmp.exists():
                    return False
                self._fold_in(before, tmp)
                return True
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
            durable_files.done_with(tmp)

    def lay_out_by_line(self) -> None:
        """Write a snapshot of an earlier layout (one line, as TinyDB writes it) again one
        table per line, so that later openings parse only the tables they use.  Quietly
        left for a later opening when another process holds the lock or the disk refuses:
        the file is read as it is meanwhile.  Only with nothing to fold (a fold lays it out),
        and for a file big enough to gain from it (:data:`LAY_OUT_FROM`)."""
        if self.read_only or self.data.by_line or self._journal_seen:
            return
        if self._snapshot_size < LAY_OUT_FROM:
            return
        with contextlib.suppress(LockBusy, StoreError), self.locked(QUICK_LOOK):
            self._catch_up()
            if not self.data.by_line and not self._journal_seen:
                self._write_snapshot(self.data.to_parts())
                self.data.by_line = True

    def _write_snapshot(self, data: bytes | Sequence[bytes | memoryview]) -> None:
        self._snapshot_key = durable_files.replace_atomically(self.path, data)
        self._snapshot_size = self._snapshot_key[1]

    def apply_in_memory(self, changes: Sequence[Change]) -> None:
        """Change the in-memory view only (a read-only database's migration)."""
        with self._mutex:
            self.data.apply(changes)
            self._memory_only = True

    def _close_journal_fd(self) -> None:
        if self._journal_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._journal_fd)
            self._journal_fd = None

    def close(self, compact: bool = True) -> str | None:
        """Fold the journal (so plain TinyDB sees everything) and release files.  Never fails
        for a fold that could not be done (every change is durable in the journal): returns
        the warning instead (see :meth:`try_compact`).  Only the last process to close folds
        (see :class:`~.file_lock.OpenMark`): the app open beside a command folds as it closes,
        and the command, not rewriting the file, ends in a second where it took four."""
        with self._mutex:
            last = self._open_mark.last_out() if self._open_mark is not None else True
            self._open_mark = None
            fold = compact and last and not self.read_only and not self._refused
            try:
                warning = self.try_compact() if fold else None
                if warning is not None and warning == self.fold_problem:
                    self._fold_problem_taken = warning  # said by who closes
                return warning
            finally:
                self._close_journal_fd()


def read_tables(path: Path, names: Sequence[str]) -> SnapshotTables | None:
    """The tables ``names`` of the database at ``path`` as the store would read them (the
    snapshot's, with the journal's changes), without reading the others: a search asking
    for the memos need not read 128 MB of annotations.  None when this cannot be done so
    and the store must open it: the file not written a table per line, special, unreadable
    or damaged, its journal damaged, an older schema, or the files changing meanwhile (the
    store then says what is wrong)."""
    from tui_reader.core.store.schema import META, SCHEMA_VERSION, schema_of
    from tui_reader.core.store.snapshot import named_lines

    wanted = {*names, META}
    journal_path = db_sidecars(path)[0]
    if any(special_file_problem(own) for own in (path, journal_path)):
        return None
    for _ in range(3):  # a fold meanwhile replaces the file: read again
        before = stat_key(path)
        try:
            data = named_lines(path, wanted)
            try:
                raw = journal_path.read_bytes()
            except FileNotFoundError:
                raw = b""
        except OSError:
            return None
        if data is None:
            return None
        if before is not None and stat_key(path) == before:
            break
    else:
        return None
    try:
        changes, _, _ = valid_prefix(raw)
        tables = SnapshotTables.read(data, path)
        tables.apply([change for change in changes if change[0] in wanted])
        if schema_of(tables) != SCHEMA_VERSION:
            return None
        for name in wanted:
            tables.get(name)  # parsed now: damage is found here, not by the caller
    except (ValueError, StoreError):
        return None
    return tables
