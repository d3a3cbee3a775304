"""``U`` at 80 columns: a step made by a command said its origin wrapped inside its brackets,
"[tui-reader annotate" at a row's end and "mexico-hosts-southc…]" on the next.  An origin
that does not fit after the step's words begins the next line whole."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, screen_opened_by, terminal_lines, wait_until
from helpers.passages import MEXICO
from rich.cells import cell_len
from rich.console import Console

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import ORIGIN
from tui_reader.ui.screens.history import HistoryScreen, line_text

ORIGINS = [
    "tui-reader annotate mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt",
    "tui-reader autocode deport --unit sentence",
    "key 1",
]


def _steps_made_by(store: AnnotationStore, text: str, origins: list[str]) -> None:
    """One annotation of MEXICO added in a step of its own under each of ``origins``, the
    i-th at ``[100 + 20 i, 110 + 20 i)``."""
    for i, origin in enumerate(origins):
        token = ORIGIN.set(origin)
        try:
            store.add(make_annotation(MEXICO, text, 100 + 20 * i, 110 + 20 * i, "", ("c",)))
        finally:
            ORIGIN.reset(token)


async def _history_lines(
    make_app: AppFactory, db: Path, size: tuple[int, int], steps: int
) -> list[str]:
    """The terminal's lines once ``U`` lists at least ``steps`` steps of ``db``."""
    app = make_app(db=db)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        view = await screen_opened_by(pilot, "U", HistoryScreen)
        await wait_until(pilot, lambda: view.steps_list.option_count >= steps)
        await pilot.pause()
        return terminal_lines(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (50, 20)])
async def test_a_step_s_origin_is_never_parted_inside_its_brackets(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    db = tmp_path / "annotations.json"
    text = (corpus_copy / Path(MEXICO).name).read_text(encoding="utf-8")
    with AnnotationStore(db) as store:
        _steps_made_by(store, text, ORIGINS)
    lines = await _history_lines(make_app, db, size, len(ORIGINS))
    opened = [line for line in lines if "[" in line]
    assert len(opened) == len(ORIGINS), lines
    assert all("]" in line[line.index("[") :] for line in opened), lines
    assert any("[key 1]" in line for line in lines), lines


async def test_at_60x20_a_step_s_words_and_origin_go_on_in_the_column_of_its_words(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path
) -> None:
    """At 60x20 (a step's count beginning its second line) the words wrapped went on at the
    list's left edge, under the count, and the origin began under the time, in neither
    column; an origin fitted to the list's width before its scroll bar showed lost its "]"."""
    db = tmp_path / "annotations.json"
    text = (corpus_copy / Path(MEXICO).name).read_text(encoding="utf-8")
    with AnnotationStore(db) as store:
        _steps_made_by(store, text, [*ORIGINS, "tui-reader import --merge other-coder.json"])
        passages = [
            make_annotation(MEXICO, text, 400 + 20 * j, 410 + 20 * j, "", ("c",)) for j in range(3)
        ]
        store.put_many(passages, "import of a long list of annotations from somewhere far")
    lines = await _history_lines(make_app, db, (60, 20), len(ORIGINS) + 2)
    count = re.compile(r"│ +(\d+ annotations?  )(?=\w)")
    heads = [(n, found) for n, line in enumerate(lines) if (found := count.search(line))]
    assert heads, lines
    going_on = 0
    for n, found in heads:  # the line after: a wrapped line or an origin, under its words
        after = lines[n + 1]
        if after[found.start(1)] == " " and "│" in after:
            going_on += 1
            start = len(after) - len(after[found.start(1) :].lstrip())
            assert start == found.end(1), (after, lines)
    assert going_on >= 2, lines
    opened = [line for line in lines if "[" in line]
    assert all("]" in line[line.index("[") :] for line in opened), lines


def test_an_origin_never_wraps_after_words_wrapped_short_of_the_line() -> None:
    """The room after a step's words was their length modulo the column: words wrapped short
    of it left "[key" at a row's end and "1]" on the next (80 columns)."""
    step = history.Step(
        id=3,
        label="militarization description set annotations set from of from list description away",
        origin="key 1",
        when="2026-12-07T23:22",
        annotations=1,
        undone=False,
    )
    console = Console(file=io.StringIO(), width=80)
    with console.capture() as captured:
        console.print(line_text(step, 1, 12, width=80), crop=False)
    assert any("[key 1]" in line for line in captured.get().splitlines()), captured.get()


# A command given the app's options before its name, as a script or a shell alias runs it
COMMAND = "annotate mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
WITH_OPTIONS = (
    "tui-reader --db /home/ana/fieldwork/annotations.json --corpus /home/ana/fieldwork/corpus "
    f"{COMMAND} --quote 'the Pentagon' --tag actors/us"
)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_an_origin_cut_keeps_the_command_it_names(
    make_app: AppFactory, corpus_copy: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    """A command run with --db and --corpus before its name was listed as "[tui-reader --db
    /home/ana/fieldwork/ann…]" at every width, 40 characters at most: which command made the
    step (the one undo takes back) was never said.  Cut, an origin leaves out the app's
    options first, and takes the room of its line."""
    db = tmp_path / "annotations.json"
    text = (corpus_copy / Path(MEXICO).name).read_text(encoding="utf-8")
    with AnnotationStore(db) as store:
        _steps_made_by(store, text, [WITH_OPTIONS])
    lines = await _history_lines(make_app, db, size, 1)
    said = next((line for line in lines if "[tui-reader" in line), "")
    assert "[tui-reader … annotate mexico-" in said, lines
    assert said.rstrip(" │▁▂▃▄▅▆▇█").endswith("]"), lines
    if size[0] >= 120:  # the room of its line taken, not 40 characters
        assert "[tui-reader … annotate mexico-hosts-southcom-conference…]" in said, lines


def test_an_origin_of_no_known_width_is_cut_after_its_command() -> None:
    """Listed for no width yet, an origin is cut at 40 characters, the app's options before
    the command left out first; one without them is cut as before."""
    step = history.Step(
        id=3, label="create annotation", origin=WITH_OPTIONS, when="2026-12-07T23:22",
        annotations=1, undone=False,
    )  # fmt: skip
    assert "[tui-reader … annotate mexico-hosts-sout…]" in _printed(step)
    plain = replace(step, origin=f"tui-reader {COMMAND}")
    assert "[tui-reader annotate mexico-hosts-southc…]" in _printed(plain)


def _printed(step: history.Step) -> str:
    console = Console(file=io.StringIO(), width=200)
    with console.capture() as captured:
        console.print(line_text(step), crop=False)
    return captured.get()


LONG_NAME = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


@pytest.mark.parametrize("width", [76, 60, 44])
def test_a_file_name_in_a_step_s_words_is_broken_after_a_dash_not_mid_word(width: int) -> None:
    """``U`` at 80x24: "set attributes country, source of us-wants-mexico-to-ramp-up-secu" /
    "rity-targeting-central-american" / "-migrants.txt": a file name wider than the words'
    column was folded mid-word.  It is broken after a ``-``, ``_`` or ``/``, as a report's
    headings are."""
    step = history.Step(
        id=12,
        label=f"set attributes country, source of {LONG_NAME}",
        origin="key i",
        when="2026-12-08T03:40",
        annotations=0,
        undone=False,
    )
    console = Console(file=io.StringIO(), width=width)
    with console.capture() as captured:
        console.print(line_text(step, 2, 13, width=width), crop=False)
    lines = captured.get().splitlines()
    assert "".join(line.strip() for line in lines).count(LONG_NAME) == 1, lines
    # each line ends where a line may: after a whole word, a "-" of the name, or its end
    whole = {*step.label.split(), "i]"}
    ends = [line.split()[-1] for line in lines if line.strip()]
    assert all(end in whole or end.endswith("-") or LONG_NAME.endswith(end) for end in ends), lines
    assert all(cell_len(line) <= width for line in lines), lines
