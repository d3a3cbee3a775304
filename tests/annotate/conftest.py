"""Fixtures of the annotate tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.core import journal


@pytest.fixture
def make_read_only(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Makes a database file read-only the way a user meets it: no write permission.  Root
    ignores permissions, so there the permission check is made to answer as it would."""

    def make(db: Path) -> None:
        db.chmod(0o444)
        if os.geteuid() == 0:
            real_access = os.access

            def access(path: object, mode: int, **kwargs: object) -> bool:
                if mode & os.W_OK:
                    return False
                return real_access(path, mode)  # type: ignore[arg-type]

            monkeypatch.setattr(journal.os, "access", access)

    return make
