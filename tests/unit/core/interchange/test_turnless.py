"""The texts found to hold no speaker's turn, kept by hash between exports: an export with
every document placed again does not look at such a text for turns again, a text edited (or
written anew as a transcript) is looked at, and the file is never the truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.counting import count_calls
from helpers.format_fixtures import TRANSCRIPT_TXT

from tui_reader.cli.main import main
from tui_reader.core.interchange import places_in_text
from tui_reader.core.interchange.turnless import TurnlessTexts, release
from tui_reader.locations import placement_cache_path, places_cache_path, turnless_cache_path

PROSE = "The road north was closed.\n\nWe waited at the shelter for three days.\n"
A, B = "a" * 64, "b" * 64


def _coded(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, quote: str) -> Path:
    """A database coding ``quote`` in the corpus's one file, holding ``text``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "f.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "annotations.json"
    argv = ["annotate", str(corpus / "f.txt"), "--quote", quote, "-t", "place"]
    assert main([*argv, "--db", str(db), "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    return db


def _placed_export(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The CSV export with every document placed again (as after every file was touched)."""
    placement_cache_path(db).unlink(missing_ok=True)
    places_cache_path(db).unlink(missing_ok=True)
    assert main(["export", str(db.parent / "corpus"), "--db", str(db), "-f", "csv"]) == 0
    return capsys.readouterr().out


def test_a_text_without_turns_is_not_looked_at_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export with every document placed again looked at each of 10,000 texts for
    speakers' turns, at every such export, where the texts had not changed."""
    db = _coded(tmp_path, capsys, PROSE, "three days")
    first = _placed_export(db, capsys)
    looked = count_calls(monkeypatch, places_in_text, "find_turns")
    assert _placed_export(db, capsys) == first
    assert looked.calls == 0


def test_a_text_edited_into_a_transcript_is_looked_at_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text kept as holding no turn is written again as a transcript, and coded again:
    its passage's speaker is found, not taken from what was kept of the other text."""
    db = _coded(tmp_path, capsys, PROSE, "three days")
    assert ",,," in _placed_export(db, capsys).splitlines()[1]  # no page, speaker nor time
    kept = TurnlessTexts(turnless_cache_path(db))
    (tmp_path / "corpus" / "f.txt").write_text(TRANSCRIPT_TXT, encoding="utf-8")
    argv = ["annotate", str(tmp_path / "corpus" / "f.txt"), "--quote", "Soldiers asked"]
    assert main([*argv, "-t", "place", "--db", str(db)]) == 0
    capsys.readouterr()
    rows = [row for row in _placed_export(db, capsys).splitlines() if "Soldiers asked" in row]
    assert len(rows) == 1 and ",P03,00:07:15," in rows[0]
    assert len(kept._kept) == 1  # the prose's hash, which the transcript's is not


def test_the_kept_hashes_are_read_back_and_only_those_wanted_written(tmp_path: Path) -> None:
    path = tmp_path / "turnless.json"
    kept = TurnlessTexts(path)
    assert not kept.holds_none(A)
    kept.found_none(A)
    kept.found_none(B)
    kept.save([A])  # B's text is no document's now
    again = TurnlessTexts(path)
    assert again.holds_none(A) and not again.holds_none(B)


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        json.dumps({"version": "other", "documents": {}, "turnless": [A]}).encode(),
        json.dumps({"version": release(), "documents": {}, "turnless": [A, 5]}).encode(),
        json.dumps({"version": release(), "documents": {}, "turnless": [A, "short"]}).encode(),
        json.dumps({"version": release(), "documents": {}, "turnless": {A: 1}}).encode(),
    ],
)
def test_a_damaged_file_or_one_of_another_release_is_ignored(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "turnless.json"
    path.write_bytes(content)
    assert not TurnlessTexts(path).holds_none(A)


def test_a_file_that_cannot_be_written_is_left_unsaved(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    kept = TurnlessTexts(blocker / "turnless.json")  # its folder is a file
    kept.found_none(A)
    kept.save([A])
    assert TurnlessTexts(None).holds_none(A) is False
