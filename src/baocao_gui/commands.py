"""The command-line operations (no window): sample, export, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .domain.checks import Severity, check_report
from .domain.model import Report, Workbook
from .store import WorkbookError, load_workbook, open_workbook


def _read(path: str) -> Workbook:
    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    if workbook.problems:  # an odd or hand-edited file: say what was left out, on one line each
        print(f"Cảnh báo: có {len(workbook.problems)} chỗ trong sổ báo cáo không đọc được, được để trống:",
              file=sys.stderr)
        for problem in workbook.problems[:20]:
            print(f"  - {problem}", file=sys.stderr)
    return workbook


def _report(workbook: Workbook, year: int | None, path: str) -> Report:
    if not workbook.reports:
        raise WorkbookError(f"Sổ báo cáo “{Path(path).name}” chưa có báo cáo nào.", "no report")
    try:
        return workbook.report_for(year)
    except LookupError:
        years = ", ".join(sorted({str(r.period.year) for r in workbook.reports}))
        raise WorkbookError(f"Sổ báo cáo không có báo cáo năm {year} (có: {years}).", f"no report for {year}") from None


def sample(args: argparse.Namespace) -> int:
    from .app.files import write_sample

    out = write_sample(args.out)  # one whole file: no journal beside it, now or after a read-only export
    print(f"Đã ghi sổ báo cáo mẫu: {out}")
    return 0


def export(args: argparse.Namespace) -> int:
    from .app.export import export_report, export_target

    output = export_target(args.output)  # refuses a suffix no writer knows before reading anything
    workbook = _read(args.workbook)
    report = _report(workbook, args.year, args.workbook)
    exported = export_report(workbook, report, output)
    for citation in exported.missing:
        print(f"Cảnh báo: chưa có số liệu cho “{citation}”; báo cáo ghi dấu [?] ở chỗ đó.", file=sys.stderr)
    print(f"Đã xuất báo cáo: {exported.path}")
    return 0


def check(args: argparse.Namespace) -> int:
    workbook = _read(args.workbook)
    report = _report(workbook, args.year, args.workbook)
    findings = check_report(workbook, report)
    for finding in findings:
        print(finding.line())
    errors = sum(f.severity == Severity.ERROR for f in findings)
    print(f"{errors} lỗi, {len(findings) - errors} cảnh báo.")
    return 1 if errors else 0
