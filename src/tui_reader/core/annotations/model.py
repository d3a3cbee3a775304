"""The annotation data model shared by the store, anchoring, search, export and the UI.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import Any, TypedDict

CONTEXT_LENGTH = 32  # code points of prefix/suffix context kept with each quote


class AnchorStatus(StrEnum):
    """Where an annotation stands against the document's current text."""

    ANCHORED = "anchored"  # exact quote found (at its old place or a better-fitting one)
    FUZZY = "fuzzy"  # an approximate match above the threshold
    ORPHAN = "orphan"  # not found; kept, shown and exported, can be re-attached


def utc_now() -> str:
    """The current time as ISO 8601 UTC with a ``Z``, to the second: written anew when the
    second changes (an autocode of 300,000 passages asked for it twice each: 2 s of 25)."""
    global _last_written
    second = int(time.time())
    last = _last_written  # one tuple: another thread's second and its text stay together
    if last[0] == second:
        return last[1]
    written = datetime.fromtimestamp(second, UTC).isoformat().replace("+00:00", "Z")
    _last_written = (second, written)
    return written


_last_written: tuple[int, str] = (-1, "")  # the second utc_now last wrote, and how


def new_id() -> str:
    # uuid loads platform, which reads the system's name: paid by the commands that make
    # an annotation, not by every one that reads them (tags, list, search, query)
    import uuid

    return str(uuid.uuid4())


@dataclass(frozen=True)
class Annotation:
    """A highlight with tags and a note on a passage of one document."""

    document: str  # path relative to the database file's folder, POSIX separators
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    doc_sha256: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=utc_now)
    updated: str = field(default_factory=utc_now)
    status: AnchorStatus = AnchorStatus.ANCHORED
    coder: str = ""  # who made it; "" in old records: the database's default coder (store)
    # Raised by one on every save; a save based on an older revision is refused (two processes
    # editing one annotation never overwrite each other).  0: written before revisions existed.
    revision: int = 0

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict stored in TinyDB and printed by ``export --format json``: its
        fields :data:`RECORD_FIELDS`, in that order."""
        return {
            "id": self.id,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "doc_sha256": self.doc_sha256,
            "tags": list(self.tags),
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
            "status": str(self.status),
            "coder": self.coder,
            "revision": self.revision,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any], default_coder: str = "") -> Annotation:
        """The annotation of a stored record; ``default_coder`` is the coder of a record that
        names none (written before coders were recorded)."""
        # Every field is given and checked here: set at once, not by one frozen __setattr__
        # each (a database of 100,000 annotations is read twice as fast).
        annotation = object.__new__(cls)
        annotation.__dict__.update(
            id=str(record["id"]),
            document=str(record["document"]),
            start=int(record["start"]),
            end=int(record["end"]),
            quote=str(record["quote"]),
            prefix=str(record.get("prefix", "")),
            suffix=str(record.get("suffix", "")),
            doc_sha256=str(record.get("doc_sha256", "")),
            # a list (every stored record's) at once; anything else as record_tags reads it
            tags=code_names(tags)
            if type(tags := record.get("tags")) is list
            else record_tags(tags),
            note=str(record.get("note", "")),
            created=str(record.get("created", "")),
            updated=str(record.get("updated", "")),
            status=_status(record.get("status", AnchorStatus.ANCHORED)),
            coder=str(record.get("coder") or default_coder),
            revision=_revision(record.get("revision", 0)),
        )
        return annotation

    def evolve(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied (``updated`` is not touched here).

        As :func:`dataclasses.replace` makes it, its fields set at once (as
        :meth:`from_record` sets them): five times as fast, where a merge moves 100,000
        annotations to this database's keys."""
        unknown = changes.keys() - self.__dict__.keys()
        if unknown:
            raise TypeError(f"Annotation has no field {', '.join(sorted(unknown))}")
        evolved = object.__new__(type(self))
        evolved.__dict__.update(self.__dict__, **changes)
        return evolved


# The fields of :meth:`Annotation.to_record`, in its order.
RECORD_FIELDS = (
    "id",
    "document",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "doc_sha256",
    "tags",
    "note",
    "created",
    "updated",
    "status",
    "coder",
    "revision",
)


def record_tags(value: Any) -> tuple[str, ...]:
    """The tags a stored record's ``tags`` field names: its items as text; a string (a file
    edited by hand: ``"tags": "border"``) is one tag's name, never its letters.  ValueError
    when it names none (:func:`tags_problem`)."""
    problem = tags_problem(value)
    if problem is not None:
        raise ValueError(problem)
    if not value:
        return ()
    return code_names((value,) if isinstance(value, str) else value)


def tags_problem(value: Any) -> str | None:
    """What keeps a stored record's ``tags`` field from naming its codes (a file edited by
    hand: ``[null, {"a": 2}]``, ``5``, an object), said as a reason; None when it names them
    (none given, a text, or a list of texts and numbers)."""
    if not value or isinstance(value, str):
        return None
    if not isinstance(value, list):
        return f"its tags are {json.dumps(value)[:40]}, no list of code names"
    for item in value:
        if not is_code_name(item):
            return f"its tags hold {json.dumps(item)[:40]}, which names no code"
    return None


def state_problem(record: dict[str, Any]) -> str | None:
    """What keeps a stored record's ``status`` or ``revision`` from being read (a file edited
    by hand: ``"status": "bogus"``, ``"revision": -1``), said as :meth:`Annotation.from_record`
    says it; None when both read (or are not given)."""
    try:
        _status(record.get("status", AnchorStatus.ANCHORED))
        _revision(record.get("revision", 0))
    except ValueError as exc:
        return str(exc)
    return None


def code_names(names: Iterable[object]) -> tuple[str, ...]:
    """The codes a stored record's list of tags names, read alike by every reader (the
    codebook's counts, reports, queries, exports) and as an import reads a file's codes: each
    item as text (a number ``5`` edited in by hand is the code ``"5"``), its levels stripped
    and the empty ones dropped (``"x/"`` is the code ``x``, ``"a//b"`` and ``" a / b"`` are
    ``a/b``), each run of spaces inside a level one space and accents composed, as a code
    typed is read (:func:`tidy_level`: ``"two  words"`` is ``two words``), an item with no
    level at all (``""``, ``"/"``) no code; each code then once.

    An item that is neither text nor a number (``null``, ``true``, an object or a list edited
    in by hand) names no code: ValueError says which (the store reports such a record as
    unreadable and leaves it in the file, as it does one whose start is no number)."""
    items = tuple(names)
    if not set(map(type, items)) <= {str} and (problem := tags_problem(list(items))):
        raise ValueError(problem)
    return _code_names(tuple(map(str, items)))


def is_code_name(value: object) -> bool:
    """Whether a stored ``value`` can name a code: a text, or a number (read as its text);
    ``null``, ``true``/``false``, an object or a list cannot."""
    return isinstance(value, str) or (
        isinstance(value, int | float) and not isinstance(value, bool)
    )


@lru_cache(maxsize=65536)
def _code_names(texts: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`code_names` of ``texts``, each list of codes looked at once (a database of
    100,000 passages holds a few thousand: read as fast as it was before names were
    looked at)."""
    if are_code_paths(texts):
        return texts
    paths = tuple(
        composed("/".join(level for part in text.split("/") if (level := tidy_level(part))))
        for text in texts
    )
    return texts if paths == texts and all(paths) else tuple(dict.fromkeys(filter(None, paths)))


def tidy_level(level: str, around: str | None = None) -> str:
    """One level of a code's name (between two ``/``) as every code is read, stored or
    typed: stripped of the whitespace around it (``around``: of those characters only: a
    field tidies spaces, leaving a tab for the name to be refused), each run of spaces inside
    it made one (``"two  words"`` is ``two words``)."""
    return _SPACE_RUN.sub(" ", level.strip(around))


_SPACE_RUN = re.compile(" {2,}")


def composed(text: str) -> str:
    """``text`` with its accents composed (NFC): ``é`` typed or stored as ``e`` and a
    combining accent is the one ``é``."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# A name (of names joined by line breaks) with a level that is empty or spaced at either end,
# or two spaces in a row.
_NOT_A_PATH = re.compile(r"(?:\A|[\n/])(?:[/\s]|\Z)|\s(?:[\n/]|\Z)|  ")


def are_code_paths(names: Iterable[str]) -> bool:
    """Whether each of ``names`` (texts) is a code as :func:`code_names` reads it already: no
    level empty (no ``/`` first, last or doubled) or with spaces around it or two in a row,
    accents composed.  Checked on the names joined, in C, for 100,000 records' at once, each
    name once (their 200,000 names are a few dozen codes: the pattern went through every
    copy, 0.2 s); a name holding a line break is read the slower way, to the same code."""
    texts = set(names)
    if not texts:
        return True
    joined = "\n".join(texts)
    if _NOT_A_PATH.search(joined) is not None:
        return False
    return joined.isascii() or unicodedata.is_normalized("NFC", joined)


_STATUSES = {status.value: status for status in AnchorStatus}


def _status(value: Any) -> AnchorStatus:
    member = _STATUSES.get(value) if type(value) is str else None
    return member if member is not None else AnchorStatus(value)  # or a ValueError


def _revision(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"revision {value!r} is not a whole number >= 0")
    return value


# The one order of annotations everywhere (lists, the store, exports): by document, then place
# in it, then creation; the id breaks the last ties, so the order is the same on every run.
# ``reading_order(a) == (a.document, a.start, a.end, a.created, a.id)``, made in C (a sort key
# of 100,000 annotations).
reading_order: Callable[[Annotation], tuple[str, int, int, str, str]] = attrgetter(
    "document", "start", "end", "created", "id"
)


def nesting_order(annotation: Annotation) -> tuple[int, int, str, str]:
    """Outermost first among annotations that start together (how highlights nest), within
    one document."""
    a = annotation
    return (a.start, -a.end, a.created, a.id)


class Quoted(TypedDict):
    quote: str
    prefix: str
    suffix: str


def quoted(text: str, start: int, end: int) -> Quoted:
    """The quote ``text[start:end]`` and the ``CONTEXT_LENGTH`` code points of context each
    side of it, as an annotation keeps them, widened at their outer edges to whole characters
    as the eye sees them (a joined emoji, a flag, a letter and its accent: never half of one,
    which a W3C export's TextQuoteSelector carried); a range outside the text is a
    ValueError."""
    # (the units load with the first passage made, not with the first screen)
    from tui_reader.core.documents.units import character_end, character_start

    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad range [{start}, {end}) for a text of {len(text)} code points")
    before = character_start(text, max(0, start - CONTEXT_LENGTH))
    after = character_end(text, min(len(text), end + CONTEXT_LENGTH))
    return Quoted(
        quote=text[start:end],
        prefix=text[min(before, start) : start],
        suffix=text[end : max(after, end)],
    )


def make_annotation(
    document: str,
    text: str,
    start: int,
    end: int,
    doc_sha256: str,
    tags: tuple[str, ...] = (),
    note: str = "",
    coder: str = "",
) -> Annotation:
    """A new annotation by ``coder`` on ``text[start:end]`` with its quote and context."""
    return Annotation(
        document=document,
        start=start,
        end=end,
        **quoted(text, start, end),
        doc_sha256=doc_sha256,
        tags=tags,
        note=note,
        coder=coder,
    )


@dataclass(frozen=True)
class Tag:
    """A code of the codebook; a ``/`` makes it hierarchical (``policy/militarization``)."""

    name: str
    color: str = ""
    description: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.name.split("/"))
