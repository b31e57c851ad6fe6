"""The export as a real renderer shows it: LibreOffice converts it to PDF and we read the pages back."""

import os
import re
import shutil
import subprocess

import pytest
from test_reference_text import reference_paragraphs, unnumbered

from baocao_gui.render.pdf import docx_to_pdf, find_soffice

pytestmark = pytest.mark.libreoffice


def _need(tool):
    if (tool == "soffice" and find_soffice()) or (tool != "soffice" and shutil.which(tool)):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is missing: .ci/run must install it")
    pytest.skip(f"{tool} not installed")


@pytest.fixture(scope="module")
def pdf(exported_sample, tmp_path_factory):
    for tool in ("soffice", "pdftotext", "pdffonts"):
        _need(tool)
    return docx_to_pdf(exported_sample, tmp_path_factory.mktemp("pdf"))


def page_text(pdf, page, layout=False):
    args = ["pdftotext", "-f", str(page), "-l", str(page)] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_count(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def first_line(text):
    return next(line.strip() for line in text.splitlines() if line.strip())


def test_page_one_shows_no_page_number(pdf):
    lines = [line.strip() for line in page_text(pdf, 1).splitlines()]
    assert first_line(page_text(pdf, 1)) == "UBND TỈNH ĐẮK NÔNG"
    assert "1" not in lines


def test_page_two_and_the_last_page_show_their_numbers_at_the_top(pdf):
    n = page_count(pdf)
    assert n >= 3
    assert first_line(page_text(pdf, 2)) == "2"
    assert first_line(page_text(pdf, n)) == str(n)


def test_national_heading_and_date_line_each_fit_on_one_line(pdf):
    lines = page_text(pdf, 1, layout=True).splitlines()
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("Đắk Nông, ngày 18 tháng 01 năm 2024" in line for line in lines)


def test_all_the_reference_text_is_on_the_pages(pdf):
    pages = []
    for number in range(1, page_count(pdf) + 1):
        lines = page_text(pdf, number, layout=True).strip().splitlines()
        if number > 1 and lines[0].strip() == str(number):
            lines = lines[1:]  # the page number in the header
        pages.append("\n".join(lines))
    text = "\n".join(pages)
    text = re.sub(r"(?<=\S)-\n\s*", "-", text)  # a line broken after "1947-" keeps its hyphen, no space
    flat = re.sub(r"\s+", " ", text)
    missing = [p for p in reference_paragraphs() if re.sub(r"\s+", " ", unnumbered(p)) not in flat]
    assert missing == []


def test_every_glyph_is_times_new_roman_or_its_metric_twin_embedded(pdf):
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    names = {row[0].split("+")[-1] for row in rows}
    # Liberation Serif is Times New Roman's metric-compatible substitute where TNR is not installed;
    # any other family (DejaVu…) would mean a character fell back to another font.
    assert names and all(re.match(r"(TimesNewRoman|LiberationSerif)", n) for n in names), names
    assert all("yes" in row[-5:-3] for row in rows)  # embedded
