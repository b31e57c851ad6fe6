"""A clerk typing in the real window without pause: keystrokes into a paragraph (the text binding saves them),
and now and then a figure typed into the figures table. Every keystroke and every confirmed save is logged;
tests/ui/test_window_kill_campaign.py kills the process with SIGKILL at random moments.

python window_crash_helper.py WORKBOOK LOG SEED

Log lines: ``K n t`` (keystroke n typed at monotonic time t), ``S n`` (the workbook holds the first n typed
characters: the binding's commit returned), ``F value`` (a figure whose commit returned and which the window
shows as saved).
"""

import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typed(n: int) -> str:
    return "".join(LETTERS[i % len(LETTERS)] for i in range(n))


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from baocao_gui.domain.model import Part
    from baocao_gui.domain.vnformat import format_number
    from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN
    from baocao_gui.ui.launch import application
    from baocao_gui.ui.session import WorkbookSession
    from baocao_gui.ui.windows.main_window import MainWindow

    workbook, log_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    app = application()
    window = MainWindow(WorkbookSession(workbook))
    window.show()
    table = window.sector_tab("lao_dong").table
    row = table.codes().index("viec_lam")
    window.select_tab("tab-assessment")
    editor = next(e for e in window.assessment.editors if e.part == Part.INTRO)
    window.assessment.setCurrentWidget(editor)
    editor.list.setCurrentRow(0)
    editor.editor.setFocus()
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    base = len(editor.binding.saved_text)
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 (open until killed)
    state = {"n": 0, "saved": 0, "figure": 0}

    def write(line: str) -> None:
        log.write(line + "\n")
        log.flush()  # the kill takes the process, not the machine: the OS keeps what was written

    def watch_saves() -> None:
        saved = len(editor.binding.saved_text) - base
        if saved != state["saved"]:
            state["saved"] = saved
            write(f"S {saved}")

    def keystroke() -> None:
        n = state["n"]
        QTest.keyClicks(editor.editor, LETTERS[n % len(LETTERS)])
        state["n"] = n + 1
        write(f"K {n + 1} {time.monotonic():.4f}")
        watch_saves()
        if rng.random() < 0.06:  # now and then a figure, typed into its cell
            state["figure"] += 1
            value = 20000 + state["figure"]
            table.item(row, FIELD_COLUMN["actual"]).setText(format_number(value))
            shown = window.session.report.values["viec_lam"].actual
            if shown == value and window.saved_label.text().startswith("Đã lưu lúc"):
                write(f"F {value}")
            editor.editor.setFocus()
        QTimer.singleShot(rng.randint(40, 160), keystroke)

    poll = QTimer(interval=20, timeout=watch_saves)
    poll.start()
    print("ready", flush=True)
    QTimer.singleShot(0, keystroke)
    app.exec()


if __name__ == "__main__":
    main()
