"""``tui-reader query 'A OVERLAPS B'`` (and WITHIN, ENCLOSES): the operators of the query
language the command shares with the app, ``--meets`` the same as OVERLAPS."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.coded_quotes import ids_queried, interview_options, quotes_coded

from tui_reader.cli.main import main


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], dict[str, str]]:
    """The corpus and database options, and the id of each passage coded, by name."""
    options = interview_options(tmp_path)
    passages = [
        ("checks", "ana", "Now there are checkpoints on every road", "militarization/checks"),
        ("fear", "ana", "checkpoints on every road and the migrants are afraid", "emotion/fear"),
        ("both", "ana", "The soldiers arrived", "militarization,emotion"),
        ("inside", "ana", "every road", "emotion"),
        ("bens", "ben", "on every road", "militarization"),
    ]
    made = quotes_coded(capsys, options, passages)
    return options, made


def test_overlaps_within_and_encloses_list_one_codes_side(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Asked of the command, OVERLAPS was read as a code, said to be none, and nothing
    matched; only --meets listed a meeting.  Ben's passage meets none of Ana's."""
    options, made = project
    overlaps = ids_queried(capsys, options, "militarization OVERLAPS emotion")
    assert overlaps == [made["both"], made["checks"]]
    assert ids_queried(capsys, options, "militarization", "--meets", "emotion") == overlaps
    assert ids_queried(capsys, options, "emotion within militarization") == [
        made["both"],
        made["inside"],
    ]
    assert ids_queried(capsys, options, "militarization ENCLOSES emotion") == [
        made["both"],
        made["checks"],
    ]
    # every emotion overlapping a militarization, but for one carrying both
    asked = "emotion OVERLAPS militarization AND NOT militarization"
    assert ids_queried(capsys, options, asked) == [made["fear"], made["inside"]]
    # ben's: none of his meets an emotion of his
    assert (
        ids_queried(capsys, options, "militarization OVERLAPS emotion", "--coder", "ben", status=1)
        == []
    )


def test_meets_and_an_operator_typed_together_take_both(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    options, made = project
    asked = ("militarization ENCLOSES emotion", "--meets", "emotion/fear")
    assert ids_queried(capsys, options, *asked) == [made["checks"]]
    capsys.readouterr()
    assert main(["query", *asked, *options]) == 0
    out = capsys.readouterr().out
    assert "query: militarization ENCLOSES emotion; meeting emotion/fear" in out


def test_an_operator_without_its_other_side_is_said_at_its_column(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _ = project
    capsys.readouterr()
    assert main(["query", "militarization OVERLAPS", *options]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        "tui-reader: query: column 24: expected a code or a filter after OVERLAPS "
        "(a OVERLAPS b; a code named 'OVERLAPS' is quoted: \"OVERLAPS\")"
    ) in captured.err


def test_the_help_lists_the_operators(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    out = capsys.readouterr().out
    for term in ("a OVERLAPS b", "a WITHIN b", "a ENCLOSES b"):
        assert f"  {term} " in out
