"""The vocabulary of RTF as :mod:`~tui_reader.core.documents.formats.rtf_reader` reads it:
the token pattern, the destinations that hold no text of the document, the control words that
stand for characters or end a paragraph, cell or row, and the code pages of font charsets."""

from __future__ import annotations

import codecs
import re

TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)",
    re.DOTALL,
)
MAX_DEPTH = 400
# Destinations whose content is not text of the document.  A shape's properties (sp) are
# not, its text (shptxt, in shpinst) is; the drawing that repeats it for old readers
# (shprslt) is left out.  An embedded object's data is not text, its result (the text it
# shows) is.
SKIPPED = frozenset((
    "colortbl", "pict", "objdata", "listtable", "listoverridetable", "revtbl",
    "rsidtbl", "filetbl", "xe", "tc", "txe", "pntxta", "pntxtb", "datafield", "themedata",
    "colorschememapping", "latentstyles", "datastore", "xmlnstbl", "generator", "private",
    "userprops", "docvar", "nonshppict", "shprslt", "sp", "mmathPr", "fldtype",
    "bkmkstart", "bkmkend", "atnid", "atndate", "atnref", "comment", "subject",
    "keywords", "doccomm", "operator", "category", "company", "manager", "hlinkbase",
))  # fmt: skip
# A section's headers and footers (of all its pages, of left and right pages, of its first
# page): read aside, their text written once where the section begins (see RtfReader).
RUNNING = frozenset(
    ("header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf")
)
# Of them, what the document shows where it stands (a picture, an embedded object), left
# out: the spaces around it are one.
SHOWN_LEFT_OUT = frozenset(("pict", "objdata", "nonshppict", "shprslt"))
INFO_FIELDS = {"title": "title", "author": "author"}
SYMBOLS = {
    "emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’",
    "ldblquote": "“", "rdblquote": "”", "tab": "\t", "line": "\n", "emspace": " ",
    "enspace": " ", "qmspace": " ", "zwj": "", "zwnj": "", "ltrmark": "", "rtlmark": "",
    "page": "\n", "column": "\n",  # a page or column break in a paragraph: a line break
}  # fmt: skip
CHARSETS = {
    77: "mac_roman", 128: "cp932", 129: "cp949", 134: "cp936", 136: "cp950", 161: "cp1253",
    162: "cp1254", 163: "cp1258", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251",
    222: "cp874", 238: "cp1250", 255: "cp437",
}  # fmt: skip
HYPERLINK = re.compile(r'HYPERLINK\s+(?:\\l\s+)?"([^"]*)"', re.IGNORECASE)


BREAKS = {
    "par": "end_paragraph",
    "sect": "end_paragraph",
    "cell": "end_cell",
    "nestcell": "end_cell",
    "row": "end_row",
    "nestrow": "end_row",
}


HANDLED = frozenset(
    [*SYMBOLS, *BREAKS, "u", "pard", "plain", "b", "i", "strike", "striked", "v", "deleted", "caps",
     "uc", "s", "outlinelevel", "intbl", "trowd", "ilvl", "ls", "f", "fcharset", "ansicpg", "chftn",
     "yr", "mo", "dy", "super", "sub", "nosupersub", "up", "dn", "clvmgf", "clvmrg", "cellx",
     "titlepg", "sectd"]
)  # fmt: skip


def known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
