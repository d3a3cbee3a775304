"""Which document the main screen opens first, and when the library is scanned.

The document asked for on the command line opens first; else the one the user was reading
(at its place); else the corpus files in order until one opens (a file that cannot be read
shows greyed in the library, with its reason).  The library's scan starts once the first
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

    def first(self) -> tuple[str | None, bool]:
        """The document to open first, and whether the user chose it (then the text has the
        focus; else the library)."""
        files = self.workspace.files
        self._candidates = [self.workspace.key(f.path) for f in files if f.format is not None]
        last = self.workspace.store.last_read()
        chosen = self.asked or (last if last in self._candidates else None)
        if chosen is not None:
            return chosen, True
        return self.next_candidate(), False

    def next_candidate(self) -> str | None:
        """The next corpus file to try (its failure is quiet); None when none is left."""
        self.trying = bool(self._candidates)
        return self._candidates.pop(0) if self._candidates else None

    def opened(self) -> None:
        """The document being opened shows."""
        self.trying = False
