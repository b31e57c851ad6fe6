"""Find and replace over a whole report, and the tone-mark style check. Run: python benchmarks/find_bench.py [--runs N]

On the last report of the large workbook (benchmarks/large_workbook.py): a search for a frequent word, a word
that is nowhere, and one without diacritics and "Đ" as "D" (domain/find.py, what the find dialog runs on the quick
worker as the clerk types); what "Thay tất cả" computes before writing (the new values of every field changed,
domain/find.replaced_fields); listing the report's texts (done once per model, shared by the search and the check);
the tone-mark check alone (domain/checks._Checker.tone_style) against the whole check before signing; the texts
rewritten in one style (domain/report_text.rewritten). The median of N runs each;
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
from large_workbook import build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from baocao_gui.domain import report_text
    from baocao_gui.domain.checks import _Checker, check_report
    from baocao_gui.domain.find import FindOptions, find, replaced_fields
    from baocao_gui.domain.report_text import report_spots, rewritten
    from baocao_gui.domain.tone import NEW, in_style
    from baocao_gui.store import load_workbook, open_workbook

    path = build(Path(tempfile.mkdtemp(prefix="baocao-find-")) / "lon.baocao")
    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    report = workbook.in_order()[-1]
    paragraphs = sum(len(blocks) for blocks in report.blocks.values())
    spots = len(report_spots(workbook, report))
    steps = {
        "find “năm” (every paragraph has it)": lambda: find(workbook, report, "năm"),
        "find a word that is nowhere": lambda: find(workbook, report, "xyzxyz"),
        "find “nam”, no diacritics, Đ as D": lambda: find(workbook, report, "nam",
                                                           FindOptions(ignore_marks=True, d_as_dd=True)),
        "replace all “năm” (the new values)": lambda: replaced_fields(workbook, report,
                                                                    find(workbook, report, "năm"), "năm"),
        "the report's texts listed (once per model: an edit makes a new one)": lambda: report_text._spots(workbook,
                                                                                                       report),
        "tone-mark check alone (the texts already listed)": lambda: _Checker(workbook, report).tone_style(),
        "the whole check before signing": lambda: check_report(workbook, report),
        "the report rewritten in the new style": lambda: rewritten(workbook, report, lambda t: in_style(t, NEW)),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.runs):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - start)
    print(f"large workbook, last report: {paragraphs} paragraphs, {spots} texts searched; median of {args.runs} runs")
    print("| step | median |")
    print("|---|---|")
    for name, samples in times.items():
        print(f"| {name} | {statistics.median(samples) * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
