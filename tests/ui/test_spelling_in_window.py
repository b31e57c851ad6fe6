"""Spelling in the window, as Word shows it: unknown words underlined in red as the clerk types, a right-click that
offers the word meant, passes it or adds it to the clerk's dictionary, and the check before signing."""

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from baocao_gui.domain.model import Part
from baocao_gui.ui.editors.spelling import ADD, IGNORE, dictionary, dictionary_path, spelling_menu, underlined

TYPOS = ["ddaays", "khoongg", "nguwoif", "vie65t", "tìên", "hòan", "lamf", "dduwowcj", "nawm", "ngừơi"]
PARAGRAPH = ("Năm 2025, UBND tỉnh và Sở LĐ-TB&XH ddaays mạnh công tác khoongg để nguwoif dân huyện Krông Nô có "
             "vie65t làm; ông NGUYỄN VĂN HÙNG báo cáo số tìên hòan trả, lamf rõ dduwowcj nawm nay cho ngừơi lao "
             "động theo Kế hoạch số {{nam_bao_cao}}/KH-UBND.")


def signs(field):
    return [a for a in field.actions() if a.objectName() == "spelling-sign"]


def paste(qtbot, field, text):
    field.setFocus()
    QApplication.clipboard().setText(text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def paragraph_editor(window):
    window.select_tab("tab-lao_dong")
    blocks = window.sector_tab("lao_dong").results
    blocks.list.setCurrentRow(0)
    blocks.editor.selectAll()
    return blocks


def word_point(field, word, occurrence=0):
    """The middle of ``word`` in a paragraph field, in its viewport's coordinates."""
    text = field.toPlainText()
    start = text.index(word)
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    cursor = QTextCursor(field.document())
    cursor.setPosition(start + 1)
    return field.cursorRect(cursor).center()


def right_click_and_choose(qtbot, target, point, choice, seen):
    """Right-click at ``point`` of ``target`` (a field or its viewport), read the menu, click ``choice``."""
    def answer(left=100):
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
            action = next(a for a in menu.actions() if a.text() == choice)
            menu.close()
            action.trigger()
        elif left:
            QTimer.singleShot(20, lambda: answer(left - 1))

    QTimer.singleShot(20, answer)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, target.mapToGlobal(point))
    QApplication.sendEvent(target, event)


def test_ten_typos_are_underlined_and_a_name_in_capitals_an_abbreviation_and_a_citation_are_not(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    blocks = paragraph_editor(window)
    paste(qtbot, blocks.editor, PARAGRAPH)
    assert blocks.editor.toPlainText() == PARAGRAPH
    assert underlined(blocks.editor) == TYPOS


def test_a_right_click_offers_the_word_meant_and_choosing_it_replaces_the_typo(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    blocks = paragraph_editor(window)
    paste(qtbot, blocks.editor, PARAGRAPH)
    field = blocks.editor
    offered = {typo: [a.text() for a in spelling_menu(field, word_point(field, typo)).actions()][:3]
               for typo in TYPOS}
    for typo, meant in zip(TYPOS, ["đấy", "không", "người", "việt", "tiền", "hoàn", "làm", "được", "năm", "người"],
                           strict=True):
        assert meant in offered[typo], (typo, offered[typo])
    seen = []
    right_click_and_choose(qtbot, field.viewport(), word_point(field, "ddaays"), "đấy", seen)
    assert seen[0] == "đấy" and IGNORE in seen and ADD in seen and "Hoàn tác" in [s.replace("&", "").split("\t")[0]
                                                                                 for s in seen]
    assert "Sở LĐ-TB&XH đấy mạnh" in field.toPlainText()
    assert "ddaays" not in underlined(field)
    field.clearFocus()
    qtbot.waitUntil(lambda: "đấy mạnh" in window.session.report.part(Part.RESULTS, "lao_dong")[0].text, timeout=3000)


def test_a_word_added_to_the_dictionary_is_no_longer_underlined_in_any_field(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-general")
    summary = window.tabs.currentWidget().fields["summary"]
    paste(qtbot, summary, "Báo cáo lamf việc năm 2025")
    window.select_tab("tab-lao_dong")
    title = window.sector_tab("lao_dong").title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " lamf")
    title.clearFocus()
    assert len(signs(title)) == 1 and "lamf" in signs(title)[0].toolTip()
    blocks = paragraph_editor(window)
    paste(qtbot, blocks.editor, PARAGRAPH)
    assert "lamf" in underlined(summary) and "lamf" in underlined(blocks.editor)

    seen = []
    right_click_and_choose(qtbot, blocks.editor.viewport(), word_point(blocks.editor, "lamf"), ADD, seen)

    assert "lamf" not in underlined(blocks.editor) and "lamf" not in underlined(summary)
    assert signs(title) == []
    assert dictionary_path().read_text(encoding="utf-8").splitlines() == ["lamf"]
    assert underlined(blocks.editor) == [t for t in TYPOS if t != "lamf"]


def test_bo_qua_passes_a_word_until_the_program_closes(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    blocks = paragraph_editor(window)
    paste(qtbot, blocks.editor, PARAGRAPH)
    seen = []
    right_click_and_choose(qtbot, blocks.editor.viewport(), word_point(blocks.editor, "nawm"), IGNORE, seen)
    assert "nawm" not in underlined(blocks.editor)
    assert not dictionary_path().exists()  # not written to the clerk's file
    dictionary().ignored.clear()


def test_a_one_line_field_shows_a_sign_when_the_clerk_leaves_it_and_offers_the_word_by_right_click(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    title = window.sector_tab("lao_dong").title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Lao dong khoongg")
    assert signs(title) == []  # nothing while the clerk types
    window.sector_tab("lao_dong").task_title.setFocus()
    assert len(signs(title)) == 1 and "“khoongg”" in signs(title)[0].toolTip()
    seen = []
    title.setCursorPosition(len("Lao dong kh"))
    point = title.cursorRect().center()
    right_click_and_choose(qtbot, title, point, "không", seen)
    assert title.text() == "Lao dong không"
    assert signs(title) == []


def test_the_check_before_signing_lists_the_unknown_words_of_each_paragraph_and_jumps_to_it(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    blocks = paragraph_editor(window)
    block_id = blocks.current_block_id()
    paste(qtbot, blocks.editor, PARAGRAPH)
    blocks.binding.flush()
    window.findings.update_now()
    spelling = [f for f in window.findings.findings if f.kind == "spelling"]
    assert len(spelling) == 1
    finding = spelling[0]
    assert finding.severity.value == "cảnh báo" and finding.place.block_id == block_id
    assert "Kết quả" in finding.where or "›" in finding.where
    assert all(f"“{t}”" in finding.message for t in TYPOS[:8]) and "2 từ khác" in finding.message
    window.select_tab("tab-general")
    window.findings.go_to.emit(finding.place)
    assert window.sector_tab("lao_dong").results.current_block_id() == block_id
    assert QApplication.focusWidget() is window.sector_tab("lao_dong").results.editor

    dictionary().add("lamf")
    window.findings.update_now()
    finding = next(f for f in window.findings.findings if f.kind == "spelling")
    assert "lamf" not in finding.message


def test_the_sample_report_has_no_spelling_finding(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.findings.update_now()
    assert [f.line() for f in window.findings.findings if f.kind == "spelling"] == []


def test_a_cell_of_a_table_in_the_text_is_checked_too(qtbot):
    from baocao_gui.domain.tables import new_table
    from baocao_gui.ui.editors.table_editor import TableEditor

    editor = TableEditor()
    qtbot.addWidget(editor)
    editor.show_table(new_table())
    editor.show()
    editor.grid.setFocus()
    editor.grid.setCurrentCell(1, 0)
    qtbot.keyClick(editor.grid, Qt.Key.Key_F2)
    cell = next(e for e in editor.grid.findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(cell, "Huyen ddaays")
    cell.clearFocus()
    QApplication.sendEvent(cell, QEvent(QEvent.Type.FocusOut))
    assert len(signs(cell)) == 1 and "ddaays" in signs(cell)[0].toolTip()


def test_the_word_being_typed_is_underlined_only_once_the_clerk_leaves_it(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    blocks = paragraph_editor(window)
    field = blocks.editor
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, "Tinh khoongg")
    assert underlined(field) == []  # "khoongg" may still become a word: a keyboard program writes "vie" first
    qtbot.keyClick(field, Qt.Key.Key_Space)
    assert underlined(field) == ["khoongg"]
    qtbot.keyClicks(field, "ddaays")
    qtbot.keyClick(field, Qt.Key.Key_Home)  # the cursor leaves the word without typing
    assert underlined(field) == ["khoongg", "ddaays"]
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, " nawm")
    assert underlined(field) == ["khoongg", "ddaays"]
    window.sector_tab("lao_dong").title.setFocus()  # the clerk leaves the field
    assert underlined(field) == ["khoongg", "ddaays", "nawm"]


def test_suggestions_follow_the_reports_tone_mark_style(qtbot, open_window, sample_workbook):
    from baocao_gui.app.edits import texts

    window = open_window(sample_workbook)
    assert window.session.edit(texts.write_in_style, "new") is not None  # the clerk chose "hoà, thuỷ"
    blocks = paragraph_editor(window)
    paste(qtbot, blocks.editor, "Đoàn kết hoaf thuaanj.")
    texts_offered = [a.text() for a in spelling_menu(blocks.editor, word_point(blocks.editor, "hoaf")).actions()]
    assert texts_offered[0] == "hoà" and "hòa" not in texts_offered
    seen = []
    right_click_and_choose(qtbot, blocks.editor.viewport(), word_point(blocks.editor, "hoaf"), "hoà", seen)
    assert blocks.editor.toPlainText() == "Đoàn kết hoà thuaanj."
