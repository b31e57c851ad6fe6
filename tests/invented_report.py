"""An invented report of 2025 for find/replace and the tone-mark style: three sectors with paragraphs and a table,
the general tab's fields, and last year's "năm 2024" left in many places (invented names and figures)."""

from __future__ import annotations

from pathlib import Path

from baocao_gui.app import Document, new_workbook
from baocao_gui.app.edits import figures, paragraphs, report_fields
from baocao_gui.domain.model import Part, PeriodKind
from baocao_gui.domain.tables import Table

SECTORS = ("lao_dong", "giam_ngheo_btxh", "nguoi_co_cong")
TEXTS = {
    ("lao_dong", Part.RESULTS): [
        "Trong năm 2024, toàn tỉnh Hòa Lâm giải quyết việc làm cho {{viec_lam}} lao động.",
        "Tổ chức 17 phiên giao dịch việc làm, nhiều hơn năm 2024 của kế hoạch cũ.",
    ],
    ("lao_dong", Part.TASKS): ["Tiếp tục thực hiện Đề án hỗ trợ việc làm năm 2024 tại xã Đông Phú."],
    ("giam_ngheo_btxh", Part.RESULTS): [
        "Tỷ lệ hộ nghèo cuối năm 2024 giảm, công tác bảo trợ xã hội được thực hiện kịp thời.",
        "So với năm {{last_year}}, số hộ thoát nghèo tăng.",  # "năm 2024" printed by a citation
    ],
    ("nguoi_co_cong", Part.RESULTS): [
        "Chăm lo người có công nhân dịp Tết năm 2024, thăm hỏi 312 gia đình chính sách.",
    ],
}
TABLE = Table(header=(("Nội dung", "Năm 2024", "Ghi chú"),),
              rows=(("Phiên giao dịch", "17", "năm 2024 tổ chức tại Hòa Lâm"),))


def invented_report(folder: Path, name: str = "hoa-lam.baocao") -> tuple[Path, dict]:
    """The workbook and the ids of its blocks by (sector, part, index); the table is the last block of lao_dong's
    results."""
    path = new_workbook(folder / name, "sldtbxh", 2025, PeriodKind.YEAR,
                        {"name": "SỞ NỘI VỤ", "parent_name": "ỦY BAN NHÂN DÂN TỈNH HÒA LÂM", "abbreviation": "SNV",
                         "place": "Hòa Lâm"})
    doc = Document(path)
    ids: dict = {}
    try:
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 20_240))
        for (sector, part), texts in TEXTS.items():
            for n, text in enumerate(texts):
                edit = paragraphs.insert_block(doc, part.value, sector, n, "paragraph", text)
                doc.apply(edit)
                ids[(sector, part, n)] = edit.created["id"]
        edit = paragraphs.insert_block(doc, "results", "lao_dong", 2, "table", TABLE.to_json())
        doc.apply(edit)
        ids["table"] = edit.created["id"]
        doc.apply(report_fields.set_report_field(doc, "summary", "Kết quả công tác năm 2024 và nhiệm vụ năm 2025"))
        doc.apply(report_fields.set_report_field(doc, "signer_name", "Trần Văn Thủy"))
        doc.apply(report_fields.set_recipients(doc, ["- UBND tỉnh (báo cáo năm 2024);", "- Lưu: VT, VP."]))
    finally:
        doc.close()
    return path, ids
