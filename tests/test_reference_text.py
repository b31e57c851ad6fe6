"""The exported sample says everything the reference report says, figure for figure."""

import re

import docx
import pytest
from helpers import REFERENCE

NUMBER_PREFIX = re.compile(r"^(?:[A-Z]\.|[IVXL]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|-)\s+")
# the first-page lines are the header table; the last line is a remnant of the lost signature block
NOT_BODY = {"SỞ LAO ĐỘNG – TB&XH TỈNH ĐẮK NÔNG"}


def reference_paragraphs() -> list[str]:
    lines = [ln.strip() for ln in REFERENCE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    joined: list[str] = []
    for line in lines:
        # a page break in the source split one paragraph ("… rà soát các" / "văn bản quy phạm …")
        if joined and line[0].islower() and not re.match(r"^[a-zđ]\) ", line):
            joined[-1] += " " + line
        else:
            joined.append(line)
    out = []
    for p in joined:
        if p in NOT_BODY:
            continue
        if p.startswith("PHẦN THỨ NHẤT "):
            out += ["PHẦN THỨ NHẤT", p.removeprefix("PHẦN THỨ NHẤT ")]
        else:
            out.append(p)
    return out


def docx_paragraphs(path) -> list[str]:
    texts = []
    for block in docx.Document(str(path)).iter_inner_content():  # body order: header table first
        if isinstance(block, docx.table.Table):
            texts += [p.text for cell in block._cells for p in cell.paragraphs]
        else:
            texts.append(block.text)
    return [t.strip() for t in texts if t.strip()]


def unnumbered(text: str) -> str:
    return NUMBER_PREFIX.sub("", text)


def test_every_paragraph_of_the_reference_is_in_the_export(exported_sample):
    exported = {unnumbered(t) for t in docx_paragraphs(exported_sample)}
    missing = [p for p in reference_paragraphs() if unnumbered(p) not in exported]
    assert missing == []


def test_paragraphs_come_in_the_reference_order(exported_sample):
    exported = [unnumbered(t) for t in docx_paragraphs(exported_sample)]
    positions = [exported.index(unnumbered(p)) for p in reference_paragraphs()]
    assert positions == sorted(positions)


def test_every_figure_of_the_reference_is_in_the_export_in_vietnamese_format(exported_sample):
    text = "\n".join(docx_paragraphs(exported_sample))
    figures = re.findall(r"\d+(?:[.,]\d+)*%?", "\n".join(unnumbered(p) for p in reference_paragraphs()))
    assert figures and [f for f in figures if f not in text] == []


@pytest.mark.parametrize("phrase", [
    "18.498 lượt người, đạt 101,64% so với kế hoạch năm",
    "đạt 212,27% kế hoạch năm, bằng 147,25% so với cùng kỳ năm 2022",
    "37.774.519.980 đồng",
    "04 Nghị quyết; 02 Quyết định QPPL",
    "giảm 2,79% (từ 7,97% cuối năm 2022 xuống còn 5,18% cuối năm 2023)",
    "chiếm 76,1%",
    "Tổ chức 08 cuộc thanh, kiểm tra 47 doanh nghiệp",
])
def test_derived_figures_read_as_in_the_reference(exported_sample, phrase):
    assert phrase in "\n".join(docx_paragraphs(exported_sample))
