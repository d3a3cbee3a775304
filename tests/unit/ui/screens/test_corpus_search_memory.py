"""What the corpus search remembers of a workspace between visits (its last query, the texts it
read) never keeps that workspace alive: an app closed lets go of it."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from tui_reader.core.search.corpus import search_texts
from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens import corpus_search


def test_a_workspace_searched_is_let_go_once_no_app_holds_it(tmp_path: Path) -> None:
    """The memory was kept in a table weakly keyed by the workspace, yet its value held the
    texts, which held the workspace: no workspace was ever let go, and a process running one
    app after another (the tests, the benchmark) kept each one's store, facts and texts."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A word, then another word.\n", encoding="utf-8")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    memory = corpus_search._memory(workspace)  # as a search screen opened on it does
    memory.query = "word"
    assert corpus_search._memory(workspace) is memory  # kept between visits
    texts = workspace.corpus_texts  # the texts the screen searches, kept between searches
    assert workspace.corpus_texts is texts
    results = search_texts(texts, workspace.keys(), "word")
    assert (results.total, results.documents) == (2, 1)
    texts.pack.close()  # its spool, else left to the collector
    workspace.store.close()
    gone = weakref.ref(workspace)
    del workspace, memory, texts, results
    gc.collect()
    assert gone() is None
