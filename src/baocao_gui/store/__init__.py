"""The workbook file (.baocao): one SQLite database per agency. No Qt here."""

from .workbook import WorkbookError, create_workbook, load_workbook, open_workbook

__all__ = ["WorkbookError", "create_workbook", "load_workbook", "open_workbook"]
