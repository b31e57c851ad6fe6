"""Units with a scale: "tỷ đồng" is đồng × 10^9, "nghìn người" is người × 10^3.

A figure is stored in its indicator's unit and may be printed in a larger one of the same kind
(``{{chi_tra@tỷ đồng}}``). The words a sentence writes after a cited figure must name the unit it is
printed in: "315,6 tỷ đồng" is right for a figure in tỷ đồng, "315,6 tỷ tỷ đồng" or "315,6 đồng" is not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

SCALE_WORDS = {"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9}
# what the window's unit box offers; any other text is accepted too
COMMON_UNITS = ("người", "lượt người", "nghìn người", "hộ", "%", "đồng", "nghìn đồng", "triệu đồng", "tỷ đồng",
                "Nghị quyết", "văn bản", "cuộc", "đơn vị", "suất", "trẻ em")
_BASE_ALIASES = {"đ": "đồng"}


@dataclass(frozen=True)
class Unit:
    text: str  # as written: "tỷ đồng"
    scale: int  # power of ten of its scale words: 9
    base: str  # what is counted: "đồng"

    @property
    def scale_words(self) -> str:
        return self.text[: len(self.text) - len(self.base)].strip()


def parse_unit(text: str) -> Unit:
    """"tỷ đồng" → Unit(scale 9, base "đồng"); "nghìn tỷ đồng" → scale 12; "lượt người" → scale 0."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    words = text.split(" ") if text else []
    scale = 0
    index = 0
    while index < len(words) - 1 and words[index].lower() in SCALE_WORDS:
        scale += SCALE_WORDS[words[index].lower()]
        index += 1
    base = " ".join(words[index:])
    return Unit(text, scale, _BASE_ALIASES.get(base, base))


def convertible(source: Unit, target: Unit) -> bool:
    return bool(source.base) and source.base == target.base and source.base != "%"


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal:
    """``value`` in ``source`` written in ``target`` (same base): 315.600.000.000 đồng → 315,6 tỷ đồng."""
    return value.scaleb(source.scale - target.scale)


_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class WrittenUnit:
    scales: tuple[str, ...]  # the scale words right after the figure: ("tỷ", "tỷ")
    base: str | None  # the next word when it is the counted thing's first word, else None
    text: str  # what was read, for the message

    @property
    def scale(self) -> int:
        return sum(SCALE_WORDS[w] for w in self.scales)


def written_after(text: str, unit: Unit) -> WrittenUnit:
    """The unit words a sentence writes right after a figure printed in ``unit``."""
    scales: list[str] = []
    pos = 0
    base = None
    base_first = unit.base.split(" ")[0].lower() if unit.base else ""
    while True:
        space = re.match(r"[ \u00a0]*", text[pos:])
        start = pos + space.end()
        m = _WORD.match(text, start)
        if m is None:
            break
        word = m.group(0).lower()
        if word in SCALE_WORDS:
            scales.append(word)
            pos = m.end()
            continue
        if base_first and _BASE_ALIASES.get(word, word) == base_first:
            base = unit.base
            pos = m.end()
        break
    return WrittenUnit(tuple(scales), base, " ".join([*scales, *([base] if base else [])]))


def unit_fault(text_after: str, unit: Unit) -> str | None:
    """One Vietnamese sentence when the words after a figure printed in ``unit`` scale it again or drop its scale:
    "tỷ tỷ đồng" (twice), "triệu đồng" after a figure in tỷ đồng, or "đồng" alone after it. None when they agree,
    or when the sentence writes no unit there."""
    if not unit.base or unit.base == "%":
        return None
    written = written_after(text_after, unit)
    if written.scales and written.scale != unit.scale:
        if unit.scale and written.scale > unit.scale:
            return (f"số đã tính bằng {unit.text} lại ghi “{written.text}”: đơn vị bị nhân hai lần.")
        if not unit.scale:
            return f"số tiền đã tính bằng {unit.text} lại ghi thêm “{written.scales[0]}”: đơn vị bị nhân hai lần."
        return f"số tính bằng {unit.text} nhưng sau số ghi “{written.text}”: in ra sẽ sai đơn vị."
    if not written.scales and unit.scale and written.base:
        return f"số tính bằng {unit.text} nhưng sau số chỉ ghi “{written.base}”: in ra sẽ sai đơn vị."
    return None
