"""Bad sheets (issue 23, point 6): a damaged file, a password-protected workbook, a sheet of 1.000.000 rows, a file
that is no spreadsheet are one Vietnamese sentence (exit 2) and the workbook is not touched; a formula's error
(#DIV/0!) and a number the workbook cannot hold are a finding for their cell, never 0, never stored."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import run_cli, stored_report
from sheet_files import calc_available, invented_workbook, soffice_convert

from baocao_gui.app.sheets import read_sheet_file
from baocao_gui.importers.sheet_files import MAX_ROWS


@pytest.fixture
def book(tmp_path) -> Path:
    return invented_workbook(tmp_path / "sở.baocao")


def _refused(book: Path, sheet: Path, *words: str) -> str:
    before = book.read_bytes()
    result = run_cli("import-figures", str(book), str(sheet), "--apply")
    assert result.returncode == 2, result.stdout + result.stderr
    sentence = result.stderr.strip()
    assert len(sentence.splitlines()) == 1 and "Traceback" not in result.stderr
    assert sentence.startswith(f"Không đọc được tệp “{sheet.name}”") and "Chưa có gì được ghi" in sentence
    for word in words:
        assert word in sentence, sentence
    assert book.read_bytes() == before
    assert not list(book.parent.glob("*.baocao-journal"))
    return sentence


def test_a_damaged_xlsx_is_one_sentence_and_nothing_is_written(book, tmp_path):
    good = tmp_path / "tốt.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Chỉ tiêu", "Thực hiện"])
    wb.save(good)
    cut = tmp_path / "hỏng.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(book, cut, "bị hỏng")
    noise = tmp_path / "rác.xlsx"
    noise.write_bytes(bytes(range(256)) * 40)
    _refused(book, noise, "bị hỏng")


def test_a_zip_that_is_no_workbook_and_a_damaged_ods_are_refused(book, tmp_path):
    other = tmp_path / "khác.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    _refused(book, other, "không phải bảng tính")
    ods = tmp_path / "hỏng.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content><table:table")
    _refused(book, ods)


def test_a_web_page_saved_as_xls_says_to_save_it_as_xlsx(book, tmp_path):
    page = tmp_path / "xuất từ phần mềm.xls"
    page.write_text("<html><body><table><tr><td>Chỉ tiêu</td><td>Thực hiện</td></tr></table></body></html>",
                    encoding="utf-8")
    _refused(book, page, "HTML", ".xlsx")


def test_a_password_protected_workbook_says_to_remove_the_password(book, tmp_path):
    # An encrypted .xlsx is an OLE compound file holding the streams EncryptionInfo and EncryptedPackage.
    locked = tmp_path / "có mật khẩu.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                       + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)
    _refused(book, locked, "mật khẩu")


def _million_rows(path: Path, rows: int = 1_000_000) -> Path:
    """A real sheet of ``rows`` rows (written as its XML, as Excel does, with its dimension)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
                   '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
                   '.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships"><sheets><sheet name="Dữ liệu" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    f'main"><dimension ref="A1:B{rows}"/><sheetData>'.encode())
            chunk = []
            for r in range(1, rows + 1):
                chunk.append(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>7</v></c></row>')
                if len(chunk) == 10_000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write(("".join(chunk) + "</sheetData></worksheet>").encode())
    return path


def test_a_sheet_of_a_million_rows_is_refused_from_its_size_without_reading_it(book, tmp_path):
    sentence = _refused(book, _million_rows(tmp_path / "một triệu dòng.xlsx"), "1.000.000 dòng",
                        f"{MAX_ROWS:,}".replace(",", "."))
    assert "Dữ liệu" in sentence


def test_a_csv_of_a_million_rows_is_refused(book, tmp_path):
    csv = tmp_path / "một triệu dòng.csv"
    csv.write_text("Chỉ tiêu,Thực hiện\n" + "Việc làm,1\n" * 1_000_000, encoding="utf-8")
    _refused(book, csv, "dòng")


def test_a_csv_in_another_encoding_says_how_to_save_it(book, tmp_path):
    csv = tmp_path / "utf16.csv"
    csv.write_bytes("Chỉ tiêu,Thực hiện\nViệc làm,1\n".encode("utf-16"))
    _refused(book, csv, "UTF-8")


def test_a_sheet_without_a_header_row_says_what_columns_it_needs(book, tmp_path):
    sheet = tmp_path / "không tiêu đề.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    wb.active.append([1, 2])
    wb.save(sheet)
    _refused(book, sheet, "Chỉ tiêu", "Thực hiện")


def _office_with(path: Path, actual) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện"])
    ws.append([1, "Số lao động được tạo việc làm", "lượt người", actual])
    ws.append([2, "Số người được đào tạo nghề", "người", 4321])
    wb.save(path)
    return path


@pytest.mark.parametrize("cell, words", [
    ("#DIV/0!", "#DIV/0!"),
    (10 ** 15, "quá lớn"),
    ("1.000.000.000.000.000", "quá lớn"),
    (0.1234567, "chữ số sau dấu phẩy"),
    ("18,498.5", "tiếng Anh"),
], ids=["formula error", "10^15 as a number", "10^15 as text", "seven decimals", "English style"])
def test_a_cell_the_workbook_cannot_take_is_named_and_not_written(book, tmp_path, cell, words):
    before = stored_report(book, 2024).values["viec_lam"].actual
    sheet = _office_with(tmp_path / "phòng.xlsx", cell)
    result = run_cli("import-figures", str(book), str(sheet), "--apply")
    assert result.returncode == 0, result.stderr
    finding = next(line for line in result.stderr.splitlines() if "Dòng 2" in line)
    assert words in finding and "ô D2" in finding and "không được nhận" in finding
    values = stored_report(book, 2024).values
    assert values["viec_lam"].actual == before  # never 0, never a guess
    assert values["dao_tao_nghe"].actual == 4321  # the other rows are taken


@pytest.mark.skipif(not calc_available(), reason="LibreOffice Calc is not installed")
def test_a_formula_error_computed_by_libreoffice_is_flagged_in_xlsx_and_ods(tmp_path):
    sheet = _office_with(tmp_path / "công thức.xlsx", "=1/0")  # no cached value until a spreadsheet computes it
    for suffix in ("ods", "xlsx"):
        converted = soffice_convert(sheet, suffix, tmp_path / f"lo-{suffix}")
        content = read_sheet_file(converted)
        row = next(r for r in content.rows if r.line == 2)
        assert row.figures == {} and any("#DIV/0!" in p for p in row.problems), row


def test_merged_header_cells_are_read_as_the_header_of_each_column_they_cover(book, tmp_path):
    sheet = tmp_path / "gộp ô.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Chỉ tiêu", "Đơn vị", "Kết quả năm 2024", None, None])
    ws.append([None, None, "Kế hoạch", "Thực hiện", "Cùng kỳ"])
    ws.merge_cells("C1:E1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.append(["Số lao động được tạo việc làm", "lượt người", 30000, 31234, 29000])
    wb.save(sheet)
    result = run_cli("import-figures", str(book), str(sheet), "--apply")
    assert result.returncode == 0, result.stderr
    v = stored_report(book, 2024).values["viec_lam"]
    assert (v.plan, v.actual, v.last) == (30000, 31234, 29000)
