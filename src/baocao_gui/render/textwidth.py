"""How long a line of Times New Roman text is, to size the rules (lines) under header texts."""

from __future__ import annotations

import unicodedata

from .metrics import BOLD, REGULAR

AVERAGE = 500  # for a character the table lacks


HORN = "\u031b"


def _base(ch: str) -> str:
    """The letter whose width ``ch`` has: Ơ, Ư, Đ their own (and so Ờ, Ự… theirs), other Vietnamese letters their
    base letter's."""
    if ch in REGULAR:
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    if HORN in decomposed:
        return unicodedata.normalize("NFC", decomposed[0] + HORN)
    return decomposed[0]


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    table = BOLD if bold else REGULAR
    return sum(table.get(_base(ch), AVERAGE) for ch in text) * size_pt / 1000
