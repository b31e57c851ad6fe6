"""Start the window: the workbook given, else the last one used, else the start screen."""

from __future__ import annotations

import gc
import logging
import weakref
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from ..app import DamagedWorkbook, LockedError, copy_backup_beside, list_backups
from ..errors import UserError
from . import stopping
from .dialogs.boxes import choose
from .session import WorkbookSession
from .settings import known_workbook
from .windows.main_window import MainWindow
from .windows.start_dialog import StartDialog

log = logging.getLogger(__name__)


def open_window(path: Path, take_over: bool = False, readonly: bool | None = None) -> MainWindow | None:
    """The main window on ``path``, or None after telling the clerk in one sentence why not."""
    try:
        session = WorkbookSession(path, readonly=readonly, take_over=take_over)
    except LockedError as exc:
        log.warning("%s is locked: %s", path, exc.gloss)
        if not exc.can_take_over:
            answer = QMessageBox.question(None, "Sổ báo cáo đang được mở",
                                          exc.message + " Mở sổ chỉ để xem (không sửa)?")
            return open_window(path, readonly=True) if answer == QMessageBox.StandardButton.Yes else None
        choice = ask_about_lock(exc.message)
        if choice == "read":
            return open_window(path, readonly=True)
        if choice == "edit":
            return open_window(path, take_over=True)
        return None
    except DamagedWorkbook as exc:
        log.warning("cannot open %s: %s", path, exc.gloss)
        copy = offer_backup(path, exc.message)
        return open_window(copy) if copy is not None else None
    except UserError as exc:
        log.warning("cannot open %s: %s", path, exc.gloss)
        QMessageBox.warning(None, "Không mở được sổ báo cáo", exc.message)
        return None
    except Exception:  # never a traceback, never an exit: the clerk gets a sentence, the log the details
        log.exception("opening %s", path)
        QMessageBox.warning(None, "Không mở được sổ báo cáo",
                            f"Không mở được sổ báo cáo “{path.name}”; tệp chưa bị thay đổi. "
                            "Chi tiết đã được ghi vào tệp nhật ký.")
        return None
    window = window_for(session)
    if session.problems:
        show_problems(window, session)
    return window


def window_for(session: WorkbookSession) -> MainWindow:
    """The main window on an open session, its Tệp › Mới, Mở, Đóng sổ answered by ``replace_window``."""
    window = MainWindow(session)
    ref = weakref.ref(window)  # the connection lives as long as the window: it must not keep it alive
    window.replace_requested.connect(lambda target: replace_window(ref(), target) if ref() is not None else None)
    return window


def ask_about_lock(message: str) -> str | None:
    """Another machine holds the workbook: read it, or (after a second question) take it over to edit it."""
    choice = choose(None, QMessageBox.Icon.Question, "Sổ báo cáo đang được mở",
                    message.replace("; hãy đóng cửa sổ đó trước.", ".") + " Nếu cửa sổ đó đã đóng bất thường (mất "
                    "điện, rút USB), có thể mở để sửa.",
                    [("Chỉ &xem", QMessageBox.ButtonRole.AcceptRole),
                     ("&Mở và sửa…", QMessageBox.ButtonRole.DestructiveRole),
                     ("Hủy", QMessageBox.ButtonRole.RejectRole)], default=0, escape=2)
    if choice == 0:
        return "read"
    if choice == 1:
        sure = QMessageBox.question(None, "Mở và sửa", "Chỉ mở để sửa khi chắc chắn cửa sổ trên máy kia đã đóng: "
                                    "nếu hai người cùng sửa, thay đổi của một người sẽ mất. Vẫn mở để sửa?",
                                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.No)
        return "edit" if sure == QMessageBox.StandardButton.Yes else None
    return None


def show_problems(window: MainWindow, session: WorkbookSession) -> QMessageBox:
    """A workbook whose rows break the model opened read-only: say what could not be read, offer the last backup."""
    problems = session.problems
    listed = "\n".join(f"• {p}" for p in problems[:40])
    more = f"\n… và {len(problems) - 40} chỗ khác." if len(problems) > 40 else ""
    box = QMessageBox(QMessageBox.Icon.Warning, "Sổ báo cáo mở chỉ để xem",
                      f"Có {len(problems)} chỗ trong sổ báo cáo không đọc được, nên sổ được mở chỉ để xem và "
                      "xuất; tệp chưa bị thay đổi.", parent=window)
    box.setInformativeText(problems[0] if problems else "")
    box.setDetailedText(listed + more)
    backups = list_backups(session.path)
    if backups:
        use = box.addButton(f"Mở &bản lưu lúc {backups[0].taken:%H:%M %d/%m/%Y}", QMessageBox.ButtonRole.ActionRole)

        def clicked(button) -> None:
            if button is use:
                try:
                    copy = copy_backup_beside(backups[0], session.path)
                except UserError as exc:
                    QMessageBox.warning(window, "Không mở được bản lưu", exc.message)
                    return
                other = open_window(copy)
                if other is not None:
                    window.others.append(other)
                    other.show()

        box.buttonClicked.connect(clicked)
    box.addButton("&Xem sổ này", QMessageBox.ButtonRole.AcceptRole)
    window.problems_box = box
    box.open()
    return box


def offer_backup(path: Path, message: str) -> Path | None:
    """A workbook that cannot be read: offer its last good backup as a new file beside it (the damaged file is
    left as it is, for whoever repairs it)."""
    backups = list_backups(path)
    if not backups:
        QMessageBox.warning(None, "Không mở được sổ báo cáo", message + " Chưa có bản lưu nào của sổ này.")
        return None
    newest = backups[0]
    answer = QMessageBox.question(
        None, "Không mở được sổ báo cáo",
        f"{message} Mở bản lưu lúc {newest.taken:%H:%M ngày %d/%m/%Y} (chép ra một tệp mới cạnh sổ)?")
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        return copy_backup_beside(newest, path)
    except UserError as exc:
        QMessageBox.warning(None, "Không mở được bản lưu", exc.message)
        return None


def choose_workbook(argument: str | None) -> Path | None:
    """The workbook given, the last one used, or the one chosen on the start screen (None: the clerk chose none)."""
    known = known_workbook(argument)
    if known is not None:
        return known
    dialog = StartDialog()
    return dialog.chosen if dialog.exec() else None


_windows: list[MainWindow] = []  # windows opened from another one (Tệp › Mở…), kept alive here


def replace_window(window: MainWindow, target) -> MainWindow | None:
    """Close ``window`` and open ``target`` instead: a path, "open" (ask for one), "new" (the new-workbook
    dialog), "from-word" (a workbook made from last year's .docx), or None (the start screen). The program ends only when the clerk chooses nothing at all."""
    from .dialogs.new_workbook import NewWorkbookDialog
    from .windows.start_dialog import FILTER, documents_dir

    app = QApplication.instance()
    if target == "open":
        chosen, _ = QFileDialog.getOpenFileName(window, "Mở sổ báo cáo", str(window.session.path.parent), FILTER)
        if not chosen:
            return None
        target = Path(chosen)
    elif target == "from-word":
        from .flows.word_report import workbook_from_word

        target = workbook_from_word(window, documents_dir())
        if target is None:
            return None
    elif target == "new":
        dialog = NewWorkbookDialog(documents_dir(), window)
        window.new_dialog = dialog
        if not dialog.exec() or dialog.created is None:
            return None
        target = dialog.created
    app.setQuitOnLastWindowClosed(False)  # between the two windows there is none
    try:
        if not window.close():  # text that cannot be saved and the clerk chose to stay
            return None
        if window in _windows:
            _windows.remove(window)
        while True:
            if target is None:
                start = StartDialog()
                target = start.chosen if start.exec() else None
                if target is None:
                    app.quit()
                    return None
            other = open_window(Path(target))
            if other is not None:
                _windows.append(other)
                other.show()
                return other
            target = None  # refused (one sentence said why): back to the start screen
    finally:
        app.setQuitOnLastWindowClosed(True)


def start(app: QApplication, path: Path | None, screen: QWidget | None = None) -> int:
    """After ``launch.run_window`` showed the first window: the main window on ``path`` (or on the workbook chosen
    on the start screen), in the first window's place; the event loop until the program ends."""
    # What the imports made (modules, classes, functions: half of the objects the collector would walk on the large
    # workbook) lives as long as the program: out of the collector's sight, a full collection on the window's
    # thread (ui/workers.Collector) takes half as long. Everything is imported now; no window or workbook exists.
    gc.freeze()
    stopping.install(app)  # SIGTERM, logging off: typed text saved, lock released, windows closed
    window = None
    if path is None:
        path = choose_workbook(None)
    try:
        while path is not None and window is None:
            window = open_window(path)
            if window is None:  # refused: back to the start screen rather than quitting on the clerk
                if screen is not None:
                    screen.close()
                dialog = StartDialog()
                path = dialog.chosen if dialog.exec() else None
        if window is None:
            return 0
        window.show()
    finally:
        if screen is not None:
            screen.close()
    return app.exec()
