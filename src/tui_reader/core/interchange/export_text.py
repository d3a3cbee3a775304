"""The export gate: every string an export writes that did not come out of our own document
sanitiser (ids, document keys, tags, notes, memos, quotes, dates and titles from imports, the
database or file names) passes here first, once, where :meth:`ExportFormat.render` hands the
data to a format.  What comes out is valid in every format we write:

- UTF-8 encodable (a lone surrogate from a non-UTF-8 file name or a ``\\udXXX`` escape in
  imported JSON becomes ``U+FFFD``);
- XML 1.0 characters only (C0 controls become their visible control pictures, DEL, C1 controls
  and the non-characters ``U+FFFE``/``U+FFFF`` become ``U+FFFD``);
- nothing a terminal or an editor acts on when the export is printed: no escape sequence (ESC
  is a picture), no bidi override or isolate (``U+FFFD``);
- one-line fields (ids, keys, tags, dates, titles) hold no line break (``⏎``), so a Markdown
  heading or a CSV header stays one line (a document key: each C0 control its own picture,
  a tab ``␉``, the others their escapes, ``\\u0080``, so that no two files are written
  alike: :func:`export_key`); notes and
  quotes keep theirs (``\\r\\n``, one line break in a note written on Windows, and ``\\r``
  become ``\\n``).

Each character is replaced by exactly one, so lengths (and offsets into quotes) stay the same;
only a block's ``\\r\\n`` becomes one ``\\n`` (a quote of a document's text holds none: the
text's line breaks are ``\\n``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.display import BIDI_CONTROLS, DIRECTION_MARKS, NEWLINE_MARK, REPLACEMENT
from tui_reader.core.documents.document import Document
from tui_reader.core.interchange.documents_on_use import DocumentsOnUse

_ODD = "\x7f-\x9f\ud800-\udfff\ufffe\uffff" + BIDI_CONTROLS + DIRECTION_MARKS
UNSAFE_LINE = re.compile(f"[\x00-\x1f\u2028\u2029{_ODD}]")
UNSAFE_BLOCK = re.compile(f"\r\n|[\x00-\x08\x0b-\x1f\u2028\u2029{_ODD}]")
# A document key: what a line may not hold, the pictures of the C0 controls (U+2400 ..
# U+241F), which stand for those controls in a key (a file named ``a\u2409b.txt`` beside
# ``a<tab>b.txt``), and the backslash that begins the escapes of the others
UNSAFE_KEY = re.compile(f"[\\\\\x00-\x1f\u2028\u2029\u2400-\u241f{_ODD}]")


def _one(char: str, *, block: bool) -> str:
    if char == "\r\n":  # one line break (a block's; a line field's CR and LF are two marks)
        return "\n"
    code = ord(char)
    if char in "\n\r\u2028\u2029\x85":
        return "\n" if block else NEWLINE_MARK
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    return REPLACEMENT


def export_line(text: str) -> str:
    """``text`` for a one-line field of an export (see the module docstring)."""
    if UNSAFE_LINE.search(text) is None:
        return text
    return UNSAFE_LINE.sub(lambda m: _one(m.group(), block=False), text)


def export_key(key: str) -> str:
    """A document key for an export: as :func:`export_line`, but each character the gate
    changes is written as itself alone, so that two files' keys are not written alike: a C0
    control (a tab, a line break among them) as its picture (``a b.txt`` beside
    ``a<tab>b.txt``, written ``a␉b.txt``), a byte of a name that is no UTF-8
    as ``\\xNN`` and any other (a C1 control, a bidi control or mark, a line or paragraph
    separator, a lone surrogate, a non-character, DEL) as ``\\uXXXX``, where one ``�``
    stood for them all (``a<U+0080>b.txt`` and ``a<U+0081>b.txt`` were one document) and
    DEL was its picture (``a<DEL>b.txt`` was a file named ``a␡b.txt``).  A control's
    picture in the name itself is written as its escape too (``a\\u2409b.txt``): a file
    named ``a␉b.txt`` beside ``a<tab>b.txt`` was written as it, and imported back, the
    passages of both were on one file.  A backslash is written ``\\\\``: a file literally
    named ``a\\u0080b.txt`` beside one holding U+0080 was written as it, and its passages
    and the other's came back on one file."""
    if UNSAFE_KEY.search(key) is None:
        return key
    return UNSAFE_KEY.sub(_key_char, key)


def _key_char(match: re.Match[str]) -> str:
    if match.group() == "\\":
        return "\\\\"
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not read as UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def export_block(text: str) -> str:
    """``text`` for a field that may span lines (a note, a quote)."""
    if UNSAFE_BLOCK.search(text) is None:
        return text
    return UNSAFE_BLOCK.sub(lambda m: _one(m.group(), block=True), text)


def file_keys(keys: Iterable[str]) -> dict[str, str]:
    """Each of ``keys`` the gate changes, as :func:`export_key` writes it -> as it is; not
    one written as another key is written (``a\\u0080b.txt`` named so, beside
    ``a<U+0080>b.txt``) or as a second key the gate changes is: that name stays the other
    file's."""
    keys = list(dict.fromkeys(keys))  # a key given twice is one file
    changed = [key for key in keys if UNSAFE_KEY.search(key) is not None]
    if not changed:
        return {}
    written: dict[str, list[str]] = {}
    for key in changed:
        written.setdefault(export_key(key), []).append(key)
    taken = {key for key in keys if UNSAFE_KEY.search(key) is None}  # written as they are
    return {
        shown: owners[0]
        for shown, owners in written.items()
        if len(owners) == 1 and shown not in taken
    }


def memo_documents(memos: Iterable[Memo]) -> list[str]:
    """The document keys the document memos of ``memos`` are written on (a file with a memo
    and no annotation is named by its own name too)."""
    return [memo.target for memo in memos if memo.kind == MemoKind.DOCUMENT]


def clean_annotation(annotation: Annotation) -> Annotation:
    a = annotation
    lines = "".join((a.id, a.doc_sha256, a.created, a.updated, a.coder, *a.tags))
    blocks = "".join((a.quote, a.prefix, a.suffix, a.note))
    if (
        UNSAFE_LINE.search(lines) is None
        and UNSAFE_BLOCK.search(blocks) is None
        and UNSAFE_KEY.search(a.document) is None
    ):
        return annotation  # the usual case: nothing to replace, no copy (100,000: 3 s less)
    return dataclasses.replace(
        annotation,
        id=export_line(annotation.id),
        document=export_key(annotation.document),
        quote=export_block(annotation.quote),
        prefix=export_block(annotation.prefix),
        suffix=export_block(annotation.suffix),
        doc_sha256=export_line(annotation.doc_sha256),
        tags=tuple(export_line(t) for t in annotation.tags),
        note=export_block(annotation.note),
        created=export_line(annotation.created),
        updated=export_line(annotation.updated),
        coder=export_line(annotation.coder),  # a name an import brought: U+009B, U+202E
    )


def clean_memo(memo: Memo) -> Memo:
    """A memo's text as a block, its target (a document key, as :func:`export_key` writes
    it: a format names the file itself by :attr:`ExportOptions.file_keys`; a code) and times
    as lines."""
    return dataclasses.replace(
        memo,
        target=(export_key if memo.kind == MemoKind.DOCUMENT else export_line)(memo.target),
        text=export_block(memo.text),
        id=export_line(memo.id),
        created=export_line(memo.created),
        updated=export_line(memo.updated),
    )


def clean_tag(tag: Tag) -> Tag:
    return Tag(export_line(tag.name), export_line(tag.color), export_block(tag.description))


def clean_document(document: Document) -> Document:
    """The document's own text is ours (sanitised when read) and is left as it is: offsets
    point into it.  Its title and the metadata the file declares are not."""
    metadata = {
        export_line(k): export_line(v) if isinstance(v, str) else v
        for k, v in document.metadata.items()
    }
    return dataclasses.replace(document, title=export_line(document.title), metadata=metadata)


def clean_export(
    annotations: Sequence[Annotation], documents: Mapping[str, Document], tags: Sequence[Tag]
) -> tuple[list[Annotation], Mapping[str, Document], list[Tag]]:
    """Everything a format renders, through the export gate (each document when the format
    first asks for it)."""
    keys = {export_key(k): k for k in documents}  # a key made clean -> the key as it was
    return (
        [clean_annotation(a) for a in annotations],
        DocumentsOnUse(dict.fromkeys(keys), lambda k: clean_document(documents[keys[k]])),
        [clean_tag(t) for t in tags],
    )
