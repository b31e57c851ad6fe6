"""The kinds of period of the reporting regime (Decree 09/2019/NĐ-CP): one row per kind, and nothing about a kind
anywhere else. ``Period`` (its label, next period, cut-off, order), the command line's codes and help, the window's
period box, the words the stale-text check and the Word importer look for, and the kinds the workbook may hold
(``store.schema.PERIOD_KINDS``) are read from here.

A new kind is a new member of ``PeriodKind`` with its row. The workbook's CHECK on ``report.period_kind`` was
written by a migration that has shipped, so a new kind also needs a migration that allows it (``store/schema.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Self

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class PeriodKindRow:
    """What the regime says about one kind of period; ``{year}`` in a text is the period's year, ``{next_year}``
    the year after."""

    code: str  # stored in the workbook and typed on the command line: "q3"
    word: str  # the kind in a sentence and in the period box ("Báo cáo quý III"): "quý III"
    label: str  # the period in a sentence: "6 tháng đầu năm {year}"
    next: str  # what section B plans for: "6 tháng cuối năm {year}", "năm {next_year}"
    end_month: int  # the month it ends with; its data are cut off on the 14th of it (art. 12)
    months: int  # how many months it covers, the last being ``end_month``; its data count from the 15th before
    cumulative: bool  # counts from the start of the year (lũy kế): a later report of the year replaces it,
    # whereas a quarter or a month inside a report's period is a detail of that report
    written: str  # how a text writes it before "năm 2024" (a regex, case aside); "" for the year (nothing)
    next_written: str = ""  # how a text writes ``next`` when no report covers that period ("6 tháng cuối")


def _quarter(n: int) -> PeriodKindRow:
    word = f"quý {ROMAN[n - 1]}"
    return PeriodKindRow(f"q{n}", word, label=word + " năm {year}",
                         next="quý I năm {next_year}" if n == 4 else f"quý {ROMAN[n]} năm {{year}}",
                         end_month=3 * n, months=3, cumulative=False, written=rf"quý\s+(?:{ROMAN[n - 1]}|{n})")


def _month(n: int) -> PeriodKindRow:
    word = f"tháng {n}"
    return PeriodKindRow(f"m{n}", word, label=word + " năm {year}",
                         next="tháng 1 năm {next_year}" if n == 12 else f"tháng {n + 1} năm {{year}}",
                         end_month=n, months=1, cumulative=False, written=rf"tháng\s+{'0?' if n < 10 else ''}{n}")


class PeriodKind(StrEnum):
    """The periods of the reporting regime: year, 9 and 6 months, quarters, months. A member's value is its
    code; the order of the members is the order of the period box."""

    _value_: str
    row: PeriodKindRow

    YEAR = PeriodKindRow("year", "năm", label="năm {year}", next="năm {next_year}", end_month=12, months=12,
                         cumulative=True, written="")
    NINE_MONTHS = PeriodKindRow("9m", "9 tháng", label="9 tháng năm {year}", next="quý IV năm {year}", end_month=9,
                                months=9, cumulative=True, written=r"(?:9|chín)\s+tháng(?:\s+đầu)?")
    SIX_MONTHS = PeriodKindRow("6m", "6 tháng", label="6 tháng đầu năm {year}", next="6 tháng cuối năm {year}",
                               end_month=6, months=6, cumulative=True, written=r"(?:6|sáu)\s+tháng(?:\s+đầu)?",
                               next_written=r"(?:6|sáu)\s+tháng\s+cuối")
    Q1 = _quarter(1)
    Q2 = _quarter(2)
    Q3 = _quarter(3)
    Q4 = _quarter(4)
    M1 = _month(1)
    M2 = _month(2)
    M3 = _month(3)
    M4 = _month(4)
    M5 = _month(5)
    M6 = _month(6)
    M7 = _month(7)
    M8 = _month(8)
    M9 = _month(9)
    M10 = _month(10)
    M11 = _month(11)
    M12 = _month(12)

    def __new__(cls, row: PeriodKindRow) -> Self:
        member = str.__new__(cls, row.code)
        member._value_ = row.code
        member.row = row
        return member

    @property
    def months(self) -> int:
        """How many months the period covers."""
        return self.row.months

    @property
    def end_month(self) -> int:
        """The month the period ends with (its data are cut off on the 14th of that month)."""
        return self.row.end_month

    @property
    def first_month(self) -> int:
        """The month the period begins with: 1 for the year, 6 and 9 months, quý I and tháng 1."""
        return self.row.end_month - self.row.months + 1

    @property
    def title(self) -> str:
        """"Báo cáo năm", "Báo cáo quý III", "Báo cáo tháng 10": what the period box shows."""
        return "Báo cáo " + self.row.word


def code_runs() -> tuple[tuple[str, str], ...]:
    """The codes as a person lists them, a run of numbered codes shortened with the word they share:
    ("year", ""), ("9m", ""), ("6m", ""), ("q1…q4", "quý"), ("m1…m12", "tháng")."""
    runs: list[list[PeriodKind]] = []
    for kind in PeriodKind:
        numbered = re.fullmatch(r"([a-z]+)(\d+)", kind.value)
        last = re.fullmatch(r"([a-z]+)(\d+)", runs[-1][-1].value) if runs else None
        if numbered and last and numbered[1] == last[1] and int(numbered[2]) == int(last[2]) + 1:
            runs[-1].append(kind)
        else:
            runs.append([kind])
    said = []
    for run in runs:
        words = {kind.row.word.split()[0] for kind in run}
        said.append((f"{run[0].value}…{run[-1].value}", words.pop() if len(words) == 1 else "") if len(run) > 1
                    else (run[0].value, ""))
    return tuple(said)


def written_pattern(kinds: Iterable[PeriodKind] = PeriodKind) -> str:
    """A regex alternation of how a text writes these kinds (all by default), each in a group named after its
    member ("Q3"); ``kind_written`` says which one a match found. The year, written as nothing, is not in it."""
    return "|".join(f"(?P<{kind.name}>{kind.row.written})" for kind in kinds if kind.row.written)


def kind_written(match: re.Match) -> PeriodKind | None:
    """The kind whose group in a ``written_pattern`` matched, None when none did."""
    return next((PeriodKind[name] for name, found in match.groupdict().items()
                 if found is not None and name in PeriodKind.__members__), None)
