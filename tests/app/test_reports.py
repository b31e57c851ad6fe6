"""A clerk's whole year without a window: reports of any period, each with its own header, carried figures,
deleted and re-dated reports, and reports signed and sent that no longer change. Figures invented here."""

from __future__ import annotations

import pytest

from baocao_gui.app import Document, EditRefused, export_report, new_workbook
from baocao_gui.app.edits import figures, paragraphs, report_fields, reports, sectors
from baocao_gui.app.sent import differences
from baocao_gui.domain.checks import Severity, check_report
from baocao_gui.domain.model import Part, Period, PeriodKind

Y, M9, Q3 = PeriodKind.YEAR, PeriodKind.NINE_MONTHS, PeriodKind.Q3


@pytest.fixture
def doc(tmp_path):
    path = new_workbook(tmp_path / "Sở Công Thương Hà Giang.baocao", "sldtbxh", 2029,
                        agency={"parent_name": "UBND TỈNH HÀ GIANG", "name": "SỞ CÔNG THƯƠNG",
                                "abbreviation": "SCT", "place": "Hà Giang"})
    document = Document(path)
    yield document
    document.close()


def _text(path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = "\n".join(c.text for t in document.tables for c in t._cells)
    return "\n".join(p.text for p in document.paragraphs) + "\n" + cells


def _report(doc: Document, kind: PeriodKind, year: int):
    return doc.workbook.find(Period(kind, year))


def test_a_new_workbook_has_one_report_with_the_agency_typed_and_no_error(doc):
    (report,) = doc.workbook.reports
    assert report.period == Period(Y, 2029)
    assert report.agency.name == "SỞ CÔNG THƯƠNG" and report.agency.place == "Hà Giang"
    assert not any(report.blocks.values())  # suggestions are offered, not written for the clerk
    assert [f for f in check_report(doc.workbook, report) if f.severity == Severity.ERROR] == []


def test_renaming_the_agency_from_a_later_report_leaves_earlier_reports_and_their_exports_as_they_were(doc, tmp_path):
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 4321))
    doc.apply(reports.create_next_report(doc))  # 2030
    doc.apply(reports.create_next_report(doc))  # 2031
    first = _report(doc, Y, 2029)
    doc.choose_report(first.id)
    before = export_report(doc.workbook, doc.report, tmp_path / "2029-truoc.docx").path
    doc.choose_report(_report(doc, Y, 2030).id)
    doc.apply(report_fields.rename_agency_from(doc, {"name": "SỞ CÔNG THƯƠNG VÀ KHOA HỌC", "abbreviation": "SCTKH"}))
    assert doc.report.agency.name == "SỞ CÔNG THƯƠNG VÀ KHOA HỌC"
    doc.choose_report(_report(doc, Y, 2031).id)
    assert doc.report.agency.abbreviation == "SCTKH"
    doc.choose_report(first.id)
    assert doc.report.agency.name == "SỞ CÔNG THƯƠNG" and doc.report.agency.abbreviation == "SCT"
    after = export_report(doc.workbook, doc.report, tmp_path / "2029-sau.docx").path
    assert _text(after) == _text(before)
    assert "/BC-SCT\n" in _text(after) or "BC-SCT" in _text(after) and "SCTKH" not in _text(after)


def test_a_typo_fixed_in_one_reports_header_changes_that_report_only(doc):
    doc.apply(reports.create_next_report(doc))
    doc.apply(report_fields.set_agency_field(doc, "place", "TP. Hà Giang"))
    assert doc.report.agency.place == "TP. Hà Giang"
    assert _report(doc, Y, 2029).agency.place == "Hà Giang"


def test_a_quarter_nine_months_and_year_of_one_year_carry_the_annual_plan_and_last_years_same_period(doc):
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 1000))
    doc.apply(figures.set_value(doc, "viec_lam", "target", 1200))  # the 2030 plan, set by the 2029 annual report
    doc.apply(reports.create_report(doc, Period(Q3, 2030)))
    assert doc.report.values["viec_lam"].plan == 1200
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 700))
    nine = reports.create_report(doc, Period(M9, 2030))
    doc.apply(nine)
    assert doc.report.values["viec_lam"].plan == 1200
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 900))
    year = reports.create_report(doc, Period(Y, 2030))
    doc.apply(year)
    assert doc.report.values["viec_lam"].plan == 1200 and doc.report.values["viec_lam"].last == 1000
    assert "cùng kỳ của 1 chỉ tiêu lấy từ số thực hiện năm 2029" in year.created["carried"].say()
    doc.apply(reports.create_report(doc, Period(M9, 2031)))  # last year's 9 months is the same period a year earlier
    assert doc.report.values["viec_lam"].last == 900
    assert [r.period.label for r in doc.workbook.in_order()] == [
        "năm 2029", "quý III năm 2030", "9 tháng năm 2030", "năm 2030", "9 tháng năm 2031"]


def test_a_report_copies_the_paragraphs_of_the_report_chosen_and_an_empty_start_copies_none(doc):
    doc.apply(paragraphs.insert_block(doc, "intro", None, 0, text="Năm {{year}}, ngành công thương tỉnh phát triển."))
    doc.apply(reports.create_report(doc, Period(Y, 2030), start="previous"))
    assert [b.text for b in doc.report.part(Part.INTRO)] == ["Năm {{year}}, ngành công thương tỉnh phát triển."]
    doc.apply(reports.create_report(doc, Period(PeriodKind.M10, 2030), start="empty"))
    assert not any(doc.report.blocks.values())
    assert doc.report.agency.name == "SỞ CÔNG THƯƠNG"  # the header still comes from the report before
    doc.apply(reports.create_report(doc, Period(Y, 2031), start="year_before"))
    assert [b.text for b in doc.report.part(Part.INTRO)] == ["Năm {{year}}, ngành công thương tỉnh phát triển."]
    with pytest.raises(EditRefused, match="chưa có báo cáo quý I năm 2030"):
        doc.apply(reports.create_report(doc, Period(PeriodKind.Q1, 2031), start="year_before"))


def test_a_deleted_report_is_backed_up_first_and_undo_brings_it_back_whole(doc):
    from baocao_gui.store.backup import list_backups

    doc.apply(reports.create_report(doc, Period(PeriodKind.M10, 2029)))
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 55))
    doc.apply(paragraphs.insert_block(doc, "intro", None, 0, text="Tháng 10, sản xuất ổn định."))
    rid = doc.report_id
    edit = reports.delete_report(doc, rid)
    doc.apply(edit)
    assert [r.period.label for r in doc.workbook.reports] == ["năm 2029"] and doc.report_id != rid
    assert "xoa-bao-cao" in [b.reason for b in list_backups(doc.path)]
    doc.run(edit.undo, edit.change)
    assert doc.report_id == rid and doc.report.values["viec_lam"].actual == 55
    assert [b.text for b in doc.report.part(Part.INTRO)] == ["Tháng 10, sản xuất ổn định."]


def test_an_empty_report_changes_period_and_one_with_figures_is_refused_in_one_sentence(doc):
    doc.apply(reports.create_report(doc, Period(PeriodKind.M11, 2029), start="empty"))
    doc.apply(reports.set_period(doc, Period(PeriodKind.Q4, 2029)))
    assert doc.report.period.label == "quý IV năm 2029"
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 3))
    with pytest.raises(EditRefused, match="đã có số liệu hoặc đoạn văn nên không đổi được kỳ"):
        doc.apply(reports.set_period(doc, Period(PeriodKind.Q3, 2029)))
    with pytest.raises(EditRefused, match="đã có báo cáo năm 2029"):
        doc.apply(reports.create_report(doc, Period(Y, 2029)))


def test_a_sent_report_refuses_edits_until_unlocked_and_then_shows_what_changed(doc, tmp_path):
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 2500))
    doc.apply(paragraphs.insert_block(doc, "intro", None, 0, text="Năm {{year}}, công nghiệp tăng trưởng khá."))
    doc.apply(paragraphs.insert_block(doc, "intro", None, 1, text="Thương mại ổn định."))
    sent = export_report(doc.workbook, doc.report, tmp_path / "gửi.docx").path
    doc.apply(reports.mark_sent(doc, sent))
    assert doc.report.frozen and len(doc.report.sent.sha256) == 64 and doc.report.sent.file == "gửi.docx"
    with pytest.raises(EditRefused, match="đã ký, đã gửi"):
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 2600))
    with pytest.raises(EditRefused, match="đã ký, đã gửi"):
        doc.apply(report_fields.set_agency_field(doc, "name", "SỞ KHÁC"))
    # the workbook's structure changes under it: the sent report still exports what was sent
    doc.choose_report(doc.report_id)
    again = export_report(doc.workbook, doc.report, tmp_path / "lại.docx").path
    assert _text(again) == _text(sent)
    doc.apply(reports.unlock(doc))
    assert not doc.report.frozen and doc.report.sent.snapshot
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 2600))
    block = doc.report.part(Part.INTRO)[1]
    doc.apply(paragraphs.set_block_text(doc, block.id, "Thương mại, dịch vụ ổn định."))
    changes = differences(doc.workbook, doc.report)
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("figure", "2.500", "2.600"), ("paragraph", "Thương mại ổn định.", "Thương mại, dịch vụ ổn định.")]


def test_a_sent_report_exports_the_text_it_was_sent_with_after_a_sector_is_renamed(doc, tmp_path):
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 2500))
    sector = doc.workbook.sectors[1]
    doc.apply(paragraphs.insert_block(doc, "results", sector.code, 0, text="Kết quả {{viec_lam}} người."))
    sent = export_report(doc.workbook, doc.report, tmp_path / "gửi.docx").path
    doc.apply(reports.mark_sent(doc, sent))
    sent_id = doc.report_id
    doc.apply(reports.create_next_report(doc))
    doc.apply(sectors.set_sector_field(doc, sector.code, "title", "Lĩnh vực đổi tên"))
    doc.choose_report(sent_id)
    again = export_report(doc.workbook, doc.report, tmp_path / "lại.docx").path
    assert _text(again) == _text(sent) and "Lĩnh vực đổi tên" not in _text(again)


def test_a_file_chosen_as_sent_that_was_edited_in_word_is_told_apart_from_the_report(doc, tmp_path):
    import docx

    from baocao_gui.app.export import paragraphs_differing

    doc.apply(paragraphs.insert_block(doc, "intro", None, 0, text="Ngành công thương tăng trưởng khá."))
    exported = export_report(doc.workbook, doc.report, tmp_path / "xuất.docx").path
    assert paragraphs_differing(doc.workbook, doc.report, exported) == 0
    edited = docx.Document(str(exported))
    next(p for p in edited.paragraphs if p.text == "Ngành công thương tăng trưởng khá.").text = "Đã sửa trong Word."
    edited.save(str(tmp_path / "đã sửa.docx"))
    assert paragraphs_differing(doc.workbook, doc.report, tmp_path / "đã sửa.docx") == 1
    (tmp_path / "bản quét.pdf").write_bytes(b"%PDF-1.4")
    assert paragraphs_differing(doc.workbook, doc.report, tmp_path / "bản quét.pdf") is None


def test_a_sector_left_out_of_a_report_stays_out_of_the_next_one_and_keeps_its_figures(doc, tmp_path):
    sector = doc.workbook.sectors[-1]
    code = next(i.code for i in doc.workbook.indicators if i.sector == sector.code)
    doc.apply(figures.set_value(doc, code, "actual", 9))
    doc.apply(sectors.set_sector_off(doc, sector.code))
    assert sector.code not in [s.code for s in doc.workbook.sectors_of(doc.report)]
    assert sector.title not in _text(export_report(doc.workbook, doc.report, tmp_path / "a.docx").path)
    doc.apply(reports.create_next_report(doc))
    assert doc.report.sectors_off == {sector.code}
    doc.apply(sectors.set_sector_off(doc, sector.code, False))
    assert doc.report.sectors_off == frozenset()
    doc.choose_report(_report(doc, Y, 2029).id)
    assert doc.report.values[code].actual == 9 and doc.report.sectors_off == {sector.code}


def test_a_sector_of_the_catalogue_removed_from_the_workbook_comes_back_from_the_catalogue(doc):
    from baocao_gui.store import edits

    sector = doc.workbook.sectors[-1]
    edits.delete_sector(doc.db, sector.code)
    doc.reload()
    assert (sector.code, sector.title) in sectors.catalogue_sectors_missing(doc)
    edit = sectors.add_catalogue_sector(doc, sectors.catalogue_id(doc), sector.code)
    doc.apply(edit)
    assert doc.workbook.sectors[-1].title == sector.title
    assert any(i.sector == sector.code and i.sentence for i in doc.workbook.indicators)
    doc.run(edit.undo, edit.change)
    assert sector.code not in [s.code for s in doc.workbook.sectors]


def test_a_sent_file_that_vanished_before_it_is_read_is_one_sentence_and_nothing_is_marked(doc, tmp_path):
    with pytest.raises(EditRefused, match="Không đọc được tệp “đã xóa.docx”"):
        doc.apply(reports.mark_sent(doc, tmp_path / "đã xóa.docx"))
    assert doc.report.sent is None


def test_a_report_made_for_the_wrong_period_changes_period_with_the_figures_carried_for_the_new_one(doc):
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 900))
    doc.apply(figures.set_value(doc, "viec_lam", "target", 1200))  # the 2030 plan
    doc.apply(reports.create_report(doc, Period(Y, 2030), start="empty"))  # meant for 2031
    assert doc.report.values["viec_lam"].plan == 1200 and doc.report.values["viec_lam"].last == 900
    edit = reports.set_period(doc, Period(Y, 2031))
    doc.apply(edit)
    assert doc.report.period == Period(Y, 2031) and "viec_lam" not in doc.report.values  # nothing set 2031's plan
    assert edit.created["carried"].say().startswith("không có số liệu nào được mang sang")
    doc.run(edit.undo, edit.change)
    assert doc.report.period == Period(Y, 2030) and doc.report.values["viec_lam"].plan == 1200
