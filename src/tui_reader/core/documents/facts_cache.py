"""A cache of document facts between runs, keyed on path and the file's stamp (its
modification time, size, change time and inode: :mod:`~tui_reader.core.documents.stamps`).

Beside each document's facts it keeps the SHA-256 of the bytes they were found in, where
that was taken.  One rule for every format, here alone (:meth:`FactsCache.touched`,
:meth:`FactsCache.current`): a file whose stamp changed (touched by a sync or a checkout, its
bytes the same) whose size and bytes' hash are those kept has its facts kept, its stamp
brought up to date (the next run hashes nothing); its converted text is the one of those
facts' hash (what its places were found in).  Bytes that differ are read again.

Never the truth: a file whose stamp changed is read again (or its bytes hashed), and a cache
file that cannot be read or parsed (damaged, from another version) is ignored and rewritten.
It is written atomically (temp file + rename); a folder that cannot be written leaves it
unsaved, silently: the cache only saves time.  Where it lives is decided in
:func:`tui_reader.locations.facts_cache_path`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from tui_reader.core import digests
from tui_reader.core.cache_files import read_cache_documents, write_cache_documents
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.documents.formats import texts_version
from tui_reader.core.documents.safe_read import read_document_bytes_and_status
from tui_reader.core.documents.stamps import Stamp, stamp_of_stat
from tui_reader.core.documents.words import WORDS_VERSION
from tui_reader.core.errors import DocumentError

VERSION = 103  # 17: transcripts' titles and speakers found anew (turns.py); 18: names alone;
# 19: chat senders named with an emoji or a telephone number; 20: a time with AM or PM;
# 21: a transcript naming its speakers alone on their lines titled by no words said;
# 22: a chat message's lines reading as labels part of it; 23: a one-word first line
# titles a plain text; 24: a Zoom meeting's saved chat's senders; 25: a chat's senders
# named in small letters below a date and time (Discord); 26: a chat's own notices no turns;
# 27: nor its title; 28: nor a Zoom chat's first message; 29: an editor's label written once
# ("Update:") no speaker, and a title with a dash above a transcript its title; 30: a
# chat's ISO dates joined to their times ("2023-05-12T10:02") open turns, and a meeting's
# "10:02 AM" below each name no speaker "AM", a chat log's "<nick>" after a time a speaker;
# 31: a table of tab-separated cells saved as text not titled by its header row, a chat
# log's "<nick>" without a time a speaker, "Speaker 1 (00:00:03)" alone on its line a turn,
# a timecode with frames ("00:00:03:12") a turn's time; 32: a transcript of names a tab
# ends ("INTERVIEWER<tab>...") titled by none of its words; 33: one word in angle brackets
# opening lines with no time ("<item> apples") no speaker of a transcript of one; 34: an
# exchange of two turns ("Ana: ..." above "Ben: ...") not titled by its first; 35: "Q:"
# questions answered by a named speaker ("General: ...") the interviewer's turns; 36: a
# Markdown transcript's heading ("# Entrevista 1: Migración") no speaker's turn; 37: an
# exchange of two turns whose words wrap onto a line of their own not titled by its first;
# 38: each file's change time and inode kept beside its modification time and size;
# 39: a timing line above a speaker's name ("0:0:4.32 --> 0:0:8.64", Teams) opens its turn,
# as does f4's time mark opening a line ("#00:00:05-2# I: ...")
# 40: a transcription program's notice ("Ana López started transcription", Teams) no title
# 41: nor in the meeting's language ("Ana López hat die Transkription beendet")
# 42: a speaker's name alone as a paragraph ("INTERVIEWER", a blank line, the question), and
# such names beside labels a colon ends alone ("P3:"), open turns
# 43: a plain text's first line a form feed ends ("Mexico", then the next page) its title
# 44: section titles repeating in turn ("The Road", "The River"; "SCENE 1") no speakers
# 45: a tab-separated transcript's rows ("Ana<tab>00:00:05<tab>...") open turns
# 46: nor is such a table's header row ("Time<tab>Speaker<tab>Text") a speaker
# 47: a line heading notes ("Interviewer notes: ...") no speaker's turn, nor one below a
# table transcript not its speakers'
# 48: a table's row (cells parted by " │ ") titles no document
# 49: a transcriber's note of the recording ("[END OF RECORDING]") no one's words
# 50: a turn opening in a converted document's listing (a web page's <pre>) ends with it
# 51: a Word, OpenDocument or RTF transcript's first turn, its name bold, titles it no more
# 52: a web page's, an EPUB's or a Markdown note's speakers' names set bold open turns
# 53: a transcript written as a list's items ("- Ana: ...") has turns
# 54: a name and its time parted by a bar ("Speaker 1 │ 00:00:12") open a turn
# 55: a name's pronouns after it ("Ana Ruiz (she/her): ...") open a turn
# 56: a meeting's mark of a guest ("Ana Ruiz (Guest)") is no part of the speaker
# 57: speakers who speak once between others' turns (a press conference's) count
# 58: a time alone on its line (Google Meet's "00:05:00") ends a turn, the next one's time
# 59: a guest's name alone on its line ("Ana Ruiz (Guest)") opens a turn
# 60: a participant's particulars in brackets ("P1 (female, 34): ...") open a turn
# 61: a turn's start and end times before its label ("[00:00:01 --> 00:00:04] Ana:") open it
# 62: a part of a work and its number ("Chapter 1: Context") is no speaker
# 63: a table's speaker with a role in brackets ("Ana (INT) │ ...") opens a turn
# 64: a speaker's title and the small words of a family's name ("Dr Ana María de la Cruz:")
# 65: a label in Markdown's bold written raw in a plain text ("**Ana:** ...")
# 66: a speaker's name of five words, each a capital's ("Maria Jose Garcia Lopez Fernandez:")
# 67: subtitles' speakers named by a device ("Luis's iPhone:") or by five words
# 68: a table whose first column groups its rows ("Housing" spanning two) has no speakers
# 69: a transcript of two turns in a transcription program's layout ("Ana Ruiz  0:03") has them
# 70: a WebVTT file saved as text with Teams' short timings ("0:0:3.45 --> ...") read as one
# 71: a speaker labelled in two cases ("Interviewer", "INTERVIEWER") one speaker
# 72: a time in parentheses alone on its line ("(00:00:05)") times the turn below, no title
# 73: one speaker's words below her name and time ("Maria Lopez (00:00:05)") her turn
# 74: a time on the line below a label alone ("Ana:", "(00:00:05)") the turn's
# 75: a hyphen between spaces after a timed name no word of it ("(00:00:12) Maria - ...")
# 76: a plain text's title no line of the paragraph its first line opens
# 77: a code in square brackets after a name part of its label ("P[1]:", "Dr. [R]:")
# 78: a sound before a label's colon no part of its speaker ("Ana [laughs]:"); a table's
# speaker with a code in square brackets ("P[1] │ ...")
# 79: a sound noted with its time before a label's colon ("Ana [inaudible 00:01:02]:")
# 80: a sound noted in a sheet's speaker cell or after a bold name no part of its speaker
# 81: a table's time cell holding a span ("0:00:03.0 - 0:00:05.5 │ Ana │ ..."); "Timespan"
# and "Content" headers
# 82: a tab ends a name ("00:00:09<tab>Luis<tab>Under the bridge.")
# 83: a sound noted in square brackets after a caption's name ("Ana [laughs]: ...")
# 84: a table's speaker last, after what was said ("0:00:03.0 - 0:00:05.5 │ ... │ Ana")
# 85: a name written family name first above its time ("Ruiz, Ana   0:03")
# 86: an interview's number heading its transcript ("Interview 5: ...") no speaker
# 87: a name family name first with a guest's mark or its colon alone ("Ruiz, Ana:")
# 88: a sound noted with a caption's speaker in its label ("<v Luis [laughs]>"), not the words
# 89: a name written family name first the same speaker as in its usual order ("Ruiz, Ana")
# 90: single speakers in a row inside a short meeting's exchange
# 91: a time in brackets ending a line the next words' time, the next turn's
# 92: a program's notice after a short meeting's last turn no words of it
# 93: a name family name first before a colon and words ("Ruiz, Ana: ...") when said again
# 94: a table's row numbered in a cell before its time ("1 │ 0:00:03.0 - 0:00:05.5 │ ...")
# 95: a table's rows turns only where their cells read as said (no timetable's "Monday │
# Shelter visit"), and a speaker's rows timed forward turns when several come in a row
# 96: a table below paragraph turns ends the turn above it; its rows turns when each
# names one of the paragraphs' speakers saying something
# 97: a table inside an answer, its words going on below it, ends no turn
# 98: a table's rows timed forward from a recording's start turns whatever they say
# 99: a text whose labels are mostly a table's first cells of names of no line (a
# manual's parameters) no transcript
# 100: tables of a manual's parameters saying sentences (three at least, none naming a
# name twice) no transcript's table
# 101: a programme's rows set by tabs ("09:00<tab>Ana<tab>welcome", clock times on five
# minutes' marks) no transcript
# 102: names alone on their lines with the turn's time below ("Ana Ruiz", "0:07") turns
# when a speaker speaks once
# 103: a name's pronouns ("Ana Ruiz (she/her)") no part of the speaker


def cache_version() -> str:
    """The facts hold for this cache's layout and the converters that drew them."""
    return f"{VERSION}/{texts_version()},words={WORDS_VERSION}"


class FactsCache:
    """Facts by document key, each with the stamp of the file it was read from."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[Stamp, DocumentFacts]] = {}
        # The hash of the bytes each key's facts were found in, where it was taken (a
        # converted file's facts' hash is its text's, not its bytes').
        self._raw: dict[str, str] = {}
        self._dirty = False
        if path is not None:
            self._entries, self._raw = _read(path)

    def get(self, key: str, stamp: Stamp) -> DocumentFacts | None:
        """The facts of ``key`` if they were read from a file with this ``stamp``."""
        with self._lock:
            known = self._entries.get(key)
        return known[1] if known is not None and known[0] == stamp else None

    def stamp(self, key: str) -> Stamp | None:
        """The stamp of the file the facts of ``key`` were read from, if any are kept."""
        with self._lock:
            known = self._entries.get(key)
        return known[0] if known is not None else None

    def last(self, key: str) -> DocumentFacts | None:
        """The facts of ``key`` kept, whatever file they were read from (a stamp since
        changed: see :func:`~tui_reader.core.documents.facts.quick_facts_and_text`)."""
        with self._lock:
            known = self._entries.get(key)
        return known[1] if known is not None else None

    def last_raw(self, key: str) -> tuple[int, str] | None:
        """The size and the hash of the bytes of the file the facts of ``key`` kept were
        found in (see :meth:`last`), when that hash was taken; else None."""
        with self._lock:
            known = self._entries.get(key)
            raw = self._raw.get(key)
        return (known[0][1], raw) if known is not None and raw else None

    def touched(self, key: str, stamp: Stamp, data: bytes) -> tuple[DocumentFacts, str] | None:
        """The facts kept of ``key`` and the hash of its bytes when ``data``, the bytes of its
        file read now (of ``stamp``), are those the facts were found in: the same size and
        SHA-256 (the file touched since, its stamp changed); they are then kept under
        ``stamp``.  None when no hash of its bytes is kept or they differ."""
        with self._lock:
            known = self._entries.get(key)
            raw = self._raw.get(key)
        if known is None or not raw or known[0][1] != len(data) or stamp[1] != len(data):
            return None
        if digests.sha256(data).hexdigest() != raw:
            return None
        self.put(key, stamp, known[1], raw)
        return known[1], raw

    def current(self, key: str, path: Path | str) -> DocumentFacts | None:
        """The facts kept of ``key`` when the file at ``path`` holds the bytes they were
        found in: its stamp the one kept (not read), or its size and bytes' hash those kept
        (:meth:`touched`: read and hashed, its stamp then kept with them).  None otherwise
        (no facts kept, no hash of their bytes, another size or other bytes, a file that
        cannot be read: its read says why)."""
        with self._lock:
            known = self._entries.get(key)
            raw = self._raw.get(key)
        if known is None:
            return None
        try:
            now = stamp_of_stat(os.stat(path))
        except OSError:
            return None
        if now == known[0]:
            return known[1]
        if not raw or now[1] != known[0][1]:  # (the size first: an edit mostly changes it)
            return None
        try:
            data, status = read_document_bytes_and_status(path)
        except DocumentError:
            return None
        same = self.touched(key, stamp_of_stat(status), data)
        return None if same is None else same[0]

    def knows(self, key: str) -> bool:
        """Whether facts of ``key`` are kept, whatever file they were read from."""
        with self._lock:
            return key in self._entries

    def kept(self) -> dict[str, tuple[Stamp, DocumentFacts]]:
        """Every key's stamp and facts as kept now, a copy to look up without the lock (a
        second start looks up 10,000 keys at once: two locked calls a key were a quarter of
        that listing's look-up)."""
        with self._lock:
            return dict(self._entries)

    def put(self, key: str, stamp: Stamp, facts: DocumentFacts, raw: str = "") -> None:
        """Keep ``facts`` of ``key`` read from the file of ``stamp`` (``raw``: the hash of
        its bytes, if taken; not given, the one kept holds while the stamp is the same)."""
        with self._lock:
            known = self._entries.get(key)
            if not raw and known is not None and known[0] == stamp:
                raw = self._raw.get(key, "")
            if known != (stamp, facts) or self._raw.get(key, "") != raw:
                self._entries[key] = (stamp, facts)
                if raw:
                    self._raw[key] = raw
                else:
                    self._raw.pop(key, None)
                self._dirty = True

    def keep_only(self, keys: set[str]) -> None:
        """Forget documents no longer in the corpus."""
        with self._lock:
            for key in [k for k in self._entries if k not in keys]:
                del self._entries[key]
                self._raw.pop(key, None)
                self._dirty = True

    def save(self) -> None:
        """Write the cache if anything changed (atomically; errors are ignored)."""
        with self._lock:
            if self.path is None or not self._dirty:
                return
            raws = self._raw
            records = {
                key: record_of(stamp, f, raws.get(key, ""))
                for key, (stamp, f) in self._entries.items()
            }
            self._dirty = False
        # ASCII: file names that are not UTF-8 (surrogate escapes) survive the round trip.
        # Plain values (metadata: str keys, str and int values): a first listing's 10,000
        # records are written by orjson, where json's encoder took 60 ms after the reading.
        write_cache_documents(self.path, cache_version(), records, plain=True)


def record_of(stamp: Stamp, f: DocumentFacts, raw: str) -> list[object]:
    """The record a cache file keeps of facts ``f`` read from a file of ``stamp`` (``raw``:
    the hash of its bytes, or "")."""
    return [
        *stamp,
        f.title,
        f.words,
        f.length,
        f.exact,
        f.format,
        f.encoding,
        f.sha256,
        f.pages,
        dict(f.metadata),
        list(f.problems),
        _raw_field(raw, f.sha256),
    ]


def _read(path: Path) -> tuple[dict[str, tuple[Stamp, DocumentFacts]], dict[str, str]]:
    # Every value's type is checked below: a number beyond 64 bits, a float, drops its record.
    return parsed_records(read_cache_documents(path, cache_version(), typed=True))


def parsed_records(
    records: dict[str, Any],
) -> tuple[dict[str, tuple[Stamp, DocumentFacts]], dict[str, str]]:
    """The stamps and facts, and the bytes' hashes, of a cache file's ``records`` (as
    :func:`record_of` writes them), each record's every value checked: one that is not as
    written is left out."""
    entries: dict[str, tuple[Stamp, DocumentFacts]] = {}
    raws: dict[str, str] = {}
    facts = DocumentFacts
    # Checked field by field, not with all(): a second start reads 10,000 of them (half the
    # time it took went to the checks' generators).
    for key, record in records.items():
        if type(record) is not list or not 14 <= len(record) <= 15:
            continue
        raw = record.pop() if len(record) == 15 else ""  # (a cache of 14 kept no bytes' hash)
        mtime, size, ctime, inode, title, words, length, exact, fmt, encoding, sha256 = record[:11]
        if raw == SAME_AS_FACTS:  # (see _raw_field)
            raw = sha256
        if type(raw) is not str or (raw and not _is_sha256(raw)):
            continue
        pages, meta, said = record[11:]
        if (
            type(mtime) is int
            and type(size) is int
            and type(ctime) is int
            and type(inode) is int
            and type(words) is int
            and type(length) is int
            and type(pages) is int
            and type(title) is str
            and type(fmt) is str
            and type(encoding) is str
            and type(sha256) is str
            and type(exact) is bool
            and type(meta) is dict
            and (not meta or all(isinstance(v, str | int) for v in meta.values()))
            and type(said) is list
            and all(type(problem) is str for problem in said)
        ):
            problems = tuple(said)
            read = facts(title, words, length, exact, fmt, encoding, sha256, pages, meta, problems)
            entries[key] = ((mtime, size, ctime, inode), read)
            if raw:
                raws[key] = raw
    return entries, raws


SAME_AS_FACTS = "="  # a record's bytes' hash: the one of its facts (a clean UTF-8 text's)


def _raw_field(raw: str, sha256: str) -> str:
    """A record's bytes' hash as written: :data:`SAME_AS_FACTS` when it is its facts' own
    hash (a clean UTF-8 text's bytes are its text's: 8,000 of the bench's 10,000 files),
    else itself.  Written twice, the hashes of 10,000 documents made the cache a quarter
    longer than before they were kept (3.2 MB), its read at every start 20 ms longer."""
    return SAME_AS_FACTS if raw and raw == sha256 else raw


def _is_sha256(text: str) -> bool:
    """Whether ``text`` is a SHA-256 digest written as :meth:`hexdigest` writes it."""
    # (stripped of its hex digits at C's pace: a look a character at a time in a generator
    # took a tenth of a second at each start now that every document's bytes hash is kept)
    return len(text) == 64 and not text.strip("0123456789abcdef")
