import sqlite3

import pytest
from sqlite_utils import Database

from baocao_gui.store import WorkbookError, create_workbook, load_workbook, open_workbook
from baocao_gui.store.schema import migrations


def test_sample_workbook_holds_the_whole_2023_report(sample_workbook):
    wb = load_workbook(open_workbook(sample_workbook, readonly=True))
    assert wb.agency.name == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    assert wb.agency.parent_name == "UBND TỈNH ĐẮK NÔNG"
    report = wb.report_for(2023)
    assert (report.number, report.date.isoformat(), report.type_name) == (15, "2024-01-18", "BÁO CÁO TÓM TẮT")
    assert report.signer_authority == "KT. GIÁM ĐỐC" and report.signer_name == ""
    assert report.recipients[-1].startswith("Lưu: VT")
    assert report.values["viec_lam"].actual == 18498 and report.values["viec_lam"].plan == 18200
    assert report.values["dao_tao_nghe"].overrides == {"pct_plan": 212.27, "pct_last": 147.25}
    assert [s.code for s in wb.sectors][:2] == ["tham_muu", "lao_dong"]
    children = [i.code for i in wb.indicators if i.parent == "dao_tao_nghe"]
    assert len(children) == 3


def test_workbook_uses_a_rollback_journal_foreign_keys_and_is_marked_as_ours(sample_workbook):
    db = open_workbook(sample_workbook)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "truncate"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO value (report_id, indicator_id) VALUES (999, 999)")


def test_a_failed_write_leaves_the_workbook_unchanged(sample_workbook):
    db = open_workbook(sample_workbook)
    before = db.execute("SELECT count(*) FROM block").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        db["block"].insert({"report_id": 1, "part": "intro", "position": 99, "kind": "paragraph", "text": "x"})
        db["block"].insert({"report_id": 1, "part": "intro", "position": 99, "kind": "khác", "text": "y"})
    assert db.execute("SELECT count(*) FROM block").fetchone()[0] == before


def test_missing_file_is_refused_in_vietnamese(tmp_path):
    with pytest.raises(WorkbookError, match="Không tìm thấy tệp sổ báo cáo"):
        open_workbook(tmp_path / "khong-co.baocao")


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "ghi-chu.baocao"
    path.write_text("Đây là một tệp văn bản", encoding="utf-8")
    with pytest.raises(WorkbookError, match="không phải là sổ báo cáo"):
        open_workbook(path)
    assert path.read_text(encoding="utf-8") == "Đây là một tệp văn bản"


def test_a_foreign_sqlite_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "khac.db"
    Database(path)["t"].insert({"a": 1})
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match="không phải là sổ báo cáo"):
        open_workbook(path)
    assert path.read_bytes() == before


def test_a_damaged_workbook_is_refused(sample_workbook):
    db = open_workbook(sample_workbook)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(sample_workbook.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page is garbage
    sample_workbook.write_bytes(bytes(data))
    with pytest.raises(WorkbookError, match="bị hỏng|không phải là sổ báo cáo"):
        load_workbook(open_workbook(sample_workbook, readonly=True))


def test_a_workbook_from_a_newer_version_is_refused_untouched(sample_workbook):
    db = open_workbook(sample_workbook)
    db[migrations.migrations_table].insert(
        {"migration_set": "baocao", "name": "m999_from_the_future", "applied_at": "2030-01-01"})
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = sample_workbook.read_bytes()
    with pytest.raises(WorkbookError, match="phiên bản mới hơn"):
        open_workbook(sample_workbook)
    assert sample_workbook.read_bytes() == before


def test_creating_over_an_existing_file_is_refused(sample_workbook):
    with pytest.raises(WorkbookError, match="đã có"):
        create_workbook(sample_workbook)


def test_text_is_stored_in_nfc(sample_workbook):
    import unicodedata

    db = open_workbook(sample_workbook, readonly=True)
    for (text,) in db.execute("SELECT text FROM block UNION ALL SELECT title FROM sector UNION ALL SELECT name FROM indicator"):
        assert unicodedata.is_normalized("NFC", text)


def test_a_workbook_of_an_older_schema_is_upgraded_to_hold_tables_after_a_backup_with_nothing_lost(tmp_path):
    """A workbook written before table blocks (migrations m001–m002 only) opens, is backed up, gains tables."""
    import sqlite3

    from baocao_gui.store.backup import list_backups
    from baocao_gui.store.schema import migrations
    from baocao_gui.store.workbook import _configure, _database

    path = tmp_path / "cũ.baocao"
    db = _database(path, readonly=False)
    _configure(db, readonly=False)
    migrations.apply(db, stop_before="m003_table_blocks")
    db.execute("INSERT INTO report (id, period_kind, year) VALUES (1, 'year', 2023)")
    db.execute("INSERT INTO block (report_id, part, position, kind, text) VALUES (1, 'intro', 0, 'paragraph', 'Mở đầu')")
    before = db.execute("SELECT id, part, position, kind, text FROM block ORDER BY id").fetchall()
    db.close()
    with pytest.raises(sqlite3.IntegrityError):
        raw = sqlite3.connect(path)
        raw.execute("INSERT INTO block (report_id, part, position, kind, text) VALUES (1, 'intro', 9, 'table', '{}')")
    raw.close()
    db = open_workbook(path)
    assert [b.reason for b in list_backups(path)] == ["nang-cap"]
    assert db.execute("SELECT id, part, position, kind, text FROM block ORDER BY id").fetchall() == before
    db.execute("INSERT INTO block (report_id, part, position, kind, text) VALUES (1, 'intro', 9, 'table', '{}')")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_a_workbook_migrated_by_the_first_m004_gains_the_table_of_sectors_left_out(tmp_path):
    """m004 first landed without ``report_sector_off``; such a workbook opens and can leave a sector out."""
    from baocao_gui.store import edits
    from baocao_gui.store.schema import migrations
    from baocao_gui.store.seed import write_bundled_sample
    from baocao_gui.store.workbook import _configure, _database

    path = tmp_path / "m004 đầu.baocao"
    db = _database(path, readonly=False)
    _configure(db, readonly=False)
    migrations.apply(db)
    write_bundled_sample(db)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_sector_off%'"
                              ).fetchall():
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DROP TABLE report_sector_off")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_sectors_off_everywhere'")
    db.close()
    db = open_workbook(path)
    rid = db.execute("SELECT id FROM report").fetchone()[0]
    assert edits.set_sector_off(db, rid, "thanh_tra", True) is False
    assert load_workbook(db).reports[0].sectors_off == {"thanh_tra"}
    db.close()
