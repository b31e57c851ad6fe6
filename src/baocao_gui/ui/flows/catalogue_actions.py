"""The conversations around catalogues: “Nhập danh mục…” and “Lưu cấu trúc sổ thành danh mục…”."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ...app.catalogue_files import CatalogueExists, import_catalogue, save_structure
from ...domain.catalogue import Catalogue
from ...domain.codes import code_from_name
from ...domain.model import Workbook
from ...errors import UserError

FILTER = "Danh mục (*.toml)"


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def import_catalogue_dialog(parent: QWidget) -> Catalogue | None:
    """Pick a .toml, check it, keep it among the clerk's catalogues; a fault is one sentence naming its line."""
    chosen, _ = QFileDialog.getOpenFileName(parent, "Nhập danh mục", _documents(), FILTER)
    if not chosen:
        return None
    try:
        try:
            catalogue = import_catalogue(chosen)
        except CatalogueExists as exists:
            answer = QMessageBox.question(parent, "Nhập danh mục",
                                          f"{exists.message} Thay bằng danh mục trong tệp “{Path(chosen).name}”?")
            if answer != QMessageBox.StandardButton.Yes:
                return None
            catalogue = import_catalogue(chosen, replace=True)
    except UserError as exc:
        QMessageBox.warning(parent, "Chưa nhập được danh mục", exc.message)
        return None
    QMessageBox.information(parent, "Đã nhập danh mục",
                            f"Đã nhập danh mục “{catalogue.name}” ({len(catalogue.sectors)} lĩnh vực, "
                            f"{len(catalogue.indicators)} chỉ tiêu). Chọn danh mục này khi tạo sổ báo cáo mới.")
    return catalogue


def save_structure_dialog(parent: QWidget, workbook: Workbook) -> Path | None:
    """The workbook's sectors, indicators, rules and headings as a catalogue file for another province."""
    name, ok = QInputDialog.getText(parent, "Lưu cấu trúc sổ thành danh mục", "Tên danh mục (ví dụ: Sở Y tế):",
                                    text=workbook.agency.name.strip().title() if workbook.agency.name else "")
    if not ok or not name.strip():
        return None
    catalogue_id = code_from_name(name, set())
    target, _ = QFileDialog.getSaveFileName(parent, "Lưu cấu trúc sổ thành danh mục",
                                            str(Path(_documents()) / f"{catalogue_id}.toml"), FILTER)
    if not target:
        return None
    path = Path(target if target.lower().endswith(".toml") else target + ".toml")
    try:
        saved = save_structure(workbook, path, catalogue_id, name.strip())
    except UserError as exc:
        QMessageBox.warning(parent, "Chưa lưu được danh mục", exc.message)
        return None
    QMessageBox.information(parent, "Đã lưu danh mục",
                            f"Đã lưu cấu trúc sổ thành danh mục “{saved.name}”. Cơ quan khác mở "
                            "“Tệp › Nhập danh mục…” để dùng danh mục này.")
    return saved
