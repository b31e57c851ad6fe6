"""Issue 21, points 5 and 7 in the window: a frozen report looks read-only everywhere, the preview fits its pane
(with a zoom choice), the figures keep one line a row, and a line break typed in an agency field is where the
printed header breaks."""

from __future__ import annotations

from gui_helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPlainTextEdit, QWidget


def base(widget):
    return widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)


def texts(tab):
    """The tab's text fields (not a table cell's editor)."""
    return [w for w in tab.findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit))
            and not isinstance(w.parent(), QAbstractItemView) and w.isVisibleTo(tab)]


def test_every_field_of_a_sent_report_looks_read_only_and_looks_editable_again_once_unlocked(
        qtbot, open_window, sent_workbook):
    from baocao_gui.app.edits import reports

    window = open_window(sent_workbook)
    white = window.palette().color(QPalette.ColorRole.Base)
    grey = window.palette().color(QPalette.ColorRole.Window)
    assert white != grey
    general = window.general
    fields = texts(general)
    assert {"parent_name", "agency_name", "abbreviation", "place", "number", "summary", "signer_title",
            "signer_name", "recipients"} <= {w.objectName() for w in fields}
    for field in fields:  # the general tab: read-only, and its look says so (it was white)
        assert field.isReadOnly(), field.objectName()
        assert base(field) == grey, field.objectName()
    for name in ("tab-lao_dong", "tab-assessment", "tab-direction"):  # the other tabs' editors too
        window.select_tab(name)
        tab = window.tabs.currentWidget()
        fields = texts(tab)
        assert fields and all(w.isReadOnly() and base(w) == grey for w in fields), name
        views = [w for w in tab.findChildren(QWidget) if isinstance(w, QAbstractItemView) and w.isVisibleTo(tab)]
        assert views and all(base(w) == grey for w in views), name

    window.session.edit(reports.unlock)  # unlocked to be edited again: white fields that take typing
    window.select_tab("tab-general")
    qtbot.waitUntil(lambda: not window.general.fields["summary"].isReadOnly())
    assert all(base(w) == white and not w.isReadOnly() for w in texts(window.general))


def test_the_preview_fits_its_pane_and_the_zoom_can_be_chosen(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    preview = window.preview
    qtbot.waitUntil(lambda: "CỘNG HÒA" in preview.toPlainText(), timeout=5000)
    for width in (420, 700):  # "Vừa chiều rộng": the page as wide as the pane, whatever the pane
        split = window.tabs.parentWidget()
        split.setSizes([window.width() - width, width])
        qtbot.waitUntil(lambda: abs(preview.wanted_zoom() - preview.zoom) < 0.01, timeout=3000)
        assert preview.horizontalScrollBar().maximum() == 0
        assert preview.document().size().width() <= preview.viewport().width()
    zoom = window.preview_pane.zoom
    zoom.setCurrentIndex(zoom.findText("125%"))  # a fixed zoom: the page keeps its size, the pane scrolls
    assert preview.zoom == 1.25 and preview.lineWrapColumnOrWidth() == 750
    assert "CỘNG HÒA" in preview.toPlainText()
    zoom.setCurrentIndex(zoom.findText("Vừa chiều rộng"))
    assert preview.horizontalScrollBar().maximum() == 0


def test_a_long_indicator_name_keeps_one_line_and_shows_whole_in_its_tooltip(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    table = window.sector_tab("lao_dong").table
    heights = {table.rowHeight(r) for r in range(table.rowCount())}
    assert len(heights) == 1  # one line each: no row twice as tall for a long name
    longest = max(range(table.rowCount()), key=lambda r: len(table.item(r, 0).text()))
    item = table.item(longest, 0)
    assert item.text().endswith(item.toolTip())


def test_a_line_break_typed_in_the_agency_name_is_where_the_preview_and_the_docx_break_it(
        qtbot, open_window, sample_workbook, tmp_path):
    import docx
    from docx.oxml.ns import qn

    from baocao_gui.app.export import export_report

    window = open_window(sample_workbook)
    field = window.general.fields["agency_name"]
    field.selectAll()
    type_text(qtbot, field, "SỞ Y TẾ")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    type_text(qtbot, field, "TỈNH LÂM ĐỒNG")
    window.general.bindings["agency_name"].flush()
    assert window.session.report.agency.name == "SỞ Y TẾ\nTỈNH LÂM ĐỒNG"
    window.preview.update_now()
    assert "SỞ Y TẾ\u2028TỈNH LÂM ĐỒNG" in window.preview.document().toPlainText() or \
        "SỞ Y TẾ\nTỈNH LÂM ĐỒNG" in window.preview.toPlainText()
    out = export_report(window.session.workbook, window.session.report, tmp_path / "in.docx", lambda _: True).path
    agency = docx.Document(str(out)).tables[0].rows[0].cells[0].paragraphs[1]
    assert agency.text == "SỞ Y TẾ\nTỈNH LÂM ĐỒNG" and len(agency._p.findall(".//" + qn("w:br"))) == 1
