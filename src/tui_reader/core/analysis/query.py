"""The query language over coded passages: its tokens, its grammar and its syntax tree.

::

    query   := or
    or      := and ( OR and )*
    and     := meeting ( [AND] meeting )*  two terms side by side mean AND
    meeting := not ( RELATION not )*       a OVERLAPS b: a's passages overlapping one of b's
    not     := NOT not | term
    RELATION := OVERLAPS | WITHIN | ENCLOSES | FOLLOWS | PRECEDES
              | OVERLAPPED BY | ENCLOSED BY  ATLAS.ti's: b overlapping a's start; WITHIN
              | OVERLAPS START            ATLAS.ti's OVERLAPS: a overlapping b's start
              | FOLLOWS/n | PRECEDES/n | NEAR/n  n paragraphs apart at most (0: the same one)
              | FOLLOWS/ns | FOLLOWS/nw ...      n sentences, n words (FOLLOWS/np: paragraphs)
    term    := "(" or ")" | filter | code
    filter  := NAME OP value                country=Mexico  age>30  date>=2018-01-01
                                            country="": no country; country!="": any
             | FIELD ":" value              doc:interview-3  coder:ana  text:"the border"  note:x
                                            speaker:"Lucía Fernández"  speaker:Carlos*
    code    := NAME | "quoted name"         security matches security and security/border
                                            (security/* too: everything under it)
             | "exactly:" (NAME | "quoted name")  security itself, not security/border
    OP      := = | != | < | <= | > | >=

A value written right behind its operator (or a field's colon) runs to the next space or
parenthesis, ``:`` and ``=`` included: ``url=https://x.org/?a=b``, ``text:10:30``.

``AND``, ``OR``, ``NOT``, ``OVERLAPS``, ``WITHIN``, ``ENCLOSES``, ``FOLLOWS`` and ``PRECEDES``
are keywords in any case (quote a code named ``and``; an attribute named so is compared:
``or=yes``), and so are ``OVERLAPPED BY`` and ``ENCLOSED BY``, two words (a code named
``overlapped`` is itself when no ``BY`` follows it).

``X OVERLAPS Y`` takes the passages ``X`` matches that meet a passage ``Y`` matches as the
co-occurrence report counts a meeting: matching ``Y`` themselves, or sharing a character
with a passage of their coder in their document that matches ``Y`` (``query X --meets Y``);
``X WITHIN Y``, those lying wholly inside such a passage (or matching ``Y``); ``X ENCLOSES
Y``, those holding such a passage wholly (or matching ``Y``); ``X FOLLOWS Y``, those starting
where such a passage ends or after it, ``X PRECEDES Y``, those ending where one starts or
before it (a passage never follows nor precedes itself); ``X FOLLOWS/n Y``, ``X PRECEDES/n
Y``, so and at most ``n`` paragraphs of the document's text apart (0: in one paragraph;
``/ns``: sentences, ``/nw``: words, ``/np``: paragraphs again), ``X NEAR/n Y`` either, or
overlapping such a passage (or matching ``Y``).  ``X OVERLAPPED BY Y``, as ATLAS.ti asks it:
those a passage ``Y`` matches overlaps at their start (it starts before them and ends inside
them); ``X ENCLOSED BY Y``, ``X WITHIN Y``; ``X OVERLAPS START Y``, ATLAS.ti's directional
``X OVERLAPS Y``: those starting before such a passage and ending inside it (``START`` is
the operator's second word when a term follows it: a code named ``start`` so placed is
quoted).  They bind tighter than AND
and OR, looser than NOT (``NOT a OVERLAPS b`` is ``(NOT a) OVERLAPS b``), and read left to
right: ``a OVERLAPS b WITHIN c`` is a's passages overlapping b's and within c's.  A syntax
error is a :class:`QuerySyntaxError` naming the column of the problem.  What a tree means is
decided in :mod:`tui_reader.core.analysis.matching`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.core.annotations.model import code_names
from tui_reader.core.errors import QuerySyntaxError

FIELDS = ("doc", "coder", "text", "note", "speaker", "code", "tag", "exactly")
# the operators taking a passage by where it meets another (Meeting)
RELATIONS = ("overlaps", "within", "encloses", "follows", "precedes")
KEYWORDS = ("and", "or", "not", *RELATIONS)
# those written in two words, ATLAS.ti's (a relation "overlapped by"): the first word is
# a code of that name when the second does not follow it
TWO_WORDS = ("overlapped", "enclosed")
BY_RELATIONS = tuple(f"{word} by" for word in TWO_WORDS)
# ATLAS.ti's directional a OVERLAPS b (a starts before b and ends inside it), written here
# OVERLAPS START, two words: START is the relation's only when a term follows it (a code
# named start right after OVERLAPS, with nothing behind it, is that code)
OVERLAPS_START = "overlaps start"
# the operators given a distance, FOLLOWS/2 (a relation "follows/2": paragraphs), in
# sentences, FOLLOWS/2s (a relation "follows/2s"), or in words, FOLLOWS/2w
DISTANCED = ("follows", "precedes", "near")
_DISTANCE = re.compile(r"(follows|precedes|near)/([0-9]+)([psw]?)", re.IGNORECASE)
# what a distance counts, by the letter behind its number (none: paragraphs)
UNIT_LETTERS = {"": "paragraph", "p": "paragraph", "s": "sentence", "w": "word"}
MAX_DISTANCE = 1_000_000  # a longer distance is refused, never a huge number

# The language in a few lines, (term, what it takes): the query view's help (?) lists them,
# and so does `tui-reader query --help`.
LANGUAGE = (
    ("security", "passages coded security or a code below it (security/border)"),
    ("exactly:security", "passages coded security itself, not only a code below it"),
    ("a AND b", "passages carrying both codes (a b: the same); not two that overlap"),
    ("a OR b", "passages carrying either"),
    ("a OVERLAPS b", "a's passages sharing text with a passage of b (their coder's) or carrying b"),
    ("a WITHIN b", "a's passages lying wholly inside a passage of b (or carrying b)"),
    ("a ENCLOSES b", "a's passages holding a passage of b wholly (or carrying b)"),
    ("a FOLLOWS b", "a's passages starting at or after the end of one of b's (their coder's)"),
    ("a PRECEDES b", "a's passages ending at or before the start of one of b's (their coder's)"),
    ("a FOLLOWS/2 b", "a FOLLOWS b, at most 2 paragraphs after (/0: in one paragraph)"),
    ("a NEAR/1 b", "a's passages at most a paragraph before or after one of b's, or meeting it"),
    ("a NEAR/2s b", "the same in sentences (a FOLLOWS/10w b: at most 10 words after)"),
    ("a OVERLAPPED BY b", "a's passages one of b's overlaps at their start (ATLAS.ti's)"),
    (
        "a OVERLAPS START b",
        "a's passages overlapping one of b's at its start (ATLAS.ti's OVERLAPS)",
    ),
    ("a ENCLOSED BY b", "a WITHIN b: a's passages inside one of b's (or carrying b)"),
    ("NOT a", "passages not carrying it"),
    ("( )", "group: a AND (b OR c)"),
    ('"a name"', "a code with spaces, a colon or a sign in its name"),
    ("country=Mexico", "an attribute of the passage's document (!= < <= > >=)"),
    ('text:"..."', "the passage's text contains it (note:... its note)"),
    ("doc:NAME", 'in that document: key, file name or glob, doc:"2019/*"'),
    ("coder:NAME", "coded by that coder (case aside; a glob: be*)"),
    ("speaker:NAME", "holds words of that speaker's turns (case, accents aside; Carl*)"),
)
MAX_DEPTH = (
    100  # parentheses and NOTs inside one another: deeper is refused, never a RecursionError
)
OPERATORS = ("!=", "<=", ">=", "=", "<", ">")

# -- the tree ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    name: str  # the code and every code below it
    # exactly:NAME: the code itself alone, as a co-occurrence report's row of a code counts
    # its passages when codes are taken each apart
    exact: bool = False


@dataclass(frozen=True)
class Field:
    field: str  # one of FIELDS: doc, coder, text, note, speaker
    value: str
    # doc: naming no document as typed, it names one in another case (doc:A.TXT for a.txt):
    # taken so (matching.documents_spelled)
    any_case: bool = False
    # coder: a coder spelled so is one, so only theirs (matching.coders_spelled), else any case;
    # doc: a glob spelling a document's name as typed is that document alone, not a glob
    # (matching.documents_spelled)
    exact: bool = False


@dataclass(frozen=True)
class Compare:
    name: str  # an attribute of the passage's document
    operator: str  # one of OPERATORS
    value: str  # as typed; typed when compared


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Meeting:
    """``subject RELATION other RELATION other ...``: the passages ``subject`` matches that
    meet a passage of each other side as its relation says (``("overlaps", b)``: sharing text
    with a passage ``b`` matches), read left to right (a row of them is one node: no depth
    to recurse into)."""

    subject: Node
    # (one of RELATIONS, or of DISTANCED with its distance, "follows/2"; what the other
    # passage matches)
    meets: tuple[tuple[str, Node], ...]


Node = Code | Field | Compare | Not | And | Or | Meeting

# -- tokens ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # word, string, op, colon, lparen, rparen, end
    text: str  # the word, or the string's content (unquoted)
    column: int  # 1-based


_WORD = re.compile(r"[^\s()\"=!<>:]+")
_BELOW = re.compile(r"(?:/\*+)+/?$")  # a word's ending /* or /**


def tokenize(query: str) -> list[Token]:
    """The tokens of ``query``, ending with an ``end`` token."""
    tokens: list[Token] = []
    i = 0
    joined_at = -1  # where the last word or string ended: one right behind it may join it
    while i < len(query):
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(Token("lparen" if char == "(" else "rparen", char, i + 1))
            i += 1
        elif char == ":":
            field = bool(tokens) and tokens[-1].kind == "word"
            tokens.append(Token("colon", char, i + 1))
            i += 1
            if field and tokens[-2].text.casefold() in FIELDS:
                i = _value(query, i, tokens)
                if tokens[-1].kind == "word":
                    joined_at = i
        elif char == '"':
            text, end = _string(query, i)
            tokens.append(Token("string", text, i + 1))
            _join_levels(query, tokens, joined_at == i)
            i = joined_at = end
        elif (operator := next((o for o in OPERATORS if query.startswith(o, i)), None)) is not None:
            tokens.append(Token("op", operator, i + 1))
            i = _value(query, i + len(operator), tokens)
            if tokens[-1].kind == "word":  # a value: a quote right behind it is no new term
                joined_at = i
        elif char == "!":
            problem = "'!' must be followed by '=' (write NOT to negate)"
            before = tokens[-1] if tokens else None
            if (
                before is not None
                and before.kind == "word"
                and before.column + len(before.text) == i + 1
            ):  # right behind a word: a code named with it ("urgent!")
                named = _VALUE.match(query, before.column - 1)
                assert named is not None
                problem += f"; a code whose name holds '!' is quoted: {quoted(named.group())}"
            raise QuerySyntaxError(query, i + 1, problem)
        else:
            match = _WORD.match(query, i)
            assert match is not None  # every other character starts a word
            tokens.append(Token("word", match.group(), i + 1))
            _join_levels(query, tokens, joined_at == i)
            i = joined_at = match.end()
    tokens.append(Token("end", "", len(query) + 1))
    return tokens


def _join_levels(query: str, tokens: list[Token], adjacent: bool) -> None:
    """The last two tokens as one name when a quoted level and a word meet at a ``/`` with
    nothing between them: ``"violence (physical)"/threat`` and ``security/"border patrol"``
    are one code each, not a code and another named ``threat``.  Met anywhere else with
    nothing between them (``"a""b"``, ``"a"b``, ``text:"x"y``) they are a syntax error: two
    terms read as ``a AND b`` without a word between them, or a quote doubled inside a name
    as a spreadsheet writes it, would be guessed.  A keyword is a keyword (``"a"OR"b"``)."""
    if not adjacent or len(tokens) < 2:
        return
    before, last = tokens[-2], tokens[-1]
    if {before.kind, last.kind} not in ({"string", "word"}, {"string"}):
        return
    if not (before.text.endswith("/") or last.text.startswith("/")):
        if any(t.kind == "word" and t.text.casefold() in KEYWORDS for t in (before, last)):
            return
        if _by_operator_met(query, tokens):  # "a"OVERLAPPED BY"b", as "a"OVERLAPS"b"
            return
        raise QuerySyntaxError(
            query,
            last.column,
            "nothing between this and what is before it: put a space between two terms "
            '(a AND b); a quote inside a quoted name is written \\" ("say \\"hi\\"")',
        )
    text = before.text + last.text
    kind = "word" if last.kind == "word" and _BELOW.search(last.text) else "string"
    tokens[-2:] = [Token(kind, text, before.column)]


def _by_operator_met(query: str, tokens: list[Token]) -> bool:
    """Whether the last two tokens meet at one of :data:`BY_RELATIONS`: its first word right
    behind a quoted name with BY after it (``"a"OVERLAPPED BY``), or a quoted name right
    behind its BY (``OVERLAPPED BY"b"``)."""
    before, last = tokens[-2], tokens[-1]
    if last.kind == "word" and last.text.casefold() in TWO_WORDS:
        return _BY_AFTER.match(query, last.column - 1 + len(last.text)) is not None
    return (
        before.kind == "word"
        and before.text.casefold() == "by"
        and len(tokens) > 2
        and tokens[-3].kind == "word"
        and tokens[-3].text.casefold() in TWO_WORDS
    )


_BY_AFTER = re.compile(r"\s+by(?![^\s()\"=!<>:])", re.IGNORECASE)


def _value(query: str, start: int, tokens: list[Token]) -> int:
    """After an operator or a field's colon: a value written right behind it, to the next
    space or parenthesis, even with ``:``, ``=``, ``<``, ``>`` or ``!`` in it (a URL, a time,
    ``a=b``), as a word; the index after it (``start`` when a space, a quote or a parenthesis
    comes first)."""
    match = _VALUE.match(query, start)
    if match is None:
        return start
    tokens.append(Token("word", match.group(), start + 1))
    return match.end()


_VALUE = re.compile(r"[^\s()\"]+")


def _string(query: str, start: int) -> tuple[str, int]:
    """The content of the quoted string at ``start`` (``\\"`` and ``\\\\`` escape) and the index
    after its closing quote.  A backslash before any other character is itself, as in a
    shell's double quotes: a code ``a\\b`` or a path in ``text:`` keeps it."""
    out: list[str] = []
    i = start + 1
    while i < len(query):
        char = query[i]
        if char == "\\" and i + 1 < len(query) and query[i + 1] in '"\\':
            out.append(query[i + 1])
            i += 2
        elif char == '"':
            return "".join(out), i + 1
        else:
            out.append(char)
            i += 1
    raise QuerySyntaxError(query, start + 1, "this quote is never closed")


def quoted(text: str) -> str:
    """``text`` as a quoted string of the language (a code or value holding spaces, quotes,
    backslashes or keywords reads back as itself): ``say "hi"`` -> ``"say \\"hi\\""``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def quoted_name(text: str) -> str:
    """``text`` as the value of ``doc:``, ``coder:`` or ``speaker:`` that names it alone,
    quoted: those take a glob, so each ``*``, ``?`` and ``[`` it holds is written in brackets
    (``speaker:"Dr. [[]Redacted]"``, not the speakers ``Dr. R``, ``Dr. e``, ...)."""
    return quoted(_GLOB_SIGN.sub(r"[\g<0>]", text))


_GLOB_SIGN = re.compile(r"[*?\[]")


# -- the parser --------------------------------------------------------------------------------


EMPTY_QUERY = "the query is empty: type a code, or a filter"


def parse_query(query: str, *, empty: str = EMPTY_QUERY) -> Node:
    """The tree of ``query``; :class:`QuerySyntaxError` (with its column) when it is not one,
    ``empty`` its problem when it holds nothing (a filter says it as a filter's)."""
    parser = _Parser(query, tokenize(query))
    if parser.peek().kind == "end":
        raise QuerySyntaxError(query, 1, empty)
    node = parser.parse_or()
    token = parser.peek()
    if token.kind == "rparen":
        raise QuerySyntaxError(query, token.column, "')' without a '(' before it")
    if token.kind != "end":  # pragma: no cover - parse_and takes every other term
        raise QuerySyntaxError(query, token.column, f"unexpected {token.text!r}")
    return node


def _is_keyword(token: Token, keyword: str) -> bool:
    return token.kind == "word" and token.text.casefold() == keyword


class _Parser:
    def __init__(self, query: str, tokens: list[Token]) -> None:
        self.query = query
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.at + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.peek()
        self.at += 1
        return token

    def error(self, token: Token, problem: str) -> QuerySyntaxError:
        return QuerySyntaxError(self.query, token.column, problem)

    def _keyword(self, keyword: str) -> bool:
        """Whether the next token is ``keyword``: not when a comparison's sign follows it
        (``or=yes`` compares an attribute named ``or``, which no keyword is followed by)."""
        return _is_keyword(self.peek(), keyword) and self.peek(1).kind != "op"

    def _compared(self) -> bool:
        """Whether the token just taken is followed by a comparison's sign."""
        return self.peek().kind == "op"

    def parse_or(self) -> Node:
        operands = [self.parse_and()]
        while self._keyword("or"):
            self.take()
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def parse_and(self) -> Node:
        operands = [self.parse_meeting()]
        while True:
            token = self.peek()
            if self._keyword("and"):
                self.take()
            elif token.kind in ("end", "rparen") or self._keyword("or"):
                break
            operands.append(self.parse_meeting())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def parse_meeting(self) -> Node:
        subject = self.parse_not()
        meets: list[tuple[str, Node]] = []
        while (relation := self._relation()) is not None:
            token = self.take()
            written = token.text.upper()
            two_words = relation in BY_RELATIONS or relation == OVERLAPS_START
            if two_words:  # OVERLAPPED BY: its BY too; OVERLAPS START: its START
                written = f"{written} {self.take().text.upper()}"
            if self.peek().kind in ("end", "rparen") or any(map(self._keyword, ("and", "or"))):
                named = written.casefold() if relation in BY_RELATIONS else token.text
                raise self.error(
                    self.peek(),
                    f"expected a code or a filter after {written} (a {written} b; a code "
                    f"named {named!r} is quoted: {quoted(named)})",
                )
            meets.append((relation, self.parse_not()))
        return Meeting(subject, tuple(meets)) if meets else subject

    def _relation(self) -> str | None:
        """The operator of :data:`RELATIONS` or :data:`BY_RELATIONS` the next tokens are (of
        :data:`DISTANCED` with its distance: ``follows/2``, ``near/3s``), or None."""
        token = self.peek()
        distanced = _DISTANCE.fullmatch(token.text) if token.kind == "word" else None
        if distanced is not None and self.peek(1).kind != "op":
            distance = int(distanced[2])
            unit = UNIT_LETTERS[distanced[3].casefold()]
            if distance > MAX_DISTANCE:
                raise self.error(
                    token, f"a distance is {MAX_DISTANCE:,} {unit}s at most: {token.text}"
                )
            letter = "" if unit == "paragraph" else unit[0]
            return f"{distanced[1].casefold()}/{distance}{letter}"
        if self._by_relation():
            return f"{token.text.casefold()} by"
        if self._keyword("overlaps") and self._start_follows():
            return OVERLAPS_START
        return next((p for p in RELATIONS if self._keyword(p)), None)

    def _start_follows(self) -> bool:
        """Whether, after OVERLAPS, START is its second word: a term follows it (``a
        OVERLAPS START b``; ``a OVERLAPS start``, ``... start AND b``, ``start=1``: a code
        or an attribute named start)."""
        second, after = self.peek(1), self.peek(2)
        if second.kind != "word" or second.text.casefold() != "start":
            return False
        if after.kind == "word":
            word = after.text.casefold()
            return not (word in ("and", "or", *RELATIONS, *TWO_WORDS) or _DISTANCE.fullmatch(word))
        return after.kind in ("string", "lparen")

    def _by_relation(self) -> bool:
        """Whether the next two tokens are one of :data:`BY_RELATIONS` (``OVERLAPPED BY``)."""
        return (
            any(_is_keyword(self.peek(), word) for word in TWO_WORDS)
            and _is_keyword(self.peek(1), "by")
            and self.peek(2).kind != "op"
        )

    def _by_relation_at(self) -> bool:
        """Whether the token just taken and the next are one of :data:`BY_RELATIONS`."""
        self.at -= 1
        try:
            return self._by_relation()
        finally:
            self.at += 1

    def parse_not(self) -> Node:
        if self._keyword("not"):
            token = self.take()
            self._deeper(token)
            node = Not(self.parse_not())
            self.depth -= 1
            return node
        return self.parse_term()

    def _deeper(self, token: Token) -> None:
        """One more level of nesting at ``token``; past :data:`MAX_DEPTH`, a syntax error."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(token, f"the query nests deeper than {MAX_DEPTH} levels")

    def parse_term(self) -> Node:
        token = self.take()
        if token.kind == "lparen":
            if self.peek().kind == "rparen":
                raise self.error(self.peek(), "empty parentheses: put a code or a filter inside")
            self._deeper(token)
            node = self.parse_or()
            self.depth -= 1
            closing = self.take()
            if closing.kind != "rparen":
                raise self.error(closing, f"expected ')' to close the '(' at column {token.column}")
            return node
        if token.kind == "word" and _DISTANCE.fullmatch(token.text) and not self._compared():
            operator = token.text.upper()
            raise self.error(
                token,
                f"expected a code or a filter, found {operator} ({operator} stands between two "
                f"terms, a {operator} b; a code named {token.text!r} is quoted: "
                f"{quoted(token.text)})",
            )
        if token.kind == "word" and token.text.casefold() in TWO_WORDS and self._by_relation_at():
            operator = f"{token.text.upper()} {self.peek().text.upper()}"
            raise self.error(
                token,
                f"expected a code or a filter, found {operator} ({operator} stands between two "
                f"terms, a {operator} b; a code named {token.text!r} is quoted: "
                f"{quoted(token.text)})",
            )
        if token.kind == "word" and token.text.casefold() in KEYWORDS and not self._compared():
            side = (
                f"{token.text.upper()} stands between two terms, a {token.text.upper()} b; "
                if token.text.casefold() in RELATIONS
                else ""
            )
            raise self.error(
                token,
                f"expected a code or a filter, found {token.text.upper()} ({side}a code named "
                f"{token.text!r} is quoted: {quoted(token.text)})",
            )
        if token.kind not in ("word", "string"):
            raise self.error(token, _expected_term(token))
        following = self.peek()
        if following.kind == "op":
            self.take()
            value = self.take()
            if value.kind not in ("word", "string"):
                problem = f"expected a value after {following.text!r}"
                if following.text in ("=", "!=") and token.kind == "word":
                    # country= typed to ask for the documents without a country
                    which = "no" if following.text == "=" else "any"
                    problem += f" ({token.text}{following.text}{quoted('')} for {which} value)"
                raise self.error(value, problem)
            if token.kind != "word":
                raise self.error(token, "an attribute name is not quoted")
            return Compare(token.text, following.text, value.text)
        if following.kind == "colon":
            if token.kind != "word" or token.text.casefold() not in FIELDS:
                known = ", ".join(f"{f}:" for f in FIELDS)
                raise self.error(
                    token,
                    f"unknown field {token.text!r} (known: {known}); "
                    f"{self._compared_hint(token, following)}a code whose name holds "
                    f"a colon is quoted: {quoted(self._colon_code(token))}",
                )
            self.take()
            value = self.take()
            if value.kind not in ("word", "string"):
                raise self.error(value, f"expected a value after '{token.text}:'")
            if not value.text:  # text:"" matched every passage, doc:"" none, unsaid
                raise self.error(value, f"the value after '{token.text}:' is empty")
            name = token.text.casefold()
            if name in ("code", "tag"):
                return self._code(value)
            if name == "exactly":
                if value.kind == "word" and _BELOW.search(value.text):
                    raise self.error(
                        value,
                        f"exactly: takes one code, not the codes below it: "
                        f"exactly:{code_name(value.text)} (a code named {value.text!r} is "
                        f"quoted: exactly:{quoted(value.text)})",
                    )
                return Code(self._code(value).name, exact=True)
            return Field(name, value.text)
        return self._code(token)

    def _compared_hint(self, token: Token, colon: Token) -> str:
        """For an attribute asked for as a field is (``year:2021``, a value right behind the
        colon), the comparison that asks for it, ending ``; ``: else ``""`` (``Theme:
        violence``, a space after the colon, reads as a code)."""
        value = _VALUE.match(self.query, colon.column)
        if token.kind != "word" or value is None:
            return ""
        return f"to compare the attribute, write {token.text}={value.group()}; "

    def _colon_code(self, token: Token) -> str:
        """The code name ``token``, its colon and the words after it spell, each after a
        colon, as typed (``Theme: violence``, ``time:10:30``, ``Q1: Theme: violence``), for
        the hint to quote it."""
        end = token.column - 1 + len(token.text)
        ahead = 0
        while self.peek(ahead).kind == "colon":
            colon = self.peek(ahead)
            end = colon.column
            value = self.peek(ahead + 1)
            if value.kind != "word" or value.text.casefold() in KEYWORDS:
                break
            end = value.column - 1 + len(value.text)
            ahead += 2
        return self.query[token.column - 1 : end].strip()

    def _code(self, token: Token) -> Code:
        # a quoted name is the code it names; a word ending in /* is code_name's; each read
        # as a stored code is ("topic / Other" and topic//Other are topic/Other)
        name = code_name(token.text) if token.kind == "word" else token.text
        name = next(iter(code_names((name,))), "")
        if not name:
            raise self.error(token, "a code name is empty" + self._spaced_slash(token))
        return Code(name)

    def _spaced_slash(self, token: Token) -> str:
        """For a ``/`` alone between two names (``topic / Other``, read as three codes,
        the middle one empty), the hint to quote the code meant; else ``""``."""
        before = self.tokens[self.at - 2] if self.at >= 2 else None
        after = self.peek()
        names = (before, after)
        if token.kind != "word" or any(
            t is None or t.kind not in ("word", "string") or t.text.casefold() in KEYWORDS
            for t in names
        ):
            return ""
        assert before is not None
        meant = quoted(f"{before.text} / {after.text}")
        return f" (to name one code, write it without spaces around '/', or quoted: {meant})"


def code_name(text: str) -> str:
    """The code a name typed for one names: ``actors/*`` (as other tools and shells write
    "everything under") and ``actors/`` are ``actors``, which takes the codes below it."""
    return _BELOW.sub("", text).strip("/")


def _expected_term(token: Token) -> str:
    if token.kind == "end":
        return "the query ends too soon: expected a code or a filter"
    if token.kind == "rparen":
        return "expected a code or a filter before ')'"
    return f"expected a code or a filter, found {token.text!r}"
