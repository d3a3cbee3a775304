"""Counting the calls of a function or method for the length of a test."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
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


def first_arguments(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Any]:
    """Replace ``owner.name`` (a module's function, or a bound method) by one that does what it
    did and notes its first argument: the arguments it is given from now, in order."""
    given: list[Any] = []
    real = getattr(owner, name)

    def noted(first: Any, *args: Any, **kwargs: Any) -> Any:
        given.append(first)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(owner, name, noted)
    return given


def names_given(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[str]:
    """Replace ``owner.name`` (a function or a bound method taking a path or a document's key
    first) by one that does what it did and notes the file name of its first argument: the
    names it is given from now, in order."""
    from pathlib import Path

    given: list[str] = []
    real = getattr(owner, name)

    def noted(path: Any, *args: Any, **kwargs: Any) -> Any:
        given.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(owner, name, noted)
    return given


@dataclass
class CallRecord:
    """Each call's arguments (after ``self`` for a method) and the thread that made it."""

    args: list[tuple[Any, ...]] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)


def record_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> CallRecord:
    """Replace the method ``owner.name`` by one that records each call (its positional
    arguments after ``self``, its thread's name) and does what it did."""
    record = CallRecord()
    real = getattr(owner, name)

    def recorded(self: Any, *args: Any, **kwargs: Any) -> Any:
        record.args.append(args)
        record.threads.append(threading.current_thread().name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return record


def held_calls(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, seconds: float
) -> threading.Event:
    """Replace ``owner.name`` by one that waits until the returned event is set (at most
    ``seconds``) and then does what it did."""
    release = threading.Event()
    real = getattr(owner, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        release.wait(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return release


def ended_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> threading.Event:
    """Replace ``owner.name`` by one that does what it did and then sets the returned event,
    however the call ended (a worker's thread at its end, returned or raised)."""
    ended = threading.Event()
    real = getattr(owner, name)

    def ending(*args: Any, **kwargs: Any) -> Any:
        try:
            return real(*args, **kwargs)
        finally:
            ended.set()

    monkeypatch.setattr(owner, name, ending)
    return ended


class TooMuchWork(AssertionError):
    """Raised by :func:`lines_run` once its call ran more lines of Python than allowed."""


def lines_run(call: Any, *, at_most: int) -> tuple[Any, int]:
    """What ``call()`` returns and the lines of Python it ran (in every function it called):
    a measure of its work that does not hang on the machine's load, for a test that a piece of
    code is not quadratic.  Stopped with :class:`TooMuchWork` past ``at_most`` lines, so a
    quadratic regression fails at once instead of running for minutes."""
    import sys

    ran = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal ran
        if event == "line":
            ran += 1
            if ran > at_most:
                raise TooMuchWork(f"more than {at_most:,} lines of Python run")
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = call()
    finally:
        sys.settrace(previous)
    return result, ran


def documents_scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the documents the catalog's scan is given for the rest of the test (what a
    command reads of the corpus), in order, the scan doing what it did."""
    from collections.abc import Iterator, Sequence

    import tui_reader.core.documents.catalog as catalog

    scanned: list[str] = []
    real = catalog.scan_facts

    def recorded(files: Sequence[tuple[str, Any]], *args: Any, **kwargs: Any) -> Iterator[Any]:
        scanned.extend(key for key, _ in files)
        return real(files, *args, **kwargs)

    monkeypatch.setattr(catalog, "scan_facts", recorded)
    return scanned


def documents_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files a workspace reads as documents for the rest of the test (each document's
    first load, its conversion's or its text's), in order, the read doing what it did."""
    from tui_reader.core import workspace

    read: list[Path] = []
    real = workspace.load_document

    def recorded(path: Path) -> Any:
        read.append(path)
        return real(path)

    monkeypatch.setattr(workspace, "load_document", recorded)
    return read


def units_compared(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The keys of the documents whose paragraphs ``compared_units`` is asked to cut for the
    rest of the test, a list a call, in order, the function doing what it did."""
    from tui_reader.core.analysis import coder_agreement

    asked: list[list[str]] = []
    real = coder_agreement.compared_units

    def counted(workspace: Any, keys: Any, *args: Any) -> Any:
        asked.append(list(keys))
        return real(workspace, keys, *args)

    monkeypatch.setattr(coder_agreement, "compared_units", counted)
    return asked


def heads_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose first bytes a listing of the corpus reads from now on."""
    from tui_reader.core.documents import corpus

    return names_given(monkeypatch, corpus, "_head")


def arguments_after_self(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[Any]:
    """Replace the method ``owner.name`` by one that does what it did and notes its first
    argument after ``self`` (a document's key, a table's name): those it is given from now,
    in order."""
    given: list[Any] = []
    real = getattr(owner, name)

    def noted(self: Any, first: Any, *args: Any, **kwargs: Any) -> Any:
        given.append(first)
        return real(self, first, *args, **kwargs)

    monkeypatch.setattr(owner, name, noted)
    return given
