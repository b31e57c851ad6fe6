"""A whole Decree-30 report read from a .docx (last year's report, which exists only as a Word file) into plain
data: the header (cơ quan chủ quản, cơ quan ban hành, số and abbreviation, địa danh, ngày), the type name and
trích yếu, the paragraphs under PHẦN THỨ NHẤT, A.I, A.II.n per sector, A.III, B.I, B.II (its sectors' tasks),
Nơi nhận and the signer. Reports made by other programs vary: a header written as paragraphs instead of a
table, headings without numbers, "PHẦN I" for "PHẦN THỨ NHẤT"; what is there is read, what is not found is said
(one Vietnamese line each). Sectors are matched to the catalogue's by their heading's words in
``app.files.workbook_from_docx``; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import Agency, Block, BlockKind, Part, PeriodKind
from ..domain.period_kinds import kind_written, written_pattern
from ..domain.text import heading_key
from .package import WordFileError, checked_package, unreadable
from .word import Cancelled, ParagraphReader, W, body_items, classify, clean, read_table, style_of

_W = "{" + W + "}"

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_SECTION = re.compile(r"^([AB])\s*[.)/-]\s*(.*)$")
_MUC = re.compile(r"^(I{1,3}|IV|V|VI{0,3}|IX|X)\s*[.)/-]\s*(.*)$")
_KHOAN = re.compile(r"^(\d{1,2})\s*[.)/]\s*(?![\d])(.*)$")
_KHOAN_CON = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(.*)$")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(\d*)\s*[/]\s*([A-ZĐ]+)\s*-\s*(\S+)", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(.*?),\s*ngày\s+(\d{1,2}|[.…_ ]+)\s+tháng\s+(\d{1,2}|[.…_ ]+)\s+năm\s+(\d{4})",
                        re.IGNORECASE)
_PART_ONE = re.compile(r"^PHẦN\s+(THỨ\s+NHẤT|I|1)\b\.?\s*:?\s*(.*)$", re.IGNORECASE)
_PART_TWO = re.compile(r"^PHẦN\s+(THỨ\s+HAI|II|2)\b", re.IGNORECASE)
_SIGN_AUTHORITY = re.compile(r"^(KT|TL|TM|Q|TUQ)\s*\.", re.IGNORECASE)


@dataclass
class SectorText:
    title: str  # the heading as printed (its number stripped)
    blocks: list[Block] = field(default_factory=list)
    staff: bool = False  # A.I / B.II.1: công tác tham mưu


@dataclass
class ReportContent:
    agency: Agency = field(default_factory=Agency)
    number: int | None = None
    date: dt.date | None = None
    period: tuple[PeriodKind, int] | None = None  # from the trích yếu or the part title
    type_name: str = ""
    summary: str = ""
    intro: list[Block] = field(default_factory=list)
    results: list[SectorText] = field(default_factory=list)  # A.I then A.II.n
    tasks: list[SectorText] = field(default_factory=list)  # B.II.1 then B.II.2.n
    parts: dict[Part, list[Block]] = field(default_factory=dict)  # advantages … tasks_intro
    recipients: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    problems: list[str] = field(default_factory=list)


def period_of(text: str) -> tuple[PeriodKind, int] | None:
    """The period a trích yếu or a part title names: "năm 2023", "6 tháng đầu năm 2024", "quý III năm 2024"… as
    the table of kinds writes them. A longer period named wins over a shorter one ("Kết quả quý III và 9 tháng năm
    2024" is the 9-month report), among periods of one length the first named; "năm 2024" alone (also part of
    every other period's words) comes last."""
    lengths = sorted({kind.months for kind in PeriodKind if kind.row.written}, reverse=True)
    for months in lengths:
        words = written_pattern([kind for kind in PeriodKind if kind.months == months])
        m = re.search(rf"(?<!\w)(?:{words})\s+năm\s+(?P<year>\d{{4}})", text.lower(), re.IGNORECASE)
        if m:
            return kind_written(m), int(m["year"])
    m = re.search(r"năm\s+(\d{4})", text.lower())
    if m:
        return PeriodKind.YEAR, int(m.group(1))
    return None


def _is(text: str, *labels: str) -> bool:
    key = heading_key(text)
    return any(key.startswith(heading_key(label)) for label in labels)


def _lines(reader: ParagraphReader, tc) -> list[str]:
    return [clean(reader.paragraph(p).text) for p in tc.iter(_W + "p")]


class _Walker:
    """Paragraph by paragraph through the body, keeping where in the report's tree the text now belongs."""

    def __init__(self, content: ReportContent, known: tuple[str, ...] = ()):
        self.c = content
        self.known = {heading_key(t) for t in known}  # the catalogue's sector titles: headings without numbers
        self.pending_title = False  # the line after "PHẦN THỨ NHẤT" may be its title
        self.where: list[Block] | None = None  # where paragraphs go now
        self.section = ""  # "", "A", "B"
        self.muc = ""  # "results", "sectors", "assessment", "objectives", "tasks", or "" for another
        self.in_specialized = False  # B.II.2: "Công tác chuyên môn của ngành"
        self.unplaced = 0

    def target(self, part: Part) -> list[Block]:
        return self.c.parts.setdefault(part, [])

    def sector(self, into: list[SectorText], title: str, staff: bool = False) -> None:
        s = SectorText(title, staff=staff)
        into.append(s)
        self.where = s.blocks

    def heading(self, text: str) -> bool:
        """True when ``text`` is a heading of the report's tree (and moves there)."""
        c = self.c
        if _PART_ONE.match(text):
            self.section, self.muc, self.where = "", "", c.intro
            return True
        if _PART_TWO.match(text):
            c.problems.append("Phần thứ hai của báo cáo không được đọc (chương trình chỉ có phần thứ nhất).")
            self.section, self.where = "other", None
            return True
        m = _SECTION.match(text)
        if m and (m.group(2).isupper() or not m.group(2)):
            self.section, self.muc, self.in_specialized = m.group(1), "", False
            self.where = None if m.group(1) == "A" else self.target(Part.TASKS_INTRO)
            return True
        if not m and _is(text, "PHƯƠNG HƯỚNG", "PHƯƠNG HƯỚNG, NHIỆM VỤ") and text.isupper() and self.section != "B":
            self.section, self.muc, self.where = "B", "", self.target(Part.TASKS_INTRO)
            return True
        if self.section == "" and self.where is c.intro and text.isupper() and _is(
                text, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "KẾT QUẢ ĐẠT ĐƯỢC", "KẾT QUẢ CÔNG TÁC", "TÌNH HÌNH THỰC HIỆN"):
            self.section, self.muc, self.where = "A", "", None  # section A written without its letter
            return True
        m = _MUC.match(text)
        title = m.group(2) if m else text
        numbered_muc = bool(m)
        bare = _KHOAN.match(text).group(2) if _KHOAN.match(text) else title
        if self.known and heading_key(bare) in self.known and len(bare) < 200:
            if self.section == "A" and self.muc in ("", "sectors", "results"):
                self.muc = "sectors" if self.muc == "" and c.results else (self.muc or "sectors")
                self.sector(c.results, bare)
                return True
            if self.section == "B" and self.muc in ("tasks", ""):
                self.muc = "tasks"
                self.sector(c.tasks, bare)
                return True
        if self.section == "A":
            if _is(title, "ĐÁNH GIÁ CHUNG"):
                self.muc, self.where = "assessment", None
                return True
            if _is(title, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "KẾT QUẢ THỰC HIỆN CHỈ TIÊU"):
                self.muc, self.where = "sectors", None
                return True
            if numbered_muc and self.muc == "" and not c.results:
                self.muc = "results"
                self.sector(c.results, title, staff=True)
                return True
            if self.muc == "assessment":
                k = _KHOAN.match(text)
                label = k.group(2) if k else text
                for part, words in ((Part.ADVANTAGES, ("Thuận lợi",)), (Part.DIFFICULTIES, ("Khó khăn", "Tồn tại")),
                                    (Part.CAUSES, ("Nguyên nhân",))):
                    if _is(label, *words) and len(label) < 80:
                        self.where = self.target(part)
                        return True
            if self.muc == "sectors":
                k = _KHOAN.match(text)
                if k and k.group(2) and not _KHOAN_CON.match(text):
                    self.sector(c.results, k.group(2))
                    return True
        if self.section == "B":
            if _is(title, "MỤC TIÊU CHUNG VÀ CHỈ TIÊU", "MỤC TIÊU VÀ CHỈ TIÊU") and len(title) < 80:
                self.muc, self.where = "objectives", self.target(Part.OBJECTIVE)
                return True
            if _is(title, "NHIỆM VỤ VÀ GIẢI PHÁP", "NHIỆM VỤ, GIẢI PHÁP", "CÁC NHIỆM VỤ", "NHIỆM VỤ TRỌNG TÂM") \
                    and len(title) < 120 and (numbered_muc or title.isupper()):
                self.muc, self.in_specialized, self.where = "tasks", False, self.target(Part.TASKS_INTRO)
                return True
            k = _KHOAN.match(text)
            label = k.group(2) if k else text
            if self.muc == "objectives" and len(label) < 80:
                if _is(label, "Mục tiêu chung", "Mục tiêu"):
                    self.where = self.target(Part.OBJECTIVE)
                    return True
                if _is(label, "Một số chỉ tiêu", "Các chỉ tiêu", "Chỉ tiêu chủ yếu"):
                    self.where = self.target(Part.MAIN_TARGETS)
                    return True
            if self.muc == "tasks":
                kc = _KHOAN_CON.match(text)
                if kc and self.in_specialized:
                    self.sector(c.tasks, kc.group(3))
                    return True
                if k and k.group(2) and not kc:
                    if _is(label, "Công tác chuyên môn", "Nhiệm vụ chuyên môn", "Chuyên môn"):
                        self.in_specialized, self.where = True, None
                        return True
                    self.sector(c.tasks, label, staff=not c.tasks and not self.in_specialized)
                    return True
        return False

    def paragraph(self, block: Block, raw: str) -> None:
        if self.where is None:
            if self.section == "other":
                return
            self.unplaced += 1
            return
        self.where.append(block)


def read_report(path: str | Path, known: tuple[str, ...] = ()) -> ReportContent:
    """Read a Decree-30 report (.docx); ``known``: the catalogue's sector titles and task titles, so that a sector
    heading written without its number is still found. ``WordFileError`` for a file that cannot be read."""
    import docx

    path = Path(path)
    package = checked_package(path)
    try:
        document = docx.Document(package)
        return _read(document, known)
    except (WordFileError, Cancelled):
        raise
    except Exception as exc:
        raise unreadable(path, "tệp bị hỏng hoặc không phải tệp Word (.docx).", repr(exc)) from exc


def _header_lines(c: ReportContent, left: list[str], right: list[str]) -> None:
    names = []
    for line in left:
        m = _NUMBER_LINE.match(line)
        if m:
            c.number = int(m.group(1)) if m.group(1) else None
            c.agency = Agency(c.agency.parent_name, c.agency.name, m.group(3).strip(" .;"), c.agency.place)
        elif line and not re.fullmatch(r"[-_–—=*\s]+", line):
            names.append(line)
    if names:
        parent, name = (names[0], " ".join(names[1:])) if len(names) > 1 else ("", names[0])
        c.agency = Agency(parent, name, c.agency.abbreviation, c.agency.place)
    for line in right:
        m = _DATE_LINE.match(line)
        if m:
            place = m.group(1).strip()
            day, month, year = m.group(2).strip(), m.group(3).strip(), int(m.group(4))
            c.agency = Agency(c.agency.parent_name, c.agency.name, c.agency.abbreviation, place)
            if day.isdigit() and month.isdigit():
                try:
                    c.date = dt.date(year, int(month), int(day))
                except ValueError:
                    c.problems.append(f"Ngày ban hành “{line}” không phải ngày có thật; để trống.")


def _is_national(line: str) -> bool:
    return _is(line, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA", "Độc lập")


def _signature(c: ReportContent, left: list[str], right: list[str]) -> None:
    for line in left[1:]:
        text = line.strip().lstrip("-–•+ ").rstrip(";.,").strip()
        if text:
            c.recipients.append(text)
    filled = [x for x in right if x]
    if not filled:
        return
    if _SIGN_AUTHORITY.match(filled[0]):
        c.signer_authority = filled.pop(0)
    if filled:
        c.signer_title = filled.pop(0)
    if filled:
        c.signer_name = filled[-1]


def _read(document, known: tuple[str, ...] = ()) -> ReportContent:
    reader = ParagraphReader(document)
    c = ReportContent()
    walker = _Walker(c, known)
    items = list(body_items(document.element.body))
    header_done = False
    header_left: list[str] = []
    header_right: list[str] = []
    signed = False
    tail: str | None = None  # after the body, written as paragraphs: "recipients" or "signer"
    signer: list[str] = []
    for element in items:
        if element.tag == _W + "tbl":
            rows = element.findall(_W + "tr")
            cells = rows[0].findall(_W + "tc") if rows else []
            first = _lines(reader, cells[0]) if cells else []
            if not header_done and not c.type_name and len(cells) >= 2 and len(rows) <= 3:
                right = [x for tc in cells[1:] for x in _lines(reader, tc)]
                if any(_is_national(x) for x in right) or any(_NUMBER_LINE.match(x) for x in first):
                    _header_lines(c, [x for r in rows for x in _lines(reader, r.findall(_W + "tc")[0])], right)
                    header_done = True
                    continue
            if first and _is(first[0], "Nơi nhận"):
                right = [x for tc in cells[1:] for x in _lines(reader, tc)]
                _signature(c, first, right)
                signed = True
                continue
            table, _, _, _ = read_table(reader, element)
            if table is not None:
                walker.paragraph(Block(BlockKind.TABLE, table.to_json()), "")
            continue
        para = reader.paragraph(element)
        text = clean(para.text)
        if not text:
            continue
        style = (reader.styles.prop(style_of(element, "pStyle"), "name") or "").lower()
        if not c.type_name:
            # before the type name: the header written as paragraphs
            if re.match(r"^BÁO\s*CÁO\b", text) and text.isupper() or style == "bc type name":
                c.type_name = text
                if header_left or header_right:
                    _header_lines(c, header_left, header_right)
                header_done = True
                continue
            if _is_national(text):
                continue
            if _DATE_LINE.match(text):
                header_right.append(text)
            else:
                header_left.append(text)
            continue
        if not c.summary and walker.where is None and walker.section == "" and not _PART_ONE.match(text):
            c.summary = text
            c.period = c.period or period_of(text)
            continue
        if signed and tail is None:
            continue
        if _is(text, "Nơi nhận"):  # recipients written as paragraphs (no table)
            tail, signed = "recipients", True
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                c.recipients.append(rest.lstrip("-–•+ ").rstrip(";.,").strip())
            continue
        if walker.section == "B" and _signer_line(text):  # the signature written as paragraphs
            tail, signed = "signer", True
            signer.append(text)
            continue
        if tail == "recipients" and text[:1] in "-–•+":
            c.recipients.append(text.lstrip("-–•+ ").rstrip(";.,").strip())
            continue
        if tail == "signer" or (tail == "recipients" and _signer_line(text)):
            tail = "signer"
            signer.append(text)
            continue
        m = _PART_ONE.match(text)
        if m:
            walker.heading(text)
            if m.group(2):
                c.period = c.period or period_of(m.group(2))
            walker.pending_title = not m.group(2)
            continue
        if walker.pending_title and text.isupper() and not _SECTION.match(text):
            walker.pending_title = False
            c.period = c.period or period_of(text)
            continue
        walker.pending_title = False
        if walker.heading(text):
            continue
        block = classify(text, para.bold, False, reader.list_format(element, style_of(element, "pStyle")))
        if block is not None:
            walker.paragraph(block, text)
    if signer:
        _signature(c, ["Nơi nhận"], signer)
    _missing(c, walker)
    return c


def _signer_line(text: str) -> bool:
    """"KT. GIÁM ĐỐC", "GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN": where the signature starts."""
    if _SIGN_AUTHORITY.match(text) and len(text) < 60:
        return True
    return text.isupper() and len(text) < 40 and any(w in text for w in ("GIÁM ĐỐC", "CHỦ TỊCH", "TRƯỞNG"))


def _missing(c: ReportContent, walker: _Walker) -> None:
    said = c.problems
    if not c.agency.name:
        said.append("Không thấy tên cơ quan ban hành ở đầu báo cáo.")
    if not c.agency.place or c.date is None:
        said.append("Không thấy dòng địa danh, ngày tháng năm ban hành (ví dụ “Đắk Nông, ngày 18 tháng 01 năm 2024”).")
    if not c.type_name:
        said.append("Không thấy tên loại văn bản (dòng “BÁO CÁO …”).")
    if not c.summary:
        said.append("Không thấy trích yếu của báo cáo.")
    if not c.results:
        said.append("Không thấy phần A (kết quả thực hiện) chia theo lĩnh vực.")
    if not c.parts.get(Part.OBJECTIVE) and not c.parts.get(Part.MAIN_TARGETS) and not c.tasks:
        said.append("Không thấy phần B (phương hướng, nhiệm vụ).")
    if not c.recipients:
        said.append("Không thấy “Nơi nhận”.")
    if not c.signer_title:
        said.append("Không thấy chức vụ người ký.")
    if walker.unplaced:
        said.append(f"{walker.unplaced} đoạn không nằm dưới đề mục nào của báo cáo nên không được nhập.")
