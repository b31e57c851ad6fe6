"""What the annex and the PDF add to an export of the sample: whole commands, run alternately.

Run: python benchmarks/pdf_bench.py [--runs N]
Whole process: `export -o X.docx`, `export --annex -o X.docx`, `export --annex -o X.pdf` (the .docx, then
LibreOffice headless with a fresh private profile, PDF/A-2b). In-process: composing the annex and rendering
the .docx with it.
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import installed_env, sample_workbook, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from baocao_gui.compose import compose_outline
    from baocao_gui.render.word import build_document
    from baocao_gui.store import load_workbook, open_workbook

    tmp = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    book = sample_workbook(tmp)
    cli = [sys.executable, "-m", "baocao_gui.cli", "export", str(book)]
    from baocao_gui.render.pdf import converter_name

    converter = converter_name()  # None on a machine without Word or LibreOffice: the PDF row is left out
    commands = {
        "export -o .docx": [*cli, "-o", str(tmp / "a.docx")],
        "export --annex -o .docx": [*cli, "--annex", "-o", str(tmp / "b.docx")],
    }
    if converter is not None:
        commands[f"export --annex -o .pdf ({converter})"] = [*cli, "--annex", "-o", str(tmp / "c.pdf")]
    env = installed_env(tmp)
    for cmd in commands.values():
        timed(cmd, env)
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            results[name].append(timed(cmd, env))

    db = open_workbook(book, readonly=True)
    workbook = load_workbook(db)
    db.close()
    report = workbook.report_for(2023)

    def inproc(fn, n=args.runs * 4) -> float:
        fn()
        times = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    from baocao_gui.compose.annex import compose_annex
    from baocao_gui.domain.model import AnnexChoice

    with_annex = compose_outline(workbook, report, annex=True)
    plain = compose_outline(workbook, report, annex=False)
    inprocess = {
        "in-process: compose the annex": inproc(lambda: compose_annex(workbook, report, AnnexChoice())),
        "in-process: render .docx without the annex": inproc(lambda: build_document(plain).save(io.BytesIO())),
        "in-process: render .docx with the annex": inproc(lambda: build_document(with_annex).save(io.BytesIO())),
    }
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"medians of {args.runs} runs")
    if converter is None:
        print("no PDF converter (Word or LibreOffice) on this machine: the export to PDF is not measured")
    print("| what | median |\n|---|---|")
    for name, times in results.items():
        print(f"| {name} | {statistics.median(times) * 1000:.0f} ms |")
    for name, seconds in inprocess.items():
        print(f"| {name} | {seconds * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
