"""``tui-reader annotate DOC``: add one annotation from the command line and print its id."""

from __future__ import annotations

import argparse
import sys

from tui_reader.cli import common
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.annotations.quotes import find_quote
from tui_reader.core.codebook.names import check_typed_tag_names
from tui_reader.core.codebook.tag_field import as_in_codebook
from tui_reader.core.errors import TuiReaderError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0, the new annotation's id printed; 2 when nothing was annotated (the "
        "quote not found, or found more than once without --occurrence, a range outside the "
        "text, a document not here: said on stderr)"
    )
    parser.add_argument("doc", metavar="DOC", help="the document (path, or relative to the corpus)")
    common.add_document_arguments(parser)
    common.add_coder_argument(parser)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", metavar="TEXT", help="the exact passage to annotate")
    where.add_argument("--start", type=int, metavar="S", help="first code point of the passage")
    parser.add_argument("--end", type=int, metavar="E", help="code point after the passage")
    parser.add_argument(
        "--occurrence", type=int, metavar="N", help="which occurrence of --quote (1 = first)"
    )
    common.add_tag_argument(parser, "tag to apply (new ones join the codebook)")
    parser.add_argument(
        "--note",
        default="",
        metavar="TEXT",
        help="a note (plain text, exported as typed: Markdown's marks shown, not rendered); "
        "'-' reads it from stdin",
    )


def read_note(note: str) -> str:
    """The note text: as given, or standard input for ``-`` (trailing newlines dropped)."""
    text = common.typed_text(note, "the note")
    if note == "-" and not text.strip():  # a producer that failed (make_note | annotate ...)
        raise TuiReaderError("the note piped in (--note -) is empty: nothing was saved")
    return text.rstrip("\n") if note == "-" else text


def run(args: argparse.Namespace) -> int:
    workspace, path = common.open_workspace(args, args.doc)
    try:
        key = workspace.key(path)
        document = workspace.document(key)
        if args.quote is not None:
            start, end = find_quote(document, args.quote, args.occurrence)
        else:
            if args.end is None:
                raise TuiReaderError("--start needs --end")
            if args.occurrence is not None:
                raise TuiReaderError("--occurrence goes with --quote")
            start, end = args.start, args.end
            if not 0 <= start < end <= len(document.text):
                raise TuiReaderError(
                    f"{path.name}: bad range [{start}, {end}): the text has "
                    f"{len(document.text)} code points"
                )
        store = workspace.store
        # Protest where the codebook has protest: that code, not a second one beside it; a
        # control character typed in a code refused
        codebook = [t.name for t in store.tags()]
        tags = as_in_codebook(common.codes_typed(args, codebook), codebook)
        check_typed_tag_names(tags, codebook)
        annotation = make_annotation(
            key, document.text, start, end, document.sha256, tags, read_note(args.note)
        )
        same = _same_annotation(store.annotations(key), store.stamped(annotation))
        if same is not None:  # a retry after an unclear failure: no second copy
            print(f"tui-reader: the same annotation exists already ({same.id})", file=sys.stderr)
            annotation = same
        else:
            workspace.store.add(annotation)
            # said of a code made: a note that could not be read, or a lock held, made none
            common.say_codes_spelled_nearly(tags, codebook)
        workspace.remember_read({key: document.sha256})  # its file gone: said gone
    finally:
        common.close_store(workspace.store)
    print(annotation.id)
    return 0


def _same_annotation(existing: list[Annotation], new: Annotation) -> Annotation | None:
    """The annotation of ``existing`` that ``new`` repeats (same coder, passage, tags, note)."""
    for old in existing:
        if (old.coder, old.start, old.end, old.tags, old.note) == (
            new.coder,
            new.start,
            new.end,
            new.tags,
            new.note,
        ):
            return old
    return None
