"""A one-line text field that keeps a burst of keys in the order they were typed.

Textual's ``Input`` inserts a character in its own key handler, but runs its key bindings
(``backspace``, ``delete``, the cursor keys, ``enter``...) only once the key has bubbled up
through every container to the app: each hop waits in that container's queue.  When the app
is busy (a filter rebuilding a list on every keystroke), characters typed after a backspace
are inserted before the backspace runs, which then deletes them: "milit", five backspaces,
"interv" came out as "minter".  :class:`TextField` runs its own bindings in its own key
handler, in the order the keys came, as it inserts characters.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.widget import Widget
from textual.widgets import Input


class TextField(Input):
    """An ``Input`` whose own key bindings run in typing order."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # the app ran those before the key reached the field
            event.stop()
            event.prevent_default()
            await self.run_action(binding.action)
            return
        await super()._on_key(event)


class KeysFollowFocus(Widget):
    """A list or view where a key may move the focus (``/`` opens a filter field): the rest
    of a burst typed after that key goes where the focus went, in the order typed.

    The app sends each key to the widget focused when the key arrives; a burst arrives at
    once, so the keys after ``/`` are sent here before ``/`` has run (a container's binding
    runs only once the key has bubbled up to it).  So the binding for a key in
    :attr:`FOCUS_KEYS` runs here, at once; and a key that reaches this widget after the
    focus left it is passed on to the widget that has the focus now."""

    FOCUS_KEYS: ClassVar[frozenset[str]] = frozenset()

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in self.FOCUS_KEYS:
            for node in self.ancestors_with_self:
                for binding in node._bindings.key_to_bindings.get(event.key, ()):
                    event.stop()
                    event.prevent_default()
                    await self.app.run_action(binding.action, node)
                    return
        await super()._on_key(event)
