"""How long a line of Times New Roman text is, to size the rules (lines) under header texts."""

from __future__ import annotations

import unicodedata

from .metrics import BOLD, REGULAR

AVERAGE = 500  # for a character the table lacks


def _base(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    # Ơ, Ư, Đ keep their own width; other Vietnamese letters take their base letter's
    return ch if ch in REGULAR else decomposed[0]


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    table = BOLD if bold else REGULAR
    return sum(table.get(_base(ch), AVERAGE) for ch in text) * size_pt / 1000
