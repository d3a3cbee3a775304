"""The commands' tests convert documents in their own process unless a test says it needs the
child (``conversion_process``), as the unit tests do (see ``tests/unit/conftest.py``).

A command converts each file in a child process under a time limit and a memory cap
(``conversion_limit``); what a converter makes of a file is the same in this process
(``TUI_READER_CONVERT_SECONDS=0``, the product's own switch), and the children (with the
process that forks them, started once in each worker) cost a tenth of the CPU of the
commands' tests that read a converted format.  The child's own part is tested in
``core/documents/test_conversion_limit.py`` and the formats' command tests, which name their
limit themselves; a ``tui-reader`` a test starts with the user's environment
(``helpers.hostile.user_environment``) converts in the child, as the program does."""

from __future__ import annotations

import pytest

from tui_reader.locations import ENV_CONVERT_SECONDS


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "conversion_process: the test converts in the child process, under the limits the "
        "commands convert under (a hostile file whose fault would hang or crash the run)",
    )


@pytest.fixture(autouse=True)
def _converted_here(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("conversion_process") is None:
        monkeypatch.setenv(ENV_CONVERT_SECONDS, "0")
