"""Speed at scale: the sample and a large workbook (benchmarks/large_workbook.py), each figure beside
its baseline from the same run. Run: python benchmarks/scale_bench.py [--runs N]

Prints a Markdown table: launch to window ready (vs a bare PySide6 window with a tab widget), compose +
render in-process, an edit to its commit, the longest stall of the event loop while typing, peak memory.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import sample_workbook


def launch(cmd: list[str], env: dict) -> tuple[float, int]:
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    elapsed = time.perf_counter() - start
    rss = int(next(line.split()[1] for line in out.splitlines() if line.startswith("maxrss_kib")))
    return elapsed, rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from large_workbook import build

    tmp = Path(tempfile.mkdtemp(prefix="baocao-scale-"))
    sample = sample_workbook(tmp)
    large = build(tmp / "lon.baocao")
    env = {**os.environ, "HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp / "cfg"), "XDG_DATA_HOME": str(tmp / "data")}
    probe = [sys.executable, str(HERE / "launch_probe.py")]
    launches = {"bare PySide6 window, tab widget": probe + ["bare"], "sample workbook": probe + ["app", str(sample)],
                "large workbook": probe + ["app", str(large)]}
    for cmd in launches.values():
        launch(cmd, env)
    times: dict[str, list[float]] = {k: [] for k in launches}
    for _ in range(args.runs):
        for name, cmd in launches.items():
            times[name].append(launch(cmd, env)[0])
    settle = {**env, "BAOCAO_PROBE_SETTLE": "1"}
    memory = {name: launch(cmd, settle)[1] / 1024 for name, cmd in launches.items()}

    rows = []
    base = statistics.median(times["bare PySide6 window, tab widget"])
    for name, values in times.items():
        med = statistics.median(values)
        rows.append((f"launch to window ready: {name}", f"{med * 1000:.0f} ms", f"{med / base:.2f}×",
                     {"sample workbook": "≤ 1,3×", "large workbook": "< 1 s"}.get(name, "baseline")))
    for name, mib in memory.items():
        rows.append((f"peak memory, window settled: {name}", f"{mib:.0f} MiB", f"{mib / memory[next(iter(memory))]:.2f}×",
                     "< 250 MB" if name == "large workbook" else ""))

    rows += in_process(sample, large, args.runs, tmp)
    print(f"{args.runs} runs, medians; {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print("| what | figure | ratio | goal |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    os._exit(0)


def in_process(sample: Path, large: Path, runs: int, tmp: Path) -> list[tuple[str, str, str, str]]:
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

    from baocao_gui.app.edits import figures
    from baocao_gui.compose import compose_outline
    from baocao_gui.render.word import build_document
    from baocao_gui.store import load_workbook, open_workbook
    from baocao_gui.ui.launch import application
    from baocao_gui.ui.session import WorkbookSession
    from baocao_gui.ui.windows.main_window import MainWindow

    rows = []
    for name, path, goal in (("sample", sample, "≤ 30 ms"), ("large", large, "< 1 s")):
        db = open_workbook(path, readonly=True)
        wb = load_workbook(db)
        db.close()
        report = wb.report_for()
        samples = []
        for _ in range(max(3, runs)):
            start = time.perf_counter()
            build_document(compose_outline(wb, report)).save(io.BytesIO())
            samples.append(time.perf_counter() - start)
        rows.append((f"compose + render in-process: {name}", f"{statistics.median(samples) * 1000:.0f} ms", "", goal))

    app = application()
    bare = QMainWindow()  # the same typing into a bare window first, on the same machine at the same load
    bare.setCentralWidget(QPlainTextEdit())
    bare.resize(1500, 900)
    bare.show()
    bare_stall = typing_stall(bare.centralWidget())
    bare.close()
    window = MainWindow(WorkbookSession(large))
    window.resize(1500, 900)
    window.show()
    window.select_tab("tab-linh_vuc_05")
    wait(2500)  # the first layout of the preview and the first checks, once, after opening
    edits = []
    for i in range(runs * 10):
        start = time.perf_counter()
        window.session.edit(figures.set_value, "ct_05_00", "actual", 1000 + i)
        edits.append(time.perf_counter() - start)
        app.processEvents()
    rows.append(("edit → committed and redrawn (large workbook, figure typed)",
                 f"{statistics.median(edits) * 1000:.1f} ms", "", "median ≤ 10 ms"))

    editor = window.sector_tab("linh_vuc_05").results
    editor.list.setCurrentRow(0)
    stall = typing_stall(editor.editor)
    rows.append(("longest event-loop stall while typing: bare PySide6 window, a text field", f"{bare_stall} ms",
                 "1.00×", "baseline"))
    rows.append(("longest event-loop stall while typing: large workbook", f"{stall} ms", f"{stall / bare_stall:.2f}×",
                 "≤ 50 ms"))
    window.close()
    return rows


def wait(ms: int) -> None:
    """Let the event loop run for ``ms``, as ``app.exec()`` does (the worker thread gets the GIL meanwhile)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def typing_stall(field, seconds: float = 6) -> int:
    """The longest gap between ticks of a 5 ms timer while bursts are typed into ``field`` (12 keys at 35 ms, a
    0,7 s pause that saves, repeated for ``seconds``). The keys come from timers inside a running event loop, as
    the clerk's come to ``app.exec()``: PySide6's ``QTest.qWait`` sleeps 10 ms at a time holding the GIL, which
    starved the worker thread and let the window's loop turn only every 10 ms."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtTest import QTest

    field.setFocus()
    clock, gaps, last = QElapsedTimer(), [], [0]
    clock.start()

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    end = time.perf_counter() + seconds

    def keys():
        while time.perf_counter() < end:
            for ch in "so lieu moi ":
                QTest.keyClicks(field, ch)
                yield 35  # a fast typist
            yield 700  # a pause: the paragraph is saved, the preview and the checks catch up

    loop, typist = QEventLoop(), keys()

    def next_key() -> None:
        pause = next(typist, None)
        if pause is None:
            loop.quit()
        else:
            QTimer.singleShot(pause, next_key)

    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    timer.start()
    QTimer.singleShot(0, next_key)
    loop.exec()
    timer.stop()
    return max(gaps)


if __name__ == "__main__":
    main()
