"""Issue 22.3: a province's report from the same report of the workbooks it was made of (three invented former
provinces of 2025, first 6 months)."""

from __future__ import annotations

import hashlib

import pytest
from helpers import run_cli
from rollup_parts import H1, ONLY_IN_NAM_LOC, PARTS, make_parts, make_province, set_figure

from baocao_gui.app import Document
from baocao_gui.app.edit import EditRefused
from baocao_gui.app.edits import figures, reports
from baocao_gui.app.edits.rollup import apply_rollup
from baocao_gui.app.rollup import plan_rollup, read_parts
from baocao_gui.compose.annex import compose_annex
from baocao_gui.domain.model import AnnexChoice, Period, Values
from baocao_gui.errors import UserError

ADDITIVE = ("viec_lam", "dao_tao_nghe", "so_ho_ngheo", "tong_so_ho")


def _sum(code: str, index: int):
    present = [f[code][index] for f in PARTS.values() if f[code][index] is not None]
    return sum(present) if present else None


@pytest.fixture
def rolled(tmp_path):
    parts = make_parts(tmp_path)
    province = make_province(tmp_path)
    doc = Document(province)
    yield doc, parts
    doc.close()


def test_three_former_provinces_roll_up_into_sums_a_recomputed_rate_and_said_leftovers(rolled):
    doc, parts = rolled
    plan = plan_rollup(doc, read_parts(parts, H1))
    doc.apply(apply_rollup(doc, plan))
    values = doc.report.values
    for code in ADDITIVE:  # every additive figure is the sum of the parts'
        assert values[code].actual == _sum(code, 0)
        assert values[code].plan == _sum(code, 1)
        assert values[code].last == _sum(code, 2)
    # the poverty rate is the rate of số hộ nghèo over tổng số hộ, recomputed from the sums (not the mean of rates)
    assert values["ho_ngheo"].actual == round(_sum("so_ho_ngheo", 0) / _sum("tong_so_ho", 0) * 100, 2)
    assert values["ho_ngheo"].last == round(_sum("so_ho_ngheo", 2) / _sum("tong_so_ho", 2) * 100, 2)
    # a rate without rate_of is left for the clerk, and said
    assert "ho_ngheo_dtts" not in values or values["ho_ngheo_dtts"].actual is None
    assert any("Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số" in n and "nhập tay" in n for n in plan.notes)
    # the indicator only one part has is listed, not dropped
    assert [u for u in plan.unmatched if ONLY_IN_NAM_LOC in u and "nam-loc.baocao" in u]
    # every figure keeps where it came from
    sources = [s for s in doc.report.sources if s.code == "viec_lam"]
    assert [(s.file, s.report, s.actual) for s in sources] == [
        (f"{name}.baocao", H1.label, f["viec_lam"][0]) for name, f in PARTS.items()]
    assert all(s.taken_at and s.edited_at and s.workbook for s in sources)


def test_undo_puts_back_every_figure_and_the_record_of_sources(rolled):
    doc, parts = rolled
    def typed():  # the figures the report holds (an empty row left by undo holds none)
        return {c: v for c, v in doc.report.values.items() if v != Values()}, doc.report.sources

    before = typed()
    edit = apply_rollup(doc, plan_rollup(doc, read_parts(parts, H1)))
    doc.run(edit.do, edit.change)
    assert typed() != before
    doc.run(edit.undo, edit.change)
    assert typed() == before
    doc.run(edit.do, edit.change)  # redo: the same again
    assert doc.report.values["viec_lam"].actual == _sum("viec_lam", 0)


def test_a_second_run_after_one_part_changed_shows_exactly_that_change(rolled):
    doc, parts = rolled
    doc.apply(apply_rollup(doc, plan_rollup(doc, read_parts(parts, H1))))
    assert plan_rollup(doc, read_parts(parts, H1)).changes == ()  # nothing changed since
    set_figure(parts[1], "dao_tao_nghe", "actual", 990)  # Đông Hà Nguyên corrects one figure
    again = plan_rollup(doc, read_parts(parts, H1))
    assert [(c.code, c.field, c.old, c.new) for c in again.changes] == [
        ("dao_tao_nghe", "actual", _sum("dao_tao_nghe", 0), _sum("dao_tao_nghe", 0) + 40)]


def test_the_parts_are_only_read_never_changed_even_while_another_window_has_one_open(rolled):
    doc, parts = rolled
    held = Document(parts[0])  # the former province's clerk has it open (locked)
    try:
        digests = [hashlib.sha256(p.read_bytes()).hexdigest() for p in parts]
        doc.apply(apply_rollup(doc, plan_rollup(doc, read_parts(parts, H1))))
        assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in parts] == digests
    finally:
        held.close()


def test_same_period_last_year_comes_from_the_parts_reports_of_last_year(rolled, tmp_path):
    doc, parts = rolled
    for n, path in enumerate(parts):  # each former province also has its 6-month report of 2024
        part = Document(path)
        try:
            part.apply(reports.create_report(part, Period(H1.kind, 2024)))
            part.apply(figures.set_value(part, "viec_lam", "actual", 1000 + n))
            part.apply(figures.set_value(part, "so_ho_ngheo", "actual", 100 * (n + 1)))
            part.apply(figures.set_value(part, "tong_so_ho", "actual", 10000))
        finally:
            part.close()
    doc.apply(apply_rollup(doc, plan_rollup(doc, read_parts(parts, H1))))
    assert doc.report.values["viec_lam"].last == 3003
    assert doc.report.values["ho_ngheo"].last == 2  # (100 + 200 + 300) ÷ 30.000 × 100


def test_a_sent_report_refuses_the_roll_up_with_one_sentence(rolled):
    doc, parts = rolled
    from baocao_gui.store import edits

    edits.set_sent(doc.db, doc.report_id, {"sent_at": "2025-07-10T08:00:00", "sent_locked": 1})
    doc.reload()
    with pytest.raises(UserError, match="đã ký, đã gửi"):
        plan_rollup(doc, read_parts(parts, H1))
    with pytest.raises(EditRefused, match="đã ký, đã gửi"):
        apply_rollup(doc, None)


def test_a_workbook_rolled_into_itself_is_refused(rolled):
    doc, _ = rolled
    with pytest.raises(UserError, match="chính sổ đang mở"):
        plan_rollup(doc, read_parts([doc.path], H1))


def test_the_annex_shows_one_column_per_part(rolled):
    doc, parts = rolled
    doc.apply(apply_rollup(doc, plan_rollup(doc, read_parts(parts, H1))))
    annex = compose_annex(doc.workbook, doc.report, AnnexChoice(columns=("unit", "actual", "parts")))
    assert annex.header[2:] == ("Đơn vị tính", "Thực hiện 6 tháng đầu năm 2025", "Thực hiện của tay-son",
                                "Thực hiện của dong-ha-nguyen", "Thực hiện của nam-loc")
    row = next(r for r in annex.rows if r.code == "viec_lam")
    assert row.cells[3:] == ("12.600", "5.200", "4.100", "3.300")


def test_rollup_on_the_command_line_prints_the_changes_writes_them_and_a_dump_keeps_the_sources(rolled, tmp_path):
    doc, parts = rolled
    doc.close()
    province = str(doc.path)
    dry = run_cli("rollup", province, *map(str, parts), "--period", "6m", "--year", "2025", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "“Số lao động được tạo việc làm” — thực hiện: (trống) → 12.600" in dry.stdout
    assert ONLY_IN_NAM_LOC in dry.stderr and "nhập tay" in dry.stderr
    done = run_cli("rollup", province, *map(str, parts), "--period", "6m", "--year", "2025")
    assert done.returncode == 0 and "Đã tổng hợp" in done.stdout
    again = run_cli("rollup", province, *map(str, parts), "--period", "6m", "--year", "2025")
    assert "không có gì thay đổi" in again.stdout
    dump = tmp_path / "tinh.toml"
    assert run_cli("dump", province, "-o", str(dump)).returncode == 0
    text = dump.read_text("utf-8")
    assert 'rate_of = ["so_ho_ngheo", "tong_so_ho"]' in text and "[[report.sources]]" in text
    assert run_cli("load", str(dump), str(tmp_path / "lai.baocao")).returncode == 0
    assert run_cli("dump", str(tmp_path / "lai.baocao"), "-o", str(tmp_path / "lai.toml")).returncode == 0
    assert (tmp_path / "lai.toml").read_text("utf-8") == text
    bad = run_cli("rollup", province, str(tmp_path / "khong-co.baocao"), "--period", "6m", "--year", "2025")
    assert bad.returncode == 2 and "khong-co.baocao" in bad.stderr


def test_the_export_with_a_column_per_part_is_a_valid_word_file(rolled, tmp_path):
    from helpers import assert_valid_ooxml

    from baocao_gui.app.edits import report_fields

    doc, parts = rolled
    doc.apply(apply_rollup(doc, plan_rollup(doc, read_parts(parts, H1))))
    doc.apply(report_fields.set_annex(doc, AnnexChoice(columns=("unit", "actual", "parts"))))
    doc.close()
    out = tmp_path / "tinh.docx"
    done = run_cli("export", str(doc.path), "--annex", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert_valid_ooxml(out)
    from docx import Document as Docx

    table = Docx(out).tables[-1]
    assert [c.text for c in table.rows[0].cells][-3:] == ["Thực hiện của tay-son", "Thực hiện của dong-ha-nguyen",
                                                          "Thực hiện của nam-loc"]


def test_a_sum_short_of_a_part_that_has_no_figure_yet_is_said(rolled):
    doc, parts = rolled
    set_figure(parts[0], "dao_tao_nghe", "actual", None)  # Tây Sơn has not typed it yet
    plan = plan_rollup(doc, read_parts(parts, H1))
    assert plan.values["dao_tao_nghe"]["actual"] == 950 + 800
    assert any("Số người được đào tạo nghề" in n and "tay-son.baocao" in n and "chưa có số thực hiện" in n
               for n in plan.notes)


def test_two_communes_workbooks_of_the_home_affairs_catalogue_recompute_the_share_of_women_among_new_jobs(tmp_path):
    from baocao_gui.app.files import new_workbook
    from baocao_gui.domain.model import PeriodKind

    def workbook(name, jobs, women):
        path = new_workbook(tmp_path / f"{name}.baocao", "so_noi_vu", 2026, "year", {"name": name.upper()})
        doc = Document(path)
        try:
            for code, value in (("viec_lam", jobs), ("viec_lam_nu", women), ("nu_viec_lam_moi", round(women / jobs * 100, 2))):
                doc.apply(figures.set_value(doc, code, "actual", value))
        finally:
            doc.close()
        return path

    parts = [workbook("xa-an-binh", 1200, 540), workbook("phuong-dong-tien", 800, 460)]
    province = Document(new_workbook(tmp_path / "so-noi-vu.baocao", "so_noi_vu", 2026, "year", {"name": "SỞ NỘI VỤ"}))
    try:
        plan = plan_rollup(province, read_parts(parts, Period(PeriodKind.YEAR, 2026)))
        province.apply(apply_rollup(province, plan))
        assert province.report.values["nu_viec_lam_moi"].actual == 50  # (540 + 460) ÷ (1.200 + 800), not 47,5
    finally:
        province.close()
