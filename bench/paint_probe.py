"""Run tui-reader or the bare app in a terminal, noting what each frame costs.

    python bench/paint_probe.py OUT MARKER tui-reader FILE [ARGS...]
    python bench/paint_probe.py OUT MARKER bare FILE [MAX_BYTES]

The program runs as it would from its own command (the same imports, the real terminal
driver); the probe only wraps the driver's ``write``, through which Textual hands every
frame to the terminal.  ``bench/open.py`` runs it in tmux for its CPU figures:

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

STYLES = re.compile("\x1b\\[[0-9;]*m")


def main() -> None:
    out, marker, program, *args = sys.argv[1:]
    from textual import events
    from textual.drivers.linux_driver import LinuxDriver
    from textual.message import Message

    write = LinuxDriver.write

    def first_screen(self: LinuxDriver, data: str) -> None:
        write(self, data)
        if marker in STYLES.sub("", data):  # the caret may style a letter of it
            Path(out).write_text(f"{time.process_time()}\n", encoding="utf-8")
            os._exit(0)

    def count_bytes(self: LinuxDriver, data: str) -> None:
        write(self, data)
        with open(out, "a", encoding="utf-8") as log:
            log.write(f"write {time.perf_counter()} {time.process_time()} {len(data.encode())}\n")

    process_message = LinuxDriver.process_message

    def note_key(self: LinuxDriver, message: Message) -> None:
        if isinstance(message, events.Key):  # as the input thread reads it
            with open(out, "a", encoding="utf-8") as log:
                log.write(f"key {time.perf_counter()} {time.process_time()} {message.key}\n")
        process_message(self, message)

    if marker == "-":
        LinuxDriver.write = count_bytes  # type: ignore[method-assign]
        LinuxDriver.process_message = note_key  # type: ignore[method-assign]
    else:
        LinuxDriver.write = first_screen  # type: ignore[method-assign]
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
