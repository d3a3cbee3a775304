"""Benchmark: placing again passages not found exactly, and passages whose spacing changed.

Run by hand: ``python bench/respaced.py [--paragraphs 1000,20000] [--passages 200]``.

For each size of text (paragraphs of 80 words, a blank line between) it times, in CPU seconds,
re-anchoring passages edited inside (found approximately) or gone (orphans), each of which is
looked for exactly, then with its whitespace taken for one space, then approximately;
passages whose line breaks became spaces (found exactly with their whitespace taken for one
space); and passages found exactly with their context no longer whole (a word put right after
each; half of them one word, with hundreds of twins, weighed again with whitespace taken for
one space).  The text taken for one space is made once per text: its share is said apart.  Figures
vary on a shared machine: compare old and new in turns.
"""

from __future__ import annotations

import argparse
import random
import time

from tui_reader.core.annotations import anchoring
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.documents.document import text_sha256


def passages(text: str, count: int, rng: random.Random) -> list[Annotation]:
    """Half of them edited inside, half gone from ``text``."""
    sha = text_sha256(text)
    result = []
    for k in range(count):
        start = rng.randrange(len(text) - 100)
        a = make_annotation("d.txt", text, start, start + 60, sha, ("t",))
        quote = "zz" + a.quote[2:] if k % 2 else "gone words " * 6
        result.append(a.evolve(quote=quote))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", default="1000,20000")
    parser.add_argument("--passages", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(1)
    words = [f"w{i}" for i in range(5000)]
    for size in map(int, args.paragraphs.split(",")):
        paragraphs = [" ".join(rng.choice(words) for _ in range(80)) for _ in range(size)]
        text = "\n\n".join(paragraphs)
        edited = passages(text, args.passages, rng)
        sha_text = text_sha256(text)
        wrapped = "\n\n".join(p.replace(" ", "\n", 5) for p in paragraphs)  # lines broken
        sha = text_sha256(wrapped)
        respaced = []
        for _ in range(args.passages):
            start = rng.randrange(len(wrapped) - 100)
            respaced.append(make_annotation("d.txt", wrapped, start, start + 60, sha, ("t",)))
        nudged_text, nudged = text, []
        for _ in range(args.passages):  # a word put right after each passage, back to front
            start = rng.randrange(len(text) - 100)
            nudged.append(make_annotation("d.txt", text, start, start + 60, sha_text, ("t",)))
        for _ in range(args.passages):  # and one word each, a twin of hundreds in the text
            start = text.index(" ", rng.randrange(len(text) - 100)) + 1
            end = text.index(" ", start)
            nudged.append(make_annotation("d.txt", text, start, end, sha_text, ("t",)))
        for a in sorted(nudged, key=lambda a: -a.end):
            nudged_text = nudged_text[: a.end] + "qq" + nudged_text[a.end :]
        made = 0.0
        spacing = getattr(anchoring, "_spaced_text", None)  # (none before it was made)
        if spacing is not None:
            spacing.cache_clear()
            t = time.process_time()
            spacing(text + "x")
            made = time.process_time() - t
            spacing.cache_clear()
        t = time.process_time()
        for a in edited:
            anchoring.reanchor(a, text + "x", "new")
        not_exact = time.process_time() - t
        t = time.process_time()
        found = sum(anchoring.reanchor(a, text, "new").status.value == "anchored" for a in respaced)
        spaced = time.process_time() - t
        t = time.process_time()
        near = sum(
            anchoring.reanchor(a, nudged_text, "new").status.value == "anchored" for a in nudged
        )
        context = time.process_time() - t
        print(
            f"{len(text):>10,} code points: {args.passages} edited or gone {not_exact:.3f} s "
            f"(the text spaced: {made:.3f} s); {args.passages} respaced {spaced:.3f} s, "
            f"{found} exact; {2 * args.passages} with a word put after {context:.3f} s, "
            f"{near} exact (half of them one word)"
        )


if __name__ == "__main__":
    main()
