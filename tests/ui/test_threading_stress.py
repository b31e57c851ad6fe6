"""The window never freezes or crashes because of its workers (issue 19): no thread but the window's touches a Qt
object, and Python's garbage collector runs on the window's thread only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HELPER = Path(__file__).resolve().parents[1] / "threading_stress_helper.py"
CYCLES = 150
HANG_SECONDS = 150  # 150 cycles take 45–75 s on a loaded 2-core machine


def test_a_hundred_and_fifty_open_type_preview_dialog_close_cycles_with_the_collector_provoked_neither_hang_nor_crash(
        sample_workbook):
    """On the design before issue 19 this crashed (a signal emitted by the worker: SIGSEGV in ui/background.py's
    job) or deadlocked (the worker's collector finalizing Qt wrappers) within a few dozen cycles."""
    result = subprocess.run([sys.executable, str(HELPER), str(sample_workbook), str(CYCLES), str(HANG_SECONDS)],
                            capture_output=True, text=True, encoding="utf-8", timeout=HANG_SECONDS + 60, check=False)
    stacks = "\n".join(line for line in result.stderr.splitlines() if "propagateSizeHints" not in line)
    assert result.returncode == 0, f"rc {result.returncode}\n{stacks[-6000:]}"
    assert f"{CYCLES} cycles" in result.stdout


def test_work_that_would_carry_a_qt_object_to_a_worker_thread_is_refused(qtbot):
    from PySide6.QtCore import QObject

    from baocao_gui.ui.workers import Worker

    owner = QObject()
    worker = Worker(owner)
    with pytest.raises(TypeError, match="Qt object"):
        worker.run(lambda: owner.objectName(), done=print)  # a closure over a QObject
    with pytest.raises(TypeError, match="Qt object"):
        worker.run(owner.objectName, done=print)  # a bound method of one
    with pytest.raises(TypeError, match="Qt object"):
        worker.run(len, owner, done=print)  # one as an argument


def test_a_result_reaches_the_window_thread_and_a_dead_owners_result_is_dropped(qtbot):
    import threading

    from PySide6.QtCore import QObject

    from baocao_gui.ui import workers

    heard = []
    owner = QObject()
    workers.Worker(owner).run(threading.current_thread, done=lambda thread: heard.append(
        (thread.name, threading.current_thread().name)))
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert heard[0][0].startswith("baocao-quick") and heard[0][1] == "MainThread"

    gone = QObject()
    workers.Worker(gone).run(sum, (1, 2), done=heard.append)
    gone.deleteLater()
    del gone
    qtbot.waitUntil(lambda: workers.pending() == 0, timeout=5000)
    assert len(heard) == 1


def test_python_collects_garbage_only_on_the_window_thread_once_a_worker_ran(qtbot):
    import gc
    import threading

    from PySide6.QtCore import QObject

    from baocao_gui.ui import workers

    collected_on = set()

    def note(phase, info):
        if phase == "start":
            collected_on.add(threading.current_thread().name)

    owner = QObject()
    done = []
    gc.callbacks.append(note)
    try:
        workers.Worker(owner).run(_allocate_a_lot, done=done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=10_000)
        qtbot.wait(2 * workers.COLLECT_MS)
    finally:
        gc.callbacks.remove(note)
    assert not gc.isenabled()
    assert collected_on <= {"MainThread"}


def _allocate_a_lot() -> int:
    cycles = []
    for i in range(200_000):
        a = [i]
        a.append(a)  # garbage cycles: with automatic collection on, the worker would collect them
        cycles.append(len(a))
    return len(cycles)
