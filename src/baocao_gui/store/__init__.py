"""The workbook file (.baocao): one SQLite database per agency. No Qt here."""

import sys as _sys

# sqlite-utils imports numpy when it is installed, only to accept numpy values, which a workbook never
# holds: ~100 ms of every start. Keep it out while sqlite-utils loads (numpy stays importable afterwards).
_numpy_absent = "numpy" not in _sys.modules
if _numpy_absent:
    _sys.modules["numpy"] = None  # type: ignore[assignment]
try:
    import sqlite_utils  # noqa: F401
finally:
    if _numpy_absent:
        del _sys.modules["numpy"]

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
