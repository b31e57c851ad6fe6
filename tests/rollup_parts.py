"""Three invented former provinces' workbooks of 2025 (first 6 months), made with the program's own API, and the
merged province's workbook they are rolled up into (tests of issue 22's roll-up). Names and figures are invented."""

from __future__ import annotations

from pathlib import Path

from baocao_gui.app import Document
from baocao_gui.app.edits import figures, sectors
from baocao_gui.app.edits.reports import create_report
from baocao_gui.app.files import new_workbook
from baocao_gui.domain.model import Period, PeriodKind

H1 = Period(PeriodKind("6m"), 2025)

# invented: three former provinces "Tây Sơn", "Đông Hà Nguyên", "Nam Lộc" merged into "Tỉnh Mới"
PARTS = {
    "tay-son": {"viec_lam": (5200, 5000, 4800), "dao_tao_nghe": (1200, 1100, None), "so_ho_ngheo": (3100, None, 3500),
                "tong_so_ho": (62000, None, 61000), "ho_ngheo": (5.0, None, 5.74), "ho_ngheo_dtts": (9.1, None, 10.2)},
    "dong-ha-nguyen": {"viec_lam": (4100, 4000, 3900), "dao_tao_nghe": (950, 1000, None),
                       "so_ho_ngheo": (2500, None, 2700), "tong_so_ho": (50000, None, 49500),
                       "ho_ngheo": (5.0, None, 5.45), "ho_ngheo_dtts": (8.4, None, 9.0)},
    "nam-loc": {"viec_lam": (3300, 3500, 3000), "dao_tao_nghe": (800, 750, None), "so_ho_ngheo": (1900, None, 2100),
                "tong_so_ho": (38000, None, 37600), "ho_ngheo": (5.0, None, 5.59), "ho_ngheo_dtts": (7.7, None, 8.3)},
}
ONLY_IN_NAM_LOC = "Số hợp tác xã được hỗ trợ"  # an indicator one part added for itself


def make_part(folder: Path, name: str, figures_of: dict, extra: bool = False) -> Path:
    path = new_workbook(folder / f"{name}.baocao", "sldtbxh", 2025, "6m",
                        {"name": "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "parent_name": f"UBND TỈNH {name.upper()}",
                         "abbreviation": "SLĐTBXH", "place": name})
    doc = Document(path)
    try:
        for code, (actual, plan, last) in figures_of.items():
            for field, value in (("actual", actual), ("plan", plan), ("last", last)):
                if value is not None:
                    doc.apply(figures.set_value(doc, code, field, value))
        if extra:
            edit = sectors.add_indicator(doc, "lao_dong", ONLY_IN_NAM_LOC, "hợp tác xã")
            doc.apply(edit)
            doc.apply(figures.set_value(doc, edit.created["code"], "actual", 12))
    finally:
        doc.close()
    return path


def make_parts(folder: Path) -> list[Path]:
    return [make_part(folder, name, f, extra=name == "nam-loc") for name, f in PARTS.items()]


def make_province(folder: Path) -> Path:
    return new_workbook(folder / "tinh-moi.baocao", "sldtbxh", 2025, "6m",
                        {"name": "SỞ NỘI VỤ", "parent_name": "UBND TỈNH TỈNH MỚI", "abbreviation": "SNV",
                         "place": "Tỉnh Mới"})


def set_figure(path: Path, code: str, field: str, value) -> None:
    doc = Document(path)
    try:
        doc.apply(figures.set_value(doc, code, field, value))
    finally:
        doc.close()


__all__ = ["H1", "ONLY_IN_NAM_LOC", "PARTS", "create_report", "make_part", "make_parts", "make_province", "set_figure"]
