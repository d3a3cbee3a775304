"""``tui-reader query 'exactly:CODE'``: a code's own passages, not those of a code below it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.coded_quotes import ids_listed, interview_options, quotes_coded

from tui_reader.cli.main import main


def test_exactly_lists_the_codes_own_passages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``exactly:militarization`` was a syntax error (unknown field); the code alone takes
    militarization/training too."""
    options = interview_options(tmp_path)
    made = quotes_coded(
        capsys,
        options,
        [
            ("arrived", "ana", "The soldiers arrived", "militarization"),
            ("trained", "ana", "The Americans trained", "militarization/training"),
            ("checks", "ana", "checkpoints on every road", "militarization,militarization/checks"),
        ],
    )
    query = ["query", "-f", "json", *options]
    every = ids_listed(capsys, [*query, "militarization"])
    assert sorted(every) == sorted(made.values())
    assert ids_listed(capsys, [*query, "exactly:militarization"]) == [
        made["arrived"],
        made["checks"],
    ]
    below_alone = "militarization AND NOT exactly:militarization"
    assert ids_listed(capsys, [*query, below_alone]) == [made["trained"]]
    capsys.readouterr()
    assert main(["query", "exactly:militarization/*", *options]) == 2
    assert "exactly: takes one code, not the codes below it" in capsys.readouterr().err
