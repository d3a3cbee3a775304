"""Reading a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) back, for ``import`` and
``merge``, as QualCoder, ATLAS.ti, MAXQDA and NVivo write them (and we do).

Each ``PlainTextSelection`` of a ``TextSource`` becomes an annotation: its positions (code
points, half-open, as :mod:`tui_reader.core.interchange.qdpx` writes them), the quote cut from
the source's text, the codes of its ``Coding`` elements (a code's name is its path in the
``CodeBook``: ``policy/border``), its ``Description`` as the note, its ``creatingUser``'s name as
the coder.  The document key is the source's name; the source's text gives the sha256 that
matches it to a document here.  The archive and its XML are opened defensively (sizes checked
before inflating, no DTDs or entities).  Offsets are code points into the canonical text,
half-open ``[start, end)``.

QualCoder writes one selection per code (a passage with two codes is two selections, each
with a new GUID on every export): selections of one source with the same place and coder
are one annotation here, with the codes of all of them; in a project we wrote (its
``origin``), each selection is an annotation of its own, as it was exported.  A code name our
export made unique (``border (security)`` under ``security``) is read back as
``security/border``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import unquote

from tui_reader.core import wording
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value, parse_value
from tui_reader.core.annotations.model import Annotation, Tag, quoted
from tui_reader.core.codebook.colours import colour_hex
from tui_reader.core.codebook.names import stored_tag_name
from tui_reader.core.display import said_name
from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.documents.formats.archive import Container, parse_xml
from tui_reader.core.documents.safe_read import read_document_bytes
from tui_reader.core.documents.sanitize import clean_text
from tui_reader.core.errors import AttributeValueError, DocumentError, TuiReaderError
from tui_reader.core.interchange import utf16
from tui_reader.core.interchange.import_schema import MAX_TEXT
from tui_reader.core.interchange.refi import (
    CODEBOOK_NS,
    MEMO_RULE,
    PROJECT_NS,
    guid_key,
    is_guid,
    parted_description,
    without_unique_suffix,
)
from tui_reader.core.interchange.refi import guid as stable_guid
from tui_reader.core.interchange.refi_analysis import (
    CASE,
    attribute_name,
    said_source,
    source_values,
    variable_names,
)

OUR_ORIGIN = "tui-reader "  # how a project we wrote names its origin (ExportOptions.generator)

_NS = {"q": PROJECT_NS}
_INTERNAL = "internal://"
_TOOL_USER = "tui-reader"  # the user our own exports name for the project itself


class ProjectFormatError(TuiReaderError):
    """A REFI-QDA project that cannot be read."""


@dataclass(frozen=True)
class RefiProject:
    """What a project holds: its annotations (document: the source's name), its codes, and
    the text of each text source (name -> text)."""

    annotations: list[Annotation]
    tags: list[Tag]
    sources: dict[str, str]
    skipped: list[str] = field(default_factory=list)  # what was left out or read in part, why
    attributes: dict[str, dict[str, Value]] = field(default_factory=dict)  # source name -> values
    memos: list[Memo] = field(default_factory=list)  # a document memo's target: the source name
    # how many of ``skipped`` left codings out: sources whose text could not be read (a
    # member of its ``sources/`` the archive lacks, a linked file not beside it), codings
    # of what is no text here (areas of a PDF's pages, a picture's, a recording's time) and
    # selections that are no passage of their text: the import fails then, as for any part
    # of a file left out
    left_out: int = 0


def read_refi_project(data: bytes | BinaryIO, path: Path, verb: str = "imported") -> RefiProject:
    """The project in ``data`` (read from ``path``; or ``path``'s file, open, a member read
    from it at a time): annotations, codes, source texts.  ``verb``: what the command does with
    what it reads, as its lines on what was left out say it (``import``'s "not imported",
    ``merge``'s "not merged")."""
    try:
        # Its recordings and PDFs are never read: only the project and its texts count
        container = Container(data, path, "REFI-QDA project", read_in_parts=True)
        _refuse_an_office_file(container, path)
        member = _project_member(container)
        try:
            parsed = container.xml(member)
            unescaped = 0
        except DocumentError:
            # QualCoder writes an annotation's text into its note unescaped (Q&A, <08:10>)
            unescaped, repaired = _note_texts_escaped(container.read(member))
            if not unescaped:
                raise
            parsed = parse_xml(repaired, path, f"REFI-QDA project part {member}")
        root = _without_doctype(parsed, path)
        root = _in_namespace(root, PROJECT_NS, "Project", path)
        # Our own export: one selection per annotation, its GUID the annotation's id (kept).
        ours = (root.get("origin") or "").startswith(OUR_ORIGIN)
        codes: dict[str, str] = {}
        tags: list[Tag] = []
        skipped: list[str] = []
        users = _user_names(root, skipped)
        book = root.find("q:CodeBook/q:Codes", _NS)
        if book is not None:
            _read_codes(
                book, "", codes, tags, _NS, path, nests=_slash_nests(root), said=skipped, verb=verb
            )
        annotations: list[Annotation] = []
        sources: dict[str, str] = {}
        texts: dict[str, str] = {}  # each text source's text, as its selections count in it
        variables = variable_names(root, _NS, skipped, verb)
        values_lost: list[str] = []  # of variables not declared, or naming no attribute
        if unescaped:
            skipped.append(
                f"{member}: {wording.counted(unescaped, 'note')}'s text held & or < unescaped "
                "(as QualCoder writes an annotation's); read as written"
            )
        notes = _Notes(container, root, users, skipped, verb)
        # links, graphs and sets tui-reader has not: said, and the import fails, as for a
        # coding of a picture, the rest taken
        relations = _unread_relations(root, notes.notes, verb)
        skipped.extend(relations)
        skipped.extend(_notes_not_held(root, notes.notes))
        skipped.extend(_codings_without_a_code(root))
        attributes: dict[str, dict[str, Value]] = {}
        named: dict[str, list[str]] = {}  # a source's GUID -> the documents it gave
        left_out = 0  # sources whose text is not there, and codings of what is no text
        # selections left out (no passage of their source's text), or a coding of them (a
        # code the codebook lacks)
        unread: list[str] = []
        # NVivo's cases, each a code too: a source coded whole with one is in that case
        cases: dict[str, list[str]] = {
            guid_key(case.get("guid")): [] for case in root.iterfind("q:Cases/q:Case", _NS)
        }
        for source in root.iterfind("q:Sources/*", _NS):
            if not isinstance(source.tag, str):  # a comment
                continue
            kind = source.tag.rpartition("}")[2]
            name = ""  # its document's, once read: a transcript's may not be
            # A PDF's codings are on its plain-text Representation (QualCoder, ATLAS.ti).
            text_part = source.find("q:Representation", _NS) if kind == "PDFSource" else source
            areas = len(source.findall("q:PDFSelection", _NS)) if kind == "PDFSource" else 0
            if areas:  # coded on the page, by its coordinates: no passage of a text to place
                left_out += 1
                skipped.append(
                    f"{kind} {said_source(source)}: {areas} selection"
                    f"{'s' if areas != 1 else ''} of areas of its pages (PDFSelection), not of "
                    f"its text; not {verb}"
                )
            transcripts = source.findall("q:Transcript", _NS)
            if kind in ("AudioSource", "VideoSource") and transcripts:
                for transcript in transcripts:  # its text, coded from sync point to sync point
                    about = transcript if transcript.get("name") else source
                    text = _source_text(container, transcript)
                    if text is None:
                        left_out += 1
                        where = transcript.get("plainTextPath") or "no path"
                        skipped.append(
                            f"the transcript of {kind} {said_source(source)}: its text is not "
                            f"in the project ({where}); not {verb}"
                        )
                        continue
                    name = _source_name(about, sources)
                    named.setdefault(guid_key(source.get("guid")), []).append(name)
                    sources[name] = clean_text(text)
                    attributes[name] = source_values(
                        source, _NS, variables, skipped, verb, values_lost
                    )
                    found = _selections(
                        transcript,
                        name,
                        text,
                        codes,
                        users,
                        skipped,
                        notes,
                        _synced(transcript),
                        verb=verb,
                        unread=unread,
                    )
                    annotations.extend(found if ours else _merged(found))
                    noted = notes.about(source, MemoKind.DOCUMENT, name)
                    if not ours:
                        notes.described(source, name, noted)
                timed = _timed_selections(source, kind, verb)
                timed += _whole_codings(kind, source, (source,), codes, verb, cases, name)
                left_out += len(timed)
                skipped.extend(timed)
                continue
            if kind not in ("TextSource", "PDFSource") or text_part is None:
                # its codings said with it: a picture's, a recording's (PictureSelection...)
                codings = sum(1 for _ in source.iter(f"{{{PROJECT_NS}}}Coding"))
                lost = f", nor its {wording.counted(codings, 'coding')}" if codings else ""
                left_out += 1 if codings else 0
                skipped.append(f"{kind} {said_source(source)}: not text; not {verb}{lost}")
                continue
            raw = _source_text(container, text_part, keep_crlf=True)
            text = None if raw is None else _indexed_text(raw, text_part, root.get("origin"))
            if text is None:  # a file linked from outside the project, not in it
                left_out += 1
                # the path the source gives, as given (one out of the archive, "../"); only a
                # source giving none is said by where the standard would keep its text
                where = (
                    text_part.get("plainTextPath")
                    or _plain_text_path(container, text_part)
                    or "no path"
                )
                rich = text_part.get("richTextPath")
                skipped.append(
                    # a Word document sent as its rich text alone: the positions of its
                    # selections count in a plain text the project does not hold
                    f"{kind} {said_source(source)}: the project holds only its rich text "
                    f"({rich}), not the plain text its selections' positions count in; "
                    f"not {verb}"
                    if rich and where == "no path"
                    else f"{kind} {said_source(source)}: its text is not in the project"
                    f"{'' if where.startswith(_INTERNAL) else ', nor beside it'} ({where}); "
                    f"not {verb}"
                )
                continue
            name = _source_name(source, sources)
            whole = _whole_codings(kind, source, (source, text_part), codes, verb, cases, name)
            left_out += len(whole)
            skipped.extend(whole)
            named.setdefault(guid_key(source.get("guid")), []).append(name)
            sources[name] = clean_text(text)
            attributes[name] = source_values(source, _NS, variables, skipped, verb, values_lost)
            found = _selections(
                text_part, name, text, codes, users, skipped, notes, verb=verb, unread=unread
            )
            texts[name] = text
            for note in notes.of_passages(source):  # a note on a passage: that passage's
                found.extend(
                    _noted_passages(note, notes, name, text, codes, users, skipped, verb, unread)
                )
            annotations.extend(found if ours else _merged(found))
            noted = notes.about(source, MemoKind.DOCUMENT, name)
            if not ours:
                notes.described(source, name, noted)
        # QualCoder refers to the first note of a passage of each file alone: the others are
        # the notes of the one text source their selection fits in, joined as those referred
        # to are with the selections of their place and coder
        of_notes: dict[str, list[Annotation]] = {}
        for note, fits in notes.of_no_source(texts):
            if len(fits) == 1:
                of_notes.setdefault(fits[0], []).extend(
                    _noted_passages(
                        note, notes, fits[0], texts[fits[0]], codes, users, skipped, verb, unread
                    )
                )
                continue
            place = note.find("q:PlainTextSelection", _NS)
            where = f"characters {place.get('startPosition')} to {place.get('endPosition')}"
            among = ", ".join(map(repr, fits)) if fits else "no text source of it"
            skipped.append(
                f"note {note.get('name') or note.get('guid') or '(no name)'!r}: a note of a "
                f"passage ({where}) that names no source, which may be of {among}; "
                f"{verb} as a journal entry"
            )
        if of_notes:
            annotations = _with_noted(annotations, of_notes, ours)
        coded = _coded_documents(annotations, codes)
        for case, documents in cases.items():
            coded[case] = [*coded.get(case, []), *documents]
        _case_values(root, variables, named, coded, attributes, skipped, verb, values_lost)
        groups = _set_values(root, named, attributes, skipped, verb)
        _distinct_ids(annotations, skipped, verb)
        for code in root.iter(f"{{{PROJECT_NS}}}Code"):
            notes.about(code, MemoKind.CODE, codes.get(guid_key(code.get("guid")), ""))
        notes.about(root, MemoKind.JOURNAL, "")
        memos = [memo for memo in notes.rest() if memo.id not in notes.unread]
        tags, memos = _code_memos(root, codes, tags, memos, ours, users)
        memos.extend(_project_memo(root))
    except DocumentError as exc:
        raise ProjectFormatError(str(exc)) from exc
    left_out += len(unread) + len(values_lost) + len(relations) + groups
    return RefiProject(annotations, tags, sources, skipped, attributes, memos, left_out)


def _notes_not_held(root: Any, notes: Mapping[str, Any]) -> list[str]:
    """A line naming the ``NoteRef`` targets no note of the project is (a note deleted, a
    project cut down by hand), which were passed over without a word; none when all are."""
    missing = [
        str(ref.get("targetGUID") or "")
        for ref in root.iter(f"{{{PROJECT_NS}}}NoteRef")
        if guid_key(ref.get("targetGUID")) not in notes
    ]
    if not missing:
        return []
    return [
        f"{wording.counted(len(missing), 'note reference')} "
        f"{wording.agreeing(len(missing), 'names', 'name')} a note the project does not hold "
        f"({_some(missing)}): no text of {wording.agreeing(len(missing), 'it', 'them')} to read"
    ]


def _some(names: list[str]) -> str:
    """The first five of ``names`` quoted, and how many more: a line of a project's many."""
    more = f" and {len(names) - 5:,} more" if len(names) > 5 else ""
    return ", ".join(map(repr, names[:5])) + more


def _codings_without_a_code(root: Any) -> list[str]:
    """A line counting the codings of passages that name no code (a ``Coding`` with no
    ``CodeRef``), which gave their passages no code without a word; none when there are
    none."""
    count = sum(
        1
        for kind in ("PlainTextSelection", "TranscriptSelection")
        for selection in root.iter(f"{{{PROJECT_NS}}}{kind}")
        for coding in selection.iterfind("q:Coding", _NS)
        if coding.find("q:CodeRef", _NS) is None
    )
    if not count:
        return []
    return [
        f"{wording.counted(count, 'coding')} without a code (no CodeRef): no code to give "
        f"{'their passages' if count != 1 else 'its passage'}"
    ]


def _timed_selections(source: Any, kind: str, verb: str) -> list[str]:
    """A line for the selections of a recording itself (``AudioSelection``,
    ``VideoSelection``: a stretch of its time), beside its transcript's, which were left out
    without a word while the transcript's were read."""
    timed = [
        s
        for s in source
        if isinstance(s.tag, str) and s.tag.rpartition("}")[2] in _TIMED_SELECTIONS
    ]
    if not timed:
        return []
    element = timed[0].tag.rpartition("}")[2]
    return [
        f"{kind} {said_source(source)}: {wording.counted(len(timed), 'selection')} of the "
        f"recording's time ({element}), not of its transcript's text; not {verb}"
    ]


_TIMED_SELECTIONS = ("AudioSelection", "VideoSelection")


def _whole_codings(
    kind: str,
    source: Any,
    parts: tuple[Any, ...],
    codes: dict[str, str],
    verb: str,
    cases: dict[str, list[str]],
    name: str,
) -> list[str]:
    """A line for the codings of a whole source (a ``Coding`` of the source itself, or of a
    PDF's text representation, beside its selections: the standard's coding of a document
    as a whole), which were dropped without a word: no passage here is a whole document.
    One with the code of a case (NVivo's, each case a code too) puts the source's document
    ``name`` in that case (``cases``), as a passage so coded does."""
    found = []
    for coding in (c for part in dict.fromkeys(parts) for c in part.iterfind("q:Coding", _NS)):
        in_case = [ref for ref in _refs(coding) if ref in cases] if name else []
        for case in in_case:
            cases[case].append(name)
        if not in_case:
            found.append(coding)
    if not found:
        return []
    named = ", ".join(
        dict.fromkeys(repr(codes.get(ref, ref)) for coding in found for ref in _refs(coding))
    )
    return [
        f"{kind} {said_source(source)}: {wording.counted(len(found), 'coding')} of the whole "
        f"source ({named}), not of a passage of its text; not {verb}"
    ]


class _Notes:
    """The project's ``Notes`` made memos: a source's (its ``NoteRef``) the document's memo, a
    code's the code's, the project's the journal's; a note nothing refers to is a code memo
    when named as our export names one (``Code memo: NAME``), else a journal entry headed by its
    name, so no note is left behind."""

    def __init__(
        self,
        container: Container,
        root: Any,
        users: dict[str, str],
        said: list[str] | None = None,
        verb: str = "imported",
    ) -> None:
        self.users = users  # a note's creatingUser: the memo's coder
        self.said = [] if said is None else said  # a line for each note's text not read
        self.unread: set[str] = set()  # the ids of the notes whose text the project lacks
        self.verb = verb
        self.notes: dict[str, Any] = {}
        for note in root.iterfind("q:Notes/q:Note", _NS):
            self.notes.setdefault(guid_key(note.get("guid")), note)
        # the notes something refers to (a source, a selection, a code, the project)
        self.referred = {
            guid_key(ref.get("targetGUID")) for ref in root.iter(f"{{{PROJECT_NS}}}NoteRef")
        }
        self.container = container
        self.memos: list[Memo] = []
        self.used: set[str] = set()
        self.untold: list[str] = []  # the names of the notes of passages with no text
        self.blank = 0  # the notes with neither a name nor a text: left out, counted
        # NVivo's annotation of a passage: a Link between the note and the selection
        self.linked: dict[str, list[str]] = {}
        for link in root.iterfind("q:Links/q:Link", _NS):
            ends = [guid_key(link.get("originGUID")), guid_key(link.get("targetGUID"))]
            for note, other in (ends, ends[::-1]):
                if note in self.notes and other not in self.notes:
                    self.linked.setdefault(other.lower(), []).append(note)

    def about(self, element: Any, kind: MemoKind, target: str) -> int:
        """The memos of the notes ``element`` refers to (its own ``NoteRef`` children); how
        many."""
        made = 0
        for ref in element.iterfind("q:NoteRef", _NS):
            guid = guid_key(ref.get("targetGUID"))
            if guid in self.notes and guid not in self.used:
                self.used.add(guid)
                memo = self._memo(self.notes[guid], kind, target)
                if self._blank(self.notes[guid], memo):
                    continue
                self.memos.append(memo)
                made += 1
        return made

    def _blank(self, note: Any, memo: Memo) -> bool:
        """Whether ``note`` (read as ``memo``) has neither a name nor a text (a note begun
        and left): counted, no memo made of it (an empty one was, nothing said); one whose
        text the project lacks is said so already."""
        if note.get("name") or memo.text.strip() or memo.id in self.unread:
            return False
        self.blank += 1
        return True

    def described(self, source: Any, target: str, noted: int) -> None:
        """The document's memo another tool wrote as the source's ``Description`` (QualCoder
        keeps a file's memo there); ``noted``: how many memos the notes the source refers to
        gave it just now (the last of :attr:`memos`), the first of which then begins with
        the ``Description`` (unless it holds it).  Not read from a project of ours: it holds
        the memo of the note beside it (an older one, the document's title)."""
        text = str(source.findtext("q:Description", "", _NS) or "")
        if not text.strip():
            return
        if noted:
            first = len(self.memos) - noted
            given = self.memos[first]
            if text.strip() not in given.text:
                self.memos[first] = given.evolve(text=f"{text.strip()}\n\n{given.text}")
            return
        created = str(source.get("creationDateTime") or source.get("modifiedDateTime") or "")
        ident = stable_guid("source memo", _id_read(source.get("guid"))).lower()
        maker = _coder(self.users, source.get("creatingUser") or source.get("modifyingUser"))
        memo = Memo(
            MemoKind.DOCUMENT,
            target,
            text,
            id=ident,
            created=created,
            updated=str(source.get("modifiedDateTime") or created),
            coder=maker,
        )
        self.memos.append(memo)

    def texts_of(self, element: Any) -> list[str]:
        """The texts of the notes ``element`` (a selection) refers to (or a link ties to it,
        as NVivo ties an annotation to its passage), taken as its own."""
        texts = []
        refs = [guid_key(ref.get("targetGUID")) for ref in element.iterfind("q:NoteRef", _NS)]
        for guid in [*refs, *self.linked.get(str(element.get("guid") or "").lower(), [])]:
            if guid in self.notes and guid not in self.used:
                self.used.add(guid)
                texts.append(self.text_of(self.notes[guid]))
        return texts

    def rest(self) -> list[Memo]:
        """Every memo: those referred to, then the notes nothing refers to."""
        empty: list[str] = []  # the names of the notes of no text
        for guid, note in self.notes.items():
            if guid in self.used:
                continue
            name = str(note.get("name") or "")
            named = name.removeprefix("Code memo: ")
            # a code's memo as our export names it, of a code in the codebook or of one it no
            # longer has (a memo outlives its code: then no code refers to its note)
            code = stored_tag_name(named) if named != name else ""
            if code:
                self.memos.append(self._memo(note, MemoKind.CODE, code))
                continue
            memo = self._memo(note, MemoKind.JOURNAL, "")
            if self._blank(note, memo):
                continue
            if name and not memo.text.strip() and memo.id not in self.unread:
                # a name alone (a note begun, never written): its heading, said
                empty.append(name)
                memo = memo.evolve(text=f"# {name}\n")
            elif name and not name.startswith("Journal"):
                memo = memo.evolve(text=f"# {name}\n\n{memo.text}")
            self.memos.append(memo)
        if empty:
            self.said.append(
                f"{wording.counted(len(empty), 'note')} with a name and no text "
                f"({_some(empty)}): {'each ' * (len(empty) != 1)}{self.verb} as a journal "
                "entry holding its name alone"
            )
        if self.blank:
            self.said.append(
                f"{wording.counted(self.blank, 'note')} with neither a name nor a text: "
                f"not {self.verb}"
            )
        if self.untold:
            many = len(self.untold) != 1
            self.said.append(
                f"{wording.counted(len(self.untold), 'note')} of a passage with a name and no "
                f"text ({_some(self.untold)}): {'their passages' if many else 'its passage'} "
                f"{self.verb} with no note"
            )
        return self.memos

    def of_passages(self, source: Any) -> list[Any]:
        """The notes ``source`` refers to that hold a selection of its text (an annotation of
        a passage, as MAXQDA and Quirkos write one), taken: a passage's, not the document's
        memo."""
        found = []
        for ref in source.iterfind("q:NoteRef", _NS):
            guid = guid_key(ref.get("targetGUID"))
            note = self.notes.get(guid)
            if note is None or guid in self.used:
                continue
            if note.find("q:PlainTextSelection", _NS) is not None:
                self.used.add(guid)
                found.append(note)
        return found

    def of_no_source(self, texts: Mapping[str, str]) -> list[tuple[Any, list[str]]]:
        """The notes no source nor selection refers to that hold a selection of a text (an
        annotation of a passage QualCoder wrote, its file referring to its first alone),
        each with the text sources (``texts``, by name) whose text its selection fits in;
        those of one taken."""
        found = []
        for guid, note in self.notes.items():
            place = note.find("q:PlainTextSelection", _NS)
            if guid in self.used or guid in self.referred or place is None:
                continue
            try:
                start, end = int(place.get("startPosition")), int(place.get("endPosition"))
            except (TypeError, ValueError):
                continue
            fits = [name for name, text in texts.items() if 0 <= start < end <= len(text)]
            if len(fits) == 1:
                self.used.add(guid)
            found.append((note, fits))
        return found

    def text_of(self, note: Any) -> str:
        """The text of the note of a passage; its name kept in :attr:`untold` when it has
        none (the passage then has no note: its name was lost without a word)."""
        memo = self._memo(note, MemoKind.JOURNAL, "")
        name = str(note.get("name") or "")
        if name and not memo.text.strip() and memo.id not in self.unread:
            self.untold.append(name)
        return memo.text

    def _file_text(self, note: Any, where: str) -> str:
        """The text of a note's file in the project, in its encoding: a tool on Windows
        writes Windows-1252 or UTF-16 (read as UTF-8, each accent was a U+FFFD, and UTF-16
        a NUL between letters); its line ends ``\n``; a file linked from outside the
        project (``relative://``, ``absolute://``) read from beside it, as a source is (it
        was read as nothing, without a word).  A file the project lacks, or that is no
        text, is said (the import of the rest goes on), and read as nothing, or as UTF-8
        with its bytes that are none replaced."""
        named = f"note {note.get('name') or note.get('guid') or '(no name)'!r}"
        if not where.startswith(_INTERNAL):  # linked from outside (MAXQDA): beside the project
            linked = _linked_text(self.container.path, where)
            if linked is None:
                self.said.append(
                    f"{named}: its text ({where}) is not beside the project; not {self.verb}"
                )
                self.unread.add(_id_read(note.get("guid")))
            return (linked or "").replace("\r\n", "\n")
        member = _source_member(self.container, where)
        if member not in self.container.names:
            self.said.append(f"{named}: its text ({where}) is not in the project; not {self.verb}")
            self.unread.add(_id_read(note.get("guid")))
            return ""
        data = self.container.read(member)
        try:
            text = decode_bytes(data, member)[0]
        except DocumentError as exc:
            self.said.append(f"{named}: its text ({where}) {exc.reason}; read as UTF-8")
            text = data.decode("utf-8-sig", "replace")
        return text.replace("\r\n", "\n")

    def _rich_text(self, note: Any, where: str) -> str:
        """The text of a note the project holds as rich text alone, read from its RTF; a
        file the project lacks, or that is no RTF (a Word file), is said and read as
        nothing (it was an empty memo, without a word)."""
        named = f"note {note.get('name') or note.get('guid') or '(no name)'!r}"
        member = _source_member(self.container, where)
        if member not in self.container.names:
            self.said.append(f"{named}: its text ({where}) is not in the project; not {self.verb}")
            self.unread.add(_id_read(note.get("guid")))
            return ""
        from tui_reader.core.documents.formats.rtf import convert_rtf, without_binary

        data = without_binary(self.container.read(member))
        try:
            if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
                raise DocumentError(Path(member), "not RTF")
            return convert_rtf(clean_text(decode_bytes(data, member)[0]), Path(member)).text
        except DocumentError:
            self.said.append(
                f"{named}: the project holds only its rich text ({where}), which is not RTF; "
                f"not {self.verb}"
            )
            self.unread.add(_id_read(note.get("guid")))
            return ""

    def _memo(self, note: Any, kind: MemoKind, target: str) -> Memo:
        content = note.find("q:PlainTextContent", _NS)
        if content is not None:
            text = str(content.text or "")
        else:
            where = str(note.get("plainTextPath") or "")
            rich = str(note.get("richTextPath") or "")
            text = ""
            if where.startswith((_INTERNAL, *_LINKED)):
                text = self._file_text(note, where)
            elif not where and rich.startswith(_INTERNAL):  # MAXQDA's memo: its RTF alone
                text = self._rich_text(note, rich)
        created = str(note.get("creationDateTime") or "")
        return Memo(
            kind,
            target,
            text,
            id=_id_read(note.get("guid")) or f"note:{len(self.memos)}",
            created=created,
            updated=str(note.get("modifiedDateTime") or created),
            coder=_coder(self.users, note.get("creatingUser") or note.get("modifyingUser")),
        )


def read_codebook(
    data: bytes,
    path: Path,
    said: list[str] | None = None,
    memos: list[Memo] | None = None,
    left_out: list[str] | None = None,
) -> list[Tag]:
    """The codes of the REFI-QDA codebook (``.qdc``) in ``data``; ``said``: a line for each
    code read otherwise than it is written (a code without a name), as a project's are, and
    for each set of codes, which tui-reader has not (``left_out`` gets those too: the import
    fails, as a project's does);
    ``memos``: the code memos their ``Description``s hold, parted from the descriptions as
    another tool's project's are (QualCoder's code memo; ours after a rule), else (None) a
    ``Description`` is a description whole."""
    try:
        root = parse_xml(data, path, "REFI-QDA codebook")
    except DocumentError as exc:
        raise ProjectFormatError(str(exc)) from exc
    root = _in_namespace(_without_doctype(root, path), CODEBOOK_NS, "CodeBook", path)
    ns = {"q": CODEBOOK_NS}
    codes = root.find("q:Codes", ns)
    if codes is None:
        raise ProjectFormatError(f"{path}: no Codes in this REFI-QDA codebook")
    tags: list[Tag] = []
    guids: dict[str, str] = {}
    _read_codes(codes, "", guids, tags, ns, path, nests=_slash_nests(root), said=said)
    for group in root.iterfind("q:Sets/q:Set", ns):  # MAXQDA's and NVivo's sets of codes
        members = wording.counted(len(group.findall("q:MemberCode", ns)), "code")
        line = (
            f"set {' '.join(str(group.get('name') or '').split())!r} ({members}): a group "
            "of codes, which tui-reader has not; not imported"
        )
        for lines in (said, left_out):
            if lines is not None:
                lines.append(line)
    if memos is None:
        return tags
    tags, found = _code_memos(root, guids, tags, [], False, {}, ns)
    memos.extend(found)
    return tags


def _code_memos(
    root: Any,
    codes: dict[str, str],
    tags: list[Tag],
    memos: list[Memo],
    ours: bool,
    users: dict[str, str],
    ns: dict[str, str] = _NS,
) -> tuple[list[Tag], list[Memo]]:
    """The codes' descriptions and memos, a code's ``Description`` holding both (as
    :func:`~.refi.code_description` writes them, where QualCoder reads a code's memo): in a
    project of ours the memo is the note the code refers to, and what the ``Description``
    holds of it is no description (a project of before holds the description alone); in
    another tool's, the ``Description`` is parted (:func:`~.refi.parted_description`), its
    memo the code's, unless a note gave the code one: then it is the description, whole."""
    noted: dict[str, list[str]] = {}
    for given in memos:
        if given.kind is MemoKind.CODE and given.text.strip():
            noted.setdefault(given.target, []).append(given.text)
    described = {tag.name: tag for tag in tags}
    descriptions: dict[str, str] = {}
    added: list[Memo] = []
    for code in root.iter(f"{{{ns['q']}}}Code"):
        name = codes.get(guid_key(code.get("guid")))
        if name is None or name in descriptions:
            continue
        tag = described.get(name)
        text = tag.description if tag is not None else str(code.findtext("q:Description", "", ns))
        if ours:
            memo = "\n\n".join(noted.get(name, []))
            if memo and text == memo:
                descriptions[name] = ""
            elif memo and text.endswith(MEMO_RULE + memo):
                descriptions[name] = text.removesuffix(MEMO_RULE + memo)
            elif tag is not None:  # the rule before a memo, or after a description, alone
                description, rest = parted_description(text)
                if rest == memo:
                    descriptions[name] = description
            continue
        if name in noted:  # its memo a note (MAXQDA's): the Description a description, whole
            continue
        description, memo = parted_description(text) if tag is not None else ("", text)
        descriptions[name] = description
        if memo.strip():
            created = str(code.get("creationDateTime") or code.get("modifiedDateTime") or "")
            ident = stable_guid("code memo", _id_read(code.get("guid")))
            maker = _coder(users, code.get("creatingUser") or code.get("modifyingUser"))
            added.append(
                Memo(
                    MemoKind.CODE,
                    name,
                    memo,
                    id=ident.lower(),
                    created=created,
                    updated=created,
                    coder=maker,
                )
            )
    kept = [
        Tag(t.name, t.color, descriptions[t.name]) if t.name in descriptions else t for t in tags
    ]
    return kept, [*memos, *added]


def _project_memo(root: Any) -> list[Memo]:
    """The project's ``Description``, where QualCoder writes the project's memo, and each
    case's, where it writes a case's, and each set's (tui-reader has no cases or sets: their
    names and variables go to their sources' documents): journal entries headed as that
    (each id made from its text: importing it again adds none)."""
    created = str(root.get("creationDateTime") or "")
    described = [("Project memo", root.findtext("q:Description", "", _NS))]
    for case in root.iterfind("q:Cases/q:Case", _NS):
        described.append(
            (f"Case: {case.get('name') or ''}", case.findtext("q:Description", "", _NS))
        )
    for group in root.iterfind("q:Sets/q:Set", _NS):  # a set's memo (QualCoder: its variable's)
        described.append(
            (f"Set: {group.get('name') or ''}", group.findtext("q:Description", "", _NS))
        )
    memos = []
    for heading, found in described:
        text = str(found or "")
        if text.strip():
            entry = f"# {heading.strip()}\n\n{text}"
            ident = stable_guid("project memo", entry).lower()
            memos.append(
                Memo(MemoKind.JOURNAL, "", entry, id=ident, created=created, updated=created)
            )
    return memos


def _unread_relations(root: Any, notes: dict[str, Any], verb: str) -> list[str]:
    """A line for the project's links between codes, sources or selections (MAXQDA's links
    of segments, ATLAS.ti's relations and hyperlinks) and one for its graphs, which
    tui-reader has not, so they are not left out without a word (a link that ties a note to
    a passage is that passage's note; a link's own note is read as any other)."""
    lines = []
    links = [
        link
        for link in root.iterfind("q:Links/q:Link", _NS)
        if guid_key(link.get("originGUID")) not in notes
        and guid_key(link.get("targetGUID")) not in notes
    ]
    if links:
        names = list(dict.fromkeys(str(link.get("name") or "").strip() for link in links))
        shown = ", ".join(repr(name) for name in names[:3] if name)
        more = f", ... ({len(names)} names)" if len(names) > 3 else ""
        lines.append(
            f"{len(links)} link{'' if len(links) == 1 else 's'} between codes, sources or "
            f"selections{f' ({shown}{more})' if shown else ''}, which tui-reader has not; "
            f"not {verb}"
        )
    graphs = len(root.findall("q:Graphs/q:Graph", _NS))
    if graphs:
        lines.append(
            f"{graphs} graph{'' if graphs == 1 else 's'} (a drawing of codes, sources and "
            f"links), which tui-reader has not; not {verb}"
        )
    return lines


def _slash_nests(root: Any) -> bool:
    """Whether a ``/`` in a code's name nests it: in Taguette's, whose codebook names each
    code by its path (``people/men``) as its highlights do; in other tools' a ``/`` is a
    letter of the name (``Pros/Cons``), made ``-``."""
    return str(root.get("origin") or "").casefold().startswith("taguette")


def _coded_documents(annotations: list[Annotation], codes: dict[str, str]) -> dict[str, list[str]]:
    """The documents coded with each code, by the code's GUID."""
    by_name: dict[str, list[str]] = {}
    for annotation in annotations:
        for tag in annotation.tags:
            documents = by_name.setdefault(tag, [])
            if annotation.document not in documents:
                documents.append(annotation.document)
    return {guid: by_name[name] for guid, name in codes.items() if name in by_name}


def _case_values(
    root: Any,
    variables: dict[str, str],
    named: dict[str, list[str]],
    coded: dict[str, list[str]],
    attributes: dict[str, dict[str, Value]],
    skipped: list[str] | None = None,
    verb: str = "imported",
    lost: list[str] | None = None,
) -> None:
    """The values of each case's variables given to the documents of its sources: those it
    refers to (``SourceRef``, MAXQDA's), those of the selections it refers to
    (``SelectionRef``), and those coded with a code it refers to (``CodeRef``) or with the
    code of its own GUID (NVivo writes each case as a code too, coding the case's text).
    NVivo and MAXQDA keep a participant's age or group on the case, not the source.  A
    source's own value, or an earlier case's, is kept.  A case's name is the attribute
    :data:`CASE` of its documents (a document of two cases keeps the first's, and the second
    is said in ``skipped``); a case without one (MAXQDA's and Quirkos's, for a source's
    variables) gives none.  A case with a name or values that reaches no document here is
    said in ``skipped``, not left out without a word."""
    selected = _selection_sources(root, named)
    for case in root.iterfind("q:Cases/q:Case", _NS):
        values = source_values(case, _NS, variables, skipped, verb, lost)
        name = " ".join(str(case.get("name") or "").split())
        documents = [
            document
            for ref in case.iterfind("q:SourceRef", _NS)
            for document in named.get(guid_key(ref.get("targetGUID")), ())
        ]
        for ref in case.iterfind("q:SelectionRef", _NS):
            documents += selected.get(_id_read(ref.get("targetGUID")), [])
        for ref in case.iterfind("q:CodeRef", _NS):
            documents += coded.get(guid_key(ref.get("targetGUID")), [])
        documents += coded.get(guid_key(case.get("guid")), [])
        if not documents and (name or values) and skipped is not None:
            lost = [f"{len(values)} variable value{'' if len(values) == 1 else 's'}"] * bool(values)
            skipped.append(
                f"case {name or case.get('guid')!r}: refers to no source here (by a SourceRef, "
                f"a SelectionRef or a CodeRef); its {' and '.join(['name'] * bool(name) + lost)} "
                f"not {verb}"
            )
        for document in dict.fromkeys(documents):
            own = attributes.setdefault(document, {})
            for variable, value in values.items():
                own.setdefault(variable, value)
            if not name:
                continue
            first = own.setdefault(CASE, name)
            if first != name and skipped is not None:
                skipped.append(
                    f"source {said_name(document)} is in case {name!r} too: its attribute {CASE} "
                    f"is {first!r}, its first case's"
                )


def _selection_sources(root: Any, named: dict[str, list[str]]) -> dict[str, list[str]]:
    """The documents of each selection's source, by the selection's GUID (as
    :func:`_id_read` keeps it): a text's, a PDF's representation's, a transcript's."""
    found: dict[str, list[str]] = {}
    for source in root.iterfind("q:Sources/*", _NS):
        documents = named.get(guid_key(source.get("guid")), [])
        if not documents or not isinstance(source.tag, str):
            continue
        for element in source.iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag.endswith("Selection") and element.get("guid"):
                found.setdefault(_id_read(element.get("guid")), []).extend(documents)
    return found


def _set_values(
    root: Any,
    named: dict[str, list[str]],
    attributes: dict[str, dict[str, Value]],
    skipped: list[str],
    verb: str = "imported",
) -> int:
    """The project's sets (ATLAS.ti's document groups, MAXQDA's document sets): one named
    ``variable::value``, as ATLAS.ti names a group that stands for a variable
    (``Gender::female``), gives that attribute to the documents of its sources; any other
    set of sources an attribute named as it, its name the value (``Urban=Urban``, as
    QualCoder's import makes a set a variable); a value of theirs kept.  A set of no source
    (of codes, of notes), and the codes and notes of a set of sources too, are said in
    ``skipped``, never left out without a word.  Returns how many sets were so left out."""
    left_out = 0
    for group in root.iterfind("q:Sets/q:Set", _NS):
        given = " ".join(str(group.get("name") or "").split())
        documents = [
            name
            for ref in group.iterfind("q:MemberSource", _NS)
            for name in named.get(guid_key(ref.get("targetGUID")), ())
        ]
        variable, _, raw = given.partition("::")
        attribute = attribute_name(variable) if raw.strip() else None
        value: Value = given
        if attribute is not None:
            try:
                value = parse_value(raw.strip())
            except AttributeValueError:
                value = raw.strip()
        elif given:
            attribute = attribute_name(given)
        if attribute is not None and documents:
            for name in documents:
                attributes.setdefault(name, {}).setdefault(attribute, value)
            others = [
                wording.counted(len(group.findall(f"q:Member{kind}", _NS)), noun)
                for kind, noun in (("Code", "code"), ("Note", "note"))
                if group.find(f"q:Member{kind}", _NS) is not None
            ]
            if others:  # NVivo's and MAXQDA's sets may hold codes and notes beside sources
                skipped.append(
                    f"set {given!r}: {' and '.join(others)} of it, which tui-reader groups "
                    f"not; not {verb} (its sources' documents are given {attribute}={value})"
                )
                left_out += 1
            continue
        members = [
            wording.counted(len(group.findall(f"q:Member{kind}", _NS)), noun)
            for kind, noun in (("Source", "source"), ("Code", "code"), ("Note", "note"))
        ]
        what = (
            "a group of no source here, which tui-reader has not"
            if not documents
            else ("a group without a name, which names no attribute")
        )
        skipped.append(
            f"set {given!r} ({', '.join(members)}): {what}; not {verb} (a group of sources "
            "gives them an attribute)"
        )
        left_out += 1
    return left_out


def _without_doctype(root: Any, path: Path) -> Any:
    """``root``, unless its document has a DOCTYPE: REFI-QDA's schema has none, and the
    entities one declares are never expanded here, so a project with them would be read with
    holes where they stand (a source's text written empty into the corpus).  One declaring
    entities was refused as that by :func:`parse_xml`: this one declares none, and is said
    as it is (it was "a DOCTYPE (declared entities)")."""
    info = root.getroottree().docinfo
    if info.doctype:
        dtd = f" naming the DTD {info.system_url!r}" if info.system_url else ""
        raise ProjectFormatError(
            f"{path}: refused: a DOCTYPE{dtd}, which no REFI-QDA file has (a DTD is never "
            "read here, for safety)"
        )
    return root


def _in_namespace(root: Any, namespace: str, element: str, path: Path) -> Any:
    """``root``, the ``element`` of REFI-QDA's ``namespace``, each element of it read in that
    namespace when it was written in another version's (``urn:QDA-XML:project:1.5``) or in
    none (a project a script wrote without its ``xmlns``): such a project was read as one
    holding nothing, "imported 0 annotations", exit 0, its codings lost without a word.  A
    file whose XML is no such element, or in another namespace, is refused for what it is."""
    tag = root.tag if isinstance(root.tag, str) else ""
    space, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    what = "REFI-QDA project" if element == "Project" else "REFI-QDA codebook"
    if local != element:
        raise ProjectFormatError(f"{path}: its XML is a <{local}>, not the <{element}> of a {what}")
    if space == namespace:
        return root
    if space and not space.startswith(namespace.rpartition(":")[0] + ":"):
        raise ProjectFormatError(
            f"{path}: its <{element}> is of the namespace {space!r}, not the {what}'s {namespace!r}"
        )
    written = f"{{{space}}}" if space else ""
    for item in root.iter():
        tag = item.tag
        if isinstance(tag, str) and (tag.startswith(written) if space else tag[:1] != "{"):
            item.tag = f"{{{namespace}}}{tag.removeprefix(written)}"
    return root


def _source_name(source: Any, taken: dict[str, str]) -> str:
    """The source's name (its GUID if it has none), made unique among the project's."""
    name = str(source.get("name") or source.get("guid") or "source")
    unique, number = name, 1
    while unique in taken:
        number += 1
        unique = f"{name} ({number})"
    return unique


# Codes inside codes this deep are no codebook a person made (ten levels are many): refused,
# so that reading them stays well inside Python's recursion limit.
MAX_CODE_DEPTH = 200


def _read_codes(
    parent: Any,
    prefix: str,
    codes: dict[str, str],
    tags: list[Tag],
    ns: dict[str, str],
    path: Path,
    depth: int = 1,
    *,
    nests: bool = False,
    said: list[str] | None = None,
    held: dict[str, tuple[str, str]] | None = None,
    verb: str = "imported",
) -> None:
    """The codes below ``parent`` into ``codes`` (GUID -> name) and ``tags``; ``said``: a
    line for each code whose GUID an earlier code has (an edited or merged file): the
    codings of that GUID go to the first, as a reference names one element, and the user
    is told (they went to the last, without a word); and for each code named here as an
    earlier code of another GUID is (``Pros/Cons`` and ``Pros-Cons``, two without a name),
    which is numbered, ``Pros-Cons (2)``, as a source is (the two were one code, without a
    word).  ``held``: each name given, the name and GUID of the code given it first."""
    held = {} if held is None else held
    if depth > MAX_CODE_DEPTH and parent.find("q:Code", ns) is not None:
        raise ProjectFormatError(
            f"{path}: refused: codes nested more than {MAX_CODE_DEPTH} levels deep"
        )
    for code in parent.iterfind("q:Code", ns):
        raw = code.get("name")
        given = raw or ""
        given = without_unique_suffix(given, prefix) if prefix else given
        if nests:  # Taguette's path: the codes it names, as its highlights name them
            part = "/".join(p.strip() for p in given.split("/") if p.strip())
        else:
            # a space typed around the name is none of it (a code is no name with one)
            part = "-".join(given.split("/")).strip()
        guid = guid_key(code.get("guid"))
        unnamed = not part  # named "code", and the user told (it was without a word)
        name = f"{prefix}/{part or 'code'}" if prefix else part or "code"
        alike = held.get(name) if guid not in codes else None
        if alike is not None:
            number = 2
            while f"{name} ({number})" in held:
                number += 1
            name = f"{name} ({number})"
        if unnamed and said is not None:
            said.append(f"code of GUID {guid!r} {_unnamed(raw)}: {verb} as {name!r}")
        elif alike is not None and said is not None:
            said.append(
                f"code {raw!r} of GUID {guid!r} has the name of code {alike[0]!r} of GUID "
                f"{alike[1]!r}: {verb} as {name!r}"
            )
        elif not nests and "/" in given and said is not None:
            # a '/' of another tool's name is a letter of it; here it parts a code's levels
            said.append(
                f"code {raw!r} of GUID {guid!r}: a '/' parts the levels of a code here; "
                f"{verb} as {name!r}"
            )
        held.setdefault(name, (raw or "", guid))
        first = codes.setdefault(guid, name)
        if first != name and said is not None:
            said.append(
                f"code {name!r} has the GUID {guid!r} of code {first!r}: the codings of "
                f"that GUID go to {first!r}"
            )
        if code.get("isCodable", "true") != "false":
            description = code.find("q:Description", ns)
            # as the codebook keeps colours: #rrggbb, else the automatic one; eight digits as
            # the tools on Windows write them, #AARRGGBB
            given_colour = code.get("color") or ""
            colour = colour_hex(given_colour, alpha_first=True) or ""
            if given_colour.strip() and not colour and said is not None:  # it was lost unsaid
                shown = wording.clipped(given_colour, 40)
                said.append(
                    f"code {name!r}: its colour {shown!r} is not an opaque colour; {verb} "
                    "with the automatic one"
                )
            tags.append(
                Tag(
                    name,
                    color=colour,
                    description=(description.text or "") if description is not None else "",
                )
            )
        deeper = depth + 1
        _read_codes(
            code, name, codes, tags, ns, path, deeper, nests=nests, said=said, held=held, verb=verb
        )


def _unnamed(given: str | None) -> str:
    """How a code's name that makes no name is told: none, empty, or the one given."""
    if given is None:
        return "has no name"
    return "has an empty name" if not given else f"has the name {given!r}, which names nothing"


def _source_text(container: Container, source: Any, *, keep_crlf: bool = False) -> str | None:
    """The source's plain text, or None when the project does not hold it (a file linked
    from outside: ``relative://``, ``absolute://``; a member of ``sources/`` the archive
    lacks, as a zip mended by hand or cut short: that source is left out, not the project);
    ``keep_crlf``: its Windows line ends kept (see :func:`_indexed_text`)."""
    inline = source.find("q:PlainTextContent", _NS)
    if inline is not None:
        return str(inline.text or "")
    where = source.get("plainTextPath") or _plain_text_path(container, source)
    if not where.startswith(_INTERNAL):
        text = _linked_text(container.path, where)
        return text if text is None or keep_crlf else text.replace("\r\n", "\n")
    member = _source_member(container, where)
    if member not in container.names:
        return None
    data = container.read(member)
    try:
        # In its encoding, as a document is read: UTF-8 as the standard has it, but a tool
        # on Windows writes Windows-1252 or UTF-16 (refused, the whole project was not read)
        text = decode_bytes(data, member)[0]
    except DocumentError as exc:
        raise ProjectFormatError(f"{container.path}: {where} is no text ({exc.reason})") from exc
    # Positions count a line break as one character (ATLAS.ti; QualCoder's export with
    # Windows line endings), so the text they index has "\n" breaks.
    return text if keep_crlf else text.replace("\r\n", "\n")


def _plain_text_path(container: Container, source: Any) -> str:
    """Where a source without a ``plainTextPath`` keeps its plain text, if anywhere: a
    ``path`` to a ``.txt`` file (the source's own file a plain text, as QualCoder reads it),
    else a ``.txt`` in ``sources/`` named by the source's GUID, as the standard names the
    plain text of a source (a tool leaving the attribute out); "" when neither is."""
    path = str(source.get("path") or "")
    if path.casefold().endswith(".txt"):
        return path
    guid = str(source.get("guid") or "").strip("{}")
    where = f"{_INTERNAL}{guid}.txt"
    return where if guid and _source_member(container, where) in container.names else ""


_LINKED = ("relative://", "absolute://")


def _linked_text(project: Path, where: str) -> str | None:
    """The text of a source linked from outside the project (``relative://`` to the project,
    ``absolute://`` on the machine that made it: MAXQDA's and ATLAS.ti's externally linked
    documents) read from beside the project file: at the relative path given, else a file of
    its name in the project's folder, in its encoding; None when there is none, or it is not
    text.  Only
    a ``.txt`` file that is not hidden, in that folder or below it, is ever read: a hostile
    project naming ``~/.ssh/id_rsa`` or ``.bashrc`` reads nothing."""
    scheme = next((s for s in _LINKED if where.startswith(s)), None)
    if scheme is None:
        return None
    given = unquote(where.removeprefix(scheme)).replace("\\", "/")
    try:
        folder = project.parent.resolve()
    except (OSError, RuntimeError):
        return None
    candidates = [folder / given.lstrip("/")] if scheme == "relative://" else []
    name = PurePosixPath(given).name
    if name not in ("", ".", ".."):
        candidates.append(folder / name)
    for candidate in candidates:
        try:
            real = candidate.resolve(strict=True)
            if not real.is_relative_to(folder) or not real.is_file():
                continue
            inside = real.relative_to(folder).parts
            if real.suffix.casefold() != ".txt" or any(p.startswith(".") for p in inside):
                continue
            # in its encoding, as a text document is read (Windows-1252, UTF-16: a tool on
            # Windows writes them)
            return decode_bytes(read_document_bytes(real), real)[0]
        except (OSError, RuntimeError, ValueError, DocumentError):  # binary: DocumentError
            continue
    return None


def _indexed_text(raw: str, source: Any, origin: str | None) -> str:
    """The text a source's positions count in: with Windows line ends, ATLAS.ti and QualCoder
    count each as one character, NVivo as the two it is (QualCoder's importer knows it too);
    QualCoder on Windows, asked for MAXQDA's line ends, writes each as CR CR LF (its CR LF
    written through a file in text mode, which makes its LF one more CR LF), still counted
    as one.  Told by the selections' names, which most tools make of the passage's first
    words, else by the tool that wrote the project (NVivo: two)."""
    single = raw.replace("\r\r\n", "\n").replace("\r\n", "\n")
    if single == raw:
        return raw
    # each reading the text may be counted in, the likeliest first
    readings = list(dict.fromkeys((single, raw.replace("\r\n", "\n"), raw)))
    votes = dict.fromkeys(readings, 0)
    for selection in islice(source.iterfind("q:PlainTextSelection", _NS), 200):
        name = " ".join(str(selection.get("name") or "").removesuffix("...").split())[:40]
        given = _text_places(selection)
        try:
            start, end = int(given[0] or ""), int(given[1] or "")
        except ValueError:
            continue
        if len(name) < 4 or not 0 <= start < end:
            continue
        for text in votes:
            if " ".join(text[start:end].split()).startswith(name.removesuffix("…").strip()):
                votes[text] += 1
    most = max(votes.values())
    if "nvivo" in (origin or "").casefold() and all(v == most for v in votes.values()):
        return raw
    return next(text for text in readings if votes[text] == most)


# What an office file (a zip too) holds that a REFI-QDA project does not: what it is
_SHEET = "save the sheet as CSV (Taguette: export the highlights or codebook as CSV)"
_TEXT = "export Taguette's highlights as HTML or CSV"
_OFFICE_FILES = (
    ("xl/workbook.xml", "an Excel workbook", _SHEET),
    ("word/document.xml", "a Word document", _TEXT),
    ("content.xml", "an OpenDocument file", f"{_SHEET}, or {_TEXT}"),
)


def _refuse_an_office_file(container: Container, path: Path) -> None:
    """Refuse a spreadsheet or a document saved as a zip, as Taguette's highlights and
    codebook are when exported to Excel or Word: it was "damaged REFI-QDA project file: no
    project.qde", as if the project were broken."""
    if any(n.casefold().endswith(".qde") for n in container.names):
        return
    for member, kind, instead in _OFFICE_FILES:
        if member in container.names:
            raise ProjectFormatError(
                f"{path}: {kind}, not a REFI-QDA project (.qdpx); {instead}, and give that"
            )


def _project_member(container: Container) -> str:
    """The project's XML: ``project.qde``, else the one ``.qde`` at the top (a tool may name
    it after the project, as QualCoder's importer allows)."""
    if "project.qde" in container.names:
        return "project.qde"
    found = sorted(n for n in container.names if "/" not in n and n.casefold().endswith(".qde"))
    return found[0] if found else "project.qde"


def _source_member(container: Container, where: str) -> str:
    """The member an ``internal://`` path names, in ``sources/`` whatever its case (NVivo
    writes ``Sources/``, MAXQDA ``sources/``), a slash too many after the scheme aside; as
    written, else read as the URL it is (``My%20File.txt``: ``My File.txt``, as a
    ``relative://`` path is read) and with a Windows ``\\`` as the ``/`` a zip's names have."""
    given = where[len(_INTERNAL) :]
    first = "sources/" + given.lstrip("/")
    for tried in dict.fromkeys(
        (given, given.replace("\\", "/"), unquote(given).replace("\\", "/"))
    ):
        name = "sources/" + tried.lstrip("/")
        if name in container.names:
            return name
        folded = name.casefold()
        found = sorted(n for n in container.names if n.casefold() == folded)
        if found:
            return found[0]
    return first


Places = Callable[[Any], tuple[str | None, str | None]]  # a selection's start and end given


def _counted_in(text: str, source: Any, kind: str, places: Places) -> Callable[[int], int]:
    """How a source's positions become code points of ``text``: as they are, or, when its
    tool counted in UTF-16 units (a character past U+FFFF, an emoji, two: the tools built on
    .NET or Java), each moved back by the characters past U+FFFF before it.  Told by the
    selections' names (a passage's first words), by passages ending past the text's end
    counted in code points, and by where passages begin and end (a word cut in two, read one
    way, is whole read the other); as they are when nothing tells."""
    from_units = utf16.from_units(text)
    if from_units is None:
        return _as_is
    votes = {_as_is: 0, from_units: 0}
    for selection in islice(source.iterfind(f"q:{kind}", _NS), 200):
        given = places(selection)
        try:
            start, end = int(given[0] or ""), int(given[1] or "")
        except (TypeError, ValueError):
            continue
        if not 0 <= start < end:
            continue
        if end > len(text) >= from_units(end):
            votes[from_units] += 1
        if from_units(start) != start or from_units(end) != end:
            for read in votes:  # a passage coded runs from a word's start to a word's end
                votes[read] += utf16.at_words(text, read(start), read(end))
        name = " ".join(str(selection.get("name") or "").removesuffix("...").split())[:40]
        name = name.removesuffix("…").strip()
        if len(name) < 4:
            continue
        for read in votes:
            if " ".join(text[read(start) : read(end)].split()).startswith(name):
                votes[read] += 1
    return from_units if votes[from_units] > votes[_as_is] else _as_is


def _as_is(position: int) -> int:
    return position


def _text_places(selection: Any) -> tuple[str | None, str | None]:
    return selection.get("startPosition"), selection.get("endPosition")


def _synced(transcript: Any) -> Places:
    """A ``TranscriptSelection``'s start and end: the positions in the transcript's text of
    the sync points it runs from and to."""
    positions = {
        point.get("guid"): point.get("position")
        for point in transcript.iterfind("q:SyncPoint", _NS)
    }

    def places(selection: Any) -> tuple[str | None, str | None]:
        return (
            positions.get(selection.get("fromSyncPoint")),
            positions.get(selection.get("toSyncPoint")),
        )

    return places


def _selections(
    source: Any,
    key: str,
    text: str,
    codes: dict[str, str],
    users: dict[str, str],
    problems: list[str],
    notes: _Notes | None = None,
    places: Places | None = None,
    *,
    verb: str = "imported",
    unread: list[str] | None = None,
) -> list[Annotation]:
    """The source's selections as annotations, each with its description and the notes it
    refers to (``NoteRef``) as its note; each left out or read in part is said in
    ``problems`` (a position outside the text, a code the codebook lacks), and each left out,
    or whose coding of such a code is, named in ``unread`` too (the import exits 1 then).
    ``places``: a transcript's (its selections run between sync points), else a text's."""
    canonical = clean_text(text)
    sha = text_sha256(canonical)
    found = []
    lost = unread if unread is not None else []
    kind = "PlainTextSelection" if places is None else "TranscriptSelection"
    points = _counted_in(text, source, kind, places or _text_places)
    # a selection written inside another (no tool's shape, a hand's) is a passage too: it
    # was passed over without a word
    inside = (found for found in source.iter(f"{{{PROJECT_NS}}}{kind}") if found is not source)
    for selection in inside:
        named = f"selection {selection.get('guid') or '(no guid)'!r} of {said_name(key)}"
        given = (places or _text_places)(selection)
        try:
            start, end = points(int(given[0] or "")), points(int(given[1] or ""))
        except (TypeError, ValueError):
            problems.append(
                f"{named}: positions {_said_position(given[0])}, {_said_position(given[1])} "
                f"are not numbers; not {verb}"
            )
            lost.append(named)
            continue
        if not 0 <= start < end <= len(text):
            problems.append(
                f"{named}: positions {given[0]} to {given[1]} are not a passage of its text "
                f"({len(text)} characters); not {verb}"
            )
            lost.append(named)
            continue
        refs = [
            guid_key(r.get("targetGUID")) for r in selection.iterfind("q:Coding/q:CodeRef", _NS)
        ]
        if any(ref not in codes for ref in refs):
            missing = ", ".join(repr(ref) for ref in refs if ref not in codes)
            problems.append(f"{named}: no code {missing} in the codebook; {verb} without it")
            lost.append(named)  # its coding of that code left out: the import exits 1
        description = selection.find("q:Description", _NS)
        said = [(description.text or "") if description is not None else ""]
        said += notes.texts_of(selection) if notes is not None else []
        coder = _coder(users, selection.get("creatingUser"))
        created = str(selection.get("creationDateTime") or "")
        updated = str(selection.get("modifiedDateTime") or created)  # none: older than any
        ident = _id_read(selection.get("guid")) or f"{key}:{start}:{end}"
        note = "\n\n".join(text for text in said if text.strip())
        if (long := _longer_than_a_text(note, end - start)) is not None:
            # (a description of 60 million characters was taken whole as its note, where a
            # JSON, W3C or CSV file's is refused)
            problems.append(f"{named}: {long}: longer than {MAX_TEXT:,} characters; not {verb}")
            lost.append(named)
            continue
        coded = _codings_by_coder(selection, codes, users, coder)
        for who, (tags, when) in coded.items():
            own = who == coder
            if own and not tags and not note and len(coded) > 1:
                continue  # others coded what its maker only marked: their passages alone
            found.append(
                Annotation(
                    document=key,
                    start=start,
                    end=end,
                    **quoted(text, start, end),
                    doc_sha256=sha,
                    tags=tuple(dict.fromkeys(tags)),
                    note=note if own else "",
                    id=ident if own else f"{ident}#{who}",
                    coder=who,
                    created=created if own else (when or created),
                    updated=updated if own else (when or created),
                )
            )
    return found if canonical == text else _on_canonical(found, text, canonical)


def _longer_than_a_text(note: str, length: int) -> str | None:
    """``note`` or ``quote`` when the note, or the passage (``length`` characters), is
    longer than a record's text may be (:data:`MAX_TEXT`), as every import refuses it."""
    if len(note) > MAX_TEXT:
        return "note"
    return "quote" if length > MAX_TEXT else None


def _id_read(given: str | None) -> str:
    """A selection's or note's id as it is kept: a GUID in lower case (a tool writes it in
    either case: one id), any other as it is written (a tool's S1 and s1 are two)."""
    given = given or ""
    return given.lower() if is_guid(given) else given


# A note's text as QualCoder writes it (its annotation's, unescaped), and what in it is no
# XML: a & that begins no reference, a < (a text holds no element)
_NOTE_TEXT = re.compile(rb"(<PlainTextContent>)(.*?)(</PlainTextContent>)", re.DOTALL)
_BARE_AMPERSAND = re.compile(rb"&(?!(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][A-Za-z0-9._-]*);)")


def _note_texts_escaped(data: bytes) -> tuple[int, bytes]:
    """``data`` (a project that is not well-formed XML) with each note's text that holds a
    bare & or a < (QualCoder's annotations) escaped, and how many were; a text in CDATA
    is left as it is."""
    count = 0

    def escaped(found: re.Match[bytes]) -> bytes:
        nonlocal count
        text = found[2]
        if b"<![CDATA[" in text or not (b"<" in text or _BARE_AMPERSAND.search(text)):
            return found[0]
        count += 1
        text = _BARE_AMPERSAND.sub(b"&amp;", text).replace(b"<", b"&lt;").replace(b">", b"&gt;")
        return found[1] + text + found[3]

    repaired = _NOTE_TEXT.sub(escaped, data)
    return count, repaired


def _with_noted(
    annotations: list[Annotation], noted: Mapping[str, list[Annotation]], ours: bool
) -> list[Annotation]:
    """``annotations`` with the passages of the notes ``noted`` (by the source they are of)
    after their source's, joined with them by place and coder (:func:`_merged`) but in a
    project of ours."""
    by_source: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        by_source.setdefault(annotation.document, []).append(annotation)
    for name, found in noted.items():
        by_source.setdefault(name, []).extend(found)
    return [
        annotation
        for name, found in by_source.items()
        for annotation in (_merged(found) if name in noted and not ours else found)
    ]


def _noted_passages(
    note: Any,
    notes: _Notes,
    name: str,
    text: str,
    codes: dict[str, str],
    users: dict[str, str],
    skipped: list[str],
    verb: str,
    unread: list[str],
) -> list[Annotation]:
    """The passages of the note of passages ``note`` (MAXQDA's, Quirkos's, QualCoder's
    annotation) of the source ``name`` of ``text``, its text their note, its maker their
    coder and its times theirs where the selection has none (QualCoder's has none)."""
    said = notes.text_of(note)
    maker = _coder(users, note.get("creatingUser") or note.get("modifyingUser"))
    made = str(note.get("creationDateTime") or note.get("modifiedDateTime") or "")
    changed = str(note.get("modifiedDateTime") or made)
    return [
        a.evolve(
            note=said,
            coder=a.coder or maker,
            created=a.created or made,
            updated=a.updated if a.created else changed,
        )
        for a in _selections(note, name, text, codes, users, skipped, verb=verb, unread=unread)
    ]


def _said_position(given: str | None) -> str:
    """A selection's position as a line says it: quoted, or "none" when it has none (a
    selection of no ``startPosition``, where the line said "None")."""
    return "none" if given is None else repr(given)


def _user_names(root: Any, said: list[str]) -> dict[str, str]:
    """Each user's name by its GUID (:func:`guid_key`).  A user the project names none for
    (the standard's ``name`` is optional) is no coder ("") when it is the project's one
    user; among several, each such one is named ``user`` and its GUID's first characters,
    said in ``said``, so their codings stay apart from each other's and from the named
    users' (they all came in with no coder, as one)."""
    found = [
        (guid_key(u.get("guid")), " ".join(str(u.get("name") or "").split()))
        for u in root.iterfind("q:Users/q:User", _NS)
    ]
    unnamed = [guid for guid, name in found if not name and guid]
    if len(found) < 2 or not unnamed:
        return dict(found)
    taken = {name for _, name in found if name}
    named: dict[str, str] = {}
    for guid in unnamed:
        size = 8
        while (name := f"user {guid.strip('{}')[:size]}") in taken and size < len(guid):
            size += 4
        taken.add(name)
        named[guid] = name
    said.append(
        f"{wording.counted(len(unnamed), 'user')} without a name: their codings are given "
        + ", ".join(repr(name) for name in named.values())
    )
    return {guid: named.get(guid, name) for guid, name in found}


def _coder(users: dict[str, str], guid: str | None) -> str:
    """The coder a user GUID names ("" for none known, or the project's own user)."""
    name = users.get(guid_key(guid), "")
    return "" if name == _TOOL_USER else name


def _codings_by_coder(
    selection: Any, codes: dict[str, str], users: dict[str, str], coder: str
) -> dict[str, tuple[list[str], str]]:
    """A selection's codes by whose coding each is (coder -> codes, when the first was coded):
    the selection's own coder's first, with its codes; another user's coding (a team's NVivo
    or ATLAS.ti project, where a colleague codes a passage someone else marked) is that user's,
    not the selection's maker's."""
    found: dict[str, tuple[list[str], str]] = {coder: ([], "")}
    for coding in selection.iterfind("q:Coding", _NS):
        who = _coder(users, coding.get("creatingUser")) or coder
        tags, when = found.setdefault(who, ([], ""))
        tags.extend(codes[r] for r in _refs(coding) if r in codes)
        moment = str(coding.get("creationDateTime") or "")
        if moment and (not when or moment < when):
            found[who] = (tags, moment)
    return found


def _refs(coding: Any) -> list[str]:
    return [guid_key(ref.get("targetGUID")) for ref in coding.iterfind("q:CodeRef", _NS)]


def _on_canonical(annotations: list[Annotation], raw: str, canonical: str) -> list[Annotation]:
    """``annotations`` of the source's text as the tool wrote it (``raw``) placed on its
    canonical text, the one its document has here (soft hyphens, control characters left
    out: :func:`clean_text`): each position moved back by what was left out before it."""
    offsets = sorted({a.start for a in annotations} | {a.end for a in annotations})
    moved: dict[int, int] = {}
    done, length = 0, 0
    for offset in offsets:  # each stretch cleaned once: a text's many passages, one pass
        length += len(clean_text(raw[done:offset]))
        moved[offset], done = min(length, len(canonical)), offset
    placed = []
    for annotation in annotations:
        start, end = moved[annotation.start], moved[annotation.end]
        if start >= end:  # nothing but what was left out: the character after it
            start, end = min(start, len(canonical) - 1), min(start, len(canonical) - 1) + 1
        if start < 0:
            continue
        placed.append(annotation.evolve(start=start, end=end, **quoted(canonical, start, end)))
    return placed


def _distinct_ids(
    annotations: list[Annotation], problems: list[str], verb: str = "imported"
) -> None:
    """Selections sharing a GUID (a project edited by hand, a tool's bug) kept apart: the
    second and later take the GUID with their document and place, so none replaces another."""
    seen: set[str] = set()
    for index, annotation in enumerate(annotations):
        if annotation.id in seen:
            where = f"{annotation.document}:{annotation.start}:{annotation.end}"
            problems.append(
                f"selection {annotation.id!r} of {said_name(annotation.document)}: its GUID is "
                f"also another selection's; {verb} as a passage of its own"
            )
            annotations[index] = annotation = annotation.evolve(id=f"{annotation.id}:{where}")
        seen.add(annotation.id)


def _merged(annotations: list[Annotation]) -> list[Annotation]:
    """Selections of one place and coder as one annotation: the codes of all, each distinct
    note, the first GUID, the earliest creation and the latest change."""
    by_place: dict[tuple[int, int, str], list[Annotation]] = {}
    for annotation in annotations:
        by_place.setdefault((annotation.start, annotation.end, annotation.coder), []).append(
            annotation
        )
    merged = []
    for group in by_place.values():
        first = group[0]
        if len(group) > 1:
            notes = dict.fromkeys(a.note for a in group if a.note)
            first = first.evolve(
                tags=tuple(dict.fromkeys(t for a in group for t in a.tags)),
                note="\n\n".join(notes),
                created=min(a.created for a in group),
                updated=max(a.updated for a in group),
            )
        merged.append(first)
    return merged
