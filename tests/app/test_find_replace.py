"""Find and replace over a whole report, and the report written in one tone-mark style, without a window: what the
command line and scripts can use (``domain.find``, ``app.edits.texts``), on an invented three-sector report."""

import pytest
from invented_report import SECTORS, invented_report

from baocao_gui.app import Document, EditRefused
from baocao_gui.app.edits import paragraphs, reports, texts
from baocao_gui.app.textfile import dump_workbook, load_text_workbook
from baocao_gui.domain.checks import check_report
from baocao_gui.domain.find import FindOptions, find
from baocao_gui.domain.model import Part
from baocao_gui.domain.report_text import report_spots
from baocao_gui.domain.tables import Table


@pytest.fixture
def doc(tmp_path):
    path, ids = invented_report(tmp_path)
    document = Document(path)
    document.ids = ids
    yield document
    document.close()


def every_text(doc):
    return " ".join(s.text for s in report_spots(doc.workbook, doc.report))


def test_every_text_of_the_report_is_searched_with_its_place(doc):
    hits = find(doc.workbook, doc.report, "năm 2024")
    wheres = [h.spot.where for h in hits]
    assert "Thông tin chung › Trích yếu nội dung" in wheres
    assert "Thông tin chung › Nơi nhận › dòng 1" in wheres
    assert any(w.endswith("Kết quả thực hiện › đoạn 3 (bảng, dòng 2, cột 3)") for w in wheres)
    assert {h.spot.place.sector for h in hits} >= set(SECTORS)
    in_citation = [h for h in hits if h.in_citation]
    assert len(in_citation) == 1 and in_citation[0].spot.text == "So với năm {{last_year}}, số hộ thoát nghèo tăng."
    assert in_citation[0].spot.place.block_id == doc.ids[("giam_ngheo_btxh", Part.RESULTS, 1)]


def test_replace_all_is_one_edit_that_leaves_citations_and_is_undone_whole(doc):
    before = every_text(doc)
    edit = texts.replace_all(doc, "năm 2024", "năm 2025")
    doc.apply(edit)
    assert edit.created["replaced"] == 9
    after = every_text(doc)
    assert "năm 2024" not in after.lower().replace("năm {{last_year}}", "")
    assert "So với năm {{last_year}}, số hộ thoát nghèo tăng." in after  # the citation untouched
    table = Table.from_json(next(b.text for b in doc.report.part(Part.RESULTS, "lao_dong") if b.id == doc.ids["table"]))
    assert table.header[0][1] == "Năm 2025"  # its capital kept, as Word does and table.rows[0][2] == "năm 2025 tổ chức tại Hòa Lâm"
    assert doc.report.recipients[0] == "- UBND tỉnh (báo cáo năm 2025);"
    doc.run(edit.undo, edit.change)
    assert every_text(doc) == before


def test_only_hits_in_citations_are_refused_with_the_sentence_that_says_where_to_change_them(doc):
    with pytest.raises(EditRefused) as refused:
        texts.replace_all(doc, "20.240", "20.250")
    assert "bảng số liệu" in refused.value.message


def test_a_report_signed_and_sent_is_searched_but_not_replaced(doc):
    doc.apply(reports.mark_sent(doc, None))
    assert doc.report.frozen
    assert len(find(doc.workbook, doc.report, "năm 2024")) == 10
    with pytest.raises(EditRefused) as refused:
        texts.replace_all(doc, "năm 2024", "năm 2025")
    assert refused.value.message == texts.frozen_sentence(doc.report)
    assert "đã ký, đã gửi nên chỉ tìm được, không thay thế được" in refused.value.message


@pytest.mark.parametrize(("query", "options", "count"), [
    ("Năm 2024", FindOptions(match_case=True), 1),  # the table's header cell
    ("năm 2024", FindOptions(), 10),
    ("hoa lam", FindOptions(), 0),
    ("hoa lam", FindOptions(ignore_marks=True), 4),  # the parent agency, the place, a paragraph, a table cell
    ("HÒA LÂM", FindOptions(match_case=True), 1),
    ("dong phu", FindOptions(ignore_marks=True), 0),  # "Đông": Đ is not D unless asked
    ("dong phu", FindOptions(ignore_marks=True, d_as_dd=True), 1),
    ("việ", FindOptions(whole_word=True), 0),
    ("xã hội", FindOptions(whole_word=True), 4),  # a paragraph, the sector title, two indicators sentences
    ("xã hộ", FindOptions(whole_word=True), 0),
])
def test_options_whole_word_case_and_vietnamese_marks(doc, query, options, count):
    assert len(find(doc.workbook, doc.report, query, options)) == count


def test_replace_one_hit_changes_that_text_alone(doc):
    hits = find(doc.workbook, doc.report, "năm 2024")
    target = next(h for h in hits if h.spot.place.sector == "nguoi_co_cong")
    doc.apply(texts.replace_hits(doc, [target], "năm 2025"))
    block = doc.report.part(Part.RESULTS, "nguoi_co_cong")[0]
    assert block.text == "Chăm lo người có công nhân dịp Tết năm 2025, thăm hỏi 312 gia đình chính sách."
    assert len(find(doc.workbook, doc.report, "năm 2024")) == 9


def test_a_report_mixing_tone_styles_gets_one_warning_and_one_edit_writes_one_style(doc):
    def tone_findings():
        return [f for f in check_report(doc.workbook, doc.report) if f.kind == "tone-style"]

    assert tone_findings() == []  # "Hòa", "Thủy", "ỦY": all in the old style
    block = doc.ids[("lao_dong", Part.TASKS, 0)]
    doc.apply(paragraphs.set_block_text(doc, block, "Phối hợp hoà giải tại cơ sở, chăm lo sức khoẻ và quý I."))
    [finding] = tone_findings()
    assert "“hoà”" in finding.message and "“Hòa”" in finding.message and finding.place.block_id == block
    before = every_text(doc)

    edit = texts.write_in_style(doc, "new")
    doc.apply(edit)
    assert tone_findings() == [] and doc.report.tone_style == "new"
    after = every_text(doc)
    assert "Hòa" not in after and "Hoà Lâm" in after and "Thuỷ" in after and "UỶ BAN" in after
    assert "quý I" in after  # "qu": the same in both styles
    table = Table.from_json(next(b.text for b in doc.report.part(Part.RESULTS, "lao_dong") if b.id == doc.ids["table"]))
    assert table.rows[0][2] == "năm 2024 tổ chức tại Hoà Lâm"

    doc.run(edit.undo, edit.change)  # one undo puts every text and the style back
    assert every_text(doc) == before and doc.report.tone_style == ""
    doc.run(edit.do, edit.change)  # and a redo writes them again
    assert every_text(doc) == after

    doc.apply(paragraphs.set_block_text(doc, block, "Phòng chống thiên tai, thủy lợi."))
    [finding] = tone_findings()  # the style chosen is remembered: one word in the other style is said
    assert "“thủy”" in finding.message and "kiểu mới" in finding.message


def test_text_brought_in_takes_the_report_style(doc):
    assert texts.report_style_text(doc.report, "hòa giải") == "hòa giải"  # no style chosen: as it came
    doc.apply(texts.write_in_style(doc, "new"))
    assert texts.report_style_text(doc.report, "hòa giải, thủy lợi") == "hoà giải, thuỷ lợi"


def test_the_style_is_kept_by_dump_and_load_and_by_the_next_report(doc, tmp_path):
    doc.apply(texts.write_in_style(doc, "old"))
    doc.apply(reports.create_next_report(doc))  # the report of 2026, made from this one, keeps its style
    assert doc.report.period.year == 2026 and doc.report.tone_style == "old"
    path = doc.path
    doc.close()
    dumped = dump_workbook(path, tmp_path / "so.toml")
    assert dumped.read_text(encoding="utf-8").count('tone_style = "old"') == 2
    loaded = Document(load_text_workbook(dumped, tmp_path / "lai.baocao"))
    try:
        assert [r.tone_style for r in loaded.workbook.in_order()] == ["old", "old"]
    finally:
        loaded.close()


def test_a_word_import_and_a_part_merged_take_the_report_style(doc):
    from baocao_gui.app.imports import import_edit
    from baocao_gui.domain.model import Block, BlockKind

    doc.apply(texts.write_in_style(doc, "new"))
    table = Table(header=(("Nội dung", "Ghi chú"),), rows=(("Hòa giải", "thủy lợi"),))
    blocks = [Block(BlockKind.PARAGRAPH, "Tổ hòa giải và đội thủy lợi hoạt động tốt, quý IV."),
              Block(BlockKind.TABLE, table.to_json())]
    doc.apply(import_edit(doc, "results", "thanh_tra", 0, blocks, [], [], "Nhập từ tệp Word"))
    [paragraph, imported] = doc.report.part(Part.RESULTS, "thanh_tra")
    assert paragraph.text == "Tổ hoà giải và đội thuỷ lợi hoạt động tốt, quý IV."
    assert Table.from_json(imported.text).rows == (("Hoà giải", "thuỷ lợi"),)
    # a part sent to an office and come back with a paragraph in the other style: merged in the report's
    from baocao_gui.app.parts import merge_edit, plan_merge, read_part, send_part

    part = send_part(doc, "nguoi_co_cong", doc.path.parent / "phan.baocao")
    office = Document(part)
    try:
        office.apply(paragraphs.insert_block(office, "results", "nguoi_co_cong", 1, "paragraph",
                                             "Phối hợp hòa giải cho 12 gia đình."))
    finally:
        office.close()
    plan = plan_merge(doc, "nguoi_co_cong", *read_part(part))
    doc.apply(merge_edit(doc, "nguoi_co_cong", list(plan.blocks), "Nhận phần"))
    assert doc.report.part(Part.RESULTS, "nguoi_co_cong")[1].text == "Phối hợp hoà giải cho 12 gia đình."
