"""The printed text's rules, for the report and its annex alike: NFC, and nothing a .docx cannot hold."""

from __future__ import annotations

import re
import unicodedata

from ..domain.text import drop_illegal

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def nfc(text: str) -> str:
    """NFC, and nothing a .docx cannot hold (old workbooks may carry noncharacters; the checks flag them)."""
    return drop_illegal(_NOT_XML.sub("", unicodedata.normalize("NFC", text)))


def upper(text: str) -> str:
    return nfc(text).upper()
