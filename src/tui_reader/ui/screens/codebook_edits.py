"""The codebook's edits (keys in the key registry's ``codebook`` group): rename, merge into
another tag, delete with its children (asks first), colour and description, the code's memo,
undo and redo from the store's history.  Each goes through the store as one step, by the
app's one save path (:mod:`tui_reader.ui.save_wait`: while another tui-reader holds the
database, it waits in a worker and the dialog keeps what was typed); each failure is shown and
changes nothing.  :class:`CodebookEdits` works through the screen's public face.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.names import is_within
from tui_reader.core.codebook.tag_field import spelled_below
from tui_reader.core.codebook.tree import deleted_in, recoded_in, renamed_in, subtree_paths
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.history import Step, describe_step
from tui_reader.core.wording import counted
from tui_reader.ui.notices import Said, notify_error, notify_info, notify_warning, step_refused
from tui_reader.ui.save_wait import Saving, saves_of
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.tag_dialogs import TagNameDialog, TagStyleDialog
from tui_reader.ui.widgets.codebook_views import shown_code

if TYPE_CHECKING:
    from tui_reader.ui.screens.codebook import CodebookScreen

T = TypeVar("T")


class CodebookEdits:
    """The editing actions of a :class:`~tui_reader.ui.screens.codebook.CodebookScreen`."""

    VERBS = frozenset({"rename", "merge", "delete", "style", "memo", "step_back"})
    # Annotations from which a rename or merge is said on screen and saved by the app's save
    # worker, the screen live: a code on 19,000 of a big project's 100,000 took 4 to 11 s,
    # the screen frozen.
    LONG_SAVE = 2_000

    def __init__(self, screen: CodebookScreen) -> None:
        self.screen = screen

    def _editable(self) -> str | None:
        tag = self.screen.selected if self.screen.node(self.screen.selected) is not None else None
        if tag is None:
            notify_warning(self.screen, "No tag selected.")
        return tag

    def _paths(self) -> list[str]:
        return [n.path for top in self.screen.nodes for n in top.walk()]

    def _shown(self, then: Callable[[T], None]) -> Callable[[T], None]:
        """``then``, when the screen is still open once the save is made (it may wait for
        another tui-reader's lock); said only, when it was closed meanwhile."""
        screen, app = self.screen, self.screen.app

        def shown(result: T) -> None:
            if screen in app.screen_stack:
                then(result)
            else:
                notify_info(app, "Saved the codebook's change.", timeout=3)

        return shown

    def _done(self, what: str, *, old: str, select: str) -> Callable[[int], None]:
        """After a rename or merge of ``old`` into ``select`` of ``count`` annotations: show
        ``select``, its counts at once, say ``what``."""

        def done(count: int) -> None:
            self.screen.after_change(select, recount=lambda c: renamed_in(c, old, select))
            notify_info(
                self.screen, f"{what} ({counted(count, 'annotation')}). u undoes.", timeout=4
            )

        return self._shown(done)

    def _long(self, doing: str, tag: str, count: int | None = None, where: str = "in") -> str:
        """What a rename, merge or delete of ``tag`` does ("Renaming fear in 19,059
        passages…"), to say before it starts, when it changes :data:`LONG_SAVE` annotations
        or more (``count``, else asked of the store); ``""`` for a quicker one."""
        if count is None:
            count = self.screen.workspace.store.tag_user_count(tag, children=True)
        if count < self.LONG_SAVE:
            return ""
        return f"{doing} {shown_code(tag)} {where} {counted(count, 'passage')}…"

    def rename(self) -> None:
        tag = self._editable()
        if tag is None:
            return

        store = self.screen.workspace.store

        def save(new: str) -> Saving[int]:
            if not new:  # enter on an emptied field: not "bad tag name ''"
                raise TuiReaderError(f"type the new name for {tag}, or esc to cancel")
            # below a code spelled otherwise (FEAR/x, Fear there): below that code
            new = spelled_below(new, self._paths(), moved=tag)
            return Saving(
                lambda: store.rename_tag(tag, new),
                self._done(f"Renamed {tag} to {new}", old=tag, select=new),
                long=self._long("Renaming", tag),
            )

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
        store = self.screen.workspace.store

        def save(target: str) -> Saving[int]:
            if not target:  # enter on an empty field: not "no tag named ''"
                raise TuiReaderError(
                    f"type the code to merge {tag} into (→ completes a name), or esc to cancel"
                )
            if is_within(target, tag):
                raise TuiReaderError(f"cannot merge {tag} into itself or one of its children")
            if target not in targets:
                raise TuiReaderError(
                    f"no tag named {target!r} in the codebook: choose an existing tag, or "
                    "use r to rename"
                )
            return Saving(
                lambda: store.merge_tags(tag, target),
                self._done(f"Merged {tag} into {target}", old=tag, select=target),
                long=self._long("Merging", tag),
            )

        self.screen.app.push_screen(
            TagNameDialog("Merge tag", f"Merge {tag} into (its passages get that tag):", save,
                          names=targets)
        )  # fmt: skip

    def delete(self) -> None:
        tag = self._editable()
        if tag is None:
            return
        paths = subtree_paths(self.screen.nodes, tag)
        store = self.screen.workspace.store
        # Every coder's annotations lose it, not only those on show; and the tree's counts
        # may still be on their way (0 until then).
        try:
            total = store.tag_user_count(tag, children=True)
        except TuiReaderError as exc:
            notify_error(self.screen.app, exc, "Not deleted")
            return
        question = Text("Delete the tag ")
        question.append(shown_code(tag), style="bold")
        if len(paths) > 1:
            question.append(f" and its {len(paths) - 1} child tag{'s' if len(paths) > 2 else ''}")
        question.append(f"?\n{counted(total, 'annotation')} lose{'s' if total == 1 else ''} it; ")
        question.append("the highlights and notes stay.")
        memos = [m for m in store.memos(MemoKind.CODE) if is_within(m.target, tag)]
        if memos:  # they go with it, as its description does (undo brings them back)
            whose = "its memo goes" if len(memos) == 1 else f"{len(memos)} code memos go"
            question.append(f"\n{whose[:1].upper()}{whose[1:]} with it.")

        # the cursor goes to the nearest tag left, not to the first of the codebook
        nearest = self.screen.tag_tree.neighbours(tag)

        def deleted(_: object) -> None:
            self.screen.selected = None
            self.screen.after_change(None, nearest=nearest, recount=lambda c: deleted_in(c, tag))
            notify_info(self.screen, f"Deleted the tag {tag}. u undoes.", timeout=4)

        def refused(exc: TuiReaderError) -> TuiReaderError:
            self._shown(self.screen.after_change)(None)
            return exc  # said on the question's line, which stays

        # Saved before the question closes, said on its line when it takes seconds (a code
        # on 19,000 passages: nothing was said, the screen frozen for the save).
        saving = Saving(
            lambda: store.delete_tag(tag, with_children=True),  # one commit
            self._shown(deleted),
            refused,
            long=self._long("Deleting", tag, total, where="from"),
        )
        self.screen.app.push_screen(
            ConfirmScreen(question, title="Delete tag", save=lambda: saving)
        )

    def step_back(self, redo: bool) -> None:
        """Undo the store's last step (``redo``: redo what was undone last); a step of
        :data:`LONG_SAVE` annotations or more said first and taken by the app's save worker,
        the screen live (the codebook's edits and closing refused and said meanwhile)."""
        store = self.screen.workspace.store
        try:
            count = store.passages_due(redo=redo)
        except TuiReaderError as exc:
            step_refused(self.screen.app, exc)
            return
        long = ""
        if count >= self.LONG_SAVE:
            doing = "Redoing" if redo else "Undoing"
            long = f"{doing} the last change on {counted(count, 'passage')}…"
            self._said.info(self.screen.app, f"{long} (a few seconds)", timeout=60)

        def stepped(step: Step) -> None:
            self._said.take_back(self.screen.app)
            notify_info(self.screen, describe_step(step, redo=redo), timeout=4)
            selected = self.screen.selected
            view = self.screen.workspace.coder_view
            me = "" if view.only is None else store.default_coder

            def shows(coder: str) -> bool:  # (a passage of no coder's is the default coder's)
                return view.only is None or (coder or me) == view.only

            self.screen.after_change(
                selected if self.screen.node(selected) else None,
                place=True,
                recount=lambda c: recoded_in(c, step.recoded, shows),
            )

        def refused(exc: TuiReaderError) -> None:
            self._said.take_back(self.screen.app)
            step_refused(self.screen.app, exc)

        def step_back() -> Step:
            return store.redo(recoded=True) if redo else store.undo(recoded=True)

        self._save(
            step_back,
            self._shown(stepped),
            refused,
            long=long,
            draft=f"Not saved: {'a redo (ctrl+r)' if redo else 'an undo (u)'} of the last "
            "change, in the codebook. The history (U) shows the changes to take back or bring "
            "back.",
        )

    @cached_property
    def _said(self) -> Said:
        """What a long undo or redo does, taken back once it is done."""
        return Said()

    def _save(
        self,
        save: Callable[[], T],
        then: Callable[[T], None],
        failed: Callable[[TuiReaderError], None],
        long: str = "",
        draft: str = "",
    ) -> None:
        """``save()`` by the app's one save path, then ``then(result)``; ``failed(error)``
        (``long``: what a save of seconds does, taken by the save worker; ``draft``: what the
        change is, kept for the next start to offer back if a signal ends the app as it waits
        for another program's lock)."""
        try:
            saves_of(self.screen.app).run(
                save, then, failed, long=long, draft=(draft, None) if draft else None
            )
        except TuiReaderError as exc:
            failed(exc)

    def refused_while_saving(self) -> bool:
        """True (and said) while a save of seconds is written: the codebook's edits read
        the store it holds, and closing it would have the screen below read it."""
        under_way = saves_of(self.screen.app).under_way
        if under_way:
            notify_warning(
                self.screen.app,
                f"Still saving: {under_way} The codebook answers again once it is saved "
                "(ctrl+q quits then).",
                "Saving",
                timeout=4,
            )
        return bool(under_way)

    def style(self) -> None:
        tag = self._editable()
        if tag is None:
            return
        node = self.screen.node(tag)
        current = node.tag if node is not None and node.tag is not None else Tag(tag)

        store = self.screen.workspace.store

        def styled(_: object) -> None:
            self.screen.after_change(tag)
            notify_info(self.screen, f"Saved the colour and description of {tag}.", timeout=3)

        def save(new: Tag) -> Saving[None]:
            return Saving(lambda: store.set_tag(new), self._shown(styled))

        colour = self.screen.palette.colour(tag).background
        self.screen.app.push_screen(TagStyleDialog(current, colour, save))

    def memo(self) -> None:
        """Write the selected code's memo (beyond its one-line description)."""
        tag = self._editable()
        if tag is None:
            return
        store = self.screen.workspace.store
        self.screen.app.push_screen(
            MemoDialog.of(store, MemoKind.CODE, tag, f"Memo: {tag}"),
            lambda _: self.screen.memos_changed(),
        )
