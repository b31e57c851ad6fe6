"""Compose one report of a workbook into an Outline, numbering every heading itself (A, I, 1, 2.1, a)).

The clerk never types a heading number, so a report cannot come out with "2. Nguyên nhân" after
"2. Khó khăn" or "3.3." under "2.": numbering follows what is actually present, with no gaps.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..domain.figures import sheet
from ..domain.model import AnnexChoice, Block, BlockKind, Part, Report, Workbook
from ..domain.structure import HOLDS, PART_ONE, SECTIONS, Node
from ..domain.vnformat import format_doc_number, format_place_date
from .annex import compose_annex
from .outline import Cell, FrontMatter, Heading, Level, Outline, Paragraph, Signature, Spans, TableItem
from .text import nfc, upper

if TYPE_CHECKING:  # a table block loads domain.tables when it is composed: most reports have none
    from ..domain.tables import Table

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Điểm follow the Vietnamese alphabet, as in legal texts: a), b), c), d), đ), e), g) …
DIEM_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]
PART_NAMES = ("PHẦN THỨ NHẤT", "PHẦN THỨ HAI", "PHẦN THỨ BA")


def roman(n: int) -> str:
    return ROMAN[n - 1] if n <= len(ROMAN) else str(n)


def diem(n: int) -> str:
    letters = DIEM_LETTERS
    return letters[(n - 1) % len(letters)] * ((n - 1) // len(letters) + 1) + ")"


def recipient_lines(recipients: Iterable[str]) -> tuple[str, ...]:
    """"- Bộ …;" one a line, the last ending with "." (Decree 30, Nơi nhận)."""
    items = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in recipients]
    items = [r for r in items if r]
    return tuple(f"- {r}{'.' if i == len(items) - 1 else ';'}" for i, r in enumerate(items))


class _Composer:
    def __init__(self, workbook: Workbook, report: Report):
        self.workbook = workbook
        self.report = report
        self.writer = sheet(workbook, report)
        self.missing: list[str] = []
        self.body: list[Heading | Paragraph | TableItem] = []

    def styled(self, raw: str) -> tuple[str, Spans]:
        """The written text, and where in it each missing figure's mark sits."""
        out, spans = "", []
        for piece, missing in self.writer.pieces(raw):
            piece = nfc(piece)
            if missing is not None:
                self.missing.append(missing)
                spans.append((len(out), len(out) + len(piece)))
            out += piece
        lead = len(out) - len(out.lstrip())
        out = out.strip()
        return out, tuple((a - lead, b - lead) for a, b in spans if a >= lead and b - lead <= len(out))

    def text(self, raw: str) -> str:
        return self.styled(raw)[0]

    def label(self, key: str) -> str:
        return self.text(self.workbook.labels.get(key, key))

    def heading(self, level: Level, number: str, text: str, missing: Spans = ()) -> None:
        self.body.append(Heading(level, number, text, missing))

    def blocks(self, blocks: Iterable[Block]) -> None:
        n = 0
        for b in blocks:
            if b.kind == BlockKind.TABLE:
                from ..domain.tables import Table

                self.body.append(dataclasses.replace(self.table(Table.from_json(b.text).normalized()), block=b.id))
                continue
            text, missing = self.styled(b.text)
            if not text:
                continue
            if b.kind == BlockKind.HEADING:
                n += 1
                self.body.append(Heading(Level.DIEM, diem(n), text, missing, block=b.id))
            else:
                self.body.append(Paragraph(text, bullet=b.kind == BlockKind.BULLET, missing=missing, block=b.id))

    def table(self, table: Table) -> TableItem:
        def cells(grid) -> tuple[tuple[Cell, ...], ...]:
            return tuple(tuple(Cell(*self.styled(text)) for text in row) for row in grid)

        merges = tuple((m.row, m.col, m.rows, m.cols) for m in table.merges
                       if 0 <= m.row < len(table.header) and 0 <= m.col < table.columns)
        return TableItem(cells(table.header), cells(table.rows), table.column_widths(),
                         tuple(table.column_align(c).value for c in range(table.columns)), merges, table.total)

    @staticmethod
    def has_text(blocks: Iterable[Block]) -> bool:
        return any(b.text.strip() for b in blocks)

    def expand(self, node: Node) -> list[_Entry]:
        """The entries ``node`` stands for in this report: none when nothing under it has text (unless
        ``always``), several when it lists sectors at its own level."""
        r = self.report
        sectors: list[_Entry] = []
        if node.holds is not None:
            role, part, title = HOLDS[node.holds]
            sectors = [_Entry(getattr(s, title), r.part(part, s.code)) for s in self.workbook.sectors_of(r)
                       if s.role == role and self.has_text(r.part(part, s.code))]
            if node.label is None:
                return sectors
        children = [e for child in node.children for e in self.expand(child)] + sectors
        blocks = r.part(node.part) if node.part else ()
        if not (node.always or children or self.has_text(blocks)):
            return []
        return [_Entry(self.workbook.labels.get(node.label, node.label), blocks, children, node.key)]

    def emit(self, entries: list[_Entry], level: Level, parent_number: str = "") -> None:
        for n, entry in enumerate(entries, 1):
            if level == Level.SECTION:
                number = f"{entry.key}."
            elif level == Level.MUC:
                number = f"{roman(n)}."
            elif level == Level.KHOAN:
                number = f"{n}."
            else:
                number = f"{parent_number}{n}."
            text, missing = self.styled(entry.title)
            self.heading(level, number, upper(text) if level <= Level.MUC else text, missing)
            self.blocks(entry.blocks)
            self.emit(entry.children, Level(min(level + 1, Level.SUBKHOAN)), number)

    def compose(self) -> list[Heading | Paragraph]:
        self.heading(Level.PART, PART_NAMES[0], upper(self.label(PART_ONE)))
        self.blocks(self.report.part(Part.INTRO))
        self.emit([e for node in SECTIONS for e in self.expand(node)], Level.SECTION)
        return self.body


@dataclass
class _Entry:
    title: str  # the heading's text before figures are written in (a label or a sector's title)
    blocks: tuple[Block, ...] = ()
    children: list[_Entry] = field(default_factory=list)
    key: str = ""


def compose_outline(workbook: Workbook, report: Report, *, annex: bool | None = None) -> Outline:
    """The report as it prints. ``annex``: None follows the report's own choice; True adds the figures annex
    (the report's choice of sectors and columns, or all of them); False leaves it out."""
    composer = _Composer(workbook, report)
    body = composer.compose()
    agency = report.agency
    summary, summary_missing = composer.styled(report.summary)
    front = FrontMatter(
        parent_agency=upper(agency.parent_name),
        agency=upper(agency.name),
        number_line=format_doc_number(report.number, nfc(agency.abbreviation).upper()),
        place_date=format_place_date(nfc(agency.place), report.date, report.period.year + 1
                                     if report.period.kind == "year" else report.period.year),
        type_name=upper(report.type_name),
        summary=summary,
        summary_missing=summary_missing,
    )
    pictures = report.images if report.images.printed else None
    signature = Signature(upper(report.signer_authority), upper(report.signer_title), nfc(report.signer_name),
                          recipient_lines(nfc(x) for x in report.recipients),
                          pictures.signature if pictures else None, pictures.seal if pictures else None,
                          pictures.seal_mm if pictures else 35.0)
    choice = report.annex if annex is None else (report.annex or AnnexChoice()) if annex else None
    figures = compose_annex(workbook, report, choice) if choice is not None else None
    return Outline(front, tuple(body), signature, tuple(dict.fromkeys(composer.missing)), figures,
                   anchors(workbook, report, body))


def anchors(workbook: Workbook, report: Report, body) -> tuple[tuple[str, str], ...]:
    """What an export carries so that its edited copy can come back (``importers.merge``): the workbook's and the
    report's identity, when the report was last edited, the blocks the file prints, and a checksum of each one's
    printed line (a paragraph the director left as exported is then known, even if the workbook changed since)."""
    printed = [item for item in body if getattr(item, "block", None) is not None]
    blocks = ",".join(str(item.block) for item in printed)
    lines = ",".join(f"{item.block}:{line_sum(printed_line(item))}" for item in printed)
    return (("baocao.workbook", workbook.identity), ("baocao.report", str(report.id)),
            ("baocao.period", f"{report.period.code} {report.period.year}"), ("baocao.edited", report.edited_at),
            ("baocao.blocks", blocks), ("baocao.lines", lines))


def printed_line(item) -> str:
    """A block's printed line as an edited file is compared with it: NFC, runs of white space as one space; a table
    as its cells joined by " | "."""
    if isinstance(item, TableItem):
        text = " | ".join(c.text for row in (*item.header, *item.rows) for c in row)
    else:
        text = item.line
    return " ".join(unicodedata.normalize("NFC", text).split())


def line_sum(line: str) -> str:
    import zlib

    return f"{zlib.crc32(line.encode('utf-8')):08x}"
