"""The country as it is since 2025 on the command line: a report of Sở Nội vụ tỉnh Lâm Đồng made with
``new --catalogue so-noi-vu --province "Lâm Đồng"``, checked and exported under the header the period allows."""

import docx
import pytest
from helpers import assert_valid_ooxml, run_cli

from baocao_gui.app.catalogue_files import read_catalogue_file
from baocao_gui.paths import resource


def header_and_date_line(path):
    left, right = docx.Document(str(path)).tables[0].rows[0].cells[:2]
    # a name's paragraph may break into lines (w:br, issue 21.5): its words read on as one line
    names = [p.text.replace("\n", " ") for p in left.paragraphs if p.text]
    return names[:2], right.text.split("\n")[-1]


def test_new_so_noi_vu_for_lam_dong_2026_checks_clean_and_exports_under_ubnd_tinh_lam_dong(tmp_path):
    book, out = tmp_path / "Sở Nội vụ Lâm Đồng.baocao", tmp_path / "Báo cáo năm 2026.docx"
    made = run_cli("new", str(book), "--catalogue", "so-noi-vu", "--year", "2026", "--province", "Lâm Đồng")
    assert made.returncode == 0, made.stderr
    check = run_cli("check", str(book))
    assert check.returncode == 0 and check.stdout.strip().splitlines()[-1].startswith("0 lỗi"), check.stdout
    assert run_cli("export", str(book), "-o", str(out)).returncode == 0
    header, date_line = header_and_date_line(out)
    assert header == ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"]
    assert date_line.startswith("Lâm Đồng, ngày")
    left = docx.Document(str(out)).tables[0].rows[0].cells[0].text
    assert left.rstrip().endswith("/BC-SNV")  # the catalogue's abbreviation, the number left for the văn thư
    assert_valid_ooxml(out)


def test_a_city_named_after_a_person_writes_its_full_name_on_the_date_line(tmp_path):
    book, out = tmp_path / "hcm.baocao", tmp_path / "hcm.docx"
    assert run_cli("new", str(book), "--catalogue", "so_noi_vu", "--year", "2026",
                   "--province", "TP. Hồ Chí Minh").returncode == 0
    assert run_cli("export", str(book), "-o", str(out)).returncode == 0
    header, date_line = header_and_date_line(out)
    assert header == ["UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ NỘI VỤ"]
    assert date_line.startswith("Thành phố Hồ Chí Minh, ngày")
    assert_valid_ooxml(out)


def test_a_report_of_the_first_half_of_2025_may_be_written_under_the_former_province(tmp_path):
    book, out = tmp_path / "dn.baocao", tmp_path / "dn.docx"
    made = run_cli("new", str(book), "--catalogue", "sldtbxh", "--period", "6m", "--year", "2025",
                   "--province", "Đắk Nông", "--abbreviation", "SLĐTBXH")
    assert made.returncode == 0, made.stderr
    assert run_cli("export", str(book), "-o", str(out)).returncode == 0
    header, date_line = header_and_date_line(out)
    assert header[0] == "UBND TỈNH ĐẮK NÔNG" and date_line.startswith("Đắk Nông, ngày")
    assert_valid_ooxml(out)


@pytest.mark.parametrize("period", ["year", "9m", "q3"])
def test_a_former_province_is_refused_for_a_period_ending_after_the_merger_naming_what_it_became(tmp_path, period):
    book = tmp_path / "x.baocao"
    r = run_cli("new", str(book), "--catalogue", "so_noi_vu", "--period", period, "--year", "2025",
                "--province", "Đắk Nông")
    err = r.stderr.strip()
    assert r.returncode == 2 and "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith("Tỉnh Đắk Nông đã hợp nhất vào tỉnh Lâm Đồng từ ngày 01/07/2025")
    assert not book.exists()


def test_the_header_typed_by_hand_still_wins_over_the_province(tmp_path):
    book, out = tmp_path / "tay.baocao", tmp_path / "tay.docx"
    assert run_cli("new", str(book), "--catalogue", "so_noi_vu", "--year", "2026", "--province", "Lâm Đồng",
                   "--parent", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "--place", "Đà Lạt").returncode == 0
    assert run_cli("export", str(book), "-o", str(out)).returncode == 0
    header, date_line = header_and_date_line(out)
    assert header[0] == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" and date_line.startswith("Đà Lạt, ngày")


@pytest.mark.parametrize("catalogue", ["so_noi_vu", "so_y_te_xa_hoi", "so_gddt_gdnn", "sldtbxh"])
def test_each_bundled_catalogue_passes_the_catalogue_check_and_makes_a_workbook_without_errors(tmp_path, catalogue):
    parsed, _ = read_catalogue_file(resource("catalogues", f"{catalogue}.toml"))  # as an import checks it
    assert parsed.id == catalogue and parsed.indicators
    assert all(i.sentence for i in parsed.indicators) and all(i.unit for i in parsed.indicators)
    book = tmp_path / f"{catalogue}.baocao"
    assert run_cli("new", str(book), "--catalogue", catalogue, "--year", "2026", "--province", "Gia Lai").returncode == 0
    check = run_cli("check", str(book))
    assert check.returncode == 0 and check.stdout.strip().splitlines()[-1].startswith("0 lỗi"), check.stdout


def test_the_second_example_is_sở_nội_vụ_lâm_đồng_2026_with_invented_figures_checked_and_exported(tmp_path):
    book, out = tmp_path / "vd.baocao", tmp_path / "vd.docx"
    made = run_cli("sample", "--example", "so-noi-vu-2026", str(book))
    assert made.returncode == 0, made.stderr
    check = run_cli("check", str(book))
    assert check.returncode == 0 and check.stdout.strip().splitlines()[-1].startswith("0 lỗi"), check.stdout
    assert run_cli("export", str(book), "-o", str(out)).returncode == 0
    header, date_line = header_and_date_line(out)
    assert header == ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"] and date_line.startswith("Lâm Đồng, ngày")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "số liệu, số văn bản và ngày tháng trong báo cáo này đều là giả định" in text
    assert "Số lao động được tạo việc làm là 42.600 lượt người" in text
    assert_valid_ooxml(out)


def test_sample_alone_is_still_the_dak_nong_2023_reference_and_an_unknown_example_is_named(tmp_path):
    book = tmp_path / "dn.baocao"
    assert run_cli("sample", str(book)).returncode == 0
    listing = run_cli("list", str(book))
    assert "năm 2023" in listing.stdout
    wrong = run_cli("sample", "--example", "ha-noi-1999", str(tmp_path / "x.baocao"))
    assert wrong.returncode == 2 and wrong.stderr.strip() == (
        "Không có sổ ví dụ “ha-noi-1999” (các sổ ví dụ: dak-nong-2023, so-noi-vu-2026).")
    assert not (tmp_path / "x.baocao").exists()


def test_a_report_carried_past_the_merger_under_the_former_province_is_warned_naming_the_new_one(tmp_path):
    from baocao_gui.app import Document
    from baocao_gui.app.edits import reports
    from baocao_gui.domain.model import Period, PeriodKind

    book = tmp_path / "dn.baocao"
    assert run_cli("sample", str(book)).returncode == 0  # Sở LĐTBXH Đắk Nông, UBND TỈNH ĐẮK NÔNG
    doc = Document(book)
    doc.apply(reports.create_report(doc, Period(PeriodKind.SIX_MONTHS, 2025)))
    doc.apply(reports.create_report(doc, Period(PeriodKind.YEAR, 2025)))
    doc.close()
    half = run_cli("check", str(book), "--period", "6m", "--year", "2025")
    assert "Cơ quan chủ quản" not in half.stdout  # the first half of 2025 is still Đắk Nông's
    year = run_cli("check", str(book), "--period", "year", "--year", "2025")
    assert ("CẢNH BÁO: Thông tin chung › Cơ quan chủ quản: Tỉnh Đắk Nông đã hợp nhất vào tỉnh Lâm Đồng từ ngày "
            "01/07/2025") in year.stdout
    assert "(ghi “UBND TỈNH LÂM ĐỒNG” và địa danh “Lâm Đồng”)" in year.stdout


def test_province_with_from_docx_is_said_to_be_unused_the_header_coming_from_the_word_file(tmp_path):
    book, word, made = tmp_path / "dn.baocao", tmp_path / "dn.docx", tmp_path / "tu-word.baocao"
    assert run_cli("sample", str(book)).returncode == 0
    assert run_cli("export", str(book), "-o", str(word)).returncode == 0
    r = run_cli("new", str(made), "--from-docx", str(word), "--province", "Lâm Đồng")
    assert r.returncode == 0, r.stderr
    assert "Lưu ý: --province không dùng khi tạo từ tệp Word" in r.stderr
