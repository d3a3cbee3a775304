"""Keys of a burst run in the order they were typed, wherever the focus goes meanwhile.

A burst (key repeat, a fast typist) reaches the app at once: each key is sent to the widget
focused when it arrives, while a container's binding runs only once the key has bubbled up to
it, and a key that moves the focus or opens a screen takes effect after the keys behind it
were sent.  :func:`run_binding_at_once` runs a key's binding where the key is, at once;
:class:`KeysFollowFocus` (lists, the reading view) and the text fields
(:mod:`tui_reader.ui.widgets.text_field`) use it.  Apart from the text fields so that the
first screen, which shows no field, does not load them.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.dom import DOMNode
from textual.widget import Widget


def passed_to_new_screen(widget: Widget, event: events.Key) -> bool:
    """True (the key stopped) when ``event`` reached ``widget`` after a key of its burst
    opened a screen above it: it waits in the app's key relay for that screen."""
    from tui_reader.ui.key_relay import relay_of

    if widget.screen is widget.app.screen:
        return False
    event.stop()
    event.prevent_default()
    relay_of(widget.app).pass_on(event, widget)
    return True


def bindings_looked_for(widget: Widget, event: events.Key) -> None:
    """:func:`run_binding_at_once` found no binding of ``event`` in ``widget``'s chain, up to
    the app: the app does not look for one again where the focus is when the key reaches it
    (:meth:`~tui_reader.ui.key_relay.KeyRelay.bindings_looked_for`)."""
    from tui_reader.ui.key_relay import relay_of

    relay_of(widget.app).bindings_looked_for(event)


async def run_binding_at_once(widget: Widget, event: events.Key, nodes: Iterable[DOMNode]) -> bool:
    """Run the binding of ``event``'s key nearest ``widget`` among ``nodes`` (the widget and
    its containers, nearest first, as Textual looks for it once the key has bubbled up to the
    app), now, in the order the keys came; True (the key stopped) if one ran.  The keys that
    reach the app while it runs, and behind it when it opened a screen, wait in the app's
    :class:`~tui_reader.ui.key_relay.KeyRelay`."""
    from tui_reader.ui.key_relay import relay_of

    app = widget.app
    for node in nodes:
        for binding in node._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # the app ran those before the key reached the widget
            screen = app.screen
            relay = relay_of(app)
            relay.begin(widget)
            try:
                ran = await app.run_action(binding.action, node)
            finally:
                relay.end(opened=app.screen is not screen)
            if ran:
                event.stop()
                event.prevent_default()
                return True
    return False


class KeysFollowFocus(Widget):
    """A list or view where a key may move the focus (``/`` opens a filter field) or open a
    screen (``a`` the annotate dialog): the rest of a burst typed after that key goes where
    the focus went, in the order typed.

    The app sends each key to the widget focused when the key arrives; a burst arrives at
    once, so the keys after ``/`` are sent here before ``/`` has run (a container's binding
    runs only once the key has bubbled up to it).  So every key's binding (this widget's or
    an ancestor's, the nearest first, as Textual looks for it) runs here, at once, in the
    order the keys came; a key that reaches this widget after the focus left it is passed on
    to the widget that has the focus now; and the keys that reach it after a key opened a
    screen above it wait in the app's :class:`~tui_reader.ui.key_relay.KeyRelay` until that
    screen has the focus."""

    async def _on_key(self, event: events.Key) -> None:
        if passed_to_new_screen(self, event):
            return
        from tui_reader.ui.reading_pane.opening_keys import held_while_opening

        if held_while_opening(self, event):
            return
        focused = self.app.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            from tui_reader.ui.key_relay import sent_again

            focused.post_message(sent_again(event))
            return
        if await run_binding_at_once(self, event, self.ancestors_with_self):
            return
        bindings_looked_for(self, event)
        await super()._on_key(event)
