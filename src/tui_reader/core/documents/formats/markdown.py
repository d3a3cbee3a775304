"""Markdown: rendered to readable canonical text (no markup characters) plus style spans.

markdown-it-py parses; we walk its token stream.  Block elements are separated by a blank line
(tight list items by a newline), list items start with a bullet glyph or their number, inline
markup becomes spans.  Raw HTML is kept as text: nothing is ever interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.markdown_plain import (
    MULTIMARKDOWN_HEADER,
    PANDOC_TITLE_BLOCK,
    BulletList,
    plain_blocks,
    plain_text,
)
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.titles import find_title_line

if TYPE_CHECKING:  # markdown-it is loaded when first needed: plain Markdown does without it
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_BULLETS = ("•", "◦", "▪")
_RULE = "─" * 40
_INLINE_KINDS = {
    "em": SpanKind.EMPHASIS,
    "strong": SpanKind.STRONG,
    "s": SpanKind.STRIKETHROUGH,
    "link": SpanKind.LINK,
}


@cache  # one parser for every document: building one costs more than parsing a page
def _parser(front_matter: bool = True) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(_RULES)
    if front_matter:
        parser.use(front_matter_plugin)  # a note's YAML header: not a rule and a heading
    parser.use(footnote_plugin)  # "[^1]" and "[^1]: the note", as pandoc and GitHub read them
    parser.use(deflist_plugin)  # "Term" and ": its definition" below it, as pandoc reads them
    # Inline spans keep the preset's nesting: markdown-it keeps their text however deep they
    # go, and at 100 a line of 100,000 brackets took 5.8 s instead of 0.9 s.
    spans = MarkdownIt("commonmark").enable(_RULES).use(footnote_plugin)

    # A character that may begin markup ("*", "[", "`", a line's end...), where the inline
    # parser's text stops (markdown-it 4 keeps them; 3 does not, and parses every text)
    markup = getattr(spans.inline, "terminator_re", None)
    # a table's plain cells side by side made one (markdown_tables), a cell's own "│" no cell's
    from tui_reader.core.documents.formats import markdown_tables

    markdown_tables.install(parser, markup)

    def inline(state: StateCore) -> None:  # markdown-it's own core rule, with the spans' parser
        for token in state.tokens:
            if token.type == "inline":
                if token.children is None:
                    token.children = []
                content = token.content
                if markup is not None and markup.search(content) is None:
                    # Words without a character of markup are one text, as the parser
                    # makes them (nothing, of none): a table of 10,000 columns, a word a
                    # cell, was parsed a cell at a time (20 us each: 20 s for a MB of cells)
                    if content:
                        token.children.append(Token("text", "", 0, content=content))
                else:
                    spans.inline.parse(content, spans, state.env, token.children)

    parser.core.ruler.at("inline", inline)
    return parser


_RULES = ["strikethrough", "table"]  # beyond CommonMark

# How deep blocks may nest before markdown-it stops and drops what lies deeper (its guard
# against recursion).  Its CommonMark preset's 20 dropped a list item 10 levels deep (a list
# and its item are two) and every block after its list, and a quote 20 deep (an email
# thread); its default preset's 100 keeps 49 levels of list, well within Python's recursion
# limit.  A document nested deeper is read as plain text (parse_markdown).
MAX_NESTING = 100


@dataclass
class _ListState:
    ordered: bool
    number: int
    tight: bool
    depth: int


@dataclass
class _Writer:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[Span] = field(default_factory=list)
    # The text written last ends a list marker: the item's first block follows directly.
    after_marker: bool = False
    # Where each note's number was written ("claim[1]"): no part of a heading's title.
    note_marks: list[tuple[int, int]] = field(default_factory=list)

    def write(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)
            self.after_marker = False

    def ends_with(self, suffix: str) -> bool:
        tail = "".join(self.parts[-3:])
        return tail.endswith(suffix)

    def separate(self, tight: bool) -> None:
        """Start a new block: a blank line before it, or a newline when ``tight``."""
        if self.after_marker or self.length == 0:
            return
        if tight:
            if not self.ends_with("\n"):
                self.write("\n")
        else:
            if self.ends_with("\n\n"):
                return
            self.write("\n" if self.ends_with("\n") else "\n\n")


def parse_markdown(text: str) -> Parsed:
    """Render Markdown ``text`` (already sanitised) to canonical text and spans."""
    plain = render_plain(text)  # the same rendering, ten times faster
    if plain is not None:
        return plain
    toml = _TOML_FRONT.match(text)
    if toml is not None:
        # A TOML header between "+++" lines (Hugo's, Zola's) read as a YAML header is: its
        # fences were read as a paragraph of text with it, which titled the note
        # ('+++ title = "Notes" +++').  The fences, as long, are made YAML's.
        text = "---" + text[3 : toml.start(1)] + "---" + text[toml.start(1) + 3 :]
    else:
        header = MULTIMARKDOWN_HEADER.match(text) or PANDOC_TITLE_BLOCK.match(text)
        if header is not None:  # MultiMarkdown's metadata, pandoc's title block: as a YAML
            # header, their lines kept
            text = f"---\n{header.group()}---\n{text[header.end() :]}"
    tokens = parse_tokens(text)
    deep = next((i for i, token in enumerate(tokens) if token.level >= MAX_NESTING - 1), None)
    if deep is not None:
        return _rendered_until_too_deep(text, tokens, deep)
    return render(tokens)


def _rendered_until_too_deep(text: str, tokens: list[Token], deep: int) -> Parsed:
    """``text`` whose ``tokens`` nest as deep as markdown-it goes from ``tokens[deep]`` on:
    it dropped what lay deeper, and after a list, the rest of the document.  The blocks
    before the one so deep are rendered as Markdown (its heading, the title), the rest read
    as plain text, as written: nothing is lost.  All of it was read as plain text, titled
    by its first line as written ("# T")."""
    from tui_reader.core.documents.formats.plain import parse_plain

    line = next(
        (t.map[0] for t in reversed(tokens[:deep]) if t.level == 0 and t.nesting >= 0 and t.map),
        0,
    )
    cut = 0  # where that line starts (markdown-it's lines end at "\n" alone)
    for _ in range(line):
        cut = text.find("\n", cut) + 1
        if cut == 0:
            cut = len(text)
            break
    head_source, tail_source = text[:cut], text[cut:]
    head = render(parse_tokens(head_source)) if head_source.strip() else None
    tail = parse_plain(tail_source.strip("\n"))
    if head is None:
        return tail
    at = len(head.text) + 2 if head.text else 0
    spans = list(head.spans) + [
        Span(span.start + at, span.end + at, span.kind, span.data)
        for span in tail.spans
        if span.kind is not SpanKind.TITLE or not head.title
    ]
    return Parsed(
        text=f"{head.text}\n\n{tail.text}" if head.text else tail.text,
        spans=spans,
        title=head.title or tail.title,
        metadata=head.metadata,
    )


def render_plain(text: str, *, with_spans: bool = True) -> Parsed | None:
    """What :func:`render` makes of markdown-it's tokens for ``text`` when it is plain
    Markdown (see :mod:`~tui_reader.core.documents.formats.markdown_plain`), written from
    its blocks; else ``None``.  ``with_spans=False``: its text, title and its headings'
    spans only (the library's facts need no others; a heading tells a transcript's title
    "Entrevista 1: Migración" from a speaker's turn)."""
    if _TOML_FRONT.match(text) is not None:
        return None  # a header (see parse_markdown)
    blocks = plain_blocks(text)
    if blocks is None:
        return None
    parts: list[str] = []
    spans: list[Span] | None = [] if with_spans else None
    heads: list[Span] = []  # without spans, the headings' alone
    at = 0  # the length written so far
    title: str | None = None
    first_heading: str | None = None
    title_span: Span | None = None
    for block in blocks:
        if at:
            parts.append("\n\n")  # every top-level block after a blank line
            at += 2
        if isinstance(block, list):  # a paragraph (never empty)
            paragraph = " ".join(block)
            parts.append(paragraph)
            if spans is not None:
                spans.append(Span(at, at + len(paragraph), SpanKind.PARAGRAPH))
            at += len(paragraph)
        elif isinstance(block, BulletList):
            at = _write_plain_list(block, parts, spans, at)
        else:  # a heading (its text is not empty and has no space at either end)
            level, heading = block
            parts.append(heading)
            head = Span(at, at + len(heading), SpanKind.HEADING, str(level))
            (heads if spans is None else spans).append(head)
            first_heading = heading if first_heading is None else first_heading
            if title is None and level == 1:
                title = heading
                if spans is not None:
                    title_span = Span(at, at + len(heading), SpanKind.TITLE)
            at += len(heading)
    return _parsed("".join(parts), spans, title, first_heading, title_span, headings=heads)


def render_plain_text(text: str) -> Parsed | None:
    """:func:`render_plain` of ``text`` without spans, its headings' too: its text and title
    alone (what a search takes), written as its lines are read
    (:func:`~tui_reader.core.documents.formats.markdown_plain.plain_text`)."""
    if _TOML_FRONT.match(text) is not None:
        return None  # a header (see parse_markdown)
    found = plain_text(text, _BULLETS[0] + " ")
    if found is None:
        return None
    canonical, title, first_heading = found
    return _parsed(canonical, None, title, first_heading, None)


# What stands for a bullet in an ASCII note's rendering joined as ASCII (render_plain_utf8):
# a control character no clean text holds, one code point as the bullet is.
_BULLET_MARK = "\x01"


def render_plain_utf8(text: str) -> tuple[bytes, str] | None:
    """The UTF-8 of :func:`render_plain_text`'s text of the ASCII ``text`` and its title,
    when it is plain Markdown holding a heading (else ``None``: the caller renders it as
    before).  Its rendering is joined as ASCII, a mark where a bullet goes, and the bullets'
    UTF-8 put in its bytes: joined with its bullets, a note's text was a string of two bytes
    a character, encoded again for the texts pack (2,000 notes of 10 KB: 45 ms of a first
    search rendered and encoded so, 37 ms this way)."""
    if not text.isascii() or _BULLET_MARK in text or _TOML_FRONT.match(text) is not None:
        return None
    found = plain_text(text, _BULLET_MARK + " ")
    if found is None:
        return None
    canonical, title, first_heading = found
    if title is None and first_heading is None:
        return None  # titled by a line of its text, bullets and all: rendered as before
    utf8 = canonical.encode("ascii").replace(_BULLET_MARK.encode(), _BULLETS[0].encode())
    return utf8, title or first_heading or ""


def _write_plain_list(
    block: BulletList, parts: list[str], spans: list[Span] | None, at: int
) -> int:
    """Write the items of ``block`` from offset ``at`` (and their spans, unless ``spans``
    is None); returns the offset after them."""
    between = "\n\n" if block.loose else "\n"
    bullet = _BULLETS[0] + " "
    for number, item in enumerate(block.items):
        if number:
            parts.append(between)
            at += len(between)
        text = " ".join(item)  # never empty
        parts.append(bullet)
        parts.append(text)
        end = at + 2 + len(text)
        if spans is not None:
            spans.append(Span(at, at + 1, SpanKind.BULLET))
            if block.loose:
                spans.append(Span(at + 2, end, SpanKind.PARAGRAPH))
            spans.append(Span(at, end, SpanKind.LIST_ITEM))
        at = end
    return at


# A note opening with a rule, a blank line below it: no YAML header opens so (as pandoc
# reads it).  With another rule further down, what lay between the two was taken for one:
# shown as a block of code, the note titled by the paragraph after it.
_OPENING_RULE = re.compile(r"---[ \t]*\r?\n[ \t]*\r?\n")


def parse_tokens(text: str) -> list[Token]:
    """markdown-it's tokens for ``text``."""
    return _parser(front_matter=_OPENING_RULE.match(text) is None).parse(text)


def render(tokens: list[Token]) -> Parsed:
    """Canonical text and spans of a Markdown token stream."""
    tokens = _without_block_ids(tokens)
    out = _Writer()
    lists: list[_ListState] = []
    open_blocks: list[tuple[str, int, str]] = []  # (token type, start offset, data)
    rows_apart = False  # the table open is of one column (see _one_column)
    title: str | None = None
    first_heading: str | None = None
    title_span: Span | None = None
    metadata: dict[str, str | int] = {}
    terms: list[tuple[int, bool]] = []  # each open list of definitions: its term's start, paired
    tables: list[tuple[int, int]] = []  # where each table lies: no line of one is a title

    for index, token in enumerate(tokens):
        kind = token.type
        tight_here = bool(lists) and lists[-1].tight
        if kind in ("paragraph_open", "heading_open"):
            if not token.hidden:
                out.separate(tight=False)
            elif not out.after_marker:
                out.separate(tight=True)
            open_blocks.append((kind, out.length, token.tag))
        elif kind in ("paragraph_close", "heading_close"):
            _, start, tag = open_blocks.pop()
            if kind == "heading_close":
                out.spans.append(Span(start, out.length, SpanKind.HEADING, tag[1:]))
            elif not token.hidden:
                out.spans.append(Span(start, out.length, SpanKind.PARAGRAPH))
        elif kind == "inline":
            start, first_part = out.length, len(out.parts)
            children = _without_block_id(_without_comments(token.children or []))
            if index > 1 and tokens[index - 2].type == "list_item_open":
                children = _task(children)
            elif index > 1 and tokens[index - 2].type == "blockquote_open":
                children = _callout(children)
            _write_inline(children, out, in_cell=tokens[index - 1].type in _CELL_OPENINGS)
            if tokens[index - 1].type == "heading_open":
                heading = _without_note_marks(out, start, first_part)
                if first_heading is None:
                    first_heading = heading
                if title is None and tokens[index - 1].tag == "h1" and heading:
                    title = heading
                    title_span = Span(start, out.length, SpanKind.TITLE)
        elif kind in ("blockquote_open", "table_open"):
            out.separate(tight=False)
            open_blocks.append((kind, out.length, ""))
            rows_apart = kind == "table_open" and _one_column(tokens, index)
        elif kind in ("blockquote_close", "table_close"):
            _, start, _ = open_blocks.pop()
            block = SpanKind.BLOCKQUOTE if kind == "blockquote_close" else SpanKind.PARAGRAPH
            out.spans.append(Span(start, out.length, block))
            if kind == "table_close":
                tables.append((start, out.length))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start_attr = token.attrGet("start") if ordered else None
            number = int(start_attr) if isinstance(start_attr, int | str) else 1
            out.separate(tight=bool(lists))  # a nested list follows its item's text directly
            lists.append(_ListState(ordered, number, _is_tight(tokens, index), len(lists)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            state = lists[-1]
            out.separate(tight=tight_here)
            indent = "  " * state.depth
            out.write(indent)
            start = out.length
            marker = f"{state.number}." if state.ordered else _BULLETS[state.depth % 3]
            state.number += 1
            out.write(marker + " ")
            out.spans.append(Span(start, start + len(marker), SpanKind.BULLET))
            out.after_marker = True
            open_blocks.append((kind, start, ""))
        elif kind == "list_item_close":
            _, start, _ = open_blocks.pop()
            out.spans.append(Span(start, out.length, SpanKind.LIST_ITEM))
        elif kind in ("fence", "code_block"):
            out.separate(tight=False)
            start = out.length
            out.write(token.content.rstrip("\n"))
            info = token.info.strip().split(" ")[0] if kind == "fence" else ""
            out.spans.append(Span(start, out.length, SpanKind.CODE_BLOCK, info))
        elif kind == "front_matter":  # kept as written, a block of its own
            out.separate(tight=False)
            start = out.length
            out.write(token.content.rstrip("\n"))
            out.spans.append(Span(start, out.length, SpanKind.CODE_BLOCK, "yaml"))
            metadata = front_matter_fields(token.content)
        elif kind == "html_block":
            # What a page shows of it: its tags were read as words ("<div>Raw <b>HTML</b>"),
            # and a comment (a note to the writers: "<!-- TODO -->") was shown.
            shown = _html_text(token.content)
            if shown:
                out.separate(tight=False)
                start = out.length
                out.write(shown)
                out.spans.append(Span(start, out.length, SpanKind.PARAGRAPH))
        elif kind == "footnote_block_open":  # the notes, after the text, as Word's are
            out.separate(tight=False)
            start = out.length
            out.write("Notes")
            out.spans.append(Span(start, out.length, SpanKind.HEADING, "2"))
        elif kind == "footnote_open":
            out.separate(tight=False)
            open_blocks.append((kind, out.length, ""))
            out.write(f"[{_note_number(token)}] ")
            out.after_marker = True  # the note's first paragraph follows its number
        elif kind == "footnote_close":
            _, start, _ = open_blocks.pop()
            out.spans.append(Span(start, out.length, SpanKind.PARAGRAPH))
        elif kind == "hr":
            out.separate(tight=False)
            start = out.length
            out.write(_RULE)
            out.spans.append(Span(start, out.length, SpanKind.RULE))
        elif kind in ("dl_open", "dt_open", "dl_close"):
            if terms and kind != "dl_open":  # the term before and its definitions are read
                start, paired = terms.pop()
                if paired:
                    out.spans.append(Span(start, out.length, SpanKind.PARAGRAPH))
            if kind != "dl_close":
                out.separate(tight=False)
            if kind == "dt_open":  # a term: a passage of it and its definitions, as a web page's
                terms.append((out.length, _pair_definitions(tokens, index)))
            elif kind == "dl_open":
                terms.append((out.length, False))
        elif kind == "dt_close" and not terms[-1][1]:  # a term of definitions of many blocks
            out.spans.append(Span(terms[-1][0], out.length, SpanKind.PARAGRAPH))
        elif kind == "dd_open":  # a definition on the line below its term
            out.separate(tight=True)
            out.after_marker = True
        elif kind == "tr_open":
            if open_blocks and open_blocks[-1][1] != out.length:
                # not the table's first row; a table of one column's a paragraph (see
                # _one_column)
                out.write("\n\n" if rows_apart else "\n")
        elif kind in ("th_open", "td_open") and tokens[index - 1].type != "tr_open":
            out.write(" │ ")  # between two cells of a row

    parsed = _parsed("".join(out.parts), out.spans, title, first_heading, title_span, tables)
    if metadata:
        own = metadata.get("title")
        return replace(parsed, metadata=metadata, title=str(own) if own else parsed.title)
    return parsed


# "key: value" at the top of a YAML header, the value a plain or quoted scalar ("key =
# value" in a TOML header).
_FIELD = re.compile(
    r"^(title|author|date)[ \t]*[:=][ \t]*(?P<value>[^\s\[{|>&*!#%@`].*?)[ \t]*$", re.IGNORECASE
)
# A TOML header: "+++" on the first line and on a line closing it.
_TOML_FRONT = re.compile(r"\+\+\+[ \t]*\n(?:.*?\n)?(\+\+\+)[ \t]*(?:\n|$)", re.DOTALL)


# A YAML header: "---" on the first line and on a line closing it (a blank line right below
# the first is a rule, see _OPENING_RULE).
_YAML_FRONT = re.compile(r"---[ \t]*\n(?![ \t]*\n)(.*?\n)?---[ \t]*(?:\n|$)", re.DOTALL)


def header_fields(text: str) -> dict[str, str | int]:
    """The title, author and date the header opening the Markdown ``text`` gives, as its
    rendering reads them (:func:`parse_markdown`): a YAML or TOML front matter, MultiMarkdown's
    metadata, pandoc's title block; without rendering it (the library's facts)."""
    yaml = _YAML_FRONT.match(text)
    if yaml is not None:
        return front_matter_fields(yaml.group(1) or "")
    toml = _TOML_FRONT.match(text)
    if toml is not None:  # its lines between the fences, the closing one its group
        return front_matter_fields(text[text.index("\n") + 1 : toml.start(1)])
    header = MULTIMARKDOWN_HEADER.match(text) or PANDOC_TITLE_BLOCK.match(text)
    return front_matter_fields(header.group()) if header is not None else {}


def front_matter_fields(yaml: str) -> dict[str, str | int]:
    """The title, author and date a YAML front matter gives as plain or quoted one-line
    values (lists, blocks and the rest are left as written in the text), or a pandoc title
    block (:data:`PANDOC_TITLE_BLOCK`) gives."""
    if yaml.startswith("%"):
        return _title_block_fields(yaml)
    found: dict[str, str | int] = {}
    for line in yaml.splitlines():
        match = _FIELD.match(line)
        if match is None:
            continue
        value = match.group("value")
        if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        value = " ".join(value.split())
        if value:
            found.setdefault(match.group(1).lower(), value)  # "Title:" too (MultiMarkdown)
    return found


def _title_block_fields(block: str) -> dict[str, str | int]:
    """The title, author and date of pandoc's title block ``block``, in that order, each on
    its "%" line and the indented lines below it (authors parted by ";" kept so)."""
    fields: list[list[str]] = []
    for line in block.splitlines():
        if line.startswith("%"):
            fields.append([line[1:]])
        elif fields:
            fields[-1].append(line)
    found: dict[str, str | int] = {}
    for name, lines in zip(("title", "author", "date"), fields, strict=False):
        value = " ".join(" ".join(lines).split())
        if value:
            found[name] = value
    return found


def _parsed(
    canonical: str,
    spans: list[Span] | None,
    title: str | None,
    first_heading: str | None,
    title_span: Span | None,
    tables: list[tuple[int, int]] | None = None,
    *,
    headings: Sequence[Span] = (),
) -> Parsed:
    """The rendering's Parsed (``spans`` None: without spans, but ``headings``, its
    headings' spans, when given; ``tables``: where its tables lie)."""
    if title is None and first_heading is None:
        found = find_title_line(canonical)
        hidden = [(s.start, s.end) for s in spans or () if s.kind is SpanKind.CODE_BLOCK]
        hidden += tables or ()
        if found is not None and any(start <= found[0] < end for start, end in hidden):
            # A note opening with a block of code was titled by its first line ("# not a
            # heading", "import os"), one opening with a table by its header row ("Name │
            # Age"): the title is looked for outside its code and its tables.
            blanked = list(canonical)
            for start, end in hidden:
                blanked[start:end] = "\n" * (end - start)
            found = find_title_line("".join(blanked))
        if found is not None:
            title = canonical[found[0] : found[1]]
            title_span = Span(found[0], found[1], SpanKind.TITLE)
    if spans is None:  # (made once: a copy by dataclasses.replace cost twice as much)
        return Parsed(text=canonical, spans=tuple(headings) or [], title=title or first_heading)
    if title_span is not None:
        spans.append(title_span)
    spans.sort(key=lambda s: (s.start, -s.end))
    return Parsed(text=canonical, spans=spans, title=title or first_heading)


def _pair_definitions(tokens: list[Token], index: int) -> bool:
    """Whether each definition of the term opening at ``index`` is one paragraph: then the
    term and its definitions are one passage, each on a line of it (their paragraphs are
    made hidden, as a tight list's are), as a web page's ``<dl>`` is read.  Definitions of
    more blocks keep them, the term a passage of its own."""
    level = tokens[index].level
    at = index + 1
    while at < len(tokens) and tokens[at].type != "dt_close":
        at += 1
    paragraphs: list[Token] = []
    at += 1
    while at < len(tokens) and tokens[at].type == "dd_open" and tokens[at].level == level:
        inner = tokens[at + 1 : at + 5]
        if [t.type for t in inner] != ["paragraph_open", "inline", "paragraph_close", "dd_close"]:
            return False
        paragraphs += (inner[0], inner[2])
        at += 5
    for paragraph in paragraphs:
        paragraph.hidden = True
    return True


def _is_tight(tokens: list[Token], index: int) -> bool:
    level = tokens[index].level
    for token in tokens[index + 1 :]:
        if token.type == "paragraph_open" and token.level == level + 2:
            return token.hidden
        if token.level <= level and token.type.endswith("_close"):
            break
    return True


# A link between notes, as Obsidian and other wikis write it: "[[Page]]", "[[Page|shown]]",
# "[[Page#Heading]]", and an embedded file or note, "![[map.png]]".
# ... and a highlight, "==marked words==" (not "a==b and c==d").
_WIKILINK = re.compile(
    r"(!?)\[\[([^\[\]|\n]*?)(?:\|([^\[\]\n]*))?\]\]"
    r"""|(?<![^\s(\[{"'“‘])==(?P<marked>[^\s=](?:[^=\n]*[^\s=])?)==(?!\w)"""
)


def _write_vault_text(text: str, out: _Writer) -> None:
    """``text`` with its wiki links as the note shows them (its words, or the page's name,
    "Page > Heading"; an embed its file's name), each a link to its page, and its highlights
    strong: they were read as written ("[[Border policy|policy]]", "==key point==")."""
    at = 0
    for link in _WIKILINK.finditer(text):
        marked = link.group("marked")
        target, shown = (link.group(2) or "").strip(), (link.group(3) or "").strip()
        if marked is None and not target and not shown:
            continue
        out.write(text[at : link.start()])
        start = out.length
        if marked is not None:
            out.write(marked)
            out.spans.append(Span(start, out.length, SpanKind.STRONG))
        else:
            out.write(shown or " > ".join(part for part in target.split("#") if part))
            out.spans.append(Span(start, out.length, SpanKind.LINK, target))
        at = link.end()
    out.write(text[at:])


def _without_comments(children: list[Token]) -> list[Token]:
    """The words of a paragraph without its comments, "%%between two of these%%" (Obsidian
    shows none of them: a note's private remarks were read as its text).  A comment opens at
    a "%%" with no letter or digit right before it and closes at the next with none right
    after it: "rose 50%% and fell 20%%" (a printf format, a text about percentages) is no
    comment, and its words stay.  A "%%" that opens or closes none stays."""
    real = _comment_markers(children)
    if not real:
        return children
    kept: list[Token] = []
    inside, seen = False, -1
    for child in children:
        if child.type != "text":
            if not inside:
                kept.append(child)
            continue
        words: list[str] = []
        for i, piece in enumerate(child.content.split("%%")):
            if i:
                seen += 1
                if seen in real:
                    inside = not inside
                elif not inside:
                    words.append("%%")
            if not inside:
                before = words[-1] if words else kept[-1].content if kept else ""
                if i and seen in real and before.endswith(" ") and piece.startswith(" "):
                    piece = piece[1:]  # the spaces either side of a comment: one
                words.append(piece)
        if "".join(words):
            kept.append(child.copy(content="".join(words)))
    return kept


# A block's identifier, as Obsidian writes one to link to a paragraph or an item: " ^abc123"
# ending its last line (or a line of its own right below it).
BLOCK_ID = re.compile(r"(?:^|[ \t]+)\^[A-Za-z0-9-]+[ \t]*$")


def _one_column(tokens: Sequence[Token], index: int) -> bool:
    """Whether the table opening at ``tokens[index]`` has one column and several rows (a
    list of questions set in a table): its rows are written a paragraph each, as a Word
    file's are; a line each, no cell's mark among them, they were one paragraph of prose, a
    sentence running from one row into the next.  (Plain cells side by side are one token
    holding their words joined by " │ ", see :mod:`.markdown_tables`: such a row has
    several.)"""
    from tui_reader.core.documents.formats.markdown_tables import CELLS_APART

    cells = rows = 0
    for at in range(index + 1, len(tokens)):  # (no copy of the tokens after it, a table)
        token = tokens[at]
        kind = token.type
        if kind == "table_close":
            break
        if kind == "tr_open":
            rows += 1
        elif kind in ("th_open", "td_open") and rows == 1:
            cells += 1
        elif kind == "inline" and rows == 1 and CELLS_APART in token.content:
            return False
        if cells > 1 or (rows > 1 and cells == 1):
            break
    return cells == 1 and rows > 1


def _without_block_ids(tokens: list[Token]) -> list[Token]:
    """``tokens`` without the paragraphs that are only a block's identifier ("^table-id" on
    a line of its own below a table or a list, as Obsidian writes it: it shows nothing)."""
    drop: set[int] = set()
    for i in range(1, len(tokens) - 1):
        token = tokens[i]
        if (
            token.type == "inline"
            and tokens[i - 1].type == "paragraph_open"
            and tokens[i + 1].type == "paragraph_close"
            and token.content.startswith("^")
            and BLOCK_ID.fullmatch(token.content.strip()) is not None
        ):
            drop.update((i - 1, i, i + 1))
    return [token for i, token in enumerate(tokens) if i not in drop] if drop else tokens


def _without_block_id(children: list[Token]) -> list[Token]:
    """The words of a paragraph or an item without the block identifier ending it (Obsidian
    shows none: "We met Ana. ^abc123" was read with its "^abc123")."""
    last = len(children) - 1
    while last >= 0 and children[last].type in ("softbreak", "hardbreak"):
        last -= 1
    if last < 0 or children[last].type != "text":
        return children
    found = BLOCK_ID.search(children[last].content)
    if found is None:
        return children
    kept = children[last].content[: found.start()]
    head = children[:last]
    if not kept:  # the identifier on a line of its own: the break before it goes too
        while head and head[-1].type in ("softbreak", "hardbreak"):
            head = head[:-1]
        return head
    return [*head, children[last].copy(content=kept)]


def _comment_markers(children: list[Token]) -> set[int]:
    """Which of the paragraph's "%%" (counted in order over its text, as
    :func:`_without_comments` splits each text at them) open or close a comment."""
    parts = [child.content for child in children if child.type == "text"]
    joined = "".join(parts)
    places: list[int] = []  # where each "%%" starts in ``joined``
    base = 0
    for part in parts:
        at = base
        for piece in part.split("%%")[:-1]:
            at += len(piece)
            places.append(at)
            at += 2
        base += len(part)
    real: set[int] = set()
    n = 0
    while n < len(places):
        start = places[n]
        if start and joined[start - 1].isalnum():
            n += 1  # "50%%": no comment opens here
            continue
        closing = next(
            (m for m in range(n + 1, len(places))
             if places[m] + 2 >= len(joined) or not joined[places[m] + 2].isalnum()),
            None,
        )  # fmt: skip
        if closing is None:
            break  # no pair: every "%%" from here stays
        real.update((n, closing))
        n = closing + 1
    return real


_TASK = re.compile(r"\[([ xX])\][ \t]+")


def _task(children: list[Token]) -> list[Token]:
    """The words of a list item, a task's box ("- [ ] call Ana", "- [x] sent") as the page
    shows it, ☐ or ☒: it was read as written."""
    first = children[0] if children else None
    found = _TASK.match(first.content) if first is not None and first.type == "text" else None
    if first is None or found is None:
        return children
    box = "☐ " if found.group(1) == " " else "☒ "
    return [first.copy(content=box + first.content[found.end() :]), *children[1:]]


# The first line of a callout (Obsidian) or an alert (GitHub): "> [!NOTE]", "> [!tip]- Title".
_CALLOUT = re.compile(r"\[!([A-Za-z][\w-]*)\][+-]?[ \t]*(.*)")


def _callout(children: list[Token]) -> list[Token]:
    """The words of a quote's first paragraph, a callout's first line ("[!NOTE]", "[!tip]
    Title") as the page shows it, its title (or its kind: "Note") a line of its own: it was
    read as written."""
    first = children[0] if children else None
    if first is None or first.type != "text":
        return children
    found = _CALLOUT.fullmatch(first.content)
    if found is None:
        return children
    title = found.group(2).strip() or found.group(1).replace("-", " ").capitalize()
    rest = children[1:]
    if rest and rest[0].type == "softbreak":  # the callout's text starts a line
        rest = [rest[0].copy(type="hardbreak"), *rest[1:]]
    return [first.copy(content=title), *rest]


def _note_number(token: Token) -> int:
    """The number of the note a footnote token refers to (notes count from 1 in the order
    they are first referred to)."""
    meta = token.meta if isinstance(token.meta, dict) else {}
    number = meta.get("id", 0)
    return number + 1 if isinstance(number, int) else 1


_LINE_BREAK = re.compile(r"<br\b", re.IGNORECASE)
_CELL_OPENINGS = frozenset({"td_open", "th_open"})


def _html_text(html: str) -> str:
    """The text a browser shows of the HTML block ``html`` (none of a comment)."""
    from tui_reader.core.documents.formats.html_text import fragment_text

    return fragment_text(html, "HTML in Markdown")


def _without_note_marks(out: _Writer, start: int, first_part: int) -> str:
    """The text ``out`` wrote since ``start`` (its part ``first_part`` on), stripped, without
    the numbers of the notes referred to in it: a heading's title ("Visit to the market",
    not "Visit to the market[1]")."""
    written = "".join(out.parts[first_part:])
    for mark_start, mark_end in reversed(out.note_marks):
        if mark_start < start:
            break
        written = written[: mark_start - start] + written[mark_end - start :]
    return written.strip()


def _ending_at_breaks(children: list[Token]) -> list[Token]:
    """``children`` with the spaces that end a line before a line break (a backslash's,
    "and \\", or a ``<br>``) left out, as a browser shows none: the parser keeps them in the
    text before it, and the line read "and " (what emphasis closes there aside)."""
    kept = list(children)
    for at, child in enumerate(kept):
        if not (
            child.type == "hardbreak"
            or (child.type == "html_inline" and _LINE_BREAK.match(child.content))
        ):
            continue
        before = at - 1
        while before >= 0 and kept[before].type.endswith("_close"):
            before -= 1
        if before >= 0 and kept[before].type == "text":
            text = kept[before]
            kept[before] = text.copy(content=text.content.rstrip(" \t"))
        # The spaces and the source's line end after a "<br>" (the parser leaves none after
        # a backslash's break) are no more shown than those before it: "and <br> so" read
        # "and", then " so" on a line opened by a space.
        after = at + 1
        while after < len(kept) and kept[after].type.endswith("_open"):
            after += 1
        while after < len(kept) and kept[after].type in ("softbreak", "text"):
            text = kept[after]
            rest = "" if text.type == "softbreak" else text.content.lstrip(" \t")
            kept[after] = text.copy(type="text", content=rest)
            if rest:
                break
            after += 1
    return kept


def _write_inline(children: list[Token], out: _Writer, *, in_cell: bool = False) -> None:
    """Write the inline tokens ``children``; ``in_cell``: they are a table cell's, whose
    line breaks are spaces (a row is a line)."""
    open_spans: list[tuple[SpanKind, int, str]] = []
    for child in _ending_at_breaks(children):
        kind = child.type
        if kind == "text":
            if "[[" in child.content or "==" in child.content:
                _write_vault_text(child.content, out)
            else:
                out.write(child.content)
        elif kind == "html_inline":  # a tag shows nothing but a line break ("<br>")
            if _LINE_BREAK.match(child.content):
                # In a cell ("34<br>F", as a table in Markdown can only break its lines) a
                # space, as the other formats' cells write one: its row was cut in two
                # lines, the cells after the break read as the next row's.
                if not in_cell:
                    out.write("\n")
                elif out.length and not out.ends_with(" "):
                    out.write(" ")
        elif kind == "footnote_ref":  # a note's number, as a Word file's: "claim[1]"
            start = out.length
            out.write(f"[{_note_number(child)}]")
            out.note_marks.append((start, out.length))
        elif kind == "softbreak":
            out.write(" ")  # Markdown joins soft-wrapped source lines
        elif kind == "hardbreak":
            out.write("\n")
        elif kind == "code_inline":
            start = out.length
            out.write(child.content)
            out.spans.append(Span(start, out.length, SpanKind.CODE))
        elif kind == "image":
            start = out.length
            out.write(child.content or "[image]")
            src = child.attrGet("src")
            out.spans.append(Span(start, out.length, SpanKind.LINK, str(src or "")))
        elif kind.endswith("_open") and kind[: -len("_open")] in _INLINE_KINDS:
            href = child.attrGet("href") if kind == "link_open" else ""
            span_kind = _INLINE_KINDS[kind[: -len("_open")]]
            open_spans.append((span_kind, out.length, str(href or "")))
        elif kind.endswith("_close") and kind[: -len("_close")] in _INLINE_KINDS and open_spans:
            span_kind, start, data = open_spans.pop()
            out.spans.append(Span(start, out.length, span_kind, data))
