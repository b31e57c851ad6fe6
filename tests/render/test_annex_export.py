"""The figures annex in the .docx (its own landscape section, a table that repeats its header row) and as
LibreOffice lays it out: landscape pages, the header row on each, pages numbered on their own."""

import re
import subprocess

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from helpers import assert_valid_ooxml
from test_libreoffice import _need, first_line, page_count, page_text

from baocao_gui.compose import compose_outline
from baocao_gui.domain.figures import MissingFigure, citations, sheet
from baocao_gui.render.pdf import docx_to_pdf
from baocao_gui.store import load_workbook, open_workbook


@pytest.fixture(scope="module")
def document(exported_sample_with_annex):
    return docx.Document(str(exported_sample_with_annex))


@pytest.fixture(scope="module")
def annex_table(document):
    return document.tables[-1]


@pytest.fixture
def sample(sample_workbook):
    db = open_workbook(sample_workbook, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    return workbook, workbook.report_for(2023)


def test_the_export_with_its_annex_passes_the_ooxml_schema(exported_sample_with_annex):
    assert_valid_ooxml(exported_sample_with_annex)


def test_the_annex_is_its_own_landscape_section_numbering_its_pages_from_one(document):
    report, annex = document.sections
    assert report.orientation == WD_ORIENT.PORTRAIT
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert (round(annex.page_width.mm), round(annex.page_height.mm)) == (297, 210)
    assert annex.left_margin == report.left_margin and annex.top_margin == report.top_margin
    number_type = annex._sectPr.find(qn("w:pgNumType"))
    assert number_type is not None and number_type.get(qn("w:start")) == "1"
    assert annex.different_first_page_header_footer  # its page 1 shows no number, like the report's
    assert annex.header.is_linked_to_previous  # the same centred PAGE field in the header


def test_the_annex_opens_with_its_label_title_and_the_report_it_goes_with(document):
    texts = [p.text for p in document.paragraphs]
    i = texts.index("Phụ lục")
    label, title, attached = document.paragraphs[i:i + 3]
    assert title.text == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023"
    assert attached.text.startswith("(Kèm theo Báo cáo tóm tắt số 15/BC-SLĐTBXH ngày 18/01/2024")
    for p in (label, title):
        assert p.style.font.bold and p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert p.style.font.size == Pt(14)
    assert attached.style.font.italic


def test_the_header_row_repeats_and_no_row_splits_across_pages(annex_table):
    rows = annex_table.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in rows[0].cells][:3] == ["STT", "Chỉ tiêu", "Đơn vị tính"]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows[1:])


def test_sectors_are_bold_rows_spanning_the_table_and_breakdowns_are_indented(annex_table):
    sector = annex_table.rows[1]
    tcs = sector._tr.findall(qn("w:tc"))
    assert len(tcs) == 2 and tcs[1].tcPr.find(qn("w:gridSpan")) is not None
    assert all(run.font.bold for c in sector.cells for p in c.paragraphs for run in p.runs)
    by_name = {r.cells[1].text: r for r in annex_table.rows[1:]}
    total = by_name["Số lao động được tạo việc làm"].cells[1].paragraphs[0]
    part = by_name["Số lao động được tạo việc làm trong nước"].cells[1].paragraphs[0]
    assert not total.paragraph_format.left_indent
    assert part.paragraph_format.left_indent >= Mm(4)
    assert not any(run.font.bold for run in part.runs)


def test_figures_are_right_aligned_in_12_pt_and_an_empty_figure_is_an_empty_cell(annex_table):
    row = next(r for r in annex_table.rows if r.cells[1].text == "Số lao động được tạo việc làm trong nước")
    cells = row.cells
    assert cells[4].text == "17.896"
    figure = cells[4].paragraphs[0]
    assert figure.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert figure.runs[0].font.size == Pt(12)
    assert cells[3].text == "" and cells[5].text == ""  # no plan typed: nothing written, not 0


def test_every_figure_in_the_annex_equals_the_figure_in_the_text(sample, tmp_path):
    """Read back from the .docx: every annex cell is the outline's, and for every figure the text cites in a
    column of the annex, the paragraph printing it and the annex cell print the same figure."""
    from baocao_gui.render.word import write_docx

    workbook, report = sample
    outline = compose_outline(workbook, report, annex=True)
    path = write_docx(outline, tmp_path / "kèm phụ lục.docx")
    assert_valid_ooxml(path)
    written = docx.Document(str(path))
    table = written.tables[-1]
    annex = outline.annex
    in_docx = {}
    for row, line in zip(table.rows[1:], annex.rows, strict=True):
        cells = [c.text for c in row.cells]
        if line.sector:
            assert cells[0] == line.cells[0] and set(cells[1:]) == {line.cells[1]}
            continue
        assert tuple(cells) == line.cells
        in_docx[line.code] = dict(zip(annex.columns, cells[2:], strict=True))
    body = "\n".join(p.text for p in written.paragraphs)
    writer = sheet(workbook, report)
    compared = 0
    for blocks in report.blocks.values():
        for block in blocks:
            for c in citations(block.text):
                if c.code not in in_docx or c.field not in ("actual", "plan", "last", "target", "pct_plan"):
                    continue
                try:
                    figure = writer.figure(c.code, c.field)
                except MissingFigure:
                    continue
                assert figure in body
                cell = in_docx[c.code][c.field]
                if c.field in ("plan", "target"):  # the annex states a plan in its direction ("giảm từ 3% trở lên")
                    figure = writer.figure(c.code, c.field + "_text")
                assert cell == figure, (c.code, c.field)
                compared += 1
    assert compared >= 20


# --- as LibreOffice lays it out ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(exported_sample_with_annex, tmp_path_factory):
    for tool in ("soffice", "pdftotext", "pdfinfo"):
        _need(tool)
    return docx_to_pdf(exported_sample_with_annex, tmp_path_factory.mktemp("annex-pdf"))


def page_sizes(pdf):
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def annex_pages(pdf):
    return [n for n in range(1, page_count(pdf) + 1) if "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU" in
            page_text(pdf, n) or page_sizes(pdf)[n - 1][0] > page_sizes(pdf)[n - 1][1]]


@pytest.mark.libreoffice
def test_libreoffice_lays_the_annex_on_landscape_pages_after_the_portrait_report(pdf):
    sizes = page_sizes(pdf)
    pages = annex_pages(pdf)
    assert len(pages) >= 2  # the sample's annex runs over several pages: the header row must repeat
    assert pages == list(range(pages[0], len(sizes) + 1))
    assert all(w > h for w, h in sizes[pages[0] - 1:])
    assert all(w < h for w, h in sizes[:pages[0] - 1])
    assert "Nơi nhận:" in page_text(pdf, pages[0] - 1)  # the report ends, with its signature, before


@pytest.mark.libreoffice
def test_libreoffice_repeats_the_header_row_on_every_annex_page(pdf):
    for n in annex_pages(pdf):
        text = page_text(pdf, n)
        assert "STT" in text and "Chỉ tiêu" in text and "Thực hiện năm 2023" in re.sub(r"\s+", " ", text), n


@pytest.mark.libreoffice
def test_the_annex_numbers_its_own_pages_from_one_and_shows_no_number_on_its_first(pdf):
    pages = annex_pages(pdf)
    assert first_line(page_text(pdf, pages[0])) == "Phụ lục"
    for k, n in enumerate(pages[1:], start=2):
        assert first_line(page_text(pdf, n)) == str(k), n
    before = pages[0] - 1
    assert first_line(page_text(pdf, before)) == str(before)  # the report keeps its own numbers


@pytest.mark.libreoffice
def test_the_figures_libreoffice_prints_in_the_annex_are_the_texts(pdf, exported_sample_with_annex):
    layout = "\n".join(page_text(pdf, n, layout=True) for n in annex_pages(pdf))
    row = next(line for line in layout.splitlines() if "Số người được đào tạo nghề" in line)
    assert re.findall(r"\S+%|\d[\d.]*", row.split("Số người được đào tạo nghề")[1]) == [
        "4.000", "8.491", "212,27%", "5.766", "147,25%", "4.000"]
    rate = next(line for line in layout.splitlines() if "Tỷ lệ hộ nghèo chung toàn tỉnh" in line)
    # the plan and the target in their words, on two lines ("giảm từ 3%" / "trở lên"); the % of plan is the fall
    # over the fall planned (2,79 ÷ 3)
    assert re.sub(r"\s+", " ", rate.split("toàn tỉnh")[1]).strip() == \
        "% giảm từ 3% 5,18% 93% 7,97% giảm 2,79% giảm từ 2%"
    below = layout.splitlines()[layout.splitlines().index(rate) + 1]
    assert re.sub(r"\s+", " ", below).strip() == "trở lên trở lên"


@pytest.mark.libreoffice
def test_the_first_annex_page_can_be_pictured_landscape(pdf, tmp_path):
    """A picture of the annex as LibreOffice prints it, for docs/ (BAOCAO_SCREENSHOTS=docs/screenshots)."""
    import os
    from pathlib import Path

    _need("pdftoppm")
    out = Path(os.environ.get("BAOCAO_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    first = annex_pages(pdf)[0]
    stem = out / "annex-page"
    subprocess.run(["pdftoppm", "-f", str(first), "-l", str(first), "-r", "80", "-png", "-singlefile", str(pdf),
                    str(stem)], check=True)
    from PySide6.QtGui import QImage

    image = QImage(str(stem) + ".png")
    assert image.width() > image.height() > 500
