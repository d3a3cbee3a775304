"""A W3C TextQuoteSelector's context made long enough to name one place of its text.

The selector says a passage by its exact words and the :data:`CONTEXT_LENGTH` characters
before and after it that an annotation keeps.  A passage of a running header, a form's
repeated question, a PDF's line that comes back on every page: its quote with that context
can occur several times in the text (a PDF passage of a real reading had four), and a tool
reading the quote alone marks every place.  Its prefix and suffix are lengthened (doubled,
to :data:`CONTEXT_AT_MOST` characters each side at most) until the three occur once; the
TextPositionSelector beside them stays exact.  A context that names one place already, or
one that is not the text's own (an orphan's, a record made on another text), is written as
the annotation keeps it.  The import keeps of a lengthened context what an annotation keeps
(:func:`kept_prefix`, :func:`kept_suffix`).  Offsets are code points into the canonical text,
half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tui_reader.core.annotations.model import CONTEXT_LENGTH
from tui_reader.core.errors import DocumentError
from tui_reader.core.interchange.kept_contexts import KeptContexts, passages_mark

CONTEXT_AT_MOST = 1024  # characters of context each side, at most


def _once(text: str, needle: str, at: int) -> bool:
    """Whether ``needle`` occurs in ``text`` at ``at`` and nowhere else."""
    return text.find(needle) == at and text.find(needle, at + 1) < 0


def unique_context(
    text: str, start: int, end: int, prefix: str, suffix: str
) -> tuple[str, str] | None:
    """The prefix and suffix, around ``text[start:end]``, that make the quote and them occur
    once in ``text`` (at most :data:`CONTEXT_AT_MOST` characters each side, the longest
    tried when none does); None when ``prefix`` and ``suffix`` do already, or are not the
    text's around it."""
    from tui_reader.core.documents.units import character_end, character_start

    if not 0 <= start < end <= len(text):
        return None
    before, after = start - len(prefix), end + len(suffix)
    if before < 0 or text[before:start] != prefix or text[end:after] != suffix:
        return None
    quote = text[start:end]
    if _once(text, prefix + quote + suffix, before):
        return None
    width = max(len(prefix), len(suffix), CONTEXT_LENGTH)
    while width < CONTEXT_AT_MOST and (before > 0 or after < len(text)):
        width = min(2 * width, CONTEXT_AT_MOST)
        # (never half of a character as the eye sees it, as the kept context)
        before = min(character_start(text, max(0, start - width)), start)
        after = max(character_end(text, min(len(text), end + width)), end)
        if _once(text, text[before:after], before):
            break
    return text[before:start], text[end:after]


def kept_prefix(prefix: str) -> str:
    """Of a prefix read (a lengthened one), the :data:`CONTEXT_LENGTH` characters an
    annotation keeps, widened to a whole character at its start as :func:`quoted` does."""
    from tui_reader.core.documents.units import character_start

    if len(prefix) <= CONTEXT_LENGTH:
        return prefix
    return prefix[character_start(prefix, len(prefix) - CONTEXT_LENGTH) :]


def kept_suffix(suffix: str) -> str:
    """Of a suffix read, what an annotation keeps (see :func:`kept_prefix`)."""
    from tui_reader.core.documents.units import character_end

    if len(suffix) <= CONTEXT_LENGTH:
        return suffix
    return suffix[: character_end(suffix, CONTEXT_LENGTH)]


def wider_contexts(
    rows: Iterable[tuple[str, int, int, str, str, str]],
    text_of: Callable[[str], tuple[str, str] | None],
    kept: KeptContexts | None = None,
) -> dict[int, tuple[str, str]]:
    """The contexts of :func:`unique_context` of the annotations ``rows`` (each its document,
    start, end, prefix, suffix and status), by their place among them, for those whose own
    occur more than once; ``text_of(key)``: the text their places are in and its hash (None:
    not known, left as kept).  An orphan's place is none: its context is left as kept.
    ``kept``: what earlier exports found, by document: a document's passages found there
    read no text, and those looked at in a text are put there."""
    passages: dict[str, tuple[list[int], list[tuple[int, int, str, str]]]] = {}
    for n, (key, start, end, prefix, suffix, status) in enumerate(rows):
        if status == "orphan":
            continue
        places, spans = passages.get(key) or passages.setdefault(key, ([], []))
        places.append(n)
        spans.append((start, end, prefix, suffix))
    found: dict[int, tuple[str, str]] = {}
    for key, (places, spans) in passages.items():
        mark = passages_mark(spans) if kept is not None else ""
        lengthened = kept.known(key, mark) if kept is not None else None
        if lengthened is None:
            read = text_of(key)
            if read is None:
                continue
            text, sha = read
            lengthened = []
            for at, (start, end, prefix, suffix) in enumerate(spans):
                wider = unique_context(text, start, end, prefix, suffix)
                if wider is not None:
                    lengthened.append((at, *wider))
            if kept is not None and sha:
                kept.put(key, sha, mark, lengthened)
        for at, prefix, suffix in lengthened:
            found[places[at]] = (prefix, suffix)
    return found


def texts_of(documents: Mapping[str, Any], texts: Any) -> Callable[[str], tuple[str, str] | None]:
    """The text of a document key and its hash: from ``texts`` (the export's texts cache,
    :class:`~tui_reader.core.interchange.packed_texts.PackedTexts`, or None), else its
    document's (loaded when first asked for), else None (not read: its context kept)."""

    def text_of(key: str) -> tuple[str, str] | None:
        packed = texts.text(key) if texts is not None else None
        if packed is not None:
            return str(packed, "utf-8"), texts.sha256(key) or ""
        if key not in documents:
            return None
        try:
            document = documents[key]
            return str(document.text), str(document.sha256)
        except DocumentError:
            return None

    return text_of


def learn_contexts(
    rows: Iterable[tuple[str, int, int, str, str, str]],
    documents: Mapping[str, Any],
    kept: KeptContexts,
) -> None:
    """Put in ``kept`` what :func:`wider_contexts` finds of the annotations ``rows`` lying in
    ``documents`` (loaded by an export of another format, their texts in hand, by key): a W3C
    export after it reads none of their texts, as it reads none of their facts."""
    ours = (row for row in rows if row[0] in documents)
    wider_contexts(ours, lambda key: (documents[key].text, documents[key].sha256), kept)
