"""The composed report, ready to render as .docx or HTML: numbered headings, paragraphs, header, signature."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Level(IntEnum):
    PART = 0  # PHẦN THỨ NHẤT, then its title
    SECTION = 1  # A., B.
    MUC = 2  # I., II. (mục)
    KHOAN = 3  # 1., 2. (khoản)
    SUBKHOAN = 4  # 2.1., 2.2.
    DIEM = 5  # a), b) (điểm)


Spans = tuple[tuple[int, int], ...]  # (start, end) in ``text`` of each figure still missing: "[code.field?]"


@dataclass(frozen=True)
class Heading:
    level: Level
    number: str  # "A.", "II.", "2.1.", "a)"; for a part, "PHẦN THỨ NHẤT"
    text: str
    missing: Spans = ()
    block: int | None = None  # the workbook block it prints (a sub-heading a), b)…), None for the report's own

    @property
    def prefix(self) -> int:
        """Characters ``line`` puts before ``text``."""
        return len(self.line) - len(self.text)

    @property
    def line(self) -> str:
        return f"{self.number} {self.text}" if self.level != Level.PART else self.text


@dataclass(frozen=True)
class Paragraph:
    text: str
    bullet: bool = False
    missing: Spans = ()
    block: int | None = None  # the workbook block it prints (the export's bookmark names it)

    @property
    def prefix(self) -> int:
        return len(self.line) - len(self.text)

    @property
    def line(self) -> str:
        return f"- {self.text}" if self.bullet else self.text


@dataclass(frozen=True)
class Cell:
    text: str
    missing: Spans = ()


@dataclass(frozen=True)
class TableItem:
    """A table in the text: header rows repeated on every page, body rows, a bold total row if ``total``."""

    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # relative, one per column
    align: tuple[str, ...]  # "left" | "center" | "right", one per column
    merges: tuple[tuple[int, int, int, int], ...] = ()  # header (row, col, rows, cols) shown as one cell
    total: bool = False
    block: int | None = None

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def missing(self) -> Spans:
        return tuple(span for row in (*self.header, *self.rows) for cell in row for span in cell.missing)

    def lines(self) -> list[str]:
        """One line a row, cells separated by tabs (tests and the plain text of the preview)."""
        return ["\t".join(c.text for c in row) for row in (*self.header, *self.rows)]


@dataclass(frozen=True)
class FrontMatter:
    parent_agency: str
    agency: str
    number_line: str  # Số: 15/BC-SLĐTBXH
    place_date: str
    type_name: str
    summary: str
    summary_missing: Spans = ()
    national: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Signature:
    authority: str  # KT. GIÁM ĐỐC
    title: str  # PHÓ GIÁM ĐỐC
    name: str
    recipients: tuple[str, ...]  # each line as printed: "- Bộ …;" … "- Lưu: VT, VP."
    # pictures printed in the room between title and name (a printed copy; never the digital signature)
    signature_png: bytes | None = None
    seal_png: bytes | None = None
    seal_mm: float = 35.0


@dataclass(frozen=True)
class AnnexRow:
    """A row of the figures annex: a sector (a bold group row) or an indicator, ``depth`` 1 for a breakdown
    under its total. ``cells`` are STT, the name, then one per column of the annex."""

    cells: tuple[str, ...]
    sector: bool = False
    depth: int = 0
    code: str = ""  # the indicator's citation code (empty for a sector row)


@dataclass(frozen=True)
class Annex:
    """The figures annex (Phụ lục), printed after the signature on its own pages that number themselves."""

    label: str  # Phụ lục
    title: str  # upper case
    attached: str  # (Kèm theo Báo cáo số …/BC-… ngày … của …)
    columns: tuple[str, ...]  # the figure field of each column after STT and the name ("unit", "plan", …)
    header: tuple[str, ...]  # one per cell of a row
    rows: tuple[AnnexRow, ...]

    def lines(self) -> list[str]:
        return [self.label, self.title, self.attached, "\t".join(self.header),
                *("\t".join(row.cells) for row in self.rows)]

    def cell(self, code: str, column: str) -> str:
        """What the annex prints for ``code``'s ``column`` ("" when it has no such row or column)."""
        if column not in self.columns:
            return ""
        row = next((r for r in self.rows if r.code == code), None)
        return row.cells[2 + self.columns.index(column)] if row else ""


@dataclass(frozen=True)
class Outline:
    front: FrontMatter
    body: tuple[Heading | Paragraph | TableItem, ...]
    signature: Signature
    missing: tuple[str, ...] = field(default=())  # citations without a figure, e.g. "viec_lam.pct_plan"
    annex: Annex | None = None
    # invisible anchors the .docx carries as custom properties (workbook and report identity, blocks exported)
    properties: tuple[tuple[str, str], ...] = ()

    def lines(self) -> list[str]:
        """Every line of text in reading order (tests and the preview use it)."""
        f = self.front
        out = [f.parent_agency, f.agency, f.number_line, f.national, f.motto, f.place_date, f.type_name, f.summary]
        for item in self.body:
            if isinstance(item, Heading) and item.level == Level.PART:
                out += [item.number, item.text]
            elif isinstance(item, TableItem):
                out += item.lines()
            else:
                out.append(item.line)
        s = self.signature
        out += ["Nơi nhận:", *s.recipients, s.authority, s.title, s.name]
        if self.annex is not None:
            out += self.annex.lines()
        return [x for x in out if x]
