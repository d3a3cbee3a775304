"""Counting the calls of a function or method for the length of a test."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class CallCount:
    calls: int = 0


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> CallCount:
    """Replace ``owner.name`` (a class's method or a module's function) by one that counts
    its calls and does what it did; the count is read from the returned object."""
    count = CallCount()
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        count.calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return count
