"""Markdown renders to readable canonical text with spans; nothing is interpreted as markup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui_reader.core.documents.document import Document, load_document, parse_document
from tui_reader.core.documents.spans import SpanKind

SOURCE = """\
# The *Main* Title

Some **bold**, _emphasis_, `code` and a [link](https://example.org/a).
Soft-wrapped line.

## Second heading

- one
- two
  - nested
- three

3. third
4. fourth

> quoted text
> continues

```python
print("hi")
```

---

| a | b |
|---|---|
| 1 | 2 |

<div>raw html</div> and [bold]rich markup[/bold]
"""


def md(source: str) -> Document:
    return parse_document(source.encode(), Path("doc.md"), "markdown")


def spans_of(doc: Document, kind: SpanKind) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.spans if s.kind is kind]


def test_markup_characters_are_gone() -> None:
    doc = md(SOURCE)
    assert doc.text.startswith(
        "The Main Title\n\nSome bold, emphasis, code and a link. Soft-wrapped"
    )
    for marker in ("# ", "**", "`", "](", "> q"):
        assert marker not in doc.text


def test_title_is_the_h1() -> None:
    doc = md(SOURCE)
    assert doc.title == "The Main Title"
    assert spans_of(doc, SpanKind.TITLE) == ["The Main Title"]


def test_inline_spans() -> None:
    doc = md(SOURCE)
    assert spans_of(doc, SpanKind.STRONG) == ["bold"]
    assert spans_of(doc, SpanKind.EMPHASIS) == ["Main", "emphasis"]
    assert spans_of(doc, SpanKind.CODE) == ["code"]
    assert spans_of(doc, SpanKind.LINK) == ["link"]
    link = next(s for s in doc.spans if s.kind is SpanKind.LINK)
    assert link.data == "https://example.org/a"


def test_block_spans() -> None:
    doc = md(SOURCE)
    headings = [
        (doc.text[s.start : s.end], s.data) for s in doc.spans if s.kind is SpanKind.HEADING
    ]
    assert headings == [("The Main Title", "1"), ("Second heading", "2")]
    assert spans_of(doc, SpanKind.BLOCKQUOTE) == ["quoted text continues"]
    assert spans_of(doc, SpanKind.CODE_BLOCK) == ['print("hi")']
    assert next(s for s in doc.spans if s.kind is SpanKind.CODE_BLOCK).data == "python"
    assert spans_of(doc, SpanKind.RULE) == ["─" * 40]


def test_lists_get_bullets_and_numbers() -> None:
    doc = md(SOURCE)
    assert "\n\n• one\n• two\n  ◦ nested\n• three\n\n3. third\n4. fourth\n\n" in doc.text
    assert spans_of(doc, SpanKind.BULLET) == ["•", "•", "◦", "•", "3.", "4."]
    assert "• two\n  ◦ nested" in spans_of(doc, SpanKind.LIST_ITEM)


def test_raw_html_shows_its_text_and_rich_markup_stays_text() -> None:
    doc = md(SOURCE)
    assert doc.text.endswith("a │ b\n1 │ 2\n\nraw html\n\nand [bold]rich markup[/bold]")


def test_spans_lie_within_text_and_are_sorted() -> None:
    doc = md(SOURCE)
    assert all(0 <= s.start <= s.end <= len(doc.text) for s in doc.spans)
    assert list(doc.spans) == sorted(doc.spans, key=lambda s: (s.start, -s.end))


def test_entity_for_escape_character_never_reaches_text() -> None:
    doc = md("# T\n\nbad &#27;[2J &#x9b;31m &#7; entity\n")
    assert "\x1b" not in doc.text and "\x9b" not in doc.text and "\x07" not in doc.text


def test_a_note_opening_with_code_is_not_titled_by_its_code() -> None:
    # A note opening with a block of code was titled by the code's first line ("# not a
    # heading", "import os"); its title is looked for outside the code, as in a note
    # without it, else the note is titled by its name.
    assert md("```python\n# not a heading\nprint(1)\n```\n\nThe script\n").title == "The script"
    assert md("```\nprint(1)\n```\n\nIt printed one.\n").title == "It printed one."
    assert md("```\nprint(1)\n```\n").title == "doc"  # nothing but code: its name
    assert md("```\nimport os\n```\n\nA short title\n\nSome body text that runs on.\n").title == (
        "A short title"
    )


def test_a_note_opening_with_a_table_is_not_titled_by_its_header_row() -> None:
    # A note opening with a table (its header row "Name | Place | Age") was titled by that
    # row, "Name │ Place │ Age"; its title is looked for outside the table, as outside code.
    table = "| Name | Place | Age |\n|---|---|---|\n| Ana | Tapachula | 30 |\n"
    assert md(table + "\nThe people we met\n\nSome body text that runs on.\n").title == (
        "The people we met"
    )
    assert md(table).title == "doc"  # nothing but the table: its name


def test_without_h1_the_first_heading_or_line_is_the_title() -> None:
    assert md("## Only H2\n\ntext").title == "Only H2"
    assert md("Just a paragraph that reads like a title\n\nmore").title == (
        "Just a paragraph that reads like a title"
    )


def _nested_list(levels: int) -> str:
    return "".join("  " * i + f"- item{i}\n" for i in range(levels))


def test_deeply_nested_blocks_keep_their_text_and_what_follows() -> None:
    """markdown-it's CommonMark preset stops at 20 levels (a list and its item are two) and
    drops what lies deeper: a list 10 deep lost its last item and the rest of the document;
    a quote 20 deep (an email thread), its text."""
    doc = md("# T\n\n" + _nested_list(12) + "\nAfter the list.\n\n" + "> " * 30 + "deep quote\n")
    assert all(f"item{i}" in doc.text for i in range(12))
    assert "After the list." in doc.text and "deep quote" in doc.text
    assert "- item" not in doc.text  # rendered as Markdown: bullets, not dashes


def test_a_document_nested_deeper_than_markdown_it_goes_is_read_as_plain_text() -> None:
    """Nothing lost, however deep: its text as written."""
    source = "# T\n\n" + _nested_list(60) + "\nAfter the list.\n\n" + "> - " * 60 + "x\n"
    doc = md(source)
    assert all(f"item{i}" in doc.text for i in range(60))
    assert "After the list." in doc.text and "- item59" in doc.text


def test_a_document_nested_too_deep_keeps_its_markdown_before_the_deep_block() -> None:
    # Past markdown-it's depth the whole document was read as plain text: titled "# T" as
    # written, its heading a line of "#".  The blocks before the deep one are Markdown.
    source = "# T\n\nA *first* paragraph.\n\n" + _nested_list(60) + "\nAfter the list.\n"
    doc = md(source)
    assert doc.title == "T"
    assert doc.text.startswith("T\n\nA first paragraph.\n\n- item0\n")
    assert "After the list." in doc.text and "- item59" in doc.text
    assert spans_of(doc, SpanKind.HEADING) == ["T"]
    assert all(0 <= s.start <= s.end <= len(doc.text) for s in doc.spans)
    assert list(doc.spans) == sorted(doc.spans, key=lambda s: (s.start, -s.end))


def test_inline_spans_nested_deeply_keep_their_text() -> None:
    doc = md("[" * 500 + "label" + "]" * 500 + "(x) and " + "*" * 500 + "word" + "*" * 500)
    assert "label" in doc.text and "word" in doc.text


def test_multimarkdown_metadata_keeps_its_lines_and_gives_the_title() -> None:
    # A note opening with MultiMarkdown's metadata (Scrivener, nvALT): its lines were run
    # into one paragraph ("Title: Field notes Author: Ana ...") and the note titled by its
    # first heading.  Its lines are a block as written, its title, author and date read.
    doc = md(
        "Title: Field notes\nAuthor: Ana\nDate: 2024-05-01\nTags: border, shelter\n\n"
        "# Day 3\n\nWe arrived at noon.\n"
    )
    assert doc.text == (
        "Title: Field notes\nAuthor: Ana\nDate: 2024-05-01\nTags: border, shelter\n\n"
        "Day 3\n\nWe arrived at noon."
    )
    assert doc.title == "Field notes"
    assert doc.metadata["author"] == "Ana" and doc.metadata["date"] == "2024-05-01"
    # A paragraph opening with a label is no metadata: its lines are one paragraph.
    assert (
        md("Date: Monday\nWe went to the market.\n").text == "Date: Monday We went to the market."
    )


def test_a_pandoc_title_block_keeps_its_lines_and_gives_the_title() -> None:
    # A note opening with pandoc's title block ("% Title", "% Authors", "% Date"): its lines
    # were run into one paragraph ("% Field notes % Ana López % May 2024") and the note
    # titled by its first heading.  Its lines are a block as written, its fields read.
    doc = md(
        "% Field notes\n  from the border\n% Ana López; Bo Ruiz\n% May 2024\n\n"
        "# Day 3\n\nWe arrived at noon.\n"
    )
    assert doc.text == (
        "% Field notes\n  from the border\n% Ana López; Bo Ruiz\n% May 2024\n\n"
        "Day 3\n\nWe arrived at noon."
    )
    assert doc.title == "Field notes from the border"
    assert doc.metadata["author"] == "Ana López; Bo Ruiz"
    assert doc.metadata["date"] == "May 2024"
    # A "%" further down opens no title block.
    assert md("We agreed.\n\n% of the vote\n").title == "We agreed."


def test_yaml_front_matter_is_a_block_as_written_and_gives_the_title() -> None:
    # A note's YAML header (Obsidian, Zettlr, Jekyll, the Markdown export) read as a rule
    # and a heading: "title: Field notes tags: [a, b] date: 2024-05-01".
    doc = md(
        '---\ntitle: "Field notes, day 3"\ntags: [fieldwork, border]\nauthor: Ana\n'
        "date: 2024-05-01\n---\n\n# Day 3\n\nWe arrived at noon.\n"
    )
    assert doc.text == (
        'title: "Field notes, day 3"\ntags: [fieldwork, border]\nauthor: Ana\ndate: 2024-05-01'
        "\n\nDay 3\n\nWe arrived at noon."
    )
    assert spans_of(doc, SpanKind.HEADING) == ["Day 3"]
    assert spans_of(doc, SpanKind.RULE) == []
    assert doc.title == "Field notes, day 3"
    assert doc.metadata == {"title": "Field notes, day 3", "author": "Ana", "date": "2024-05-01"}


def test_a_rule_that_opens_no_closed_header_stays_a_rule() -> None:
    doc = md("---\nnot a header\n\nText.\n")
    assert spans_of(doc, SpanKind.RULE) == ["─" * 40]


def test_a_note_opening_with_a_rule_and_a_blank_line_has_no_yaml_header() -> None:
    # A note opening with a rule, a blank line below it, and another rule further down:
    # what lay between the rules was taken for a YAML header, shown as a block of code, the
    # rules lost and the note titled by the paragraph after them ("The end of it.").
    doc = md("---\n\nSome notes from the trip\n\n---\n\nThe end of it.\n")
    assert doc.text == (f"{'─' * 40}\n\nSome notes from the trip\n\n{'─' * 40}\n\nThe end of it.")
    assert spans_of(doc, SpanKind.RULE) == ["─" * 40] * 2
    assert spans_of(doc, SpanKind.CODE_BLOCK) == []
    assert doc.title == "Some notes from the trip"


def test_a_markdown_transcripts_last_turn_ends_before_the_notes_after_it(tmp_path: Path) -> None:
    # As a Word transcript's: the last turn ran to the end of the text, so its closing
    # notes (after a heading, or after a rule) were said by the last speaker.
    turns = (
        "**Interviewer:** How did you come here?\n\n**P03:** By bus.\n\n"
        "**Interviewer:** And then?\n\n**P03:** They stopped the bus.\n\n"
    )
    plain = "Interviewer: How did you come here?\n\nP03: By bus.\n\nInterviewer: And then?\n\n"
    for source in (
        turns + "## Notes\n\nRecorded in *March*.\n",
        turns + "---\n\nTranscribed by Ana.\n",
        plain + "P03: They stopped the bus.\n\n# Notes\n\nRecorded in March.\n",  # plain Markdown
    ):
        path = tmp_path / "t.md"
        path.write_text(source, "utf-8")
        doc = load_document(path)
        assert [(t.speaker, doc.text[t.body : t.end]) for t in doc.turns] == [
            ("Interviewer", "How did you come here?"),
            ("P03", "By bus."),
            ("Interviewer", "And then?"),
            ("P03", "They stopped the bus."),
        ], source


def test_html_in_markdown_is_read_as_a_page_shows_it(tmp_path: Path) -> None:
    # Its tags were read as words ("Term<br>after", "<div>Raw <b>HTML</b>") and a comment,
    # which no page shows, was read too ("<!-- TODO: check the dates -->").
    path = tmp_path / "notes.md"
    path.write_text(
        "# Notes\n\n<!-- TODO: check the dates -->\n\nTerm<br>after, <kbd>Ctrl</kbd>+C.\n\n"
        '<div align="center">\n<p>Raw <b>HTML</b> &amp; more</p>\n</div>\n\nEnd.\n',
        "utf-8",
    )
    assert load_document(path).text == "Notes\n\nTerm\nafter, Ctrl+C.\n\nRaw HTML & more\n\nEnd."


def test_footnotes_are_numbered_and_gathered_under_notes(tmp_path: Path) -> None:
    # Footnotes (pandoc's and GitHub's "[^1]") were read as written: "A claim[^1] and" and
    # "[^1]: The text." where the writer put it.  They are now numbered, as a Word file's.
    path = tmp_path / "paper.md"
    path.write_text(
        "# Paper\n\nA claim[^1] and another[^long].\n\n[^1]: The first note.\n"
        "[^long]: The second *note*.\n\nThe last paragraph.\n",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "Paper\n\nA claim[1] and another[2].\n\nThe last paragraph.\n\n"
        "Notes\n\n[1] The first note.\n\n[2] The second note."
    )
    assert "Notes" in [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.HEADING]


def test_a_note_on_the_title_heading_is_no_part_of_the_title(tmp_path: Path) -> None:
    # A heading holding a footnote's reference ("# Visit to the market[^1]", a funder's
    # note) titled the file with the note's number, "Visit to the market[1]", as a Word
    # file's was: the text still shows the number where the note is referred to.
    from tui_reader.core.documents.facts import quick_facts

    for name, heading in (
        ("atx", "# Visit to the market[^1]"),
        ("setext", "Visit to the market[^funder]\n==="),
    ):
        path = tmp_path / f"{name}.md"
        path.write_text(
            f"{heading}\n\nWe went on Monday.\n\n[^1]: Funded by X.\n[^funder]: Y.\n", "utf-8"
        )
        doc = load_document(path)
        assert doc.title == "Visit to the market"
        assert doc.text.startswith("Visit to the market[1]\n\nWe went on Monday.")
        assert quick_facts(path, "markdown").title == "Visit to the market"


def test_wiki_links_of_a_vault_are_read_as_the_note_shows_them(tmp_path: Path) -> None:
    # An Obsidian note's links were read as written: "See [[Border policy|policy]] and
    # [[Notes#Intro]] now ![[map.png]]."
    path = tmp_path / "note.md"
    path.write_text(
        "# Note\n\nSee [[Border policy|policy]] and [[Notes#Intro]] now ![[map.png]].\n"
        "\n`[[code]]` stays.\n",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.text == "Note\n\nSee policy and Notes > Intro now map.png.\n\n[[code]] stays."
    links = [(doc.text[s.start : s.end], s.data) for s in doc.spans if s.kind is SpanKind.LINK]
    assert links == [("policy", "Border policy"), ("Notes > Intro", "Notes#Intro"),
                     ("map.png", "map.png")]  # fmt: skip


def test_a_task_list_s_boxes_are_shown_as_boxes(tmp_path: Path) -> None:
    # A task list's boxes were read as written: "• [ ] call Ana", "• [x] sent the form".
    path = tmp_path / "tasks.md"
    path.write_text("# Tasks\n\n- [ ] call Ana\n- [x] sent the *form*\n- plain [ ] item\n", "utf-8")
    text = load_document(path).text
    assert text == "Tasks\n\n• ☐ call Ana\n• ☒ sent the form\n• plain [ ] item"


def test_a_vault_note_s_comments_are_not_read(tmp_path: Path) -> None:
    # A note's comments ("%%a private remark%%"), which Obsidian never shows, were read as
    # its text.  Code keeps its "%%", and a "%%" without its pair stays.
    path = tmp_path / "note.md"
    path.write_text(
        "# Note\n\nVisible %%a private remark%% text.\n\nStart %%over\ntwo lines%% end.\n\n"
        "A lone %% stays, `printf %%d %%s` too.\n",
        "utf-8",
    )
    assert load_document(path).text == (
        "Note\n\nVisible text.\n\nStart end.\n\nA lone %% stays, printf %%d %%s too."
    )


def test_percent_signs_doubled_in_running_text_are_no_comment(tmp_path: Path) -> None:
    """Any Markdown file read "50%% ... 20%%" as an Obsidian comment and dropped the words
    between ('The rate rose 50 later.').  A comment opens where no letter or digit stands
    right before its "%%" and closes where none stands right after."""
    path = tmp_path / "report.md"
    path.write_text(
        "# Rates\n\nThe rate rose 50%% and fell 20%% later.\n\n"
        "Kept %%a remark with 5%%b inside%% here, and 10%%.\n",
        "utf-8",
    )
    assert load_document(path).text == (
        "Rates\n\nThe rate rose 50%% and fell 20%% later.\n\nKept here, and 10%%."
    )


def test_a_plain_vault_note_s_comment_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("# Note\n\nVisible %%a private remark%% text.\n", "utf-8")
    assert load_document(path).text == "Note\n\nVisible text."


def test_a_vault_note_s_highlights_are_strong_without_their_marks(tmp_path: Path) -> None:
    # A highlight ("==key point==") was read with its marks; a comparison stays as written.
    for name, source in (
        ("plain.md", "# Note\n\nA ==key point== here, if a==b and c==d.\n"),
        ("linked.md", "# Note\n\nA ==key point== here, if a==b and c==d, [[Page]].\n"),
    ):
        path = tmp_path / name
        path.write_text(source, "utf-8")
        doc = load_document(path)
        assert doc.text.startswith("Note\n\nA key point here, if a==b and c==d")
        strong = [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.STRONG]
        assert strong == ["key point"]


def test_a_callout_s_first_line_is_its_title(tmp_path: Path) -> None:
    # A callout (Obsidian) or an alert (GitHub) was read as written: "[!NOTE] Useful info",
    # "[!tip]- Read this first The body."
    path = tmp_path / "callouts.md"
    path.write_text(
        "# Note\n\n> [!NOTE]\n> Useful info.\n\n> [!tip]- Read this first\n> The body.\n\n"
        "> A quote [!x] stays.\n",
        "utf-8",
    )
    assert load_document(path).text == (
        "Note\n\nNote\nUseful info.\n\nRead this first\nThe body.\n\nA quote [!x] stays."
    )


def test_a_vault_note_s_block_identifiers_are_not_read(tmp_path: Path) -> None:
    # Obsidian shows no block identifier ("^abc123" ending a paragraph or an item, or on a
    # line of its own below a table): they were read as the paragraph's last word.
    path = tmp_path / "visit.md"
    path.write_text(
        "# Visit\n\nWe met Ana at the shelter. ^abc123\n\n- bring the forms ^item-1\n- call Bo\n\n"
        "| day | place |\n|---|---|\n| Monday | shelter |\n\n^table-id\n\nAt 2^10 and x ^ y.\n",
        "utf-8",
    )
    assert load_document(path).text == (
        "Visit\n\nWe met Ana at the shelter.\n\n• bring the forms\n• call Bo\n\n"
        "day │ place\nMonday │ shelter\n\nAt 2^10 and x ^ y."
    )
    plain = tmp_path / "plain.md"
    plain.write_text("# Visit\n\nWe met Ana at the shelter. ^abc123\n", "utf-8")
    assert load_document(plain).text == "Visit\n\nWe met Ana at the shelter."


def test_a_toml_header_is_a_block_as_written_and_gives_the_title() -> None:
    # A note's TOML header between "+++" lines (Hugo, Zola) was read as a paragraph, its
    # fences and fields run together, and titled the note '+++ title = "Field notes" +++'.
    doc = md('+++\ntitle = "Field notes, day 3"\nauthor = "Ana"\n+++\n\nWe arrived at noon.\n')
    assert doc.text == 'title = "Field notes, day 3"\nauthor = "Ana"\n\nWe arrived at noon.'
    assert doc.title == "Field notes, day 3"
    assert doc.metadata == {"title": "Field notes, day 3", "author": "Ana"}
    assert md("+++\n\nA plus sign.\n").text == "+++\n\nA plus sign."


def test_a_definition_list_reads_each_term_above_its_definitions() -> None:
    # A glossary written as pandoc and many note apps write it ("Term", then ": its
    # definition") was read as one line, "Apple : A red fruit.", the colon left in. Each
    # term is a passage with its definitions on the lines below, as a web page's <dl> reads.
    doc = md(
        "# Glossary\n\nApple\n: A red fruit.\n\nOrange\n:   A fruit.\n:   A colour.\n\n"
        "Term *one*\n\n: A definition.\n\n    Its second paragraph.\n\nAfter.\n"
    )
    assert doc.text == (
        "Glossary\n\nApple\nA red fruit.\n\nOrange\nA fruit.\nA colour.\n\n"
        "Term one\nA definition.\n\nIts second paragraph.\n\nAfter."
    )
    assert spans_of(doc, SpanKind.PARAGRAPH) == [
        "Apple\nA red fruit.",
        "Orange\nA fruit.\nA colour.",
        "Term one",
        "A definition.",
        "Its second paragraph.",
        "After.",
    ]
    assert md("Apple\n: A red fruit.\n").text == "Apple\nA red fruit."


def test_a_transcript_s_title_heading_with_a_colon_is_no_turn_in_its_facts_either(
    tmp_path: Path,
) -> None:
    """A Markdown transcript headed "# Entrevista 1: Migración" had a speaker "Entrevista
    1" when opened, and in the library's facts (list --json), read without its spans."""
    from tui_reader.core.documents.facts import quick_facts

    lines = ["Entrevistadora: ¿Cómo llegó?", "E1: En autobús.", "Entrevistadora: ¿Y?", "E1: Nada."]
    markdown = tmp_path / "e.md"
    markdown.write_text("# Entrevista 1: Migración\n\n" + "\n\n".join(lines) + "\n")
    document = load_document(markdown)
    assert [t.speaker for t in document.turns][:2] == ["Entrevistadora", "E1"]
    assert document.metadata["speakers"] == "Entrevistadora, E1"
    assert quick_facts(markdown, "markdown").metadata["speakers"] == "Entrevistadora, E1"


def test_a_line_broken_by_a_backslash_or_a_br_ends_without_its_spaces() -> None:
    # "and \" then a newline (a backslash's line break) read "and " at its line's end, the
    # space kept before the break; so did "and <br>" and emphasis closing before one.
    source = "Roses are red and \\\nviolets are *blue* \\\nsugar is sweet <br>and so.\n"
    doc = parse_document(source.encode(), Path("poem.md"), "markdown")
    assert doc.text == "Roses are red and\nviolets are blue\nsugar is sweet\nand so."


def test_a_line_broken_by_a_br_starts_without_the_spaces_after_it() -> None:
    # "sweet <br> and" read "sweet", then " and" on a line opened by a space, and a "<br>"
    # ending its source line left the line end a space at the next line's start, where a
    # browser shows neither.
    source = "Roses are red <br> violets are *blue*<br/>\nsugar is sweet <br />  *and* so.\n"
    doc = parse_document(source.encode(), Path("poem.md"), "markdown")
    assert doc.text == "Roses are red\nviolets are blue\nsugar is sweet\nand so."
    assert [doc.text[s.start : s.end] for s in doc.spans if s.kind is SpanKind.EMPHASIS] == [
        "blue",
        "and",
    ]


def test_a_br_in_a_table_cell_is_a_space_as_the_same_table_in_a_web_page_reads(
    tmp_path: Path,
) -> None:
    # A table in Markdown can break a cell's line only with "<br>" ("34<br>F"): the row was
    # cut in two lines there, the cells after the break read as another row's ("Age" then
    # "Sex │ 34", then "F"). A row is a line, as a web page's table with the same cells is.
    rows = [("Question", "Answer"), ("Age<br>Sex", "34 <br> F"), ("Grew up", "Oaxaca,<br/>Tijuana")]
    prose = "We asked each of the people we met where they grew up, and wrote down the answers."
    markdown = tmp_path / "survey.md"
    markdown.write_text(
        f"# Survey\n\n{prose}\n\n| " + " | ".join(rows[0]) + " |\n|---|---|\n"
        + "".join("| " + " | ".join(row) + " |\n" for row in rows[1:])
    )  # fmt: skip
    page = tmp_path / "survey.html"
    page.write_text(
        f"<html><body><article><h1>Survey</h1><p>{prose}</p><table>"
        + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        + "</table></article></body></html>"
    )
    text = load_document(markdown).text
    assert text.split("\n")[-3:] == [
        "Question │ Answer",
        "Age Sex │ 34 F",
        "Grew up │ Oaxaca, Tijuana",
    ]
    assert text == load_document(page).text


def test_a_table_of_plain_cells_is_not_parsed_a_cell_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A Markdown table of 10,000 columns ran into the conversion's time limit: each cell's
    # words were handed to markdown-it's inline parser alone (20 us a cell).  Words holding
    # no character that may begin markup are the one text it would make of them; the
    # others are parsed as before.
    from markdown_it.parser_inline import ParserInline

    from tui_reader.core.documents.formats.markdown import parse_markdown

    parsed: list[str] = []
    parse = ParserInline.parse

    def counted(self: ParserInline, src: str, md: Any, env: Any, tokens: list[Any]) -> Any:
        parsed.append(src)
        return parse(self, src, md, env, tokens)

    monkeypatch.setattr(ParserInline, "parse", counted)
    columns = 1_000
    row = "|" + "|".join(f"w{i} x" for i in range(columns)) + "|\n"
    table = row + "|" + "---|" * columns + "\n" + row + "| *a* | [b](c) |\n"
    text = parse_markdown(table).text
    assert parsed == ["*a*", "[b](c)"]
    lines = text.split("\n")
    assert lines[0] == lines[1] == " │ ".join(f"w{i} x" for i in range(columns))
    assert lines[2] == "a │ b" + " │ " * (columns - 2)
