"""A small immutable value (``core/frozen_value.py``) behaves as the frozen dataclass it
replaces: equal, hashed and shown by its fields, refusing to change, pickled and copied."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.frozen_value import FrozenValue


class Place(FrozenValue):
    """A value as the modules declare them: its slots sorted, its fields in their order."""

    __slots__ = ("line", "name")
    name: str
    line: int

    def __init__(self, name: str, line: int = 0) -> None:
        self._set(name=name, line=line)


class Mark(Place):
    """A value adding a field to another's."""

    __slots__ = ("letter",)
    letter: str

    def __init__(self, name: str, line: int, letter: str) -> None:
        super().__init__(name, line)
        self._set(letter=letter)


@dataclass(frozen=True)
class DataPlace:
    """The frozen dataclass :class:`Place` stands for."""

    name: str
    line: int = 0


@given(st.text(max_size=5), st.integers(), st.text(max_size=5), st.integers())
def test_equal_hashed_and_shown_as_the_frozen_dataclass(
    name: str, line: int, other: str, other_line: int
) -> None:
    one, two = Place(name, line), Place(other, other_line)
    as_data = DataPlace(name, line), DataPlace(other, other_line)
    assert (one == two) == (as_data[0] == as_data[1])
    assert one == Place(name, line) and hash(one) == hash(Place(name, line))
    assert hash(one) == hash(as_data[0])
    assert repr(one) == repr(as_data[0]).replace("DataPlace", "Place")


def test_another_class_with_the_same_fields_is_not_equal() -> None:
    assert Place("a", 1) != DataPlace("a", 1)
    assert Place("a", 1) != ("a", 1)
    assert Mark("a", 1, "m") != Place("a", 1)


def test_a_subclass_s_fields_come_after_its_base_s() -> None:
    assert repr(Mark("a", 1, "m")) == "Mark(name='a', line=1, letter='m')"


def test_it_refuses_to_change() -> None:
    place = Place("a")
    with pytest.raises(FrozenInstanceError):
        place.line = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del place.name  # type: ignore[misc]
    with pytest.raises(AttributeError):
        place.other = 1  # type: ignore[attr-defined]
    assert place == Place("a", 0)


def test_pickled_and_copied_by_its_fields() -> None:
    mark = Mark("a", 3, "m")
    for again in (pickle.loads(pickle.dumps(mark)), copy.copy(mark), copy.deepcopy(mark)):
        assert again == mark and again is not mark
