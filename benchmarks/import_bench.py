"""Importing a Word file from an office into a sector, in-process: a 50-page contribution (typed numbering, lists,
a table every ten pages, the sector's figures written in its sentences) read, its figures matched, and written
into a copy of the sample as one edit; and the same for 200 pages.

    python benchmarks/import_bench.py --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import docx
from common import sample_workbook


def contribution(path: Path, pages: int) -> Path:
    """About ``pages`` A4 pages: a numbered heading, ten paragraphs citing the sector's figures, a list item every
    other page, a table every ten pages."""
    d = docx.Document()
    sentence = ("Trong kỳ, toàn tỉnh đã giải quyết việc làm cho 18.498 lượt người, đạt 101,64% kế hoạch năm; "
                "đào tạo nghề cho 8491 người, trong đó tuyển sinh cao đẳng 10 người và các lớp ngắn hạn. ")
    for page in range(1, pages + 1):
        d.add_paragraph(f"{page}. Nội dung công tác số {page}")
        for _ in range(10):
            d.add_paragraph(sentence)
        if page % 2 == 0:
            d.add_paragraph("- Kiểm tra, giám sát việc thực hiện chính sách;")
        if page % 10 == 0:
            table = d.add_table(rows=4, cols=3)
            for r in range(4):
                for c in range(3):
                    table.cell(r, c).text = f"Ô {r}.{c}"
    d.save(path)
    return path


def one_import(book: Path, file: Path) -> dict[str, float]:
    from baocao_gui.app import Document
    from baocao_gui.app.edits import paragraphs
    from baocao_gui.importers.figures import cite, find_figures
    from baocao_gui.importers.word import read_word

    times = {}
    start = time.perf_counter()
    content = read_word(file)
    times["read"] = time.perf_counter() - start
    doc = Document(book)
    try:
        mark = time.perf_counter()
        found = find_figures(content.blocks, doc.workbook, doc.report, "lao_dong")
        times["figures"] = time.perf_counter() - mark
        mark = time.perf_counter()
        edit = paragraphs.insert_blocks(doc, "results", "lao_dong", 10_000, cite(content.blocks, found), "bench")
        doc.apply(edit)
        times["write"] = time.perf_counter() - mark
        times["total"] = time.perf_counter() - start
        mark = time.perf_counter()
        doc.run(edit.undo, edit.change)
        times["undo"] = time.perf_counter() - mark
        times["blocks"], times["found"] = len(content.blocks), len(found)
    finally:
        doc.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print("| file | blocks | figures found | read | figures matched | written (one edit) | total | undo |")
        print("|---|---|---|---|---|---|---|---|")
        for pages in (50, 200):
            file = contribution(folder / f"{pages} trang.docx", pages)
            runs = [one_import(sample_workbook(folder / f"r{pages}-{i}"), file) for i in range(args.runs)
                    if (folder / f"r{pages}-{i}").mkdir() is None]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            ms = {k: f"{v * 1000:.0f} ms" for k, v in med.items()}
            print(f"| {pages} pages | {med['blocks']:.0f} | {med['found']:.0f} | {ms['read']} | {ms['figures']} | "
                  f"{ms['write']} | {ms['total']} | {ms['undo']} |")


if __name__ == "__main__":
    main()
