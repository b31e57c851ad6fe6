"""Issue 23, figures going up: the report's figures as an Excel file, a CSV and a DHIS2 data value set, written
through the one export path (``baocao-gui export SỔ -o X.xlsx | X.csv | X.json``). Invented figures and names."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from figures_data import COC_DEFAULT, DATA_SET, DE_RATE, DE_VISITS, DE_VISITS_PLAN, ORG_UNIT, invented

from baocao_gui.app import Document
from baocao_gui.app.edits import sectors
from baocao_gui.app.textfile import dump_workbook, load_text_workbook
from baocao_gui.cli import main
from baocao_gui.domain.checks import check_report
from baocao_gui.domain.dhis2 import period_code
from baocao_gui.domain.model import Period, PeriodKind
from baocao_gui.store import load_workbook, open_workbook


@pytest.fixture
def health(tmp_path) -> Path:
    source = tmp_path / "so-y-te.toml"
    source.write_text(invented(), encoding="utf-8")
    return load_text_workbook(source, tmp_path / "Sở Y tế.baocao")


def read(path: Path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db)
    finally:
        db.close()


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def as_shown_by_libreoffice(xlsx: Path, folder: Path) -> list[list[str]]:
    """The first sheet as LibreOffice Calc shows it: converted to CSV with “save cell contents as shown”."""
    profile = folder / "lo-profile"
    subprocess.run([_soffice(), "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(folder),
                    str(xlsx)], check=True, capture_output=True, timeout=180)
    return list(csv.reader(io.StringIO((folder / (xlsx.stem + ".csv")).read_text(encoding="utf-8"))))


# --- Excel ----------------------------------------------------------------------------------------------------

def test_the_excel_file_holds_numbers_shown_the_vietnamese_way_with_the_codes_on_a_second_sheet(health, tmp_path):
    import openpyxl

    target = tmp_path / "số liệu.xlsx"
    assert main(["export", str(health), "-o", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Số liệu", "Mã chỉ tiêu"]
    sheet = book["Số liệu"]
    assert [sheet.cell(r, 1).value for r in (1, 2)] == ["UBND TỈNH LÂM VIÊN", "SỞ Y TẾ"]
    assert "Báo cáo số 07/BC-SYT ngày 10/01/2031" in sheet.cell(3, 1).value and "NĂM 2030" in sheet.cell(4, 1).value
    assert [c.value for c in sheet[6]] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2030",
                                           "Thực hiện năm 2030", "So với kế hoạch", "Cùng kỳ năm 2029",
                                           "So với cùng kỳ", "Kế hoạch năm 2031"]
    assert sheet.freeze_panes == "C7"  # the header rows and the STT, name columns stay in view
    assert sheet.column_dimensions["B"].width >= 30
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$6:$6"  # printed: across
    assert [str(r.sqref) for r in sheet.conditional_formatting] == ["A6:I12"]  # the grid over the whole table
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=7)}
    assert rows["Khám, chữa bệnh"][0].value == "I" and rows["Khám, chữa bệnh"][1].font.bold
    visits = rows["Số lượt khám bệnh"]
    assert [c.value for c in visits[3:8]] == [18200, 18498, 101.64, 16020, 115.47]  # numbers, rounded as printed
    assert all(isinstance(c.value, int | float) for c in visits[3:8])
    assert visits[4].number_format == "[$-42A]#,##0" and visits[5].number_format == '[$-42A]#,##0.00"%"'
    assert visits[8].value == "19.000–19.500"  # a range target is words, as printed
    child = rows["Lượt khám của trẻ em dưới 6 tuổi"]
    assert child[0].value == "-" and child[1].alignment.indent == 1  # a breakdown, indented
    rate = rows["Tỷ lệ tiêm chủng đầy đủ"]
    assert rate[4].value == 96.25 and rate[4].number_format == '[$-42A]#,##0.00"%"'
    assert rate[7].value == "tăng 1,15%"  # a rate against last year in points, as the report writes it

    codes = book["Mã chỉ tiêu"]
    assert [c.value for c in codes[1]] == ["Mã lĩnh vực", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Thực hiện",
                                           "Kế hoạch", "Kế hoạch (cận trên)", "Cùng kỳ", "Chỉ tiêu kỳ sau",
                                           "Chỉ tiêu kỳ sau (cận trên)"]
    table = [[c.value for c in row] for row in codes.iter_rows(min_row=2)]
    assert table == [
        ["kham_chua_benh", "luot_kham", "Số lượt khám bệnh", "lượt", 18498, 18200, None, 16020, 19000, 19500],
        ["kham_chua_benh", "luot_kham_tre_em", "Lượt khám của trẻ em dưới 6 tuổi", "lượt", 4021, None, None, None,
         None, None],
        ["kham_chua_benh", "ty_le_tiem", "Tỷ lệ tiêm chủng đầy đủ", "%", 96.25, 95, None, 95.1, None, None],
        ["duoc", "co_so_duoc", "Số cơ sở bán lẻ thuốc được kiểm tra", "cơ sở", 312, None, None, None, None, None],
    ]


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_excel_file_with_the_figures_the_report_prints(health, tmp_path):
    target = tmp_path / "so-lieu.xlsx"
    assert main(["export", str(health), "-o", str(target)]) == 0
    shown = {row[1]: row for row in as_shown_by_libreoffice(target, tmp_path) if len(row) > 2}
    assert shown["Số lượt khám bệnh"][3:8] == ["18.200", "18.498", "101,64%", "16.020", "115,47%"]
    assert shown["Tỷ lệ tiêm chủng đầy đủ"][4] == "96,25%"
    assert shown["Số cơ sở bán lẻ thuốc được kiểm tra"][4] == "312"


# --- CSV ------------------------------------------------------------------------------------------------------

def test_the_csv_has_a_byte_order_mark_and_one_row_per_indicator_and_field(health, tmp_path):
    target = tmp_path / "số liệu.csv"
    assert main(["export", str(health), "-o", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["ma_linh_vuc", "ma_chi_tieu", "chi_tieu", "don_vi", "truong", "gia_tri", "gia_tri_in"]
    by = {(r[1], r[4]): (r[5], r[6]) for r in rows[1:]}
    assert by[("luot_kham", "actual")] == ("18498", "18.498")
    assert by[("luot_kham", "pct_plan")] == ("101.64", "101,64%")
    assert by[("luot_kham", "target")] == ("19000", "19.000") and by[("luot_kham", "target_high")] == ("19500", "19.500")
    assert by[("ty_le_tiem", "actual")] == ("96.25", "96,25%")
    assert ("ty_le_tiem", "pct_last") not in by  # a rate is compared in points, not as a ratio
    assert rows[1][:5] == ["kham_chua_benh", "luot_kham", "Số lượt khám bệnh", "lượt", "actual"]
    assert len(rows) == 1 + len(by)


# --- DHIS2 ----------------------------------------------------------------------------------------------------

def test_the_dhis2_data_value_set_is_written_as_dhis2_documents_it(health, tmp_path):
    target = tmp_path / "dhis2.json"
    assert main(["export", str(health), "-o", str(target)]) == 0
    body = json.loads(target.read_text(encoding="utf-8"))
    assert list(body) == ["dataSet", "period", "orgUnit", "dataValues"]
    assert (body["dataSet"], body["period"], body["orgUnit"]) == (DATA_SET, "2030", ORG_UNIT)
    assert body["dataValues"] == [
        {"dataElement": DE_VISITS, "categoryOptionCombo": COC_DEFAULT, "value": "18498"},
        {"dataElement": DE_VISITS_PLAN, "categoryOptionCombo": COC_DEFAULT, "value": "18200"},
        {"dataElement": DE_RATE, "value": "96.25"},  # no combo named: DHIS2's default
    ]


def test_dhis2s_csv_has_its_columns_in_dhis2s_order(health, tmp_path):
    target = tmp_path / "dhis2.csv"
    assert main(["export", str(health), "-o", str(target), "--dhis2"]) == 0
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert rows[0] == ["dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value", "storedby",
                       "lastupdated", "comment", "followup"]
    assert rows[1] == [DE_VISITS, "2030", ORG_UNIT, COC_DEFAULT, "", "18498", "", "", "", "false"]
    assert len(rows) == 4
    assert raw.splitlines()[1].startswith(b'"aVisits0001","2030"')  # every field quoted


@pytest.mark.parametrize(("kind", "code"), [("year", "2030"), ("q3", "2030Q3"), ("m10", "203010"), ("m1", "203001"),
                                            ("6m", "2030S1"), ("9m", None)])
def test_a_report_s_period_in_dhis2_notation(kind, code):
    assert period_code(Period(PeriodKind(kind), 2030)) == code


def test_a_nine_month_report_has_no_dhis2_period_one_sentence_and_nothing_written(tmp_path, capsys):
    source = tmp_path / "9thang.toml"
    source.write_text(invented(period="9m"), encoding="utf-8")
    path = load_text_workbook(source, tmp_path / "so.baocao")
    target = tmp_path / "dhis2.json"
    assert main(["export", str(path), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "9 tháng năm 2030 không có kỳ tương ứng trong DHIS2" in err and "Traceback" not in err
    assert not target.exists() and not list(tmp_path.glob(".~*"))


def test_dry_run_says_what_would_be_sent_and_writes_nothing(health, tmp_path, capsys):
    target = tmp_path / "dhis2.json"
    assert main(["export", str(health), "-o", str(target), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Tập dữ liệu (dataSet): {DATA_SET}" in out and "Kỳ (period): 2030 (năm 2030)" in out
    assert f"Đơn vị (orgUnit): {ORG_UNIT}" in out and "Số giá trị sẽ gửi: 3, của 2 chỉ tiêu." in out
    assert "2 chỉ tiêu có số liệu — luot_kham_tre_em, co_so_duoc" in out
    assert not target.exists()


def test_figures_without_a_dhis2_mapping_are_one_finding_naming_them(health):
    workbook = read(health)
    found = [f for f in check_report(workbook, workbook.reports[0]) if f.kind == "dhis2-mapping"]
    assert len(found) == 1
    assert "2 chỉ tiêu có số liệu" in found[0].message
    assert "“Lượt khám của trẻ em dưới 6 tuổi”" in found[0].message and "“Số cơ sở bán lẻ" in found[0].message
    assert found[0].place.indicator == "luot_kham_tre_em"


def test_a_workbook_that_does_not_use_dhis2_gets_no_such_finding_and_a_sentence_on_export(tmp_path, capsys):
    source = tmp_path / "khong-dhis2.toml"
    source.write_text(invented(mapping=False), encoding="utf-8")
    path = load_text_workbook(source, tmp_path / "so.baocao")
    workbook = read(path)
    assert not [f for f in check_report(workbook, workbook.reports[0]) if f.kind == "dhis2-mapping"]
    assert main(["export", str(path), "-o", str(tmp_path / "x.json")]) == 2
    assert "Sổ chưa có mã DHIS2" in capsys.readouterr().err


def test_the_mapping_is_carried_by_dump_and_load_and_edited_in_one_undo_step(health, tmp_path):
    dumped = dump_workbook(health, tmp_path / "dump.toml")
    text = dumped.read_text(encoding="utf-8")
    assert f'[dhis2]\ndata_set = "{DATA_SET}"\norg_unit = "{ORG_UNIT}"' in text
    assert f'dhis2 = {{ actual = "{DE_VISITS}", plan = "{DE_VISITS_PLAN}", coc = "{COC_DEFAULT}" }}' in text
    again = load_text_workbook(dumped, tmp_path / "lai.baocao")
    assert dump_workbook(again, tmp_path / "dump2.toml").read_text(encoding="utf-8") == text
    doc = Document(again)
    try:
        doc.apply(sectors.set_indicator_properties(doc, "co_so_duoc", {"dhis2": '{"actual":"cSoDuoc0001"}'}))
        doc.apply(sectors.set_dhis2_target(doc, "dsOther0001", ORG_UNIT))
        assert doc.workbook.indicator("co_so_duoc").dhis2 == (("actual", "cSoDuoc0001"),)
        assert doc.workbook.dhis2.data_set == "dsOther0001"
    finally:
        doc.close()


@pytest.mark.parametrize("bad", ["abc", "1bcdefghijk", "aVisits0001x", "aVisits-001", "aVisits0001.bad"])
def test_a_code_dhis2_would_not_take_is_refused_in_one_sentence_naming_the_indicator(tmp_path, bad, capsys):
    source = tmp_path / "sai.toml"
    source.write_text(invented().replace(DE_VISITS, bad, 1), encoding="utf-8")
    assert main(["load", str(source), str(tmp_path / "so.baocao")]) != 0
    err = capsys.readouterr().err
    assert "luot_kham" in err and "không đúng dạng" in err and "Traceback" not in err
    assert not (tmp_path / "so.baocao").exists()


def test_a_target_that_cannot_be_written_is_one_sentence_and_nothing_half_written(health, tmp_path, capsys):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.csv").mkdir()  # a folder by the file's name
    places = [tmp_path / "không có" / "x.xlsx", tmp_path / "out" / "x.csv"]
    if os.name == "posix" and os.geteuid() != 0:  # root writes anywhere
        (tmp_path / "ro").mkdir()
        (tmp_path / "ro").chmod(0o500)
        places.append(tmp_path / "ro" / "x.json")
    try:
        for target in places:
            assert main(["export", str(health), "-o", str(target)]) == 2
            err = capsys.readouterr().err.strip()
            assert "Traceback" not in err and err.count("\n") == 0 and target.name in err or "thư mục" in err
        assert [p.name for p in (tmp_path / "out").iterdir()] == ["x.csv"]
        assert not list(tmp_path.rglob(".~baocao-*"))
    finally:
        if (tmp_path / "ro").exists():
            (tmp_path / "ro").chmod(0o700)


def test_dhis2_flag_with_a_suffix_dhis2_has_not_is_one_sentence(health, tmp_path, capsys):
    assert main(["export", str(health), "-o", str(tmp_path / "x.xlsx"), "--dhis2"]) == 2
    assert "--dhis2 chỉ dùng với tệp .json hoặc .csv" in capsys.readouterr().err


def test_the_structure_saved_as_a_catalogue_carries_the_mapping_for_another_province(health, tmp_path):
    import tomllib

    from baocao_gui.app.catalogue_files import save_structure
    from baocao_gui.domain.catalogue import parse_catalogue

    target = save_structure(read(health), tmp_path / "y-te.toml", "y_te_khac", "Sở Y tế tỉnh khác")
    catalogue = parse_catalogue(tomllib.loads(target.read_text(encoding="utf-8")))
    assert (catalogue.dhis2.data_set, catalogue.dhis2.org_unit) == (DATA_SET, ORG_UNIT)
    visits = next(i for i in catalogue.indicators if i.code == "luot_kham")
    assert dict(visits.dhis2) == {"actual": DE_VISITS, "plan": DE_VISITS_PLAN, "coc": COC_DEFAULT}


def test_a_name_ending_in_dhis2_csv_is_dhis2s_csv_without_the_flag(health, tmp_path):
    target = tmp_path / "gửi.dhis2.csv"
    assert main(["export", str(health), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith('"dataelement","period"')


def test_a_name_typed_like_a_formula_stays_text_in_the_excel_file(tmp_path):
    import openpyxl

    source = tmp_path / "la.toml"
    source.write_text(invented().replace('name = "Số cơ sở bán lẻ thuốc được kiểm tra"', 'name = "=1+1 cơ sở"'),
                      encoding="utf-8")
    path = load_text_workbook(source, tmp_path / "so.baocao")
    target = tmp_path / "x.xlsx"
    assert main(["export", str(path), "-o", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    names = [c for row in book["Số liệu"].iter_rows(min_row=7) for c in row if c.value == "=1+1 cơ sở"]
    codes = [c for row in book["Mã chỉ tiêu"].iter_rows(min_row=2) for c in row if c.value == "=1+1 cơ sở"]
    assert len(names) == len(codes) == 1 and names[0].data_type == codes[0].data_type == "s"
