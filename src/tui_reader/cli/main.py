"""The command line: ``tui-reader [PATH]`` runs the app; subcommands script the rest.

Each subcommand lives in its own module under :mod:`tui_reader.cli` and exposes
``add_arguments(parser)`` and ``run(args) -> int``; its line of help is in :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import functools
import gc
import importlib
import os
import re
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from tui_reader.core.errors import LockHolder
    from tui_reader.locations import Target

from tui_reader import __version__
from tui_reader.cli.app_options import (
    CODER_SOURCE,
    add_coder_argument,
    add_location_arguments,
    check_recorded_coder_name,
    coder_and_said,
    emptied_database,
    fail,
    resolve_locations,
    typed_words,
)
from tui_reader.cli.start import loading_modules
from tui_reader.core.display import shown, shown_name, shown_pictured
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.caller import (
    APP_OPTIONS,
    FORKING,
    LOCK_WAIT,
    ORIGIN,
    READS_LIVE_TO_EXIT,
    SAVED,
    LockWait,
)
from tui_reader.locations import (
    BATCH_GC_THRESHOLDS,
    EMPTY_SETTING_READ,
    ENV_CODER,
    ENV_DB,
    cache_fault,
    db_sidecars,
    env_seconds_said,
    measure_fault,
    real_path,
    resolve_db,
    resolve_lock_wait,
    resolve_measure,
    restore_hint,
    terminal_text,
    working_folder_gone,
)


class Subcommand(NamedTuple):
    """A subcommand: the module that runs it, and its line of help."""

    module: str
    help: str


# name -> the module that runs it and its line of help; the order is the order `--help`
# lists them in.  The help is here, not in the module, so that list imports no command.
SUBCOMMANDS: dict[str, Subcommand] = {
    "list": Subcommand(
        "tui_reader.cli.list_docs",
        (
            "list the documents of the corpus (name, title, words, format, pages; the name in "
            "the corpus folder, as ls FOLDER names its files, which --doc and annotate take; "
            "search prints paths); unreadable "
            "files, and what could not be read of a file read in part, on stderr (exit 2 when "
            "a document could not be read)"
        ),
    ),
    "search": Subcommand(
        "tui_reader.cli.search",
        ("search every document: each line with a hit once, document:line: context (grep's habit)"),
    ),
    "annotate": Subcommand(
        "tui_reader.cli.annotate",
        "add an annotation to a document (by quote or by offsets) and print its id",
    ),
    "autocode": Subcommand(
        "tui_reader.cli.autocode",
        (
            "tag every hit of a text or regex pattern (or its sentence/paragraph/turn), or "
            "every turn of a --speaker; prints the count"
        ),
    ),
    "tags": Subcommand(
        "tui_reader.cli.tags",
        ("list the codebook with counts; tags rename OLD NEW | merge A B | delete T | set T"),
    ),
    "export": Subcommand(
        "tui_reader.cli.export",
        "export annotations as Markdown (default), json, project, csv, w3c, qdpx, qdc or an "
        "Obsidian vault (-f obsidian -o FOLDER)",
    ),
    "import": Subcommand(
        "tui_reader.cli.import_",
        (
            "import annotations from a w3c, json, project, qdpx or qdc file, our csv export or "
            "Taguette's exports (newer wins)"
        ),
    ),
    "merge": Subcommand(
        "tui_reader.cli.merge",
        (
            "merge another coder's database (or its json, project, w3c or qdpx export) into "
            "this one; nothing is lost"
        ),
    ),
    "coders": Subcommand(
        "tui_reader.cli.coders",
        (
            "the coders of the database and their annotation counts (--default NAME: of old "
            "ones); coders rename OLD NEW"
        ),
    ),
    "agreement": Subcommand(
        "tui_reader.cli.agreement",
        "agreement of two coders per code: percent, Cohen's kappa, Krippendorff's alpha",
    ),
    "history": Subcommand(
        "tui_reader.cli.history",
        (
            "list the recent changes that undo can take back: id, when, annotations, what was "
            "done, [command or key]"
        ),
    ),
    "undo": Subcommand(
        "tui_reader.cli.undo",
        "undo the last change (or step ID from 'tui-reader history'); --redo redoes",
    ),
    "attr": Subcommand(
        "tui_reader.cli.attr",
        (
            "document attributes: attr set DOC KEY=VALUE... | unset DOC KEY... | list | "
            "import FILE.csv"
        ),
    ),
    "memo": Subcommand(
        "tui_reader.cli.memo",
        ("memos: memo add (--doc DOC | --code CODE | --journal) TEXT | list | show | delete ID"),
    ),
    "query": Subcommand(
        "tui_reader.cli.query",
        "print the coded passages a query matches ('militarization AND NOT actors/us')",
    ),
    "report": Subcommand(
        "tui_reader.cli.report",
        (
            "tables of the coding: report frequencies | matrix [--by ATTRIBUTE] | "
            "cooccurrence [--depth N]"
        ),
    ),
}


def _load(name: str) -> ModuleType:
    return importlib.import_module(SUBCOMMANDS[name].module)


def terminal_columns() -> int:
    """The columns of the terminal as ``shutil.get_terminal_size().columns`` says them:
    ``$COLUMNS`` when a positive number, else the width of the terminal standard output
    goes to, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    out = sys.__stdout__
    try:
        return (out is not None and os.get_terminal_size(out.fileno()).columns) or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _grep_flags(prog: str, word: str, own: Collection[str] = ()) -> str | None:
    """What search does of the grep flags ``word`` gives (``-rv``: -v said; ``own``: the
    flags search takes), None when it is no such flag or a few of them (``-hello``, a word
    to find) or not search's (search -v army docs was told to search for the text "-v")."""
    if prog != "tui-reader search":
        return None
    from tui_reader.cli.grep_options import short_said

    return short_said(word, own)


def _grep_long_options(prog: str, words: Iterable[str]) -> str | None:
    """What search says of grep's long options among ``words`` (the long options given that
    are none of its own: ``--invert-match`` was "did you mean --files-with-matches?"), None
    when there is none of them or the command is not search."""
    if prog != "tui-reader search":
        return None
    from tui_reader.cli.grep_options import long_said

    said = [s for s in (long_said(word) for word in words) if s is not None]
    return "; ".join(said) or None


def _choice_in_any_case(action: argparse.Action, word: str) -> str:
    """``word``, or the one of ``action``'s choices it spells in another case (``-f CSV``,
    ``--format W3C``, ``report Matrix``, ``--unit Sentence``), as ``-o out.CSV`` names csv:
    they were refused, "invalid choice: 'CSV'", most with no choice named.  Not a command's
    sub-action (``memo``, ``attr``), whose words after it are its own."""
    choices = action.choices
    if not choices or isinstance(action, argparse._SubParsersAction) or word in choices:
        return word
    folded = [choice for choice in choices if str(choice).casefold() == word.casefold()]
    return str(folded[0]) if len(folded) == 1 else word


_REQUIRED = "the following arguments are required: "  # argparse's words
# How near a long option typed is to be to one of a command's, their dashes aside, to be said
# as meant: a letter or two off (--fromat 0.83, --dbb 0.8), not words of other tools a few
# letters alike (--force and --format 0.55, --quiet and --unit 0.67)
_OPTION_NEAR = 0.7


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but a help or version that cannot be written (``> /dev/full``) is an
    error as any output's: argparse passed over it, and the command exited 0, saying nothing;
    and a usage error says how to give a word beginning with ``-`` that no option takes
    (``search -army``, ``query -actors/us``): after ``--``."""

    dashed: str | None = None  # the first word given beginning with '-' that is no option
    unknown: tuple[str, ...] = ()  # the words given as long options that are none of these
    # the word given after each of those (None: none, or the option was written with '=')
    unknown_next: tuple[str | None, ...] = ()
    # the words after '--' by their stand-ins while they are parsed (see _parse_after_dashes)
    stand_ins: dict[str, str] | None = None

    def _get_formatter(self) -> argparse.HelpFormatter:
        """argparse's formatter, its width the terminal's as argparse finds it, but found
        without shutil: argparse makes a formatter for every argument added (to check its
        metavar), and its own looked the width up through shutil, which loads bz2 and lzma
        (5 ms of CPU at every command's start, for a width no such check reads)."""
        made: Callable[..., argparse.HelpFormatter] = self.formatter_class  # (width: every one's)
        return made(prog=self.prog, width=terminal_columns() - 2)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        """A value as given, a word after ``--`` too: its stand-in was read and checked
        (``undo -- 1``: "invalid int value: '\\x000\\x00'"; ``report -- matrix``: "invalid
        choice")."""
        if self.stand_ins is not None:
            arg_string = self.stand_ins.get(arg_string, arg_string)
        return super()._get_value(action, _choice_in_any_case(action, arg_string))

    def error(self, message: str) -> NoReturn:
        if self.stand_ins:  # words after '--' no argument took: as typed, not their stand-ins
            words = self.stand_ins
            message = re.sub("\x00[0-9]+\x00", lambda m: words.get(m.group(), m.group()), message)
        meant = self._meant(message)  # (of the words typed, not of the hints said below)
        if self.unknown and re.match(r"argument [^-\s][^:]*: invalid ", message):
            # undo --corpus c: "argument ID: invalid int value: 'c'", the option's value
            # taken for the positional; the option is what is wrong, said with its value as
            # argparse says it where no positional took it (history --corpus c)
            said: list[str] = []
            for word, value in zip(self.unknown, self.unknown_next, strict=True):
                said.append(word)
                if value is not None and f": {value!r}" in message:
                    said.append(value)
            message = f"unrecognized arguments: {' '.join(said)}"
        if self.dashed is not None:
            from tui_reader.core.display import shell_word

            option = re.match(r"argument (--[\w-]+)[^:]*: expected one argument", message)
            if option is not None:  # an option's value: --tag -actors
                message += (
                    f" ({self.dashed!r} is no option: an option's value beginning with '-' "
                    f"is written with '=', {shell_word(option.group(1) + '=' + self.dashed)})"
                )
            elif (grep := _grep_flags(self.prog, self.dashed, self._flags())) is not None:
                if "ignored explicit argument" in message:  # -rv: -r taken, then v its value
                    message = f"unrecognized arguments: {self.dashed}"
                message += (
                    f" ({self.dashed!r} is no option: {grep}; a pattern beginning with '-' "
                    f"goes after '--', {self.prog} -- {shell_word(self.dashed)})"
                )
            else:
                message += (
                    f" ({self.dashed!r} is no option: a value beginning with '-' goes after "
                    f"'--', {self.prog} -- {shell_word(self.dashed)})"
                )
        grep_long = _grep_long_options(self.prog, self.unknown)
        if grep_long is not None and message.startswith("unrecognized arguments: "):
            meant = f" ({grep_long})"  # not a near spelling of search's own: its opposite
        message += meant
        if message.startswith(_REQUIRED):  # memo, report: the words to choose from
            names = message.removeprefix(_REQUIRED).split(", ")
            message = _REQUIRED + ", ".join(self._with_choices(name) for name in names)
        # a word quoted raw (unrecognized arguments: a name holding a line feed, a tab, an
        # escape) on its one line, as every other message says a name
        super().error(shown_pictured(message))

    def _meant(self, message: str) -> str:
        """What a mistyped option or choice of ``message`` meant, when one is spelled nearly
        like it, as a command mistyped is said (``--fromat``: ``--format``; ``-f cvs``:
        ``csv``; ``report matrx``: ``matrix``), else nothing."""
        import ast  # (a usage error's path alone: not loaded at every command's start)

        from tui_reader.core.near_spelling import close_matches

        choice = re.search(
            r"invalid choice: ('(?:[^'\\]|\\.)*'|\"[^\"]*\") \(choose from (.*)\)$", message
        )
        if choice is not None:
            typed = ast.literal_eval(choice.group(1))
            choices = re.findall(r"'((?:[^'\\]|\\.)*)'", choice.group(2))
            # in any case, as a choice is taken (-f JSONX named none, -f Jsonx json)
            folded = {choice.casefold(): choice for choice in choices}
            near = close_matches(typed.casefold(), folded, n=1)
            return f" (did you mean '{folded[near[0]]}'?)" if near else ""
        if message.startswith("unrecognized arguments: "):
            options = [o for o in self._option_string_actions if o.startswith("--")]
            for word in message.removeprefix("unrecognized arguments: ").split():
                name = word.partition("=")[0]
                if name.startswith("--") and name not in options:  # (one after '--': a word)
                    # weighed without their dashes, which every option shares, and nearer
                    # than a choice: --force was "did you mean --format?", --quiet --unit,
                    # a word of other tools' taken for one of ours a few letters alike
                    near = close_matches(
                        name[2:], [o[2:] for o in options], n=1, cutoff=_OPTION_NEAR
                    )
                    if near:
                        return f" (did you mean --{near[0]}?)"
        return ""

    def _flags(self) -> set[str]:
        """The letters of this command's short options that take no value (``-r``, ``-w``)."""
        return {
            option[1]
            for option, action in self._option_string_actions.items()
            if len(option) == 2 and option[0] == "-" and action.nargs == 0
        }

    def _with_choices(self, name: str) -> str:
        """A missing argument's name, and the words it takes when it takes only some (``memo``:
        "ACTION: add, list, show or delete", and which help says more; ``report``: "report:
        frequencies, matrix or cooccurrence"): its usage line "ACTION ..." named none."""
        for action in self._actions:
            named = name in (action.metavar, action.dest)
            if action.option_strings or not action.choices or not named:
                continue
            if isinstance(action, argparse._SubParsersAction):
                words = [shown.dest for shown in action._choices_actions]
                words_of = self.prog.split()
                more = f" ({' '.join([words_of[0], 'help', *words_of[1:], name])} says more)"
            else:
                words, more = [str(word) for word in action.choices], ""
            if not words:
                continue
            listed = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]
            return f"{name}: {listed}{more}"
        return name

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if file is not None and file is not sys.stdout:  # a usage error on stderr: as before
            super()._print_message(message, file)
        elif message:
            sys.stdout.write(message)
            sys.stdout.flush()


# What each exit status means, as every command gives it (COMMAND --help: its own).
EXIT_STATUS_HELP = """\
exit status (as grep's): 0 done; 1 nothing found (search, query, autocode; report,
agreement and export: no --tag named is a code), or part of a file left out and said, the
rest done (import, merge, attr import); 2 an error, said on stderr in one line (nothing
done: a wrong option, a file or document not there, nothing to undo), or a document or
record that could not be read, said (the rest done); 130 stopped by ctrl+c (after a
change was saved, said); 141 the reader of the output gone before its end (| head),
nothing said"""


class _AppParser(_Parser):
    """The app's parser: the list of subcommands is built only when help is shown, so
    starting the app imports no subcommand module (some load heavy libraries)."""

    def format_help(self) -> str:
        if self.epilog is None:
            # wrapped to the terminal as argparse wraps the options' help (each command's line
            # of help was one line, of up to 300 characters, that a terminal broke anywhere)
            import textwrap

            width = max(terminal_columns() - 2, 40)
            lines = [
                textwrap.fill(command.help, width, initial_indent=f"  {name:<10} ",
                              subsequent_indent=" " * 13, break_on_hyphens=False)
                for name, command in SUBCOMMANDS.items()
            ]  # fmt: skip
            status = textwrap.fill(" ".join(EXIT_STATUS_HELP.split()), width)
            self.epilog = (
                "subcommands (tui-reader COMMAND --help, or tui-reader help COMMAND, for each):\n"
                + "\n".join(lines)
                + "\n\n"
                + status
            )
        return super().format_help()


def _app_parser() -> argparse.ArgumentParser:
    parser = _AppParser(
        prog="tui-reader",
        description="Read, highlight, tag and annotate a folder of documents in the terminal.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tui-reader {__version__}")
    add_location_arguments(parser)
    parser.add_argument(
        "--measure",
        type=int,
        metavar="N",
        help="cells of text per line in the reading view (default: $TUI_READER_MEASURE, "
        "else 80; 20..400)",
    )
    add_coder_argument(parser, "what you annotate")
    return parser


def _subcommand_parser(name: str) -> tuple[argparse.ArgumentParser, ModuleType]:
    module = _load(name)
    parser = _Parser(prog=f"tui-reader {name}", description=SUBCOMMANDS[name].help)
    module.add_arguments(parser)
    return parser, module


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Intermixed, so a PATH may follow the options (``autocode P03: --tag t corpus``);
    commands with sub-actions (``attr set ...``) cannot be, and are parsed as usual, and so
    is a line with ``--`` (what follows it is positional: ``search -- -x``, a file named
    ``--notes.txt``), which the intermixed parsing loses: the words after it are parsed
    as stand-ins that no option can take for one, then put back (``search war --db X -- e``
    was "unrecognized arguments: -- e", the pattern having taken PATH's turn)."""
    argv, given, more = _pattern_first(parser, argv)
    if isinstance(parser, _Parser):
        # the words before '--' (a -e's pattern taken out): search -e war -v docs, or
        # search -v -- war docs, said -v as search -v war docs does
        options = argv[: argv.index("--")] if "--" in argv else argv
        parser.dashed = next((word for word in options if _is_no_option(parser, word)), None)
        at = [n for n, word in enumerate(options) if _is_no_long_option(parser, word)]
        parser.unknown = tuple(options[n] for n in at)
        parser.unknown_next = tuple(
            options[n + 1] if n + 1 < len(options) and "=" not in options[n] else None for n in at
        )
    if given:  # (its stand-in first: the first positional, PATTERN, whatever its words)
        args = _parse_after_dashes(parser, argv if "--" in argv else [*argv, "--"], given)
        args.more_patterns = more
        return args
    if "--" in argv:
        return _parse_after_dashes(parser, argv)
    if isinstance(parser, _Parser):
        dashed = parser.dashed or ""
        if dashed.startswith("-h") and dashed != "-help":
            # -hello: argparse takes -h and shows the help, where -e takes "llo" after it
            parser.error(f"unrecognized arguments: {parser.dashed}")
    try:
        return parser.parse_intermixed_args(argv)
    except TypeError:
        return parser.parse_args(argv)


def _pattern_first(
    parser: argparse.ArgumentParser, argv: list[str]
) -> tuple[list[str], dict[str, str], list[str]]:
    """``argv`` without grep's ``-e PATTERN`` (``-ePATTERN``, ``-ie PATTERN``, ``--regexp
    PATTERN``, ``--regexp=PATTERN``) given before ``--`` to a command that takes it
    (search), the first pattern by the stand-in to put first among the positionals:
    PATTERN, whatever it begins with (``search -e -rn docs``), every other word then a
    PATH, as grep takes them; and the patterns of the other ``-e``, any of which a line may
    hold, as grep finds them (they were refused: a script written for grep stopped)."""
    if "-e" not in parser._option_string_actions:
        return argv, {}, []
    flags = {
        option[1]
        for option, action in parser._option_string_actions.items()
        if len(option) == 2 and option[0] == "-" and action.nargs == 0
        if not isinstance(action, argparse._HelpAction)  # -hello: no help asked
    }
    end = argv.index("--") if "--" in argv else len(argv)
    kept: list[str] = []
    found: list[str] = []
    at = 0
    while at < end:
        word = argv[at]
        at += 1
        short = re.fullmatch(r"-([^-e]*)e(.*)", word, re.DOTALL)
        if word == "--regexp" or word.startswith("--regexp="):
            value: str | None = word.partition("=")[2] if "=" in word else None
        elif short is not None and set(short.group(1)) <= flags:
            if short.group(1):
                kept.append("-" + short.group(1))
            value = short.group(2) or None
        else:
            kept.append(word)
            continue
        if value is None:
            if at >= end:  # argparse says it: expected one argument
                return argv, {}, []
            value, at = argv[at], at + 1
        found.append(value)
    if not found:
        return argv, {}, []
    return [*kept, *argv[end:]], {"\x00e\x00": found[0]}, found[1:]


def _parse_after_dashes(
    parser: argparse.ArgumentParser, argv: list[str], given: Mapping[str, str] | None = None
) -> argparse.Namespace:
    """``argv`` parsed, the words after ``--`` positionals whatever they begin with, by
    stand-ins each, and so ``given``'s (words by their stand-ins, put first)."""
    at = argv.index("--")
    words = {f"\x00{n}\x00": word for n, word in enumerate(argv[at + 1 :])}
    first = list(given or {})
    words |= given or {}
    if isinstance(parser, _Parser):
        parser.stand_ins = words  # each read, converted and checked as given
    try:
        after = [word for word in words if word not in first]
        args = parser.parse_intermixed_args([*first, *argv[:at], *after])
    except TypeError:  # sub-actions: as usual
        return parser.parse_args(argv)
    finally:
        if isinstance(parser, _Parser):
            parser.stand_ins = None

    def back(value: object) -> object:
        if isinstance(value, str):
            return words.get(value, value)
        if isinstance(value, list):
            return [back(item) for item in value]
        return value

    for name, value in vars(args).items():
        setattr(args, name, back(value))
    return args


def _is_no_option(parser: argparse.ArgumentParser, word: str) -> bool:
    """Whether ``word`` begins with one ``-`` but is none of ``parser``'s options (nor short
    flags written together, ``-il``, nor a negative number); ``--nope`` is an option
    misspelt."""
    if not word.startswith("-") or word.startswith("--") or word == "-" or word[1:2].isdigit():
        return False
    known = parser._option_string_actions
    return word.split("=", 1)[0] not in known and not all(f"-{f}" in known for f in word[1:])


def _is_no_long_option(parser: argparse.ArgumentParser, word: str) -> bool:
    """Whether ``word`` is written as a long option (``--corpus``, ``--corpus=x``) that is
    none of ``parser``'s, nor the start of one (argparse takes ``--cor`` for ``--corpus``)."""
    if not word.startswith("--") or word == "--":
        return False
    name = word.split("=", 1)[0]
    return not any(option.startswith(name) for option in parser._option_string_actions)


# The app's options that take a value, which a user may give before a subcommand as well
# (``tui-reader --db X export``, as ``git -C DIR log``).
_LEADING_OPTIONS = APP_OPTIONS


def _leading_options(argv: list[str]) -> tuple[list[list[str]], int]:
    """The app's options ``argv`` begins with (each as given: ``--db X`` or ``--db=X``), and
    where what follows them begins."""
    leading: list[list[str]] = []
    at = 0
    while at < len(argv) and argv[at].split("=", 1)[0] in _LEADING_OPTIONS:
        width = 1 if "=" in argv[at] else 2
        leading.append(argv[at : at + width])
        at += width
    return leading, at


HELP_USAGE = """usage: tui-reader help [COMMAND [ACTION]]

print the help of tui-reader (its options and commands), of a COMMAND, or of one of a
command's actions (attr set, memo add), as COMMAND --help does

  tui-reader help              the app's options and the list of commands
  tui-reader help COMMAND      the help of COMMAND (tui-reader help export)
  tui-reader help COMMAND ACTION
                               the help of one of its actions (tui-reader help attr set)
  tui-reader help help         this help
"""


def _help(words: list[str]) -> int:
    """``tui-reader help [COMMAND [ACTION]]``, as git's: the command's help, or its action's,
    or the app's with the list of commands (it was taken for a corpus folder named help: "no
    such folder or file").  ``help help`` (and ``help -h``) says what help does: it was "'help'
    is no command"; ``help attr set`` gave attr's help, not set's."""
    if not words:
        _app_parser().print_help()
        return 0
    command = words[0]
    if command in ("help", "-h", "--help"):
        sys.stdout.write(HELP_USAGE)
        return 0
    if command not in SUBCOMMANDS:  # a word that is no command
        _refuse_a_misspelt_command(words, 0)
        raise TuiReaderError(f"{_typed_name(command)}: no command (tui-reader --help lists them)")
    parser = _subcommand_parser(command)[0]
    if len(words) < 2 or words[1] in ("-h", "--help"):
        parser.print_help()
        return 0
    actions = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    # tags' and coders' actions are a word with choices, one help telling them all: help tags
    # rname printed it, the word mistyped not said
    word = next((a for a in parser._actions if a.dest == "action" and a.choices), None)
    helps: dict[str, argparse.ArgumentParser] = (
        actions.choices if actions is not None else dict.fromkeys(word.choices or (), parser)
        if word is not None else {}
    )  # fmt: skip
    if not helps:
        raise TuiReaderError(f"{command} has no actions (tui-reader help {command})")
    if words[1] not in helps:
        raise TuiReaderError(
            f"{command} has no action {words[1]!r} (its actions: {', '.join(helps)})"
        )
    helps[words[1]].print_help()
    return 0


def _refuse_a_misspelt_command(argv: list[str], at: int) -> None:
    """``tui-reader exprot -f csv``: a word where a command goes that is no command, nor a
    folder or file there, and is spelt nearly as a command is: said, with the command meant.
    It was taken for the app's PATH: "unrecognized arguments: -f csv", or "exprot: no such
    folder or file"."""
    if at >= len(argv) or argv[at].startswith("-") or os.path.lexists(argv[at]):
        return
    from tui_reader.core.near_spelling import close_matches

    word = argv[at]
    named = _NAMED_OTHERWISE.get(word.lower())
    meant = [named] if named else close_matches(word.lower(), SUBCOMMANDS, n=1, cutoff=0.6)
    if meant:
        raise TuiReaderError(
            f"{_typed_name(word)}: no command (nor a folder or file here); did you mean "
            f"'tui-reader {meant[0]}'? (tui-reader --help lists the commands)"
        )


# Words typed for a command that is named otherwise here, as git, grep and the like name
# theirs: the nearest spelling took redo and grep for report and codes for coders, and find,
# log and version for the app's folder ("No such file or directory").
_NAMED_OTHERWISE = {
    "redo": "undo --redo",
    "grep": "search",
    "find": "search",
    "code": "tags",
    "codes": "tags",
    "codebook": "tags",
    "log": "history",
    "version": "--version",
}


def _typed_name(word: str) -> str:
    """A word typed where a command or a file goes, said as every message says a file's name
    (as typed, a control character as its picture): Python's quotes said ``'lis\\\\t'``."""
    from tui_reader.core.wording import clipped

    return shown_name(clipped(word))


def _refuse_a_folder_before_a_command(argv: list[str], at: int) -> None:
    """``tui-reader . autocode --speaker Ana``: a folder (or file) where a command goes, a
    command after it.  Said, with where the folder goes: it was "unrecognized arguments:
    autocode --speaker Ana" under the app's usage."""
    if at + 1 >= len(argv) or argv[at].startswith("-") or argv[at + 1] not in SUBCOMMANDS:
        return
    import shlex

    path, command = argv[at], argv[at + 1]
    raise TuiReaderError(
        f"{_typed_name(path)} before the command {command!r}: a command comes first, "
        "its folder after it "
        f"(tui-reader {command} --corpus {shlex.quote(path)} ...)"
    )


def subcommand_named(argv: list[str]) -> bool:
    """Whether ``argv`` runs a subcommand (after the app's options, if any: ``--db X tags``)."""
    _, at = _leading_options(argv)
    return at < len(argv) and argv[at] in SUBCOMMANDS


def _flag(arg: str) -> str:
    return arg.split("=", 1)[0]


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option ``parser`` takes, its sub-actions' (``attr set --db``) too."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _option_strings(sub)
    return found


def _moved_after(
    name: str, parser: argparse.ArgumentParser, leading: list[list[str]], rest: list[str]
) -> list[str]:
    """``rest`` (what follows the subcommand ``name``) with the app's options given before
    it moved to its end (before a ``--``): ``--db X export -f csv`` is ``export -f csv --db
    X``.  The same option given after the subcommand too wins, as a repeated option's last
    value does.  ``--corpus`` before a command that reads no documents (undo, history,
    coders) is left aside, as a shell alias naming the project gives it to every command
    (it was refused, "undo takes no --corpus option"); ``--coder`` before one that takes none
    is taken by :func:`_coder_before` (list, export, undo: who runs it, as
    ``$TUI_READER_CODER`` says); any other option the subcommand does not take is refused,
    named."""
    taken = _option_strings(parser)
    leading = [option for option in leading if _flag(option[0]) in taken or
               _flag(option[0]) not in ("--corpus", "--coder")]  # fmt: skip
    for option in leading:
        if _flag(option[0]) not in taken:
            raise TuiReaderError(
                f"{name} takes no {_flag(option[0])} option (given before it): leave it out"
            )
    end = rest.index("--") if "--" in rest else len(rest)  # what follows -- is positional
    given_after = {_flag(arg) for arg in rest[:end] if arg.startswith("--")}
    moved = [arg for option in leading if _flag(option[0]) not in given_after for arg in option]
    return [*rest[:end], *moved, *rest[end:]]


def _coder_before(
    parser: argparse.ArgumentParser, leading: list[list[str]]
) -> contextlib.AbstractContextManager[None]:
    """The coder given before a command that takes no ``--coder`` (``tui-reader --coder ana
    list``, a shell alias naming who codes before every command), taken as
    ``$TUI_READER_CODER`` is, while the command runs: the coder its changes are recorded under
    (``undo``, ``tags rename``, ``attr set``) and a new database's, nothing to a command that
    records none (list, search, export), as the variable is.  It was refused, "list takes no
    --coder option (given before it)", the alias breaking every command but four.  A name
    holding a control character is refused as ``--coder``'s is."""
    if "--coder" in _option_strings(parser):
        return contextlib.nullcontext()
    given = [option for option in leading if _flag(option[0]) == "--coder"]
    if not given:
        return contextlib.nullcontext()
    option = given[-1]
    name = option[1] if len(option) == 2 else option[0].split("=", 1)[1]
    check_recorded_coder_name(name, "--coder")
    return _coder_set(name, "--coder")


@contextlib.contextmanager
def _coder_set(value: str, source: str) -> Iterator[None]:
    """``$TUI_READER_CODER`` set to ``value`` while the block runs, then as it was; a line on
    the name says it came from ``source`` (a cut name: "the coder name '…' (--coder) is
    longer…", where it said ``$TUI_READER_CODER``, which the user never set)."""
    name = ENV_CODER
    before = os.environ.get(name)
    os.environ[name] = value
    said = CODER_SOURCE.set(source)
    try:
        yield
    finally:
        CODER_SOURCE.reset(said)
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tui-reader`` command; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # the app's options may come before a subcommand: tui-reader --db X export
    leading, at = _leading_options(args_list)
    subcommand = subcommand_named(args_list)
    _unicode_output(stdout=subcommand)
    saved = SAVED.set(False)  # (whether it saved a change, said if its output then fails)
    empty_read: list[str] = []  # the lines saying a location variable read is set empty
    told = EMPTY_SETTING_READ.set(functools.partial(_say_once, empty_read, app=not subcommand))
    try:
        if subcommand:
            import shlex  # a subcommand's: the app does not load it

            from tui_reader.cli.common import gated_output, say_left_out, whole_output

            # the command's origin and lock wait hold while it runs, then the caller's again:
            # main() run again in one process (the app after a command, a test after
            # another) gave its steps the earlier command's line as their origin
            wait = LockWait(timeout=resolve_lock_wait(), report=_say_waiting)
            origin = ORIGIN.set(shlex.join(["tui-reader", *args_list]))
            lock_wait = LOCK_WAIT.set(wait)
            forking = FORKING.set(True)  # a command may share its reading with a copy
            try:
                _say_env_seconds_faults()
                name = args_list[at]
                parser, module = _subcommand_parser(name)
                rest = _moved_after(name, parser, leading, args_list[at + 1 :])
                rest = _action_first(name, parser, rest)
                with (
                    _coder_before(parser, leading),
                    whole_output(),
                    gated_output(),
                    _batch_collection(),
                    _stopped_by_signals(),
                ):
                    args = _parse(parser, rest)
                    _refuse_empty_locations(args)
                    _refuse_standard_input_as_a_path(args, name)
                    _refuse_output_into_the_database(args)
                    typed_words(args)
                    _refuse_a_bad_environment_coder(args)
                    new = _NewDatabase(args)
                    status = 2
                    try:
                        status = int(module.run(args))
                    finally:
                        say_left_out()  # files named left out, not said yet: said before its end
                        new.settle(succeeded=status == 0)
                    sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
                    return status
            finally:
                FORKING.reset(forking)
                LOCK_WAIT.reset(lock_wait)
                ORIGIN.reset(origin)
        if args_list[at : at + 1] == ["help"] and not os.path.lexists("help"):
            status = _help(args_list[at + 1 : at + 3])
            sys.stdout.flush()  # a full disk shows here, not lost at exit
            return status
        _refuse_a_misspelt_command(args_list, at)
        _refuse_a_folder_before_a_command(args_list, at)
        args = _app_parser().parse_args(args_list)
        _refuse_empty_locations(args)
        _refuse_standard_input_as_a_path(args, "tui-reader")
        _refuse_output_into_the_database(args)
        # a file named as a Latin-1 terminal types it, or as list shows a name not in UTF-8
        # (caf\xe9.txt), as each subcommand takes it: it was "no such folder or file"
        typed_words(args)
        target, db = resolve_locations(args)
        with loading_modules():  # Textual is imported only to run the app
            from tui_reader.ui.app import run_app

        # each setting not used as given is shown in the app: its full screen hides stderr
        coder, coder_said = coder_and_said(args)
        said = [line for line in (measure_fault(args.measure), coder_said) if line]
        said += empty_read
        return run_app(
            target,
            db,
            resolve_measure(args.measure),
            coder=coder,
            settings_said=said,
            database_said=_database_elsewhere(args, target.corpus, db),
            corpus_said=_sample_corpus_said(target),
        )
    except TuiReaderError as exc:
        return fail(_one_line(exc))
    except KeyboardInterrupt:
        _say_saved_when_stopped()
        return 130
    except Stopped as exc:
        _say_saved_when_stopped()
        return 128 + exc.signal
    except MemoryError:
        # a file or a document bigger than the memory the process may take, met where
        # nothing said which: one line, never the traceback
        # (nothing said of what was saved: a step is saved whole or not at all, and the
        # database made for it is written before the step)
        command = f"{args_list[at]}: " if subcommand else ""
        return fail(f"{command}out of memory (a file too big for the memory left)")
    except BrokenPipeError:
        # The reader has gone (``| head -1``): quietly, with the status of a writer killed by
        # SIGPIPE, as grep's (the shell's 141); it was 0, and a script under ``set -o
        # pipefail`` took a cut output for a whole one.
        _drop_stdout()
        return 128 + _SIGPIPE
    except OSError as exc:  # not met where it happened: writing the output, a file looked up
        _drop_stdout()
        if working_folder_gone():  # it was "the output: could not write (No such file...)"
            return fail(
                "the current folder is not there any more (deleted, or moved away); "
                "cd to a folder that is"
            )
        if exc.filename is None:  # standard output
            # a change saved before (annotate's id not printed): not "nothing done", which a
            # script taking 2 for it would do again, coding the passage twice
            done = "; the change was saved" if SAVED.get() else ""
            return fail(f"the output: could not write ({exc.strerror or exc}){done}")
        # a file named: looked up or read as often as written (a name too long for any file,
        # a folder the user may not enter: 'list' said "could not write (Permission denied)",
        # writing nothing); said as grep says it, "could not write" only of what is a write's
        from tui_reader.core.wording import clipped

        given = exc.filename
        name = shown_name(
            clipped(os.fsdecode(given) if isinstance(given, str | bytes) else str(given))
        )
        if exc.errno in _WRITE_ERRORS:
            return fail(f"{name}: could not write ({exc.strerror or exc})")
        return fail(f"{name}: {exc.strerror or exc}")
    finally:
        EMPTY_SETTING_READ.reset(told)
        SAVED.reset(saved)


def _say_once(said: list[str], line: str, *, app: bool) -> None:
    """Say ``line`` on stderr the first time it comes (a command reads the database's place
    more than once), or keep it in ``said`` for the app to show (its full screen hides
    stderr)."""
    if line in said:
        return
    said.append(line)
    if not app:
        print(f"tui-reader: {line}", file=sys.stderr)


_SIGPIPE = 13  # signal.SIGPIPE where there is one (not on Windows): the number POSIX gives it


# What only a write meets: a full disk, a quota, a file grown too big, a read-only system.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


def _one_line(error: TuiReaderError) -> str:
    """``error``'s message on one line: a line break in a name it quotes (``--db $'x\ny.json'``,
    a file named so) is shown as list shows it (``␊``, :func:`shown_pictured`); it split the
    message in two lines, the second looking like another message.  A query error is its one
    line (the problem, its column, the query), not the app's three (the query, a caret under
    the column): a script reading stderr line by line took the query and the caret for two
    more errors."""
    from tui_reader.core.errors import QuerySyntaxError

    return shown_pictured(error.one_line() if isinstance(error, QuerySyntaxError) else str(error))


def _refuse_output_into_the_database(args: argparse.Namespace) -> None:
    """Standard output or standard error sent into the database or its journal (``export -f
    json > annotations.json``, ``list 2> annotations.json``): refused before anything is read
    or written.  The shell emptied the file before the command ran; the command then took the
    empty file for a new database, wrote one over it, and printed its empty export into the
    file it had replaced: it said nothing, and the work was gone without a word.  Its messages
    sent there (``2>>``) were appended to the database's JSON, which no command read again; the
    refusal is said on the terminal (``/dev/tty``); with none (a cron job, a CI step) on
    standard output when it is not the database too (it was said nowhere, the exit status
    alone telling), never into the database."""
    if not hasattr(args, "db"):
        return
    try:
        db = resolve_db(args.db)
    except (OSError, ValueError, TuiReaderError):
        return  # no database to name: nothing to compare
    into = {stream: _database_file_of(stream, db) for stream in (sys.stdout, sys.stderr)}
    if into[sys.stderr] is not None:  # (``> db 2>&1`` too: the refusal was written into it)
        _stderr_away(None if into[sys.stdout] is not None else sys.stdout)
    for stream, name, redirect in ((sys.stdout, "output", ">"), (sys.stderr, "error", "2>")):
        found = into[stream]
        if found is not None:
            kept, st = found
            what = "output" if stream is sys.stdout else "messages"
            if kept != db:
                raise TuiReaderError(
                    f"standard {name} is {kept}, a file the database keeps beside it; "
                    f"nothing was written: send the {what} to another file"
                )
            emptied = st.st_size == 0
            raise TuiReaderError(
                f"standard {name} is the database {kept}"
                + (f" ('{redirect}' emptied it before tui-reader ran)" if emptied else "")
                + f"; nothing was written: send the {what} to another file"
                + (f"; {restore_hint(db) or 'restore the database from a copy'}" if emptied else "")
            )


def _database_file_of(stream: TextIO | None, db: Path) -> tuple[Path, os.stat_result] | None:
    """The database, or the file it keeps beside it, that ``stream`` writes into (and its
    state), if any."""
    if stream is None:
        return None  # closed before the command ran
    try:
        given = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None  # no such stream, or one replaced (a test's capture)
    if not stat.S_ISREG(given.st_mode):
        # a terminal, a pipe, the null device: no database is one ('--db /dev/null' with
        # the output sent there was refused as a database a '>' had emptied; it is said to
        # be a device, as any --db naming one)
        return None
    for kept in (db, *db_sidecars(db)):
        try:
            st = os.stat(kept)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (given.st_dev, given.st_ino):
            return kept, st
    return None


def _stderr_away(instead: TextIO | None) -> None:
    """Standard error pointed at the terminal, or with none at ``instead`` (standard output,
    when it goes elsewhere than the database), else at the null device: the messages that
    follow do not go into the file it was."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    for target in ("/dev/tty", instead, os.devnull):
        if target is None:
            continue
        try:
            fd = os.open(target, flags) if isinstance(target, str) else os.dup(target.fileno())
        except (OSError, ValueError, AttributeError):
            continue
        try:
            os.dup2(fd, sys.stderr.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        finally:
            os.close(fd)
        return


def _refuse_a_bad_environment_coder(args: argparse.Namespace) -> None:
    """A ``$TUI_READER_CODER`` holding a control character, a line break or a direction mark
    refused, as ``--coder`` is and as the commands taking ``--coder`` refuse it, unless
    ``--coder`` was given: some commands that take none (``undo``, ``tags rename``, ``coders
    rename``) record their changes, and a new database its default coder, under it, and
    ``$'ana\\nben'`` was recorded as 'ana ben', a value of control characters alone passed
    over for the login name, without a word."""
    if getattr(args, "coder", None) is None and os.environ.get(ENV_CODER):
        check_recorded_coder_name(terminal_text(os.environ[ENV_CODER]), CODER_SOURCE.get())


def _refuse_empty_locations(args: argparse.Namespace) -> None:
    """A corpus or database named by an empty word (``--db "$DB"``, DB unset) is refused: it
    was taken as not given, and the command ran on ./annotations.json, or on the sample
    corpus (a search found its hits, an export took its documents)."""
    for name, given in (("path", "PATH"), ("corpus", "--corpus"), ("db", "--db")):
        value = getattr(args, name, None)
        if isinstance(value, str) and not value.strip():
            what = "database file" if name == "db" else "folder or file"
            raise TuiReaderError(f"{given} names nothing (it was {value!r}): name a {what}")
    if getattr(args, "db", None) == "-" and not os.path.lexists("-"):
        # as standard input or output, which no database can be: a command that writes made
        # a database of that name in the working folder, where no later command looked
        raise TuiReaderError(
            "--db - names no standard stream: the database is a file; name one (./- for a "
            "file named '-')"
        )


def _refuse_standard_input_as_a_path(args: argparse.Namespace, command: str) -> None:
    """``-`` as PATH (``search x -``, grep's standard input), when no file is named so: the
    command reads no standard input, which is said; it was "/cwd/-: no such folder or file",
    as of a file the user had meant."""
    named = [getattr(args, "path", None), getattr(args, "corpus", None)]
    named += getattr(args, "more", None) or []
    if "-" in named and not os.path.lexists("-"):
        raise TuiReaderError(
            f"{command} reads no standard input ('-'): name a folder, or files, of the corpus"
        )


def _database_elsewhere(args: argparse.Namespace, corpus: Path, db: Path) -> str:
    """A line for the app to show when it makes a new database of the default name here
    (none named) while the corpus has one beside it: run in another folder than the
    project's, the app showed the corpus as never coded, without a word."""
    from tui_reader.locations import database_beside

    if args.db or os.environ.get(ENV_DB) or os.path.lexists(db):
        return ""
    found = database_beside(corpus, db)
    if found is None:
        return ""
    return (
        f"{shown_name(str(db))} is a new database, made here: the corpus has its own beside it, "
        f"{shown_name(str(found))} (tui-reader --db {shown_name(str(found))} opens it)"
    )


MOST_LOOKED_AT = 10_000  # entries of the working folder looked at for documents of its own


def _sample_corpus_said(target: Target) -> str:
    """A line for the app to show when it reads the sample corpus, no corpus being named:
    run in a folder of PDFs or transcripts, ``tui-reader`` showed two articles on Mexico and
    never said that the folder's own documents were not read, nor how to read them."""
    from tui_reader.core.documents.formats import FORMAT_BY_SUFFIX
    from tui_reader.locations import sample_corpus

    if target.open_file is not None or real_path(target.corpus) != real_path(sample_corpus()):
        return ""
    said = "No folder was named, so the sample corpus (two articles) is shown"
    found: list[str] = []
    try:
        with os.scandir(".") as entries:
            for count, entry in enumerate(entries):
                if count >= MOST_LOOKED_AT:
                    break
                suffix = os.path.splitext(entry.name)[1].lower()
                if entry.name.startswith(".") or not suffix or suffix not in FORMAT_BY_SUFFIX:
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_file():
                        found.append(entry.name)
    except OSError:
        found = []
    if not found:
        return f"{said}: tui-reader FOLDER reads the documents of FOLDER, tui-reader FILE one file"
    found.sort()
    named = ", ".join(shown_name(name) for name in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return f"{said}, not the documents here ({named}{more}): tui-reader . reads them"


class _NewDatabase:
    """The database a command names when none is there yet, which a command that writes
    makes.  Made by a command that succeeded, it is said (``--db anotations.json``, misspelt,
    took the work without a word); made by one that failed (a quote not found), it is removed
    again with the files beside it while it holds nothing: a failure changes nothing."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.path: Path | None = None
        self.made: list[Path] = []  # the files it and the store may make
        self.emptied = False  # a file of no bytes was there
        if not hasattr(args, "db"):
            return
        try:
            path = resolve_db(args.db)
            # a file of no bytes ('>' into it) is no database: one made there is said too
            if os.path.lexists(path) and not emptied_database(path):
                return
            self.emptied = os.path.lexists(path)
            self.made = [f for f in (path, *db_sidecars(path)) if not os.path.lexists(f)]
        except (OSError, ValueError, TuiReaderError):
            return
        self.path = path

    def settle(self, *, succeeded: bool) -> None:
        """Say the database made, or remove it if the command failed and it holds nothing."""
        if self.path is None or not os.path.lexists(self.path):
            return
        if self.emptied and emptied_database(self.path):
            return  # not written (list, search): nothing made
        if succeeded and not self.emptied and not self._made_here():
            return  # another command, run at once, made it (and says so)
        if succeeded:
            was = " (the file there was empty, 0 bytes)" if self.emptied else ""
            made = shown_name(str(self.path))
            print(f"tui-reader: made a new database: {made}{was}", file=sys.stderr)
        else:
            self._remove_if_no_one_else_uses_it()

    def _made_here(self) -> bool:
        from tui_reader.core.store.journal import MADE_HERE

        return self.path is not None and str(self.path.absolute()) in MADE_HERE

    def _remove_if_no_one_else_uses_it(self) -> None:
        """The database made removed, when it holds nothing and no other process has it open
        or is changing it: looked at, and removed, under its lock and with its open mark held
        alone.  A command that failed beside one that saved (``annotate`` run in parallel into
        a new database) removed the database the other had just saved its annotation in: that
        command printed the annotation's id, and the annotation was gone."""
        from tui_reader.core.store.file_lock import FileLock, LockTimeout

        assert self.path is not None
        journal, lock_path, _, open_path = db_sidecars(self.path)[:4]
        lock = FileLock(str(lock_path))
        try:
            lock.acquire(timeout=0)
        except (LockTimeout, OSError):
            return  # another process is changing it: it is theirs too
        try:
            with self._alone(open_path) as alone:
                if not alone or not self._empty():
                    return
                if journal.exists() and journal.stat().st_size:
                    return  # a change another process saved, not folded yet
                for made in sorted(self.made, key=lambda f: f == lock_path):  # the lock last
                    with contextlib.suppress(OSError):
                        os.unlink(made)
                if self.emptied:  # left as it was found: of no bytes
                    with contextlib.suppress(OSError):
                        os.truncate(self.path, 0)
        finally:
            lock.release()

    @staticmethod
    @contextlib.contextmanager
    def _alone(open_path: Path) -> Iterator[bool]:
        """Whether no other process has the database open (holds its open mark); while this
        holds, none takes it (the mark held here alone)."""
        try:
            import fcntl
        except ImportError:
            yield True  # not told where flock is missing: as before
            return
        try:
            fd = os.open(open_path, os.O_RDWR)
        except FileNotFoundError:
            yield True
            return
        except OSError:
            yield False
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield False
                return
            yield True
        finally:
            os.close(fd)  # (the mark's lock goes with it)

    def _empty(self) -> bool:
        from tui_reader.core.store.annotation_store import AnnotationStore

        assert self.path is not None
        try:
            with AnnotationStore(self.path, read_only=True) as store:
                return not (len(store) or store.tags() or store.memos() or store.attributes()
                            or store.history(1))  # fmt: skip
        except (TuiReaderError, OSError, ValueError):
            return False


def _say_saved_when_stopped() -> None:
    """A command stopped (ctrl+c, TERM, HUP) once its change was saved says so: it ended as
    silently as one stopped before it saved anything, with the same status, and a rename
    of thousands of passages stopped as the journal was folded in was taken for not done."""
    if SAVED.get():
        with contextlib.suppress(OSError, ValueError, AttributeError):  # (stderr gone)
            print("tui-reader: stopped after its change was saved", file=sys.stderr)


class Stopped(BaseException):
    """A subcommand stopped by a signal (``timeout``'s TERM, a closed terminal's HUP): raised
    where it runs, as ctrl+c's KeyboardInterrupt is, so that what it was writing is left as
    ctrl+c leaves it (no half export hidden beside its file)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.signal = number


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """TERM and HUP raise :class:`Stopped` while a subcommand runs (where they would kill it
    at once; not where they are ignored, as under nohup); as before after."""
    import signal

    def stop(number: int, _frame: object) -> None:
        raise Stopped(number)

    before = {}
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                before[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _action_first(name: str, parser: argparse.ArgumentParser, rest: list[str]) -> list[str]:
    """``rest`` with the options given between a command with actions and its action moved
    after the action, where its parser takes them: ``attr --db X list`` is ``attr list --db
    X`` (it said "invalid choice: 'X'", the option's value taken for the action)."""
    actions = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    if actions is None:
        return rest
    choices: dict[str, argparse.ArgumentParser] = actions.choices
    moved: list[str] = []
    at = 0
    while at < len(rest) and rest[at].startswith("--") and rest[at] != "--":
        takes = [
            a for p in choices.values() for a in p._actions if _flag(rest[at]) in a.option_strings
        ]
        if not takes:
            return rest  # help, or an option no action takes: argparse says it
        width = 1 if "=" in rest[at] or takes[0].nargs == 0 else 2
        moved += rest[at : at + width]
        at += width
    if not moved or at >= len(rest) or rest[at] not in choices:
        return rest
    chosen = rest[at]
    taken = _option_strings(choices[chosen])
    for arg in moved:
        if arg.startswith("--") and _flag(arg) not in taken:
            raise TuiReaderError(f"{name} {chosen} takes no {_flag(arg)} option")
    tail = rest[at + 1 :]
    end = tail.index("--") if "--" in tail else len(tail)
    return [chosen, *tail[:end], *moved, *tail[end:]]


def _unicode_output(*, stdout: bool) -> None:
    """Standard error never fails on a character its encoding lacks (a file name's "Ω" on a
    Latin-1 terminal, or where the locale's is ASCII): it is written as ``\\u03a9``.  A
    subcommand's standard output is UTF-8 whatever the locale's encoding, as the files its
    exports write are: a search's "…" or a JSON listing stopped with a UnicodeEncodeError
    traceback (a Windows console's output redirected to a file, PYTHONIOENCODING=ascii)."""
    streams = [(sys.stderr, False), (sys.stdout, True)] if stdout else [(sys.stderr, False)]
    for stream, utf8 in streams:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            if codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32"):
                continue
            if utf8:
                stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            else:
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, LookupError, ValueError, OSError):
            continue  # a stream replaced (a test's capture), or one that cannot be changed


@contextlib.contextmanager
def _batch_collection() -> Iterator[None]:
    """The garbage collector at a batch job's pace while a command runs.

    A command builds hundreds of thousands of objects that live until it ends (a database's
    records, its annotations); at its default pace the collector scans them again and again
    (a fifth of an export's time at 100,000 annotations).  Cycles are still collected."""
    before = gc.get_threshold()
    gc.set_threshold(*BATCH_GC_THRESHOLDS)
    try:
        yield
    finally:
        # The pace set back starts a pass over everything the command made, at once; not
        # when the process ends with the command (the console script says so).
        if not READS_LIVE_TO_EXIT.get():
            gc.set_threshold(*before)


def _say_env_seconds_faults() -> None:
    """One line on stderr for each environment variable of seconds not used as given
    (``$TUI_READER_LOCK_WAIT=abc``, ``$TUI_READER_CONVERT_SECONDS=-1``: not a number, below 0,
    beyond a week): the variable, its value and what is used instead; and
    ``$TUI_READER_CACHE`` naming a file, where nothing is then kept (:func:`cache_fault`)."""
    cache = cache_fault()
    for line in [*env_seconds_said(), *([cache] if cache else [])]:
        print(f"tui-reader: {shown(line)}", file=sys.stderr, flush=True)


def _say_waiting(holder: LockHolder | None) -> None:
    """Said once when a change has to wait for another process's lock (not when it waits for
    none: $TUI_READER_LOCK_WAIT=0 said "waiting ... (up to 0 s)" before failing at once)."""
    from tui_reader.core.store.lock_wait import holder_text  # loaded with the store by then
    from tui_reader.core.wording import seconds

    if resolve_lock_wait() <= 0:
        return
    print(
        f"tui-reader: waiting for {holder_text(holder)}, which is changing the database "
        f"(up to {seconds(resolve_lock_wait())}; ctrl+c stops, and nothing is saved then)",
        file=sys.stderr,
        flush=True,
    )


def _drop_stdout() -> None:
    """Point stdout at nothing, so the interpreter's flush at exit does not fail again."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
