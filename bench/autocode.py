"""Sentence-unit autocode speed on a document of short lines (run by hand, prints figures
beside the anchor).

    .venv/bin/python bench/autocode.py [LINES] [EVERY]

Writes a transcript-like document of LINES (default 1,000,000) short lines, one paragraph of
them (no blank line: the worst case for finding a unit), in a temporary corpus, then runs
``autocode PATTERN --unit sentence`` over it as the command does (read, find, units, save in
one step), with a pattern found on every EVERY-th line (default 100).  Then the units alone
for a hit on every line (for scale).  Anchor: the autocode run under 10 s.  The machine is
shared: compare with the anchor, not with yesterday's run.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from tui_reader.core.annotations.autocode import autocode, unit_ranges
from tui_reader.core.workspace import Workspace

ANCHOR_SECONDS = 10.0


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    text = "".join(
        f"{'marker ' if n % every == 0 else ''}line {n} is short. It ends here\n"
        for n in range(lines)
    )
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        (corpus / "lines.txt").write_text(text, encoding="utf-8")
        workspace = Workspace(corpus, Path(folder) / "db.json", coder="bench")
        started = time.perf_counter()
        result = autocode(workspace, workspace.keys(), re.compile("marker"), ["t"], "sentence")
        elapsed = time.perf_counter() - started
        workspace.store.close()
        print(
            f"autocode --unit sentence, {lines:,} lines, {result.coded:,} passages coded: "
            f"{elapsed:.2f} s  (anchor: under {ANCHOR_SECONDS:.0f} s)"
        )
        hits = [(m.start(), m.end()) for m in re.finditer("line", text)]
        started = time.perf_counter()
        units = unit_ranges(text, hits, "sentence")
        elapsed = time.perf_counter() - started
        print(f"sentence units alone for {len(hits):,} hits (one a line): {elapsed:.2f} s, "
              f"{len(units):,} units  (for scale: every sentence is split)")  # fmt: skip


if __name__ == "__main__":
    main()
