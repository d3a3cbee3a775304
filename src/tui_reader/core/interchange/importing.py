"""Reading an export back: which format a file is in, its annotations made fit for the store.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, code_names, quoted
from tui_reader.core.codebook.names import TAG_LEVEL_LENGTH, check_tag_name_length
from tui_reader.core.codebook.tag_field import (
    codebook_spelling,
    codebook_spellings,
    folded_tag,
)
from tui_reader.core.display import REPLACEMENT, shell_word
from tui_reader.core.documents.corpus import keyed_files, list_corpus_files
from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.document import load_document, text_sha256
from tui_reader.core.documents.formats import SAVED_PAGE_FORMATS, format_of
from tui_reader.core.documents.safe_read import read_document_bytes
from tui_reader.core.errors import DocumentError, ImportFormatError, TagNameError
from tui_reader.core.interchange.export_text import export_block, export_line
from tui_reader.core.interchange.hypothesis import as_w3c as hypothesis_as_w3c
from tui_reader.core.interchange.hypothesis import is_hypothesis, rows_left_out
from tui_reader.core.interchange.import_schema import (
    MAX_REPORTED,
    check_annotations,
    check_records,
    load_json,
    record_problems,
    records_fine,
)
from tui_reader.core.interchange.json import parse_json
from tui_reader.core.interchange.places import all_utc_to_the_second, utc_to_the_second
from tui_reader.core.interchange.project import is_project, project_problems
from tui_reader.core.interchange.reconcile import moment
from tui_reader.core.interchange.refi import date_time, utc_date_time
from tui_reader.core.interchange.w3c import parse as parse_w3c
from tui_reader.core.interchange.w3c_expanded import is_expanded
from tui_reader.core.wording import clipped
from tui_reader.locations import document_key, document_path, real_path

FORMATS = ("w3c", "json")


def read_annotations(
    text: str,
    path: Path,
    fmt: str | None = None,
    db: Path | None = None,
    corpus: Path | None = None,
    skipped: list[str] | None = None,
    verb: str = "imported",
) -> list[Annotation]:
    """The annotations of an export's ``text`` (``fmt`` guessed when None), normalised; of
    several records with one id, the newest (``updated``) is taken.  Documents a W3C file
    names by ``file:`` IRI become keys of the database ``db``; a W3C target placed by its
    position alone takes its quote from the document, read only from inside ``corpus``
    (default: the database's folder).  A W3C annotation about a whole resource (a page note)
    is left out, said in ``skipped`` (``verb``: what the command does with what it reads, as
    that line says it: "not imported", "not merged")."""
    return read_beside(text, path, fmt, db, corpus, skipped, verb=verb).annotations


class Read(NamedTuple):
    """What :func:`read_beside` read of a file."""

    annotations: list[Annotation]  # as read_annotations gives them
    as_stored: list[dict[str, Any]]  # records that are the store's own, exactly (as_stored)
    bad: int = 0  # W3C annotations that could not be read: said in skipped, left out


def read_beside(
    text: str,
    path: Path,
    fmt: str | None = None,
    db: Path | None = None,
    corpus: Path | None = None,
    skipped: list[str] | None = None,
    ours: StoredHere | None = None,
    verb: str = "imported",
    onto: Path | None = None,
) -> Read:
    """:func:`read_annotations`, where ``ours`` (the database's records and codes) is given,
    without the records of a tui-reader JSON file of annotations that are records of ours
    exactly (:func:`as_stored`): those are given apart, neither checked nor built (an import
    of this database's own export of 100,000 annotations checked, built, normalised and
    compared each of them: most of its time).  A record the file has that a check refuses
    is said with its place in the whole file, as it was."""
    source = str(path)
    data = load_json(text, source)  # strict: nothing odd reaches the format parsers
    if fmt in (None, "json"):
        from tui_reader.core.interchange.coded_work import is_database

        if is_database(data):  # was "expected a JSON array of annotations"
            raise ImportFormatError(
                f"{source}: a tui-reader database, not an export; another coder's database "
                # piped in (the command line names it "standard input"): merge - takes it
                f"comes in with: tui-reader merge "
                f"{'-' if source == 'standard input' else shell_word(source)}"
            )
    # A W3C file's annotations that cannot be read, or are left out (placed by nothing in a
    # text, on a page not in the file or no page saved here), said in skipped: the import
    # fails, as a project's source or a Taguette highlight left out fails it
    bad: list[str] = []
    if fmt in (None, "w3c") and is_hypothesis(data):  # its own JSON: the W3C it also serves
        left_out = rows_left_out(data)
        if left_out is not None and skipped is not None:
            bad.append(left_out)
        data, fmt = hypothesis_as_w3c(data), "w3c"
    fmt = fmt or _guess(data, path)
    if onto is not None and fmt != "w3c":  # its annotations name their documents
        raise ImportFormatError(f"{source}: a {fmt} file; a document for all its annotations "
                                "is for a W3C file")  # fmt: skip
    same: list[dict[str, Any]] = []
    if fmt == "json":
        records = data.get("annotations") if isinstance(data, dict) else data
        if isinstance(records, list):
            if ours is not None and not is_project(data):  # a project's are read whole
                same, rest = as_stored(records, ours)
            # each bad record named by its place, and each bad entry of a project's other parts
            # (where what is left out is said, the entries are the project's reader's to say:
            # only a part that is not what a project holds refuses the file here)
            whole = skipped is None
            also = project_problems(data, source, entries=whole) if is_project(data) else []
            if not same or also or not records_fine(rest):
                if whole or also:
                    check_records(records, source, also, verb)
                else:  # each bad record left out alone, said, the others read
                    kept = readable_records(records, rest if same else records, bad, verb)
                    if not kept and not same:  # none could be read: the file is refused
                        check_records(records, source, also, verb)
                    if same:
                        rest = kept
                    elif len(kept) < len(records):
                        data = {**data, "annotations": kept} if is_project(data) else kept
            if same:
                data = rest
    try:
        if fmt == "w3c":
            texts = None if db is None else TextsByFileName(corpus or db.parent, db)
            annotations = parse_w3c(
                text, source, db, texts, skipped, parsed=data, verb=verb,
                bad=None if skipped is None else bad,
                raw_of=None if texts is None else texts.raw,
                onto=None if onto is None else onto.as_uri(),
            )  # fmt: skip
            if texts is not None:
                annotations = texts.rekeyed(annotations)
        elif same:
            try:
                annotations = parse_json(text, source, data)
            except ImportFormatError:  # said again with the record's place in the file
                annotations = parse_json(text, source)
        else:
            annotations = parse_json(text, source, data)
    except (TypeError, AttributeError, KeyError, ValueError, IndexError) as exc:
        raise ImportFormatError(f"{source}: not a {fmt} annotation file ({exc!r})") from exc
    if fmt == "w3c" and db is not None:
        lost = None if skipped is None else bad
        annotations = on_saved_pages(annotations, corpus or db.parent, db, lost, verb)
    if fmt == "w3c" and skipped is not None:
        codes = ours.codes if ours is not None else frozenset()
        annotations = _without_long_codes(annotations, codes, source, bad, verb)
    if skipped is not None:
        skipped.extend(bad)
    if fmt == "w3c":  # a JSON file's records were checked field by field above
        check_annotations(annotations, source, verb)
    elif not all(a.quote or a.status is AnchorStatus.ORPHAN for a in annotations):
        # a script's records, placed by their offsets
        text_of = texts_in(corpus or db.parent, db) if db is not None else None
        annotations = quoted_from_texts(annotations, text_of, source, verb)
    if fmt == "json":  # a W3C file's times were read as times (w3c.parse)
        annotations = readable_times(annotations, skipped, verb)
    found = list(one_per_id(map(normalize, annotations), skipped).values())
    if fmt == "w3c" and db is not None:
        found = by_file_name(found, corpus or db.parent, db)
        found = placed_by_quotes(found, texts_in(corpus or db.parent, db))
    if db is not None and any(REPLACEMENT in a.quote for a in found):
        found = marks_from_texts(found, texts_in(corpus or db.parent, db))
    return Read(found, same, len(bad))


def readable_records(
    records: Sequence[Any], among: Sequence[Any], bad: list[str], verb: str
) -> list[Any]:
    """Those of ``among`` (some or all of a JSON file's ``records``) that the record check
    finds nothing wrong with; each other said in ``bad``, its place in the whole file and
    its id with what is wrong, and left out whole, as a W3C annotation that cannot be read
    is: one bad record among a colleague's thousand refused them all."""
    if records_fine(among):
        return list(among)
    places = {id(record): n for n, record in enumerate(records, 1)}
    kept: list[Any] = []
    for record in among:
        problems = record_problems(record)
        if not problems:
            kept.append(record)
            continue
        given = record.get("id") if isinstance(record, dict) else None
        named = f"record {places[id(record)]}"
        if (
            isinstance(given, str)
            and given.strip()
            and not any(p.startswith("id:") for p in problems)
        ):
            named += f" ({clipped(given, 40)!r})"
        bad.append(f"{named}: {'; '.join(problems)}; not {verb}")
    return kept


def _without_long_codes(
    annotations: list[Annotation], ours: Collection[str], source: str, bad: list[str], verb: str
) -> list[Annotation]:
    """``annotations`` (a W3C file's) without those carrying a code that is not one of
    ``ours`` and longer than a person may type one (:func:`check_tag_name_length`), each said
    in ``bad``, as an annotation of the file that cannot be read is: one such code among a
    colleague's thousand annotations refused them all.  When every one of them carries one,
    the file is refused, as :func:`exportable_codes` refuses a file bringing such a code."""
    kept: list[Annotation] = []
    found: list[str] = []
    for annotation in annotations:
        problem = ""
        for name in annotation.tags:
            if name in ours or len(name) <= TAG_LEVEL_LENGTH:
                continue
            try:
                check_tag_name_length(name)
            except TagNameError as exc:
                problem = str(exc)
                break
        if problem:
            found.append(f"annotation {annotation.id!r}: {problem}")
        else:
            kept.append(annotation)
    if found and not kept:
        more = f" (and {len(found) - MAX_REPORTED} more)" if len(found) > MAX_REPORTED else ""
        shown = "; ".join(found[:MAX_REPORTED])
        raise ImportFormatError(f"{source}: nothing {verb}: {shown}{more}")
    bad.extend(f"{line}; not {verb}" for line in found)
    return kept


class StoredHere(NamedTuple):
    """The database's own, as :func:`as_stored` weighs a file's records against them."""

    records: Mapping[str, Any]  # each stored record by its id (as the store holds it)
    codes: frozenset[str]  # the codebook's names


def as_stored(records: list[Any], ours: StoredHere) -> tuple[list[dict[str, Any]], list[Any]]:
    """Of a tui-reader JSON file's ``records``, those an import finds unchanged as they are,
    and the others: a record equal to the record of ours of its id, every field the same
    (this database's own export brought back), when no other record of the file has that id
    and nothing an import does to a record changes it (its document named as the store
    names keys, each of its codes one of ours named as every export writes it, none twice).
    Its content is ours, so that :func:`~.reconcile.reconcile` finds it unchanged."""
    stored = ours.records.get
    ids = [r.get("id") if type(r) is dict else None for r in records]
    counts = Counter(i for i in ids if type(i) is str)
    plain_keys: dict[str, bool] = {}
    plain_codes: dict[tuple[str, ...], bool] = {}
    same: list[dict[str, Any]] = []
    rest: list[Any] = []
    for record, given in zip(records, ids, strict=True):
        if type(given) is str and counts[given] == 1 and stored(given) == record:
            key, tags = record.get("document"), record.get("tags")
            if type(key) is str and type(tags) is list:
                plain = plain_keys.get(key)
                if plain is None:
                    plain = plain_keys[key] = _key_named(key) == key
                codes = tuple(tags)
                if plain:
                    plain = plain_codes.get(codes)
                    if plain is None:
                        plain = plain_codes[codes] = _codes_as_they_are(codes, ours.codes)
                if plain:
                    same.append(record)
                    continue
        rest.append(record)
    return same, rest


def _codes_as_they_are(codes: tuple[str, ...], ours: frozenset[str]) -> bool:
    """Whether an import takes ``codes`` as they are (:func:`normalize`,
    :func:`exportable_codes`): each a code of ours, named as the store and every export name
    it, none twice."""
    return len(set(codes)) == len(codes) and all(
        type(c) is str and c in ours and _tag_named(c) == c and export_line(c) == c for c in codes
    )


_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # a document named by a URI, not a path


def on_saved_pages(
    annotations: list[Annotation],
    corpus: Path,
    db: Path,
    skipped: list[str] | None,
    verb: str = "imported",
) -> list[Annotation]:
    """``annotations`` of a web page (Hypothesis's, by its address) on the copy of that page
    saved in ``corpus`` (an HTML file whose address, its ``url``, is theirs), and those of a
    PDF Hypothesis read from a file, named by its fingerprint (``urn:x-pdf:``), on the PDF of
    the corpus that has it, and those of a PDF read from the web (its address) on the one PDF
    of the corpus of its file name, to be placed by their quote; those of an address no saved
    page or PDF has left out, each said in ``skipped``, never the whole file refused."""
    addressed = {a.document for a in annotations if _ADDRESS.match(a.document)}
    if not addressed:
        return annotations
    pages = _saved_pages(corpus, db) if any(map(_is_web, addressed)) else {}
    pdfs = _pdf_fingerprints(corpus, db) if any(map(_is_pdf, addressed)) else {}
    web_pdfs = _pdf_file_names(corpus, db) if any(map(_pdf_name, addressed)) else {}
    kept: list[Annotation] = []
    for annotation in annotations:
        if annotation.document not in addressed:
            kept.append(annotation)
            continue
        web, pdf = _is_web(annotation.document), _is_pdf(annotation.document)
        if web:
            key = pages.get(_page_address(annotation.document))
            if key is None and _pdf_name(annotation.document):
                key = web_pdfs.get(_pdf_name(annotation.document))
        else:
            key = pdfs.get(annotation.document[len(_PDF) :].strip().casefold()) if pdf else None
        if key is None:
            if skipped is not None:
                which = (
                    "a PDF whose file name no PDF in the corpus has alone"
                    if web and _pdf_name(annotation.document)
                    else "which no web page saved in the corpus is a copy of"
                    if web
                    else "a PDF's fingerprint no PDF in the corpus has"
                    if pdf
                    else "which names no document here"
                )
                skipped.append(
                    f"annotation {annotation.id!r}: about {annotation.document}, {which}; "
                    f"not {verb}"
                )
            continue
        # its places are in the text a browser showed: found again here by its quote
        kept.append(annotation.evolve(document=key, doc_sha256=""))
    return kept


def _is_web(address: str) -> bool:
    return address.casefold().startswith(("http://", "https://"))


_PDF = "urn:x-pdf:"  # Hypothesis's name of a PDF read from a file: PDF.js's fingerprint


def _is_pdf(address: str) -> bool:
    return address.casefold().startswith(_PDF)


def _pdf_name(address: str) -> str:
    """The file name of the PDF a web ``address`` names (``.../papers/Border%20plan.pdf?dl=1``:
    ``border plan.pdf``, case aside); "" when it names no PDF."""
    if not _is_web(address):
        return ""
    name = unquote(PurePosixPath(urlsplit(address.strip()).path).name).casefold()
    return name if name.endswith(".pdf") and len(name) > 4 else ""


def _pdf_file_names(corpus: Path, db: Path) -> dict[str, str]:
    """The PDFs of ``corpus`` by their file names, case aside (a name two PDFs have in two
    folders: neither)."""
    inside = real_path(corpus)
    if not inside.is_dir():
        return {}
    found: dict[str, str | None] = {}
    for key, listed in keyed_files(list_corpus_files(inside, (db,)), db):
        if listed.format == "pdf":
            name = PurePosixPath(key).name.casefold()
            found[name] = None if name in found else key
    return {name: key for name, key in found.items() if key is not None}


def _pdf_fingerprints(corpus: Path, db: Path) -> dict[str, str]:
    """The PDFs of ``corpus`` by their fingerprint (PDF.js's, as their conversion finds it):
    fingerprint -> key (one two PDFs share, a copy: neither)."""
    found: dict[str, str | None] = {}
    inside = real_path(corpus)
    if not inside.is_dir():
        return {}
    for key, listed in keyed_files(list_corpus_files(inside, (db,)), db):
        if listed.format != "pdf":
            continue
        try:
            fingerprint = load_document(listed.path).metadata.get("fingerprint")
        except DocumentError:
            continue
        if isinstance(fingerprint, str) and fingerprint:
            found[fingerprint] = None if fingerprint in found else key
    return {fingerprint: key for fingerprint, key in found.items() if key is not None}


def _page_address(address: str) -> str:
    """A web address as two copies of one page agree on it: without its fragment, scheme,
    ``www.`` or a last slash, the host in lower case."""
    parts = urlsplit(address.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def _saved_pages(corpus: Path, db: Path) -> dict[str, str]:
    """The web pages saved in ``corpus`` (a PDF a browser printed one to among them): the
    address each was saved from (its ``url``) -> its key (an address two pages share:
    neither)."""
    found: dict[str, str | None] = {}
    inside = real_path(corpus)
    if not inside.is_dir():
        return {}
    for key, listed in keyed_files(list_corpus_files(inside, (db,)), db):
        if listed.format not in SAVED_PAGE_FORMATS:
            continue
        try:
            url = load_document(listed.path).metadata.get("url")
        except DocumentError:
            continue
        if isinstance(url, str) and _is_web(url):
            address = _page_address(url)
            found[address] = None if address in found else key
    return {address: key for address, key in found.items() if key is not None}


def by_file_name(annotations: list[Annotation], corpus: Path, db: Path) -> list[Annotation]:
    """``annotations`` with a document that names no file inside ``corpus`` and no text of
    theirs (no ``doc_sha256``, by which a moved file's annotations are found again: another
    tool's W3C file naming ``file:///home/ben/interviews/p01.txt``) keyed to the one document
    of ``corpus`` of that file name, when there is one; else as they are (orphans)."""
    inside = real_path(corpus)
    lost = {
        a.document
        for a in annotations
        if not a.doc_sha256 and not _inside_file(document_path(a.document, db), inside)
    }
    lost -= {a.document for a in annotations if a.doc_sha256}
    if not lost or not inside.is_dir():
        return annotations
    named = _keys_by_file_name(inside, db)
    moved = {}
    for key in lost:
        keys = named.get(PurePosixPath(key).name, [])
        if len(keys) == 1:
            moved[key] = keys[0]
    if not moved:
        return annotations
    return [a.evolve(document=moved[a.document]) if a.document in moved else a for a in annotations]


def _keys_by_file_name(corpus: Path, db: Path) -> dict[str, list[str]]:
    """The keys of the documents of ``corpus`` (resolved), by their file names."""
    named: dict[str, list[str]] = {}
    for key, _ in keyed_files(list_corpus_files(corpus, (db,)), db):
        named.setdefault(PurePosixPath(key).name, []).append(key)
    return named


class TextsByFileName:
    """:func:`texts_in`, and for a bare file name that names no document (another tool's
    ``file:///home/ben/p01.txt``, keyed by its file name), the text of the one document of the
    corpus of that file name, as :func:`by_file_name` places its annotations: a target placed
    by its position alone takes its quote from it (it was "no document p01.txt here to take
    its text from", where a quote's target was placed on it).  :meth:`rekeyed` gives those
    annotations that document's key."""

    def __init__(self, corpus: Path, db: Path) -> None:
        self._corpus = real_path(corpus)
        self._db = db
        self._text_of = texts_in(corpus, db)
        self._named: dict[str, list[str]] | None = None
        self.found: dict[str, str] = {}  # each file name read so -> its document's key
        self._raw: dict[str, str | None] = {}  # each document's file as it is, once read

    def __call__(self, key: str) -> str | None:
        text = self._text_of(key)
        if text is not None or "/" in key or not key:
            return text
        if self._named is None:
            self._named = (
                _keys_by_file_name(self._corpus, self._db) if self._corpus.is_dir() else {}
            )
        keys = self._named.get(key, [])
        if len(keys) != 1 or (text := self._text_of(keys[0])) is None:
            return None
        self.found[key] = keys[0]
        return text

    def raw(self, key: str) -> str | None:
        """The characters of the file of document ``key`` (found as :meth:`__call__` finds
        it) as the file has them, its Windows line ends too, which another tool's positions
        may count; None when it is no plain text or Markdown here or cannot be read."""
        if key not in self._raw:
            self._raw[key] = self._raw_read(key)
        return self._raw[key]

    def _raw_read(self, key: str) -> str | None:
        if self(key) is None:
            return None
        path = document_path(self.found.get(key, key), self._db)
        if format_of(path) not in ("text", "markdown"):
            return None
        try:
            return decode_bytes(read_document_bytes(path), path)[0]
        except (OSError, DocumentError):
            return None

    def rekeyed(self, annotations: list[Annotation]) -> list[Annotation]:
        found = self.found
        if not found:
            return annotations
        return [
            a.evolve(document=found[a.document]) if a.document in found else a for a in annotations
        ]


def _inside_file(path: Path, inside: Path) -> bool:
    return path.is_relative_to(inside) and path.is_file()


_APART = uuid.UUID("5d0f6b2a-3c1e-4e8b-9f47-2a6c8d1e0b93")  # ids of passages sharing an id


def derived_uuid(namespace: uuid.UUID, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))``, for any ``name``: one holding a file name's
    byte that is no UTF-8 (a Latin-1 "léon.txt", whose byte Python keeps as a lone
    surrogate), or an id read so from a file, which ``uuid5`` refused with a traceback, is
    hashed with that code point's own bytes; any other gives ``uuid5``'s id."""
    digest = hashlib.sha1(namespace.bytes, usedforsecurity=False)
    digest.update(name.encode("utf-8", "surrogatepass"))
    return str(uuid.UUID(bytes=digest.digest()[:16], version=5))


def one_per_id(
    annotations: Iterable[Annotation], said: list[str] | None = None
) -> dict[str, Annotation]:
    """Each id's newest record (``updated``; at the same moment, the one written later), in
    the order the ids first come: two versions of one annotation in a file (exports joined)
    give the newer, as an import of each would.  A record of another passage (document or
    quote) under an id taken is another annotation, kept under an id made of it (the same at
    each import); each id on several records is said in ``said``."""
    kept: dict[str, Annotation] = {}
    first: dict[str, Annotation] = {}  # each id's first record: what its passage is
    versions: dict[str, int] = {}  # an id's records of one passage
    for annotation in annotations:
        given = annotation.id
        head = first.setdefault(given, annotation)
        if not _one_passage(annotation, head):
            made = derived_uuid(_APART, f"{given}\n{annotation.document}\n{annotation.quote}")
            if made not in kept and said is not None:
                said.append(
                    f"id {given[:40]!r} is on another passage too ({annotation.document}: "
                    f"{_flat(annotation.quote)!r}); it is kept as annotation {made}"
                )
            annotation = annotation.evolve(id=made)
        else:
            versions[given] = versions.get(given, 0) + 1
        before = kept.get(annotation.id)
        if before is None or moment(annotation) >= moment(before):
            kept[annotation.id] = annotation
    for given, count in versions.items():
        if count > 1 and said is not None:
            when = kept[given].updated
            said.append(
                f"id {given[:40]!r} is on {count} records of one passage: the newest "
                f"({f'changed {when}' if when else 'the last written'}) is taken"
            )
    return kept


def _one_passage(one: Annotation, other: Annotation) -> bool:
    """Whether two records are versions of one passage: of one document, the same quote or
    overlapping ranges (a passage widened between two exports).  An orphan's range says
    nothing of where it is (a target placed by its quote alone, a range that cannot be
    right, all start at 0): only its quote tells."""
    if one.document != other.document:
        return False
    if one.quote == other.quote:
        return True
    placed = AnchorStatus.ORPHAN not in (one.status, other.status)
    return placed and one.start < other.end and other.start < one.end


def _flat(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def quoted_from_texts(
    annotations: list[Annotation],
    text_of: Callable[[str], str | None] | None,
    source: str,
    verb: str = "imported",
) -> list[Annotation]:
    """``annotations`` with each that has no quote given its passage (quote and context) from
    its document's text at its offsets, as a W3C target placed by its position alone takes
    it (a script writes a record's offsets and leaves its quote empty: it was imported as an
    orphan of no text, found nowhere ever after); :class:`ImportFormatError` naming each
    that cannot be (an empty range, no such document here, a range past its end).  An
    orphan's offsets say nothing of where it is: it stays as it is."""
    placed: list[Annotation] = []
    problems: list[str] = []
    for annotation in annotations:
        if annotation.quote or annotation.status is AnchorStatus.ORPHAN:
            placed.append(annotation)
            continue
        start, end, key = annotation.start, annotation.end, _key_named(annotation.document)
        said = f"record {annotation.id!r}: no quote, and"
        text = text_of(key) if text_of is not None and 0 <= start < end else None
        if not 0 <= start < end:
            problems.append(f"{said} an empty range [{start}, {end})")
        elif text is None:
            problems.append(f"{said} no document {key} here to take it from")
        elif end > len(text):
            past = f"[{start}, {end}) is past the end of {key} ({len(text)} characters)"
            problems.append(f"{said} {past}")
        else:
            cut = quoted(text, start, end)
            placed.append(
                annotation.evolve(**cut, doc_sha256=text_sha256(text), status=AnchorStatus.ANCHORED)
            )
    if problems:
        shown, left = "; ".join(problems[:MAX_REPORTED]), len(problems) - MAX_REPORTED
        more = f" (and {left} more)" if left > 0 else ""
        raise ImportFormatError(f"{source}: nothing {verb}: {shown}{more}")
    return placed


def placed_by_quotes(
    annotations: list[Annotation], text_of: Callable[[str], str | None]
) -> list[Annotation]:
    """``annotations`` with each placed by its quote alone (another tool's W3C target with a
    TextQuoteSelector and no position: an orphan of no text's hash waiting at ``[0,
    len(quote))``) placed in its document's text here where its quote and context find one
    place (:func:`~tui_reader.core.annotations.anchoring.locate_placeless`), anchored there
    with the text's hash.  Left to be placed when re-anchored, it was weighed by its nearness
    to the start of the text, which it never was at: a passage past the first lines was an
    orphan for a look-alike there.  One found nowhere, or in several places alike, stays an
    orphan (said by the command)."""
    from tui_reader.core.annotations.anchoring import locate_placeless

    placed: list[Annotation] = []
    for annotation in annotations:
        waiting = (
            annotation.status is AnchorStatus.ORPHAN
            and not annotation.doc_sha256
            and annotation.quote
            and (annotation.start, annotation.end) == (0, len(annotation.quote))
        )
        text = text_of(annotation.document) if waiting else None
        place = None if text is None else locate_placeless(annotation, text)
        if text is not None and place is not None:
            annotation = annotation.evolve(
                start=place.start,
                end=place.end,
                **quoted(text, place.start, place.end),
                doc_sha256=text_sha256(text),
                status=AnchorStatus.ANCHORED,
            )
        placed.append(annotation)
    return placed


def marks_from_texts(
    annotations: list[Annotation], text_of: Callable[[str], str | None]
) -> list[Annotation]:
    """``annotations`` with each quote an export wrote with ``U+FFFD`` for a character of
    its passage (a direction mark, as an iPhone's WhatsApp export opens a line with one and
    Arabic or Hebrew texts hold many, or a bidi control: the export gate writes none) given
    its passage's own characters back, quote and context, from its document's text at its
    offsets, when that passage is what the gate writes so.  Read back as written, such a
    quote was found nowhere in our text and the passage came back an orphan."""
    restored: list[Annotation] = []
    for annotation in annotations:
        start, end = annotation.start, annotation.end
        if REPLACEMENT in annotation.quote and annotation.status is not AnchorStatus.ORPHAN:
            text = text_of(annotation.document)
            if text is not None and 0 <= start < end <= len(text):
                passage = text[start:end]
                if passage != annotation.quote and export_block(passage) == annotation.quote:
                    annotation = annotation.evolve(**quoted(text, start, end))
        restored.append(annotation)
    return restored


def readable_times(
    annotations: list[Annotation], skipped: list[str] | None, verb: str = "imported"
) -> list[Annotation]:
    """``annotations`` with each ``created`` or ``updated`` that is no time (a hand-edited
    export's "yesterday") left out, said in ``skipped``, one line each: the annotation
    undated, or its change dated as made.  Stored, the word was taken for a time, which the
    W3C and REFI-QDA exports then dropped without a word.  The times of a file our exports
    wrote are told valid at once, a column at a time."""
    if all_utc_to_the_second([a.created for a in annotations if a.created]) and (
        all_utc_to_the_second([a.updated for a in annotations if a.updated])
    ):
        return annotations
    said = [] if skipped is None else skipped
    kept = []
    for annotation in annotations:
        times = _times_read(
            f"record {annotation.id!r}", annotation.created, annotation.updated, said, verb
        )
        kept.append(annotation if times is None else annotation.evolve(**times))
    return kept


def _times_read(
    named: str, created: str, updated: str, said: list[str], verb: str
) -> dict[str, str] | None:
    """The ``created`` and ``updated`` times of the record ``named`` with each that is no
    time left out (said in ``said``: undated, or its change dated as made; a word both made
    and changed said once), or None when both are times in tui-reader's own form or empty.
    A time is kept as tui-reader keeps its own, in UTC with ``Z`` (``09:00:00+01:00`` is
    ``08:00:00Z``, a date alone its midnight in UTC): kept as given, it was ordered as text
    among ours (a passage made later listed first) and written otherwise by each export."""
    if (not created or utc_to_the_second(created)) and (not updated or utc_to_the_second(updated)):
        return None
    made = created
    if created and not date_time(created):
        said.append(
            f"{named}: its created time {clipped(created, 40)!r} is not a time; {verb} undated"
        )
        created = ""
    if updated and not date_time(updated):
        if updated != made:  # ('yesterday' made and changed: said once)
            dated = "dated as made" if created else "undated"
            said.append(
                f"{named}: its updated time {clipped(updated, 40)!r} is not a time; {verb} {dated}"
            )
        updated = created
    created, updated = (utc_date_time(t) or "" if t else "" for t in (created, updated))
    return {"created": created, "updated": updated}


def readable_memo_times(
    memos: Sequence[Memo], said: list[str], verb: str = "imported"
) -> list[Memo]:
    """``memos`` with each ``created`` or ``updated`` that is no time (a REFI-QDA note's
    creationDateTime="yesterday", a project's memo edited by hand) left out, said in
    ``said``, one line each, as an annotation's is (:func:`readable_times`): stored, a
    journal entry was listed as 'journal yesterday'."""
    kept = []
    for memo in memos:  # (a note's own time is its change's: said once)
        times = _times_read(f"memo {memo.id!r}", memo.created, memo.updated, said, verb)
        kept.append(memo if times is None else memo.evolve(**times))
    return kept


def texts_in(corpus: Path, db: Path) -> Callable[[str], str | None]:
    """The text of a document (by its key in ``db``), or None when it is not a readable
    document inside ``corpus`` (a key naming a file elsewhere is never read)."""
    inside = real_path(corpus)

    @cache
    def text_of(key: str) -> str | None:
        path = document_path(key, db)
        if not path.is_relative_to(inside) or not path.is_file():
            return None
        try:
            return load_document(path).text
        except DocumentError:
            return None

    return text_of


def guess_format(text: str, path: Path) -> str:
    """``w3c`` for JSON-LD annotations, ``json`` for an array of tui-reader records."""
    return _guess(load_json(text, str(path)), path)


def _guess(data: Any, path: Path) -> str:
    if path.suffix.lower() == ".jsonld":
        return "w3c"
    first = data[0] if isinstance(data, list) and data else data
    if isinstance(first, dict) and ("type" in first or "@context" in first):
        return "w3c"
    return "w3c" if is_expanded(data) else "json"


def relative_to(annotation: Annotation, db: Path) -> Annotation:
    """``annotation`` with an absolute document path turned into a key of the database ``db``."""
    if not annotation.document.startswith("/"):  # (as PurePosixPath tells, 10x faster)
        return annotation
    return annotation.evolve(document=document_key(Path(annotation.document), db))


def normalize(annotation: Annotation) -> Annotation:
    """Tag names as the store takes them (no empty parts, no spaces around parts), the
    document key as the store makes keys (``./a.txt``, ``c//a.txt``, ``c/x/../a.txt``: one
    document, not three); a range that cannot be right is left for re-anchoring by its quote.
    An annotation that is so already is given back as it is (100,000 of an export imported
    again: each name is made once, not once an annotation)."""
    tags = tuple(dict.fromkeys(filter(None, map(_tag_named, annotation.tags))))
    key = _key_named(annotation.document)
    placed = 0 <= annotation.start < annotation.end
    if placed and key == annotation.document and tags == annotation.tags:
        return annotation
    changes: dict[str, Any] = {"tags": tags, "document": key}
    if not placed:
        changes.update(start=0, end=max(1, len(annotation.quote)), status=AnchorStatus.ORPHAN)
    return annotation.evolve(**changes)


@lru_cache(maxsize=65536)
def _tag_named(tag: str) -> str:
    """A tag's name as the store takes it, as it reads a stored one (:func:`code_names`: its
    parts stripped, the empty ones left out, runs of spaces one, accents composed)."""
    return next(iter(code_names((tag,))), "")


@lru_cache(maxsize=65536)
def _key_named(key: str) -> str:
    """A document key as the store makes keys (an absolute path is relative_to's)."""
    return posixpath.normpath(key) if key and not key.startswith("/") else key


@dataclass(frozen=True)
class ExportableCodes:
    """What :func:`exportable_codes` made of what a file brings: its annotations and codes,
    each code named as every export writes it, and a line for each name it changed."""

    annotations: list[Annotation]
    tags: list[Tag]
    changed: list[str]
    memos: list[Memo] = field(default_factory=list)  # the memos given, as weighed
    left_out: list[str] = field(default_factory=list)  # each left out, what was wrong


def exportable_codes(
    annotations: Iterable[Annotation],
    tags: Sequence[Tag],
    ours: Iterable[str],
    source: str = "",
    *,
    verb: str = "imported",
    memos: Iterable[Memo] = (),
    ours_by_id: Callable[[str], Annotation | None] | None = None,
    leave_out: bool = False,
) -> ExportableCodes:
    """The codes a file brings (an import of any format, a merge), each named as every export
    writes it: a control character, line break, tab or direction mark in a code's name, which
    no export writes as it is (:func:`~.export_text.export_line`: ``ESC`` becomes ``␛``), is
    taken as the export writes it, so that exporting and importing again gives the same code,
    and a line says so.  A name that is how the exports write one of ``ours`` (the database's
    codes, some stored before such names were refused) is that code: an export of this
    database comes back with its own codes.  A name with its accents encoded otherwise
    (``e`` and a combining accent, as PDFs and Macs write them) is the code of ours it reads
    as, else stored composed (NFC): ``Sécurité`` is one code, however each coder typed it.
    A name that is one of ours (or a parent of one) in another case is ours, as a code typed
    in another case is (:func:`~.tag_field.as_in_codebook`): a colleague's ``People/Family``
    does not make a second code beside our ``people/family``.  A name that is two or more
    of ours in another case (``ANGER`` with our ``Anger`` and ``anger``) is none of them
    above the others: a passage of ours (``ours_by_id`` finds it) keeps the one it carries,
    any other takes the first in the codebook's order, and a line says so.

    A code that is not ours and is longer than a person may type one
    (:func:`~tui_reader.core.codebook.names.check_tag_name_length`) refuses the whole file,
    :class:`ImportFormatError` naming ``source`` (``verb``: what did not happen to it), before
    anything is written: one rule for every way a code comes in (a W3C file's annotation
    carrying one is left out before, and said, the others read: :func:`_without_long_codes`).
    A memo of a code among
    ``memos`` (a project's, a colleague's) is weighed so too: a memo of a code no one may
    make was kept as a memo about nothing.  With ``leave_out``, each annotation carrying
    such a code, the codebook's entry of it and a memo of it are left out alone, a line each
    in ``left_out``, the rest taken, as a W3C file's annotation carrying one is; the file
    is refused only when it has annotations and every one of them carries one."""
    memos = list(memos)
    ours = set(ours)
    exported: dict[str, str] = {}  # how the exports write a code of ours -> that code
    for name in ours:
        written = export_line(name)
        if written != name and written not in ours:  # ("a b" is ours: not "a\tb")
            exported.setdefault(written, name)
    spelled = codebook_spellings(sorted(ours))  # a code of ours, folded -> that code
    by_fold: dict[str, list[str]] = {}
    for code in sorted(ours):
        by_fold.setdefault(folded_tag(code), []).append(code)
    said: dict[str, str] = {}
    twins: dict[str, list[str]] = {}  # a name that is several codes of ours -> those codes

    def named(name: str) -> str:
        written = export_line(name)
        if written != name:  # a tab becomes a space: none around a part, as normalize()
            written = "/".join(part.strip() for part in written.split("/") if part.strip())
            said.setdefault(name, written)
        if written in exported:
            return exported[written]
        if written in ours:
            return written
        # as the store takes a name (a project's codebook, a database of before names were
        # checked: "a//b", " c / d "): its parts stripped, the empty ones left out, as an
        # annotation's codes are read (it was refused by the store once the file's memos
        # and attributes were saved)
        written = _tag_named(written)
        if written in ours or not written:
            return written
        key = folded_tag(written)
        same = by_fold.get(key, ())
        if len(same) > 1:  # ours in several cases: which one is the passage's
            twins[name] = same
            return same[0]
        # one of ours, or one below one of ours, however either is cased: a colleague's
        # FEAR/x is our Fear/x, not a second top-level FEAR beside Fear (as annotate takes it)
        return codebook_spelling(_nfc(written), spelled)

    made: dict[str, str] = {}  # each name once, not once an annotation carries it

    def named_once(name: str) -> str:
        found = made.get(name)
        if found is None:
            found = made[name] = named(name)
        return found

    cleaned: list[Annotation] = []
    sets: dict[
        tuple[str, ...], tuple[str, ...] | None
    ] = {}  # each set of codes once (None: as it is)
    for annotation in annotations:
        given = annotation.tags
        if given in sets:
            names = sets[given]
        else:
            names = tuple(filter(None, dict.fromkeys(map(named_once, given))))
            names = sets[given] = None if names == given else names
        if names is not None and twins and ours_by_id is not None:
            names = _as_ours_carries(annotation, given, names, twins, ours_by_id, named_once)
        cleaned.append(annotation if names is None else annotation.evolve(tags=names))
    codes: dict[str, Tag] = {}
    for tag in tags:
        name = named(tag.name)
        if name:
            codes.setdefault(name, replace(tag, name=name))
    memo_codes = [named(m.target) for m in memos if m.kind is MemoKind.CODE]
    every = [*made.values(), *codes, *memo_codes]
    left_out: list[str] = []
    if not leave_out:
        _check_new_code_lengths(every, ours, source, verb)
    elif too_long := _too_long(every, ours):
        coded = bool(cleaned)
        memo_named = [named(m.target) if m.kind is MemoKind.CODE else "" for m in memos]
        cleaned, memos, left_out = _without_codes(cleaned, codes, memos, memo_named, too_long, verb)
        if coded and not cleaned:  # every one of them carries one: the file is refused
            _check_new_code_lengths(every, ours, source, verb)
    changed = [
        f"code {name!r} holds a control character, line break or direction mark, which no "
        f"export writes as it is: taken as {written!r}"
        for name, written in said.items()
    ]
    changed += [
        f"code {name!r} is {' and '.join(map(repr, same))} here but for case: each passage "
        f"of ours keeps the one it carries, any other takes {same[0]!r}"
        for name, same in twins.items()
    ]
    return ExportableCodes(cleaned, list(codes.values()), changed, memos, left_out)


def _too_long(names: Iterable[str], ours: Collection[str]) -> dict[str, str]:
    """Each of ``names`` (not among ``ours``: a code kept in the database is kept) too long
    for a code, with what is wrong with it."""
    found: dict[str, str] = {}
    for name in dict.fromkeys(names):
        if name in ours or len(name) <= TAG_LEVEL_LENGTH:
            continue
        try:
            check_tag_name_length(name)
        except TagNameError as exc:
            found[name] = str(exc)
    return found


def _without_codes(
    annotations: list[Annotation],
    codes: dict[str, Tag],
    memos: list[Memo],
    memo_codes: list[str],
    too_long: Mapping[str, str],
    verb: str,
) -> tuple[list[Annotation], list[Memo], list[str]]:
    """``annotations`` and ``memos`` without those carrying or about a code of ``too_long``
    (named as :func:`exportable_codes` names them; a memo's code in ``memo_codes``, "" for
    a memo of no code), ``codes`` left without them (in place), and a line for each."""
    said: list[str] = []
    kept: list[Annotation] = []
    carried: set[str] = set()  # the codes too long of the annotations left out
    for annotation in annotations:
        found = [t for t in annotation.tags if t in too_long]
        if found:
            said.append(f"annotation {annotation.id!r}: {too_long[found[0]]}; not {verb}")
            carried.update(found)
        else:
            kept.append(annotation)
    for name in [name for name in codes if name in too_long]:
        if name not in carried:  # (one a passage carried was said with it)
            said.append(f"a code of the codebook: {too_long[name]}; not {verb}")
        del codes[name]
    taken: list[Memo] = []
    for memo, code in zip(memos, memo_codes, strict=True):
        problem = too_long.get(code) if code else None
        if problem is None:
            taken.append(memo)
        else:
            said.append(f"a memo of a code: {problem}; not {verb}")
    return kept, taken, said


def _as_ours_carries(
    annotation: Annotation,
    given: tuple[str, ...],
    names: tuple[str, ...],
    twins: Mapping[str, list[str]],
    ours_by_id: Callable[[str], Annotation | None],
    named: Callable[[str], str],
) -> tuple[str, ...]:
    """``names`` (``given`` as :func:`exportable_codes` ``named`` them) with each name that is
    several of our codes in another case (``twins``) the one of them our passage of the same
    id carries: ``ANGER`` on a passage we code ``anger`` is ``anger``, not ``Anger``."""
    if not any(name in twins for name in given):
        return names
    ours = ours_by_id(annotation.id)
    if ours is None:
        return names
    carried = set(ours.tags)

    def chosen(name: str) -> str:
        same = twins.get(name, ())
        return next((code for code in same if code in carried), None) or named(name)

    return tuple(filter(None, dict.fromkeys(map(chosen, given))))


def _check_new_code_lengths(
    names: Iterable[str], ours: Collection[str], source: str, verb: str
) -> None:
    """:class:`ImportFormatError` naming each of ``names`` (not among ``ours``: a code kept in
    the database is kept) too long for a code."""
    found = []
    for name in dict.fromkeys(names):
        if name in ours or (len(name) <= TAG_LEVEL_LENGTH):
            continue
        try:
            check_tag_name_length(name)
        except TagNameError as exc:
            found.append(str(exc))
    if found:
        more = f" (and {len(found) - MAX_REPORTED} more)" if len(found) > MAX_REPORTED else ""
        shown = "; ".join(found[:MAX_REPORTED])
        raise ImportFormatError(f"{source}: nothing {verb}: {shown}{more}")


def memos_on_our_codes(memos: Iterable[Memo], ours: Iterable[str]) -> list[Memo]:
    """``memos`` with a code's memo whose code is one of ``ours`` (the database's codes) in
    another case, or with its accents encoded otherwise, on our code, as
    :func:`exportable_codes` puts the passages carrying it: a colleague's memo of
    ``People/Family`` is one of our ``people/family`` (it was a memo of a code that is not in
    the codebook, beside ours)."""
    memos = list(memos)
    ours = set(ours)
    if not any(m.kind is MemoKind.CODE and m.target not in ours for m in memos):
        return memos
    spelled = codebook_spellings(sorted(ours))
    return [
        m.evolve(target=codebook_spelling(m.target, spelled))
        if m.kind is MemoKind.CODE and m.target not in ours
        else m
        for m in memos
    ]


def _nfc(name: str) -> str:
    if name.isascii() or unicodedata.is_normalized("NFC", name):
        return name
    return unicodedata.normalize("NFC", name)
