"""Hypothesis's annotations of a PDF read from a file (opened in the browser from the disk)
name it by its fingerprint, ``urn:x-pdf:`` and what PDF.js makes of the file's identifier,
not by a path or an address: imported onto the PDF of the corpus that has that fingerprint,
placed by their quotes."""

from __future__ import annotations

import json
import re
from hashlib import md5
from pathlib import Path

import pytest
from helpers.format_fixtures import make_pdf

from tui_reader.cli.main import main

PARAGRAPHS = [
    "The army moved to the border at dawn and stayed there for a whole year.",
    "Officials called it a temporary measure while the troops kept coming.",
]


def _row(ident: str, uri: str, exact: str, tag: str) -> dict[str, object]:
    """An annotation as Hypothesis's "Export annotations" writes it (its positions PDF.js's
    count of the pages' text, which is not ours)."""
    return {
        "id": ident,
        "created": "2024-01-02T03:04:05.000000+00:00",
        "updated": "2024-01-02T03:04:05.000000+00:00",
        "user": "acct:ana@hypothes.is",
        "uri": uri,
        "text": "",
        "tags": [tag],
        "target": [
            {
                "source": uri,
                "selector": [
                    {"type": "TextPositionSelector", "start": 400, "end": 400 + len(exact)},
                    {"type": "TextQuoteSelector", "exact": exact, "prefix": "", "suffix": ""},
                ],
            }
        ],
        "document": {"title": ["Border Lives"]},
    }


def test_hypothesis_annotations_of_a_pdf_come_onto_the_pdf_of_their_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each was left out, "about urn:x-pdf:...: which names no document here", though the
    corpus held the PDF.  Its fingerprint is the first identifier of its trailer in
    hexadecimal (one without an identifier: the MD5 of its first 1,024 bytes); one of a
    fingerprint no PDF here has is said and left out."""
    corpus = tmp_path / "docs"
    corpus.mkdir()
    paper = make_pdf(corpus / "paper.pdf", PARAGRAPHS)
    found = re.search(rb"/ID\s*\[\s*<([0-9a-fA-F]{32})>", paper.read_bytes())
    assert found is not None
    # another PDF whose trailer names no identifier
    bare = make_pdf(corpus / "bare.pdf", ["Officials called it a temporary measure."])
    bare.write_bytes(re.sub(rb"/ID(\s*\[)", rb"/XX\1", bare.read_bytes()))
    fingerprints = (found.group(1).decode().lower(), md5(bare.read_bytes()[:1024]).hexdigest())
    rows = [
        _row("A1", f"urn:x-pdf:{fingerprints[0].upper()}", "stayed there for a whole year", "time"),
        _row("A2", f"urn:x-pdf:{fingerprints[1]}", "a temporary measure", "framing"),
        _row("A3", "urn:x-pdf:00112233445566778899aabbccddeeff", "troops", "x"),
    ]
    exported = tmp_path / "hypothesis.json"
    exported.write_text(json.dumps({"annotations": rows}), encoding="utf-8")
    db = str(tmp_path / "db.json")
    assert main(["import", str(exported), "--db", db, "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "about urn:x-pdf:00112233445566778899aabbccddeeff, a PDF's fingerprint no PDF" in err
    assert main(["export", str(corpus), "--db", db, "-f", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    placed = {(r["document"], r["quote"], r["status"], tuple(r["tags"])) for r in records}
    assert placed == {
        ("docs/paper.pdf", "stayed there for a whole year", "anchored", ("time",)),
        ("docs/bare.pdf", "a temporary measure", "anchored", ("framing",)),
    }


def test_hypothesis_annotations_of_a_pdf_on_the_web_come_onto_the_pdf_of_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PDF Hypothesis read on the web is named by its address, and the corpus holds it as
    a file downloaded from there (no address kept in a PDF): its annotations were left out,
    "which no web page saved in the corpus is a copy of".  They come onto the one PDF of the
    corpus of the address's file name (its escapes read, case aside), placed by their quotes;
    a name two PDFs here have, in two folders, is said and left out."""
    corpus = tmp_path / "docs"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    make_pdf(corpus / "a" / "Border Paper.pdf", PARAGRAPHS)
    make_pdf(corpus / "a" / "twice.pdf", PARAGRAPHS[:1])
    make_pdf(corpus / "b" / "twice.pdf", PARAGRAPHS[:1])
    rows = [
        _row(
            "W1", "https://example.org/papers/border%20paper.PDF?download=1", "a whole year", "time"
        ),
        _row("W2", "https://example.org/twice.pdf", "army moved", "x"),
    ]
    exported = tmp_path / "hypothesis.json"
    exported.write_text(json.dumps({"rows": rows, "total": 2}), encoding="utf-8")
    db = str(tmp_path / "db.json")
    assert main(["import", str(exported), "--db", db, "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert (
        "about https://example.org/twice.pdf, a PDF whose file name no PDF in the corpus has alone"
        in err
    )
    assert main(["export", str(corpus), "--db", db, "-f", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert (record["document"], record["quote"], record["status"]) == (
        "docs/a/Border Paper.pdf",
        "a whole year",
        "anchored",
    )
