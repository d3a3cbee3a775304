"""A progress bar on stderr for long commands, only when stderr is a terminal and standard
output goes into no pipe (Rich's).

While a bar is drawn, what the command prints keeps its way: stdout that is not the terminal
(a file) gets every line, untouched by the bar; lines for the terminal (stderr, and
stdout when it is the terminal too) are printed above the bar, through the display gate.  The
bar itself is written beneath the gate: its escape sequences are ours, not a file's."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import ProgressColumn

T = TypeVar("T")

SHOW_FROM = 200  # items: fewer finish before a bar would say anything
SHOW_FROM_BYTES = 256 * 1024  # a file this big takes a while to import
# annotations: an export of this many takes a second or more to write once they are read
# (100,000 to a REFI-QDA project: 11 s, with no bar it was the terminal's silence)
SHOW_FROM_EXPORTED = 10_000


def file_size(path: Path) -> int:
    """The size of the file at ``path``, 0 for none (or a pipe): what tells whether reading
    it, or saving into it, is long (:data:`SHOW_FROM_BYTES`)."""
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def into_a_pipe() -> bool:
    """Whether standard output goes into a pipe or a socket, whose reader (``less``,
    ``head``) may show it on the terminal a bar is drawn on: a command writing its output
    while its bar is drawn draws none then (its bar, drawn over less's screen, garbled it)."""
    try:
        mode = os.fstat(sys.stdout.fileno()).st_mode
    except (AttributeError, ValueError, OSError):  # closed, replaced, or no stdout at all
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _drawn() -> bool:
    """Whether a bar may be drawn: on stderr when it is a terminal, and standard output goes
    into no pipe, whose reader (``| less``) may be showing its screen on that terminal: an
    export's, a query's, a report's or a listing's bar of the documents read was drawn over
    less's screen, as the search's was before it was kept off.  A terminal that moves no
    cursor (``TERM=dumb``, Emacs's ``M-x shell``, or ``unknown``) gets none: Rich draws
    nothing there, then ended its line, a blank line on stderr after every such command."""
    dumb = os.environ.get("TERM", "").strip().lower() in _DUMB_TERMINALS
    return sys.stderr.isatty() and not dumb and not into_a_pipe()


_DUMB_TERMINALS = frozenset({"dumb", "unknown"})  # (Rich's Console.is_dumb_terminal)


@contextmanager
def progress_bar(label: str, total: int | Callable[[], int]) -> Iterator[Callable[[], None]]:
    """Yields ``advance()``; draws a bar on stderr when it is a terminal (output into no
    pipe: :func:`_drawn`), ``total`` is large
    and the work goes on for more than a moment (``resolve_progress_after``), and nothing at
    all otherwise (piped output stays clean).  ``total`` may be what counts it, called only
    when stderr is a terminal."""
    if not _drawn():
        yield lambda: None
        return
    if callable(total):
        total = total()
    if total < SHOW_FROM:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn

    from tui_reader.locations import resolve_progress_after

    columns = (label, BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with _Bar(columns, show_after=resolve_progress_after()) as bar:
        task = bar.progress.add_task(label, total=total)

        def advance() -> None:
            bar.progress.advance(task)
            bar.show_when_due()

        yield advance


@contextmanager
def counted_progress(label: str) -> Iterator[Callable[[int, str | None], Callable[[], None]]]:
    """Yields ``progress(total)`` for work that counts its items itself (a scope's
    documents, once its filters are applied): called, it begins :func:`progress_bar` and
    returns its ``advance()``; the bar ends with the block, or when ``progress`` is called
    again for the next part of the work (the files of a moved folder read for their text,
    then the documents placed): one bar on the terminal at a time, never two drawn over
    each other; ``step``, when given, names the part (the scope's: files read, documents
    placed) in place of ``label``."""
    with ExitStack() as stack:

        def progress(total: int, step: str | None = None) -> Callable[[], None]:
            stack.close()  # the bar before ends first
            return stack.enter_context(progress_bar(step or label, total))

        yield progress


@contextmanager
def stage_bar(
    label: str, stages: Sequence[str], *, long: bool | Callable[[], bool]
) -> Iterator[Callable[[str], None]]:
    """Yields ``reached(stage)``, to call as each of ``stages`` begins (a stage may say more:
    "writing 100,000 annotations"): for work done in a few long steps rather than item by
    item (an import reads, compares, then saves in one write).
    Draws a spinner, ``label: stage`` and the time it has taken on stderr when it is a
    terminal and the work is ``long`` (which may be what tells it, called only when stderr
    is a terminal); nothing otherwise.  No bar: a step's work is not counted as it goes, and
    a bar of the steps stood still at "0/1" while the one step took its 11 s."""
    if not long or not _drawn() or (callable(long) and not long()):
        yield lambda _stage: None
        return
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with _Bar(columns, show_after=0.0) as bar:
        task = bar.progress.add_task(label, total=None)

        def reached(stage: str) -> None:
            bar.progress.update(task, description=f"{label}: {stage}")
            bar.show_when_due()

        yield reached


@contextmanager
def changing(label: str, count: Callable[[], int]) -> Iterator[None]:
    """For a change of many annotations made and saved in one step (an undo, a code or a
    coder renamed, merged, deleted): ``label: N annotations`` and a spinner drawn while it
    is made, as :func:`stage_bar` draws them, when ``count()`` (the annotations it changes,
    asked only when a bar may be drawn) is :data:`SHOW_FROM_EXPORTED` or more.  The undo of
    an import of 100,000 annotations took 11 s, a coder of 60,000 renamed 16 s, a code of
    19,000 deleted 10 s, the terminal silent."""
    from tui_reader.core.wording import counted

    due = 0

    def long() -> bool:
        nonlocal due
        due = count()
        return due >= SHOW_FROM_EXPORTED

    with stage_bar(label, ("step",), long=long) as reached:
        reached(counted(due, "annotation"))
        yield


def advancing(items: Iterable[T], advance: Callable[[], None]) -> Iterator[T]:
    """``items``, calling ``advance()`` after each has been dealt with."""
    for item in items:
        yield item
        advance()


class _Bar:
    """A transient Rich bar on the terminal under stderr, drawn once the work has gone on for
    ``show_after`` seconds, with ``sys.stdout`` and ``sys.stderr`` standing aside for it while
    it is drawn (see the module's docstring).  One is drawn at a time: a bar begun while
    another is drawn (an import's steps, and the documents read to find a text under another
    name) takes its place until it ends, when the other is drawn again; written through the
    lines above the other, its escape sequences were pictured, garbage on the terminal."""

    def __init__(self, columns: Sequence[str | ProgressColumn], *, show_after: float) -> None:
        from rich.console import Console
        from rich.progress import Progress

        from tui_reader.cli.common import past_the_gate

        self.outer = _BARS[-1] if _BARS else None
        self.resume = self.outer is not None and self.outer.hide()
        _BARS.append(self)
        self.out, self.err = sys.stdout, sys.stderr
        console = Console(file=past_the_gate(self.err))  # the bar's own: no text of ours
        # Rich's own redirection would send a piped stdout to the terminal and skip the gate.
        self.progress = Progress(
            *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False
        )
        self.due = time.monotonic() + show_after
        self.above: list[_LinesAboveTheBar] = []

    def __enter__(self) -> _Bar:
        return self

    def show_when_due(self) -> None:
        """Draw the bar if it is time and it is not drawn yet."""
        if self.above or time.monotonic() < self.due:
            return
        console = self.progress.console
        self.above.append(_LinesAboveTheBar(console, self.err))
        sys.stderr = self.above[-1]
        if self.out.isatty():
            self.above.append(_LinesAboveTheBar(console, self.out))
            sys.stdout = self.above[-1]
        self.progress.start()

    def hide(self) -> bool:
        """Take the bar off the terminal, the streams given back (for another bar); whether
        it was drawn."""
        if not self.above:
            return False
        try:
            self.progress.stop()
        finally:
            sys.stdout, sys.stderr = self.out, self.err
            for above in self.above:
                above.finish()
            self.above = []
        return True

    def __exit__(self, *_exc: object) -> None:
        try:
            self.hide()
        finally:
            if self in _BARS:
                _BARS.remove(self)
            if self.outer is not None and self.resume:
                self.outer.due = 0.0
                self.outer.show_when_due()


_BARS: list[_Bar] = []  # the bars begun and not ended, the last the one that may be drawn


class _LinesAboveTheBar(io.TextIOBase):
    """Stands for ``stream`` (on the terminal) while a bar is drawn: each finished line goes
    through the display gate and is printed above the bar as plain text (no markup, no
    wrapping); a line not yet ended waits for its end, or for the bar's end."""

    def __init__(self, console: Console, stream: TextIO) -> None:
        self.console = console
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        from rich.text import Text

        from tui_reader.cli.common import gated

        done, newline, self.pending = (self.pending + text).rpartition("\n")
        if newline:
            self.console.print(Text(gated(done)), soft_wrap=True)
        return len(text)

    def finish(self) -> None:
        """Write the line not yet ended, once the bar is gone."""
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.stream.fileno()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
