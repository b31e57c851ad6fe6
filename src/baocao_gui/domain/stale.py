"""Years and periods typed into a paragraph that no longer match the report: "Năm 2023, toàn tỉnh…" carried into
the report of 2024, "9 tháng năm 2024" left in the annual report of 2024.

Only what is most likely left over is flagged, so that the clerk is not told to "fix" what is right:

- "năm Y" for the year just before the report's year, as the time of the text ("Năm 2023, toàn tỉnh…"), in a
  text that does not also name the report's own year (then it sets the two years side by side);
- an earlier period of the report's year ("9 tháng năm 2024" in the annual report, "quý II năm 2024" in the
  report of quý III) in a text that does not also name the report's own period (then it sets the part beside the
  whole: "ước cả năm 2024 … trong đó 9 tháng đầu năm 2024 …"), or the report's own kind of period a year earlier ("9 tháng năm 2023" in the 9-month
  report of 2024), or the report just before when it falls in the year before ("quý IV năm 2023" in the report
  of quý I năm 2024). A later one ("quý IV năm 2024" in the 9-month report) is what section B plans for.

Not flagged: a comparison ("so với năm 2023", "cùng kỳ năm 2023", "từ 7,97% năm 2022…"), a baseline ("cuối năm
2023"), a span ("năm 2021–2025"), a horizon ("đến năm 2030"), a date ("ngày 10 tháng 7 năm 2023"), a law's or a
document's year ("Luật Trẻ em năm 2016", "Nghị quyết … năm 2023"), a quarter or month inside the report's own
period ("quý IV năm 2024" in the annual report), older years and years to come.

The replacement cites the period (``{{year}}``, ``{{period}}``), so the text follows the report from then on.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import Period, PeriodKind
from .period_kinds import kind_written, written_pattern

# "9 tháng năm 2024", "6 tháng đầu năm 2024", "quý III năm 2024", "tháng 10 năm 2024", "năm 2024": each kind as the
# table of kinds says a text writes it, or nothing before "năm" (the year); "6 tháng cuối năm 2024" (a next period
# no report covers) is read too, so that its "năm 2024" is not taken for the year
_LATER = "|".join(kind.row.next_written for kind in PeriodKind if kind.row.next_written)
MENTION = re.compile(
    rf"(?<![\w{{])(?:(?:{written_pattern()}{f'|(?P<later>{_LATER})' if _LATER else ''})\s+)?"
    r"năm\s+(?P<year>(?:19|20)\d\d)(?![\w}])",
    re.IGNORECASE)
SPAN_AFTER = re.compile(r"\s*[-–—]\s*\d{2,4}\b")
# words that, just before a year, make it a comparison, a baseline or a horizon rather than the text's own time
MARKERS = ("so với", "so", "với", "cùng kỳ", "từ", "kể từ", "đến", "tới", "trước", "sau", "hơn", "bằng", "như",
           "giai đoạn", "tầm nhìn", "cuối", "đầu", "hết", "trong kỳ", "vào", "giữa")
MARKER_WORDS = 3  # how many words before the year are looked at
# a law or document named before the year in the same clause: "Luật Trẻ em năm 2016", "Nghị quyết … năm 2023"
DOCUMENT = re.compile(r"\b(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|"
                      r"Công văn|Kết luận|Đề án|Chiến lược|Chương trình|Kế hoạch số|Điều lệ)\b")
CLAUSE_END = re.compile(r"[.;:!?()\[\]\n]")
DATE_BEFORE = re.compile(r"ngày\s+\d{1,2}\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class StaleMention:
    start: int
    end: int
    text: str  # as typed: "Năm 2023", "9 tháng năm 2024"
    citation: str  # what replaces it: "Năm {{year}}", "{{period}}"


def _period_of(match: re.Match) -> Period | None:
    if match.groupdict().get("later"):  # what a report plans for ("6 tháng cuối năm"), no report's own period
        return None
    return Period(kind_written(match) or PeriodKind.YEAR, int(match["year"]))


def _inside(part: PeriodKind, whole: PeriodKind) -> bool:
    """A quarter or a month that lies within the report's own period (a detail of it, not a left-over)."""
    if part.row.cumulative:
        return False
    return whole.first_month <= part.first_month and part.end_month <= whole.end_month


def _previous(report: Period) -> Period | None:
    """The report just before in the regime when it falls in the year before: quý IV for quý I, tháng 12 for
    tháng 1 (a text carried from it names that period)."""
    kind = report.kind
    if kind.row.cumulative or kind.first_month != 1:
        return None
    last = next((k for k in PeriodKind if not k.row.cumulative and k.months == kind.months and k.end_month == 12),
                None)
    return Period(last, report.year - 1) if last else None


def _exempt(text: str, match: re.Match) -> bool:
    before = text[:match.start()]
    clause = CLAUSE_END.split(before)[-1]
    if DATE_BEFORE.search(before) or DOCUMENT.search(clause) or SPAN_AFTER.match(text, match.end()):
        return True
    if before.rstrip().endswith("("):
        return True  # "(năm 2023: 7,97%)": a figure of another year, set beside this one
    if re.search(r"(?<!\w)từ(?!\w).*(?<!\w)(?:xuống|lên|đến|tới)(?!\w)", clause, re.IGNORECASE):
        return True  # "từ 7,97% năm 2022 xuống còn 5,18% năm 2023": the two ends of a change
    words = re.findall(r"[^\W\d_]+|\d[\d.,%]*", clause.lower())[-MARKER_WORDS:]
    joined = " ".join(words)
    return any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", joined) for m in MARKERS)


def _citation(text: str, match: re.Match, report: Period) -> str:
    typed = match.group(0)
    if kind_written(match) is None:  # "năm 2023": the year alone changes
        return typed[:match.start("year") - match.start()] + "{{year}}"
    before = text[:match.start()].rstrip()
    if typed[:1].isupper() or not before or before[-1] in ".!?\n":
        # at the head of a sentence a citation would print in lower case ("năm 2024, toàn tỉnh…"): keep a capital
        label = report.label
        return label[:1].upper() + label[1:].replace(str(report.year), "{{year}}")
    return "{{period}}"


@functools.lru_cache(maxsize=50_000)
def stale_mentions(text: str, report: Period) -> tuple[StaleMention, ...]:
    """The years and periods in ``text`` that are most likely left over from another report (computed once per
    text and period, not once per keystroke)."""
    found: list[StaleMention] = []
    matches = list(MENTION.finditer(text))
    # a text that also names the report's own year sets the year before beside it ("năm 2024 … năm 2023 là …")
    cited = bool(re.search(r"\{\{\s*(?:year|period)\s*\}\}", text))
    compares = cited or any(int(m["year"]) == report.year and not _exempt(text, m) for m in matches)
    # a text that names the report's own period sets an earlier part of it beside it on purpose ("ước cả năm 2024
    # … trong đó 9 tháng đầu năm 2024 đã …" in the annual report): that part is not a left-over
    names_own = cited or any(_period_of(m) == report and not _exempt(text, m) for m in matches)
    for match in matches:
        period = _period_of(match)
        if period is None or period == report:
            continue
        if period.year == report.year:  # an earlier period of the year; a later one is what comes next (section B)
            stale = (period.kind != PeriodKind.YEAR and not _inside(period.kind, report.kind)
                     and period.kind.end_month <= report.kind.end_month and not names_own)
        elif period.year == report.year - 1:
            stale = (period.kind in (report.kind, PeriodKind.YEAR) or period == _previous(report)) and not compares
        else:
            stale = False
        if stale and not _exempt(text, match):
            typed = match.group(0)
            found.append(StaleMention(match.start(), match.end(), typed, _citation(text, match, report)))
    return tuple(found)


def cite_period(text: str, report: Period) -> str:
    """``text`` with every stale year and period replaced by its citation (the one-click fix)."""
    for mention in reversed(stale_mentions(text, report)):
        text = text[:mention.start] + mention.citation + text[mention.end:]
    return text
