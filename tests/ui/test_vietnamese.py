"""Qt's own dialogs and menus in Vietnamese: standard buttons, the file dialog Qt draws, text fields' menus."""

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)

from baocao_gui.ui.vietnamese import STRINGS

# asked for, and rightly left as they are: key names as printed on the keyboard, Qt's layout direction
UNTRANSLATED = {"QShortcut", "QGuiApplication"}
KEYS = {"Alt+Left", "Alt+Right", "Alt+Up"}


def plain(text):
    return text.replace("&", "")


def when_shown(kind, then, attempts=100):
    """Act on the first visible top-level widget of ``kind`` once a modal loop has shown it."""
    def look(left=attempts):
        found = next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
        if found is not None:
            then(found)
        elif left:
            QTimer.singleShot(20, lambda: look(left - 1))
    QTimer.singleShot(0, look)


def test_a_yes_no_question_has_buttons_co_and_khong(qtbot):
    seen = []

    def answer(box):
        seen.extend(plain(b.text()) for b in box.buttons())
        box.button(QMessageBox.StandardButton.No).click()

    when_shown(QMessageBox, answer)
    answer_given = QMessageBox.question(None, "Xóa chỉ tiêu", "Xóa chỉ tiêu này?")
    assert sorted(seen) == ["Có", "Không"] and answer_given == QMessageBox.StandardButton.No


def test_ok_and_cancel_read_dong_y_and_huy(qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    assert sorted(plain(b.text()) for b in box.buttons()) == ["Hủy", "Lưu", "Đóng", "Đồng ý"]


def file_dialog(qtbot, folder, save):
    dialog = QFileDialog(None, "Lưu bản sao", str(folder), "Sổ báo cáo (*.baocao)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_file_dialog_qt_draws_has_vietnamese_labels_and_buttons(qtbot, tmp_path):
    dialog = file_dialog(qtbot, tmp_path, save=True)
    labels = {plain(label.text()) for label in dialog.findChildren(QLabel)}
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:"} <= labels
    buttons = {plain(b.text()) for b in dialog.findChildren(QPushButton) if b.isVisible()}
    assert {"Lưu", "Hủy"} <= buttons
    opening = file_dialog(qtbot, tmp_path, save=False)
    assert "Mở" in {plain(b.text()) for b in opening.findChildren(QPushButton) if b.isVisible()}


def test_replacing_a_file_is_asked_in_vietnamese(qtbot, tmp_path):
    (tmp_path / "Sổ cũ.baocao").write_bytes(b"")
    dialog = file_dialog(qtbot, tmp_path, save=True)
    seen = []

    def answer(box):
        seen.append((box.text(), sorted(plain(b.text()) for b in box.buttons())))
        box.button(QMessageBox.StandardButton.No).click()

    when_shown(QMessageBox, answer)
    dialog.findChild(QLineEdit, "fileNameEdit").setText("Sổ cũ.baocao")
    dialog.accept()
    assert seen == [("Đã có tệp Sổ cũ.baocao.\nGhi đè lên tệp đó?", ["Có", "Không"])]
    assert dialog.isVisible()  # "Không": the clerk chooses another name


@pytest.mark.parametrize("field", [QLineEdit, QPlainTextEdit])
def test_a_text_fields_menu_is_in_vietnamese(qtbot, field):
    widget = field("Năm 2024")
    qtbot.addWidget(widget)
    menu = widget.createStandardContextMenu()
    texts = [plain(a.text()).split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]


class Listening(QTranslator):
    """Installed over the program's translator: hears every string Qt asks for, answers nothing."""

    def __init__(self):
        super().__init__()
        self.asked = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        self.asked.add((context, source))

    def isEmpty(self):
        return False


def test_every_string_qt_asks_for_in_these_dialogs_has_a_translation(qtbot, tmp_path):
    app = QApplication.instance()
    listening = Listening()
    app.installTranslator(listening)
    try:
        test_a_yes_no_question_has_buttons_co_and_khong(qtbot)
        test_ok_and_cancel_read_dong_y_and_huy(qtbot)
        test_the_file_dialog_qt_draws_has_vietnamese_labels_and_buttons(qtbot, tmp_path)
        test_replacing_a_file_is_asked_in_vietnamese(qtbot, tmp_path)
        for field in (QLineEdit, QPlainTextEdit):
            test_a_text_fields_menu_is_in_vietnamese(qtbot, field)
    finally:
        app.removeTranslator(listening)
    missing = {(c, s) for c, s in listening.asked
               if c not in UNTRANSLATED and s not in KEYS and s not in STRINGS.get(c, {})}
    assert listening.asked and missing == set()
