"""Run tui-reader or the bare app in a terminal, noting what each frame costs.

    python bench/paint_probe.py OUT MARKER tui-reader FILE [ARGS...]
    python bench/paint_probe.py OUT MARKER bare FILE [MAX_BYTES]

The program runs as it would from its own command (the same imports, in the same order
and the same way: the real terminal driver); the probe only wraps the driver's ``write``,
through which Textual hands every frame to the terminal, once the program has imported the
driver.  (Importing Textual first, the probe made tui-reader load most of it outside its
own start's collector pause (``tui_reader.cli.start``): ~16 ms of collector passes its
command never makes.)  ``bench/open.py`` runs it in tmux for its CPU figures:

- first screen: when a frame holding MARKER is handed over, the process's CPU time since
  the interpreter started (``time.process_time``) goes to OUT and the process ends;
- with MARKER ``-`` it keeps running and appends to OUT a line for each key as the input
  thread reads it (``key TIME CPU NAME``) and for each write (``write TIME CPU BYTES``), TIME
  by ``time.perf_counter``, CPU the process's ``time.process_time``: the time from a key to
  the frame it drew, the CPU spent meanwhile, and the frame's size, as the program itself
  sees them (``bench/keys.py`` reads them).
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

# Nothing more is imported before the program (not even typing): it imports as it would.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType
    from typing import Any

STYLES = re.compile("\x1b\\[[0-9;]*m")
DRIVER = "textual.drivers.linux_driver"


class WhenImported:
    """An import finder (first in ``sys.meta_path``) that calls ``then(module)`` once the
    module ``name`` is imported, by whoever imports it."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = next(
            filter(None, (finder.find_spec(fullname, path, target) for finder in sys.meta_path)),
            None,
        )
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        run_module = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            self.then(module)

        loader.exec_module = exec_module
        return spec


def wrap_driver(module: ModuleType, out: str, marker: str) -> None:
    """Wrap the driver's ``write`` (and, with MARKER ``-``, its ``process_message``)."""
    driver = module.LinuxDriver
    write = driver.write

    def first_screen(self: Any, data: str) -> None:
        write(self, data)
        if marker in STYLES.sub("", data):  # the caret may style a letter of it
            Path(out).write_text(f"{time.process_time()}\n", encoding="utf-8")
            os._exit(0)

    def count_bytes(self: Any, data: str) -> None:
        write(self, data)
        with open(out, "a", encoding="utf-8") as log:
            log.write(f"write {time.perf_counter()} {time.process_time()} {len(data.encode())}\n")

    process_message = driver.process_message

    def note_key(self: Any, message: Any) -> None:
        from textual import events  # loaded by the driver by now

        if isinstance(message, events.Key):  # as the input thread reads it
            with open(out, "a", encoding="utf-8") as log:
                log.write(f"key {time.perf_counter()} {time.process_time()} {message.key}\n")
        process_message(self, message)

    if marker == "-":
        driver.write = count_bytes
        driver.process_message = note_key
    else:
        driver.write = first_screen


def main() -> None:
    out, marker, program, *args = sys.argv[1:]
    sys.meta_path.insert(0, WhenImported(DRIVER, lambda module: wrap_driver(module, out, marker)))
    if program == "bare":
        sys.path.insert(0, str(Path(__file__).parent))
        from bare_app import BareApp

        BareApp(Path(args[0]), int(args[1]) if len(args) > 1 else None).run()
        return
    from tui_reader.cli.start import main as tui_reader  # as the console script does

    sys.argv = ["tui-reader", *args]
    raise SystemExit(tui_reader())


if __name__ == "__main__":
    main()
