"""GNU grep's options that ``search`` has not, as a grep user or a script written for grep
gives them: each refused in the usage error's line, said as grep's, with what search does
instead where it does it another way.

Without them such a word was read as no option at all: ``-m 1`` and ``-P`` were "a value
beginning with '-' goes after '--'" (a search for the text "-m"), and a long one was taken
for a misspelling of one of search's own, the opposite of what was asked among them
(``--invert-match``: "did you mean --files-with-matches?"; ``--no-filename``: "did you mean
--with-filename?"; ``--max-count=1``: "did you mean --count?")."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class GrepOption:
    """One of grep's options: its letter ("" for none), its long names, whether it takes a
    value (``-m 1``, ``-m1``, ``--max-count=1``) and whether that value is a number, and
    what search does instead ("" for nothing of the kind)."""

    letter: str
    names: tuple[str, ...]
    value: bool = False
    number: bool = False
    instead: str = ""

    @property
    def said(self) -> str:
        said = "grep's, which search has not"
        return f"{said} ({self.instead})" if self.instead else said


GREP_OPTIONS = (
    GrepOption("x", ("--line-regexp",), instead="-E '^PATTERN$' does it"),
    GrepOption("v", ("--invert-match",)),
    GrepOption("o", ("--only-matching",), instead="--json gives each hit's match"),
    GrepOption("q", ("--quiet", "--silent"), instead="> /dev/null does it, the exit status grep's"),
    GrepOption("s", ("--no-messages",)),
    GrepOption("h", ("--no-filename",)),
    GrepOption("L", ("--files-without-match",)),
    GrepOption("A", ("--after-context",), value=True, number=True),
    GrepOption("B", ("--before-context",), value=True, number=True),
    GrepOption("C", ("--context",), value=True, number=True),
    GrepOption("m", ("--max-count",), value=True, number=True),
    GrepOption("P", ("--perl-regexp",), instead="-E takes Python's regular expressions"),
    GrepOption("G", ("--basic-regexp",), instead="-E takes Python's regular expressions"),
    GrepOption("f", ("--file",), value=True, instead='"$(cat FILE)" as PATTERN does it'),
    GrepOption("y", (), instead="-i does it"),
    GrepOption("b", ("--byte-offset",), instead="--json gives each hit's start"),
    GrepOption("z", ("--null-data",)),
    GrepOption("a", ("--text",)),
    GrepOption("I", ()),
    GrepOption("T", ("--initial-tab",)),
    GrepOption("U", ("--binary",)),
    GrepOption("d", ("--directories",), value=True),
    GrepOption("D", ("--devices",), value=True),
    GrepOption("", ("--color", "--colour"), instead="search colours nothing"),
    GrepOption("", ("--include", "--exclude", "--exclude-dir", "--exclude-from"), value=True,
               instead="name the files: search PATTERN docs/*.txt"),
    GrepOption("", ("--binary-files", "--label", "--group-separator"), value=True),
    GrepOption("", ("--line-buffered", "--no-group-separator", "--no-ignore-case")),
)  # fmt: skip

BY_LETTER = {option.letter: option for option in GREP_OPTIONS if option.letter}
BY_NAME = {name: option for option in GREP_OPTIONS for name in option.names}


def short_said(word: str, own: Collection[str] = ()) -> str | None:
    """What search says of the grep flags ``word`` gives (``-rv``: -v said; ``-m1``, ``-A2``:
    the flag with its number; ``own``: the letters of search's flags, not said), None when
    it is no such flag or a few of them (``-hello``, ``-mine``: a word to find)."""
    if not word.startswith("-") or word.startswith("--"):
        return None
    letters, said = word[1:], []
    for at, letter in enumerate(letters):
        option = BY_LETTER.get(letter)
        if option is None:
            if letter in own:
                continue
            return None
        said.append(f"-{letter}: {option.said}")
        if option.value:  # the rest of the word is its value, a number where one is asked
            rest = letters[at + 1 :]
            if rest and not (option.number and rest.isdigit()):
                return None
            letters = letters[: at + 1]
            break
    if not said or len(letters) > 3 or len(set(letters)) < len(letters):
        return None
    return "; ".join(said)


def long_said(word: str) -> str | None:
    """What search says of grep's long option ``word`` (``--max-count=1``: --max-count said),
    None when it is none of grep's that search has not."""
    name = word.partition("=")[0]
    option = BY_NAME.get(name)
    return None if option is None else f"{name}: {option.said}"


def letters_refused() -> str:
    """grep's flags search has not, as the help lists them: "-x, -v, ... and -D"."""
    flags = [f"-{option.letter}" for option in GREP_OPTIONS if option.letter]
    return f"{', '.join(flags[:-1])} and {flags[-1]}"
