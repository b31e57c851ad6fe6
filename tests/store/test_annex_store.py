"""The report's choice of figures annex is kept in the workbook: saved at once, undone, carried to the next
report, read back from an older or damaged file without losing anything."""

import pytest
from helpers import stored_report

from baocao_gui.app import Document
from baocao_gui.app.edits import report_fields, reports, sectors
from baocao_gui.domain.model import AnnexChoice, Period, PeriodKind
from baocao_gui.store import open_workbook, schema
from baocao_gui.store.backup import list_backups

ANNEX_MIGRATION = schema.m005_annex_and_sign_images.__name__


def test_a_report_has_no_annex_until_the_clerk_chooses_one_and_the_choice_is_saved_at_once(sample_workbook):
    assert stored_report(sample_workbook).annex is None
    doc = Document(sample_workbook)
    try:
        choice = AnnexChoice(sectors=("lao_dong", "giam_ngheo_btxh"), columns=("unit", "actual", "pct_plan"))
        edit = report_fields.set_annex(doc, choice)
        doc.apply(edit)
        assert stored_report(sample_workbook).annex == choice  # read by another connection: committed
        doc.run(edit.undo, edit.change)
        assert stored_report(sample_workbook).annex is None
        doc.apply(report_fields.set_annex(doc, AnnexChoice()))
        assert stored_report(sample_workbook).annex == AnnexChoice()  # every sector, every column
    finally:
        doc.close()


def test_an_annex_without_a_column_is_refused_and_nothing_changes(sample_workbook):
    from baocao_gui.app import EditRefused

    doc = Document(sample_workbook)
    try:
        with pytest.raises(EditRefused) as refused:
            doc.apply(report_fields.set_annex(doc, AnnexChoice(columns=())))
        assert "ít nhất một cột" in refused.value.message
        assert stored_report(sample_workbook).annex is None
    finally:
        doc.close()


def test_the_next_report_starts_with_the_annex_of_the_report_before(sample_workbook):
    doc = Document(sample_workbook)
    try:
        choice = AnnexChoice(sectors=("lao_dong",), columns=("actual", "target"))
        doc.apply(report_fields.set_annex(doc, choice))
        doc.apply(reports.create_next_report(doc, PeriodKind.YEAR, 2024))
    finally:
        doc.close()
    assert stored_report(sample_workbook, 2024).annex == choice
    assert stored_report(sample_workbook, 2023).annex == choice


def test_a_workbook_of_the_previous_version_opens_after_a_backup_with_no_annex_and_nothing_lost(tmp_path):
    from baocao_gui.store.schema import migrations
    from baocao_gui.store.seed import write_bundled_sample
    from baocao_gui.store.workbook import _configure, _database

    path = tmp_path / "cũ.baocao"
    db = _database(path, readonly=False)
    _configure(db, readonly=False)
    migrations.apply(db, stop_before=ANNEX_MIGRATION)
    write_bundled_sample(db)
    before = db.execute("SELECT report_id, indicator_id, actual, plan, last, target FROM value "
                        "ORDER BY report_id, indicator_id").fetchall()
    db.close()
    db = open_workbook(path)
    try:
        assert "nang-cap" in [b.reason for b in list_backups(path)]
        assert db.execute("SELECT report_id, indicator_id, actual, plan, last, target FROM value "
                          "ORDER BY report_id, indicator_id").fetchall() == before
        assert db.execute("SELECT count(*) FROM annex").fetchone() == (0,)
    finally:
        db.close()
    report = stored_report(path)
    assert report.annex is None and report.period == Period(PeriodKind.YEAR, 2023)


def test_a_damaged_annex_choice_is_named_and_read_as_the_full_annex(sample_workbook):
    import sqlite3

    raw = sqlite3.connect(sample_workbook)
    raw.execute("INSERT INTO annex (report_id, sectors, columns) VALUES (1, '{không phải', '[\"actual\"]')")
    raw.commit()
    raw.close()
    from baocao_gui.store import load_workbook

    db = open_workbook(sample_workbook, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    assert workbook.report_for(2023).annex == AnnexChoice()
    assert any("phụ lục số liệu" in p for p in workbook.problems)


def _text(path):
    import docx

    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [
        " | ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]


def test_a_sent_report_keeps_the_annex_it_was_sent_with(sample_workbook, tmp_path):
    from baocao_gui.app import EditRefused, export_report

    doc = Document(sample_workbook)
    try:
        doc.apply(report_fields.set_annex(doc, AnnexChoice(sectors=("lao_dong", "thanh_tra"), columns=("unit", "actual", "plan"))))
        sent = export_report(doc.workbook, doc.report, tmp_path / "gửi.docx").path
        assert "Phụ lục" in _text(sent)
        doc.apply(reports.mark_sent(doc, sent))
        with pytest.raises(EditRefused, match="đã ký, đã gửi"):
            doc.apply(report_fields.set_annex(doc, None))
        sent_id = doc.report_id
        doc.apply(reports.create_next_report(doc))
        doc.apply(sectors.set_sector_field(doc, "lao_dong", "title", "Lĩnh vực đổi tên"))  # the structure changes later
        doc.choose_report(sent_id)
        again = export_report(doc.workbook, doc.report, tmp_path / "lại.docx").path
        assert _text(again) == _text(sent)
        doc.apply(reports.unlock(doc))
        doc.apply(report_fields.set_annex(doc, None))
        assert stored_report(sample_workbook).annex is None
        from baocao_gui.app.sent import differences

        changed = [(d.kind, d.where, d.before, d.after) for d in differences(doc.workbook, doc.report)]
        assert ("header", "Phụ lục số liệu", ("Công tác Lao động – Việc làm và Giáo dục nghề nghiệp; Công tác "
                "Thanh tra, kiểm tra, thực hiện công tác tiếp công dân, giải quyết đơn thư khiếu nại tố cáo — cột: "
                "Đơn vị tính, Thực hiện, Kế hoạch"), "không có") in changed
    finally:
        doc.close()


def test_annex_on_the_command_line_never_changes_a_sent_report(sample_workbook, tmp_path):
    from helpers import run_cli

    from baocao_gui.app import export_report

    doc = Document(sample_workbook)
    try:
        sent = export_report(doc.workbook, doc.report, tmp_path / "gửi.docx").path
        doc.apply(reports.mark_sent(doc, sent))
    finally:
        doc.close()
    r = run_cli("export", str(sample_workbook), "--year", "2023", "--annex", "-o", str(tmp_path / "lại.docx"))
    assert r.returncode == 0, r.stderr
    assert "không thêm phụ lục" in r.stderr
    assert _text(tmp_path / "lại.docx") == _text(sent)
