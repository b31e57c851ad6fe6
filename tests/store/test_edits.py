"""Edits the window makes: each one committed, each one reversible exactly."""

import pytest

from baocao_gui.domain.model import BlockKind, Part
from baocao_gui.store import edits, load_workbook, open_workbook


@pytest.fixture
def db(sample_workbook):
    d = open_workbook(sample_workbook)
    yield d
    d.close()


def report(db, year=2023):
    return load_workbook(db).report_for(year)


def test_a_typed_figure_is_committed_and_undo_puts_the_old_one_back(db, sample_workbook):
    rid = report(db).id
    old = edits.set_value(db, rid, "viec_lam", "actual", 19000)
    assert old == 18498
    reopened = open_workbook(sample_workbook, readonly=True)  # another connection sees the commit
    assert load_workbook(reopened).report_for(2023).values["viec_lam"].actual == 19000
    edits.set_value(db, rid, "viec_lam", "actual", old)
    assert report(db).values["viec_lam"].actual == 18498


def test_a_figure_for_an_indicator_without_values_creates_its_row(db):
    rid = report(db).id
    code = edits.add_indicator(db, "lao_dong", "Số lượt tư vấn việc làm", "lượt")
    assert edits.set_value(db, rid, code, "actual", 1200) is None
    assert report(db).values[code].actual == 1200


def test_removing_an_override_brings_back_the_computed_figure(db):
    rid = report(db).id
    assert edits.set_override(db, rid, "dao_tao_nghe", "pct_plan", None) == 212.27
    assert "pct_plan" not in report(db).values["dao_tao_nghe"].overrides


def test_text_is_cleaned_on_the_way_in(db):
    rid = report(db).id
    bid = edits.insert_block(db, rid, Part.INTRO, None, 0, text="Cu\u0309a\tso\u0302\u0301\x07 lie\u0323\u0302u\r\nmới")
    block = report(db).part(Part.INTRO)[0]
    assert block.id == bid and block.text == "Của số liệu mới"


def test_blocks_insert_move_and_delete_keep_their_order_and_undo_restores_them(db):
    rid = report(db).id
    before = [b.text for b in report(db).part(Part.RESULTS, "lao_dong")]
    bid = edits.insert_block(db, rid, Part.RESULTS, "lao_dong", 1, BlockKind.HEADING, "Mục mới")
    assert [b.text for b in report(db).part(Part.RESULTS, "lao_dong")][1] == "Mục mới"
    assert edits.move_block(db, bid, 0) == 1
    assert report(db).part(Part.RESULTS, "lao_dong")[0].text == "Mục mới"
    snapshot = edits.delete_block(db, bid)
    assert [b.text for b in report(db).part(Part.RESULTS, "lao_dong")] == before
    edits.insert_block(db, **snapshot)
    restored = report(db).part(Part.RESULTS, "lao_dong")[0]
    assert (restored.id, restored.kind, restored.text) == (bid, BlockKind.HEADING, "Mục mới")


def test_a_new_indicator_gets_a_readable_code_and_sits_after_its_parent_family(db):
    code = edits.add_indicator(db, "lao_dong", "Số lao động đi làm việc ngoại tỉnh", "người", parent="viec_lam")
    assert code == "so_lao_dong_di_lam_viec_ngoai_tinh"
    wb = load_workbook(db)
    codes = [i.code for i in wb.indicators if i.sector == "lao_dong"]
    family_end = max(codes.index(c) for c in ("viec_lam", "viec_lam_trong_nuoc", "xuat_khau_lao_dong"))
    assert codes.index(code) == family_end + 1
    assert wb.indicator(code).parent == "viec_lam"
    from baocao_gui.domain.codes import code_from_name

    assert code_from_name("Số lao động đi làm việc ngoại tỉnh", {code}) == code + "_2"


def test_deleting_an_indicator_takes_its_breakdowns_and_figures_and_undo_restores_all(db):
    rid = report(db).id
    snapshot = edits.delete_indicator(db, "dao_tao_nghe")
    wb = load_workbook(db)
    assert wb.indicator("dao_tao_nghe") is None and wb.indicator("dao_tao_so_cap") is None
    edits.restore_indicator(db, snapshot)
    after = load_workbook(db).report_for(2023)
    assert after.id == rid and after.values["dao_tao_so_cap"].actual == 8211
    assert after.values["dao_tao_nghe"].overrides["pct_plan"] == 212.27


def test_a_new_sector_can_be_added_renamed_moved_and_removed_with_undo(db):
    code = edits.add_sector(db, "Công tác Phòng, chống tệ nạn xã hội")
    assert load_workbook(db).sectors[-1].code == code
    assert edits.set_sector_field(db, code, "title", "Công tác Phòng, chống TNXH") == "Công tác Phòng, chống tệ nạn xã hội"
    edits.move_sector(db, code, 1)
    assert load_workbook(db).sectors[1].code == code
    snapshot = edits.delete_sector(db, "tre_em_bdg")
    assert all(s.code != "tre_em_bdg" for s in load_workbook(db).sectors)
    edits.restore_sector(db, snapshot)
    wb = load_workbook(db)
    assert wb.report_for(2023).values["tre_em_tu_vong"].actual == 42
    assert wb.report_for(2023).part(Part.RESULTS, "tre_em_bdg")


def test_report_and_agency_fields_return_the_old_value(db):
    rid = report(db).id
    assert edits.set_report_field(db, rid, "signer_name", "Nguyễn Văn A") == ""
    assert edits.set_agency_field(db, rid, "place", "Gia Nghĩa") == "Đắk Nông"
    assert edits.set_recipients(db, rid, ["Bộ LĐTBXH", "", "Lưu: VT"])[-1] == "Lưu: VT, VP"
    r = report(db)
    assert r.signer_name == "Nguyễn Văn A" and r.recipients == ("Bộ LĐTBXH", "Lưu: VT")
