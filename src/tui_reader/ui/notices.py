"""Notifications, always as plain text: messages carry user data (paths, quotes, tag names),
which must never be parsed as markup.  Safe to call from worker threads (``App.notify`` is)."""

from __future__ import annotations

from typing import Any, Protocol

from rich.console import RenderableType
from rich.text import Text
from textual.app import App
from textual.css.query import NoMatches
from textual.notifications import Notification, SeverityLevel
from textual.visual import Visual
from textual.widgets._toast import Toast, ToastRack

from tui_reader.core.display import shown_block
from tui_reader.core.errors import TuiReaderError
from tui_reader.ui.widgets.breaking_text import PATH_BREAKS, BreakingText

# Warnings of one kind shown one toast each (a query's unknown codes, the documents a view
# could not read); the rest said in one more, counted: not a toast for each of 500 files.
SAID_AT_MOST = 5

# Lines of the terminal under which a notification covers most of the screen (a toast of
# four lines of a message and a title): a key typed withdraws it (give_screen_back).
COVERING_BELOW = 16


# Lines of the terminal each passing notification shown at once takes, with its share of
# the text it covers: 80x24 has room for two (five stacked over the text, from its top down).
LINES_PER_PASSING = 8


class Notifier(Protocol):
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> Any: ...


def notify_info(
    target: Notifier, message: str, *, title: str = "", timeout: float | None = None
) -> None:
    """A passing message."""
    target.notify(message, title=title, timeout=timeout, markup=False)


def notify_warning(
    target: Notifier, message: str, title: str = "", *, timeout: float | None = None
) -> None:
    """Something the user asked for cannot be done as asked."""
    target.notify(message, title=title, severity="warning", timeout=timeout, markup=False)


def notify_error(
    target: Notifier, error: Exception | str, title: str, *, timeout: float | None = None
) -> None:
    """A failure (a domain error's message is written for a person)."""
    target.notify(str(error), title=title, severity="error", timeout=timeout, markup=False)


_toast_render = Toast.render


def _toast_lines(toast: Toast) -> RenderableType | Visual:
    """A toast's title and message, the message's lines broken at a space or after a ``/``:
    Textual's breaks at spaces alone and folds a path wider than what is left of the line
    mid-word, "/home/ana/exports/annotations-export.cs" above a lone "v" (at 80x24, a toast
    being 40 cells wide).  A message written in Textual's markup is left to Textual."""
    notification = toast._notification
    if notification.markup:
        return _toast_render(toast)
    text = Text(notification.message)
    if notification.title:
        title = toast.get_visual_style("toast--title").rich_style
        text = Text.assemble((notification.title, title), "\n", text)
    return BreakingText(text, PATH_BREAKS)


def break_paths() -> None:
    """Every toast from now on breaks its message's lines at a path's ``/`` (once per
    process)."""
    Toast.render = _toast_lines  # type: ignore[method-assign, assignment]


def as_sentence(message: str) -> str:
    """``message`` as a sentence: a capital first, a full stop last (domain messages are
    written to follow a colon)."""
    return f"{message[:1].upper()}{message[1:]}."


def step_refused(target: Notifier, error: TuiReaderError) -> None:
    """An undo or redo not done: a refusal (nothing to undo, a newer change in the way) said
    as a sentence, a failure as an error."""
    from tui_reader.core.store.history import UndoRefused  # loaded by the undo that failed

    if isinstance(error, UndoRefused):
        message = str(error)
        if error.before is not None:  # stopped at a step dropped from the history
            message += (
                f"; U shows the history, where u on step {error.before} takes back the step "
                "before it"
            )
        notify_info(target, as_sentence(message), timeout=6)
    else:
        notify_error(target, error, "Nothing changed", timeout=10)


class Said:
    """Warnings about what one view shows (a query's unknown codes, its documents not read),
    taken back once that is no longer on show: a new query's passages, or the view closed.
    Left to their time out, a typo's warning sat over the corrected query's passages, or over
    the document a passage opened, as if said of them.  Said on the UI thread only."""

    def __init__(self) -> None:
        self.messages: set[str] = set()

    def warn(
        self, app: App[Any], message: str, title: str = "", *, timeout: float | None = None
    ) -> None:
        self.messages.add(message)
        notify_warning(app, message, title, timeout=timeout)

    def info(self, app: App[Any], message: str, *, timeout: float | None = None) -> None:
        """:func:`notify_info`, taken back with the warnings (what is under way: "Exporting
        annotations…", until it is done)."""
        self.messages.add(message)
        notify_info(app, message, timeout=timeout)

    def error(
        self, app: App[Any], error: Exception, title: str, *, timeout: float | None = None
    ) -> None:
        """:func:`notify_error`, taken back with the warnings."""
        self.messages.add(str(error))
        notify_error(app, error, title, timeout=timeout)

    def take_back(self, app: App[Any]) -> None:
        """Withdraw those of the warnings still shown."""
        # As shown: the app's notifications pass the display gate (shown_block).
        said = self.messages | {shown_block(message) for message in self.messages}
        self.messages.clear()
        # Textual keeps the notifications shown in ``_notifications``; ``_unnotify`` is how
        # its own toasts withdraw one (there is no public way to withdraw one).
        gone = [n for n in app._notifications if n.message in said]
        for notification in gone:
            app._unnotify(notification, refresh=False)
        if gone:
            _drop_holders(app, gone)
            app._refresh_notifications()


def give_screen_back(app: App[Any]) -> None:
    """Withdraw every notification shown when the terminal is shorter than
    :data:`COVERING_BELOW` lines, where one covers most of the screen: at 20x6 a message naming
    a file took five lines of six for up to ten seconds, the text and what was typed under it,
    and no key took it away.  A key typed gives the screen back, as less's next key takes its
    message away, and does what it does (a key taken for it alone was lost to what was being
    typed, a warning shown at each key of a filter)."""
    # Not ``list()``: it asks the collection its length after taking its iterator, and
    # Textual's ``__len__`` drops the notifications expired since, from the dict being
    # iterated ("dictionary changed size during iteration": the app quit on a key typed as
    # a toast's time ran out).  A comprehension only iterates.
    gone = [notification for notification in app._notifications]
    if not gone or app.size.height >= COVERING_BELOW:
        return
    for notification in gone:
        app._unnotify(notification, refresh=False)
    _drop_holders(app, gone)
    app._refresh_notifications()


def take_back_titled(app: App[Any], title: str) -> None:
    """Withdraw the notifications shown whose title begins with ``title`` (a passing one, read
    or no longer news: the last export's, as the export dialog opens again under it).  On the
    UI thread."""
    gone = [n for n in app._notifications if n.title.startswith(title)]  # see give_screen_back
    if not gone:
        return
    for notification in gone:
        app._unnotify(notification, refresh=False)
    _drop_holders(app, gone)
    app._refresh_notifications()


def make_room(app: App[Any], new: Notification) -> None:
    """Before ``new`` is shown: withdraw a notification saying what it says (the same key
    typed again said "Search hit the bottom" twice, one toast under the other), and the
    oldest passing ones (information) beyond what the terminal's height has room for
    (:data:`LINES_PER_PASSING` lines each): a few keys at 80x24 stacked five toasts over the
    text.  A warning or an error stays its time, however many are said (a view says at most
    :data:`SAID_AT_MOST` of one kind).  On the UI thread."""
    shown = [notification for notification in app._notifications]  # see give_screen_back
    said = (new.message, new.title, new.severity)
    gone = [n for n in shown if (n.message, n.title, n.severity) == said]
    if new.severity == "information":
        room = max(1, (app.size.height - LINES_PER_PASSING) // LINES_PER_PASSING)
        passing = [n for n in shown if n.severity == "information" and n not in gone]
        gone += passing[: max(0, len(passing) + 1 - room)]
    if not gone:
        return
    for notification in gone:
        app._unnotify(notification, refresh=False)
    _drop_holders(app, gone)


def _drop_holders(app: App[Any], gone: list[Any]) -> None:
    """Remove the toasts of the notifications ``gone`` with what holds each.  Textual's rack,
    told of a notification withdrawn, removes its toast and leaves the toast's holder, empty,
    in the screen's notification area: one more for each warning taken back (a query's, each
    "Exporting annotations…"), which a long session lays out at each frame, more and more
    slowly.  A toast that expires removes its holder, as this does."""
    for screen in app.screen_stack:
        for rack in screen.query(ToastRack):
            for notification in gone:
                try:
                    holder = rack.get_child_by_id(ToastRack._toast_id(notification))
                except NoMatches:
                    continue
                holder.remove()
