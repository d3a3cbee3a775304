"""``tui-reader import`` (and ``merge``) of another tool's W3C annotations: what it could not
take as given is said, one line each, and nothing unreadable is stored as if it were read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui_reader.cli.main import main

TEXT = "The quick brown fox jumps over the lazy dog.\n"


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], **fields: Any) -> str:
    """Import one W3C annotation of ``a.txt`` (``fields`` over a quote of "brown fox") and
    give what the command said on its standard error, the test's folder written TMP."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    item: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "animal"},
        "target": {
            "source": "a.txt",
            "selector": {"type": "TextQuoteSelector", "exact": "brown fox"},
        },
        **fields,
    }
    theirs = tmp_path / "theirs.jsonld"
    theirs.write_text(json.dumps(item), encoding="utf-8")
    db = corpus / "annotations.json"
    capsys.readouterr()
    assert main(["import", str(theirs), "--db", str(db), "--corpus", str(corpus)]) == 0
    return capsys.readouterr().err.replace(str(tmp_path), "TMP")  # (the test's name in it)


def _stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    corpus = tmp_path / "corpus"
    db = corpus / "annotations.json"
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert isinstance(record, dict)
    return record


def test_a_quote_the_document_does_not_hold_is_said_kept_as_an_orphan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = {"source": "a.txt", "selector": {"type": "TextQuoteSelector", "exact": "purple cow"}}
    err = _import(tmp_path, capsys, target=target)
    [line] = [line for line in err.splitlines() if "orphan" in line]
    assert "a.txt" in line and "'purple cow'" in line, err
    assert _stored(tmp_path, capsys)["status"] == "orphan"


def test_a_quote_the_document_holds_more_than_once_is_said_so_not_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "the passage is not in the text" was said of a quote the text holds three times.
    target = {"source": "a.txt", "selector": {"type": "TextQuoteSelector", "exact": "o"}}
    err = _import(tmp_path, capsys, target=target)
    [line] = [line for line in err.splitlines() if "orphan" in line]
    assert "not in the text" not in line and "occurs 4 times" in line, err


def test_merging_a_quote_the_document_does_not_hold_says_so_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = {"source": "a.txt", "selector": {"type": "TextQuoteSelector", "exact": "purple cow"}}
    _import(tmp_path, capsys)  # the corpus, its database, and the file of one annotation
    theirs = tmp_path / "theirs.jsonld"
    item = json.loads(theirs.read_text(encoding="utf-8"))
    item.update(id="urn:uuid:99999999-2222-4333-8444-555555555555", target=target)
    item["creator"] = {"type": "Person", "name": "bea"}
    theirs.write_text(json.dumps(item), encoding="utf-8")
    corpus = tmp_path / "corpus"
    db = corpus / "annotations.json"
    assert main(["merge", str(theirs), "--db", str(db), "--corpus", str(corpus)]) == 0
    err = capsys.readouterr().err.replace(str(tmp_path), "TMP")
    [line] = [line for line in err.splitlines() if "orphan" in line]
    assert "a.txt" in line and "'purple cow'" in line, err


def test_a_quote_the_document_holds_says_no_orphan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _import(tmp_path, capsys)
    assert "orphan" not in err, err


def test_a_time_that_cannot_be_read_is_said_and_not_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _import(tmp_path, capsys, created="yesterday", modified="2026-11-20T10:00:00Z")
    [line] = [line for line in err.splitlines() if "yesterday" in line]
    assert "created" in line and "not a time" in line, err
    record = _stored(tmp_path, capsys)
    assert (record["created"], record["updated"]) == ("", "2026-11-20T10:00:00Z")


def test_a_modified_time_that_cannot_be_read_is_dated_as_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _import(tmp_path, capsys, created="2026-11-20T10:00:00Z", modified="last week")
    assert any("'last week'" in line and "modified" in line for line in err.splitlines()), err
    record = _stored(tmp_path, capsys)
    assert (record["created"], record["updated"]) == ("2026-11-20T10:00:00Z",) * 2


def test_several_creators_are_said_and_the_first_is_the_coder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    creators = [{"type": "Person", "name": "ann"}, {"type": "Person", "name": "bob"}]
    err = _import(tmp_path, capsys, creator=creators)
    [line] = [line for line in err.splitlines() if "creators" in line]
    assert "ann" in line and "bob" in line, err
    assert _stored(tmp_path, capsys)["coder"] == "ann"


@pytest.mark.parametrize(
    ("creator", "given"),
    [(42, "42"), ({"type": "Person"}, '{"type": "Person"}'), ([7, {"name": "\x07"}], "[7, ")],
)
def test_a_creator_that_names_no_one_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], creator: Any, given: str
) -> None:
    err = _import(tmp_path, capsys, creator=creator)
    [line] = [line for line in err.splitlines() if "creator" in line]
    assert f"its creator {given}" in line, err
    assert line.endswith("names no one; imported as the database's default coder's"), err


def test_a_named_creator_is_not_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _import(tmp_path, capsys, creator={"type": "Person", "name": "bea"})
    assert "creator" not in err, err


def test_many_annotations_of_one_quote_with_no_place_are_weighed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1,000 annotations of a word the text holds 1,000 times, with no place and no context
    (another tool's TextQuoteSelector): each was weighed against every occurrence again, when
    placed and again when said not placed; 4,000 of them took 24 s.  They are orphans, and
    the work grows with their number, not its square."""
    from helpers.counting import lines_run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("word " * 1000, encoding="utf-8")
    selector = {"type": "TextQuoteSelector", "exact": "word"}
    command, _ = _importing_quotes(tmp_path, corpus, [selector] * 1000)
    # 1.9 million lines run; 12.9 million before (each one weighed against all)
    code, _ = lines_run(lambda: main(command), at_most=4_000_000)
    assert code == 0
    said = capsys.readouterr().err
    assert "the passages of 1,000 annotations occur more than once" in said


def test_many_annotations_of_one_quote_each_with_its_own_context_are_placed_in_linear_work(
    tmp_path: Path,
) -> None:
    """1,000 annotations of a word the text holds 1,000 times, each with the context of its
    own line and no place (Hypothesis writes them so): each weighed every occurrence, 4,000
    took 43 s.  Each is placed on its own line, found by its whole context."""
    from helpers.counting import lines_run

    from tui_reader.core.store.annotation_store import AnnotationStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "".join(f"line {n}: word here\n" for n in range(1000))
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    selector = {"type": "TextQuoteSelector", "exact": "word", "suffix": " here"}
    selectors = [{**selector, "prefix": f"line {n}: "} for n in range(1000)]
    command, db = _importing_quotes(tmp_path, corpus, selectors)
    # 2.3 million lines run; 29.8 million before (each one weighed against all)
    code, _ = lines_run(lambda: main(command), at_most=6_000_000)
    assert code == 0
    with AnnotationStore(db, read_only=True) as store:
        placed = {a.id[-4:]: a.start for a in store.annotations()}
    assert placed == {
        f"{n:04d}": text.index(f"line {n}: word") + len(f"line {n}: ") for n in range(1000)
    }


def _importing_quotes(
    tmp_path: Path, corpus: Path, selectors: list[dict[str, str]]
) -> tuple[list[str], Path]:
    """A W3C collection of one annotation coded ``t`` on a.txt per selector, written beside
    the corpus: the command importing it, and the database it imports into."""
    items = [
        {
            "id": f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
            "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "t"},
            "target": {"source": "a.txt", "selector": selector},
        }
        for n, selector in enumerate(selectors)
    ]
    theirs = tmp_path / "theirs.json"
    collection = {
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": items},
    }
    theirs.write_text(json.dumps(collection), encoding="utf-8")
    db = tmp_path / "annotations.json"
    return ["import", str(theirs), "--db", str(db), "--corpus", str(corpus)], db
