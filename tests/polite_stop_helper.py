"""The real program (``baocao-gui WORKBOOK``, through cli.main as the console script runs it) with a clerk typing
into a paragraph as soon as the window is shown; ``typed`` is printed once the keystrokes are in the field
(before the half-second save). tests/ui/test_polite_stop.py then stops the process as a system does.

python polite_stop_helper.py WORKBOOK TEXT
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from baocao_gui import cli
    from baocao_gui.domain.model import Part
    from baocao_gui.ui.launch import application
    from baocao_gui.ui.windows.main_window import MainWindow

    workbook, text = sys.argv[1], sys.argv[2]
    application()

    def type_when_shown() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()),
                      None)
        if window is None:
            QTimer.singleShot(50, type_when_shown)
            return
        window.select_tab("tab-assessment")
        editor = next(e for e in window.assessment.editors if e.part == Part.INTRO)
        window.assessment.setCurrentWidget(editor)
        editor.list.setCurrentRow(0)
        editor.editor.setFocus()
        editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
        for ch in text:  # as a Vietnamese keyboard types: ASCII as keys, the rest through the input method
            if ch.isascii():
                QTest.keyClicks(editor.editor, ch)
            else:
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QApplication.sendEvent(editor.editor, event)
        print("typed", flush=True)

    QTimer.singleShot(0, type_when_shown)
    sys.argv = ["baocao-gui", workbook]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
