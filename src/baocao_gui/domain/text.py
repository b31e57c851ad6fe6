"""Characters that are not text: dropped on the way into a workbook, flagged in old ones, never written; and
the words of a heading, for telling two headings the same.

Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF among them)
and lone surrogates are not allowed in XML, so a .docx holding one is refused by Word and by python-docx.
They arrive by pasting from odd sources.
"""

from __future__ import annotations

import re
import unicodedata

_PLANE_ENDS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
ILLEGAL = re.compile(f"[\ufdd0-\ufdef\ud800-\udfff{_PLANE_ENDS}]")


def drop_illegal(text: str) -> str:
    return ILLEGAL.sub("", text)


# Kept as typed (nothing a clerk typed is dropped silently) but flagged, with a one-click removal: a bidi control
# reverses the printed text (U+202E "RIGHT-TO-LEFT OVERRIDE" prints "nóc ềv" for "về còn"), and an invisible
# character splits a word where Word's search and spelling cannot see it.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff]")


def drop_invisible(text: str) -> str:
    return INVISIBLE.sub("", BIDI.sub("", text))


def heading_key(text: str) -> str:
    """A heading reduced to its words: case, dashes, "&", punctuation and spaces do not matter. How a sector's
    heading in last year's report (``importers.report``) is matched to the catalogue's title (``app.files``)."""
    text = unicodedata.normalize("NFC", text).casefold().replace("&", " và ").replace("tb&xh", "thương binh và xã hội")
    return " ".join(re.findall(r"\w+", text))
