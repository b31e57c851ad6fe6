"""Text pasted from old documents into a Unicode paragraph: legacy words found one by one, converted on paste and
by the one-click fix; bidi controls and invisible characters flagged and removed by “Chuẩn hóa”. Invented texts."""

import pytest

from baocao_gui.domain import legacy
from baocao_gui.domain.checks import Severity, check_report, tidy_text
from baocao_gui.domain.model import Agency, Block, BlockKind, Part, Period, PeriodKind, Report, Workbook


def findings_of(text):
    report = Report(3, Period(PeriodKind.YEAR, 2031), blocks={(Part.INTRO, ""): (Block(BlockKind.PARAGRAPH, text, 9),)})
    workbook = Workbook(Agency(name="Sở Y tế", place="Hòa Lâm"), {}, (), (), (report,))
    return [f for f in check_report(workbook, report) if f.place.block_id == 9]


@pytest.mark.parametrize("pasted, fixed", [
    ("Ủy ban nhân dân tØnh §¾k N«ng", "Ủy ban nhân dân tỉnh Đắk Nông"),  # TCVN3 at the end of a line
    ("Kết quả thực hiện Ch\u2212¬ng tr×nh môc tiªu quèc gia về y tế", "Kết quả thực hiện Chương trình mục tiêu quốc gia về y tế"),
    ("Bệnh viện đa khoa Vieät Nam chuùng ta năm 2031", "Bệnh viện đa khoa Việt Nam chúng ta năm 2031"),  # VNI
])
def test_a_legacy_fragment_inside_a_unicode_line_is_found_word_by_word_and_converted(pasted, fixed):
    assert legacy.fragments(pasted)
    assert legacy.normalize_pasted(pasted) == fixed
    finding = next(f for f in findings_of(pasted) if f.kind == "legacy-encoding")
    assert finding.severity == Severity.ERROR and legacy.fragments(pasted)[0].text in finding.message
    assert tidy_text(pasted) == fixed
    assert not [f for f in findings_of(fixed) if f.kind == "legacy-encoding"]


@pytest.mark.parametrize("text", [
    "Cà phê có giá 45.000 đồng tại Đà Lạt.",
    "Đoàn công tác đến Zürich và Genève, học tập mô hình façade xanh.",
    "Đo bụi mịn 2,5 µm tại Hòa Lâm; ông Müller phát biểu.",
    "Bảo hiểm y tế đạt 93,1%, tăng so với năm trước.",
])
def test_correct_unicode_text_with_foreign_words_is_never_taken_for_legacy(text):
    assert legacy.fragments(text) == []
    assert legacy.to_unicode(text) == text
    assert not [f for f in findings_of(text) if f.kind == "legacy-encoding"]


def test_a_right_to_left_override_is_an_error_and_chuan_hoa_removes_it():
    text = "Khám cho 1.250 trẻ em \u202eem ẻrt\u202c tại xã."
    finding = next(f for f in findings_of(text) if "hướng chữ" in f.message)
    assert finding.severity == Severity.ERROR and finding.kind == "normalize"
    assert tidy_text(text) == "Khám cho 1.250 trẻ em em ẻrt tại xã."


def test_zero_width_characters_are_flagged_and_removed_by_chuan_hoa():
    text = "Tiêm\u200b chủng\ufeff mở rộng đạt 98,2%."
    finding = next(f for f in findings_of(text) if "vô hình" in f.message)
    assert finding.severity == Severity.WARNING and finding.kind == "normalize"
    assert tidy_text(text) == "Tiêm chủng mở rộng đạt 98,2%."


def test_the_whole_reference_report_holds_no_legacy_fragment():
    from helpers import REFERENCE

    assert legacy.fragments(REFERENCE.read_text(encoding="utf-8")) == []
