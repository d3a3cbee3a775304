"""Arguments and helpers every subcommand shares."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

from tui_reader.cli.app_options import CORPUS_DEFAULT as CORPUS_DEFAULT
from tui_reader.cli.app_options import MESSAGE as MESSAGE
from tui_reader.cli.app_options import STRAY_BYTE as _STRAY_BYTE
from tui_reader.cli.app_options import add_coder_argument as add_coder_argument
from tui_reader.cli.app_options import add_db_argument as add_db_argument
from tui_reader.cli.app_options import add_location_arguments as add_location_arguments
from tui_reader.cli.app_options import add_path_argument as add_path_argument
from tui_reader.cli.app_options import check_given_coder_name as check_given_coder_name
from tui_reader.cli.app_options import check_recorded_coder_name as check_recorded_coder_name
from tui_reader.cli.app_options import coder_and_said as coder_and_said
from tui_reader.cli.app_options import coder_name_said as coder_name_said
from tui_reader.cli.app_options import emptied_database as emptied_database
from tui_reader.cli.app_options import existing_db as existing_db
from tui_reader.cli.app_options import fail as fail
from tui_reader.cli.app_options import message_line as message_line
from tui_reader.cli.app_options import not_a_corpus as not_a_corpus
from tui_reader.cli.app_options import project_target as project_target
from tui_reader.cli.app_options import resolve_locations as resolve_locations
from tui_reader.cli.app_options import typed_words as typed_words
from tui_reader.cli.start import ClosedInput
from tui_reader.core.display import (
    said_word,
    shell_word,
    shown,
    shown_block,
    shown_name,
    stray_bytes_unescaped,
)
from tui_reader.core.documents.safe_read import file_kind
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import SAID_AT_MOST as SAID_AT_MOST
from tui_reader.core.wording import capped, clipped, counted
from tui_reader.locations import (
    ENV_CORPUS,
    ENV_DB,
    RealPaths,
    Target,
    coder_name,
    real_path,
    resolve_db,
    resolve_target,
    sample_corpus,
    terminal_text,
    user_path,
)

if TYPE_CHECKING:  # a command that needs no database (search) does not load the store
    from tui_reader.core.annotations.model import Annotation
    from tui_reader.core.interchange.merging import CorpusHashes
    from tui_reader.core.interchange.reconcile import Reconciled
    from tui_reader.core.store.annotation_store import AnnotationStore
    from tui_reader.core.workspace import Workspace


def add_corpus_path_argument(parser: argparse.ArgumentParser) -> None:
    """``[PATH...]``: the corpus folder, the same as ``--corpus`` (query and report: ``report
    matrix docs`` was "unrecognized arguments: docs", where export, list and search take
    it), or files of one folder, each one document ``--doc`` names (a shell's
    ``docs/*.txt``, ``search -l``'s paths); see :func:`corpus_from_path`."""
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help=f"the corpus folder, the same as --corpus (default: {CORPUS_DEFAULT}); or a "
        "file, or files of one folder, each a --doc (their folder the corpus)",
    )
    add_more_files_argument(parser, "each a --doc")


def corpus_from_path(args: argparse.Namespace) -> None:
    """PATH (:func:`add_corpus_path_argument`) as ``--corpus``, both naming two folders
    refused in one line; or, PATH a file or PATH and the PATHs after it files of one folder
    (``report frequencies docs/*.txt``, ``search -l war docs | xargs tui-reader query
    CODE``), each one document ``--doc`` names, their folder the corpus unless ``--corpus``
    names one: as export, list and search take files, where these refused them ("a file,
    not a folder: PATH is the corpus folder", and a second "unrecognized arguments").  A
    file that is not there, or a folder among them, is refused, nothing counted: a report
    or a query of the others would pass for theirs."""
    path = getattr(args, "path", None)
    if path is None:
        return
    target = resolve_target(path)
    files: list[Path] = []
    if target.open_file is not None or getattr(args, "more", None):
        target, files = files_named(args, target, "the command", "docs/*.txt")
    if not files:  # the corpus folder (named once, or again)
        if args.corpus and Path(args.corpus) != Path(path):
            raise TuiReaderError(
                f"two corpora named ({shown(path)}, and --corpus {shown(args.corpus)}): name one"
            )
        args.corpus = path
        return
    args.doc = [*getattr(args, "doc", []), *(str(file) for file in files)]
    if not args.corpus:
        args.corpus = str(target.corpus)


def add_corpus_argument(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    """``--corpus PATH``: the corpus a subcommand's DOC arguments are relative to (``help``:
    what it is to a subcommand that takes no DOC)."""
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        help=help or f"corpus folder DOC is relative to (default: {CORPUS_DEFAULT})",
    )


def add_many(
    parser: argparse.ArgumentParser, *flags: str, metavar: str, help: str, required: bool = False
) -> None:
    """An option taking one value each time, any number of times (``--doc a --doc b``): never
    more than one, so a PATH after it is never swallowed."""
    parser.add_argument(
        *flags, action="append", default=[], required=required, metavar=metavar,
        help=f"{help}; repeat for several",
    )  # fmt: skip


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    """``--json``, the same as ``--format json``, for a command whose ``--format`` has json
    (query, report, agreement), as the commands that print records take it (list, search,
    tags, coders, history, memo list, attr list): ``query CODE --json`` was refused, "did
    you mean --sort?"."""
    parser.add_argument(
        "--json", action="store_const", dest="format", const="json", help="--format json"
    )


def add_format_argument(
    parser: argparse.ArgumentParser, choices: Iterable[str], help: str, default: str | None = None
) -> None:
    """``--format/-f FORMAT``: what to write (or read); the choices said first in its help
    (named in its usage, export's ten made lines of 170 characters that a terminal broke)."""
    choices = list(choices)
    words = set(re.findall(r"[\w-]+", help))
    if not words.issuperset(choices):  # (query's names each as it tells it)
        help = f"{', '.join(choices)}: {help}"
    parser.add_argument(
        "--format", "-f", choices=choices, default=default, metavar="FORMAT", help=help
    )


def add_more_files_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """``[PATH...]`` after PATH: more files of its folder (a shell's ``docs/*.txt``, which
    names each file, as grep and ls take them); see :func:`files_named`.  Its default
    makes it optional to argparse too: without one, ``search`` alone said "the following
    arguments are required: PATTERN, PATH", though no PATH is."""
    parser.add_argument(
        "more",
        nargs="*",
        default=[],
        metavar="PATH",
        help=f"more files of the same folder or folders in it (a shell's docs/*.txt "
        f"docs/2019/*.txt), {what}",
    )


def files_named(
    args: argparse.Namespace, target: Target, doer: str, example: str
) -> tuple[Target, list[Path]]:
    """The corpus and the files PATH and the PATHs after it name (``search war docs/*.txt``:
    grep's habit; it was "unrecognized arguments"); no file when PATH is a folder.  The
    files are those of the folder of the one nearest the root, whose documents they are, as
    one file's folder is its corpus: a file of a folder in it is one of them, named before
    or after (``docs/*.txt docs/2019/*.txt``, a shell's ``**/*.txt``; it was "not in docs,
    the folder of a.txt").  The folder named again (``list docs docs``, ``list docs
    ./docs/``) is the folder once, as a file named twice is that file once (it was refused
    as "takes one folder", though one was named); a second folder is refused as a second.
    ``doer`` and ``example`` word the refusal of a folder among them ("a search", "search
    PATTERN docs/*.txt")."""
    if not args.more:
        return target, [] if target.open_file is None else [target.open_file]
    one = f"{doer} takes one folder, or files of one folder ({example})"
    named: list[tuple[str, Path]] = []
    if target.open_file is not None:
        named.append((args.path or args.corpus, target.open_file))
    # each folder resolved once, each file's own name looked at alone (a shell's docs/*.txt
    # of 10,000 files resolved every folder above each, two look-ups a folder a file)
    resolve = RealPaths()
    try:
        cwd: Path | None = Path(os.getcwd())  # (asked once: each file asked for it again)
    except FileNotFoundError:
        cwd = None  # a path from it is said to be from a folder gone
    for path in args.more:
        other = resolve_target(path, cwd=cwd, resolve=resolve)
        if other.open_file is None and not other.corpus.is_dir():
            raise not_a_corpus(other.corpus, typed=path)
        if other.open_file is not None and target.open_file is not None:
            named.append((path, other.open_file))
        elif other.open_file is not None:  # a file after the folder
            raise TuiReaderError(f"{shown(args.path or args.corpus)} is a folder: {one}")
        elif target.open_file is not None:  # a folder after a file
            raise TuiReaderError(f"{shown(path)} is a folder: {one}")
        elif other.corpus != target.corpus:
            raise TuiReaderError(
                f"{shown(path)} is a second folder, after {shown(args.path or args.corpus)}: {one}"
            )
    if not named:
        return target, []
    top = min((file for _, file in named), key=lambda file: len(file.parent.parts))
    # (as Path.is_relative_to tells it of resolved paths, without two Paths made a file)
    within = os.path.normcase(os.path.join(top.parent, ""))
    for typed, file in named:
        folder = os.path.normcase(os.path.dirname(file))
        if not os.path.join(folder, "").startswith(within):
            raise TuiReaderError(
                f"{shown(typed)} is not in {shown(top.parent)}, the folder of "
                f"{shown(top.name)}: name files of one folder, or each alone"
            )
    return Target(top.parent, target.open_file), [file for _, file in named]


class LeftOut(list[str]):
    """The lines saying the names :func:`files_not_there` left out, not yet said: each is said
    where it was named, among the files :func:`named_documents` finds no document (``at``:
    the place in the names typed of each line, ``kept``: of each name kept)."""

    def __init__(self, said: Sequence[tuple[int, str]], kept: Sequence[int]) -> None:
        super().__init__(line for _, line in said)
        self.at = [place for place, _ in said]
        self.kept = list(kept)


# The lines of the last files_not_there still to be said: said with the files that are no
# documents, or before an error that ends the command, or at its end (say_left_out).
_UNSAID: ContextVar[tuple[tuple[int, str], ...]] = ContextVar("unsaid", default=())
# How many of those lines (and of the files that are no documents) are said one by one, the
# rest counted in one more line; None: each, as grep and ls say each (search, list).
_SAID_LEFT_OUT: ContextVar[int | None] = ContextVar("said_left_out", default=None)


def files_not_there(args: argparse.Namespace, at_most: int | None = None) -> LeftOut:
    """Of several files named (PATH and the PATHs after it: ``search war a.txt gone.txt``),
    each that is not there, or is no file nor folder (a FIFO, a device, a link that leads
    nowhere or round a loop: a shell's ``docs/*`` names them too), said in one line on
    stderr and left out, the others then read, as grep and ls do (a name mistyped, or a FIFO,
    among them refused them all: nothing was searched or listed); the command then exits 2.
    A folder among files (``search war *`` where the folder holds subfolders) is said and
    left out too, as grep says "Is a directory" and reads the files (it refused them all,
    "is a folder: a search takes one folder"); a folder named alone, or twice, is the corpus.
    Each line is said where its name was typed, among the files that are no documents
    (:func:`named_documents`; they were said missing first, then folders, then the rest),
    or at the latest before the command's error or at its end (:func:`say_left_out`).
    Empty when each is there, or none is (that is said as a single such name is).
    ``at_most``: the lines said one by one (with the files that are no documents), the rest
    counted in one more line, for a command whose output is one file or one count (export,
    autocode: a stale list of 3,000 names buried what it said of the file written, and the
    error that stopped it, under 3,000 lines); None, each said, for a command that says a
    line a file (search, list), as grep and ls say each name for a script to read."""
    _SAID_LEFT_OUT.set(at_most)
    if not getattr(args, "more", None) or args.path is None:
        return LeftOut((), ())
    names = [args.path, *args.more]
    modes = {name: _mode(name) for name in names}  # one look at each (a shell's 10,000)
    there = [name for name in names if stat.S_ISREG(modes[name]) or stat.S_ISDIR(modes[name])]
    files = [name for name in there if stat.S_ISREG(modes[name])]
    kept = files or there
    if not there or len(kept) == len(names):
        return LeftOut((), ())
    args.path, args.more = kept[0], kept[1:]
    said: list[tuple[int, str]] = []
    kept_at: list[int] = []
    # looked up in sets: in the lists, a shell's 20,000 files and one name not there took
    # 5 s, each name sought through all of them
    is_kept, is_there = set(kept), set(there)
    for place, name in enumerate(names):
        if name in is_kept:
            kept_at.append(place)
            continue
        # Its folder resolved, its own name kept: a link to /dev/zero is looked at, and
        # said, by the name typed, not as /dev/zero.
        folder, own = os.path.split(os.path.abspath(user_path(name)))
        path = real_path(folder) / own
        if name in is_there:
            line = f"{shown_name(clipped(name))}: is a folder, among files named: "
            line += "left out (name it alone for its documents)"
        else:
            line = str(not_a_corpus(path, typed=name))
        said.append((place, line))
    _UNSAID.set(tuple(said))
    return LeftOut(said, kept_at)


def say_left_out() -> None:
    """Say on stderr the lines of :func:`files_not_there` not said yet: before an error ends
    the command, or at its end (``autocode --doc``, which takes no file named)."""
    _say_left_out_lines([line for _, line in _UNSAID.get()])
    _UNSAID.set(())
    _SAID_LEFT_OUT.set(None)


def _say_left_out_lines(lines: Sequence[str]) -> None:
    """``lines`` on stderr, as many as :func:`files_not_there` was told to say, and then how
    many more."""
    at_most = _SAID_LEFT_OUT.get()
    for line in lines if at_most is None else capped(lines, at_most):
        print(f"tui-reader: {line}", file=sys.stderr)


def _mode(name: str) -> int:
    """The mode of what the name ``name`` typed leads to (as
    :func:`~tui_reader.locations.user_path` makes it a path); 0 when it leads nowhere."""
    try:
        return os.stat(user_path(name)).st_mode
    except (OSError, ValueError):
        return 0


def add_document_arguments(parser: argparse.ArgumentParser, corpus_help: str | None = None) -> None:
    """``--db FILE`` and ``--corpus PATH``, for subcommands that name documents (or, with
    ``corpus_help``, that say what the corpus is to them)."""
    add_db_argument(parser)
    add_corpus_argument(parser, corpus_help)


def coder_of(args: argparse.Namespace) -> str:
    """The coder the arguments name (``--coder``, else ``$TUI_READER_CODER``, else the login);
    a name given that is recorded otherwise than typed (cut) or an environment value passed
    over is said on stderr; one holding a control character is refused
    (:func:`check_given_coder_name`)."""
    coder, said = coder_and_said(args)
    if said is not None:
        print(f"tui-reader: {said}", file=sys.stderr)
    return coder


def check_given_coder_names(names: Iterable[str], source: str) -> None:
    """:func:`check_given_coder_name` of each coder name ``names`` looks up (``query --coder``):
    one holding a line feed was looked up cleaned, a space for it, and said so ("no annotations
    by 'b c'", of ``b\\nc``); no coder is named so, names being recorded without them."""
    for name in names:
        check_given_coder_name(name, source)


def given_coder_name(raw: str, option: str) -> str:
    """``raw``, given with ``option``, as a coder name (:func:`~tui_reader.locations.coder_name`),
    said on stderr when it is recorded otherwise than typed; refused when it holds a control
    character (:func:`check_given_coder_name`)."""
    check_recorded_coder_name(raw, option)
    name = coder_name(raw)
    say_coder_name(raw, option, name)
    return name


def say_coder_name(raw: str, source: str, coder: str) -> None:
    """One line on stderr when the coder name ``raw`` (given by ``source``) is not recorded as
    typed (too long, nothing visible): ``coder`` is."""
    said = coder_name_said(raw, source, coder)
    if said is not None:
        print(f"tui-reader: {said}", file=sys.stderr)


F = TypeVar("F")  # a document of the corpus, as a listing gives it


def documents_named(
    named: Sequence[Path], by_location: Mapping[str, F], left_out: LeftOut | None = None
) -> tuple[list[F], bool]:
    """The documents of ``by_location`` (the corpus's, by their locations as listed, each
    ``os.path.normcase``'d as a Path compares them: a ``Path`` made for each of 10,000 listed
    files cost more than the search of the few named) the resolved files ``named`` are, each
    once, and whether one of them is none (see :func:`named_documents`)."""
    paths, refused = named_documents(
        named, lambda path: os.path.normcase(path) in by_location, left_out
    )
    return [by_location[os.path.normcase(path)] for path in paths], refused


def named_documents(
    named: Sequence[Path],
    is_document: Callable[[Path], bool],
    left_out: LeftOut | None = None,
) -> tuple[list[Path], bool]:
    """The files ``named`` that are documents (``is_document``), each once, and whether one
    of them is none: each such file said in one line on stderr and left out, the others then
    read, as grep and ls go on past a file they cannot read (a spreadsheet among a shell's
    ``docs/*`` refused them all, in search, list, export and autocode).  When none is a
    document, the last is the error, the others said before it.  ``left_out``, the names
    :func:`files_not_there` left out, are said among them, each where it was named."""
    found: dict[Path, None] = {}
    refused: list[tuple[int, str]] = []
    unsaid: list[tuple[int, str]] = []
    if left_out is not None:
        unsaid = list(_UNSAID.get())
        _UNSAID.set(())
    for index, path in enumerate(named):
        if is_document(path):
            found.setdefault(path)
        else:
            place = left_out.kept[index] if left_out else index  # else nothing left out
            refused.append((place, str(not_a_document(path))))
    lines = [line for _, line in sorted([*unsaid, *refused], key=lambda said: said[0])]
    if refused and not found:
        _say_left_out_lines(lines[:-1])
        raise TuiReaderError(lines[-1])
    _say_left_out_lines(lines)
    return list(found), bool(refused)


# Why a file tui-reader wrote in the corpus (an export, a database, a vault's note) is not
# listed, said of it when it is named (``docs/*``) and by ``list --all``
WRITTEN_BY_US = "written by tui-reader (an export, a database or a vault's note), not a document"


def written_by_us_reason(path: str) -> str:
    """:data:`WRITTEN_BY_US`, or of a Markdown export of ours, what it is and what a person
    takes out of a copy they made their own (their words written in it) to have it read as
    a document: left out, it still holds every quote it has, each found twice by a search."""
    from tui_reader.core.documents.corpus import own_markdown

    mark = own_markdown(path)
    if mark is None:
        return WRITTEN_BY_US
    gone = "are" if " and " in mark else "is"
    return (
        "a Markdown export of tui-reader, not a document (a search would find each of its "
        f"quotes twice); a copy of it made your own is read as a document once {mark} {gone} "
        "gone"
    )


def not_a_document(path: Path) -> TuiReaderError:
    """The error for a file named alone (``search WORD server.log``) that is none of the
    corpus's documents: said, not taken for a document that holds nothing."""
    from tui_reader.core.documents.corpus import written_by_us
    from tui_reader.core.documents.formats import format_of, unsupported_reason

    if format_of(path) is None:
        reason = unsupported_reason(path.suffix)
    elif written_by_us(str(path)):
        reason = written_by_us_reason(str(path))
    else:
        reason = "not a document of the corpus (a hidden file, an Office owner file or the "
        reason += "database's own)"
    return TuiReaderError(f"{shown(str(path))}: {reason}")


STDIN = Path("standard input")  # what messages and the history call a file piped in


def is_the_database(path: Path, db: Path) -> bool:
    """Whether ``path`` names the database ``db`` itself: the same path, a symbolic link to
    it, or another name of the same file (a hard link, a bind mount).  A hard link was read
    as another coder's work and merged into itself ("1 unchanged")."""
    from tui_reader.locations import real_path

    if real_path(path) == real_path(db):  # a link loop: said when read
        return True
    try:
        return os.path.samefile(path, db)
    except (OSError, ValueError):  # either not there (a new database), or a name no file has
        return False


def names_standard_stream(file: str, stream: int) -> bool:
    """Whether ``file`` names the standard stream ``stream`` (0 or 1) this process was given:
    ``/dev/stdin``, ``/dev/stdout``, ``/dev/fd/1``, as scripts write them for ``-``.  Taken
    as a file, each was refused as "a symbolic link" or "a FIFO", of the pipe it leads to."""
    if file in ("", "-"):
        return False
    try:
        named = os.stat(user_path(file))
        given = os.fstat(stream)
    except (OSError, ValueError):
        return False
    if stat.S_ISREG(named.st_mode) and not file.startswith(("/dev/", "/proc/")):
        return False  # a file a stream was redirected from or to (< FILE): that file, as named
    if _is_device(named.st_mode) and not os.path.islink(user_path(file)):
        # a device by its own name, the stream redirected from it (import /dev/zero <
        # /dev/zero): refused as a device, never read as the stream (512 MB, then refused)
        return False
    return (named.st_dev, named.st_ino) == (given.st_dev, given.st_ino)


def input_bytes(file: str, command: str, *, bounded: bool = False) -> tuple[Path, bytes]:
    """The file ``file`` names and its bytes (a regular file only: a FIFO or a device never
    blocks); ``-``: standard input's (as grep and tar take it), unless it is a terminal (a
    file is piped in, not typed).  ``bounded``: a JSON file's strings, or a CSV file's
    cells, of more than ``MAX_TEXT`` characters read as ``TOO_LONG``
    (:mod:`~.interchange.long_strings`), never held whole; the other bytes as they are."""
    from tui_reader.core.documents.safe_read import (
        MAX_DOCUMENT_BYTES,
        opened_document,
        read_document_bytes,
    )

    if is_substituted_pipe(file):  # <(command): a pipe the shell holds the other end of
        with open(file, "rb") as pipe:
            raw = _read_bounded(pipe, Path(file)) if bounded else pipe.read(MAX_DOCUMENT_BYTES + 1)
        path = Path(file)
    elif file != "-" and not names_standard_stream(file, 0):
        path = user_path(file)
        if bounded:
            with opened_document(path) as (handle, size):
                if size > MAX_DOCUMENT_BYTES:
                    _within_limit(path, b"", size)
                raw = _read_bounded(handle, path)
        else:
            raw = read_document_bytes(path)
    elif sys.stdin is None or isinstance(sys.stdin, ClosedInput):
        raise TuiReaderError(f"{command} -: standard input is closed; pipe a file in: "
                             f"tui-reader {command} - < FILE")  # fmt: skip
    elif sys.stdin.isatty():
        raise TuiReaderError(f"{command} -: standard input is a terminal; pipe a file in: "
                             f"tui-reader {command} - < FILE")  # fmt: skip
    else:
        _refuse_a_device_as_stdin()
        stdin = sys.stdin.buffer
        path = STDIN
        raw = _read_bounded(stdin, path) if bounded else stdin.read(MAX_DOCUMENT_BYTES + 1)
    raw = _within_limit(path, raw)
    if len(raw) < 4096 and not raw.strip():  # a download that failed (curl ... | import -)
        raise TuiReaderError(f"{path}: is empty; nothing to {command.split()[-1]}")
    return path, raw


def _is_device(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _refuse_a_device_as_stdin() -> None:
    """Refuse standard input that is a device (``- < /dev/zero``, ``< /dev/urandom``) before
    it is read: it never ends, and 512 MB were read before it was refused as too large."""
    try:
        fd = sys.stdin.fileno()
        mode = os.fstat(fd).st_mode
    except (OSError, ValueError):  # a stream of no file (replaced): not a device
        return
    if not _is_device(mode):
        return
    try:
        named = f" ({shown(os.readlink(f'/proc/self/fd/{fd}'))})"
    except OSError:  # no /proc: the device is not named
        named = ""
    raise TuiReaderError(f"standard input is a device{named}, not a file or a pipe; not read")


ZIP_HEAD = b"PK\x03\x04"


def input_zip(file: str, stack: contextlib.ExitStack) -> tuple[Path, BinaryIO, int] | None:
    """The file ``file`` names opened (closed with ``stack``), and its size, when it is a
    regular file holding a zip (a REFI-QDA project: read a member at a time, never whole,
    however big its recordings make it); else None (read as :func:`input_bytes` reads)."""
    from tui_reader.core.documents.safe_read import opened_document

    if file == "-" or names_standard_stream(file, 0) or is_substituted_pipe(file):
        return None
    path = user_path(file)
    with contextlib.ExitStack() as opening:
        try:
            handle, size = opening.enter_context(opened_document(path))
            head = handle.read(len(ZIP_HEAD))
            handle.seek(0)
        except (TuiReaderError, OSError):
            return None  # said as input_bytes says it
        if head != ZIP_HEAD:
            return None
        stack.enter_context(opening.pop_all())
        return path, handle, size
    return None  # pragma: no cover (the with block returns)


def _read_bounded(handle: BinaryIO, path: Path) -> bytes:
    """The bytes of ``handle`` (the file ``path``), a JSON file's strings, or a CSV file's
    cells, of more than ``MAX_TEXT`` characters read as ``TOO_LONG``, never held whole (an
    import of a note of 200 MB: 1.0 GB resident before it was refused, 2.4 GB a CSV's);
    refused past ``MAX_DOCUMENT_BYTES``."""
    from tui_reader.core.documents.safe_read import MAX_DOCUMENT_BYTES
    from tui_reader.core.interchange.long_strings import read_without_long_strings

    text, read = read_without_long_strings(handle, MAX_DOCUMENT_BYTES)
    _within_limit(path, b"", read)
    return text


def _within_limit(path: Path, raw: bytes, size: int | None = None) -> bytes:
    from tui_reader.core.documents.safe_read import MAX_DOCUMENT_BYTES

    if (len(raw) if size is None else size) > MAX_DOCUMENT_BYTES:
        raise TuiReaderError(
            f"{path}: larger than the {MAX_DOCUMENT_BYTES // 2**20:,} MB tui-reader reads"
        )
    return raw


def is_substituted_pipe(file: str) -> bool:
    """Whether ``file`` is a pipe the shell gave as a file (``import <(curl ...)``:
    ``/dev/fd/63``), which a writer holds open: read, it ends when its writer does.  It was
    refused as a FIFO, as a named FIFO in a folder is (no writer: it would wait for ever)."""
    if not file.startswith(("/dev/fd/", "/proc/self/fd/")):
        return False
    try:
        return stat.S_ISFIFO(os.stat(file).st_mode)
    except OSError:
        return False


TYPED_TEXT_LIMIT = 16 * 2**20  # bytes of a note or memo piped in (some 8,000 pages)


def typed_text(value: str, what: str) -> str:
    """The text of a note or memo given on the command line, or piped in for ``-``: UTF-8
    (a byte-order mark says UTF-16 or UTF-32), a byte that is no UTF-8 read as Windows-1252.
    Read as UTF-8 alone, a note saved by a Windows editor ("café" in Windows-1252), or typed
    on a Latin-1 terminal, was kept with a lone surrogate for each accent, which every export
    wrote as "caf\ufffd"."""
    if value == "-" and isinstance(sys.stdin, ClosedInput):  # <&-: nothing to read
        raise TuiReaderError(f"{what} is read from standard input (-), which is closed: "
                             "pipe the text in; nothing was saved")  # fmt: skip
    if value == "-":
        # at most a little over the limit is read: ``--note - < /dev/zero``, or a file far
        # too big piped in by mistake, filled the memory and ended in a MemoryError traceback
        data = b"" if sys.stdin is None else sys.stdin.buffer.read(TYPED_TEXT_LIMIT + 1)
        if len(data) > TYPED_TEXT_LIMIT:
            raise TuiReaderError(
                f"{what} read from standard input is larger than the "
                f"{TYPED_TEXT_LIMIT // 2**20} MB a note or memo may be; nothing was saved"
            )
    elif any("\udc80" <= c <= "\udcff" for c in value):  # bytes the locale did not decode
        data = os.fsencode(value)
    else:
        return value
    for bom, encoding in _TEXT_MARKS:
        if data.startswith(bom):
            with contextlib.suppress(UnicodeDecodeError):
                return data[len(bom) :].decode(encoding)
    if b"\x00" in data:
        # a Word file, a PDF or a picture piped in by mistake (memo add --doc d - < notes.docx)
        # was saved as a memo of thousands of lines of mojibake; no text holds a NUL byte
        from tui_reader.core.documents.decoding import binary_kind

        kind = binary_kind(data) or "binary data"
        raise TuiReaderError(
            f"{what} read from standard input is {kind} (it holds NUL bytes), not text; "
            "nothing was saved"
        )
    return _stray_bytes_as_cp1252(data.decode("utf-8", "surrogateescape"))


def _stray_bytes_as_cp1252(text: str) -> str:
    """``text`` with each byte that was no UTF-8 (a lone surrogate, surrogate-escaped) read as
    Windows-1252, which Latin-1 terminals' accents are."""
    return _STRAY_BYTE.sub(
        lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text
    )


# Byte-order marks and their encodings (UTF-32's first: its little-endian mark begins
# with UTF-16's)
_TEXT_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def json_name(field: str, name: str) -> dict[str, object]:
    """``{field: name}`` as a JSON output gives a file name: a name that is not UTF-8 (a
    Latin-1 "léon.txt", whose byte Python keeps as a lone surrogate) is given in valid
    Unicode, each byte that is no UTF-8 as every output shows it and the exports write it
    (``l\\xe9on.txt``), and exactly, as ``FIELD_bytes``: its bytes in base64 (ripgrep's
    habit).  It was given as ``\\udce9``, a lone surrogate no strict JSON reader takes (jq
    printed U+FFFD, others refused the line)."""
    if _STRAY_BYTE.search(name) is None:
        return {field: name}
    from tui_reader.core.display import stray_bytes_escaped

    return {field: stray_bytes_escaped(name)} | json_name_bytes(field, name)


def json_name_bytes(field: str, name: str) -> dict[str, object]:
    """``{FIELD_bytes: base64}``, the bytes of a file name that is not UTF-8 as a JSON output
    gives them beside its name (see :func:`json_name`); ``{}`` for a UTF-8 name.  Alone for
    an output whose names are keys (``attr list --json``): the document's object holds it."""
    if _STRAY_BYTE.search(name) is None:
        return {}
    import base64

    raw = name.encode("utf-8", "surrogateescape")
    return {f"{field}_bytes": base64.b64encode(raw).decode("ascii")}


def coders_here(counts: dict[str, int]) -> str:
    """The coders of a database and their annotations, as an error names them."""
    return ", ".join(f"{c} ({n})" for c, n in counts.items()) or "none yet"


def named_coder(name: str, counts: dict[str, int]) -> str:
    """The coder ``name`` names, as ``coder:NAME`` takes a name (``ana`` for Ana); an error
    naming the coders there are when none is."""
    from tui_reader.core.analysis.matching import coder_named

    coder = coder_named(name, counts)
    if coder is None:
        alike = coders_alike(name, counts)
        if len(alike) > 1:  # Ben of ben and BEN: there are annotations by both
            raise TuiReaderError(
                f"{said_word(name)} names no coder as typed, and in another case it names several: "
                f"{', '.join(alike)} (type the one meant as it is spelled)"
            )
        raise TuiReaderError(
            f"no annotations by {said_word(name)} (coders here: {coders_here(counts)})"
        )
    return coder


def coders_alike(name: str, counts: dict[str, int]) -> list[str]:
    """The coders of ``counts`` ``name`` names as ``coder:NAME`` takes it (case, and how an
    accent is encoded, ignored): ``name`` alone when one is spelled so."""
    from tui_reader.core.analysis.matching import coders_alike as alike

    return alike(name, counts)


def named_coders(name: str, counts: dict[str, int]) -> set[str]:
    """The coders ``name`` names as ``coder:NAME`` takes a name: the one spelled so, else
    every one spelled so in another case (``Ben`` of ``ben`` and ``BEN``, the passages
    ``coder:Ben`` matches); an error naming the coders there are when none is."""
    alike = coders_alike(name, counts)
    if not alike:
        raise TuiReaderError(
            f"no annotations by {said_word(name)} (coders here: {coders_here(counts)})"
        )
    return set(alike)


def corpus_hashes(workspace: Workspace) -> CorpusHashes:
    """:class:`tui_reader.core.interchange.merging.CorpusHashes`, a bar drawn on stderr while
    every document is read (the merge's modules loaded only by the commands that merge or
    import: ``tags``, ``list`` and ``search`` load neither hashlib nor uuid)."""
    from tui_reader.cli.progress import progress_bar
    from tui_reader.core.interchange.merging import CorpusHashes

    return CorpusHashes(workspace, progress_bar)


def refuse_new_database_beside_corpus(args: argparse.Namespace, corpus: Path, db: Path) -> None:
    """A command that writes, run with no database named where none is (another folder than
    the project's) while the corpus has its own beside it, is refused as a reading command
    is, naming it: ``attr set`` and ``annotate`` from the home folder said only "made a new
    database" and wrote there, the work split from the project's.  Named with ``--db``, a
    new database is made."""
    if args.db or os.environ.get(ENV_DB) or os.path.lexists(db):
        return
    from tui_reader.locations import database_beside

    found = database_beside(corpus, db)
    if found is not None:
        raise TuiReaderError(
            f"no database here ({db}); the corpus has its own beside it: --db {found} "
            f"(--db {db} makes a new one here)"
        )


def say_sample_corpus(args: argparse.Namespace, corpus: Path, command: str) -> None:
    """A line on stderr when ``command`` reads the sample corpus because nothing named a
    corpus (no PATH, ``--corpus`` or ``$TUI_READER_CORPUS``, no ``./docs_corpus``, no
    database naming documents beside it): run in the wrong folder, ``search -l`` printed
    the package's sample articles as hits, exit 0, and ``autocode`` coded them into a new
    database, without a word (the app says it as it starts)."""
    named = getattr(args, "path", None) or getattr(args, "corpus", None)
    if named or os.environ.get(ENV_CORPUS) or real_path(corpus) != real_path(sample_corpus()):
        return
    print(
        f"tui-reader: no corpus was named, and there is no ./docs_corpus here: {command} reads "
        "the sample corpus (two articles); name a folder, . for this one",
        file=sys.stderr,
    )


def open_workspace(
    args: argparse.Namespace, doc: str | None = None, *, reading: bool = False
) -> tuple[Workspace, Path]:
    """The workspace the arguments name and, when ``doc`` is given, the document's path
    (``reading``: a command that only reads the database, see :func:`existing_db`).

    ``doc`` is tried as a path (relative to the working folder), then relative to the
    corpus, then as a document key (relative to the database's folder)."""
    target = resolve_target(args.corpus)
    db = existing_db(args, target.corpus) if reading else resolve_db(args.db)
    path: Path | None = None
    unfound = False  # no file at that path: a document's name, looked for in the workspace
    if doc is not None:
        try:
            path = find_document(doc, target.corpus, db)
        except NoSuchFile:
            unfound = True
    corpus = target.corpus
    if path is not None and not path.is_relative_to(corpus):
        if _links_out_of(doc or "", target.corpus, db):
            # a link in the corpus to a file outside it: read, and coded, where the app,
            # autocode and every export say "outside the corpus" of it (its passages orphans)
            from tui_reader.core.documents.corpus import OUTSIDE_CORPUS

            raise TuiReaderError(f"{shown(str(path))}: {OUTSIDE_CORPUS}")
        corpus = path.parent
    if not corpus.is_dir():
        raise not_a_corpus(
            corpus, or_file=False, typed=args.corpus if corpus == target.corpus else None
        )
    if not reading:
        # the document named (attr set ~/phd/papers/a.txt, memo add --doc ...) tells the
        # project too, when no corpus is named
        named = doc if doc is not None else getattr(args, "doc", None)
        folders = [corpus]
        if isinstance(named, str) and os.path.isfile(user_path(named)):
            folders.append(user_path(named).absolute().parent)
        for folder in folders:
            refuse_new_database_beside_corpus(args, folder, db)
    from tui_reader.core.workspace import Workspace

    workspace = Workspace(corpus, db, coder=coder_of(args))
    if unfound and doc is not None:
        try:
            path = document_path(workspace, doc)
        except TuiReaderError:
            close_store(workspace.store)
            raise
    return workspace, path if path is not None else corpus


def document_path(workspace: Workspace, doc: str) -> Path:
    """The file ``doc`` names: a path (:func:`find_document`), else a document's name as
    ``attr set`` and ``--doc`` take it (:class:`~.workspace_export.DocumentNames`: its key,
    its file name or its name without the extension when no other file has it; an ambiguous
    one said): ``annotate int-1`` was "no such document" where ``attr set int-1`` set its
    attributes."""
    try:
        return find_document(doc, workspace.corpus, workspace.db)
    except NoSuchFile:
        pass
    from tui_reader.core.interchange.workspace_export import DocumentNames

    return workspace.path(DocumentNames(workspace, any_file=True).key(doc))


def _links_out_of(doc: str, corpus: Path, db: Path) -> bool:
    """Whether ``doc``, found resolved outside ``corpus``, was found in it: a link there."""
    try:
        found = _document_candidate(doc, corpus, db)
    except TuiReaderError:
        return False
    where = Path(os.path.normpath(found if found.is_absolute() else Path.cwd() / found))
    return where.is_relative_to(corpus) or where.is_relative_to(corpus.absolute())


def find_document(doc: str, corpus: Path, db: Path) -> Path:
    """The file ``doc`` names: a path (relative to the working folder), else relative to the
    corpus, else a document key (relative to the database's folder); resolved."""
    return _document_candidate(doc, corpus, db).resolve()


def _document_candidate(doc: str, corpus: Path, db: Path) -> Path:
    """:func:`find_document`'s file, as it was found (a link not followed)."""
    if not doc:  # "$DOC", DOC unset: it was the corpus folder, "not a document"
        from tui_reader.core.interchange.workspace_export import EMPTY_NAME

        raise TuiReaderError(EMPTY_NAME)
    candidates = [user_path(doc), corpus / doc, db.parent / doc]
    typed = terminal_text(doc)  # Latin-1's "café.txt" for a file named in UTF-8
    shown_as = stray_bytes_unescaped(doc)  # caf\xe9.txt, as list shows a Latin-1 café.txt
    for other in dict.fromkeys((typed, shown_as)):
        if other != doc:
            candidates += [user_path(other), corpus / other, db.parent / other]
    other = ""  # what the first of them there is instead of a file (a folder, a FIFO...)
    for candidate in candidates:
        try:
            mode = os.stat(candidate).st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:  # a link loop, a folder that cannot be looked into
            other = other or f"cannot be read ({exc.strerror})"
            continue
        if stat.S_ISREG(mode):
            return candidate
        other = other or f"is {file_kind(mode)}, not a document"
    if other:  # was "no such document", of a folder or a FIFO that is there
        raise TuiReaderError(f"{shown_name(clipped(doc))}: {other}")
    raise NoSuchFile(
        f"{shown_name(clipped(doc))}: no such document (looked in . and "
        f"{shown_name(clipped(str(corpus)))})"
    )


class NoSuchFile(TuiReaderError):
    """No file at the path a document was named by (:func:`find_document`)."""


class _TagsAction(argparse.Action):
    """``--tag T``: one value each time (so a PATH after it is never taken for a tag), given
    again or comma-separated for several."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        found = list(getattr(namespace, self.dest, None) or [])
        parts = [part.strip() for part in str(values).split(",") if part.strip()]
        if not parts:  # --tag "$CODE", CODE unset: export and report took every code
            raise argparse.ArgumentError(self, "names no code (it was empty)")
        # "/" (or "//"): no code's name, and stripped to nothing it filtered nothing, so
        # report -t / reported every code and export -t / exported every passage
        bare = next((part for part in parts if not part.strip("/").strip()), None)
        if bare is not None:
            raise argparse.ArgumentError(
                self, f"names no code ({said_word(bare)} is no code's name)"
            )
        found.extend(parts)
        setattr(namespace, self.dest, found)
        typed = list(getattr(namespace, f"{self.dest}_as_typed", None) or [])
        setattr(namespace, f"{self.dest}_as_typed", [*typed, (str(values), parts)])


def codes_typed(args: argparse.Namespace, known: Iterable[str]) -> list[str]:
    """The codes ``--tag`` names, a code of ``known`` with a comma in its name taken whole,
    alone or among others in one value, as the app's tag field takes it
    (:func:`~tui_reader.core.codebook.tag_field.comma_separated`): such a code (``Fear,
    anxiety``, imported from another tool, or renamed so) was split in two codes, neither
    there ("no annotation has the tag 'Fear'"), and ``annotate -t`` gave the passage two new
    codes beside it."""
    from tui_reader.core.codebook.tag_field import comma_separated, normalise_tag

    typed: list[tuple[str, list[str]]] = getattr(args, "tag_as_typed", None) or []
    known = list(known)
    if not any(len(parts) > 1 for _, parts in typed):
        codes = list(args.tag)
    else:
        codes = []
        for value, parts in typed:
            if len(parts) > 1:
                parts = [p.strip() for p in comma_separated(value, known) if p.strip()]
            codes.extend(parts)
    # each read as the app's tag field and a stored code read it (' spaced / out ' is
    # spaced/out, 'a//b' and 'a/' are a/b and a: spaces around '/' and runs of them dropped,
    # empty levels dropped, accents composed), a code there named as it is
    there = set(known)
    say_empty_levels(code for code in codes if code not in there)
    return [code if code in there else normalise_tag(code) or code for code in codes]


def say_empty_levels(typed: Iterable[str]) -> None:
    """Say on stderr each name of ``typed`` whose empty levels are dropped (``a//b`` is
    ``a/b``): a code named ``=HYPERLINK("http://x")`` was stored as ``http:/x`` unsaid."""
    from tui_reader.core.codebook.tag_field import empty_levels_said

    for name in typed:
        said = empty_levels_said(name)
        if said is not None:
            print(f"tui-reader: {shown(said)}", file=sys.stderr)


def add_tag_argument(parser: argparse.ArgumentParser, help: str, required: bool = False) -> None:
    """``--tag T`` / ``-t T`` as every subcommand takes it: repeat it or separate tags by commas
    (``-t a -t b`` or ``-t a,b``)."""
    parser.add_argument(
        "--tag",
        "-t",
        action=_TagsAction,
        default=[],
        required=required,
        metavar="T",
        help=f"{help}; repeat it or separate by commas for several (a code whose name "
        "holds a comma is named whole)",
    )


def add_doc_argument(parser: argparse.ArgumentParser, help: str) -> None:
    """``--doc DOC``, one document each time (repeat it for several)."""
    add_many(parser, "--doc", metavar="DOC", help=help)


# The exit status of export, query, report, agreement, tags and coders when a record of the
# database could not be read (said on stderr, left in the file untouched): their output,
# written from the rest, misses what it holds, as grep's 2 says a file could not be read.
UNREAD_RECORDS = 2


def say_unread_records(read: AnnotationStore | Sequence[str]) -> int:
    """Each record of the store ``read`` that could not be read (as far as it was read), or
    each of those problems, one line on stderr (the first twenty, then how many more); the
    exit status that says it: 2 when there was one (a count printed without it is short),
    else 0."""
    from tui_reader.core.wording import capped

    problems = read if isinstance(read, Sequence) else read.problems
    for problem in capped(problems):
        print(f"tui-reader: {shown(problem)}", file=sys.stderr)
    return UNREAD_RECORDS if problems else 0


def close_store(store: AnnotationStore) -> None:
    """Close ``store``; a fold of its journal that failed is a warning on stderr, since every
    change is saved all the same (the journal holds it)."""
    warning = store.close()
    if warning is not None:
        print(f"tui-reader: warning: {shown_block(warning)}", file=sys.stderr)


def follow_moved(workspace: Workspace) -> None:
    """Before a listing (attr list, memo list): the annotations, memo and attributes of each
    file moved follow it, as an export's pass moves them first, said in the same lines
    (:func:`say_moved`); a listing showed them on the old name until an export ran."""
    said = len(workspace.problems)
    workspace.follow_moved()
    for problem in workspace.problems[said:]:
        print(f"tui-reader: {shown(problem)}", file=sys.stderr)
    say_moved(workspace)


def say_moved(workspace: Workspace) -> None:
    """One line on stderr for each file no longer there whose annotations this command moved
    to a file of the same text, or to the one new file holding their passages, for a file
    holding another text whose annotations stayed orphans since several files hold theirs,
    and for two files that exchanged names, whose annotations it exchanged (the database
    was changed: the user is told where); a name of a file through a symbolic link (the
    corpus moved, a link left in its place) whose annotations went to the name the listing
    gives the file is said as such, not as a file gone.  The moves of the first
    :data:`SAID_AT_MOST` files are said one by one, the rest counted in one more line (a
    corpus of 10,000 files moved printed 10,000 lines).  The app says a document's own
    lines in the same words (``placing_lines``)."""
    from tui_reader.core.interchange.workspace_export import (
        exchanged_line,
        moved_away_line,
        not_moved_away_line,
    )

    moves = sorted(workspace.moved.items())
    for (gone, found), count in moves[:SAID_AT_MOST]:
        if (gone, found) in workspace.moved_aliased:
            print(
                f"tui-reader: {shown(gone)} names {shown(found)} through a symbolic link: "
                f"{counted(count, 'annotation')} of it moved to that name",
                file=sys.stderr,
            )
            continue
        edited = (gone, found) in workspace.moved_edited
        if (gone, found) in workspace.moved_away:
            print(f"tui-reader: {moved_away_line(gone, found, count)}", file=sys.stderr)
            continue
        print(
            f"tui-reader: {shown(gone)} is not there: {counted(count, 'annotation')} of it "
            f"moved to {shown(found)}, "
            + ("the one new file holding its passages" if edited else "a file of the same text"),
            file=sys.stderr,
        )
    if len(moves) > SAID_AT_MOST:
        print(f"tui-reader: {len(moves) - SAID_AT_MOST:,} more like these", file=sys.stderr)
    same, changed = "a file of the same text", "the one new file holding most of its text"
    followed = sorted(
        [
            *((gone, found, same) for gone, found in workspace.followed.items()),
            *((gone, found, changed) for gone, found in workspace.followed_edited.items()),
        ]
    )
    for gone, found, which in followed[:SAID_AT_MOST]:
        print(
            f"tui-reader: {shown(gone)} is not there: its memo and attributes moved to "
            f"{shown(found)}, {which}",
            file=sys.stderr,
        )
    if len(followed) > SAID_AT_MOST:
        print(f"tui-reader: {len(followed) - SAID_AT_MOST:,} more like these", file=sys.stderr)
    for gone, (count, homes) in sorted(workspace.not_moved_away.items()):
        print(f"tui-reader: {not_moved_away_line(gone, count, homes)}", file=sys.stderr)
    for names in sorted(workspace.exchanged):
        print(f"tui-reader: {exchanged_line(names)}", file=sys.stderr)


def say_problems(name: str, problems: Iterable[str], at_most: int = SAID_AT_MOST) -> None:
    """Each problem met reading the file ``name``, one line each on stderr (``shown``: nothing
    reaches the terminal raw), the first ``at_most`` of them and then how many more: a hostile
    file with a hundred thousand bad records does not bury the summary."""
    for line in problem_lines(name, problems, at_most):
        print(line, file=sys.stderr)


def problem_lines(name: str, problems: Iterable[str], at_most: int = SAID_AT_MOST) -> list[str]:
    """The lines :func:`say_problems` prints."""
    problems = list(problems)
    lines = [f"tui-reader: {shown_name(name)}: {shown(p)}" for p in problems[:at_most]]
    if len(problems) > at_most:
        more = len(problems) - at_most
        lines.append(f"tui-reader: {shown_name(name)}: {more:,} more like these")
    return lines


def gated(text: str) -> str:
    """``text`` as :class:`GatedStream` writes it: through the display gate, line breaks, tabs
    and CSV's ``\r\n`` kept."""
    return "\r\n".join(shown_block(part) for part in text.split("\r\n"))


class GatedStream:
    """A text stream whose every write passes the display gate (line breaks, tabs and CSV's
    ``\r\n`` kept): the net under everything a subcommand prints, whatever it quotes.  Bytes
    written to its ``buffer`` (an export's file format) pass as they are."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(gated(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class MessagesStream(GatedStream):
    """Standard error under the gate, whose messages are lost when it cannot take them
    (``2> log`` on a full disk, ``2>&1 | head`` closed): the first one stopped the command
    with a traceback and exit 1, its output on stdout (a listing, a search's hits) never
    written.  A message (a write beginning ``tui-reader: ``, as ``print`` writes one) is
    kept on its one line (:func:`message_line`), whatever name it quotes: a file named with
    a line feed or a tab put in one raw split the line, the second half no message of ours
    to a script reading stderr line by line.  What else comes here (a usage, a bar) passes
    the gate as before."""

    def write(self, text: str) -> int:
        with contextlib.suppress(OSError, ValueError):
            if text.startswith(MESSAGE):
                self.stream.write(message_line(text))
            else:
                super().write(text)
        return len(text)

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.flush()


def past_the_gate(stream: TextIO) -> TextIO:
    """The stream under the display gate (a :class:`GatedStream`'s), for a writer whose every
    line is made safe already (a search's hits: each file name and context shown, or found
    to hold nothing to show otherwise): the gate's scan of a common word's million lines took
    a quarter of the search."""
    return stream.stream if isinstance(stream, GatedStream) else stream


class _WholeFile(io.FileIO):
    """Standard output's file, unbuffered (``python -u``, ``PYTHONUNBUFFERED=1`` as many
    containers and CI runners set it), each write whole or failing.  A system's write may
    take part of a big one (a disk filling under ``> file``, the reader of a pipe going),
    and Python's text layer, writing straight to the file, drops the rest without a word,
    trusting the count: ``export -f json > out.json`` on a disk filling ended 0 with its
    file cut at 64 KB, and ``query | head -1`` ended 0.  The rest is written again, and the
    system's error (no space, file too large, broken pipe) raised.  (Buffered, Python's
    writer does so itself.)"""

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        done = super().write(view) or 0
        while done < size:
            more = super().write(view[done:])
            if not more:  # (a blocking file writes something or fails)
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            done += more
        return size


@contextlib.contextmanager
def whole_output() -> Iterator[None]:
    """Standard output, when unbuffered, written through :class:`_WholeFile` while the block
    runs (its encoding, errors and line buffering as they were), when it is the process's
    own file (not a test's capture, nor a closed one)."""
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if os.name != "posix" or type(out) is not io.TextIOWrapper or type(raw) is not io.FileIO:
        yield  # (elsewhere the text layer ends lines as the system does)
        return
    out.flush()
    text = io.TextIOWrapper(
        _WholeFile(raw.fileno(), "w", closefd=False),
        encoding=out.encoding,
        errors=out.errors,
        newline="\n",
        line_buffering=out.line_buffering,
        write_through=True,  # nothing held: as unbuffered as it was
    )
    sys.stdout = text
    try:
        yield
    finally:
        sys.stdout = out
        text.detach()  # (nothing held to flush) the descriptor stays the process's


@contextlib.contextmanager
def gated_output() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through :class:`GatedStream` while the block
    runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = GatedStream(out), MessagesStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def say_codes_spelled_nearly(tags: Sequence[str], codebook: Sequence[str]) -> None:
    """Say on stderr each new code of ``tags`` spelled as a code of ``codebook`` but for case
    and accents, or nearly so: ``--tag migración/viaje`` where the codebook has
    ``migracion/viaje`` makes a second code, a coder's passages split between the two."""
    from tui_reader.core.codebook.tag_field import folded_tag, spelled_nearly

    known = {folded_tag(code) for code in codebook}
    for tag in tags:
        near = None if folded_tag(tag) in known else spelled_nearly(tag, codebook)
        if near is not None:
            print(
                f"tui-reader: {said_word(tag)} is a new code beside {said_word(near)}, spelled"
                f" nearly like it (tags merge {shell_word(tag)} {shell_word(near)} makes them one)",
                file=sys.stderr,
            )


def say_passages_not_found(
    verdicts: Iterable[Reconciled],
    text_of: Callable[[str], str | None],
    missing: Collection[str],
    dry_run: bool,
) -> None:
    """Say, in one line, the annotations an import or a merge saves as orphans whose passage
    their document here does not hold (another tool's W3C annotation placed by a quote alone,
    a quote from another version of the file): each came in with no word, and showed as an
    orphan in the app.  Only the documents of such annotations are read (``text_of``); those
    of ``missing`` (no file here) are said apart."""
    from tui_reader.core.annotations.model import AnchorStatus

    orphans = [
        v.incoming
        for v in verdicts
        if v.writes
        and v.incoming.status is AnchorStatus.ORPHAN
        and v.incoming.document not in missing
    ]
    if not orphans:
        return
    from tui_reader.core.annotations.anchoring import locate

    missed: list[Annotation] = []
    repeated: list[tuple[Annotation, int]] = []  # with how many times the text holds it
    counts: dict[tuple[str, str], int] = {}  # counted once for the annotations of one quote
    for annotation in orphans:
        text = text_of(annotation.document)
        if text is None or locate(annotation, text) is not None:
            continue
        at = (annotation.document, annotation.quote)
        times = counts[at] if at in counts else counts.setdefault(at, _occurrences(at[1], text))
        if times > 1:
            repeated.append((annotation, times))
        else:
            missed.append(annotation)
    if missed:
        _say_orphans(missed, "is" if len(missed) == 1 else "are", "not in", dry_run)
    if repeated:
        often = f"{repeated[0][1]:,} times" if len(repeated) == 1 else "more than once"
        lost = [a for a, _ in repeated]
        said = "occurs" if len(lost) == 1 else "occur"
        _say_orphans(lost, said, often + " in", dry_run, ", nothing telling which")


def _occurrences(quote: str, text: str) -> int:
    """How many times ``text`` holds ``quote``, each accented letter written either way."""

    from tui_reader.core.annotations.quotes import either_encoding

    if not quote:
        return 0
    return sum(1 for _ in re.finditer(f"{re.escape(quote)}|{either_encoding(quote)}", text))


def _say_orphans(
    lost: Sequence[Annotation], verb: str, where: str, dry_run: bool, why: str = ""
) -> None:
    """The line of :func:`say_passages_not_found` on ``lost``: their passage ``verb`` (is,
    occurs) ``where`` (not in, 4 times in) the text of their document, ``why`` not placed."""
    from tui_reader.reading.highlights import excerpt

    first, one = lost[0], len(lost) == 1
    more = f" and {len(lost) - 1:,} more" if not one else ""
    whose = "the passage of 1 annotation" if one else f"the passages of {len(lost):,} annotations"
    kept = "would be" if dry_run else "is" if one else "are"
    quote = excerpt(first.quote, 40)
    print(
        f"tui-reader: {whose} {verb} {where} the text of {'its' if one else 'their'} document "
        f"here ({shown(first.document)}: {quote!r}{more}){why}; {'it' if one else 'they'} "
        f"{kept} kept as {'an orphan' if one else 'orphans'}, to re-attach in the app (r in "
        "the annotations panel)",
        file=sys.stderr,
    )
