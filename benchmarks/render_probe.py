"""Compose + render in-process, as scale_bench.py measures it: prints the median ms of building the .docx bytes
of the workbook's latest report (compose_outline, build_document, save to memory) after one warm-up.

Run: python benchmarks/render_probe.py WORKBOOK [N]. export_bench.py --compare runs it under two checkouts in turn.
"""

import io
import statistics
import sys
import time

from baocao_gui.compose import compose_outline
from baocao_gui.render.word import build_document
from baocao_gui.store import load_workbook, open_workbook


def main() -> None:
    db = open_workbook(sys.argv[1], readonly=True)
    workbook = load_workbook(db)
    db.close()
    report = workbook.report_for()
    samples = []
    for _ in range(1 + (int(sys.argv[2]) if len(sys.argv) > 2 else 10)):
        start = time.perf_counter()
        build_document(compose_outline(workbook, report)).save(io.BytesIO())
        samples.append(time.perf_counter() - start)
    print(f"{statistics.median(samples[1:]) * 1000:.2f}")


if __name__ == "__main__":
    main()
