"""Roll-up of 20 workbooks the size of benchmarks/large_workbook.py (10 reports × 40 sectors × 50 indicators each)
into one report: ``baocao-gui rollup TỈNH.baocao PHẦN1 … PHẦN20 --period year --year 2025`` as a whole process, each
run into a fresh copy of the province's workbook (so every run computes and writes all 2.000 indicators' figures and
40.000 source rows), alternating with ``baocao-gui check`` of one such workbook as the baseline.

python benchmarks/rollup_bench.py [--runs N] [--parts 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import installed_env, timed
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

    def rollup(run: int) -> float:
        target = tmp / f"tinh-{run}.baocao"
        shutil.copyfile(province, target)
        return timed([*cli, "rollup", str(target), *map(str, parts), "--period", "year", "--year", str(year)], env)

    check = [*cli, "check", str(base), "--period", "year", "--year", str(year)]

    def check_run() -> float:
        import subprocess
        import time

        start = time.perf_counter()
        subprocess.run(check, capture_output=True, env=env, check=False)  # exit 1 when a finding is an error
        return time.perf_counter() - start

    rollup(-1)  # warm-up: bytecode compiled into the private cache, files in the page cache
    check_run()
    times: dict[str, list[float]] = {"rollup": [], "check": []}
    for run in range(args.runs):
        times["rollup"].append(rollup(run))
        times["check"].append(check_run())
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    size = base.stat().st_size / 1e6
    print(f"{args.parts} parts of {size:.1f} MB each (2.000 indicators, 10 reports); median of {args.runs} runs, "
          f"alternating; load {load:.1f}")
    print("| what | median | ratio |")
    print("|---|---|---|")
    check_ms = statistics.median(times["check"]) * 1000
    for name, label in (("check", "baocao-gui check (one large workbook)"),
                        ("rollup", f"baocao-gui rollup of {args.parts} large workbooks into one report")):
        ms = statistics.median(times[name]) * 1000
        print(f"| {label} | {ms:.0f} ms | {ms / check_ms:.2f}× |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
