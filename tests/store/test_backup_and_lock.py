"""Backups with SQLite's backup API, restore and copies; one window per workbook."""

import json
import os
import socket

import pytest

from baocao_gui.store import edits, load_workbook, open_workbook
from baocao_gui.store.backup import (
    BackupError,
    backup_dir,
    list_backups,
    make_backup,
    restore_backup,
    save_copy,
)
from baocao_gui.store.lock import LockedError, WorkbookLock, lock_path
from baocao_gui.store.schema import migrations
from baocao_gui.store.workbook import _database


def actual(path, code="viec_lam"):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db).report_for(2023).values[code].actual
    finally:
        db.close()


def test_a_backup_is_a_whole_workbook_in_the_users_data_folder(sample_workbook):
    db = open_workbook(sample_workbook)
    path = make_backup(db, sample_workbook)
    assert path.parent == backup_dir() and str(backup_dir()).startswith(os.environ["XDG_DATA_HOME"])
    assert not path.with_name(path.name + "-wal").exists()
    assert actual(path) == 18498
    assert list_backups(sample_workbook)[0].path == path


def test_only_the_last_five_opening_backups_are_kept(sample_workbook):
    from baocao_gui.store import edits

    db = open_workbook(sample_workbook)
    rid = db.execute("SELECT id FROM report").fetchone()[0]
    made = []
    for value in range(8):  # eight different states
        edits.set_value(db, rid, "viec_lam", "actual", value)
        made.append(make_backup(db, sample_workbook))
    kept = [b.path for b in list_backups(sample_workbook)]
    assert kept == list(reversed(made))[:5]


def test_backups_of_two_workbooks_with_the_same_name_do_not_mix(sample_workbook, tmp_path):
    other = tmp_path / "khác" / sample_workbook.name
    other.parent.mkdir()
    other.write_bytes(sample_workbook.read_bytes())
    make_backup(open_workbook(sample_workbook), sample_workbook)
    assert list_backups(other) == []


def test_an_older_workbook_is_backed_up_before_it_is_migrated(sample_workbook):
    db = open_workbook(sample_workbook)
    db.execute("DROP TABLE rule")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_rules'")
    db.conn.commit()
    db.close()
    db = open_workbook(sample_workbook)  # migrates
    assert "rule" in db.table_names()
    before = [b for b in list_backups(sample_workbook) if b.reason == "nang-cap"]
    assert len(before) == 1
    assert "rule" not in _database(before[0].path, readonly=True).table_names()  # the workbook as it was


def test_no_backup_folder_means_no_migration_and_an_untouched_workbook(sample_workbook, tmp_path, monkeypatch):
    db = open_workbook(sample_workbook)
    db.execute("DROP TABLE rule")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_rules'")
    db.conn.commit()
    db.close()
    blocker = tmp_path / "không phải thư mục"
    blocker.write_text("x")
    monkeypatch.setenv("BAOCAO_BACKUP_DIR", str(blocker / "backups"))
    from baocao_gui.store import WorkbookError

    with pytest.raises(WorkbookError, match="Không tạo được bản lưu trước khi nâng cấp"):
        open_workbook(sample_workbook)
    names = [m.name for m in migrations.applied(_database(sample_workbook, readonly=True))]
    assert "m002_rules" not in names


def test_restore_puts_a_backup_back_after_saving_the_current_state(sample_workbook):
    db = open_workbook(sample_workbook)
    backup = make_backup(db, sample_workbook)
    edits.set_value(db, 1, "viec_lam", "actual", 1)
    restore_backup(db, sample_workbook, backup)
    assert actual(sample_workbook) == 18498
    saved = [b for b in list_backups(sample_workbook) if b.reason == "truoc-khoi-phuc"]
    assert saved and actual(saved[0].path) == 1  # the state before restoring is kept too


def test_a_damaged_backup_is_refused_and_the_workbook_stays(sample_workbook, tmp_path):
    db = open_workbook(sample_workbook)
    bad = tmp_path / "hỏng.baocao"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(BackupError, match="bị hỏng"):
        restore_backup(db, sample_workbook, bad)
    assert actual(sample_workbook) == 18498


def test_save_a_copy_writes_a_whole_workbook_and_refuses_a_missing_folder(sample_workbook, tmp_path):
    db = open_workbook(sample_workbook)
    copy = save_copy(db, tmp_path / "bản sao.baocao")
    assert actual(copy) == 18498
    with pytest.raises(BackupError, match="Không có thư mục"):
        save_copy(db, tmp_path / "không có" / "x.baocao")


def test_a_second_lock_names_who_holds_the_workbook(sample_workbook):
    first = WorkbookLock(sample_workbook)
    first.acquire()
    with pytest.raises(LockedError, match="đang được mở bởi .* trên máy này"):
        WorkbookLock(sample_workbook).acquire()
    first.release()
    WorkbookLock(sample_workbook).acquire()


def test_a_lock_left_by_a_dead_program_is_taken_over(sample_workbook):
    lock_path(sample_workbook).write_text(json.dumps({"user": "an", "host": socket.gethostname(), "pid": 2**22 + 7}))
    lock = WorkbookLock(sample_workbook)
    lock.acquire()
    assert lock.held and json.loads(lock_path(sample_workbook).read_text())["pid"] == os.getpid()


def test_a_lock_from_another_computer_is_respected_and_named(sample_workbook):
    lock_path(sample_workbook).write_text(json.dumps({"user": "chi.lan", "host": "MAY-PHONG-KHTC", "pid": 1}))
    with pytest.raises(LockedError, match="chi.lan trên máy “MAY-PHONG-KHTC”"):
        WorkbookLock(sample_workbook).acquire()


def test_a_lock_whose_process_number_now_names_a_younger_program_is_taken_over(tmp_path):
    import json
    import os
    import socket
    import time

    from baocao_gui.store.lock import WorkbookLock, lock_path

    book = tmp_path / "sổ.baocao"
    book.write_bytes(b"")
    # a lock taken decades before the program now running under that number started cannot be that program's
    holder = {"user": "an", "host": socket.gethostname(), "pid": os.getppid(), "since": time.time() - 86400 * 365 * 40}
    lock_path(book).write_text(json.dumps(holder), encoding="utf-8")
    lock = WorkbookLock(book)
    lock.acquire()
    assert lock.held and json.loads(lock_path(book).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_a_live_lock_on_this_machine_is_respected_and_names_who_and_since_when(tmp_path):
    import json
    import os
    import socket
    import time

    import pytest

    from baocao_gui.store.lock import LockedError, WorkbookLock, lock_path

    book = tmp_path / "sổ.baocao"
    book.write_bytes(b"")
    since = time.time()
    lock_path(book).write_text(json.dumps({"user": "Lan", "host": socket.gethostname(), "pid": os.getppid(),
                                           "since": since}), encoding="utf-8")
    with pytest.raises(LockedError) as locked:
        WorkbookLock(book).acquire(take_over=True)  # never over a live window on this machine
    assert "Lan" in locked.value.message and "trên máy này" in locked.value.message and " từ " in locked.value.message
    assert not locked.value.can_take_over


def test_another_machines_lock_is_taken_over_only_when_the_clerk_confirms(tmp_path):
    import json

    import pytest

    from baocao_gui.store.lock import LockedError, WorkbookLock, lock_path

    book = tmp_path / "sổ.baocao"
    book.write_bytes(b"")
    lock_path(book).write_text(json.dumps({"user": "Hùng", "host": "MAY-PHONG-KH", "pid": 4242,
                                           "since": 1764500000}), encoding="utf-8")
    with pytest.raises(LockedError) as locked:
        WorkbookLock(book).acquire()
    assert locked.value.can_take_over and "máy “MAY-PHONG-KH”" in locked.value.message
    lock = WorkbookLock(book)
    lock.acquire(take_over=True)
    assert lock.held
    lock.release()
    assert not lock_path(book).exists()


def test_opening_an_unchanged_workbook_again_does_not_rotate_distinct_backups_away(sample_workbook, qapp):
    from baocao_gui.store import edits
    from baocao_gui.store.backup import list_backups
    from baocao_gui.ui.session import WorkbookSession

    for value in (1, 2, 3):  # three different states, each backed up when opened
        session = WorkbookSession(sample_workbook)
        edits.set_value(session.db, session.report_id, "viec_lam", "actual", value)
        session.close()
    distinct = list_backups(sample_workbook)
    for _ in range(8):  # opened and closed again and again without a change
        WorkbookSession(sample_workbook).close()
    kept = list_backups(sample_workbook)
    assert len(kept) == 4 and set(distinct) <= set(kept)
