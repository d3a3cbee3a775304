"""``query EXPRESSION --meets CODE``: the passages a query matches that meet a passage of a
code, as the co-occurrence report counts a meeting (ATLAS.ti's and NVivo's proximity: a
passage of militarization overlapping one of actors/us)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.coded_quotes import ids_listed, interview_options, quotes_coded

from tui_reader.cli.main import main


@pytest.fixture
def project(tmp_path: Path) -> list[str]:
    return interview_options(tmp_path)


def test_the_passages_of_a_query_meeting_a_code_are_listed(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """'militarization NEAR emotion' was answered 'NEAR is no operator here', and no command
    listed the passages the co-occurrence report counted: militarization's passages that
    carry emotion or overlap one of their coder's that does."""
    passages = [
        ("overlapping", "ana", "Now there are checkpoints on every road", "militarization/checks"),
        ("fear", "ana", "checkpoints on every road and the migrants are afraid", "emotion/fear"),
        ("both", "ana", "The soldiers arrived", "militarization,emotion"),
        ("touching", "ana", "The Americans trained", "militarization"),
        ("just after", "ana", " the new units.", "emotion"),
        ("other coder's", "ben", "on every road", "militarization"),
    ]
    made = quotes_coded(capsys, project, passages)
    met = ids_listed(
        capsys, ["query", "militarization", "--meets", "emotion", "-f", "json", *project], 0
    )
    assert met == [made["both"], made["overlapping"]]
    # the other side of the meeting: emotion's passages meeting militarization
    asked = ["query", "EMOTION", "--meets", "Militarization", "-f", "json"]
    other = ids_listed(capsys, [*asked, *project], 0)
    assert sorted(other) == sorted([made["both"], made["fear"]])
    # a coder's: ben's passage meets no emotion of his
    ben = ["query", "militarization", "--coder", "ben", "--meets", "emotion", "-f", "json"]
    assert ids_listed(capsys, [*ben, *project], 1) == []
    capsys.readouterr()
    assert main(["query", "militarization", "--meets", "emotion", *project]) == 0
    assert "query: militarization; meeting emotion" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("meets", "said"),
    [
        (
            "a OR b",
            "--meets 'a OR b': --meets takes one code (the query takes the rest: 'a AND "
            "country=Mexico' --meets b; any other side is the query's own: '(emotion) "
            "OVERLAPS (a OR b)')",
        ),
        ('"a', "--meets: column 1: this quote is never closed"),
        ("emotoin", "no code 'emotoin' in the codebook (did you mean 'emotion'?)"),
    ],
)
def test_a_meets_naming_no_one_code_is_said_in_one_line(
    project: list[str], meets: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotate", "int.txt", "--quote", "afraid", "-t", "emotion", *project]) == 0
    capsys.readouterr()
    status = main(["query", "emotion", "--meets", meets, *project])
    assert status == (1 if "codebook" in said else 2)
    err = capsys.readouterr().err
    assert f"tui-reader: {said}" in err
    assert err.count("\n") <= 2


def test_another_tools_proximity_operator_is_told_the_operators_that_list_meetings(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """'militarization NEAR emotion' was told NEAR is no operator, and then the --meets
    option: the query language's own operators are named now."""
    assert main(["annotate", "int.txt", "--quote", "afraid", "-t", "emotion", *project]) == 0
    capsys.readouterr()
    assert main(["query", "emotion NEAR emotion", *project]) == 1
    err = capsys.readouterr().err
    assert "NEAR takes a distance here, NEAR/1: a OVERLAPS b takes a's" in err
    assert "--meets" not in err
