"""How long `baocao-gui export` of the large workbook's report (2.000 indicators, 40 sectors, 10 years) takes to
the figures' formats (issue 23), whole process, against the same command writing the .docx (the baseline) and
`python -c pass`, run alternately so noise hits all alike, bytecode cached as installed (common.installed_env).
In-process: the .xlsx bytes alone (annex rows composed, both sheets, saved to memory) on a loaded workbook.

Run: python benchmarks/figures_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import installed_env, program_file, timed
from large_workbook import build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="baocao-figures-bench-"))
    book = build(tmp / "lon.baocao")

    def export(suffix: str) -> list[str]:
        return [sys.executable, "-m", "baocao_gui.cli", "export", str(book), "-o", str(tmp / f"out{suffix}")]

    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "baocao-gui export -o .docx (baseline)": export(".docx"),
        "baocao-gui export -o .xlsx": export(".xlsx"),
        "baocao-gui export -o .csv": export(".csv"),
    }
    env = installed_env(tmp)
    for cmd in commands.values():  # warm the file cache, and compile every module once
        timed(cmd, env)
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            results[name].append(timed(cmd, env))

    from baocao_gui.app.writers import ExportInput, xlsx
    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(book, readonly=True)
    workbook = load_workbook(db)
    db.close()
    report = workbook.report_for()
    xlsx.workbook_bytes(ExportInput(workbook, report))
    samples = []
    for _ in range(args.runs):
        start = time.perf_counter()
        xlsx.workbook_bytes(ExportInput(workbook, report))
        samples.append(time.perf_counter() - start)

    baseline = statistics.median(results["baocao-gui export -o .docx (baseline)"])
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, {args.runs} runs, median")
    print(f"program: {program_file(env)}; workbook: {len(workbook.indicators)} indicators, report "
          f"{report.period.label}")
    print("| what | median | ratio to the .docx export |")
    print("|---|---|---|")
    for name, times in results.items():
        med = statistics.median(times)
        print(f"| {name} | {med * 1000:.0f} ms | {med / baseline:.2f}× |")
    print(f"| in-process: the .xlsx bytes (annex rows, both sheets) | {statistics.median(samples) * 1000:.0f} ms | |")


if __name__ == "__main__":
    main()
