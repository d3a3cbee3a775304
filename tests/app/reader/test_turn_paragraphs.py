"""The reading view's paragraph keys in a transcript whose turns stand line after line (a
plain-text interview, a transcript kept as a workbook's sheet): ``}`` and ``{`` go a turn at
a time, as ``p``, agreement and autocode take them; with a blank line between turns, as
before."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, reader_focused, wait_until
from helpers.format_fixtures import make_xlsx

INTERVIEW = (
    "ANA: Hello there. How are you?\nBEN: Fine thanks. And you\nANA: Good, good\nBEN: Fine.\n"
)
TALK = [
    ["Speaker", "Start", "Text"],
    ["Ana", "00:00:05", "Hello. How are you?"],
    ["Ben", "00:00:09", "Fine thanks. And you"],
    ["Ana", "00:00:12", "Good."],
]


async def _curly_brackets_land_on(
    make_app: AppFactory, corpus: Path, name: str
) -> tuple[list[int], list[int], list[int]]:
    """Where ``}`` from the first turn's start and ``{`` from the last one's land, and the
    turns' starts."""
    app = make_app(corpus=corpus, open_file=corpus / name)
    async with app.run_test(size=(100, 30)) as pilot:
        _screen, reader = await reader_focused(pilot)
        await wait_until(pilot, lambda: reader.document is not None)
        document = reader.document
        assert document is not None and len(document.turns) >= 3
        starts = [turn.start for turn in document.turns]
        forward, back = [], []
        reader.move_caret(starts[0])
        for _ in starts[1:]:
            await pilot.press("right_curly_bracket")
            forward.append(reader.caret)
        for _ in starts[1:]:
            await pilot.press("left_curly_bracket")
            back.append(reader.caret)
    return starts, forward, back


async def test_curly_brackets_go_a_turn_at_a_time_in_a_plain_text_interview(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "talks"
    corpus.mkdir()
    (corpus / "talk.txt").write_text(INTERVIEW, encoding="utf-8")
    starts, forward, back = await _curly_brackets_land_on(make_app, corpus, "talk.txt")
    assert forward == starts[1:]
    assert back == starts[-2::-1]


async def test_curly_brackets_go_a_turn_at_a_time_in_a_transcript_s_sheet(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "talks"
    corpus.mkdir()
    make_xlsx(corpus / "talk.xlsx", [("Talk", TALK), ("Codes", [["Code"], ["greet"]])])
    starts, forward, back = await _curly_brackets_land_on(make_app, corpus, "talk.xlsx")
    assert forward == starts[1:]
    assert back == starts[-2::-1]


async def test_curly_brackets_in_turns_a_blank_line_apart_go_as_before(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "talks"
    corpus.mkdir()
    (corpus / "talk.txt").write_text(INTERVIEW.replace("\n", "\n\n"), encoding="utf-8")
    starts, forward, back = await _curly_brackets_land_on(make_app, corpus, "talk.txt")
    assert forward == starts[1:]
    assert back == starts[-2::-1]
