"""Backups of a workbook with SQLite's online backup API (never a file copy of a live database).

A rolling backup is made each time the window opens a workbook (the last few are kept), and one before
every schema migration. "Save a copy" and "restore" use the same API. Backups live in the user's data
folder, one name per workbook: ``<name>-<hash of its path>-<time>-<reason>.baocao``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..paths import user_dir
from .db import Db as Database

log = logging.getLogger(__name__)
KEEP = {"mo": 5, "nang-cap": 5, "truoc-khoi-phuc": 3}  # reason → how many to keep per workbook


class BackupError(UserError):
    pass


def backup_dir() -> Path:
    return user_dir("BAOCAO_BACKUP_DIR", "Backups", "XDG_DATA_HOME", ".local/share", "backups")


def _key(workbook: Path) -> str:
    return hashlib.sha256(str(workbook.resolve()).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    reason: str

    @property
    def label(self) -> str:
        reason = {"mo": "khi mở sổ", "nang-cap": "trước khi nâng cấp", "truoc-khoi-phuc": "trước khi khôi phục",
                  "nhan-word": "trước khi nhận tệp Word đã sửa"}
        return f"{self.taken:%d/%m/%Y %H:%M:%S} ({reason.get(self.reason, self.reason)})"


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of ``source`` to ``target`` through a temporary file (no half copy)."""
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        with sqlite3.connect(tmp) as dest:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a copy is one self-contained file
        dest.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error):
        tmp.unlink(missing_ok=True)
        raise
    return target


def make_backup(db: Database, workbook: Path, reason: str = "mo") -> Path | None:
    """A rolling backup of ``workbook``; None (logged) when the backup folder cannot be written."""
    folder = backup_dir()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{workbook.stem}-{_key(workbook)}-{stamp}-{reason}.baocao"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copy_database(db.conn, target)
    except (OSError, sqlite3.Error) as exc:
        log.warning("backup of %s failed: %s", workbook, exc)
        return None
    same_reason = [b for b in list_backups(workbook) if b.reason == reason and b.path != target]
    if same_reason and _same_content(target, same_reason[0].path):
        # opened again without a change: keep the older backups rather than rotate them away for copies
        target.unlink(missing_ok=True)
        return same_reason[0].path
    for old in [b for b in list_backups(workbook) if b.reason == reason][KEEP.get(reason, 5):]:
        old.path.unlink(missing_ok=True)
    return target


def _same_content(a: Path, b: Path) -> bool:
    """The same database pages, whatever SQLite's change counters in the header say (bytes 24–27, 92–99)."""
    try:
        x, y = a.read_bytes(), b.read_bytes()
    except OSError:
        return False
    return len(x) == len(y) and x[:24] == y[:24] and x[28:92] == y[28:92] and x[100:] == y[100:]


def list_backups(workbook: Path) -> list[Backup]:
    """This workbook's backups, newest first."""
    folder = backup_dir()
    if not folder.is_dir():
        return []
    prefix = f"{workbook.stem}-{_key(workbook)}-"
    found = []
    for path in folder.glob(f"{glob_escape(prefix)}*.baocao"):
        rest = path.stem[len(prefix):]
        try:
            date, time, micro, reason = rest.split("-", 3)
            taken = dt.datetime.strptime(f"{date}-{time}-{micro}", "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        found.append(Backup(path, taken, reason))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)


def save_copy(db: Database, target: Path) -> Path:
    """"Lưu bản sao": the workbook as it is now, into ``target``."""
    if not target.parent.is_dir():
        raise BackupError(f"Không có thư mục “{target.parent}” để lưu bản sao.", f"no folder {target.parent}")
    try:
        return copy_database(db.conn, target)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Không lưu được bản sao “{target.name}”: thư mục chỉ đọc hoặc ổ đĩa đã đầy.",
                          f"cannot save copy to {target}: {exc}") from exc


def restore_backup(db: Database, workbook: Path, backup: Path) -> None:
    """Put a backup's content into the open workbook (after backing up the current state)."""
    if make_backup(db, workbook, "truoc-khoi-phuc") is None:
        raise BackupError("Không tạo được bản lưu trước khi khôi phục; chưa khôi phục gì.", "pre-restore backup failed")
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            source.backup(db.conn)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Bản lưu “{backup.name}” bị hỏng, không khôi phục được.", f"restore {backup}: {exc}") from exc


def copy_backup_beside(backup: Backup, workbook: Path) -> Path:
    """A backup as a new workbook beside ``workbook`` (or in the backup folder when that folder is read-only):
    "Sổ (bản lưu 01-12-2026 10-21).baocao". Nothing is overwritten."""
    folder = workbook.parent if os.access(workbook.parent, os.W_OK) else backup_dir()
    stem = f"{workbook.stem} (bản lưu {backup.taken:%d-%m-%Y %H-%M})"
    target = folder / f"{stem}.baocao"
    n = 2
    while target.exists():
        target, n = folder / f"{stem} {n}.baocao", n + 1
    try:
        source = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            copy_database(source, target)
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Bản lưu “{backup.label}” không chép ra được.", f"copy {backup.path}: {exc}") from exc
    return target
