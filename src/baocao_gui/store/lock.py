"""One window per workbook: a lock file beside it says who holds it (like LibreOffice's .~lock files).

A lock whose process is gone (a crash, a power cut), or whose process number now belongs to a program
started after the lock was taken, is stale and taken over. A lock from another machine cannot be judged
from here: the clerk is told who and since when, and may take it over after a confirmation.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import time
from pathlib import Path

from ..errors import UserError
from ..paths import hide


class LockedError(UserError):
    def __init__(self, message: str, gloss: str, holder: dict, can_take_over: bool = False):
        super().__init__(message, gloss)
        self.holder = holder
        self.can_take_over = can_take_over  # another machine's lock: "Mở và sửa" after a confirmation


def process_started(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), where the system says; None if unknown."""
    try:
        if sys.platform.startswith("linux"):
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                ticks = int(f.read().rsplit(")", 1)[1].split()[19])
            with open("/proc/stat", encoding="ascii") as f:
                boot = next(int(line.split()[1]) for line in f if line.startswith("btime "))
            return boot + ticks / os.sysconf("SC_CLK_TCK")
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            kernel = ctypes.windll.kernel32
            handle = kernel.OpenProcess(0x1000, False, pid)
            if not handle:
                return None
            try:
                times = [wintypes.FILETIME() for _ in range(4)]
                if not kernel.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
                    return None
                ticks = (times[0].dwHighDateTime << 32) | times[0].dwLowDateTime
                return ticks / 10_000_000 - 11_644_473_600  # FILETIME counts from 1601
            finally:
                kernel.CloseHandle(handle)
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return None
    return None


def holder_sentence(holder: dict, same_host: bool) -> str:
    who = holder.get("user") or "?"
    where = "máy này" if same_host else f"máy “{holder.get('host') or '?'}”"
    since = ""
    if isinstance(holder.get("since"), int | float):
        since = f" từ {dt.datetime.fromtimestamp(holder['since']):%H:%M ngày %d/%m/%Y}"
    return f"Sổ báo cáo đang được mở bởi {who} trên {where}{since}"


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


def process_gone(pid: int, since: float) -> bool:
    """Judged on this machine: the program numbered ``pid`` that was running at ``since`` (seconds since the epoch)
    has ended — its number is free, or now names a program started after that."""
    if not _alive(pid):
        return True
    started = process_started(pid)
    return started is not None and started > since + 2


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is no reason to refuse the lock
        return "?"


class WorkbookLock:
    def __init__(self, workbook: Path):
        self.path = lock_path(Path(workbook))
        self.me = {"user": _user(), "host": socket.gethostname(), "pid": os.getpid(), "since": time.time()}
        self.held = False

    def holder(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _age(self) -> float:
        try:
            return time.time() - self.path.stat().st_mtime
        except OSError:
            return 0.0

    def stale(self, holder: dict) -> bool:
        """Judged on this machine: the holder's program is gone, or its number now names a younger program."""
        if holder.get("host") != self.me["host"]:
            return False
        try:
            pid = int(holder.get("pid", 0))
        except (TypeError, ValueError):
            return True
        since = holder.get("since")
        return process_gone(pid, since if isinstance(since, int | float) else float("inf"))

    def acquire(self, take_over: bool = False) -> None:
        """Take the lock; LockedError names who holds it. ``take_over``: the clerk confirmed that another
        machine's lock is left over (that window was closed by a power cut, the stick was pulled…)."""
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self.holder() or {}
                same_host = holder.get("host") == self.me["host"]
                if self.stale(holder) or (not holder and self._age() > 5) or (take_over and not same_host):
                    self.path.unlink(missing_ok=True)
                    continue
                raise LockedError(f"{holder_sentence(holder, same_host)}; hãy đóng cửa sổ đó trước.",
                                  f"locked by {holder}", holder, can_take_over=not same_host) from None
            except OSError:
                return  # a read-only folder: no lock possible, the workbook opens read-only anyway
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.me, f)
            hide(self.path)  # hidden on Windows, as Word's own lock files are
            self.held = True
            return

    def release(self) -> None:
        if self.held:
            holder = self.holder()
            if holder and holder.get("pid") == self.me["pid"] and holder.get("host") == self.me["host"]:
                self.path.unlink(missing_ok=True)
            self.held = False
