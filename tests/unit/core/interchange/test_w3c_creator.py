"""W3C ``creator`` is the coder, both ways, whatever shape other tools write it in."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.interchange.w3c import parse, to_w3c


def one(creator: Any) -> dict[str, Any]:
    item = to_w3c(Annotation(document="d.txt", start=0, end=3, quote="abc", tags=("x",)))
    item["creator"] = creator
    return item


@pytest.mark.parametrize(
    ("creator", "coder"),
    [
        ({"type": "Person", "name": "ana"}, "ana"),
        ({"type": "Person", "nickname": "ben"}, "ben"),
        ("https://example.org/people/cy", "https://example.org/people/cy"),
        ([{"name": "di"}, {"name": "ed"}], "di"),
        # the first creator that names someone: one with no name left the passage no one's
        ([42, {"type": "Person"}, {"name": "fay"}, "gus"], "fay"),
        ({"type": "Person", "name": "\x1b[2J"}, "[2J"),
        ({"type": "Person", "name": "\x07"}, ""),
        (42, ""),
    ],
)
def test_creator_read_as_coder(creator: Any, coder: str) -> None:
    [annotation] = parse(json.dumps(one(creator)))
    assert annotation.coder == coder


def test_coder_round_trips() -> None:
    made = Annotation(document="d.txt", start=0, end=3, quote="abc", coder="Ana María")
    [back] = parse(json.dumps(to_w3c(made)))
    assert back == made
