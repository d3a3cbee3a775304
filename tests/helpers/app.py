"""Driving the whole app with Pilot: the one app factory and the one way to wait."""

from __future__ import annotations

import asyncio
import threading
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from time import monotonic
from typing import TypeVar

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._context import active_app
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.command import CommandInput, CommandPalette
from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from helpers.terminal import TIMEOUT
from tui_reader.core.workspace import Workspace
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.commands import SteadyCommandPalette
from tui_reader.ui.key_relay import (
    KeyRelay,
    callbacks_pending,
    holds_keys_behind_enter,
    relay_of,
)
from tui_reader.ui.reading_pane.details import AnnotationDetails
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.library import Library
from tui_reader.ui.widgets.reader import ReaderView

S = TypeVar("S", bound=Screen[object])

AppFactory = Callable[..., ReaderApp]


class WorkspaceApp(ReaderApp):
    """The real app on a workspace a test made (its store, its documents), opened on
    ``document``; ``notes`` keeps every notification's message."""

    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))

    def __init__(self, workspace: Workspace, document: str) -> None:
        super().__init__(workspace.corpus, workspace.db, workspace.path(document))
        self.workspace.store.close()
        self.workspace = workspace
        self.notes: list[str] = []

    def notify(self, message: str, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        self.notes.append(message)
        super().notify(message, *args, **kwargs)  # type: ignore[arg-type]


"""The ``make_app`` fixture: ``make_app(*, corpus=None, open_file=None, db=None, measure=80)``."""


async def wait_until(
    pilot: Pilot[object], condition: Callable[[], bool], tries: int | None = None
) -> None:
    """Let the app run until ``condition()`` holds: for up to :data:`TIMEOUT` seconds (a
    worker on a loaded machine can take many times its usual time: 200 short pauses, 4 s,
    ran out there), or, given ``tries``, that many short pauses (a test of how soon)."""
    deadline = monotonic() + TIMEOUT
    paused = 0
    while not condition():
        if (paused >= tries) if tries is not None else monotonic() >= deadline:
            raise AssertionError(f"condition not reached; {_where(pilot.app)}")
        await pilot.pause(0.02)
        paused += 1


def _where(app: App[object]) -> str:
    """The app's screens and focus, said when a wait runs out: a wait seen to fail once in a
    long run (esc in the annotate dialog, the main screen never back) cannot be told from
    its line alone (a question over the dialog, the key held, the dialog left open).  With
    them what the app said (a key refused says why: "No tag selected."), the keys its relay
    holds or sends again, and the workers still running: ``r`` on the codebook once opened
    no rename dialog in a loaded run, and its line said only the screens and the focus."""
    try:
        where = f"screens {app.screen_stack}, focus {app.focused}"
    except Exception as exc:  # the app closing: its screens gone
        return f"screens not read ({exc!r})"
    said = [f"{n.severity}: {n.message}" for n in app._notifications]
    relay: KeyRelay | None = getattr(app, "_key_relay", None)
    held = (
        []
        if relay is None
        else [key.key for key in (*relay._from_widgets, *relay._at_app, *relay._to_send)]
    )
    holding = relay is not None and (relay.holding or relay.sending)
    running = [worker.description for worker in app.workers if not worker.is_finished]
    return (
        f"{where}; notices {said}; keys held {held}"
        f"{f' (relay busy: {_relay_waits(app, relay)})' if relay and holding else ''}"
        f"; workers running {running}"
    )


def _relay_waits(app: App[object], relay: KeyRelay) -> str:
    """What a busy relay waits for: a key's action under way, a screen to get ready (and
    which of its tests it fails now), a key sent again not yet back or not yet handled.  A
    relay seen holding two keys for good once in a whole-suite run could not be told apart:
    its line said "relay busy" alone."""
    waits = []
    if relay._acting:
        waits.append(f"{relay._acting} key action(s) under way, from {relay._opener}")
    if relay._since is not None:
        opener = relay._opener
        failing = [
            name
            for name, fails in (
                ("callbacks pending", callbacks_pending(app)),
                ("a field holds keys", holds_keys_behind_enter(app.focused)),
                ("keys before the opener", opener is not None and relay.keys_before(opener)),
            )
            if fails
        ]
        waits.append(
            f"a screen for {monotonic() - relay._since:.1f} s, opener {opener}, not ready: "
            f"{failing or 'none of its tests fails now'}"
        )
    if relay._sent:
        waits.append(f"{len(relay._sent)} key(s) sent again not back")
    if relay._going:
        waits.append(f"the key sent last handled, by {relay._target}")
    return "; ".join(waits) or "nothing"


# Of the bytes Textual reads as the same key, the ones a terminal sends for it (xterm, tmux).
TERMINAL_BYTES = {"backspace": "\x7f", "escape": "\x1b", "enter": "\r"}


def _terminal_bytes(key: str) -> str:
    if len(key) == 1:
        return key
    with suppress(KeyError):  # a sign by its name (question_mark, slash, space...)
        character = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        if character.isprintable():
            return character
    if key in TERMINAL_BYTES:
        return TERMINAL_BYTES[key]
    for sequence, keys in ANSI_SEQUENCES_KEYS.items():
        if isinstance(keys, tuple) and [k.value for k in keys] == [key]:
            return sequence
    raise ValueError(f"no terminal sends a key named {key!r}")


def terminal_key(key: str) -> events.Key:
    """The key event the app gets when a terminal's key ``key`` (a character, or a key name as
    Textual names it) is pressed: the bytes the terminal sends for it, read by Textual's own
    parser.  ``question_mark`` comes with its "?" (a field types it), ``enter`` with "\\r",
    ``ctrl+q`` with "\\x11", ``delete`` and ``up`` with no character."""
    read = list(XTermParser()._sequence_to_key_events(_terminal_bytes(key)))
    assert len(read) == 1 and (len(key) == 1 or read[0].key == key), (key, read)
    return read[0]


async def burst(pilot: Pilot[object], keys: list[str], *, settle: bool = True) -> None:
    """Send ``keys`` the way the terminal does when they come 10 ms apart to a busy app:
    all queued before the app handles the first, each as the terminal sends it
    (:func:`terminal_key`); then, ``settle``, let the app handle them a while (Pilot's
    pauses, which wait for every widget's queue: not for a widget a test holds busy)."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = terminal_key(key)
        event.set_sender(pilot.app)
        driver.send_message(event)
    for _ in range(10 if settle else 0):
        await pilot.pause()


async def keys_handled(pilot: Pilot[object]) -> None:
    """Wait until every key pressed has gone where it was typed and been handled: none held
    by the app's key relay behind a screen still opening, none on its way again.  Pilot's
    press returns once the process looks idle, and on a loaded machine the relay's next look
    at the screen (a timer) came after that: a test read the dialog before the keys typed
    into it had moved anything."""
    relay = relay_of(pilot.app)
    await wait_until(pilot, lambda: not relay.holding and not relay.sending)
    await pilot.pause()


async def pressed(pilot: Pilot[object], *keys: str) -> None:
    """``keys`` pressed, and waited for until each has been handled (:func:`keys_handled`)."""
    await pilot.press(*keys)
    await keys_handled(pilot)


def relay_busy() -> bool:
    """Whether the running app's key relay holds keys behind a screen still opening or has
    keys on their way again (False when no app runs or it made no relay).  The suite's wait
    after each key pressed (``quick_keys`` in ``conftest.py``) waits for this to be False,
    within its bound."""
    try:
        app = active_app.get()
    except LookupError:
        return False
    relay: KeyRelay | None = getattr(app, "_key_relay", None)
    return relay is not None and (relay.holding or relay.sending)


async def in_turn(
    cases: Sequence[Callable[..., Awaitable[None]]],
    between: Callable[[], Awaitable[None]],
    *args: object,
) -> None:
    """Run ``cases`` one after another on one app, each given ``args``, ``between`` putting
    the app back as the first case met it before each of the others (an app started costs a
    test a third of a second of CPU, more than most cases); a case that fails is named in
    the error."""
    for number, case in enumerate(cases):
        if number:
            await between()
        try:
            await case(*args)
        except AssertionError as error:
            raise AssertionError(f"{case.__name__}: {error}") from error


def notices_said(app: App[object]) -> list[str]:
    """The messages of the notifications ``app`` says from now on, each as it is said: a
    test that asks whether something was said does not depend on its toast being still on
    show (one of 3 s had timed out when a loaded machine held the test that long, and the
    test failed though the app had said it)."""
    said: list[str] = []
    notify = app.notify

    def recorded(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = recorded  # type: ignore[method-assign, assignment]
    return said


def notices_titled(app: App[object]) -> list[tuple[str, str, str]]:
    """As :func:`notices_said`, each notification as its title, its message and its
    severity."""
    said: list[tuple[str, str, str]] = []
    notify = app.notify

    def recorded(
        message: str, *args: object, title: str = "", severity: str = "information", **kw: object
    ) -> None:
        said.append((str(title), str(message), severity))
        notify(message, *args, title=title, severity=severity, **kw)  # type: ignore[arg-type]

    app.notify = recorded  # type: ignore[method-assign]
    return said


# Seconds every worker of an app may take to end (a big text loaded, a corpus scanned, on a
# loaded 2-core machine) before the test fails: a worker that never ends hung the test.
WORKERS_WAIT = 4 * TIMEOUT


async def workers_done(app: App[object]) -> None:
    """Wait until every worker of ``app`` has ended, :data:`WORKERS_WAIT` seconds at most,
    then fail naming the workers still running.  A worker cancelled because a newer one
    replaced it (an exclusive worker started again: placing the annotations after a change)
    has ended too; Textual's ``wait_for_complete`` raises ``WorkerCancelled`` for it."""
    try:
        async with asyncio.timeout(WORKERS_WAIT):
            for _ in range(100):
                try:
                    await app.workers.wait_for_complete()
                except WorkerCancelled:
                    continue
                return
    except TimeoutError:
        running = ", ".join(repr(worker) for worker in app.workers if not worker.is_finished)
        raise AssertionError(
            f"the app's workers did not end in {WORKERS_WAIT:g} s: {running or 'none named'}"
        ) from None


async def left_while_held(
    pilot: Pilot[object], back_to: Screen[object], held: threading.Event, ended: threading.Event
) -> None:
    """esc pressed while a worker's thread is ``held``: ``back_to`` on show, then the thread
    let go and waited for to its end (``ended``), and every worker of the app."""
    app = pilot.app
    await pilot.press("escape")
    await wait_until(pilot, lambda: app.screen is back_to)
    held.set()
    assert ended.wait(WORKERS_WAIT), "the worker let go did not end"
    await workers_done(app)


@asynccontextmanager
async def relisting_held(pilot: Pilot[object]) -> AsyncIterator[Library]:
    """The main screen's library, its listing again held while the block runs: its timer
    (every few seconds) paused, and a look it started before ended.  For a test that deletes a
    file and reads its row, marked gone, which the next listing drops by design: on a slow
    machine that listing could come first, and the test waited for a row no longer there.
    A listing the test asks for itself (``_relist_if_changed``) still runs; the timer goes on
    after the block."""
    screen = await main_screen(pilot)
    library = screen.library
    await wait_until(pilot, lambda: library.listed)  # its timer starts with the first listing
    timers = [t for t in library._timers if t._callback == library._relist_if_changed]
    assert timers, "the library's timer that lists the corpus again is not running"
    for timer in timers:
        timer.pause()
    try:
        await workers_done(pilot.app)  # a look at the files' stamps it started meanwhile
        await pilot.pause()  # and what that look said (a file written again: listed again)
        await workers_done(pilot.app)
        yield library
    finally:
        for timer in timers:
            timer.resume()


async def main_screen(pilot: Pilot[object]) -> MainScreen:
    """Wait for the main screen to be shown with its parts (it is the app's first screen,
    composed as the app starts); return it."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.is_mounted)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def ready(pilot: Pilot[object]) -> MainScreen:
    """Wait for the first document, the library's listing and its scan; return the main
    screen."""
    app = pilot.app
    screen = await main_screen(pilot)
    await wait_until(
        pilot,
        lambda: (
            screen.reader.document is not None
            and not screen.pane.previewing
            and screen.library.listed
            and all(not e.loading for e in screen.library.entries)
        ),
    )
    await workers_done(app)
    await pilot.pause()
    return screen


async def codebook_opened(pilot: Pilot[object]) -> CodebookScreen:
    """Press T and wait for the codebook it opens, a code under its cursor."""
    app = pilot.app
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
    codebook = app.screen
    assert isinstance(codebook, CodebookScreen)
    await wait_until(pilot, lambda: codebook.selected is not None)
    return codebook


async def reader_focused(pilot: Pilot[object]) -> tuple[MainScreen, ReaderView]:
    """The ready app's main screen and its reading view, focused (keys go to the text)."""
    screen = await ready(pilot)
    screen.reader.focus()
    return screen, screen.reader


async def screen_opened_by(
    pilot: Pilot[object], key: str, kind: type[S], *, from_reader: bool = False
) -> S:
    """Press ``key`` on the ready app (``from_reader``: with the reading view focused) and wait
    for the ``kind`` screen it opens."""
    main = await ready(pilot)
    if from_reader:
        main.reader.focus()
    return await screen_opened(pilot, key, kind)


async def screen_opened(pilot: Pilot[object], key: str, kind: type[S]) -> S:
    """Press ``key`` and wait for the ``kind`` screen it opens."""
    await pilot.press(key)
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, kind))
    screen = app.screen
    assert isinstance(screen, kind)
    return screen


async def side_details(pilot: Pilot[object]) -> AnnotationDetails:
    """The side panel's annotation in full, as it shows now: its parts mount when first
    shown or asked for (at 120 columns the side is hidden)."""
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    details = screen.pane.details
    await pilot.pause()
    return details


async def palette_searched(pilot: Pilot[object]) -> CommandPalette:
    """Wait until the palette open (or opening) has searched for what was typed in it: its
    search, a worker started by each key typed, has ended and its list shows what it found,
    as a user sees it before pressing enter.  Returns the palette."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await workers_done(app)
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    return palette


async def command_chosen(pilot: Pilot[object], command: str) -> None:
    """Open the palette, type ``command`` and press enter once it is found (escape when
    nothing matched: enter there does nothing); return once the palette is closed and the
    command chosen has run.  The command is typed in one burst, as a typist does who knows
    it: a key at a time, each waited for, made the palette search and draw its list again
    for every letter (a second and more of a test's time for each command)."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, SteadyCommandPalette))
    field = app.screen.query_one(CommandInput)
    await burst(pilot, ["space" if c == " " else c for c in command])
    await wait_until(pilot, lambda: field.value == command)
    palette = await palette_searched(pilot)
    await pilot.press("enter" if palette._hit_count else "escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, SteadyCommandPalette))
    await pilot.pause()  # the command, called after the palette closed


async def pasted(pilot: Pilot[object], text: str) -> Input | TextArea:
    """``text`` put into the focused field (a line or an editor) in one step, as a paste
    puts it, for a test where the words are the point, not their typing: each key pressed
    waits twice for the app to be idle and draws the screen again (a name of 12 letters, 12
    of those).  Returns once the field holds it (and the field).  A paste goes to the field
    the focus is on: it first waits for a field to have it (a dialog opened by the key just
    pressed focuses its field once laid out, which on a loaded machine comes after the
    key's wait), as a user waits to see the cursor in the field before pasting."""
    await wait_until(pilot, lambda: isinstance(pilot.app.focused, (Input, TextArea)))
    field = pilot.app.focused
    assert isinstance(field, (Input, TextArea)), f"no field focused to paste {text!r}: {field}"
    pilot.app.post_message(events.Paste(text))  # as the terminal sends it: to the focused
    await wait_until(
        pilot, lambda: text in (field.value if isinstance(field, Input) else field.text)
    )
    return field


def terminal_lines(app: App[object]) -> list[str]:
    """The terminal's rows as the app draws them now (a dialog over the screen below it
    too), as plain text."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def bottom_line(app: App[object]) -> str:
    """The terminal's last row as the app draws it now (a dialog over the screen below it
    too): the footer."""
    return terminal_lines(app)[-1]


def status_text(screen: MainScreen) -> str:
    from textual.widgets import Static

    return str(screen.query_one("#status", Static).render())


def screen_lines(screen: MainScreen) -> list[str]:
    """The reading view's visible lines as plain text."""
    reader = screen.reader
    return [reader.render_line(y).text for y in range(reader.size.height)]


async def opened(pilot: Pilot[object]) -> ReaderView:
    """Wait until the app shows a document (the library may still be read), for up to
    :data:`TIMEOUT` seconds as :func:`wait_until` waits (200 rounds, some 4 s, ran out on a
    loaded machine); returns the reading view."""
    app = pilot.app

    def shown() -> bool:
        views = app.screen.query(ReaderView)
        return bool(views) and views.first().document is not None

    deadline = monotonic() + TIMEOUT
    while True:
        await workers_done(app)
        await pilot.pause()
        if shown():
            return app.screen.query(ReaderView).first()
        if monotonic() >= deadline:
            raise AssertionError("the document did not open")


async def hit_opened(pilot: Pilot[object], word: str) -> MainScreen:
    """The main screen back on top, its caret on ``word`` (a search hit opened: any case)."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
    main = app.screen
    assert isinstance(main, MainScreen)
    await wait_until(
        pilot,
        lambda: (
            main.reader.document is not None
            and main.reader.document.text[main.reader.caret :].lower().startswith(word)
        ),
    )
    return main
