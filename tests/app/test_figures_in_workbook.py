"""Precision, ranges and targets met live in the workbook file: typed through the application layer, kept,
undone, carried into the next report. Invented figures on a workbook made from the catalogue."""

import pytest
from helpers import stored_report

from baocao_gui.app import Document, EditRefused
from baocao_gui.app.edits import figures, paragraphs, reports, sectors
from baocao_gui.app.files import new_workbook
from baocao_gui.domain.figures import sheet


@pytest.fixture
def doc(tmp_path):
    path = new_workbook(tmp_path / "so-2031.baocao", "sldtbxh", 2031)
    document = Document(path)
    yield document
    document.close()


def test_a_range_target_is_stored_as_two_numbers_undone_and_carried_into_the_next_report(doc):
    doc.apply(figures.set_value(doc, "ho_ngheo", "actual", 6.1))
    doc.apply(figures.set_value(doc, "ho_ngheo", "last", 7.3))
    edit = figures.set_value(doc, "ho_ngheo", "target", (1.5, 1))  # typed the wrong way round: still low–high
    doc.apply(edit)
    values = stored_report(doc.path, 2031).values["ho_ngheo"]
    assert (values.target, values.target_high) == (1, 1.5)
    assert sheet(doc.workbook, doc.report).figure("ho_ngheo", "target") == "1–1,5%"
    doc.run(edit.undo, edit.change)
    assert doc.report.values["ho_ngheo"].target is None and doc.report.values["ho_ngheo"].target_high is None
    doc.run(edit.do, edit.change)
    doc.apply(reports.create_next_report(doc))
    nxt = stored_report(doc.path, 2032).values["ho_ngheo"]
    assert (nxt.plan, nxt.plan_high, nxt.last) == (1, 1.5, 6.1)


def test_a_single_figure_typed_over_a_range_replaces_it_and_undo_brings_the_range_back(doc):
    doc.apply(figures.set_value(doc, "viec_lam", "plan", (20_000, 21_000)))
    edit = figures.set_value(doc, "viec_lam", "plan", 20_500)
    doc.apply(edit)
    assert (doc.report.values["viec_lam"].plan, doc.report.values["viec_lam"].plan_high) == (20_500, None)
    doc.run(edit.undo, edit.change)
    assert (doc.report.values["viec_lam"].plan, doc.report.values["viec_lam"].plan_high) == (20_000, 21_000)


def test_only_a_plan_or_a_target_may_be_a_range(doc):
    with pytest.raises(EditRefused, match="khoảng"):
        doc.apply(figures.set_value(doc, "viec_lam", "actual", (1, 2)))
    assert doc.report.values.get("viec_lam") is None


def test_precision_of_an_indicator_and_of_the_report_are_kept_in_the_file(doc):
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 19_466))
    doc.apply(figures.set_value(doc, "viec_lam", "plan", 20_000))
    assert sheet(doc.workbook, doc.report).figure("viec_lam", "pct_plan") == "97,33%"
    doc.apply(figures.set_report_precision(doc, 1))
    assert sheet(doc.workbook, doc.report).figure("viec_lam", "pct_plan") == "97,3%"
    doc.apply(sectors.set_indicator_field(doc, "viec_lam", "precision", 0))
    assert sheet(doc.workbook, doc.report).figure("viec_lam", "pct_plan") == "97%"
    assert stored_report(doc.path, 2031).pct_precision == 1
    with pytest.raises(EditRefused, match="từ 0 đến 4"):
        doc.apply(figures.set_report_precision(doc, 7))
    doc.apply(reports.create_next_report(doc))
    assert doc.report.pct_precision == 1  # the next report is written the same way


def test_a_sent_report_keeps_its_ranges_and_decimals_when_the_indicator_changes_later(doc, tmp_path):
    from baocao_gui.app import export_report

    doc.apply(figures.set_value(doc, "viec_lam", "actual", 19_466))
    doc.apply(figures.set_value(doc, "viec_lam", "plan", 20_000))
    doc.apply(figures.set_value(doc, "viec_lam", "target", (20_500, 21_000)))
    doc.apply(figures.set_report_precision(doc, 1))
    sector = doc.workbook.indicator("viec_lam").sector
    doc.apply(paragraphs.insert_block(doc, "results", sector, 0,
                               text="Đạt {{viec_lam.pct_plan}} kế hoạch; năm sau {{viec_lam.target}} lượt người."))
    sent = export_report(doc.workbook, doc.report, tmp_path / "gửi.docx").path
    doc.apply(reports.mark_sent(doc, sent))
    sent_id = doc.report_id
    doc.apply(reports.create_next_report(doc))
    doc.apply(sectors.set_indicator_field(doc, "viec_lam", "precision", 3))
    doc.choose_report(sent_id)
    again = export_report(doc.workbook, doc.report, tmp_path / "lại.docx").path
    import docx

    text = [p.text for p in docx.Document(str(again)).paragraphs]
    assert "Đạt 97,3% kế hoạch; năm sau 20.500–21.000 lượt người." in text
    assert text == [p.text for p in docx.Document(str(sent)).paragraphs]


def test_a_range_changed_at_its_upper_end_after_sending_is_listed_as_a_difference(doc, tmp_path):
    from baocao_gui.app import export_report
    from baocao_gui.app.sent import differences

    doc.apply(figures.set_value(doc, "viec_lam", "target", (20_500, 21_000)))
    doc.apply(reports.mark_sent(doc, export_report(doc.workbook, doc.report, tmp_path / "gửi.docx").path))
    doc.apply(reports.unlock(doc))  # “Mở khóa để sửa”
    doc.apply(figures.set_value(doc, "viec_lam", "target", (20_500, 21_500)))
    changed = differences(doc.workbook, doc.report)
    assert [(d.before, d.after) for d in changed if d.kind == "figure"] == [("20.500–21.000", "20.500–21.500")]
