"""A Markdown table's cells of plain words made one cell of markdown-it's tokens as its table
rule makes them, so a big table costs a few tokens a row, not four a cell.

markdown-it's rule makes an opening, an inline and a closing token for every cell (each
with its own dictionaries): a table of 200,000 one-word columns (2.4 MB) took 530 MB of
tokens and 8.6 s, and one of 100,000 rows of ten (4.2 MB) 1.4 GB and 22 s, near the
conversions' limits.  The rendering writes a row's cells with " │ " between them and takes
a cell holding no character that may begin markup as one text (see ``markdown._parser``):
such cells side by side in a row are written the same as one cell holding their words
joined by " │ ", which is what this rule leaves of them, as the rule pushes each.  A cell
holding markup stays a cell of its own, parsed alone as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

from tui_reader.core.documents.table_units import cell_words

CELLS_APART = " │ "  # what the rendering writes between two cells of a row


def install(parser: MarkdownIt, markup: re.Pattern[str] | None) -> None:
    """Put the compacting table rule in ``parser`` in place of markdown-it's; ``markup``
    finds a character that may begin markup (a cell without one is plain words; ``None``:
    the cells are not compacted).  A cell's own "│" is written "|" (``cell_words``): it
    started a new cell."""
    from markdown_it.rules_block.table import table

    def compacted(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent:  # only asks whether a table starts there: no token is made
            return table(state, start, end, silent)
        push = state.push
        run: list[str] = []  # the words of the plain cells side by side so far in the row
        first: list[Token] = []  # the inline token of the first of them

        def close_run() -> None:
            if len(run) > 1:
                first[0].content = CELLS_APART.join(run)
            run.clear()
            first.clear()

        def pushed(kind: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
            if kind in ("td_close", "th_close"):
                tokens = state.tokens
                cell = tokens[-1]  # its inline token, its words set
                cell.content = cell_words(cell.content)
                if markup is None or markup.search(cell.content) is not None:
                    close_run()
                elif not first:
                    first.append(cell)
                    run.append(cell.content)
                else:  # its words join the cell before: its opening and inline dropped
                    run.append(cell.content)
                    del tokens[-2:]
                    state.level -= 1  # as its opening had raised it
                    return _detached(kind, tag, nesting)
            elif kind == "tr_close":
                close_run()
            return push(kind, tag, nesting)

        state.push = pushed  # type: ignore[method-assign,assignment]
        try:
            return table(state, start, end, silent)
        finally:
            del state.push  # the class's own again
            close_run()

    parser.block.ruler.at("table", compacted, {"alt": ["paragraph", "reference"]})


def _detached(kind: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
    """A token the rule may set fields of, put in no stream."""
    from markdown_it.token import Token

    return Token(kind, tag, nesting)
