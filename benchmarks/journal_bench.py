"""Edit to commit under each journal mode the workbook could use. Run: python benchmarks/journal_bench.py [--runs N]

The store's ``set_value`` on the sample, the modes alternating edit by edit so the disk's mood is shared:
WAL (the journal of 2026-11, committed edits live in the -wal file until the window closes), WAL with a
checkpoint after every commit, and the rollback journals DELETE and TRUNCATE (the .baocao is whole after
every commit). All with synchronous=FULL. The program uses TRUNCATE (store/workbook.py says why);
benchmarks/README.md has the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import sample_workbook

MODES = ("wal", "wal+checkpoint", "delete", "truncate")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    from sqlite_utils import Database

    from baocao_gui.store import edits

    tmp = Path(tempfile.mkdtemp(prefix="baocao-journal-"))
    dbs = {}
    for mode in MODES:
        folder = tmp / mode.replace("+", "-")
        folder.mkdir()
        db = Database(sample_workbook(folder), execute_plugins=False)
        with db.ensure_autocommit_on():
            db.execute(f"PRAGMA journal_mode = {mode.split('+')[0]}")
        db.execute("PRAGMA synchronous = FULL")
        dbs[mode] = db
    rid = next(dbs["wal"].query("SELECT id FROM report WHERE year = 2023"))["id"]
    samples: dict[str, list[float]] = {m: [] for m in MODES}
    for i in range(args.runs):
        for mode, db in dbs.items():
            start = time.perf_counter()
            edits.set_value(db, rid, "viec_lam", "actual", 17000 + i)
            if mode == "wal+checkpoint":
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            samples[mode].append(time.perf_counter() - start)
    base = statistics.median(samples["wal"])
    print(f"{args.runs} edits per mode, alternating; synchronous=FULL")
    print("| journal mode | median | p90 | ratio to WAL |")
    print("|---|---|---|---|")
    for mode, values in samples.items():
        med = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"| {mode} | {med * 1000:.2f} ms | {p90 * 1000:.2f} ms | {med / base:.2f}× |")


if __name__ == "__main__":
    main()
