"""Benchmark: searching a whole corpus as the user types (the ``F`` screen).

Run by hand: ``python bench/corpus_search.py [--docs 300] [--kb 200]``.

Builds a synthetic corpus of ``--docs`` documents of ``--kb`` KB each in a temporary folder and
times: the first search (every file read and parsed once), a search on the cached texts, a
common word (hundreds of thousands of hits: all counted, 1,000 listed), an exact-case query, and
placing every annotated passage for the codebook screen.  Figures vary on a shared machine:
compare ratios.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from tui_reader.core.analysis.scope import load_scope
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.annotations.passages import passages_of_scope
from tui_reader.core.search.corpus import CorpusTexts, search_corpus
from tui_reader.core.workspace import Workspace

WORDS = [
    "the",
    "border",
    "army",
    "migrants",
    "Mexico",
    "security",
    "patrols",
    "region",
    "government",
    "plan",
    "refugees",
    "southern",
    "command",
    "conference",
    "militarization",
    "of",
    "and",
    "to",
    "in",
    "a",
    "with",
    "for",
]


def build(root: Path, docs: int, kb: int, rng: random.Random) -> None:
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(docs):
        words: list[str] = []
        size = 0
        while size < kb * 1024:
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
            words.append(sentence.capitalize() + ".")
            size += len(sentence) + 2
            if rng.random() < 0.2:
                words.append("\n\n")
        (corpus / f"doc{i:04d}.txt").write_text(f"Document {i}\n\n" + " ".join(words))


def timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label:<48} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--kb", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.docs, args.kb, rng)
        workspace = Workspace(root / "corpus", root / "annotations.json")
        keys = workspace.keys()
        texts = CorpusTexts(workspace)
        print(f"{len(keys)} documents of {args.kb} KB")

        def docs():  # type: ignore[no-untyped-def]
            for key in keys:
                yield key, *texts.get(key)

        for label, query in [
            ("first search (reads every file)", "militarization"),
            ("again, texts cached", "militarization"),
            ("common word 'the' (all counted, 1,000 listed)", "the"),
            ("exact case 'Mexico'", "Mexico"),
            ("rare: 'zzqx'", "zzqx"),
        ]:
            results = timed(label, lambda q=query: search_corpus(docs(), q))
            print(f"{'':<4}{results.total:,} hits, {len(results.hits):,} listed")
        for key in keys[:50]:
            text = workspace.document(key).text
            for _ in range(20):
                start = rng.randrange(0, len(text) - 50)
                annotation = make_annotation(
                    key, text, start, start + 40, workspace.document(key).sha256, ("a/b",)
                )
                workspace.store.add(annotation)
        passages = timed("codebook: place 1,000 passages in 50 documents",
                         lambda: passages_of_scope(workspace, load_scope(workspace)))  # fmt: skip
        print(f"{'':<4}{len(passages):,} passages")
        workspace.store.close()


if __name__ == "__main__":
    main()
