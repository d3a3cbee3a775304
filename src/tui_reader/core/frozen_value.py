"""A small immutable value whose fields are its ``__slots__``, for the few the first screen's
modules declare: compared, hashed and shown by its fields as a frozen dataclass is, and set
once, by its ``__init__``.

``@dataclass(frozen=True)`` writes each class's ``__init__``, ``__eq__``, ``__hash__``,
``__repr__``, ``__setattr__`` and ``__delattr__`` as source and compiles them (``exec``) as its
module loads: about a millisecond a class, a dozen of them before the first screen.  A
:class:`FrozenValue` writes its ``__init__`` by hand (typed, as any function) and shares the
rest: the same equality (same class, same fields), hash (of the fields' tuple), ``repr``
(``Name(field=value, ...)``) and refusal to change (:class:`dataclasses.FrozenInstanceError`).
"""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError
from typing import Any, ClassVar

__all__ = ["FrozenValue"]


class FrozenValue:
    """Fields: the ``__slots__`` of the class, in the order of its annotations (a subclass's
    after its base's); its ``__init__`` sets each through :meth:`_set`."""

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        slots = cls.__dict__.get("__slots__", ())
        slots = (slots,) if isinstance(slots, str) else tuple(slots)
        # In the order the class declares them (its annotations), as a dataclass's fields.
        declared = [name for name in inspect.get_annotations(cls) if name in slots]
        cls._names = (*cls._names, *declared, *(n for n in slots if n not in declared))

    def _set(self, **fields: object) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in self._names])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._names, self._fields(), strict=True)
        )
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled and copied by its fields, made again through ``__new__`` and :meth:`_set`."""
        return (_made, (type(self), dict(zip(self._names, self._fields(), strict=True))))


def _made(cls: type[FrozenValue], fields: dict[str, object]) -> FrozenValue:
    value = cls.__new__(cls)
    value._set(**fields)
    return value
