"""Find and replace over a whole report, as a clerk searches in Word, aware of Vietnamese.

``find(workbook, report, query, options)`` searches every text the report prints (``report_text.report_spots``)
as it prints it: a citation ``{{code.field}}`` is searched as the figure it writes, so "năm 2024" is found where
"2024" is ``{{year}}``. A hit that touches a citation is listed but never replaced (``Hit.in_citation``): a cited
figure is changed in the figures table, and every sentence that cites it follows. ``replaced_fields`` gives the
new values of the fields a replacement changes, for one edit (``app/edits/texts.py``) to write as one undo step.

Matching is on NFC text; the options fold case (Vietnamese capitals included: "Đ", "Ủ"), diacritics ("hoa" finds
"hòa", "hoà", "Hóa"), and "Đ" as "D" (with or without the other marks), and hold a hit to whole words.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .figures import TOKEN, sheet
from .model import Report, Workbook
from .report_text import Spot, fields_with, report_spots

CONTEXT = 30  # characters of printed text shown either side of a hit


@dataclass(frozen=True)
class FindOptions:
    match_case: bool = False  # "Năm" does not find "năm"
    whole_word: bool = False  # "hoa" does not find "hoạch"'s start nor "khoa"
    ignore_marks: bool = False  # "hoa" finds "hòa", "hóa", "hoà" (tones and the marks of ă â ê ô ơ ư)
    d_as_dd: bool = False  # "D" finds "Đ" ("Dak" finds "Đắk" with ignore_marks)


@dataclass(frozen=True)
class Hit:
    spot: Spot
    start: int  # in ``spot.text`` as typed (a citation's whole token when the hit touches one)
    end: int
    in_citation: bool  # touches a cited figure: listed, never replaced
    before: str  # printed text around the hit, for the list
    found: str
    after: str
    keep_case: bool = False  # found without regard to case: the replacement takes its capitals, as Word does

    @property
    def replaceable(self) -> bool:
        return not self.in_citation


def _fold_char(ch: str, options: FindOptions) -> str:
    if options.d_as_dd and ch in "đĐ":
        ch = "d" if ch == "đ" else "D"
    if options.ignore_marks:
        base = unicodedata.normalize("NFD", ch)
        ch = "".join(c for c in base if not unicodedata.combining(c)) or ch
    if not options.match_case:
        ch = ch.lower()
    return ch


class _FoldTable(dict):
    """str.translate's table for one set of options, filled as characters are met (a report has a few hundred)."""

    def __init__(self, options: FindOptions):
        super().__init__()
        self.options = options

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code), self.options)
        return folded


_tables: dict[FindOptions, _FoldTable] = {}


def _folded(text: str, options: FindOptions) -> str:
    table = _tables.get(options)
    if table is None:
        table = _tables[options] = _FoldTable(options)
    return text.translate(table)


@functools.lru_cache(maxsize=64)
def fold(text: str, options: FindOptions) -> str:
    """``text`` as the options compare it (the query goes through this too)."""
    return _folded(unicodedata.normalize("NFC", text), options)


def _printed(text: str, writer) -> tuple[str, list[tuple[int, int, int, int, bool]]]:
    """The text as printed (citations written as their figures) and its segments: (printed start, printed end,
    typed start, typed end, a cited figure or not)."""
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    at = last = 0
    for match in TOKEN.finditer(text):
        if match.start() > last:
            pieces.append(text[last:match.start()])
            segments.append((at, at + match.start() - last, last, match.start(), False))
            at += match.start() - last
        figure = writer.render(match.group(0))
        pieces.append(figure)
        segments.append((at, at + len(figure), match.start(), match.end(), True))
        at += len(figure)
        last = match.end()
    if last < len(text):
        pieces.append(text[last:])
        segments.append((at, at + len(text) - last, last, len(text), False))
    return "".join(pieces), segments


def _typed_span(segments, starts: list[int], n: int) -> tuple[int, int, bool]:
    """The typed span the printed character ``n`` comes from (a citation's whole token for a figure)."""
    p_start, _p_end, r_start, r_end, token = segments[bisect.bisect_right(starts, n) - 1]
    return (r_start, r_end, True) if token else (r_start + n - p_start, r_start + n - p_start + 1, False)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_in_text(spot: Spot, query: str, options: FindOptions, writer) -> list[Hit]:
    """The hits of ``query`` in one text, left to right, not overlapping."""
    needle = fold(query, options)
    if not needle:
        return []
    text = unicodedata.normalize("NFC", spot.text)
    if "{{" in text:
        printed, segments = _printed(text, writer)
    else:  # no citation: the text prints as typed (most texts; a report is searched as the clerk types)
        printed, segments = text, [(0, len(text), 0, len(text), False)]
    haystack = _folded(printed, options)
    if needle not in haystack:
        return []
    starts = [seg[0] for seg in segments]
    if len(haystack) == len(printed):
        index: list[int] = list(range(len(printed)))
    else:  # a character folded to more or fewer than one
        index = [n for n, ch in enumerate(printed) for _ in _folded(ch, options)]
    hits: list[Hit] = []
    at = haystack.find(needle)
    while at >= 0:
        first, last = index[at], index[at + len(needle) - 1]
        whole = not options.whole_word or (
            (first == 0 or not _is_word_char(printed[first - 1]))
            and (last + 1 >= len(printed) or not _is_word_char(printed[last + 1])))
        if whole:
            head, tail = _typed_span(segments, starts, first), _typed_span(segments, starts, last)
            cited = head[2] or tail[2] or any(seg[4] and seg[0] <= last and seg[1] > first for seg in segments)
            hits.append(Hit(spot, head[0], tail[1], cited,
                            printed[max(0, first - CONTEXT):first], printed[first:last + 1],
                            printed[last + 1:last + 1 + CONTEXT], not options.match_case))
            at = haystack.find(needle, at + len(needle))
        else:
            at = haystack.find(needle, at + 1)
    return hits


def find(workbook: Workbook, report: Report, query: str, options: FindOptions | None = None) -> list[Hit]:
    """Every hit of ``query`` in the report, in the order of the window's tabs (``report_text.report_spots``)."""
    if not query:
        return []
    options = options or FindOptions()
    writer = sheet(workbook, report)
    return [h for spot in report_spots(workbook, report) for h in find_in_text(spot, query, options, writer)]


def cased(replacement: str, found: str) -> str:
    """``replacement`` with the capitals of what it replaces, as Word does when case is not matched: "NĂM 2024" →
    "NĂM 2025", "Năm 2024" → "Năm 2025"; otherwise as typed."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def replaced_text(text: str, hits: Iterable[Hit], replacement: str) -> str:
    """``text`` with the replaceable ``hits`` (of this text) replaced by ``replacement``, right to left."""
    replacement = unicodedata.normalize("NFC", replacement)
    text = unicodedata.normalize("NFC", text)
    for hit in sorted((h for h in hits if h.replaceable), key=lambda h: h.start, reverse=True):
        new = cased(replacement, text[hit.start:hit.end]) if hit.keep_case else replacement
        text = text[:hit.start] + new + text[hit.end:]
    return text


def replaced_fields(workbook: Workbook, report: Report, hits: Iterable[Hit], replacement: str) -> dict[tuple, object]:
    """The new values of the fields that replacing ``hits`` by ``replacement`` changes (hits in citations kept)."""
    by_spot: dict[Spot, list[Hit]] = {}
    for hit in hits:
        if hit.replaceable:
            by_spot.setdefault(hit.spot, []).append(hit)
    texts = {spot: replaced_text(spot.text, spot_hits, replacement) for spot, spot_hits in by_spot.items()}
    return fields_with(workbook, report, texts)


__all__ = ["FindOptions", "Hit", "cased", "find", "find_in_text", "fold", "replaced_fields", "replaced_text"]
