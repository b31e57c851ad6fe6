"""Render an Outline to a .docx on the template's named styles, written atomically."""

from __future__ import annotations

import copy
import errno
import io
import logging
import os
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt
from docx.styles import BabelFish
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from lxml import etree

from ..compose.outline import Annex, Heading, Level, Outline, Paragraph, TableItem
from ..errors import UserError
from ..paths import resource, usual_permissions
from .annex_layout import annex_geometry
from .header_lines import HeaderText, header_room_pt, header_text
from .layout import (
    ANNEX_INDENT_MM,
    ANNEX_PT,
    CELL_MARGIN_MM,
    HEADER_CELL_MARGIN_MM,
    HEADER_MM,
    HEADER_PT,
    HEADER_SHIFT_MM,
    SIGNATURE_GAP_LINES,
    SIGNATURE_MM,
    SIGNATURE_NAME_SPACE_PT,
    SIGNATURE_PICTURE_MM,
    SIGNATURE_ROOM_MM,
    TABLE_BORDER_EIGHTHS,
    TABLE_CELL_SPACE_PT,
    TABLE_PT,
)
from .textwidth import text_width_pt

log = logging.getLogger(__name__)

HEADING_STYLE = {
    Level.SECTION: "BC Section",
    Level.MUC: "BC Muc",
    Level.KHOAN: "BC Khoan",
    Level.SUBKHOAN: "BC Khoan Con",
    Level.DIEM: "BC Diem",
}
# The first-page header table: wider than the text, shifted left, cells without side margins (render/layout.py).
HEADER_COLUMNS = tuple(Mm(w) for w in HEADER_MM)
HEADER_SHIFT = Mm(HEADER_SHIFT_MM)
SIGNATURE_COLUMNS = tuple(Mm(w) for w in SIGNATURE_MM)
CENTER = "center"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


class ExportError(UserError):
    pass


def template_path() -> Path:
    return resource("templates", "baocao.docx")


def _set(element, tag: str, **attrs: str):
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)
    return child


def _borders(table, kind: str) -> None:
    """Borders of a table: ``nil`` for the layout tables of the header and signature, ``single`` for data."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if kind == "nil":
            _set(borders, f"w:{side}", val="nil")
        else:
            _set(borders, f"w:{side}", val=kind, sz=str(TABLE_BORDER_EIGHTHS), space="0", color="000000")
    # CT_TblPr sequence: … tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    successors = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    tbl_pr.insert_element_before(borders, *successors)


def _fixed_table(document: Document, widths: tuple[Emu, ...], shift: Emu | None = None,
                 side_margin: Emu | None = None):
    table = document.add_table(rows=1, cols=len(widths))
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/>
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    if shift is not None:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(Emu(shift).twips))
        ind.set(qn("w:type"), "dxa")
        tbl_pr.insert_element_before(ind, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    _borders(table, "nil")
    if side_margin is not None:  # the cells' left and right margins
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            _set(margins, f"w:{side}", w=str(Emu(side_margin).twips), type="dxa")
        tbl_pr.insert_element_before(margins, "w:tblLook")
    for col, width in zip(table.columns, widths):
        col.width = width
        for cell in col.cells:
            cell.width = width
    return table


PBDR_SUCCESSORS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _centred_rule(paragraph, line_length: Emu, room: Emu) -> None:
    """Make ``paragraph`` (style BC Rule) a solid line of ``line_length`` centred in ``room``."""
    side = Emu(max(0, int((room - line_length) / 2)))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    border = OxmlElement("w:pBdr")
    _set(border, "w:bottom", val="single", sz="6", space="1", color="000000")
    paragraph._p.get_or_add_pPr().insert_element_before(border, *PBDR_SUCCESSORS)


W_P, W_PPR, W_PSTYLE, W_R, W_T, W_TC, W_SECT_PR = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:t", "w:tc",
                                                                      "w:sectPr"))
W_VAL, W_ID, W_NAME, XML_SPACE = qn("w:val"), qn("w:id"), qn("w:name"), qn("xml:space")
W_BOOKMARK_START, W_BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
W_STYLE, W_NAME_TAG, W_STYLE_ID = qn("w:style"), qn("w:name"), qn("w:styleId")


def _new_paragraph(text: str, style_id: str):
    """``<w:p><w:pPr><w:pStyle w:val=style_id/></w:pPr>`` and a run holding ``text`` when there is text."""
    p = OxmlElement("w:p")
    etree.SubElement(etree.SubElement(p, W_PPR), W_PSTYLE).set(W_VAL, style_id)
    if text:
        _append_run(p, text)
    return p


def _append_run(p, text: str) -> None:
    """A run holding ``text`` at the end of ``p``, as python-docx's ``add_run(text)`` writes it."""
    r = etree.SubElement(p, W_R)
    if "\t" in text or "\n" in text or "\r" in text:  # tabs and line breaks: python-docx's own elements
        DocxRun(r, None).text = text
        return
    t = etree.SubElement(r, W_T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(XML_SPACE, "preserve")


def _style_ids(document: Document) -> dict[str | None, str | None]:
    """Each style's name → its id, as ``{s.name: s.style_id for s in document.styles}`` gives them, read from the
    XML: python-docx builds an object per style for that (~4 ms a render for the template's 370 styles)."""
    ids: dict[str | None, str | None] = {}
    for style in document.styles.element.iterchildren(W_STYLE):
        name = style.find(W_NAME_TAG)
        if name is not None and name.get(W_VAL) is None:  # a damaged style: python-docx says what is wrong
            return {s.name: s.style_id for s in document.styles}
        ids[None if name is None else BabelFish.internal2ui(name.get(W_VAL))] = style.get(W_STYLE_ID)
    return ids


def _longest_line(text: str, size_pt: float, bold: bool, room: Emu) -> Emu:
    return Emu(min(Pt(text_width_pt(text, size_pt, bold)), room))


class _Writer:
    """Fills the template. Style ids are resolved once: python-docx's lookup by name scans every style."""

    def __init__(self, document: Document):
        self.document = document
        self.body_element = document.element.body
        self.style_ids = _style_ids(document)
        self._templates: dict[tuple, object] = {}
        missing = set(REQUIRED_STYLES) - set(self.style_ids)
        if missing:
            raise ExportError("Mẫu báo cáo (.docx) thiếu kiểu định dạng cần dùng: " + ", ".join(sorted(missing)) + ".",
                              f"template lacks styles {sorted(missing)}")

    def add(self, container, text: str, style: str):
        """A new paragraph at the end of the document, a cell or a header; a fresh cell's empty one is reused.

        The body's and the cells' paragraphs are made as XML, the same elements python-docx's ``add_paragraph``,
        ``add_run`` and style setter make (its setters search the children at every step: half of the render)."""
        style_id = self.style_ids[style]
        if container is self.document:
            body = self.body_element
            p = _new_paragraph(text, style_id)
            last = body[-1] if len(body) else None
            if last is not None and last.tag == W_SECT_PR:  # python-docx inserts before the section's properties
                last.addprevious(p)
            else:
                body.append(p)
            return DocxParagraph(p, self.document._body)
        element = container._element
        if element.tag == W_TC:
            ps = element.findall(W_P)
            if len(ps) == 1 and len(ps[0]) == 0:  # a fresh cell's empty paragraph
                p = ps[0]
                etree.SubElement(etree.SubElement(p, W_PPR), W_PSTYLE).set(W_VAL, style_id)
                if text:
                    _append_run(p, text)
                return DocxParagraph(p, container)
            if not ps or ps[0].find(W_R) is not None or len(ps) > 1:
                p = _new_paragraph(text, style_id)
                element.append(p)
                return DocxParagraph(p, container)
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs:
            paragraph = paragraphs[0]
            if text:
                paragraph.add_run(text)
        else:
            paragraph = container.add_paragraph(text)
        paragraph._p.style = style_id
        return paragraph

    def rule(self, container, line_length: Emu, room: Emu):
        paragraph = self.add(container, "", "BC Rule")
        _centred_rule(paragraph, line_length, room)
        return paragraph

    def front(self, outline: Outline) -> None:
        f = outline.front
        table = _fixed_table(self.document, HEADER_COLUMNS, HEADER_SHIFT, Mm(HEADER_CELL_MARGIN_MM))
        left, right = table.rows[0].cells
        left_room = Emu(Pt(header_room_pt(0)))
        right_room = Emu(Pt(header_room_pt(1)))
        if f.parent_agency:
            self.header_name(left, header_text(f.parent_agency, False), "BC Header")
        agency = header_text(f.agency, True)
        self.header_name(left, agency, "BC Header Bold")
        # under the issuing agency: a line 1/3 to 1/2 as long as its longest line (we take 2/5)
        longest = max(_longest_line(line, agency.size, True, left_room) for line in agency.lines or ("",))
        self.rule(left, Emu(int(longest * 0.4)), left_room)
        self.add(left, f.number_line, "BC Header").paragraph_format.space_before = Pt(6)
        self.add(right, f.national, "BC Header Bold")
        self.add(right, f.motto, "BC Motto")
        # under the motto: a line as long as the text
        self.rule(right, _longest_line(f.motto, 14, True, right_room), right_room)
        self.add(right, f.place_date, "BC Place Date")

        self.add(self.document, f.type_name, "BC Type Name")
        self.add(self.document, f.summary, "BC Summary")
        section = self.document.sections[0]
        text_room = Emu(section.page_width - section.left_margin - section.right_margin)
        rule = self.rule(self.document, Emu(int(_longest_line(f.summary, 14, True, text_room) * 0.4)), text_room)
        rule.paragraph_format.space_after = Pt(12)

    def header_name(self, cell, name: HeaderText, style: str) -> None:
        """An agency's name in the header: its lines set apart by explicit line breaks (render/header_lines.py
        chose them), so that Word and LibreOffice break it in the same places; its size when not the style's."""
        paragraph = self.add(cell, name.text, style)
        if name.size != HEADER_PT:
            for run in paragraph.runs:
                run.font.size = Pt(name.size)

    def body(self, outline: Outline) -> None:
        for item in outline.body:
            if isinstance(item, Heading):
                if item.level == Level.PART:
                    self.add(self.document, item.number, "BC Part")
                    self.add(self.document, item.text, "BC Part Title")
                else:
                    self.anchor(self.add(self.document, item.line, HEADING_STYLE[item.level]), item.block)
            elif isinstance(item, Paragraph):
                self.anchor(self.add(self.document, item.line, "BC Bullet" if item.bullet else "Normal"), item.block)
            elif isinstance(item, TableItem):
                self.table(item)

    def anchor(self, paragraph, block: int | None) -> None:
        """A hidden bookmark (its name starts with "_") around the paragraph that prints ``block``: Word keeps it
        through edits and shows it nowhere, and ``importers.merge`` reads it to bring the edited text back."""
        if block is None:
            return
        self._bookmarks = getattr(self, "_bookmarks", 0) + 1
        p = paragraph._p
        start = p.makeelement(W_BOOKMARK_START, {W_ID: str(self._bookmarks), W_NAME: f"{BOOKMARK_PREFIX}{block}"})
        end = p.makeelement(W_BOOKMARK_END, {W_ID: str(self._bookmarks)})
        p_pr = p.pPr
        if p_pr is None:
            p.insert(0, start)
        else:
            p_pr.addnext(start)
        p.append(end)

    def table(self, item: TableItem) -> None:
        """A Word table: single borders, header rows repeated on every page, no row split across pages,
        figures aligned as their column says, merged header cells, a bold total row."""
        section = self.document.sections[0]
        room = section.page_width - section.left_margin - section.right_margin
        total = sum(item.widths) or 1
        widths = tuple(Emu(int(room * w / total)) for w in item.widths)
        grid = [*item.header, *item.rows]
        table = self.document.add_table(rows=len(grid), cols=item.columns)
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _borders(table, "single")
        for col, width in zip(table.columns, widths, strict=True):
            col.width = width
        covered = set()
        for r, c, rows, cols in item.merges:
            last = (min(r + rows, len(item.header)) - 1, min(c + cols, item.columns) - 1)
            if last != (r, c):
                table.cell(r, c).merge(table.cell(*last))
                covered |= {(i, j) for i in range(r, last[0] + 1) for j in range(c, last[1] + 1)} - {(r, c)}
        bold_rows = set(range(len(item.header))) | ({len(grid) - 1} if item.total and item.rows else set())
        for r, (row, line) in enumerate(zip(table.rows, grid, strict=True)):
            tr_pr = row._tr.get_or_add_trPr()
            if r < len(item.header):  # repeated on every page (LibreOffice stops repeating a row marked cantSplit)
                tr_pr.append(OxmlElement("w:tblHeader"))
            else:  # a row is never split across two pages
                tr_pr.append(OxmlElement("w:cantSplit"))
            for c, cell in enumerate(line):
                if (r, c) in covered:
                    continue
                target = table.cell(r, c)
                target.width = widths[c]
                paragraph = self.add(target, "", "Normal")
                run = paragraph.add_run(cell.text)
                run.font.size = Pt(TABLE_PT)
                run.font.bold = r in bold_rows or None
                fmt = paragraph.paragraph_format
                fmt.first_line_indent = Pt(0)
                fmt.space_before = fmt.space_after = Pt(TABLE_CELL_SPACE_PT)
                fmt.line_spacing = 1.0
                fmt.keep_with_next = False
                fmt.alignment = ALIGN[CENTER if r < len(item.header) else item.align[c]]
        if item.block is not None and table.rows and table.rows[0].cells:
            self.anchor(table.rows[0].cells[0].paragraphs[0], item.block)
        spacer = self.add(self.document, "", "Normal")  # Word joins two tables that touch
        spacer.paragraph_format.space_after = Pt(0)

    def signature(self, outline: Outline) -> None:
        s = outline.signature
        self.add(self.document, "", "Normal").paragraph_format.keep_with_next = True
        table = _fixed_table(self.document, SIGNATURE_COLUMNS)
        row = table.rows[0]
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        left, right = row.cells
        self.add(left, "Nơi nhận:", "BC Recipients Title")
        for line in s.recipients:
            self.add(left, line, "BC Recipient")
        for line in (s.authority, s.title):
            if line:
                self.add(right, line, "BC Signer")
        gap = [self.add(right, "", "BC Signer") for _ in range(SIGNATURE_GAP_LINES)]
        self.add(right, s.name, "BC Signer").paragraph_format.space_before = Pt(SIGNATURE_NAME_SPACE_PT)
        if s.signature_png or s.seal_png:
            self.pictures(gap[0], s)

    def pictures(self, paragraph, s) -> None:
        """The signature picture centred in the room between title and name, the seal at its real size over the
        signature's left third (PL I, chữ ký số), floating in front of the text so that nothing moves."""
        place = signature_places(s.signature_png, s.seal_png, s.seal_mm)
        for z, (data, (x, y, w, h)) in enumerate(((s.signature_png, place.get("signature")),
                                                 (s.seal_png, place.get("seal"))), start=1):
            if data is None:
                continue
            run = paragraph.add_run()
            inline = run.add_picture(io.BytesIO(data), width=Mm(w), height=Mm(h))._inline
            _float(inline, Mm(x), Mm(y), z)

    def page_numbers(self) -> None:
        """Page numbers centred in the header from page 2 on; page 1 has its own, empty header (PL I §I.7)."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False
        self.add(first, "", "BC Page Number")
        header = section.header
        header.is_linked_to_previous = False
        paragraph = self.add(header, "", "BC Page Number")
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            run = paragraph.add_run()
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            elif text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            else:
                run.text = text


    def annex(self, annex: Annex) -> None:
        """The figures annex on its own section: turned landscape when its columns need it, its pages numbered
        from 1 on their own (page 1 of the annex, like page 1 of the report, shows no number; PL I §I.7 and the
        appendix rule), the header row repeated on every page, sectors as bold group rows spanning the table,
        breakdowns indented under their total, figures right-aligned and empty where nothing was typed."""
        landscape, widths_mm = annex_geometry(annex)
        section = self.document.add_section(WD_SECTION.NEW_PAGE)  # linked to the report's headers: same numbers
        if landscape:
            width, height = section.page_width, section.page_height
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = max(width, height), min(width, height)
        number_type = OxmlElement("w:pgNumType")
        number_type.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(
            number_type, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
            "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
        label = self.add(self.document, annex.label, "BC Part")
        label.paragraph_format.space_before = Pt(0)
        self.add(self.document, annex.title, "BC Part Title").paragraph_format.space_after = Pt(0)
        attached = self.add(self.document, annex.attached, "BC Place Date")
        attached.paragraph_format.space_before = Pt(0)
        attached.paragraph_format.space_after = Pt(12)

        room = section.page_width - section.left_margin - section.right_margin
        scale = room / Mm(sum(widths_mm))
        widths = tuple(Emu(int(Mm(w) * scale)) for w in widths_mm)
        table = self.document.add_table(rows=1 + len(annex.rows), cols=len(widths))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _borders(table, "single")
        for col, width in zip(table.columns, widths, strict=True):
            col.width = width
        figures = {k for k, c in enumerate(annex.columns, 2) if c != "unit"}
        paragraph = self._cell_paragraph  # one paragraph per look, copied: python-docx's setters are slow
        twips = [str(Emu(w).twips) for w in widths]
        span = str(Emu(sum(widths[1:])).twips)
        for r, tr in enumerate(table._tbl.tr_lst):  # the cells' XML itself: python-docx's grid walk is slow
            tr.get_or_add_trPr().append(OxmlElement("w:tblHeader" if r == 0 else "w:cantSplit"))
            line = annex.header if r == 0 else annex.rows[r - 1].cells
            item = None if r == 0 else annex.rows[r - 1]
            sector = item is not None and item.sector
            if sector:  # the sector's title spans the row
                cells = _Row(tr, table).cells  # this row's cells only (table.cell walks the whole grid)
                cells[1].merge(cells[-1])
                line = line[:2]
            bold = r == 0 or sector
            for c, (tc, text) in enumerate(zip(tr.tc_lst, line, strict=True)):
                tc_pr = tc.get_or_add_tcPr()
                width = tc_pr.find(qn("w:tcW"))
                if width is None:
                    width = tc_pr.get_or_add_tcW()
                width.set(qn("w:type"), "dxa")
                width.set(qn("w:w"), span if sector and c == 1 else twips[c])
                if r == 0 or c == 0:
                    align = "center"
                elif c == 1:
                    align = "left"
                else:
                    align = "right" if c in figures else "center"
                indent = item.depth if item is not None and c == 1 else 0
                tc.replace(tc.p_lst[0], paragraph(text, align, indent, bool(bold)))
        for cell in table.rows[0].cells:
            _v_align(cell, "center")

    def _cell_paragraph(self, text: str, align: str, depth: int, bold: bool):
        """A paragraph of an annex cell: a copy of the one made for that look, with ``text`` in its run."""
        key = (align, depth, bold)
        template = self._templates.get(key)
        if template is None:
            p = DocxParagraph(OxmlElement("w:p"), None)
            p._p.style = self.style_ids["Normal"]
            fmt = p.paragraph_format
            fmt.first_line_indent = Pt(0)
            fmt.left_indent = Mm(ANNEX_INDENT_MM * depth) if depth else None
            fmt.space_before = fmt.space_after = Pt(TABLE_CELL_SPACE_PT)
            fmt.line_spacing = 1.0
            fmt.keep_with_next = False
            fmt.alignment = ALIGN[align]
            run = p.add_run("")
            run.font.size = Pt(ANNEX_PT)
            run.font.bold = bold or None
            template = self._templates[key] = p._p
        made = copy.deepcopy(template)
        if text and not any(ch in text for ch in "\t\n\r"):
            t = OxmlElement("w:t")
            t.text = text
            if text != text.strip():
                t.set(qn("xml:space"), "preserve")
            made.r_lst[0].append(t)
        elif text:
            DocxRun(made.r_lst[0], None).text = text
        else:  # an empty cell holds no run: nothing was typed, nothing is printed
            made.remove(made.r_lst[0])
        return made


def signature_places(signature: bytes | None, seal: bytes | None, seal_mm: float) -> dict[str, tuple]:
    """(x, y, width, height) in mm of each picture: x from the signer's cell's left edge, y from the top of the room
    between title and name."""
    from ..domain.pictures import png_size

    inner = SIGNATURE_MM[1] - 2 * CELL_MARGIN_MM
    room = SIGNATURE_ROOM_MM
    places: dict[str, tuple] = {}
    if signature is not None:
        pw, ph = png_size(signature)
        h = min(SIGNATURE_PICTURE_MM[1], room - 4)
        w = min(h * pw / ph, SIGNATURE_PICTURE_MM[0])
        h = w * ph / pw
        places["signature"] = ((inner - w) / 2, (room - h) / 2, w, h)
    if seal is not None:
        pw, ph = png_size(seal)
        w = seal_mm
        h = w * ph / pw
        if "signature" in places:  # over the signature's left third, centred on it vertically
            sx, sy, sw, sh = places["signature"]
            places["seal"] = (sx + sw / 3 - w, sy + sh / 2 - h / 2, w, h)
        else:
            places["seal"] = ((inner - w) / 2, (room - h) / 2, w, h)
    return places


def _float(inline, x: Emu, y: Emu, z: int) -> None:
    """Turn python-docx's inline picture into a floating one at (x, y) from the column and paragraph, in front of
    the text with no wrapping (the text around it keeps its place)."""
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251658240 + z}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{int(x)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{int(y)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{inline.extent.cx}" cy="{inline.extent.cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/></wp:anchor>')
    for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        child = inline.find(qn(tag))
        if child is not None:
            anchor.append(child)
    inline.getparent().replace(inline, anchor)


def _v_align(cell, value: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), value)
    tc_pr.insert_element_before(align, "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                                "w:tcPrChange")


BOOKMARK_PREFIX = "_bc_"  # a hidden bookmark: Word lists it only when "Hidden bookmarks" is ticked
CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPERTIES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id of user-defined properties


def xml_text(text: str) -> str:
    """``text`` as XML character data: what ``xml.sax.saxutils.escape`` writes (importing it loads urllib, http
    and ssl: ~12 ms of an export)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attribute(text: str) -> str:
    """``text`` as a quoted XML attribute value, as ``xml.sax.saxutils.quoteattr`` writes it."""
    text = xml_text(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def custom_properties_xml(properties) -> bytes:
    """docProps/custom.xml holding ``properties`` ((name, text) pairs) as text properties (pid from 2 on)."""
    items = "".join(f'<property fmtid="{PROPERTY_FMTID}" pid="{n}" name={xml_attribute(name)}>'
                    f"<vt:lpwstr>{xml_text(value)}</vt:lpwstr></property>"
                    for n, (name, value) in enumerate(properties, 2))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CUSTOM_NS}" '
            f'xmlns:vt="{VT_NS}">{items}</Properties>').encode()


def _set_custom_properties(document: Document, properties) -> None:
    """Replace the package's custom properties (a template may carry its own) with ``properties``."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == CUSTOM_PROPERTIES_REL:
            del package.rels[rel_id]
    if not properties:
        return
    part = OpcPart(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_TYPE, custom_properties_xml(properties),
                   package)
    package.relate_to(part, CUSTOM_PROPERTIES_REL)


REQUIRED_STYLES = ("Normal", "BC Bullet", "BC Part", "BC Part Title", *HEADING_STYLE.values(), "BC Header", "BC Header Bold", "BC Motto",
    "BC Place Date", "BC Rule", "BC Type Name", "BC Summary", "BC Recipients Title", "BC Recipient", "BC Signer",
    "BC Page Number")


MAX_TEMPLATE_BYTES = 20_000_000  # unpacked; a real template is well under 1 MB
MAX_RATIO = 200  # a part that unpacks to more than this many times its packed size is a zip bomb


def open_template(path: Path) -> Document:
    """The template, refused with one sentence when damaged, oversized (a zip bomb) or not a Word file.

    python-docx parses with resolve_entities=False, so an external entity in a template is never read.
    """
    name = Path(path).name
    damaged = ExportError(f"Mẫu báo cáo “{name}” bị hỏng hoặc không phải tệp Word (.docx).", f"bad template {path}")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_TEMPLATE_BYTES or any(i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos):
                raise ExportError(f"Mẫu báo cáo “{name}” quá lớn khi giải nén; không dùng được.",
                                  f"template {path} unpacks to {total} bytes")
            if "word/document.xml" not in z.namelist() or "word/styles.xml" not in z.namelist():
                raise damaged
    except (zipfile.BadZipFile, OSError) as exc:
        raise damaged from exc
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken part
        raise damaged from exc


def build_document(outline: Outline, template: Path | None = None) -> Document:
    document = open_template(template or template_path())
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    writer = _Writer(document)
    writer.front(outline)
    writer.body(outline)
    writer.signature(outline)
    writer.page_numbers()
    if outline.annex is not None:
        writer.annex(outline.annex)
    props = document.core_properties
    props.title = f"{outline.front.type_name} {outline.front.summary}"[:250]
    props.author = outline.front.agency
    props.last_modified_by = "baocao-gui"
    _set_custom_properties(document, outline.properties)
    return document


STALE_TMP_SECONDS = 600  # a temporary file older than this was left by an export that was killed


def _remove_stale_temporaries(folder: Path) -> None:
    """Exports killed mid-write (a power cut, the task manager) leave ``.~baocao-*.tmp``: remove the old ones."""
    try:
        leftovers = list(folder.glob(".~baocao-*.tmp"))
    except OSError:
        return
    now = time.time()
    for path in leftovers:
        try:
            if now - path.stat().st_mtime > STALE_TMP_SECONDS:
                path.unlink()
                log.info("removed %s left by an interrupted export", path)
        except OSError:
            continue


def write_docx(outline: Outline, target: str | Path, template: Path | None = None) -> Path:
    """Write the report next to ``target`` in a temporary file, then rename: never a half-written .docx."""
    target = Path(target)
    _check_target(target)
    try:
        document = build_document(outline, template)
    except UserError:
        raise
    except (ValueError, TypeError) as exc:  # text python-docx refuses (an old workbook's odd character)
        raise ExportError("Báo cáo có ký tự không ghi được vào tệp Word; hãy chạy “Kiểm tra trước khi ký” và sửa "
                          "đoạn được báo.", f"build failed: {exc!r}") from exc
    return save_whole(target, document.save)


def _check_target(target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Không có thư mục “{folder}” để ghi báo cáo.", f"no folder {folder}")
    if target.is_dir():
        raise ExportError(f"“{target.name}” là một thư mục; hãy chọn tên tệp khác cho báo cáo.", f"{target} is a folder")
    return folder


def save_whole(target: str | Path, fill: Callable[[BinaryIO], object]) -> Path:
    """``fill`` writes the file into the open binary file it is given, beside ``target`` under a temporary name, then
    it is flushed and renamed over ``target``: never a half-written file. What the system refuses is one sentence
    (a folder missing or read-only, the file open in Word, a full disk)."""
    target = Path(target)
    folder = _check_target(target)
    _remove_stale_temporaries(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~baocao-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"Không ghi được vào thư mục “{folder}”: thư mục chỉ đọc hoặc không có quyền ghi.",
                          f"cannot write in {folder}: {exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        usual_permissions(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            reason = "ổ đĩa đã đầy"
        elif exc.errno in (errno.EACCES, errno.EPERM) or getattr(exc, "winerror", None) in (5, 32, 33):
            reason = "tệp đang mở trong Word hoặc chỉ đọc; hãy đóng tệp trong Word rồi xuất lại"
        else:
            reason = "tệp đang mở trong Word, chỉ đọc, hoặc ổ đĩa đã đầy"
        raise ExportError(f"Không ghi được tệp “{target.name}”: {reason}.", f"cannot write {target}: {exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("wrote %s", target)
    return target
