"""Every domain exception, in one place: each carries a message a person can act on.

The UI shows them as notifications (markup off), the CLI prints the message on one line of
stderr and exits non-zero.  Raise the most specific one; catch ``TuiReaderError`` where any of
them may come."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.frozen_value import FrozenValue

if TYPE_CHECKING:
    from tui_reader.core.annotations.model import Annotation


class TuiReaderError(Exception):
    """Base class of every error the user can cause."""


class DocumentError(TuiReaderError):
    """A file could not be read as a document."""

    def __init__(self, path: Path | str, reason: str) -> None:
        # The file is named as list and search name it (a line feed in its name as ␊, a byte
        # that is no UTF-8 as \xe9): its raw line feed split the line every command prints
        # of a file it could not read (query, report, export), the second part looking like
        # another message, and the app showed it as ⏎, a name no listing printed.
        from tui_reader.core.display import shown_name

        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{shown_name(str(self.path))}: {reason}")


class ConversionStopped(DocumentError):
    """A conversion ended by what holds at the moment, not by the file: its time or memory
    limit, its child's death, the app quitting.  Unlike a converter's own answer on the
    file's bytes (no text layer, damaged), it is not kept as the file's answer: the file
    is converted again the next time."""


class TimeLimitStopped(ConversionStopped):
    """A conversion stopped once it had taken its whole limit of processor time, ``limit``
    seconds (not kept waiting by a busy machine): the file's doing as much as the moment's.
    Its stops are counted by the file's bytes, and past a few runs it is not tried again
    (:meth:`~tui_reader.core.documents.conversion_cache.ConversionCache.stopped`)."""

    def __init__(self, path: Path | str, reason: str, limit: float) -> None:
        super().__init__(path, reason)
        self.limit = limit


class UnsupportedFormatError(DocumentError):
    """The file's extension is not a format tui-reader reads."""


class BinaryFileError(DocumentError):
    """The file holds binary data, not text."""


class StoreError(TuiReaderError):
    """The database cannot be read or written; the message names the file and the problem."""


class DatabaseUnreadable(StoreError):
    """The database file holds no database (damaged, written over by another program): no
    change can be folded into it until the user restores it; the message says how, when the
    state of the last save was kept."""


class DatabaseGone(DatabaseUnreadable):
    """The database file is not there any more (deleted or moved away while it was open): a
    process that has it in memory can write it back (``AnnotationStore.write_back``)."""


class LockHolder(FrozenValue):
    """The process holding the database's lock: its id, and ``program``, the name of the
    program it runs when it is not a tui-reader (a backup tool, a script's ``flock``), else
    None (a tui-reader writes its id in the lock file as it takes it)."""

    __slots__ = ("pid", "program")
    pid: int
    program: str | None

    def __init__(self, pid: int, program: str | None = None) -> None:
        self._set(pid=pid, program=program)


class LockBusy(StoreError):
    """Another process held the database's lock longer than this one would wait; ``holder``
    is that process when the system tells (Linux), else None.  Nothing was saved."""

    def __init__(self, message: str, holder: LockHolder | None) -> None:
        self.holder = holder
        super().__init__(message)


class LockWaitCancelled(StoreError):
    """The user stopped waiting for another process's lock: nothing was saved."""


class StaleAnnotationError(StoreError):
    """A save based on an older revision than the stored one: another process (or another
    view) saved this annotation meanwhile.  ``current`` is the stored, newer version."""

    def __init__(self, current: Annotation) -> None:
        self.current = current
        super().__init__(
            f"another tui-reader changed this annotation meanwhile (now revision "
            f"{current.revision}); your change was not saved, the newer version is shown"
        )


class TagNameError(StoreError):
    """A tag name a person typed cannot be used (a StoreError: the change was not saved)."""


class TagColourError(TuiReaderError):
    """A tag colour a person typed is not a colour."""


class SeeThroughColourError(TagColourError):
    """A tag colour a person typed is a colour but for its alpha, which makes it see-through
    (a highlight is painted opaque): refused, as any other, but said why while it is typed,
    in one short line, ``reason``."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class ExportError(TuiReaderError):
    """An export cannot be made as asked (unknown format, bad option)."""


class ImportFormatError(TuiReaderError):
    """A file to import is not in the format it should be."""


class W3CFormatError(ImportFormatError):
    """A file is not a W3C Web Annotation document tui-reader can read."""


class AttributeValueError(TuiReaderError):
    """An attribute name or value cannot be used as given (it is reported, never guessed)."""


class PatternError(TuiReaderError):
    """A regular expression a user wrote cannot be compiled, or takes too long to match."""

    def __init__(self, pattern: str, reason: str) -> None:
        self.pattern = pattern
        self.reason = reason
        super().__init__(f"{pattern!r} {reason}")


class QuerySyntaxError(TuiReaderError):
    """A query that does not parse; ``column`` (1-based) is where the problem was found."""

    SHOWN_AROUND = 36  # characters of a long query shown each side of the column

    def __init__(self, query: str, column: int, problem: str) -> None:
        self.query = query
        self.column = column
        self.problem = problem
        self.typed_as = "query"  # what the command line took it as: its query, a --where
        # One line, caret aligned: of a long query (a pasted list of codes), the part around
        # the column, so that the caret is on screen and the message three lines.
        first = max(0, column - 1 - self.SHOWN_AROUND)
        after = column - 1 + self.SHOWN_AROUND
        part = query[first:after]
        shown = "".join(c if c.isprintable() else " " for c in part)
        before, beyond = ("…" if first else ""), ("…" if after < len(query) else "")
        # under the column's character, in the cells a terminal gives what comes before it
        # (a Chinese character or an emoji two, a combining accent none)
        lead = before + shown[: column - 1 - first]
        caret = " " * (len(lead) if lead.isascii() else _cells(lead)) + "^"
        self.shown_part = f"{before}{shown}{beyond}"
        super().__init__(
            f"query error at column {column}: {problem}\n  {self.shown_part}\n  {caret}"
        )

    def one_line(self) -> str:
        """The error as one line, for a command's stderr (``prog: problem``, grep's habit):
        what is wrong, its column, then the query (the part around the column of a long one).
        The app shows the three lines, the caret under the column.  Of a query holding
        nothing, the problem alone: a column and a blank query say nothing more."""
        if not self.shown_part.strip():
            return f"{self.typed_as}: {self.problem}"
        return f"{self.typed_as}: column {self.column}: {self.problem}: {self.shown_part}"


def _cells(text: str) -> int:
    """The terminal cells ``text`` takes."""
    from rich.cells import cell_len  # only for a query beyond ASCII

    return cell_len(text)
