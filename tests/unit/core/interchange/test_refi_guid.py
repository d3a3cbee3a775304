"""REFI-QDA GUIDs made by hand are the uuid5 GUIDs they always were (exports stay the same)."""

from __future__ import annotations

import uuid

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.interchange.refi import _NAMESPACE, code_guid, guid


@settings(max_examples=examples(300))
@given(st.sampled_from(["code", "coding", "document", "user", ""]), st.text())
def test_guid_is_uuid5_of_kind_and_name(kind: str, name: str) -> None:
    try:
        expected = str(uuid.uuid5(_NAMESPACE, f"{kind}:{name}")).upper()
    except UnicodeEncodeError:  # a lone surrogate: the export gate never lets one through
        return
    assert guid(kind, name) == expected


def test_a_code_guid_is_that_of_its_path() -> None:
    assert (
        code_guid("policy//border/") == guid("code", "policy/border") == code_guid("policy/border")
    )
