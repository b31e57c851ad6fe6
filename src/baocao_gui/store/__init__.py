"""The workbook file (.baocao): one SQLite database per agency. No Qt here."""

from .workbook import (
    DamagedWorkbook,
    UnreadableRows,
    WorkbookError,
    close_workbook,
    create_workbook,
    load_workbook,
    open_workbook,
    writable,
)

__all__ = ["DamagedWorkbook", "UnreadableRows", "WorkbookError", "close_workbook", "create_workbook", "load_workbook", "open_workbook", "writable"]
