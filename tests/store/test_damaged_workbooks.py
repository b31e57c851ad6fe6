"""Damaged and odd workbooks: each opens as far as it can be read, read-only, saying what could not be read,
or is refused in one sentence; the file is never written, no lock is left, the good backups stay."""

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from baocao_gui.store import DamagedWorkbook, UnreadableRows, load_workbook, open_workbook
from baocao_gui.store import workbook as workbook_module
from baocao_gui.store.backup import list_backups
from baocao_gui.store.lock import lock_path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tamper(path, sql, params=()):
    """Write into the file behind the program's back, as a hand edit or another tool would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(sql, params)
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


VIEC_LAM = "(SELECT id FROM indicator WHERE code = 'viec_lam')"
ODD = {
    "text in a number cell": (f"UPDATE value SET actual = 'mười tám nghìn' WHERE indicator_id = {VIEC_LAM}", (),
                              "ô số liệu không đọc được"),
    "bytes in a number cell": (f"UPDATE value SET plan = ? WHERE indicator_id = {VIEC_LAM}", (b"\x00\xff",),
                               "ô số liệu không đọc được"),
    "infinity": (f"UPDATE value SET actual = 9e999 WHERE indicator_id = {VIEC_LAM}", (), "ô số liệu không đọc được"),
    "1e308": (f"UPDATE value SET last = 1e308 WHERE indicator_id = {VIEC_LAM}", (), "ô số liệu không đọc được"),
    "an impossible date": ("UPDATE report SET date = '2023-02-30'", (), "ngày “2023-02-30” không hợp lệ"),
    "an unknown period": ("UPDATE report SET period_kind = 'quy'", (), "không đọc được kỳ báo cáo"),
    "an unknown paragraph kind": ("UPDATE block SET kind = 'bang' WHERE id = (SELECT min(id) FROM block)", (),
                                  "không có trong chương trình"),
    "invalid UTF-8": ("UPDATE block SET text = CAST(? AS TEXT) WHERE id = (SELECT min(id) FROM block)",
                      (b"Ph\xe1\xbb\xa5 n\xff\xfe\xe1",), "không phải mã UTF-8"),
}


@pytest.mark.parametrize("case", list(ODD))
def test_an_odd_cell_opens_read_only_with_what_could_not_be_read_and_the_file_untouched(case, sample_workbook):
    sql, params, said = ODD[case]
    tamper(sample_workbook, sql, params)
    before = digest(sample_workbook)
    with pytest.raises(UnreadableRows) as refused:
        open_workbook(sample_workbook)
    assert any(said in p for p in refused.value.problems), refused.value.problems
    assert "chỉ mở được để xem" in refused.value.message
    db = open_workbook(sample_workbook, readonly=True)
    workbook = load_workbook(db)
    db.close()
    assert workbook.problems and any(said in p for p in workbook.problems)
    assert digest(sample_workbook) == before
    assert not sample_workbook.with_name(sample_workbook.name + "-journal").exists()


def test_the_window_session_opens_an_odd_workbook_read_only_and_leaves_no_lock(sample_workbook, qapp):
    from baocao_gui.ui.session import WorkbookSession

    tamper(sample_workbook, ODD["text in a number cell"][0])
    before = digest(sample_workbook)
    session = WorkbookSession(sample_workbook)
    assert session.readonly and session.problems
    assert not lock_path(sample_workbook).exists()
    assert session.workbook.report_for(2023).values["viec_lam"].actual is None
    session.close()
    assert digest(sample_workbook) == before
    assert list_backups(sample_workbook) == []  # a workbook that was not read whole is never backed up


def damage_a_data_page(path):
    """Overwrite the middle of the largest table's pages with noise, as a bad sector or a cut copy would."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = pages // 2
    data[page * page_size + 8: page * page_size + page_size - 8] = bytes(range(256)) * ((page_size - 16) // 256) + \
        bytes((page_size - 16) % 256)
    path.write_bytes(bytes(data))


def test_a_damaged_page_is_refused_untouched_and_five_attempts_keep_the_good_backups(sample_workbook, qapp):
    from baocao_gui.ui.session import WorkbookSession

    WorkbookSession(sample_workbook).close()  # one good opening: one good backup
    good = list_backups(sample_workbook)
    assert len(good) == 1
    damage_a_data_page(sample_workbook)
    before = digest(sample_workbook)
    for _ in range(5):
        with pytest.raises(DamagedWorkbook) as refused:
            WorkbookSession(sample_workbook)
        assert "bị hỏng" in refused.value.message and "chưa bị thay đổi" in refused.value.message
    assert digest(sample_workbook) == before
    assert not lock_path(sample_workbook).exists()
    assert list_backups(sample_workbook) == good


def test_the_last_good_backup_comes_back_as_a_new_file_beside_the_damaged_one(sample_workbook, qapp):
    from baocao_gui.store.backup import copy_backup_beside
    from baocao_gui.ui.session import WorkbookSession

    WorkbookSession(sample_workbook).close()
    damage_a_data_page(sample_workbook)
    copy = copy_backup_beside(list_backups(sample_workbook)[0], sample_workbook)
    assert copy.parent == sample_workbook.parent and "(bản lưu " in copy.name
    session = WorkbookSession(copy)
    assert session.workbook.report_for(2023).values["viec_lam"].actual == 18498
    session.close()


def test_a_workbook_left_with_its_wal_in_a_read_only_folder_is_read_with_its_last_edits(sample_workbook, tmp_path,
                                                                                      monkeypatch):
    """An older version (or a crash) left committed edits in the -wal; the folder is now read-only (a CD, a share)."""
    folder = tmp_path / "chỉ đọc"
    folder.mkdir()
    book = folder / sample_workbook.name
    shutil.copyfile(sample_workbook, book)
    holder = sqlite3.connect(book)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute(f"UPDATE value SET actual = 20001 WHERE indicator_id = {VIEC_LAM}")
    holder.commit()
    snapshot = tmp_path / "snap"
    snapshot.mkdir()
    for suffix in ("", "-wal"):  # what the folder holds after the other program's crash
        shutil.copyfile(str(book) + suffix, snapshot / (book.name + suffix))
    holder.close()
    for suffix in ("", "-wal", "-shm"):
        (folder / (book.name + suffix)).unlink(missing_ok=True)
    for suffix in ("", "-wal"):
        shutil.copyfile(snapshot / (book.name + suffix), str(book) + suffix)
    folder.chmod(0o555)
    real_access = os.access
    if os.geteuid() == 0:  # root writes anywhere: tell the program what a clerk's account would be told
        monkeypatch.setattr(workbook_module.os, "access",
                            lambda p, mode: False if Path(p) in (folder, book) and mode & os.W_OK else real_access(p, mode))
    try:
        db = open_workbook(book, readonly=True)
        assert load_workbook(db).report_for(2023).values["viec_lam"].actual == 20001
        db.close()
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == [book.name, book.name + "-wal"]  # nothing written there


def test_a_clean_workbook_passes_the_quick_screen_so_opening_reads_it_only_once(sample_workbook):
    from baocao_gui.store.workbook import _database, _suspect

    db = _database(sample_workbook, readonly=True, tolerant=True)
    try:
        assert not _suspect(db)  # every odd case above is caught by the screen, else its problems were not found
    finally:
        db.close()
