"""A clerk's day, compressed, with Python's garbage collector provoked: run as its own process by
tests/ui/test_threading_stress.py (a crash or a hang must fail that test, never the whole run).

Each cycle opens the real window on a workbook, types into a paragraph, lets the preview and the checks compose in
the worker, opens and closes a dialog, drops garbage cycles that hold Qt objects, closes the window and lets Qt
delete it — what a clerk's window does all day (dialogs, menus, tabs, Tệp › Đóng sổ) while the worker composes.
The collector's thresholds are set low, so on a design where a worker thread may collect, it collects there,
finalizing Qt wrappers off the window's thread (the hang and the crashes of issue 19).

    python tests/threading_stress_helper.py WORKBOOK CYCLES HANG_SECONDS
"""

from __future__ import annotations

import faulthandler
import gc
import os
import sys
import time
from pathlib import Path

_SCREEN = Path(__file__).resolve().parent / "data" / "offscreen-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")


def main() -> int:
    workbook, cycles, hang_s = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    faulthandler.enable(all_threads=True)
    faulthandler.dump_traceback_later(hang_s, exit=True)  # a hang: every thread's stack, then exit 1

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

    from baocao_gui.ui.session import WorkbookSession
    from baocao_gui.ui.windows.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # provoked: a collection every few hundred allocations, on whichever thread allocates — the worker, composing,
    # allocates far more than the window's thread, so on a design that lets it collect, it collects the garbage
    # the window's thread just dropped
    gc.set_threshold(300, 1, 1)

    def churn() -> None:
        """What a window's thread does all day between two keystrokes: Qt objects with connections made and
        deleted (menus, dialogs, tooltips), and garbage cycles holding some dropped for the collector."""
        for _ in range(3):
            label = QLabel("rác")
            timer = QTimer(label)
            timer.timeout.connect(lambda label=label: label.text())
            label.me = [label, timer]  # a cycle: only the collector frees it
            other = QTimer()
            other.timeout.connect(churn)
            other.deleteLater()
            for _ in range(20):  # owned by Python: freed at once, here, holding the GIL (~QObject, disconnect)
                short = QTimer()
                short.timeout.connect(lambda: None)
                del short
            del label, timer, other

    churner = QTimer(interval=0)
    churner.timeout.connect(churn)
    churner.start()

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    started = time.monotonic()
    for cycle in range(cycles):
        window = MainWindow(WorkbookSession(workbook))
        window.show()
        spin(5)
        editor = window.tabs.widget(0) if window.tabs.count() else None
        # typing: the general tab's first text box if any, else a figure through the window's own preview path
        boxes = [w for w in window.findChildren(QWidget) if w.metaObject().className() in ("QPlainTextEdit",)
                 and w.isVisible() and not w.isReadOnly()]
        if boxes:
            boxes[0].insertPlainText(f" {cycle}")
        for _ in range(3):
            window.preview.schedule()
            window.findings.schedule()
            window.preview.timer.setInterval(0)
            window.findings.timer.setInterval(0)
            churn()  # right before the worker allocates
            spin(15)
        box = QMessageBox(QMessageBox.Icon.Information, "Thử", f"Vòng {cycle}", parent=window)
        box.open()
        spin(2)
        box.close()
        box.deleteLater()
        del editor, boxes, box
        window.preview.schedule()  # the window goes away while the worker composes for it
        window.findings.schedule()
        spin(1 + cycle % 7)
        window.close()
        window.session.close()
        window.deleteLater()
        del window
        QCoreApplication.sendPostedEvents(None, 0)  # deferred deletes: ~QObject on the window's thread
        spin(2)
    app.processEvents()
    spin(200)  # the worker's last results delivered (or dropped) before the process ends
    print(f"{cycles} cycles in {time.monotonic() - started:.1f} s", flush=True)
    faulthandler.cancel_dump_traceback_later()
    return 0


if __name__ == "__main__":
    sys.exit(main())
