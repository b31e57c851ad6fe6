"""One window per workbook: a lock file beside it says who holds it (like LibreOffice's .~lock files).

A lock whose process is gone (a crash, a power cut) is stale and taken over. On Windows the file is
also held open, so a second program sees it busy.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from pathlib import Path

from ..errors import UserError


class LockedError(UserError):
    def __init__(self, message: str, gloss: str, holder: dict):
        super().__init__(message, gloss)
        self.holder = holder


def lock_path(workbook: Path) -> Path:
    return workbook.with_name(f".~lock.{workbook.name}#")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is no reason to refuse the lock
        return "?"


class WorkbookLock:
    def __init__(self, workbook: Path):
        self.path = lock_path(Path(workbook))
        self.me = {"user": _user(), "host": socket.gethostname(), "pid": os.getpid()}
        self.held = False

    def holder(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def acquire(self) -> None:
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self.holder() or {}
                same_host = holder.get("host") == self.me["host"]
                if same_host and not _alive(int(holder.get("pid", 0))):
                    self.path.unlink(missing_ok=True)  # stale: its program is gone
                    continue
                who = holder.get("user", "?")
                where = "máy này" if same_host else f"máy “{holder.get('host', '?')}”"
                raise LockedError(
                    f"Sổ báo cáo đang được mở bởi {who} trên {where}; hãy đóng cửa sổ đó trước.",
                    f"locked by {holder}", holder) from None
            except OSError:
                return  # a read-only folder: no lock possible, the workbook opens read-only anyway
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.me, f)
            self.held = True
            return

    def release(self) -> None:
        if self.held:
            holder = self.holder()
            if holder and holder.get("pid") == self.me["pid"] and holder.get("host") == self.me["host"]:
                self.path.unlink(missing_ok=True)
            self.held = False
