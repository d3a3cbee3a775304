"""Markdown export: golden files of the exact output, and faithfulness read back by a parser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest
from helpers import examples
from helpers.markdown_quotes import Blockquotes, fold_whitespace
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, make_annotation
from tui_reader.core.documents.document import Document, parse_document
from tui_reader.core.interchange import ExportOptions, export_order, is_orphan, stopping
from tui_reader.core.interchange import markdown as markdown_module
from tui_reader.core.interchange import parts as parts_module
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.markdown import render
from tui_reader.core.interchange.markdown_text import MARKDOWN
from tui_reader.core.interchange.stopping import PREPARING, stopped_by, told_to

Golden = Callable[[str, str], None]


def test_by_document_matches_golden(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    golden: Golden,
) -> None:
    golden("by-document.md", render(annotations, seed_documents, seed_tags, options))


def test_by_tag_matches_golden(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    golden: Golden,
) -> None:
    by_tag = replace(options, by="tag")
    golden("by-tag.md", render(annotations, seed_documents, seed_tags, by_tag))


@pytest.mark.parametrize("by", ["document", "tag"])
def test_every_passage_is_a_block_quote_equal_to_its_quote(
    by: str,
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    read_blockquotes: Blockquotes,
) -> None:
    markdown = render(annotations, seed_documents, seed_tags, replace(options, by=by))
    quotes = {text for text, _ in read_blockquotes(markdown)}
    for annotation in annotations:
        assert fold_whitespace(annotation.quote) in quotes, annotation.id
    for _, kinds in read_blockquotes(markdown):
        assert kinds <= {"text", "softbreak"}


def _doc(text: str, name: str = "tricky.md") -> Document:
    return parse_document(text.encode("utf-8"), Path(name), "text")


def test_passages_full_of_markdown_syntax_survive(
    options: ExportOptions, read_blockquotes: Blockquotes
) -> None:
    text = (
        "*stars* _underscores_ `ticks` <b>html</b> [link](x) &amp;\n"
        "> leading quote\n- leading dash\n1. ordered\n# hash\n\n"
        "second paragraph ```fence``` ~~strike~~ $5 ==mark== #tag\\"
    )
    document = _doc(text)
    passages = [(0, len(text)), (text.index(">"), text.index("1.")), (text.index("#"), len(text))]
    annotations = [
        make_annotation("tricky.md", text, s, e, document.sha256, ("t",)) for s, e in passages
    ]
    for by in ("document", "tag"):
        markdown = render(annotations, {"tricky.md": document}, [], replace(options, by=by))
        found = read_blockquotes(markdown)
        for annotation in annotations:
            assert (fold_whitespace(annotation.quote), {"text", "softbreak"}) in found or (
                fold_whitespace(annotation.quote),
                {"text"},
            ) in found


def test_notes_read_as_typed_and_do_not_spill(
    options: ExportOptions, md_parser: MarkdownIt, read_blockquotes: Blockquotes
) -> None:
    """A note is plain text: a transcript's ``<inaudible>``, ``[[x]]``, ``#tag``, emphasis,
    a heading, a list or a fence show as typed, never as markup."""
    text = "Alpha beta gamma.\n\nDelta epsilon."
    document = _doc(text)
    notes = [
        "Plain *emphasised* note.",
        "# A heading in a note\n\n- item one\n- item two\n\n```python\nprint('x')\n```",
        "```\nan unclosed fence",
        "<div>\nunclosed html block",
        "> a quote in a note",
        "she said <inaudible> then [[Ana]] #border",
    ]
    annotations = [
        make_annotation("t.md", text, 0, 5, document.sha256, (), note).evolve(id=f"n{i}")
        for i, note in enumerate(notes)
    ]
    markdown = render(annotations, {"t.md": document}, [], options)
    tokens = md_parser.parse(markdown)
    # Every annotation's passage is still its own top-level block quote: no note swallowed it.
    top_quotes = [t for t in tokens if t.type == "blockquote_open" and t.level == 0]
    assert len(top_quotes) == len(notes)
    assert sum(1 for text, _ in read_blockquotes(markdown) if text == "Alpha") == len(notes)
    inner = [t for t in tokens if t.level > 0]  # in the passages' quotes and item lists
    types = {t.type for t in inner} | {c.type for t in inner for c in t.children or []}
    assert not types & {"em_open", "heading_open", "fence", "html_inline", "html_block"}
    shown = md_parser.render(markdown)
    assert "she said &lt;inaudible&gt; then [[Ana]] #border" in shown
    assert "# A heading in a note" in shown and "```python" in shown


def test_orphans_have_their_own_marked_section(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
) -> None:
    markdown = render(annotations, seed_documents, seed_tags, options)
    head, _, orphans = markdown.partition("## Orphaned annotations")
    assert orphans, "no orphan section"
    for annotation in annotations:
        folded = fold_whitespace(annotation.quote)
        if is_orphan(annotation, seed_documents):
            assert annotation.quote.split()[0] in orphans
        else:
            assert folded.split()[0] in head
    assert orphans.count("**orphaned**") == sum(is_orphan(a, seed_documents) for a in annotations)


def test_line_and_position_are_those_of_the_start(options: ExportOptions) -> None:
    text = "one\ntwo\nthree\nfour and more text"
    document = _doc(text)
    start = text.index("four")
    annotation = make_annotation("t.md", text, start, start + 4, document.sha256)
    markdown = render([annotation], {"t.md": document}, [], options)
    assert f"line 4 · {start * 100 // len(text)}%" in markdown


def test_fuzzy_matches_are_flagged(options: ExportOptions) -> None:
    text = "some text here"
    document = _doc(text)
    annotation = make_annotation("t.md", text, 0, 4, document.sha256).evolve(
        status=AnchorStatus.FUZZY
    )
    assert "approximate match" in render([annotation], {"t.md": document}, [], options)


def test_empty_export_says_so(options: ExportOptions) -> None:
    markdown = render([], {}, [Tag("x")], options)
    assert markdown.startswith("# Annotations\n")
    assert "No annotations." in markdown


def test_tag_hierarchy_nests_headings(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
) -> None:
    markdown = render(annotations, seed_documents, seed_tags, replace(options, by="tag"))
    lines = markdown.splitlines()
    assert "## policy" in lines
    assert "### border control" in lines
    assert lines.index("## policy") < lines.index("### border control")
    assert "#policy/border-control · 1 passage" in lines
    assert "## Untagged" in lines


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("one plain line", "- Note: one plain line"),
        ("    indented", "- Note: indented"),
        ("1986. a list?", "- Note: 1986\\. a list?"),
        ("# heading", "- Note: \\# heading"),
        ("two\n\n\nparagraphs", "- Note:\n\n  two\n\n  paragraphs"),
    ],
)
def test_note_forms(note: str, expected: str, options: ExportOptions) -> None:
    text = "Some text."
    document = _doc(text)
    annotation = make_annotation("t.md", text, 0, 4, document.sha256, (), note)
    markdown = render([annotation], {"t.md": document}, [], options)
    assert markdown.endswith(expected + "\n")


# Notes drawn from the characters that make Markdown blocks and inlines (fences, HTML, quotes,
# lists, headings, tables, links, Obsidian's tags, wikilinks and block ids), indentation and
# every kind of line ending.
_MARKDOWN_NOTES = st.lists(
    st.sampled_from(
        ["```", "~~~", "`", "~", "<!--", "-->", "<pre>", "<script>", "<?", "<![CDATA[", "<a>",
         "<", ">", "\n", "\r", "\r\n", "\t", "  ", "    ", "# ", "> ", "- ", "* ", "1. ", "|",
         "---", "===", "[x]: /u", "\\", "^ab", "a", "b c", "[[", "]]", "#t", "==", "%%", "$",
         "*", "_", "&amp;", "<inaudible>", "1)", "\xa0"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=examples(400), deadline=None)
@given(note=_MARKDOWN_NOTES)
def test_a_note_shows_as_typed_and_never_swallows_what_follows_it(note: str) -> None:
    """A note's item shows the note's text as typed (whitespace folded), in plain text only,
    and ends before the next paragraph (the next passage)."""
    if not note.strip():
        return
    tokens = MARKDOWN.parse(f"{markdown_module._note_item(note)}\n\nNEXT PASSAGE\n")
    assert tokens[-3].type == "paragraph_open" and tokens[-3].level == 0
    assert tokens[-2].content == "NEXT PASSAGE"
    item = [t for t in tokens[:-3] if t.type == "inline"]
    kinds = {c.type for t in item for c in t.children or []}
    assert kinds <= {"text", "softbreak"}
    shown = " ".join("".join(c.content or " " for c in t.children or []) for t in item)
    assert fold_whitespace(shown) == fold_whitespace("Note: " + note)


_SECTION_TAGS = ["a", "b", "a/c", "b//", "/a/c"]  # "b//" is under b, "/a/c" under a/c


@settings(max_examples=examples(40), deadline=None)
@given(tag_lists=st.lists(st.lists(st.sampled_from(_SECTION_TAGS), max_size=3, unique=True)))
def test_by_tag_lists_each_section_in_reading_order(tag_lists: list[list[str]]) -> None:
    """Each tag's section holds the passages that carry it (or a spelling of it with empty
    levels) in reading order, however the sets of tags interleave; untagged ones likewise."""
    text = " ".join(f"q{n:02d}" for n in range(len(tag_lists)))
    document = _doc(text, "d.txt")
    annotations = [
        make_annotation("d.txt", text, 4 * n, 4 * n + 3, document.sha256, tuple(tags))
        for n, tags in enumerate(tag_lists)
    ]
    options = ExportOptions(generator="tui-reader test", by="tag")
    markdown = render(annotations[::-1], {"d.txt": document}, [], options)
    found: dict[str, list[str]] = {}
    heading = ""
    for line in markdown.splitlines():
        if line.startswith(("## ", "### ")):
            heading = line.split(" ", 1)[1]
        elif line.startswith("> q"):
            found.setdefault(heading, []).append(line[2:])

    def paths(tags: list[str]) -> set[str]:
        return {"/".join(p for p in t.split("/") if p) for t in tags} - {""}

    expected: dict[str, list[str]] = {}
    for n, tags in enumerate(tag_lists):
        for path in sorted(paths(tags)) or ["Untagged"]:
            expected.setdefault(path.rsplit("/", 1)[-1], []).append(f"q{n:02d}")
    assert found == expected


@pytest.mark.parametrize("by", ["document", "tag"])
def test_the_blocks_are_joined_as_they_are_written(
    by: str,
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A by-tag export of 100,000 annotations is 79 MB: its parts were all joined before the
    first was written, and all held at once.  Each part is now joined as it is taken, and
    the parts taken are the text made whole."""
    monkeypatch.setattr(parts_module, "PART", 2)
    shown = replace(options, by=by)
    whole = render(annotations, seed_documents, seed_tags, shown)
    ordered = AnnotationColumns.of_annotations(sorted(annotations, key=export_order(shown)))
    looks: list[int] = []
    with stopped_by(lambda: looks.append(len(looks))):
        parts = iter(markdown_module.render_columns(ordered, seed_documents, seed_tags, shown))
        made = len(looks)
        taken = [next(parts), next(parts)]  # the front matter, the first two blocks
        assert len(looks) == made + 1  # one part joined, not yet the others
        taken += parts
        assert len(looks) > made + 3
    assert b"".join(taken).decode("utf-8") == whole


@pytest.mark.parametrize("by", ["document", "tag"])
def test_the_passages_made_are_told_as_they_are_made_and_the_text_is_the_same(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    by: Literal["document", "tag"],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Made in the app's export dialog (a tell set), Markdown says how many of its passages
    it has made, from none to all of them, a few at a time; its text is the command's."""
    shown = replace(options, by=by)
    whole = render(annotations, seed_documents, seed_tags, shown)
    monkeypatch.setattr(stopping, "EVERY", 2)
    ordered = AnnotationColumns.of_annotations(sorted(annotations, key=export_order(shown)))
    told: list[tuple[int, int, str]] = []
    with told_to(lambda done, total, what: told.append((done, total, what))):
        made = markdown_module.render_columns(ordered, seed_documents, seed_tags, shown)
        text = b"".join(made).decode("utf-8")
    assert text == whole
    placed = sum(1 for a in annotations if not is_orphan(a, seed_documents))
    assert told[0] == (0, 0, PREPARING)  # its passages made ready first, with no count
    told = told[1:]
    assert {what for *_, what in told} == {"annotations written"}
    assert told[0] == (0, placed, "annotations written")
    assert told[-1] == (placed, placed, "annotations written")
    counts = [done for done, *_ in told]
    assert counts == sorted(counts) and len(set(counts)) > 2


def test_a_selection_by_code_gives_each_passage_shown_its_own_location() -> None:
    """An export of one code's passages leaves out the others of their documents, whose
    places are found with them: each passage shown keeps its own line, not a left-out
    neighbour's."""
    text = "one\ntwo\nthree\nfour\nfive"
    document = _doc(text, "d.txt")
    passages = [("one", ("a",)), ("three", ("b",)), ("five", ("a",))]
    annotations = [
        make_annotation("d.txt", text, text.index(q), text.index(q) + len(q), document.sha256, t)
        for q, t in passages
    ]
    options = ExportOptions(generator="tui-reader test", by="tag", sections=("a",))
    markdown = render(annotations, {"d.txt": document}, [], options)
    sources = [line for line in markdown.splitlines() if line.startswith("- Source:")]
    assert [s.split(", ")[1].split(" · ")[0] for s in sources] == ["line 1", "line 5"]
    assert "> three" not in markdown


def test_times_not_as_tui_reader_writes_them_are_shown_as_before() -> None:
    """A column of creation times mixing tui-reader's own with an offset, a word kept from
    an old import and none: each passage's line as display_time shows its own."""
    text = "alpha beta gamma delta"
    document = _doc(text, "d.txt")
    times = ["2026-11-20T10:00:00Z", "2026-11-20T10:00:00+02:00", "yesterday", ""]
    annotations = [
        make_annotation("d.txt", text, 6 * n, 6 * n + 4, document.sha256, ("t",)).evolve(
            id=f"t{n}", created=when
        )
        for n, when in enumerate(times)
    ]
    for by in ("document", "tag"):
        options = ExportOptions(generator="tui-reader test", by=by)
        markdown = render(annotations, {"d.txt": document}, [], options)
        created = [line for line in markdown.splitlines() if line.startswith("- Created:")]
        assert created == [
            "- Created: 2026-11-20 10:00 UTC",
            "- Created: 2026-11-20 10:00 UTC+0200",
        ]


def test_the_passages_are_counted_as_their_places_are_found(
    annotations: list[Annotation],
    seed_documents: dict[str, Document],
    seed_tags: list[Tag],
    options: ExportOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Markdown of 100,000 annotations in the app's dialog said "0 of 100,000 annotations
    written" for 20 s: the places of every document's passages were found (each text read
    again when not kept) before the first passage was counted.  The passages are counted as
    their documents' places are found: the last document's are found with the others'
    counted, the count going up to all of them, never back."""
    layout = markdown_module._Writer
    real = layout._run_locations
    told: list[tuple[int, int, str]] = []
    counted_then: list[int] = []  # the count told as each document's places are found

    def run_locations(self: object, key: str, rows: list[int]) -> list[str]:
        counted_then.append(told[-1][0] if told else -1)
        return real(self, key, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(layout, "_run_locations", run_locations)
    shown = replace(options, by="document")
    whole = render(annotations, seed_documents, seed_tags, shown)
    ordered = AnnotationColumns.of_annotations(sorted(annotations, key=export_order(shown)))
    counted_then.clear()
    with told_to(lambda done, total, what: told.append((done, total, what))):
        text = b"".join(
            markdown_module.render_columns(ordered, seed_documents, seed_tags, shown)
        ).decode("utf-8")
    assert text == whole
    placed = sum(1 for a in annotations if not is_orphan(a, seed_documents))
    assert len(counted_then) >= 2, counted_then  # two documents' passages at least
    assert counted_then[-1] > 0, (counted_then, told)
    counts = [done for done, *_ in told]
    assert counts == sorted(counts) and told[-1] == (placed, placed, "annotations written")
