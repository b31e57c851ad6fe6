"""Checks before signing: what a careful reader of the report would catch, each with its place.

Built-in checks (figures, text, required parts) plus the catalogue's rules (domain/rules.py). Every
finding says where it is (``Place``, for the window to jump to), what is wrong, and how to fix it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from . import places
from .figures import TOKEN, MissingFigure, Uncomputable, citations, derived, override_agrees, sheet
from .model import Block, BlockKind, Indicator, Part, PlanMeaning, Report, Workbook
from .report_place import Place
from .report_text import report_spots
from .rules import OPERATOR_WORDS, RuleError, check_rule, references
from .spelling import unknown_words
from .stale import stale_mentions
from .structure import PART_INFO
from .tables import Table
from .text import BIDI, ILLEGAL, INVISIBLE, drop_illegal, drop_invisible
from .tone import NEW, OLD, STYLE_NAMES, styled_words
from .units import unit_fault
from .vnformat import format_date, format_number, format_percent, to_decimal

UNIT_FIELDS = ("actual", "plan", "last", "target", "plan_text", "target_text", "delta", "change")  # in its unit
STALE_FIX = "Dùng năm, kỳ của báo cáo"  # the findings panel's button for a "stale-period" finding
NOWHERE = Place()  # a finding about the whole report
TONE_FIX = "Thống nhất kiểu dấu thanh"  # the findings panel's button for a "tone-style" finding
IMPLAUSIBLE_RATIO = 5  # a figure this many times larger or smaller than last year's or the plan
SPELLING_SHOWN = 8  # unknown words named in one finding; the rest are counted


class Severity(StrEnum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: str
    message: str
    fix: str = ""
    place: Place = NOWHERE
    kind: str = ""  # what check found it, e.g. "legacy-encoding" (the window offers a one-click fix)

    def line(self) -> str:
        tail = f" ({self.fix})" if self.fix else ""
        return f"{self.severity.upper()}: {self.where}: {self.message}{tail}"


GENERAL_FIELDS = {"number": "Số văn bản", "date": "Ngày ban hành", "summary": "Trích yếu nội dung",
                  "type_name": "Tên loại văn bản", "signer_authority": "Thẩm quyền ký",
                  "signer_title": "Chức vụ người ký", "signer_name": "Họ tên người ký", "recipients": "Nơi nhận",
                  "agency_name": "Cơ quan ban hành", "place": "Địa danh", "abbreviation": "Chữ viết tắt tên cơ quan"}

# a heading number typed by hand: "I.", "A.", "1.", "1)", "1.2", "1.2.", "a)". A bare number is not one: a sentence
# may open with a count ("9 tháng đầu năm 2024, …", "6 tháng", "3 năm qua", "04 Nghị quyết được ban hành")
_HAND_NUMBER = re.compile(r"^\s*(?:[IVXL]+\.|[A-Z]\.|\d+(?:\.\d+)*\.\)?|\d+(?:\.\d+)+\)?|\d+\)|[a-zđ]\))\s")
_HAND_BULLET = re.compile(r"^\s*[-–+•]\s")
_ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,.]?\d)")
_ENGLISH_DECIMAL = re.compile(r"(?<![\d.,/])\d+\.\d{1,2}(?![\d.]|\.\d)(?!\s*\.\d)")
_DOUBLE_MULTIPLIER = re.compile(r"(\d{1,3}(?:\.\d{3}){2,})\s*(triệu|tỷ)\s*(?:đồng|đ)\b")
_UNIT_GLUED = re.compile(r"\d(đồng|đ)(?=[\s.,;:)]|$)")
_SPACE_BEFORE_PUNCT = re.compile(r"\S[ \u00a0]+[,.;:!?](?!\.)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HAND_TARGETS_MET = re.compile(r"\b(?:đạt|vượt)\b[^.;:]{0,25}?(\d{1,3}/\d{1,3})\s+chỉ\s+tiêu", re.IGNORECASE)


class _Checker:
    def __init__(self, workbook: Workbook, report: Report, known_words: frozenset[str] = frozenset()):
        self.workbook, self.report = workbook, report
        self.known_words = known_words
        self.writer = sheet(workbook, report)
        self.findings: list[Finding] = []
        self.sector_titles = {s.code: s.title for s in workbook.sectors}

    def add(self, severity: Severity, where: str, message: str, fix: str = "", place: Place = NOWHERE,
            kind: str = "") -> None:
        self.findings.append(Finding(severity, where, message, fix, place, kind))

    # --- places ----------------------------------------------------------------------------------------------
    def block_where(self, part: Part, sector: str, index: int) -> str:
        head = f"{self.sector_titles.get(sector, sector)} › " if sector else ""
        return f"{head}{PART_INFO[part].name} › đoạn {index}"

    def indicator_where(self, ind: Indicator) -> str:
        return f"{self.sector_titles.get(ind.sector, ind.sector)} › chỉ tiêu “{ind.name}”"

    def indicator_place(self, ind: Indicator, field: str = "actual") -> Place:
        return Place(sector=ind.sector, indicator=ind.code, field=field)

    # --- required parts --------------------------------------------------------------------------------------
    def required(self) -> None:
        r, a = self.report, self.report.agency
        general = "Thông tin chung"

        def need(ok: bool, key: str, severity: Severity, message: str, fix: str) -> None:
            if not ok:
                self.add(severity, f"{general} › {GENERAL_FIELDS[key]}", message, fix, Place(field=key))

        need(bool(a.name.strip()), "agency_name", Severity.ERROR, "chưa có tên cơ quan ban hành.", "gõ tên cơ quan")
        # like the number and the date, the place can be written by hand on the signed copy: a warning
        need(bool(a.place.strip()), "place", Severity.WARNING, "chưa có địa danh.", "gõ địa danh, ví dụ Đắk Nông")
        need(bool(a.abbreviation.strip()), "abbreviation", Severity.WARNING, "chưa có chữ viết tắt tên cơ quan.",
             "gõ chữ viết tắt dùng trong ký hiệu văn bản, ví dụ SLĐTBXH")
        need(r.number is not None, "number", Severity.WARNING, "chưa có số văn bản.",
             "gõ số khi văn thư cấp số, hoặc để trống để điền tay")
        need(r.date is not None, "date", Severity.WARNING, "chưa có ngày ban hành.",
             "gõ hoặc chọn ngày ban hành, hoặc để trống để văn thư điền tay")
        self.issue_date()
        self.province_of_header()
        need(bool(r.type_name.strip()), "type_name", Severity.ERROR, "chưa có tên loại văn bản.", "gõ BÁO CÁO")
        need(bool(r.summary.strip()), "summary", Severity.ERROR, "chưa có trích yếu nội dung.", "gõ trích yếu")
        need(bool(r.signer_authority.strip() or r.signer_title.strip()), "signer_title", Severity.ERROR,
             "chưa có thẩm quyền, chức vụ người ký.", "chọn thẩm quyền ký và gõ chức vụ")
        need(bool(r.signer_name.strip()), "signer_name", Severity.WARNING, "chưa có họ tên người ký.",
             "gõ họ tên người ký, không ghi học hàm, học vị")
        need(bool(r.recipients), "recipients", Severity.WARNING, "chưa có nơi nhận.",
             "gõ mỗi nơi nhận một dòng, dòng cuối “Lưu: VT, …”")
        if r.recipients and not r.recipients[-1].strip().lstrip("- ").startswith("Lưu"):
            need(False, "recipients", Severity.WARNING, "nơi nhận cuối cùng phải là “Lưu: VT, …”.",
                 "thêm dòng “Lưu: VT, <đơn vị soạn thảo>” ở cuối")
        for s in self.workbook.sectors_of(r):
            has_text = any(b.text.strip() for b in r.part(Part.RESULTS, s.code))
            has_figures = any(r.values.get(i.code) and r.values[i.code].actual is not None
                              for i in self.workbook.indicators if i.sector == s.code)
            if not has_text and not has_figures:
                self.add(Severity.WARNING, s.title, "lĩnh vực chưa có số liệu và chưa có đoạn kết quả nào.",
                         "nhập số liệu, soạn đoạn kết quả, hoặc xóa lĩnh vực nếu không báo cáo",
                         Place(sector=s.code, part=Part.RESULTS))

    def province_of_header(self) -> None:
        """A header naming a province that no longer exists on the period's last day (merged on 1 July 2025): most
        likely a report carried on from the former province's workbook. A warning naming the province to write."""
        parent = self.report.agency.parent_name
        name = places.named_in_header(parent)
        day = places.period_end(self.report.period)
        if name is None or places.find(name, day) is not None:
            return
        now = places.became(name, day)
        if now is None:
            return
        try:
            places.resolve(name, day)
        except places.PlaceError as exc:  # “Tỉnh Đắk Nông đã hợp nhất vào tỉnh Lâm Đồng từ ngày 01/07/2025: …”
            self.add(Severity.WARNING, "Thông tin chung › Cơ quan chủ quản", str(exc),
                     f"ghi “{now.header}” và địa danh “{now.place}”", Place(field="parent_name"))

    def issue_date(self) -> None:
        """A report is dated after its data are cut off, and within the year after: a date outside that is most
        likely a slip of the year (or of the period)."""
        r = self.report
        if r.date is None:
            return
        end = r.period.cutoff[1]
        where = f"Thông tin chung › {GENERAL_FIELDS['date']}"
        if r.date < end:
            self.add(Severity.WARNING, where, f"ngày ban hành {format_date(r.date)} trước ngày chốt số liệu của "
                     f"báo cáo {r.period.label} ({format_date(end)}).", "kiểm tra lại ngày và năm ban hành",
                     Place(field="date"))
        elif r.date > end.replace(year=end.year + 1):
            self.add(Severity.WARNING, where, f"ngày ban hành {format_date(r.date)} muộn hơn một năm sau kỳ báo cáo "
                     f"{r.period.label} (chốt số liệu {format_date(end)}): có thể gõ nhầm năm.",
                     "kiểm tra lại năm ban hành", Place(field="date"))

    # --- figures ---------------------------------------------------------------------------------------------
    def figures(self) -> None:
        wb, r = self.workbook, self.report
        children_of: dict[str, list[Indicator]] = {}
        for i in wb.indicators:
            if i.parent:
                children_of.setdefault(i.parent, []).append(i)
        for ind in wb.indicators:
            if ind.sector in r.sectors_off:
                continue  # a sector left out of this report is not printed: its figures are not checked
            values = r.values.get(ind.code)
            children = children_of.get(ind.code, [])
            if children and values and values.actual is not None:
                parts = [r.values[c.code].actual for c in children
                         if c.code in r.values and r.values[c.code].actual is not None]
                for c in children:
                    cv = r.values.get(c.code)
                    if cv and cv.actual is not None and cv.actual > values.actual:
                        self.add(Severity.ERROR, self.indicator_where(c),
                                 f"số trong đó ({format_number(cv.actual)}) lớn hơn tổng "
                                 f"“{ind.name}” ({format_number(values.actual)}).",
                                 "kiểm tra lại số trong đó hoặc số tổng", self.indicator_place(c))
                total = sum((to_decimal(p) for p in parts), Decimal(0))
                if ind.parts_complete and parts and total != to_decimal(values.actual):
                    self.add(Severity.ERROR, self.indicator_where(ind),
                             f"các số trong đó cộng lại được {format_number(total)}, khác tổng "
                             f"{format_number(values.actual)}.",
                             "bổ sung phần còn thiếu hoặc sửa số tổng", self.indicator_place(ind))
            if not values:
                continue
            parent = r.values.get(ind.parent) if ind.parent else None
            for field, name in (("pct_plan", "so với kế hoạch"), ("pct_last", "so với cùng kỳ"),
                                ("pct_parent", "so với tổng")):
                try:
                    derived(field, values, parent, ind)
                except Uncomputable:
                    self.add(Severity.ERROR, self.indicator_where(ind),
                             f"không tính được tỷ lệ {name}: kết quả quá lớn, có thể một số liệu gốc bị gõ nhầm.",
                             "kiểm tra số thực hiện, kế hoạch và cùng kỳ", self.indicator_place(ind, field))
            for field, typed in values.overrides.items():
                try:
                    computed = derived(field, values, parent, ind)
                except Uncomputable:
                    continue
                precision = self.writer.precision(ind)
                if computed is not None and not override_agrees(typed, computed, precision):
                    self.add(Severity.WARNING, self.indicator_where(ind),
                             f"số ghi tay {format_percent(typed, precision)} khác số tính từ số liệu "
                             f"{format_percent(computed, precision)}.",
                             "xóa số ghi tay để dùng số tính, hoặc sửa số liệu gốc",
                             self.indicator_place(ind, field))
            self._plausible(ind, values)

    def _plausible(self, ind: Indicator, values) -> None:
        """One warning for a figure several times its plan or last year's (a digit typed twice or lost)."""
        others = [(values.last, "cùng kỳ năm trước")]
        if ind.plan_meaning == PlanMeaning.LEVEL and not ind.plan_direction.is_limit:  # far under a ceiling is fine
            others.append((values.plan, "kế hoạch"))
        actual = values.actual
        for other, name in others:
            if actual is None or other is None or actual <= 0 or other <= 0:
                continue
            ratio = to_decimal(actual) / to_decimal(other)
            if ratio >= IMPLAUSIBLE_RATIO or ratio <= Decimal(1) / IMPLAUSIBLE_RATIO:
                self.add(Severity.WARNING, self.indicator_where(ind),
                         f"số thực hiện {format_number(actual)} chênh nhiều lần so với {name} "
                         f"({format_number(other)}): có thể gõ nhầm.", f"kiểm tra lại số thực hiện và số {name}",
                         self.indicator_place(ind, "actual"))
                return

    def rules(self) -> None:
        for rule in self.workbook.rules:
            try:
                violation = check_rule(rule, self.workbook, self.report)
            except (RuleError, ArithmeticError, RecursionError, ValueError) as exc:
                reason = str(exc) if isinstance(exc, RuleError) else "công thức không tính được"
                self.add(Severity.WARNING, f"Quy tắc kiểm tra “{rule.id}”", f"không áp dụng được: {reason}.",
                         "sửa quy tắc trong danh mục")
                continue
            if violation is None:
                continue
            ind = self.workbook.indicator(references(rule.left)[0][0]) if references(rule.left) else None
            self.add(Severity.ERROR if rule.importance == "error" else Severity.WARNING,
                     self.indicator_where(ind) if ind else "Số liệu", rule.message,
                     f"vế trái {format_number(violation.left)} cần {OPERATOR_WORDS[rule.operator]} "
                     f"vế phải {format_number(violation.right)}",
                     self.indicator_place(ind) if ind else Place(), kind=f"rule:{rule.id}")

    # --- text ------------------------------------------------------------------------------------------------
    def blocks(self) -> Iterator[tuple[Part, str, int, Block]]:
        order = {p: i for i, p in enumerate(Part)}
        for (part, sector), blocks in sorted(self.report.blocks.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
            if sector in self.report.sectors_off:
                continue
            for index, block in enumerate(blocks, 1):
                yield part, sector, index, block

    def text(self) -> None:
        indicators_by_code = {i.code: i for i in self.workbook.indicators}
        self._stale(self.report.summary, lambda severity, message, fix, kind: self.add(
            severity, f"Thông tin chung › {GENERAL_FIELDS['summary']}", message, fix, Place(field="summary"), kind))
        for part, sector, index, block in self.blocks():
            where = self.block_where(part, sector, index)
            place = Place(sector=sector or None, part=part, block_id=block.id)

            def add(severity: Severity, message: str, fix: str, kind: str = "", where=where, place=place) -> None:
                self.add(severity, where, message, fix, place, kind)

            if block.kind != BlockKind.TABLE:
                self._stale(block.text, add)

            if block.kind == BlockKind.TABLE:  # each cell is checked as a text of its own
                cells = [cell for cell in Table.from_json(block.text).cells() if cell.strip()]
                for cell in cells:
                    self._text_of(cell, False, add, indicators_by_code, in_table=True)
                self._spelling("\n".join(cells), add)
                continue
            self._text_of(block.text, block.kind == BlockKind.BULLET, add, indicators_by_code)
            self._spelling(block.text, add)

    def _spelling(self, raw: str, add) -> None:
        """The words that are no Vietnamese syllable, one warning per paragraph (its place: a jump to it)."""
        if any(kind == "legacy-encoding" for *_, kind in _typed_text_findings(raw, False)):
            return  # TCVN3/VNI bytes read as Unicode are no words: that finding says what to do
        words = _unknown_syllables(raw, self.known_words)
        if words:
            shown = ", ".join(f"“{w}”" for w in words[:SPELLING_SHOWN])
            more = f" và {len(words) - SPELLING_SHOWN} từ khác" if len(words) > SPELLING_SHOWN else ""
            add(Severity.WARNING, f"có thể sai chính tả: {shown}{more}.",
                "sửa từ đó (chuột phải vào từ gạch đỏ để xem gợi ý), hoặc “Thêm vào từ điển” nếu từ đúng",
                "spelling")

    def _stale(self, raw: str, add) -> None:
        """A year or period left from another report ("Năm 2023, toàn tỉnh…" in the report of 2024)."""
        mentions = stale_mentions(raw, self.report.period)
        if mentions:
            typed = ", ".join(f"“{m.text}”" for m in mentions)
            becomes = "; ".join(f"“{m.text}” thành “{self.writer.render(m.citation)}”" for m in mentions)
            add(Severity.WARNING, f"{typed} không khớp với báo cáo {self.report.period.label}: có thể là chữ còn lại "
                "từ báo cáo kỳ trước.", f"bấm “{STALE_FIX}” để sửa {becomes}, theo kỳ báo cáo từ nay về sau",
                "stale-period")

    def _text_of(self, raw: str, bullet: bool, add, indicators_by_code, in_table: bool = False) -> None:
        for severity, message, fix, kind in _typed_text_findings(raw, bullet):
            if in_table and message.startswith("đoạn bắt đầu"):
                continue  # "1." or "-" opening a cell is a table's content, not a hand-typed heading number
            add(severity, message, fix, "" if in_table else kind)  # the one-click fixes rewrite a paragraph
        for c in citations(raw):
            try:
                self.writer.figure(c.code, c.field, c.precision, c.unit)
            except MissingFigure as exc:
                add(Severity.ERROR, f"trích số liệu “{c.code}.{c.field}”: {exc.reason}.",
                    "nhập số liệu cho chỉ tiêu này, hoặc xóa chỗ trích")
            ind = indicators_by_code.get(c.code)
            if ind is None or c.field not in UNIT_FIELDS:
                continue
            unit = self.writer.printed_unit(ind, c.unit)
            fault = unit_fault(raw[c.end:c.end + 40], unit)
            if fault:
                add(Severity.ERROR, fault, f"sau số liệu chỉ ghi “{unit.text}”")
        if _UNIT_GLUED.search(self.writer.render(raw)):
            add(Severity.WARNING, "thiếu dấu cách giữa số tiền và chữ “đồng”.", "thêm một dấu cách trước “đồng”")

    def tone_style(self) -> None:
        """One warning when "hòa" and "hoà" (the old and new tone-mark places, domain/tone.py) meet in one report,
        or words in another style than the one the report was written in; a click writes one style everywhere."""
        seen: dict[str, dict[str, Place]] = {OLD: {}, NEW: {}}  # style → first place of each word
        for spot in report_spots(self.workbook, self.report):
            if spot.field[0] == "indicator":
                continue  # a default sentence is not printed (the fix still rewrites it, for the paragraphs to come)
            for word, style in styled_words(spot.text):
                seen[style].setdefault(word, spot.place)
        chosen = self.report.tone_style
        if chosen in seen:
            other = NEW if chosen == OLD else OLD
            if not seen[other]:
                return
            examples = ", ".join(f"“{w}”" for w in list(seen[other])[:5])
            message = (f"báo cáo viết dấu thanh {STYLE_NAMES[chosen]} nhưng có {len(seen[other])} chữ đặt dấu "
                       f"{STYLE_NAMES[other]}: {examples}.")
            place = next(iter(seen[other].values()))
        else:
            if not (seen[OLD] and seen[NEW]):
                return
            examples = "; ".join(f"{STYLE_NAMES[s].split(' (')[0]}: " + ", ".join(f"“{w}”" for w in list(seen[s])[:4])
                                 for s in (OLD, NEW))
            message = f"dấu thanh của oa, oe, uy đặt theo cả hai kiểu trong cùng báo cáo ({examples})."
            fewer = OLD if len(seen[OLD]) <= len(seen[NEW]) else NEW
            place = next(iter(seen[fewer].values()))
        self.add(Severity.WARNING, "Cả báo cáo", message, f"{TONE_FIX}: bấm nút “Viết cả báo cáo kiểu cũ” hoặc "
                 "“kiểu mới” để viết mọi chữ theo một kiểu", place, "tone-style")

    def dhis2(self) -> None:
        """A workbook that sends its figures to DHIS2 (a data set, an org unit or an indicator mapped): the figures
        no data element takes, and a data set or org unit not set, as ONE finding naming the indicators."""
        from .dhis2 import unmapped

        wb = self.workbook
        if wb.dhis2.data_set == wb.dhis2.org_unit == "" and not any(i.dhis2 for i in wb.indicators):
            return  # this workbook does not use DHIS2
        missing = unmapped(wb, self.report)
        lacking = [w for w, v in (("tập dữ liệu (data set)", wb.dhis2.data_set),
                                  ("đơn vị (organisation unit)", wb.dhis2.org_unit)) if not v]
        if not missing and not lacking:
            return
        parts = []
        if missing:
            names = ", ".join(f"“{i.name}”" for i in missing[:10]) + (f" và {len(missing) - 10} chỉ tiêu khác"
                                                                         if len(missing) > 10 else "")
            parts.append(f"chưa gán mã DHIS2 cho {len(missing)} chỉ tiêu có số liệu: {names}")
        if lacking:
            parts.append("sổ chưa có mã " + " và ".join(lacking))
        place = self.indicator_place(missing[0]) if missing else Place()
        self.add(Severity.WARNING, "Xuất số liệu cho DHIS2", "; ".join(parts) + " — các số liệu đó không được gửi.",
                 "ghi mã ở Thuộc tính chỉ tiêu và Tệp › Thiết lập DHIS2…, hoặc trong danh mục", place, "dhis2-mapping")

    def run(self) -> list[Finding]:
        self.required()
        self.figures()
        self.rules()
        self.text()
        self.tone_style()
        self.dhis2()
        return self.findings


@functools.lru_cache(maxsize=50_000)
def _typed_text_findings(raw: str, bullet: bool) -> tuple[tuple[Severity, str, str, str], ...]:
    """The checks that depend only on what was typed: computed once per text, not once per keystroke."""
    from . import legacy

    found: list[tuple[Severity, str, str, str]] = []

    def add(severity: Severity, message: str, fix: str, kind: str = "") -> None:
        found.append((severity, message, fix, kind))

    plain = TOKEN.sub("0", raw)  # what the clerk typed, a cited figure standing as one digit
    if legacy.detect(plain):
        add(Severity.ERROR, "đoạn văn gõ bằng bảng mã cũ (TCVN3/VNI), in ra sẽ thành chữ lạ.",
            "bấm “Chuyển sang Unicode”", "legacy-encoding")
    else:
        pieces = legacy.fragments(plain)
        if pieces:
            shown = "; ".join(f"“{f.text}”" for f in pieces[:3])
            add(Severity.ERROR, f"có chữ gõ bằng bảng mã cũ (TCVN3/VNI) giữa chữ Unicode: {shown}, in ra sẽ thành "
                "chữ lạ.", "bấm “Chuyển sang Unicode”", "legacy-encoding")
    if BIDI.search(raw):
        add(Severity.ERROR, "có ký tự điều khiển hướng chữ (viết từ phải sang trái), chữ in ra có thể bị đảo ngược.",
            "bấm “Chuẩn hóa” để xóa ký tự đó", "normalize")
    if INVISIBLE.search(raw):
        add(Severity.WARNING, "có ký tự vô hình (dấu cách độ rộng 0…) chen giữa chữ.",
            "bấm “Chuẩn hóa” để xóa ký tự đó", "normalize")
    if not unicodedata.is_normalized("NFC", raw):
        add(Severity.WARNING, "chữ tiếng Việt ở dạng tổ hợp (không chuẩn NFC).", "bấm “Chuẩn hóa”", "normalize")
    if _CONTROL.search(raw):
        add(Severity.WARNING, "có ký tự điều khiển không in được.", "bấm “Chuẩn hóa”", "normalize")
    if ILLEGAL.search(raw):
        add(Severity.WARNING, "có ký tự không phải chữ (U+FFFE, U+FFFF…), sẽ bị bỏ khi xuất.", "bấm “Chuẩn hóa”",
            "normalize")
    for m in _DOUBLE_MULTIPLIER.finditer(plain):
        add(Severity.ERROR, f"“{m.group(0)}”: đơn vị bị nhân hai lần (số đã tính bằng đồng).",
            f"xóa chữ “{m.group(2)}” hoặc sửa số")
    for m in _ENGLISH_THOUSANDS.finditer(plain):
        add(Severity.WARNING, f"số “{m.group(0)}” viết kiểu tiếng Anh.",
            f"viết {m.group(0).replace(',', '.')} (dấu chấm phân cách hàng nghìn)")
    for m in _ENGLISH_DECIMAL.finditer(plain):
        add(Severity.WARNING, f"số “{m.group(0)}” viết kiểu tiếng Anh.",
            f"viết {m.group(0).replace('.', ',')} (dấu phẩy trước phần thập phân)")
    for m in _HAND_TARGETS_MET.finditer(plain):
        add(Severity.WARNING, f"số chỉ tiêu đạt “{m.group(1)}” gõ tay: sang kỳ sau sẽ không tự đổi.",
            "chèn “Số chỉ tiêu đạt và vượt kế hoạch” ({{targets_met}}) để chương trình tự đếm")
    if "  " in raw.strip():
        add(Severity.WARNING, "có hai dấu cách liền nhau.", "bấm “Chuẩn hóa”", "normalize")
    if _SPACE_BEFORE_PUNCT.search(plain):
        add(Severity.WARNING, "có dấu cách trước dấu câu.", "bấm “Chuẩn hóa”", "normalize")
    if _HAND_NUMBER.match(raw):
        add(Severity.WARNING, f"đoạn bắt đầu bằng số đề mục gõ tay “{raw.split()[0]}”.",
            "xóa số đó; chương trình tự đánh số (chọn loại “Đề mục” nếu đây là đề mục)")
    elif not bullet and _HAND_BULLET.match(raw):
        add(Severity.WARNING, "đoạn bắt đầu bằng gạch đầu dòng gõ tay.", "xóa dấu gạch và chọn loại “Gạch đầu dòng”")
    return tuple(found)


@functools.lru_cache(maxsize=50_000)
def _unknown_syllables(raw: str, known: frozenset[str]) -> tuple[str, ...]:
    """Each unknown word of a text once, in order (computed once per text and dictionary)."""
    return tuple(dict.fromkeys(u.word for u in unknown_words(raw, known)))


def check_report(workbook: Workbook, report: Report, known_words: frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding for one report: errors first, in the order of the report. ``known_words`` (lower case): the
    clerk's own dictionary, not flagged as spelling."""
    findings = _Checker(workbook, report, known_words).run()
    return sorted(findings, key=lambda f: f.severity != Severity.ERROR)


def tidy_text(text: str) -> str:
    """What “Chuẩn hóa” does to a paragraph: legacy encodings to Unicode (whole lines and fragments), NFC, no
    control, bidi or invisible characters, single spaces, no space before punctuation."""
    from . import legacy

    text = legacy.normalize_pasted(text)
    text = drop_invisible(drop_illegal(_CONTROL.sub("", text)))
    text = re.sub(r"[ \u00a0]{2,}", " ", text).strip()
    return re.sub(r"(?<=\S)[ \u00a0]+([,.;:!?])(?!\.)", r"\1", text)
