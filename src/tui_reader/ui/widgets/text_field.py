"""A one-line text field that keeps a burst of keys in the order they were typed, and the text
it holds when it takes the focus.

Textual's ``Input`` inserts a character in its own key handler, but runs its key bindings
(``backspace``, ``delete``, the cursor keys, ``enter``...) only once the key has bubbled up
through every container to the app: each hop waits in that container's queue.  When the app
is busy (a filter rebuilding a list on every keystroke), characters typed after a backspace
are inserted before the backspace runs, which then deletes them: "milit", five backspaces,
"interv" came out as "minter".  :class:`TextField` runs its own bindings in its own key
handler, in the order the keys came, as it inserts characters.

Textual selects a field's whole text when it takes the focus, so the first key typed replaces
it: ``/`` to refine a query wiped it.  A :class:`TextField` keeps its text and its cursor
(:meth:`TextField.edit` puts the cursor at the end); a dialog opened to replace one value (a
rename, a colour, the corpus search's last query) selects it itself as it opens.

Moved on the screen without its cursor moving (the terminal resized under its dialog, its
box scrolled), a field left the terminal's cursor where it was before, which Textual moves
only as the field's own cursor moves: the field puts it where its own is drawn, each time it
is drawn, as :class:`~tui_reader.ui.widgets.text_editor.TextEditor` does.  Textual scrolls
a field's text to its cursor only as the cursor moves, too: a field given a text longer than
it is wide, before it had a width, showed its beginning with the cursor out of sight at its
end, so the field scrolls to its cursor whenever its width changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ScreenStackError
from textual.binding import BindingType
from textual.geometry import Region
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from tui_reader.ui import keymap
from tui_reader.ui.key_relay import sent_again, takes_keys_itself
from tui_reader.ui.widgets.key_bursts import (
    bindings_looked_for,
    passed_to_new_screen,
    run_binding_at_once,
)


def one_line(pasted: str, joined: str = " ") -> str | None:
    """A paste of several lines as one: its lines, without the blanks around them and the
    empty ones, joined by ``joined``; None for a paste of one line."""
    lines = [line.strip() for line in pasted.splitlines()]
    if len(lines) < 2:
        return None
    return joined.join(line for line in lines if line)


# Textual's names of keys it renamed ("slash"), by their Unicode names' ("solidus")
_UNICODE_NAMED = {short: long for long, short in KEY_NAME_REPLACEMENTS.items()}


class TextField(Input):
    """An ``Input`` whose key bindings run in typing order: its own, then (for a key that
    types nothing) the nearest container's, at once (:func:`run_binding_at_once`); its text
    is not selected when it takes the focus."""

    # What joins the lines of a paste: Textual's Input kept the first line alone, so a phrase
    # copied over a line's end ("the journey north and" / "the shelters"), pasted after ``/``,
    # searched for its first half, and "country=Mexico" / "age=34" set the country alone.
    PASTED_LINES_JOINED = " "

    def __init__(self, *args: Any, placeholders: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        if placeholders:
            kwargs["placeholder"] = placeholders[0]
        super().__init__(*args, **kwargs)
        # The placeholder in shorter forms each: the first the field shows whole (a hint cut
        # in a word at 80 columns, "…, doc:NAME, t", lost what it said last).
        self._placeholders = tuple(placeholders)

    def on_resize(self) -> None:
        self._fit_placeholder()
        self._cursor_in_sight()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Whether ``key`` types here: then the bindings of the screen around it are not said
        in the footer.  Textual finds no character for the keys it renames (``slash``,
        ``minus``, ``plus``...), and the footer said "/ Filter" and "/ Search" while ``/``
        typed a slash in the library's filter."""
        if character is None:
            character = key_to_character(_UNICODE_NAMED.get(key, key))
        return super().check_consume_key(key, character)

    def _cursor_in_sight(self) -> None:
        # Filled before it had a width (a dialog's field given the tags to edit), a field
        # showed the text's beginning and its cursor, at the end, out of sight past its edge:
        # Textual scrolls to the cursor only as the cursor moves.
        if self.content_size.width > 0:
            at = cell_len(self.value[: self.cursor_position]) + self.cursor_at_end  # as Input
            self.scroll_to_region(Region(at, 0, 1, 1), force=True, animate=False, immediate=True)

    def set_placeholders(self, placeholders: Sequence[str]) -> None:
        """Show other forms of the placeholder (each shorter), fitted now and on each resize."""
        self._placeholders = tuple(placeholders)
        self.placeholder = self._placeholders[0]
        self._fit_placeholder()

    def _fit_placeholder(self) -> None:
        if self._placeholders and self.content_size.width > 0:
            from tui_reader.ui.widgets.border_fit import first_fitting

            # (the cursor takes a cell after the text: a hint as wide as the field is cut)
            self.placeholder = first_fitting(self._placeholders, self.content_size.width - 1)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Drawn where it now is: the terminal's cursor put where the field's is.
        if self.has_focus and self.screen.is_current:
            self.app.cursor_position = self.cursor_screen_offset
        return super().render_lines(crop)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste of several lines is one line: its lines, without the blanks around them and
        the empty ones, joined by :attr:`PASTED_LINES_JOINED` (not Input's first line alone)."""
        text = one_line(event.text, self.PASTED_LINES_JOINED)
        if text is None:
            return  # one line: as Input pastes it
        event.prevent_default()  # not Input's handler, which pastes the first line again
        event.stop()
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)

    def edit(self) -> None:
        """Take the focus at once (keys typed right behind the key that asked go here), the
        text kept, the cursor after it: to refine what is there."""
        self.screen.set_focus(self)
        self.cursor_position = len(self.value)

    async def _on_key(self, event: events.Key) -> None:
        if passed_to_new_screen(self, event):
            return
        # A character is typed here unless the field binds it; a key that types nothing
        # runs the binding nearest the field, its own first.
        nodes = (self,) if event.is_printable else self.ancestors_with_self
        if await run_binding_at_once(self, event, nodes):
            return
        if not event.is_printable:
            bindings_looked_for(self, event)
        await super()._on_key(event)


def filter_left(field: Input, back: Widget, *, cleared: bool = False) -> None:
    """A view's ``/`` filter ``field`` left for ``back`` (the list it filters): by ``enter``
    its words kept, by ``esc`` (``cleared``) emptied; shown only while it holds some."""
    if cleared:
        field.value = ""
    if not field.value:
        field.remove_class("-active")
    back.screen.set_focus(back)  # at once: focus() waits its turn, behind a burst's keys


class HandingOverField(TextField):
    """A field whose ``enter`` moves the focus away (a filter to its list, the search prompt
    back to the text, the corpus query to its hits): the rest of a burst typed after
    ``enter`` goes where the focus went, in the order typed; so does the rest of a burst
    typed after an ``escape`` that a container takes (the library's filter, which it empties
    and leaves).

    The app sends each key of a burst to this field before its ``enter`` has run, and the
    focus moves only once the submitted value has reached the screen: ``G`` after ``enter``
    went into the query.  So after ``enter`` (with a value, unless ``empty_enter_leaves``)
    keys are held here, and passed on to the focused widget once the focus has left
    (:meth:`_on_blur`: every key sent here before the focus moved has reached this field by
    then).  Should the focus stay (nothing moved it), the keys held are typed here after
    :data:`HOLD_AT_MOST` seconds: never lost.

    A field that stays on show above what it hands over to (the query view's) may type
    here, with ``typed_after_a_pause``, a key typed more than its hold after ``enter`` while
    it still has the focus: a burst behind ``enter`` comes at once, and a key typed seconds
    later, the field's text still there with its cursor, is the query being edited (while a
    big project's passages were placed, such keys waited unseen for minutes, then went to
    the passages: ``o`` sorted them, ``enter`` opened one, ``e`` edited its annotation)."""

    HOLD_AT_MOST: ClassVar[float] = 0.5

    def __init__(
        self,
        *args: Any,
        empty_enter_leaves: bool = True,
        hold_at_most: float | None = None,
        handing_over: Callable[[], bool] | None = None,
        typed_after_a_pause: bool = False,
        **kwargs: Any,
    ) -> None:
        """``handing_over``: whether the work ``enter`` started, which moves the focus when
        done, is under way still (:meth:`still_handing_over`); ``typed_after_a_pause``: a
        key typed more than ``hold_at_most`` after ``enter``, the focus here still, is typed
        here, with the keys held before it, not handed over."""
        super().__init__(*args, **kwargs)
        self.empty_enter_leaves = empty_enter_leaves
        # A field whose enter starts work that moves the focus when done holds longer.
        self.hold_at_most = self.HOLD_AT_MOST if hold_at_most is None else hold_at_most
        self._handing_over = handing_over
        self._typed_after_a_pause = typed_after_a_pause
        self._held: list[events.Key] | None = None  # keys after enter, until the focus leaves
        self._held_since: float | None = None  # when the enter that began the hold was typed
        self._busy: Callable[[], bool] | None = None  # see hold_through
        self._refuse: Callable[[events.Key], object] | None = None

    async def _on_key(self, event: events.Key) -> None:
        if self._refused(event):
            return
        if self._held is not None:
            event.stop()
            event.prevent_default()
            self._held.append(sent_again(event))
            if self.app.focused is not self:
                self._pass_on()
            elif self._typed_after_a_pause and self._after_the_hold(event):
                # The user types here again: the held keys and this one, at once (posted,
                # they would come after the keys typed behind this one, queued already).
                held, self._held = self._held, None
                for key in held:
                    await self._on_key(key)
            return
        await super()._on_key(event)
        if event.key == "enter" and (self.value or self.empty_enter_leaves):
            self.hold_keys(since=event.time)
        elif event.key == "escape" and not event._stop_propagation:
            # An escape no binding here took goes up to a container that may move the focus
            # once it gets there (the library's filter back to its list): the keys behind
            # it are held as behind enter ("j" typed behind it was typed here, then wiped).
            self.hold_keys(since=event.time)
        elif self.app.focused is not self and self.screen is self.app.screen:
            # A binding run here at once moved the focus (the details' esc, from a value
            # being edited back to the list): the keys sent here behind it follow it ("j"
            # was typed here, unseen, after the focus had gone).
            self.hold_keys(since=event.time)

    @property
    def holding_keys(self) -> bool:
        """Whether the keys typed from now on are held, to go where the focus goes as soon as
        ``enter`` has handed over (:func:`~tui_reader.ui.key_relay.holds_keys_behind_enter`);
        not behind work that hands over when done (a query run), where ``tab`` goes on at
        once, as the keys typed later are the field's."""
        return self._held is not None and not self.still_handing_over()

    @property
    def keeps_keys(self) -> bool:
        """Whether keys sent here are held still, to go where the focus goes (behind
        ``enter``, or behind the work it started: a search under way), this field on show:
        the app's key relay sends the next key of a burst once they have gone
        (:func:`~tui_reader.ui.key_relay.keeps_keys`)."""
        return self._held is not None and self.is_attached and not (self._closing or self._closed)

    def hold_through(
        self, busy: Callable[[], bool], refuse: Callable[[events.Key], object]
    ) -> None:
        """The work ``enter`` started goes on, the screen live, while ``busy()`` (a save of
        seconds): the keys typed behind ``enter`` are held until it is done and go where the
        focus goes then; a key typed later than the hold meanwhile is no part of that burst,
        and is not typed here either (what is being saved is what shows): ``refuse(key)``
        says so."""
        self._busy, self._refuse = busy, refuse

    def _refused(self, event: events.Key) -> bool:
        """Whether ``event`` was refused (see :meth:`hold_through`)."""
        if self._busy is None or self._refuse is None or not self._busy():
            return False
        if self._held is not None and not self._after_the_hold(event):
            return False  # a key of the burst behind enter: held
        event.stop()
        event.prevent_default()
        self._refuse(event)
        return True

    def _after_the_hold(self, event: events.Key) -> bool:
        """Whether ``event`` was typed longer after the ``enter`` that began the hold than
        the hold lasts (both times as the terminal's keys came, not as they were handled)."""
        since = self._held_since
        return since is not None and event.time - since > self.hold_at_most

    def hold_keys(self, since: float | None = None) -> None:
        """Hold the keys that come from now on until the focus leaves (as behind ``enter``):
        a key that hands over as ``enter`` does (``down`` in the corpus search, before its
        first hit) calls it, and the keys typed behind it go where the focus goes
        (``since``: the time of the key that began the hold, as a key's ``time``)."""
        if self._held is None:
            self._held = []
            self._held_since = since
            self.set_timer(self.hold_at_most, self._stayed)

    def still_handing_over(self) -> bool:
        """Whether the work ``enter`` started, which moves the focus when done, is known to be
        under way still (the keys held then wait on past :data:`HOLD_AT_MOST`)."""
        return (self._handing_over is not None and self._handing_over()) or (
            self._busy is not None and self._busy()
        )

    def stay(self) -> None:
        """``enter`` did not move the focus (a save refused): the keys held come here, in
        order, as typed."""
        held, self._held = self._held, None
        for key in held or ():
            self.post_message(key)

    def _stayed(self) -> None:
        """The focus did not leave: the keys held are typed here, in order.  (Or it left
        without telling this field: its screen closed.  They go where the focus is.)"""
        if self._held is None:
            return
        if self.app.focused is self and self.still_handing_over():
            self.set_timer(self.hold_at_most, self._stayed)
            return
        if self.app.focused is not self:
            self._pass_on()
            self._held = None
            return
        self.stay()

    def _on_blur(self, event: events.Blur) -> None:
        self._pass_on()
        self._held = None
        super()._on_blur(event)

    def _on_focus(self, event: events.Focus) -> None:
        self._held = None
        super()._on_focus(event)

    def _pass_on(self) -> None:
        """The keys held so far, to the widget focused now, or to a question on top, which
        takes the keys itself with nothing to focus (``enter`` asked whether to replace a
        name, and ``n`` typed behind it was dropped); else dropped, as the app would."""
        held, focused = self._held, self.app.focused
        if not held or focused is self:
            return
        target: Widget | None = focused
        if target is None:
            try:
                screen = self.app.screen
            except ScreenStackError:  # the app is quitting: the keys go nowhere
                return
            target = screen if takes_keys_itself(screen) else None
        if target is None:
            return
        self._held = []
        for key in held:
            target.post_message(key)


class FilterField(HandingOverField):
    """A list's ``/`` filter (the library's, the codebook's): ``enter`` keeps it and goes
    back to the list, said in the footer with the list's ``esc``; the list's ``/``, which
    types a slash here, is not (the footer read "/ Filter" alone while the filter was typed)."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("filter")


class QueryField(HandingOverField):
    """The query view's query: ``enter`` runs it (and goes to its passages), said in the
    footer, which read "esc Close" alone while a query was typed."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("query_field")
