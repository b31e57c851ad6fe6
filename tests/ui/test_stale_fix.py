"""A year left from last year's report, found before signing and replaced in one click by the period's citation."""

from gui_helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from baocao_gui.domain.checks import STALE_FIX
from baocao_gui.domain.model import Part


def stale_row(window):
    window.findings.update_now()
    return next((i for i, f in enumerate(window.findings.findings) if f.kind == "stale-period"), None)


def test_a_typed_year_of_last_year_is_replaced_by_the_citation_in_one_undoable_click(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)  # the report of 2023
    window.select_tab("tab-lao_dong")
    editor = window.sector_tab("lao_dong").results
    editor.add_block()
    typed = "Năm 2022, toàn tỉnh tổ chức 24 phiên giao dịch việc làm, tăng 4 phiên so với năm 2021."
    type_text(qtbot, editor.editor, typed)
    qtbot.waitUntil(lambda: any(b.text == typed for b in window.session.report.part(Part.RESULTS, "lao_dong")))
    block_id = editor.current_block_id()
    assert stale_row(window) is not None
    # at once after typing: the fix is still an undo step of its own

    QTest.keyClick(window, Qt.Key.Key_F8)
    panel = window.findings
    panel.tree.setCurrentItem(panel.tree.topLevelItem(stale_row(window)))
    finding = panel.finding(panel.tree.currentItem())
    assert "“Năm 2022” không khớp với báo cáo năm 2023" in finding.message
    assert panel.fix_button.isVisible() and panel.fix_button.text().replace("&", "") == STALE_FIX
    QTest.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)

    def stored():
        return next(b.text for b in window.session.report.part(Part.RESULTS, "lao_dong") if b.id == block_id)

    assert stored() == typed.replace("Năm 2022", "Năm {{year}}")  # the comparison with 2021 is left alone
    assert stale_row(window) is None
    qtbot.waitUntil(lambda: "Năm 2023, toàn tỉnh tổ chức 24 phiên" in window.preview.toPlainText())
    assert editor.editor.toPlainText() == stored()

    window.session.undo_stack.undo()
    assert stored() == typed and window.session.undo_stack.undoText() != STALE_FIX


def test_a_summary_left_from_the_nine_month_report_is_fixed_from_the_panel(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-general")
    summary = window.general.fields["summary"]
    summary.selectAll()
    type_text(qtbot, summary, "Kết quả thực hiện nhiệm vụ 9 tháng năm 2023")
    qtbot.waitUntil(lambda: window.session.report.summary.endswith("9 tháng năm 2023"))
    panel = window.findings
    panel.tree.setCurrentItem(panel.tree.topLevelItem(stale_row(window)))
    panel.fix_current()
    assert window.session.report.summary == "Kết quả thực hiện nhiệm vụ {{period}}"
    assert summary.toPlainText() == "Kết quả thực hiện nhiệm vụ {{period}}"
