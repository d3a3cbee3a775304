"""Export speed on a big document with many annotations (run by hand, prints figures).

    .venv/bin/python bench/export.py [MEGABYTES] [ANNOTATIONS]

Builds a synthetic document of MEGABYTES (default 20) of prose with Markdown-significant
characters and ANNOTATIONS (default 5000) annotations with tags and notes, then times each
export format.  Compare ratios between runs, not absolute times (the machine is shared).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.documents.document import parse_document
from tui_reader.core.interchange import FORMATS, ExportOptions

PARAGRAPH = (
    "The *militarization* of the border, as the [report](x) says, costs $22 million; "
    "see `annex_3` & the <b>table</b> below.\n# not a heading\n1. not a list\n\n"
)


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 20
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    text = PARAGRAPH * int(megabytes * 1_000_000 / len(PARAGRAPH))
    started = time.perf_counter()
    document = parse_document(text.encode("utf-8"), Path("big.txt"))
    print(f"document: {len(text) / 1e6:.1f} M code points, parsed in "
          f"{time.perf_counter() - started:.2f} s")  # fmt: skip
    rng = random.Random(7)
    tags = [f"theme{i}/sub{j}" for i in range(8) for j in range(4)]
    annotations = []
    for n in range(count):
        start = rng.randrange(0, len(document.text) - 400)
        annotations.append(
            make_annotation(
                "big.txt", document.text, start, start + rng.randrange(20, 400),
                document.sha256, tuple(rng.sample(tags, 2)),
                "A *note* with\n\n- a list" if n % 3 == 0 else "",
            ).evolve(id=f"{n:08d}-0000-4000-8000-000000000000")
        )  # fmt: skip
    codebook = [Tag(t) for t in tags]
    options = ExportOptions(exported_at="2026-01-01T00:00:00Z")
    for name, export_format in FORMATS.items():
        for by in ("document", "tag") if name == "markdown" else ("document",):
            started = time.perf_counter()
            data = export_format.render(
                annotations, {"big.txt": document}, codebook, ExportOptions(by=by)
                if by == "tag" else options,
            )  # fmt: skip
            elapsed = time.perf_counter() - started
            label = f"{name} (by {by})" if name == "markdown" else name
            print(f"{label:<22} {elapsed:6.2f} s  {len(data) / 1e6:7.2f} MB  "
                  f"{count / elapsed:9.0f} annotations/s")  # fmt: skip


if __name__ == "__main__":
    main()
