"""Roll-up of 20 workbooks the size of benchmarks/large_workbook.py (10 reports × 40 sectors × 50 indicators each)
into one report: ``baocao-gui rollup TỈNH.baocao PHẦN1 … PHẦN20 --period year --year 2025`` as a whole process, each
run into a fresh copy of the province's workbook (so every run computes and writes all 2.000 indicators' figures and
40.000 source rows), alternating with ``baocao-gui check`` of one such workbook as the baseline.

python benchmarks/rollup_bench.py [--runs N] [--parts 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import installed_env
from large_workbook import FIRST_YEAR, PERIODS, build


def _copy_as_another_workbook(source: Path, target: Path) -> Path:
    """A copy with its own identity (a copy of a file is the same workbook, which a roll-up refuses twice)."""
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'workbook_id'", [str(uuid.uuid4())])
    conn.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parts", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="baocao-rollup-"))
    base = build(tmp / "mau-lon.baocao")
    parts = [_copy_as_another_workbook(base, tmp / f"phan-{n:02d}.baocao") for n in range(args.parts)]
    province = _copy_as_another_workbook(base, tmp / "tinh.baocao")
    env = installed_env(tmp, {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(HERE.parent / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)})
    year = FIRST_YEAR + PERIODS - 1
    cli = [sys.executable, "-m", "baocao_gui.cli"]

    def whole(cmd: list[str], check: bool) -> tuple[float, float]:
        """(wall time, the process's own CPU time): on a machine shared with other runs the wall time waits for a
        core; the CPU time is what the command itself costs."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=check)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    def rollup(run: int) -> tuple[float, float]:
        target = tmp / f"tinh-{run}.baocao"
        shutil.copyfile(province, target)
        return whole([*cli, "rollup", str(target), *map(str, parts), "--period", "year", "--year", str(year)], True)

    def check_run() -> tuple[float, float]:  # exit 1 when a finding is an error: not a failure here
        return whole([*cli, "check", str(base), "--period", "year", "--year", str(year)], False)

    rollup(-1)  # warm-up: bytecode compiled into the private cache, files in the page cache
    check_run()
    times: dict[str, list[tuple[float, float]]] = {"rollup": [], "check": []}
    for run in range(args.runs):
        times["rollup"].append(rollup(run))
        times["check"].append(check_run())
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    size = base.stat().st_size / 1e6
    print(f"{args.parts} parts of {size:.1f} MB each (2.000 indicators, 10 reports); median of {args.runs} runs, "
          f"alternating; load {load:.1f}")
    print("| what | median wall time | ratio | median CPU time of the process | ratio |")
    print("|---|---|---|---|---|")
    base_wall = statistics.median(w for w, _ in times["check"])
    base_cpu = statistics.median(c for _, c in times["check"])
    for name, label in (("check", "baocao-gui check (one large workbook)"),
                        ("rollup", f"baocao-gui rollup of {args.parts} large workbooks into one report")):
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        print(f"| {label} | {wall * 1000:.0f} ms | {wall / base_wall:.2f}× | {cpu * 1000:.0f} ms | "
              f"{cpu / base_cpu:.2f}× |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
