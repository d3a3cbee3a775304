"""A W3C export of a passage whose quote and 32 characters either side occur several times
in the text (a line that comes back on every page): a tool reading the quote alone marked
every place.  The export's context names one place, the position selector exact, and the
import reads both back onto the place coded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.running_pages import PAGES, QUOTE, RUNNING, occurrences

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import quoted
from tui_reader.core.store.annotation_store import AnnotationStore


@pytest.fixture
def coded(tmp_path: Path) -> tuple[Path, Path, int]:
    """A corpus of the four pages, page 2's running passage coded and a passage of its own
    words too; the database, and where page 2's passage starts."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "report.txt").write_text(PAGES + "\n", "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus), "report.txt"]
    assert main(["annotate", *at, "--quote", QUOTE, "--occurrence", "2", "-t", "shelter"]) == 0
    assert main(["annotate", *at, "--quote", "page 3", "-t", "page"]) == 0
    start = [i for i in range(len(PAGES)) if PAGES.startswith(QUOTE, i)][1]
    return corpus, db, start


def _selectors(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    items = json.loads(path.read_text("utf-8"))["first"]["items"]
    return {
        str(item["target"]["selector"][0]["exact"]): {
            s["type"]: s for s in item["target"]["selector"]
        }
        for item in items
    }


def test_the_w3c_export_writes_a_context_naming_one_place_and_the_import_reads_it(
    tmp_path: Path, coded: tuple[Path, Path, int]
) -> None:
    corpus, db, start = coded
    out = tmp_path / "out.jsonld"
    assert (
        main(["export", "--db", str(db), "--corpus", str(corpus), "-f", "w3c", "-o", str(out)]) == 0
    )
    found = _selectors(out)
    # again, the annotations known in place now (written from the store's columns): the same
    again = tmp_path / "again.jsonld"
    assert (
        main(["export", "--db", str(db), "--corpus", str(corpus), "-f", "w3c", "-o", str(again)])
        == 0
    )
    assert _selectors(again) == found
    quote = found[QUOTE]["TextQuoteSelector"]
    said = f"{quote['prefix']}{QUOTE}{quote['suffix']}"
    assert occurrences(PAGES, said) == 1, said
    assert PAGES.index(said) + len(str(quote["prefix"])) == start  # the place coded
    position = found[QUOTE]["TextPositionSelector"]
    assert (position["start"], position["end"]) == (start, start + len(QUOTE))
    # a passage whose context names one place already: as the annotation keeps it
    own = PAGES.index("page 3")
    kept = quoted(PAGES, own, own + 6)
    assert (
        found["page 3"]["TextQuoteSelector"]["prefix"],
        found["page 3"]["TextQuoteSelector"]["suffix"],
    ) == (kept["prefix"], kept["suffix"])
    # imported into another database: on the place coded, the context an annotation keeps
    other = tmp_path / "other.json"
    assert main(["import", "--db", str(other), "--corpus", str(corpus), str(out)]) == 0
    with AnnotationStore(other) as store, AnnotationStore(db) as ours:
        theirs = {a.quote: a for a in store.annotations()}
        for a in ours.annotations():
            assert (theirs[a.quote].start, theirs[a.quote].end) == (a.start, a.end)
            assert (theirs[a.quote].prefix, theirs[a.quote].suffix) == (a.prefix, a.suffix)


def test_a_context_kept_from_an_export_is_found_again_when_the_text_changed(
    tmp_path: Path,
) -> None:
    # The contexts an export lengthened are kept for the next one, which reads no text of a
    # document whose passages are those, placed on the same text.  The running line's later
    # pages changed (the passage, its place and the 32 characters either side as they were):
    # its context names one place now, and is written as the annotation keeps it, not as
    # lengthened in the text before.
    corpus = tmp_path / "c"
    corpus.mkdir()
    filler = "A line of filler words.\n" * 3
    later = "".join(f"Page {n}.\n{filler}{RUNNING}\n{filler}" for n in range(2, 5))
    first = f"Page 1, said once.\n{filler}{RUNNING}\n{filler}"
    report = corpus / "report.txt"
    report.write_text(first + later, "utf-8")
    db = tmp_path / "db.json"
    at = ["--db", str(db), "--corpus", str(corpus)]
    assert (
        main(
            ["annotate", *at, "report.txt", "--quote", QUOTE, "--occurrence", "1", "-t", "shelter"]
        )
        == 0
    )
    start = first.index(QUOTE)
    out = tmp_path / "out.jsonld"
    assert main(["export", *at, "-f", "w3c", "-o", str(out)]) == 0
    lengthened = _selectors(out)[QUOTE]["TextQuoteSelector"]
    assert len(str(lengthened["suffix"])) > 32  # the running line comes back: lengthened
    changed = first + later.replace("opened in May", "closed in June")
    report.write_text(changed, "utf-8")
    again = tmp_path / "again.jsonld"
    assert main(["export", *at, "-f", "w3c", "-o", str(again)]) == 0
    selectors = _selectors(again)[QUOTE]
    position = selectors["TextPositionSelector"]
    assert (position["start"], position["end"]) == (start, start + len(QUOTE))
    kept = quoted(changed, start, start + len(QUOTE))
    quote = selectors["TextQuoteSelector"]
    assert (quote["prefix"], quote["suffix"]) == (kept["prefix"], kept["suffix"])
    assert occurrences(changed, f"{kept['prefix']}{QUOTE}{kept['suffix']}") == 1
