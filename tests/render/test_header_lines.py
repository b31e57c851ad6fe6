"""The first page's agency names break where a clerk breaks them (issue 21.5): between phrases, never inside a place
name or a compound, at the decree's size (12–13 pt), measured with Times New Roman's widths; a line break the clerk
typed is kept; the .docx carries the breaks (w:br) so that Word and LibreOffice show the same lines."""

import datetime as dt
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from helpers import assert_valid_ooxml

from baocao_gui.domain.places import all_provinces, provinces
from baocao_gui.render.header_lines import FIT_SLACK_PT, header_room_pt, header_text
from baocao_gui.render.textwidth import text_width_pt

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)  # Nghị quyết 202/2025/QH15: 63 provinces, then 34


def province_headers() -> list[tuple[str, str]]:
    """(the header line, the place's name) of every province and city of domain/places.py (its data file,
    resources/places.toml): the 63 before 1 July 2025, the 34 after, and tỉnh Thừa Thiên Huế before 2025."""
    return sorted({(p.header, p.name.upper()) for p in all_provinces()})


# Departments as a clerk breaks them: "/" marks where a line may end. Names of 2025 and before.
DEPARTMENTS = (
    "SỞ NỘI VỤ", "SỞ Y TẾ", "SỞ TƯ PHÁP", "SỞ TÀI CHÍNH", "SỞ XÂY DỰNG", "SỞ CÔNG THƯƠNG", "SỞ NGOẠI VỤ",
    "THANH TRA / TỈNH", "SỞ / GIÁO DỤC / VÀ ĐÀO TẠO", "SỞ / LAO ĐỘNG - / THƯƠNG BINH / VÀ XÃ HỘI",
    "SỞ / NÔNG NGHIỆP / VÀ MÔI TRƯỜNG", "SỞ / KHOA HỌC / VÀ CÔNG NGHỆ", "SỞ / VĂN HÓA, / THỂ THAO / VÀ DU LỊCH",
    "SỞ / TÀI NGUYÊN / VÀ MÔI TRƯỜNG", "SỞ / NÔNG NGHIỆP / VÀ PHÁT TRIỂN NÔNG THÔN", "SỞ / KẾ HOẠCH / VÀ ĐẦU TƯ",
    "SỞ / THÔNG TIN / VÀ TRUYỀN THÔNG", "SỞ / DÂN TỘC / VÀ TÔN GIÁO", "SỞ / GIAO THÔNG / VẬN TẢI",
    "BAN / DÂN TỘC", "VĂN PHÒNG / UBND TỈNH", "SỞ / LAO ĐỘNG - / THƯƠNG BINH / VÀ XÃ HỘI / TỈNH / BÀ RỊA - VŨNG TÀU",
    "SỞ / Y TẾ / THÀNH PHỐ / HỒ CHÍ MINH", "BẢO HIỂM XÃ HỘI / TỈNH / THỪA THIÊN HUẾ",
)


def breaks_of(lines) -> set[int]:
    """After how many words each line but the last ends."""
    out, count = set(), 0
    for line in lines[:-1]:
        count += len(line.split())
        out.add(count)
    return out


def assert_fits(name, bold):
    assert name.size in (12, 13)  # PL I: 12–13 pt, never shrunk below
    for line in name.lines:
        assert text_width_pt(line, name.size, bold) <= header_room_pt(0) - FIT_SLACK_PT, line


@pytest.mark.parametrize("line, place", province_headers())
def test_the_parent_agency_line_of_every_province_keeps_the_place_name_whole(line, place):
    name = header_text(line, bold=False)
    assert " ".join(name.lines) == line
    assert place in name.lines or f"UBND TỈNH {place}" in name.lines or f"UBND THÀNH PHỐ {place}" in name.lines
    assert name.lines[0].startswith("UBND TỈNH") or name.lines[0].startswith("UBND THÀNH PHỐ")
    assert name.size == 13 and len(name.lines) <= 2
    assert_fits(name, False)


def test_the_list_holds_the_63_provinces_before_july_2025_and_the_34_after():
    headers = {header for header, _ in province_headers()}
    assert len(provinces(BEFORE)) == 63 and len(provinces(AFTER)) == 34
    assert {p.header for p in provinces(BEFORE) + provinces(AFTER)} <= headers
    assert {"UBND TỈNH BÀ RỊA - VŨNG TÀU", "UBND THÀNH PHỐ HỒ CHÍ MINH", "UBND THÀNH PHỐ HUẾ"} <= headers


@pytest.mark.parametrize("marked", DEPARTMENTS)
@pytest.mark.parametrize("bold", [True, False])
def test_a_department_name_breaks_only_between_its_phrases(marked, bold):
    text = " ".join(marked.replace("/", " ").split())
    allowed = breaks_of([part for part in marked.split("/")])
    name = header_text(text, bold=bold)
    assert " ".join(name.lines) == text
    assert breaks_of(name.lines) <= allowed, name.lines
    assert_fits(name, bold)


@pytest.mark.parametrize("text, lines", [
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", ("SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI")),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", ("SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH")),
    ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", ("SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG")),
    ("UBND THÀNH PHỐ HỒ CHÍ MINH", ("UBND THÀNH PHỐ", "HỒ CHÍ MINH")),
    ("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", ("ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU")),
])
def test_the_usual_names_break_as_a_clerk_writes_them_at_13_pt(text, lines):
    name = header_text(text, bold=True)
    assert (name.size, name.lines) == (13, lines)


def test_a_line_break_the_clerk_typed_is_kept_and_empty_lines_are_not_printed():
    name = header_text("SỞ LAO ĐỘNG -\nTHƯƠNG BINH VÀ XÃ HỘI\n\n", bold=True)
    assert name.lines == ("SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI")
    # a typed line still too long is broken again, between its phrases
    name = header_text("SỞ Y TẾ\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", bold=True)
    assert name.lines == ("SỞ Y TẾ", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI")


def test_where_13_pt_would_split_a_compound_name_12_pt_keeps_its_phrases_whole():
    # a narrower column (190 pt) than the header's: at 13 pt "SỞ LAO ĐỘNG - THƯƠNG BINH" no longer fits
    name = header_text("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", bold=True, room=190)
    assert (name.size, name.lines) == (12, ("SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"))
    # never below 12 pt: narrower still, the name breaks between its phrases
    name = header_text("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", bold=True, room=170)
    assert name.size in (12, 13) and name.lines[0] == "SỞ LAO ĐỘNG -"


# The longest parent and issuing agencies, exported as the program does and printed by LibreOffice.
LONGEST = [("UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
           ("UBND TỈNH BÀ RỊA - VŨNG TÀU", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
           ("UBND TỈNH THỪA THIÊN HUẾ", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")]


def exported_with(folder, parent, agency, index):
    import dataclasses

    from baocao_gui.compose import compose_outline
    from baocao_gui.render.word import write_docx
    from baocao_gui.store import create_workbook, load_workbook
    from baocao_gui.store.seed import write_bundled_sample

    db = create_workbook(folder / f"sổ {index}.baocao")
    write_bundled_sample(db)
    workbook = load_workbook(db)
    db.close()
    report = workbook.report_for(2023)
    report = dataclasses.replace(report, agency=dataclasses.replace(report.agency, parent_name=parent, name=agency))
    return write_docx(compose_outline(workbook, report), folder / f"Báo cáo {index}.docx")


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("headers")
    return [exported_with(folder, parent, agency, i) for i, (parent, agency) in enumerate(LONGEST)]


def left_cell_paragraphs(path):
    cell = docx.Document(str(path)).tables[0].rows[0].cells[0]
    return [p for p in cell.paragraphs if p.text]


def test_the_docx_carries_each_break_as_a_line_break_at_13_pt(exports):
    for path, (parent, agency) in zip(exports, LONGEST, strict=True):
        assert_valid_ooxml(path)
        first, second = left_cell_paragraphs(path)[:2]
        assert first.text.split("\n") == list(header_text(parent, False).lines)
        assert second.text.split("\n") == list(header_text(agency, True).lines)
        assert len(second._p.findall(".//" + qn("w:br"))) == len(header_text(agency, True).lines) - 1
        assert all(run.font.size is None for run in first.runs + second.runs)  # the style's 13 pt


@pytest.mark.libreoffice
def test_libreoffice_prints_the_longest_names_on_the_lines_the_program_chose(exports, tmp_path):
    import os
    import shutil
    from pathlib import Path

    from baocao_gui.render.pdf import docx_to_pdf, find_soffice

    if not find_soffice() or not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and poppler are needed")
        pytest.skip("LibreOffice or pdftotext not installed")
    pictures = os.environ.get("BAOCAO_SCREENSHOTS")
    for k, (path, (parent, agency)) in enumerate(zip(exports, LONGEST, strict=True)):
        pdf = docx_to_pdf(path, tmp_path / str(k))
        text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        printed = [" ".join(line.split()) for line in text.splitlines()]
        for line in header_text(parent, False).lines + header_text(agency, True).lines:
            # each chosen line is printed whole, at the start of its printed line (the left column)
            assert any(p.startswith(line) for p in printed), (line, text[:1500])
        assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in p for p in printed)
        if pictures and k == 0:
            Path(pictures).mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-png", "-r", "80", "-singlefile", str(pdf),
                            str(Path(pictures) / "header-longest-names")], check=True)
