"""The items of the W3C export as text: what
:func:`~tui_reader.core.interchange.json_text.pretty_json` writes for
``[to_w3c(a, folder) for a in annotations]`` in the collection's page, made from a
template per annotation instead of a tree of dicts walked value by value (the export of
100,000 annotations is 150 MB of JSON).  A value of a type the template does not write exactly
(anything not exactly ``str`` or ``int``) makes :func:`items_text` return None: the caller
writes the tree then.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from json.encoder import encode_basestring as _string  # what json.dumps uses (C)
from pathlib import Path

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.interchange.annotation_columns import AnnotationColumns

# Indentation: the page's items are at 6 spaces (collection > first > items), their keys at 8.
_ITEM = "\n      "
_KEY = "\n        "
_IN = _KEY + "  "  # a key of an object in an item
_IN2 = _IN + "  "
_IN3 = _IN2 + "  "


def items_text(annotations: Sequence[Annotation], folder: Path | None) -> str | None:
    """The JSON text of the page's ``items`` (from ``[`` to ``]``), or None (see above)."""
    for a in annotations:
        strings = (a.id, a.document, a.quote, a.prefix, a.suffix, a.doc_sha256, a.note)
        if (
            not all(type(s) is str for s in strings)
            or not all(type(s) is str for s in (a.created, a.updated, a.coder))
            or type(a.start) is not int
            or type(a.end) is not int
            or type(a.tags) is not tuple
            or not all(type(t) is str for t in a.tags)
        ):
            return None
    return columns_items_text(AnnotationColumns.of_annotations(annotations), folder)


def columns_items_text(columns: AnnotationColumns, folder: Path | None) -> str:
    """:func:`items_text` of annotations given as columns (each value of its field's type)."""
    from tui_reader.core.interchange.w3c import source_iris  # w3c imports this module

    if not len(columns):
        return "[]"
    pieces = []
    sources: dict[str, str] = {}
    source_iri = source_iris(folder)
    c = columns
    rows = zip(
        c.id, c.document, c.quote, c.prefix, c.suffix, c.doc_sha256, c.tags, c.note,
        c.created, c.updated, c.status, c.coder, c.start, c.end, strict=True,
    )  # fmt: skip
    for ident, document, quote, prefix, suffix, sha, tags, note, *more in rows:
        created, updated, status, coder, start, end = more
        source = sources.get(document)
        if source is None:
            source = sources[document] = _string(source_iri(document))
        motivation = "commenting" if note else "tagging" if tags else "highlighting"
        text = (
            f'{{{_KEY}"id": {_string("urn:uuid:" + ident)},{_KEY}"type": "Annotation",'
            f'{_KEY}"motivation": "{motivation}",{_KEY}"created": {_string(created)},'
            f'{_KEY}"modified": {_string(updated)},'
        )
        if coder:
            text += _creator(coder)
        if tags or note:
            bodies = [*map(_tag_body, tags)]
            if note:
                bodies.append(
                    f'{{{_IN2}"type": "TextualBody",{_IN2}"purpose": "commenting",'
                    f'{_IN2}"value": {_string(note)},{_IN2}"format": "text/markdown"{_IN}}}'
                )
            text += f'{_KEY}"body": [{_IN}' + f",{_IN}".join(bodies) + f"{_KEY}],"
        pieces.append(
            f'{text}{_KEY}"target": {{{_IN}"source": {source},{_IN}"selector": [{_IN2}{{'
            f'{_IN3}"type": "TextQuoteSelector",{_IN3}"exact": {_string(quote)},'
            f'{_IN3}"prefix": {_string(prefix)},{_IN3}"suffix": {_string(suffix)}'
            f'{_IN2}}},{_IN2}{{{_IN3}"type": "TextPositionSelector",'
            f'{_IN3}"start": {int.__repr__(start)},{_IN3}"end": {int.__repr__(end)}'
            f'{_IN2}}}{_IN}]{_KEY}}},{_KEY}"documentKey": {_string(document)},'
            f'{_KEY}"docSha256": {_string(sha)},'
            f'{_KEY}"anchorStatus": {_string(status)}{_ITEM}}}'
        )
    return f"[{_ITEM}" + f",{_ITEM}".join(pieces) + "\n    ]"


@functools.lru_cache(maxsize=1024)  # a handful of coders
def _creator(coder: str) -> str:
    return f'{_KEY}"creator": {{{_IN}"type": "Person",{_IN}"name": {_string(coder)}{_KEY}}},'


@functools.lru_cache(maxsize=4096)  # the codebook's tags, written again and again
def _tag_body(tag: str) -> str:
    return (
        f'{{{_IN2}"type": "TextualBody",{_IN2}"purpose": "tagging",'
        f'{_IN2}"value": {_string(tag)}{_IN}}}'
    )
