"""Keys typed right behind a key that opened a screen go to that screen, in the order typed.

The app sends each key of a burst to the widget focused when the key arrives.  A key that
opens a screen (``a`` the annotate dialog, ``F`` the corpus search, ``T`` the codebook) runs
while the keys behind it are already on their way to the reader: ``a`` and a tag typed fast
ran the tag's letters as reader keys (``i`` opened the document's details, ``u`` undid the last
change) and saved an annotation without its tag.  While a widget runs a key's action
(:meth:`KeyRelay.begin`, :meth:`KeyRelay.end`) the keys that reach the app wait here; when the
action opened a screen, so do the keys that reach that widget afterwards, and those that reach
the app before the new screen has the focus; once a widget of the screen on top has the
focus (or the screen takes the keys itself, with nothing to focus: a yes/no question; or it
is open with nothing focused: :func:`open_unfocused`) they are sent again, in the order typed,
as the terminal would have sent them: one at a time, each once the widget the one before went
to has handled it, so that a key among them that opens a screen leaves the rest waiting here
(sent all at once, they all came back to wait again, once more for each such key: a long
burst went round the app's queue so many times that the keys typed after it waited minutes).

They wait for the screen however long it takes to open, and no longer: a wait of a second
sent them on to a screen a loaded machine had not opened yet.  A screen is open once it has
the focus, or, with nothing focused, once it is mounted, its parts mounted and their
messages handled, and its workers (what it may wait for to show something to focus) ended,
however they ended.  A push refused opens no screen (the keys go on at once); a screen
closed before it opened leaves the one below on top (they go to it); one whose making
raised ends the app, and an app ending drops them.  A key sent again that the app refuses
is not waited for.  As a last resort, a hold that makes no progress for seconds with the
app idle (:meth:`KeyRelay._stuck`: a screen that never opens, which no slow machine
explains) ends, the keys going where the focus is, and a notice says so.

Nor is a user ever kept: once nothing has changed for seconds, the app idle (a worker that
never ends, on a screen that stands still; a key's action or a key sent again whose handler
never returns), ``esc`` or ``ctrl+q`` typed again ends the hold (:meth:`KeyRelay._give_up`):
the keys held and that key go on at once, in the order typed, without waiting for one
another, so that ``esc`` closes the screen and ``ctrl+q`` quits.  Keys typed behind a screen
merely slow still wait for it (its worker runs), and so do other keys typed again.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from contextlib import suppress
from functools import partial
from typing import ClassVar

from textual import events
from textual.app import App, ScreenStackError
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

log = logging.getLogger(__name__)

LOOKED_FOR_KEPT = 256  # keys kept by KeyRelay.bindings_looked_for (a burst is far fewer)

# The keys a user stuck presses to get out: typed again once the relay has made no progress
# for KeyRelay.STUCK_AFTER seconds, they end the hold (KeyRelay._give_up).
LEAVING_KEYS = frozenset({"escape", "ctrl+q"})


def sent_again(
    event: events.Key, key: str | None = None, character: str | None = None
) -> events.Key:
    """``event`` to be sent again (held, then posted anew): a new event, as Textual handles
    each once, that keeps the time it was typed.  Made afresh it took the time it was sent
    again, and a field that tells a burst from a key typed later by the keys' times
    (:meth:`~tui_reader.ui.widgets.text_field.HandingOverField._after_the_hold`) took the
    keys of a burst held seconds behind a screen for keys typed after a pause.  ``key`` and
    ``character``: another key typed at that time (the escape and the key an ``alt`` key
    stands for)."""
    again = events.Key(
        event.key if key is None else key, event.character if key is None else character
    )
    again.time = event.time
    return again


class KeyRelay:
    """The app's keys held while a key's action runs and while the screen it opened opens
    (one per app: :func:`relay_of`)."""

    FRAMES_HELD_AT_MOST: ClassVar[float] = 2.0  # seconds with no key sent, a quit waiting
    CHECK_EVERY: ClassVar[float] = 0.01
    # seconds between looks at the widget a key sent again went to, closed before its turn
    WATCH_EVERY: ClassVar[float] = 0.1
    # A hold with no progress (the screen waited for the same, the app idle) for this many
    # seconds ends (:meth:`_stuck`); a look at it later than this after the one before (the
    # loop busy, or the machine loaded) is no sign of the app being idle.
    STUCK_AFTER: ClassVar[float] = 5.0
    LATE_AT_MOST: ClassVar[float] = 0.25
    # seconds between looks at whether the keys held make progress (:meth:`_look_at_progress`)
    PROGRESS_EVERY: ClassVar[float] = 0.05

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self._from_widgets: list[events.Key] = []  # sent to a widget before the screen opened
        self._at_app: list[events.Key] = []  # reached the app after the key's action began
        self._acting = 0  # key actions under way (one may await a screen's mounting)
        self._opener: Widget | None = None  # the widget whose key opened the screen
        self._since: float | None = None  # holding for a new screen since, else None
        # Keys sent again, not yet back at the app: the keys that reach the app before them
        # (typed after them, still in the app's queue when they were sent) wait here too.
        self._sent: set[int] = set()
        # Keys to send again, each once the one sent before it was handled (:meth:`_went_on`).
        self._to_send: deque[events.Key] = deque()
        self._turn = 0  # which key sent again :meth:`_went_on` is told of
        # A key sent again is on its way, or with the widget it went to: the next waits for
        # :meth:`_went_on` (or for the hold that key began to end).
        self._going = False
        self._target: tuple[Widget, int] | None = None  # the widget the key going went to
        self._watching = False  # :meth:`_watch` looks at that widget
        # How many of the keys at the head of _at_app are keys sent again that came back to
        # wait again: typed before the keys that reached the app from the terminal since.
        self._back_to_wait = 0
        self._back: events.Key | None = None  # a key sent again, back and gone on just now
        # Keys whose bindings were all looked for where they were typed (the last few, held
        # so that none is taken for another): :meth:`bindings_looked_for`.
        self._looked_for: deque[events.Key] = deque(maxlen=LOOKED_FOR_KEPT)
        # No frame drawn while a quit waits among the keys to send: _hold_frames_before_a_quit
        self._frames_held = False
        self._frames_stalled = False  # drawn, the keys stopped: not held again before it
        self._holds = 0  # how many times frames were held (a stall's timer is for one)
        # What the hold waited for at the last look, since when, and that look's time
        # (:meth:`_stuck`).
        self._still: tuple[object, ...] | None = None
        self._still_since = 0.0
        self._looked: float | None = None
        # What the keys held waited for at the last look of _look_at_progress, since when,
        # and that look's time (:meth:`_stalled`); whether that look is due.
        self._progress: tuple[object, ...] | None = None
        self._progress_since = 0.0
        self._progress_looked = 0.0
        self._looking = False
        self._handled = 0  # keys sent again handled, and actions ended: progress
        # Keys sent on as a hold was given up, not back yet; the last one back.
        self._rushed: set[int] = set()
        self._rushing: events.Key | None = None
        self._focused_once = False  # a key came with a widget focused: the app has started
        # The keys the last resort (:meth:`_stuck`) left in the queues of a widget that does
        # not take them: no key waits for them again (:meth:`keys_before`).
        self._stuck_keys: list[events.Key] = []
        self._starting = False  # the keys held are those typed as the app started

    @property
    def sending(self) -> bool:
        """Keys sent again are on their way back, or wait to be sent: a key from the terminal
        goes behind them."""
        return bool(self._sent or self._to_send)

    @property
    def holding(self) -> bool:
        return self._acting > 0 or self._since is not None

    def begin(self, widget: Widget) -> None:
        """``widget`` runs a key's action: the keys that reach the app meanwhile wait (the
        action may open a screen, and await its mounting while they come)."""
        self._acting += 1
        self._opener = widget
        self._look_at_progress()

    def end(self, opened: bool) -> None:
        """The action ran; ``opened``: it opened (or closed) a screen, and the keys behind it
        wait until that screen has the focus.  Otherwise those that came meanwhile go on:
        behind the keys still to send again, and not before the key sent again whose action
        this was has been handled (a key's bindings are tried in turn: the codebook's
        ``esc`` clears the filter, goes back to the tags, or closes; sent on after each one
        that did not run, the next two keys were on their way before the codebook closed)."""
        self._acting = max(0, self._acting - 1)  # (0 once given up: _give_up)
        self._handled += 1
        if opened:
            if self._since is None:
                self._since = time.monotonic()
                self.app.set_timer(self.CHECK_EVERY, self._check)
                self._look_at_progress()
        elif not self.holding:
            self._queue_held()
            if not self._going:
                self._send_next()

    def bindings_looked_for(self, event: events.Key) -> None:
        """Every binding ``event`` has where it was typed was looked for, and none ran: the
        app does not look again once the key has bubbled up to it.  By then a key typed
        behind it (``enter`` in the library) may have moved the focus, and the app looked
        where the focus is now: ``a`` typed in the library, where it means nothing, opened
        the annotate dialog over the text that ``enter`` had opened."""
        self._looked_for.append(event)

    def were_bindings_looked_for(self, event: events.Key) -> bool:
        """Whether :meth:`bindings_looked_for` was said of ``event`` (once: it is forgotten)."""
        for index, looked_for in enumerate(self._looked_for):
            if looked_for is event:
                del self._looked_for[index]
                return True
        return False

    def pass_on(self, event: events.Key, widget: Widget) -> None:
        """``event`` reached ``widget`` on a screen no longer on top: it goes to the new one."""
        self._from_widgets.append(sent_again(event))
        if self._since is None and not self._acting:
            self._opener = widget
            self._since = time.monotonic()
            self.app.set_timer(self.CHECK_EVERY, self._check)
        self._look_at_progress()

    def took(self, event: events.Event) -> bool:
        """Whether ``event``, reaching the app from the terminal, waits here."""
        if not isinstance(event, events.Key) or event.is_forwarded:
            return False
        if id(event) in self._rushed:  # sent on as a hold was given up: waits for nothing
            self._rushed.discard(id(event))
            self._sent.discard(id(event))
            self._rushing = event
            return False
        if id(event) in self._sent:  # one of ours, back: on to the focus
            self._sent.discard(id(event))
            if self.holding:  # a key before it waits again (hold_behind): so does this one
                self._wait_again(event)
                return True
            self._back = event
            if not self._to_send and not self._sent and self._at_app:
                self._queue_held()  # those typed after the keys sent, behind them
            return False
        if not self.holding and not self.sending:
            if not self._before_the_first_focus():
                return False
            self._since = time.monotonic()  # held until the first screen has focused a widget
            self.app.set_timer(self.CHECK_EVERY, self._check)
            self._starting = True
        key = sent_again(event)
        if self._starting and event.key == "ctrl+j":
            # Typed before the app took the terminal, whose line discipline turned enter's
            # carriage return into a line feed (no one types ctrl+j as the app starts).
            key = sent_again(event, "enter", "\r")
        if event.key in LEAVING_KEYS and self._stalled():
            self._give_up(key)
            return True
        self._at_app.append(key)
        self._look_at_progress()
        return True

    def _before_the_first_focus(self) -> bool:
        """Whether the app is starting: its first screen has not focused a widget yet (it
        does as it mounts).  A key typed then went to that screen with nothing focused, came
        back to the app once the focus was on the text, which ran ``a`` there (not through
        :func:`~tui_reader.ui.widgets.key_bursts.run_binding_at_once`): the keys typed behind
        it, back at the app after the dialog opened, found no binding there and were lost."""
        if self._focused_once:
            return False
        try:
            focused = self.app.focused
        except ScreenStackError:  # no screen yet
            return True
        if focused is not None:
            self._focused_once = True
            return False
        return True

    def _look_at_progress(self) -> None:
        """While keys are held: what they wait for looked at, now and every
        :data:`PROGRESS_EVERY` seconds, until none is (:meth:`_stalled`)."""
        if not (self.holding or self.sending or self._going):
            self._progress = None
            self._looking = False
            return
        app = self.app
        now = time.monotonic()
        try:
            screen: Screen[object] | None = app.screen
            focused = app.focused
        except ScreenStackError:  # the app closing its screens
            screen = focused = None
        progress = (
            self._handled,
            self._acting,
            id(screen),
            id(focused),
            len(app.screen_stack),
            0 if screen is None else sum(1 for _node in screen.walk_children(with_self=True)),
        )
        late = now - self._progress_looked > self.PROGRESS_EVERY + self.LATE_AT_MOST
        if late or progress != self._progress:
            self._progress = progress
            self._progress_since = now
        self._progress_looked = now
        if not self._looking:
            self._looking = True
            self.app.set_timer(self.PROGRESS_EVERY, self._look_again)

    def _look_again(self) -> None:
        self._looking = False
        self._look_at_progress()

    def _stalled(self) -> bool:
        """Whether the keys held have waited :data:`STUCK_AFTER` seconds or more for what
        has not changed since (the same screen, focus and widgets in it, the same key sent
        again not yet handled, the same action under way), every look on time (the app's
        loop free, not busy opening a screen), a worker running or not."""
        self._look_at_progress()
        now = time.monotonic()
        return self._progress is not None and now - self._progress_since >= self.STUCK_AFTER

    def _give_up(self, key: events.Key) -> None:
        """``key`` (``esc``, ``ctrl+q``) typed again, the keys held having stalled: the hold
        ends, whatever it waited for (a screen's worker, a key's handler or action that never
        returns), and the keys held and ``key`` are sent on at once, in the order typed, not
        each waiting for the one before: ``ctrl+q`` reaches the app (which runs it at once)
        however long a widget takes over a key before it, ``esc`` the screen on top."""
        stuck_in = None if self._target is None else self._target[0]
        if self._acting:
            stuck_in = self._opener
        self._queue_held()
        keys = [*self._to_send, key]
        self._to_send.clear()
        self._turn += 1  # (the key not handled, should it ever be, sends nothing: _went_on)
        self._since = None
        self._starting = False
        self._acting = 0
        self._opener = None
        self._going = False
        self._target = None
        self._back = None
        self._still = None
        self._looked = None
        self._progress = None
        self._draw_frames()
        for held in keys:
            self._sent.add(id(held))
            self._rushed.add(id(held))
            if not self.app.post_message(held):
                self._sent.discard(id(held))
                self._rushed.discard(id(held))
        log.warning("keys held, stalled for %s; %s typed again: sent on", stuck_in, key.key)
        if stuck_in is not None:  # (a screen whose worker runs shows its own wait)
            _said(self.app, STILL_BUSY)

    def hold_behind(self, event: events.Key, widget: Widget) -> bool:
        """``event`` is a key the app would run at once (a priority binding: ``tab`` moves the
        focus) while the keys typed before it are still on their way from ``widget`` up to
        the app (:meth:`keys_before`), or held by ``widget``: it waits here,
        with the keys behind it, until those have run (and the screen one of them opened has
        the focus).  Run at once, ``tab`` behind ``a`` and a tag moved the focus to the
        library before ``a`` opened the dialog, and the tag was typed into the library.
        False (not held) for a key sent on as a hold was given up (:meth:`_give_up`): the
        keys before it may be with a widget that never handles them."""
        if event is self._rushing:
            return False
        if event is self._back:
            self._wait_again(event)
        else:
            self._at_app.append(sent_again(event))
        if self._since is None:
            self._opener = widget
            self._since = time.monotonic()
            self.app.set_timer(self.CHECK_EVERY, self._check)
        self._look_at_progress()
        return True

    def _wait_again(self, event: events.Key) -> None:
        """``event``, a key sent again, waits again: ahead of the keys that reached the app
        from the terminal since it was sent (typed after it), behind those of its own sending
        that came back to wait before it.  Put behind them, ``tab`` sent again behind a tag
        waited behind the ``e`` and ``ctrl+s`` typed after the note: the annotation was saved
        with the note's last letter in its tag, no note, and ``tab`` and the note's other
        letters went to the text."""
        self._at_app.insert(self._back_to_wait, sent_again(event))
        self._back_to_wait += 1
        self._going = False  # sent again as the hold ends

    def _check(self) -> None:
        if self._since is None:
            return
        app = self.app
        try:
            if app._exit or app.return_code is not None:  # quitting, or a crash ends it
                raise ScreenStackError("the app is ending")
            focused = app.focused
        except ScreenStackError:  # the app closed its screens (it is quitting): no keys go on
            self._drop()
            return
        opener = self._opener
        ready = (
            not self._acting
            and (
                # A question (drop the note? quit?) has nothing to focus: it takes the keys.
                (takes_keys_itself(app.screen) or open_unfocused(app, app.screen))
                if focused is None
                # A widget taken down with its screen is still the app's focus for a moment
                # (its screen asked for then raised NoScreen and stopped the app, as it quit).
                else focused.is_attached and focused.screen is app.screen
            )
            # The keys sent to the opener before its key ran have reached it (held here),
            # and gone up to the app, their bindings run.
            and (opener is None or not opener.is_attached or not self.keys_before(opener))
            # A field's enter hands the keys behind it over as the focus leaves it.
            and not holds_keys_behind_enter(focused)
            # What a closed screen chose (a hit, a passage) is shown by a callback queued on
            # the widget that opened it, which may still be busy: the keys wait for it, or
            # they move in the text shown before and the choice then moves the caret back.
            and not callbacks_pending(app)
        )
        if not ready and not self._stuck(focused):
            app.set_timer(self.CHECK_EVERY, self._check)
            return
        self._since = None
        self._send()

    def _stuck(self, focused: Widget | None) -> bool:
        """Whether the hold has made no progress for :data:`STUCK_AFTER` seconds with the
        app idle: the same screen on top, the same focus, the same widgets in it, no key's
        action under way, no worker of it running, and every look here on time (the app's loop
        free, not busy mounting a screen or starved by a loaded machine: a look late by
        more than :data:`LATE_AT_MOST` starts the count again).  A screen slow to open
        changes, or keeps the loop busy, or waits for a worker; one that does none of this
        for seconds never opens, and the keys go where the focus is, a line in the log
        saying so, rather than wait there for good.  The workers that count are those the
        screen on top may wait for (:func:`workers_running_for`): any worker of the app
        counted, and the library's look at its files' stamps, every 3 s on the screen
        below, kept this last resort from ever ending a hold (``esc`` then ``T`` typed on
        the query view were held for good, no notice said)."""
        app = self.app
        now = time.monotonic()
        try:
            screen: Screen[object] | None = app.screen
        except ScreenStackError:  # no screen (the app closing them): looked at again later
            screen = None
        still = (
            self._since,
            id(screen),
            id(focused),
            self._acting,
            len(app.screen_stack),
            0 if screen is None else sum(1 for _node in screen.walk_children(with_self=True)),
        )
        late = self._looked is None or now - self._looked > self.CHECK_EVERY + self.LATE_AT_MOST
        self._looked = now
        working = screen is not None and workers_running_for(app, screen)
        if late or working or still != self._still:
            self._still = still
            self._still_since = now
            return False
        if now - self._still_since < self.STUCK_AFTER:
            return False
        log.warning(
            "keys held for %s, idle and not ready for %.1f s, sent on to %s",
            screen,
            now - self._still_since,
            focused or screen,
        )
        _said(self.app, NOT_READY)
        self._still = None
        self._looked = None
        self._stuck_keys = [
            *(keys_sent_up_from(self._opener) if self._opener is not None else ()),
            *(keys_sent_up_from(focused) if focused is not None else ()),
        ]
        return True

    def keys_before(self, widget: Widget) -> bool:
        """Whether a key sent to ``widget`` has not run its binding yet
        (:func:`keys_on_their_way`), those left by the last resort (:meth:`_stuck`) aside:
        ``ctrl+q`` behind two keys a widget never took, sent on by it, waited for them again,
        for good (one such key, taken from the queue as the one before it hung, did not)."""
        stuck = self._stuck_keys
        return any(not any(key is left for left in stuck) for key in keys_on_their_way(widget))

    def _drop(self) -> None:
        """The app is ending: the keys held go nowhere."""
        self._since = None
        self._starting = False
        self._from_widgets.clear()
        self._at_app.clear()
        self._to_send.clear()
        self._back_to_wait = 0
        self._opener = None
        self._going = False
        self._draw_frames()

    def _send(self) -> None:
        """The keys held, sent again in the order typed, as the terminal would have: those
        that came back to wait again, then those not sent yet, then the terminal's since."""
        self._starting = False
        self._queue_held()
        self._back = None
        self._opener = None
        self._going = False
        self._send_next()

    def _queue_held(self) -> None:
        """The keys held put in the order they go in among those to send again."""
        back = self._back_to_wait
        if not (self._from_widgets or self._at_app):
            return
        keys = [
            *self._from_widgets, *self._at_app[:back], *self._to_send, *self._at_app[back:],
        ]  # fmt: skip
        self._from_widgets.clear()
        self._at_app.clear()
        self._to_send = deque(keys)
        self._back_to_wait = 0

    def _send_next(self) -> None:
        """The next key to send again, sent: from the top (priority bindings, then the focus)."""
        self._turn += 1
        self._pass_over_views_before_a_quit()
        self._pass_over_toggles_before_a_quit()
        while self._to_send:
            self._going = True
            key = self._to_send.popleft()
            self._hold_frames_before_a_quit()  # (drawn again as the quit itself is sent)
            self._sent.add(id(key))
            if self.app.post_message(key):
                self._look_at_progress()
                return
            # Refused (the app closing, or keys not taken now): it is not waited for.
            self._sent.discard(id(key))
            log.warning("a key typed, %s, was refused by the app and dropped", key.key)
        self._going = False

    def _pass_over_views_before_a_quit(self) -> None:
        """With ``ctrl+q`` waiting among the keys to send, the keys next to send that open a
        view the key right behind them, ``esc``, closes again are passed over, both: such a
        view shows nothing before the quit and keeps nothing (:func:`opens_a_passing_view`).
        Each took a loaded machine a quarter of a second to open: ``ctrl+q`` behind 280 keys
        opening and closing views quit 71 s later.  Every other key still runs, in order."""
        keys = self._to_send
        while (
            len(keys) >= 2
            and keys[1].key == "escape"
            and any(key.key == "ctrl+q" for key in keys)
            and opens_a_passing_view(self.app, keys[0].key)
        ):
            keys.popleft()
            keys.popleft()

    def _pass_over_toggles_before_a_quit(self) -> None:
        """With nothing but ``L`` and ``esc`` left to send before ``ctrl+q``, on the main
        screen alone, and a quit that quits at once (no save under way or waiting), those
        keys are passed over: the library shown or hidden, the focus moved, the notices, a
        selection or the search's marks cleared, nobody sees before the app ends, and no
        key after them depends on them (40 such pairs, each run in turn, took 0.6 s of CPU
        before the quit).  Any other key among them, or the quit not certain, and they all
        run, in order: what ``L`` shows and focuses decides what the keys behind it do."""
        keys = self._to_send
        run = 0
        for key in keys:
            if key.key == "ctrl+q":
                break
            if key.key not in TOGGLES_BEFORE_A_QUIT:
                return
            run += 1
        else:
            return
        if (
            run
            and quits_at_once(self.app)
            and all(
                binding_action(self.app, name) in TOGGLES_BEFORE_A_QUIT[name]
                for name in {keys[i].key for i in range(run)}
            )
        ):
            for _ in range(run):
                keys.popleft()

    def _hold_frames_before_a_quit(self) -> None:
        """With ``ctrl+q`` still to send, no frame is laid out or drawn (Textual's batch of
        updates), and no footer composes its keys again, until it is sent: what the keys
        before it show, the app quitting right after, nobody sees (``L``, which shows and
        hides the library, laid the screen out, its text wrapped at its new width, drew it
        and composed the footer's keys again, each time).  Those keys still run, each in
        turn.  Sent, the quit finds the screen drawn whole again (its question, over text
        typed in a dialog, shows).  Should the keys stop going (a widget slow to take one),
        the screen is drawn after :data:`FRAMES_HELD_AT_MOST` seconds with no key sent,
        and not held again before the quit."""
        if not any(key.key == "ctrl+q" for key in self._to_send):
            self._frames_stalled = False
            self._draw_frames()
        elif not self._frames_held and not self._frames_stalled:
            self._frames_held = True
            self._holds += 1
            self.app._begin_batch()
            self._look_for_a_stall(self._holds)

    def _look_for_a_stall(self, hold: int) -> None:
        self.app.set_timer(self.FRAMES_HELD_AT_MOST, partial(self._frames_stall, hold, self._turn))

    def _frames_stall(self, hold: int, turn: int) -> None:
        """The frames held (hold number ``hold``), no key sent since ``turn``: drawn."""
        if not self._frames_held or hold != self._holds:
            return
        if turn != self._turn:  # keys go on: looked at again later
            self._look_for_a_stall(hold)
            return
        self._frames_stalled = True
        self._draw_frames()

    def _draw_frames(self) -> None:
        """Frames held before a quit drawn again, the screen's whole."""
        if not self._frames_held:
            return
        self._frames_held = False
        app = self.app
        app._end_batch()
        with suppress(ScreenStackError):  # (the app closing its screens as it quits)
            app.screen.refresh(layout=True)
        for screen in app.screen_stack:  # their footers look at their keys again
            screen.refresh_bindings()

    @property
    def frames_held(self) -> bool:
        """No frame is drawn while a quit waits among the keys to send: a footer composes
        its keys again once it is sent."""
        return self._frames_held

    def _sent_to(self) -> Widget | None:
        """Where a key sent again goes now: the focus, else the screen; None, the keys held
        dropped, when the app is quitting (no keys go on)."""
        try:
            return self.app.focused or self.app.screen
        except ScreenStackError:
            self._to_send.clear()
            self._going = False
            self._draw_frames()
            return None

    def went_on(self, event: events.Key) -> None:
        """``event``, a key sent again, came back and the app sent it on to the focus (or the
        screen), or ran its binding: the next is sent once that widget has handled it, its
        action run (a screen it opened holds the rest here).  Or once that widget is closed,
        should it be taken down with the key in its queue (:meth:`_watch`)."""
        if event is not self._back:
            return  # not the last sent
        if not self._to_send or self.holding:
            self._going = False  # none left; or held, sent when the hold ends
            return
        target = self._sent_to()
        if target is None:
            return
        turn = self._turn
        if target.call_later(self._went_on, turn):
            self._target = (target, turn)
            if not self._watching:
                self._watching = True
                self.app.set_timer(self.WATCH_EVERY, self._watch)
        else:
            self._went_on(turn)

    def _watch(self) -> None:
        """While a key sent again is with its widget: should that widget be closed before
        it handled the key (the callback queued behind it then never runs), the next goes on."""
        if not self._going or self._target is None or self._target[1] != self._turn:
            self._watching = False  # (looked for again by the next key's went_on)
            return
        target, turn = self._target
        if target._closing or target._closed:
            self._target = None
            self._went_on(turn)
        self.app.set_timer(self.WATCH_EVERY, self._watch)

    def _went_on(self, turn: int) -> None:
        if turn != self._turn:
            return  # sent already
        target = None if self._target is None else self._target[0]
        if target is not None and keeps_keys(target):
            # A field holds the key until the focus leaves it (behind its enter, or the
            # search enter began): the next goes once the field has handed it over.
            self.app.set_timer(self.CHECK_EVERY, partial(self._handed_over, turn))
            return
        self._going = False
        self._handled += 1
        if self.holding:
            return  # held behind a screen opened, sent when it has the focus
        self._send_next()

    def _handed_over(self, turn: int) -> None:
        """While a field holds the key sent again last (:meth:`_went_on`): once it no longer
        does, that key (and any it held before it) is in the queue of the widget focused
        now, or was typed in the field: the next goes once that widget has handled it.  Sent
        on at once, ``c`` typed behind ``/Doral enter s a`` reached the text before the
        ``s`` and ``a`` the search prompt handed over as its search ended, and the tag
        typed into the dialog ``a`` opened read "ators/us"."""
        if turn != self._turn or self._target is None or self._target[1] != turn:
            return  # sent already, or the field was closed (_watch sent the next)
        field = self._target[0]
        if keeps_keys(field):
            self.app.set_timer(self.CHECK_EVERY, partial(self._handed_over, turn))
            return
        target = self._sent_to()
        if target is None:
            return
        self._target = (target, turn)
        if not target.call_later(self._went_on, turn):
            self._went_on(turn)


def keeps_keys(widget: Widget) -> bool:
    """Whether ``widget`` holds the keys sent to it until the focus leaves it, and then
    hands them over to the widget focused (a
    :class:`~tui_reader.ui.widgets.text_field.HandingOverField` behind its ``enter``, or
    behind the search its ``enter`` began)."""
    return bool(getattr(widget, "keeps_keys", False))


# What the user is told when keys typed did not go where they were meant to (the log says
# more; a key the app refused as it closed is said there only).
NOT_READY = (
    "A screen did not get ready: the keys typed behind the key that opened it went to it as it is."
)
STILL_BUSY = (
    "A key's action has not finished: the keys typed after it were sent on without waiting"
    " for it (ctrl+q quits)."
)


def _said(app: App[object], message: str) -> None:
    from tui_reader.ui.notices import notify_warning  # loaded with the app (no cycle)

    notify_warning(app, message, "Keys")


def takes_keys_itself(screen: Screen[object]) -> bool:
    """Whether ``screen`` answers keys itself, with nothing in it to focus: a yes/no question
    (a modal screen with bindings of its own), where the app sends the keys typed while it is
    on top.  The keys held behind the key that opened it are ready to go to it."""
    return (
        isinstance(screen, ModalScreen)
        and screen.is_mounted  # its widgets composed: none is still to come and take the focus
        and bool(screen._bindings.key_to_bindings)
        and not screen.focus_chain
    )


# The actions (on the main screen or the app) opening a view that ``esc`` closes at once,
# with nothing typed or chosen in it: the codebook, the corpus search, the query view, the
# reports, the help, the command palette, the journal's new entry (its ``esc`` asks only
# over text typed, and none is typed when ``esc`` comes next).  (Not a dialog that writes or
# starts anything as it opens.)
PASSING_VIEWS = frozenset(
    {"view('codebook')", "view('corpus_search')", "view('query')", "view('reports')"}
    | {"help", "command_palette", "journal"}
)


# The keys passed over right before a quit (_pass_over_toggles_before_a_quit), each with the
# actions of the main screen it may run there: none keeps anything.
TOGGLES_BEFORE_A_QUIT = {
    "L": frozenset({"toggle_library"}),
    "escape": frozenset({"clear_notices", "clear", "leave"}),
}


def quits_at_once(app: App[object]) -> bool:
    """Whether ``ctrl+q`` sent now would end the app at once: the main screen alone on the
    stack (no dialog holding text typed, no view), no text field focused (which types the
    keys before it), and no save under way or waiting for another program's lock."""
    try:
        stack = app.screen_stack
        focused = app.focused
    except ScreenStackError:
        return False
    from textual.widgets import Input, TextArea  # loaded by then: a quit waits behind keys

    saves = getattr(app, "saves", None)
    return (
        len(stack) == 1
        and not isinstance(focused, Input | TextArea)
        and not getattr(saves, "under_way", None)
        and not getattr(saves, "waiting", None)
    )


def binding_action(app: App[object], key: str) -> str | None:
    """The action of the first binding the app would run for ``key`` where the focus is
    (priority bindings from the app down, then the others from the focus up), its name
    without a namespace, its arguments kept: ``view('codebook')``; None when it has none."""
    try:
        chain = app.screen._binding_chain
    except ScreenStackError:
        return None
    for priority, nodes in ((True, list(reversed(chain))), (False, chain)):
        for _node, bindings in nodes:
            for binding in bindings.key_to_bindings.get(key, ()):
                if binding.priority == priority:
                    name, paren, arguments = binding.action.partition("(")
                    return name.rsplit(".", 1)[-1] + paren + arguments
    return None


def opens_a_passing_view(app: App[object], key: str) -> bool:
    """Whether ``key``, sent now, would run a binding of :data:`PASSING_VIEWS`: the first
    binding the app would run for it where the focus is (:func:`binding_action`), the focus
    in no text field (which types the key), and no save of seconds under way (which refuses
    the view: the ``esc`` behind it would then be the main screen's)."""
    try:
        focused = app.focused
    except ScreenStackError:
        return False
    from textual.widgets import Input, TextArea  # loaded by then: a quit waits behind keys

    saving: object = getattr(getattr(app, "saves", None), "under_way", None)
    if isinstance(focused, Input | TextArea) or saving:
        return False
    action = binding_action(app, key)
    return action in PASSING_VIEWS and (action != "journal" or not _over_a_memo(app))


def _over_a_memo(app: App[object]) -> bool:
    """Whether a memo's dialog is on top, over which the journal does not open (the ``esc``
    behind its key would close that dialog)."""
    memo_dialog = sys.modules.get("tui_reader.ui.screens.memo_dialog")
    return memo_dialog is not None and isinstance(app.screen, memo_dialog.MemoDialog)


def open_unfocused(app: App[object], screen: Screen[object]) -> bool:
    """Whether ``screen``, on top with nothing focused, is as open as it gets: mounted, its
    parts mounted, none with a message still to handle, and no worker of theirs running (a
    list shown and focused once a worker has read it; a worker that failed or was cancelled
    shows none, and the keys then go to the screen, as the terminal sends them there)."""
    if not screen.is_mounted:
        return False
    nodes: set[DOMNode] = set()
    for node in screen.walk_children(Widget, with_self=True):
        if not node.is_mounted or not node._message_queue.empty():
            return False
        nodes.add(node)
    return not any(not worker.is_finished and worker.node in nodes for worker in app.workers)


def workers_running_for(app: App[object], screen: Screen[object]) -> bool:
    """Whether a worker runs that ``screen`` (on top) may be waiting for: one of its own or
    of its parts, or one of the app's.  Not those of the screens below (the library's
    scan, its look at the files' stamps every few seconds), which it never waits for."""
    nodes: set[DOMNode] = {app, *screen.walk_children(Widget, with_self=True)}
    return any(not worker.is_finished and worker.node in nodes for worker in app.workers)


def keys_sent_up_from(widget: Widget) -> list[events.Key]:
    """The keys waiting in the queue of ``widget`` or of one of its containers up to its
    screen."""
    keys = []
    node: MessagePump | None = widget
    app = widget.app
    while node is not None and node is not app:
        queued = (node._pending_message, *node._message_queue.values)
        keys += [message for message in queued if isinstance(message, events.Key)]
        node = node._parent
    return keys


def keys_on_their_way(widget: Widget) -> list[events.Key]:
    """The keys sent to ``widget`` that have not run their bindings yet: waiting in the queue
    of ``widget`` or of one of its containers up to its screen (a key the widget does not
    take goes up through each in turn, and its binding runs once it is back at the app), or
    back in the app's queue.  A key the app runs at once (the export dialog's ``enter``)
    waits for those (:meth:`KeyRelay.hold_behind`): it ran while the last ``up`` typed
    before it was still on its way up from the list of formats, and the format below the
    one highlighted was written."""
    app = widget.app
    queued = (app._pending_message, *app._message_queue.values)
    back = [message for message in queued if isinstance(message, events.Key)]
    return [*keys_sent_up_from(widget), *(key for key in back if key.is_forwarded)]


def holds_keys_behind_enter(widget: Widget | None) -> bool:
    """Whether ``widget`` holds the keys typed behind its ``enter`` until the focus leaves it
    (a :class:`~tui_reader.ui.widgets.text_field.HandingOverField`: a filter handing over to
    its list): a key the app would run at once (``tab``) waits for that too."""
    return bool(getattr(widget, "holding_keys", False))


def callbacks_pending(app: App[object]) -> bool:
    """Whether the app or a widget of the screen on top has a callback queued to run next
    (``call_next``: a closed screen's result goes to the widget that opened it so)."""
    if app._next_callbacks:
        return True
    return any(node._next_callbacks for node in app.screen.walk_children(with_self=True))


def runs_at_once(app: App[object], key: str) -> bool:
    """Whether the app runs ``key`` as soon as it arrives, ahead of the keys still on their way
    to the focus: a priority binding of the focused widget, its containers or the app."""
    return any(
        binding.priority
        for _node, bindings in app._binding_chain
        for binding in bindings.key_to_bindings.get(key, ())
    )


def relay_of(app: App[object]) -> KeyRelay:
    """The app's relay, made when first needed."""
    relay: KeyRelay | None = getattr(app, "_key_relay", None)
    if relay is None:
        relay = KeyRelay(app)
        app._key_relay = relay  # type: ignore[attr-defined]
    return relay
