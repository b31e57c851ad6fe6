"""The findings panel in the window: it follows the clerk's typing, jumps to the field, fixes legacy text."""

import docx
import pytest
from gui_helpers import menu_action, row_of, type_into_cell
from helpers import stored_report as stored
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from baocao_gui.app.edits import paragraphs
from baocao_gui.domain.model import Part
from baocao_gui.ui.dialogs.export_gate import ExportGate
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN

TCVN3_SENTENCE = b"Ch\xad\xacng tr\xd7nh gi\xb6m ngh\xcco b\xd2n v\xf7ng".decode("cp1252")




def finding_row(panel, text):
    return next(i for i, f in enumerate(panel.findings) if text in f.line())


def test_the_panel_lists_the_samples_findings_and_follows_a_correction(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    panel = window.findings
    qtbot.waitUntil(lambda: bool(panel.findings), timeout=3000)  # checked in the background after opening
    assert any("khác tổng 42" in f.message for f in panel.findings)
    window.select_tab("tab-tre_em_bdg")
    tab = window.sector_tab("tre_em_bdg")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "tre_em_tu_vong"), FIELD_COLUMN["actual"], "40")
    qtbot.waitUntil(lambda: not any("khác tổng" in f.message for f in panel.findings), timeout=2000)


def test_activating_a_finding_focuses_its_figure(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    panel = window.findings
    qtbot.waitUntil(lambda: bool(panel.findings), timeout=3000)  # checked in the background after opening
    row = finding_row(panel, "khác tổng 42")
    item = panel.tree.topLevelItem(row)
    panel.tree.setCurrentItem(item)
    panel.tree.itemActivated.emit(item, 0)
    tab = window.tabs.currentWidget()
    assert tab.objectName() == "tab-tre_em_bdg"
    assert tab.table.current_code() == "tre_em_tu_vong"
    assert QApplication.focusWidget() is tab.table


def test_activating_a_text_finding_selects_the_paragraph_and_puts_the_cursor_in_it(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    panel = window.findings
    qtbot.waitUntil(lambda: bool(panel.findings), timeout=3000)  # checked in the background after opening
    finding = next(f for f in panel.findings if "nhân hai lần" in f.message)
    panel.go_to.emit(finding.place)
    tab = window.tabs.currentWidget()
    editor = tab.results
    assert editor.current_block_id() == finding.place.block_id
    assert "triệu đồng" in editor.editor.toPlainText()
    assert QApplication.focusWidget() is editor.editor


def test_pasting_legacy_text_into_a_paragraph_stores_unicode(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    editor = window.sector_tab("lao_dong").results
    editor.add_block()
    mime = QMimeData()
    mime.setText(TCVN3_SENTENCE)
    editor.editor.insertFromMimeData(mime)
    assert editor.editor.toPlainText() == "Chương trình giảm nghèo bền vững"
    qtbot.waitUntil(lambda: "Chương trình giảm nghèo bền vững" in
                    [b.text for b in stored(sample_workbook).part(Part.RESULTS, "lao_dong")], timeout=1500)


def test_pasting_decomposed_unicode_stores_nfc(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    editor = window.sector_tab("lao_dong").results
    editor.add_block()
    mime = QMimeData()
    mime.setText("Tie\u0302\u0301ng Vie\u0323\u0302t")
    editor.editor.insertFromMimeData(mime)
    assert editor.editor.toPlainText() == "Tiếng Việt"


def test_legacy_text_already_stored_is_converted_with_one_click(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    session = window.session
    session.edit(paragraphs.insert_block, "intro", None, 1, "paragraph", "")
    block_id = stored(sample_workbook).part(Part.INTRO)[1].id
    session.db.execute("UPDATE block SET text = ? WHERE id = ?", [TCVN3_SENTENCE, block_id])
    session.db.conn.commit()
    session.reload()
    panel = window.findings
    panel.update_now()
    row = finding_row(panel, "bảng mã cũ")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(row))
    assert panel.fix_button.isVisible() and "Unicode" in panel.fix_button.text()
    panel.fix_button.click()
    assert stored(sample_workbook).part(Part.INTRO)[1].text == "Chương trình giảm nghèo bền vững"
    assert not any(f.kind == "legacy-encoding" for f in panel.findings)


def test_export_shows_errors_first_and_needs_an_explicit_confirmation(qtbot, open_window, sample_workbook, tmp_path,
                                                                      monkeypatch):
    window = open_window(sample_workbook)
    shown = []

    def answer(self):
        shown.append(self)
        assert not self.export_button.isEnabled()  # an error: exporting needs the box ticked
        self.confirm.setChecked(True)
        assert self.export_button.isEnabled()
        return ExportGate.DialogCode.Accepted

    monkeypatch.setattr(ExportGate, "exec", answer)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    target = tmp_path / "nháp.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    menu_action(window, "Tệp", "Xuất tệp Word…").trigger()
    assert target.exists()
    assert shown and any("khác tổng 42" in shown[0].list.item(i).text() for i in range(shown[0].list.count()))
    assert docx.Document(str(target)).paragraphs


def test_export_refused_at_the_gate_writes_nothing(qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    window = open_window(sample_workbook)
    monkeypatch.setattr(ExportGate, "exec", lambda self: ExportGate.DialogCode.Rejected)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(1) or ("", ""))
    menu_action(window, "Tệp", "Xuất tệp Word…").trigger()
    assert asked == []
    assert window.findings_dock.isVisible()  # back to the findings, to fix them


@pytest.mark.parametrize("errors", [False, True])
def test_warnings_alone_can_be_passed_without_the_confirmation_box(qtbot, errors):
    from baocao_gui.domain.checks import Finding, Severity

    findings = [Finding(Severity.WARNING, "Thông tin chung", "chưa có số văn bản.")]
    if errors:
        findings.append(Finding(Severity.ERROR, "Trẻ em", "các số trong đó cộng lại được 40, khác tổng 42."))
    gate = ExportGate(findings)
    qtbot.addWidget(gate)
    assert gate.export_button.isEnabled() is (not errors)


@pytest.mark.parametrize(("stored_text", "fixed", "says"), [
    ("Ủy ban nhân dân tØnh §¾k N«ng ban hành kế hoạch.", "Ủy ban nhân dân tỉnh Đắk Nông ban hành kế hoạch.",
     "bảng mã cũ"),
    ("Khám cho 1.250 trẻ em \u202etại xã\u202c Hòa Lâm.", "Khám cho 1.250 trẻ em tại xã Hòa Lâm.", "hướng chữ"),
])
def test_a_legacy_fragment_or_a_bidi_control_in_a_unicode_paragraph_is_fixed_with_one_click(
        qtbot, open_window, sample_workbook, stored_text, fixed, says):
    window = open_window(sample_workbook)
    session = window.session
    session.edit(paragraphs.insert_block, "intro", None, 1, "paragraph", stored_text)
    assert stored(sample_workbook).part(Part.INTRO)[1].text == stored_text  # kept as typed, not changed silently
    panel = window.findings
    panel.update_now()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(finding_row(panel, says)))
    assert panel.fix_button.isVisible()
    panel.fix_button.click()
    assert stored(sample_workbook).part(Part.INTRO)[1].text == fixed


def test_the_list_shows_every_finding_in_order_after_lines_appear_go_or_change(qtbot, open_window, sample_workbook):
    """The panel rewrites only the lines between an unchanged head and tail: what it shows is still the list."""
    import random

    from baocao_gui.domain.checks import Finding, Severity

    panel = open_window(sample_workbook).findings
    qtbot.waitUntil(lambda: bool(panel.findings), timeout=3000)
    panel.timer.stop()
    pool = [Finding(Severity.ERROR if i % 3 else Severity.WARNING, f"Lĩnh vực {i}", f"vấn đề {i}", f"sửa {i}")
            for i in range(60)]
    rng = random.Random(19)
    lists = [[], pool[:30], pool[:30], pool[:12] + pool[40:43] + pool[12:30], pool[:12] + pool[15:30],
             pool[:12] + [pool[50]] + pool[13:30], pool[30:40], [], pool[:5]]
    lists += [rng.sample(pool, rng.randint(0, 20)) for _ in range(40)]
    for findings in lists:
        panel._show(findings)
        shown = [tuple(panel.tree.topLevelItem(i).text(c) for c in range(4))
                 for i in range(panel.tree.topLevelItemCount())]
        assert shown == [(f.severity.capitalize(), f.where, f.message, f.fix) for f in findings]
        assert [panel.tree.topLevelItem(i).toolTip(2) for i in range(len(findings))] == [f.message for f in findings]
