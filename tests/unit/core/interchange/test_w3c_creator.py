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


def test_an_account_is_its_user_unless_two_servers_share_the_name() -> None:
    """Hypothesis names its users by account (acct:ana@hypothes.is, in its JSON-LD's creator
    and its own JSON's user): they came in as coders named so, compared as
    coder:acct:ana@hypothes.is.  An account is its user's name; one user name of two
    servers (two people) keeps its server, but the public Hypothesis's (the same name in
    every file), and of two other servers, each its own."""
    items = [
        one("acct:ana@hypothes.is"),
        one({"type": "Person", "id": "acct:ben@hypothes.is"}),
        one("acct:cy@hypothes.is"),
        one("acct:cy@lms.hypothes.is"),
        one("acct:d%C3%AD@example.org"),
        one("acct:ed@a.example.org"),
        one("acct:ed@b.example.org"),
    ]
    for n, item in enumerate(items):
        item["id"] = f"https://hypothes.is/a/{n}"
    coders = [annotation.coder for annotation in parse(json.dumps(items))]
    assert coders == [
        "ana",
        "ben",
        "cy",
        "cy@lms.hypothes.is",
        "dí",
        "ed@a.example.org",
        "ed@b.example.org",
    ]
