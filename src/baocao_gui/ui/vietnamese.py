"""The window in Vietnamese where Qt draws the words itself: dates and numbers (the default QLocale), and the
standard buttons and dialogs. Qt ships no Vietnamese translation (no qtbase_vi.qm), so a translator holds the
strings Qt asks for.

The source strings are Qt's own, exactly as it asks for them: they were found by logging every request while
the dialogs were shown (tests/ui/test_vietnamese.py does the same and fails on a string this table lacks).
Keyboard names (Ctrl, Del…) are left as they are printed on the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

_EDIT_MENU = {
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "&Cắt", "&Copy": "&Sao chép", "&Paste": "&Dán",
    "Delete": "&Xóa", "Select All": "Chọn &tất cả",
}

STRINGS: dict[str, dict[str, str]] = {
    # QMessageBox and QDialogButtonBox standard buttons
    "QPlatformTheme": {
        "&Yes": "&Có", "&No": "&Không", "OK": "Đồng ý", "Cancel": "Hủy", "Save": "Lưu", "Save All": "Lưu tất cả",
        "Open": "Mở", "Close": "Đóng", "Discard": "Bỏ", "Apply": "Áp dụng", "Reset": "Đặt lại",
        "Restore Defaults": "Khôi phục mặc định", "Help": "Trợ giúp", "Yes to &All": "Có với &tất cả",
        "N&o to All": "&Không với tất cả", "Abort": "Dừng", "Retry": "Thử lại", "Ignore": "Bỏ qua",
    },
    "QMessageBox": {"Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…"},
    # the file dialog Qt draws (offscreen, some Linux desktops; Windows shows its own, in Windows' language)
    "QFileDialog": {
        "&Look in:": "&Tìm trong:", "File &name:": "Tên &tệp:", "Files of &type:": "&Loại tệp:",
        "&Open": "&Mở", "&Save": "&Lưu", "&Choose": "&Chọn", "Back": "Lùi lại", "Forward": "Tiến tới",
        "Parent Directory": "Thư mục cha", "Create New Folder": "Tạo thư mục mới", "List View": "Dạng danh sách",
        "Detail View": "Dạng chi tiết", "Go back": "Quay lại", "Go forward": "Đi tiếp",
        "Go to the parent directory": "Lên thư mục cha", "Create a New Folder": "Tạo một thư mục mới",
        "Change to list view mode": "Xem dạng danh sách", "Change to detail view mode": "Xem dạng chi tiết",
        "Sidebar": "Thanh bên", "List of places and bookmarks": "Các vị trí và dấu trang", "Files": "Tệp",
        "Directories": "Thư mục", "Directory:": "Thư mục:", "All Files (*)": "Mọi tệp (*)",
        "&Rename": "Đổi &tên", "&Delete": "&Xóa", "Show &hidden files": "Hiện tệp ẩ&n", "&New Folder": "Thư mục &mới",
        "Show ": "Hiện ",
        "%1 already exists.\nDo you want to replace it?": "Đã có tệp %1.\nGhi đè lên tệp đó?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    },
    "QFileSystemModel": {"Name": "Tên", "Size": "Kích thước", "Type": "Loại", "Date Modified": "Ngày sửa",
                         "Computer": "Máy tính"},
    "QAbstractFileIconProvider": {"Drive": "Ổ đĩa", "Folder": "Thư mục", "Unknown": "Không rõ"},
    # the context menu of text fields: one-line, and paragraphs (QPlainTextEdit, QTextEdit)
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QAbstractSpinBox": {"&Select All": "Chọn &tất cả", "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QScrollBar": {
        "Scroll here": "Cuộn đến đây", "Top": "Lên đầu", "Bottom": "Xuống cuối", "Page up": "Lên một trang",
        "Page down": "Xuống một trang", "Scroll up": "Cuộn lên", "Scroll down": "Cuộn xuống",
        "Left edge": "Sát trái", "Right edge": "Sát phải", "Page left": "Sang trái một trang",
        "Page right": "Sang phải một trang", "Scroll left": "Cuộn sang trái", "Scroll right": "Cuộn sang phải",
    },
    "QDockWidget": {"Close": "Đóng", "Float": "Tách ra", "Closes the dock widget": "Đóng khung này",
                    "Undocks and re-attaches the dock widget": "Tách khung ra hoặc gắn lại"},
    "QInputDialog": {"Enter a value:": "Nhập giá trị:"},
    "QUndoStack": {"Undo": "Hoàn tác", "Redo": "Làm lại", "Undo %1": "Hoàn tác: %1", "Redo %1": "Làm lại: %1"},
}


class VietnameseTranslator(QTranslator):
    """Qt's own strings in Vietnamese; anything else falls through to the source text."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return STRINGS.get(context, {}).get(source)

    def isEmpty(self) -> bool:
        return False


_installed: dict[int, VietnameseTranslator] = {}


def use_vietnamese(app: QCoreApplication) -> None:
    """Calendar month and day names and the week from Monday (the default locale), and the translator; once."""
    QLocale.setDefault(VIETNAMESE)
    if id(app) not in _installed:
        translator = VietnameseTranslator(app)
        app.installTranslator(translator)
        _installed[id(app)] = translator
