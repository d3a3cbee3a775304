"""Guards around two Textual bugs that stop the app answering any key, ``ctrl+q`` included,
until it is killed, and one that stops the app.  Each was found by the monkey in a real terminal
(issue 15) and is shown by a test that hangs or fails without its guard
(``tests/unit/ui/test_textual_guards.py``, ``tests/app/hostile/test_steady_option_list.py``).
And two around a cost: whole layouts of a screen for resizes that change nothing, and the
stylesheet parsed again by each app a process starts.

**A timer already over spins.**  A toast is given the time its notification has left when it is
made, and Textual checks that the notification has not expired a moment before: on a busy
machine the time left is already below zero (a few milliseconds) when the toast is made.  Its
timer then loops on the main thread without ever awaiting (``Timer._run`` skips missed ticks by
counting ``elapsed / interval``, which a negative interval sends backwards and a zero one
divides by).  A burst of keys that opens and closes screens while a toast runs out (each screen
shows the app's toasts again) was enough.  The guard: a timer's delay is at least a millisecond,
whoever asks for it (toasts, animations, batched updates, our own code).

**A screen below the top one resizes itself for ever.**  A screen lays itself out at the size a
``Resize`` event carries and, when its size changed, posts itself a ``Resize`` of that size; a
screen under the current one (the app's first screen under the main screen) is laid out again
at each resize of the one above it.  Two resizes of the terminal in quick succession while an
update batch is open (the app busy with a key that opens a screen) leave two ``Resize`` events of
different sizes in its queue, kept apart by the refresh callbacks the open batch defers (so
Textual cannot fold them into one): each lays the screen out at its own stale size, which is a
change, which posts it again.  A message queue that never empties never yields to the event
loop, so nothing else runs: not the app, not the keys.  The guard: a screen is laid out at the
terminal's size now (what the app last heard from the terminal), not at the size an event
carried when it was posted; a stale event then changes nothing and posts nothing.

**A screen is laid out whole for a resize that changes nothing.**  Textual lays a screen out
again, every widget of it, for each ``Resize`` it gets, whatever its size: and a screen gets
three of the size it has at each start, none a change (the app's own at its start, the
terminal's first, which the app passes on though it is the same, and the screen's own first
layout, which tells the screen it was "shown"), and one more each time another screen opens
over it.  The main screen's layout is the most costly step of a start.  The guard: a screen
already laid out at the size a resize brings is not laid out again, the screen on top having
what its widgets asked for laid out by its own refresh, as always; a screen below, which lays
out what they asked for only at a resize (its lines' scroll bar, under a dialog opened at
once), is laid out then as before.  The width classes a resize sets (``-narrow``/``-wide``) are
set as before.

**An option list with no room for its options' text stops the app.**  To know an option's
height, ``OptionList`` wraps its text at the list's width less the option's padding; a list two
cells wide (the codebook's passages, the command palette's list, in a terminal made 20 or 6
columns wide) wraps it at 0 cells, and Rich's ``chop_cells`` raises ``ValueError``.  The guard
(:func:`guard_option_lists`, installed as the first option list's module loads, after the first
screen): such a list lays out no line, as Textual does for a list of no size, until a resize
gives it room; its height meanwhile is a line an option.

**Each app parses every stylesheet again.**  Textual keeps the rules it parsed from each source
(a widget class's ``DEFAULT_CSS``, ``app.tcss``) for one ``Stylesheet``, and each app makes its
own: a second app in the same process (each app test of the suite, each start of
``bench/app_cost.py``) parsed the first screen's 19 sources again, ~25 ms of its ~270 ms, and
the codebook's 10 more as it opened.  The guard (:func:`share_parses`, given the app's own
stylesheet, Textual's class untouched): the rules parsed from a source are kept for the
process, under the source, where it was read from, its tie-breaker and scope (Textual's own key)
and the stylesheet's variables (the theme's colours, which Textual's key leaves out because it
empties its cache when they change).  Parsed rules are only read once made (Textual already
hands the same ones to each parse of its stylesheet); a source with errors still raises in
each app, as its rules keep their errors.  A source the process has not parsed is looked for
in the cache folder, as an earlier start kept it (:mod:`tui_reader.ui.kept_styles`), before it
is parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer

from tui_reader.ui import kept_styles

if TYPE_CHECKING:
    from textual.css.model import RuleSet
    from textual.css.stylesheet import Stylesheet

SHORTEST = 0.001  # seconds: the smallest delay a timer is given

_original_timer_init = Timer.__init__
_original_screen_resize = Screen._on_resize
_original_screen_resized = Screen._screen_resized


def _timer_init(self: Timer, event_target: Any, interval: float, *args: Any, **kwargs: Any) -> None:
    _original_timer_init(self, event_target, max(SHORTEST, interval), *args, **kwargs)


async def _screen_resize(self: Screen[Any], event: events.Resize) -> None:
    size = self.app.size
    if event.size != size:  # posted before the terminal changed size again
        event.stop()
        event = events.Resize(size, size, size, event.pixel_size)
    await _original_screen_resize(self, event)


def _screen_resized(self: Screen[Any], size: Size) -> None:
    pending = self._layout_required or self._layout_widgets  # asked for by a widget of it
    # What the screen on top has pending its update timer lays out (out of a batch), and it
    # alone: a screen below waits for a resize, or for its turn on top again.
    served = self.is_current and not self.app._batch_count
    if self.outer_size != size or (pending and not served):
        _original_screen_resized(self, size)


def install() -> None:
    """The guards of timers and screens, for every one made from now on (once per
    process)."""
    Timer.__init__ = _timer_init  # type: ignore[method-assign]
    Screen._on_resize = _screen_resize  # type: ignore[method-assign]
    Screen._screen_resized = _screen_resized  # type: ignore[method-assign]


def guard_option_lists() -> None:
    """The option lists' guard, for every ``OptionList`` (Textual's command palette's too;
    once per process)."""
    from textual.widgets import OptionList

    if getattr(OptionList, "_guarded_for_room", False):
        return
    update_lines, content_height = OptionList._update_lines, OptionList.get_content_height

    def text_room(option_list: OptionList, width: int) -> int:
        return width - option_list.get_component_styles("option-list--option").padding.width

    def _update_lines(self: OptionList) -> None:
        region = self.scrollable_content_region
        if region and text_room(self, region.width - self._get_left_gutter_width()) < 1:
            return
        update_lines(self)

    def get_content_height(self: OptionList, container: Size, viewport: Size, width: int) -> int:
        if text_room(self, width) < 1:
            return self.option_count
        return content_height(self, container, viewport, width)

    OptionList._update_lines = _update_lines  # type: ignore[method-assign]
    OptionList.get_content_height = get_content_height  # type: ignore[method-assign]
    OptionList._guarded_for_room = True  # type: ignore[attr-defined]


# The rules parsed from each source, for the process: (variables, Textual's key) -> rules.
# Room for every widget class's source under a few themes.
_PARSED: LRUCache[tuple[object, tuple[object, ...]], list[RuleSet]] = LRUCache(1024)


class SharedParses:
    """A stylesheet's parse cache (``Stylesheet._parse_cache``: looked up by Textual's key,
    filled, emptied when the variables change) kept in :data:`_PARSED` for every stylesheet
    given one, under the variables it parses with."""

    def __init__(self, stylesheet: Stylesheet) -> None:
        self._stylesheet = stylesheet
        self._variables: dict[str, str] | None = None  # the ones last seen, and their key
        self._variables_key: tuple[tuple[str, str], ...] = ()

    def _key(self, key: tuple[object, ...]) -> tuple[object, tuple[object, ...]]:
        variables = self._stylesheet._variables
        if variables is not self._variables:  # set_variables gives the stylesheet a new dict
            self._variables = variables
            self._variables_key = tuple(sorted(variables.items()))
        return (self._variables_key, key)

    def __getitem__(self, key: tuple[object, ...]) -> list[RuleSet]:
        shared = self._key(key)
        rules = _PARSED.get(shared)
        if rules is None:
            rules = kept_styles.kept().rules(self._variables_key, key)  # by an earlier start
            if rules is None:
                raise KeyError(key)
            _PARSED.set(shared, rules)
        return rules

    def __setitem__(self, key: tuple[object, ...], rules: list[RuleSet]) -> None:
        _PARSED.set(self._key(key), rules)
        kept_styles.kept().parsed(self._variables_key, key, rules)

    def clear(self) -> None:
        """New variables (Textual empties its cache): the key holds them already."""


def share_parses(stylesheet: Stylesheet) -> None:
    """``stylesheet`` (an app's) parses each source once per process and set of variables."""
    stylesheet._parse_cache = SharedParses(stylesheet)  # type: ignore[assignment]
