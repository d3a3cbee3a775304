"""Benchmark: converting a large RTF document, beside striprtf (text only) on the same file.

Run by hand: ``python bench/rtf.py``.  The RTF is generated in the shape Word writes (font,
colour and style tables, headings, emphasis, list text, tables, fields, footnotes), 4,000
paragraphs.  Prints the median CPU seconds of 5 conversions by our reader (which keeps the
styles) and, when striprtf is installed (``pip install striprtf``; it is not a dependency),
by striprtf, and whether both give the same words in the body (striprtf leaves footnotes out
and writes the list marker as the document has it: our note references and the Notes section,
table separators and bullet glyphs aside).
"""

from __future__ import annotations

import importlib
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tui_reader.core.documents.formats.rtf import convert_rtf

HEAD = (
    r"{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
    r"{\f3\froman\fcharset2 Symbol;}}{\colortbl;\red0\green0\blue0;}"
    r"{\stylesheet{\ql \f0 Normal;}{\s1\ql\outlinelevel0 \b\fs32 heading 1;}}"
    r"{\info{\title Field report}{\author Ana}}" "\n"
)  # fmt: skip
SECTION = (
    r"\pard\plain \s1\outlinelevel0 \b Interview {n}\par"
    r"\pard\plain\ltrpar\fs24\lang2057 Researchers read {\b interview transcripts} closely and "
    r"code the {\i passages} that matter, twice: once for what they say and once for what they "
    r"leave unsaid. The coding frame grew out of these readings\u8217\'92 {\i notes}.\par"
    r"\pard\plain \ls1\ilvl0 {\listtext\pard\plain \f3 \'b7\tab}a point of the interview\par"
    r"\trowd\cellx1000\cellx2000\pard\plain\intbl Name\cell Place\cell\row"
    r"\pard\plain See {\field{\*\fldinst HYPERLINK " '"https://example.org"' r"}"
    r"{\fldrslt the report}} here.{\super\chftn}{\footnote\pard\plain {\super\chftn} A note.}\par"
    "\n"
)  # fmt: skip
SECTIONS = 1_000  # four paragraphs and a table row each


def median_cpu(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = resource.getrusage(resource.RUSAGE_SELF).ru_utime
        fn()
        times.append(resource.getrusage(resource.RUSAGE_SELF).ru_utime - start)
    return statistics.median(times)


def main() -> int:
    rtf = HEAD + "".join(SECTION.replace("{n}", str(n)) for n in range(SECTIONS)) + "}"
    path = Path("bench.rtf")
    print(f"RTF, {SECTIONS * 4:,} paragraphs, {len(rtf) / 1e6:.1f} MB")
    start = time.perf_counter()
    ours = convert_rtf(rtf, path)
    print(f"  one conversion: {time.perf_counter() - start:.3f} s wall")
    print(f"  ours (styles kept):  {median_cpu(lambda: convert_rtf(rtf, path)):.3f} s CPU, "
          f"{len(ours.spans):,} spans")  # fmt: skip
    try:
        rtf_to_text: Callable[[str], str] = importlib.import_module("striprtf.striprtf").rtf_to_text
    except ImportError:
        print("  striprtf: not installed (pip install striprtf to compare)")
        return 0
    plain = rtf_to_text(rtf)
    print(f"  striprtf (text only): {median_cpu(lambda: rtf_to_text(rtf)):.3f} s CPU")
    theirs = plain.replace("|", " ").replace("·", "•").split()
    body = re.sub(r"\[\d+\]", "", ours.text.split("\n\nNotes\n\n")[0])
    same = theirs == body.replace("│", " ").split()
    print(f"  same words: {same} ({len(theirs):,} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
