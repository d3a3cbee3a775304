"""Every annotation found in place from the store's records and the documents' texts alone,
for an export of them all when the placement cache cannot vouch for them (every file
touched, or the cache lost): no Document built, no Annotation made.

Re-anchoring (:func:`~tui_reader.core.annotations.anchoring.reanchor`) returns an annotation
unchanged when it is not an orphan, its quote is not empty, its ``doc_sha256`` is the text's
hash and the text holds its quote at its ``[start, end)``.  So a document whose every record
passes that check is placed exactly as re-anchoring would place it, knowing only its
canonical text (read as the corpus search reads it), the text's hash and its title: its entry
goes into the placement cache as a full pass would put it, and when every annotated document
passes, the cache settles and the export is made from the records as columns (see
:class:`~tui_reader.core.interchange.annotation_columns.AnnotationColumns`).  A document that
does not pass (a quote that moved, an orphan, a file gone or unreadable, another format) is
placed by the full pass's own steps (:meth:`Workspace.anchored_documents`), alone: the
export's rows are then the records of the documents that passed and the placed annotations of
the others (see :mod:`~tui_reader.core.interchange.workspace_export`).  Offsets are code
points, half-open.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui_reader.core.annotations.placement_cache import (
    PlacementCache,
    Stamp,
    held_in_place,
    places_mark,
    stamp_of,
    stamp_of_stat,
)
from tui_reader.core.documents.corpus import CorpusFile
from tui_reader.core.documents.document import file_format, text_sha256
from tui_reader.core.documents.safe_read import (
    listed_no_link,
    read_document_bytes_and_status,
    read_small_document,
)
from tui_reader.core.errors import DocumentError
from tui_reader.core.forked import ForkedHalf, core_free
from tui_reader.core.interchange.annotation_columns import AnnotationColumns, StoredColumns
from tui_reader.core.interchange.texts_read import Canonical, Entry, KeptRead, TextsRead
from tui_reader.core.workspace import Workspace

if TYPE_CHECKING:
    from tui_reader.core.interchange.places_in_text import TextAgain, TextReader

_QUICK_FORMATS = frozenset({"text", "markdown"})  # read without building a Document


def placed_texts(
    workspace: Workspace,
    places: PlacementCache,
    advance: Callable[[], None],
    stored: StoredColumns,
    *,
    keep: bool = True,
    titled: bool | None = None,
    hashes: dict[str, str] | None = None,
    kept: TextsRead | None = None,
    stamps: dict[str, Stamp | None] | None = None,
) -> tuple[dict[str, str], list[str], list[str]]:
    """The canonical text of each annotated document whose every annotation (of the
    ``stored`` columns) is found in place by the check above, by key (what csv and Markdown
    print of a place is found in it), its entry put in ``places``; the keys of those the
    placement cache knows in place as they are (their files are not read, as the full pass
    reads none); and the keys of the others, in order, for the full pass to place (a file
    missing or not listed, of another format or unreadable, an annotation that does not
    pass).  ``advance()`` is called after each document in place; ``places`` is neither
    settled nor saved.  ``keep=False``: each text is dropped once looked at (each key's is
    "": a format that prints no places; a forked copy hands back none), and a plain text's
    title is not looked for (such a format shows none): its entry says it is not known.
    ``titled``: whether a plain text's title is looked for, when not as ``keep`` says (a
    CSV export keeps the texts for its places, and shows no title).  ``hashes``: given, the
    hash of each text found in place is put in it, by key.  ``kept``: the titles and texts
    kept of the files' bytes (see :mod:`.texts_read`), asked before each is found, and told
    what was found (neither saved).  ``stamps``: the stamps of the annotated files taken
    just now, before any read (:meth:`Workspace.annotated_stamps`), by key: not taken
    again."""
    workspace.keyed_files()  # listed once: only listed files are read
    columns, keys = stored.columns, stored.keys
    listed = {key: f for key, f in workspace.keyed_files() if not f.link}
    documents = columns.document  # in reading order: each document's rows in a run
    spans: list[tuple[str, int, int]] = []  # each document's key and rows
    lo = 0
    for key in keys:
        hi = bisect_right(documents, key, lo)
        spans.append((key, lo, hi))
        lo = hi
    if kept is not None:
        kept.load()  # before a copy is forked: read once, here
    settled = places.settled_at(stored.state)  # each document's marks are those kept
    titles = keep if titled is None else titled
    look = _Look(columns, listed, places, keep, titles, kept, settled, stamps or {})
    at = len(spans) // 2 if len(spans) >= SHARE_FROM and core_free() else len(spans)
    helper = ForkedHalf.start(spans[at:], look) if at < len(spans) else None
    at = len(spans) if helper is None else at
    texts: dict[str, str] = {}
    known: list[str] = []  # in place as the placement cache knows them
    rest: list[str] = []

    def take(key: str, verdict: Verdict) -> None:
        if kept is not None and verdict[6] is not None:  # (found here or by the copy)
            kept.put(key, verdict[6])
        if verdict[0] == _KNOWN:
            known.append(key)
            advance()
        elif verdict[0] == _SAME:  # touched, its bytes the same: its text the one placed on
            _, stamp, sha, mark, _, _, _, _ = verdict
            assert stamp is not None
            places.put_mark(key, stamp, sha, mark, None, places.bytes_digest(key))
            known.append(key)
            if hashes is not None:
                hashes[key] = sha
            advance()
        elif verdict[0] == _REST:
            rest.append(key)
        else:
            _, stamp, sha, mark, title, text, _, digest = verdict
            assert stamp is not None
            places.put_mark(key, stamp, sha, mark, title, digest)
            texts[key] = text
            if hashes is not None:
                hashes[key] = sha
            advance()

    try:
        for span in spans[:at]:
            take(span[0], look(span))
        if helper is not None:
            theirs = spans[at:]
            found = helper.results()
            if found is None or len(found) != len(theirs):  # it failed: looked at here
                found = [look(span) for span in theirs]
            for span, verdict in zip(theirs, found, strict=True):
                take(span[0], verdict)
    finally:
        if helper is not None:
            helper.stop()
    return texts, known, rest


SHARE_FROM = 1000  # annotated documents from which a command has a copy look at half of them
_KNOWN, _REST, _PUT, _SAME = 0, 1, 2, 3
# What the look at a document found: known in place, left to the full pass, found in place
# from its text (its stamp, text hash, places mark, title and text), or in place as its file
# holds the bytes whose text they were placed on (its new stamp, the text's hash, the mark);
# what to keep of its reading (see texts_read), if anything; and the hash of the bytes the
# text was read from alone ("": not so read).
Verdict = tuple[int, Stamp | None, str, str, str | None, str, Entry | None, str]
_KNOWN_IN_PLACE: Verdict = (_KNOWN, None, "", "", "", "", None, "")
_LEFT: Verdict = (_REST, None, "", "", "", "", None, "")


class _Look:
    """The look at one annotated document (its key and rows of the columns): whether the
    placement cache knows it in place, else whether its text holds every passage in place;
    done here or by a command's forked copy (no state of its own changes)."""

    def __init__(
        self,
        columns: AnnotationColumns,
        listed: dict[str, CorpusFile],
        places: PlacementCache,
        keep: bool = True,
        titled: bool = True,
        kept: TextsRead | None = None,
        settled: bool = False,
        stamps: dict[str, Stamp | None] | None = None,
    ) -> None:
        self.columns = columns
        self.stamps = stamps or {}  # the files' stamps taken just now (see placed_texts)
        # The placement cache settled with the database as it is: each document's records
        # are those whose mark it keeps (none made again)
        self.settled = settled
        self.kept = kept  # the titles and texts kept of files' bytes (see placed_texts)
        self.listed = listed
        self.places = places
        self.keep = keep  # the text found in place given back (see placed_texts)
        self.titled = titled  # a plain text's title looked for (see placed_texts)
        # What re-anchoring reads of each annotation, taken from the columns once for all
        # the documents, not a column at a time for each (see _mark and _in_place)
        c = columns
        self._fields = (c.start, c.end, c.status, c.doc_sha256, c.quote, c.prefix, c.suffix)
        self._places = list(zip(*self._fields, strict=True))

    def _mark(self, lo: int, hi: int) -> str:
        """The placement cache's fingerprint of the annotations of rows ``lo`` to ``hi`` (in
        reading order)."""
        return places_mark(self._places[lo:hi])

    def _in_place(self, lo: int, hi: int, text: str, sha: str) -> bool:
        """Whether every annotation of rows ``lo`` to ``hi`` is no orphan, has a quote, was
        made on the text of hash ``sha`` and finds its quote in ``text`` at its offsets:
        each a pass in C over the document's rows."""
        starts, ends, statuses, shas, quotes = self._fields[:5]
        return held_in_place(
            text, sha, starts[lo:hi], ends[lo:hi], statuses[lo:hi], shas[lo:hi], quotes[lo:hi]
        )

    def __call__(self, span: tuple[str, int, int]) -> Verdict:
        key, lo, hi = span
        file = self.listed.get(key)
        if file is None:
            return _LEFT
        places = self.places
        mark = (places.placed_mark(key) if self.settled else None) or self._mark(lo, hi)
        stamp: Stamp | None = None
        if places.placed_with(key, mark):  # its file's stamp tells: taken before a read
            stamp = self.stamps.get(key) or stamp_of(file.location)  # (None: not taken)
            if stamp is None:
                return _LEFT
            if places.fingerprint_in_place(key, stamp, mark):  # known in place: not read
                return _KNOWN_IN_PLACE
            same = self._same_bytes(key, file)
            if same is not None:  # touched: its text is the one they were placed on
                return (_SAME, same, places.placed_sha256(key) or "", mark, None, "", None, "")
        # (a format that shows no title: not looked for)
        # (a Markdown file rendered again; a plain text read for no title: its cleaning is
        # told as fast as an entry is found)
        kept = self.kept if file.format == "text" and self.titled else None
        memo = None if kept is None else kept.of(key, self.titled)
        read = text_read(file, stamp, titled=self.titled, kept=memo)
        found = None if memo is None else memo.found
        if read is None:
            return (*_LEFT[:6], found, "")
        stamp, title, text, sha, digest = read
        if self._in_place(lo, hi, text, sha):
            kept_text = text if self.keep else ""
            return (_PUT, stamp, sha, mark, title or None, kept_text, found, digest)
        return (*_LEFT[:6], found, "")

    def _same_bytes(self, key: str, file: CorpusFile) -> Stamp | None:
        """The stamp of ``key``'s file, read now, when it holds the bytes whose text its
        annotations were placed on (:meth:`PlacementCache.bytes_digest`): touched, as a sync
        or a checkout touches every file, its text is that one, and they are in place in it
        (re-anchoring, a function of the text and the records, would leave them as they
        are): none of it decoded, converted, rendered or looked at again (a document loaded
        whole, a PDF, a Word file, a web page, kept the hash of its bytes too).  None when not
        known so (a format showing titles, none kept of it: its text is read for its title)."""
        digest = self.places.bytes_digest(key)
        if not digest:
            return None
        if self.titled and self.places.title(key) is None:
            return None
        from tui_reader.core.search.corpus import WHOLE_BYTES  # (loaded by a text's read too)

        try:
            with listed_no_link():  # (a file listed as no link: never read through one)
                data, st = read_small_document(file.location, WHOLE_BYTES)
                if data is None:  # a big file (a PDF, a long text loaded whole): read so
                    data, st = read_document_bytes_and_status(file.location)
        except DocumentError:
            return None
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            return None
        return stamp_of_stat(st)


class TextRead(NamedTuple):
    """What :func:`text_read` found of a file: its stamp, title, canonical text, the text's
    hash and the hash of the file's bytes it was read from ("" when read in pieces)."""

    stamp: Stamp
    title: str
    text: str
    sha: str
    digest: str = ""


class _Hashed:
    """A reading's memo (see :data:`~tui_reader.core.search.corpus.ReadMemo`) that hashes
    the bytes read whole and finds their text as without one."""

    def __init__(self) -> None:
        self.digest = ""

    def __call__(self, data: bytes, find: Callable[[], Canonical]) -> Canonical:
        self.digest = hashlib.sha256(data).hexdigest()
        return find()


def text_read(
    file: CorpusFile, stamp: Stamp | None, *, titled: bool = True, kept: KeptRead | None = None
) -> TextRead | None:
    """The stamp, title, canonical text and text's hash of the listed ``file`` read as the
    corpus search reads it, when its places can be found in that text alone (a plain text or
    Markdown file, whose lines are its text's: no page, no form feed or lone CR that the
    file counts as a line's end); None when it is to be loaded (another format, a file that
    cannot be read so: its load says why).  ``stamp``: the file's, taken before the read;
    None: the stamp is the one the read's own open gives (no ``stat`` before it).
    ``titled=False``: a plain text's title is not looked for ("").  ``kept``: asked for the
    title and text of the file's bytes before they are found (see :mod:`.texts_read`)."""
    if file.format not in _QUICK_FORMATS:
        return None
    memo: KeptRead | _Hashed = kept if kept is not None else _Hashed()
    pieces: list[str] = []  # the hash of a big file's bytes, read a piece at a time
    try:
        from tui_reader.core.search.corpus import (  # not for every export
            read_canonical,
            read_canonical_stamped,
        )

        # a file listed as no link is read as none: made a link since, it is loaded instead
        # (where it leads looked at), never read through it here
        with nullcontext() if file.link else listed_no_link():
            if stamp is None:  # never placed so (the cache lost): stamped by the read's open
                st, title, text, utf8 = read_canonical_stamped(
                    file.location, file.format, titled=titled, memo=memo, digested=pieces.append
                )
                stamp = stamp_of_stat(st)
            else:
                location, fmt = file.location, file.format
                title, text, utf8 = read_canonical(
                    location, fmt, stamp[2], titled=titled, memo=memo, digested=pieces.append
                )
    except DocumentError:
        return None
    if stamp is None:
        return None
    if utf8 is None and file.format == "text" and _subtitles(file.location):
        return None  # its turns' times are its cues': the Document knows them, not its text
    if utf8 is None and file.format == "text" and _adds_breaks(file.location):
        return None  # its lines are its file's, not its text's: the Document knows them
    # (the bytes' hash, when they were read whole, or a piece at a time as UTF-8)
    digest = memo.digest or "".join(pieces)
    # (a text that is the bytes: their hash)
    sha = (digest or hashlib.sha256(utf8).hexdigest()) if utf8 is not None else text_sha256(text)
    return TextRead(stamp, title, text, sha, digest)


def text_reader(workspace: Workspace) -> TextReader:
    """What reads a listed document's file as a text, as the look at the files in place
    reads it (:func:`text_read`; None when it cannot be read so), for the places cache (see
    :meth:`~.places_in_text.PlacesCache.known`): the listing's files taken when first asked
    for, those listed as no link, as that look takes them.  An export's places and the
    codebook's passages read their touched files with it."""
    from tui_reader.core.interchange.places_in_text import TextAgain  # not for every look

    files: dict[str, CorpusFile] = {}

    def read(key: str, titled: bool = False) -> TextAgain | None:
        if not files:
            files.update((k, f) for k, f in workspace.keyed_files() if not f.link)
        file = files.get(key)
        found = text_read(file, None, titled=titled) if file is not None else None
        if found is None:
            return None
        return TextAgain(found.stamp, found.text, found.sha, found.title if titled else None)

    return read


def _subtitles(where: Path | str) -> bool:
    """Whether the plain text file at ``where`` is subtitles saved as text (converted, as
    its format is read: their text is never a file's bytes as read)."""
    return file_format(Path(where)) != "text"


def _adds_breaks(where: Path | str) -> bool:
    """Whether the plain text file at ``where``, not clean UTF-8, has a form feed or a lone
    CR that its text holds as a newline (its lines, as grep counts them, are not its
    text's)."""
    from tui_reader.core.search.corpus import file_breaks

    return bool(file_breaks(where, "text"))
