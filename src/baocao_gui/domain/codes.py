"""Citation codes: what a clerk's name for an indicator or a sector becomes inside ``{{code.field}}``."""

from __future__ import annotations

import re
import unicodedata


def code_from_name(name: str, taken: set[str]) -> str:
    """A citation code from a Vietnamese name: "Số lượt khám" → "so_luot_kham" (unique among ``taken``)."""
    base = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    base = "".join(ch for ch in base if not unicodedata.combining(ch)).lower()
    base = re.sub(r"[^a-z0-9]+", "_", base).strip("_")[:40] or "chi_tieu"
    if not base[0].isalpha():
        base = "ct_" + base
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code
