"""Markdown export: by document or by tag, faithful passages, notes kept as Markdown.

Every passage is a block quote whose rendered text is the passage (see
:mod:`tui_reader.core.interchange.markdown_text`), followed by an Obsidian block id (``^`` and a
short form of the annotation's id) so notes can link to it; tags are Obsidian ``#tags``, one
per tag (:func:`~tui_reader.core.interchange.markdown_text.tag_labels`); links to documents are
relative to the file written; notes, which users
write in Markdown, are kept as Markdown inside the annotation's item list, and checked not to
spill over into what follows.  Orphaned annotations go in their own section at the end.
"""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote as url_quote

from markdown_it import MarkdownIt

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, reading_order
from tui_reader.core.codebook.names import tag_path
from tui_reader.core.codebook.tree import tag_tree
from tui_reader.core.documents.document import Document
from tui_reader.core.interchange import Annotations, Codebook, Documents, ExportOptions, is_orphan
from tui_reader.core.interchange.markdown_analysis import front_matter, memo_blocks
from tui_reader.core.interchange.markdown_text import (
    blockquote,
    escape_inline,
    tag_labels,
    tag_safe,
)
from tui_reader.core.interchange.places import display_time
from tui_reader.core.interchange.places_in_text import Places
from tui_reader.core.wording import counted

_SENTINEL = "tui-reader-end-of-note-7f3a"


def render(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """The Markdown export of ``annotations`` (grouped as ``options.by`` says), ending in a
    newline.  Passages appear in reading order (start offset) within each group."""
    writer = _Writer(annotations, documents, tags, options)
    blocks = writer.by_tag() if options.by == "tag" else writer.by_document()
    titles = {key: writer.places.title(key) for key in documents}
    blocks += memo_blocks(options.memos, titles)
    keys = {a.document for a in annotations}
    return front_matter(options.attributes, keys) + "\n\n".join(blocks) + "\n"


class _Writer:
    def __init__(
        self,
        annotations: Sequence[Annotation],
        documents: Mapping[str, Document],
        tags: Sequence[Tag],
        options: ExportOptions,
    ) -> None:
        ordered = sorted(annotations, key=reading_order)
        self.placed: list[Annotation] = []
        self.orphans: list[Annotation] = []
        for a in ordered:
            (self.orphans if is_orphan(a, documents) else self.placed).append(a)
        self.all = ordered
        self.documents = documents
        self.tags = tags
        self.options = options
        self.places = Places(documents, options.places)
        self.labels = tag_labels([*(t.name for t in tags), *(t for a in ordered for t in a.tags)])
        self.block_ids = block_ids(a.id for a in ordered)
        self._linked: set[str] = set()
        self._links: dict[str, str] = {}
        # Made once and reused (100,000 annotations share a few hundred sets of tags, their
        # documents' pages and their creation times; a by-tag export shows a passage under
        # each of its tags).
        self._tag_items: dict[tuple[str, ...], str] = {}
        self._created_items: dict[str, str] = {}
        self._paged: dict[str, bool] = {}
        # A placed annotation shown with its source: (quote, facts), by the object's identity
        # (two records could share an id).
        self._shown: dict[int, tuple[str, str]] = {}

    # -- the two layouts -------------------------------------------------------------

    def by_document(self) -> list[str]:
        blocks = [*self._header("Annotations")]
        by_doc: dict[str, list[Annotation]] = defaultdict(list)
        for annotation in self.placed:
            by_doc[annotation.document].append(annotation)
        orphan_counts: dict[str, int] = defaultdict(int)
        for annotation in self.orphans:
            orphan_counts[annotation.document] += 1
        for key, items in by_doc.items():
            blocks.append(f"## {escape_inline(self._title(key))}")
            facts = [self._source_link(key), counted(len(items), "annotation")]
            tag_count = len({t for a in items for t in a.tags})
            if tag_count:
                facts.append(counted(tag_count, "tag"))
            if orphan_counts.get(key):
                facts.append(f"{orphan_counts[key]} orphaned (see the end)")
            blocks.append(" · ".join(facts))
            for annotation in items:
                blocks.extend(self._annotation(annotation, with_source=False, orphan=False))
        blocks.extend(self._orphan_section())
        return blocks

    def by_tag(self) -> list[str]:
        blocks = [*self._header("Annotations by tag")]
        direct: dict[str, list[Annotation]] = defaultdict(list)
        untagged: list[Annotation] = []
        for annotation in self.placed:
            paths = {tag_path(t) for t in annotation.tags} - {""}
            for path in paths:
                direct[path].append(annotation)
            if not paths:
                untagged.append(annotation)
        descriptions = {tag_path(t.name): t.description for t in self.tags}
        tree = tag_tree(direct)
        for depth, node in tree.walk():
            # Distinct passages, as the codebook counts them (one with two subtags is one).
            below = len({a.id for _, n in node.walk() for a in direct.get(n.path, ())})
            own = direct.get(node.path, [])
            blocks.append(f"{'#' * min(6, depth + 2)} {escape_inline(node.name)}")
            if not own:
                facts = f"{counted(below, 'passage')} under subtags"
            elif below:
                facts = f"{counted(len(own), 'passage')} (and {below} under subtags)"
            else:
                facts = counted(len(own), "passage")
            blocks.append(f"#{self._label(node.path)} · {facts}")
            if descriptions.get(node.path):
                blocks.append(escape_inline(descriptions[node.path]))
            for annotation in own:
                blocks.extend(self._annotation(annotation, with_source=True, orphan=False))
        if untagged:
            blocks.append("## Untagged")
            blocks.append(counted(len(untagged), "passage") + " without a tag")
            for annotation in untagged:
                blocks.extend(self._annotation(annotation, with_source=True, orphan=False))
        blocks.extend(self._orphan_section())
        return blocks

    # -- pieces ----------------------------------------------------------------------

    def _header(self, title: str) -> list[str]:
        documents = len({a.document for a in self.all})
        summary = (
            f"Exported by {escape_inline(self.options.generator)} on "
            f"{display_time(self.options.exported_at)}: "
            f"{counted(len(self.all), 'annotation')} in {counted(documents, 'document')}."
        )
        if self.orphans:
            summary += f" {len(self.orphans)} orphaned."
        blocks = [f"# {title}", summary]
        if self.options.scope:
            blocks.append(f"Selection: {escape_inline(self.options.scope)}")
        if not self.all:
            blocks.append("No annotations.")
        return blocks

    def _orphan_section(self) -> list[str]:
        if not self.orphans:
            return []
        blocks = [
            "## Orphaned annotations",
            "These passages were not found in the current text of their document (it was "
            "edited, moved or removed). They are kept as they were when last seen.",
        ]
        current = None
        for annotation in self.orphans:
            if annotation.document != current:
                current = annotation.document
                blocks.append(f"### {escape_inline(self._title(current))}")
                blocks.append(self._source_link(current))
            blocks.extend(self._annotation(annotation, with_source=False, orphan=True))
        return blocks

    def _annotation(
        self, annotation: Annotation, with_source: bool, orphan: bool | None = None
    ) -> list[str]:
        """The passage's block quote (with its block id the first time it is shown) and its
        list of facts; ``orphan``: whether it is one, when the caller knows."""
        shown = self._shown.get(id(annotation)) if with_source else None
        if shown is not None:  # shown before under another tag: the same, without the id
            return list(shown)
        if orphan is None:
            orphan = is_orphan(annotation, self.documents)
        items: list[str] = []
        if orphan:
            gone = annotation.document not in self.documents
            reason = "document file not found" if gone else "passage not found in the text"
            items.append(f"- Status: **orphaned** ({reason})")
        if with_source:
            location = self._location(annotation, orphan)
            items.append(f"- Source: {self._link(annotation.document)}, {location}")
        elif not orphan:
            items.append(f"- Location: {self._location(annotation, orphan)}")
        if annotation.tags:
            items.append(self._tag_item(annotation.tags))
        created = self._created_items.get(annotation.created)
        if created is None:
            created = f"- Created: {display_time(annotation.created)}"
            self._created_items[annotation.created] = created
        items.append(created)
        if annotation.note.strip():
            items.append(_note_item(annotation.note))
        quote = blockquote(annotation.quote)
        facts = "\n".join(items)
        if with_source and not orphan:
            self._shown[id(annotation)] = (quote, facts)
        if annotation.id not in self._linked:  # once: a by-tag export may show it twice
            self._linked.add(annotation.id)
            return [quote, f"^{self.block_ids[annotation.id]}", facts]
        return [quote, facts]

    def _tag_item(self, tags: tuple[str, ...]) -> str:
        item = self._tag_items.get(tags)
        if item is None:
            item = self._tag_items[tags] = "- Tags: " + " ".join(f"#{self._label(t)}" for t in tags)
        return item

    def _location(self, annotation: Annotation, orphan: bool | None = None) -> str:
        """Where the passage lies, as a reader cites it; ``orphan``: whether it is one, when
        the caller knows."""
        if orphan is None:
            orphan = annotation.document not in self.documents
        if orphan or annotation.status == AnchorStatus.ORPHAN:
            return "location unknown"
        place = self.places.of(annotation)
        where = f"line {place.line} · {place.percent}%"
        cited = place.citation
        paged = self._paged.get(annotation.document)
        if paged is None:
            paged = self._paged[annotation.document] = self.places.paged(annotation.document)
        if paged:  # a line of converted text is a paragraph
            where = f"{escape_inline(cited)} · {place.percent}%"  # the page says more
        elif cited:
            where = f"{escape_inline(cited)} · {where}"
        if annotation.status == AnchorStatus.FUZZY:
            where += " (approximate match after the text changed)"
        return where

    def _link(self, key: str) -> str:
        """``[title](url)`` of document ``key`` (made once: a by-tag export cites each
        document at every one of its passages)."""
        link = self._links.get(key)
        if link is None:
            link = self._links[key] = f"[{escape_inline(self._title(key))}]({self._url(key)})"
        return link

    def _title(self, key: str) -> str:
        title = self.places.title(key) if key in self.documents else ""
        return title if title.strip() else key

    def _source_link(self, key: str) -> str:
        return f"Source: [{escape_inline(key)}]({self._url(key)})"

    def _label(self, tag: str) -> str:
        return self.labels.get(tag) or tag_safe(tag)

    def _url(self, key: str) -> str:
        """A percent-encoded relative link (portable across CommonMark, Obsidian and GitHub)
        to the document, from the folder the export is written to when that is known."""
        folder, out = self.options.documents_folder, self.options.output_folder
        if folder is not None and out is not None:
            target = os.path.normpath(Path(folder).absolute() / key)
            key = Path(os.path.relpath(target, Path(out).absolute())).as_posix()
        return url_quote(key, safe="/")


_md = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@functools.lru_cache(maxsize=4096)  # notes repeat ("see memo", "check"): parsed once each
def _note_item(note: str) -> str:
    """The note as the last item of an annotation's list, its Markdown kept.

    One plain line goes inline (``- Note: text``); anything longer is indented under
    ``- Note:`` so its paragraphs, lists and code stay Markdown.  A note that would swallow what
    follows (an unclosed code fence or HTML block) is shown verbatim in a fenced block instead.
    """
    lines = _close_fences([line.rstrip() for line in note.strip("\n").split("\n")])
    if len(lines) == 1 and _inline_safe(lines[0]):
        return f"- Note: {lines[0]}"
    body = "\n".join(f"  {line}" if line else "" for line in lines)
    item = f"- Note:\n\n{body}"
    if _contained(item):
        return item
    longest = max((len(line) - len(line.lstrip("~")) for line in lines), default=0)
    fence = "~" * max(3, longest + 1)
    verbatim = "\n".join(f"  {line}" if line else "" for line in [fence, *lines, fence])
    return f"- Note (verbatim):\n\n{verbatim}"


def _close_fences(lines: list[str]) -> list[str]:
    """``lines`` with a closing fence added when the note's last code fence is left open
    (CommonMark closes it at the end of the list item; some renderers do not)."""
    for token in _md.parse("\n".join(lines)):
        if token.type != "fence" or token.map is None or token.map[1] < len(lines):
            continue
        last = lines[-1].strip()
        mark = token.markup
        closed = (
            token.map[1] - token.map[0] > 1
            and last.startswith(mark[0] * len(mark))
            and not last.strip(mark[0])
        )
        if not closed:
            return [
                *lines,
                " " * (len(lines[token.map[0]]) - len(lines[token.map[0]].lstrip())) + mark,
            ]
    return lines


def _inline_safe(line: str) -> bool:
    stripped = line.strip()
    if not stripped or line != line.lstrip():
        return False
    if stripped[0] in "#>-+*=|`~<" or stripped[0].isdigit():
        return False
    return _contained(f"- Note: {stripped}")


def _contained(item: str) -> bool:
    """True when Markdown after ``item`` (a list item) is parsed as its own paragraph."""
    tokens = _md.parse(f"{item}\n\n{_SENTINEL}\n")
    return (
        len(tokens) >= 3
        and tokens[-3].type == "paragraph_open"
        and tokens[-3].level == 0
        and tokens[-2].content == _SENTINEL
    )


def block_ids(ids: Iterable[str]) -> dict[str, str]:
    """A short Obsidian block id for each annotation id (its first 8 letters and digits,
    longer where two would agree)."""
    ids = list(dict.fromkeys(ids))
    short = {i: _letters_and_digits(i) for i in ids}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for i in ids:
        block, length = short[i][:8], 8
        while block in taken:
            length += 4
            block = short[i][:length] if length <= len(short[i]) else f"{short[i]}-{len(taken)}"
        taken.add(block)
        found[i] = block
    return found


def _letters_and_digits(ident: str) -> str:
    """The ASCII letters and digits of ``ident``, lower case (``a`` when it has none)."""
    undashed = ident.replace("-", "")  # a UUID: no more to take out
    if undashed.isascii() and undashed.isalnum():
        return undashed.lower()
    return re.sub(r"[^A-Za-z0-9]", "", ident).lower() or "a"
