"""Issue 22.4: a sector handed over to another agency with its history, and its next report made there (invented
figures)."""

from __future__ import annotations

import hashlib

import pytest
from helpers import run_cli

from baocao_gui.app import Document
from baocao_gui.app.edits import figures, paragraphs, reports
from baocao_gui.app.edits.handover import hand_over, receive
from baocao_gui.app.files import new_workbook
from baocao_gui.app.handover import plan_receive, read_handover, write_handover_file
from baocao_gui.domain.model import Part, Period, PeriodKind
from baocao_gui.errors import UserError
from baocao_gui.store import edits, load_workbook

Y2024, Y2025, Y2026 = (Period(PeriodKind.YEAR, y) for y in (2024, 2025, 2026))


@pytest.fixture
def giver(tmp_path):
    """A labour department's workbook: the vocational-training sector's figures of 2024 and 2025."""
    path = new_workbook(tmp_path / "sldtbxh.baocao", "sldtbxh", 2024, "year",
                        {"name": "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "parent_name": "UBND TỈNH NAM LỘC"})
    doc = Document(path)
    try:
        doc.apply(figures.set_value(doc, "dao_tao_nghe", "actual", 8100))
        doc.apply(figures.set_value(doc, "dao_tao_nghe", "target", 8500))
        doc.apply(reports.create_report(doc, Y2025))
        doc.apply(figures.set_value(doc, "dao_tao_nghe", "actual", 8700))
        doc.apply(figures.set_value(doc, "dao_tao_nghe", "target", (9000, 9200)))
        doc.apply(paragraphs.insert_block(doc, "results", "lao_dong", 0, "paragraph",
                                          "Đào tạo nghề cho {{dao_tao_nghe}} người."))
    finally:
        doc.close()
    return path


@pytest.fixture
def taker(tmp_path):
    """An education department's workbook of 2025 that has no such sector yet."""
    path = new_workbook(tmp_path / "sgddt.baocao", "sldtbxh", 2025, "year", {"name": "SỞ GIÁO DỤC VÀ ĐÀO TẠO"})
    doc = Document(path)
    try:
        edits.delete_sector(doc.db, "lao_dong")  # a department whose catalogue never had it
    finally:
        doc.close()
    return path


def test_a_sector_handed_over_and_its_next_report_made_there_carries_plans_and_last_years_figures(
        giver, taker, tmp_path):
    out = tmp_path / "chuyen-giao.baocao"
    doc = Document(giver)
    try:
        write_handover_file(doc, "lao_dong", out, Y2025)
        doc.apply(hand_over(doc, "lao_dong", Y2025, out.name))
        doc.apply(reports.create_report(doc, Y2026))  # the giver's next report leaves the sector out
        assert "lao_dong" in doc.report.sectors_off
    finally:
        doc.close()
    origin, given = read_handover(out)
    assert [s.code for s in given.sectors] == ["lao_dong"] and [r.period for r in given.in_order()] == [Y2024, Y2025]
    there = Document(taker)
    try:
        plan = plan_receive(there, origin, given)
        assert plan.new_sector and plan.new_reports == (Y2024,)
        there.apply(receive(there, plan, list(plan.items)))
        there.apply(reports.create_report(there, Y2026))
        values = there.report.values["dao_tao_nghe"]
        assert (values.plan, values.plan_high) == (9000, 9200)  # 2025's target, handed over, is 2026's plan
        assert values.last == 8700  # the same period last year, from the history handed over
        history = there.workbook.find(Y2025)
        assert history is not None
    finally:
        there.close()


def test_receiving_is_one_undo_step_and_refuses_a_file_that_is_not_a_hand_over(giver, taker, tmp_path):
    out = tmp_path / "chuyen-giao.baocao"
    doc = Document(giver)
    try:
        write_handover_file(doc, "lao_dong", out)
    finally:
        doc.close()
    there = Document(taker)
    try:
        given_bytes = hashlib.sha256(out.read_bytes()).hexdigest()
        origin, given = read_handover(out)
        plan = plan_receive(there, origin, given)
        edit = receive(there, plan, list(plan.items))
        there.run(edit.do, edit.change)
        assert any(s.code == "lao_dong" for s in there.workbook.sectors)
        assert there.workbook.find(Y2024) is not None
        texts = [b.text for b in load_workbook(there.db).find(Y2025).part(Part.RESULTS, "lao_dong")]
        assert texts == ["Đào tạo nghề cho {{dao_tao_nghe}} người."]
        there.run(edit.undo, edit.change)
        assert not any(s.code == "lao_dong" for s in there.workbook.sectors)
        assert there.workbook.find(Y2024) is None
        assert hashlib.sha256(out.read_bytes()).hexdigest() == given_bytes  # the file handed over is only read
    finally:
        there.close()
    with pytest.raises(UserError, match="không phải là tệp chuyển giao"):
        read_handover(giver)


def test_handover_and_receive_on_the_command_line(giver, taker, tmp_path):
    out = tmp_path / "chuyen-giao.baocao"
    done = run_cli("handover", str(giver), "--sector", "lao_dong", "--after", "year:2025", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file() and "Đã ghi lĩnh vực" in done.stdout
    shown = run_cli("receive", str(taker), str(out))
    assert shown.returncode == 0 and "Thêm lĩnh vực" in shown.stdout and "--apply" in shown.stdout
    applied = run_cli("receive", str(taker), str(out), "--apply")
    assert applied.returncode == 0 and "Đã nhận lĩnh vực" in applied.stdout
    again = run_cli("handover", str(giver), "--sector", "lao_dong", "-o", str(out))
    assert again.returncode == 2  # never written over
