"""The items of the W3C export as text: what
:func:`~tui_reader.core.interchange.json_text.pretty_json` writes for
``[to_w3c(a, folder) for a in annotations]`` in the collection's page, made from a
template per annotation instead of a tree of dicts walked value by value (the export of
100,000 annotations is 150 MB of JSON), in parts (see :mod:`.parts`).  A value of a type the
template does not write exactly (anything not exactly ``str`` or ``int``) makes
:func:`items_text` return None: the caller writes the tree then.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, repeat
from json.encoder import encode_basestring as _string  # what json.dumps uses (C)
from pathlib import Path

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.display import json_escaped, stray_bytes_escaped
from tui_reader.core.interchange import parts
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.name_bytes import BYTES, has_stray_bytes, name_bytes
from tui_reader.core.interchange.refi import utc_date_time
from tui_reader.core.interchange.stopping import check

# Indentation: the page's items are at 6 spaces (collection > first > items), their keys at 8.
_ITEM = "\n      "
_KEY = "\n        "
_IN = _KEY + "  "  # a key of an object in an item
_IN2 = _IN + "  "
_IN3 = _IN2 + "  "


def items_text(
    annotations: Sequence[Annotation],
    folder: Path | None,
    file_keys: Mapping[str, str] | None = None,
    page_urls: Mapping[str, str] | None = None,
    page_saved: Mapping[str, str] | None = None,
    generator: str = "",
    languages: Mapping[str, str] | None = None,
) -> Iterable[bytes] | None:
    """The JSON text of the page's ``items`` (from ``[`` to ``]``) in UTF-8, in parts, or
    None (see above)."""
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
    columns = AnnotationColumns.of_annotations(annotations)
    return columns_items_text(
        columns, folder, file_keys, page_urls, page_saved, generator, languages
    )


def columns_items_text(
    columns: AnnotationColumns,
    folder: Path | None,
    file_keys: Mapping[str, str] | None = None,
    page_urls: Mapping[str, str] | None = None,
    page_saved: Mapping[str, str] | None = None,
    generator: str = "",
    languages: Mapping[str, str] | None = None,
) -> Iterable[bytes]:
    """:func:`items_text` of annotations given as columns (each value of its field's type).

    Each column's values are made JSON a column at a time (in C, or once per distinct
    value: the coders, sets of tags, documents), then put in turn with the pieces of the
    item's template (:data:`_ITEM_TEXT`), a part at a time (:func:`_items`): each part as
    it is taken, never all of them held at once."""
    from tui_reader.core.interchange.w3c import (  # w3c imports this module
        all_uuids,
        annotation_iri,
        target_format,
        target_sources,
    )

    if not len(columns):
        return [b"[]"]
    c = columns
    source_of = target_sources(folder, file_keys, page_urls, page_saved)
    told = languages or {}
    sources = {
        key: _source(*source_of(key), target_format(key), told.get(key))
        for key in dict.fromkeys(c.document)
    }
    # documentKey: the file's own key (a tab, a control kept: written as JSON escapes)
    own = file_keys or {}
    escaped = json_escaped if own else str
    document_keys = {key: _document_key(own.get(key, key), escaped) for key in sources}
    creators = {coder: _creator(coder) if coder else "" for coder in set(c.coder)}
    made = _generator(generator) if generator else ""
    tagged = {tags: list(map(_tag_body, tags)) for tags in set(c.tags)}
    only_tags = {tags: _bodies(made) if made else "" for tags, made in tagged.items()}
    # A noted annotation's bodies: its tags' (made once for each set of tags), then its note's
    noted = {
        tags: _bodies([*made, _NOTE_BODY_HEAD])[: -len(_BODIES_END)]
        for tags, made in tagged.items()
    }
    uuids = all_uuids(c.id)  # (ours: nothing in one to escape)
    utc = c.all_utc_to_the_second("created"), c.all_utc_to_the_second("updated")

    def texts(low: int, high: int) -> list[list[str]]:
        """The values of the rows from ``low`` to ``high``, a column each."""
        tags, notes, documents = c.tags[low:high], c.note[low:high], c.document[low:high]
        rows = zip(tags, notes, strict=True)
        motivations = [
            "commenting" if note else "tagging" if tags else "highlighting" for tags, note in rows
        ]
        bodies = [
            f"{noted[tags]}{_string(note)}{_NOTE_BODY_END}" if note else only_tags[tags]
            for tags, note in zip(tags, notes, strict=True)
        ]
        if uuids:
            iris = [f'"urn:uuid:{annotation_id}"' for annotation_id in c.id[low:high]]
        else:
            iris = list(map(_string, map(annotation_iri, c.id[low:high])))
        return [
            iris,
            motivations,
            _times("created", c.created[low:high], utc[0]),
            _times("modified", c.updated[low:high], utc[1]),
            list(map(creators.__getitem__, c.coder[low:high])),
            [made] * (high - low),
            bodies,
            list(map(sources.__getitem__, documents)),
            _each_string(c.quote[low:high]),
            _each_string(c.prefix[low:high]),
            _each_string(c.suffix[low:high]),
            _positions(c.start[low:high], c.end[low:high], c.status[low:high]),
            list(map(document_keys.__getitem__, documents)),
            _strings(c.doc_sha256[low:high]),  # one per document
            _strings(c.status[low:high]),
        ]

    items = _items(texts, len(columns), f",{_ITEM}")
    return chain((f"[{_ITEM}".encode(),), items, (b"\n    ]",))


def _items(
    texts: Callable[[int, int], list[list[str]]], count: int, between: str
) -> Iterator[bytes]:
    """``between.join(_ITEM_TEXT % row for row in zip(*texts(0, count)))`` (``texts``: the
    columns of the values :data:`_ITEM_TEXT` takes, of the rows asked) in UTF-8, in parts,
    as :func:`.parts.joined_parts` makes them: each part one join of the template's pieces
    and the rows' values in turn, no item's text made on its own and copied again into its
    part (100,000 items, 150 MB: a tenth less time).  A part is made as it is taken, its
    rows' values with it: written as they come, the parts of 100,000 items are never all
    held (150 MB more of memory, and its page faults), nor their values."""
    *heads, last = _ITEM_PIECES
    separator, tail = between.encode("utf-8"), last + between
    for at in range(0, count, parts.PART):
        check()  # esc in the app's export dialog: stopped between two parts
        rows = min(count, at + parts.PART) - at
        columns = texts(at, at + rows)
        if any(len(column) != rows for column in columns):
            raise ValueError("the items' columns are not of one length")
        pieces: list[Iterable[str]] = []
        for head, column in zip(heads, columns, strict=True):
            pieces += (repeat(head, rows), column)
        pieces.append(chain(repeat(tail, rows - 1), (last,)))  # no separator after the last
        if at:
            yield separator
        yield "".join(chain.from_iterable(zip(*pieces, strict=True))).encode("utf-8")


def _positions(starts: list[int], ends: list[int], statuses: list[str]) -> list[str]:
    """:func:`_position` of each row, made in one pass when no row is an orphan's."""
    if AnchorStatus.ORPHAN in statuses:
        return list(map(_position, starts, ends, statuses))
    return [
        f',{_IN2}{{{_IN3}"type": "TextPositionSelector",'
        f'{_IN3}"start": {start!r},{_IN3}"end": {end!r}{_IN2}}}'
        for start, end in zip(starts, ends, strict=True)
    ]


def _position(start: int, end: int, status: str) -> str:
    """An item's TextPositionSelector, after its quote's; none for an orphan, whose place is
    in a text that is no longer its document's (see :func:`.w3c.to_w3c`)."""
    if status == AnchorStatus.ORPHAN:
        return ""
    return (
        f',{_IN2}{{{_IN3}"type": "TextPositionSelector",'
        f'{_IN3}"start": {start!r},{_IN3}"end": {end!r}{_IN2}}}'
    )


def _document_key(key: str, escaped: Callable[[str], str]) -> str:
    """An item's documentKey's value: a name that is not UTF-8 as shown, and its bytes
    (see :mod:`~tui_reader.core.interchange.name_bytes`)."""
    if not has_stray_bytes(key):
        return escaped(_string(key))
    shown = json_escaped(_string(stray_bytes_escaped(key)))
    return f'{shown},{_KEY}"documentKey{BYTES}": "{name_bytes(key)}"'


def _source(
    url: str, iri: str, saved: str, media_type: str | None = None, language: str | None = None
) -> str:
    """A target's ``source`` entry's value: the file's IRI, or a saved web page's address
    with the file as the copy annotated, saved at ``saved`` (see :func:`.w3c.target_sources`
    and :func:`.w3c.time_state`); then its ``format``, ``media_type``, and its ``language``,
    when known."""
    written = f',{_IN}"format": {_string(media_type)}' if media_type else ""
    written += f',{_IN}"language": {_string(language)}' if language else ""
    if not url:
        return _string(iri) + written
    return (
        f'{_string(url)},{_IN}"state": {{{_IN2}"type": "TimeState",'
        f'{_IN2}"sourceDate": {_string(saved)},{_IN2}"cached": {_string(iri)}{_IN}}}' + written
    )


def _each_string(column: list[str]) -> list[str]:
    """``list(map(_string, column))``: each value as JSON, the column's written by orjson in
    one call (it escapes every character as ``json`` does without ``ensure_ascii``), a value
    a line, and cut at the line breaks, which none holds (one in a string is escaped).
    100,000 passages' quotes, 15 MB: a call of ``_string`` each took twice as long.  A
    value orjson refuses (a lone surrogate: a file name's stray byte) and the column is
    written a value at a time, as before."""
    import orjson  # (loaded already: the store's tables are read by it)

    if not column:
        return []
    try:
        written = orjson.dumps(column, option=orjson.OPT_INDENT_2)  # [\n  "a",\n  "b"\n]
    except orjson.JSONEncodeError:
        return list(map(_string, column))
    return written[4:-2].decode("utf-8").split(",\n  ")


def _strings(column: list[str]) -> list[str]:
    """Each value of ``column`` as JSON, made once per distinct value (statuses, hashes)."""
    made = {value: _string(value) for value in set(column)}
    return list(map(made.__getitem__, column))


def _times(key: str, column: list[str], utc: bool) -> list[str]:
    """Each time of ``column`` as the item's ``key`` entry: an ``xsd:dateTime``, or nothing
    (no time, or one that is none), made once per distinct time; ``utc``: whether every one
    is one as tui-reader writes it (see :meth:`AnnotationColumns.all_utc_to_the_second`)."""
    if utc:  # each one as it is, no character to escape
        head = f'{_KEY}"{key}": "'
        return [f'{head}{value}",' for value in column]
    made = {}
    for value in set(column):
        written = utc_date_time(value)
        made[value] = "" if written is None else f'{_KEY}"{key}": {_string(written)},'
    return list(map(made.__getitem__, column))


def _bodies(bodies: list[str]) -> str:
    return f'{_KEY}"body": [{_IN}' + f",{_IN}".join(bodies) + _BODIES_END


# A note's body before and after its value, and what ends an item's bodies (see _bodies)
_NOTE_BODY_HEAD = f'{{{_IN2}"type": "TextualBody",{_IN2}"purpose": "commenting",{_IN2}"value": '
_BODIES_END = f"{_KEY}],"
_NOTE_BODY_END = f',{_IN2}"format": "text/plain"{_IN}}}{_BODIES_END}'


# An item's text, its values' texts put in by ``%`` (none of its own text holds a ``%``):
# id, motivation, the created, modified, creator's, generator's and bodies' entries (or nothing),
# source (and state), exact, prefix, suffix, the position selector (or nothing: an orphan's,
# see :func:`.w3c.to_w3c`), documentKey, docSha256, anchorStatus.
_ITEM_TEXT = (
    f'{{{_KEY}"id": %s,{_KEY}"type": "Annotation",'
    f'{_KEY}"motivation": "%s",%s%s%s%s%s'
    f'{_KEY}"target": {{{_IN}"source": %s,{_IN}"selector": [{_IN2}{{'
    f'{_IN3}"type": "TextQuoteSelector",{_IN3}"exact": %s,'
    f'{_IN3}"prefix": %s,{_IN3}"suffix": %s'
    f'{_IN2}}}%s{_IN}]{_KEY}}},{_KEY}"documentKey": %s,'
    f'{_KEY}"docSha256": %s,'
    f'{_KEY}"anchorStatus": %s{_ITEM}}}'
)


# Its text around each value (the pieces between its ``%s``), put in turn with them by _items
_ITEM_PIECES = _ITEM_TEXT.split("%s")
if len(_ITEM_PIECES) != 16 or "%" in "".join(_ITEM_PIECES):
    raise AssertionError("an item's template holds its fifteen values and no other %")


@functools.lru_cache(maxsize=1024)  # a handful of coders
def _creator(coder: str) -> str:
    return f'{_KEY}"creator": {{{_IN}"type": "Person",{_IN}"name": {_string(coder)}{_KEY}}},'


def _generator(name: str) -> str:
    return f'{_KEY}"generator": {{{_IN}"type": "Software",{_IN}"name": {_string(name)}{_KEY}}},'


@functools.lru_cache(maxsize=4096)  # the codebook's tags, written again and again
def _tag_body(tag: str) -> str:
    return (
        f'{{{_IN2}"type": "TextualBody",{_IN2}"purpose": "tagging",'
        f'{_IN2}"value": {_string(tag)},{_IN2}"format": "text/plain"{_IN}}}'
    )
