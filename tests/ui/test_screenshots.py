"""A picture of every tab of the window on the sample, for the README and for reviewers.

Saved under a temporary folder; with BAOCAO_SCREENSHOTS=docs/screenshots they refresh the README's images.
"""

import os
from pathlib import Path

from PySide6.QtGui import QColor

from baocao_gui.app.edits import reports


def test_every_tab_can_be_pictured_and_shows_content(qtbot, open_window, sample_workbook, tmp_path):
    out = Path(os.environ.get("BAOCAO_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    window = open_window(sample_workbook)
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in window.preview.toPlainText())
    names = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        name = window.tabs.widget(index).objectName()
        image = window.grab().toImage()
        path = out / f"{index:02d}-{name}.png"
        assert image.save(str(path))
        names.append(path.name)
        colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 37)
                   for y in range(0, image.height(), 37)}
        assert len(colours) > 5 and QColor("#000000").name() in colours | {c for c in colours if c < "#333333"}
    assert len(names) == window.tabs.count() == 2 + len(window.session.workbook.sectors) + 2


def test_the_new_workbook_dialog_and_a_sent_report_can_be_pictured(qtbot, open_window, sample_workbook, tmp_path):
    """The new-workbook dialog filled in, and a report signed and sent with its banner, at a laptop's size."""
    from gui_helpers import type_text

    from baocao_gui.domain.model import Period, PeriodKind
    from baocao_gui.ui.dialogs.new_workbook import NewWorkbookDialog

    out = Path(os.environ.get("BAOCAO_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    dialog = NewWorkbookDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    for key, text in (("parent_name", "UBND TỈNH LAI CHÂU"), ("name", "SỞ NỘI VỤ"), ("abbreviation", "SNV"),
                      ("place", "Lai Châu")):
        type_text(qtbot, dialog.fields[key], text)
    dialog.picker.set(Period(PeriodKind.Q3, 2025))
    assert dialog.grab().save(str(out / "new-workbook-dialog.png"))
    assert dialog.path.text() == str(tmp_path / "SỞ NỘI VỤ.baocao")

    window = open_window(sample_workbook)
    window.resize(1366, 728)  # a 1366×768 screen less the taskbar
    sent = tmp_path / "Báo cáo năm 2023.docx"
    sent.write_bytes(b"signed")
    window.session.edit(reports.mark_sent, sent)
    window.select_tab("tab-lao_dong")
    qtbot.waitUntil(lambda: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in window.preview.toPlainText())
    window.findings.update_now()
    assert window.banner.isVisible()
    assert window.grab().save(str(out / "sent-report-1366x768.png"))
