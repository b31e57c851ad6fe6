"""Issue 22.3 through the window: Kỳ báo cáo › “Tổng hợp số liệu từ các sổ…”, three invented former provinces'
workbooks picked, the preview read, applied by a click; Ctrl+Z puts it back; after one part changed, running it again
lists exactly that change."""

from __future__ import annotations

from gui_helpers import click_button, menu_action, when_dialog_shows
from PySide6.QtWidgets import QFileDialog
from rollup_parts import PARTS, make_parts, make_province, set_figure

from baocao_gui.ui.dialogs.rollup_dialog import RollupDialog


def _rows(dialog):
    table = dialog.changes
    return [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]


def _roll_up_by_clicks(qtbot, window, monkeypatch, parts, answer):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in parts], ""))
    seen = {}

    def clerk(dialog):
        click_button(dialog, "Thêm sổ…")
        click_button(dialog, "Xem trước")
        qtbot.waitUntil(lambda: dialog.plan is not None or "không" in dialog.state.text().lower(), timeout=10000)
        seen["rows"] = _rows(dialog)
        seen["notes"] = [dialog.unmatched.item(n).text() for n in range(dialog.unmatched.count())]
        seen["apply enabled"] = dialog.apply_button.isEnabled()
        answer(dialog)

    when_dialog_shows(clerk, RollupDialog)
    menu_action(window, "Kỳ báo cáo", "Tổng hợp số liệu từ các sổ…").trigger()
    qtbot.waitUntil(lambda: "rows" in seen, timeout=10000)
    return seen


def test_a_province_rolled_up_from_three_workbooks_by_clicks_undone_and_run_again(qtbot, open_window, tmp_path,
                                                                                  monkeypatch):
    parts = make_parts(tmp_path)
    window = open_window(make_province(tmp_path))
    seen = _roll_up_by_clicks(qtbot, window, monkeypatch, parts, lambda d: click_button(d, "Ghi vào báo cáo"))
    jobs = sum(f["viec_lam"][0] for f in PARTS.values())
    assert ("Số lao động được tạo việc làm", "thực hiện", "(trống)", f"{jobs:,}".replace(",", ".")) in seen["rows"]
    assert any("Số hợp tác xã được hỗ trợ" in n for n in seen["notes"])  # only one part has it: listed
    assert any("Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số" in n for n in seen["notes"])  # left for the clerk
    values = window.session.report.values
    assert values["viec_lam"].actual == jobs
    assert values["ho_ngheo"].actual is not None  # recomputed from số hộ nghèo ÷ tổng số hộ
    assert window.session.undo_stack.count() == 1  # one step

    window.session.undo_stack.undo()  # Ctrl+Z
    assert window.session.report.values["viec_lam"].actual is None
    assert window.session.report.sources == ()
    window.session.undo_stack.redo()

    set_figure(parts[2], "viec_lam", "actual", 3350)  # Nam Lộc corrects one figure
    again = _roll_up_by_clicks(qtbot, window, monkeypatch, parts, lambda d: click_button(d, "Ghi vào báo cáo"))
    assert again["rows"] == [("Số lao động được tạo việc làm", "thực hiện", f"{jobs:,}".replace(",", "."),
                              f"{jobs + 50:,}".replace(",", "."))]
    assert window.session.report.values["viec_lam"].actual == jobs + 50
    assert window.session.undo_stack.count() == 2


def test_a_rate_is_declared_the_rate_of_two_indicators_in_its_properties_and_then_recomputed(
        qtbot, open_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from baocao_gui.ui.dialogs.indicator_dialog import IndicatorDialog

    parts = make_parts(tmp_path)
    window = open_window(make_province(tmp_path))
    window.select_tab("tab-giam_ngheo_btxh")
    tab = window.sector_tab("giam_ngheo_btxh")

    def choose(dialog):  # Tỷ lệ hộ nghèo DTTS = số hộ nghèo ÷ tổng số hộ (invented, for the test)
        dialog.show()
        dialog.numerator.setCurrentIndex(dialog.numerator.findData("so_ho_ngheo"))
        dialog.denominator.setCurrentIndex(dialog.denominator.findData("tong_so_ho"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(IndicatorDialog, "exec", choose)
    tab.table.setCurrentCell(tab.table.codes().index("ho_ngheo_dtts"), 2)
    tab.edit_properties()
    assert window.session.workbook.indicator("ho_ngheo_dtts").rate_of == ("so_ho_ngheo", "tong_so_ho")
    seen = _roll_up_by_clicks(qtbot, window, monkeypatch, parts, lambda d: click_button(d, "Ghi vào báo cáo"))
    assert not any("Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số" in n for n in seen["notes"])
    assert window.session.report.values["ho_ngheo_dtts"].actual == window.session.report.values["ho_ngheo"].actual
