"""The two lists of the codebook screen: the tag tree, and the passages of a tag.

Tag colours are those of the highlights (:class:`~tui_reader.reading.highlights.TagPalette`).
Titles, quotes, notes and tag names are user data: they are shown as plain :class:`Text`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from tui_reader.core.analysis.context import PassageInContext
from tui_reader.core.analysis.report_grid import fitted
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.codebook.names import name_up_to_its_bound
from tui_reader.core.codebook.tree import CodebookNode
from tui_reader.core.display import shown
from tui_reader.reading.highlights import TagPalette
from tui_reader.ui.widgets.growing_option_list import GrowingOptionList
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus
from tui_reader.ui.widgets.passage_list import (
    SHOWN_CHARACTERS,
    full_passage,
    several_coders,
    titles_shared,
)

_SWATCH = "   "  # a tag's colour (two cells) and a space


MEMO_MARK = " ✎"  # after a code's count: the code has a memo (as a note is marked)


def _count(node: CodebookNode, *, counted: bool, memo: bool) -> str:
    """What follows a code's name and is never cut: its count and its memo's mark."""
    return (f"  {node.total}" if counted else "  …") + (MEMO_MARK if memo else "")


def tag_label(
    node: CodebookNode,
    palette: TagPalette,
    *,
    counted: bool = True,
    memo: bool = False,
    key: int | None = None,
) -> Text:
    """A tree label: colour swatch, last level of the name, count (``…`` while the counts
    are being read: not ``counted``), ✎ when the code has a ``memo``, the number ``key``
    that applies the code in the text (``key 1``: the keys follow the order the codes were
    made in, not the tree's), description."""
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(_SWATCH[:2], style=Style(bgcolor=palette.colour(node.path).background))
    label.append(_SWATCH[2:])
    label.append(shown_code(node.name), style="bold" if node.tag is not None else "italic")
    label.append(_count(node, counted=counted, memo=False), style="dim")
    if memo:
        label.append(MEMO_MARK, style="bold")
    if counted and node.children and node.own:
        label.append(f" ({node.own} own)", style="dim")
    if key is not None:
        label.append("  key ", style="dim")
        label.append(str(key), style="bold")
    if node.tag is not None and node.tag.description:
        shown_part, left = description_up_to(node.tag.description)
        label.append(f"  {shown(shown_part)}{'…' if left else ''}", style="dim italic")
    return label


def _whole_parts(plain: str, after: int, *parts: str) -> tuple[tuple[int, int], ...]:
    """Where each of ``parts`` (those not empty) lies in a label's ``plain`` text, found in
    turn from ``after``, each after the one before."""
    found: list[tuple[int, int]] = []
    for part in parts:
        at = plain.find(part, after) if part else -1
        if at >= 0:
            found.append((at, at + len(part)))
            after = at + len(part)
    return tuple(found)


def description_up_to(description: str) -> tuple[str, int]:
    """A code's ``description`` as the codebook shows it, whole up to
    :data:`~tui_reader.ui.widgets.passage_list.SHOWN_CHARACTERS`, and how many characters are
    left out: one of 2 MB, measured and drawn whole for its line of the tree and wrapped
    above its passages, held the codebook for 10 s as it opened (its dialog has it whole)."""
    if len(description) <= SHOWN_CHARACTERS:
        return description, 0
    return description[:SHOWN_CHARACTERS], len(description) - SHOWN_CHARACTERS


def shown_code(name: str) -> str:
    """A code's ``name`` as the codebook shows it, in its tree, its headings and questions:
    up to the bound of a code, as every list shows one.  A code of 10 MB, in a database
    edited by hand, measured and drawn whole for each line of the tree and wrapped whole
    above its passages, held the codebook for 40 s as it opened."""
    return shown(name_up_to_its_bound(name))


def _middle_cut(head: Text, start: int, room: int) -> Text:
    """``head`` with its name (from ``start``) in ``room`` cells: its start and its end with
    "…" between, as the reports cut a code (``municipal_g…ment``, where its end alone,
    ``municipal_governm…``, hid the word a code is told apart by), its styles kept."""
    name = head.plain[start:]
    cut = fitted(name, room)
    ends = [
        at
        for at, char in enumerate(cut)
        if char == "…" and name.startswith(cut[:at].rstrip(" ")) and name.endswith(cut[at + 1 :])
    ]
    at = ends[0] if ends else len(cut) - 1
    first = len(cut[:at].rstrip(" "))
    last = len(cut) - at - 1
    kept = head[: start + first]
    kept.append(cut[first:at] + "…")
    if last:
        kept.append_text(head[len(head.plain) - last :])
    return kept


def _index_of(passages: Sequence[Passage], annotation_id: str | None) -> int | None:
    if annotation_id is not None:
        for index, passage in enumerate(passages):
            if passage.annotation.id == annotation_id:
                return index
    return None


def passage_row(
    passage: Passage,
    selected: str,
    palette: TagPalette,
    width: int,
    *,
    named: bool = False,
    coder: bool = False,
) -> Text:
    """A passage row: its heading (title, citation in a transcript, line, marks; ``named``:
    its file's name first; ``coder``: whose it is), the passage in full (it wraps, never
    cut), then its other tags and note, drawn as every passage list draws them."""
    return full_passage(
        PassageInContext(passage, speaker=passage.cited), palette, skip_tag=selected,
        named=named, coder=coder, width=width,
    )  # fmt: skip


class CodebookTree(Tree[str], KeysFollowFocus):
    """Tags nested by ``/``; each node's data is the full tag name."""

    def __init__(self, id: str | None = None) -> None:
        # Where each label's name and count end: a name too long for the tree is cut so that
        # its count shows (what follows, its own count and description, may be cut off).
        # (set first: the tree measures its root's line as it is made)
        self._ends: dict[str, tuple[int, int]] = {}
        # Where each label's parts after its count lie, each shown whole or not at all: how
        # many passages are its own, "(2 own)", and its number key, "key 3" (cut at the
        # tree's edge they read "(2 o" and "key", a key without its number).
        self._parts: dict[str, tuple[tuple[int, int], ...]] = {}
        # The codes the user folded (space), kept as the tree is shown again: a count read, a
        # memo or a rename, the filter cleared (a filtered tree shows every code unfolded).
        self._folded: set[str] = set()
        self._folding = True  # the tree shown has the user's folds
        super().__init__("Codebook", id=id)
        self.show_root = False
        self.auto_expand = False  # enter goes to the passages; space folds
        self.guide_depth = 3

    def action_select_cursor(self) -> None:
        """``enter`` (or a click) on a tag: its passages, now, as the screen's ``enter``
        goes to them.  Tree's own posted a message the screen took after the keys typed
        behind ``enter`` had reached the tree (enter, j moved the tree's cursor to the next
        code, not the passages' to the second passage)."""
        choose = getattr(self.screen, "action_choose", None)
        if not callable(choose):
            super().action_select_cursor()
            return
        self.screen.set_focus(self)  # a click on the tree with the passages focused
        choose()

    def show(
        self,
        nodes: Sequence[CodebookNode],
        palette: TagPalette,
        selected: str | None,
        *,
        counted: bool = True,
        memos: Collection[str] = (),
        folding: bool = True,
        keys: Mapping[str, int] | None = None,
    ) -> str | None:
        """Show ``nodes`` with the cursor on ``selected`` (else on the first tag), their
        counts once ``counted``, the codes with ``memos`` marked, each code of ``keys`` with
        the number key that applies it in the text, those the user folded
        folded when ``folding`` (not in a filtered tree), the one selected shown; returns the
        tag the cursor is on (None when the tree is empty)."""
        if self._folding:
            self._note_folds()
        self._folding = folding
        self.clear()
        self._ends.clear()
        self._parts.clear()
        target: TreeNode[str] | None = None

        def add(parent: TreeNode[str], children: Sequence[CodebookNode]) -> None:
            nonlocal target
            for node in children:
                memo = node.path in memos
                key = keys.get(node.path) if keys else None
                label = tag_label(node, palette, counted=counted, memo=memo, key=key)
                name_end = len(_SWATCH) + len(shown_code(node.name))
                count = len(_count(node, counted=counted, memo=memo))
                self._ends[node.path] = (name_end, name_end + count)
                self._parts[node.path] = _whole_parts(
                    label.plain,
                    name_end + count,
                    f" ({node.own} own)" if counted and node.children and node.own else "",
                    f"  key {key}" if key is not None else "",
                )
                if node.children:
                    expand = not folding or node.path not in self._folded
                    branch = parent.add(label, data=node.path, expand=expand)
                    add(branch, node.children)
                else:
                    branch = parent.add_leaf(label, data=node.path)
                if node.path == selected:
                    target = branch

        add(self.root, nodes)
        if target is None and self.root.children:
            target = self.root.children[0]
        if target is None:
            return None
        above = target.parent
        while above is not None and above is not self.root:  # the code selected shown
            above.expand()
            above = above.parent
        _ = self.last_line  # lay the lines out now, so that the cursor can move to a node
        self.move_cursor(target)
        return target.data

    def _note_folds(self) -> None:
        """Note which codes of the tree shown are folded, and which not (a code the filter
        hides keeps what was noted of it)."""
        waiting = list(self.root.children)
        while waiting:
            node = waiting.pop()
            if node.data is not None and node.children:
                if node.is_expanded:
                    self._folded.discard(node.data)
                else:
                    self._folded.add(node.data)
            waiting.extend(node.children)

    def get_label_width(self, node: TreeNode[str]) -> int:
        """The cells of ``node``'s label, never rendered to be measured: the tree measures
        every line to lay them out, and rendering 2,000 codes' labels, the long ones cut,
        took about half of each letter typed in the codebook's filter.  A label that
        :meth:`render_label` cuts to fit is counted at the room it is cut to (it may come a
        cell or two short of it: the tree is no wider than it shows, either way)."""
        icon = ""
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        lead = cell_len(icon)
        plain = str(node.label)  # the label's text (a Text's plain)
        width = lead + cell_len(plain)
        ends = self._ends.get(node.data) if node.data is not None else None
        if ends is None or not self.is_mounted:
            return width
        room = self._room(node)
        if room <= 0 or width <= room:
            return width
        # as render_label cuts it: the name, then its count
        head = lead + cell_len(plain[: ends[0]])
        count = cell_len(plain[ends[0] : ends[1]])
        name_room = room - count - lead - cell_len(_SWATCH)
        return width if head + count <= room or name_room <= 1 else room

    def _room(self, node: TreeNode[str]) -> int:
        """The cells left for ``node``'s label, past the guides of its depth (a code at the
        top has none: the root is not shown)."""
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        return self.scrollable_content_region.width - depth * self.guide_depth

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """The label, its name cut with "…" where the tree is too narrow for it and its count
        (a long code's count was past the edge, at any width)."""
        text = super().render_label(node, base_style, style)
        ends = self._ends.get(node.data) if node.data is not None else None
        if ends is None or not self.is_mounted:
            return text
        room = self._room(node)
        if room <= 0 or text.cell_len <= room:
            return text
        lead = len(text.plain) - len(str(node.label))  # the fold icon before the label
        name_end, count_end = lead + ends[0], lead + ends[1]
        parts = text.divide([name_end, count_end])
        head, count = parts[0], parts[1]
        if head.cell_len + count.cell_len <= room:
            # the name and its count show: what follows is cut at the edge, but its own
            # count and its number key, shown whole or not at all (and what follows them)
            for start, end in self._parts.get(node.data or "", ()):
                if text[: lead + end].cell_len > room:
                    return text[: lead + start]
            return text
        start = lead + len(_SWATCH)  # where the name starts
        name_room = room - count.cell_len - head[:start].cell_len
        if name_room <= 1:
            return text  # no room even for a letter: cut at the edge as before
        return Text.assemble(_middle_cut(head, start, name_room), count, no_wrap=True)

    def neighbours(self, tag: str) -> list[str]:
        """The tags shown outside ``tag`` and its children, nearest first: those below
        it in order, then those above it upwards (where the cursor goes once it is deleted:
        the first of them still there)."""
        lines = [self.get_node_at_line(n) for n in range(self.last_line + 1)]
        paths = [node.data for node in lines if node is not None and node.data is not None]
        inside = [n for n, path in enumerate(paths) if path == tag or path.startswith(tag + "/")]
        if not inside:
            return []
        return [*paths[inside[-1] + 1 :], *reversed(paths[: inside[0]])]

    def to_line(self, index: int) -> None:
        """Move the cursor to line ``index`` (negative: from the end)."""
        if self.last_line >= 0:
            self.move_cursor_to_line(index % (self.last_line + 1))


class TagPassages(GrowingOptionList):
    """The passages of one tag; ``passages`` is what is shown (their options are made as
    they come near the screen).  (Named apart from the query view's
    :class:`~tui_reader.ui.widgets.passage_list.PassageList`: a widget's style goes to every
    class of its name, and that list's padded rows came here once it had been shown, the
    rows cut for a width they no longer had.)"""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.passages: list[Passage] = []
        self._tag = ""
        self._palette = TagPalette(())
        # enter with no passage listed (not placed yet): the view is told
        self.chosen_unlisted: Callable[[], None] | None = None

    def action_select(self) -> None:
        if self.highlighted is None and self.chosen_unlisted is not None:
            self.chosen_unlisted()
        else:
            super().action_select()

    def show(self, passages: Sequence[Passage], tag: str, palette: TagPalette) -> None:
        """List ``passages`` (rows cut to the list's width), keeping the cursor on the same
        passage when it is still listed."""
        previous = self.current
        shown_now = self.passages = list(passages)
        self._tag, self._palette = tag, palette
        width = self._room() if self.size.width else 80
        at = _index_of(shown_now, previous.annotation.id if previous is not None else None)

        shared = titles_shared(shown_now)
        several = several_coders(p.annotation for p in shown_now)

        def make(start: int, end: int) -> list[Option]:
            return [
                Option(
                    passage_row(p, tag, palette, width, named=p.title in shared, coder=several),
                    id=p.annotation.id,
                )
                for p in shown_now[start:end]
            ]

        self.grow_options(len(shown_now), make, reach=at or 0)
        if at is not None:
            self.highlighted = at
        elif shown_now:
            self.highlighted = 0

    def _room(self) -> int:
        """The cells a row has: the list's, less the scrollbar it has or may get once its
        rows are in (a heading cut for the width without it wrapped its line number)."""
        room = self.scrollable_content_region.width
        if not self.show_vertical_scrollbar:
            room -= self.styles.scrollbar_size_vertical
        return max(1, room)

    def on_resize(self) -> None:
        if self.passages:
            self.show(self.passages, self._tag, self._palette)  # rows fit the width

    @property
    def current(self) -> Passage | None:
        """The passage under the cursor."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.passages):
            return None
        return self.passages[index]
