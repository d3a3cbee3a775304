"""W3C Web Annotation (JSON-LD) export and import.

The export is an ``AnnotationCollection`` with one embedded ``AnnotationPage``, each with an id
(``urn:uuid:``, derived from what is exported and when).  Each annotation's id is an IRI
(:func:`annotation_iri`); it names its coder as
``creator`` (a ``Person`` with a ``name``) and targets its document (``source``: the document's
absolute ``file:`` IRI, which the W3C test suite and RDF tools need; the bare key, relative,
when the folder is not known; a saved web page whose address is known: that address, the file
being the copy annotated, a ``TimeState``'s ``cached``, read back so) with a
``TextQuoteSelector``
(exact, prefix, suffix) and a ``TextPositionSelector`` (code points into the canonical text,
half-open); its times, ``created`` and ``modified``, are ``xsd:dateTime`` in UTC (``Z``), as the
model requires, or left out; tags are
``TextualBody`` bodies with purpose ``tagging``, the note one with purpose ``commenting`` and
format ``text/plain`` (a note is plain text, as the Markdown export writes it: a tool reading it
as Markdown would hide a transcript's ``<inaudible>`` and make ``1986.`` a list).  What the
model has no term for (the document's sha256, the anchoring status) uses terms of our own
context.

:func:`parse` reads such a document back (also a single annotation, a page, a list or a JSON-LD
``@graph``, as other tools write them; a ``bodyValue`` is a body of its text, and a body without a
purpose is a tag in a ``tagging`` annotation, else a note; an annotation of several targets is
one for each; a plain-text ``FragmentSelector``, RFC 5147's ``char=S,E``, is a position, as is
such a fragment of a target's IRI (``"target": "a.txt#char=5,10"``); a target or source described
as a resource of its own (``{"id": IRI, "type": "Text"}``) is that IRI; a
selector refined by another, ``refinedBy``, is placed by what refines it; expanded or flattened
JSON-LD, as RDF tools write it, is read as the compact form: :mod:`.w3c_expanded`).
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import quote_from_bytes as url_quote_from_bytes
from urllib.parse import unquote, unquote_to_bytes, urlparse

from tui_reader.core.annotations.model import AnchorStatus, Annotation, quoted, reading_order
from tui_reader.core.display import json_escaped
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.documents.formats import media_type_of_name
from tui_reader.core.documents.sanitize import clean_text, normalize_newlines
from tui_reader.core.errors import W3CFormatError
from tui_reader.core.interchange import Annotations, Codebook, Documents, ExportOptions, utf16
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.export_text import UNSAFE_LINE
from tui_reader.core.interchange.import_schema import (
    MAX_OFFSET,
    MAX_REPORTED,
    BadNumber,
    annotation_problems,
    as_json,
    not_json,
)
from tui_reader.core.interchange.json_text import pretty_json
from tui_reader.core.interchange.kept_contexts import KeptContexts
from tui_reader.core.interchange.markdown_note import shown_text
from tui_reader.core.interchange.name_bytes import names_with_bytes
from tui_reader.core.interchange.refi import guid, utc_date_time
from tui_reader.core.interchange.w3c_context import (
    kept_prefix,
    kept_suffix,
    texts_of,
    wider_contexts,
)
from tui_reader.core.interchange.w3c_expanded import compacted, is_expanded
from tui_reader.core.interchange.w3c_text import columns_items_text, items_text
from tui_reader.core.wording import agreeing, clipped, counted
from tui_reader.locations import CoderNameError, coder_name

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
OWN_CONTEXT = {
    "tuiReader": "urn:tui-reader:",
    "docSha256": "tuiReader:docSha256",
    "anchorStatus": "tuiReader:anchorStatus",
    "documentKey": "tuiReader:documentKey",
}
_ID_PREFIX = "urn:uuid:"
_OWN_ID_PREFIX = "urn:tui-reader:annotation:"  # an id that is neither a UUID nor an IRI
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# An absolute IRI as other tools give annotations (Hypothesis's https://hypothes.is/a/...):
# a scheme, then none of the characters an IRI never holds.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]+")


def annotation_iri(annotation_id: str) -> str:
    """The W3C ``id`` of the annotation ``annotation_id``: ``urn:uuid:`` of a UUID (ours), an
    IRI as it is (another tool's), else the id percent-encoded in a URN of ours; :func:`parse`
    gives each back as it was."""
    if _UUID.fullmatch(annotation_id):
        return _ID_PREFIX + annotation_id
    if _IRI.fullmatch(annotation_id) and not annotation_id.startswith(_OWN_ID_PREFIX):
        return annotation_id
    return _OWN_ID_PREFIX + url_quote(annotation_id, safe="")


# Each byte of an id to its part of a UUID's shape: a hex digit to "x", "-" and the line break
# joining ids kept, any other byte to "?" (see :func:`all_uuids`).
_UUID_SHAPE = bytes(
    0x78 if chr(b) in "0123456789abcdefABCDEF" else b if b in b"-\n" else 0x3F for b in range(256)
)
_UUID_LINE = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\n"


def all_uuids(ids: Sequence[str]) -> bool:
    """Whether every one of ``ids`` is a UUID (as :data:`_UUID` matches it), told in C at once
    over their text, not by a match each (100,000 ids: 6 ms instead of 60): the ids joined by
    line breaks, each byte to its shape, are the UUID's shape ``len(ids)`` times only when
    each is one (an id holding a line break makes one piece more)."""
    joined = "\n".join(ids)
    if not joined.isascii():
        return False
    shape = joined.encode("ascii").translate(_UUID_SHAPE)
    return shape == (_UUID_LINE * len(ids))[:-1]


def _annotation_id(iri: str) -> str:
    """The annotation id a W3C ``id`` gives (see :func:`annotation_iri`)."""
    if iri.startswith(_ID_PREFIX):
        return iri[len(_ID_PREFIX) :]
    if iri.startswith(_OWN_ID_PREFIX):
        return unquote(iri[len(_OWN_ID_PREFIX) :])
    return iri


def source_iri(key: str, folder: Path | None) -> str:
    """The document ``key`` names as an IRI: ``file:`` of its absolute path when ``folder``
    (what keys are relative to) is known, else the key percent-encoded (relative)."""
    return source_iris(folder)(key)


def source_iris(
    folder: Path | None, file_keys: Mapping[str, str] | None = None
) -> Callable[[str], str]:
    """What makes :func:`source_iri` of a key for ``folder`` (made absolute once, not once
    for each of 10,000 documents); ``file_keys``: a key as the export gate wrote it -> the
    file's own (:attr:`ExportOptions.file_keys`), so the IRI names the file itself."""
    if folder is None:
        made: Callable[[str], str] = _relative_iri
    else:
        made = functools.partial(_file_iri, folder=str(Path(folder).absolute()))
    if not file_keys:
        return made
    own = dict(file_keys)
    return lambda key: made(own.get(key, key))


def web_address(url: str) -> bool:
    """Whether ``url`` (a saved page's, as it gives it) is an address on the web an
    annotation's ``source`` can name: an absolute http(s) IRI (not ``cid:``, ``about:``, a
    relative path or one holding a space)."""
    return url.casefold().startswith(("http://", "https://")) and bool(_IRI.fullmatch(url))


def target_sources(
    folder: Path | None,
    file_keys: Mapping[str, str] | None = None,
    page_urls: Mapping[str, str] | None = None,
    page_saved: Mapping[str, str] | None = None,
) -> Callable[[str], tuple[str, str, str]]:
    """What gives a key's target ``source``, the IRI of the file that holds it and when that
    file was saved: a saved web page whose address is known (``page_urls``: by the file's own
    key) is named by that address, the file being the copy annotated (a ``TimeState``'s
    ``cached``, as the model names a copy of the resource, and its ``sourceDate``, which the
    model requires of a TimeState, from ``page_saved``): a web annotation tool finds
    annotations by the page's address.  A page of no known saving time, or a file that is
    no such page, is named by its file: ``("", iri, "")``."""
    iri = source_iris(folder, file_keys)
    if not page_urls:
        return lambda key: ("", iri(key), "")
    own = dict(file_keys or {})
    saved = page_saved or {}
    pages = {
        key: (_gated_address(url), saved[key])
        for key, url in page_urls.items()
        if web_address(url) and saved.get(key)
    }

    def sources(key: str) -> tuple[str, str, str]:
        url, when = pages.get(own.get(key, key), ("", ""))
        return url, iri(key), when

    return sources


def time_state(iri: str, saved: str) -> dict[str, str]:
    """The W3C model's TimeState of the copy of a web page in the file ``iri``, saved at
    ``saved`` (a TimeState must have a ``sourceDate``: the suite's 4.3.1 check)."""
    return {"type": "TimeState", "sourceDate": saved, "cached": iri}


def _gated_address(url: str) -> str:
    """A page's address with each character the export gate keeps out of a line (a bidi
    override, a direction mark: what a terminal the export is printed to acts on)
    percent-encoded, as a browser sends it: still the page's address."""
    return UNSAFE_LINE.sub(
        lambda found: url_quote(found.group().encode("utf-8", "surrogatepass"), safe=""), url
    )


def _relative_iri(key: str) -> str:
    try:  # a name not in UTF-8 (its bytes kept as lone surrogates): those bytes
        return url_quote(key.encode("utf-8", "surrogateescape"), safe="/")
    except UnicodeEncodeError:
        return url_quote(key.encode("utf-8", "replace"), safe="/")


@functools.lru_cache(maxsize=16384)  # a document's many annotations: its IRI made once
def _file_iri(key: str, folder: str) -> str:
    path = os.path.normpath(os.path.join(folder, key))
    if os.name == "posix":  # Path.as_uri's, no Path made and parsed (10,000 documents)
        return "file://" + url_quote_from_bytes(os.fsencode(path))
    return Path(path).as_uri()


def document_of(source: str, key: Any = None, db: Path | None = None) -> str:
    """The document a target's ``source`` names, as a key of the database ``db``: a ``file:``
    IRI of a file in ``db``'s folder is its key; one elsewhere is the ``documentKey`` the
    export carried (relative, as ``import`` takes keys), else its file name; a relative source
    is the key it is.  Without ``db`` (another coder's export, for ``merge``, matched to our
    documents by its text), a ``file:`` IRI is the ``documentKey`` the export carried, else
    its file name."""
    if isinstance(key, str) or key is None:  # as exports write it: worked out once each
        return _document_of(source, key, db)
    return _document_of.__wrapped__(source, key, db)


@functools.lru_cache(maxsize=16384)  # a document's many annotations name it alike
def _document_of(source: str, key: Any, db: Path | None) -> str:
    if not source.startswith("file:"):
        plain = unquote(source)
        if not _WINDOWS_PATH.match(plain):
            return plain
        # a Windows tool's path (C:\Users\ben\p01.txt, \\server\share\p01.txt): a
        # file elsewhere, as a file: IRI of another machine is
        return key if isinstance(key, str) and key else _file_name(plain)
    path = Path(_iri_path(urlparse(source).path))
    if db is not None:
        folder = Path(db).absolute().parent
        if path.is_relative_to(folder):
            return path.relative_to(folder).as_posix()
    # file:///C:%5CUsers%5Cben%5Cp01.txt: its backslashes are a Windows path's
    return key if isinstance(key, str) and key else _file_name(path.name)


def _iri_path(path: str) -> str:
    """The path of a ``file:`` IRI's path part: its percent escapes are bytes, a name that is
    not UTF-8 (``caf%E9.txt``, as the export writes a Latin-1 "café.txt") those bytes, as
    the file system names it (it was "caf\ufffd.txt", a file that is not there)."""
    if os.name == "nt":
        from urllib.request import url2pathname  # (urllib.request: see _text_at)

        return url2pathname(path)
    return os.fsdecode(unquote_to_bytes(path))


_WINDOWS_PATH = re.compile(r"[A-Za-z]:[\\/]|\\\\")  # C:\ or C:/, or \\server


def _file_name(path: str) -> str:
    """The last part of a path, whichever slash it is written with."""
    return re.split(r"[\\/]", path)[-1] or path


def to_w3c(
    annotation: Annotation,
    folder: Path | None = None,
    file_keys: Mapping[str, str] | None = None,
    page_urls: Mapping[str, str] | None = None,
    page_saved: Mapping[str, str] | None = None,
    generator: str = "",
    languages: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One annotation as a W3C Web Annotation object (without ``@context``); ``folder``: what
    its document key is relative to (``file_keys``: see :func:`source_iris`; ``page_urls``
    and ``page_saved``: see :func:`target_sources`); ``generator``: the software writing it
    (the model's SHOULD of an annotation's generator, as the collection's), and its target's
    ``format`` the media type of its file, where its extension tells one, and its
    ``language`` the document's of ``languages``, where it says one."""
    body: list[dict[str, Any]] = [  # a code is plain text too (a body's format: a SHOULD)
        {"type": "TextualBody", "purpose": "tagging", "value": tag, "format": "text/plain"}
        for tag in annotation.tags
    ]
    if annotation.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": annotation.note,
                "format": "text/plain",  # a note is plain text: '<inaudible>' is what it says
            }
        )
    motivation = (
        "commenting" if annotation.note else "tagging" if annotation.tags else "highlighting"
    )
    record: dict[str, Any] = {
        "id": annotation_iri(annotation.id),
        "type": "Annotation",
        "motivation": motivation,
    }
    for key, when in (("created", annotation.created), ("modified", annotation.updated)):
        written = utc_date_time(when)
        if written is not None:  # an xsd:dateTime in UTC, or none at all
            record[key] = written
    if annotation.coder:
        record["creator"] = {"type": "Person", "name": annotation.coder}
    if generator:
        record["generator"] = {"type": "Software", "name": generator}
    if body:
        record["body"] = body
    url, iri, saved = target_sources(folder, file_keys, page_urls, page_saved)(annotation.document)
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": annotation.quote,
            "prefix": annotation.prefix,
            "suffix": annotation.suffix,
        }
    ]
    if annotation.status is not AnchorStatus.ORPHAN:
        # An orphan's place is in the text it was coded on, which is no longer its
        # document's (docSha256 names that text): a reader trusting the position found other
        # words there.  Its quote alone is what is true of it.
        selectors.append(
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        )
    media_type = target_format(annotation.document)
    record["target"] = {
        "source": url or iri,
        **({"state": time_state(iri, saved)} if url else {}),
        **({"format": media_type} if media_type else {}),
        **(
            {"language": language}
            if (language := (languages or {}).get(annotation.document))
            else {}
        ),
        "selector": selectors,
    }
    record["documentKey"] = (file_keys or {}).get(annotation.document, annotation.document)
    record["docSha256"] = annotation.doc_sha256
    record["anchorStatus"] = str(annotation.status)
    return record


def target_format(key: str) -> str | None:
    """The media type of the file of the document ``key`` (by its file name's extension), a
    W3C target's ``format``: the model's SHOULD, which tells a reader what the positions are
    counted in (the text of a PDF, of a web page as shown); None where none is known."""
    return media_type_of_name(posixpath.basename(key))


# A language tag as BCP 47 writes one (its primary language, then subtags: "en", "pt-BR")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(given: object) -> str | None:
    """``given`` (a document's language as its file says it: ``en``, ``EN-GB``, ``pt_BR``) as
    the W3C model takes a language, a BCP 47 tag, its primary language in lower case (the
    test suite checks that); None for what is none (``English``, ``und``: undetermined)."""
    if not isinstance(given, str):
        return None
    tag = given.strip().replace("_", "-")
    if _LANGUAGE_TAG.fullmatch(tag) is None:
        return None
    primary, dash, rest = tag.partition("-")
    return None if primary.lower() == "und" else primary.lower() + dash + rest


def render(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """The JSON-LD collection of ``annotations`` in (document, start) order, ending in a newline."""
    ordered = sorted(annotations, key=reading_order)
    # a quote and its context that occur several times in the text: a context naming one
    rows = ((a.document, a.start, a.end, a.prefix, a.suffix, str(a.status)) for a in ordered)
    wider = wider_contexts(rows, texts_of(documents, options.texts), _kept(options))
    ordered = [
        replace(a, prefix=wider[n][0], suffix=wider[n][1]) if n in wider else a
        for n, a in enumerate(ordered)
    ]
    folder, keys, urls = options.documents_folder, options.file_keys, options.page_urls
    saved = options.page_saved
    made, languages = options.generator, options.languages
    written = items_text(ordered, folder, keys, urls, saved, made, languages)  # the bulk
    items = (
        []
        if written is not None
        else [to_w3c(a, folder, keys, urls, saved, made, languages) for a in ordered]
    )
    parts = _collection([a.id for a in ordered], items, written, options)
    return b"".join(parts).decode("utf-8")


def render_columns(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> Iterable[bytes]:
    """:func:`render` of annotations given as columns, in reading order, in UTF-8, in parts
    (150 MB for 100,000 annotations: written one after another, never copied into one),
    the items' made as they are taken."""
    c = columns  # a quote and its context that occur several times in the text: one place
    rows = zip(c.document, c.start, c.end, c.prefix, c.suffix, c.status, strict=True)
    wider = wider_contexts(rows, texts_of(documents, options.texts), _kept(options))
    if wider:
        columns = columns.with_contexts(wider)
    written = columns_items_text(
        columns,
        options.documents_folder,
        options.file_keys,
        options.page_urls,
        options.page_saved,
        options.generator,
        options.languages,
    )
    return _collection(columns.id, [], written, options)


def _kept(options: ExportOptions) -> KeptContexts | None:
    """The contexts lengthened by earlier exports, kept with the places cache (None: none)."""
    return options.places.contexts if options.places is not None else None


def _collection(
    ids: list[str],
    items: list[dict[str, Any]],
    written: Iterable[bytes] | None,
    options: ExportOptions,
) -> Iterable[bytes]:
    """The collection of the annotations of ``ids`` in UTF-8, in parts, with ``items`` (as
    objects) or their text ``written`` (in UTF-8, in parts)."""
    name = "\n".join([options.project_name, options.exported_at, *ids])
    collection_id = _ID_PREFIX + guid("w3c-collection", name).lower()
    collection = {
        "@context": [W3C_CONTEXT, OWN_CONTEXT],
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": options.project_name,
        "generator": {"type": "Software", "name": options.generator},
        "generated": options.exported_at,
        "total": len(ids),
        # the one page, which is the last too (a SHOULD of the model)
        "last": _ID_PREFIX + guid("w3c-page", collection_id).lower(),
        "first": {
            "id": _ID_PREFIX + guid("w3c-page", collection_id).lower(),
            "type": "AnnotationPage",
            "partOf": {"id": collection_id, "total": len(ids)},
            "startIndex": 0,
            "items": items,
        },
    }
    text = pretty_json(collection)
    if options.file_keys:  # a documentKey may hold what a terminal acts on: as escapes
        text = names_with_bytes(json_escaped(text))  # a name not UTF-8: see name_bytes
    if written is None:
        return [(text + "\n").encode("utf-8")]
    # The empty list stands where the items go: no string value can hold these quotes bare.
    head, tail = text.split('"items": []', 1)
    return chain(((head + '"items": ').encode("utf-8"),), written, ((tail + "\n").encode("utf-8"),))


# -- import ----------------------------------------------------------------------------


_NOT_PARSED: Any = object()  # parse's text not parsed yet (None is JSON's null)


def parse(
    text: str,
    source: str = "W3C file",
    db: Path | None = None,
    text_of: Callable[[str], str | None] | None = None,
    skipped: list[str] | None = None,
    parsed: Any = _NOT_PARSED,
    verb: str = "imported",
    bad: list[str] | None = None,
    raw_of: Callable[[str], str | None] | None = None,
    onto: str | None = None,
) -> list[Annotation]:
    """The annotations of a W3C Web Annotation JSON(-LD) text (documents as keys of ``db``:
    see :func:`document_of`).  An annotation about a whole resource (a target with no
    selector: a page note) has no passage: it is left out, said in ``skipped``.

    Accepts a collection (with ``first`` and ``next`` pages embedded), a page, one annotation or
    a list of them.  A target with a TextPositionSelector and no TextQuoteSelector (the model
    allows either) takes its quote from the document's text, ``text_of(key)`` (None: no such
    document here).  ``parsed``: the text's JSON when the caller parsed it already (an import
    checks it first: parsing 76 MB again took a tenth of the import).  ``verb``: what the
    command does with what it reads, as ``skipped`` says it ("not imported", "not merged").
    ``bad``: where an annotation that cannot be read (a target with no source, a selector's
    positions that are no numbers) is said, a line each naming it and what is wrong, and left
    out, the others read, as a REFI-QDA project's selection that cannot be read is; without
    it, or when no annotation of the file could be read, one of them refuses the file.  A
    page of the collection not in the file is said there too (without it, in ``skipped``),
    as what the file lacks: its annotations are not brought in; and the annotations placed
    by nothing in a text (a page note, an XPath), said in ``skipped``, when they are all
    the file has: nothing of it is brought in.
    ``raw_of(key)``: the characters of a document's file as the file has them (its Windows
    line ends), which another tool's positions may count (see :func:`_in_code_points`).
    ``onto``: the IRI of the document every annotation is about, whatever its targets name
    (Recogito's: its own copy of the text, or none), their selectors placing the passages.
    Raises :class:`W3CFormatError` naming ``source`` and the problem.
    """
    data = parsed
    if data is _NOT_PARSED:
        try:
            data = json.loads(text, parse_constant=_not_a_number)
        except json.JSONDecodeError as exc:
            raise W3CFormatError(not_json(source, exc)) from exc
        except ValueError as exc:
            raise W3CFormatError(f"{source}: {exc}") from exc
    if is_expanded(data):  # written by an RDF tool: its terms as IRIs
        data = compacted(data)
    said = [] if skipped is None else skipped
    lost = said if bad is None else bad  # what is left out
    items = _items(data, source, lost, verb)
    counts = _Counts(raw_of)
    for again in (False, True):
        annotations: list[Annotation] = []
        found: list[str] = []  # each bad annotation's problem
        read = 0  # the annotations that could be read
        told: list[str] = []  # what is read otherwise than it says
        passageless: list[str] = []  # the annotations placed by nothing in a text
        for n, item in enumerate(items, 1):
            try:
                if isinstance(item, dict) and "id" not in item and "@id" in item:
                    item = {**item, "id": item["@id"]}  # the keyword the context's id is
                item = item if onto is None else _onto(item, onto)
                placed = _from_w3c(item, source, n, db, text_of, told, verb, counts, passageless)
                if bad is not None:  # else the caller checks them all (or none)
                    _check_fields(placed, f"{source}: annotation {n}")
                annotations.extend(placed)
            except W3CFormatError as exc:
                found.append(_named(str(exc).removeprefix(f"{source}: "), item, n))
            else:
                read += 1
        if again or not counts.recounted():  # read again, each document as its count says
            break
    annotations = _account_coders(annotations)
    said.extend(told)
    said.extend(counts.mixed())
    (lost if passageless and not annotations else said).extend(passageless)
    if found and read and bad is not None:  # the good ones read, each bad one said
        bad.extend(f"{problem}; not {verb}" for problem in found)
    elif found:
        more = f" (and {len(found) - MAX_REPORTED} more)" if len(found) > MAX_REPORTED else ""
        shown = "; ".join(found[:MAX_REPORTED])
        raise W3CFormatError(f"{source}: nothing {verb}: {shown}{more}")
    return annotations


_ENDS = ("start", "end")
# A code too long: weighed with the database's codes, by the rule of every code's length
# (:func:`~.importing.read_beside`)
_LONG_CODE = re.compile(r"tags\[\d+\]: longer than")


def _check_fields(placed: list[Annotation], where: str) -> None:
    """:class:`W3CFormatError` with the first field of ``placed`` the record checks refuse (a
    NUL, a lone surrogate): that annotation is left out and said, as one whose target cannot
    be read is, the others read.  Its document's key is checked when the keys are final, and
    a code's length against the database's codes (:func:`~.importing.read_beside`)."""
    for annotation in placed:
        problems = [
            p
            for p in annotation_problems(annotation)
            if not p.startswith("document:") and not _LONG_CODE.match(p)
        ]
        if problems:  # "tags[2]" is a field of ours: a W3C file has bodies, codes
            said = re.sub(r"^tags\[(\d+)\]", r"code \1", problems[0])
            raise W3CFormatError(f"{where}: {said}")


def _onto(item: Any, iri: str) -> Any:
    """Annotation ``item`` about the document of ``iri``: each target's ``source`` that
    (a target that is an IRI alone, the whole of it), and what named another copy of it left
    out (our document's key, a saved page's ``state``)."""
    if not isinstance(item, dict):
        return item
    targets = item.get("target")
    targets = targets if isinstance(targets, list) and targets else [targets]
    targets = [_target_as_given(target) for target in targets]
    moved = [
        {k: v for k, v in target.items() if k != "state"} | {"source": iri}
        if isinstance(target, dict)
        else {"source": iri}
        for target in targets
    ]
    kept = {k: v for k, v in item.items() if k not in ("documentKey", "docSha256")}
    return kept | {"target": moved if len(moved) > 1 else moved[0]}


def _named(problem: str, item: Any, n: int) -> str:
    """``problem`` of annotation ``n`` (said ``annotation N: ...``) with the id of ``item``
    after its number, when it has one: which annotation of the file it is."""
    given = item.get("id", item.get("@id")) if isinstance(item, dict) else None
    head = f"annotation {n}"
    if not isinstance(given, str) or not given or not problem.startswith(head + ":"):
        return problem
    return f"{head} ({clipped(given, 80)!r}){problem.removeprefix(head)}"


def _lone_surrogate(text: str) -> str | None:
    """The first lone surrogate of ``text`` (a JSON ``\\ud800`` escape), else None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return text[exc.start]
    return None


def _not_a_number(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON has")


def _offset(value: Any) -> int:
    """A selector's ``start`` or ``end``: a whole number (or its digits), never a bool, a
    fraction or one past any text; ValueError otherwise."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET:
        raise ValueError(value)
    return value


def _items(
    data: Any, source: str, said: list[str] | None = None, verb: str = "imported"
) -> list[Any]:
    """The annotations of ``data``; a page of a collection named but not in the file (a
    server's collection saved as it is served, each page at its own address) is said in
    ``said``: its annotations are not read."""
    said = [] if said is None else said
    if isinstance(data, list):  # a part that is no object is an annotation that is none
        return [
            item
            for part in data
            for item in (
                _items(part, source, said, verb) if isinstance(part, dict | list) else [part]
            )
        ]
    if not isinstance(data, dict):
        raise W3CFormatError(f"{source}: expected a JSON object or array")
    if "@graph" in data and not _types(data):  # JSON-LD's list of nodes (pyld, RDF tools)
        graph = data["@graph"]
        return _items(graph if isinstance(graph, list) else [graph], source, said, verb)
    kind = _types(data)
    if "AnnotationCollection" in kind:
        items: list[Any] = []
        page = data.get("first")
        while isinstance(page, dict):
            # A page's type is a SHOULD of the model: a collection's page that says none is
            # the page it is by its place (it was refused as no page at all)
            typed = page if _types(page) or "@graph" in page else {**page, "type": "AnnotationPage"}
            items.extend(_items({**typed, "next": None}, source, said, verb))  # its next: below
            page = page.get("next")
        _page_elsewhere(page, said, verb)
        given = data.get("items")
        if data.get("first") is None and isinstance(given, list):
            # its annotations written on the collection itself, with no page (the model puts
            # them on its pages): they were read as none, and nothing was said
            items.extend(given)
        return items
    if "AnnotationPage" in kind:
        page_items = data.get("items", [])
        if not isinstance(page_items, list):
            raise W3CFormatError(f"{source}: an AnnotationPage's items must be a list")
        _page_elsewhere(data.get("next"), said, verb)
        return page_items
    if "Annotation" in kind:
        return [data]
    raise W3CFormatError(f"{source}: no Annotation, AnnotationPage or AnnotationCollection")


# The command that does what a verb of parse says it did
_COMMANDS = {"imported": "import", "merged": "merge"}


def _page_elsewhere(page: Any, said: list[str], verb: str = "imported") -> None:
    """Say a page of annotations named by its address (or an object naming one) but not in
    the file, and that it is brought in as the command at work (``verb``) brings this one."""
    if isinstance(page, dict):
        page = page.get("id") or page.get("@id")
    if isinstance(page, str) and page:
        said.append(
            f"a page of the collection is not in this file ({page}): its annotations are "
            f"not read; save that page and {_COMMANDS.get(verb, 'import')} it too"
        )


def _types(data: dict[str, Any]) -> set[str]:
    kind = data.get("type", data.get("@type", ()))
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _from_w3c(
    item: Any,
    source: str,
    n: int,
    db: Path | None,
    text_of: Callable[[str], str | None] | None,
    skipped: list[str],
    verb: str = "imported",
    counts: _Counts | None = None,
    lost: list[str] | None = None,
) -> list[Annotation]:
    """The annotation ``item``, one for each of its targets: the bodies are about each of
    them (the second and later take the id with their place among the targets, ``#2``, the
    same on every import); a target that is a whole resource, or placed by nothing in a
    text, is said in ``lost`` (default: ``skipped``), what is read otherwise than it says in
    ``skipped``."""
    lost = skipped if lost is None else lost
    where = f"{source}: annotation {n}"
    if not isinstance(item, dict) or "Annotation" not in _types(item):
        raise W3CFormatError(f"{where}: not an Annotation object")
    targets = item.get("target")
    targets = targets if isinstance(targets, list) and targets else [targets]
    targets = [_target_as_given(target) for target in targets]
    wholes = [_whole(target) for target in targets]
    for whole in filter(None, wholes):
        named = f"annotation {n} ({item['id']!r})" if "id" in item else f"annotation {n}"
        lost.append(f"{named}: about the whole of {whole}, no passage of it; not {verb}")
    targets = [target for target, whole in zip(targets, wholes, strict=True) if not whole]
    placeless = [_placeless(target) for target in targets]
    for given in filter(None, placeless):
        named = f"annotation {n} ({item['id']!r})" if "id" in item else f"annotation {n}"
        lost.append(f"{named}: its passage is given by {given}; not {verb}")
    targets = [target for target, kinds in zip(targets, placeless, strict=True) if not kinds]
    if not targets:
        return []
    for k, body in enumerate(_bodies(item), 1):
        if _body_text(body) is None:  # it was left out without a word
            named = f"annotation {n} ({item['id']!r})" if "id" in item else f"annotation {n}"
            given = clipped(json.dumps(body, ensure_ascii=False, default=as_json), 60)
            skipped.append(
                f"{named}: its body {k} ({given}) holds no text and names no resource; "
                f"{verb} without it"
            )
    named = f"annotation {n} ({item['id']!r})" if "id" in item else f"annotation {n}"
    skipped.extend(_unread_details(item, named, verb))
    found = [_one_target(item, target, where, db, text_of, counts) for target in targets]
    for place, annotation in enumerate(found[1:], 2):
        found[place - 1] = annotation.evolve(id=f"{found[0].id}#{place}")
    return found


def _text_at(source: str, text_of: Callable[[str], str | None] | None) -> str | None:
    """The text of the file a ``file:`` IRI names, when it is in the corpus (outside the
    database's folder, the target's key is its file name: the key names no file)."""
    if text_of is None or not source.startswith("file:"):
        return None
    return text_of(_path_of(source))


def _path_of(source: str) -> str:
    """The path a ``file:`` IRI names."""
    # urllib.request loads http.client, email and ssl: loaded here, when a W3C file is read,
    # not by every command that loads this module (import and merge, and their help)
    from urllib.request import url2pathname

    return url2pathname(urlparse(source).path)


def _placeless(target: Any) -> str:
    """What gives the passage of ``target`` when none of its selectors places a passage of a
    text (an XPath, a CSS selector, a position on a page, a range of those; a quote refined
    by one of them), said as a line says it, else ``""``."""
    if not isinstance(target, dict) or "selector" not in target:
        return ""
    placed = _refined(target["selector"], 0)
    if any(
        _is(s, "TextQuoteSelector")
        or _is(s, "TextPositionSelector")
        or _is(s, _QUOTE_RANGE)
        or _text_fragment(s)
        for s in placed
    ):
        return ""
    given = target["selector"] if isinstance(target["selector"], list) else [target["selector"]]
    kinds = sorted({kind for s in given if isinstance(s, dict) for kind in _types(s)})
    if not kinds:
        return ""
    textual = [s for s in given if _is(s, "TextQuoteSelector") or _is(s, "TextPositionSelector")]
    if textual:  # a text's passage, refined by what places nothing here
        refined = textual[0].get("refinedBy")
        by = sorted({k for s in _as_list(refined) if isinstance(s, dict) for k in _types(s)})
        quote = _is(textual[0], "TextQuoteSelector")
        kind = "TextQuoteSelector" if quote else "TextPositionSelector"
        return (
            f"a {kind} refined by {', '.join(by) or 'nothing known'}, a refinement that "
            "places nothing in a text here"
        )
    empty = _empty_quote_end(given)
    if empty:
        return empty
    places = "places" if len(kinds) == 1 else "place"
    return (
        f"{', '.join(kinds)}, which {places} nothing in a text here (a web page's elements, a "
        "page's area)"
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _whole(target: Any) -> str:
    """The resource ``target`` is when it is a whole one (its IRI, or a source with no
    selector: a page note), else ``""``."""
    if isinstance(target, str) and target:
        return target
    source = target.get("source") if isinstance(target, dict) else None
    if isinstance(source, str) and source and "selector" not in target:
        return source
    return ""


# A fragment of the media fragments' form, name=value ("char=5,10", "page=2", "xywh=..."):
# a part of the resource, not an element's id.
_MEDIA_FRAGMENT = re.compile(r"[a-zA-Z][a-zA-Z0-9]*=.*")


def _target_as_given(target: Any) -> Any:
    """``target`` named by an IRI with a fragment (the model's segment of a resource:
    ``"a.txt#char=5,10"``, as a bare string or a ``source`` with no selector) as the source
    and the ``FragmentSelector`` it is, read as one (a plain text's range, RFC 5147's, places
    a passage); one given as a resource described by its properties (an External Web
    Resource, ``{"id": IRI, "type": "Text"}``, or a source so given) by that resource's IRI;
    any other target as given."""
    given: dict[str, Any] = target if isinstance(target, dict) else {}
    described = given.get("source")
    described = described.get("id", described.get("@id")) if isinstance(described, dict) else None
    if isinstance(described, str):
        # a source described by its properties ({"id": IRI, "format": ...}): that IRI
        given = target = {**given, "source": described}
    elif "source" not in given and "selector" not in given:
        # an External Web Resource as a target ({"id": IRI, "type": "Text"}): that IRI's
        named = given.get("id", given.get("@id"))
        target, given = (named, {}) if isinstance(named, str) else (target, given)
    iri = target if isinstance(target, str) else given.get("source")
    if not isinstance(iri, str) or "selector" in given:
        return target
    base, _, fragment = iri.partition("#")
    if not base or not _MEDIA_FRAGMENT.fullmatch(fragment):
        return target
    conforms = {"conformsTo": _RFC5147[0]} if fragment.startswith(("char=", "line=")) else {}
    selector = {"type": "FragmentSelector", "value": fragment, **conforms}
    return {**given, "source": base, "selector": selector}


def _copy_annotated(item: dict[str, Any], target: dict[str, Any]) -> str:
    """What names the file a target's passage lies in: in our own export (it carries the
    ``documentKey``), which names a saved web page by its address (see
    :func:`target_sources`), the copy of the page its ``state`` says was annotated
    (``cached``); else its ``source``: another tool's copy is a file of its own, elsewhere,
    and the page's address finds the page saved here."""
    if "documentKey" in item:
        for state in _as_list(target.get("state")):
            if not isinstance(state, dict):
                continue
            for cached in _as_list(state.get("cached")):
                if isinstance(cached, str) and cached:
                    return cached
    source: str = target["source"]
    return source


def _one_target(
    item: dict[str, Any],
    target: Any,
    where: str,
    db: Path | None,
    text_of: Callable[[str], str | None] | None,
    counts: _Counts | None = None,
) -> Annotation:
    if not isinstance(target, dict) or not isinstance(target.get("source"), str):
        raise W3CFormatError(f"{where}: no target with a source")
    selectors = _refined(target.get("selector", []), 0)
    quote = next((s for s in selectors if _is(s, "TextQuoteSelector")), None)
    if "documentKey" not in item and "docSha256" not in item:  # another tool's: as read here
        quote = _as_text_has_it(quote)
    position = next((s for s in selectors if _is(s, "TextPositionSelector")), None)
    position = position or next(filter(None, map(_text_fragment, selectors)), None)
    quoted_range = next((s for s in selectors if _is(s, _QUOTE_RANGE)), None)
    unquoted = quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]
    if position is None and unquoted and quoted_range is not None:
        # its place is where its quotes are: found in the document's text, below
        position = {"start": 0, "end": 1}
    elif position is None and unquoted:
        raise W3CFormatError(f"{where}: no TextQuoteSelector with the exact text")
    else:
        quoted_range = None
    status = AnchorStatus.ANCHORED
    try:
        if position is not None:
            start, end = _offset(position["start"]), _offset(position["end"])
        else:
            # No position: the quote alone places it when it is re-anchored.
            assert quote is not None  # one of the two selectors is there (checked above)
            start, end, status = 0, len(quote["exact"]), AnchorStatus.ORPHAN
    except (KeyError, TypeError, ValueError) as exc:
        ends = [position.get(end) if isinstance(position, dict) else None for end in _ENDS]
        negative = [
            f"{name} {value}"
            for name, value in zip(_ENDS, ends, strict=True)
            if isinstance(value, int) and not isinstance(value, bool) and value < 0
        ]  # (it was "needs integer start and end", which it has)
        if negative:
            raise W3CFormatError(
                f"{where}: TextPositionSelector's {' and '.join(negative)}: a place before the "
                "text's start"
            ) from exc
        raise W3CFormatError(f"{where}: TextPositionSelector needs integer start and end") from exc
    if not 0 <= start < end:
        raise W3CFormatError(f"{where}: bad TextPositionSelector range [{start}, {end})")
    located = _copy_annotated(item, target)
    odd = _lone_surrogate(located)
    if odd is not None:  # no IRI: a file: one's path ended the import in a traceback
        raise W3CFormatError(
            f"{where}: its target's source holds a lone surrogate (U+{ord(odd):04X}), "
            "which is no character"
        )
    document = document_of(located, item.get("documentKey"), db)
    sha = _text(item.get("docSha256"))
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        text = text_of(document) if text_of is not None else None
        keyed = text is not None  # else read where the IRI says, keyed by file name later
        text = text if keyed else _text_at(located, text_of)
        read_at = document if keyed else _path_of(located)
        if text is None:
            placing = "a RangeSelector of quotes" if quoted_range else "a TextPositionSelector"
            raise W3CFormatError(
                f"{where}: only {placing}, and no document {document} here to take its text from"
            )
        if quoted_range is not None:
            ours = "documentKey" in item or "docSha256" in item
            ends = [
                e if isinstance(e, int) or ours else _as_text_has_it(e)
                for e in quoted_range["ends"]
            ]
            start, end = _quote_range(ends, text, where, document)
            if not 0 <= start < end:
                raise W3CFormatError(
                    f"{where}: its RangeSelector ends where it starts, or before ({start}, {end})"
                )
        elif "documentKey" not in item and "docSha256" not in item:  # another tool's
            counted = counts if counts is not None else _Counts(None)
            start, end = counted.in_code_points(read_at, text, start, end)
        if end > len(text):
            raise W3CFormatError(
                f"{where}: TextPositionSelector [{start}, {end}) is past the end of {document} "
                f"({len(text)} characters)"
            )
        cut = quoted(text, start, end)
        quote = {"exact": cut["quote"], "prefix": cut["prefix"], "suffix": cut["suffix"]}
        sha = sha or (_sha_of(text) if keyed else "")
    exact = quote["exact"]
    tags: list[str] = []
    notes: list[str] = []
    # A body without a purpose does what the annotation is for.  Classifying a passage as
    # something (the model's "classifying": an entity's type, a category) is coding it.
    motivation = item.get("motivation")
    motivations = motivation if isinstance(motivation, list) else [motivation]
    purpose = "tagging" if any(m in _CODING for m in motivations) else None
    # Another tool's note in Markdown (Hypothesis's): the text its reader sees, a note here
    # being plain text; ours said so of plain text until it said text/plain.
    theirs = "documentKey" not in item and "docSha256" not in item
    for body in _bodies(item):
        read = _body_text(body)
        if read is None:  # said by _from_w3c
            continue
        text, own = read
        if own is not _A_RESOURCE and (purpose if own is _NO_PURPOSE else own) in _CODING:
            tags.append(text)
        elif theirs and isinstance(body, dict) and body.get("format") == "text/markdown":
            notes.append(shown_text(text))
        else:
            notes.append(text)
    raw_status = item.get("anchorStatus")
    if isinstance(raw_status, str) and raw_status in {s.value for s in AnchorStatus}:
        status = AnchorStatus(raw_status)
    given = item.get("id")
    given = str(given) if isinstance(given, int) and not isinstance(given, bool) else given
    annotation_id = _annotation_id(given) if isinstance(given, str) else ""
    if not annotation_id.strip() or annotation_id.startswith("_:"):
        # No id of its own (or a blank node's, which names it in that file alone): one made
        # of what it says, the same at every import of it, so importing again adds no copy.
        said = json.dumps(
            {k: v for k, v in item.items() if k != "id"}, sort_keys=True, default=as_json
        )
        annotation_id = guid("w3c-annotation", said).lower()
    fields: dict[str, Any] = {}
    if annotation_id:
        fields["id"] = annotation_id
    # A time left out is none (an annotation our export wrote undated, as one imported from
    # JSON without times is), never the day of the import; one never modified was last
    # changed when it was made.
    # A time that cannot be read is none either (said by _unread_details): kept as given,
    # no export could write it and no comparison of times could weigh it.
    # Recogito's and Annotorious's annotation names no creator and no times: its bodies do,
    # as the model allows (the first body's that names them)
    bodies = [body for body in _bodies(item) if isinstance(body, dict)]
    dated = item
    if "created" not in item and "modified" not in item:
        dated = next(
            (b for b in bodies if _time(b.get("created")) or _time(b.get("modified"))), item
        )
    fields["created"] = _time(dated.get("created"))
    fields["updated"] = _time(dated.get("modified")) or fields["created"]
    makers = [item] if "creator" in item else bodies
    coder = next(filter(None, (_creator_name(made.get("creator")) for made in makers)), "")
    if coder:
        fields["coder"] = coder
    return Annotation(
        document=document,
        start=start,
        end=end,
        quote=exact,
        # (an export's context lengthened to name one place: kept as the store keeps one)
        prefix=kept_prefix(_text(quote.get("prefix"))),
        suffix=kept_suffix(_text(quote.get("suffix"))),
        doc_sha256=sha,
        tags=tuple(dict.fromkeys(tags)),
        note="\n\n".join(notes),
        status=status,
        **fields,
    )


_CODING = ("tagging", "classifying")  # the purposes of a body that is a code


def _bodies(item: dict[str, Any]) -> list[Any]:
    """The bodies of annotation ``item``: its ``body`` (one or a list) and its
    ``bodyValue`` (the model's string body: a TextualBody's text)."""
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    if isinstance(item.get("bodyValue"), str):
        bodies = [*bodies, {"type": "TextualBody", "value": item["bodyValue"]}]
    return bodies


_NO_PURPOSE = object()  # a body that names no purpose: the annotation's motivation says it
_A_RESOURCE = object()  # a body that is a resource, named by its IRI: a note


def _body_text(body: Any) -> tuple[str, Any] | None:
    """What ``body`` says, and its purpose: a TextualBody's text and its ``purpose``
    (:data:`_NO_PURPOSE` when it names none); a resource's IRI (purpose :data:`_A_RESOURCE`:
    a note whatever it is for): a string body, or one that names a ``source`` or ``id`` and
    holds no text (a semantic tag's ``SpecificResource``, an entity it identifies); a
    ``Choice``'s first body that says something (the model's default: a note given in
    several languages), its purpose the choice's when it names none.  A value that is a
    number (a code numbered, ``"value": 5``, as JSON-LD writes a number) is its digits as
    JSON writes them, ``5``: it was left out, a code of the passage lost; an integer of more
    digits than the store keeps, as written.  None when it says nothing: a value that is
    true or false, no number (``NaN``, ``1e999``), an empty object.  A text in HTML (its
    ``format`` ``text/html``) is the text a browser shows of it: a note here is plain text."""
    if isinstance(body, str):
        return (body, _A_RESOURCE) if body else None
    if not isinstance(body, dict):
        return None
    value = body.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = json.dumps(value)
    elif isinstance(value, BadNumber):
        value = value.digits
    if isinstance(value, str):
        if body.get("format") in _HTML_FORMATS and ("<" in value or "&" in value):
            value = _html_note(value)
            if not value:  # an image alone, an empty paragraph: no text
                return None
        return value, body.get("purpose", _NO_PURPOSE)
    if "Choice" in _types(body) and isinstance(body.get("items"), list):
        for choice in body["items"]:
            if isinstance(choice, dict) and "purpose" not in choice and "purpose" in body:
                choice = {**choice, "purpose": body["purpose"]}
            said = _body_text(choice)
            if said is not None:
                return said
        return None
    resource = next((body[k] for k in ("source", "id") if isinstance(body.get(k), str)), "")
    return (resource, _A_RESOURCE) if resource else None


# A body written in HTML (a note's paragraphs, links and emphasis as another tool keeps them:
# dokieli, Mirador): its text as a browser shows it, as a note here is plain text.
_HTML_FORMATS = ("text/html", "application/xhtml+xml")


def _html_note(value: str) -> str:
    from tui_reader.core.documents.formats.html_text import fragment_text

    return fragment_text(value, "a note in HTML")


@functools.lru_cache(maxsize=8)  # a document's many passages: its text hashed once
def _sha_of(text: str) -> str:
    return text_sha256(text)


class _Counts:
    """How another tool counted the positions of its passages, which the model counts in
    code points: a tool in a web browser counts an emoji as two UTF-16 units, and one that
    reads a file saved with Windows line ends as it is counts each line end as the two
    characters it is there (CR and LF), where the text here has one; either put every
    passage after one a character (or a line's) further on ('he bird' for 'the bird'), or
    past the text's end.  A position is read in the count in which it cuts no word, and
    each document's passages vote: one that cuts no word in two counts (a line's shift may
    land on other words) is read in the count most of its document's others are
    (:meth:`recounted`).  ``raw_of(key)``: the characters of a document's file (None: none
    to read)."""

    def __init__(self, raw_of: Callable[[str], str | None] | None) -> None:
        self._raw_of = raw_of
        self._votes: dict[str, dict[int, int]] = {}  # a document's key -> count -> votes
        self._unsure: set[str] = set()  # the documents of a passage read in two counts
        self._decided: dict[str, int] = {}  # a document's key -> the count of its passages
        # this reading's passages of a document: how many, and those that cut no word in one
        # place alone, as which counts they cut none in; and the names of its counts
        self._passages: dict[str, int] = {}
        self._sure: dict[str, list[list[bool]]] = {}
        self._names: dict[str, tuple[str, ...]] = {}

    def in_code_points(self, key: str, text: str, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of document ``key`` (its text ``text``) in code points."""
        raw = self._raw_of(key) if self._raw_of is not None and "\n" in text else None
        named = _readings(text, raw)
        readings = [read for _, read in named]
        self._names[key] = tuple(name for name, _ in named)
        self._passages[key] = self._passages.get(key, 0) + 1
        placed = [(read(start), read(end)) for read in readings]
        fits = [last <= len(text) for _, last in placed]
        cut = [
            fit and bool(utf16.at_words(text, *place))
            for fit, place in zip(fits, placed, strict=True)
        ]
        whole = {place for place, good in zip(placed, cut, strict=True) if good}
        if len(whole) == 1 and len(set(placed)) > 1:  # one place cuts no word: its counts
            votes = self._votes.setdefault(key, {})
            for n in (n for n, good in enumerate(cut) if good):
                votes[n] = votes.get(n, 0) + 1
            self._sure.setdefault(key, []).append(cut)
        elif len(whole) > 1:
            self._unsure.add(key)
        decided = self._decided.get(key, 0)  # the count its document's passages are in
        order = [decided, *(n for n in range(len(placed)) if n != decided)]
        chosen = next((n for n in order if cut[n]), None)
        if chosen is None and not fits[0]:
            chosen = next((n for n in order if fits[n]), None)
        return placed[chosen] if chosen is not None else (start, end)

    def recounted(self) -> bool:
        """Whether a document of a passage read in two counts has a count its other
        passages were read in most, other than the first its passage was read in: its
        passages are to be read again (:meth:`in_code_points` reads them in it)."""
        for key in self._unsure:
            votes = self._votes.get(key, {})
            if votes:
                most = max(votes, key=lambda n: (votes[n], -n))
                if most:
                    self._decided[key] = most
        self._unsure.clear()
        if self._decided:  # read again: its passages counted again
            self._passages.clear()
            self._sure.clear()
        return bool(self._decided)

    def mixed(self) -> list[str]:
        """A line for each document whose passages disagree on how the other tool counted
        (a position that cuts no word in one count alone, some in one, some in another):
        how many cut a word in the count most of them are in, and so were placed where they
        cut none, in another; nothing of a document whose passages all agree."""
        lines = []
        for key, sure in self._sure.items():
            votes = self._votes[key]
            most = max(votes, key=lambda n: (votes[n], -n))
            others = sum(1 for cut in sure if not cut[most])
            if others:
                passages = counted(self._passages[key], "passage")
                lines.append(
                    f"{others} of the {passages} of {key} placed by position alone "
                    f"{agreeing(others, 'is', 'are')} counted otherwise than most, which count "
                    f"{self._names[key][most]}: placed where "
                    f"{agreeing(others, 'it cuts', 'they cut')} no word, worth checking"
                )
        return lines


def _as_counted(position: int) -> int:
    return position


@functools.lru_cache(maxsize=8)  # a document's many passages: its file's line ends read once
def _readings(text: str, raw: str | None) -> tuple[tuple[str, Callable[[int], int]], ...]:
    """The counts a position in ``text`` (its file's characters ``raw``) may be in, each
    named (:func:`_count_name`) with what turns it into code points: as given, UTF-16
    units, the file's characters (its CR LF line ends two, a PARAGRAPH SEPARATOR one), both."""
    readings: list[tuple[str, Callable[[int], int]]] = [(_count_name(text, raw, 0), _as_counted)]
    units = utf16.from_units(text)
    if units is not None:
        readings.append((_count_name(text, raw, 1), units))
    if _counted_otherwise(text, raw):
        assert raw is not None  # a file to count (_counted_otherwise)
        readings.append((_count_name(text, raw, 2), utf16.as_file(raw, wide=False)))
        if units is not None:  # both: a browser's count of the file as it is
            readings.append((_count_name(text, raw, 3), utf16.as_file(raw, wide=True)))
    return tuple(readings)


def _count_name(text: str, raw: str | None, doubled: int) -> str:
    """A count of positions in ``text`` as a message names it: ``doubled`` says what it
    counts as the file ``raw`` has it (1: a character past U+FFFF as two, as UTF-16 units
    do; 2: a CR LF line end as two, a PARAGRAPH SEPARATOR as one; 3: both), said of what the
    text has of them."""
    said = []
    if utf16.from_units(text) is not None:
        said.append(f"an emoji as {'two' if doubled & 1 else 'one'}")
    if _counted_otherwise(text, raw):
        assert raw is not None
        if "\r\n" in raw:
            said.append(f"a CR LF line end as {'two' if doubled & 2 else 'one'}")
        if "\u2029" in raw:
            said.append(f"a PARAGRAPH SEPARATOR as {'one' if doubled & 2 else 'two'}")
    return ", ".join(said) or "in characters"


def _counted_otherwise(text: str, raw: str | None) -> bool:
    """Whether the characters of ``text``'s file, ``raw``, count otherwise than ``text``:
    it holds CR LF line ends (two characters there, one here) or a PARAGRAPH SEPARATOR
    (one there, a blank line, two, here), and is ``text`` with its line breaks alone made
    newlines (not a Markdown file shown rendered, nor one with controls left out: its
    characters are counted otherwise).  Its other breaks (a form feed, a page's end in
    pdftotext's files; a lone CR; a LINE SEPARATOR) are one character there as here."""
    return (
        raw is not None and ("\r\n" in raw or "\u2029" in raw) and normalize_newlines(raw) == text
    )


def _as_text_has_it(quote: Any) -> Any:
    """A TextQuoteSelector's texts as a document's text here has them: a browser's quote
    (Hypothesis's) keeps the soft hyphens and controls of the page, which the document leaves
    out, and was found nowhere in it."""
    if not isinstance(quote, dict) or not isinstance(quote.get("exact"), str):
        return quote
    cleaned = {
        key: clean_text(value)
        for key in ("exact", "prefix", "suffix")
        if isinstance(value := quote.get(key), str)
    }
    return quote | cleaned if cleaned["exact"] else quote


def _refined(selectors: Any, offset: int | None) -> list[Any]:
    """``selectors`` (one or a list), each refined one (``refinedBy``) as what refines it: a
    quote wherever it is (its text is the document's); a position made absolute by the
    plain-text range it refines (``offset``: where that range starts; None: in a part of the
    document it cannot be placed in, a page, an XPath, a CSS selector: left out)."""
    found: list[Any] = []
    for selector in selectors if isinstance(selectors, list) else [selectors]:
        if _is(selector, "RangeSelector"):
            ranged = _range_position(selector, offset)
            if ranged is not None:
                found.append(ranged)
            continue
        if _is(selector, "TextPositionSelector"):
            if offset is None:
                continue
            if offset:
                try:
                    start, end = _offset(selector["start"]), _offset(selector["end"])
                except (KeyError, TypeError, ValueError):
                    continue
                selector = selector | {"start": start + offset, "end": end + offset}
        refined = selector.get("refinedBy") if isinstance(selector, dict) else None
        if refined is None:
            found.append(selector)
            continue
        if _is(selector, "TextPositionSelector"):
            within = _int_or_none(selector.get("start"))
        else:
            fragment = _text_fragment(selector)
            within = None if fragment is None or offset is None else offset + fragment["start"]
        found.extend(_refined(refined, within))
    return found


def _range_position(selector: dict[str, Any], offset: int | None) -> dict[str, Any] | None:
    """A ``RangeSelector`` whose two ends are places in the text (a TextPositionSelector, a
    ``char=`` fragment) as the TextPositionSelector of its range: from the start of what its
    ``startSelector`` selects to the start of what its ``endSelector`` selects, that not
    included (the model's range); one an end of which is a quote (a TextQuoteSelector) as a
    :data:`_QUOTE_RANGE` of its two ends, each a position or a quote, placed in the text
    by :func:`_quote_range`; None for any other (XPath, CSS: left out)."""
    ends: list[Any] = []
    for key in _RANGE_ENDS:
        start, quote = _range_end(selector, key, offset)
        if start is None and (quote is None or not _text(quote.get("exact"))):
            return None
        ends.append(quote if start is None else start)
    if all(isinstance(end, int) for end in ends):
        return {"type": "TextPositionSelector", "start": ends[0], "end": ends[1]}
    return {"type": _QUOTE_RANGE, "ends": ends}


_RANGE_ENDS = {"startSelector": "start", "endSelector": "end"}  # a RangeSelector's, as said


def _range_end(
    selector: dict[str, Any], key: str, offset: int | None
) -> tuple[int | None, dict[str, Any] | None]:
    """The end ``key`` of a RangeSelector: where in the text it starts (a position, a
    ``char=`` fragment), else None; and its TextQuoteSelector, if any."""
    placed = _refined(selector.get(key), offset)
    position = next((s for s in placed if _is(s, "TextPositionSelector")), None)
    position = position or next(filter(None, map(_text_fragment, placed)), None)
    start = None if position is None else _int_or_none(position.get("start"))
    quote = next((s for s in placed if _is(s, "TextQuoteSelector")), None)
    return start, quote


def _empty_quote_end(given: list[Any]) -> str:
    """A RangeSelector of ``given`` an end of which is a quote with no text (nothing to look
    for, where a web page's elements are of another kind), said as a line says it; else
    ``""``."""
    for selector in given:
        if not _is(selector, "RangeSelector"):
            continue
        for key, end in _RANGE_ENDS.items():
            start, quote = _range_end(selector, key, 0)
            if start is None and quote is not None and not _text(quote.get("exact")):
                return (
                    f"a RangeSelector whose {end} ({key}) is a TextQuoteSelector with no "
                    "exact text, nothing to find in a text"
                )
    return ""


# A RangeSelector an end of which is a quote: its ends, a position or a TextQuoteSelector
_QUOTE_RANGE = "RangeSelector of quotes"


def _quote_range(ends: list[Any], text: str, where: str, document: str) -> tuple[int, int]:
    """Where in ``text`` the range of ``ends`` runs (see :func:`_range_position`): a quote
    at the one place its text, prefix and suffix have in the text, the end's the first
    after the start; :class:`W3CFormatError` naming what cannot be placed surely.  Each
    place the quote is at is weighed by the characters around it alone (the text before
    it copied for each, a common word's end took seconds in a long text)."""
    places: list[int] = []
    for n, end in enumerate(ends):
        if isinstance(end, int):
            places.append(end)
            continue
        exact, prefix, suffix = (_text(end.get(k)) for k in ("exact", "prefix", "suffix"))
        after = places[0] + 1 if places else 0  # the end's: after the start
        found = [m.start() for m in re.finditer(re.escape(exact), text[after:])]
        found = [after + at for at in found]
        fits = [
            at
            for at in found
            if text.endswith(prefix, 0, at) and text.startswith(suffix, at + len(exact))
        ]
        found = fits or found
        which = "start" if n == 0 else "end"
        if not found:
            raise W3CFormatError(
                f"{where}: the {which} of its RangeSelector, {clipped(exact, 40)!r}, is not in "
                f"the text of {document}" + (" after its start" if n else "")
            )
        if n == 0 and len(found) > 1:
            raise W3CFormatError(
                f"{where}: the start of its RangeSelector, {clipped(exact, 40)!r}, is "
                f"{len(found)} times in the text of {document}: it cannot be placed surely"
            )
        places.append(found[0])
    return places[0], places[1]


def _text(value: Any) -> str:
    """A string field as it is; anything else (a number, an object: a damaged or hand-made
    file) none at all, never its Python spelling (``{'x': 1}``) taken for the text."""
    return value if isinstance(value, str) else ""


def _int_or_none(value: Any) -> int | None:
    try:
        return _offset(value)
    except ValueError:
        return None


def _time(value: Any) -> str:
    """A ``created``/``modified`` value as stored: the time given when it is one (an
    ``xsd:dateTime``, or an ISO 8601 date), in UTC with ``Z`` as tui-reader keeps its own
    (see :func:`~tui_reader.core.interchange.importing.readable_times`), else ``""``."""
    return (utc_date_time(value) or "") if isinstance(value, str) else ""


def _unread_details(item: dict[str, Any], named: str, verb: str) -> list[str]:
    """What of annotation ``item`` (called ``named``) is not taken as it says, one line each:
    a time that cannot be read (left out: the annotation undated, or dated as made), a
    creator that names no one, and creators past the first (an annotation here has one
    coder)."""
    lines = []
    created = item.get("created")
    for key, value in (("created", created), ("modified", item.get("modified"))):
        if value is None or value == "" or _time(value):
            continue
        given = clipped(value if isinstance(value, str) else json.dumps(value, default=as_json), 40)
        dated = "dated as made" if key == "modified" and _time(created) else "undated"
        lines.append(f"{named}: its {key} time {given!r} is not a time; {verb} {dated}")
    creators = item.get("creator")
    if creators not in (None, "", []) and not _creator_name(creators):
        # (a number, a Person without a name, a name of control characters alone): not
        # taken as someone's, the passage would be the database's coder's without a word
        given = clipped(json.dumps(creators, ensure_ascii=False, default=as_json), 40)
        lines.append(
            f"{named}: its creator {given} names no one; {verb} as the database's default coder's"
        )
    if isinstance(creators, list):
        names = list(dict.fromkeys(filter(None, map(_creator_name, creators))))
        if len(names) > 1:
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            lines.append(
                f"{named}: it names {len(names)} creators ({shown}); {verb} as {names[0]}'s "
                "(an annotation here has one coder)"
            )
    return lines


def _creator_name(creator: Any) -> str:
    """The coder a W3C ``creator`` names: an Agent's ``name`` or ``nickname``, else its id (a
    string or ``id``); of a list, the first that names someone.  ``""`` when there is none
    usable."""
    if isinstance(creator, list):
        return next(
            filter(None, (_creator_name(c) for c in creator if not isinstance(c, list))), ""
        )
    if isinstance(creator, dict):
        creator = next(
            (creator[k] for k in ("name", "nickname", "id") if isinstance(creator.get(k), str)),
            None,
        )
    if not isinstance(creator, str):
        return ""
    try:
        return coder_name(creator)
    except CoderNameError:
        return ""


# A creator named by its account (RFC 7565's URI, as Hypothesis names its users and its
# JSON-LD its creators: acct:ana@hypothes.is): a user name, then the server's.
_ACCOUNT = re.compile(r"acct:([^@\s]+)@([^@\s]+)", re.IGNORECASE)
_PUBLIC_HYPOTHESIS = "hypothes.is"


def _account_coders(annotations: list[Annotation]) -> list[Annotation]:
    """``annotations`` with each coder named by an account (``acct:ana@hypothes.is``) named
    by its user, ``ana``, as a coder is named here (compared as ``coder:ana``, typed as
    ``--coder ana``); users of one name on two servers (``acct:ana@hypothes.is``,
    ``acct:ana@lms.hypothes.is``: two people) are told apart by their server,
    ``ana@lms.hypothes.is``, but the public Hypothesis's, ``ana`` in every file."""
    accounts: dict[str, tuple[str, str]] = {}  # a coder -> its user and server
    for coder in {annotation.coder for annotation in annotations}:
        found = _ACCOUNT.fullmatch(coder)
        if found is not None:
            accounts[coder] = (unquote(found[1]), found[2].lower())
    if not accounts:
        return annotations
    servers: dict[str, set[str]] = {}
    for user, server in accounts.values():
        servers.setdefault(user.casefold(), set()).add(server)
    named: dict[str, str] = {}
    for coder, (user, server) in accounts.items():
        alone = len(servers[user.casefold()]) == 1 or server == _PUBLIC_HYPOTHESIS
        given = user if alone else f"{user}@{server}"
        try:
            named[coder] = coder_name(given)
        except CoderNameError:  # a user of control characters alone: the account as given
            named[coder] = coder
    return [
        annotation.evolve(coder=named[annotation.coder])
        if annotation.coder in named
        else annotation
        for annotation in annotations
    ]


# A plain-text fragment (RFC 5147, which the model names for text/plain): "char=S,E".
_RFC5147 = ("http://tools.ietf.org/rfc/rfc5147", "https://tools.ietf.org/rfc/rfc5147")
_CHAR_RANGE = re.compile(r"char=(\d{1,16}),(\d{1,16})(?:;.*)?")


def _text_fragment(selector: Any) -> dict[str, int] | None:
    """A ``FragmentSelector`` of a plain-text range as the TextPositionSelector it is, else
    None."""
    if not _is(selector, "FragmentSelector") or selector.get("conformsTo") not in _RFC5147:
        return None
    found = _CHAR_RANGE.fullmatch(str(selector.get("value", "")).strip())
    return {"start": int(found[1]), "end": int(found[2])} if found else None


def _is(selector: Any, kind: str) -> bool:
    return isinstance(selector, dict) and kind in _types(selector)
