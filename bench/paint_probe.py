"""Run tui-reader or the bare app in a terminal, noting what each frame costs.

    python bench/paint_probe.py OUT MARKER tui-reader FILE [ARGS...]
    python bench/paint_probe.py OUT MARKER bare FILE [MAX_BYTES]

The program runs as it would from its own command (the same imports, the real terminal
driver); the probe only wraps the driver's ``write``, through which Textual hands every
frame to the terminal.  ``bench/open.py`` runs it in tmux for its CPU figures:

- first screen: when a frame holding MARKER is handed over, the process's CPU time since
  the interpreter started (``time.process_time``) goes to OUT and the process ends;
- with MARKER ``-`` it keeps running and appends, for each write, the bytes written to OUT
  (one number a line), which is how the key figures count the bytes of a frame.
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
    from textual.drivers.linux_driver import LinuxDriver

    write = LinuxDriver.write

    def first_screen(self: LinuxDriver, data: str) -> None:
        write(self, data)
        if marker in STYLES.sub("", data):  # the caret may style a letter of it
            Path(out).write_text(f"{time.process_time()}\n", encoding="utf-8")
            os._exit(0)

    def count_bytes(self: LinuxDriver, data: str) -> None:
        write(self, data)
        with open(out, "a", encoding="utf-8") as log:
            log.write(f"{len(data.encode('utf-8'))}\n")

    LinuxDriver.write = count_bytes if marker == "-" else first_screen  # type: ignore[method-assign]
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
