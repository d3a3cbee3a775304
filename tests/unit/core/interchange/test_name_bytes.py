"""A file name that is not UTF-8 in the JSON exports: as shown, its bytes beside it, and read
back exactly (see :mod:`tui_reader.core.interchange.name_bytes`)."""

from __future__ import annotations

import json

from tui_reader.core.display import json_escaped
from tui_reader.core.interchange.name_bytes import names_from_bytes, names_with_bytes

LATIN1 = "c/caf\udce9.txt"  # b"c/caf\xe9.txt"


def test_a_name_field_at_any_depth_is_written_as_shown_with_its_bytes() -> None:
    data = {
        "memos": [{"target": LATIN1, "text": '"document": "c/caf\\udce9.txt",'}],
        "items": [{"documentKey": LATIN1, "note": "\udce9"}],
        "annotations": [{"document": "c/plain.txt"}, {"document": LATIN1}],
    }
    text = names_with_bytes(json_escaped(json.dumps(data, ensure_ascii=False, indent=2)))
    assert "\\udce9" in text  # in a note, a text: a value as it is, not a name
    read = json.loads(text)
    assert read["memos"][0]["target"] == "c/caf\\xe9.txt"
    assert read["memos"][0]["target_bytes"] == "Yy9jYWbpLnR4dA=="
    assert read["memos"][0]["text"] == data["memos"][0]["text"]
    assert read["items"][0]["documentKey_bytes"] == "Yy9jYWbpLnR4dA=="
    assert read["annotations"][1]["document_bytes"] == "Yy9jYWbpLnR4dA=="
    assert "document_bytes" not in read["annotations"][0]
    assert names_from_bytes(read) == data


def test_bytes_that_are_not_the_name_beside_them_are_left_as_they_are() -> None:
    edited = [{"document": "c/other.txt", "document_bytes": "Yy9jYWbpLnR4dA=="}]
    assert names_from_bytes(json.loads(json.dumps(edited))) == edited
    broken = [{"document": "c/caf\\xe9.txt", "document_bytes": "not base64!"}]
    assert names_from_bytes(json.loads(json.dumps(broken))) == broken
