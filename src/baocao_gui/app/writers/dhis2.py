"""The report's figures as a DHIS2 data value set, for DHIS2's Import/Export app (issue 23): JSON (``.json``) and
DHIS2's own CSV (``.dhis2.csv``, or any ``.csv`` with ``--dhis2``). The format is DHIS2's documented one
(docs.dhis2.org › Developer guide › Using the API › Data: “Sending data values”, “CSV data value format”); what
goes where is the mapping in the workbook (``domain/dhis2.py``). The program never sends it: no network."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

from ...domain.dhis2 import DataValueSet, data_value_set, no_period_sentence
from ...domain.model import Report, Workbook
from ...errors import UserError
from . import ExportInput, Progress, Writer, write_file

CSV_HEADER = ("dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value", "storedby", "lastupdated",
              "comment", "followup")


def value_set(workbook: Workbook, report: Report) -> DataValueSet:
    """The data value set to write; one sentence (``UserError``) when there is none to write."""
    found = data_value_set(workbook, report)
    if not found.period:
        raise UserError(no_period_sentence(report.period), f"no DHIS2 period for {report.period.code}")
    if not found.data_set or not found.org_unit:
        missing = " và ".join(w for w, v in (("tập dữ liệu (data set)", found.data_set),
                                             ("đơn vị (organisation unit)", found.org_unit)) if not v)
        raise UserError(f"Sổ chưa có mã DHIS2 của {missing}; hãy ghi ở Tệp › Thiết lập DHIS2… (hoặc bảng [dhis2] "
                        "của danh mục) rồi xuất lại.", "DHIS2 data set or org unit not set")
    if not found.values:
        raise UserError("Chưa có số liệu nào của báo cáo được gán mã phần tử dữ liệu DHIS2; hãy ghi mã ở Thuộc tính "
                        "chỉ tiêu (hoặc khóa dhis2 của chỉ tiêu trong danh mục) rồi xuất lại.", "no DHIS2 data value")
    return found


def summary(workbook: Workbook, report: Report) -> list[str]:
    """What ``--dry-run`` prints: what would be sent, nothing written."""
    found = value_set(workbook, report)
    lines = [f"Tập dữ liệu (dataSet): {found.data_set}", f"Kỳ (period): {found.period} ({report.period.label})",
             f"Đơn vị (orgUnit): {found.org_unit}",
             f"Số giá trị sẽ gửi: {len(found.values)}, của {found.indicators} chỉ tiêu."]
    if found.unmapped:
        lines.append(f"Không gửi (chưa gán mã DHIS2): {len(found.unmapped)} chỉ tiêu có số liệu — "
                     + ", ".join(found.unmapped[:20]) + ("…" if len(found.unmapped) > 20 else "") + ".")
    lines.append("Chưa ghi tệp nào (--dry-run).")
    return lines


def json_text(data: ExportInput) -> str:
    found = value_set(data.workbook, data.report)
    values = []
    for v in found.values:
        item = {"dataElement": v.data_element}
        if v.category_option_combo:
            item["categoryOptionCombo"] = v.category_option_combo
        item["value"] = v.value
        values.append(item)
    body = {"dataSet": found.data_set, "period": found.period, "orgUnit": found.org_unit, "dataValues": values}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def csv_text(data: ExportInput) -> str:
    found = value_set(data.workbook, data.report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for v in found.values:
        writer.writerow((v.data_element, found.period, found.org_unit, v.category_option_combo, "", v.value, "", "",
                         "", "false"))
    return buffer.getvalue()


def write_json(data: ExportInput, target: Path, cancel: threading.Event | None, progress: Progress) -> Path:
    progress("Đang ghi tệp DHIS2…")
    return write_file(target, json_text(data), "chương trình khác")


def write_csv(data: ExportInput, target: Path, cancel: threading.Event | None, progress: Progress) -> Path:
    progress("Đang ghi tệp DHIS2…")
    return write_file(target, csv_text(data), "chương trình khác")


TIP = "Tập giá trị dữ liệu (data value set) để nhập vào DHIS2 qua ứng dụng Import/Export"
JSON_WRITER = Writer(".json", "Tệp DHIS2 (JSON)", "Xuất số liệu cho &DHIS2 (JSON)…", write_json, tip=TIP,
                     figures=True)
CSV_WRITER = Writer(".csv", "Tệp DHIS2 (CSV)", "Xuất số liệu cho DHIS2 (CS&V)…", write_csv, tip=TIP, figures=True,
                    variant="dhis2")
