"""``tui-reader query EXPRESSION``: the coded passages a query matches, as Markdown (the
default), CSV or JSON (the records ``export --format json`` prints).

The language (see :mod:`tui_reader.core.analysis.query`): codes with AND, OR, NOT and
parentheses (a code takes the codes below it), attribute filters (``country=Mexico``,
``age>30``), ``doc:NAME``, ``text:"..."``, ``note:...``, ``coder:NAME``,
``speaker:NAME``.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence

from tui_reader.cli import common
from tui_reader.cli.progress import counted_progress, progress_bar
from tui_reader.core.analysis.attributes import (
    attribute_spellings,
    dates_holding_words,
    numbers_holding_years,
    query_types,
)
from tui_reader.core.analysis.codes_apart import apart_line
from tui_reader.core.analysis.known_turns import turns_known
from tui_reader.core.analysis.matching import (
    PassageSpeakers,
    coders_apart,
    coders_asked,
    coders_spelled,
    comparisons_naming_codes,
    compile_query,
    documents_spelled,
    everything_below_naming_codes,
    no_code_lines,
    spaced_comparisons,
    spaced_values,
    spelled_as_coded,
    type_mismatches,
    unmatched_attributes,
    unmatched_coders,
    unmatched_documents,
    unmatched_values,
)
from tui_reader.core.analysis.paragraph_places import paragraphs_of
from tui_reader.core.analysis.query import LANGUAGE, Code, Meeting, Node, parse_query, quoted
from tui_reader.core.analysis.reports import documents_by_value
from tui_reader.core.analysis.scope import Scope, left_out_lines, load_scope
from tui_reader.core.analysis.scope_records import carries_any, codes_required, uncarried
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import Annotation, reading_order
from tui_reader.core.annotations.placement_cache import PlacementCache, stamp_of
from tui_reader.core.display import said_word, shell_word
from tui_reader.core.documents.corpus import CorpusFile
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import DocumentError, QuerySyntaxError, TuiReaderError
from tui_reader.core.interchange import ExportOptions, get_format
from tui_reader.core.interchange.documents_on_use import DocumentsOnUse
from tui_reader.core.interchange.export_text import export_key, export_line
from tui_reader.core.interchange.places_in_text import PlacesCache
from tui_reader.core.interchange.records_in_place import text_read, text_reader
from tui_reader.core.interchange.workspace_export import DocumentNames
from tui_reader.core.wording import agreeing, capped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import places_cache_path, sample_corpus, working_folder

QUERY_FORMATS = ("markdown", "csv", "json")


def add_scope_arguments(parser: argparse.ArgumentParser) -> None:
    """``--where FILTER`` and ``--doc DOC`` (what query and report look at), ``--db``,
    ``--corpus``."""
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="FILTER",
        help="only documents whose attributes pass FILTER (country=Mexico, 'age>30', "
        "'date>=2018-01-01', doc:NAME: a key, file name or glob, as typed first, else in any "
        "case when that names one file name); repeat to require several",
    )
    common.add_doc_argument(parser, "only this document (key, path, or file name)")
    common.add_document_arguments(parser)
    common.add_corpus_path_argument(parser)


def add_of_coders_argument(parser: argparse.ArgumentParser, default: str) -> None:
    """``--coder NAME`` (repeated for several): only those coders' passages, as ``coder:NAME``
    takes them (``args.of_coders``; ``args.coder`` is whose changes a command makes)."""
    parser.add_argument(
        "--coder",
        dest="of_coders",
        action="append",
        default=[],
        metavar="NAME",
        help=f"only this coder's passages, as coder:NAME in a query (repeat for several; "
        f"default: {default})",
    )


def with_coders(query: str, coders: Sequence[str]) -> str:
    """``query`` with its passages those of ``coders`` only (none: ``query``), as the query
    ``(QUERY) AND (coder:A OR coder:B)`` says it."""
    if not coders:
        return query
    return f"({query}) AND ({' OR '.join(f'coder:{quoted(name)}' for name in coders)})"


def _where(where: str) -> Node:
    """The filter ``--where`` gave; its syntax error said as the ``--where``'s, an empty one
    as an empty filter (it was said as the query's: ``query: column 1: the query is empty``,
    of ``--where ''``)."""
    try:
        return parse_query(
            where, empty="the filter is empty: give one, as country=Mexico, or leave --where out"
        )
    except QuerySyntaxError as exc:
        exc.typed_as = "--where"
        raise


def scope_of(
    args: argparse.Namespace,
    query: Node | None = None,
    before: Callable[[Workspace], None] | None = None,
) -> tuple[Workspace, Scope]:
    """The workspace and the scope ``--doc`` and ``--where`` name; a comparison there (or in
    ``query``) with a value not of its attribute's type, a ``doc:NAME`` naming no document
    and a ``coder:NAME`` naming no coder are said; ``before``: called with the workspace
    before any document is read."""
    wheres = [_where(where) for where in args.where]  # a syntax error before any reading
    common.corpus_from_path(args)
    workspace, _ = common.open_workspace(args, reading=True)
    own = workspace.store.attributes()
    types = query_types(own)
    worded = dates_holding_words(own, types)
    years = numbers_holding_years(own, types)
    nodes = [*wheres, *([query] if query is not None else [])]
    explained = False  # whether a line said why a --where matches no document

    def say(check: Callable[[Node], list[str]]) -> None:
        nonlocal explained
        lines = [(i < len(wheres), p) for i, node in enumerate(nodes) for p in check(node)]
        explained = explained or any(of_where for of_where, _ in lines)
        _say([p for _, p in lines])

    say(lambda node: type_mismatches(node, types, worded, years))
    names = DocumentNames(workspace)
    keys = [names.key(d) for d in args.doc]
    if before is not None:
        try:
            before(workspace)
        except BaseException:
            common.close_store(workspace.store)
            raise
    with counted_progress("Reading documents") as progress:  # first runs take seconds
        scope = load_scope(workspace, keys, args.where, progress)
    if (
        scope.outside
        and not (scope.count or scope.orphans or scope.unread)
        and (workspace.corpus == sample_corpus().resolve())
    ):
        # no corpus named, and every annotated document lies outside the sample corpus read
        # for want of one: an empty result (a matrix whose columns were the sample's files,
        # exit 0) was taken for the coding's; the one line that says how to name it, exit 2
        common.close_store(workspace.store)
        raise TuiReaderError(scope.outside)
    say(lambda node: unmatched_documents(node, scope.known))

    def held(name: str) -> bool:  # a name a --where asked of every document: asked before
        return any(scope.attributes(key, name) is not None for key in scope.known)

    say(lambda node: unmatched_attributes(node, types, held))

    def values(name: str) -> list[Value]:
        return [v for key in scope.known if (v := scope.attributes(key, name)) is not None]

    spaced: set[tuple[str, str, str]] = set()
    if query is not None:  # country=United States: said once, as a value to quote (run)
        codebook = [t.name for t in workspace.store.tags()]
        unknown = scope.uncoded(spelled_as_coded(query, codebook)[1])
        spaced = spaced_comparisons(args.query, unknown)
    say(lambda node: unmatched_values(node, values, spaced=spaced))
    say(lambda node: unmatched_coders(node, workspace.store.coder_counts))
    say(lambda node: coders_apart(node, workspace.store.coder_counts))
    if args.where and not scope.selected and not explained:
        _say([_none_passes(args.where, len(keys) if keys else len(scope.known), bool(keys))])
    # a file gone whose passages carry no code the query needs left out nothing it asked
    required = None
    if query is not None:
        codebook = [t.name for t in workspace.store.tags()]
        required = codes_required(spelled_as_coded(query, codebook)[0])
    missed = [
        path
        for path, tags in scope.gone_tags.items()
        if required is None or any(carries_any(t, required) for t in tags)
    ]
    for problem in scope.problems:
        print(f"tui-reader: {problem}", file=sys.stderr)
    common.say_moved(workspace)
    # --coder ben: Ben's orphans alone, as his passages alone are counted
    counts = workspace.store.coder_counts() if args.of_coders else {}
    coders = (
        {c for name in args.of_coders for c in common.named_coders(name, counts)}
        if args.of_coders
        else None
    )
    if query is not None:  # coder:ana typed in the query: hers alone too
        asked = coders_asked(query, lambda: [*workspace.store.coder_counts(), *scope.orphan_coders])
        if asked is not None:
            coders = asked if coders is None else coders & asked
    for line in left_out_lines(scope, missed, coders):
        print(f"tui-reader: {line}", file=sys.stderr)
    return workspace, scope


def _none_passes(wheres: list[str], count: int, named: bool) -> str:
    """The line of ``--where`` filters that leave no document of the ``count`` there are (of
    those ``--doc`` named when ``named``): an empty result that is none of the coding's."""
    filters = " ".join(f"--where {shell_word(w)}" for w in wheres)
    of = f"of the {counted(count, 'document')} --doc names" if named else f"of {count} here"
    if not count:
        return f"no document to filter with {filters}"
    return f"no document ({of}) passes {filters}, so no passage is looked at"


def _say(problems: list[str]) -> None:
    """What a query or a filter asks that matches nothing, a line each (the first 20): a
    value or a name it quotes shown on that line as every message shows it
    (:func:`~tui_reader.cli.common.message_line`: a value of two lines with a ␊)."""
    for problem in capped(problems, common.SAID_AT_MOST):
        print(common.message_line(f"tui-reader: {problem}"), file=sys.stderr)


EXIT_STATUS = (
    "exit status (as grep's): 0 when a passage matched, 1 when none did, 2 when an annotated "
    "document could not be read, passages matched or not (said on stderr, the passages of "
    "the rest printed), or on an error (the query's syntax, a database that cannot be read); "
    "2 too when a record of the database could not be read"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # the language as the query view's help lists it, a term a line (kept so: raw), then
    # the exit statuses
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    width = max(len(term) for term, _ in LANGUAGE) + 4
    terms = "\n".join(
        textwrap.fill(
            what, 79, initial_indent=f"  {term}".ljust(width), subsequent_indent=" " * width
        )
        for term, what in LANGUAGE
    )
    parser.epilog = f"query language:\n{terms}\n\n{textwrap.fill(EXIT_STATUS, 79)}"
    parser.add_argument("query", metavar="EXPRESSION", help="the query, e.g. 'a AND NOT b'")
    common.add_format_argument(
        parser,
        QUERY_FORMATS,
        "markdown (default), csv (a row per passage and tag) or json (export's records)",
        default="markdown",
    )
    common.add_json_argument(parser)
    parser.add_argument(
        "--sort",
        metavar="ATTRIBUTE",
        help="the passages in the order of their documents' value of ATTRIBUTE (--sort date: "
        "a timeline), as a matrix --by it orders its columns, the documents without one last; "
        "default: by document",
    )
    parser.add_argument(
        "--meets",
        metavar="CODE",
        help="only the passages that meet a passage of CODE (or a code below it), as the "
        "co-occurrence report counts a meeting: carrying it, or overlapping a passage of "
        "their coder that carries it; the query '(EXPRESSION) OVERLAPS CODE' "
        "(militarization --meets actors/us: militarization's side; actors/us --meets "
        "militarization: the other's)",
    )
    add_of_coders_argument(parser, "every coder's")
    add_scope_arguments(parser)


def _ranks(name: str, keys: Sequence[str], scope: Scope) -> dict[str, int]:
    """Each of the documents ``keys``' place in the order of their value of attribute
    ``name`` (:func:`documents_by_value`); {} when none of them has it (a line says so)."""
    folded = name.casefold()
    rank = documents_by_value(keys, lambda key: scope.attributes(key, folded))
    if not rank:
        print(
            f"tui-reader: no document matched has the attribute {said_word(name)}: the passages "
            "are by document",
            file=sys.stderr,
        )
    return rank


_NOTHING_ASKED = "nothing to look for: type a code, or a filter, as border or country=Mexico"


def _meets(typed: str, query: str) -> Code:
    """The code ``--meets`` names (quoted as in a query when its name holds a space or a
    colon; ``actors/*`` is ``actors``); its syntax error said as the ``--meets``'s; more than
    a code told to be the ``query``'s own other side of an OVERLAPS."""
    try:
        node = parse_query(typed, empty="the code is empty: name one, as --meets actors/us")
    except QuerySyntaxError as exc:
        exc.typed_as = "--meets"
        raise
    if not isinstance(node, Code):
        raise TuiReaderError(
            f"--meets {shell_word(typed)}: --meets takes one code (the query takes the rest: "
            "'a AND country=Mexico' --meets b; any other side is the query's own: "
            f"{shell_word(f'({query}) OVERLAPS ({typed})')})"
        )
    return node


def run(args: argparse.Namespace) -> int:
    # a syntax error said at its column of the query as typed; an empty one as what is
    # missing (it was "query: the query is empty", the line's head saying it already)
    parse_query(args.query, empty=_NOTHING_ASKED)
    meets = _meets(args.meets, args.query) if args.meets is not None else None
    common.check_given_coder_names(args.of_coders, "--coder")
    args.query = with_coders(args.query, args.of_coders)
    tree = parse_query(args.query)
    if meets is not None:  # QUERY --meets CODE: (QUERY) OVERLAPS CODE
        tree = Meeting(tree, (("overlaps", meets),))
    said_early: set[str] = set()

    def carried_by_none(workspace: Workspace) -> None:
        """The codes in no way in the codebook that no passage of the database carries (every
        coder's), said before a document is read (at the end of every document placed, some
        35 s on 10,000 under load), in the words said of them after."""
        if workspace.corpus == sample_corpus().resolve():  # no corpus named: its one line
            return  # (every document outside the sample corpus) said alone, after
        codebook = [t.name for t in workspace.store.tags()]
        _, unknown = spelled_as_coded(tree, codebook)
        if not unknown:
            return
        carried = [code for code, n in workspace.store.tag_counts().items() if n]
        names = uncarried(unknown, carried)
        taken = {word for _, words in spaced_values(args.query, names) for word in words}
        names = [name for name in names if name not in taken]  # said with the value, after
        _say(no_code_lines(names, codebook, workspace.store.renamed_tags, args.query))
        said_early.update(names)

    workspace, scope = scope_of(args, tree, carried_by_none)
    try:
        tags = workspace.store.tags()
        _say(everything_below_naming_codes(args.query, (t.name for t in tags)))
        _say(comparisons_naming_codes(tree, (t.name for t in tags)))
        tree, unknown = spelled_as_coded(tree, (t.name for t in tags))
        # A code on passages but not in the codebook is no mistake.
        unknown = scope.uncoded(unknown)
        spaced = spaced_values(args.query, unknown)  # country=United States: one value
        _say([line for line, _ in spaced])
        taken = {word for _, words in spaced for word in words}
        unknown = [name for name in unknown if name not in taken and name not in said_early]
        codebook = [t.name for t in tags]
        _say(no_code_lines(unknown, codebook, workspace.store.renamed_tags, args.query))
        tree = documents_spelled(tree, scope.known)  # doc:A.TXT of a.txt
        tree = coders_spelled(tree, workspace.store.coder_counts)  # coder:BEN, not ben too
        # a document whose kept facts name no speaker is not loaded
        turns_of = turns_known(workspace)
        speakers = PassageSpeakers(workspace.document, list(scope.lengths), turns_of)
        unread: list[str] = []  # a document whose paragraphs a distance could not count
        test = compile_query(
            tree,
            scope.attributes,
            speakers=speakers,
            passages=scope.carrying,
            paragraphs=paragraphs_of(workspace, progress_bar, unread.append),
        )
        # Only passages carrying a code the query needs are built and tested.
        matches = [a for a in scope.carrying(codes_required(tree)) if test(a)]
        if not matches:  # speaker:Carlos for Carlos Méndez: the speakers there said
            _say(speakers.unmatched(tree, scope.lengths))
        # a AND b matching nothing: said when their passages overlap (a co-occurrence)
        apart = None if matches else apart_line(tree, scope.carrying, scope.attributes)
        rank: dict[str, int] = {}
        if args.sort is not None and matches:
            rank = _ranks(args.sort, sorted({a.document for a in matches}), scope)
            if rank:  # json's records in the order given, csv and Markdown in the rank's
                matches.sort(key=lambda a: (rank[a.document], reading_order(a)))
        documents, places = _documents(workspace, scope, matches)
        # The attributes of the documents matched, as an export of them has them: the csv's
        # columns (a timeline: the passages by the date of their document), the Markdown's
        # front matter; the query's csv had none of them.
        held = {a.document for a in matches}
        every = workspace.store.attributes()
        attributes = {k: v for k, v in every.items() if k in held}
    finally:
        common.close_store(workspace.store)
    options = ExportOptions(
        project_name=workspace.corpus.name,
        attributes=attributes,
        attribute_spellings=attribute_spellings(every),  # Country and country: one column
        scope=_selection(
            args.query, args.where, list(scope.lengths) if args.doc else [], args.meets
        ),
        documents_folder=workspace.db.parent,
        output_folder=working_folder(),  # printed: links from where it is redirected to
        places=places,
        document_rank=rank,
    )
    output = get_format(args.format).render(matches, documents, tags, options)
    if places is not None:
        places.save()  # what the format placed, for the next query or export
    if isinstance(output, bytes):  # the three query formats are text (json's as UTF-8)
        output = output.decode("utf-8")
    sys.stdout.write(output)
    sys.stdout.flush()
    count = len(matches)
    matched = f"{counted(count, 'passage')} {agreeing(count, 'matches', 'match')}"
    print(f"tui-reader: {matched}", file=sys.stderr)
    if apart is not None:
        print(f"tui-reader: {apart}", file=sys.stderr)
    for line in unread:
        print(f"tui-reader: {line}", file=sys.stderr)
    if scope.unread_records:  # a record of the database not read: its passage may be missing
        return common.UNREAD_RECORDS
    # as grep: a document could not be read, whose passages may match (2), whether or not
    # the others' did (a script took 0 for every passage found, the file's left out); else
    # nothing matched (1)
    if unread or _left_out_may_match(scope, codes_required(tree)):
        return 2
    return 0 if count else 1


def _left_out_may_match(scope: Scope, required: frozenset[str] | None) -> bool:
    """Whether a passage the query asks for may be among those left out: a file there that
    could not be read, or a file gone whose passages carry a code the query needs
    (``required``; None: any may match)."""
    if scope.unreadable:
        return True
    return any(
        required is None or any(carries_any(t, required) for t in tags)
        for tags in scope.gone_tags.values()
    )


def _selection(
    query: str, wheres: list[str], documents: list[str], meets: str | None = None
) -> str:
    """What the passages were chosen by, for the Markdown's header: the query, the code they
    meet (``--meets``), and the ``--where`` filters and ``--doc`` documents that narrowed it
    (a file of the passages of interviews in Mexico read as those of every interview)."""
    parts = [f"query: {query}"]
    if meets is not None:
        parts.append(f"meeting {meets}")
    if wheres:
        parts.append("documents where " + " and ".join(wheres))
    if documents:  # each named as the export names it (two␊lines.txt)
        parts.append("documents " + ", ".join(export_key(key) for key in documents))
    return "; ".join(parts)


def _documents(
    workspace: Workspace, scope: Scope, matches: list[Annotation]
) -> tuple[Mapping[str, Document], PlacesCache | None]:
    """The documents the matches lie in, and the places cached in them.

    A document whose matches' places are all in the places cache is not loaded (the scope
    found its annotations in place in its file as it is now), nor one whose text, read as
    an export reads it, is the one the scope placed them in (their places are found in
    it); any other is loaded now, and one that cannot be is left out (its passages are then
    orphans)."""
    placements = scope.placements
    cache = None
    if placements is not None and all(export_line(k) == k for k in scope.lengths):
        # a file touched since its places were kept: read as a text, its places kept when
        # it is the text they were found in (as an export reads it)
        reader = text_reader(workspace)
        cache = PlacesCache(places_cache_path(workspace.db), placements, reader=reader)
    by_key: dict[str, list[Annotation]] = {}
    for annotation in matches:
        by_key.setdefault(annotation.document, []).append(annotation)
    known: dict[str, Document | None] = {}
    texts: dict[str, str] = {}
    hashes: dict[str, str] = {}  # of those texts: their places kept across a touch
    listed = {key: f for key, f in workspace.keyed_files() if not f.link} if by_key else {}
    for key, found in by_key.items():
        entry = cache.known(key) if cache is not None else None
        if entry is not None and all((a.start, a.end) in entry.places for a in found):
            known[key] = None  # loaded only if a format asks for its text
            continue
        if placements is not None and cache is not None:
            read = _placed_text(placements, listed.get(key), key)
            if read is not None:
                texts[key], hashes[key] = read
                known[key] = None
                continue
        try:
            known[key] = workspace.document(key)
        except DocumentError as exc:
            print(f"tui-reader: {exc}", file=sys.stderr)
    if cache is not None:
        cache.texts.update(texts)
        cache.hashes.update(hashes)
    return DocumentsOnUse(known, workspace.document), cache


def _placed_text(
    placements: PlacementCache, file: CorpusFile | None, key: str
) -> tuple[str, str] | None:
    """The canonical text of ``key``'s listed ``file`` and its hash, when it is the one the
    placement cache knows its annotations in place in, with its title (read as an export
    reads a plain text or Markdown file: :func:`text_read`); else None (the document is
    loaded)."""
    if file is None or placements.mark(key) is None or placements.title(key) is None:
        return None
    stamp = stamp_of(file.location)
    known = placements.sha256(key, stamp)
    read = text_read(file, stamp, titled=False) if stamp is not None and known else None
    return (read.text, read.sha) if read is not None and read.sha == known else None
