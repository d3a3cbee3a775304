"""Markdown export: by document or by tag, faithful passages and notes.

Every passage is a block quote whose rendered text is the passage (see
:mod:`tui_reader.core.interchange.markdown_text`), followed by an Obsidian block id (``^`` and a
short form of the annotation's id) so notes can link to it; tags are Obsidian ``#tags``, one
per tag (:func:`~tui_reader.core.interchange.markdown_text.tag_labels`); links to documents are
relative to the file written; notes, plain text as users type them, are escaped as passages
are, so they read as typed in the annotation's item list.  Orphaned annotations go in their
own section at the end.
"""

from __future__ import annotations

import functools
import operator
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, groupby, repeat
from pathlib import Path
from urllib.parse import quote as url_quote

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.annotations.model import AnchorStatus, Tag
from tui_reader.core.codebook.names import is_within, tag_path
from tui_reader.core.codebook.tree import tag_tree
from tui_reader.core.documents.document import Document
from tui_reader.core.interchange import (
    Annotations,
    Codebook,
    Documents,
    ExportOptions,
    export_order,
)
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.export_text import export_key
from tui_reader.core.interchange.kept_blocks import KeptBlocks, facts_digest
from tui_reader.core.interchange.markdown_analysis import front_matter, memo_blocks
from tui_reader.core.interchange.markdown_text import (
    blockquote,
    escape_inline,
    escape_link_text,
    plain_text_lines,
    tag_labels,
    tag_safe,
)
from tui_reader.core.interchange.parts import parts_as_taken
from tui_reader.core.interchange.places import (
    display_time,
    is_time,
)
from tui_reader.core.interchange.places_in_text import Places
from tui_reader.core.interchange.stopping import (
    PREPARING,
    begun,
    check,
    checked,
    tell,
    told_along,
)
from tui_reader.core.wording import counted


def render(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """The Markdown export of ``annotations`` (grouped as ``options.by`` says), ending in a
    newline.  Passages appear in reading order (start offset) within each group."""
    ordered = AnnotationColumns.of_annotations(sorted(annotations, key=export_order(options)))
    return b"".join(render_columns(ordered, documents, tags, options)).decode("utf-8")


def render_columns(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> Iterable[bytes]:
    """:func:`render` of annotations given as columns, in reading order (an annotation is
    its row: no Annotation object is made), in UTF-8, in parts (see :mod:`.parts`), each
    joined and encoded as it is taken."""
    begun(PREPARING)  # (their fields read, their ids made: 0.7 s at 100,000, no count)
    writer = _Writer(columns, documents, tags, options)
    writer.told = WRITTEN  # its passages counted as they are made (the app's export dialog)
    tell(0, len(writer.placed), WRITTEN)
    blocks = writer.by_tag() if options.by == "tag" else writer.by_document()
    titles = {key: writer.places.title(key) for key in documents}
    blocks += memo_blocks(options.memos, titles, writer.labels)
    keys = set(columns.document)
    file_keys = dict(options.file_keys)
    if not options.sections:  # a document not coded yet too, as the CSV export's rows
        shown = {own: key for key, own in options.file_keys.items()}
        for own, values in options.attributes.items():
            if values:
                key = shown.get(own) or export_key(own)
                keys.add(key)
                file_keys.setdefault(key, own)
    head = front_matter(options.attributes, keys, file_keys).encode("utf-8")
    return chain((head,), parts_as_taken(blocks, "\n\n"), (b"\n",))


WRITTEN = "annotations written"  # how a Markdown export's making is counted
_ORPHAN = AnchorStatus.ORPHAN.value
ORPHANED = "## Orphaned passages"  # the heading of a document's orphans (document_blocks)
_FUZZY = AnchorStatus.FUZZY.value
_LOCATED = "\n\n- Location: "  # what a block holds between its block id and its location


class _Writer:
    """The blocks of an export of ``columns`` (in reading order); an annotation is its row."""

    def __init__(
        self,
        columns: AnnotationColumns,
        documents: Mapping[str, Document],
        tags: Sequence[Tag],
        options: ExportOptions,
    ) -> None:
        self.columns = columns
        self.ids = columns.id
        self.keys = columns.document
        self.tag_sets = columns.tags
        self.status = columns.status
        self.quotes, self.notes, self.created = columns.quote, columns.note, columns.created
        # A team's export says whose each passage is (one passage two coders coded is two
        # passages, told apart by it); one coder's says it nowhere, as it always did.
        coders = columns.coder
        self._coder_names = set(coders)
        self.coders = coders if len(self._coder_names) > 1 else None
        self.starts, self.ends = columns.start, columns.end
        self.placed: list[int] = []
        self.orphans: list[int] = []
        if _ORPHAN not in self.status and all(map(documents.__contains__, set(self.keys))):
            self.placed = list(range(len(self.keys)))  # every passage placed (the usual case)
        else:
            rows = enumerate(checked(zip(self.status, self.keys, strict=True)))
            for row, (status, key) in rows:
                orphan = status == _ORPHAN or key not in documents
                (self.orphans if orphan else self.placed).append(row)
        self.count = len(columns)
        self.documents = documents
        self.tags = tags
        self.options = options
        self.places = Places(documents, options.places)
        self.labels = tag_labels(
            [
                *(t.name for t in tags),
                *chain.from_iterable(dict.fromkeys(self.tag_sets)),
                *(m.target for m in options.memos if m.kind == MemoKind.CODE),
            ]
        )
        check()
        self.block_ids = block_ids(self.ids)
        check()
        self._linked: set[str] = set()
        self._links: dict[str, str] = {}
        # Made once and reused (100,000 annotations share a few hundred sets of tags, a few
        # coders, their documents' pages and their creation times; a by-tag export shows a
        # passage under each of its tags).
        self._tag_items: dict[tuple[str, ...], str] = {}
        # Each time's item as a line after the one before it ("" for none), made once for
        # the passages shown alone (an orphan); a column's made a passage at a time when
        # every time is one as tui-reader writes it (see _created_column)
        self._created_lines: dict[str, str] = {}
        self._every_time_known = columns.all_utc_to_the_second("created")
        check()
        self._coder_items: dict[str, str] = {}
        # Each placed passage's location, its document's found at once (see _locations),
        # and each citation escaped
        self._where: dict[int, str] = {}
        self._cited: dict[str, str] = {}
        # A placed annotation shown with its source: (quote, facts), by its row
        self._shown: dict[int, tuple[str, str]] = {}
        self._relative_folders: dict[str, tuple[str, str, str]] = {}  # see relative_link
        self.told: str | None = None  # what the passages made are told as, if they are

    # -- the two layouts -------------------------------------------------------------

    def document_blocks(self, key: str) -> list[str]:
        """The blocks of document ``key``'s passages, as :meth:`by_document` shows them
        (each with its block id), then those of its orphaned passages (an Obsidian vault's
        note of the document: see :mod:`.obsidian_vault`)."""
        placed = self._rows_of.get(key, [])
        every = self._every_placed_block
        if every is not None and placed:  # (a copy: the orphans' blocks go after them)
            start, end = every[1][key]
            blocks = every[0][start:end]
        else:
            blocks = self._placed_blocks(placed) if placed else []
        orphans = self._orphans_of.get(key)
        if orphans:
            blocks.append(ORPHANED)
            for row in orphans:
                blocks.extend(self._annotation(row, with_source=False, orphan=True))
        return blocks

    def source_link(self, key: str) -> str:
        """``Source: [key](url)``, relative to the folder written to."""
        return self._source_link(key)

    def title(self, key: str) -> str:
        return self._title(key)

    def label(self, tag: str) -> str:
        """The code's Obsidian tag (without its ``#``)."""
        return self._label(tag)

    def by_document(self) -> list[str]:
        blocks = [*self._header("Annotations")]
        keys, tag_sets = self.keys, self.tag_sets
        by_doc = self._rows_of
        orphan_counts: dict[str, int] = defaultdict(int)
        for row in self.orphans:
            orphan_counts[keys[row]] += 1
        # Every placed passage's block made at once, a column at a time (see _placed_blocks),
        # or each document's taken as kept when its passages' facts are those kept
        rows = [row for items in by_doc.values() for row in items]
        cache = self.places.cache
        kept = cache.blocks if cache is not None else None
        if kept is not None and len(self.block_ids) == len(self.ids):
            shown = self._kept_blocks(rows, kept)
        else:
            shown = self._placed_blocks(rows)
        at = 0
        for key, items in by_doc.items():
            check()  # esc: stopped between two documents' blocks
            blocks.append(f"## {escape_inline(self._title(key))}")
            facts = [self._source_link(key), counted(len(items), "annotation")]
            tag_count = len(set(chain.from_iterable(map(tag_sets.__getitem__, items))))
            if tag_count:
                facts.append(counted(tag_count, "tag"))
            if orphan_counts.get(key):
                facts.append(f"{orphan_counts[key]} orphaned (see the end)")
            blocks.append(" · ".join(facts))
            blocks.extend(shown[at : at + len(items)])
            at += len(items)
        blocks.extend(self._orphan_section())
        return blocks

    def _placed_blocks(self, rows: Sequence[int]) -> list[str]:
        """The block of each of ``rows`` (placed passages, each shown once, with its
        location, in the order shown) as :meth:`_annotation` makes its parts, joined as the
        export joins blocks: each field a column at a time (100,000 passages: the facts each
        set of tags, time, coder and note shares made once, the locations of a document's
        passages found together, one string formatted per passage), not an item list made
        and joined for each.  Row by row when two rows share an id (only the first shown
        gets its block id)."""
        ids = self.ids
        if len(self.block_ids) != len(ids):
            return ["\n\n".join(self._annotation(r, False, False)) for r in rows]
        self._linked.update(map(ids.__getitem__, rows))
        # The places found document by document (every text read again when not kept: the
        # most of the making, 0 of 100,000 said meanwhile for 20 s): counted as they are found
        located, counted = self._locations_told_along(rows, self.told)
        columns = zip(
            map(blockquote, map(self.quotes.__getitem__, self._taken(rows, counted))),
            map(self.block_ids.__getitem__, map(ids.__getitem__, rows)),
            located,
            *self._fact_columns(rows),
            strict=True,
        )
        blocks = [
            f"{quote}\n\n^{block}\n\n- Location: {where}{tags}{made}{coder}{note}"
            for quote, block, where, tags, made, coder, note in columns
        ]
        if counted and self.told is not None:
            tell(len(rows), len(rows), self.told)
        return blocks

    def _kept_blocks(self, rows: Sequence[int], kept: KeptBlocks) -> list[str]:
        """:meth:`_placed_blocks` of ``rows`` (each document's a run, every id once), each
        document's taken from ``kept`` when the facts its blocks are made of are those kept
        (see :mod:`.kept_blocks`), the others made and kept."""
        self._linked.update(map(self.ids.__getitem__, rows))
        return self._blocks_kept(rows, kept)[0]

    def _blocks_kept(self, rows: Sequence[int], kept: KeptBlocks) -> tuple[list[str], list[str]]:
        """:meth:`_kept_blocks` of ``rows``, none of their ids taken as shown, and the block
        id each block holds."""
        ids, keys = self.ids, self.keys
        located, _ = self._locations_told_along(rows, self.told)
        check()
        tag_sets = list(map(self.tag_sets.__getitem__, rows))
        tag_items = {tags: self._tag_line(tags) for tags in set(tag_sets)}
        tag_lines = list(map(tag_items.__getitem__, tag_sets))
        created = self._created_column(rows)
        coder_lines = [""] * len(rows)
        if self.coders is not None:
            lines = {c: "\n" + self._coder_item(c) for c in self._coder_names}
            coder_lines = list(map(lines.__getitem__, map(self.coders.__getitem__, rows)))
        check()
        block_ids = list(map(self.block_ids.__getitem__, map(ids.__getitem__, rows)))
        quotes = list(map(self.quotes.__getitem__, rows))
        notes = list(map(self.notes.__getitem__, rows))
        columns = (block_ids, quotes, located, tag_lines, created, coder_lines, notes)
        shown: list[str] = []
        at = 0
        for key, run in groupby(rows, keys.__getitem__):
            check()  # esc: stopped between two documents' blocks
            end = at + len(list(run))
            parts = [column[at:end] for column in columns]
            digest = facts_digest(*parts)
            blocks = kept.known(key, digest, end - at)
            if blocks is None:
                blocks = _blocks_made(*parts)
                kept.put(key, digest, blocks)
            shown.extend(blocks)
            at = end
        if self.told is not None:
            tell(len(rows), len(rows), self.told)
        return shown, block_ids

    def _taken(self, rows: Sequence[int], counted: bool = False) -> Iterable[int]:
        """``rows`` as their blocks are made: looked at :func:`checked`, and told as
        :attr:`told` says (a Markdown export's passages, not a vault's) unless ``counted``
        as their places were found."""
        if self.told is None or counted:
            return checked(rows)
        return told_along(rows, self.told)

    def _fact_columns(self, rows: Sequence[int]) -> tuple[Iterable[str], ...]:
        """The lines of the tags, the time made, the coder and the note of each of ``rows``,
        a column each (each a line after the one before it, "" for none), the line each set
        of tags, time, coder and note shares made once."""
        # (each column's cells looked up as they are taken, no list of them made first)
        tag_sets, notes = self.tag_sets.__getitem__, self.notes.__getitem__
        tag_items = {tags: self._tag_line(tags) for tags in set(map(tag_sets, rows))}
        check()
        created = self._created_column(rows)
        coders: Iterable[str] = repeat("", len(rows))
        if self.coders is not None:  # (a line for each coder of the export: a few)
            coder_lines = {c: "\n" + self._coder_item(c) for c in self._coder_names}
            coders = map(coder_lines.__getitem__, map(self.coders.__getitem__, rows))
        check()
        # (each distinct note made once here: not through _note_item's cache, whose keeping
        # of 40,000 distinct notes 4,096 at a time cost more than making them)
        note_items = {
            n: "\n" + _note_made(n) if n.strip() else "" for n in checked(set(map(notes, rows)))
        }
        return (
            map(tag_items.__getitem__, map(tag_sets, rows)),
            created,
            coders,
            map(note_items.__getitem__, map(notes, rows)),
        )

    def _row_locations(self, rows: Sequence[int]) -> list[str]:
        """:meth:`_location` of each of ``rows`` (placed), in order: each document's
        passages (a run of rows) found together; every document's taken from the places
        cache at once when it kept them so (:meth:`Places.every_in_order`)."""
        return self._locations_told_along(rows, None)[0]

    def _locations_told_along(
        self, rows: Sequence[int], what: str | None
    ) -> tuple[list[str], bool]:
        """:meth:`_row_locations` of ``rows``, and whether they were counted: found document
        by document (not all taken from the places cache at once), each document's rows told
        as ``what`` before its places are found (from 0, up to the last document's first)."""
        keys = self.keys
        runs = [(key, list(run)) for key, run in groupby(rows, keys.__getitem__)]
        said = self._every_location(rows, runs)
        if said is not None:
            return said, False
        said = []
        for key, run_rows in runs:
            check()  # a document's passages
            if what is not None:
                tell(len(said), len(rows), what)
            said.extend(self._run_locations(key, run_rows))
        return said, what is not None and bool(runs)

    def _every_location(
        self, rows: Sequence[int], runs: Sequence[tuple[str, list[int]]]
    ) -> list[str] | None:
        """:meth:`_row_locations` of ``rows`` (each document's a run of ``runs``) when the
        places cache kept every document's places in this order, the lines of those without
        pages or speakers' turns (most texts) made at once; else None."""
        starts, ends = (
            list(map(self.starts.__getitem__, rows)),
            list(map(self.ends.__getitem__, rows)),
        )
        counts = [len(run) for _, run in runs]
        kept = self.places.every_in_order([key for key, _ in runs], counts, starts, ends)
        if kept is None:
            return None
        lines, percents, citations = kept[0], kept[1], kept[5]
        if any(citations) or any(self.places.paged(key) for key, _ in runs):
            said = []
            at = 0
            for (key, run), count in zip(runs, counts, strict=True):
                check()  # a document's passages
                run_said = self._said(
                    key,
                    lines[at : at + count],
                    percents[at : at + count],
                    citations[at : at + count],
                )
                said.extend(self._approximate(run, run_said))
                at += count
            return said
        check()
        told = zip(lines, percents, strict=True)
        return self._approximate(rows, [f"line {line} · {percent}%" for line, percent in told])

    def _tag_line(self, tags: tuple[str, ...]) -> str:
        """The tags' item as a line after the one before it ("" without a tag)."""
        return "\n" + self._tag_item(tags) if tags else ""

    def _created_line(self, when: str) -> str:
        """The item of when a passage was made, as a line after the one before it ("" for
        no time, or a word taken for one)."""
        line = self._created_lines.get(when)
        if line is None:
            made = f"\n- Created: {display_time(when)}" if is_time(when) else ""
            line = self._created_lines[when] = made
        return line

    def _created_column(self, rows: Sequence[int]) -> list[str]:
        """:meth:`_created_line` of each of ``rows``.  When every time is one as tui-reader
        writes it (each passage made at its own time: 100,000 times, nearly all distinct),
        each line is made as display_time shows it, a passage at a time: a line made once
        for each distinct time and looked up again for its passage took twice as long."""
        created = map(self.created.__getitem__, rows)
        if self._every_time_known:
            return [f"\n- Created: {t[:10]} {t[11:16]} UTC" for t in created]
        return list(map(self._created_line, created))

    def _coder_item(self, coder: str) -> str:
        item = self._coder_items.get(coder)
        if item is None:
            item = self._coder_items[coder] = f"- Coder: {escape_inline(coder)}"
        return item

    def by_tag(self) -> list[str]:
        blocks = [*self._header("Annotations by tag")]
        ids = self.ids
        # The rows of each set of tags (100,000 passages share a few hundred sets): each
        # set's paths are found once, and its rows put under them at once.
        rows_of: dict[tuple[str, ...], list[int]] = defaultdict(list)
        tag_sets = self.tag_sets
        for row in checked(self.placed):
            rows_of[tag_sets[row]].append(row)
        direct: dict[str, list[int]] = defaultdict(list)
        untagged: list[int] = []
        sections = [tag_path(t) for t in self.options.sections]
        for tags, rows in rows_of.items():
            paths = {tag_path(t) for t in tags} - {""}
            if not paths:
                untagged.extend(rows)
            if sections:  # a passage selected by a code: not under its other codes
                paths = {p for p in paths if any(is_within(p, s) for s in sections)}
            for path in paths:
                direct[path].extend(rows)
        untagged.sort()  # in reading order, as the rows are
        for rows in direct.values():
            rows.sort()
        descriptions = {tag_path(t.name): t.description for t in self.tags}
        # Each passage's quote and facts made once, a column at a time (100,000 passages
        # under two tags each were made row by row: half the export's time)
        # (without a selection by code every placed passage is shown: under its codes, or
        # as untagged; none gathered again into a set of 100,000 rows, nor sorted)
        shown = {*chain.from_iterable(direct.values()), *untagged} if sections else None
        sourced = self._sourced_blocks(shown)
        tree = tag_tree(direct)
        for depth, node in tree.walk():
            check()  # esc: stopped between two codes' blocks
            # Distinct passages, as the codebook counts them (one with two subtags is one).
            under = (direct.get(n.path, ()) for _, n in node.walk())
            below = len(set(map(ids.__getitem__, chain.from_iterable(under))))
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
            self._shown_blocks(blocks, own, sourced)
        if untagged:
            blocks.append("## Untagged")
            blocks.append(counted(len(untagged), "passage") + " without a tag")
            self._shown_blocks(blocks, untagged, sourced)
        blocks.extend(self._orphan_section())
        return blocks

    def _shown_blocks(
        self, blocks: list[str], rows: Sequence[int], sourced: Mapping[int, tuple[str, str]]
    ) -> None:
        """The blocks of ``rows`` (placed) added to ``blocks`` as :meth:`_annotation` makes
        them with their source, from their quotes and facts ``sourced``: the block id after
        a passage's quote the first time it is shown."""
        ids, linked, block_ids = self.ids, self._linked, self.block_ids
        for row in rows:
            shown = sourced[row]
            ident = ids[row]
            if ident in linked:  # (its quote and facts as they are kept: no pair made again)
                blocks += shown
            else:
                linked.add(ident)
                blocks += (shown[0], f"^{block_ids[ident]}", shown[1])

    def _sourced_blocks(self, rows: set[int] | None) -> dict[int, tuple[str, str]]:
        """The quote and the facts, its source first, of each of ``rows`` (placed; None:
        every placed passage), by row, as :meth:`_annotation` makes them with their source:
        each field a column at a time, as :meth:`_placed_blocks` makes them by document, the
        places of each document's passages found together (all of its placed rows, as
        :meth:`_location` finds them)."""
        keys = self.keys
        rows_of = self._rows_of
        if rows is None:
            shown_keys = dict.fromkeys(rows_of)
            every = shown = [row for items in rows_of.values() for row in items]
        else:
            shown_keys = dict.fromkeys(map(keys.__getitem__, sorted(rows)))
            every = [row for key in shown_keys for row in rows_of[key]]
            shown = [row for row in every if row in rows]
        links = {key: self._link(key) for key in shown_keys}
        cache = self.places.cache
        kept = cache.blocks if cache is not None else None
        if kept is not None and len(self.block_ids) == len(self.ids):
            sourced = self._sourced_from_kept(every, links, kept)
            if sourced is not None:
                return sourced
        located = self._row_locations(every)
        # Every placed passage shown (the usual case: a passage without a tag is shown
        # as untagged): their locations in order as they were found, none looked up by row
        where = (
            located
            if len(shown) == len(every)
            else map(dict(zip(every, located, strict=True)).__getitem__, shown)
        )
        columns = zip(
            map(blockquote, map(self.quotes.__getitem__, self._taken(shown))),
            map(links.__getitem__, map(keys.__getitem__, shown)),
            where,
            *self._fact_columns(shown),
            strict=True,
        )
        blocks = [
            (quote, f"- Source: {link}, {place}{tags}{when}{coder}{note}")
            for quote, link, place, tags, when, coder, note in columns
        ]
        return dict(zip(shown, blocks, strict=True))

    def _sourced_from_kept(
        self, rows: Sequence[int], links: Mapping[str, str], kept: KeptBlocks
    ) -> dict[int, tuple[str, str]] | None:
        """:meth:`_sourced_blocks` of ``rows`` (every placed passage of their documents, a
        document's a run) cut from their blocks as by-document Markdown makes them, taken
        from ``kept`` or made and kept (see :meth:`_kept_blocks`): a block is its quote (whose
        every line begins with ``>``: no blank line in it), a blank line, ``^`` and its block
        id, a blank line and ``- Location: `` before the location and the facts a passage
        shows with its source.  None when a block is not so (made another way).  Each cut a
        column at a time."""
        blocks, block_ids = self._blocks_kept(rows, kept)
        check()
        quote_ends = list(map(str.find, blocks, repeat("\n\n")))
        located_at = [
            end + len(ident) + 17 for end, ident in zip(quote_ends, block_ids, strict=True)
        ]
        heads = map(operator.sub, located_at, repeat(len(_LOCATED)))
        if min(quote_ends, default=1) < 1 or not all(
            map(str.startswith, blocks, repeat(_LOCATED), heads)
        ):
            return None
        check()
        sources = {key: f"- Source: {link}, " for key, link in links.items()}
        facts = map(
            operator.add,
            map(sources.__getitem__, map(self.keys.__getitem__, rows)),
            map(str.__getitem__, blocks, map(slice, located_at, repeat(None))),
        )
        quotes = map(str.__getitem__, blocks, map(slice, quote_ends))
        return dict(zip(rows, zip(quotes, facts, strict=True), strict=True))

    # -- pieces ----------------------------------------------------------------------

    def _header(self, title: str) -> list[str]:
        documents = len(set(self.keys))
        summary = (
            f"Exported by {escape_inline(self.options.generator)} on "
            f"{display_time(self.options.exported_at)}: "
            f"{counted(self.count, 'annotation')} in {counted(documents, 'document')}."
        )
        if self.orphans:
            summary += f" {len(self.orphans)} orphaned."
        blocks = [f"# {title}", summary]
        if self.options.scope:
            blocks.append(f"Selection: {escape_inline(self.options.scope)}")
        if not self.count:
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
        for row in self.orphans:
            key = self.keys[row]
            if key != current:
                current = key
                blocks.append(f"### {escape_inline(self._title(current))}")
                blocks.append(self._source_link(current))
            blocks.extend(self._annotation(row, with_source=False, orphan=True))
        return blocks

    def _annotation(self, row: int, with_source: bool, orphan: bool) -> list[str]:
        """The passage's block quote (with its block id the first time it is shown) and its
        list of facts; ``orphan``: whether it is one."""
        shown = self._shown.get(row) if with_source else None
        if shown is not None:  # shown before under another tag: the same, without the id
            return list(shown)
        key = self.keys[row]
        items: list[str] = []
        if orphan:
            gone = key not in self.documents
            reason = "document file not found" if gone else "passage not found in the text"
            items.append(f"- Status: **orphaned** ({reason})")
        if with_source:
            location = self._location(row, orphan)
            items.append(f"- Source: {self._link(key)}, {location}")
        elif not orphan:
            items.append(f"- Location: {self._location(row, orphan)}")
        tags = self.tag_sets[row]
        if tags:
            items.append(self._tag_items.get(tags) or self._tag_item(tags))
        created = self._created_line(self.created[row])
        if created:  # none shown for no time, or a word taken for one
            items.append(created[1:])
        if self.coders is not None:
            items.append(self._coder_item(self.coders[row]))
        note = self.notes[row]
        if note.strip():
            items.append(_note_item(note))
        quote = blockquote(self.quotes[row])
        facts = "\n".join(items)
        if with_source and not orphan:
            self._shown[row] = (quote, facts)
        ident = self.ids[row]
        if ident not in self._linked:  # once: a by-tag export may show it twice
            self._linked.add(ident)
            return [quote, f"^{self.block_ids[ident]}", facts]
        return [quote, facts]

    def _tag_item(self, tags: tuple[str, ...]) -> str:
        item = self._tag_items.get(tags)
        if item is None:
            item = self._tag_items[tags] = "- Tags: " + " ".join(f"#{self._label(t)}" for t in tags)
        return item

    def _location(self, row: int, orphan: bool) -> str:
        """Where the passage lies, as a reader cites it; ``orphan``: whether it is one."""
        if orphan or self.status[row] == _ORPHAN:
            return "location unknown"
        where = self._where.get(row)
        if where is None:  # the places of all its document's passages, said together
            key = self.keys[row]
            self._where.update(self._locations(key, self._rows_of[key]))
            where = self._where.get(row)
            if where is None:  # not a placed row of its document: found alone
                where = self._locations(key, [row])[row]
        return where

    def _locations(self, key: str, rows: Sequence[int]) -> dict[int, str]:
        """:meth:`_location` of each of ``rows`` (placed, in document ``key``), by row."""
        return dict(zip(rows, self._run_locations(key, rows), strict=True))

    def _run_locations(self, key: str, rows: Sequence[int]) -> list[str]:
        """:meth:`_location` of each of ``rows`` (placed, in document ``key``): their
        places found in one run (an unchanged document's taken as the places cache keeps
        them, columns: no Place made), and each citation (a page, a speaker's turn, shared by
        the passages on it) escaped once."""
        starts, ends = self.starts, self.ends
        starts_of, ends_of = [starts[r] for r in rows], [ends[r] for r in rows]
        kept = self.places.in_order(key, starts_of, ends_of)
        if kept is not None:
            lines, percents, citations = kept[0], kept[1], kept[5]
        else:
            found = self.places.run_columns(key, starts_of, ends_of)
            lines, percents, citations = found[0], found[1], found[5]
        return self._approximate(rows, self._said(key, lines, percents, citations))

    def _said(
        self, key: str, lines: Sequence[int], percents: Sequence[int], citations: Sequence[str]
    ) -> list[str]:
        """The location of each passage of document ``key`` on ``lines``, ``percents`` into
        it, cited as ``citations`` say, each citation escaped once."""
        paged = self.places.paged(key)
        if not paged and not any(citations):  # most texts: the line and how far in alone
            told = zip(lines, percents, strict=True)
            said = [f"line {line} · {percent}%" for line, percent in told]
        else:
            said = []
            cited_as = self._cited
            for line, percent, cited in zip(lines, percents, citations, strict=True):
                if paged or cited:
                    shown = cited_as.get(cited)
                    if shown is None:
                        shown = cited_as[cited] = escape_inline(cited)
                    if paged:  # a line of converted text is a paragraph: the page says more
                        said.append(f"{shown} · {percent}%")
                    else:
                        said.append(f"{shown} · line {line} · {percent}%")
                else:
                    said.append(f"line {line} · {percent}%")
        return said

    def _approximate(self, rows: Sequence[int], said: list[str]) -> list[str]:
        """``said``, the locations of ``rows``, each of a passage placed approximately saying
        so."""
        status = self.status
        if _FUZZY in map(status.__getitem__, rows):
            for n, row in enumerate(rows):
                if status[row] == _FUZZY:
                    said[n] += " (approximate match after the text changed)"
        return said

    def _link(self, key: str) -> str:
        """``[title](url)`` of document ``key`` (made once: a by-tag export cites each
        document at every one of its passages)."""
        link = self._links.get(key)
        if link is None:
            link = self._links[key] = f"[{escape_link_text(self._title(key))}]({self._url(key)})"
        return link

    def _title(self, key: str) -> str:
        title = self.places.title(key) if key in self.documents else ""
        return title if title.strip() else key

    def _source_link(self, key: str) -> str:
        return f"Source: [{escape_link_text(key)}]({self._url(key)})"

    def _label(self, tag: str) -> str:
        return self.labels.get(tag) or tag_safe(tag)

    def _url(self, key: str) -> str:
        """A percent-encoded relative link (portable across CommonMark, Obsidian and GitHub)
        to the document, from the folder the export is written to when that is known."""
        key = self.options.file_keys.get(key, key)  # the file's own name, not as shown
        folders = self._folders
        if folders is not None:
            within = self._within
            if within is not None:
                path = os.path.normpath(os.path.join(folders[0], key))
                if not path.startswith(within):  # out of the vault: its file's URL
                    if os.name != "posix":
                        return Path(path).as_uri()
                    return "file://" + url_quote(_name_bytes(path), safe="/")
            key = relative_link(key, *folders, self._relative_folders)
        return url_quote(_name_bytes(key), safe="/")

    @functools.cached_property
    def _within(self) -> str | None:
        """What the path of a file in the vault the links stay within begins with (the
        vault's folder and a separator); None when links may lead anywhere."""
        vault = self.options.links_within
        return None if vault is None else os.path.join(os.path.realpath(vault), "")

    @functools.cached_property
    def _rows_of(self) -> dict[str, list[int]]:
        """The placed rows of each document, in order."""
        rows_of: dict[str, list[int]] = defaultdict(list)
        keys = self.keys
        for row in checked(self.placed):
            rows_of[keys[row]].append(row)
        return rows_of

    @functools.cached_property
    def _every_placed_block(self) -> tuple[list[str], dict[str, tuple[int, int]]] | None:
        """The block of every placed passage, made at once as :meth:`by_document` makes
        them, and where each document's run of them starts and ends, for
        :meth:`document_blocks` (an Obsidian vault's 10,000 notes of documents: made a
        document at a time, the columns taken apart and the places cache asked for each,
        they took twice as long); None when two rows share an id (only the first shown gets
        its block id: made in the order asked for)."""
        if len(self.block_ids) != len(self.ids):
            return None
        rows_of = self._rows_of
        rows = [row for items in rows_of.values() for row in items]
        cache = self.places.cache
        kept = cache.blocks if cache is not None else None  # (the same blocks as by_document's)
        blocks = self._kept_blocks(rows, kept) if kept is not None else self._placed_blocks(rows)
        spans: dict[str, tuple[int, int]] = {}
        at = 0
        for key, items in rows_of.items():
            spans[key] = (at, at + len(items))
            at += len(items)
        return blocks, spans

    @functools.cached_property
    def _orphans_of(self) -> dict[str, list[int]]:
        """The orphaned rows of each document, in order."""
        orphans_of: dict[str, list[int]] = defaultdict(list)
        for row in self.orphans:
            orphans_of[self.keys[row]].append(row)
        return orphans_of

    @functools.cached_property
    def _folders(self) -> tuple[str, str] | None:
        """The documents' folder and the export's, absolute (None when one is not known)."""
        folder, out = self.options.documents_folder, self.options.output_folder
        if folder is None or out is None:
            return None
        return str(Path(folder).absolute()), str(Path(out).absolute())


def _blocks_made(
    block_ids: Sequence[str],
    quotes: Sequence[str],
    located: Sequence[str],
    tag_lines: Sequence[str],
    created: Sequence[str],
    coder_lines: Sequence[str],
    notes: Sequence[str],
) -> list[str]:
    """The blocks of passages given by their facts (as :meth:`_Writer._placed_blocks` makes
    them), each distinct note made once."""
    note_items = {n: "\n" + _note_made(n) if n.strip() else "" for n in checked(set(notes))}
    columns = zip(
        map(blockquote, checked(quotes)),  # (esc: stopped within a thousand passages)
        block_ids,
        located,
        tag_lines,
        created,
        coder_lines,
        map(note_items.__getitem__, notes),
        strict=True,
    )
    return [
        f"{quote}\n\n^{block}\n\n- Location: {where}{tags}{made}{coder}{note}"
        for quote, block, where, tags, made, coder, note in columns
    ]


def vault_root(folder: Path) -> Path | None:
    """The Obsidian vault ``folder`` lies in (or is): the nearest folder holding
    ``.obsidian``, ``folder`` itself first; None outside any."""
    for above in (folder.absolute(), *folder.absolute().parents):
        if (above / ".obsidian").is_dir():
            return above
    return None


def relative_link(
    key: str, folder: str, out: str, folders: dict[str, tuple[str, str, str]] | None = None
) -> str:
    """The path of document ``key`` (relative to the absolute ``folder``) relative to the
    absolute folder ``out``, with ``/`` between its parts: ``os.path.relpath`` of it, worked
    out once per folder of keys (``folders``: those found so far, by the key's folder; 10,000
    documents lie in a hundred folders) and the file's name put after it."""
    head, _, name = key.rpartition("/")
    if os.sep == "/" and name not in ("", ".", "..") and not key.startswith("/"):
        found = folders.get(head) if folders is not None else None
        if found is None:
            directory = os.path.normpath(os.path.join(folder, head))
            found = (_parts(directory), os.path.relpath(directory, out), _parts(out))
            if folders is not None:
                folders[head] = found
        directory, relative, out_parts = found
        # ``out`` below the file's own path would share its name with the path: not here
        if not out_parts.startswith(f"{directory}{name}/"):
            return name if relative == "." else f"{relative}/{name}"
    target = os.path.normpath(os.path.join(folder, key))
    relative = os.path.relpath(target, out)
    return relative if os.sep == "/" else Path(relative).as_posix()


def _name_bytes(name: str) -> bytes:
    """The bytes of a file's name: a name not in UTF-8 (its bytes kept as lone surrogates)
    is those bytes; a lone surrogate that is no byte (a key from a JSON escape) is ``?``."""
    try:
        return name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace")


def _parts(path: str) -> str:
    """The parts of ``path`` made absolute, each followed by ``/``, as ``os.path.relpath``
    compares them (``//a`` is ``a/``)."""
    return "".join(f"{part}/" for part in os.path.abspath(path).split("/") if part)


def _note_made(note: str) -> str:
    """The note as the last item of an annotation's list, shown as it was typed.

    A note is plain text (the note field takes no Markdown, and shows none): ``<inaudible>``,
    ``[[x]]``, ``#tag``, a line starting ``>``, ``-`` or ``1.`` read as typed, each line
    escaped as a quoted passage's are.  One line goes inline (``- Note: text``); more are
    indented under ``- Note:``, a blank line between paragraphs.
    """
    lines = plain_text_lines(note)
    if len(lines) == 1:
        return f"- Note: {lines[0]}"
    body = "\n".join(f"  {line}" if line else "" for line in lines)
    return f"- Note:\n\n{body}"


# A passage's note as :func:`_note_made` makes it, for its item made alone (notes repeat:
# "see memo", "check"), made once each
_note_item = functools.lru_cache(maxsize=4096)(_note_made)


def block_ids(ids: Iterable[str]) -> dict[str, str]:
    """A short Obsidian block id for each annotation id (its first 8 letters and digits,
    longer where two would agree)."""
    ids = list(ids)  # each once: as found below (ids are told apart in one pass, not two)
    heads = "".join([i[:8] for i in checked(ids)])
    if len(heads) == 8 * len(ids) and heads.isascii() and heads.isalnum():
        # Each id's first 8 are letters and digits (a UUID's): they are its first 8.
        lowered = heads.lower()
        firsts = [lowered[n : n + 8] for n in range(0, len(lowered), 8)]
    else:
        firsts = [_letters_and_digits(i)[:8] for i in ids]
    found = dict(zip(ids, firsts, strict=True))
    if len(found) != len(ids):  # an id given twice: each once, where it came first
        ids, firsts = list(found), list(found.values())
    if len(found) == len(set(firsts)):  # no two alike: each keeps its first 8 (the usual case)
        return found
    # Two alike (100,000 UUIDs hold one such pair in three): only theirs are made longer.  A
    # block made longer (12 letters or more, or with a dash) is none of the others' first 8,
    # and as many blocks are taken before an id as ids come before it.
    counts = Counter(firsts)
    alike: list[int] = []  # where they are: each found by a scan in C, not a row at a time
    for first in (f for f, n in counts.items() if n > 1):
        at = -1
        for _ in range(counts[first]):
            at = firsts.index(first, at + 1)
            alike.append(at)
    taken: set[str] = set()
    for before in sorted(alike):
        i = ids[before]
        short = _letters_and_digits(i)
        block, length = short[:8], 8
        while block in taken:
            length += 4
            block = short[:length] if length <= len(short) else f"{short}-{before}"
        taken.add(block)
        found[i] = block
    return found


def _letters_and_digits(ident: str) -> str:
    """The ASCII letters and digits of ``ident``, lower case (``a`` when it has none); of an
    IRI, those of its last part, its own (``https://hypothes.is/a/AbC12`` -> ``abc12``,
    ``urn:uuid:UUID``: the UUID's): every Hypothesis annotation's began ``httpshyp``, so each
    block id was made longer by the others exported with it, another in another export."""
    undashed = ident.replace("-", "")  # a UUID: no more to take out
    if undashed.isascii() and undashed.isalnum():
        return undashed.lower()
    own = _IRI_HEAD.sub("", ident)
    return (
        re.sub(r"[^A-Za-z0-9]", "", own).lower()
        or re.sub(r"[^A-Za-z0-9]", "", ident).lower()
        or "a"
    )


# An IRI's scheme and all of it up to its last '/', ':' or '#' (what ids of one tool share)
_IRI_HEAD = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?:.*[/:#])?", re.DOTALL)


def passages_writer(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> _Writer:
    """The writer of the blocks of ``columns`` (in reading order), as :func:`render_columns`
    makes them, for a format that puts them elsewhere (an Obsidian vault's notes)."""
    return _Writer(columns, documents, tags, options)
