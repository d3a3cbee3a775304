"""The speaker turns of a corpus's documents for the reports that only ask whose words a
passage holds (``report matrix --by-speaker``, a query's ``speaker:``, and the app's reports
and query views): a document whose facts, kept for its file as it is now, name no speaker
is not loaded, as none of its turns names one (a document's ``speakers`` fact is set
whenever a turn of it names a speaker: see
:func:`~tui_reader.core.documents.document.load_document`), so no passage of it holds a
speaker's words.  10,000 articles beside a few transcripts: loaded, 10 s; so, 0.1 s."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.stamps import stamp_of_stat
from tui_reader.core.documents.turns import Turn
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path


def turns_known(workspace: Workspace) -> Callable[[str], Sequence[Turn]]:
    """The turns of a document by its key: ``()`` when the facts kept for its file as it is
    now are exact and name no speaker, else those of the document loaded (which raises
    as :meth:`Workspace.document` raises for a file that cannot be read).  The facts cache
    is read at the first document asked for, by the thread asking (the app's worker), not
    by the one making this (the screen's)."""
    read: list[FactsCache] = []
    lock = threading.Lock()

    def facts() -> FactsCache:
        with lock:
            if not read:
                read.append(FactsCache(facts_cache_path(workspace.db)))
            return read[0]

    def turns_of(key: str) -> Sequence[Turn]:
        location = workspace.listed_location(key)  # inside the corpus, no link: as listed
        if location is not None:
            try:
                known = facts().get(key, stamp_of_stat(os.stat(location)))
            except (OSError, ValueError):
                known = None
            if known is not None and known.exact and "speakers" not in known.metadata:
                return ()
        return workspace.document(key).turns

    return turns_of
