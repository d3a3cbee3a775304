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

from textual import events
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
