"""Yes/no questions (drop a note? delete? quit?) opened by keys of a burst: the keys typed
behind the key that asked go to the question as soon as it is on top.  The question takes
the keys itself and has nothing to focus; the key relay waited for a focused widget and
held the keys behind each question for its longest wait (a second) instead."""

from __future__ import annotations

from helpers.app import AppFactory, burst, reader_focused, wait_until


async def test_keys_behind_questions_in_one_burst_go_on_without_waiting_for_a_focus(
    make_app: AppFactory,
) -> None:
    """Two notes begun and dropped (``esc``, then ``y`` to the question) and a third passage
    tagged, in one burst: the passage is saved with its tag.  The relay has no longest wait:
    the keys held behind a question go on only if the relay sees the question as ready to
    take them (before, the burst stopped at the first question and the test ran out)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.pause()
        dropped = ["v", "w", "a", *"dropped", "escape", "y", "w"]
        await burst(pilot, [*dropped, *dropped, "v", "w", "a", *"kept", "ctrl+s"])
        store = app.workspace.store
        await wait_until(pilot, lambda: app.screen is screen and len(store.annotations()) == 1)
        (annotation,) = store.annotations()
        assert annotation.tags == ("kept",)
        assert reader.has_focus


async def test_keys_held_behind_enter_go_to_the_question_enter_asked() -> None:
    """A name typed, ``enter`` (the name is taken: replace it?) and ``n`` in one burst: the
    question is answered ``n``.  The field held ``n`` until the focus left it; with the
    question on top nothing had the focus, and the field dropped the keys it held."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    from tui_reader.ui.screens.confirm import ConfirmScreen
    from tui_reader.ui.widgets.text_field import HandingOverField

    answers: list[bool | None] = []

    class NameField(App[None]):
        def compose(self) -> ComposeResult:
            yield HandingOverField(id="field")

        def on_input_submitted(self, event: Input.Submitted) -> None:
            self.push_screen(ConfirmScreen("Replace it?", "Replace"), answers.append)

    app = NameField()
    async with app.run_test() as pilot:
        field = app.query_one("#field", HandingOverField)
        field.focus()
        await pilot.pause()
        await burst(pilot, [*"ab", "enter", "n"])
        await wait_until(pilot, lambda: bool(answers))
        assert answers == [False]
        assert app.screen is app.screen_stack[0]
        assert field.value == "ab"
