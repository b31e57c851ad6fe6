"""Open, create and read a workbook file. Every write happens inside ``db.atomic()``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from ..domain.dhis2 import MappingError, is_uid, mapping_from_json
from ..domain.model import (
    ANNEX_COLUMNS,
    DEFAULT_ANNEX_COLUMNS,
    MAX_PRECISION,
    OVERRIDE_FIELDS,
    RANGE_FIELDS,
    VALUE_FIELDS,
    Agency,
    AnnexChoice,
    Block,
    BlockKind,
    Dhis2Target,
    FigureSource,
    Indicator,
    Part,
    Period,
    PeriodKind,
    PlanDirection,
    PlanMeaning,
    Report,
    Role,
    Sector,
    Sent,
    SentFile,
    SignImages,
    Values,
    Workbook,
)
from ..domain.rules import Missing, Rule
from ..domain.vnformat import MAX_DECIMALS, storable
from ..errors import UserError
from .db import Db as Database
from .schema import APPLICATION_ID, MIGRATION_SET, migrations

log = logging.getLogger(__name__)
SQLITE_MAGIC = b"SQLite format 3\x00"


class WorkbookError(UserError):
    pass


class DamagedWorkbook(WorkbookError):
    """The file cannot be read (a damaged page): nothing was written to it."""


class UnreadableRows(WorkbookError):
    """Some rows break the model (an odd cell, a hand-edited file): nothing was written to the file; open it
    read-only, where ``load_workbook`` lists ``problems``."""

    def __init__(self, message: str, gloss: str, problems: tuple[str, ...]):
        super().__init__(message, gloss)
        self.problems = problems


BUSY_MS = 3000  # the command line waits this long for a file another program holds


class BusyWorkbook(WorkbookError):
    """Another program holds the file for now (antivirus, OneDrive, a backup tool): try again in a moment."""

    def __init__(self, path: Path):
        super().__init__(f"Sổ báo cáo “{path.name}” đang bị chương trình khác giữ (phần mềm diệt virus, OneDrive…); "
                         "hãy thử lại sau ít giây.", f"{path} is busy")


def busy(exc: BaseException) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: the file is held, not damaged."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def _configure(db: Database, readonly: bool, busy_ms: int = BUSY_MS) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    if not readonly:
        # A rollback journal: after every commit the .baocao alone holds everything committed, so a copy taken
        # while the window is open (cp, a USB stick, an e-mail attachment) is whole and current. FULL: a commit
        # that returned survives a power cut. WAL kept commits in the -wal file until the window closed
        # (benchmarks/journal_bench.py: a rollback journal costs ~0,5 ms more per edit, far below the 10 ms
        # goal). TRUNCATE rather than DELETE: the journal is emptied, not deleted and created again at every
        # commit, which spares the folder's directory and the antivirus a new file each time; closing the
        # workbook deletes it.
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = TRUNCATE")
        db.execute("PRAGMA synchronous = FULL")


def _database(path: Path, readonly: bool, tolerant: bool = False) -> Database:
    """A plain connection (store/db.py): no sqlite-utils plugin ever runs against a workbook."""
    if readonly:
        # immutable: in a read-only folder SQLite cannot take its locks (nobody can write there either)
        flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
        if tolerant:
            conn.text_factory = _tolerant_text
        return Database(conn)
    return Database(path)


def check_new_path(path: Path) -> None:
    """WorkbookError unless a new workbook can be made at ``path``: nothing there yet, in a folder that exists."""
    if path.exists():
        raise WorkbookError(f"Tệp “{path}” đã có; hãy chọn tên khác để không ghi đè.", f"{path} exists")
    if not path.parent.is_dir():
        raise WorkbookError(f"Không có thư mục “{path.parent}” để tạo sổ báo cáo.", f"no folder {path.parent}")


def create_workbook(path: str | Path) -> Database:
    """A new, empty workbook at ``path`` (which must not exist yet). A workbook the clerk asked for is made by
    ``app.files.make_workbook``, under a temporary name first."""
    path = Path(path)
    check_new_path(path)
    try:
        db = _database(path, readonly=False)
        _configure(db, readonly=False)
        migrations.apply(db)
    except (sqlite3.Error, OSError) as exc:
        raise WorkbookError(f"Không tạo được sổ báo cáo “{path}”: không ghi được vào thư mục này.",
                            f"cannot create {path}: {exc}") from exc
    return db


def _beside(path: Path, suffix: str) -> Path | None:
    """SQLite's -wal or -journal file beside the workbook, when it holds something."""
    other = path.with_name(path.name + suffix)
    try:
        return other if other.stat().st_size > 0 else None
    except OSError:
        return None


def _private_copy(path: Path, *others: Path) -> Path:
    """The workbook and its -wal or -journal copied where they can be read together: left by an older version or
    a crash in a folder we cannot write, SQLite would read the file without them."""
    folder = Path(tempfile.mkdtemp(prefix="baocao-doc-"))
    target = folder / "so.baocao"
    shutil.copyfile(path, target)
    for other in others:
        shutil.copyfile(other, folder / ("so.baocao" + other.name[len(path.name):]))
    log.info("reading a private copy %s of %s", target, path)
    return target


def _readable(path: Path) -> Path:
    """The file SQLite can read whole. A hot journal left by a crash mid-commit is rolled back first (that puts
    the file back to its last commit, which a read-only connection cannot do), in place when the file can be
    written, else in a private copy; so is a -wal in a folder we cannot write."""
    journal, wal = _beside(path, "-journal"), _beside(path, "-wal")
    folder_writable = os.access(path.parent, os.W_OK)
    if journal is not None:
        target = path if folder_writable and os.access(path, os.W_OK) else _private_copy(path, journal)
        conn = sqlite3.connect(target)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # the first read rolls a hot journal back
        finally:
            conn.close()
        return target
    if wal is not None and not folder_writable:
        return _private_copy(path, wal)
    return path


def _bad_number(column: str) -> str:
    return f"({column} IS NOT NULL AND (typeof({column}) NOT IN ('integer', 'real') OR abs({column}) >= 1e15))"


def _bad_precision(table: str, column: str) -> str:
    return (f"SELECT 1 FROM {table} WHERE {column} IS NOT NULL AND (typeof({column}) != 'integer' "
            f"OR {column} NOT BETWEEN 0 AND {MAX_PRECISION})")


def _one_of(column: str, values) -> str:
    return f"{column} NOT IN ({', '.join(repr(str(v)) for v in values)})"


_TEXT_COLUMNS = {"agency": ("parent_name", "name", "abbreviation", "place"), "label": ("key", "text"),
                 "sector": ("code", "title", "task_title"), "indicator": ("code", "name", "unit", "sentence"),
                 "report": ("type_name", "summary", "signer_authority", "signer_title", "signer_name", "parent_name",
                            "agency_name", "abbreviation", "place", "sent_file", "sent_sha256", "sent_snapshot",
                            "sent_record_sha256", "edited_at"),
                 "recipient": ("text",), "block": ("part", "kind", "text"),
                 "rule": ("id", "left_side", "operator", "right_side", "importance", "message", "missing")}


def _suspect(db: Database) -> bool:
    """Anything the tolerant reader would report, looked for cheaply: SQL for cells of the wrong type or range,
    unknown kinds and odd dates; one pass over the text columns for bytes that are not UTF-8. On a clean file
    (the usual case) this replaces reading every report into the model: ~50 ms instead of 250 ms on the large
    benchmark workbook."""
    screens = [
        "SELECT 1 FROM value WHERE " + " OR ".join(_bad_number(c) for c in (*VALUE_FIELDS, *RANGE_FIELDS.values())),
        _bad_precision("indicator", "precision"),
        _bad_precision("report_format", "pct_precision"),
        "SELECT 1 FROM override WHERE " + _bad_number("value") + " OR value IS NULL OR "
        + _one_of("field", OVERRIDE_FIELDS),
        "SELECT 1 FROM report WHERE " + _one_of("period_kind", PeriodKind) + " OR typeof(year) != 'integer' "
        "OR year NOT BETWEEN 1900 AND 2200 OR (number IS NOT NULL AND (typeof(number) != 'integer' "
        "OR number NOT BETWEEN 0 AND 1000000000)) OR (date IS NOT NULL AND date != '' AND date(date, '+0 days') IS NOT date)",
        "SELECT 1 FROM sector WHERE " + _one_of("role", Role),
        "SELECT 1 FROM indicator WHERE " + _one_of("plan_meaning", PlanMeaning) + " OR "
        + _one_of("plan_direction", PlanDirection),
        "SELECT 1 FROM indicator WHERE rate_of IS NOT NULL AND (json_valid(rate_of) = 0 OR json_array_length(rate_of) != 2)",
        "SELECT 1 FROM block WHERE " + _one_of("part", Part) + " OR " + _one_of("kind", BlockKind),
        "SELECT 1 FROM rule WHERE " + _one_of("missing", Missing),
    ]
    screens += [f"SELECT 1 FROM {table} WHERE " + " OR ".join(f"typeof({c}) = 'blob'" for c in columns)
                for table, columns in _TEXT_COLUMNS.items()]
    if db.execute("SELECT " + " OR ".join(f"EXISTS ({sql})" for sql in screens)).fetchone()[0]:  # one statement
        return True
    for table, columns in _TEXT_COLUMNS.items():  # a column's bytes in one piece, decoded by Python in C
        whole = ", ".join(f"CAST(group_concat({column}, char(10)) AS BLOB)" for column in columns)
        for raw in db.execute(f"SELECT {whole} FROM {table}").fetchone():  # a table's columns in one statement
            try:
                (raw or b"").decode("utf-8")
            except UnicodeDecodeError:
                return True
    return False


def _probe(path: Path, screen: bool = True) -> tuple[int, set[str], str, tuple[str, ...]]:
    """(application_id, applied migrations, quick_check, problems of a trial load) through a read-only
    connection: a foreign, newer or damaged file is refused before anything is written to it."""
    probe = _database(path, readonly=True, tolerant=True)
    try:
        app_id = probe.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            return app_id, set(), "ok", ()
        applied = {m.name for m in migrations.applied(probe)}
        check = probe.execute("PRAGMA quick_check(1)").fetchone()[0]
        problems: tuple[str, ...] = ()
        if screen and check == "ok" and not migrations.pending(probe) and _suspect(probe):
            problems = load_workbook(probe).problems  # the full read names each place
        return app_id, applied, check, problems
    finally:
        probe.close()


def open_workbook(path: str | Path, *, readonly: bool = False, busy_ms: int = BUSY_MS, screen: bool = True) -> Database:
    """Open an existing workbook, refusing anything that is not one, with one Vietnamese sentence.

    Nothing is written to a file that is then refused: it is identified, checked (``quick_check``) and read
    once through a read-only connection first. A file whose rows break the model raises ``UnreadableRows``
    unless opened read-only; a damaged file raises ``DamagedWorkbook``.

    ``screen=False`` (read-only only: a roll-up's parts, read for their figures): the screen for odd cells and its
    trial load are skipped (~0,2 s on a large workbook); the connection reads text tolerantly and the reader keeps
    what breaks the model out, as for a file the screen flagged.
    """
    if not screen and not readonly:
        raise ValueError("only a read-only open may skip the screen")
    path = Path(path)
    if not path.is_file():
        raise WorkbookError(f"Không tìm thấy tệp sổ báo cáo “{path}”.", f"no such file {path}")
    try:
        with path.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise WorkbookError(f"Không đọc được tệp “{path}” (tệp đang bị chương trình khác giữ hoặc không có quyền đọc).",
                            f"cannot read {path}: {exc}") from exc
    if magic != SQLITE_MAGIC:
        raise WorkbookError(f"Tệp “{path.name}” không phải là sổ báo cáo của baocao-gui.", f"{path} is not SQLite")
    try:
        source = _readable(path)
        if source != path and not readonly:
            raise WorkbookError(f"Sổ báo cáo “{path.name}” nằm trong thư mục chỉ đọc.", f"{path}: read-only folder")
        app_id, applied, check, problems = _probe(source, screen)
    except OSError as exc:
        raise WorkbookError(f"Không đọc được sổ báo cáo “{path.name}”.", f"reading {path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        if busy(exc):
            raise BusyWorkbook(path) from exc
        raise DamagedWorkbook(f"Tệp “{path.name}” bị hỏng, không đọc được; tệp chưa bị thay đổi.",
                              f"{path} damaged: {exc}") from exc
    if app_id != APPLICATION_ID:
        raise WorkbookError(f"Tệp “{path.name}” không phải là sổ báo cáo của baocao-gui.",
                            f"{path} has application_id {app_id}")
    known = set(migrations.known)
    if applied - known:
        raise WorkbookError(
            f"Sổ báo cáo “{path.name}” được tạo bởi phiên bản mới hơn của chương trình; hãy cập nhật baocao-gui.",
            f"{path} has unknown migrations {sorted(applied - known)}",
        )
    if check != "ok":
        raise DamagedWorkbook(f"Tệp “{path.name}” bị hỏng, không đọc được; tệp chưa bị thay đổi.",
                              f"{path} fails quick_check: {check}")
    if problems and not readonly:
        raise UnreadableRows(f"Có {len(problems)} chỗ trong sổ báo cáo “{path.name}” không đọc được; "
                             "sổ chỉ mở được để xem.", f"{path}: {len(problems)} unreadable rows", problems)
    try:
        db = _database(source, readonly, tolerant=bool(problems) or not screen)
        _configure(db, readonly, busy_ms)
    except sqlite3.DatabaseError as exc:
        if busy(exc):
            raise BusyWorkbook(path) from exc
        raise WorkbookError(f"Không mở được sổ báo cáo “{path.name}” để ghi: tệp chỉ đọc hoặc đang bị khóa.",
                            f"cannot open {path} for writing: {exc}") from exc
    if migrations.pending(db):
        if readonly:  # a workbook of an earlier version, only read: upgraded in memory, the file untouched
            memory = Database(sqlite3.connect(":memory:"))
            try:
                db.conn.backup(memory.conn)
            finally:
                db.close()
            _configure(memory, readonly=True)
            migrations.apply(memory)
            return memory
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
    """Close so the file on disk is whole by itself (already so after every commit; this also turns a file that
    another connection left in WAL back to a rollback journal)."""
    try:
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:  # another connection still open: SQLite keeps WAL, nothing is lost
        log.info("journal mode left as is: %s", exc)
    db.close()


class _Reader:
    """Turns rows into the model, keeping what breaks it out: a damaged or hand-edited file opens as far as it
    can be read, each problem one Vietnamese line (an odd cell becomes empty; an odd row is left out)."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.places: dict[tuple, str] = {}  # a cell's place (("figure", code, field), ("block", id)) → what is wrong

    def bad(self, where: str, what: str, place: tuple | None = None) -> None:
        if len(self.problems) < 200:
            self.problems.append(f"{where}: {what}")
        if place is not None:
            self.places.setdefault(place, what)

    def text(self, value: object, where: str, place: tuple | None = None) -> str:
        if value is None:
            return ""
        if isinstance(value, bytes):
            self.bad(where, "ô chữ chứa dữ liệu nhị phân", place)
            value = value.decode("utf-8", "replace")
        if not isinstance(value, str):
            return str(value)
        if _UNDECODED.search(value):  # bytes that were not UTF-8 (read with surrogateescape)
            self.bad(where, "có chữ không đọc được (không phải mã UTF-8)", place)
            return _UNDECODED.sub("\ufffd", value)
        return value

    def number(self, value: object, where: str, place: tuple | None = None) -> float | None:
        if value is None or storable(value):
            return value  # type: ignore[return-value]
        shown = value if isinstance(value, int | float) else self.text(value, where)[:20]
        self.bad(where, f"ô số liệu không đọc được (“{shown}”)", place)
        return None

    def integer(self, value: object, where: str, low: int, high: int) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.bad(where, f"giá trị “{str(value)[:20]}” không hợp lệ")
        return None

    def choice(self, enum: type, value: object, where: str, default=None, place: tuple | None = None):
        try:
            return enum(value)
        except ValueError:
            self.bad(where, f"giá trị “{str(value)[:20]}” không có trong chương trình", place)
            return default

    def date(self, value: object, where: str) -> dt.date | None:
        if value is None or value == "":
            return None
        try:
            return dt.date.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.bad(where, f"ngày “{str(value)[:20]}” không hợp lệ")
            return None


_UNDECODED = re.compile("[\udc80-\udcff]")


def _tolerant_text(raw: bytes) -> str:
    """Text cells as str; bytes that are not UTF-8 kept as lone surrogates for the reader to report."""
    return raw.decode("utf-8", "surrogateescape")


def load_workbook(db: Database, only: int | None = None) -> Workbook:
    """Read the workbook into the domain model (a handful of queries, not one per field).

    With ``only``, the other reports come without their figures and paragraphs (the window edits one
    report at a time; a workbook keeps years of them). What cannot be read is listed in ``problems``.
    """
    rd = _Reader()
    a = next(db.query("SELECT * FROM agency WHERE id = 1"), None) or {}
    where = "Thông tin cơ quan"
    agency = Agency(*(rd.text(a.get(k), where) for k in ("parent_name", "name", "abbreviation", "place")))
    labels = {rd.text(r["key"], "Tiêu đề"): rd.text(r["text"], "Tiêu đề") for r in db.query("SELECT key, text FROM label")}
    sector_rows = list(db.query("SELECT * FROM sector ORDER BY position, id"))
    sector_code = {r["id"]: rd.text(r["code"], "Lĩnh vực") for r in sector_rows}
    sectors = []
    for r in sector_rows:
        where = f"Lĩnh vực “{rd.text(r['title'], 'Lĩnh vực')}”"
        sectors.append(Sector(sector_code[r["id"]], rd.choice(Role, r["role"], where, Role.SECTOR),
                              rd.text(r["title"], where), rd.text(r["task_title"], where)))
    ind_rows = list(db.query(
        "SELECT i.* FROM indicator i JOIN sector s ON s.id = i.sector_id ORDER BY s.position, i.position, i.id"))
    ind_code = {r["id"]: rd.text(r["code"], "Chỉ tiêu") for r in ind_rows}
    indicators = []
    for r in ind_rows:
        name = rd.text(r["name"], "Chỉ tiêu")
        where = f"Chỉ tiêu “{name}”"
        indicators.append(Indicator(
            code=ind_code[r["id"]], sector=sector_code[r["sector_id"]], name=name, unit=rd.text(r["unit"], where),
            parent=ind_code.get(r["parent_id"]), parts_complete=bool(r["parts_complete"]),
            plan_meaning=rd.choice(PlanMeaning, r["plan_meaning"], where, PlanMeaning.LEVEL), pad=bool(r["pad"]),
            sentence=rd.text(r["sentence"], where),
            precision=rd.integer(r.get("precision"), f"{where} › số chữ số thập phân", 0, MAX_PRECISION),
            plan_direction=rd.choice(PlanDirection, r.get("plan_direction", "reach"), where, PlanDirection.REACH),
            rate_of=read_rate_of(r.get("rate_of"), rd, where),
            dhis2=_dhis2_mapping(rd, r.get("dhis2"), where),
        ))
    reports = []
    for r in db.query("SELECT * FROM report ORDER BY year, id"):
        report = _load_report(db, r, sector_code, ind_code, content=only is None or r["id"] == only, rd=rd)
        if report is not None:
            reports.append(report)
    reports.sort(key=lambda r: r.period.order)
    rules = []
    for r in db.query("SELECT * FROM rule ORDER BY position, id"):
        where = f"Quy tắc kiểm tra “{rd.text(r['id'], 'Quy tắc')}”"
        missing = rd.choice(Missing, r["missing"], where)
        if missing is not None:
            rules.append(Rule(rd.text(r["id"], where), rd.text(r["left_side"], where), rd.text(r["operator"], where),
                              rd.text(r["right_side"], where), rd.text(r["importance"], where),
                              rd.text(r["message"], where), missing))
    identity = next(db.query("SELECT value FROM meta WHERE key = 'workbook_id'"), {}).get("value", "")
    dhis2 = _dhis2_target(rd, {r["key"]: r["value"] for r in db.query(
        "SELECT key, value FROM meta WHERE key IN ('dhis2_data_set', 'dhis2_org_unit')")})
    return Workbook(agency, labels, tuple(sectors), tuple(indicators), tuple(reports), tuple(rules),
                    problems=tuple(rd.problems), identity=identity if isinstance(identity, str) else "", dhis2=dhis2)


def _dhis2_mapping(rd: _Reader, raw: object, where: str) -> tuple[tuple[str, str], ...]:
    """An indicator's DHIS2 mapping (m013); one that does not read is a problem, and no mapping."""
    text = rd.text(raw, where) if raw is not None else ""
    try:
        return mapping_from_json(text, where)
    except MappingError as exc:
        rd.bad(where, f"mã DHIS2 không đọc được ({exc.message})")
        return ()


def _dhis2_target(rd: _Reader, meta: dict) -> Dhis2Target:
    out = {}
    for key in ("data_set", "org_unit"):
        value = rd.text(meta.get(f"dhis2_{key}", ""), "Thiết lập DHIS2")
        if value and not is_uid(value):
            rd.bad("Thiết lập DHIS2", f"mã {key} “{value}” không đúng dạng")
            value = ""
        out[key] = value
    return Dhis2Target(**out)


def read_rate_of(cell: object, rd: _Reader | None = None, where: str = "") -> tuple[str, str] | None:
    """An indicator's ``rate_of`` cell (JSON ``[numerator, denominator]``); a damaged one is said and read as none."""
    if cell is None or cell == "":
        return None
    try:
        pair = json.loads(cell) if isinstance(cell, str) else None
    except ValueError:
        pair = None
    if isinstance(pair, list) and len(pair) == 2 and all(isinstance(c, str) and c for c in pair):
        return (pair[0], pair[1])
    (rd or _Reader()).bad(f"{where} › tỷ lệ của", "không đọc được hai chỉ tiêu của tỷ lệ; tỷ lệ không được tính lại")
    return None


def read_figures(db: Database, report_id: int, ind_code: dict[int, str]) -> dict[str, Values]:
    """A report's raw figures and nothing else, fast (a roll-up reads twenty large workbooks): a cell that is not a
    number reads as empty, as the tolerant reader has it; typed overrides are not read."""
    columns = (*VALUE_FIELDS, *RANGE_FIELDS.values())
    numbers = ", ".join(f"CASE WHEN typeof({c}) IN ('integer', 'real') THEN {c} END" for c in columns)
    out = {}
    for iid, *row in db.execute(f"SELECT indicator_id, {numbers} FROM value WHERE report_id = ?", [report_id]):
        code = ind_code.get(iid)
        if code is not None and any(x is not None for x in row):
            out[code] = Values(*row[:4], plan_high=row[4], target_high=row[5])
    return out


def load_sources(db: Database, report_id: int, ind_code: dict[int, str]) -> tuple[FigureSource, ...]:
    """Where the report's rolled-up figures came from (m012), by indicator and part."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'figure_source'").fetchone():
        return ()  # a workbook not yet migrated (the read-only probe before opening)
    out = []
    for (iid, position, file, workbook, agency, report, edited, taken, *numbers) in db.execute(
            "SELECT indicator_id, position, file, workbook, agency, source_report, source_edited_at, taken_at, "
            "actual, plan, last, target FROM figure_source WHERE report_id = ? ORDER BY position, indicator_id",
            [report_id]):
        code = ind_code.get(iid)
        if code is None:
            continue
        out.append(FigureSource(code, int(position), str(file), str(workbook), str(agency), str(report), str(edited),
                                str(taken), *(x if isinstance(x, int | float) else None for x in numbers)))
    return tuple(out)


def _load_report(db: Database, r: dict, sector_code: dict[int, str], ind_code: dict[int, str],
                 content: bool = True, rd: _Reader | None = None) -> Report | None:
    rd = rd or _Reader()
    rid = r["id"]
    year = rd.integer(r["year"], f"Báo cáo số {rid} trong sổ", 1900, 2200)
    kind = rd.choice(PeriodKind, r["period_kind"], f"Báo cáo số {rid} trong sổ")
    if year is None or kind is None:
        rd.bad(f"Báo cáo số {rid} trong sổ", "không đọc được kỳ báo cáo nên không mở báo cáo này")
        return None
    period = Period(kind, year)
    where = f"Báo cáo {period.label}"
    head = {"id": rid, "period": period, "number": rd.integer(r["number"], f"{where} › số văn bản", 0, 10**9),
            "date": rd.date(r["date"], f"{where} › ngày ban hành"), "type_name": rd.text(r["type_name"], where),
            "summary": rd.text(r["summary"], where),
            "agency": Agency(*(rd.text(r[k], f"{where} › cơ quan") for k in ("parent_name", "agency_name",
                                                                                "abbreviation", "place"))),
            "edited_at": rd.text(r["edited_at"], where), "tone_style": _tone_style(r, rd, where)}
    if r["sent_at"]:
        head["sent"] = Sent(rd.text(r["sent_at"], where), rd.text(r["sent_file"], where),
                            rd.text(r["sent_sha256"], where), rd.text(r["sent_snapshot"], where), bool(r["sent_locked"]),
                            rd.text(r["sent_record_sha256"], where))
    if not content:
        return Report(**head)
    if "sent" in head:
        head["sent"] = dataclasses.replace(head["sent"], files=load_sent_files(db, rid))
    values = load_values(db, rid, ind_code, rd, where)
    fmt = db.execute("SELECT pct_precision FROM report_format WHERE report_id = ?", [rid]).fetchone()
    blocks = load_blocks(db, rid, sector_code, rd, where)
    off = frozenset(sector_code[x] for (x,) in db.execute(
        "SELECT sector_id FROM report_sector_off WHERE report_id = ?", [rid]) if x in sector_code)
    recipients = tuple(rd.text(x["text"], f"{where} › nơi nhận") for x in db.query(
        "SELECT text FROM recipient WHERE report_id = ? ORDER BY position, id", [rid]))
    return Report(
        **head, signer_authority=rd.text(r["signer_authority"], where), signer_title=rd.text(r["signer_title"], where),
        signer_name=rd.text(r["signer_name"], where), recipients=recipients, values=values, blocks=blocks,
        sectors_off=off,
        annex=load_annex(db, rid, rd, where), images=load_sign_images(db, rid),
        pct_precision=rd.integer(fmt[0], f"{where} › số chữ số thập phân của tỷ lệ", 0, MAX_PRECISION) if fmt else None,
        sources=load_sources(db, rid, ind_code),
    )


def _tone_style(r: dict, rd: _Reader, where: str) -> str:
    """The report's tone-mark style (m014); '' in a workbook made before it, or an unknown one reported."""
    style = r.get("tone_style") or ""
    if style not in ("", "old", "new"):
        rd.bad(f"{where} › kiểu đặt dấu thanh", f"“{style}” không phải kiểu cũ hay kiểu mới nên bỏ qua")
        return ""
    return style


def read_sign_images(row: dict[str, Any] | None) -> SignImages:
    if row is None:
        return SignImages()
    return SignImages(row["signature"], row["seal"], float(row["seal_mm"]), bool(row["printed"]))


def load_sent_files(db: Database, report_id: int) -> tuple[SentFile, ...]:
    """The files a report was sent as (m010), compressed as kept; () before m010 (a file opened read-only is not
    migrated) or where a row is not what ``edits.set_sent_files`` writes (the export then says the copy is damaged:
    a kept file is checked against its SHA-256 before it is used)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sent_file'").fetchone():
        return ()
    files = []
    for row in db.query("SELECT * FROM sent_file WHERE report_id = ? ORDER BY suffix", [report_id]):
        if isinstance(row["data"], bytes) and isinstance(row["sha256"], str) and isinstance(row["size"], int):
            files.append(SentFile(row["suffix"], str(row["name"] or ""), row["sha256"], row["size"], row["data"]))
    return tuple(files)


def load_sign_images(db: Database, report_id: int) -> SignImages:
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sign_image'").fetchone():
        return SignImages()
    row = next(db.query("SELECT * FROM sign_image WHERE report_id = ?", [report_id]), None)
    try:
        return read_sign_images(row)
    except (TypeError, ValueError):
        return SignImages()


def read_annex(row: dict[str, Any] | None) -> AnnexChoice | None:
    """The stored choice; ValueError when its cells are not what ``edits.annex_row`` writes (a damaged file)."""
    if row is None:
        return None
    columns = json.loads(row["columns"])
    sectors = None if row["sectors"] is None else json.loads(row["sectors"])
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns) or (
            sectors is not None and (not isinstance(sectors, list) or not all(isinstance(c, str) for c in sectors))):
        raise ValueError("annex cells are not lists of text")
    return AnnexChoice(None if sectors is None else tuple(sectors),
                       tuple(c for c in columns if c in ANNEX_COLUMNS) or DEFAULT_ANNEX_COLUMNS)


def load_annex(db: Database, report_id: int, rd: _Reader | None = None, where: str = "") -> AnnexChoice | None:
    """The report's annex choice; a damaged one is reported and read as the full annex (it was chosen)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'annex'").fetchone():
        return None  # a workbook not yet migrated (the read-only probe before opening)
    row = next(db.query("SELECT sectors, columns FROM annex WHERE report_id = ?", [report_id]), None)
    try:
        return read_annex(row)
    except (ValueError, TypeError):
        (rd or _Reader()).bad(f"{where} › phụ lục số liệu", "không đọc được các lĩnh vực và cột đã chọn; "
                              "phụ lục được in đủ mọi lĩnh vực và cột")
        return AnnexChoice()


def read_meta(db: Database) -> dict[str, str]:
    """The workbook's ``meta`` rows (catalogue id, name and version, workbook identity, a part's origin)."""
    return dict(db.execute("SELECT key, value FROM meta").fetchall())


def sector_rows(db: Database) -> list[dict]:
    """The sectors as stored (code, role, title, task_title), in their order."""
    return list(db.query("SELECT code, role, title, task_title FROM sector ORDER BY position, id"))


def code_maps(db: Database) -> tuple[dict[int, str], dict[int, str]]:
    """(sector id → code, indicator id → code)."""
    return (dict(db.execute("SELECT id, code FROM sector").fetchall()),
            dict(db.execute("SELECT id, code FROM indicator").fetchall()))


_FIELD_NAMES = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau",
                "plan_high": "kế hoạch (mức cao)", "target_high": "chỉ tiêu kỳ sau (mức cao)",
                "pct_plan": "% kế hoạch ghi tay", "pct_last": "% cùng kỳ ghi tay", "pct_parent": "% tổng ghi tay",
                "delta": "mức tăng giảm ghi tay"}


def load_values(db: Database, report_id: int, ind_code: dict[int, str], rd: _Reader | None = None,
                where: str = "") -> dict[str, Values]:
    """One report's figures: two queries, rows read as tuples (the window reloads them after each edit)."""
    rd = rd or _Reader()
    overrides: dict[str, dict[str, float]] = {}
    for iid, field, value in db.execute(
            "SELECT indicator_id, field, value FROM override WHERE report_id = ?", [report_id]):
        if iid not in ind_code or field not in OVERRIDE_FIELDS:
            continue
        number = rd.number(value, f"{where} › {ind_code[iid]} › {_FIELD_NAMES[field]}")
        if number is not None:
            overrides.setdefault(ind_code[iid], {})[field] = number
    values = {}
    for iid, places, *raw in db.execute(
            f"SELECT indicator_id, places, {', '.join(_STORED)} FROM value WHERE report_id = ?", [report_id]):
        if iid not in ind_code:
            continue
        code = ind_code[iid]
        numbers = {f: rd.number(v, f"{where} › {code} › {_FIELD_NAMES[f]}", ("figure", code, f))
                   for f, v in zip(_STORED, raw, strict=True)}
        values[code] = _values(numbers, overrides.pop(code, {}), places)
    for code, ov in overrides.items():
        values[code] = Values(overrides=ov)
    return values


def load_value(db: Database, report_id: int, code: str) -> Values | None:
    """One indicator's figures in one report (after an edit of just that figure)."""
    rd = _Reader()
    row = db.execute(f"SELECT v.places, {', '.join('v.' + f for f in _STORED)} FROM value v "
                     "JOIN indicator i ON i.id = v.indicator_id WHERE v.report_id = ? AND i.code = ?",
                     [report_id, code]).fetchone()
    overrides = {f: n for f, v in db.execute(
        "SELECT o.field, o.value FROM override o JOIN indicator i ON i.id = o.indicator_id "
        "WHERE o.report_id = ? AND i.code = ?", [report_id, code]).fetchall()
        if (n := rd.number(v, code)) is not None}
    if row is None and not overrides:
        return None
    places, *row = row or ("", *(None,) * len(_STORED))
    return _values({f: rd.number(v, code) for f, v in zip(_STORED, row, strict=True)}, overrides, places)


_STORED = (*VALUE_FIELDS, *RANGE_FIELDS.values())  # the columns of a value row


def _values(numbers: dict[str, float | None], overrides: dict[str, float], places: object = "") -> Values:
    """A range's upper end only beside its lower end (a lone upper end, from a hand-edited file, is dropped)."""
    for low, high in RANGE_FIELDS.items():
        if numbers[low] is None:
            numbers[high] = None
    return Values(**numbers, overrides=overrides, places=read_places(places, numbers))


def read_places(text: object, numbers: dict[str, float | None] | None = None) -> dict[str, int]:
    """``value.places`` (m011): the decimals figures were typed with, by column; what is not a small count of
    decimals of a figure that is there is left out (a damaged cell only loses its trailing zeros)."""
    if not text or not isinstance(text, str):
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {f: n for f, n in data.items() if f in _STORED and type(n) is int and 0 < n <= MAX_DECIMALS
            and (numbers is None or numbers.get(f) is not None)}


def places_text(places: dict[str, int]) -> str:
    """``value.places`` as stored: '' when no figure needs it."""
    kept = {f: n for f, n in sorted(places.items()) if f in _STORED and n}
    return json.dumps(kept, separators=(",", ":")) if kept else ""


def load_blocks(db: Database, report_id: int, sector_code: dict[int, str], rd: _Reader | None = None,
                where: str = "", only: tuple[Part, str] | None = None) -> dict[tuple[Part, str], tuple[Block, ...]]:
    """A report's paragraphs by (part, sector code); with ``only``, just that part (after an edit of one of its
    paragraphs: a report may hold thousands)."""
    rd = rd or _Reader()
    blocks: dict[tuple[Part, str], list[Block]] = {}
    parts = {p.value: p for p in Part}
    kinds = {k.value: k for k in BlockKind}
    sql, params = ("SELECT id, part, sector_id, kind, text FROM block WHERE report_id = ? "
                   "ORDER BY part, sector_id, position, id"), [report_id]
    if only is not None:
        sector_id = next((i for i, code in sector_code.items() if code == only[1]), None) if only[1] else None
        sql = ("SELECT id, part, sector_id, kind, text FROM block WHERE report_id = ? AND part = ? "
               "AND sector_id IS ? ORDER BY position, id")
        params = [report_id, Part(only[0]).value, sector_id]
    for bid, part, sector_id, kind, text in db.execute(sql, params):
        place = ("block", bid)
        if part not in parts:
            rd.bad(f"{where} › đoạn văn số {bid}", f"phần “{str(part)[:20]}” không có trong chương trình; bỏ qua đoạn này",
                   place)
            continue
        kind = kinds.get(kind) or rd.choice(BlockKind, kind, f"{where} › đoạn văn số {bid}", BlockKind.PARAGRAPH, place)
        blocks.setdefault((parts[part], sector_code.get(sector_id, "")), []).append(
            Block(kind, rd.text(text, f"{where} › đoạn văn số {bid}", place), bid))
    return {k: tuple(v) for k, v in blocks.items()}


@dataclasses.dataclass(frozen=True)
class UnreadableCells:
    """The cells of one report the tolerant reader could not read, by place, each with what is wrong: a merge must
    not take an unreadable figure for one the other side cleared, nor a paragraph left out for one deleted."""

    figures: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # (indicator code, stored field) → what
    blocks: dict[int, str] = dataclasses.field(default_factory=dict)  # block id → what

    def __bool__(self) -> bool:
        return bool(self.figures or self.blocks)


def unreadable_cells(db: Database, report_id: int) -> UnreadableCells:
    """Which figures and paragraphs of one report ``load_workbook`` read as empty, or left out, because their cells
    could not be read (the same reader, so the same judgement)."""
    rd = _Reader()
    sector_code, ind_code = code_maps(db)
    load_values(db, report_id, ind_code, rd)
    load_blocks(db, report_id, sector_code, rd)
    return UnreadableCells({(p[1], p[2]): what for p, what in rd.places.items() if p[0] == "figure"},
                           {p[1]: what for p, what in rd.places.items() if p[0] == "block"})


def schema_version(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


__all__ = ["MIGRATION_SET", "WorkbookError", "check_new_path", "create_workbook", "load_workbook", "open_workbook", "schema_version"]
