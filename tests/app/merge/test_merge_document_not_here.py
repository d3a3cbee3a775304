"""The app's merge of a colleague's export naming a document in no folder here: kept under
its key beside the database, where the app never reads a file, it is kept in the app's
corpus under the name the file gives it, as ``import`` and ``merge --corpus`` keep it."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.app import notices_said, ready
from helpers.merging import merge_confirmed, merge_planned

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp


async def test_the_app_s_merge_keeps_a_document_not_here_in_its_corpus(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "interview.txt").write_text("The shelter opened in May.\n", "utf-8")
    at = ["--db", str(theirs / "annotations.json"), "--corpus", str(theirs)]
    assert main(["annotate", *at, "interview.txt", "--quote", "shelter", "--tag", "place"]) == 0
    out = tmp_path / "theirs.jsonld"
    assert main(["export", *at, "-f", "w3c", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    for item in data["first"]["items"]:  # as another tool writes one: no hash of the text
        del item["docSha256"]
    out.write_text(json.dumps(data), "utf-8")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A first text here.\n", "utf-8")
    db = tmp_path / "db" / "ours.json"
    db.parent.mkdir()
    app = ReaderApp(corpus, db)
    async with app.run_test() as pilot:
        await ready(pilot)
        said = notices_said(app)
        await merge_planned(pilot, app, out)
        await merge_confirmed(pilot, app, said)
    with AnnotationStore(db) as store:
        assert {a.document for a in store.annotations()} == {"../c/interview.txt"}
