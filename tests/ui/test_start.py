"""Starting the program: the workbook given, the last one used, or the start screen."""

import os
from pathlib import Path

from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.app import choose_workbook
from baocao_gui.ui.settings import app_settings, recent_workbooks, remember_workbook
from baocao_gui.ui.windows.start_dialog import StartDialog, example_path


def test_without_an_argument_the_last_workbook_opens(sample_workbook):
    remember_workbook(app_settings(), sample_workbook)
    assert choose_workbook(None) == sample_workbook.resolve()


def test_the_example_is_written_once_into_the_users_data_folder_and_opened(qtbot):
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.open_example()
    assert dialog.chosen == example_path() and dialog.chosen.exists()
    assert str(dialog.chosen).startswith(os.environ["HOME"])  # the test's own folder, never the user's
    report = load_workbook(open_workbook(dialog.chosen, readonly=True)).report_for(2023)
    assert report.values["viec_lam"].actual == 18498


def test_a_new_workbook_made_with_only_a_file_name_starts_with_nothing_written_for_the_clerk(qtbot, tmp_path):
    from gui_helpers import click_button, when_dialog_shows

    from baocao_gui.ui.dialogs.new_workbook import NewWorkbookDialog

    def answer(dialog):
        dialog.path.setText(str(tmp_path / "Sở mới"))
        click_button(dialog, "Tạo sổ")

    dialog = StartDialog()
    qtbot.addWidget(dialog)
    when_dialog_shows(answer, NewWorkbookDialog)
    dialog.create()
    assert dialog.chosen == Path(str(tmp_path / "Sở mới") + ".baocao")
    wb = load_workbook(open_workbook(dialog.chosen, readonly=True))
    report = wb.report_for()
    assert report.part(Part.RESULTS, "lao_dong") == ()  # suggested sentences are offered in the sector tab
    assert report.values == {}  # figures are the clerk's to type
    assert report.agency.name == "Sở Lao động – Thương binh và Xã hội"  # the catalogue's kind of agency


def test_a_new_workbook_over_an_existing_file_is_refused_in_the_dialog_and_the_file_kept(qtbot, sample_workbook):
    from gui_helpers import click_button, when_dialog_shows

    from baocao_gui.ui.dialogs.new_workbook import NewWorkbookDialog

    before = sample_workbook.read_bytes()
    said = []

    def answer(dialog):
        dialog.path.setText(str(sample_workbook))
        click_button(dialog, "Tạo sổ")
        said.append(dialog.message.text())
        click_button(dialog, "Hủy")

    dialog = StartDialog()
    qtbot.addWidget(dialog)
    when_dialog_shows(answer, NewWorkbookDialog)
    dialog.create()
    assert dialog.chosen is None and sample_workbook.read_bytes() == before
    assert said and "đã có; hãy chọn tên khác" in said[0]


def test_recent_workbooks_are_listed_newest_first_and_missing_ones_dropped(qtbot, sample_workbook, tmp_path):
    settings = app_settings()
    gone = tmp_path / "đã xóa.baocao"
    gone.write_bytes(b"x")
    remember_workbook(settings, gone)
    remember_workbook(settings, sample_workbook)
    gone.unlink()
    assert recent_workbooks(settings) == [str(sample_workbook.resolve())]
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    assert dialog.recent.count() == 1 and dialog.recent.item(0).text() == sample_workbook.name


def test_a_file_that_is_not_a_workbook_gets_one_sentence_and_no_window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from baocao_gui.ui.app import open_window

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    path = tmp_path / "báo cáo cũ.docx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    assert open_window(path) is None
    assert said == ["Tệp “báo cáo cũ.docx” không phải là sổ báo cáo của baocao-gui."]


def test_the_program_has_its_icon(qtbot):
    from PySide6.QtGui import QIcon

    from baocao_gui.ui.launch import application

    app = application()
    app.setWindowIcon(QIcon())
    assert not application().windowIcon().isNull()


def test_the_first_window_is_on_screen_before_the_program_behind_it_has_loaded(tmp_path, sample_workbook):
    """`baocao-gui WORKBOOK` shows a window with the workbook's name at once; the main window, the application layer,
    the store, python-docx and the checks load behind it (benchmarks/launch_bench.py measures both moments)."""
    import subprocess
    import sys

    probe = ("import sys; from pathlib import Path\n"
             "from baocao_gui.ui.launch import application, opening_screen\n"
             "app = application(); screen = opening_screen(Path(sys.argv[1])); screen.show(); app.processEvents()\n"
             "shown = screen.isVisible() and any(w.text().startswith('Đang mở sổ') for w in screen.findChildren("
             "__import__('PySide6.QtWidgets', fromlist=['QLabel']).QLabel))\n"
             "heavy = sorted(m for m in ('baocao_gui.app', 'baocao_gui.store', 'baocao_gui.ui.windows.main_window',"
             " 'baocao_gui.domain.checks', 'docx', 'sqlite_utils') if m in sys.modules)\n"
             "print(shown, heavy)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(sample_workbook)], capture_output=True, text=True,
                            encoding="utf-8", timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True []"


def test_the_program_opens_the_workbook_in_the_first_windows_place(qtbot, sample_workbook, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from baocao_gui.ui import app as app_module
    from baocao_gui.ui.launch import opening_screen

    screen = opening_screen(sample_workbook)
    screen.show()
    seen = {}
    monkeypatch.setattr(QApplication, "exec", lambda self: seen.setdefault("visible", [
        w for w in QApplication.topLevelWidgets() if w.isVisible()]) and 0)
    assert app_module.start(QApplication.instance(), sample_workbook, screen) == 0
    shown = seen["visible"]
    assert not screen.isVisible() and any(w.objectName() != "opening" and w.windowTitle().startswith(
        sample_workbook.name) for w in shown)
    for w in shown:
        if w is not screen:
            w.close()
            w.session.close()
