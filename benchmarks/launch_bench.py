"""Launch to window ready, and an edit to its commit. Run: python benchmarks/launch_bench.py [--runs N]

Launch: whole processes, baocao-gui's window on the sample against a bare PySide6 window with a tab
widget started the same way (launch_probe.py), alternating. Edit: in-process, a figure typed in the
window's session (commit + reload + every tab and the preview redrawn) and the store write alone.
"""

from __future__ import annotations

import argparse
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
from common import installed_env, sample_workbook


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--xvfb", action="store_true",
                        help="launch on a private Xvfb display (xcb, a real X server) instead of offscreen")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    book = sample_workbook(tmp)
    # bytecode cached as an installed program has it (both commands alike): see common.installed_env
    env_home = installed_env(tmp, {**os.environ, "HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp / "cfg")})
    xvfb = None
    if args.xvfb:
        from frozen_launch import start_xvfb

        display, xvfb = start_xvfb()
        env_home.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    commands = {
        "bare PySide6 window, 9 tabs": [sys.executable, str(HERE / "launch_probe.py"), "bare"],
        "baocao-gui's first window (opening the sample)": [sys.executable, str(HERE / "launch_probe.py"), "first",
                                                            str(book)],
        "baocao-gui window on the sample, ready": [sys.executable, str(HERE / "launch_probe.py"), "app", str(book)],
    }
    for cmd in commands.values():
        subprocess.run(cmd, check=True, capture_output=True, env=env_home)
    results: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env_home)
            results[name].append(time.perf_counter() - start)
    if xvfb is not None:
        xvfb.terminate()
        xvfb.wait()

    from baocao_gui.app.edits import figures
    from baocao_gui.store import edits, open_workbook
    from baocao_gui.ui.launch import application
    from baocao_gui.ui.session import WorkbookSession
    from baocao_gui.ui.windows.main_window import MainWindow

    os.environ["XDG_CONFIG_HOME"] = str(tmp / "cfg")
    application()
    window = MainWindow(WorkbookSession(book))
    window.show()
    window.select_tab("tab-lao_dong")  # the figure edited below is in view, as when a clerk types it
    session = window.session
    samples = []
    for i in range(args.runs * 5):
        start = time.perf_counter()
        session.edit(figures.set_value, "viec_lam", "actual", 18000 + i)
        samples.append(time.perf_counter() - start)
    store_db = open_workbook(book)
    rid = session.report_id
    store_samples = []
    for i in range(args.runs * 5):
        start = time.perf_counter()
        edits.set_value(store_db, rid, "viec_lam", "actual", 17000 + i)
        store_samples.append(time.perf_counter() - start)

    base = statistics.median(results["bare PySide6 window, 9 tabs"])
    print(f"{args.runs} runs, median, {'Xvfb (xcb)' if args.xvfb else 'offscreen'}")
    print("| what | median | ratio |")
    print("|---|---|---|")
    for name, values in results.items():
        med = statistics.median(values)
        print(f"| launch: {name} | {med * 1000:.0f} ms | {med / base:.2f}× |")
    print(f"| edit → committed, store write alone (rollback journal, synchronous=FULL) | "
          f"{statistics.median(store_samples) * 1000:.1f} ms | |")
    print(f"| edit → committed and window redrawn (session.edit) | {statistics.median(samples) * 1000:.1f} ms | |")
    os._exit(0)


if __name__ == "__main__":
    main()
