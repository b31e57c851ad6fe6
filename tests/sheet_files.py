"""Spreadsheets for the tests of figures coming in (issue 23.5–6): a workbook with invented figures, the program's
own .xlsx and .csv of it (the contract of docs/data-format.md), an office's own sheet, and LibreOffice's conversions."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

OWN_HEADERS = ("Mã lĩnh vực", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Thực hiện", "Kế hoạch", "Kế hoạch (cận trên)",
               "Cùng kỳ", "Chỉ tiêu kỳ sau", "Chỉ tiêu kỳ sau (cận trên)")
RAW = ("actual", "plan", "plan_high", "last", "target", "target_high")


def invented_workbook(path: Path, seed: int = 23) -> Path:
    """A new workbook of the bundled catalogue for an invented agency, its report of 2024 filled with invented
    figures: whole numbers, rates with decimals, a range plan and a range target, and gaps."""
    from baocao_gui.app.files import new_workbook
    from baocao_gui.store import close_workbook, edits, load_workbook, open_workbook

    new_workbook(path, "sldtbxh", 2024, "year", {"name": "SỞ THỬ NGHIỆM HÀ GIANG MỚI", "parent_name": "UBND TỈNH THỬ",
                                                  "abbreviation": "STN", "place": "Phố Thử"})
    rng = random.Random(seed)
    db = open_workbook(path)
    try:
        workbook = load_workbook(db)
        rid = workbook.reports[0].id
        for n, indicator in enumerate(workbook.indicators):
            rate = indicator.unit == "%"
            for field in ("actual", "plan", "last", "target"):
                if (n + len(field)) % 7 == 0:
                    continue  # a gap: no figure typed
                value = round(rng.uniform(0.5, 99), 2) if rate else float(rng.randint(1, 250_000))
                if field in ("plan", "target") and n % 9 == 4:
                    value = (value, value + (1.5 if rate else 1000))
                edits.set_value(db, rid, indicator.code, field, value)
    finally:
        close_workbook(db)
    return path


def stored_figures(path: Path, year: int = 2024) -> dict[str, tuple]:
    from helpers import stored_report

    report = stored_report(path, year)
    return {code: tuple(getattr(v, f) for f in RAW) for code, v in report.values.items()}


def write_own_xlsx(path: Path, out: Path, year: int = 2024) -> Path:
    """The program's own .xlsx as the contract fixes it: a printed sheet, then “Mã chỉ tiêu” with the raw figures."""
    import openpyxl
    from helpers import stored_report

    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    report = stored_report(path, year)
    book = openpyxl.Workbook()
    printed = book.active
    printed.title = "Số liệu"
    printed.append([workbook.agency.parent_name])
    printed.append(["Phụ lục số liệu"])
    codes = book.create_sheet("Mã chỉ tiêu")
    codes.append(list(OWN_HEADERS))
    for i in workbook.indicators:
        v = report.values.get(i.code)
        codes.append([i.sector, i.code, i.name, i.unit] + [None if v is None else getattr(v, f) for f in RAW])
    book.save(out)
    return out


def write_own_csv(path: Path, out: Path, year: int = 2024) -> Path:
    """The program's CSV (UTF-8 with BOM, CRLF, one row per indicator and field)."""
    import csv

    from helpers import stored_report

    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    report = stored_report(path, year)
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["ma_linh_vuc", "ma_chi_tieu", "chi_tieu", "don_vi", "truong", "gia_tri", "gia_tri_in"])
        for i in workbook.indicators:
            v = report.values.get(i.code)
            for field in RAW:
                value = None if v is None else getattr(v, field)
                if value is not None:
                    w.writerow([i.sector, i.code, i.name, i.unit, field, repr(value).removesuffix(".0"), ""])
    return out


def exported(book: Path, out: Path, year: int = 2024) -> Path:
    """The report's figures through the program's one export path (the .xlsx or .csv writer by the suffix)."""
    from baocao_gui.app import export_report
    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(book, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    return export_report(workbook, workbook.report_for(year), out).path


def soffice_convert(source: Path, suffix: str, folder: Path) -> Path:
    """``soffice --headless --convert-to`` with a profile of its own (another LibreOffice may be running)."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", suffix,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(folder)})
    out = folder / (source.stem + "." + suffix)
    assert out.exists(), f"LibreOffice did not write {out.name}"
    return out


def calc_available() -> bool:
    return shutil.which("soffice") is not None and Path("/usr/lib/libreoffice/program/libscfiltlo.so").exists()


def office_sheet(path: Path) -> Path:
    """An office's own sheet: a title and notes above, a two-row header with a merged cell, columns in its own
    order (unit last, plan after actual), group rows, numbers typed as text, names without diacritics or in
    capitals, a row in English style, two indicators the workbook does not have, a total row without a name."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Phòng Lao động"
    ws.append(["PHÒNG LAO ĐỘNG - VIỆC LÀM"])
    ws.append(["Biểu số liệu gửi Sở (số liệu ước đến 14/12)"])
    ws.append([])
    ws.append(["TT", "Tên chỉ tiêu", "Năm 2024", None, "Cùng kỳ năm trước", "KH năm sau", "ĐVT", "Ghi chú"])
    ws.append([None, None, "TH", "KH", None, None, None, None])
    ws.merge_cells("C4:D4")
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    ws.append(["I", "LAO ĐỘNG, VIỆC LÀM"])
    ws.append([1, "Số lao động được tạo việc làm", "19.250", 18200, 18498, "19.500", "lượt người", "ước"])
    ws.append([2, "- so lao dong duoc tao viec lam trong nuoc", 16000, None, None, None, "lượt người"])
    ws.append([3, "SỐ NGƯỜI ĐƯỢC ĐÀO TẠO NGHỀ", "8,491", None, None, None, "người", "kiểu Anh"])
    ws.append([4, "Tỷ lệ lao động được tạo việc làm đi làm việc ngoại tỉnh", "5,5%", "4–6", None, None, "%"])
    ws.append([5, "Số lao động khởi nghiệp được hỗ trợ vay vốn", 312, 300, None, None, "người"])
    ws.append([6, "Số phiên giao dịch việc làm lưu động", "24", None, None, None, "phiên"])
    ws.append([None, "Cộng", None, None, None, None, None])
    book.save(path)
    return path
