"""The Textual app: ``tui-reader`` opens a corpus on the main screen."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events
from textual._dispatch_key import dispatch_key
from textual.actions import ActionParseResult
from textual.app import App, ScreenStackError
from textual.binding import BindingType
from textual.css.query import NoMatches
from textual.dom import DOMNode, NoScreen
from textual.notifications import Notify
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import WorkerFailed

from tui_reader.core.display import shown, shown_block, shown_pictured
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.caller import LOCK_WAIT
from tui_reader.core.workspace import Workspace
from tui_reader.locations import (
    ENV_CONVERT_SECONDS,
    ENV_PROGRESS_AFTER,
    Target,
    cache_fault,
    crash_log_path,
    draft_path,
    env_seconds_said,
    measure_fault,
    resolve_measure,
    theme_path,
)
from tui_reader.ui import (
    escape_keys,
    kept_styles,
    keymap,
    pasted_text,
    terminal_gate,
    textual_guards,
)
from tui_reader.ui.collector import StartUpPause
from tui_reader.ui.narrow import ONE_PANE_BELOW
from tui_reader.ui.notices import (
    as_sentence,
    break_paths,
    give_screen_back,
    make_room,
    notify_info,
    notify_warning,
)
from tui_reader.ui.save_wait import UI_LOCK_WAIT, SaveWaiter, workers_wait_as_the_ui
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.store_poll import StorePoll, StoreUnreadable
from tui_reader.ui.theme_kept import keep_theme, kept_theme
from tui_reader.ui.warm_up import warm_up

if TYPE_CHECKING:
    import asyncio

    from rich.console import Console, RenderableType
    from textual.command import Provider
    from textual.widget import Widget

    from tui_reader.core.store.annotation_store import AnnotationStore
    from tui_reader.ui.key_relay import KeyRelay


def _reader_commands() -> type[Provider]:
    from tui_reader.ui.commands import ReaderCommands  # the palette's: when it first opens

    return ReaderCommands


def _annotation_commands() -> type[Provider]:
    from tui_reader.ui.annotation_commands import AnnotationCommands

    return AnnotationCommands


# The environment's seconds the app uses (it waits for no other process's lock: save_wait).
_APP_SECONDS = (ENV_CONVERT_SECONDS, ENV_PROGRESS_AFTER)


def _paste_one_line(paste: events.Paste, focused: Widget | None) -> None:
    """A paste of several lines into a one-line field of Textual's own (the palette's) made
    one line, as our fields make it (:class:`~tui_reader.ui.widgets.text_field.TextField`):
    Textual's Input keeps the first line alone."""
    from textual.widgets import Input  # loaded by then: not at start-up

    from tui_reader.ui.widgets.text_field import TextField, one_line

    if isinstance(focused, Input) and not isinstance(focused, TextField):
        joined = one_line(paste.text)
        if joined is not None:
            paste.text = joined


# The actions a screen that refuses keys while a save of seconds is written still takes:
# those that only read the text on show (the caret and the view moved, the text searched,
# less's -N, a mark gone to) or move the focus (tab), not the store the save holds. A mark
# set (m) is kept in the store; the reading position, kept there too, waits for the save
# (ReadingColumn.save_position).
# A widget adds its own (ANSWERED_WHILE_SAVING: the library's moves, drawn from what it holds).
_ANSWERED_WHILE_SAVING = frozenset(
    {"quit", "stop_waiting", "help", "bell", "focus_next", "focus_previous"}
    | {
        key.action
        for group in ("reader", "find", "search")
        for key in keymap.keys(group)
        if key.id != "reader.set_mark"
    }
)


def _bare_action(action: str) -> str:
    """``action`` without its namespace (``app.help``: ``help``; ``mark('go')`` is kept
    whole, its argument saying what it does)."""
    name, paren, arguments = action.partition("(")
    return name.rsplit(".", 1)[-1] + paren + arguments


class ReaderApp(App[int]):
    """Read and annotate the documents of ``corpus``; annotations live in ``db``."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-reader"
    COMMANDS = App.COMMANDS | {_reader_commands, _annotation_commands}
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("app")
    # Seconds between the looks of the app, ending, at the widgets asked to close and not done:
    # one not done at two looks running is stopped (:meth:`_close_all`).
    CLOSING_WAITS_AT_MOST: ClassVar[float] = 2.0
    # Every screen says whether the terminal is narrow (app.tcss: the notifications' width).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (ONE_PANE_BELOW, "-wide")]  # noqa: RUF012 (Textual types it an instance variable)

    def __init__(
        self,
        corpus: Path,
        db: Path,
        open_file: Path | None = None,
        *,
        measure: int | None = None,
        coder: str | None = None,
        settings_said: Sequence[str] = (),
        database_said: str = "",
        corpus_said: str = "",
    ) -> None:
        """``settings_said``: each setting not used as given (``--measure 5``), in one line
        shown as the app starts (the command line resolves them); so is each of the
        environment the app reads itself (``$TUI_READER_MEASURE`` when ``measure`` is None,
        the seconds a conversion may take, and before the closing save is said).
        ``database_said``: a line on the database shown as it starts (a new one made here
        while the corpus has its own beside it).  ``corpus_said``: a line on the corpus shown as
        it starts (the sample corpus read, no folder being named)."""
        terminal_gate.install()
        textual_guards.install()
        escape_keys.install()  # a sign typed right behind esc: alt+slash, as alt+q
        pasted_text.install()  # a paste is text, whatever it holds: never keys
        break_paths()  # a notice's path broken after a /, its file name whole
        super().__init__()
        textual_guards.share_parses(self.stylesheet)  # a second app in a process: not again
        LOCK_WAIT.set(UI_LOCK_WAIT)  # the UI never waits on another process's lock (save_wait)
        self.crash_log: Path | None = None
        # Set by run_app (the command): the collector paused until the first screen is shown.
        self.start_up_pause: StartUpPause | None = None
        self.close_warning: str | None = None  # a fold on close that failed (nothing lost)
        self._drafts_if_not_saved = []
        self.said_at_exit: list[str] = []  # what quitting could not save: said on stderr after
        self.close_after_run = False  # run_app closes the database once the terminal is back
        self.stops_on_signals = False  # run_app: TERM and HUP end the app as q does
        self._signals_before: dict[int, Any] = {}  # the handlers that replaced, by signal
        # Raises StoreError for a corrupt database.  ``coder`` None: as locations.py decides.
        self.workspace = Workspace(corpus, db, coder=coder)
        self.open_file = open_file
        # None: $TUI_READER_MEASURE or the default, as locations.py decides.
        self.measure = resolve_measure() if measure is None else measure
        fault = measure_fault() if measure is None else None
        self.settings_said = [
            *settings_said,
            *([fault] if fault else []),
            *env_seconds_said(_APP_SECONDS),
            *filter(None, [cache_fault()]),
        ]
        self.database_said = database_said
        self.corpus_said = corpus_said

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, escape_keys.OptionKey) and not event.is_forwarded:
            # ESC b: a word left in a field (macOS Option+left), else esc then b typed fast
            from textual.widgets import Input, TextArea  # loaded by then: not at start-up

            key = escape_keys.as_typed(event, in_field=isinstance(self.focused, Input | TextArea))
            key.time = event.time  # typed then (a field tells a burst by the keys' times)
            key.set_sender(self)
            await self.on_event(key)
            return
        if isinstance(event, events.Key) and not event.is_forwarded:
            give_screen_back(self)  # a short terminal's notices over the screen
            typed = escape_keys.escape_then_key(event)  # esc and a key typed fast, read as alt+key
            if typed is not None:
                for key in typed:
                    key.time = event.time
                    key.set_sender(self)
                    await self.on_event(key)
                return
        if isinstance(event, events.Paste) and not event.is_forwarded:
            _paste_one_line(event, self.focused)
        # Keys typed right behind a key that opened a screen wait for it (ui/key_relay.py),
        # and so do those typed as the app starts, for its first focus.
        relay: KeyRelay | None = getattr(self, "_key_relay", None)
        if relay is None and isinstance(event, events.Key) and self._starting():
            from tui_reader.ui.key_relay import relay_of

            relay = relay_of(cast("App[object]", self))
        if relay is not None and relay.took(event):
            return
        if isinstance(event, events.Key) and self._held_behind_keys(event):
            return
        await super().on_event(event)
        if relay is not None and isinstance(event, events.Key):
            relay.went_on(event)  # a key sent again: the next, once this one is handled

    def _starting(self) -> bool:
        """Whether nothing has the focus, as when the app starts, before its first screen
        focuses a widget as it mounts (the key relay then holds the keys until one has it)."""
        try:
            return self.focused is None
        except ScreenStackError:  # no screen yet
            return True

    async def _on_key(self, event: events.Key) -> None:
        """A key that bubbled up here: its bindings are looked for where the focus is now,
        unless every one it had where it was typed was looked for there (the focus may have
        moved since: :meth:`~tui_reader.ui.key_relay.KeyRelay.bindings_looked_for`)."""
        # (Textual calls each class's handler in turn: App's runs next, unless prevented.)
        relay: KeyRelay | None = getattr(self, "_key_relay", None)
        if relay is not None and relay.were_bindings_looked_for(event):
            event.prevent_default()  # not App's own handler, which looks for them again
            await dispatch_key(self, event)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every key's action, except once the app is quitting: the keys typed right behind
        ``q`` (already on their way to the focused widget) ran as it closed, ``u`` undoing the
        last change, ``1`` tagging a passage, where no one could see it."""
        if self._exit:
            return True  # taken: a key typed as the app quits does nothing
        if (
            self.saves.under_way
            and getattr(self.screen, "REFUSED_WHILE_SAVING", False)
            and not getattr(default_namespace, "READ_ONLY", False)
        ):
            name = _bare_action(action if isinstance(action, str) else action[1])
            own: frozenset[str] = getattr(default_namespace, "ANSWERED_WHILE_SAVING", frozenset())
            if name not in _ANSWERED_WHILE_SAVING and name not in own:
                # The reading view's and the history's actions read the store the save holds
                # (an undo of 19,000 passages): each would hold the screen until it is written.
                self._refused_while_saving()
                return True
        if default_namespace is not None and self._closed_screen_of(default_namespace):
            # A key typed fast behind the one that closed a screen (esc, esc) found that
            # screen's binding: its action ran on a screen whose widgets were let go of.
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def _closed_screen_of(self, node: DOMNode) -> bool:
        """Whether ``node`` is, or is on, a screen no longer on the app's stack."""
        if node is self:
            return False
        try:
            screen = node if isinstance(node, Screen) else node.screen
            return screen not in self.screen_stack
        except (AttributeError, NoScreen, ScreenStackError):
            return False

    def _held_behind_keys(self, event: events.Key) -> bool:
        """True when ``event`` (``tab``: a priority binding the app would run at once) waits
        for the keys typed before it, still on their way from the focused widget, or from
        the screen when nothing has the focus, up to the app, which runs their bindings (a
        question: ``y``, then ``a``, a tag, ``tab`` and a note typed fast ran ``tab`` on the
        question, before ``y`` had closed it; the export dialog's ``enter`` ran before the
        last of three ``up`` typed before it, and wrote the format below the one meant:
        :meth:`~tui_reader.ui.key_relay.KeyRelay.keys_before`), or held by a field whose
        ``enter`` hands them over as the focus leaves it (the codebook's filter: ``enter``,
        ``tab``, ``enter`` typed fast ran ``tab`` in the filter, which the focus was leaving
        for the tree anyway, and the passage was not opened)
        (:meth:`~tui_reader.ui.key_relay.KeyRelay.hold_behind`)."""
        try:
            focused = self.focused or self.screen
        except ScreenStackError:
            return False
        from tui_reader.ui.key_relay import holds_keys_behind_enter, relay_of, runs_at_once

        app = cast("App[object]", self)
        if event.is_forwarded or not runs_at_once(app, event.key):
            return False
        relay = relay_of(app)
        if not relay.keys_before(focused) and not holds_keys_behind_enter(focused):
            return False
        return relay.hold_behind(event, focused)

    @cached_property
    def saves(self) -> SaveWaiter:
        """The one path of every save the app makes (:mod:`tui_reader.ui.save_wait`)."""
        return SaveWaiter(self, self.workspace.store)

    def get_default_screen(self) -> MainScreen:
        """The main screen is the first on the stack, composed and styled with the app: pushed
        from ``on_mount`` it was laid out and rendered once inside Textual's start-up batch,
        whose frame is never shown, then again."""
        workers_wait_as_the_ui()  # before any worker starts (the screen may start one)
        key = self.workspace.key(self.open_file) if self.open_file is not None else None
        return MainScreen(self.workspace, open_key=key, measure=self.measure)

    def on_mount(self) -> None:
        self.sub_title = shown(self.workspace.corpus.name)
        self.store_poll = StorePoll(self, self.workspace.store, lambda: self.saves.under_way)
        self.store_poll.start()
        self.app_resume_signal.subscribe(self, self._redraw_all)
        for said in self.settings_said:  # a line on stderr would be hidden by the full screen
            notify_warning(self, as_sentence(said), "Setting not used as given", timeout=20)
        if self.database_said:
            notify_warning(self, as_sentence(self.database_said), "Database", timeout=30)
        if self.corpus_said:
            notify_info(self, as_sentence(self.corpus_said), title="Corpus", timeout=30)
        self.call_after_refresh(self._first_screen_shown)
        if self.stops_on_signals:
            self._stop_on_signals()

    def _stop_on_signals(self) -> None:
        """TERM (``kill``, ``timeout``, a session's end) and HUP (its terminal closed) end the
        app as ``q`` does, asking nothing, as they end ``less`` and ``vim``: the terminal given
        back as it was, the place read kept, the database folded, and the exit status a
        signal's (128 + its number), as a command's.  They killed it at once: the shell's
        prompt came back inside the app's screen, the terminal left in its modes (the mouse
        reported as escape sequences at each click).  Not where they are ignored (nohup).

        Stopped by ctrl+z and then killed (``kill %1``, which continues it too), it ends at
        once, as it did: the terminal is the shell's, and taking it back to end as ``q`` does
        stopped it again (a job that ``kill`` could not end).  The handler is Python's, not
        the loop's, so that it runs before Textual's of SIGCONT (handlers run in the order of
        the signals' numbers: HUP 1, TERM 15, CONT 18)."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()

        def stop(number: int, _frame: object) -> None:
            if _in_the_background():
                signal.signal(number, signal.SIG_DFL)
                os.kill(os.getpid(), number)
                return
            if number == getattr(signal, "SIGHUP", None):  # (TERM: the terminal is there)
                self._end_at_the_latest(number)
            try:
                loop.call_soon_threadsafe(self._stopped_by_signal, number)
            except RuntimeError:  # the loop closed: nothing left to end as q does
                signal.signal(number, signal.SIG_DFL)
                os.kill(os.getpid(), number)

        for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None and signal.getsignal(number) == signal.SIG_DFL:
                with contextlib.suppress(ValueError, OSError):  # (not the main thread)
                    self._signals_before[number] = signal.signal(number, stop)
        self._resume_only_after_a_stop()
        self._stop_when_the_terminal_hangs_up(loop)

    def _stop_when_the_terminal_hangs_up(self, loop: asyncio.AbstractEventLoop) -> None:
        """A terminal that hangs up (closed, its tmux server killed) ends the app as HUP
        does, HUP or not: where HUP is ignored (``nohup``, a shell's ``trap '' HUP``) nothing
        ended it, and Textual's reader of keys, reading nothing from the closed terminal again
        and again, kept a core half busy for good.  As vim ends when its input is gone.  A
        thread waits for the hang-up in ``poll``, asking for no event (only a hang-up or an
        error is told): nothing runs until then."""
        import select
        import signal
        import threading

        stdin = sys.__stdin__
        try:
            fd = stdin.fileno() if stdin is not None else 0
        except (OSError, ValueError):
            return
        if not os.isatty(fd) or not hasattr(select, "poll"):
            return
        poller = select.poll()
        poller.register(fd, 0)
        over = select.POLLHUP | select.POLLERR | select.POLLNVAL

        def watch() -> None:
            while not any(mask & over for _, mask in poller.poll()):
                pass
            self._end_at_the_latest(signal.SIGHUP)
            with contextlib.suppress(RuntimeError):  # the loop closed: the app has ended
                loop.call_soon_threadsafe(self._stopped_by_signal, signal.SIGHUP)

        threading.Thread(target=watch, name="tui-reader-hang-up", daemon=True).start()

    _last_limit_set = False

    def _end_at_the_latest(self, number: int) -> None:
        """The last limit of an app HUP (``number``) or its terminal's hang-up ends: ended by
        its own thread once it has taken :data:`LAST_LIMIT` seconds more to end, as HUP
        would have ended it, while no save or fold of the database is under way (one is
        waited for, never cut).  An app whose own thread was stuck (in a library's endless
        loop, or waiting for what never comes) never got to end as ``q`` does: its terminal
        gone, it was left running for good.  Not after TERM: its terminal is there, and would
        be left in the app's modes (``kill -9`` is for that).  Set from the signal's handler
        or the watch for the hang-up, not from the app's loop, which may be what is stuck."""
        import threading

        if self._last_limit_set:
            return
        self._last_limit_set = True
        store = self.workspace.store

        def last_limit() -> None:
            time.sleep(LAST_LIMIT)
            while store.writing() or ("saves" in self.__dict__ and self.saves.under_way):
                time.sleep(0.5)
            with contextlib.suppress(OSError, ValueError):
                os.write(
                    2,
                    b"tui-reader: still running %d s after it was asked to end, no save under "
                    b"way: ended\n" % LAST_LIMIT,
                )
            os._exit(128 + number)

        threading.Thread(target=last_limit, name="tui-reader-last-limit", daemon=True).start()

    def _resume_only_after_a_stop(self) -> None:
        """Textual's terminal driver takes the terminal back on every CONT, there for ``fg``
        after ctrl+z; but a CONT comes without a stop too (after HUP, when a terminal closes
        under the app; ``kill -CONT``), and each started a second reader of keys beside the
        first, which outlived the app once it ended: the process never ended, spinning on the
        closed terminal.  Its handlers are wrapped so that a CONT resumes only after a TSTP
        stopped it; :meth:`_signals_restored` leaves both to the system's defaults."""
        import signal

        tstp = getattr(signal, "SIGTSTP", None)
        cont = getattr(signal, "SIGCONT", None)
        if tstp is None or cont is None:
            return
        on_tstp, on_cont = signal.getsignal(tstp), signal.getsignal(cont)
        driver = self._driver
        if driver is None or not all(
            callable(handler) and getattr(handler, "__self__", None) is driver
            for handler in (on_tstp, on_cont)
        ):
            return  # not the terminal driver's (a test's headless one): nothing to guard
        on_tstp_handler = cast("Callable[[int, Any], None]", on_tstp)
        on_cont_handler = cast("Callable[[int, Any], None]", on_cont)
        stopped = False

        def stop(number: int, frame: Any) -> None:
            nonlocal stopped
            stopped = True
            on_tstp_handler(number, frame)

        def resume(number: int, frame: Any) -> None:
            nonlocal stopped
            if stopped:
                stopped = False
                on_cont_handler(number, frame)

        with contextlib.suppress(ValueError, OSError):  # (not the main thread)
            signal.signal(tstp, stop)
            signal.signal(cont, resume)
            self._signals_before[tstp] = signal.SIG_DFL
            self._signals_before[cont] = signal.SIG_DFL

    def _signals_restored(self) -> None:
        """The handlers :meth:`_stop_on_signals` replaced, back (the loop is closing)."""
        import signal

        for number, before in self._signals_before.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(number, before)
        self._signals_before.clear()

    _stopping = False  # a signal (or the terminal's hang-up) is ending the app

    def _stopped_by_signal(self, number: int) -> None:
        import signal

        if self._stopping:  # HUP and the hang-up both: its drafts kept once
            return
        self._stopping = True
        self._stopped_by = number
        self._keep_typed(number)
        self._keep_positions()
        name = signal.Signals(number).name.removeprefix("SIG")
        self.saves.give_up_after(SAVES_WAIT_AT_A_SIGNAL, f"the app was stopped by {name}")
        self.exit(128 + number)

    def _keep_typed(self, number: int) -> None:
        """Keep what the open dialogs hold typed and not saved in a file, said at exit, as vim
        keeps its swap file: a signal cannot ask as ``ctrl+q`` does, and a note half written
        was lost without a word.  Not saved in the database: nobody asked for that."""

        drafts = []
        for screen in self.screen_stack:
            typed = getattr(screen, "typed", None)
            if not (callable(typed) and typed()):
                continue
            if getattr(screen, "saving_now", False):  # being written: the process ends once
                # it is; kept only if it is not saved then (keep_drafts_if_not_saved)
                self._drafts_if_not_saved.append(cast("Any", screen).typed_draft())
                self._stopped_by = number
                continue
            drafts.append(cast("Any", screen).typed_draft())
        self._keep_drafts(drafts, number)

    _drafts_if_not_saved: list[str]  # (see __init__)
    _stopped_by = 0

    def keep_drafts_if_not_saved(self) -> None:
        """Once the app has ended (the command, after ``run``): what was typed in a dialog
        whose save of seconds was being written when a signal stopped the app is kept, as
        any text typed and not saved, if that save was then refused (a database made
        read-only meanwhile): the dialog is gone, and the name typed was lost."""
        if not self._drafts_if_not_saved:
            return
        why = self.saves.long_refusal()
        if why is not None:
            self._keep_drafts(self._drafts_if_not_saved, self._stopped_by, why)
        self._drafts_if_not_saved = []

    def keep_drafts_dropped(self) -> None:
        """Once the app has ended (the command, after ``run``): what each change made by a
        key was (a code applied to a passage, an annotation deleted), when a signal stopped
        the app as its save waited for another program's lock and it was dropped, kept as a
        draft the next start offers back; no dialog kept it, and it was lost."""
        import signal

        if "saves" not in self.__dict__ or not self.saves.drafts_dropped:
            return
        dropped, self.saves.drafts_dropped = self.saves.drafts_dropped, []
        self._keep_drafts(
            [text for text, _ in dropped],
            self._stopped_by or signal.SIGTERM,
            what="a change waiting for another program's lock",
            documents=[document for _, document in dropped],
        )

    def _keep_drafts(
        self,
        drafts: list[str],
        number: int,
        why: str = "",
        *,
        what: str = "text typed in a dialog",
        documents: list[str | None] | None = None,
    ) -> None:
        """Each of ``drafts`` kept in a file of its own, said at exit (``why``: why it was
        not saved, when it was asked to be; ``what``: what it is; ``documents``: the key of
        the document each was made on, else the one open now)."""
        import signal

        if not drafts:
            return
        name = signal.Signals(number).name.removeprefix("SIG")
        stopped = f"stopped by {name} with {what} and not saved"
        if why:
            stopped += f" ({why})"
        reading = [s.pane.key for s in self.screen_stack if isinstance(s, MainScreen)]
        opened = [reading[0] if reading else None] * len(drafts)
        heads = [
            f"tui-reader was {stopped}, on {time.strftime('%Y-%m-%d %H:%M:%S')}.\n"
            f"Database: {self.workspace.db}\n"
            + (f"Document open: {document}\n" if document else "")
            + "\n"
            for document in (opened if documents is None else documents)
        ]
        # one file a dialog (a memo's editor over the annotate dialog): each offered back
        # apart at the next start, and opened where it was typed
        several = len(drafts) > 1
        kept: list[str] = []
        for part, (head, draft) in enumerate(zip(heads, drafts, strict=True), 1):
            path = draft_path(part=part if several else None)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with open(fd, "w", encoding="utf-8", errors="surrogateescape") as file:
                    file.write(head + draft + "\n")
            except OSError as exc:  # said with the text itself, the one place left for it
                self.said_at_exit.append(
                    f"{stopped}; it could not be kept in {path} ({exc.strerror or exc}): {draft}"
                )
                continue
            kept.append(str(path))
        if len(kept) == 1:
            self.said_at_exit.append(f"{stopped}: it is kept in {kept[0]}")
        elif kept:  # the text of each dialog in a file of its own
            said = stopped.replace("in a dialog", f"in {len(drafts)} dialogs")
            said = said.replace("with a change", f"with {len(drafts)} changes")
            self.said_at_exit.append(f"{said}: each is kept apart, in {', '.join(kept)}")

    def _first_screen_shown(self) -> None:
        if self.start_up_pause is not None:
            self.start_up_pause.end()
        # Opened on the library, the first screen people wait for is its rows: the warm-up's
        # imports would share the interpreter with the listing until they come.
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen):
            main.after_first_rows(self._warm_up)
        else:
            self._warm_up()
        from tui_reader.ui.kept_drafts_offer import offer_kept_drafts

        offer_kept_drafts(self, self.workspace.db)  # as vim offers its swap file

    def _warm_up(self) -> None:
        self.run_worker(warm_up, thread=True, group="warm-up", description="warm-up")

    def _refused_while_saving(self) -> bool:
        """True (and said) while a save of seconds is written by the save worker: an action
        reading the store it holds would hold the screen until it is written."""
        return self.saves.refusing()

    def action_command_palette(self) -> None:
        from tui_reader.ui.commands import SteadyCommandPalette

        if self._refused_while_saving():  # its commands read the store, which the save holds
            return

        if self.use_command_palette and not SteadyCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(SteadyCommandPalette())  # no fixed id: one may still be closing

    def search_themes(self) -> None:
        """Textual's theme search (the palette's "Change theme"), in the steady palette."""
        from tui_reader.ui.commands import SteadyCommandPalette

        self.push_screen(
            SteadyCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def action_show_help_panel(self) -> None:
        """Textual's keys panel (the palette's "Keys"), on a screen still shown: run as the app
        quits, it mounted the panel on a main screen already gone (a crash at exit)."""
        if self.screen.is_attached:
            super().action_show_help_panel()

    def action_help(self) -> None:
        from tui_reader.ui.screens.help import HelpScreen, collect_bindings

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        groups = collect_bindings(self.screen)
        # what the screen tells besides its keys (the query view: its language)
        more: tuple[str, list[tuple[str, str]]] | None = getattr(self.screen, "HELP_MORE", None)
        if more is not None:  # before the screen's keys, after those of anywhere
            groups = {more[0]: more[1], **groups}
        self.push_screen(HelpScreen(groups))

    def action_export(self) -> None:
        """The export dialog: a format, which annotations, where (see export_dialog)."""
        from tui_reader.ui.export_action import open_export_dialog  # the exporters: when used

        if self._refused_while_saving():  # it reads the store, which the save holds
            return
        open_export_dialog(self, self.workspace)

    def action_stop_waiting(self) -> None:
        """Stop waiting for another tui-reader's lock (the waiting changes are not saved)."""
        self.saves.stop()

    def action_suspend_to_shell(self) -> None:
        """``ctrl+z``: back to the shell that started the app, as ``less`` does (its ``fg``
        brings the app back, redrawn); said, and nothing else done, when no shell could."""
        from tui_reader.ui import suspending

        if self._driver is None or not self._driver.can_suspend:
            return
        if not suspending.shell_can_resume():
            notify_warning(
                self,
                "ctrl+z: no shell with job control started tui-reader, so none could bring "
                "it back: it goes on (q quits).",
                "Not suspended",
            )
            return
        self.app_suspend_signal.publish(self)
        suspending.stop_process_group()

    def _redraw_all(self, _app: App[int]) -> None:
        """Back from a stop (``fg``): the terminal's screen was the shell's, and Textual paints
        only what changed since its last frame (a blank screen until a key changed a part of
        it); every line is drawn again."""
        self.screen.refresh(self.screen.region, layout=True)

    def action_journal(self) -> None:
        """Write a new dated entry of the project journal."""
        from tui_reader.ui.screens.memo_dialog import MemoDialog

        if self._refused_while_saving():  # it reads the store, which the save holds
            return
        if isinstance(self.screen, MemoDialog):  # (the palette's "Journal" over one) not stacked
            return
        self.push_screen(MemoDialog.journal_entry(self.workspace.store))

    async def action_quit(self) -> None:
        if self.saves.under_way:  # a save of seconds: quit once it is written
            if not self._quit_once_saved:
                self._quit_once_saved = True
                self.saves.when_saved(self._quit_if_saved)
            notify_info(self, f"Quitting once saved: {self.saves.under_way}", timeout=6)
            return
        waiting = self.saves.waiting
        if waiting:
            notify_warning(
                self,
                f"{waiting} change(s) wait for another tui-reader to finish with the database: "
                "wait, or press ctrl+g to stop waiting (they are then not saved), then quit.",
                "Not quitting yet",
            )
            return
        if not self._quit_asked and self._typed_in_a_dialog():
            self._ask_before_quitting()
            return
        self._keep_positions()
        self.exit(0)

    async def _close_all(self) -> None:
        """Every screen and widget closed as the app ends; a widget asked to close and still
        in a handler at two looks :data:`CLOSING_WAITS_AT_MOST` seconds apart (a key's action
        waiting for what never comes) is stopped, not waited for: Textual waits for it, and
        ``ctrl+q`` left the app open for good, the terminal not given back."""
        closing = asyncio.ensure_future(super()._close_all())
        waited: set[int] = set()  # the widgets closing and not done at the look before
        while not closing.done():
            await asyncio.wait({closing}, timeout=self.CLOSING_WAITS_AT_MOST)
            if closing.done():
                break
            waiting = [  # asked to close, still in their loop (its exit waits for children)
                node
                for node in list(self._registry)
                if (node._pruning or node._closing)
                and node._running
                and node._task is not None
                and not node._task.done()
            ]
            for node in waiting:
                if id(node) in waited and node._task is not None:
                    node._task.cancel()
            waited = {id(node) for node in waiting}
        closing.result()

    def _keep_positions(self) -> None:
        """Save the place read in the open document, as the app closes (what could not be
        saved said on stderr after)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.column.save_position(quitting=True)
                if screen.column.positions.unsaved:
                    self.said_at_exit.append(screen.column.positions.unsaved)

    _quit_asked = False  # the question below is showing, or was answered "quit"
    _quit_once_saved = False  # quit asked while a save of seconds is written

    def _quit_if_saved(self, saved: bool) -> None:
        """The save under way as quit was asked is over: quit, unless it was not saved (the
        dialog that asked for it says why and keeps what was typed)."""
        self._quit_once_saved = False
        if saved:
            self.call_later(self.action_quit)
        else:
            notify_warning(self, "Not quitting: the change was not saved.", "Not quitting")

    def _typed_in_a_dialog(self) -> bool:
        """Whether a dialog open holds text typed and not saved (``Dialog.typed``)."""
        for screen in self.screen_stack:
            typed = getattr(screen, "typed", None)
            if callable(typed) and typed():
                return True
        return False

    def _ask_before_quitting(self) -> None:
        """``ctrl+q`` over a dialog holding typed text (a note, a memo): asks, as ``esc`` in
        the dialog does; quitting again (``ctrl+q`` twice) does not ask."""
        from tui_reader.ui.screens.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.call_later(self.action_quit)
            else:
                self._quit_asked = False

        self._quit_asked = True
        question = "Quit? What is typed in the open dialog is not saved."
        self.push_screen(ConfirmScreen(question, "Quit", yes="quit", no="stay"), answered)

    def on_store_unreadable(self, message: StoreUnreadable) -> None:
        self.store_poll.unreadable(message.reason)

    def on_unmount(self) -> None:
        from tui_reader.core.documents.conversion_limit import abandon_conversions

        # a worker waiting on a conversion (a big web page: up to its 30 s) ends now: its
        # thread, waited for as the process exits, kept it running as if hung
        abandon_conversions()
        self._signals_restored()
        if not self.close_after_run:
            self.close_warning = self.workspace.store.close()  # said on stderr after

    def notify(self, message: str, *, title: str = "", **kwargs: Any) -> None:
        """Every notification passes the display gate: messages quote names and tags."""
        super().notify(shown_block(message), title=shown(title), **kwargs)

    def _on_notify(self, event: Notify) -> None:
        """Shown with room made for it (:func:`make_room`: not five toasts stacked)."""
        make_room(self, event.notification)
        super()._on_notify(event)

    def _handle_exception(self, error: Exception) -> None:
        """A crash: the traceback goes to a log file (named on exit), the exit status is 1.
        Not a screen that finds its parts gone because the app is closing (after a quit or a
        first crash): keys typed before the quit can still open one as the app takes its
        screens down, the main screen may be mounting as a crash closes the app
        (``NoMatches``), nor a worker whose result meets a screen taken down that way
        (``WorkerFailed`` of one).  An error after the first, as it closes the app, is added
        to the first one's log: a loop of screens drawing each other drew again until the
        screens closed, each RecursionError a new log, and the line said named the last."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if (self._exit or self.return_code) and isinstance(cause, NoMatches):
            return
        # Too deep a recursion (a chain of screens each drawing the one beneath it): the
        # screens open, and what each drew beneath it, tell a stack that deep from a loop.
        more = screens_drawn_beneath(self) if isinstance(cause, RecursionError) else ""
        if self._exception is not None:  # a later error as the first crash closes the app
            self.crash_log = write_crash_log(error, more, log=self.crash_log)
            return
        self.crash_log = write_crash_log(error, more)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual's: the crash's traceback, each frame's variables shown, kept to be printed
        as the app exits.  A variable Rich cannot show made that raise inside the crash's
        handling: an object whose making a RecursionError cut short (a ``Style`` with no
        colour yet).  The error escaped ``app.run``, raw on the terminal, the app's lines
        after a crash not said.  Then the traceback is kept without the variables."""
        error = sys.exc_info()[1]
        try:
            super()._fatal_error()
        except Exception as failed:
            self._exit_renderables.append(traceback_without_locals(self.console, error, failed))
            self._close_messages_no_wait()


def screens_drawn_beneath(app: App[Any]) -> str:
    """The screens open in ``app``, bottom first, in each of its modes, each with the screen
    it last drew beneath it (a translucent screen, a dialog, draws the one below it, which
    may draw the one below it in turn): the lines a crash log adds after a
    ``RecursionError``.  A screen that drew one not directly below it is said to; never
    raises (Textual's insides it reads may change: what cannot be read is said)."""
    try:
        stacks: dict[str, list[Screen[Any]]] = dict(getattr(app, "_screen_stacks", {}))
        names: dict[int, str] = {}
        for mode, stack in stacks.items():
            for number, screen in enumerate(stack):
                names[id(screen)] = f"{mode}:{number} {type(screen).__name__}"
        lines = ["", "Screens open, bottom first, and the screen each last drew beneath it:"]
        for mode, stack in stacks.items():
            lines.append(f"  mode {mode!r}: {len(stack)} screens")
            for number, screen in enumerate(stack):
                beneath = _drawn_beneath(screen)
                if beneath is None:
                    said = "none"
                else:
                    said = names.get(id(beneath), f"{type(beneath).__name__}, on no stack")
                    if number == 0 or beneath is not stack[number - 1]:
                        said += " (not the screen directly below)"
                lines.append(f"  {mode}:{number} {type(screen).__name__}: {said}")
        return "\n".join(lines) + "\n"
    except Exception as error:  # a crash log says what it can
        return f"\nThe screens open could not be listed: {error!r}\n"


def _drawn_beneath(screen: Screen[Any]) -> Screen[Any] | None:
    """The screen ``screen`` last drew beneath it: the one its background, as Textual keeps
    it until the next refresh (a ``BackgroundScreen``), shows; None when it drew none."""
    from textual.renderables.background_screen import BackgroundScreen

    visual = getattr(screen, "_layout_cache", {}).get("_render.visual")
    background = getattr(visual, "_renderable", None)
    return background.screen if isinstance(background, BackgroundScreen) else None


def traceback_without_locals(
    console: Console, error: BaseException | None, failed: Exception
) -> RenderableType:
    """``error``'s traceback drawn by Rich on ``console`` without its frames' variables,
    which it could not show (``failed``); as Python prints it when even that fails."""
    import rich
    from rich.segment import Segments
    from rich.text import Text
    from rich.traceback import Traceback

    if error is None:
        return Text(f"The app stopped on an error its traceback could not show: {failed!r}")
    try:
        drawn = Traceback.from_exception(
            type(error), error, error.__traceback__, width=None, suppress=[rich]
        )
        return Segments(console.render(drawn, console.options))
    except Exception:
        return Text("".join(traceback.format_exception(error)))


def write_crash_log(error: BaseException, more: str = "", log: Path | None = None) -> Path | None:
    """Write ``error``'s traceback, then ``more``, to a new file in the crash-log folder, or
    after what ``log`` holds (the crash the app logged first); its path, or None when no
    file could be written."""
    path = crash_log_path() if log is None else log
    text = "".join(traceback.format_exception(error)) + more
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if log is not None:
            text = "\nThen, as the app closed:\n" + text
        with open(
            path, "x" if log is None else "a", encoding="utf-8", errors="backslashreplace"
        ) as out:
            out.write(text)
    except OSError:
        return log
    return path


def close_saying(store: AnnotationStore, *, unsaved_said: bool = False) -> str | None:
    """Close the database once the app has given the terminal back (the fold of its
    journal, at 100,000 annotations, takes seconds); when it takes more than a moment, say
    so on a terminal, rather than leave it blank as if hung.  The fold's warning, if any;
    ``unsaved_said``: something quitting could not save is said before it (the reading
    position), so the warning says every *other* change is saved."""
    import threading

    from tui_reader.core.store.journal import ALL_SAVED, OTHERS_SAVED
    from tui_reader.locations import resolve_progress_after

    def say() -> None:
        with contextlib.suppress(OSError):  # the terminal gone (a HUP as it saves)
            name = shown_pictured(store.path.name)
            print(f"tui-reader: saving {name}…", file=sys.stderr, flush=True)

    after = resolve_progress_after() if sys.stderr.isatty() else None
    if after is not None and after <= 0:
        say()
    timer = threading.Timer(after, say) if after is not None and after > 0 else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        warning = store.close()
    finally:
        if timer is not None:
            timer.cancel()
    if warning is not None and unsaved_said:
        warning = warning.replace(ALL_SAVED, OTHERS_SAVED)
    return warning


@contextlib.contextmanager
def signals_held(held: bool = True) -> Iterator[list[int]]:
    """TERM and HUP held off while the block runs (``held``; not where they are ignored, as
    under nohup): the list it gives holds the numbers of those that came meanwhile.  The
    close folds the journal once the terminal is given back (seconds at 100,000
    annotations); a terminal closed then (its tmux server killed right after ``q``) or a
    ``kill`` killed the process mid-fold: nothing was lost (the changes are in the journal),
    but annotations.json alone, copied or read by another program, lacked them until a
    later start folded them."""
    import signal

    came: list[int] = []
    before: dict[int, Any] = {}

    def hold(number: int, _frame: object) -> None:
        came.append(number)

    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if held else ():
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            with contextlib.suppress(ValueError, OSError):  # (not the main thread)
                before[number] = signal.signal(number, hold)
    try:
        yield came
    finally:
        for number, handler in before.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(number, handler)


# Seconds the saves waiting for another process's lock still wait once a signal stopped the
# app (its terminal maybe gone), before they are dropped (SaveWaiter.give_up_after).
SAVES_WAIT_AT_A_SIGNAL = 5.0
# Seconds an app a signal or its terminal's hang-up ends may take to end before its own
# thread ends it (ReaderApp._end_at_the_latest), a save or fold under way waited for: the
# saves' wait above, the positions and drafts kept, the terminal given back take a few.
LAST_LIMIT = 60


def _in_the_background() -> bool:
    """Whether the app's process group is not the terminal's foreground one (stopped by
    ctrl+z, or put in the background): the terminal is the shell's.  False when there is no
    terminal to ask (it hung up)."""
    try:
        stdin = sys.__stdin__
        return os.tcgetpgrp(stdin.fileno() if stdin else 0) != os.getpgrp()
    except (OSError, ValueError):
        return False


def terminal_problem() -> str | None:
    """Why the app cannot run here, if it cannot: it reads its keys from standard input and
    draws on standard error, and each must be a terminal.  Started with input from a file
    or a pipe (``< notes.txt``) it waited for keys that never came, not even ``q``.  A
    terminal saying it is dumb (Emacs's ``M-x shell``) moves no cursor: the app's screen
    poured into it as escapes, and its keys came only at the end of a line."""
    for fd, name in ((0, "input"), (2, "error")):
        if not os.isatty(fd):
            return (
                f"the app needs a terminal, and its standard {name} is not one (the "
                "subcommands work without one: tui-reader --help)"
            )
    if os.environ.get("TERM", "").strip() == "dumb":  # Emacs's M-x shell, a CI log
        return (
            "the app draws a screen, and TERM=dumb says this terminal cannot (in Emacs, "
            "M-x term or vterm can; in a terminal that can, set TERM, TERM=xterm-256color; "
            "the subcommands work without one: tui-reader --help)"
        )
    return None


def run_app(
    target: Target,
    db: Path,
    measure: int | None = None,
    coder: str | None = None,
    *,
    headless: bool = False,
    settings_said: Sequence[str] = (),
    database_said: str = "",
    corpus_said: str = "",
) -> int:
    """Run the app on ``target`` (corpus folder, maybe one file to open first) and ``db``,
    with ``measure`` cells of text per line, ``coder`` coding (``None``: as locations.py
    decides), ``settings_said``, ``database_said`` and ``corpus_said`` shown as it starts.
    Returns the exit status: non-zero after a crash, whose log file is named on stderr."""
    if not headless and (problem := terminal_problem()):
        if not os.isatty(2) and os.isatty(1):  # said where the person at the terminal sees it
            print(f"tui-reader: {problem}")
        raise TuiReaderError(problem)
    if not headless:
        from tui_reader.ui.colour_depth import say_direct_colour

        say_direct_colour()  # xterm-direct drawn in 24-bit colour, not in 16
    start_up_pause = StartUpPause()  # the database read and the first screen: see collector
    try:
        app = ReaderApp(
            target.corpus,
            db,
            target.open_file,
            measure=measure,
            coder=coder,
            settings_said=settings_said,
            database_said=database_said,
            corpus_said=corpus_said,
        )
    except TuiReaderError:
        start_up_pause.end()
        raise  # a message a person can act on: the command line prints it
    except Exception as error:  # a bug met before the first screen: logged, not thrown raw
        start_up_pause.end()
        log = write_crash_log(error)
        where = f"; the details are in {log}" if log else ""
        print(
            f"tui-reader: the app could not start on an error{shown_pictured(where)}",
            file=sys.stderr,
        )
        return 1
    app.start_up_pause = start_up_pause
    app.close_after_run = True
    app.stops_on_signals = not headless
    kept = kept_theme(theme_path(), app.available_themes)
    if kept is not None:
        app.theme = kept
    started_in = app.theme
    from tui_reader.ui.screen_encoding import one_cell_each
    from tui_reader.ui.terminal_input import tolerant_input

    escaped = False
    try:
        with contextlib.nullcontext() if headless else one_cell_each(), tolerant_input():
            result = app.run(headless=headless)
    except Exception as error:  # past Textual's own handling (its shutdown): logged, not raw
        escaped, result = True, None
        app.crash_log = write_crash_log(error, log=app.crash_log)
        with contextlib.suppress(Exception):  # what its unmount does, maybe not done
            app.on_unmount()
    finally:
        start_up_pause.end()
        app.keep_drafts_if_not_saved()
        if "saves" in app.__dict__:  # (made when first used)
            app.said_at_exit.extend(app.saves.said_at_exit)
        app.keep_drafts_dropped()
        with signals_held(app.stops_on_signals) as stopped:
            unsaid = bool(app.said_at_exit)
            app.close_warning = close_saying(app.workspace.store, unsaved_said=unsaid)
        if app.theme != started_in and (failed := keep_theme(theme_path(), app.theme)):
            app.said_at_exit.append(failed)
    kept_styles.keep()  # the stylesheets' rules parsed here, for the next start
    with contextlib.suppress(OSError):  # the terminal gone (a HUP as it saved)
        for line in app.said_at_exit:
            print(f"tui-reader: warning: {shown_pictured(line)}", file=sys.stderr)
        if app.close_warning:
            print(f"tui-reader: warning: {shown_pictured(app.close_warning)}", file=sys.stderr)
        # what the poll had not shown yet (a damaged journal line the close set aside)
        for line in iter(app.workspace.store.take_fold_warning, None):
            print(f"tui-reader: warning: {shown_pictured(line)}", file=sys.stderr)
        if app.return_code or escaped:
            where = shown_pictured(f"; the details are in {app.crash_log}" if app.crash_log else "")
            print(f"tui-reader: the app stopped on an error{where}", file=sys.stderr)
    if app.return_code or escaped:
        return app.return_code or 1
    if stopped:  # ended as that signal ends it, once saved
        return 128 + stopped[0]
    return 0 if result is None else int(result)
