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
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest

    from baocao_gui.app.edits import figures
    from baocao_gui.compose import compose_outline
    from baocao_gui.render.word import build_document
    from baocao_gui.store import load_workbook, open_workbook
    from baocao_gui.ui.app import application
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
    window = MainWindow(WorkbookSession(large))
    window.resize(1500, 900)
    window.show()
    window.select_tab("tab-linh_vuc_05")
    QTest.qWait(2500)  # the first layout of the preview and the first checks, once, after opening
    edits = []
    for i in range(runs * 10):
        start = time.perf_counter()
        window.session.edit(figures.set_value, "ct_05_00", "actual", 1000 + i)
        edits.append(time.perf_counter() - start)
        app.processEvents()
    rows.append(("edit → committed and redrawn (large workbook, figure typed)",
                 f"{statistics.median(edits) * 1000:.1f} ms", "", "median ≤ 10 ms"))

    # typing bursts into a paragraph while a 5 ms timer measures how long the event loop is held
    editor = window.sector_tab("linh_vuc_05").results
    editor.list.setCurrentRow(0)
    editor.editor.setFocus()
    clock, gaps = QElapsedTimer(), []
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    timer.start()
    end = time.perf_counter() + 6
    while time.perf_counter() < end:
        for ch in "so lieu moi ":
            QTest.keyClicks(editor.editor, ch)
            QTest.qWait(35)  # a fast typist
        QTest.qWait(700)  # a pause: the paragraph is saved, the preview and the checks catch up
    timer.stop()
    rows.append(("longest event-loop stall while typing (large workbook)", f"{max(gaps)} ms", "", "≤ 50 ms"))
    window.close()
    return rows


if __name__ == "__main__":
    main()
