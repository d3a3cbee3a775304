"""Inter-coder agreement speed (run by hand, prints figures beside the anchor).

    .venv/bin/python bench/agreement.py [DOCUMENTS] [KILOBYTES] [ANNOTATIONS]

Two coders, DOCUMENTS (default 100) documents of KILOBYTES (default 50) each, ANNOTATIONS
(default 5000) annotations per coder over 20 codes, half of coder B's passages copies of coder
A's shifted a little.  Times the whole computation at each unit (the table of every code and
the pooled row) and the list of disagreements.  Anchor: character level under 2 s.
"""

from __future__ import annotations

import random
import sys
import time

from tui_reader.core.analysis.agreement import UNITS, Comparison
from tui_reader.core.annotations.model import Annotation

ANCHOR_SECONDS = 2.0  # character level, 100 x 50 KB, 5,000 annotations per coder
SENTENCE = "The border is a lived space, and the plan would remilitarize it. "
PARAGRAPH_EVERY = 6  # sentences


def corpus(documents: int, kilobytes: int) -> dict[str, str]:
    paragraph = SENTENCE * PARAGRAPH_EVERY + "\n\n"
    repeats = kilobytes * 1000 // len(paragraph) + 1
    return {f"doc{n:03d}.txt": (paragraph * repeats)[: kilobytes * 1000] for n in range(documents)}


def coding(texts: dict[str, str], count: int, seed: int) -> list[Annotation]:
    rng = random.Random(seed)
    keys = sorted(texts)
    codes = [f"theme{i}/code{j}" for i in range(5) for j in range(4)]
    made = []
    for n in range(count):
        key = rng.choice(keys)
        start = rng.randrange(0, len(texts[key]) - 600)
        end = start + rng.randrange(20, 600)
        made.append(
            Annotation(key, start, end, texts[key][start:end], tags=tuple(rng.sample(codes, 2)),
                       id=f"{seed}-{n}", coder=f"coder{seed}")
        )  # fmt: skip
    return made


def main() -> None:
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    kilobytes = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    texts = corpus(documents, kilobytes)
    coder_a = coding(texts, count, 1)
    rng = random.Random(2)
    coder_b = [
        a.evolve(id=a.id + "b", start=a.start + rng.randrange(0, 30), coder="coder2")
        for a in coder_a[: count // 2]
    ] + coding(texts, count - count // 2, 2)
    chars = sum(map(len, texts.values()))
    print(f"{documents} documents, {chars / 1e6:.1f} M characters, {count} annotations per coder")
    for unit in UNITS:
        started = time.perf_counter()
        comparison = Comparison(coder_a, coder_b, texts, unit)
        rows = comparison.rows()
        elapsed = time.perf_counter() - started
        overall = rows[-1].table
        anchor = f"  (anchor: under {ANCHOR_SECONDS:.0f} s)" if unit == "character" else ""
        print(
            f"{unit:<10} {elapsed:6.2f} s  {len(rows) - 1} codes, {overall.units:,} unit "
            f"decisions, kappa {overall.kappa:.3f}, alpha {overall.alpha:.3f}{anchor}"
        )
        if unit == "character":
            started = time.perf_counter()
            found = comparison.disagreements()
            print(
                f"{'':<10} {time.perf_counter() - started:6.2f} s  {len(found):,} disagreements "
                "listed"
            )


if __name__ == "__main__":
    main()
