"""A Markdown table's plain cells side by side are one cell of tokens, rendered as before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.formats.markdown import _parser, parse_tokens, render

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def _with_markdown_it_table_rule() -> MarkdownIt:
    """A parser as the converter's, with markdown-it's own table rule."""
    from markdown_it.rules_block.table import table

    parser = _parser.__wrapped__()
    parser.block.ruler.at("table", table, {"alt": ["paragraph", "reference"]})
    return parser


def test_a_wide_or_long_table_of_plain_cells_is_a_few_tokens_a_row() -> None:
    # A table of 200,000 one-word columns (2.4 MB) took 530 MB of markdown-it's tokens and
    # 8.6 s; one of 100,000 rows of ten columns (4.2 MB) 1.4 GB and 22 s: three tokens
    # and two dictionaries a cell.  Plain cells side by side are now one cell of tokens.
    columns = 5_000
    wide = "|" + " a |" * columns + "\n|" + "---|" * columns + "\n|" + " b |" * columns + "\n"
    tokens = parse_tokens(wide)
    assert len(tokens) < 20
    assert render(tokens).text == "\n".join([" │ ".join("a" * columns), " │ ".join("b" * columns)])
    rows = 5_000
    tall = "| a | b | c |\n|---|:-:|--:|\n" + "| d | e | f |\n" * rows
    tokens = parse_tokens(tall)
    assert len(tokens) < 6 * (rows + 2)
    assert render(tokens).text == "a │ b │ c" + "\nd │ e │ f" * rows


_CELLS = st.sampled_from(
    [
        "a",
        "b c",
        "",
        " ",
        "*x*",
        "_y_",
        "`z`",
        "\\|",
        "[l](u)",
        "<b>",
        "-",
        "1.",
        "é",
        "a |",
        "~~s~~",
        "<!-- c -->",
        "^id",
    ]
)


@st.composite
def _tables(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 6))
    header = draw(st.lists(_CELLS, min_size=columns, max_size=columns))
    aligns = draw(st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=columns))
    rows = draw(st.lists(st.lists(_CELLS, max_size=columns + 2), max_size=5))
    lines = ["|" + "|".join(header) + "|", "|" + "|".join(aligns[:columns]) + "|"]
    lines += [("|" if draw(st.booleans()) else "") + "|".join(row) + "|" for row in rows]
    before = draw(st.sampled_from(["", "Some words.\n\n", "# T\n\n", "- item\n\n  "]))
    after = draw(st.sampled_from(["", "\nA paragraph after.\n", "\n\n| x |\n|---|\n| y |\n"]))
    return before + "\n".join(lines) + after


@settings(max_examples=300, deadline=None)
@given(_tables())
def test_a_table_renders_as_markdown_it_s_own_rule_makes_it(text: str) -> None:
    expected = render(_with_markdown_it_table_rule().parse(text))
    assert render(parse_tokens(text)) == expected
