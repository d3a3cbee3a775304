"""Exporters: pure functions of annotations (and documents, tags) to text or bytes.

Every format is a function ``render(annotations, documents, tags, options) -> str | bytes``
(a module's ``render``, or ``render_json`` below for the store's JSON):

- ``annotations``: the annotations to export, already re-anchored (their ``start``/``end``/
  ``quote`` are the current place; ``status`` says anchored, fuzzy or orphan);
- ``documents``: document key -> loaded :class:`~tui_reader.core.documents.document.Document`; a key
  missing from it is a document whose file is gone (its annotations are exported as orphans);
- ``tags``: the codebook (colours, descriptions, creation order);
- ``options``: :class:`ExportOptions`.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
Formats are looked up by name in :data:`FORMATS` and imported only when used.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from tui_reader import __version__
from tui_reader.core.analysis.memos import Memo
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, reading_order, utc_now
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import ExportError

if TYPE_CHECKING:
    from tui_reader.core.interchange.annotation_columns import AnnotationColumns
    from tui_reader.core.interchange.packed_texts import PackedTexts
    from tui_reader.core.interchange.places_in_text import PlacesCache

# What every format renders from (see the module's docstring).
Annotations = Sequence[Annotation]
Documents = Mapping[str, Document]  # document key -> its loaded document
Codebook = Sequence[Tag]


@dataclass(frozen=True)
class ExportOptions:
    """What every format may use besides the annotations themselves."""

    by: Literal["document", "tag"] = "document"  # Markdown: group by document or by tag
    exported_at: str = field(default_factory=utc_now)  # ISO 8601 UTC; fixed in tests
    project_name: str = "tui-reader annotations"  # REFI-QDA project / collection label
    generator: str = f"tui-reader {__version__}"
    scope: str = ""  # human-readable filter description ("tags: policy"), "" for everything
    # The codes a selection asked for (--tag): Markdown by tag has sections for them and the
    # codes below them only, not for the other codes of the passages selected; () every code.
    sections: tuple[str, ...] = ()
    # The documents' own attributes (key -> name -> value) and the memos, for the formats
    # that carry them (Markdown front matter and memos, CSV columns, REFI-QDA variables/notes)
    attributes: Mapping[str, Mapping[str, Value]] = field(default_factory=dict)
    # Each attribute's name casefolded -> as the corpus spells it, for the formats that give
    # an attribute a column or a variable (one for Country and country, as a query and an
    # export of other documents name it); {}: as most of the documents exported spell it
    attribute_spellings: Mapping[str, str] = field(default_factory=dict)
    memos: Sequence[Memo] = ()
    # The folder document keys are relative to (the database's): W3C names each document by
    # an absolute file: IRI, Markdown links to it from output_folder.  None: keys as they are.
    documents_folder: Path | None = None
    output_folder: Path | None = None  # where the export is written (Markdown links start here)
    # An Obsidian vault's folder (absolute): a Markdown link to a document out of it is the
    # file's ``file:`` URL, as Obsidian follows no relative link out of its vault (a click on
    # one made an empty note of its name); None: every link relative.
    links_within: Path | None = None
    # Where annotations lie in documents known unchanged (line, page, turn), so csv and
    # Markdown need not load them (see places_in_text); None: found in the documents.
    places: PlacesCache | None = None
    # The texts of documents known unchanged, from the texts cache (see packed_texts), so a
    # project (qdpx) need not load them; None: taken from the documents.
    texts: PackedTexts | None = None
    # A document key the export gate changed (a control character in a file's name shown as
    # its picture) -> the key as it is: a link to the file (Markdown) names the file itself.
    # Set by the gate; {}: every key as written.
    file_keys: Mapping[str, str] = field(default_factory=dict)
    # Each document's place in the order the passages are given in when it is not their
    # documents' names' (query --sort ATTRIBUTE: by their value of it), the documents it does
    # not name after; {}: in reading order (see :func:`export_order`).
    document_rank: Mapping[str, int] = field(default_factory=dict)
    # A saved web page's document key (as it is) -> the address it was saved from (its
    # ``url``: an .mhtml's Content-Location, an HTML page's canonical link): the W3C export
    # names the page by it, as a web annotation tool finds annotations.  Set by the export
    # for a format that asks (:attr:`ExportFormat.web_addresses`); {}: files alone.
    page_urls: Mapping[str, str] = field(default_factory=dict)
    # Such a page's key -> when its copy was saved (an ``xsd:dateTime``, the file's
    # modification time): the W3C model's TimeState of that copy must say it (sourceDate).
    page_saved: Mapping[str, str] = field(default_factory=dict)
    # A document's key -> the language it says it is in (a BCP 47 tag: an EPUB's
    # dc:language), the W3C target's language; set with page_urls, for such a format.
    languages: Mapping[str, str] = field(default_factory=dict)
    # A document's key -> its author as its file says it (a PDF's, a Word document's, a
    # Markdown note's front matter), which the details show: its vault note's ``author``.
    authors: Mapping[str, str] = field(default_factory=dict)


def export_order(options: ExportOptions) -> Callable[[Annotation], Any]:
    """The sort key of the passages a format lists: :func:`reading_order`, or by the rank
    ``options.document_rank`` gives their document first (reading order within it)."""
    rank = options.document_rank
    if not rank:
        return reading_order
    last = len(rank)
    return lambda a: (rank.get(a.document, last), reading_order(a))


class ColumnsRenderer(Protocol):
    def __call__(
        self,
        columns: AnnotationColumns,
        documents: Mapping[str, Document],
        tags: Sequence[Tag],
        options: ExportOptions,
    ) -> str | bytes | Iterable[bytes]: ...


class Renderer(Protocol):
    def __call__(
        self,
        annotations: Sequence[Annotation],
        documents: Mapping[str, Document],
        tags: Sequence[Tag],
        options: ExportOptions,
    ) -> str | bytes: ...


@dataclass(frozen=True)
class ExportFormat:
    """A named output format; ``target`` (``module:function``) is its renderer."""

    name: str
    description: str
    extension: str  # default file extension, with the dot
    binary: bool  # render returns bytes (write as-is) rather than str (UTF-8 text)
    target: str
    # Of the annotations the format writes only which tags they carry (a codebook): they need
    # not be placed in their documents (see workspace_export.collect), and one annotation per
    # set of tags is enough to render from.
    tags_only: bool = False
    # ``module:function`` rendering the same from the annotations given as columns (see
    # annotation_columns), for an export of annotations known in place; "": none
    columns_target: str = ""
    # It prints where each passage lies (line, page, turn: see places_in_text), found in the
    # texts an export reads to place the annotations; the others need not keep those texts.
    places: bool = False
    # It shows each document's title: the plain texts read to place the annotations have
    # theirs looked for (a CSV export, which shows none, looked for 10,000 of them).
    titles: bool = False
    # It names a saved web page by the address it was saved from (see
    # :attr:`ExportOptions.page_urls`): the export finds those of the pages annotated.
    web_addresses: bool = False

    def renderer(self) -> Renderer:
        module, _, function = self.target.partition(":")
        render: Renderer = getattr(importlib.import_module(module), function or "render")
        return render

    def render_columns(
        self,
        columns: AnnotationColumns,
        documents: Mapping[str, Document],
        tags: Sequence[Tag],
        options: ExportOptions | None = None,
    ) -> str | bytes | Iterable[bytes]:
        """:meth:`render` of the annotations given as columns (``columns_target``'s); bytes
        in parts, in order, maybe made as they are taken (a big file is not copied into one)."""
        from tui_reader.core.interchange.export_text import clean_export

        module, _, function = self.columns_target.partition(":")
        render: ColumnsRenderer = getattr(importlib.import_module(module), function)
        if self.tags_only:
            columns = columns.one_per_tags()
        options = self._options(
            options, [*documents, *dict.fromkeys(columns.document)], self.name != "project"
        )
        _, documents, tags = clean_export((), documents, tags)
        return render(columns.clean(), documents, tags, options)

    def render(
        self,
        annotations: Sequence[Annotation],
        documents: Mapping[str, Document],
        tags: Sequence[Tag],
        options: ExportOptions | None = None,
    ) -> str | bytes:
        from tui_reader.core.interchange.export_text import clean_export

        if self.tags_only:
            annotations = one_per_tags(annotations)
        keys = dict.fromkeys(a.document for a in annotations)
        options = self._options(options, [*documents, *keys], self.name != "project")
        return self.renderer()(*clean_export(annotations, documents, tags), options)

    @staticmethod
    def _options(
        options: ExportOptions | None, documents: Iterable[str], alike: bool = True
    ) -> ExportOptions:
        """``options`` with their texts through the export gate (the memos too: a memo keeps
        what was typed, an escape or a bidi override among it), and the keys of
        ``documents`` (those loaded and those the annotations name: a document not read, its
        file gone or outside the corpus, is named so too) and of the documents memos and
        attributes are about the gate changes, as they are (:attr:`ExportOptions.file_keys`).
        Without the keys of the documents not read, a Latin-1 ``caf\xe9.txt`` was written
        as a file literally named so, no bytes beside it, and imported back on that file.
        ``alike``: each attribute spelled one way (:func:`~.attributes.one_spelling`: one
        column of the CSV, one variable of a project, one name in Markdown's front matter);
        the project export keeps them as stored."""
        from tui_reader.core.analysis.attributes import one_spelling
        from tui_reader.core.interchange.export_text import (
            clean_memo,
            export_line,
            file_keys,
            memo_documents,
        )

        options = options or ExportOptions()
        return dataclasses.replace(
            options,
            project_name=export_line(options.project_name),
            scope=export_line(options.scope),
            memos=[clean_memo(m) for m in options.memos],
            file_keys=file_keys([*documents, *memo_documents(options.memos), *options.attributes]),
            attributes=(
                one_spelling(options.attributes, options.attribute_spellings)
                if alike
                else options.attributes
            ),
        )


def render_json(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """``json``: the store's records (see :mod:`tui_reader.core.interchange.json`)."""
    from tui_reader.core.interchange.json import export_json

    return export_json(annotations, options.file_keys)


def render_json_columns(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> bytes:
    """:func:`render_json` of annotations given as columns."""
    from tui_reader.core.interchange.json import export_json_columns

    return export_json_columns(columns, options.file_keys)


_PKG = "tui_reader.core.interchange"
# name -> format; the first is the default and the order is the order `--help` lists them in.
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "markdown",
            "Markdown for notes apps (Obsidian, Readwise)",
            ".md",
            False,
            f"{_PKG}.markdown",
            columns_target=f"{_PKG}.markdown:render_columns",
            places=True,
            titles=True,
        ),
        ExportFormat(
            "json",
            "every annotation with its stored fields and status",
            ".json",
            False,
            f"{_PKG}:render_json",
            columns_target=f"{_PKG}:render_json_columns",
        ),
        ExportFormat(
            "project",
            "the whole project (codebook, memos, attributes, annotations); import reads it back",
            ".json",
            False,
            f"{_PKG}.project",
            columns_target=f"{_PKG}.project:render_columns",
        ),
        ExportFormat(
            "csv",
            "one row per annotation and tag, for spreadsheets",
            ".csv",
            False,
            f"{_PKG}.csv",
            columns_target=f"{_PKG}.csv:render_columns",
            places=True,
        ),
        ExportFormat(
            "csv-raw",
            "the csv table with cells as they are (no formula guard), for data tools",
            ".csv",
            False,
            f"{_PKG}.csv:render_raw",
            columns_target=f"{_PKG}.csv:render_raw_columns",
            places=True,
        ),
        ExportFormat(
            "w3c",
            "W3C Web Annotation JSON-LD",
            ".jsonld",
            False,
            f"{_PKG}.w3c",
            columns_target=f"{_PKG}.w3c:render_columns",
            web_addresses=True,
        ),
        ExportFormat(
            "qdpx",
            "REFI-QDA project (QualCoder, ATLAS.ti, MAXQDA, NVivo)",
            ".qdpx",
            True,
            f"{_PKG}.qdpx",
            columns_target=f"{_PKG}.qdpx:render_columns",
            places=True,
        ),
        ExportFormat(
            "qdc",
            "REFI-QDA codebook (the tags alone)",
            ".qdc",
            False,
            f"{_PKG}.qdc",
            tags_only=True,
            columns_target=f"{_PKG}.qdc:render_columns",
        ),
        ExportFormat(
            "codebook-csv",
            "the codebook Taguette imports (CSV: tag, description)",
            ".csv",
            False,
            f"{_PKG}.codebook_csv",
            tags_only=True,
            columns_target=f"{_PKG}.codebook_csv:render_columns",
        ),
    )
}


def get_format(name: str) -> ExportFormat:
    """The format called ``name``; :class:`ExportError` listing the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ExportError(f"unknown export format {name!r} (known: {known})") from None


def one_per_tags(annotations: Sequence[Annotation]) -> list[Annotation]:
    """One annotation for each set of tags in ``annotations``, in order of first use (what a
    format that writes only the tags needs; 100,000 annotations carry a few hundred sets)."""
    firsts: dict[tuple[str, ...], Annotation] = {}
    for annotation in annotations:
        firsts.setdefault(annotation.tags, annotation)
    return list(firsts.values())


def is_orphan(annotation: Annotation, documents: Mapping[str, Document]) -> bool:
    """True when the passage has no place in a current document text (not found, or file gone)."""
    return annotation.status == AnchorStatus.ORPHAN or annotation.document not in documents


def has_tag(annotation: Annotation, wanted: str) -> bool:
    """True when ``annotation`` carries ``wanted`` or a tag below it (``policy`` matches
    ``policy/border``)."""
    return any(tag == wanted or tag.startswith(wanted + "/") for tag in annotation.tags)


def tag_and_above(tag: str) -> Iterator[str]:
    """``tag`` and each tag above it (``policy/border/wall``: ``policy``, ``policy/border``,
    then itself): the names :func:`has_tag` finds it under."""
    at = tag.find("/")
    while at != -1:
        yield tag[:at]
        at = tag.find("/", at + 1)
    yield tag


def tags_found(annotations: Iterable[Annotation]) -> set[str]:
    """Every name :func:`has_tag` finds one of ``annotations`` under (each of their tags and
    the tags above it), each set of tags looked at once."""
    found: set[str] = set()
    for tags in {a.tags for a in annotations}:
        for tag in tags:
            found.update(tag_and_above(tag))
    return found


def select_annotations(
    annotations: Iterable[Annotation],
    tags: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> list[Annotation]:
    """The annotations carrying any of ``tags`` (or a subtag) and lying in any of ``documents``
    (keys); an empty sequence means no restriction.  Sorted by (document, start, end)."""
    return sorted(chosen_annotations(annotations, tags, documents), key=reading_order)


def chosen_annotations(
    annotations: Iterable[Annotation],
    tags: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> list[Annotation]:
    """:func:`select_annotations` in the order given (for annotations sorted already)."""
    tag_set = {t.strip("/") for t in tags if t.strip("/")}
    doc_set = set(documents)
    if not tag_set and not doc_set:
        return list(annotations)
    # each annotation's tags and those above them looked up in the set, once for each set of
    # tags: any(has_tag(a, t) for t in tags) took 20 s for 1,000 codes named (a shell's
    # --tag $(...)) over 3,000 annotations
    carries: dict[tuple[str, ...], bool] = {}

    def chosen(a: Annotation) -> bool:
        found = carries.get(a.tags)
        if found is None:
            found = carries[a.tags] = any(
                name in tag_set for tag in a.tags for name in tag_and_above(tag)
            )
        return found

    return [
        a
        for a in annotations
        if (not tag_set or chosen(a)) and (not doc_set or a.document in doc_set)
    ]
