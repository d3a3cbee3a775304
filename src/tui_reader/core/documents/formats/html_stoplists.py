"""jusText's stoplists, read once in the fork server the conversions' children are forked from.

trafilatura's last fallback, jusText, is tried on a page whose article it finds short (a small
page, a list of links, a page of short lines), and the first time it runs in a process it reads
the stoplists of all of jusText's 100 languages, which jusText then lowers into one set: about
0.2 s of CPU, then nothing for every page after.  Each conversion runs in a child of its own
(:mod:`~tui_reader.core.documents.conversion_limit`), so every such page paid it again: a
folder of 3,500 small web pages took its library scan 25 minutes on a busy machine, 0.4 s a
page where the conversion itself took 0.07 s.  The fork server imports this module
(``conversion_limit.PRELOADED``), which fills both caches there, so that each child finds them
filled.
"""

from __future__ import annotations

import contextlib


def read_stoplists() -> None:
    """Fill trafilatura's cache of the stoplists and jusText's of their lowered set."""
    from justext.core import define_stoplist  # type: ignore[import-untyped]
    from trafilatura import external

    define_stoplist(external.JT_STOPLIST or external.jt_stoplist_init())


# An error here would stop the fork server, and every conversion with it: a library changed,
# each child reads them as before.
with contextlib.suppress(Exception):
    read_stoplists()
