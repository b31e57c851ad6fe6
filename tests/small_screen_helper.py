"""The window as a first start on a given screen shows it: started like ``baocao-gui WORKBOOK`` (application(),
no size remembered), on the offscreen screen of QT_QPA_PLATFORM's config file. Prints what a clerk would see
as JSON, and with a folder argument saves pictures of the start screen and a sector tab there.

python small_screen_helper.py WORKBOOK SETTINGS_DIR [PICTURES_DIR]
"""

import json
import sys
from pathlib import Path


def settle(app, rounds=30):
    for _ in range(rounds):
        app.processEvents()


def fully_visible_rows(table):
    height = table.viewport().height()
    return sum(1 for r in range(table.rowCount())
               if 0 <= table.rowViewportPosition(r) and table.rowViewportPosition(r) + table.rowHeight(r) <= height)


def elided_labels(window):
    """The one-line labels in view whose text is wider than the label (cut, or drawn over their neighbour)."""
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in window.findChildren(QLabel)
            if label.isVisible() and label.text() and not label.wordWrap() and "\n" not in label.text()
            and "<" not in label.text()
            and label.fontMetrics().horizontalAdvance(label.text().replace("&", "")) > label.contentsRect().width()]


def frozen_look(app, window, pictures):
    """The report marked sent: is every field of the general tab read-only, and does it look it (not white)?"""
    import tempfile

    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPlainTextEdit, QWidget

    from baocao_gui.app.edits import reports
    from baocao_gui.app.export import export_report

    session = window.session
    with tempfile.TemporaryDirectory() as folder:
        sent = export_report(session.workbook, session.report, Path(folder) / "gửi.docx", lambda findings: True).path
        session.edit(reports.mark_sent, sent)
    window.select_tab("tab-general")
    settle(app)
    white = window.palette().color(QPalette.ColorRole.Base)
    fields = [w for w in window.general.findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit))
              and not isinstance(w.parent(), QAbstractItemView) and w.isVisible()]
    looks = {w.objectName() or type(w).__name__: [w.isReadOnly(), w.palette().color(QPalette.ColorRole.Base) != white]
             for w in fields}
    if pictures:
        window.grab().save(str(pictures / "1366x768-sent-general-tab.png"))
    return {"frozen_fields": looks}


def main() -> None:
    workbook, settings_dir = Path(sys.argv[1]), sys.argv[2]
    pictures = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    from baocao_gui.ui.launch import application
    from baocao_gui.ui.session import WorkbookSession
    from baocao_gui.ui.settings import app_settings, remember_workbook
    from baocao_gui.ui.windows.main_window import MainWindow
    from baocao_gui.ui.windows.start_dialog import StartDialog

    app = application()
    screen = app.primaryScreen().availableGeometry()
    out = {"screen": [screen.width(), screen.height()], "dpr": app.primaryScreen().devicePixelRatio()}

    remember_workbook(app_settings(), workbook)
    start = StartDialog()
    start.show()
    settle(app)
    out["start_labels_with_a_stray_ampersand"] = [
        label.text() for label in start.findChildren(QLabel) if "&" in label.text() and label.buddy() is None]
    out["start_fits"] = start.frameGeometry().width() <= screen.width() and start.frameGeometry().height() <= screen.height()
    if pictures:
        start.grab().save(str(pictures / "1366x768-start.png"))
    start.close()

    window = MainWindow(WorkbookSession(workbook))
    window.show()
    settle(app)
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    settle(app)
    for _ in range(100):  # the preview is drawn by a worker, a moment after the window
        if "CỘNG HÒA" in window.preview.toPlainText():
            break
        app.processEvents()
        import time
        time.sleep(0.02)
    window.findings.update_now()
    settle(app)
    frame = window.frameGeometry()
    table = tab.table
    periods = ["Báo cáo 9 tháng năm 2024", "Báo cáo tháng 10 năm 2024", "Báo cáo 6 tháng đầu năm 2024"]
    combo = window.period
    room = combo.width() - combo.style().pixelMetric(combo.style().PixelMetric.PM_ScrollBarExtent) - 12
    out.update({
        "maximized": window.isMaximized(),
        "window": [frame.width(), frame.height()],
        "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "name_column": table.columnWidth(0),
        "name_room": table.name_room(),
        "rows_in_view": fully_visible_rows(table),
        "rows_room": table.viewport().height() // max(table.rowHeight(0), 1),
        "rows": table.rowCount(),
        "periods_fit": all(combo.fontMetrics().horizontalAdvance(p) <= room for p in periods),
        "findings_height": window.findings_dock.height(),
    })
    preview = window.preview
    out.update({
        "preview_scrolls_sideways": preview.horizontalScrollBar().maximum() > 0,
        "page_width": preview.document().size().width(), "preview_width": preview.viewport().width(),
        "elided_labels": elided_labels(window),
        "tabs_fit": window.tabs.tabBar().sizeHint().width() <= window.tabs.width(),
        "met_shown": tab.met.text(),
    })
    if pictures:
        window.grab().save(str(pictures / "1366x768-sector-tab.png"))
    out.update(frozen_look(app, window, pictures))
    window.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
