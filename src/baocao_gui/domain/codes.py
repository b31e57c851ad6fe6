"""Citation codes: what a clerk's name for an indicator or a sector becomes inside ``{{code.field}}``."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 40


def code_from_name(name: str, taken: set[str]) -> str:
    """A citation code from a Vietnamese name: "Số lượt khám" → "so_luot_kham" (unique among ``taken``).

    A long name keeps its first whole words up to 40 characters: a code is read in the editor, so a word is
    never cut in the middle ("…_viec_lm_ngoa")."""
    base = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    base = "".join(ch for ch in base if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", base) if w]
    kept: list[str] = []
    for word in words:
        if len("_".join([*kept, word])) > MAX_LENGTH:
            break
        kept.append(word)
    base = "_".join(kept) or (words[0][:MAX_LENGTH] if words else "chi_tieu")
    if not base[0].isalpha():
        base = "ct_" + base
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code
