"""What keeping each report's "last edited" costs an edit. Run: python benchmarks/edited_at_bench.py [--runs N]

Migration m004 keeps ``report.edited_at`` with triggers on every table of a report's content (the command
line's default report is the one edited last). The store's ``set_value`` and ``set_block_text`` on two copies
of the sample, as the program opens them (rollback journal TRUNCATE, synchronous=FULL), one with the triggers
and one with them dropped, alternating edit by edit so both share the disk's mood; benchmarks/README.md has
the figures.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    from baocao_gui.store import close_workbook, edits, open_workbook

    tmp = Path(tempfile.mkdtemp(prefix="baocao-edited-"))
    dbs = {}
    for name in ("with triggers", "without"):
        folder = tmp / name.replace(" ", "-")
        folder.mkdir()
        dbs[name] = open_workbook(sample_workbook(folder))
    for (trigger,) in dbs["without"].execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        dbs["without"].execute(f"DROP TRIGGER {trigger}")
    rid = dbs["without"].execute("SELECT id FROM report").fetchone()[0]
    block = dbs["without"].execute("SELECT id FROM block WHERE report_id = ? LIMIT 1", [rid]).fetchone()[0]
    samples: dict[str, list[float]] = {name: [] for name in dbs}
    for i in range(args.runs):
        for name, db in dbs.items():
            start = time.perf_counter()
            if i % 2:
                edits.set_value(db, rid, "viec_lam", "actual", 17000 + i)
            else:
                edits.set_block_text(db, block, f"Đoạn văn thử {i}.")
            samples[name].append(time.perf_counter() - start)
    base = statistics.median(samples["without"])
    print(f"{args.runs} edits per workbook (figures and paragraphs), alternating; TRUNCATE, synchronous=FULL")
    print("| report.edited_at | median | p90 | ratio |")
    print("|---|---|---|---|")
    for name, values in samples.items():
        med = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else med
        print(f"| {name} | {med * 1000:.2f} ms | {p90 * 1000:.2f} ms | {med / base:.2f}× |")
    for db in dbs.values():
        close_workbook(db)


if __name__ == "__main__":
    main()
