"""Markdown export as an Obsidian vault: a folder of notes, one per document, code and
journal entry, and an index.

A document's note has its attributes as properties and its passages as the one-file
Markdown export shows them (:mod:`.markdown`: the same block quotes, tags, notes and block
ids); a code's note has its description and memo and embeds its passages
(``![[note#^id]]``); links are wikilinks by note name, each name unique in the folder, case
aside, and safe on every file system (:func:`note_name`).

Writing the notes into a folder, and a re-export into it: :mod:`.vault_folder`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value
from tui_reader.core.codebook.names import tag_path
from tui_reader.core.display import BIDI_CONTROLS, DIRECTION_MARKS, stray_bytes_escaped
from tui_reader.core.interchange import (
    Annotations,
    Codebook,
    Documents,
    ExportOptions,
    export_order,
    get_format,
)
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.export_text import clean_export, export_key
from tui_reader.core.interchange.markdown import ORPHANED, passages_writer
from tui_reader.core.interchange.markdown_analysis import memo_markdown, properties
from tui_reader.core.interchange.markdown_text import escape_inline, plain_text_lines
from tui_reader.core.interchange.places import display_time, is_time
from tui_reader.core.interchange.stopping import tell
from tui_reader.core.wording import counted

# The property that marks a note as ours (its value: what the note is about)
MARK = "tui-reader"
FOLDERS = {"document": "Documents", "code": "Codes", "memo": "Journal", "index": ""}

# What Obsidian refuses in a note's name (and what Windows, macOS and Linux refuse in a
# file's), a control character, and what reorders or hides what a terminal shows
_NOT_IN_NAME = re.compile(
    f'[*"\\\\/<>:|?#^\\[\\]\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}{DIRECTION_MARKS}]'
)
_WINDOWS_DEVICES = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$")
NAME_BYTES = 120  # of a name's UTF-8 (a file name holds 255 bytes; ' (12).md' and room left)


def note_name(text: str) -> str:
    """``text`` as a note's name Obsidian and every file system take: each character Obsidian
    forbids (``* " \\ / < > : | ? # ^ [ ]``), a control or bidi character a ``-``, spaces
    folded, no dot or space at either end (a leading dot hides a file, a trailing one Windows
    drops), none ending ``.md`` (a link to it would name another), composed (NFC: macOS), at
    most :data:`NAME_BYTES` bytes, never a Windows device's name; ``Untitled`` for nothing
    left."""
    name = _NOT_IN_NAME.sub("-", unicodedata.normalize("NFC", text))
    name = " ".join(name.split()).strip(" .")
    encoded = name.encode("utf-8", "surrogatepass")
    if len(encoded) > NAME_BYTES:
        name = encoded[:NAME_BYTES].decode("utf-8", "ignore").rstrip(" .")
    name = name.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(name) else name
    if name[-3:].lower() == ".md":  # [[x.md]] would name the note x
        name = f"{name[:-3]}-md"
    if _WINDOWS_DEVICES.match(name):
        name = f"{name}_"
    return name or "Untitled"


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


class _Names:
    """Note names given out unique, case aside (Obsidian links and macOS and Windows
    file names ignore case), none of ``taken`` (the folder's notes not ours); a note
    named by an earlier export keeps its name (:meth:`keep`)."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.theirs = {name.casefold(): name for name in taken}
        self.taken = set(self.theirs)
        self.clashed: list[tuple[str, str]] = []  # (the name a note not ours has, ours)
        self.kept: dict[str, str] = {}  # by what each note is about

    def keep(self, notes: Iterable[tuple[str, str]], given: Mapping[str, str]) -> None:
        """Each of ``notes`` (what it is about, the text it is named by) that an earlier
        export named (``given``, by what it is about) keeps that name, while it is still
        one that text gives (the same, or it with a number) and no note not ours, nor one
        of these before it, holds it: a link to it stays true when another note is gone.
        The name of a note of ours this export does not write (an export of a part) is
        taken by none of these: [[Interview]] would name either."""
        chosen = given.chosen if isinstance(given, GivenNames) else frozenset()
        for about, text in notes:
            name = given.get(about)
            if name is None or (about not in chosen and not _named_for(name, note_name(text))):
                continue
            if name.casefold() not in self.taken:
                self.taken.add(name.casefold())
                self.kept[about] = name
        self.taken.update(name.casefold() for name in given.values())

    def new(self, text: str, about: str = "") -> str:
        if about in self.kept:
            return self.kept[about]
        base = name = note_name(text)
        n = 1
        while name.casefold() in self.taken:
            n += 1
            suffix = f" ({n})"
            cut = base.encode("utf-8")[: NAME_BYTES - len(suffix)].decode("utf-8", "ignore")
            name = cut.rstrip(" .") + suffix
        self.taken.add(name.casefold())
        theirs = self.theirs.pop(base.casefold(), None)
        if theirs is not None:  # said once: the first of ours it moved
            self.clashed.append((theirs, name))
        return name


_NUMBERED = re.compile(r"(.+) \(([0-9]+)\)")


def _named_for(name: str, base: str) -> bool:
    """Whether ``name`` is one :class:`_Names` gives a note whose name would be ``base``:
    ``base`` itself, or ``base`` (cut to leave room) with a number, ``Interview (2)``."""
    if name == base:
        return True
    numbered = _NUMBERED.fullmatch(name)
    return (
        numbered is not None
        and int(numbered[2]) >= 2
        and base.startswith(numbered[1])
        and len(name.encode("utf-8")) <= NAME_BYTES
    )


class GivenNames(dict[str, str]):
    """The names of the notes of ours, by what each is about; ``chosen``: those the user
    gave (a note renamed in Obsidian), kept whatever the note's text would name it;
    ``blocks``: the block ids of the passages the note of ours about a document holds now
    (by what it is about), by which the note of a document whose file moved is found."""

    chosen: frozenset[str] = frozenset()
    blocks: Callable[[str], frozenset[str]] | None = None
    title: Callable[[str], str | None] | None = None  # a document note's title as written


@dataclass(frozen=True)
class Vault:
    """The notes of an export, and ``clashed``: each name a note not ours held, with the
    name our note took instead."""

    notes: list[Note]
    clashed: list[tuple[str, str]]


@dataclass(frozen=True)
class Note:
    """One note: ``folder`` ("" for the export's own), ``name`` (no ``.md``), ``text``,
    and ``about``: what it is about (``document:KEY``, ``code:PATH``, ``memo:ID``,
    ``index``), by which the folder's record keeps the name it was given."""

    folder: str
    name: str
    text: str
    about: str = ""
    # what the note was about at an earlier export: a document whose file moved, its key then
    follows: str = ""


def render(
    annotations: Annotations,
    documents: Documents,
    tags: Codebook,
    options: ExportOptions,
    taken: Iterable[str] = (),
    given: Mapping[str, str] | None = None,
) -> Vault:
    """The vault's notes of ``annotations`` (see :func:`vault_of`)."""
    ordered = sorted(annotations, key=export_order(options))
    columns = AnnotationColumns.of_annotations(ordered)
    return vault_of(columns, documents, tags, options, taken, given)


def vault_of(
    columns: AnnotationColumns,
    documents: Documents,
    tags: Codebook,
    options: ExportOptions,
    taken: Iterable[str] = (),
    given: Mapping[str, str] | None = None,
) -> Vault:
    """The vault's notes of ``columns`` (in reading order), through the export gate as the
    Markdown export's are (its texts, keys and memos), none named as one of ``taken``, each
    named as ``given`` names it (:func:`given_names`) where it still can be."""
    markdown = get_format("markdown")
    keys = [*documents, *dict.fromkeys(columns.document)]
    options = markdown._options(options, keys)
    _, documents, tags = clean_export((), documents, tags)
    return vault_notes(columns.clean(), documents, tags, options, taken, given)


SORTED_EVERY = 5000  # passages sorted between two counts told


def vault_notes(
    columns: AnnotationColumns,
    documents: Documents,
    tags: Codebook,
    options: ExportOptions,
    taken: Iterable[str] = (),
    given: Mapping[str, str] | None = None,
) -> Vault:
    """The notes of the export of ``columns`` (in reading order, through the export gate as
    every format's), none named as one of ``taken`` (notes not ours in the folder), each
    named as ``given`` (what it is about: the name an earlier export gave it) names it where
    it still can be, so that a note gone does not rename another (``Interview (2)`` stays)."""
    names = _Names(taken)
    out = options.output_folder
    in_all = len(columns)
    # the passages' blocks, and each code's, before the first note: counted (10,000
    # documents: 1.3 s of "Writing…" before it)
    tell(0, in_all, "passages sorted into notes")
    writer = passages_writer(
        columns,
        documents,
        tags,
        replace(options, output_folder=out / FOLDERS["document"] if out is not None else None),
    )
    keys = columns.document
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, key in enumerate(keys):
        rows_of[key].append(row)
    memos_of = {m.target: m for m in options.memos if m.kind == MemoKind.DOCUMENT}
    code_memos = {m.target: m for m in options.memos if m.kind == MemoKind.CODE}
    shown = {own: key for key, own in options.file_keys.items()}
    attributes = {shown.get(own) or export_key(own): v for own, v in options.attributes.items()}
    document_keys = sorted({*rows_of, *memos_of, *(k for k, v in attributes.items() if v)})
    # Each code's passages (its own, not its subcodes'), and every code on show
    # (100,000 passages share a few hundred sets of codes: each set's paths found once, and
    # its rows put under them at once, each code's then in reading order again)
    rows_of_set: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for row, row_tags in enumerate(columns.tags):
        if row % SORTED_EVERY == 0:
            tell(row, in_all, "passages sorted into notes")
        rows_of_set[row_tags].append(row)
    direct: dict[str, list[int]] = defaultdict(list)
    for row_tags, set_rows in rows_of_set.items():
        for tag in dict.fromkeys(map(tag_path, row_tags)):
            if tag:
                direct[tag] += set_rows
    for tag_rows in direct.values():
        tag_rows.sort()
    tell(in_all, in_all, "passages sorted into notes")
    descriptions = {tag_path(t.name): t.description for t in tags}
    named = {*direct, *(tag_path(t.name) for t in tags), *map(tag_path, code_memos)} - {""}
    # each level above a code too (a category, ``policy`` of ``policy/border``): its note
    # links the codes under it, as the index nests them
    levels = {"/".join(c.split("/")[:n]) for c in named for n in range(1, c.count("/") + 2)}
    codes = sorted(levels, key=lambda c: c.split("/"))  # a code's subcodes right after it
    # each code's passages with its subcodes' (each once), as the codebook counts a parent
    under: dict[str, set[int]] = defaultdict(set)
    for tag, tag_rows in direct.items():
        for n in range(1, tag.count("/") + 2):
            under["/".join(tag.split("/")[:n])].update(tag_rows)
    journal = [m for m in options.memos if m.kind == MemoKind.JOURNAL]
    wanted = [("index", options.project_name)]
    wanted += [(f"document:{key}", _stem(key)) for key in document_keys]
    wanted += [(f"code:{code}", code) for code in codes]
    wanted += [(f"memo:{m.id}", f"Journal {_when(m).replace(':', '')}") for m in journal]
    block, ids = writer.block_ids, columns.id
    passages = {
        f"document:{key}": frozenset(map(block.__getitem__, map(ids.__getitem__, rows_of[key])))
        if key in rows_of
        else frozenset()
        for key in document_keys
    }
    titles = {f"document:{key}": writer.title(key) for key in document_keys}
    follows = _documents_moved(given or {}, passages, titles)
    if follows:
        given = _given_so(given or {}, follows)
    names.keep(wanted, given or {})
    index_name, *rest = (names.new(text, about) for about, text in wanted)
    doc_names = dict(zip(document_keys, rest[: len(document_keys)], strict=True))
    rest = rest[len(document_keys) :]
    code_names = dict(zip(codes, rest[: len(codes)], strict=True))
    journal_names = rest[len(codes) :]

    index = _index(options, doc_names, code_names, journal_names, rows_of)
    notes = [Note("", index_name, index, "index")]
    tell(0, len(document_keys), "document notes made")  # (its passages placed: the work)
    for number, key in enumerate(document_keys, 1):
        # the document as the JSON export and the Markdown's front matter name it: the
        # file's own name (a control written as its escape), not the picture shown of it
        written = stray_bytes_escaped(options.file_keys.get(key, key))
        own: dict[str, Value] = {MARK: "document", "document": written}
        own["title"] = writer.title(key)
        values = attributes.get(key) or {}
        author = options.authors.get(key)
        if author and all(name.casefold() != "author" for name in values):
            own["author"] = author  # the file's, as the details show it; a value set stands
        lines = _front(own, values)
        lines += [f"# {escape_inline(writer.title(key))}", "", writer.source_link(key), ""]
        lines += [f"Index: [[{index_name}]]", ""]
        memo = memos_of.get(key)
        if memo is not None and memo.text.strip():
            lines += ["## Memo", "", memo_markdown(memo.text, 2), ""]
        blocks = writer.document_blocks(key) if key in rows_of else []
        if blocks and blocks[0] != ORPHANED:  # a heading over the placed passages
            lines += ["## Passages", ""]
        if blocks:
            lines += ["\n\n".join(blocks), ""]
        text = "\n".join(lines)
        about = f"document:{key}"
        was = follows.get(about, "")
        notes.append(Note(FOLDERS["document"], doc_names[key], text, about, was))
        tell(number, len(document_keys), "document notes made")
    for code in codes:
        lines = _front({MARK: "code", "code": code})
        rows = direct.get(code, [])
        count = counted(len(rows), "passage")
        if len(under[code]) > len(rows):  # a parent: its own and with its subcodes'
            count += f", {len(under[code]):,} with subcodes"
        lines += [f"# {escape_inline(code)}", "", f"#{writer.label(code)} · {count}", ""]
        parent = code.rpartition("/")[0]
        if parent in code_names:
            lines += [f"Under: [[{code_names[parent]}]]", ""]
        children = [c for c in codes if c.rpartition("/")[0] == code]
        if children:
            lines += ["Subcodes: " + ", ".join(f"[[{code_names[c]}]]" for c in children), ""]
        if descriptions.get(code, "").strip():
            lines += ["## Description", "", "\n".join(plain_text_lines(descriptions[code])), ""]
        memo = code_memos.get(code)
        if memo is not None and memo.text.strip():
            lines += ["## Memo", "", memo_markdown(memo.text, 2), ""]
        if rows:
            lines += ["## Passages", ""]
            for row in rows:
                name = doc_names[keys[row]]
                lines += [f"![[{name}#^{block[ids[row]]}]]", ""]
        notes.append(Note(FOLDERS["code"], code_names[code], "\n".join(lines), f"code:{code}"))
    for memo, name in zip(journal, journal_names, strict=True):
        lines = _front({MARK: "memo", "created": memo.created})
        lines += [memo_markdown(memo.text), ""]
        notes.append(Note(FOLDERS["memo"], name, "\n".join(lines), f"memo:{memo.id}"))
    return Vault(notes, names.clashed)


def _documents_moved(
    given: Mapping[str, str],
    passages: Mapping[str, frozenset[str]],
    titles: Mapping[str, str],
) -> dict[str, str]:
    """The documents of this export whose file moved since an earlier export (their
    annotations followed it to its new name, by its text), each with what its note was about
    then: a document no earlier export named (``given``) whose passages' blocks
    (``passages``, by what each note of this export is about) are in the note of one document
    named before and not in this export, and in no other; and that note the only one found
    so.  Its note keeps its name, so that the user's links to it (``[[Interview]]``,
    ``![[Interview#^id]]``) still name it.  A note whose title as written is known is
    looked in only for a document of that title (``titles``): a file moved keeps its text."""
    blocks_of = getattr(given, "blocks", None)
    new = {about: held for about, held in passages.items() if about not in given and held}
    if blocks_of is None or not new:
        return {}
    gone = [a for a in given if a.startswith("document:") and a not in passages]
    written = getattr(given, "title", None) or (lambda about: None)
    read: dict[str, frozenset[str]] = {}  # the blocks of each note of a document gone

    def holds(about: str, held: frozenset[str]) -> bool:
        if about not in read:
            read[about] = blocks_of(about)
        return not read[about].isdisjoint(held)

    found: dict[str, str | None] = {}  # a document gone -> the one of this export it is
    for about, held in new.items():
        title = titles.get(about)
        were = [g for g in gone if written(g) in (None, title) and holds(g, held)]
        if len(were) == 1:
            found[were[0]] = None if were[0] in found else about  # two: neither
    return {about: was for was, about in found.items() if about is not None}


def _given_so(given: Mapping[str, str], follows: Mapping[str, str]) -> GivenNames:
    """``given`` with the name of each note in ``follows`` (what it is about now -> what it
    was about) given to it under what it is about now, a name the user chose so too."""
    chosen = given.chosen if isinstance(given, GivenNames) else frozenset()
    moved = GivenNames({**given, **{now: given[was] for now, was in follows.items()}})
    moved.chosen = chosen | {now for now, was in follows.items() if was in chosen}
    moved.blocks = getattr(given, "blocks", None)
    return moved


def _front(own: Mapping[str, Value], values: Mapping[str, Value] | None = None) -> list[str]:
    return ["---", *properties(own, values), "---", ""]


def _stem(key: str) -> str:
    name = key.rpartition("/")[2]
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def _when(memo: Memo) -> str:
    return display_time(memo.created) if is_time(memo.created) else "undated"


def _index(
    options: ExportOptions,
    doc_names: Mapping[str, str],
    code_names: Mapping[str, str],
    journal_names: Sequence[str],
    rows_of: Mapping[str, Sequence[int]],
) -> str:
    lines = _front({MARK: "index"})
    lines += [f"# {escape_inline(options.project_name)}", ""]
    lines += [
        f"Exported by {escape_inline(options.generator)} on {display_time(options.exported_at)}."
    ]
    if options.scope:
        lines += ["", f"Selection: {escape_inline(options.scope)}"]
    lines += ["", "## Documents", ""]
    lines += [
        f"- [[{name}]] · {counted(len(rows_of.get(k, ())), 'passage')}"
        for k, name in doc_names.items()
    ]
    if code_names:
        lines += ["", "## Codes", ""]
        lines += [f"{'  ' * code.count('/')}- [[{name}]]" for code, name in code_names.items()]
    if journal_names:
        lines += ["", "## Journal", ""]
        lines += [f"- [[{name}]]" for name in journal_names]
    return "\n".join([*lines, ""])
