"""Figures in from a sheet, whole process (issue 23.5): the large workbook's report (benchmarks/large_workbook.py:
40 sectors × 50 indicators = 2.000 indicators, 10 reports) exported to .xlsx and .csv by ``baocao-gui export``, then
read back by ``baocao-gui import-figures`` (read, matched, every figure compared: nothing changes), and, into a copy
whose report has other figures, with ``--apply`` (8.000 figures written as one step). Each command alternates with
its baseline in the same run — a bare Python reading the same file with python-calamine (for the .xlsx) or the csv
module (for the .csv) — and the medians are quoted with their ratio.

    python benchmarks/sheet_import_bench.py --runs 7
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import installed_env, timed
from large_workbook import build

BARE_XLSX = ("import sys, python_calamine as c; b = c.CalamineWorkbook.from_path(sys.argv[1]); "
             "[b.get_sheet_by_index(i).to_python() for i in range(len(b.sheet_names))]")
BARE_CSV = "import csv, sys; list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))"


def shuffled_copy(source: Path, target: Path) -> Path:
    """The same workbook with every figure of its last report changed (so --apply writes all of them)."""
    import sqlite3

    shutil.copy(source, target)
    con = sqlite3.connect(target)
    with con:
        rid = con.execute("SELECT id FROM report ORDER BY year DESC LIMIT 1").fetchone()[0]
        con.execute("UPDATE value SET actual = actual + 1, plan = plan + 1, last = last + 1, target = target + 1 "
                    "WHERE report_id = ?", [rid])
    con.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="baocao-sheets-"))
    env = installed_env(folder)
    program = [sys.executable, "-m", "baocao_gui.cli"]
    try:
        book = build(folder / "lon.baocao")
        year = ["--year", "2025"]
        exports = {}
        for suffix in (".xlsx", ".csv"):
            out = folder / f"lon{suffix}"
            seconds = timed([*program, "export", str(book), *year, "-o", str(out)], env)
            exports[suffix] = (out, seconds)
        rows = []
        for suffix, (sheet, export_s) in exports.items():
            bare = [sys.executable, "-c", BARE_XLSX if suffix == ".xlsx" else BARE_CSV, str(sheet)]
            read_back = [*program, "import-figures", str(book), str(sheet), *year]
            timed(read_back, env)  # warm-up: bytecode cached, as installed
            timed(bare, env)
            ours, base, applied = [], [], []
            for run in range(args.runs):
                ours.append(timed(read_back, env))
                base.append(timed(bare, env))
                copy = shuffled_copy(book, folder / f"copy-{run}.baocao")
                applied.append(timed([*program, "import-figures", str(copy), str(sheet), *year, "--apply"], env))
            check = subprocess.run(read_back, capture_output=True, text=True, env=env, check=True).stdout.strip()
            rows.append((suffix, sheet.stat().st_size, export_s, statistics.median(ours), statistics.median(base),
                         statistics.median(applied), check))
        load = os.getloadavg()[0]
        print(f"load (1 min): {load:.1f}; runs: {args.runs}")
        print("| file | size | export (once) | import-figures, nothing changes | bare read (baseline) | ratio | "
              "import-figures --apply, 8.000 figures changed |")
        print("|---|---|---|---|---|---|---|")
        for suffix, size, export_s, ours, base, applied, _ in rows:
            print(f"| {suffix} | {size // 1024} KiB | {export_s:.2f} s | {ours:.2f} s | {base:.2f} s | "
                  f"{ours / base:.2f}× | {applied:.2f} s |")
        for row in rows:
            print(f"{row[0]}: {row[-1]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
