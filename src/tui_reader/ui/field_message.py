"""A Textual message that carries a few values, declared as a dataclass's fields are
(``class Opened(FieldMessage): key: str; changed: bool = False``), made without ``@dataclass``.

``@dataclass`` writes each class's methods as source and compiles them (``exec``) as the module
loads: about 0.5 ms a message, and the first screen's modules declare two dozen messages it
never needs compared or printed.  Here the fields are read once from the class's annotations
as it is made, and one ``__init__`` shared by every message sets them: the same call (the
fields in order, by position or by name, a default for those declared with one), no code
compiled.  Type checkers read a subclass as a dataclass (``dataclass_transform``) and check
each call.  A message is compared by identity, as Textual's own are; its ``repr`` names its
values (``__rich_repr__``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import MISSING, Field, field
from typing import Any, ClassVar, dataclass_transform

from textual.message import Message

__all__ = ["FieldMessage"]

_NO_DEFAULT = object()


@dataclass_transform(eq_default=False, field_specifiers=(field,))
class FieldMessage(Message):
    """A message whose annotated class attributes are its fields (see the module)."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Callable[[], object]]] = {}  # what makes each default

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        fields = list(cls._fields)
        defaults = dict(cls._defaults)
        for name, annotation in inspect.get_annotations(cls).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            if name not in fields:
                fields.append(name)
            default = cls.__dict__.get(name, _NO_DEFAULT)
            if isinstance(default, Field):  # field(default=...) or field(default_factory=...)
                delattr(cls, name)  # as a dataclass leaves it, but for a plain default
                if default.default is not MISSING:
                    setattr(cls, name, default.default)
                    defaults[name] = _given(default.default)
                elif default.default_factory is not MISSING:
                    defaults[name] = default.default_factory
                else:
                    default = _NO_DEFAULT
            elif default is not _NO_DEFAULT:
                defaults[name] = _given(default)
            if default is _NO_DEFAULT and defaults and name not in defaults:
                raise TypeError(
                    f"{cls.__qualname__}: field {name!r} without a default follows one with one"
                )
        cls._fields = tuple(fields)
        cls._defaults = defaults

    def __init__(self, *values: object, **named: object) -> None:
        fields = self._fields
        if len(values) > len(fields):
            raise TypeError(
                f"{type(self).__qualname__}() takes {len(fields)} values, {len(values)} given"
            )
        for name, value in zip(fields, values, strict=False):
            if name in named:
                raise TypeError(f"{type(self).__qualname__}() got {name!r} twice")
            setattr(self, name, value)
        for name in fields[len(values) :]:
            if name in named:
                setattr(self, name, named.pop(name))
            elif name in self._defaults:
                setattr(self, name, self._defaults[name]())
            else:
                raise TypeError(f"{type(self).__qualname__}() missing {name!r}")
        if named:
            raise TypeError(f"{type(self).__qualname__}() got no field {next(iter(named))!r}")
        super().__init__()

    def __rich_repr__(self) -> Iterator[tuple[str, object]]:
        for name in self._fields:
            yield name, getattr(self, name)


def _given(value: object) -> Callable[[], object]:
    """The default ``value`` itself, each time."""
    return lambda: value
