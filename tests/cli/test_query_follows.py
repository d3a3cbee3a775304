"""``tui-reader query 'A FOLLOWS B'`` and ``'A PRECEDES B'``: a code's passages after (or
before) a passage of another, of their coder in their document, as the app's query view
takes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.coded_quotes import ids_listed, interview_options, quotes_coded

from tui_reader.cli.main import main


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], dict[str, str]]:
    """The corpus and database options, and the id of each passage coded, by name."""
    options = interview_options(tmp_path)
    passages = [
        ("arrived", "ana", "The soldiers arrived", "militarization"),
        ("afraid", "ana", "the migrants are afraid", "emotion/fear"),
        ("trained", "ana", "The Americans trained", "militarization/training"),
        ("units", "ben", "the new units", "emotion"),
    ]
    return options, quotes_coded(capsys, options, passages)


def _found(
    capsys: pytest.CaptureFixture[str], options: list[str], *args: str, status: int = 0
) -> list[str]:
    return ids_listed(capsys, ["query", *args, "-f", "json", *options], status)


def test_follows_and_precedes_list_the_passages_after_and_before_another_codes(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """FOLLOWS and PRECEDES were read as codes, said to be none, and nothing matched.  Ben's
    emotion, after every militarization, follows none of his own."""
    options, made = project
    assert _found(capsys, options, "emotion FOLLOWS militarization") == [made["afraid"]]
    assert _found(capsys, options, "militarization precedes emotion") == [made["arrived"]]
    assert _found(capsys, options, "militarization FOLLOWS emotion") == [made["trained"]]
    assert (
        _found(capsys, options, "militarization FOLLOWS emotion PRECEDES emotion", status=1) == []
    )
    assert _found(capsys, options, "emotion PRECEDES militarization/training") == [made["afraid"]]
    asked = "emotion FOLLOWS militarization", "--coder", "ben"
    assert _found(capsys, options, *asked, status=1) == []


def test_a_distance_typed_as_other_tools_take_one_is_said_to_be_none_here(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _ = project
    capsys.readouterr()
    main(["query", "emotion FOLLOWS/2 militarization", *options])
    err = capsys.readouterr().err
    assert "FOLLOWS takes no distance here: a FOLLOWS b takes a's passages after one of b's" in err


def test_the_help_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    out = capsys.readouterr().out
    for term in ("a FOLLOWS b", "a PRECEDES b"):
        assert f"  {term} " in out
