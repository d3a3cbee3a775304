"""Markdown for Obsidian users: one #tag per code (never two codes on one), links that resolve
from where the file is written, a block id per passage, counts as the codebook counts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag, code_names, make_annotation
from tui_reader.core.documents.document import Document, parse_document
from tui_reader.core.interchange import ExportOptions
from tui_reader.core.interchange.markdown import block_ids, render
from tui_reader.core.interchange.markdown_text import tag_labels, tag_safe

TEXT = "Tabs or spaces? C# or C? Both borders; the wall."


def _doc() -> Document:
    return parse_document(TEXT.encode("utf-8"), Path("notes/a b.txt"))


def _on(phrase: str, *tags: str) -> Annotation:
    start = TEXT.index(phrase)
    return make_annotation("notes/a b.txt", TEXT, start, start + len(phrase), "", tags)


def test_distinct_codes_never_share_a_tag() -> None:
    names = ["lang/c#", "lang/c", "feelings/😀", "feelings", "a b", "a-b", "x;y", "x,y"]
    labels = tag_labels(names)
    assert len({labels[name] for name in names}) == len(names)
    assert labels["lang/c"] == "lang/c" and labels["feelings"] == "feelings"
    assert labels["a-b"] == "a-b"  # the one that is its own tag keeps it
    assert labels["feelings/😀"] == "feelings/😀"
    assert re.fullmatch(r"lang/c-[0-9a-f]{4}", labels["lang/c#"])
    assert tag_labels(reversed(names)) == labels  # stable, whatever the order


def test_codes_differing_only_by_case_never_share_a_tag() -> None:
    """Obsidian reads #Security and #security as one tag: two codes of the database fell on
    it, and security/X was shown under Security's tag."""
    names = ["Security", "security", "SECURITY/x", "security/X", "Mexico", "méxico"]
    labels = tag_labels(names)
    assert len({labels[name].casefold() for name in names}) == len(names)
    assert labels["Security"] == "Security"  # a code keeps its tag before a parent alone
    security = labels["security"]
    assert re.fullmatch(r"security-[0-9a-f]{4}", security)
    assert labels["security/X"] == f"{security}/X"
    assert re.fullmatch(r"SECURITY-[0-9a-f]{4}/x", labels["SECURITY/x"])
    assert labels["SECURITY/x"].casefold() != f"{security}/x"
    assert labels["Mexico"] == "Mexico" and labels["méxico"] == "méxico"
    assert tag_labels(reversed(names)) == labels


def test_a_child_is_tagged_under_its_own_parent_not_another_code_alike() -> None:
    """The code a`b` was #a-b, and the code a b/c #a-b/c: Obsidian nested a b/c's passages
    under a`b`."""
    labels = tag_labels(["a`b`", "a b/c", "policy/border control", "2017/05"])
    assert labels["a`b`"] == "a-b"  # the only code of the two: as it was
    assert re.fullmatch(r"a-b-[0-9a-f]{4}", labels["a b"])
    assert labels["a b/c"] == labels["a b"] + "/c"
    assert labels["policy/border control"] == "policy/border-control"
    assert labels["2017/05"] == "_2017/05" == labels["2017"] + "/05"


# A level of a code: characters a tag holds, others it does not, case and accents that
# Obsidian reads alike, digits alone, and the suffix a clash gets.
_LEVEL_PIECES = ["a", "A", "b", "ß", "SS", "é", "e\u0301", "1", "2", " ", "-", "_", "`", "#",
                 "😀", "→", "c-", "8eec"]  # fmt: skip


def _obsidian_reads(tag: str) -> str:
    """A tag as Obsidian tells it from others: case aside (and accents composed or not)."""
    return unicodedata.normalize("NFC", tag).casefold()


@settings(max_examples=examples(300))
@given(
    st.lists(
        st.lists(
            st.lists(st.sampled_from(_LEVEL_PIECES), min_size=1, max_size=3).map("".join),
            min_size=1,
            max_size=3,
        ).map("/".join),
        max_size=8,
    )
)
def test_every_code_has_its_own_tag_under_its_parents_tag(raw: list[str]) -> None:
    """Two codes, or a code and a parent above codes (a folder of Obsidian's tags), never
    read as one tag; a child's tag is its parent's, ``/`` and more, whatever the names."""
    codes = set(code_names(raw))
    labels = tag_labels(codes)

    def tag_of(code: str) -> str:  # as the export tags a code (a heading, a passage)
        return labels.get(code) or tag_safe(code)

    everyone = {"/".join(c.split("/")[:n]) for c in codes for n in range(1, c.count("/") + 2)}
    assert len({_obsidian_reads(tag_of(code)) for code in everyone}) == len(everyone)
    for code in everyone:
        tag = tag_of(code)
        parts = tag.split("/")
        assert len(parts) == code.count("/") + 1 and all(parts), tag
        assert not re.search(r"[\s!-,.:-@[-^`{-~]", tag), tag  # only _ and - of ASCII's signs
        assert not parts[0].isdigit(), tag  # Obsidian: a tag is not digits alone
        if "/" in code:
            assert tag.startswith(tag_of(code.rsplit("/", 1)[0]) + "/"), (code, tag)
    assert tag_labels(sorted(codes, reverse=True)) == labels


def test_the_export_tags_each_code_by_its_own_label(options: ExportOptions) -> None:
    annotations = [_on("C#", "lang/c#"), _on("C?", "lang/c"), _on("Both", "feelings/😀")]
    markdown = render(annotations, {"notes/a b.txt": _doc()}, [], replace(options, by="tag"))
    tags = re.findall(r"^- Tags: (.*)$", markdown, re.M)
    assert len(set(tags)) == 3 and "#feelings" not in tags


def test_links_resolve_from_the_folder_written_to(options: ExportOptions) -> None:
    study = Path("/data/study")
    document = {"notes/a b.txt": _doc()}
    here = replace(options, documents_folder=study, output_folder=study / "out")
    assert "](../notes/a%20b.txt)" in render([_on("wall")], document, [], here)
    same = replace(options, documents_folder=study, output_folder=study)
    assert "](notes/a%20b.txt)" in render([_on("wall")], document, [], same)


def test_each_passage_has_one_block_id_obsidian_can_link_to(options: ExportOptions) -> None:
    annotations = [_on("Tabs", "x", "y"), _on("wall", "x")]
    markdown = render(annotations, {"notes/a b.txt": _doc()}, [], replace(options, by="tag"))
    found = re.findall(r"^\^([A-Za-z0-9-]+)$", markdown, re.M)
    assert sorted(found) == sorted(block_ids(a.id for a in annotations).values())
    assert all(a.id.replace("-", "").startswith(block_ids([a.id])[a.id]) for a in annotations)


def test_block_ids_stay_short_and_unique() -> None:
    ids = ["abcdef12-0000", "abcdef12-0001", "zz"]
    found = block_ids(ids)
    assert len(set(found.values())) == 3 and found["zz"] == "zz"


def test_the_block_id_of_an_annotation_named_by_an_iri_is_its_own_and_stays() -> None:
    """Every Hypothesis annotation's id begins https://hypothes.is/a/: their block ids were
    httpshyp, httpshypothe, httpshypothesisa..., each made longer by the others of the
    export, so that a note linking to one (^httpshyp) found another passage, or none, once
    exported again with others.  An IRI's block id is taken from its own last part."""
    hypothesis = [f"https://hypothes.is/a/{own}" for own in ("AbC123xyz", "Zq9", "k2_Lm-0pQ")]
    found = block_ids(hypothesis)
    assert list(found.values()) == ["abc123xy", "zq9", "k2lm0pq"]
    for ident in hypothesis:  # alone, or with the others: the same block
        assert block_ids([ident])[ident] == found[ident]
    uuid = "5365ade3-5ce5-553e-9f8c-68070b5415bd"
    assert block_ids([f"urn:uuid:{uuid}"]) == {f"urn:uuid:{uuid}": "5365ade3"}


def test_a_passage_under_two_subtags_counts_once_for_the_parent(options: ExportOptions) -> None:
    annotations = [_on("Both", "border/a", "border/b")]
    markdown = render(
        annotations, {"notes/a b.txt": _doc()}, [Tag("border")], replace(options, by="tag")
    )
    assert "1 passage under subtags" in markdown


# Obsidian's block id (help.obsidian.md, "Link to blocks"): ``^`` and Latin letters, digits
# and dashes, at the end of a line after a space, or alone on its line.
OBSIDIAN_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$", re.M)


def test_a_note_or_memo_ending_in_a_caret_word_is_not_taken_for_a_block_id(
    options: ExportOptions,
) -> None:
    """Obsidian took a note's trailing ``^patrols`` for the block id of the note's list item:
    the note showed without it, and a link could go to the note instead of a passage."""
    from markdown_it import MarkdownIt

    from tui_reader.core.analysis.memos import Memo, MemoKind

    notes = [
        "see the patrols ^patrols",
        "^alone",
        "two lines ^first\nand the last ^last-one  ",
        "```\ncode ^kept\n```",
        "x^2 and 2^10 stay as they are",
    ]
    annotations = [_on("Tabs", "x").evolve(id=f"n{i}", note=n) for i, n in enumerate(notes)]
    memo = Memo(MemoKind.JOURNAL, "", "A memo on borders ^borders", created="2026-01-03T09:00:00Z")
    with_memo = replace(options, memos=[memo])
    markdown = render(annotations, {"notes/a b.txt": _doc()}, [], with_memo)
    ours = set(block_ids(a.id for a in annotations).values())
    found = {m.group(1) for m in OBSIDIAN_BLOCK_ID.finditer(markdown)}
    assert found == ours
    assert all(f"\n^{ident}\n" in markdown for ident in ours)  # the export's own ids stay
    assert "- Note: see the patrols \\^patrols\n" in markdown
    assert "code \\^kept" in markdown  # a note is plain text: no code block in it
    assert "- Note: x^2 and 2^10 stay as they are\n" in markdown
    shown = MarkdownIt("commonmark").render(markdown)
    for text in ("see the patrols ^patrols", "^alone", "two lines ^first", "^borders"):
        assert text in shown
    assert "\\" not in shown


def test_a_teams_export_says_whose_each_passage_is(options: ExportOptions) -> None:
    """A passage Ana and Ben both coded was written twice, alike: nothing told them apart."""
    ana, ben = replace(_on("wall", "x"), coder="ana"), replace(_on("wall", "x"), coder="Ben *b*")
    markdown = render([ana, ben], {"notes/a b.txt": _doc()}, [], options)
    assert sorted(re.findall(r"^- Coder: (.*)$", markdown, re.M)) == ["Ben \\*b\\*", "ana"]
    alone = render([ana, _on("Tabs", "y")], {"notes/a b.txt": _doc()}, [], options)
    assert "Coder" in alone  # "" (a record older than coders) and ana are two
    mine = render(
        [ana, replace(_on("Tabs", "y"), coder="ana")], {"notes/a b.txt": _doc()}, [], options
    )
    assert "Coder" not in mine  # one coder's export, as it always was


def test_a_memos_tags_of_no_html_element_show_as_written(options: ExportOptions) -> None:
    """A memo is Markdown, and a Markdown reader (Obsidian's reading view) took a
    transcript's ``<inaudible>`` or a speaker's ``<Ana>`` in it for HTML and showed nothing
    of them: they get a backslash and show as written, while the memo's Markdown, its HTML
    (``<br>``, a comment), code and autolinks stay as they are."""
    from markdown_it import MarkdownIt

    from tui_reader.core.analysis.memos import Memo, MemoKind

    texts = [
        "Ana said <inaudible> then <Ana> laughed </Ana>, **bold** and a <br> break",
        "<crosstalk>\nboth speak",
        "code `<inaudible>` stays, <https://example.org> links, x < y, a <!-- hidden --> note",
        "```\n<inaudible> in a block\n```",
        "already \\<escaped> and <SPAN class='x'>kept</SPAN>",
    ]
    memos = [
        Memo(MemoKind.JOURNAL, "", text, created=f"2026-01-0{n}T09:00:00Z")
        for n, text in enumerate(texts, 1)
    ]
    markdown = render(
        [_on("Tabs", "x")], {"notes/a b.txt": _doc()}, [], replace(options, memos=memos)
    )
    shown = MarkdownIt("commonmark").render(markdown)
    for said in ("Ana said &lt;inaudible&gt; then &lt;Ana&gt; laughed &lt;/Ana&gt;",
                 "&lt;crosstalk&gt;\nboth speak", "already &lt;escaped&gt;"):  # fmt: skip
        assert said in shown
    for kept in ("<strong>bold</strong> and a <br> break", "<code>&lt;inaudible&gt;</code>",
                 '<a href="https://example.org">', "<!-- hidden -->",
                 "<code>&lt;inaudible&gt; in a block\n</code>", "<SPAN class='x'>kept</SPAN>"):  # fmt: skip
        assert kept in shown
    assert "\\" not in shown
