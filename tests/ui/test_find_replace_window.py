"""Find and replace in the window, by keys and clicks, on an invented three-sector report of 2025; and a report mixing
"hòa" and "hoà" written in one style from the findings in one click."""

import pytest
from gui_helpers import type_text
from invented_report import SECTORS, invented_report
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from baocao_gui.app import Document
from baocao_gui.app.edits import paragraphs, reports, texts
from baocao_gui.domain.checks import Place
from baocao_gui.domain.model import Part
from baocao_gui.domain.report_text import report_spots


@pytest.fixture
def workbook(tmp_path):
    return invented_report(tmp_path)


def every_text(window):
    return [s.text for s in report_spots(window.session.workbook, window.session.report)]


def test_one_ctrl_h_replaces_last_year_everywhere_and_one_ctrl_z_puts_it_back(qtbot, open_window, workbook):
    path, _ids = workbook
    window = open_window(path)
    before = every_text(window)
    assert sum("năm 2024" in t.lower() for t in before) >= 8

    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.query.hasFocus)  # the dialog active, the cursor where the clerk types
    type_text(qtbot, dialog.query, "năm 2024")
    QTest.keyClick(dialog.query, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.replacement, "năm 2025")
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 10)  # the hits listed as the clerk types
    assert {h.spot.place.sector for h in dialog.hits} >= set(SECTORS)
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)

    after = every_text(window)
    assert not any("năm 2024" in t.lower() for t in after)
    assert "So với năm {{last_year}}, số hộ thoát nghèo tăng." in after  # the citation left untouched…
    note = dialog.note.text()
    assert "Đã thay 9 chỗ" in note and "1 chỗ nằm trong số liệu trích" in note  # …and said
    assert "bảng số liệu" in note
    assert dialog.tree.topLevelItemCount() == 1  # the cited one is still listed
    assert window.session.undo_stack.count() == 1

    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # the dialog closed, back in the window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert every_text(window) == before


def test_a_frozen_report_is_searched_but_not_replaced_and_the_dialog_says_why(qtbot, open_window, workbook):
    path, _ids = workbook
    doc = Document(path)
    doc.apply(reports.mark_sent(doc, None))
    doc.close()
    window = open_window(path)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    type_text(qtbot, dialog.query, "năm 2024")
    QTest.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.tree.topLevelItemCount() == 10
    assert not dialog.replace_all_button.isEnabled() and not dialog.replace_one_button.isEnabled()
    assert texts.frozen_sentence(window.session.report) in dialog.note.text()
    assert "đã ký, đã gửi nên chỉ tìm được, không thay thế được" in dialog.note.text()


def test_options_whole_word_case_and_without_diacritics(qtbot, open_window, workbook):
    path, _ids = workbook
    window = open_window(path)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    type_text(qtbot, dialog.query, "hoa lam")
    QTest.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.tree.topLevelItemCount() == 0 and "Không tìm thấy" in dialog.note.text()
    QTest.mouseClick(dialog.ignore_marks, Qt.MouseButton.LeftButton)
    assert dialog.tree.topLevelItemCount() == 4
    QTest.mouseClick(dialog.match_case, Qt.MouseButton.LeftButton)
    assert dialog.tree.topLevelItemCount() == 0  # "Hòa Lâm", "HÒA LÂM": none in lower case
    dialog.query.setText("xã hộ")
    QTest.mouseClick(dialog.match_case, Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.ignore_marks, Qt.MouseButton.LeftButton)
    assert dialog.tree.topLevelItemCount() > 0
    QTest.mouseClick(dialog.whole_word, Qt.MouseButton.LeftButton)
    assert dialog.tree.topLevelItemCount() == 0


def test_a_click_on_a_hit_shows_its_paragraph_with_the_hit_selected(qtbot, open_window, workbook):
    path, ids = workbook
    window = open_window(path)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    type_text(qtbot, dialog.query, "Tết năm 2024")
    QTest.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.tree.topLevelItemCount() == 1
    item = dialog.tree.topLevelItem(0)
    rect = dialog.tree.visualItemRect(item)
    QTest.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget().objectName() == "tab-nguoi_co_cong"
    editor = window.sector_tab("nguoi_co_cong").results
    assert editor.current_block_id() == ids[("nguoi_co_cong", Part.RESULTS, 0)]
    assert editor.editor.textCursor().selectedText() == "Tết năm 2024"

    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog.query.setText("nhiệm vụ năm 2025")
    QTest.keyClick(dialog.query, Qt.Key.Key_Return)
    dialog.tree.setFocus()
    QTest.keyClick(dialog.tree, Qt.Key.Key_Return)  # Enter goes there too
    assert window.tabs.currentWidget() is window.general
    assert window.general.fields["summary"].textCursor().selectedText() == "nhiệm vụ năm 2025"


def test_a_report_mixing_hoa_and_hoa_gets_one_warning_and_one_click_writes_one_style(qtbot, open_window, workbook):
    path, ids = workbook
    doc = Document(path)
    doc.apply(paragraphs.set_block_text(doc, ids[("lao_dong", Part.TASKS, 0)],
                                        "Phối hợp hoà giải ở cơ sở, chăm lo sức khoẻ người lao động quý I."))
    doc.close()
    window = open_window(path)
    before = every_text(window)
    QTest.keyClick(window, Qt.Key.Key_F8)
    panel = window.findings
    rows = [i for i, f in enumerate(panel.findings) if f.kind == "tone-style"]
    assert len(rows) == 1  # one warning for the whole report, with examples
    finding = panel.findings[rows[0]]
    assert "“hoà”" in finding.message and "“Hòa”" in finding.message
    panel.tree.setCurrentItem(panel.tree.topLevelItem(rows[0]))
    # one click for either style: the one most words have first ("Hòa Lâm", "Thủy", "ỦY" are more)
    assert panel.fix_button.isVisible() and panel.fix_button.text() == "Viết cả báo cáo kiểu cũ (hòa, khỏe, thủy)"
    assert panel.other_style_button.isVisible()
    assert panel.other_style_button.text() == "Viết kiểu mới (hoà, khoẻ, thuỷ)"
    QTest.mouseClick(panel.other_style_button, Qt.MouseButton.LeftButton)
    after = " ".join(every_text(window))
    assert "Hòa" not in after and "HÒA" not in after and "Thủy" not in after and "sức khỏe" not in after
    assert "Hoà Lâm" in after and "HOÀ LÂM" in after and "Trần Văn Thuỷ" in after and "sức khoẻ" in after
    assert "quý I" in after  # "quý" is written alike in both styles
    assert window.session.report.tone_style == "new"
    assert not any(f.kind == "tone-style" for f in panel.findings)
    assert window.session.undo_stack.count() == 1

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert every_text(window) == before and window.session.report.tone_style == ""


def test_text_pasted_into_a_paragraph_takes_the_report_style(qtbot, open_window, workbook):
    from PySide6.QtCore import QMimeData

    path, ids = workbook
    doc = Document(path)
    doc.apply(texts.write_in_style(doc, "new"))
    doc.close()
    window = open_window(path)
    window.go_to(Place(sector="nguoi_co_cong", part=Part.RESULTS, block_id=ids[("nguoi_co_cong", Part.RESULTS, 0)]))
    editor = window.sector_tab("nguoi_co_cong").results.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setText(" Hòa giải thủy lợi.")
    editor.insertFromMimeData(mime)
    assert editor.toPlainText().endswith(" Hoà giải thuỷ lợi.")


def test_replace_one_changes_the_hit_chosen_and_the_list_follows(qtbot, open_window, workbook):
    path, ids = workbook
    window = open_window(path)
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    qtbot.waitUntil(dialog.query.hasFocus)
    type_text(qtbot, dialog.query, "năm 2024")
    QTest.keyClick(dialog.query, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.replacement, "năm 2025")
    QTest.keyClick(dialog.replacement, Qt.Key.Key_Return)
    row = next(i for i, h in enumerate(dialog.hits) if h.spot.place.sector == "nguoi_co_cong")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row))
    QTest.mouseClick(dialog.replace_one_button, Qt.MouseButton.LeftButton)
    block = window.session.report.part(Part.RESULTS, "nguoi_co_cong")[0]
    assert block.id == ids[("nguoi_co_cong", Part.RESULTS, 0)] and "Tết năm 2025" in block.text
    assert dialog.tree.topLevelItemCount() == 9 and "Đã thay 1 chỗ." in dialog.note.text()
    assert window.session.undo_stack.undoText() == "Thay “năm 2024” bằng “năm 2025”"
    # a hit in a citation is not replaced: the dialog says where its figure is changed
    cited = next(i for i, h in enumerate(dialog.hits) if h.in_citation)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(cited))
    QTest.mouseClick(dialog.replace_one_button, Qt.MouseButton.LeftButton)
    assert texts.CITATION_NOTE in dialog.note.text() and window.session.undo_stack.count() == 1
