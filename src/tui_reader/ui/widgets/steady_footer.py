"""Textual's ``Footer``, composed again only when the keys it shows changed; and a dialog's
footer, which shows the dialog's keys alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui_reader.ui.key_relay import relay_of
from tui_reader.ui.showing import show

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen

Shown = tuple[tuple[str, "Binding", bool, str], ...]

STOP_WAITING = "app.stop_waiting"  # ctrl+g's key in the registry
HELP = "app.help"  # ?'s key in the registry (the help): kept first in a narrow footer
# A dialog footer's words for app keys it shows (their descriptions are the help's sentences)
WORDS = {STOP_WAITING: "Stop waiting"}


def _is_help(key: Widget) -> bool:
    from tui_reader.ui import keymap  # as DialogFooter does

    return isinstance(key, FooterKey) and key.key in keymap.by_id()[HELP].keys


def _outer_width(key: Widget) -> int:
    """The cells ``key`` takes as laid out, its margins too."""
    margin = key.styles.margin
    return key.region.width + margin.left + margin.right


def _styled_once(key: Widget, compact: bool) -> Widget:
    """``key`` (a footer's key not yet mounted) given the compact look it ends with: a
    ``FooterKey`` is made compact and, bound to its footer's ``compact`` (not so), styled once
    compact as it mounts and once more as the binding makes it not: two passes of the
    stylesheet over every key each time a footer composes its keys.  The palette's key, not
    bound, stays compact (as Textual draws it)."""
    if isinstance(key, FooterKey):
        compact = compact or key.has_class("-command-palette")
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)
    return key


class SteadyFooter(Footer):
    """A ``Footer`` that composes its keys again once per change of what they are, not once
    per signal that they may have changed: Textual's composes them again (a dozen widgets
    mounted and styled) after each focus change or binding refresh, five to seven times while
    a screen settles, even when the same keys come back."""

    def __init__(self) -> None:
        super().__init__()
        self._pending = False  # a look at the keys is queued for after the next refresh
        self._shown: Shown | None = None  # the keys composed last
        self._widths: dict[Widget, int] = {}  # each key's cells, margins too, once laid out

    def on_mount(self) -> None:
        self.call_after_refresh(self._fit)
        # The keys are not looked at while the terminal has not the focus (bindings_changed):
        # the focus moved meanwhile (a document opened from the library), and the terminal's
        # focus given back with a key typed, not reported, left the keys of the widget focused
        # before shown (the library's "Open  Filter" over the reading view, where `x` deletes).
        self.watch(self.app, "app_focus", self._app_focus_changed, init=False)

    def _app_focus_changed(self, focus: bool) -> None:
        if focus and self.is_attached:
            self.bindings_changed(self.screen)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Show the keys that have the room for their words, in order, and not the ones after
        them: Textual cut the last key shown in its word at the footer's edge (at 40 columns,
        'esc Close  / Edit the quer')."""
        if not self.is_attached or not self.size.width:
            return
        keys = [child for child in self.children if not child.has_class("-command-palette")]
        for key in keys:
            if key not in self._widths and key.display and key.region.width:
                self._widths[key] = _outer_width(key)
        if any(key not in self._widths for key in keys):
            for key in keys:
                show(key)  # laid out whole first, to be measured
            self._fit_when_laid_out()
            return
        # The palette's key (docked at the right) as laid out: its size, told it after the
        # layout, could still be none on a busy machine, and the keys took its cells too (at
        # 60 columns "m Merge in" cut under it, "? Help" hidden).
        palette = [c for c in self.children if c.has_class("-command-palette") and c.display]
        if any(not c.region.width for c in palette):
            self._fit_when_laid_out()
            return
        room = self.size.width - sum(_outer_width(c) for c in palette)
        # What is kept when not all fit: the help first (the way to every key), then each
        # key in order that still fits; one that does not is left out, not those after it.
        kept: set[Widget] = set()
        used = 0
        for key in sorted(keys, key=lambda k: not _is_help(k)):
            if used + self._widths[key] <= room:
                used += self._widths[key]
                kept.add(key)
        for key in keys:
            show(key, key in kept)

    def _fit_when_laid_out(self) -> None:
        """Fit the keys again once they are laid out: after the next refresh, or, when
        another screen covers the footer's, once that screen lays them out (as it shows
        again).  A refresh of the screen on top lays out none of them: asked after each one,
        the footer was fitted about a thousand times a second, half the UI thread's time,
        for as long as that screen stayed (the keys composed again as a corpus search
        opened, the search's threads waited for the interpreter's lock)."""
        screen = self.screen
        if screen is self.app.screen:
            self.call_after_refresh(self._fit)
        elif self.is_running:  # (not a footer closing with its screen)
            signal = screen.screen_layout_refresh_signal
            signal.unsubscribe(self)  # asked once, however often told
            signal.subscribe(self, self._laid_out)

    def _laid_out(self, screen: Screen[object]) -> None:
        screen.screen_layout_refresh_signal.unsubscribe(self)
        self._fit()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or relay_of(screen.app).frames_held:
            return  # (told again when the frames are drawn: key_relay)
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._compose_if_changed)

    async def _compose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown != self._shown:
            self._shown = shown
            self._widths = {}
            await self.recompose()
            self.call_after_refresh(self._fit)

    def compose(self) -> ComposeResult:
        for key in self._keys():
            yield _styled_once(key, self.compact)

    def _keys(self) -> ComposeResult:
        """The keys, as :meth:`Footer.compose` makes them."""
        return super().compose()

    def _keys_shown(self) -> Shown:
        """What :meth:`Footer.compose` makes its keys of: each shown binding with its key,
        whether it is enabled and its tooltip, in order."""
        return tuple(
            (key, active.binding, active.enabled, active.tooltip)
            for key, active in self.screen.active_bindings.items()
            if active.binding.show
        )


class DialogFooter(SteadyFooter):
    """The footer of a dialog (a screen over another): the dialog's own keys, and not the
    app's.  Under a dialog the screen below showed its footer (``v Select  a Annotate  q
    Quit``), though in the dialog ``q`` is a letter typed and ``a`` annotates nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.show_command_palette = False

    def _keys_shown(self) -> Shown:
        """The bindings of the dialog and its widgets shown, one per action, in order; while
        its save waits for another process's lock, the one key that does something then:
        esc and ctrl+s only say that it waits (it said "esc Cancel  ^s Save" all along)."""
        if getattr(self.screen, "waiting_to_save", False):
            # The app's key (a dialog's bindings leave the app's out), as the registry has it
            from tui_reader.ui import keymap

            binding = keymap.by_id()[STOP_WAITING].binding()
            return ((binding.key, binding, True, ""),)
        bindings = self.screen.active_bindings
        actions: set[str] = set()
        shown = []
        for key, active in bindings.items():
            binding = active.binding
            if binding.show and not isinstance(active.node, App) and binding.action not in actions:
                actions.add(binding.action)
                shown.append((key, binding, active.enabled, active.tooltip))
        return tuple(shown)

    def _keys(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        words: dict[str, str] = {
            **WORDS,
            **getattr(self.screen, "footer_words", {}),
        }
        for _key, binding, enabled, tooltip in self._keys_shown():
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                words.get(binding.id or "", binding.description),
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
