"""The codebook's edits (keys in the key registry's ``codebook`` group): rename, merge into
another tag, delete with its children (asks first), colour and description, the code's memo,
undo and redo from the store's history.  Each goes through the store as one step; each failure
is shown and changes nothing.  :class:`CodebookEdits` works through the screen's public face.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.names import is_within
from tui_reader.core.codebook.tree import subtree_paths
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import counted
from tui_reader.ui.notices import history_step, notify_error, notify_info, notify_warning
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.tag_dialogs import TagNameDialog, TagStyleDialog

if TYPE_CHECKING:
    from tui_reader.ui.screens.codebook import CodebookScreen


class CodebookEdits:
    """The editing actions of a :class:`~tui_reader.ui.screens.codebook.CodebookScreen`."""

    VERBS = frozenset({"rename", "merge", "delete", "style", "memo", "step_back"})

    def __init__(self, screen: CodebookScreen) -> None:
        self.screen = screen

    def _editable(self) -> str | None:
        tag = self.screen.selected if self.screen.node(self.screen.selected) is not None else None
        if tag is None:
            notify_warning(self.screen, "No tag selected.")
        return tag

    def _paths(self) -> list[str]:
        return [n.path for top in self.screen.nodes for n in top.walk()]

    def _done(self, what: str, count: int, *, select: str) -> None:
        """After a rename or merge of ``count`` annotations: show ``select``, say ``what``."""
        self.screen.after_change(select)
        notify_info(self.screen, f"{what} ({counted(count, 'annotation')}). u undoes.", timeout=4)

    def rename(self) -> None:
        tag = self._editable()
        if tag is None:
            return

        def save(new: str) -> None:
            count = self.screen.workspace.store.rename_tag(tag, new)
            self._done(f"Renamed {tag} to {new}", count, select=new)

        node = self.screen.node(tag)
        children = " (its children follow)" if node is not None and node.children else ""
        self.screen.app.push_screen(
            TagNameDialog("Rename tag", f"New name for {tag}{children}", save, value=tag)
        )

    def merge(self) -> None:
        tag = self._editable()
        if tag is None:
            return
        targets = [p for p in self._paths() if not is_within(p, tag)]

        def save(target: str) -> None:
            if is_within(target, tag):
                raise TuiReaderError(f"cannot merge {tag} into itself or one of its children")
            if target not in targets:
                raise TuiReaderError(
                    f"no tag named {target!r} in the codebook: choose an existing tag, or "
                    "use r to rename"
                )
            count = self.screen.workspace.store.merge_tags(tag, target)
            self._done(f"Merged {tag} into {target}", count, select=target)

        self.screen.app.push_screen(
            TagNameDialog("Merge tag", f"Merge {tag} into (its passages get that tag):", save,
                          names=targets)
        )  # fmt: skip

    def delete(self) -> None:
        tag = self._editable()
        if tag is None:
            return
        paths = subtree_paths(self.screen.nodes, tag)
        node = self.screen.node(tag)
        total = node.total if node is not None else 0
        question = Text("Delete the tag ")
        question.append(tag, style="bold")
        if len(paths) > 1:
            question.append(f" and its {len(paths) - 1} child tag{'s' if len(paths) > 2 else ''}")
        question.append(f"?\n{counted(total, 'annotation')} lose{'s' if total == 1 else ''} it; ")
        question.append("the highlights and notes stay.")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.screen.workspace.store.delete_tag(tag, with_children=True)  # one commit
            except TuiReaderError as exc:
                notify_error(self.screen, exc, "Not deleted")
                self.screen.after_change(None)
                return
            self.screen.selected = None
            self.screen.after_change(None)
            notify_info(self.screen, f"Deleted the tag {tag}. u undoes.", timeout=4)

        self.screen.app.push_screen(ConfirmScreen(question, title="Delete tag"), answered)

    def step_back(self, redo: bool) -> None:
        """Undo the store's last step (``redo``: redo what was undone last)."""
        store = self.screen.workspace.store
        if history_step(self.screen, store.redo if redo else store.undo, redo=redo) is not None:
            selected = self.screen.selected
            self.screen.after_change(selected if self.screen.node(selected) else None, place=True)

    def style(self) -> None:
        tag = self._editable()
        if tag is None:
            return
        node = self.screen.node(tag)
        current = node.tag if node is not None and node.tag is not None else Tag(tag)

        def save(new: Tag) -> None:
            self.screen.workspace.store.set_tag(new)
            self.screen.after_change(tag)
            notify_info(self.screen, f"Saved the colour and description of {tag}.", timeout=3)

        colour = self.screen.palette.colour(tag).background
        self.screen.app.push_screen(TagStyleDialog(current, colour, save))

    def memo(self) -> None:
        """Write the selected code's memo (beyond its one-line description)."""
        tag = self._editable()
        if tag is None:
            return
        store = self.screen.workspace.store
        self.screen.app.push_screen(MemoDialog.of(store, MemoKind.CODE, tag, f"Memo: {tag}"))
