"""``--depth N``, shared by ``agreement`` and ``report``: the codes taken at their first N
levels, each code below counted as the one it is under
(:func:`~tui_reader.core.codebook.names.rolled_up`), and the line saying what that made of
the codes here."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence

from tui_reader.cli.common import SAID_AT_MOST
from tui_reader.core.codebook.names import in_scope, in_tag_order, rolled_up
from tui_reader.core.display import shown
from tui_reader.core.wording import capped


def add_depth_argument(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--depth", type=_levels, metavar="N", help=help)


def _levels(text: str) -> int:
    """``--depth``'s value: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of levels (1 or more)")
    return value


def depth_line(used: Iterable[str], tags: Sequence[str], depth: int, doing: str) -> str:
    """What ``--depth`` made of the codes ``used`` (within ``tags`` when given): which codes
    each row counts; ``doing``: what the command does with them (``compared``)."""
    taken: dict[str, list[str]] = {}
    for tag in in_tag_order(t for t in set(used) if in_scope(t, tags)):
        rolled = rolled_up(tag, depth, tags)
        if rolled != tag:
            taken.setdefault(rolled, []).append(tag)
    levels = "level" if depth == 1 else f"{depth} levels"
    said = f"--depth {depth}: a code below its first {levels} is counted as the code it is under"
    if not taken:
        return f"{said}; no code {doing} here is below its first {levels}"
    gathered = [f"{rolled} takes {_some(below)}" for rolled, below in taken.items()]
    return shown(f"{said}: " + "; ".join(capped(gathered, SAID_AT_MOST)))


CODES_NAMED = 3  # the codes a row takes that the line names, the rest counted


def _some(codes: list[str]) -> str:
    """The first :data:`CODES_NAMED` of ``codes`` and how many more: a code with 200 below it
    made its part of the line 200 names long, cut in the middle of one."""
    if len(codes) <= CODES_NAMED + 1:  # "and 1 more" is no shorter than the name
        return ", ".join(codes)
    return f"{', '.join(codes[:CODES_NAMED])} and {len(codes) - CODES_NAMED:,} more"
