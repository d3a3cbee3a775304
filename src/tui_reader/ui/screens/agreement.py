"""The agreement of two compared coders (``K``, then ``=``): a row per code and one over every
code, the figures ``tui-reader agreement A B`` prints, in a box that fits 80 columns.  It
opens on the document on show by character (``--doc DOC``, the rows the pane gives);
``u`` takes the next unit (``--unit``: character, word, sentence, paragraph) and ``a`` every
document either coded (the command without ``--doc``), counted in a worker by the core's
functions the command uses (:mod:`tui_reader.core.analysis.coder_agreement`), its progress
said in the box (100,000 passages over 10,000 documents take seconds)."""

from __future__ import annotations

import contextlib
import shlex
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Label, Static

from tui_reader.core.analysis.agreement_units import UNITS, Unit
from tui_reader.core.analysis.report_grid import ended
from tui_reader.core.analysis.tables import percent, statistic
from tui_reader.core.display import shown, shown_name, shown_pictured
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import counted
from tui_reader.ui import keymap
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.breaking_text import BreakingText
from tui_reader.ui.widgets.key_scroll import scrolled_at_once
from tui_reader.ui.worker_results import deliver

if TYPE_CHECKING:
    from tui_reader.core.analysis.agreement import AgreementRow
    from tui_reader.core.analysis.coder_agreement import CodingRead
    from tui_reader.core.workspace import Workspace

CODE_WIDTH = 16  # a longer code cut with an ellipsis, when the figures leave it the room
LINE_WIDTH = 71  # the figures' lines at most: the box's 74 columns inside, its scroll bar's kept
BOX_MORE = 78 - LINE_WIDTH  # the box's columns besides the lines': border, padding, scroll bar
# The figures' columns and their least widths (right-aligned), as the command names them.
COLUMNS = (("units", 10), ("agreed", 7), ("kappa", 7), ("alpha", 7), ("L only", 9), ("R only", 9))
SAID_EVERY = 0.1  # seconds between two progress lines of the count


def figures_lines(rows: Sequence[AgreementRow], room: int = LINE_WIDTH) -> list[str]:
    """The table of ``rows``: a heading, a line per code, the line over every code last, and
    under it why a figure is n/a, each reason once.  A column as wide as its widest figure
    (a corpus's characters run to billions); the code's gives way, down to 8, so a line
    fits ``room`` (:data:`LINE_WIDTH` at 80 columns; a wider terminal's room lets the code's
    grow past :data:`CODE_WIDTH` as far as its longest code needs)."""

    def figure(value: float | None) -> str:
        return "n/a" if value is None else statistic(value)

    named: list[tuple[str, list[str]]] = []
    reasons: list[str] = []
    for row in rows:
        table = row.table
        code = "(all codes)" if row.tag is None else shown_pictured(row.tag)
        agreed = "n/a" if table.agreement is None else percent(table.agreement)
        values = [
            f"{table.units:,}",
            agreed,
            figure(table.kappa),
            figure(table.alpha),
            f"{table.only_a:,}",
            f"{table.only_b:,}",
        ]
        named.append((code, values))
        reason = table.undefined_because
        if reason and reason not in reasons:
            reasons.append(reason)
    # each column as wide as its heading and figures, then, as the room allows, as wide as
    # it is at least (the box's look for a document's figures); the code's takes the rest
    widths = [
        max([len(name), *(len(values[n]) for _, values in named)])
        for n, (name, _) in enumerate(COLUMNS)
    ]
    room = max(1, room)
    longest = max((cell_len(code) for code, _ in named), default=4)
    # the code's column at most: past CODE_WIDTH as a wider room allows; below it, what the
    # figures at their own widths leave (before they are padded to their least)
    left = room - len(widths) - sum(widths)
    most = max(8, CODE_WIDTH + room - LINE_WIDTH, min(CODE_WIDTH, left))
    spare = room - len(widths) - sum(widths) - min(most, max(4, longest))
    for n, (_, least) in enumerate(COLUMNS):
        grown = min(max(0, least - widths[n]), max(0, spare))
        widths[n] += grown
        spare -= grown
    code_width = max(8, min(max(CODE_WIDTH, longest), most, room - sum(widths) - len(widths)))

    def cells(code: str, values: Sequence[str]) -> str:
        row = set_cell_size(_cut(code, code_width), code_width)
        return row + "".join(f" {v:>{w}}" for v, w in zip(values, widths, strict=True))

    lines = [cells("code", [name for name, _ in COLUMNS])]
    lines.extend(cells(code, values) for code, values in named)
    lines.extend(f"n/a: {reason}" for reason in reasons)
    return lines


def uncoded_line(me: str, other: str, document: str, coded: tuple[bool, bool]) -> str:
    """What ``tui-reader agreement ME OTHER --doc DOCUMENT`` says on stderr of a coder who
    coded nothing in the document (their figures count every unit as not coded by them), or
    of both; "" when each coded some of it."""
    name = shown_name(document)
    if not any(coded):
        return f"Neither {shown(me)} nor {shown(other)} coded {name} here: no code to compare."
    for coder, its_other, did in ((me, other, coded[0]), (other, me, coded[1])):
        if not did:
            return (
                f"{shown(coder)} coded nothing in {name}: every unit {shown(its_other)} "
                f"coded counts as one {shown(coder)} left uncoded."
            )
    return ""


class CountStopped(Exception):
    """The box closed, or another count asked for, while one was under way."""


def _cut(code: str, width: int = CODE_WIDTH) -> str:
    """``code`` in ``width`` cells: a longer one as its start, ``…`` and its last
    level (``mil…/checkpoints``, ``milita…/training``: two codes below one parent told
    apart); its last level too long, ``…`` and as much of its end as fits
    (``…kpoints``: the parent's start and the leaf's end read ``cont…nts``, neither a
    word); a code of one level, its two ends around ``…``."""
    if cell_len(code) <= width:
        return code
    room = width - 1
    _, slash, last = code.rpartition("/")
    end = slash + last
    if slash and cell_len(end) > room:
        return "…" + ended(last, room)
    if not slash:
        end = ended(code, room // 2)
    return set_cell_size(code, room - cell_len(end)) + "…" + end


Found = tuple[list["AgreementRow"], list[str], int]  # the rows, the lines said, documents
# What a count read (CountsKept.mark): the database's state, the coded documents, their stamps
Mark = tuple[object, tuple[str, ...], tuple[object, ...]] | None
Counted = tuple[str, str, Unit]  # the two coders and the unit


class CountsKept:
    """The corpus counts of the agreement box (``a``), kept past the box for its next
    opening: shown again at once, not counted again (seconds at 100,000 passages), while
    nothing they read changed: the database (its state) and the files of the documents
    coded (their stamps), as they were once the passages were read (and placed: placing
    saves their new places).  The figures alone, not the passages they were counted from.
    One per reading pane; its counts are made in workers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._mark: Mark = None
        self._found: dict[Counted, Found] = {}

    @staticmethod
    def mark(workspace: Workspace, coding: CodingRead) -> Mark:
        """What counts from ``coding``, read now, read: the database's state and the stamp of
        each coded document's file (None for one not there); None when the state is not
        known (a damaged database)."""
        state = _state(workspace)
        if state is None:
            return None
        keys = tuple(sorted({passage.document for passage in coding.passages}))
        return state, keys, _stamps(workspace, keys)

    def found(self, workspace: Workspace, key: Counted) -> Found | None:
        """The figures of ``key`` (the coders and the unit), if counted and nothing they
        read changed since."""
        with self._lock:
            mark, found = self._mark, self._found.get(key)
        if mark is None or found is None:
            return None
        state, keys, stamps = mark
        if _state(workspace) != state or _stamps(workspace, keys) != stamps:
            return None
        return found

    def keep(self, mark: Mark, key: Counted, found: Found) -> None:
        """``found`` counted from the passages read at ``mark``: those of another mark go."""
        if mark is None:
            return
        with self._lock:
            if mark != self._mark:
                self._mark, self._found = mark, {}
            self._found[key] = found


def _state(workspace: Workspace) -> object:
    store = workspace.store
    store.reload_if_changed()  # (what another process wrote since)
    return store.state()


def _stamps(workspace: Workspace, keys: Sequence[str]) -> tuple[object, ...]:
    from tui_reader.core.documents.stamps import file_stamps

    return tuple(file_stamps(str(workspace.path(key)) for key in keys))


class AgreementDialog(Dialog[None]):
    """The figures; ``u`` the next unit, ``a`` this document or every one, the list's and
    page keys scroll it, ``esc`` closes it.  ``rows``: the document's by character;
    ``document_rows(unit)``: the document's by another unit; ``workspace``: where every
    document's are counted (without them, the box shows ``rows`` alone)."""

    DEFAULT_CSS = """
    AgreementDialog > .dialog-box {
        width: 78;
    }
    AgreementDialog #agreement-figures {
        text-wrap: nowrap;
        overflow-x: auto;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("agreement", "scroll")
    KEYS = ("u unit · a all documents · esc close",)

    def __init__(
        self,
        me: str,
        other: str,
        document: str,
        rows: Sequence[AgreementRow],
        *,
        document_rows: Callable[[Unit], list[AgreementRow]] | None = None,
        workspace: Workspace | None = None,
        coded: tuple[bool, bool] = (True, True),
        kept: CountsKept | None = None,
    ) -> None:
        super().__init__()
        self.me, self.other = me, other
        self.document = document
        self.rows = list(rows)
        self.unit: Unit = "character"
        self.every = False  # every document either coded, not the one on show
        self.counting = False
        self.progress = ""  # what the count under way has done, in the box's title
        self.said: list[str] = []  # documents left out of the count on show
        self.documents = 0  # how many the count on show compared (every document)
        self._document_rows = document_rows
        self._workspace = workspace
        self._found: dict[tuple[bool, Unit], tuple[list[AgreementRow], list[str], int]] = {
            (False, "character"): (self.rows, [], 1)
        }
        self._ticket = 0  # the count wanted: an older one's progress and figures unsaid
        self._left = threading.Event()
        self._coding: CodingRead | None = None  # every coded passage, read once
        self._coding_mark: Mark = None  # what it was read at (CountsKept.mark)
        self._kept = kept if kept is not None else CountsKept()  # the corpus counts
        self.coded = coded  # whether each coded anything in the document

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Agreement"
            box.border_subtitle = self.KEYS[0]
            yield Label(self._said(), classes="dialog-label", id="agreement-said")
            yield Static(Text("\n".join(self._lines())), id="agreement-figures")
            nothing = self._uncoded()
            uncoded = Label(
                BreakingText(Text(nothing)), classes="dialog-label", id="agreement-uncoded"
            )
            uncoded.display = bool(nothing)
            yield uncoded
            yield Static(classes="dialog-error")

    def _uncoded(self) -> str:
        """A coder who coded nothing in the document on show, as the command says it
        (none over every document)."""
        return "" if self.every else uncoded_line(self.me, self.other, self.document, self.coded)

    def _said(self) -> BreakingText:
        """What the figures are, a long document's name broken after a ``-``, ``_`` or ``/``
        (at 60x20 "...-plan-pen" above "tagon.txt")."""
        me, other = shown(self.me), shown(self.other)
        unit = self.unit
        where = (
            f"every document either coded ({counted(self.documents, 'document')})"
            if self.every
            else shown_name(self.document)
        )
        # the command as a shell takes it, its document named (a bare --doc was refused)
        command = f"tui-reader agreement {shlex.quote(me)} {shlex.quote(other)}"
        if not self.every:
            command += f" --doc {shlex.quote(shown_name(self.document))}"
        if unit != "character":
            command += f" --unit {unit}"
        whose = "their" if self.every else "its"
        said = (
            f"{me} (L) and {other} (R) in {where}, by {unit}, as {command} counts them: "
            f"units are {whose} {unit}s; L only, R only those one coded and the other did not."
        )
        if self.said:
            said += f" Left out: {shown('; '.join(self.said[:3]))}"
            if len(self.said) > 3:
                said += f" and {len(self.said) - 3} more"
        return BreakingText(Text(said))

    def action_next_unit(self) -> None:
        """The figures by the next unit (character, word, sentence, paragraph, again)."""
        if self._document_rows is None and self._workspace is None:
            return
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        self._show()

    def action_every_document(self) -> None:
        """The figures of every document either coded, or again of the one on show."""
        if self._workspace is None:
            return
        self.every = not self.every
        self._show()

    def _show(self) -> None:
        """The figures asked for: at once when counted before, else counted in a worker."""
        self._ticket += 1
        found = self._found.get((self.every, self.unit))
        if found is not None:
            self._shown(*found)
            return
        self.counting = True
        where = "every document either coded" if self.every else "this document"
        self._progress_line(f"Counting {where} by {self.unit}…")
        ticket, unit, every = self._ticket, self.unit, self.every
        self.run_worker(
            lambda: self._count(ticket, unit, every),
            thread=True,
            group="agreement",
            exclusive=True,
        )

    def _shown(self, rows: list[AgreementRow], said: list[str], documents: int) -> None:
        self.counting = False
        self.rows, self.said, self.documents = rows, said, documents
        self.query_one("#agreement-said", Label).update(self._said())
        uncoded = self.query_one("#agreement-uncoded", Label)
        line = self._uncoded()
        uncoded.update(BreakingText(Text(line)))
        uncoded.display = bool(line)
        self._fit()
        self._progress_line("")

    def _room(self) -> int:
        """The figures' room: :data:`LINE_WIDTH`, or more in a terminal wider than 80
        columns (the box at most 95% of it, as every dialog), or less in one narrower (at
        60x20 each code's line of 71 cells ran on a second, its "L only" and "R only" under
        the code)."""
        room = self.app.size.width * 95 // 100 - BOX_MORE
        if self.app.size.width >= LINE_WIDTH + BOX_MORE + 2:
            return max(LINE_WIDTH, room)
        return max(1, room)

    def _lines(self) -> list[str]:
        return figures_lines(self.rows, self._room())

    def _fit(self) -> None:
        """The figures in the room the terminal gives now, the box as wide as they need (78
        columns at least): at 120 columns ``context/checkpoints`` whole, not
        ``con…/checkpoints``."""
        lines = self._lines()
        widest = max((cell_len(line) for line in lines[: len(self.rows) + 1]), default=0)
        box = self.query_one(".dialog-box", Vertical)
        box.styles.width = max(min(LINE_WIDTH, self._room()), widest) + BOX_MORE
        self.query_one("#agreement-figures", Static).update(Text("\n".join(lines)))

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()
        super().on_resize()

    def _count(self, ticket: int, unit: Unit, every: bool) -> None:
        """In a worker: the figures by ``unit`` of the document, or ``every`` document, as
        the command counts them."""
        try:
            if not every:
                assert self._document_rows is not None
                rows, said, documents = self._document_rows(unit), [], 1
            else:
                from tui_reader.core.analysis.coder_agreement import coders_agreement, coding_read

                workspace, kept, key = self._workspace, self._kept, (self.me, self.other, unit)
                assert workspace is not None
                counted = kept.found(workspace, key)
                if counted is not None:  # nothing changed since it was counted
                    deliver(self, self._counted, ticket, (every, unit), counted)
                    return
                progress = self._progress(ticket)
                if self._coding is None:
                    self._coding = coding_read(workspace, progress)
                    self._coding_mark = CountsKept.mark(workspace, self._coding)  # (placed)
                self._stopped(ticket)
                found = coders_agreement(
                    workspace, self.me, self.other, unit, progress=progress, coding=self._coding
                )
                rows, said, documents = found.rows, found.said, len(found.keys)
                kept.keep(self._coding_mark, key, (rows, said, documents))
        except CountStopped:
            return
        except TuiReaderError as exc:
            deliver(self, self._failed, ticket, str(exc))
            return
        deliver(self, self._counted, ticket, (every, unit), (rows, said, documents))

    def _stopped(self, ticket: int) -> None:
        if self._left.is_set() or ticket != self._ticket:
            raise CountStopped

    def _progress(
        self, ticket: int
    ) -> Callable[
        [str, int | Callable[[], int]], contextlib.AbstractContextManager[Callable[[], None]]
    ]:
        """The count's ``progress(label, total)``: a line in the box, said ten times a
        second at most; the count stopped at its next step once the box is closed or
        another is asked for.  While passages are placed too: each step is a document
        placed, its passages' new places saved with it (:meth:`Workspace.all_anchored`,
        ``placed_columns``), so none is lost; those not reached keep their places, placed
        by the next pass."""

        @contextlib.contextmanager
        def progress(label: str, total: int | Callable[[], int]) -> Iterator[Callable[[], None]]:
            whole = total() if callable(total) else total
            done = 0
            said_at = 0.0

            def advance() -> None:
                nonlocal done, said_at
                done += 1
                self._stopped(ticket)
                now = time.monotonic()
                if now - said_at < SAID_EVERY:
                    return
                said_at = now
                deliver(self, self._progressed, ticket, f"{label}: {done:,} of {whole:,}…")

            self._stopped(ticket)
            deliver(self, self._progressed, ticket, f"{label}…")
            yield advance

        return progress

    def _progress_line(self, line: str) -> None:
        """The count's progress in the box's title, in view however it is scrolled; none
        when nothing is counted."""
        self.progress = line
        box = self.query_one(".dialog-box", Vertical)
        box.border_title = f"Agreement · {line}" if line else "Agreement"

    def _progressed(self, ticket: int, line: str) -> None:
        if ticket == self._ticket and self.counting:
            self._progress_line(line)

    def _counted(
        self,
        ticket: int,
        key: tuple[bool, Unit],
        found: tuple[list[AgreementRow], list[str], int],
    ) -> None:
        self._found[key] = found
        if ticket == self._ticket:
            self._shown(*found)

    def _failed(self, ticket: int, problem: str) -> None:
        if ticket == self._ticket:
            self.counting = False
            self._progress_line("")
            self.show_error(f"Not counted: {shown(problem)}")

    def action_scroll_body(self, where: str) -> None:
        """The box scrolled (many codes in a small terminal): a line (``down``/``up``), a
        page (``page_down``/``page_up``), or to the ``home``/``end``, at once."""
        scrolled_at_once(self.query_one(".dialog-box", Vertical), where)

    def action_cancel(self) -> None:
        self._left.set()  # a count under way stops at its next step
        self.dismiss(None)
