"""Started by launch_bench.py: build a window, show it, let the event loop paint once, exit.

python launch_probe.py bare            a bare PySide6 main window with a tab widget of 9 tabs
python launch_probe.py first WORKBOOK  baocao-gui's first window (the opening screen `baocao-gui WORKBOOK` shows)
python launch_probe.py app WORKBOOK    baocao-gui's main window on WORKBOOK, ready, as `baocao-gui WORKBOOK` builds it
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    kind = sys.argv[1]
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        tabs = QTabWidget()
        for i in range(9):
            tabs.addTab(QLabel(f"Thẻ {i}"), f"Thẻ {i}")
        window.setCentralWidget(tabs)
    elif kind == "first":
        from pathlib import Path

        from baocao_gui.ui.launch import application, opening_screen

        app = application()
        window = opening_screen(Path(sys.argv[2]))
    else:
        from pathlib import Path

        from baocao_gui.ui.launch import application, opening_screen

        app = application()
        screen = opening_screen(Path(sys.argv[2]))  # as launch.run_window does: the first window, then the rest
        screen.show()
        app.processEvents()
        from baocao_gui.ui.app import open_window

        window = open_window(Path(sys.argv[2]))
        screen.close()
    window.show()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)  # after the first round of the event loop: shown and painted
    app.exec()
    if os.environ.get("BAOCAO_PROBE_SETTLE"):  # memory: let the preview and the checks run too
        QTimer.singleShot(1500, app.quit)
        app.exec()
    import resource

    print(f"maxrss_kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
    os._exit(0)  # do not time interpreter teardown


if __name__ == "__main__":
    main()
