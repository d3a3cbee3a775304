"""One module per ``tui-reader`` subcommand (see :mod:`tui_reader.cli.main`)."""
