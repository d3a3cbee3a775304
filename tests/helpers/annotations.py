"""The one annotation factory of the tests (an annotation made by hand, without a document),
and tags put in a codebook."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag
from tui_reader.core.store.annotation_store import AnnotationStore

STAMP = "2026-11-20T10:00:00Z"


def annotation(
    ident: str = "",
    start: int = 0,
    quote: str = "q",
    *tags: str,
    end: int | None = None,
    note: str = "",
    status: AnchorStatus = AnchorStatus.ANCHORED,
    document: str = "d.txt",
    created: str = STAMP,
    updated: str = STAMP,
) -> Annotation:
    """The annotation ``ident`` on ``[start, end)`` of ``document`` (``end`` defaults to the
    end of ``quote``); an empty ``ident`` becomes one made of the range and tags, so equal calls
    give equal annotations."""
    end = start + len(quote) if end is None else end
    return Annotation(
        document=document,
        start=start,
        end=end,
        quote=quote,
        tags=tags,
        note=note,
        id=ident or f"{start}-{end}-{'.'.join(tags)}",
        status=status,
        created=created,
        updated=updated,
    )


def add_tags(store: AnnotationStore, names: Iterable[str]) -> None:
    """Put the tags ``names`` in the codebook of ``store`` (those it lacks)."""
    for name in names:
        if store.tag(name) is None:
            store.set_tag(Tag(name))


def empty_database(path: Path) -> Path:
    """A database made at ``path`` with nothing in it, as a command that writes makes one (a
    command that only reads refuses a ``--db`` naming no file); ``path``."""
    AnnotationStore(path).close()
    return path


def on_phrases(
    store: AnnotationStore, path: Path, phrases: Iterable[str], tags: tuple[str, ...]
) -> list[Annotation]:
    """An annotation coded ``tags`` on the first place of each of ``phrases`` in the document
    at ``path``, added to ``store`` (the document named by its key in the store's database)."""
    from tui_reader.core.documents.document import load_document

    text = load_document(path).text
    spans = [(text.index(phrase), text.index(phrase) + len(phrase)) for phrase in phrases]
    return on_spans(store, path, spans, tags)


def on_spans(
    store: AnnotationStore, path: Path, spans: Iterable[tuple[int, int]], tags: tuple[str, ...]
) -> list[Annotation]:
    """An annotation coded ``tags`` on each ``[start, end)`` of ``spans`` of the document at
    ``path``, added to ``store`` (the document named by its key in the store's database)."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.documents.document import load_document
    from tui_reader.locations import document_key

    document = load_document(path)
    key = document_key(path, store.path)
    return [
        store.add(make_annotation(key, document.text, start, end, document.sha256, tags))
        for start, end in spans
    ]


def annotated_files_gone(folder: Path, gone: int) -> tuple[Path, Path]:
    """A corpus in ``folder`` of ``gone`` + 1 short documents, each with an annotation coded
    ``t``, all but the first then deleted (a folder of annotated files moved away); the
    corpus and its database."""
    corpus = folder / "corpus"
    corpus.mkdir()
    db = folder / "annotations.json"
    with AnnotationStore(db) as store:
        for n in range(gone + 1):
            path = corpus / f"doc{n:02}.txt"
            path.write_text(f"Title {n}\n\nSome words here. More words.\n")
            on_phrases(store, path, ["Some words"], ("t",))
    for n in range(1, gone + 1):
        (corpus / f"doc{n:02}.txt").unlink()
    return corpus, db
