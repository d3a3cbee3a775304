"""Every key of the app, in one registry: the bindings, the footer, the help screen, the
command palette and the README's key table all come from here.

A :class:`Key` is one action: its id (``group.verb``), the Textual key names that trigger it
(the first one is the one shown), the action run on the widget that declares it, and how it
is described.  A widget takes its bindings with :func:`bindings` (``BINDINGS =
bindings("reader")``), so a key is changed here once and everywhere follows; a test compares
the README's table (:func:`readme_table`) with this registry.

Lists share one set of verbs (``j``/``k``, ``g``/``G``, ``home``/``end``): :func:`list_keys`.
Completion in a dialog's field is ``→`` at the end of the field (Textual's ``Input``
suggester); ``tab`` always moves to the next field.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui_reader.core.frozen_value import FrozenValue


class Key(FrozenValue):
    """One action and the keys that run it."""

    __slots__ = (
        "action",
        "description",
        "footer",
        "footer_keys",
        "footer_words",
        "id",
        "keys",
        "palette",
        "priority",
    )  # fmt: skip
    id: str  # "group.verb": unique, names the binding in Textual (keymaps, help rows)
    keys: tuple[str, ...]  # Textual key names (the README shows the first letter key)
    action: str  # run on the widget whose BINDINGS hold the key
    description: str  # the help screen's and the footer's words
    footer: bool  # shown in the footer
    palette: str  # the command palette's name for it ("" = not in the palette)
    priority: bool
    # The footer's words when shorter than the description (the help's, the palette's): a
    # footer of 100 columns left "b Matrix by document / each attribute" out for its length.
    footer_words: str
    # How the footer writes the keys, when not by the first ("j/k" for a scroll's j and k)
    footer_keys: str

    def __init__(
        self,
        id: str,
        keys: tuple[str, ...],
        action: str,
        description: str,
        footer: bool = False,
        palette: str = "",
        priority: bool = False,
        footer_words: str = "",
        footer_keys: str = "",
    ) -> None:
        self._set(id=id, keys=keys, action=action, description=description, footer=footer,
                  palette=palette, priority=priority, footer_words=footer_words,
                  footer_keys=footer_keys)  # fmt: skip

    def binding(self) -> Binding:
        return Binding(
            ",".join(self.keys),
            self.action,
            self.footer_words or self.description,
            show=self.footer,
            key_display=self.footer_keys or KEY_DISPLAY.get(self.keys[0]),
            priority=self.priority,
            id=self.id,
        )


# Keys whose Textual name is not what a person types.
KEY_DISPLAY = {
    "slash": "/",
    "question_mark": "?",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "right_parenthesis": ")",
    "left_parenthesis": "(",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "full_stop": ".",
    "apostrophe": "'",
    "percent_sign": "%",
    "equals_sign": "=",
    "ampersand": "&",
    "dollar_sign": "$",
    "minus": "-",
    "circumflex_accent": "^",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "esc",
}


def key_label(key: str) -> str:
    """How a Textual key name is written for a person: ``right_parenthesis`` -> ``)``."""
    return KEY_DISPLAY.get(key, key)


def list_keys(group: str, noun: str, *, down: str = "cursor_down", up: str = "cursor_up",
              first: str = "first", last: str = "last") -> list[Key]:  # fmt: skip
    """The verbs every list has: ``j``/``down``, ``k``/``up``, ``g``/``home``, ``G``/``end``."""
    return [
        Key(f"{group}.down", ("down", "j"), down, f"Next {noun}"),
        Key(f"{group}.up", ("up", "k"), up, f"Previous {noun}"),
        Key(f"{group}.first", ("g", "home"), first, f"First {noun}"),
        Key(f"{group}.last", ("G", "end"), last, f"Last {noun}"),
    ]


TAG_KEYS = 9  # `1`-`9` apply the codebook's first nine tags

KEYMAP: dict[str, list[Key]] = {
    "app": [
        Key("app.quit", ("q",), "quit", "Quit", footer=True),
        Key("app.help", ("question_mark",), "help", "Help", footer=True, palette="Help: keys"),
        Key("app.palette", ("ctrl+p",), "command_palette", "Commands", priority=True),
        Key("app.stop_waiting", ("ctrl+g",), "stop_waiting",
            "Stop waiting for another tui-reader (the waiting change is not saved)",
            priority=True),
        Key("app.export", ("E",), "export",
            "Export annotations: Markdown, CSV, W3C, QualCoder (REFI-QDA), an Obsidian vault…",
            palette="Export annotations (Markdown, CSV, W3C, QualCoder, Obsidian…)"),
        Key("analysis.journal", ("J",), "journal", "Journal: a new dated entry",
            palette="Journal: write an entry"),
        # Not a priority: a field that undoes with it (a memo's text area) keeps it.
        Key("app.suspend", ("ctrl+z",), "suspend_to_shell",
            "Suspend to the shell (its fg brings the app back)",
            palette="Suspend to the shell (fg brings it back)"),
        Key("app.focus_next", ("tab",), "focus_next", "Next pane", priority=True),
        Key("app.focus_previous", ("shift+tab",), "focus_previous", "Previous pane",
            priority=True),
    ],
    "main": [
        Key("main.library", ("L",), "toggle_library", "Show/hide the library",
            palette="Show/hide the library"),
        Key("reader.next_document", ("greater_than_sign",), "step_document(1)", "Next document",
            palette="Next document"),
        Key("reader.previous_document", ("less_than_sign",), "step_document(-1)",
            "Previous document", palette="Previous document"),
        Key("browse.codebook", ("T",), "view('codebook')", "Codebook: tags and their passages",
            palette="Codebook: browse tags and their passages"),
        Key("browse.corpus_search", ("F",), "view('corpus_search')", "Search the whole corpus",
            palette="Search the whole corpus"),
        Key("main.goto_page", ("P",), "goto_page", "Go to page (PDF)", palette="Go to page…"),
        Key("analysis.query", ("Q",), "view('query')", "Query: passages by codes and attributes",
            palette="Query: passages by codes and attributes"),
        Key("analysis.reports", ("R",), "view('reports')",
            "Reports: frequencies, matrix, co-occurrence",
            palette="Reports: frequencies, matrix, co-occurrence"),
        Key("analysis.stripes", ("S",), "toggle_stripes", "Coding stripes in the margin",
            palette="Show/hide coding stripes"),
        Key("coders.view", ("C",), "next_coder_view", "Show all coders / only mine / one coder",
            palette="Coders: show all / only mine / one coder (next)"),
        Key("coders.compare", ("K",), "compare_coders", "Compare two coders in the margin",
            palette="Compare coders: mine beside another coder's, side by side"),
        Key("coders.next_disagreement", ("d",), "next_disagreement",
            "Next place the compared coders disagree", palette="Next disagreement"),
        Key("coders.previous_disagreement", ("D",), "previous_disagreement",
            "Previous place the compared coders disagree", palette="Previous disagreement"),
        Key("coders.figures", ("equals_sign",), "agreement_figures",
            "Agreement of the compared coders: kappa, alpha by code",
            palette="Agreement figures of the compared coders (kappa, alpha)"),
        Key("analysis.memo", ("M",), "document_memo", "Memo of the document",
            palette="Memo of the document"),
        Key("main.history", ("U",), "history",
            "History: the recent changes; undo back to one of them",
            palette="History: the recent changes, undo back to one"),
        Key("main.details", ("i",), "document_details",
            "Document details: file, metadata, conversion, coding, attributes",
            palette="Document details and attributes"),
        Key("main.merge", ("I",), "merge",
            "Merge a colleague's coding: their database or a json/project/w3c/qdpx export",
            palette="Merge a colleague's coding (database or export)…"),
        # Under the text's own esc (which clears a selection first): from the library too.
        Key("main.clear_notices", ("escape",), "clear_notices", "Clear the notices on show"),
    ],
    "library": [
        *list_keys("library", "document"),
        Key("library.open", ("enter",), "select_cursor", "Open", footer=True),
    ],
    "library.filter": [
        Key("library.filter", ("slash",), "filter", "Filter", footer=True),
        Key("library.clear_filter", ("escape",), "clear_filter",
            "Clear the filter (in it, or from the list while one is on)", footer=True,
            footer_words="Clear filter"),
        Key("library.sort", ("o",), "next_sort",
            "Sort: files, title, words, annotations, modified", palette="Library: sort"),
        Key("library.reverse", ("O",), "reverse_sort", "Reverse the order of the library",
            palette="Library: reverse the order"),
    ],
    # A list's filter field (the library's, the codebook's): its enter said in the footer,
    # where "/ Filter" was while / typed a slash there.
    "filter": [
        Key("filter.keep", ("enter",), "submit", "Keep the filter and go back to the list",
            footer=True, footer_words="Keep filter", palette="Keep the filter"),
    ],
    # Bound on the main screen: from the library, where u did nothing (in the reading pane,
    # its own u and ctrl+r come first).
    "library.undo": [
        Key("library.undo", ("u",), "step_back(False)", "Undo the last change"),
        Key("library.redo", ("ctrl+r",), "step_back(True)", "Redo what was undone"),
    ],
    "reader": [
        Key("reader.line_down", ("down", "j"), "line_down", "Line down"),
        Key("reader.line_up", ("up", "k"), "line_up", "Line up"),
        Key("reader.char_left", ("left", "h"), "char_left", "Character left"),
        Key("reader.char_right", ("right", "l"), "char_right", "Character right"),
        Key("reader.line_start", ("0", "circumflex_accent"), "line_start",
            "Start of the line on screen"),
        Key("reader.line_end", ("dollar_sign",), "line_end", "End of the line on screen"),
        Key("reader.word_next", ("w",), "to_unit('next_word')", "Next word"),
        Key("reader.word_previous", ("b",), "to_unit('previous_word')", "Previous word"),
        Key("reader.sentence_next", ("right_parenthesis",), "to_unit('next_sentence')",
            "Next sentence"),
        Key("reader.sentence_previous", ("left_parenthesis",), "to_unit('previous_sentence')",
            "Previous sentence"),
        Key("reader.paragraph_next", ("right_curly_bracket",), "to_unit('next_paragraph')",
            "Next paragraph"),
        Key("reader.paragraph_previous", ("left_curly_bracket",), "to_unit('previous_paragraph')",
            "Previous paragraph"),
        Key("reader.page_down", ("space", "pagedown", "ctrl+f"), "page_down", "Page down"),
        Key("reader.page_up", ("pageup", "ctrl+b"), "page_up", "Page up"),
        Key("reader.half_down", ("ctrl+d",), "half_page_down", "Half page down"),
        Key("reader.half_up", ("ctrl+u",), "half_page_up", "Half page up"),
        Key("reader.top", ("g", "home"), "top", "Top", palette="Go to top"),
        Key("reader.bottom", ("G", "end"), "bottom", "Bottom", palette="Go to bottom"),
        Key("reader.percent", ("percent_sign",), "goto_percent",
            "Go to a percent of the text (or type 50% as in less)", palette="Go to percent…"),
        Key("reader.set_mark", ("m",), "mark('set')", "Mark the place: m then a letter"),
        Key("reader.go_mark", ("apostrophe",), "mark('go')",
            "Go to a mark: ' then its letter ('' before the last jump)"),
        Key("reader.line_numbers", ("minus",), "option",
            "Line numbers: - then N (less's -N), again to hide them"),
        Key("reader.select", ("v",), "toggle_selection", "Select", footer=True,
            palette="Select: start a selection at the caret (motions extend it)"),
        Key("reader.clear", ("escape",), "clear",
            "Clear the selection, else the search's marks and the notices"),
    ],
    "find": [
        Key("reader.search", ("slash",), "start_search", "Search", footer=True,
            palette="Search in document"),
        Key("reader.next_hit", ("n",), "next_hit", "Next hit", palette="Search: next hit"),
        Key("reader.previous_hit", ("N",), "previous_hit", "Previous hit",
            palette="Search: previous hit"),
        Key("reader.filter", ("ampersand",), "start_filter",
            "Show only the lines holding a pattern (less's &pattern; & then enter: every line)",
            palette="Show only the lines holding…"),
    ],
    "search": [
        Key("search.cancel", ("escape",), "cancel", "Close search", footer=True),
        Key("search.literal", ("ctrl+r",), "toggle_literal",
            "The pattern as typed, not a regular expression (less's ^R; again: back)"),
    ],
    "annotate": [
        Key("annotate.sentence", ("s",), "act('select_sentence')", "Sentence",
            palette="Select sentence"),
        Key("annotate.paragraph", ("p",), "act('select_paragraph')", "Paragraph",
            palette="Select paragraph"),
        Key("annotate.turn", ("t",), "act('select_turn')", "Speaker turn (transcripts)",
            palette="Select speaker turn"),
        Key("annotate.annotate", ("a",), "act('annotate')", "Annotate", footer=True,
            palette="Annotate"),
        Key("annotate.enter", ("enter",), "act('annotate_selection')", "Annotate the selection"),
        *(
            Key(f"annotate.tag{n}", (str(n),), f"act('apply_tag', {n - 1})",
                # one line in the help for all nine keys
                "Tag with the codebook's tag 1 (2…9: tags 2…9)" if n == 1 else "")
            for n in range(1, TAG_KEYS + 1)
        ),
        Key("annotate.repeat", ("full_stop",), "act('repeat_tags')", "Repeat the last tags",
            palette="Repeat last tags"),
        Key("annotate.next", ("right_square_bracket",), "act('step_annotation', True)",
            "Next annotation", palette="Next annotation"),
        Key("annotate.previous", ("left_square_bracket",), "act('step_annotation', False)",
            "Previous annotation", palette="Previous annotation"),
        Key("annotate.edit", ("e",), "act('edit')", "Edit the annotation",
            palette="Edit annotation"),
        Key("annotate.delete", ("x",), "act('delete')", "Delete the annotation (asks first)",
            palette="Delete annotation"),
        Key("annotate.undo", ("u",), "act('step_back', False)", "Undo the last change",
            palette="Undo"),
        Key("annotate.redo", ("ctrl+r",), "act('step_back', True)", "Redo what was undone",
            palette="Redo"),
        Key("annotate.panel", ("A",), "act('toggle_panel')",
            "Annotations panel: open it, or go to it when open; close it from the panel",
            footer=True, footer_words="Annotations", palette="Annotations panel"),
    ],
    "annotations": [
        *list_keys("annotations", "annotation"),
        Key("annotations.go", ("enter",), "select", "Go to the annotation"),
        # Not in the footer: the panel's border lists them, and the footer keeps `? Help`.
        Key("annotations.reattach", ("r",), "reattach", "Re-attach orphan"),
        Key("annotations.carry", ("m",), "carry",
            "Move an orphan to another document: listed in every document's panel"),
        Key("annotations.confirm", ("c",), "confirm", "Accept an approximate (≈) place"),
        Key("annotations.delete", ("x", "delete"), "delete", "Delete"),
        Key("annotations.leave", ("escape",), "leave", "Back to the text"),
    ],
    "codebook": [
        # esc is one level back: each of its three says in the footer what it does where the
        # focus is (it read "esc Back / close" everywhere); the first one enabled runs.
        Key("codebook.clear_filter", ("escape",), "clear_filter", "Clear the filter (in it)",
            footer=True, footer_words="Clear filter"),
        Key("codebook.back", ("escape",), "back", "Back to the tags (from the passages)",
            footer=True, footer_words="Back to tags"),
        Key("codebook.close", ("escape",), "close", "Close", footer=True,
            palette="Close the codebook"),
        Key("codebook.quit", ("q",), "close", "Close, from the tags or the passages"),
        Key("codebook.filter", ("slash",), "filter", "Filter tags", footer=True,
            palette="Codebook: filter tags"),
        Key("codebook.rename", ("r",), "act('rename')", "Rename", footer=True,
            palette="Codebook: rename the tag"),
        Key("codebook.merge", ("m",), "act('merge')", "Merge into…", footer=True,
            palette="Codebook: merge the tag into another…"),
        Key("codebook.delete", ("d",), "act('delete')", "Delete", footer=True,
            palette="Codebook: delete the tag"),
        Key("codebook.style", ("c",), "act('style')", "Colour & description", footer=True,
            footer_words="Colour", palette="Codebook: colour & description of the tag"),
        Key("codebook.undo", ("u",), "act('step_back', False)", "Undo the last change",
            palette="Undo"),
        Key("codebook.redo", ("ctrl+r",), "act('step_back', True)", "Redo what was undone",
            palette="Redo"),
        Key("codebook.memo", ("M",), "act('memo')", "Memo of the code",
            palette="Codebook: memo of the code"),
        *list_keys("codebook", "tag or passage", down="cursor(1)", up="cursor(-1)",
                   first="cursor_end(0)", last="cursor_end(-1)"),
        Key("codebook.enter", ("enter",), "choose", "Open the passage / go to passages"),
    ],
    "corpus_search": [
        Key("corpus_search.close", ("escape", "q"), "close", "Close", footer=True,
            palette="Close the corpus search"),
        Key("corpus_search.edit", ("slash",), "edit_query", "Edit the search", footer=True,
            palette="Edit the search"),
        Key("corpus_search.results", ("down",), "to_results", "To the results"),
        Key("corpus_search.down", ("j",), "cursor(1)", "Next hit"),
        Key("corpus_search.up", ("k",), "cursor(-1)", "Previous hit"),
        Key("corpus_search.first", ("g", "home"), "cursor_end(0)", "First hit"),
        Key("corpus_search.last", ("G", "end"), "cursor_end(-1)", "Last hit"),
        Key("corpus_search.open", ("enter",), "open_hit",
            "Open the document at the hit (a memo: edit it)"),
    ],
    # The query field: its enter said in the footer, which read "esc Close" alone there.
    "query_field": [
        Key("query_field.run", ("enter",), "submit", "Run the query and go to its passages",
            footer=True, footer_words="Run query", palette="Run the query"),
    ],
    "query": [
        Key("query.close", ("escape", "q"), "close", "Close", footer=True,
            palette="Close the query"),
        Key("query.edit", ("slash",), "edit_query",
            "Edit the query (on the passages, a character none of these keys takes goes to "
            "it too)", footer=True, footer_words="Edit the query", palette="Edit the query"),
        Key("query.clear", ("ctrl+u",), "clear_query",
            "On the passages: clear the query and type a new one", palette="New query"),
        Key("query.sort", ("o",), "next_sort", "Sort: by document / each attribute",
            footer=True, palette="Query: passages by document / each attribute (next)"),
        Key("query.open", ("enter",), "open_passage",
            "Open the passage in its document (Q again comes back to it)"),
        Key("query.back", ("R",), "back_to_cell",
            "Back to the report's cell (its passages listed from the reports)", footer=True,
            footer_words="Back to the cell"),
        *list_keys("query", "passage", down="cursor(1)", up="cursor(-1)",
                   first="cursor_end(0)", last="cursor_end(-1)"),
    ],
    "reports": [
        Key("reports.close", ("escape", "q"), "close", "Close", footer=True,
            palette="Close the reports"),
        Key("reports.frequencies", ("f",), "report('frequencies')", "Frequencies", footer=True,
            palette="Report: frequencies"),
        Key("reports.matrix", ("m",), "report('matrix')", "Matrix", footer=True,
            palette="Report: matrix"),
        Key("reports.cooccurrence", ("c",), "report('cooccurrence')", "Co-occurrence",
            footer=True, palette="Report: co-occurrence"),
        Key("reports.by", ("b",), "next_by",
            "Matrix by document / each attribute / speaker (transcripts) / coder",
            footer=True, footer_words="By document/attribute",
            palette="Report: matrix by document / each attribute / speaker / coder (next)"),
        Key("reports.depth", ("d",), "next_depth",
            "Codes at their first level, two levels, ... or each apart (a parent's total)",
            palette="Report: codes at their first level, two levels, ... (next)"),
        Key("reports.drill", ("enter",), "drill", "The passages of the cell",
            palette="Report: the passages of the cell"),
    ],
    "report_table": [
        *list_keys("report_table", "row"),
        Key("report_table.right", ("right", "l"), "cursor_right", "Next column"),
        Key("report_table.left", ("left", "h"), "cursor_left", "Previous column"),
        Key("report_table.page_down", ("pagedown",), "page_down", "Page down"),
        Key("report_table.page_up", ("pageup",), "page_up", "Page up"),
    ],
    "details": [
        Key("details.close", ("escape",), "close", "Close", footer=True,
            palette="Close the details"),
    ],
    "details.attributes": [
        *list_keys("details.attributes", "attribute"),
        Key("details.edit", ("e", "enter"), "edit", "Edit the selected attribute's value",
            palette="Attributes: edit the value"),
        Key("details.delete", ("x", "delete"), "delete",
            "Delete the selected attribute (asks first)", palette="Attributes: delete"),
        Key("details.add", ("a",), "add", "Add an attribute", palette="Attributes: add"),
        Key("details.memo", ("M",), "memo", "Write the document's memo",
            palette="Memo of the document"),
    ],
    "memo": [
        Key("memo.save", ("ctrl+s",), "save", "Save", footer=True, palette="Save"),
        Key("memo.cancel", ("escape",), "cancel", "Cancel", footer=True, palette="Cancel"),
    ],
    "history": [
        *list_keys("history", "step", down="cursor(1)", up="cursor(-1)",
                   first="cursor_end(0)", last="cursor_end(-1)"),
        Key("history.undo_back", ("enter",), "undo_back",
            "Undo back to the step: it and every step after it", footer=True,
            footer_words="Undo back to here", priority=True),  # the list's own enter is none
        Key("history.undo_one", ("u",), "undo_one", "Undo the step alone", footer=True,
            footer_words="Undo this alone"),
        Key("history.redo", ("ctrl+r",), "redo", "Redo what was undone last", footer=True,
            footer_words="Redo"),
        Key("history.prune", ("p",), "prune",
            "Prune: remove the steps before this one from the history (asks)",
            palette="Prune the history before the chosen step"),
        Key("history.close", ("escape", "q"), "close", "Close", footer=True,
            palette="Close the history"),
    ],
    "help": [
        # esc in the filter clears it (the first one enabled runs), else closes the help
        Key("help.clear_filter", ("escape",), "clear_filter", "Clear the filter (in it)",
            footer=True, footer_words="Clear filter"),
        Key("help.close", ("escape", "q", "question_mark"), "dismiss", "Close help",
            footer=True, palette="Close help"),
        Key("help.filter", ("slash",), "filter",
            "Show only the keys whose words hold what is typed (enter keeps, esc clears)",
            footer=True, footer_words="Filter", palette="Help: filter the keys"),
    ],
    # A body of text that scrolls (the help, the reports' charts, the agreement box): its
    # footer says how (the help's said "esc Close help" alone, its scroll bar the rest).
    "scroll": [
        Key("scroll.down", ("down", "j"), "scroll_body('down')", "Next line", footer=True,
            footer_keys="j/k", footer_words="Scroll", palette="Scroll: a line down"),
        Key("scroll.up", ("up", "k"), "scroll_body('up')", "Previous line"),
        Key("scroll.first", ("g", "home"), "scroll_body('home')", "First line"),
        Key("scroll.last", ("G", "end"), "scroll_body('end')", "Last line"),
        Key("scroll.page_down", ("space", "pagedown", "ctrl+f"), "scroll_body('page_down')",
            "Page down", footer=True, palette="Scroll: a page down"),
        Key("scroll.page_up", ("pageup", "ctrl+b"), "scroll_body('page_up')", "Page up"),
    ],
    "confirm": [
        Key("confirm.yes", ("y", "enter"), "answer(True)", "Yes", footer=True, palette="Yes"),
        Key("confirm.no", ("n", "escape"), "answer(False)", "No", footer=True, palette="No"),
    ],
    "export": [
        *list_keys("export", "choice", down="cursor(1)", up="cursor(-1)",
                   first="cursor_end(0)", last="cursor_end(-1)"),
        Key("export.run", ("enter",), "export", "Export as chosen", footer=True,
            footer_words="Export", palette="Export as chosen", priority=True),
        Key("export.cancel", ("escape",), "cancel", "Cancel (stops an export under way; "
            "nothing is written)", footer=True, footer_words="Cancel",
            palette="Cancel the export"),
    ],
    "agreement": [  # the agreement box (= in the compare view)
        Key("agreement.unit", ("u",), "next_unit",
            "Next unit: character, word, sentence, paragraph (as agreement --unit)",
            footer=True, footer_words="Unit", palette="Agreement: the next unit"),
        Key("agreement.every", ("a",), "every_document",
            "Every document either coded, or the one on show (as agreement without --doc)",
            footer=True, footer_words="All documents",
            palette="Agreement: every document, or this one"),
        # (the box changes nothing: esc closes it, as its border says, where "dialog.cancel"
        # said "esc Cancel" below a border saying "esc close")
        Key("agreement.close", ("escape",), "cancel", "Close", footer=True,
            palette="Close the agreement box"),
    ],
    "draft": [  # a kept draft shown read-only (kept_drafts_offer): nothing in it saves
        Key("draft.close", ("escape", "ctrl+s"), "cancel", "Close", footer=True,
            palette="Close the draft"),
    ],
    "dialog": [
        Key("dialog.cancel", ("escape",), "cancel", "Cancel", footer=True, palette="Cancel"),
    ],
}  # fmt: skip

# The help screen's heading for each group (groups without one are not listed there).
TITLES = {
    "app": "Anywhere", "main": "Anywhere", "library": "Library", "library.filter": "Library",
    "library.undo": "Library", "filter": "A filter (library, codebook)",
    "reader": "Reader", "find": "Reader", "search": "Search prompt", "annotate": "Annotating",
    "annotations": "Annotations panel", "codebook": "Codebook", "corpus_search": "Corpus search",
    "query": "Query", "query_field": "Query", "reports": "Reports", "report_table": "Reports",
    "details": "Document details", "details.attributes": "Document details",
    "history": "History", "export": "Export dialog", "agreement": "Agreement box",
    "help": "Help", "scroll": "Help and the reports' charts",
}  # fmt: skip


def keys(group: str) -> list[Key]:
    """The keys of ``group`` (a key of :data:`KEYMAP`)."""
    return KEYMAP[group]


def bindings(*groups: str) -> list[BindingType]:
    """The Textual bindings of ``groups``, for a widget's ``BINDINGS``."""
    return [key.binding() for group in groups for key in KEYMAP[group]]


def undo_keys() -> list[Key]:
    """The keys that undo the last change (``u`` in the library, the text, the codebook)."""
    return [key for group in KEYMAP.values() for key in group if key.id.endswith(".undo")]


def by_id() -> dict[str, Key]:
    """Every key of the registry by its id."""
    return {key.id: key for group in KEYMAP.values() for key in group}


def keys_of(*key_ids: str) -> frozenset[str]:
    """The Textual key names that run the keys ``key_ids``."""
    found = by_id()
    return frozenset(name for key_id in key_ids for name in found[key_id].keys)


def title_of(key_id: str) -> str:
    """The help screen's heading for the key ``key_id`` ("" when it is not listed there)."""
    for group, members in KEYMAP.items():
        if any(key.id == key_id for key in members):
            return TITLES.get(group, "")
    return ""


def shown(key_id: str, *, every: bool = False) -> str:
    """How the keys of ``key_id`` are written: ``` `j` ```, or with ``every``
    ``` `j`/`down` ```."""
    key = by_id()[key_id]
    letters = [name for name in key.keys if len(key_label(name)) == 1]
    chosen = key.keys if every else (letters or list(key.keys))[:1]
    return "/".join(f"`{key_label(name)}`" for name in chosen)
