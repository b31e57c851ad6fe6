"""Figures in from a sheet (issue 23, point 5): the program's own .xlsx and .csv come back exactly (a workbook's
figures exported, then imported into a copy, are identical, and a second import changes nothing), .ods and .xls are
read the same, and an office's own sheet is read by its header words, its rows matched by code, else by name, else
offered as new indicators; numbers typed as text are read the vi-VN way, English-style ones are flagged."""

from __future__ import annotations

import csv
import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from helpers import run_cli, stored_report
from sheet_files import (
    calc_available,
    exported,
    invented_workbook,
    office_sheet,
    soffice_convert,
    stored_figures,
    write_own_csv,
    write_own_xlsx,
)

from baocao_gui.app import Document
from baocao_gui.app.edits.figures import take_figures
from baocao_gui.app.sheets import plan_figures, read_figures

NOTHING = "không có số liệu nào thay đổi"


@pytest.fixture
def books(tmp_path) -> tuple[Path, Path]:
    """An invented workbook, and a copy of it whose figures differ (another draw of the same shape)."""
    return invented_workbook(tmp_path / "sở.baocao"), invented_workbook(tmp_path / "bản sao.baocao", seed=99)


def _round_trip(source: Path, copy: Path, sheet: Path) -> None:
    before = stored_figures(copy)
    assert before != stored_figures(source)
    shown = run_cli("import-figures", str(copy), str(sheet))
    assert shown.returncode == 0, shown.stderr
    assert "chưa ghi vào sổ" in shown.stdout and "→" in shown.stdout
    assert stored_figures(copy) == before  # without --apply nothing is written
    applied = run_cli("import-figures", str(copy), str(sheet), "--apply")
    assert applied.returncode == 0, applied.stderr
    assert "Đã ghi" in applied.stdout
    assert stored_figures(copy) == stored_figures(source)
    again = run_cli("import-figures", str(copy), str(sheet))
    assert again.returncode == 0 and NOTHING in again.stdout, again.stdout
    assert "→" not in again.stdout


def test_an_exported_xlsx_imported_into_a_copy_gives_identical_figures_and_then_no_change(books, tmp_path):
    source, copy = books
    _round_trip(source, copy, exported(source, tmp_path / "số liệu.xlsx"))


def test_an_exported_csv_imported_into_a_copy_gives_identical_figures_and_then_no_change(books, tmp_path):
    source, copy = books
    _round_trip(source, copy, exported(source, tmp_path / "số liệu.csv"))


def test_a_file_written_to_the_documented_contract_comes_back_exactly_too(books, tmp_path):
    """The formats of docs/data-format.md written here independently of the writers: the reader keeps to the
    contract, not to one writer's habits."""
    source, copy = books
    _round_trip(source, copy, write_own_xlsx(source, tmp_path / "hợp đồng.xlsx"))
    copy2 = invented_workbook(tmp_path / "bản sao 2.baocao", seed=7)
    _round_trip(source, copy2, write_own_csv(source, tmp_path / "hợp đồng.csv"))


def test_a_sheet_exported_then_imported_unchanged_changes_nothing(books, tmp_path):
    source, _ = books
    for sheet in (exported(source, tmp_path / "a.xlsx"), exported(source, tmp_path / "a.csv")):
        result = run_cli("import-figures", str(source), str(sheet), "--apply")
        assert result.returncode == 0 and NOTHING in result.stdout


@pytest.mark.skipif(not calc_available(), reason="LibreOffice Calc is not installed")
@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_the_xlsx_saved_by_libreoffice_as_ods_or_xls_is_read_with_the_same_figures(books, tmp_path, suffix):
    source, copy = books
    xlsx = exported(source, tmp_path / "số liệu.xlsx")
    converted = soffice_convert(xlsx, suffix, tmp_path / suffix)
    assert read_figures(converted).ours
    _round_trip(source, copy, converted)


def test_an_office_sheet_is_read_by_its_header_words_and_matched_by_name(tmp_path):
    path = invented_workbook(tmp_path / "sở.baocao")
    content = read_figures(office_sheet(tmp_path / "phòng.xlsx"))
    assert not content.ours and content.sheet == "Phòng Lao động"
    assert set(content.columns) >= {"name", "unit", "actual", "plan", "last", "target"}
    doc = Document(path, readonly=True)
    try:
        plan = plan_figures(doc.workbook, doc.report, content)
    finally:
        doc.close()
    changes = {(c.code, c.field): c.new for c in plan.changes}
    assert changes[("viec_lam", "actual")] == 19250  # "19.250" typed as text: vi-VN thousands
    assert changes[("viec_lam", "plan")] == 18200 and changes[("viec_lam", "last")] == 18498
    assert changes[("viec_lam", "target")] == 19500
    assert changes[("viec_lam_trong_nuoc", "actual")] == 16000  # no diacritics, a bullet: still that indicator
    assert changes[("viec_lam_ngoai_tinh", "actual")] == 5.5  # "5,5%"
    assert changes[("viec_lam_ngoai_tinh", "plan")] == (4, 6)  # a range
    assert ("dao_tao_nghe", "actual") not in changes  # "8,491" is English style: flagged, not guessed
    assert any("8,491" in f and "tiếng Anh" in f for f in plan.findings)
    assert [n.name for n in plan.new] == ["Số lao động khởi nghiệp được hỗ trợ vay vốn",
                                         "Số phiên giao dịch việc làm lưu động"]
    assert plan.new[0].figures == {"actual": 312, "plan": 300} and plan.new[1].unit == "phiên"


def test_the_accepted_figures_and_new_indicators_are_one_step_undone_together(tmp_path):
    path = invented_workbook(tmp_path / "sở.baocao")
    content = read_figures(office_sheet(tmp_path / "phòng.xlsx"))
    doc = Document(path)
    try:
        before = dict(doc.report.values)
        plan = plan_figures(doc.workbook, doc.report, content)
        edit = take_figures(doc, plan.changes, plan.new, "lao_dong", "Nhập số liệu")
        doc.apply(edit)
        assert doc.report.values["viec_lam"].actual == 19250
        made = edit.created["codes"]
        assert len(made) == 2 and all(doc.workbook.indicator(c).sector == "lao_dong" for c in made)
        assert doc.report.values[made[0]].actual == 312
        doc.run(edit.undo, edit.change)
        assert dict(doc.report.values) == before
        assert all(doc.workbook.indicator(c) is None for c in made)
        doc.run(edit.do, edit.change)  # redo: the same indicators again
        assert [doc.workbook.indicator(c).name for c in made] == [n.name for n in plan.new]
    finally:
        doc.close()


def test_import_figures_creates_new_indicators_only_in_the_sector_named(tmp_path):
    path = invented_workbook(tmp_path / "sở.baocao")
    sheet = office_sheet(tmp_path / "phòng.xlsx")
    shown = run_cli("import-figures", str(path), str(sheet), "--apply")
    assert shown.returncode == 0, shown.stderr
    assert "--sector" in shown.stderr and "8,491" in shown.stderr
    assert stored_report(path, 2024).values["viec_lam"].actual == 19250
    made = run_cli("import-figures", str(path), str(sheet), "--apply", "--sector", "lao_dong")
    assert made.returncode == 0 and "2 chỉ tiêu mới" in made.stdout, made.stdout


def test_a_frozen_report_refuses_figures_with_the_sentence(sent_workbook, tmp_path):
    sheet = office_sheet(tmp_path / "phòng.xlsx")
    before = sent_workbook.read_bytes()
    result = run_cli("import-figures", str(sent_workbook), str(sheet), "--apply")
    assert result.returncode == 2
    assert "đã ký, đã gửi" in result.stderr and "Traceback" not in result.stderr
    assert sent_workbook.read_bytes() == before


@pytest.mark.parametrize("encoding, separator", [("utf-8", ";"), ("utf-8-sig", "\t"), ("cp1258", ",")])
def test_an_office_csv_is_read_in_utf8_or_windows_1258_with_any_separator(tmp_path, encoding, separator):
    path = invented_workbook(tmp_path / "sở.baocao")
    sheet = tmp_path / "phòng.csv"
    lines = [["Chỉ tiêu", "Đơn vị", "Thực hiện", "Kế hoạch"],
             ["Số lao động được tạo việc làm", "lượt người", "21.004", "20.000"],
             ["Tỷ lệ lao động được tạo việc làm đi làm việc ngoại tỉnh", "%", "7,25", ""]]
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(lines)
    sheet.write_bytes(_cp1258(out.getvalue()) if encoding == "cp1258" else out.getvalue().encode(encoding))
    result = run_cli("import-figures", str(path), str(sheet), "--apply")
    assert result.returncode == 0, result.stderr
    values = stored_report(path, 2024).values
    assert values["viec_lam"].actual == 21004 and values["viec_lam"].plan == 20000
    assert values["viec_lam_ngoai_tinh"].actual == 7.25


def _cp1258(text: str) -> bytes:
    """Windows-1258 holds â, ơ, ư… whole and the five tone marks as combining characters after them."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = [m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323"]
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + "".join(tones))
    return "".join(out).encode("cp1258")


def test_a_copy_imported_changes_the_copy_only(books, tmp_path):
    source, copy = books
    sheet = exported(copy, tmp_path / "bản sao.xlsx")
    kept = tmp_path / "giữ.baocao"
    shutil.copy(source, kept)
    assert run_cli("import-figures", str(source), str(sheet), "--apply").returncode == 0
    assert stored_figures(source) == stored_figures(copy) != stored_figures(kept)


def test_a_figure_edited_on_the_printed_sheet_instead_of_the_code_sheet_is_said_never_lost_silently(books, tmp_path):
    import openpyxl

    source, _ = books
    sheet = exported(source, tmp_path / "sửa trang in.xlsx")
    book = openpyxl.load_workbook(sheet)
    printed = book["Số liệu"]
    row = next(r for r in printed.iter_rows() if r[1].value == "Số lao động được tạo việc làm")
    actual = next(c for c in row if c.column_letter == "E")  # “Thực hiện năm 2024”
    actual.value = 123456
    book.save(sheet)
    result = run_cli("import-figures", str(source), str(sheet))
    assert result.returncode == 0 and NOTHING in result.stdout
    note = next(line for line in result.stderr.splitlines() if "Trang “Số liệu”" in line)
    assert "Số lao động được tạo việc làm" in note and "123.456" in note and "trang “Mã chỉ tiêu”" in note


def test_the_program_file_of_another_period_is_said_before_anything_is_taken(books, tmp_path):
    import openpyxl

    source, copy = books
    sheet = exported(source, tmp_path / "năm trước.xlsx")
    book = openpyxl.load_workbook(sheet)
    title = next(c for row in book["Số liệu"].iter_rows(max_row=6) for c in row if "NĂM 2024" in str(c.value or ""))
    title.value = title.value.replace("NĂM 2024", "NĂM 2023")
    book.save(sheet)
    result = run_cli("import-figures", str(copy), str(sheet))
    assert result.returncode == 0
    assert "Tệp là số liệu năm 2023, không phải của báo cáo năm 2024 đang chọn" in result.stderr


def test_a_whole_report_taken_from_a_sheet_is_undone_and_redone_whole(books, tmp_path):
    source, copy = books
    content = read_figures(exported(source, tmp_path / "số liệu.xlsx"))
    before = stored_figures(copy)
    doc = Document(copy)
    try:
        plan = plan_figures(doc.workbook, doc.report, content)
        assert len(plan.changes) > 100  # the many-figures path of the store
        edit = take_figures(doc, plan.changes, [], None, "Nhập số liệu")
        doc.apply(edit)
        assert stored_figures(copy) == stored_figures(source)
        doc.run(edit.undo, edit.change)
        assert stored_figures(copy) == before
        doc.run(edit.do, edit.change)
        assert stored_figures(copy) == stored_figures(source)
    finally:
        doc.close()
