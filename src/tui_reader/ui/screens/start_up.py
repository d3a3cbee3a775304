"""Which document the main screen opens first, and when the library is scanned.

The document asked for on the command line opens first; else the one the user was reading
(at its place), if its file is still there; else, once the corpus is listed (in a worker), the
corpus files in order until one opens (a file that cannot be read shows greyed in the library,
with its reason).  The library's scan starts once the first
document shows in full: scanning reads every file and would compete with it.
"""

from __future__ import annotations

from tui_reader.core.workspace import Workspace


class StartUp:
    """The start-up policy of one main screen; it says what to open, the screen opens it."""

    def __init__(self, workspace: Workspace, asked: str | None) -> None:
        self.workspace = workspace
        self.asked = asked  # the document named on the command line
        self._candidates: list[str] = []  # documents to try in turn
        self.trying = False  # a candidate is being opened (its failure is quiet)
        self.waiting = False  # for the listing, to open the first corpus file

    def first(self) -> tuple[str | None, bool]:
        """The document to open first, and whether the user chose it (then the text has the
        focus; else the library).  None: the first corpus file, once listed (:meth:`listed`,
        then :meth:`next_candidate`); the corpus is not listed to answer."""
        if self.asked is not None:
            return self.asked, True
        last = self.workspace.store.last_read()
        if last is not None and self.workspace.may_be_listed(last):
            return last, True
        self.waiting = True
        return None, False

    def listed(self, keys: list[str]) -> None:
        """The corpus files that can be opened, in order (the listing came)."""
        self._candidates = list(keys)
        self.waiting = False

    def next_candidate(self) -> str | None:
        """The next corpus file to try (its failure is quiet); None when none is left."""
        self.trying = bool(self._candidates)
        return self._candidates.pop(0) if self._candidates else None

    def opened(self) -> None:
        """The document being opened shows: no other is opened for the user once listed (one
        chosen among the first rows shown while listing stays)."""
        self.trying = False
        self.waiting = False
