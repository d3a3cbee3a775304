"""Whose coding the reading pane shows, and two coders compared side by side in its margin.

``C`` steps through every coder's annotations, only mine, and each other coder's; ``K`` puts
my codes and another coder's in two margin columns and finds where they disagree; ``d`` / ``D``
go from one disagreement to the next.  :class:`Coders` acts through the pane's public face
and says what it did in a notice; when the coder on show changes it posts
:class:`Coders.ViewChanged` so that the library's counts follow.  :class:`Disagreements`
says in the status line which disagreement the caret is on ("disagreement 3/36"), as the
search says which of its hits.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

from tui_reader.core.annotations.coder_view import CoderView, compare_partner
from tui_reader.core.display import shown
from tui_reader.ui.notices import notify_info, notify_warning

if TYPE_CHECKING:
    from tui_reader.ui.reading_pane.pane import ReadingPane
    from tui_reader.ui.screens.agreement import CountsKept


class Coders:
    """The coder controls of a :class:`~tui_reader.ui.reading_pane.pane.ReadingPane`."""

    class ViewChanged(Message):
        """Another coder's annotations (or every coder's) are on show."""

    def __init__(self, pane: ReadingPane) -> None:
        self.pane = pane
        self.counts_kept: CountsKept | None = None  # the agreement box's corpus counts

    def next_view(self) -> None:
        """Show every coder's annotations, only mine, or each other coder's in turn."""
        workspace = self.pane.workspace
        store = workspace.store
        self.show(workspace.coder_view.following(store.coder, list(store.coder_counts())).only)

    def show(self, only: str | None) -> None:
        """Show every coder's annotations (None) or those of coder ``only``."""
        workspace = self.pane.workspace
        workspace.coder_view = CoderView(only)
        label = workspace.coder_view.label(workspace.store.coder)
        notify_info(self.pane, f"Showing {label}.", timeout=3)
        self.pane.reload()
        self.pane.post_message(self.ViewChanged())

    def toggle_compare(self) -> None:
        """My codes beside another coder's in the margin; again: back to the plain text."""
        if self.pane.compared is not None:
            self.pane.compare(None)
            notify_info(self.pane, "Compare view closed.", timeout=3)
            return
        store = self.pane.workspace.store
        counts = store.coder_counts()
        other = compare_partner(store.coder, self.pane.workspace.coder_view, counts)
        if other is None:
            # Said of no one when no one has coded: "Only ana has coded here" was untrue.
            who = f"Only {store.coder} has" if counts else "No one has"
            notify_warning(
                self.pane,
                f"{who} coded here: merge another coder's database to compare "
                "(tui-reader merge OTHER).",
                "Nothing to compare",
            )
            return
        self.compare_with(other)

    def compare_with(self, other: str) -> None:
        """My codes and ``other``'s side by side in the margin."""
        me = self.pane.workspace.store.coder
        self.pane.compare((me, other))
        found = len(self.pane.disagreements)
        notify_info(
            self.pane,
            f"Left: {me}, right: {other}. {found} place{'s' if found != 1 else ''} where you "
            "disagree in this document: d / D go from one to the next.",
            title="Compare coders",
            timeout=6,
        )

    def show_figures(self) -> None:
        """The agreement of the compared coders in the document on show, by code and over
        every code, as the ``agreement`` command computes it."""
        rows = self.pane.agreement_rows()
        if self.pane.compared is None or rows is None:
            notify_info(self.pane, "Compare two coders first (K).", timeout=3)
            return
        from tui_reader.ui.screens.agreement import AgreementDialog, CountsKept  # (first use)

        me, other = self.pane.compared
        coded = {a.coder for a in self.pane.every_coder}
        if self.counts_kept is None:
            self.counts_kept = CountsKept()
        dialog = AgreementDialog(
            me,
            other,
            self.pane.key or "",
            rows,
            document_rows=self.pane.agreement_rows_by(),
            workspace=self.pane.workspace,
            coded=(me in coded, other in coded),
            kept=self.counts_kept,
        )
        self.pane.app.push_screen(dialog)

    def step_disagreement(self, *, forward: bool) -> None:
        """To the next (or previous) place where the compared coders disagree."""
        if self.pane.compared is None:
            notify_info(self.pane, "Compare two coders first (K).", timeout=3)
            return
        if not self.pane.disagreements:  # "no more … this way" said there had been some
            me, other = self.pane.compared
            notify_info(
                self.pane,
                f"{shown(me)} and {shown(other)} do not disagree anywhere in this document.",
                timeout=3,
            )
            return
        start = self.pane.column.step_disagreement(forward=forward)
        if start is None:
            notify_info(self.pane, "No more disagreements this way.", timeout=3)
            return
        self.pane.column.show_offset(self.pane.key or "", start)
        # The next may start where the caret is: no move, so the figure is said here
        self.pane.column.update_status()


class Disagreements:
    """Where two compared coders disagree (half-open spans in order), and which of them the
    caret is on, for the status line."""

    def __init__(self, places: Sequence[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in places]
        self.ends = [end for _, end in places]
        # The one d or D went to last: two places may start at one offset (codes differing
        # over overlapping spans), and the caret alone cannot say which of them it is on.
        self.current: int | None = None

    def _on(self, caret: int) -> int | None:
        """The index of the place the caret is at the start of: the one d or D went to, else
        the first to start there; None when no place starts at the caret."""
        current = self.current
        if current is not None and self.starts[current] == caret:
            return current
        index = bisect_left(self.starts, caret)
        return index if index < len(self.starts) and self.starts[index] == caret else None

    def step(self, caret: int, *, forward: bool) -> int | None:
        """The start of the next (``forward``) or previous place from ``caret``, each place
        once and in order even when two start at one offset; None when there is none that
        way."""
        on = self._on(caret)
        if forward:
            index = on + 1 if on is not None else bisect_right(self.starts, caret)
        else:
            index = on - 1 if on is not None else bisect_left(self.starts, caret) - 1
        if not 0 <= index < len(self.starts):
            return None
        self.current = index
        return self.starts[index]

    def figure(self, caret: int) -> str:
        """What the status line says: "disagreement 3/36" with the caret in the third, "after
        disagreement 3/36" between the third and the fourth, "36 disagreements" before the
        first."""
        total = len(self.starts)
        if not total:
            return "no disagreement"
        on = self._on(caret)
        index = on if on is not None else bisect_right(self.starts, caret) - 1
        if index < 0:
            return f"{total} disagreements" if total != 1 else "1 disagreement"
        # The last one begun at or before the caret (where d and D put it): in it or past it
        inside = caret == self.starts[index] or caret < self.ends[index]
        where = "disagreement" if inside else "after disagreement"
        return f"{where} {index + 1}/{total}"
