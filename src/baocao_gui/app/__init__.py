"""The application: what the window and the command line do with a workbook, without Qt.

``Document`` is an open workbook; ``edit`` says what an edit is and ``edits/`` builds them, a module for each
kind of change; ``files`` makes new workbooks; ``export`` writes a report. The window (``ui/``) reaches the store
only through here. Names load when first used: the command line's ``export`` needs neither the edits nor the
catalogues.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers, and for PyInstaller, which finds modules by their import statements
    from ..errors import UserError
    from ..store import DamagedWorkbook, UnreadableRows, WorkbookError
    from ..store.backup import Backup, copy_backup_beside, list_backups
    from ..store.lock import LockedError
    from ..store.workbook import BusyWorkbook
    from .document import Document
    from .edit import EVERYTHING, Change, Edit, EditRefused, Scope
    from .export import Exported, choose_target, export_report, export_target, write_report
    from .files import EXAMPLES, catalogues, new_workbook, write_sample

_WHERE = {
    "UserError": "..errors",
    "DamagedWorkbook": "..store", "UnreadableRows": "..store", "WorkbookError": "..store",
    "Backup": "..store.backup", "copy_backup_beside": "..store.backup", "list_backups": "..store.backup",
    "LockedError": "..store.lock", "BusyWorkbook": "..store.workbook",
    "EVERYTHING": ".edit", "Change": ".edit", "Document": ".document", "Edit": ".edit",
    "EditRefused": ".edit", "Scope": ".edit",
    "Exported": ".export", "export_report": ".export", "export_target": ".export", "choose_target": ".export",
    "write_report": ".export",
    "catalogues": ".files", "new_workbook": ".files", "write_sample": ".files", "EXAMPLES": ".files",
}
__all__ = ["EVERYTHING", "EXAMPLES", "Backup", "BusyWorkbook", "Change", "DamagedWorkbook", "Document", "Edit", "EditRefused",
           "Exported", "LockedError", "Scope", "UnreadableRows", "UserError", "WorkbookError", "catalogues",
           "choose_target", "copy_backup_beside", "export_report", "export_target", "list_backups", "new_workbook",
           "write_report", "write_sample"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value
