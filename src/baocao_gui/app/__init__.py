"""The application: what the window and the command line do with a workbook, without Qt.

``Document`` is an open workbook and the edits made on it; ``files`` makes new workbooks; ``export`` writes
a report. The window (``ui/``) reaches the store only through here.
"""

from ..errors import UserError
from ..store import DamagedWorkbook, UnreadableRows, WorkbookError
from ..store.backup import Backup, copy_backup_beside, list_backups
from ..store.lock import LockedError
from ..store.workbook import BusyWorkbook
from .document import EVERYTHING, Change, Document, Edit, EditRefused, Scope
from .export import Exported, export_report, export_target
from .files import catalogues, new_workbook, write_sample

__all__ = ["EVERYTHING", "Backup", "BusyWorkbook", "Change", "DamagedWorkbook", "Document", "Edit", "EditRefused",
           "Exported", "LockedError", "Scope", "UnreadableRows", "UserError", "WorkbookError", "catalogues",
           "copy_backup_beside", "export_report", "export_target", "list_backups", "new_workbook", "write_sample"]
