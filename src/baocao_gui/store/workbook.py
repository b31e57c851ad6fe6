"""Open, create and read a workbook file. Every write happens inside ``db.atomic()``."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from ..domain.model import (
    Agency,
    Block,
    BlockKind,
    Indicator,
    Part,
    Period,
    PeriodKind,
    PlanMeaning,
    Report,
    Role,
    Sector,
    Values,
    Workbook,
)
from ..domain.rules import Missing, Rule
from ..errors import UserError
from .schema import APPLICATION_ID, MIGRATION_SET, migrations

log = logging.getLogger(__name__)
SQLITE_MAGIC = b"SQLite format 3\x00"


class WorkbookError(UserError):
    pass


def _configure(db: Database, readonly: bool) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 3000")
    if not readonly:
        # WAL: a crash mid-write never damages what was committed; FULL: a commit that returned survives
        # a power cut.
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")


def _database(path: Path, readonly: bool) -> Database:
    """A connection without sqlite-utils plugins: nothing installed beside us runs against a workbook."""
    if readonly:
        # immutable: on a read-only folder SQLite could not create the -shm file a WAL database needs
        flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
        return Database(sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True), execute_plugins=False)
    return Database(path, execute_plugins=False)


def create_workbook(path: str | Path) -> Database:
    """A new, empty workbook at ``path`` (which must not exist yet)."""
    path = Path(path)
    if path.exists():
        raise WorkbookError(f"Tệp “{path}” đã có; hãy chọn tên khác để không ghi đè.", f"{path} exists")
    if not path.parent.is_dir():
        raise WorkbookError(f"Không có thư mục “{path.parent}” để tạo sổ báo cáo.", f"no folder {path.parent}")
    try:
        db = _database(path, readonly=False)
        _configure(db, readonly=False)
        migrations.apply(db)
    except (sqlite3.Error, OSError) as exc:
        raise WorkbookError(f"Không tạo được sổ báo cáo “{path}”: không ghi được vào thư mục này.",
                            f"cannot create {path}: {exc}") from exc
    return db


def open_workbook(path: str | Path, *, readonly: bool = False) -> Database:
    """Open an existing workbook, refusing anything that is not one, with one Vietnamese sentence."""
    path = Path(path)
    if not path.is_file():
        raise WorkbookError(f"Không tìm thấy tệp sổ báo cáo “{path}”.", f"no such file {path}")
    try:
        with path.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise WorkbookError(f"Không đọc được tệp “{path}”.", f"cannot read {path}: {exc}") from exc
    if magic != SQLITE_MAGIC:
        raise WorkbookError(f"Tệp “{path.name}” không phải là sổ báo cáo của baocao-gui.", f"{path} is not SQLite")
    # Identify the file through a read-only connection first: a foreign or newer file is never touched.
    try:
        probe = _database(path, readonly=True)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            applied = {m.name for m in migrations.applied(probe)} if app_id == APPLICATION_ID else set()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise WorkbookError(f"Tệp “{path.name}” bị hỏng, không đọc được.", f"{path} damaged: {exc}") from exc
    if app_id != APPLICATION_ID:
        raise WorkbookError(f"Tệp “{path.name}” không phải là sổ báo cáo của baocao-gui.",
                            f"{path} has application_id {app_id}")
    known = {m.name for m in migrations._migrations}
    if applied - known:
        raise WorkbookError(
            f"Sổ báo cáo “{path.name}” được tạo bởi phiên bản mới hơn của chương trình; hãy cập nhật baocao-gui.",
            f"{path} has unknown migrations {sorted(applied - known)}",
        )
    try:
        db = _database(path, readonly)
        _configure(db, readonly)
    except sqlite3.DatabaseError as exc:
        raise WorkbookError(f"Không mở được sổ báo cáo “{path.name}” để ghi: tệp chỉ đọc hoặc đang bị khóa.",
                            f"cannot open {path} for writing: {exc}") from exc
    if migrations.pending(db):
        if readonly:
            db.close()
            raise WorkbookError(f"Sổ báo cáo “{path.name}” cần được nâng cấp; hãy mở nó trong cửa sổ chương trình.",
                                f"{path} needs migrations but was opened read-only")
        from .backup import make_backup

        backup = make_backup(db, path, "nang-cap")
        if backup is None:
            db.close()
            raise WorkbookError(f"Không tạo được bản lưu trước khi nâng cấp sổ báo cáo “{path.name}”; "
                                "chưa thay đổi gì.", f"pre-migration backup of {path} failed")
        log.info("backed up %s to %s before migrating", path, backup)
        migrations.apply(db)
    return db


def writable(path: Path) -> bool:
    """Can the workbook be written (the file, and its folder for SQLite's -wal and -shm files)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def close_workbook(db: Database) -> None:
    """Close so the file on disk is whole by itself (no -wal beside it): safe to copy, mail or open read-only."""
    try:
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:  # another connection still open: SQLite keeps WAL, nothing is lost
        log.info("journal mode left as is: %s", exc)
    db.close()


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_workbook(db: Database, only: int | None = None) -> Workbook:
    """Read the workbook into the domain model (a handful of queries, not one per field).

    With ``only``, the other reports come without their figures and paragraphs (the window edits one
    report at a time; a workbook keeps years of them).
    """
    a = next(db.query("SELECT * FROM agency WHERE id = 1"), None) or {}
    agency = Agency(a.get("parent_name", ""), a.get("name", ""), a.get("abbreviation", ""), a.get("place", ""))
    labels = {r["key"]: r["text"] for r in db.query("SELECT key, text FROM label")}
    sector_rows = list(db.query("SELECT * FROM sector ORDER BY position, id"))
    sector_code = {r["id"]: r["code"] for r in sector_rows}
    sectors = tuple(Sector(r["code"], Role(r["role"]), r["title"], r["task_title"]) for r in sector_rows)
    ind_rows = list(db.query(
        "SELECT i.* FROM indicator i JOIN sector s ON s.id = i.sector_id ORDER BY s.position, i.position, i.id"))
    ind_code = {r["id"]: r["code"] for r in ind_rows}
    indicators = tuple(
        Indicator(
            code=r["code"], sector=sector_code[r["sector_id"]], name=r["name"], unit=r["unit"],
            parent=ind_code.get(r["parent_id"]), parts_complete=bool(r["parts_complete"]),
            plan_meaning=PlanMeaning(r["plan_meaning"]), pad=bool(r["pad"]), sentence=r["sentence"],
        )
        for r in ind_rows
    )
    reports = tuple(_load_report(db, r, sector_code, ind_code, content=only is None or r["id"] == only)
                    for r in db.query("SELECT * FROM report ORDER BY year, period_kind"))
    rules = tuple(Rule(r["id"], r["left_side"], r["operator"], r["right_side"], r["importance"], r["message"],
                       Missing(r["missing"]))
                  for r in db.query("SELECT * FROM rule ORDER BY position, id"))
    return Workbook(agency, labels, sectors, indicators, reports, rules)


def _load_report(db: Database, r: dict, sector_code: dict[int, str], ind_code: dict[int, str],
                 content: bool = True) -> Report:
    rid = r["id"]
    if not content:
        return Report(id=rid, period=Period(PeriodKind(r["period_kind"]), r["year"]), number=r["number"],
                      date=_date(r["date"]), type_name=r["type_name"], summary=r["summary"])
    values = load_values(db, rid, ind_code)
    blocks = load_blocks(db, rid, sector_code)
    recipients = tuple(x["text"] for x in db.query(
        "SELECT text FROM recipient WHERE report_id = ? ORDER BY position, id", [rid]))
    return Report(
        id=rid, period=Period(PeriodKind(r["period_kind"]), r["year"]), number=r["number"],
        date=_date(r["date"]), type_name=r["type_name"], summary=r["summary"],
        signer_authority=r["signer_authority"], signer_title=r["signer_title"], signer_name=r["signer_name"],
        recipients=recipients, values=values, blocks=blocks,
    )


def code_maps(db: Database) -> tuple[dict[int, str], dict[int, str]]:
    """(sector id → code, indicator id → code)."""
    return (dict(db.execute("SELECT id, code FROM sector").fetchall()),
            dict(db.execute("SELECT id, code FROM indicator").fetchall()))


def load_values(db: Database, report_id: int, ind_code: dict[int, str]) -> dict[str, Values]:
    """One report's figures: two queries, rows read as tuples (the window reloads them after each edit)."""
    overrides: dict[str, dict[str, float]] = {}
    for iid, field, value in db.execute(
            "SELECT indicator_id, field, value FROM override WHERE report_id = ?", [report_id]):
        overrides.setdefault(ind_code[iid], {})[field] = value
    values = {
        ind_code[iid]: Values(actual, plan, last, target, overrides.pop(ind_code[iid], {}))
        for iid, actual, plan, last, target in db.execute(
            "SELECT indicator_id, actual, plan, last, target FROM value WHERE report_id = ?", [report_id])
    }
    for code, ov in overrides.items():
        values[code] = Values(overrides=ov)
    return values


def load_value(db: Database, report_id: int, code: str) -> Values | None:
    """One indicator's figures in one report (after an edit of just that figure)."""
    row = db.execute("SELECT v.actual, v.plan, v.last, v.target FROM value v JOIN indicator i ON i.id = v.indicator_id "
                     "WHERE v.report_id = ? AND i.code = ?", [report_id, code]).fetchone()
    overrides = dict(db.execute("SELECT o.field, o.value FROM override o JOIN indicator i ON i.id = o.indicator_id "
                                "WHERE o.report_id = ? AND i.code = ?", [report_id, code]).fetchall())
    if row is None and not overrides:
        return None
    return Values(*(row or (None, None, None, None)), overrides=overrides)


def load_blocks(db: Database, report_id: int, sector_code: dict[int, str]) -> dict[tuple[Part, str], tuple[Block, ...]]:
    blocks: dict[tuple[Part, str], list[Block]] = {}
    parts = {p.value: p for p in Part}
    kinds = {k.value: k for k in BlockKind}
    for bid, part, sector_id, kind, text in db.execute(
            "SELECT id, part, sector_id, kind, text FROM block WHERE report_id = ? "
            "ORDER BY part, sector_id, position, id", [report_id]):
        blocks.setdefault((parts[part], sector_code.get(sector_id, "")), []).append(Block(kinds[kind], text, bid))
    return {k: tuple(v) for k, v in blocks.items()}


def schema_version(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


__all__ = ["MIGRATION_SET", "WorkbookError", "create_workbook", "load_workbook", "open_workbook", "schema_version"]
