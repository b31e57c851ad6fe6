"""The window with a sent report whose stored copy was changed or cut short after it was sent (issue 20, point 1):
the band says the copy is not trustworthy, the preview shows the report as the workbook has it (never empty, never
the forged text), and "Xem thay đổi từ khi gửi…" says why instead of showing the forged text as what was sent."""

from __future__ import annotations

from helpers import sent_snapshot, set_sent_snapshot
from PySide6.QtWidgets import QMessageBox


def _change_snapshot(path, change) -> None:
    set_sent_snapshot(path, change(sent_snapshot(path)))


def test_an_untouched_sent_report_shows_the_usual_band_and_the_text_sent(qtbot, open_window, sent_workbook):
    window = open_window(sent_workbook)
    qtbot.waitUntil(lambda: "2.500 người" in window.preview.toPlainText())
    assert "đã ký, đã gửi" in window.banner_text.text() and "bị sửa" not in window.banner_text.text()


def test_a_forged_sent_copy_is_shown_as_not_trustworthy_and_never_as_what_was_sent(
        qtbot, open_window, sent_workbook, monkeypatch):
    _change_snapshot(sent_workbook, lambda t: t.replace('"actual": 2500.0', '"actual": 9999.0'))
    window = open_window(sent_workbook)
    assert window.banner.isVisible() and "đã bị sửa" in window.banner_text.text()
    qtbot.waitUntil(lambda: "2.500 người" in window.preview.toPlainText())  # the report as the workbook has it
    assert "9.999" not in window.preview.toPlainText()
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: told.append(text))
    window.changes_button.click()
    assert len(told) == 1 and "đã bị sửa" in told[0]
    assert getattr(window, "changes_dialog", None) is None


def test_a_sent_copy_cut_short_leaves_the_preview_showing_the_report(qtbot, open_window, sent_workbook):
    _change_snapshot(sent_workbook, lambda t: t[:500])
    window = open_window(sent_workbook)
    assert "đã bị sửa" in window.banner_text.text()
    qtbot.waitUntil(lambda: "2.500 người" in window.preview.toPlainText())


def test_exporting_a_forged_sent_copy_from_the_window_is_refused_in_one_sentence_and_writes_nothing(
        qtbot, open_window, sent_workbook, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from baocao_gui.ui.dialogs.export_gate import ExportGate

    _change_snapshot(sent_workbook, lambda t: t.replace('"actual": 2500.0', '"actual": 9999.0'))
    window = open_window(sent_workbook)
    told, asked = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: told.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked.append(1) or (str(tmp_path / "giả.docx"), ""))
    exported = []  # the checks and a file written would be boxes: answered here (the test must fail, not wait)
    monkeypatch.setattr(window.flows, "after_export", exported.append)
    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))
    assert window.flows.export_as(".docx") is None and exported == []
    assert len(told) == 1 and "đã bị sửa" in told[0] and not (tmp_path / "giả.docx").exists()
