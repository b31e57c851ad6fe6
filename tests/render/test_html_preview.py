"""The live preview shows the report as it will print: the same composed outline, in HTML Qt can display."""

import dataclasses
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from baocao_gui.compose import compose_outline
from baocao_gui.compose.outline import Heading, Level
from baocao_gui.domain.model import Block, BlockKind, Part
from baocao_gui.render.html import outline_to_html
from baocao_gui.store import load_workbook, open_workbook


class Preview(HTMLParser):
    """The paragraphs of the preview, each with its text (unescaped), attributes and red spans."""

    def __init__(self, markup: str):
        super().__init__()
        self.paragraphs: list[dict] = []  # {"text", "attrs", "red": [texts], "anchors": [names]}
        self.anchors: list[str] = []
        self.tables: list[list[str]] = []  # the text of each table's paragraphs
        self._p: dict | None = None
        self._red = False
        self._tables = 0
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._tables += 1
            self.tables.append([])
        elif tag == "p":
            self._p = {"text": "", "attrs": attrs, "red": [], "anchors": [], "in_table": self._tables > 0}
        elif tag == "br" and self._p is not None:  # a header name's line break: its words read on
            self._p["text"] += " "
        elif tag == "a" and "name" in attrs:
            self.anchors.append(attrs["name"])
            if self._p is not None:
                self._p["anchors"].append(attrs["name"])
        elif tag == "span" and "color:#c00" in attrs.get("style", "").replace(" ", ""):
            self._red = True
            self._p["red"].append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self._tables -= 1
        elif tag == "p" and self._p is not None:
            self.paragraphs.append(self._p)
            if self._p["in_table"]:
                self.tables[-1].append(self._p["text"])
            self._p = None
        elif tag == "span":
            self._red = False

    def handle_data(self, data):
        if self._p is not None:
            self._p["text"] += data
            if self._red:
                self._p["red"][-1] += data

    def texts(self) -> list[str]:
        return [p["text"] for p in self.paragraphs]

    def paragraph(self, text: str) -> dict:
        return next(p for p in self.paragraphs if p["text"] == text)


def workbook_of(path):
    return load_workbook(open_workbook(path, readonly=True))


@pytest.fixture
def outline(sample_workbook):
    wb = workbook_of(sample_workbook)
    return compose_outline(wb, wb.report_for(2023))


def outline_with_intro(path, *texts: str):
    """The sample report with its opening paragraphs replaced by ``texts``, composed as the program does."""
    wb = workbook_of(path)
    report = wb.report_for(2023)
    blocks = {**report.blocks, (Part.INTRO, ""): tuple(Block(BlockKind.PARAGRAPH, t) for t in texts)}
    return compose_outline(wb, dataclasses.replace(report, blocks=blocks))


def test_every_line_of_the_report_appears_in_the_preview_in_reading_order(outline):
    shown = iter(Preview(outline_to_html(outline)).texts())
    for line in outline.lines():
        assert any(text == line for text in shown), f"not shown (or out of order): {line!r}"


def test_text_the_clerk_typed_is_shown_literally_not_as_markup(sample_workbook):
    typed = 'Thu <b>nhập</b> & chi "đủ" <script>x</script>'
    markup = outline_to_html(outline_with_intro(sample_workbook, typed))
    assert typed in Preview(markup).texts()
    assert "<b>nhập" not in markup and "<script>" not in markup


def test_a_missing_figure_is_shown_in_red_and_the_rest_of_the_line_is_not(sample_workbook):
    outline = outline_with_intro(sample_workbook, "Đạt {{khong_co_chi_tieu.pct_plan}} kế hoạch; {{khong_co}} người.")
    assert "khong_co_chi_tieu.pct_plan" in outline.missing
    p = Preview(outline_to_html(outline)).paragraph("Đạt [khong_co_chi_tieu.pct_plan?] kế hoạch; [khong_co?] người.")
    assert p["red"] == ["[khong_co_chi_tieu.pct_plan?]", "[khong_co?]"]


def test_a_mark_the_clerk_typed_is_not_red_only_a_figure_the_outline_says_is_missing(sample_workbook):
    outline = outline_with_intro(sample_workbook, "  Gõ tay [viec_lam?] và thiếu {{khong_co}}; - {{viec_lam}}.")
    paragraph = next(item for item in outline.body if "Gõ tay" in getattr(item, "text", ""))
    assert paragraph.missing == ((len("Gõ tay [viec_lam?] và thiếu "), len("Gõ tay [viec_lam?] và thiếu [khong_co?]")),)
    p = Preview(outline_to_html(outline)).paragraph("Gõ tay [viec_lam?] và thiếu [khong_co?]; - 18.498.")
    assert p["red"] == ["[khong_co?]"]


def test_a_complete_report_has_nothing_in_red(outline):
    assert not outline.missing
    assert all(not p["red"] for p in Preview(outline_to_html(outline)).paragraphs)


def test_the_header_has_the_agency_beside_the_national_heading_and_the_place_date_line(outline):
    preview = Preview(outline_to_html(outline))
    header = preview.tables[0]
    f = outline.front
    assert header == [f.parent_agency, f.agency, f.number_line, f.national, f.motto, f.place_date]
    assert f.national == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and f.place_date.startswith("Đắk Nông, ngày ")
    assert "italic" in preview.paragraph(f.place_date)["attrs"]["style"]
    assert "bold" in preview.paragraph(f.national)["attrs"]["style"]


def test_body_paragraphs_are_justified_with_a_first_line_indent_like_the_docx(outline):
    preview = Preview(outline_to_html(outline))
    p = next(p for p in preview.paragraphs if p["text"].startswith("Ngay từ đầu năm 2023"))
    assert p["attrs"]["align"] == "justify"
    assert "text-indent:48px" in p["attrs"]["style"]  # 1,27 cm at 96 px to the inch


def test_the_signature_block_has_recipients_beside_the_signer(outline):
    s = outline.signature
    signature = Preview(outline_to_html(outline)).tables[-1]
    assert signature[:len(s.recipients) + 1] == ["Nơi nhận:", *s.recipients]
    assert signature[len(s.recipients) + 1:len(s.recipients) + 3] == [s.authority, s.title]
    assert signature[-5:-1] == ["\xa0"] * 4  # room for the hand signature and the seal


def test_every_heading_and_paragraph_can_be_scrolled_to(outline):
    preview = Preview(outline_to_html(outline))
    assert preview.anchors == [f"b{i}" for i in range(len(outline.body))]
    for i, item in enumerate(outline.body):
        p = next(p for p in preview.paragraphs if f"b{i}" in p["anchors"])
        part = isinstance(item, Heading) and item.level == Level.PART
        assert p["text"] == (item.number if part else item.line)  # a part's anchor is on "PHẦN THỨ …"


def test_the_preview_module_needs_no_qt():
    code = "import sys, baocao_gui.render.html; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_qt_displays_the_preview_with_the_national_heading_and_the_figures(qtbot, outline):
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(outline_to_html(outline))
    text = document.toPlainText()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "18.498 lượt người" in text


def test_qt_keeps_an_anchor_for_every_body_item(qtbot, outline):
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(outline_to_html(outline))
    names = set()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            names.update(fragments.fragment().charFormat().anchorNames())
            fragments += 1
        block = block.next()
    assert names >= {f"b{i}" for i in range(len(outline.body))}


def test_the_annex_is_previewed_after_the_signature_as_the_docx_has_it(sample_workbook):
    wb = workbook_of(sample_workbook)
    outline = compose_outline(wb, wb.report_for(2023), annex=True)
    html = outline_to_html(outline)
    texts = Preview(html).texts()
    name = texts.index(outline.signature.name) if outline.signature.name else texts.index("PHÓ GIÁM ĐỐC")
    label = texts.index("Phụ lục")
    assert label > name and texts[label + 1] == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023"
    assert any("khổ ngang" in t for t in texts[name:label])  # the clerk is told the pages turn
    annex = html[html.index("Phụ lục"):]
    assert '<td colspan="8"><b>Công tác Lao động – Việc làm và Giáo dục nghề nghiệp</b></td>' in annex
    assert '<td align="right" style="white-space:nowrap">18.498</td>' in annex
    assert '<td align="left" style="padding-left:' in annex  # a breakdown, indented
    assert '<td align="right">&nbsp;</td>' in annex  # an empty figure, left empty
