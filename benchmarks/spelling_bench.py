"""Spelling speed (issue 24): the red wave on a 4.000-character paragraph as it is typed, and the spelling of the
large workbook's report in the check before signing. Each figure beside its baseline, measured alternately in the
same run: the citation highlighter alone (what the editor had before), and the checks without spelling.

python benchmarks/spelling_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
REFERENCE = HERE.parent.parent / "shared" / "reference" / "dak-nong-2023-bao-cao-tom-tat.txt"
TYPOS = " ddaays khoongg nguwoif vie65t tìên hòan lamf dduwowcj nawm ngừơi"


def reference_paragraphs() -> list[str]:
    if REFERENCE.exists():
        lines = [line.strip() for line in REFERENCE.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    else:  # a checkout without the shared folder: the sample's own paragraphs are Vietnamese text as well
        line = ("Trong năm toàn tỉnh đã tổ chức đào tạo nghề cho người lao động, đạt kế hoạch năm, bằng so với "
                "cùng kỳ năm trước; công tác giảm nghèo, bảo trợ xã hội được triển khai kịp thời.")
        lines = [line] * 20
    return lines


def paragraph_of(chars: int) -> str:
    text, lines = "", reference_paragraphs()
    i = 0
    while len(text) < chars:
        text += lines[i % len(lines)] + (TYPOS if i % 3 == 0 else "") + " "
        i += 1
    return text[:chars]


def clear_caches() -> None:
    from baocao_gui.domain import checks, spelling

    for cached in (spelling.is_syllable, spelling._flagged, spelling._is_name_syllable, spelling._letter,
                   checks._unknown_syllables, checks._typed_text_findings):
        cached.cache_clear()


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms (min {min(samples) * 1000:.2f})"


def highlighting(runs: int) -> dict[str, dict[str, list[float]]]:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from baocao_gui.ui.editors.figure_menu import CitationHighlighter
    from baocao_gui.ui.editors.spelling import SpellingHighlighter

    QApplication.instance() or QApplication([])
    text = paragraph_of(4000)
    results: dict[str, dict[str, list[float]]] = {}
    for _ in range(runs):
        for name, kind in (("citations only (before)", CitationHighlighter), ("citations + spelling", SpellingHighlighter)):
            clear_caches()
            editor = QPlainTextEdit()
            kind(editor.document())
            start = time.perf_counter()
            editor.setPlainText(text)  # the whole paragraph highlighted, caches cold
            shown = time.perf_counter() - start
            cursor = editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            editor.setTextCursor(cursor)
            keys = []
            for ch in " năm":  # a keystroke rehighlights the paragraph (one block)
                start = time.perf_counter()
                editor.insertPlainText(ch)
                keys.append(time.perf_counter() - start)
            rec = results.setdefault(name, {"shown": [], "key": []})
            rec["shown"].append(shown)
            rec["key"].append(statistics.median(keys))
            editor.deleteLater()
    return results


def large_report(runs: int) -> tuple[dict[str, list[float]], int, int]:
    import large_workbook

    from baocao_gui.domain import checks
    from baocao_gui.domain.spelling import unknown_words
    from baocao_gui.store import load_workbook, open_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = large_workbook.build(Path(folder) / "lon.baocao")
        db = open_workbook(path)
        workbook = load_workbook(db)
        db.close()
    report = workbook.reports[-1]
    texts = [b.text for blocks in report.blocks.values() for b in blocks]
    varied = [p + f" lần {i}" for i, p in enumerate(reference_paragraphs() * (len(texts) // 20 + 1))][:len(texts)]
    spelling = checks._Checker._spelling
    timings: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, with_spelling in (("checks without spelling (before)", False), ("checks with spelling", True)):
            checks._Checker._spelling = spelling if with_spelling else (lambda self, raw, add: None)
            clear_caches()
            start = time.perf_counter()
            checks.check_report(workbook, report)
            timings.setdefault(name, []).append(time.perf_counter() - start)
        checks._Checker._spelling = spelling
        clear_caches()
        start = time.perf_counter()
        for text in varied:
            unknown_words(text)
        timings.setdefault(f"spelling alone, {len(varied)} varied real paragraphs", []).append(
            time.perf_counter() - start)
    return timings, len(texts), sum(map(len, texts))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    paragraph = highlighting(args.runs)
    report, count, chars = large_report(args.runs)
    before, after = paragraph["citations only (before)"], paragraph["citations + spelling"]
    names = list(report)
    print(f"medians of {args.runs} alternating runs, caches cold where it says so; (min) in brackets")
    print("| measured | before: baseline | with spelling | goal |")
    print("|---|---|---|---|")
    print(f"| a keystroke in a 4.000-character paragraph (its highlighting) | {median_ms(before['key'])} | "
          f"{median_ms(after['key'])} | < 10 ms |")
    print(f"| the paragraph shown (highlighted whole, caches cold) | {median_ms(before['shown'])} | "
          f"{median_ms(after['shown'])} | |")
    print(f"| the check before signing of the large workbook's report ({count} paragraphs, {chars} characters, "
          f"cold) | {median_ms(report[names[0]])} | {median_ms(report[names[1]])} | spelling < 1 s |")
    print(f"| {names[2]} (cold) | | {median_ms(report[names[2]])} | < 1 s |")


if __name__ == "__main__":
    main()
