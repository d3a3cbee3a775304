"""The commands' tests convert documents in their own process unless a test says it needs the child
(``conversion_process``): see ``helpers.conversions``."""

from __future__ import annotations

import pytest
from helpers.conversions import converted_here


@pytest.fixture(autouse=True)
def _converted_here(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    converted_here(request, monkeypatch)
