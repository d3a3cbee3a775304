"""Where the tests' conversions run: in the test's own process unless a test says it needs the
child (the marker ``conversion_process``, registered in ``tests/conftest.py``).

The app and the commands convert each file in a child process under a time limit and a
memory cap (``conversion_limit``); what a converter makes of a file is the same in this
process (``TUI_READER_CONVERT_SECONDS=0``, the product's own switch), and the child cost
~45 ms of CPU a conversion, hundreds of times a run.  The child's own part (its limits, its
error messages, the result sent back) is tested in ``core/documents/test_conversion_limit.py``
and the formats' command tests, which name their limit themselves; a ``tui-reader`` a test
starts with the user's environment (``helpers.hostile.user_environment``) converts in the
child, as the program does.

A test whose file would, were the fault it guards back, hang the run, take gigabytes or
crash the interpreter (a zip bomb, a billion laughs, a million rows said in one, a damaged
PDF handed to PDFium) is marked ``conversion_process``: it converts in the child, as the
program does, so that the fault is a failure of the test, not of the run."""

from __future__ import annotations

import pytest

from tui_reader.locations import ENV_CONVERT_SECONDS

MARKER = (
    "conversion_process: the test converts in the child process, under the limits the program "
    "converts under (a hostile file whose fault would hang or crash the run)"
)


def converted_here(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's conversions in its own process, or in the child when it is marked."""
    if request.node.get_closest_marker("conversion_process") is None:
        monkeypatch.setenv(ENV_CONVERT_SECONDS, "0")
    else:
        monkeypatch.delenv(ENV_CONVERT_SECONDS, raising=False)
