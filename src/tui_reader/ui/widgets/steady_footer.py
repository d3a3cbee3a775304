"""Textual's ``Footer``, composed again only when the keys it shows changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

Shown = tuple[tuple[str, "Binding", bool, str], ...]


class SteadyFooter(Footer):
    """A ``Footer`` that composes its keys again once per change of what they are, not once
    per signal that they may have changed: Textual's composes them again (a dozen widgets
    mounted and styled) after each focus change or binding refresh, five to seven times while
    a screen settles, even when the same keys come back."""

    def __init__(self) -> None:
        super().__init__()
        self._pending = False  # a look at the keys is queued for after the next refresh
        self._shown: Shown | None = None  # the keys composed last

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
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
            await self.recompose()

    def _keys_shown(self) -> Shown:
        """What :meth:`Footer.compose` makes its keys of: each shown binding with its key,
        whether it is enabled and its tooltip, in order."""
        return tuple(
            (key, active.binding, active.enabled, active.tooltip)
            for key, active in self.screen.active_bindings.items()
            if active.binding.show
        )
