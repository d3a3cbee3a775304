"""``tui-reader query 'A FOLLOWS B'`` and ``'A PRECEDES B'``: a code's passages after (or
before) a passage of another, of their coder in their document, as the app's query view
takes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.coded_quotes import ids_queried, interview_options, quotes_coded

from tui_reader.cli import query as query_command
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


def test_follows_and_precedes_list_the_passages_after_and_before_another_codes(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """FOLLOWS and PRECEDES were read as codes, said to be none, and nothing matched.  Ben's
    emotion, after every militarization, follows none of his own."""
    options, made = project
    assert ids_queried(capsys, options, "emotion FOLLOWS militarization") == [made["afraid"]]
    assert ids_queried(capsys, options, "militarization precedes emotion") == [made["arrived"]]
    assert ids_queried(capsys, options, "militarization FOLLOWS emotion") == [made["trained"]]
    assert (
        ids_queried(capsys, options, "militarization FOLLOWS emotion PRECEDES emotion", status=1)
        == []
    )
    assert ids_queried(capsys, options, "emotion PRECEDES militarization/training") == [
        made["afraid"]
    ]
    asked = "emotion FOLLOWS militarization", "--coder", "ben"
    assert ids_queried(capsys, options, *asked, status=1) == []


def test_the_help_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    out = capsys.readouterr().out
    for term in ("a FOLLOWS b", "a PRECEDES b"):
        assert f"  {term} " in out


PARAGRAPHS = (
    "The soldiers arrived in the spring.\n\n"
    "Nobody spoke of it at first.\n\n"
    "Now the migrants are afraid of the road.\n"
)


def test_a_distance_in_paragraphs_takes_those_that_near(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``FOLLOWS/1``, as MAXQDA's "followed by" counts paragraphs: the fear two paragraphs
    after the soldiers follows them at a distance of 2, not 1; NEAR/2 takes either order."""
    options = interview_options(tmp_path, PARAGRAPHS)
    made = quotes_coded(
        capsys,
        options,
        [
            ("arrived", "ana", "The soldiers arrived", "militarization"),
            ("afraid", "ana", "the migrants are afraid", "emotion"),
        ],
    )
    assert ids_queried(capsys, options, "emotion FOLLOWS/1 militarization", status=1) == []
    assert ids_queried(capsys, options, "emotion FOLLOWS/2 militarization") == [made["afraid"]]
    assert ids_queried(capsys, options, "militarization PRECEDES/2 emotion") == [made["arrived"]]
    assert ids_queried(capsys, options, "militarization NEAR/2 emotion") == [made["arrived"]]
    assert ids_queried(capsys, options, "militarization NEAR/1 emotion", status=1) == []


def test_a_document_whose_paragraphs_cannot_be_counted_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text gone once its passages were placed (deleted while the command ran): its
    paragraphs cannot be counted, so none of its passages is near another. That was said
    nowhere: the query listed nothing and ended 1, as if none were near. Its file is named
    on one line, and the command ends 2, as grep does for a file it could not read."""
    options = interview_options(tmp_path, PARAGRAPHS)
    quotes_coded(
        capsys,
        options,
        [
            ("arrived", "ana", "The soldiers arrived", "militarization"),
            ("afraid", "ana", "the migrants are afraid", "emotion"),
        ],
    )
    compile_query = query_command.compile_query

    def gone_then_compiled(*args: Any, **kwargs: Any) -> Any:
        (tmp_path / "corpus" / "int.txt").unlink()  # after the scope is placed, before it is tested
        return compile_query(*args, **kwargs)

    monkeypatch.setattr(query_command, "compile_query", gone_then_compiled)
    capsys.readouterr()
    assert main(["query", "emotion FOLLOWS/2 militarization", "-f", "json", *options]) == 2
    said = [line for line in capsys.readouterr().err.splitlines() if "int.txt" in line]
    assert len(said) == 1, said
    assert "No such file" in said[0] and "paragraphs not counted" in said[0], said
