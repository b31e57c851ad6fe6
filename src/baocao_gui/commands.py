"""The command-line operations (no window): sample, new, list, export, check, import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .domain.model import Period, PeriodKind, Report, Workbook
from .domain.period_kinds import code_runs
from .errors import UserError
from .store import WorkbookError, load_workbook, open_workbook


def _read(path: str, args: argparse.Namespace | None = None) -> Workbook:
    """The workbook; with ``args`` (a command about one report: export), only the report they select comes with its
    figures and paragraphs (the large workbook's export reads one report of ten: ~0,5 s less)."""
    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db, only=-1 if args is not None else None)
        if args is not None:
            workbook = load_workbook(db, only=_report(workbook, args, path).id)
    finally:
        db.close()
    if workbook.problems:  # an odd or hand-edited file: say what was left out, on one line each
        print(f"Cảnh báo: có {len(workbook.problems)} chỗ trong sổ báo cáo không đọc được, được để trống:",
              file=sys.stderr)
        for problem in workbook.problems[:20]:
            print(f"  - {problem}", file=sys.stderr)
    return workbook


def period_kind(text: str | None) -> PeriodKind | None:
    """A code of the table of kinds: ``year``, ``9m``, ``6m``, ``q1``…``q4``, ``m1``…``m12`` (as ``list`` shows them)."""
    if text is None:
        return None
    try:
        return PeriodKind(text.strip().lower())
    except ValueError:
        *codes, last = (codes for codes, _ in code_runs())
        raise WorkbookError(f"Kỳ báo cáo “{text}” không đúng; dùng {', '.join(codes)} hoặc {last}.",
                            f"unknown period {text!r}") from None


def _report(workbook: Workbook, args: argparse.Namespace, path: str) -> Report:
    """The report ``--period``/``--year`` select; without them, the report edited last."""
    if not workbook.reports:
        raise WorkbookError(f"Sổ báo cáo “{Path(path).name}” chưa có báo cáo nào.", "no report")
    kind, year = period_kind(getattr(args, "period", None)), getattr(args, "year", None)
    if kind is None and year is None:
        return workbook.report_for()
    matching = [r for r in workbook.in_order()
                if (kind is None or r.period.kind == kind) and (year is None or r.period.year == year)]
    have = ", ".join(f"{r.period.label} (--period {r.period.code} --year {r.period.year})"
                     for r in workbook.in_order())
    if not matching:
        wanted = Period(kind, year).label if kind and year else (f"năm {year}" if year else kind.title.removeprefix("Báo cáo "))
        raise WorkbookError(f"Sổ báo cáo không có báo cáo {wanted}; sổ có: {have}.", "no such report")
    if len(matching) > 1:
        raise WorkbookError(f"Có {len(matching)} báo cáo khớp ({', '.join(r.period.label for r in matching)}); "
                            "hãy ghi rõ cả --period và --year.", "ambiguous report")
    return matching[0]


def sample(args: argparse.Namespace) -> int:
    from .app.files import write_sample

    out = write_sample(args.out, getattr(args, "example", "dak-nong-2023"))  # one whole file: no journal beside it, now or after a read-only export
    print(f"Đã ghi sổ báo cáo mẫu: {out}")
    return 0


def new(args: argparse.Namespace) -> int:
    from .app.files import new_workbook

    if getattr(args, "from_docx", None):
        return _new_from_docx(args)
    if args.year is None:
        raise WorkbookError("Cần ghi năm của báo cáo: --year NĂM.", "new without --year")
    kind = period_kind(args.period or "year")
    if not 1900 <= args.year <= 2200:
        raise WorkbookError(f"Năm {args.year} không hợp lệ.", f"year {args.year}")
    out = new_workbook(args.out, args.catalogue, args.year, kind, {
        "name": args.agency, "parent_name": args.parent, "abbreviation": args.abbreviation, "place": args.place},
        province=getattr(args, "province", ""))
    print(f"Đã tạo sổ báo cáo {out} với báo cáo {Period(kind, args.year).label}.")
    return 0


def _new_from_docx(args: argparse.Namespace) -> int:
    """``new SỔ --from-docx FILE``: the report a Word file holds, as a new workbook; what was not found is said."""
    from .app.files import workbook_from_docx

    if args.year is not None and not 1900 <= args.year <= 2200:
        raise WorkbookError(f"Năm {args.year} không hợp lệ.", f"year {args.year}")
    try:
        out, notes = workbook_from_docx(args.out, args.from_docx, args.catalogue, period_kind(args.period), args.year)
    except WorkbookError:
        raise
    except UserError as exc:
        if exc.gloss != "no period in the report":
            raise
        raise WorkbookError(exc.message + " Hãy ghi rõ --period và --year.", exc.gloss) from None
    if getattr(args, "province", ""):
        notes = [*notes, ("--province không dùng khi tạo từ tệp Word: cơ quan chủ quản và địa danh lấy từ phần "
                          "đầu của tệp.")]
    for note in notes:
        print(f"Lưu ý: {note}", file=sys.stderr)
    db = open_workbook(out, readonly=True)
    try:
        report = load_workbook(db).reports[0]
    finally:
        db.close()
    blocks = sum(len(b) for b in report.blocks.values())
    print(f"Đã tạo sổ báo cáo {out} với báo cáo {report.period.label} từ tệp “{Path(args.from_docx).name}”: "
          f"{blocks} đoạn, {len(report.recipients)} nơi nhận.")
    return 0


def list_reports(args: argparse.Namespace) -> int:
    workbook = _read(args.workbook)
    if not workbook.reports:
        print("Sổ báo cáo chưa có báo cáo nào.")
    for r in workbook.in_order():
        state = "đã gửi" if r.frozen else ("đã gửi, đã mở khóa sửa" if r.sent else "đang soạn")
        edited = _local_time(r.edited_at) or "—"
        print(f"{r.period.code:>4} {r.period.year}  {r.period.label:<22} {state:<22} sửa lần cuối: {edited}")
    return 0


def _local_time(utc: str) -> str:
    import datetime as dt

    if not utc:
        return ""
    try:
        moment = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC).astimezone()
    except ValueError:
        return utc
    return moment.strftime("%d/%m/%Y %H:%M")


def export(args: argparse.Namespace) -> int:
    from .app.export import WRITERS, dhis2_summary, export_report, export_target, writer_key

    dhis2 = getattr(args, "dhis2", False)
    key = writer_key(args.output, dhis2=True) if dhis2 else None  # --dhis2 with .xlsx: one sentence
    output = export_target(args.output, writer=key)  # refuses a suffix no writer knows before reading anything
    key = key or writer_key(output)
    if getattr(args, "dry_run", False) and WRITERS[key] not in (WRITERS.get(".json"), WRITERS.get(".dhis2.csv")):
        raise UserError("--dry-run chỉ dùng khi xuất cho DHIS2 (tệp .json, hoặc .csv với --dhis2).",
                        "--dry-run without a DHIS2 target")
    workbook = _read(args.workbook, args)  # the selected report's figures and paragraphs only
    report = _report(workbook, args, args.workbook)
    if getattr(args, "dry_run", False):
        for line in dhis2_summary(workbook, report):
            print(line)
        return 0
    if args.annex and report.frozen and report.annex is None:
        print(f"Cảnh báo: báo cáo {report.period.label} đã ký, đã gửi không kèm phụ lục; tệp xuất đúng bản đã gửi, "
              "không thêm phụ lục.", file=sys.stderr)
    _say_unproven(report)
    progress = Progress(sys.stderr)
    try:
        exported = export_report(workbook, report, output, annex=True if args.annex else None, progress=progress,
                                 writer=key)
    finally:
        progress.end()
    for citation in exported.missing:
        print(f"Cảnh báo: chưa có số liệu cho “{citation}”; báo cáo ghi dấu [?] ở chỗ đó.", file=sys.stderr)
    for path in exported.beside:
        print(f"Đã ghi tệp Word: {path}")
    print(f"Đã xuất báo cáo: {exported.path}")
    return 0


class Progress:
    """What a long export is doing, said on the console once it has lasted a few seconds, with how to stop it:
    "Đang chuyển sang PDF bằng LibreOffice… (12 giây; Ctrl+C để dừng)". The writer says its phrase again about
    once a second while it lasts; a terminal's line is rewritten each time, a file or a pipe gets a line now and
    then."""

    PATIENCE_S = 3
    EVERY_S = 15  # between two lines, when the console is not a terminal

    def __init__(self, stream) -> None:
        self.stream = stream
        self.terminal = stream is not None and stream.isatty()
        self.doing, self.since, self.shown, self.drawn = "", 0.0, None, False

    def __call__(self, doing: str) -> None:
        import time

        now = time.monotonic()
        if doing != self.doing:
            self.end()
            self.doing, self.since, self.shown = doing, now, None
        seconds = int(now - self.since)
        if self.stream is None or seconds < self.PATIENCE_S:
            return
        if not self.terminal and self.shown is not None and now - self.shown < self.EVERY_S:
            return
        line = f"{doing} ({seconds} giây; Ctrl+C để dừng)"
        if self.terminal:
            print("\r" + line, end="", file=self.stream, flush=True)
            self.drawn = True
        else:
            print(line, file=self.stream, flush=True)
        self.shown = now

    def end(self) -> None:
        """The line drawn on a terminal is ended, so that what is said next starts on a line of its own."""
        if self.drawn:
            print(file=self.stream, flush=True)
            self.drawn = False


def _say_unproven(report) -> None:
    """A report marked sent before the workbook kept the SHA-256 of its record: used as sent, but said."""
    from .app.sent import proof

    if report.frozen:
        verdict = proof(report)
        if verdict.trusted and not verdict.proven:
            print(f"Lưu ý: {verdict.sentence}", file=sys.stderr)


def check(args: argparse.Namespace) -> int:
    from .app.sent import as_sent
    from .domain.checks import Severity, check_report  # not loaded by the other commands

    workbook = _read(args.workbook)
    report = _report(workbook, args, args.workbook)
    _say_unproven(report)

    workbook, report = as_sent(workbook, report)  # a report signed and sent is checked as it was sent
    findings = check_report(workbook, report)
    for finding in findings:
        print(finding.line())
    errors = sum(f.severity == Severity.ERROR for f in findings)
    print(f"{errors} lỗi, {len(findings) - errors} cảnh báo.")
    return 1 if errors else 0


PART_WORDS = {"results": "kết quả thực hiện", "tasks": "nhiệm vụ kỳ tới"}


def import_word(args: argparse.Namespace) -> int:
    """A Word file into a sector's results or tasks, appended after its paragraphs; one step of the workbook."""
    from .app import Document
    from .app.imports import import_edit
    from .domain.model import BlockKind
    from .importers.figures import find_figures, find_new_figures
    from .importers.word import read_word

    content = read_word(args.file)  # a file that cannot be read is refused before the workbook is opened
    doc = Document(args.workbook)
    try:
        sectors = {s.code: s for s in doc.workbook.sectors}
        if args.sector not in sectors:
            raise WorkbookError(f"Sổ báo cáo không có lĩnh vực mã “{args.sector}”; các mã có: "
                                f"{', '.join(sectors)}.", f"no sector {args.sector}")
        report = _report(doc.workbook, args, args.workbook)
        doc.choose_report(report.id)
        blocks = content.blocks
        found = find_figures(blocks, doc.workbook, doc.report, args.sector)
        new = find_new_figures(blocks, doc.workbook, doc.report, args.sector, found)
        made = new if getattr(args, "new_indicators", False) else []
        existing = len(doc.report.part(args.part, args.sector))
        if blocks:
            doc.apply(import_edit(doc, args.part, args.sector, existing, blocks, found if args.figures else [],
                                  made, f"Nhập từ tệp Word “{Path(args.file).name}”"))
    finally:
        doc.close()
    for problem in content.problems:
        print(f"Lưu ý: {problem}", file=sys.stderr)
    kinds = [(BlockKind.PARAGRAPH, "đoạn văn"), (BlockKind.HEADING, "đề mục"), (BlockKind.BULLET, "gạch đầu dòng"),
             (BlockKind.TABLE, "bảng")]
    detail = ", ".join(f"{content.count(k)} {word}" for k, word in kinds if content.count(k))
    print(f"Đã nhập {len(blocks)} mục ({detail or 'không có gì'}) vào phần {PART_WORDS[args.part]} của lĩnh vực "
          f"“{sectors[args.sector].title}”, báo cáo {report.period.label}.")
    if content.legacy:
        print(f"{len(content.legacy)} mục gõ bằng phông chữ cũ (TCVN3/VNI) đã được chuyển sang Unicode.")
    if found and args.figures:
        print(f"{len(found)} số đã được thay bằng trích dẫn số liệu của lĩnh vực.")
    elif found:
        print(f"{len(found)} số trùng với số liệu của lĩnh vực vẫn được giữ nguyên như trong tệp; "
              "thêm --figures để trích dẫn chúng.")
    if made:
        print(f"Đã tạo {len(made)} chỉ tiêu mới từ các số không trùng số liệu nào: "
              + "; ".join(f"{f.name} ({f.written})" for f in made) + ".")
    elif new:
        print(f"{len(new)} số không trùng số liệu nào của lĩnh vực; thêm --new-indicators để tạo chúng thành chỉ "
              "tiêu mới (tên lấy từ các chữ đứng trước, đơn vị từ chữ đứng sau).")
    return 0


def part(args: argparse.Namespace) -> int:
    """One sector of one report as a part file for an office that has the program."""
    from .app import Document
    from .app.parts import send_part

    if not args.output.lower().endswith(".baocao"):
        raise UserError("Tệp phần gửi phòng phải có đuôi .baocao (phòng mở nó bằng baocao-gui).",
                        f"{args.output} is not .baocao")
    doc = Document(args.workbook)
    try:
        report = _report(doc.workbook, args, args.workbook)
        doc.choose_report(report.id)
        out = send_part(doc, args.sector, args.output)
        title = next(s.title for s in doc.workbook.sectors if s.code == args.sector)
    finally:
        doc.close()
    print(f"Đã ghi phần “{title}” của báo cáo {report.period.label} ra tệp {out}; gửi tệp cho phòng, "
          "nhận lại trong cửa sổ bằng “Nhận phần từ phòng…” ở thẻ của lĩnh vực.")
    return 0


def dump(args: argparse.Namespace) -> int:
    from .app.textfile import dump_workbook

    out = dump_workbook(args.workbook, args.output)
    print(f"Đã ghi sổ báo cáo ra tệp văn bản: {out}")
    return 0


def load_text(args: argparse.Namespace) -> int:
    from .app.sent import proof
    from .app.textfile import load_text_workbook

    out = load_text_workbook(args.source, args.out)
    print(f"Đã tạo sổ báo cáo {out} từ tệp văn bản {args.source}.")
    for report in _read(out).in_order():  # the proof of a sent report came along: a copy that fails it is said now
        verdict = proof(report)
        if not verdict.trusted:
            print(f"Cảnh báo: {verdict.sentence}", file=sys.stderr)
    return 0


def merge(args: argparse.Namespace) -> int:
    """``merge SỔ FILE.docx``: an edited export's changes, printed; written as one step only with ``--apply``."""
    from .app import Document
    from .app.edited import ChangeKind, changes_from_edited, describe, identity_problem, read_edited, sweeping
    from .app.edits.paragraphs import apply_changes

    edited = read_edited(args.file)  # a file that cannot be read is refused before the workbook is opened
    doc = Document(args.workbook, readonly=not args.apply)
    try:
        report_id = edited.properties.get("baocao.report", "")
        if getattr(args, "period", None) or getattr(args, "year", None):
            doc.choose_report(_report(doc.workbook, args, args.workbook).id)
        elif report_id.isdigit() and any(r.id == int(report_id) for r in doc.workbook.reports) and \
                edited.properties.get("baocao.workbook") == doc.workbook.identity:
            doc.choose_report(int(report_id))
        report = doc.report
        if report is None:
            raise WorkbookError("Sổ báo cáo chưa có báo cáo nào.", "no report")
        if report.frozen:
            raise WorkbookError(f"Báo cáo {report.period.label} đã ký, đã gửi nên không nhận lại tệp sửa được; muốn "
                                "sửa, mở sổ trong cửa sổ chương trình và chọn “Mở khóa để sửa”.", "merge into frozen")
        problem = identity_problem(edited, doc.workbook, report)
        if problem and not args.by_text:
            raise WorkbookError(problem + " Thêm --by-text để vẫn so theo nội dung từng đoạn với báo cáo "
                                f"{report.period.label}.", "identity mismatch")
        merge = changes_from_edited(edited, doc.workbook, report, anchors=problem is None)
        for note in ([problem] if problem else []) + list(merge.notes):
            print(f"Lưu ý: {note}", file=sys.stderr)
        for change in merge.changes:
            print(describe(change))
            for note in change.notes:
                print(f"    ({note})")
        figures = sum(c.kind == ChangeKind.FIGURE for c in merge.changes)
        if not merge.changes:
            print(f"Tệp “{Path(args.file).name}” không khác báo cáo {report.period.label}; không có gì để nhận.")
            return 0
        sweep = sweeping(merge, Path(args.file).name, report.period.label)
        if sweep and args.apply and not args.force:
            raise WorkbookError(sweep + " Chưa ghi gì; nếu đúng là tệp cần nhận, chạy lại với --force.",
                                f"sweeping merge refused: {merge.deleted}/{merge.compared} deleted, "
                                f"{merge.matched}/{merge.read} matched")
        if sweep:
            print(f"Lưu ý: {sweep}", file=sys.stderr)
        if not args.apply:
            print(f"{len(merge.changes)} thay đổi ({figures} số liệu), chưa ghi vào sổ; chạy lại với --apply để ghi.")
            return 0
        doc.apply(apply_changes(doc, merge.changes, f"Nhận lại tệp Word “{Path(args.file).name}”"))
        print(f"Đã ghi {len(merge.changes)} thay đổi ({figures} số liệu) vào báo cáo {report.period.label}.")
    finally:
        doc.close()
    return 0


def rollup(args: argparse.Namespace) -> int:
    """``rollup SỔ PHẦN… --period P --year N``: the report's figures from the same report of the parts (read only),
    what changed printed, written as one step unless ``--dry-run``; a report of that period is made if missing."""
    from .app import Document
    from .app.edits.reports import create_report
    from .app.edits.rollup import apply_rollup
    from .app.rollup import describe, plan_rollup, read_parts, sources_differ

    period = Period(period_kind(args.period), args.year)
    parts = read_parts(args.parts, period)  # a part that cannot be read is refused before the workbook is opened
    doc = Document(args.workbook, readonly=args.dry_run)
    try:
        report = doc.workbook.find(period)
        if report is not None:
            doc.choose_report(report.id)
        elif args.dry_run:
            raise WorkbookError(f"Sổ báo cáo chưa có báo cáo {period.label}.", "no such report")
        else:
            doc.apply(create_report(doc, period))
            print(f"Đã tạo báo cáo {period.label} trong sổ.")
        plan = plan_rollup(doc, parts)
        for line in plan.unmatched:
            print(f"Không khớp: {line}", file=sys.stderr)
        for note in plan.notes:
            print(f"Lưu ý: {note}", file=sys.stderr)
        for change in plan.changes:
            print(describe(doc, change))
        if not plan.changes:
            print(f"Số liệu báo cáo {period.label} đã đúng như tổng hợp từ {len(plan.parts)} sổ; không có gì thay đổi.")
            if not sources_differ(doc.report.sources, plan.sources):
                return 0
        if args.dry_run:
            print(f"{len(plan.changes)} số liệu sẽ thay đổi, chưa ghi vào sổ (--dry-run).")
            return 0
        doc.apply(apply_rollup(doc, plan))
        print(f"Đã tổng hợp {len(plan.changes)} số liệu thay đổi từ {len(plan.parts)} sổ vào báo cáo {period.label}.")
    finally:
        doc.close()
    return 0


def _after(text: str | None, workbook: Workbook) -> Period:
    """``--after 6m:2025``: the last report that keeps the sector; without it, the latest report."""
    if text is None:
        if not workbook.reports:
            raise WorkbookError("Sổ báo cáo chưa có báo cáo nào.", "no report")
        return workbook.in_order()[-1].period
    code, _, year = text.partition(":")
    if not year.strip().isdigit():
        raise WorkbookError(f"“{text}” không đúng; ghi kỳ và năm, ví dụ 6m:2025.", f"bad --after {text!r}")
    return Period(period_kind(code), int(year))


def handover(args: argparse.Namespace) -> int:
    """``handover SỔ --sector CODE -o OUT.baocao``: the sector with its history written as a new workbook, and left
    out of this workbook's reports after the hand-over (one step)."""
    from .app import Document
    from .app.edits.handover import hand_over
    from .app.handover import write_handover_file

    doc = Document(args.workbook)
    try:
        after = _after(args.after, doc.workbook)
        out = write_handover_file(doc, args.sector, args.output, after)
        doc.apply(hand_over(doc, args.sector, after, Path(args.output).name))
        title = next(s.title for s in doc.workbook.sectors if s.code == args.sector)
        print(f"Đã ghi lĩnh vực “{title}” cùng số liệu và các đoạn văn của các báo cáo đến {after.label} vào tệp "
              f"{out}; các báo cáo sau {after.label} của sổ này không còn lĩnh vực đó.")
    finally:
        doc.close()
    return 0


def receive(args: argparse.Namespace) -> int:
    """``receive SỔ FILE.baocao``: what taking a handed-over sector in would add, printed; written with ``--apply``."""
    from .app import Document
    from .app.edits.handover import receive as receive_edit
    from .app.handover import describe_received, plan_receive, read_handover

    origin, given = read_handover(args.file)
    doc = Document(args.workbook, readonly=not args.apply)
    try:
        plan = plan_receive(doc, origin, given)
        if plan.new_sector:
            print(f"Thêm lĩnh vực “{plan.title}” với {len(plan.new_indicators)} chỉ tiêu.")
        elif plan.new_indicators:
            print(f"Thêm {len(plan.new_indicators)} chỉ tiêu vào lĩnh vực “{plan.title}”.")
        for period in plan.new_reports:
            print(f"Tạo báo cáo {period.label} (chỉ gồm lĩnh vực này).")
        for item in plan.items:
            what, old, new = describe_received(plan, item)
            print(f"{what}: {old + ' → ' if old else ''}{new}")
        for note in plan.notes:
            print(f"Lưu ý: {note}", file=sys.stderr)
        if not args.apply:
            print(f"{len(plan.items)} số liệu và đoạn văn, chưa ghi vào sổ; chạy lại với --apply để ghi.")
            return 0
        doc.apply(receive_edit(doc, plan, list(plan.items)))
        print(f"Đã nhận lĩnh vực “{plan.title}” từ {origin.agency or 'cơ quan khác'}: {len(plan.items)} số liệu và "
              "đoạn văn.")
    finally:
        doc.close()
    return 0


def import_figures(args: argparse.Namespace) -> int:
    """``import-figures SỔ F.xlsx``: the figures a sheet would change, printed; written as one step with ``--apply``."""
    from .app import Document
    from .app.edits.figures import take_figures
    from .app.sheets import NOTHING_CHANGED, describe, describe_new, plan_figures, read_figures

    content = read_figures(args.file)  # a file that cannot be read is refused before the workbook is opened
    name = Path(args.file).name
    doc = Document(args.workbook, readonly=not args.apply)
    try:
        if getattr(args, "period", None) or getattr(args, "year", None):
            doc.choose_report(_report(doc.workbook, args, args.workbook).id)
        report = doc.report
        plan = plan_figures(doc.workbook, report, content)
        sectors = {s.code: s for s in doc.workbook.sectors}
        if args.sector and args.sector not in sectors:
            raise WorkbookError(f"Sổ báo cáo không có lĩnh vực mã “{args.sector}”; các mã có: "
                                f"{', '.join(sectors)}.", f"no sector {args.sector}")
        for finding in plan.findings:
            print(f"Lưu ý: {finding}", file=sys.stderr)
        for change in plan.changes:
            print(describe(change, doc.workbook))
        made = [n for n in plan.new if n.sector or args.sector]
        for item in plan.new:
            print(describe_new(item))
        if plan.empty:
            print(f"Tệp “{name}”: {NOTHING_CHANGED} so với báo cáo {report.period.label} "
                  f"({plan.matched} chỉ tiêu khớp).")
            return 0
        left = len(plan.new) - len(made)
        if left:
            print(f"{left} dòng không khớp chỉ tiêu nào của sổ; thêm --sector MÃ để tạo chúng thành chỉ tiêu mới "
                  "của lĩnh vực đó.", file=sys.stderr)
        if not args.apply:
            print(f"{len(plan.changes)} số liệu thay đổi, {len(made)} chỉ tiêu mới, chưa ghi vào sổ; chạy lại với "
                  "--apply để ghi.")
            return 0
        if not plan.changes and not made:
            return 0
        doc.apply(take_figures(doc, plan.changes, made, args.sector, f"Nhập số liệu từ tệp “{name}”"))
        print(f"Đã ghi {len(plan.changes)} số liệu" + (f" và {len(made)} chỉ tiêu mới" if made else "")
              + f" vào báo cáo {report.period.label}.")
    finally:
        doc.close()
    return 0
