"""A 1 MB paragraph and a 10.000-item list: stored whole, exported whole, shown without choking the window.
(How long it takes is measured in benchmarks/, not asserted here.)"""

import docx
from gui_helpers import menu_action
from PySide6.QtWidgets import QFileDialog, QMessageBox

from baocao_gui.app.edits import paragraphs as paragraph_edits
from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.dialogs.export_gate import ExportGate

LONG = "Một đoạn rất dài về công tác bảo trợ xã hội. " * 23000  # about 1 MB of text


def test_a_megabyte_paragraph_and_ten_thousand_list_items_are_kept_whole(qtbot, open_window, sample_workbook,
                                                                         tmp_path, monkeypatch):
    db = open_workbook(sample_workbook)
    sector = next(db.query("SELECT id FROM sector WHERE code = 'lao_dong'"))["id"]
    with db.atomic():
        db["block"].insert_all({"report_id": 1, "part": "results", "sector_id": sector, "position": 100 + i,
                                "kind": "bullet", "text": f"Mục thứ {i}"} for i in range(10_000))
    db.close()
    window = open_window(sample_workbook)
    editor = window.sector_tab("lao_dong").results
    assert editor.list.count() == 10_000 + 4
    window.session.edit(paragraph_edits.insert_block, "intro", None, 1, "paragraph", LONG)
    assert len(LONG.encode()) > 1_000_000
    intro = load_workbook(open_workbook(sample_workbook, readonly=True)).report_for(2023).part(Part.INTRO)
    assert intro[1].text.strip() == LONG.strip()
    window.preview.update_now()
    assert "tệp Word có đủ" in window.preview.toPlainText()  # the preview says what it left out
    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    target = tmp_path / "dài.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    menu_action(window, "Tệp", "Xuất tệp Word…").trigger()
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert LONG.strip() in paragraphs and "- Mục thứ 9999" in paragraphs
