"""baocao-gui [WORKBOOK] | sample OUT.baocao [--example NAME] | new OUT.baocao --catalogue C --period P --year N [--province TỈNH] | list WORKBOOK |
export WORKBOOK [--period P] [--year N] [--annex] -o OUT.docx|OUT.pdf | check WORKBOOK [--period P] [--year N] |
import WORKBOOK FILE.docx --sector CODE [--part results|tasks] [--period P] [--year N] [--figures] [--new-indicators] |
dump WORKBOOK -o FILE.toml | load FILE.toml OUT.baocao |
part WORKBOOK --sector CODE [--period P] [--year N] -o PART.baocao |
merge WORKBOOK FILE.docx [--period P] [--year N] [--apply] [--by-text] [--force] |
rollup WORKBOOK PART.baocao… --period P --year N [--dry-run] |
handover WORKBOOK --sector CODE -o OUT.baocao | receive WORKBOOK FILE.baocao [--apply] |
import-figures WORKBOOK FILE.xlsx|.xls|.ods|.csv [--period P] [--year N] [--sector CODE] [--apply]

Errors reach the clerk as one Vietnamese sentence (the English gloss goes to the log), never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from . import __version__
from .domain.period_kinds import code_runs
from .errors import UserError

log = logging.getLogger("baocao_gui")
COMMANDS = ("sample", "new", "list", "export", "check", "import", "dump", "load", "part", "merge", "import-figures",
            "rollup", "handover", "receive")
PERIOD_HELP = "kỳ báo cáo: " + ", ".join(f"{codes} ({word})" if word else codes for codes, word in code_runs())


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages are English; say it in Vietnamese
        log.info("usage error: %s", message)
        self.print_usage(sys.stderr)
        raise UserError("Lệnh không đúng cú pháp; xem hướng dẫn: baocao-gui --help.", message)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``command``, that command alone (defining all ten costs ~2 ms of each run)."""
    p = _Parser(prog="baocao-gui", description="Soạn báo cáo theo thể thức Nghị định 30/2020/NĐ-CP.")
    p.add_argument("--version", action="version", version=f"baocao-gui {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="{" + ",".join(COMMANDS) + "}")
    if command in (None, "sample"):
        s = sub.add_parser("sample", help="ghi sổ báo cáo mẫu (Đắk Nông, năm 2023; hoặc sổ ví dụ --example)")
        s.add_argument("out", metavar="OUT.baocao")
        s.add_argument("--example", default="dak-nong-2023", metavar="TÊN",
                       help="dak-nong-2023 (mặc định: báo cáo thật của Sở LĐTBXH Đắk Nông) hoặc so-noi-vu-2026 (Sở Nội "
                            "vụ tỉnh Lâm Đồng, số liệu giả định)")
    if command in (None, "new"):
        n = sub.add_parser("new", help="tạo sổ báo cáo mới từ một danh mục, với một báo cáo")
        n.add_argument("out", metavar="OUT.baocao")
        n.add_argument("--catalogue", default="sldtbxh", metavar="ID_OR_FILE",
                       help="danh mục có sẵn (sldtbxh: đến năm 2024; so_noi_vu, so_y_te_xa_hoi, so_gddt_gdnn: từ "
                            "năm 2025) hoặc tệp danh mục .toml")
        n.add_argument("--period", help=PERIOD_HELP + " (mặc định: year; với --from-docx: kỳ ghi trong trích yếu)")
        n.add_argument("--year", type=int, help="năm của báo cáo (bắt buộc, trừ khi tạo từ tệp Word)")
        n.add_argument("--from-docx", metavar="FILE.docx", help="tạo từ một báo cáo Word đã có (ví dụ báo cáo năm trước)")
        n.add_argument("--agency", default="", help="tên cơ quan ban hành")
        n.add_argument("--parent", default="", help="tên cơ quan chủ quản")
        n.add_argument("--abbreviation", default="", help="chữ viết tắt tên cơ quan")
        n.add_argument("--place", default="", help="địa danh")
        n.add_argument("--province", default="", metavar="TỈNH",
                       help="tên tỉnh, thành phố (ví dụ \"Lâm Đồng\"): ghi cơ quan chủ quản và địa danh; tỉnh cũ chỉ "
                            "dùng được cho kỳ kết thúc trước 01/7/2025")
    if command in (None, "list"):
        ls = sub.add_parser("list", help="liệt kê các báo cáo trong sổ")
        ls.add_argument("workbook", metavar="WORKBOOK")
    if command in (None, "export"):
        from .app.export import WRITERS  # every format the application writes, by suffix

        kinds = ", ".join(f"{w.kind.lower()} ({w.suffix})" for w in WRITERS.values() if not w.variant)
        e = sub.add_parser("export", help=f"xuất báo cáo ra {kinds}; tệp PDF kèm tệp .docx bên cạnh")
        e.add_argument("workbook", metavar="WORKBOOK")
        e.add_argument("--period", help=PERIOD_HELP)
        e.add_argument("--year", type=int)
        e.add_argument("--annex", action="store_true",
                       help="kèm phụ lục số liệu (các lĩnh vực và cột đã chọn cho báo cáo, hoặc tất cả)")
        e.add_argument("-o", "--output", required=True,
                       metavar="|".join(f"OUT{w.suffix}" for w in WRITERS.values() if not w.variant))
        e.add_argument("--dhis2", action="store_true",
                       help="ghi theo định dạng nhập của DHIS2 (với .csv: tệp CSV của DHIS2; .json luôn là của DHIS2)")
        e.add_argument("--dry-run", action="store_true",
                       help="với tệp DHIS2: chỉ in những gì sẽ gửi (tập dữ liệu, kỳ, đơn vị, số giá trị), không ghi tệp")
    if command in (None, "check"):
        c = sub.add_parser("check", help="kiểm tra số liệu và thể thức trước khi ký")
        c.add_argument("workbook", metavar="WORKBOOK")
        c.add_argument("--period", help=PERIOD_HELP)
        c.add_argument("--year", type=int)
    if command in (None, "import"):
        i = sub.add_parser("import", help="nhập một tệp Word (.docx) vào phần kết quả hoặc nhiệm vụ của một lĩnh vực")
        i.add_argument("workbook", metavar="WORKBOOK")
        i.add_argument("file", metavar="FILE.docx")
        i.add_argument("--sector", required=True, metavar="CODE", help="mã lĩnh vực (xem trong danh mục)")
        i.add_argument("--part", choices=("results", "tasks"), default="results",
                       help="results: kết quả thực hiện (mặc định); tasks: nhiệm vụ kỳ tới")
        i.add_argument("--period", help=PERIOD_HELP)
        i.add_argument("--year", type=int)
        i.add_argument("--figures", action="store_true",
                       help="thay các số trùng với số liệu của lĩnh vực bằng trích dẫn số liệu")
        i.add_argument("--new-indicators", action="store_true",
                       help="tạo chỉ tiêu mới cho các số không trùng số liệu nào (tên: các chữ đứng trước; đơn vị: chữ "
                            "đứng sau), kèm số liệu thực hiện và trích dẫn")
    if command in (None, "dump"):
        d = sub.add_parser("dump", help="ghi cả sổ báo cáo ra một tệp văn bản (.toml)")
        d.add_argument("workbook", metavar="WORKBOOK")
        d.add_argument("-o", "--output", required=True, metavar="OUT.toml")
    if command in (None, "load"):
        ld = sub.add_parser("load", help="tạo sổ báo cáo mới từ tệp văn bản (.toml) do lệnh dump ghi")
        ld.add_argument("source", metavar="FILE.toml")
        ld.add_argument("out", metavar="OUT.baocao")
    if command in (None, "part"):
        pt = sub.add_parser("part", help="ghi một lĩnh vực của một báo cáo ra tệp phần gửi phòng (.baocao), "
                                         "phòng mở bằng chương trình; nhận lại bằng “Nhận phần từ phòng…”")
        pt.add_argument("workbook", metavar="WORKBOOK")
        pt.add_argument("--sector", required=True, metavar="CODE", help="mã lĩnh vực (xem trong danh mục)")
        pt.add_argument("--period", help=PERIOD_HELP)
        pt.add_argument("--year", type=int)
        pt.add_argument("-o", "--output", required=True, metavar="PART.baocao")
    if command in (None, "merge"):
        m = sub.add_parser("merge", help="nhận lại tệp Word đã xuất rồi được sửa: in các thay đổi; --apply để ghi vào sổ")
        m.add_argument("workbook", metavar="WORKBOOK")
        m.add_argument("file", metavar="FILE.docx")
        m.add_argument("--period", help=PERIOD_HELP + " (mặc định: báo cáo ghi trong tệp)")
        m.add_argument("--year", type=int)
        m.add_argument("--apply", action="store_true", help="ghi mọi thay đổi vào sổ (một bước, hoàn tác được trong cửa sổ)")
        m.add_argument("--by-text", action="store_true",
                       help="tệp không mang dấu của sổ này: vẫn so theo nội dung từng đoạn")
        m.add_argument("--force", action="store_true",
                       help="vẫn ghi khi tệp gần như không khớp với báo cáo (sẽ xóa quá nửa số đoạn, hoặc chưa đến "
                            "một phần năm số đoạn của tệp khớp); sổ được lưu một bản trước khi ghi")
    if command in (None, "rollup"):
        ru = sub.add_parser("rollup", help="tổng hợp số liệu một báo cáo từ cùng báo cáo của các sổ khác (các tỉnh cũ "
                                           "đã hợp nhất, các phòng, xã); các sổ đó chỉ được đọc")
        ru.add_argument("workbook", metavar="WORKBOOK")
        ru.add_argument("parts", nargs="+", metavar="PART.baocao")
        ru.add_argument("--period", required=True, help=PERIOD_HELP)
        ru.add_argument("--year", type=int, required=True)
        ru.add_argument("--dry-run", action="store_true", help="chỉ in các thay đổi, không ghi vào sổ")
    if command in (None, "handover"):
        ho = sub.add_parser("handover", help="chuyển một lĩnh vực sang cơ quan khác: ghi tệp sổ mới chứa chỉ tiêu, số "
                                             "liệu và các đoạn của lĩnh vực qua mọi báo cáo; các báo cáo sau không "
                                             "còn lĩnh vực này")
        ho.add_argument("workbook", metavar="WORKBOOK")
        ho.add_argument("--sector", required=True, metavar="CODE", help="mã lĩnh vực (xem trong danh mục)")
        ho.add_argument("--after", metavar="P:YEAR",
                        help="báo cáo cuối cùng còn lĩnh vực này, ví dụ 6m:2025 (mặc định: báo cáo mới nhất)")
        ho.add_argument("-o", "--output", required=True, metavar="OUT.baocao")
    if command in (None, "receive"):
        rc = sub.add_parser("receive", help="nhận một lĩnh vực cơ quan khác chuyển sang (tệp do lệnh handover ghi) "
                                            "vào sổ này; --apply để ghi")
        rc.add_argument("workbook", metavar="WORKBOOK")
        rc.add_argument("file", metavar="FILE.baocao")
        rc.add_argument("--apply", action="store_true", help="ghi vào sổ (một bước)")
    if command in (None, "import-figures"):
        f = sub.add_parser("import-figures", help="nhập số liệu từ bảng tính (.xlsx, .xls, .ods, .csv): in các số "
                                                  "liệu sẽ thay đổi; --apply để ghi vào sổ")
        f.add_argument("workbook", metavar="WORKBOOK")
        f.add_argument("file", metavar="FILE.xlsx|FILE.xls|FILE.ods|FILE.csv")
        f.add_argument("--period", help=PERIOD_HELP)
        f.add_argument("--year", type=int)
        f.add_argument("--sector", metavar="CODE",
                       help="tạo các dòng không khớp chỉ tiêu nào thành chỉ tiêu mới của lĩnh vực này")
        f.add_argument("--apply", action="store_true", help="ghi các số liệu vào sổ (một bước, hoàn tác được)")
    return p


def _utf8_streams() -> None:
    # A Windows console may be cp1252: Vietnamese must never crash a print.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """The window, or one command. Run as the program (``argv`` None: the console script, ``python -m``, the frozen
    launcher), a command ends the process itself once its output and log are written (``_end``)."""
    as_program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    from .logsetup import setup_logging

    setup_logging()
    code = _run(argv)
    if as_program and argv and argv[0] in COMMANDS:
        _end(code)
    return code


def _run(argv: list[str]) -> int:
    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            if argv:
                _refuse_unknown_command(argv)
            from .ui.launch import run_window

            return run_window(argv[0] if argv else None)
        args = _parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
        from . import commands

        names = {"list": "list_reports", "import": "import_word", "load": "load_text", "import-figures": "import_figures"}
        return getattr(commands, names.get(args.command, args.command))(args)
    except UserError as exc:
        log.error("%s", exc.gloss)
        _tell(exc.message)
        return 2
    except KeyboardInterrupt as exc:  # Ctrl+C: one sentence (a stopped PDF converter says what was kept), no traceback
        log.info("interrupted (Ctrl+C)")
        _tell(getattr(exc, "message", "Đã dừng theo yêu cầu (Ctrl+C)."))
        return 130
    except Exception:  # the last net: the clerk gets a sentence, the log gets the traceback
        log.exception("unexpected error")
        _tell("Đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào tệp nhật ký.")
        return 3


def _refuse_unknown_command(argv: list[str]) -> None:
    """A mistyped command (``baocao-gui exprot mau.baocao -o x.docx``) is said, with the commands there are, instead of
    opening the window on a workbook named "exprot". The window takes one argument, a workbook: a file that exists,
    or a name ending in .baocao (a workbook the window will say it cannot find)."""
    first = argv[0]
    if len(argv) == 1 and (os.path.exists(first) or first.lower().endswith(".baocao")):
        return
    import difflib

    near = difflib.get_close_matches(first.lower(), COMMANDS, n=1, cutoff=0.6)
    guess = f" Có phải là “{near[0]}”?" if near else ""
    raise UserError(f"Không có lệnh “{first}”.{guess} Các lệnh: {', '.join(COMMANDS)}; "
                    "hoặc chỉ ghi tên một sổ báo cáo (.baocao) để mở cửa sổ.",
                    f"unknown command {first!r}")


def _end(code: int) -> None:
    """End the process now, without Python's teardown of every module it loaded: freeing what python-docx, lxml and
    the program hold took 17–28 ms of each command, a sixth of an export (benchmarks/README.md). Nothing is lost by
    then: a command has closed the files it wrote (with-blocks) and its workbook and lock (finally); the exit
    handlers run as at any exit (logging's flushes and closes the log), then the console is flushed. A command that
    left a thread running returns instead, and the process ends the usual way, waiting for it."""
    import atexit
    import threading

    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()  # what the interpreter runs first at exit: logging.shutdown and any other handler
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe (baocao-gui list | head): nothing left to tell
                pass
    os._exit(code)


def _tell(message: str) -> None:
    """One sentence to the clerk: on the console, or in a box when there is none (the windowed .exe)."""
    if sys.stderr is not None:
        print(message, file=sys.stderr)
        return
    try:
        from .ui.dialogs.boxes import tell_in_a_box

        tell_in_a_box(message)
    except Exception:  # nothing left to tell it with; the log has it
        log.exception("could not show the message")


if __name__ == "__main__":
    sys.exit(main())
