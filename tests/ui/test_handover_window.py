"""Issue 22.4 through the window: Sửa › “Chuyển lĩnh vực sang cơ quan khác…” in the giving workbook, then Sửa ›
“Nhận lĩnh vực từ cơ quan khác…” in the receiving one, reviewed in the side-by-side review and taken by a click, one
undo step each. Invented figures."""

from __future__ import annotations

from gui_helpers import menu_action, when_dialog_shows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from baocao_gui.app import Document
from baocao_gui.app.edits import figures
from baocao_gui.app.files import new_workbook
from baocao_gui.store import edits
from baocao_gui.ui.dialogs.block_review import BlockReview


def test_a_sector_handed_over_and_received_by_clicks(qtbot, open_window, tmp_path, monkeypatch):
    giving = new_workbook(tmp_path / "sldtbxh.baocao", "sldtbxh", 2025, "year", {"name": "SỞ LAO ĐỘNG"})
    doc = Document(giving)
    doc.apply(figures.set_value(doc, "dao_tao_nghe", "actual", 8700))
    doc.apply(figures.set_value(doc, "dao_tao_nghe", "target", 9000))
    doc.close()
    taking = new_workbook(tmp_path / "sgddt.baocao", "sldtbxh", 2025, "year", {"name": "SỞ GIÁO DỤC VÀ ĐÀO TẠO"})
    doc = Document(taking)
    edits.delete_sector(doc.db, "lao_dong")
    doc.close()
    out = tmp_path / "chuyen-giao.baocao"
    told = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: (
        next(i for i in items if i.startswith("Công tác Lao động")), True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))

    window = open_window(giving)
    menu_action(window, "Sửa", "Chuyển lĩnh vực sang cơ quan khác…").trigger()
    assert out.is_file() and "Nhận lĩnh vực từ cơ quan khác" in told[-1]
    assert window.session.undo_stack.count() == 1

    other = open_window(taking)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    shown = {}

    def review(dialog):
        shown["rows"] = [(r.what, r.ours, r.theirs) for r in dialog.rows]
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    when_dialog_shows(review, BlockReview)
    menu_action(other, "Sửa", "Nhận lĩnh vực từ cơ quan khác…").trigger()
    qtbot.waitUntil(lambda: "rows" in shown, timeout=5000)
    assert any("Số người được đào tạo nghề" in what and theirs == "8.700" for what, _, theirs in shown["rows"])
    assert any(s.code == "lao_dong" for s in other.session.workbook.sectors)
    assert other.session.report.values["dao_tao_nghe"].actual == 8700
    assert other.session.undo_stack.count() == 1
    other.session.undo_stack.undo()
    assert not any(s.code == "lao_dong" for s in other.session.workbook.sectors)
