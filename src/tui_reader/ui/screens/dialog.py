"""The base of every dialog: a box centred over the dimmed screen, with a muted label style,
a one-line matches/hint style and an error line that shows only when there is an error.

A dialog composes its content inside a container with the class ``dialog-box`` (its width
set by the dialog's own CSS), labels with ``dialog-label``, and one ``Static`` with the class
``dialog-error`` for :meth:`Dialog.show_error`.

A dialog that saves does it with :meth:`Dialog.save_typed`, the app's one save path
(:mod:`tui_reader.ui.save_wait`): while another tui-reader holds the database's lock, the
dialog stays open with its fields locked and says whom it waits for; it closes once saved.
When the save is refused, or the user stops waiting (``ctrl+g``), everything typed is still in
the fields, to save again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property, partial
from typing import Any, TypeVar

from rich.text import Text
from textual import events, on
from textual._context import NoActiveAppError
from textual.app import ScreenStackError, UnknownModeError
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.lock_wait import holder_text
from tui_reader.ui.notices import Said, notify_warning
from tui_reader.ui.save_wait import Saving, saves_of
from tui_reader.ui.screens.beneath import DrawsTheScreenBelow, screen_below
from tui_reader.ui.screens.closing import ClosesOnce
from tui_reader.ui.screens.opening import StyledOnce
from tui_reader.ui.widgets.steady_footer import DialogFooter
from tui_reader.ui.widgets.text_field import HandingOverField

ResultType = TypeVar("ResultType")
_FRAME = 1 / 50  # seconds: about a frame of the screen (drawn at 60 a second at most)

T = TypeVar("T")


class Dialog(DrawsTheScreenBelow, StyledOnce, ClosesOnce, ModalScreen[ResultType]):
    """A modal dialog box; see the module's description for its parts."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    /* Notifications in the box's layer: their rack, docked at the bottom, takes its lines
       from the box's room (the box centred above it, scrolling when it must), where on a
       layer of its own it covered the box's last lines (the agreement box's row over every
       code and its keys at 80x24). */
    Dialog > ToastRack {
        layer: default;
    }
    /* Over the reading view: off its status line, drawn through under the box, as the main
       screen keeps its notices off it (a warning over a dialog covered "line 3/42"). */
    Dialog.-over-status > ToastRack {
        margin-bottom: 2;  /* the keys' line and the status line above it */
    }
    Dialog > .dialog-box {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        overflow-y: auto;  /* a small terminal: the box scrolls, its error line brought in view */
        scrollbar-size-vertical: 1;
        border: round $primary;
        border-title-color: $primary;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-label {
        width: 1fr;  /* a narrow box: the words wrap, not cut at its edge */
        color: $text-muted;
    }
    Dialog .dialog-matches {
        height: 1;
        text-wrap: nowrap;  /* cut with an ellipsis: a second line would be out of view */
        text-overflow: ellipsis;
        color: $text-muted;
    }
    Dialog .dialog-error {
        color: $text-error;
        display: none;
    }
    Dialog .dialog-error.-shown {
        display: block;
    }
    Dialog .dialog-error.-waiting {
        color: $text-warning;
    }
    /* A short terminal (40x12): a field one line high, so the box shows whole; scrolled to
       its field, a box hid the words above it saying what to type. */
    Dialog.-short .dialog-box Input {
        height: 1;
        border: none;
        padding: 0 1;
    }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (16, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)

    # The keys under the box, in fewer words each (the first that fits is shown): a dialog
    # whose keys do not change with the focus names them here (see keys_changed).
    KEYS: tuple[str, ...] = ()
    waiting_to_save = False  # a save of this dialog waits for another process's lock
    _saying = ""  # what a long save of this dialog does, said while it is under way
    _saying_since = 0.0  # when it began (time.monotonic)
    _ticking: Timer | None = None  # the line counting its seconds
    _focus_after_wait: Widget | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Made as it opens, over the screen on top now: made with its class, so it mounts
        # styled with it (set at its mount, the class styled the whole dialog again).
        try:
            below: Screen[Any] | None = self.app.screen
        except (NoActiveAppError, ScreenStackError, UnknownModeError):
            return  # made outside an app: its mount tells
        self.set_class(_shows_status(below), "-over-status", update=False)

    @on(events.Mount)
    def _over_the_status_line(self) -> None:
        """Opened over a screen showing the reader's status line above its keys: the
        notices keep off that line, as they do on that screen (a class changed only where
        the dialog was made before the screen it opens over came up)."""
        self.set_class(_shows_status(screen_below(self)), "-over-status")

    @on(events.Mount)
    def _mount_footer(self) -> None:
        """The dialog's keys where the screen below showed its own (see :class:`DialogFooter`).
        A dialog closed as it opened (a question answered by keys typed at once) is no longer
        in the app when its mount comes: it needs no footer, and mounting one there failed."""
        if not self.closed_as_opened():
            self.mount(DialogFooter())

    def fit_keys(self, box: Widget, *forms: str) -> None:
        """``box``'s last line: the first of ``forms`` (its keys, in fewer words each time)
        that fits the box whole; the shortest where none does.  Textual cuts a line too long
        in a word ("tab: the fiel…"), the keys at its end lost.  Measured against the box's
        whole width, its border's: its inside is narrower by the border and the padding."""
        from tui_reader.ui.widgets.border_fit import fit_subtitle

        fit_subtitle(box, forms)

    def on_resize(self) -> None:
        self.call_after_refresh(self.keys_changed)  # once the box has its new width
        self.call_after_refresh(self._focus_in_view)

    @on(events.Mount)
    def _follow_layouts(self) -> None:
        self.screen_layout_refresh_signal.subscribe(self, self._laid_out, immediate=True)

    _focus_was: tuple[object, bool] | None = None  # the box's scroll and whether the focus showed

    def _laid_out(self, _screen: object) -> None:
        """After each layout of the dialog: a layout that pushed the focused field's cursor out
        of the box, nobody having scrolled it, brings it back in view.  The box's parts take
        their new sizes over several layouts after a resize (a memo's field wraps its text on
        its own resize, after the dialog's), and a cursor brought in view after the first was
        pushed below the box again by a later one (on a loaded machine: what was typed went
        on out of sight).  A scroll by the user is left as it is."""
        box = next(self.query(".dialog-box").results(Widget), None)
        focused = self.focused
        if box is None or focused is None or not focused.is_mounted:
            return
        shown = box.content_region.intersection(self.region)
        if isinstance(focused, TextArea):
            seen = shown.contains_point(focused.cursor_screen_offset)
        else:
            seen = bool(focused.region.intersection(shown))
        scroll = box.scroll_offset
        before, self._focus_was = self._focus_was, (scroll, seen)
        if before is not None and before == (scroll, True) and not seen:
            self.call_after_refresh(self._focus_in_view)

    def _focus_in_view(self) -> None:
        """The field with the focus, and an editor's cursor, brought in view again once the
        box is laid out at its new size: the box was scrolled for the old one, where its parts
        took other heights (a memo opened at 40x12, the terminal made 80x24: the earlier
        entries grew from 2 lines to 10 and pushed the editor's cursor below the box, where
        what was typed went on out of sight)."""
        focused = self.focused
        if focused is None or not focused.is_mounted:
            return
        if isinstance(focused, TextArea):
            focused.scroll_cursor_visible()
        self.scroll_to_widget(focused, animate=False)

    def keys_changed(self) -> None:
        """Show the keys of what has the focus again (a dialog whose keys change says them
        here, with :meth:`fit_keys`); :data:`KEYS` by default."""
        boxes = self.query(".dialog-box")  # none once the dialog is closed (a late resize)
        if self.KEYS and boxes:
            self.fit_keys(boxes.first(), *self.KEYS)

    def show_error(self, message: str) -> None:
        """Show ``message`` (plain text) on the dialog's error line."""
        self.show_saving(message, error=True)

    def hide_error(self) -> None:
        """The error line emptied and hidden: what it said no longer holds (another file
        named, a question asked about it)."""
        line = next(self.query(".dialog-error").results(Static), None)
        if line is not None:
            line.update("")
            line.remove_class("-shown")

    def show_saving(self, message: str, *, error: bool) -> None:
        """The line saying how a save stands: ``message`` (plain text), an error or a wait."""
        lines = self.query(".dialog-error").results(Static)
        line = next(lines, None)
        if line is None:
            return  # the dialog was closed while its save was under way
        line.update(Text(message))
        line.add_class("-shown")
        line.set_class(not error, "-waiting")
        # Below the box's edge in a small terminal (60x20): brought in view once laid out.
        self.call_after_refresh(line.scroll_visible, animate=False)

    # -- saving ------------------------------------------------------------------------------

    def save_typed(self, ask: Callable[[], Saving[T]], saved: Callable[[T], object]) -> None:
        """Save what the dialog holds: ``ask()`` gives the save (it raises
        :class:`TuiReaderError` when what was typed cannot be saved), ``saved(result)`` runs
        once it is saved (it usually closes the dialog).  See the module's description."""
        if self.waiting_to_save:
            self._say_waiting()
            self._stayed()
            return
        try:
            saving = ask()
        except TuiReaderError as exc:
            self._refused(exc)
            return

        def done(result: T) -> None:
            self._hold(False)
            saving.then(result)
            saved(result)

        def failed(exc: TuiReaderError) -> None:
            self._hold(False)
            self._refused(saving.refused(exc))

        def dropped() -> None:
            self._hold(False)
            self.show_saving(
                "Not saved: you stopped waiting. What you typed is still here: save again, "
                "or esc to leave it.",
                error=True,
            )
            self._stayed()

        def run() -> None:
            try:
                saved_now = saves_of(self.app).run(
                    saving.work, done, failed, dropped, long=saving.long
                )
            except TuiReaderError as exc:
                failed(exc)
                return
            if not saved_now and not saving.long:
                self._hold(True)
                self._say_waiting()

        if not saving.long:
            run()
            return
        # A save of seconds (a code on 19,000 passages renamed): what it does is said on the
        # dialog's line, painted first, and the save is written by the app's save worker, the
        # screen live: the line counts the seconds; the keys typed behind enter are held by
        # the fields until the dialog closes, and a key typed later is refused and said (the
        # fields keep what is being saved; esc would leave the save under way unseen).
        self.waiting_to_save, self._saying = True, saving.long
        self._saying_since = time.monotonic()
        self.show_saving(f"{saving.long} (a few seconds)", error=False)
        for field in self.query(HandingOverField):
            field.hold_through(lambda: self.waiting_to_save, self._still_saving)
        self._ticking = self.set_interval(1, self._tick)
        self._once_shown(run)

    @property
    def saving_now(self) -> bool:
        """Whether a save of seconds of this dialog is being written by the app's save
        worker: what it holds is being saved, and the process waits for it as it ends."""
        return self.waiting_to_save and bool(self._saying)

    def _tick(self) -> None:
        """The long save's line, with the seconds it has taken so far: the screen is live."""
        if self._saying:
            seconds = int(time.monotonic() - self._saying_since)
            self.show_saving(f"{self._saying} {seconds} s", error=False)

    def _still_saving(self, _key: events.Key) -> None:
        """A key typed while a long save of this dialog is under way: said, not taken."""
        self._still_saving_said.take_back(self.app)
        self._still_saving_said.warn(
            self.app,
            f"Still saving: {self._saying} This closes once it is saved (ctrl+q quits then).",
            "Saving",
            timeout=4,
        )

    @cached_property
    def _still_saving_said(self) -> Said:
        return Said()

    def _once_shown(self, then: Callable[[], object], tries: int = 20) -> None:
        """``then()`` once the saving line is laid out and a frame drawn after it: the
        refresh ``call_after_refresh`` waits for came before the line was laid out (twenty
        in a row did), and the save froze the screen with the line still unseen.  The
        screen draws its frames on a timer: waited for by timers, the app idle meanwhile
        (under the half second a field holds the keys typed behind enter)."""
        line = next(self.query(".dialog-error").results(Static), None)
        if line is not None and not line.region and tries:  # not laid out yet
            self.set_timer(_FRAME, partial(self._once_shown, then, tries - 1))
            return
        self.set_timer(2 * _FRAME, partial(self.call_after_refresh, then))

    def typed(self) -> bool:
        """True when the dialog holds text typed and not saved: closing it asks first (see
        :meth:`close_asking`), and so does quitting the app."""
        return False

    def typed_draft(self) -> str:
        """What :meth:`typed` holds, as the file the app keeps it in when a signal stops it
        with the dialog open: by default each field's text under its name (or its id)."""
        fields = [(field.id, field.value) for field in self.query(Input)]
        fields += [(field.id, field.text) for field in self.query(TextArea)]
        return "\n\n".join(
            f"{name or 'field'}:\n{value}" for name, value in fields if value.strip()
        )

    def close_asking(self, question: str, close: Callable[[], object]) -> None:
        """``close()`` the dialog, once ``question`` (whether to drop what was typed) is
        answered yes when :meth:`typed`; never while its save waits."""
        if self.app.screen is not self:
            return  # closed already (a key queued behind the one that closed it), or covered
        if self.closing_refused():
            return
        if not self.typed():
            close()
            return
        from tui_reader.ui.screens.confirm import ConfirmScreen  # confirm imports this module

        def answered(discard: bool | None) -> None:
            if discard:
                close()

        self.app.push_screen(ConfirmScreen(Text(question), title="Discard"), answered)

    def closing_refused(self) -> bool:
        """True (and said) while a save of this dialog waits: closing would leave it saved
        later, or lose it if the wait were then stopped."""
        if self.waiting_to_save:
            self._say_waiting()
        if self.waiting_to_save and not self._saying:
            notify_warning(
                self, "Still waiting to save this: ctrl+g stops waiting (what you typed stays).",
                timeout=4,
            )  # fmt: skip
        return self.waiting_to_save

    def _say_waiting(self) -> None:
        if self._saying:  # a long save under way here, not another tui-reader's lock
            self.show_saving(self._saying, error=False)
            return
        holder = holder_text(saves_of(self.app).holder)
        self.show_saving(
            f"Waiting for {holder} to finish with the database: this is saved as soon as it "
            "is done. ctrl+g stops waiting (what you typed stays here).",
            error=False,
        )

    def _refused(self, error: TuiReaderError) -> None:
        """Said once, on the dialog's line, where the user is looking: a notification saying
        it again covered half of that line and the box's bottom edge for ten seconds (at
        80x24), and stayed after the corrected text was saved."""
        self.show_saving(f"Not saved: {error}", error=True)
        self._stayed()

    def _stayed(self) -> None:
        """The dialog stays open: the keys typed behind its ``enter`` are for its fields."""
        for field in self.query(HandingOverField):
            field.stay()

    def _hold(self, waiting: bool) -> None:
        """Lock the fields while their text waits to be saved (what is saved is what shows)."""
        self.waiting_to_save = waiting
        self._saying = ""  # (a long save gone to wait for the lock: the lock is said)
        if self._ticking is not None:
            self._ticking.stop()
            self._ticking = None
        if not waiting:
            self._still_saving_said.take_back(self.app)
        self.refresh_bindings()  # the footer: ctrl+g alone while it waits
        focused = self.focused
        fields: list[Widget] = [*self.query(Input), *self.query(TextArea)]
        for field in fields:
            field.disabled = waiting
        if waiting:
            self._focus_after_wait = focused
        elif self._focus_after_wait is not None:
            self.set_focus(self._focus_after_wait)
            self._focus_after_wait = None


def _shows_status(screen: Screen[Any] | None) -> bool:
    """Whether ``screen`` shows the reader's status line (a dialog over it keeps its
    notices off that line)."""
    return screen is not None and any(
        line.region.height for line in screen.query("#status").results(Widget)
    )
