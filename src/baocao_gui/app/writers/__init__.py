"""Export formats, one module each: what a writer is, and what it gets.

A writer receives an ``ExportInput`` — the report as it prints (``outline``, composed once, a sent report as it
was sent) and its figures (``figures``: the same sheet of figures the text cites, every value as the report
writes it) — and writes one file at ``target``, whole or not at all. ``app/export.py`` lists the writers
(``WRITERS``, keyed by suffix); the window offers one menu item per writer, the command line takes any of their
suffixes. A new format is a module here and its line in that list; a writer that makes its own bytes writes them
with ``write_whole`` (re-exported here), so its file is whole or not there, as the .docx and the PDF are.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...compose.outline import Outline
from ...domain.figures import FigureWriter, sheet
from ...domain.model import Report, Workbook
from ..whole_file import write_whole

__all__ = ["ExportInput", "Progress", "Writer", "write_file", "write_whole"]

Progress = Callable[[str], None]  # one Vietnamese phrase: what the export is doing now (said again while it lasts)


def write_file(target: Path, data: str | bytes, program: str = "Excel") -> Path:
    """``write_whole`` for an export: a file that cannot be written is one sentence (no folder, a folder by that
    name, a read-only folder, the file open in ``program``, a full disk), and nothing is left half-written."""
    import errno

    from ...errors import UserError

    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"Không có thư mục “{folder}” để ghi tệp.", f"no folder {folder}")
    if target.is_dir():
        raise UserError(f"“{target.name}” là một thư mục; hãy chọn tên tệp khác.", f"{target} is a folder")
    try:
        return write_whole(target, data)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            reason = "ổ đĩa đã đầy"
        elif exc.errno in (errno.EACCES, errno.EPERM) or getattr(exc, "winerror", None) in (5, 32, 33):
            reason = f"thư mục chỉ đọc, không có quyền ghi, hoặc tệp đang mở trong {program}; hãy đóng tệp rồi xuất lại"
        else:
            reason = f"tệp đang mở trong {program}, chỉ đọc, hoặc ổ đĩa đã đầy"
        raise UserError(f"Không ghi được tệp “{target.name}”: {reason}.", f"cannot write {target}: {exc}") from exc


@dataclass(frozen=True)
class ExportInput:
    """What every writer gets."""

    workbook: Workbook
    report: Report
    composed: Outline | None = None  # the outline, when the export path composed it already
    # a report marked sent: the files it was sent as, kept in the workbook (".docx", ".pdf" → their bytes, checked
    # against what was recorded); a writer of that kind writes these bytes, not the report composed again
    sent_files: dict[str, bytes] = field(default_factory=dict)
    annex: bool | None = None  # the annex as the report chose it (None), or forced, for an outline composed here

    @cached_property
    def outline(self) -> Outline:
        """The report as it prints; a writer of figures alone (.xlsx, .csv, DHIS2) never asks, and never waits."""
        if self.composed is not None:
            return self.composed
        from ...compose import compose_outline

        return compose_outline(self.workbook, self.report, annex=self.annex)

    @cached_property
    def figures(self) -> FigureWriter:
        """Every figure of the report as it prints (the sheet the text's citations are written from)."""
        return sheet(self.workbook, self.report)


@dataclass(frozen=True)
class Writer:
    suffix: str  # ".docx"
    kind: str  # "Tệp Word": the file's kind in dialogs, filters and messages
    action: str  # "&Xuất tệp Word…": the window's menu item
    write: Callable[[ExportInput, Path, threading.Event | None, Progress], Path]
    shortcut: str = ""  # "Ctrl+E"
    tip: str = ""  # the menu item's tooltip
    slow: bool = False  # written off the window's thread, with a progress box and Hủy
    beside: Callable[[Path], tuple[Path, ...]] = field(default=lambda target: ())  # other files it leaves
    figures: bool = False  # the report's figures only (issue 23): offered together under “Xuất số liệu…”
    variant: str = ""  # "dhis2": a second writer of a suffix another has (.csv), chosen by name (--dhis2)

    @property
    def key(self) -> str:
        """Its key in ``WRITERS``: the suffix (".xlsx"), or the variant before it (".dhis2.csv")."""
        return f".{self.variant}{self.suffix}" if self.variant else self.suffix

    @property
    def filter(self) -> str:
        return f"{self.kind} (*{self.suffix})"
