"""`python -m tui_reader` runs the command line."""

from tui_reader.cli.start import main

if __name__ == "__main__":
    raise SystemExit(main())
