"""``tui-reader query 'A OVERLAPPED BY B'``, ``'A ENCLOSED BY B'`` and ``'A OVERLAPS START B'``
(ATLAS.ti's directional ``A OVERLAPS B``), as ATLAS.ti asks them,
and distances in sentences and words, ``NEAR/1s``, ``FOLLOWS/3w``, as MAXQDA and NVivo
count them: the passages listed, as the app's query view lists them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.coded_quotes import ids_queried, interview_options, quotes_coded

from tui_reader.cli.main import main

TEXT = (
    "The soldiers arrived in the spring and the migrants hid. Nobody spoke. "
    "Now the migrants are afraid of the road.\n"
)


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], dict[str, str]]:
    options = interview_options(tmp_path, TEXT)
    made = quotes_coded(
        capsys,
        options,
        [
            ("arrived", "ana", "The soldiers arrived in the spring", "militarization"),
            ("spring", "ana", "spring and the migrants hid", "migration"),
            ("soldiers", "ana", "soldiers", "actors"),
            ("afraid", "ana", "the migrants are afraid", "emotion"),
        ],
    )
    return options, made


def test_overlapped_by_and_enclosed_by_list_atlas_ti_s_passages(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """They were said to be no operators here, and nothing matched.  The migration passage
    starts inside the militarization one and ends after it: it is overlapped by it, not the
    other way round; OVERLAPS, ours, takes both."""
    options, made = project
    assert ids_queried(capsys, options, "migration OVERLAPPED BY militarization") == [
        made["spring"]
    ]
    assert ids_queried(capsys, options, "militarization overlapped by migration", status=1) == []
    assert ids_queried(capsys, options, "militarization OVERLAPS migration") == [made["arrived"]]
    assert ids_queried(capsys, options, "actors ENCLOSED BY militarization") == [made["soldiers"]]
    assert ids_queried(capsys, options, "actors WITHIN militarization") == [made["soldiers"]]
    assert ids_queried(capsys, options, "actors ENCLOSED BY migration", status=1) == []


def test_overlaps_start_lists_atlas_ti_s_directional_overlaps(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """ATLAS.ti's militarization OVERLAPS migration lists the militarization passage, which
    starts before the migration one and ends inside it; no operator listed it (ours is
    symmetric, and migration OVERLAPPED BY militarization lists the other one)."""
    options, made = project
    assert ids_queried(capsys, options, "militarization OVERLAPS START migration") == [
        made["arrived"]
    ]
    assert ids_queried(capsys, options, "migration OVERLAPS START militarization", status=1) == []
    assert ids_queried(capsys, options, "actors OVERLAPS START militarization", status=1) == []


def test_a_distance_in_sentences_or_words(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The fear is two sentences after the migrants hid ("Nobody spoke." between them) and
    three words ("Nobody spoke. Now"): in one paragraph, where /0 takes every one."""
    options, made = project
    assert ids_queried(capsys, options, "emotion FOLLOWS/0 migration") == [made["afraid"]]
    assert ids_queried(capsys, options, "emotion FOLLOWS/1s migration", status=1) == []
    assert ids_queried(capsys, options, "emotion FOLLOWS/2s migration") == [made["afraid"]]
    assert ids_queried(capsys, options, "emotion FOLLOWS/3w migration", status=1) == []
    assert ids_queried(capsys, options, "emotion FOLLOWS/4w migration") == [made["afraid"]]
    assert ids_queried(capsys, options, "migration NEAR/2S emotion") == [made["spring"]]
    assert ids_queried(capsys, options, "migration NEAR/4w emotion") == [made["spring"]]


def test_an_operator_missing_its_side_names_its_column_on_one_line(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _ = project
    capsys.readouterr()
    assert main(["query", "actors ENCLOSED BY", *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "tui-reader: query: column 19: expected a code or a filter after ENCLOSED BY"
    ), err
    assert err.count("\n") == 1
    assert main(["query", "actors NEAR/99999999w emotion", *options]) == 2
    err = capsys.readouterr().err
    assert "column 8: a distance is 1,000,000 words at most: NEAR/99999999w" in err, err


def test_overlapped_without_its_by_is_said_to_take_it(
    project: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _ = project
    capsys.readouterr()
    main(["query", "migration OVERLAPPED militarization", *options])
    err = capsys.readouterr().err
    assert "no code 'OVERLAPPED' in the codebook; the operator is written OVERLAPPED BY" in err


def test_the_help_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    out = capsys.readouterr().out
    for term in ("a OVERLAPPED BY b", "a ENCLOSED BY b", "a NEAR/2s b"):
        assert f"  {term} " in out
