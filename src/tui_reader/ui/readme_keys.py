"""The README's key table, made from the key registry (:mod:`tui_reader.ui.keymap`).

Print it with ``python -m tui_reader.ui.readme_keys``; a test fails when the README's table is
not what this makes.
"""

from __future__ import annotations

from tui_reader.ui.keymap import shown

# The README's table: where, then (key ids, words) per entry.  The keys are the registry's:
# change a key above and the README's table no longer matches (a test says so).
README_ROWS: list[tuple[str, list[tuple[tuple[str, ...], str]]]] = [
    ("anywhere", [
        (("app.quit",), "quit"),
        (("app.help",), "help (`/` there: only the keys whose words hold what is typed)"),
        (("app.palette",), "commands"),
        (("app.focus_next", "app.focus_previous"), "next/previous pane"),
        (("main.library",), "show/hide the library"),
        (("app.export",), "export: a format (Markdown by document or by tag, CSV, W3C, "
                          "QualCoder's REFI-QDA, an Obsidian vault…), every annotation, the "
                          "open document's or a code's (typed, or the codebook's under its "
                          "cursor), and where; `enter` at once writes Markdown beside the "
                          "database, or again what was exported last (the coding on show: "
                          "see `C`)"),
        (("main.merge",), "merge a colleague's coding: their database, or a json/project/w3c/"
                          "qdpx export (`→` completes the path), and below it, for their "
                          "passages that name no coder, whose they are (`--other-coder`); "
                          "what it would add, the conflicts and the coders are said first, "
                          "`enter` again merges (as `tui-reader merge`; `u` undoes it)"),
        (("app.stop_waiting",), "stop waiting for another tui-reader's lock (that change is "
                                "not saved)"),
        (("app.suspend",), "suspend to the shell, as less does (`fg` brings it back)"),
        (("main.clear_notices",), "clear the notices on show (on the text, what is "
                                  "selected first)"),
    ]),
    ("lists (library, panels, codebook, help)", [
        (("library.down", "library.up"), "move"), (("library.first", "library.last"),
                                                   "first/last (`home`/`end` too)"),
    ]),
    ("library", [
        (("library.open",), "open"),
        (("library.filter",), "filter as you type: words of the title or path, attributes "
                              "(`country=Mexico`, `age>30`), or both; `enter` keeps it (an empty "
                              "one closes), `/` again edits it"),
        (("library.clear_filter",), "clear the filter (typing in it, or from the list)"),
        (("library.sort", "library.reverse"), "sort by file, title, words, annotations or last "
                                              "modified (a click on the header too); reverse"),
    ]),
    ("reading", [
        (("reader.line_down", "reader.line_up"), "line"),
        (("reader.char_left", "reader.char_right"), "character"),
        (("reader.line_start", "reader.line_end"), "start/end of the line on screen (`^` too)"),
        (("reader.word_next", "reader.word_previous"), "word"),
        (("reader.sentence_next", "reader.sentence_previous"), "sentence"),
        (("reader.paragraph_next", "reader.paragraph_previous"),
         "paragraph (in a CSV, TSV or workbook a row, and in a table of a Word, OpenDocument, "
         "RTF, web page, EPUB or Markdown file; a sentence stays in its cell; in a transcript "
         "whose turns stand line after line, a turn)"),
        (("reader.page_down", "reader.page_up"), "page (`PgDn`, `ctrl+f`/`ctrl+b` too)"),
        (("reader.half_down", "reader.half_up"), "half page"),
        (("reader.top", "reader.bottom"), "top/bottom"),
        (("reader.percent",), "go to a percent of the text (`%` then `50`, or less's `50%`)"),
        (("reader.set_mark", "reader.go_mark"), "mark the place with a letter (`ma`); back to "
                                                "it (`'a`; `''` back before the last jump: a "
                                                "mark, `g`/`G`, `%`, a search)"),
        (("reader.line_numbers",), "then `N`: show or hide the file's line numbers (less's "
                                   "`-N`)"),
        (("main.goto_page",), "go to page (PDF)"),
        (("reader.next_document", "reader.previous_document"),
         "next/previous document (of those the library's filter shows)"),
    ]),
    ("search", [
        (("reader.search",), "search (smart case; a regular expression, as less reads one "
                             "and `search -E` does: `/colou?r`, `/^Q:`, `^` and `$` at "
                             "every line; a pattern holding none of "
                             "`\\ ^ $ . ? * + ( ) [ ] {` nor a bar is found as typed, a phrase "
                             "over a line's end too; one that is no regular expression "
                             "is said; `enter` goes to the first hit)"),
        (("search.literal",), "at the prompt: take the pattern as typed, as less's `^R`"),
        (("reader.next_hit", "reader.previous_hit"), "next/previous hit"),
        (("search.cancel",), "clear"),
        (("reader.filter",), "show only the lines holding a pattern (as `/` finds it: "
                             "`&^INTERVIEWER`), as less's `&pattern` "
                             "(the status line counts them; motions, selections and "
                             "annotations work in them as in the whole text; it stays "
                             "on as another document opens); `&` then `enter`: every "
                             "line again"),
    ]),
    ("select", [
        (("reader.select",), "start a selection (motions or a mouse drag extend it; the "
                             "characters under the caret and the pointer are in it, as in "
                             "vim; `w` takes the next word whole)"),
        (("annotate.sentence",), "sentence"),
        (("annotate.paragraph",), "paragraph (in a table, a CSV, TSV or workbook: a row, a "
                                  "sentence kept to its cell, as autocode's units)"),
        (("annotate.turn",),
         "speaker turn (transcripts; its words, without its label or a CSV row's notes)"),
        (("reader.clear",), "cancel"),
    ]),
    ("annotate", [
        (("annotate.annotate",), "tag + note dialog (`enter` on a selection too; `→` completes "
                                 "a tag, `tab` goes to the note, `esc` asks before dropping "
                                 "what was typed)"),
        (("annotate.tag1",), "to `9`: apply the first nine codes, in the order they were "
                                 "made (the codebook, `T`, says each one's key)"),
        (("annotate.repeat",), "repeat the last tags"),
    ]),
    ("annotations", [
        (("annotate.next", "annotate.previous"), "next/previous (several beginning at one "
                                                 "place: one after the other)"),
        (("annotate.edit",), "edit"), (("annotate.delete",), "delete (asks)"),
        (("annotate.panel",), "open the annotations panel, or go to it when open (its "
                              "cursor where it was left); from the panel, close it"),
        (("annotations.reattach",), "(in the panel) re-attach an orphan to the passage "
                                    "selected in the text (`esc`, select, `A` back to it); "
                                    "an orphan whose file cannot be read, chosen in the "
                                    "codebook, is listed last in any document's panel to be "
                                    "placed there"),
        (("annotations.carry",), "(in the panel, on an orphan) take it to another document: "
                                 "its passage moved to another file, it is listed last in "
                                 "every document's panel, to be re-attached there with `r` "
                                 "(undo takes it back to its own)"),
        (("annotations.confirm",), "(in the panel) accept a passage placed again after its "
                                   "file was edited (marked ≈)"),
    ]),
    ("codebook", [
        (("browse.codebook",), "the tag tree with counts and every passage of the selected tag "
                               "across the corpus (a parent includes its children)"),
        (("codebook.enter",), "open the passage (`T` again comes back to it)"),
        (("codebook.filter",), "filter"),
        (("codebook.rename",), "rename"), (("codebook.merge",), "merge into"),
        (("codebook.delete",), "delete (asks)"), (("codebook.style",), "colour and description"),
        (("codebook.memo",), "the code's memo (a code with one is marked ✎ in the tree, its "
                             "words shown above its passages)"),
    ]),
    ("undo", [
        (("annotate.undo",), "undo the last change of any kind (create, edit, tags added or "
                             "removed, delete, re-attach, confirm, a code renamed, merged, "
                             "deleted or recoloured, a memo written, edited or deleted, "
                             "attributes set or removed, an autocode, import or merge run), in the "
                             "library, the reader, the panels and the codebook; kept in the "
                             "database, so it "
                             "survives a restart; refused, with the reason, when its "
                             "annotations were changed since"),
        (("annotate.redo",), "redo"),
        (("main.history",), "the history: the recent changes, newest first, as `tui-reader "
                            "history` lists them; there"),
        (("history.undo_back",), "undo back to the chosen step (it and every step after it; "
                                 "`ctrl+r` redoes them one at a time)"),
        (("history.undo_one",), "undo the chosen step alone (as `tui-reader undo ID`: the step "
                                "before one dropped from the history, where `u` stops)"),
        (("history.prune",), "remove the steps before the chosen one from the history (asks; "
                             "as `tui-reader history --prune`: the annotations stay, undo "
                             "stops there)"),
    ]),
    ("analysis", [
        (("analysis.query",), "query view: codes with AND/OR/NOT, where passages meet (OVERLAPS, "
                              "WITHIN, ENCLOSES, OVERLAPPED BY, OVERLAPS START) and in what "
                              "order (FOLLOWS, "
                              "PRECEDES; NEAR/2, /2s, /2w: paragraphs, sentences, words "
                              "apart), attributes, text; `enter` "
                              "opens a passage (`Q` again comes back to it); typed on the "
                              "passages, a character none of their keys takes goes to the "
                              "query, to refine it"),
        (("query.sort",), "(there) the passages by document, then by each attribute in turn "
                          "(by `date`: a timeline), as `query --sort` lists them, each "
                          "passage saying its value (`date: 2018-01-01`)"),
        (("query.clear",), "(there, on the passages) clear the query to type a new one"),
        (("analysis.reports",), "reports: frequencies, matrix, co-occurrence, coverage; "
                                "`enter` on a cell lists its passages (`R` on them goes back "
                                "to the cell; a passage opened, `R` again comes back to the "
                                "cell, `enter` to the passage); `b` (there) the matrix's "
                                "columns by document, by each attribute in turn, then, where a "
                                "coded document is a transcript, by speaker (`report matrix "
                                "--by-speaker`), then, where two coders or more coded, by "
                                "coder (`--by-coder`); `d` (there) the codes at "
                                "their first level, two levels, ... (a parent's total, each "
                                "passage once), or each apart"),
        (("analysis.stripes",), "coding stripes in the margin"),
        (("analysis.memo",), "the document's memo (of the open document, or the library's "
                             "selected one)"),
        (("main.details",), "document details (of the open document, or the library's "
                            "selected one): file, conversion notes, share coded, its memo, "
                            "and its attributes, the file's own (title, author, date, "
                            "source, pages, format, words, characters) among them, each "
                            "fact said once; edit its attributes (`country=Mexico age=34`, "
                            "`wave=` removes)"),
        (("details.edit", "details.delete", "details.add"),
         "(in the details' attribute list: `tab`) edit the selected attribute's value, "
         "delete it (asks), add one"),
        (("details.memo",), "(there) write the document's memo"),
        (("analysis.journal",), "a journal entry (Markdown; `ctrl+s` saves)"),
    ]),
    ("coders", [
        (("coders.view",), "show all coders, only mine, or each other coder in turn (the "
                           "library and codebook counts, the query view, the reports and "
                           "`E`'s export follow; the status line's count and the codebook's "
                           "say whose: `2 annotations (ben's)`)"),
        (("coders.compare",), "compare: my codes and another coder's side by side in the margin"),
        (("coders.next_disagreement", "coders.previous_disagreement"),
         "next/previous place we disagree"),
        (("coders.figures",), "the agreement of the two compared in the document: by code "
                              "and over every code, the percent agreed, kappa and alpha, as "
                              "`tui-reader agreement A B --doc DOC` prints them; there"),
        (("agreement.unit",), "the next unit: character, word, sentence, paragraph (as "
                              "`--unit`)"),
        (("agreement.every",), "every document either coded, or again the one on show (as "
                               "the command without `--doc`), counted with its progress said"),
    ]),
    ("corpus search", [
        (("browse.corpus_search",), "search every document and memo as you type (smart case; "
                                    "as typed, no regular expression: `search -E` takes one; "
                                    "a phrase found over a line's end, as `/` finds it; memos "
                                    "marked ✎, `enter` on one opens it; a `.txt` holding "
                                    "NUL bytes (up to 16 MB) searched in its bytes as grep does, "
                                    "said as `1 binary file matches` after the hits)"),
        (("corpus_search.results",), "to the hits"),
        (("library.open",), "open the document at the hit"),
    ]),
]  # fmt: skip


def readme_table() -> str:
    """The README's key table, from the registry."""
    lines = ["| where | keys |", "| --- | --- |"]
    for where, entries in README_ROWS:
        cells = [f"{'/'.join(shown(i) for i in ids)} {words}" for ids, words in entries]
        lines.append(f"| {where} | {' · '.join(cells)} |")
    return "\n".join(lines)


if __name__ == "__main__":  # print the README's table: python -m tui_reader.ui.readme_keys
    print(readme_table())
