"""A message declared with fields (``ui/field_message.py``) is called as the dataclass it
replaces: its fields in order, by position or by name, defaults for the rest."""

from __future__ import annotations

import threading
from dataclasses import field
from typing import ClassVar

import pytest

from tui_reader.ui.field_message import FieldMessage


class Opened(FieldMessage):
    """A message as the app declares them."""

    LIMIT: ClassVar[int] = 3  # not a field
    key: str
    preview: bool
    changed: bool = False


class Loaded(FieldMessage):
    """A message with a value made for each one."""

    key: str
    shown: threading.Event = field(default_factory=threading.Event)
    size: int = field(default=0)


class Reopened(Opened):
    """A message adding a field to another's."""

    times: int = 1


def test_fields_by_position_by_name_and_by_default() -> None:
    by_position = Opened("a.txt", True)
    assert (by_position.key, by_position.preview, by_position.changed) == ("a.txt", True, False)
    by_name = Opened(preview=False, key="b.txt", changed=True)
    assert (by_name.key, by_name.preview, by_name.changed) == ("b.txt", False, True)
    assert Opened._fields == ("key", "preview", "changed")


def test_a_subclass_adds_its_fields_after_its_base_s() -> None:
    message = Reopened("a.txt", False, True, 4)
    assert Reopened._fields == ("key", "preview", "changed", "times")
    assert (message.changed, message.times) == (True, 4)
    assert Reopened("a.txt", False).times == 1


def test_a_default_factory_makes_each_message_its_own_value() -> None:
    first, second = Loaded("a.txt"), Loaded("b.txt", size=3)
    assert isinstance(first.shown, threading.Event)
    assert first.shown is not second.shown
    assert (first.size, second.size) == (0, 3)


@pytest.mark.parametrize(
    ("values", "named", "said"),
    [
        (("a.txt",), {}, "missing 'preview'"),
        (("a.txt", True, False, 4), {}, "takes 3 values, 4 given"),
        (("a.txt", True), {"key": "b"}, "got 'key' twice"),
        (("a.txt", True), {"shown": 1}, "got no field 'shown'"),
    ],
)
def test_a_wrong_call_is_refused_as_a_dataclass_s_is(
    values: tuple[object, ...], named: dict[str, object], said: str
) -> None:
    with pytest.raises(TypeError, match=said):
        Opened(*values, **named)


def test_a_field_without_a_default_after_one_with_one_is_refused() -> None:
    with pytest.raises(TypeError, match="'later' without a default"):

        class Wrong(FieldMessage):  # pyright: ignore[reportUnusedClass]
            first: int = 0
            later: int


def test_it_is_a_textual_message_named_by_its_values() -> None:
    message = Opened("a.txt", True)
    assert message.handler_name == "on_opened"
    assert repr(message) == "Opened(key='a.txt', preview=True, changed=False)"
    assert message != Opened("a.txt", True)  # compared by identity, as Textual's messages
    assert not message._stop_propagation
