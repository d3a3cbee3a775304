"""The units agreement cut, kept between runs: taken again only for the same text, and never
from a damaged or foreign cache file."""

from __future__ import annotations

import base64
import importlib
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.analysis.agreement import Unit, Units, unit_spans
from tui_reader.core.analysis.units_cache import (
    UnitsCache,
    decoded_starts,
    encoded,
    encoded_starts,
    release,
)
from tui_reader.core.documents.document import text_sha256

CUT: tuple[Unit, ...] = ("sentence", "paragraph")
TEXT = "One sentence here. Another one, Mr. Kelly said.\n\nA second paragraph! Is it?\n"


def test_units_kept_come_back_in_a_new_cache_for_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "units.json"
    cache = UnitsCache(path)
    sha = text_sha256(TEXT)
    for unit in CUT:
        cache.put("a.txt", sha, unit, unit_spans(TEXT, unit))
    cache.save()
    again = UnitsCache(path)
    for unit in CUT:
        kept = again.spans("a.txt", sha, unit, len(TEXT))
        assert kept is not None
        assert kept.tolist() == unit_spans(TEXT, unit).tolist()
        assert Units(kept, unit).count == Units(TEXT, unit).count
    assert again.spans("a.txt", text_sha256(TEXT + "More."), "sentence", len(TEXT) + 5) is None
    assert again.spans("b.txt", sha, "sentence", len(TEXT)) is None


def test_another_text_under_the_same_key_replaces_the_units_kept(tmp_path: Path) -> None:
    cache = UnitsCache(tmp_path / "units.json")
    cache.put("a.txt", text_sha256(TEXT), "paragraph", unit_spans(TEXT, "paragraph"))
    changed = TEXT + "\nA third paragraph.\n"
    cache.put("a.txt", text_sha256(changed), "sentence", unit_spans(changed, "sentence"))
    assert cache.spans("a.txt", text_sha256(TEXT), "paragraph", len(TEXT)) is None
    assert cache.spans("a.txt", text_sha256(changed), "paragraph", len(changed)) is None
    kept = cache.spans("a.txt", text_sha256(changed), "sentence", len(changed))
    assert kept is not None and len(kept) == 5


def _written(path: Path, records: dict[str, object], version: str | None = None) -> UnitsCache:
    path.write_text(json.dumps({"version": version or release(), "documents": records}))
    return UnitsCache(path)


def _kept(pairs: list[int], sha: str | None = None, unit: str = "sentence") -> str:
    """``pairs`` as the cache keeps them, checked for the text of ``sha``; without it, the
    pairs alone, as an edit by hand writes them."""
    if sha is not None:
        return encoded(np.asarray(pairs, dtype=np.int64).reshape(-1, 2), sha, unit)
    return base64.b64encode(np.asarray(pairs, dtype="<u4").tobytes()).decode("ascii")


def test_a_damaged_or_foreign_entry_is_never_taken_as_units(tmp_path: Path) -> None:
    sha = text_sha256(TEXT)
    path = tmp_path / "units.json"
    good = _kept([0, 18, 19, 47], sha)
    damaged: dict[str, object] = {
        "unsorted": [sha, {"sentence": _kept([19, 47, 0, 18], sha)}],
        "past the end": [sha, {"sentence": _kept([0, 18, 19, len(TEXT) + 1], sha)}],
        "empty unit": [sha, {"sentence": _kept([0, 0], sha)}],
        "unchecked": [sha, {"sentence": _kept([0, 18, 19, 47])}],
        "checked for another unit": [sha, {"sentence": _kept([0, 18, 19, 47], sha, "paragraph")}],
        "not base64": [sha, {"sentence": "not*base64"}],
        "odd bytes": [sha, {"sentence": base64.b64encode(b"\x01\x02\x03").decode()}],
        "not a list": {"sha": sha},
        "a number": [sha, {"sentence": 12}],
        "good": [sha, {"sentence": good}],
    }
    cache = _written(path, damaged)
    for key in damaged:
        kept = cache.spans(key, sha, "sentence", len(TEXT))
        assert (kept is not None) == (key == "good"), key
    assert (
        _written(path, {"good": [sha, {"sentence": good}]}, "0/old").spans(
            "good", sha, "sentence", len(TEXT)
        )
        is None
    )
    path.write_text("{ cut short")
    assert UnitsCache(path).spans("good", sha, "sentence", len(TEXT)) is None


def test_keep_only_forgets_documents_no_longer_listed(tmp_path: Path) -> None:
    path = tmp_path / "units.json"
    cache = UnitsCache(path)
    for key in ("a.txt", "b.txt"):
        cache.put(key, text_sha256(TEXT), "sentence", unit_spans(TEXT, "sentence"))
    cache.keep_only(["b.txt"])
    cache.save()
    again = UnitsCache(path)
    assert again.spans("a.txt", text_sha256(TEXT), "sentence", len(TEXT)) is None
    assert again.spans("b.txt", text_sha256(TEXT), "sentence", len(TEXT)) is not None


def test_a_folder_that_cannot_be_written_leaves_the_cache_unsaved(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    cache = UnitsCache(blocked / "units.json")
    cache.put("a.txt", text_sha256(TEXT), "sentence", unit_spans(TEXT, "sentence"))
    cache.save()  # says nothing: a cache only saves time
    assert not (blocked / "units.json").exists()


_PIECES = st.sampled_from(
    ["Word", "word", " ", ". ", "! ", "? ", "\n", "\n\n", "Mr. ", "U.S. ", "e.g. ", "“", "” ",
     "\n- item", "\n1. item", "…", "é", "\t"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_kept_units_are_those_of_the_text(text: str) -> None:
    """For any text, the units read back from the kept form are those the text is cut into."""
    cache = UnitsCache(None)
    sha = text_sha256(text)
    for unit in CUT:
        spans = unit_spans(text, unit)
        cache.put("doc", sha, unit, spans)
        kept = cache.spans("doc", sha, unit, len(text))
        assert kept is not None
        assert kept.tolist() == spans.tolist()


def test_an_entry_edited_into_other_units_of_the_text_is_cut_again(tmp_path: Path) -> None:
    """A document's sentences set to "" (no unit at all, for a text that has sentences), or
    to other spans that fit in the text, were taken as its units: agreement then said "no
    units".  An entry is taken only as it was kept."""
    sha = text_sha256(TEXT)
    path = tmp_path / "units.json"
    cache = UnitsCache(path)
    cache.put("a.txt", sha, "sentence", unit_spans(TEXT, "sentence"))
    cache.put("a.txt", sha, "paragraph", unit_spans(TEXT, "paragraph"))
    cache.save()
    written = json.loads(path.read_text(encoding="utf-8"))
    units = written["documents"]["a.txt"][1]
    units["sentence"] = ""
    units["paragraph"] = _kept([0, 18])  # one sentence, in the text: not its paragraphs
    path.write_text(json.dumps(written), encoding="utf-8")
    again = UnitsCache(path)
    assert again.spans("a.txt", sha, "sentence", len(TEXT)) is None
    assert again.spans("a.txt", sha, "paragraph", len(TEXT)) is None


@pytest.mark.parametrize("rules", ["turns", "words", "agreement"])
def test_units_kept_before_a_change_to_the_rules_that_cut_them_are_cut_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rules: str
) -> None:
    """Not only the sentence rules: a transcript's speaker labels (``turns``), what a word is
    (``words``) and which stretches count by character (``agreement``) shape the units too,
    so a change to any of them leaves nothing kept in use."""
    module = importlib.import_module(
        f"tui_reader.core.{'analysis' if rules == 'agreement' else 'documents'}.{rules}"
    )
    path = tmp_path / "units.json"
    cache = UnitsCache(path)
    cache.put("a.txt", text_sha256(TEXT), "character", unit_spans(TEXT, "character"))
    cache.save()
    changed = tmp_path / f"{rules}.py"
    changed.write_bytes(Path(str(module.__file__)).read_bytes() + b"\n# a rule changed\n")
    monkeypatch.setattr(module, "__file__", str(changed))
    release.cache_clear()
    try:
        assert UnitsCache(path).spans("a.txt", text_sha256(TEXT), "character", len(TEXT)) is None
    finally:
        monkeypatch.undo()
        release.cache_clear()
    assert UnitsCache(path).spans("a.txt", text_sha256(TEXT), "character", len(TEXT)) is not None


_STARTS = st.lists(st.integers(min_value=1, max_value=70_000), max_size=60).map(
    lambda gaps: np.cumsum(np.array([0, *gaps], dtype=np.int64))[1:] - 1
)


@given(starts=_STARTS, extra=st.integers(min_value=1, max_value=5))
def test_word_starts_kept_come_back_as_they_were(starts: np.ndarray, extra: int) -> None:
    length = (int(starts[-1]) if starts.size else 0) + extra
    sha = text_sha256("x")
    kept = encoded_starts(starts.astype(np.int32), sha)
    back = decoded_starts(kept, sha, length)
    assert back is not None and back.dtype == np.int32
    assert back.tolist() == starts.tolist()
    assert decoded_starts(kept, text_sha256("y"), length) is None  # another text's
    if starts.size:  # a shorter text cannot hold them
        assert decoded_starts(kept, sha, int(starts[-1])) is None


def test_word_starts_are_kept_in_a_new_cache_and_a_damaged_entry_never_taken(
    tmp_path: Path,
) -> None:
    path = tmp_path / "words.json"
    text = "One two  three\n\nfour.\n"
    sha = text_sha256(text)
    starts = unit_spans(text, "word")[:, 0].astype(np.int32)
    cache = UnitsCache(path)
    cache.put_starts("a.txt", sha, starts)
    cache.save()
    again = UnitsCache(path)
    kept = again.starts("a.txt", sha, len(text))
    assert kept is not None and kept.tolist() == [0, 4, 9, 16]
    assert again.starts("a.txt", text_sha256(text + "x"), len(text) + 1) is None
    assert again.spans("a.txt", sha, "word", len(text)) is None  # no spans of words
    good = encoded_starts(starts, sha)
    raw = base64.b64decode(good)
    damaged = [
        "",
        "not base64!",
        base64.b64encode(raw[:-1]).decode(),  # its check cut
        base64.b64encode(bytes([raw[0] ^ 1]) + raw[1:]).decode(),  # the deflated bytes changed
        encoded_starts(np.array([0, 4, 4, 9], dtype=np.int32), sha),  # not rising
    ]
    for entry in damaged:
        assert decoded_starts(entry, sha, len(text)) is None, entry
