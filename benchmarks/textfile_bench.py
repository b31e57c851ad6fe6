"""A workbook as a text file, and the checks of figures as written. Run: python benchmarks/textfile_bench.py [--runs N]

On the large workbook (benchmarks/large_workbook.py: 10 reports × 40 sectors × 50 indicators): ``baocao-gui dump``
and ``baocao-gui load`` through the application layer (app/textfile.py), and the checks of one report cold (every
paragraph's typed-text checks computed afresh: legacy lines and fragments word by word, units, bidi and invisible
characters), the median of N runs each. benchmarks/README.md has the figures.
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
from large_workbook import build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from baocao_gui.app.textfile import dump_workbook, load_text_workbook
    from baocao_gui.domain.checks import _typed_text_findings, check_report
    from baocao_gui.store import load_workbook, open_workbook

    tmp = Path(tempfile.mkdtemp(prefix="baocao-text-"))
    path = build(tmp / "lon.baocao")
    times: dict[str, list[float]] = {"dump": [], "load": [], "check one report, cold": []}
    size = 0
    for run in range(args.runs):
        start = time.perf_counter()
        text = dump_workbook(path, tmp / f"lon-{run}.toml")
        times["dump"].append(time.perf_counter() - start)
        size = text.stat().st_size
        start = time.perf_counter()
        load_text_workbook(text, tmp / f"lai-{run}.baocao")
        times["load"].append(time.perf_counter() - start)
    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    report = workbook.in_order()[-1]
    paragraphs = sum(len(blocks) for blocks in report.blocks.values())
    for _ in range(args.runs):
        _typed_text_findings.cache_clear()
        start = time.perf_counter()
        check_report(workbook, report)
        times["check one report, cold"].append(time.perf_counter() - start)
    print(f"large workbook: {len(workbook.reports)} reports; dump {size / 1e6:.1f} MB; "
          f"last report {paragraphs} paragraphs; median of {args.runs} runs")
    print("| step | median |")
    print("|---|---|")
    for name, samples in times.items():
        print(f"| {name} | {statistics.median(samples) * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
