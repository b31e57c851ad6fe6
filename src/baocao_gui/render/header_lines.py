"""Where the first-page header's agency names break into lines, as a clerk breaks them (issue 21.5).

"SỞ LAO ĐỘNG - THƯƠNG BINH / VÀ XÃ HỘI", "UBND TỈNH / BÀ RỊA - VŨNG TÀU": a line ends between phrases (before
"và", after a comma, before or after "tỉnh"/"thành phố"), never inside a place name or a two-word compound
("Thương binh", "Vũng Tàu", "Hồ Chí Minh", "Đào tạo"). Widths are Times New Roman's (textwidth.py, the advance
widths Word and LibreOffice use for it and its metric twin Liberation Serif); the breaks are written as explicit
line breaks, so that Word and LibreOffice show the same lines. The size stays the decree's 13 pt; 12 pt (PL I:
12–13 pt, never smaller) only when it keeps a name whole that 13 pt would have to break inside a phrase.
A line break the clerk typed in the field is kept, and each typed line is broken again only if it is too long.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import HEADER_CELL_MARGIN_MM, HEADER_MM, HEADER_PT, HEADER_SMALLEST_PT
from .textwidth import text_width_pt

# A line fits its column with this much to spare, half on each side of the centred text: the left column's lines
# never run into the national heading beside them (and Word and LibreOffice may round widths differently).
FIT_SLACK_PT = 7.5

# The cost of ending a line after a word (the gap after it): a line break costs 1 plus this.
GOOD = 0  # before "và", after a comma, before "tỉnh"/"thành phố"
AFTER_KIND = 1  # after "tỉnh"/"thành phố", before the place's name ("UBND THÀNH PHỐ / HỒ CHÍ MINH")
AFTER_HEAD = 2  # "SỞ" alone on a line
AFTER_DASH = 2  # inside a name made of two with " - " ("Lao động - / Thương binh")
PAIR = 6  # between the two-word compounds of a phrase ("GIAO THÔNG / VẬN TẢI"): a guess, only when needed
OTHER = 20  # anywhere else between words: only when no phrase fits on a line
NEVER = 100  # inside a place name, after "và", before a dash: only when the room leaves no other way

HEADS = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "TỔNG CỤC", "CHI CỤC", "TRUNG TÂM",
         "VĂN PHÒNG", "THANH TRA", "SỞ", "BAN", "CỤC", "BỘ")
PLACE_KINDS = ("THÀNH PHỐ", "THỊ XÃ", "ĐẶC KHU", "TỈNH", "HUYỆN", "QUẬN")
GLUED_BEFORE_PLACE = ("UBND", "UBND.")  # "UBND TỈNH": one unit with the place kind
AND = ("VÀ", "và")
DASHES = ("-", "–", "—")


@dataclass(frozen=True)
class HeaderText:
    """A header name as it prints: its size in pt and its lines."""

    size: float
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def header_room_pt(column: int = 0) -> float:
    """The width a header column's text may take, in pt."""
    return (HEADER_MM[column] - 2 * HEADER_CELL_MARGIN_MM) / 25.4 * 72


def _match(words: list[str], at: int, phrases: tuple[str, ...]) -> int:
    """The number of words of the first of ``phrases`` that starts at ``at`` (0 for none)."""
    for phrase in phrases:
        parts = phrase.split()
        if [w.upper() for w in words[at:at + len(parts)]] == parts:
            return len(parts)
    return 0


def gap_costs(words: list[str]) -> list[int]:
    """The cost of a line break after each word but the last (see the constants above)."""
    n = len(words)
    cost = [OTHER] * max(n - 1, 0)
    starts = {0}  # where a phrase starts: the pair rule counts words from there
    head = _match(words, 0, HEADS)
    for k in range(head - 1):
        cost[k] = NEVER
    if 0 < head < n:
        cost[head - 1] = AFTER_HEAD
        starts.add(head)
    place: set[int] = set()  # gaps inside a place name
    i = 0
    while i < n:
        kind = _match(words, i, PLACE_KINDS)
        if not kind or i + kind >= n:
            i += 1
            continue
        for k in range(i, i + kind - 1):
            place.add(k)
        if i > 0:
            cost[i - 1] = NEVER if words[i - 1].upper() in GLUED_BEFORE_PLACE else GOOD
        cost[i + kind - 1] = AFTER_KIND
        starts.add(i + kind)
        j = i + kind  # the name runs to the end, a comma or "và"
        while j + 1 < n and not words[j].endswith(",") and words[j + 1] not in AND:
            place.add(j)
            j += 1
        i = j + 1
    for k, word in enumerate(words[:-1]):
        nxt = words[k + 1]
        if k in place:
            cost[k] = NEVER
        elif nxt in DASHES or word in AND:
            cost[k] = NEVER
            if word in AND:  # the phrase it joins starts after it
                starts.add(k + 1)
        elif word.endswith(",") or nxt in AND:
            cost[k] = GOOD
            starts.add(k + 1 if word.endswith(",") else k + 2)
        elif word in DASHES:
            cost[k] = AFTER_DASH
            starts.add(k + 1)
    # inside a phrase, words mostly pair into compounds ("GIAO THÔNG VẬN TẢI"): a break after an even count
    for start in sorted(starts):
        end = min((s for s in starts if s > start), default=n)
        for k in range(start + 1, end - 2, 2):  # after 2, 4, … words, at least 2 left
            if cost[k] == OTHER:
                cost[k] = PAIR
    return cost


def _width(words: list[str], size: float, bold: bool) -> float:
    return text_width_pt(" ".join(words), size, bold)


def _break(line: str, size: float, bold: bool, room: float) -> tuple[tuple[str, ...], float, int]:
    """The best lines for one typed line: (lines, cost, worst gap used). Fewest costly breaks first, then lines
    that do not grow downwards (a clerk's header narrows: "SỞ LAO ĐỘNG - THƯƠNG BINH / VÀ XÃ HỘI")."""
    words = line.split()
    if not words:
        return (), 0.0, GOOD
    n, costs = len(words), gap_costs(words)
    fits = room - FIT_SLACK_PT
    # best[j]: the best way to set words[:j] ending a line at j → (cost, growth, previous width, worst, lines)
    best: dict[int, tuple[float, float, float, int, tuple[str, ...]]] = {0: (0.0, 0.0, float("inf"), GOOD, ())}
    for j in range(1, n + 1):
        options = []
        for i, (cost, growth, previous, worst, lines) in best.items():
            if i >= j:
                continue
            width = _width(words[i:j], size, bold)
            if width > fits and j - i > 1:
                continue
            gap = costs[i - 1] if i > 0 else GOOD
            options.append((cost + (1 + gap if i > 0 else 0), growth + max(0.0, width - previous), width,
                            max(worst, gap if i > 0 else GOOD), (*lines, " ".join(words[i:j]))))
        if options:
            best[j] = min(options, key=lambda o: (o[0], o[1]))
    cost, _growth, _width_last, worst, lines = best[n]
    return lines, cost, worst


def _set(typed: list[str], size: float, bold: bool, room: float) -> tuple[int, float, tuple[str, ...]]:
    """(worst gap used, cost, lines) of the typed lines at ``size``."""
    pieces = [_break(line, size, bold, room) for line in typed]
    return (max((p[2] for p in pieces), default=GOOD), sum(p[1] for p in pieces),
            tuple(x for p in pieces for x in p[0]))


def header_text(text: str, bold: bool, room: float | None = None) -> HeaderText:
    """``text`` (upper case; lines the clerk typed separated by "\\n") set in ``room`` pt (the header's left
    column): at 13 pt when it breaks only between phrases; else at 12 pt when that breaks it better."""
    room = header_room_pt(0) if room is None else room
    typed = [" ".join(line.split()) for line in text.split("\n")]
    typed = [line for line in typed if line]
    usual = _set(typed, HEADER_PT, bold, room)
    if usual[0] <= AFTER_KIND:
        return HeaderText(HEADER_PT, usual[2])
    smaller = _set(typed, HEADER_SMALLEST_PT, bold, room)
    if smaller[:2] < usual[:2]:
        return HeaderText(HEADER_SMALLEST_PT, smaller[2])
    return HeaderText(HEADER_PT, usual[2])
