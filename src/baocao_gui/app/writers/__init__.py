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

__all__ = ["ExportInput", "Progress", "Writer", "write_whole"]

Progress = Callable[[str], None]  # one Vietnamese phrase: what the export is doing now (said again while it lasts)


@dataclass(frozen=True)
class ExportInput:
    """What every writer gets."""

    workbook: Workbook
    report: Report
    outline: Outline
    # a report marked sent: the files it was sent as, kept in the workbook (".docx", ".pdf" → their bytes, checked
    # against what was recorded); a writer of that kind writes these bytes, not the report composed again
    sent_files: dict[str, bytes] = field(default_factory=dict)

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

    @property
    def filter(self) -> str:
        return f"{self.kind} (*{self.suffix})"
