"""The work of showing a big codebook's tree, counted (its speed is measured in ``bench/``)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets.tree import TreeNode

from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.tree import codebook_tree
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui.widgets.codebook_views import CodebookTree

LONG = "a leaf with a name too long for the tree «quoted» 😀"


class Counting(CodebookTree):
    rendered = 0

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        Counting.rendered += 1
        return super().render_label(node, base_style, style)


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Counting(id="tree")


async def test_showing_a_big_codebook_lays_out_its_lines_without_rendering_each_label() -> None:
    """Each letter typed in the filter of a codebook of 2,000 codes showed the tree again,
    and laying out its lines rendered every label (to learn the widest line) before the
    screen rendered the visible ones, the long ones cut to fit: about half of the time each
    letter took.  A label is measured from its text, one cut to fit at the room it is cut
    to."""
    names = [f"theme{t}/sub{s:02d}/leaf{n}" for t in range(4) for s in range(10) for n in range(8)]
    names += [f"theme0/sub00/{LONG} {n}" for n in range(3)]
    nodes = codebook_tree([Tag(name) for name in names], [])
    lines = len(names) + 4 + 40  # the leaves, the themes and their subs
    app = TreeApp()  # 60 columns: the long leaves are cut
    async with app.run_test(size=(60, 24)) as pilot:
        tree = app.query_one(Counting)
        Counting.rendered = 0
        tree.show(nodes, TagPalette(()), "theme2/sub03/leaf1")
        shown_without_count = Counting.rendered
        # the width measured is the one the label is rendered at, or, cut to fit, the room
        # it is cut to: the tree is no wider than it shows
        for line in tree._tree_lines:
            rendered = tree.render_label(line.node, Style(), Style()).cell_len
            width = tree.get_label_width(line.node)
            assert width == rendered or rendered <= width == tree._room(line.node), width
        assert tree.virtual_size.width <= tree.scrollable_content_region.width
        await pilot.pause()
    assert tree.last_line + 1 == lines
    # no label rendered to be measured (368 were, a line each, the three long ones cut)
    assert shown_without_count == 0, shown_without_count
