"""Which listed files were written again in place since the library read them
(:func:`catalog.written_again`): no folder's time shows it."""

from __future__ import annotations

from pathlib import Path

from helpers.texts import rewritten_keeping_time, text_corpus

from tui_reader.core.documents.catalog import cached_facts, scan_facts, written_again
from tui_reader.core.documents.corpus import list_corpus_files
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.facts_cache import FactsCache


def test_files_written_again_are_told_by_their_stamps_alone(tmp_path: Path) -> None:
    corpus, _db = text_corpus(
        tmp_path,
        {
            "a.txt": "Kept as it was\n\nwords\n",
            "b.txt": "Saved again\n\nwords\n",
            "c.txt": "Same size, old time\n",
            "d.pdf": b"not a PDF at all",
            "e.bin": b"\x00",
        },
    )
    files = [(f.rel, f) for f in list_corpus_files(corpus)]
    cache = FactsCache(None)
    looked = cached_facts(files, cache)
    assert looked.stamps.keys() == {"d.pdf"}  # the texts, never read, are not stat'ed
    # Before the scan, a text never read has no stamp to compare: the scan reads it.
    (corpus / "a.txt").write_text("Kept as it was\n\nwords, more\n", "utf-8")
    assert written_again(files, cache, looked.stamps) == []
    dict(scan_facts(files, cache, lambda key: load_document(corpus / key)))
    assert written_again(files, cache, looked.stamps) == []

    (corpus / "b.txt").write_text("Saved again, longer now\n\nwords\n", "utf-8")
    rewritten_keeping_time(corpus / "c.txt", "Same size, new text\n")
    (corpus / "d.pdf").write_bytes(b"still not a PDF, and longer")
    assert written_again(files, cache, looked.stamps) == ["b.txt", "c.txt", "d.pdf"]

    # Listed again: the PDF that cannot be read is not told again at each look (its
    # listing's stamp is its own, though the cache keeps none or an older one).
    looked = cached_facts(files, cache)
    dict(scan_facts(looked.left, cache, lambda key: load_document(corpus / key)))
    assert written_again(files, cache, looked.stamps) == []
    (corpus / "a.txt").unlink()
    assert written_again(files, cache, looked.stamps) == ["a.txt"]  # gone: listed again


def test_a_file_made_a_link_since_the_listing_is_loaded_not_read_through_it(
    tmp_path: Path,
) -> None:
    """The library's scan reads the files of a listing up to a few seconds old: ``a.txt``
    made a link to a file outside the corpus just after had that file read for its facts
    (its words counted, its title shown).  A file listed as no link is opened as none, and
    one made a link since is handed to the load, which looks where it leads."""
    from tui_reader.core.errors import DocumentError

    corpus, _db = text_corpus(tmp_path, {"a.txt": "A title\n\nwords\n", "b.txt": "B\n\nx\n"})
    files = [(f.rel, f) for f in list_corpus_files(corpus)]
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (corpus / "a.txt").unlink()
    (corpus / "a.txt").symlink_to(outside)
    loads: list[str] = []

    def load(key: str) -> Document:
        loads.append(key)
        raise DocumentError(corpus / key, "is outside the corpus folder; not read")

    scanned = dict(scan_facts(files, FactsCache(None), load))
    assert loads == ["a.txt"]
    assert scanned["a.txt"] == "is outside the corpus folder; not read"
    assert not isinstance(scanned["b.txt"], str) and scanned["b.txt"].title == "B"
