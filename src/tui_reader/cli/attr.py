"""``tui-reader attr``: the attributes of documents (cases and variables): set, unset, list,
import from CSV.  Numbers and dates are typed so that queries can take ranges (``age>30``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tui_reader.cli.common import (
    add_document_arguments,
    close_store,
    follow_moved,
    input_bytes,
    json_name_bytes,
    open_workspace,
    say_problems,
    say_unread_records,
)
from tui_reader.core.analysis import attributes
from tui_reader.core.analysis.values import Value, show_value
from tui_reader.core.display import json_escaped, shell_word, shown, shown_json, shown_name
from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.interchange.workspace_export import DocumentNames, resolve_document
from tui_reader.core.wording import counted
from tui_reader.core.workspace import Workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    set_ = actions.add_parser("set", help="set attributes of a document (KEY=VALUE ...)")
    set_.add_argument("doc", metavar="DOC", help="the document (key, path or file name)")
    set_.add_argument("values", nargs="+", metavar="KEY=VALUE")
    unset = actions.add_parser("unset", help="remove attributes of a document")
    unset.add_argument("doc", metavar="DOC")
    unset.add_argument("names", nargs="+", metavar="KEY")
    list_ = actions.add_parser("list", help="every document's attributes")
    list_.add_argument("docs", nargs="*", metavar="DOC", help="only these documents")
    list_.add_argument(
        "--json",
        action="store_true",
        help="as JSON: {document: {key: value}} (a name that is not UTF-8 with "
        "document_bytes, its bytes in base64, in its object)",
    )
    list_.add_argument(
        "--all",
        action="store_true",
        help="also the attributes the format gives (title, format, words, ...) of every document",
    )
    import_ = actions.add_parser(
        "import", help="from a CSV file: first column the document, one column per attribute"
    )
    import_.add_argument("file", metavar="FILE.csv", help="the CSV file ('-': standard input)")
    for sub in (set_, unset, list_, import_):
        add_document_arguments(sub)
    unread = "2 when a record of them could not be read (said on stderr; the rest listed)"
    parser.epilog = (
        f"exit status: 0; 1 when attr import left a row or a cell out (said on stderr, the "
        f"rest set); attr list: {unread}; 2 on an error (nothing set)"
    )
    set_.epilog = "exit status: 0; 2 on an error (nothing set)"
    unset.epilog = (
        "exit status: 0; 2 on an error (nothing removed: a KEY the document does not hold "
        "among them too, as tags delete of a code there is not)"
    )
    list_.epilog = f"exit status: 0; {unread} or on an error"
    import_.epilog = (
        "exit status: 0; 1 when a row or a cell of the file was left out (a document not "
        "here, a value that does not fit its attribute: said on stderr, the rest set); 2 on "
        "an error (nothing set)"
    )


def run(args: argparse.Namespace) -> int:
    # set and import give attributes: unset and list find them in a database that is there
    workspace, _ = open_workspace(args, reading=args.action in ("list", "unset"))
    store = workspace.store
    try:
        if args.action == "set":
            key = resolve_document(workspace, args.doc, any_file=True)
            _refuse_empty_values(args.values, args.doc)
            own = store.attributes()
            beside = attributes.replacing(own, key, args.values)
            values = attributes.parse_assignments(
                args.values, attributes.attribute_types(beside), attributes.year_columns(beside)
            )
            # a date set where years were: those years are the years of dates, as a year set
            # where dates are is; in the same step, which one undo takes back (the values
            # typed last: the document's own year is replaced by its date)
            periods = attributes.years_as_periods(own, values)
            store.set_attributes([*periods, (key, values)])
            workspace.remember_texts([key])  # moved with no annotation, found by its text
            for line in attributes.years_now_dates(periods):
                print(f"tui-reader: {line}", file=sys.stderr)
            for line in attributes.hiding_format_values(values):
                print(f"tui-reader: {line}", file=sys.stderr)
            for line in attributes.dates_kept_as_text(values):
                print(f"tui-reader: {line}", file=sys.stderr)
        elif args.action == "unset":
            follow_moved(workspace)  # a file moved: its attributes taken off its new name
            key = resolve_document(workspace, args.doc, any_file=True)
            # a name it does not hold (mistyped: contry) refused, nothing removed, 2 as the
            # help says: it was said, the others removed, and 0
            _refuse_names_not_held(store.attributes().get(key, {}), args.names, key)
            store.unset_attributes(key, args.names)
        elif args.action == "list":
            return _print_list(workspace, args.docs, args.json, args.all)
        else:
            # a cell of more than a value's length read as too long, never held whole (a
            # cell of 100 MB took 1.26 GB to be refused)
            return _import(workspace, *input_bytes(args.file, "attr import", bounded=True))
    finally:
        close_store(store)
    return 0


def _refuse_names_not_held(held: dict[str, Value], names: list[str], key: str) -> None:
    """Refuse ``names`` when one of them is no attribute of ``key`` (``held``), in any case
    (``Age`` removes ``age``, as the store takes it)."""
    spelled = {name.casefold() for name in held}
    missing = [n for n in dict.fromkeys(names) if n not in held and n.casefold() not in spelled]
    if missing:
        raise TuiReaderError(
            f"{shown_name(key)} has no attribute {', '.join(shown(repr(n)) for n in missing)}; "
            "nothing was removed"
        )


def _refuse_empty_values(assignments: list[str], doc: str) -> None:
    """An empty value (``country=``, a script's empty variable) is refused, not stored as a
    value queries take for none, nor taken for a removal: attr unset removes."""
    emptied = attributes.emptied_names(assignments)
    if emptied:
        names = " ".join(shell_word(n) for n in emptied)
        raise TuiReaderError(
            f"{emptied[0]}: an empty value is no value; to remove the attribute: "
            f"tui-reader attr unset {shell_word(doc)} {names}"
        )


def _print_list(workspace: Workspace, docs: list[str], as_json: bool, everything: bool) -> int:
    """Print the attributes; the exit status: 2 when a record of them could not be read (said
    on stderr after the list), else 0."""
    follow_moved(workspace)  # a file moved: its attributes listed on its new name
    own = workspace.store.attributes()
    problems = workspace.store.attribute_problems()
    names = DocumentNames(workspace, any_file=True)  # as attr set names them
    keys = [names.key(d) for d in docs] or sorted(
        set(own) | (set(workspace.keys()) if everything else set())
    )
    table: dict[str, dict[str, Value]] = {}
    for key in keys:
        values: dict[str, Value] = {}
        if everything:
            try:
                values.update(attributes.format_attributes(workspace.document(key)))
            except DocumentError as exc:
                print(f"tui-reader: {exc}", file=sys.stderr)
        values.update(own.get(key, {}))
        table[key] = values
    if as_json:  # a name that is not UTF-8 given exactly too, as document_bytes in its object
        print(shown_json({key: _with_name_bytes(key, v) for key, v in table.items()}))
    for key, values in {} if as_json else table.items():
        shown = "  ".join(f"{n}={_quoted(show_value(v))}" for n, v in sorted(values.items()))
        print(f"{shown_name(key)}  {shown}".rstrip())
    return say_unread_records(problems)


def _with_name_bytes(key: str, values: dict[str, Value]) -> dict[str, object]:
    """The object ``attr list --json`` gives the document ``key``: its attributes, and the
    bytes of a name that is not UTF-8 (:func:`json_name_bytes`), which keep their field when an
    attribute has its name (the attribute took it, and a script read its value as the bytes):
    the attribute left out is said on stderr."""
    exact = json_name_bytes("document", key)
    for field in exact.keys() & values.keys():
        print(
            f"tui-reader: {shown_name(key)}: its attribute {field} is not in the JSON, whose "
            f"{field} are its name's bytes (attr list without --json shows it)",
            file=sys.stderr,
        )
    return exact | {name: v for name, v in values.items() if name not in exact}


def _documents_column(names: DocumentNames, rows: list[dict[str, Value]]) -> str | None:
    """The column of ``rows`` (none of which named a document in the first column) whose
    every cell names a document here (a table of cases whose file names are in its last
    column), or None."""
    for column in rows[0]:
        cells = [row.get(column) for row in rows]
        if any(not isinstance(cell, str) for cell in cells):
            continue
        try:
            for cell in cells:
                names.key(str(cell))
        except TuiReaderError:
            continue
        return column
    return None


def _quoted(text: str) -> str:
    # A line or paragraph separator and a NEL are blanks that JSON leaves raw, which the
    # output's gate makes line breaks: escaped, as a line feed is, they keep the line whole.
    return (
        json_escaped(json.dumps(text, ensure_ascii=False))
        if not text or any(c.isspace() for c in text)
        else text
    )


def _import(workspace: Workspace, path: Path, raw: bytes) -> int:
    # As a text document is read: a spreadsheet saves "CSV" in the system's code page
    # (Windows-1252: "México"), and "Unicode text" in UTF-16; said when it is not UTF-8.
    text, encoding = decode_bytes(raw, path)
    # "utf-8 (1 NUL byte left out)", "utf-8 (4 stray bytes read as cp1252)": UTF-8 all the
    # same, which "not UTF-8; read as utf-8 (...)" denied.
    # A file of a byte order mark alone is empty, said in the one line that says so (it was
    # "not UTF-8; read as utf-32-le" first): an empty text has no encoding to tell.
    base, _, note = encoding.partition(" (")
    if not text.strip():
        pass
    elif base not in ("utf-8", "ascii"):
        print(f"tui-reader: {path}: not UTF-8; read as {encoding}", file=sys.stderr)
    elif note:
        print(f"tui-reader: {path}: read as UTF-8 ({note}", file=sys.stderr)
    own = workspace.store.attributes()
    types = attributes.attribute_types(own)
    table = attributes.read_attribute_csv(text, types, str(path), attributes.year_columns(own))
    problems = list(table.problems)
    items = []
    rows: dict[str, int] = {}  # a document's first row
    names = DocumentNames(workspace, any_file=True)  # gathered once for every row
    unnamed: list[dict[str, Value]] = []  # the values of the rows naming no document
    for (name, values), line in zip(table.rows, table.lines, strict=True):
        try:
            key = names.key(name)
        except TuiReaderError as exc:
            problems.append(str(exc))
            unnamed.append(values)
            continue
        if key in rows:
            problems.append(
                f"row {line}: {name} is the document of row {rows[key]} too; "
                f"where the two differ, row {line}'s values are set"
            )
        rows.setdefault(key, line)
        if values:
            items.append((key, values))
    # dates imported where years were: the years are those of dates (as attr set takes them)
    dated = {n: v for _, values in items for n, v in values.items() if isinstance(v, str)}
    periods = attributes.years_as_periods(own, dated)
    workspace.store.set_attributes([*periods, *items])
    # the CSV's documents whose attributes changed: a year made the year of dates (another
    # document's, or one the CSV gives again as it was) is said on a line of its own
    # (years_now_dates), not counted as set from the file
    before = {key: dict(values) for key, values in own.items()}
    for key, restored in periods:
        before.setdefault(key, {}).update(restored)
    now = workspace.store.attributes()
    changed = sum(now.get(key) != before.get(key) for key in {key for key, _ in items})
    # a file moved found by its text (each file not loaded for pieces of it: many)
    workspace.remember_texts((key for key, _ in items), with_samples=False)
    for said in attributes.years_now_dates(periods):
        print(f"tui-reader: {path}: {said}", file=sys.stderr)
    for hiding in attributes.hiding_format_values(n for _, values in items for n in values):
        print(f"tui-reader: {path}: {hiding}", file=sys.stderr)
    missing = table.missing_line()
    if missing is not None:
        print(f"tui-reader: {path}: {missing}", file=sys.stderr)
    column = _documents_column(names, unnamed) if unnamed and not items else None
    if column is not None:  # said first: the one line that tells what to do
        problems.insert(
            0,
            f"the first column names no document here; the column {column!r} does: the "
            "documents go in the first column",
        )
    # the first twenty, the rest counted: a spreadsheet of 3,000 rows naming no document
    # here was 3,000 lines, the summary lost above them
    say_problems(str(path), problems)
    documents = counted(changed, "document")
    print(f"tui-reader: attributes of {documents} set from {path}", file=sys.stderr)
    return 1 if problems else 0
