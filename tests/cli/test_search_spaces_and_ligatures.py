"""`tui-reader search` finds a phrase typed with a space where a file holds a no-break, narrow
or thin space between its words (Word files, French typography), and a word where a PDF's
text writes two of its letters as a ligature (ﬁ, ﬂ), with -i and without, each hit said
where it lies in the document's own text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui_reader.cli.main import main
from tui_reader.core.documents.document import load_document

TEXT = (
    "We defend human\xa0rights here.\n"
    "Please con\ufb01rm the \ufb02ow.\n"
    "Les droits\u202fhumains et human\u2009rights.\n"
    "Plain human rights.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "plain.txt").write_text(
        "human rights, confirm, flow, droits humains\n", encoding="utf-8"
    )
    return folder


def _searched_in(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    run: int,
) -> tuple[str, str]:
    """The database beside ``corpus`` (the working folder now) and ``a.txt``'s canonical text;
    at ``run`` 2 the texts already read once and kept, by a search finding nothing."""
    db = str(corpus.parent / "db.json")
    monkeypatch.chdir(corpus)
    if run == 2:
        assert main(["search", "nothing-here", ".", "--db", db]) == 1
        capsys.readouterr()
    return db, load_document(corpus / "a.txt").text


@pytest.mark.parametrize("run", [1, 2])  # the texts read, then the texts kept from the first
@pytest.mark.parametrize("case", [[], ["-i"]])
def test_a_space_finds_any_space_and_letters_their_ligature(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: list[str],
    run: int,
) -> None:
    db, text = _searched_in(corpus, capsys, monkeypatch, run)
    for query, matches in (
        ("human rights", ["human\xa0rights", "human\u2009rights", "human rights"]),
        ("confirm", ["con\ufb01rm"]),
        ("flow", ["\ufb02ow"]),
        ("droits humains", ["droits\u202fhumains"]),
    ):
        assert main(["search", *case, query, "a.txt", "--db", db, "--json"]) == 0, query
        records = _hits_in(text, capsys)
        assert [r["match"] for r in records] == matches
        assert main(["search", *case, "-l", query, ".", "--db", db]) == 0
        assert capsys.readouterr().out.splitlines() == ["a.txt", "plain.txt"]
        assert main(["search", *case, "-c", query, "a.txt", "--db", db]) == 0
        assert capsys.readouterr().out == f"a.txt:{len({r['line'] for r in records})}\n"
    assert main(["search", *case, "human rights", "a.txt", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == [  # the lines as the file has them
        "a.txt:1: We defend human\xa0rights here.",
        "a.txt:3: Les droits\u202fhumains et human\u2009rights.",
        "a.txt:4: Plain human rights.",
    ]


@pytest.mark.parametrize("case", [[], ["-i"]])
def test_whole_words_find_any_space_and_letters_their_ligature(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: list[str],
) -> None:
    """-w finds what the search without it finds, where it is a whole word."""
    db = str(corpus.parent / "db.json")
    monkeypatch.chdir(corpus)
    text = load_document(corpus / "a.txt").text
    for query, matches in (
        ("human rights", ["human\xa0rights", "human\u2009rights", "human rights"]),
        ("confirm", ["con\ufb01rm"]),
        ("flow", ["\ufb02ow"]),
        ("droits humains", ["droits\u202fhumains"]),
        ("con", []),  # a part of "conﬁrm"
        ("fl", []),  # the letters of the ligature in "ﬂow"
    ):
        status = main(["search", "-w", *case, query, "a.txt", "--db", db, "--json"])
        assert status == (0 if matches else 1), query
        records = _hits_in(text, capsys)
        assert [r["match"] for r in records] == matches, query


@pytest.mark.parametrize("case", [[], ["-i"]])
def test_whole_words_take_a_later_hit_overlapping_one_that_is_no_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: list[str]
) -> None:
    """As grep -w: "a a" in "xa a\u00a0a" is no word at 1, but one at 3."""
    (tmp_path / "b.txt").write_text("xa a\u00a0a\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    assert main(["search", "-w", *case, "a a", str(tmp_path / "b.txt"), "--db", db, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["start"], r["end"], r["match"]) for r in records] == [(3, 6, "a\xa0a")]


def _hits_in(text: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """The hits the search printed as JSON, each asserted to be the span of ``text`` its
    offsets say (exact offsets in the canonical text)."""
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for record in records:
        assert text[record["start"] : record["end"]] == record["match"]
    return records


@pytest.mark.parametrize("run", [1, 2])  # the texts read, then the texts kept from the first
@pytest.mark.parametrize("flags", [[], ["-i"], ["-w"], ["-i", "-w"]])
def test_several_patterns_each_find_any_space_and_letters_their_ligature(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flags: list[str],
    run: int,
) -> None:
    """Several -e are each found as one PATTERN is: a space typed any space, letters their
    ligature, each hit the exact span of the document's text."""
    db, text = _searched_in(corpus, capsys, monkeypatch, run)
    query = ["-e", "human rights", "-e", "confirm", "-e", "flow", "-e", "droits humains"]
    assert main(["search", *flags, *query, "a.txt", "--db", db, "--json"]) == 0
    assert [r["match"] for r in _hits_in(text, capsys)] == [
        "human\xa0rights",
        "con\ufb01rm",
        "\ufb02ow",
        "droits\u202fhumains",
        "human\u2009rights",
        "human rights",
    ]
    assert main(["search", *flags, "-l", "-e", "confirm", "-e", "zzz", ".", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == ["a.txt", "plain.txt"]
    assert (
        main(["search", *flags, "-c", "-e", "zzz", "-e", "human rights", "a.txt", "--db", db]) == 0
    )
    assert capsys.readouterr().out == "a.txt:3\n"


@pytest.mark.parametrize("case", [[], ["-i"]])
def test_several_patterns_take_no_part_of_a_ligature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: list[str]
) -> None:
    """A pattern ending inside a ligature is no hit, and the longest other -e found at that
    place is, as the longest of them a place holds is the one grep takes."""
    (tmp_path / "b.txt").write_text("con\ufb01rm irm\n", encoding="utf-8")
    db = str(tmp_path / "db.json")
    given = ["-e", "conf", "-e", "con", "-e", "irm"]
    assert main(["search", *case, *given, str(tmp_path / "b.txt"), "--db", db, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["start"], r["end"], r["match"]) for r in records] == [(0, 3, "con"), (7, 10, "irm")]


@pytest.mark.parametrize("run", [1, 2])  # the texts read, then the texts kept from the first
@pytest.mark.parametrize("case", [[], ["-i"]])
def test_a_regular_expression_s_letters_find_their_ligature(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: list[str],
    run: int,
) -> None:
    """-E confirm finds a PDF's "conﬁrm" taking case as typed too, as the literal does and
    as -i always did; a dot still takes the ligature whole (con.rm), and a match starting or
    ending inside one is none (-E onf)."""
    db, text = _searched_in(corpus, capsys, monkeypatch, run)
    for pattern, found in [
        ("confirm", ["con\ufb01rm"]),
        ("fl[aeiou]w", ["\ufb02ow"]),
        ("con.rm", ["con\ufb01rm"]),
        ("^Please con(fi|x)rm", ["Please con\ufb01rm"]),
        ("onf", []),
    ]:
        assert main(["search", *case, "-E", pattern, "a.txt", "--db", db, "--json"]) == (
            0 if found else 1
        ), pattern
        assert [r["match"] for r in _hits_in(text, capsys)] == found, pattern


@pytest.mark.parametrize("case", [[], ["-i"]])
def test_a_regular_expression_s_space_finds_any_space(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: list[str],
) -> None:
    """-E 'human +rights' finds the no-break, thin and plain spaces; an escaped space, or one
    in a set, the space alone."""
    db = str(corpus.parent / "db.json")
    monkeypatch.chdir(corpus)
    text = load_document(corpus / "a.txt").text
    assert main(["search", "-E", *case, "human +ri?ghts", "a.txt", "--db", db, "--json"]) == 0
    assert [r["match"] for r in _hits_in(text, capsys)] == [
        "human\xa0rights",
        "human\u2009rights",
        "human rights",
    ]
    assert main(["search", "-E", *case, r"human[ ]rights", "a.txt", "--db", db, "--json"]) == 0
    assert [r["match"] for r in _hits_in(text, capsys)] == ["human rights"]
