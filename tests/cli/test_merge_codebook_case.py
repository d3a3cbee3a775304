"""A colleague's database whose codebook spells one of our codes in another case: merged and
imported, their passages carry our code, the codebook holds it once, and their memo of it is
added to ours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


def _ours_and_theirs(tmp_path: Path, our_tags: str, their_tags: str) -> tuple[Path, Path, Path]:
    """A corpus of one text, our database coding "Families" with ``our_tags`` (as ann) and
    a colleague's coding "border towns" with ``their_tags`` (as bo)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Families moved to the border towns last year.\n", "utf-8")
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    at = ["--corpus", str(corpus), "a.txt"]
    assert main(["annotate", "--db", str(ours), "--coder", "ann", "--quote", "Families",
                 "--tag", our_tags, *at]) == 0  # fmt: skip
    assert main(["annotate", "--db", str(theirs), "--coder", "bo", "--quote", "border towns",
                 "--tag", their_tags, *at]) == 0  # fmt: skip
    return corpus, ours, theirs


def _brought_in(
    how: str,
    tmp_path: Path,
    corpus: Path,
    ours: Path,
    theirs: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Their database merged into ours, or exported as a project and imported (``how``),
    what was said before it taken away."""
    other = theirs
    if how == "import":
        other = tmp_path / "theirs.project.json"
        argv = ["export", str(corpus), "--db", str(theirs), "-f", "project", "-o", str(other)]
        assert main(argv) == 0
    capsys.readouterr()
    assert main([how, "--db", str(ours), "--corpus", str(corpus), str(other)]) == 0


@pytest.mark.parametrize("how", ["merge", "import"])
def test_a_code_in_another_case_joins_ours(
    how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ours, theirs = _ours_and_theirs(tmp_path, "people/family", "People/Family")
    assert main(["tags", "set", "People/Family", "--color", "#00ff00", "--db", str(theirs)]) == 0
    assert main(["memo", "add", "--db", str(ours), "--code", "people/family", "Mine."]) == 0
    assert main(["memo", "add", "--db", str(theirs), "--code", "People/Family", "Theirs."]) == 0
    _brought_in(how, tmp_path, corpus, ours, theirs, capsys)
    # the codebook changed: said, as import says it (merge said "0 new codes" alone)
    assert "filled in the colour or description of 1" in capsys.readouterr().err
    with AnnotationStore(ours, read_only=True, coder="") as store:
        assert [t.name for t in store.tags()] == ["people/family"]
        assert store.tags()[0].color == "#00ff00"  # ours had none: theirs fills it in
        assert {a.tags for a in store.annotations()} == {("people/family",)}
        # their memo of the code is added to ours, not a memo of a code not in the codebook
        (memo,) = store.memos()
        assert memo.target == "people/family" and "Mine." in memo.text and "Theirs." in memo.text
    assert main(["tags", "--json", "--db", str(ours)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["name"], t["count"]) for t in listed] == [("people/family", 2)]


@pytest.mark.parametrize("how", ["merge", "import"])
def test_their_colour_and_description_that_differ_from_ours_are_said_kept(
    how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ours, theirs = _ours_and_theirs(tmp_path, "policy/border,place", "Policy/Border,place")
    assert main(["tags", "set", "policy/border", "--color", "red", "--db", str(ours)]) == 0
    assert main(["tags", "set", "Policy/Border", "--color", "blue", "--description",
                 "Crossings", "--db", str(theirs)]) == 0  # fmt: skip
    # the same colour written otherwise is no difference
    assert main(["tags", "set", "place", "--color", "#00ff00", "--db", str(ours)]) == 0
    assert main(["tags", "set", "place", "--color", "lime", "--db", str(theirs)]) == 0
    _brought_in(how, tmp_path, corpus, ours, theirs, capsys)
    err = capsys.readouterr().err
    assert "kept our colour or description of 1 where" in err
    assert "code policy/border: colour #0000ff in " in err and "#ff0000 here (ours kept)" in err
    assert "code place" not in err
    assert "filled in the colour or description of 1" in err  # the description ours lacked
    with AnnotationStore(ours, read_only=True, coder="") as store:
        border = next(t for t in store.tags() if t.name == "policy/border")
        assert (border.color, border.description) == ("#ff0000", "Crossings")


@pytest.mark.parametrize("how", ["merge", "import"])
def test_a_code_below_one_of_ours_spelled_in_another_case_goes_under_ours(
    how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's FEAR/x, where we have Fear, made a second top-level FEAR beside Fear
    (only a whole code of ours, or a parent of one, was matched), where annotate, autocode
    and tags put it under Fear. Their memo of it goes under Fear too."""
    corpus, ours, theirs = _ours_and_theirs(tmp_path, "Fear", "FEAR/x")
    assert main(["memo", "add", "--db", str(theirs), "--code", "FEAR/x", "Theirs."]) == 0
    _brought_in(how, tmp_path, corpus, ours, theirs, capsys)
    with AnnotationStore(ours, read_only=True, coder="") as store:
        assert {a.tags for a in store.annotations()} == {("Fear",), ("Fear/x",)}
        assert "FEAR" not in {t.name.split("/")[0] for t in store.tags()}
        assert [m.target for m in store.memos()] == ["Fear/x"]
