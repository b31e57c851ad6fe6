"""Vietnamese spelling without a window: which words are underlined, and what is offered instead."""

import unicodedata
from pathlib import Path

import pytest

from baocao_gui.domain.spelling import (
    is_syllable,
    place_tone,
    suggestions,
    telex_decode,
    unknown_words,
    vni_decode,
)

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "dak-nong-2023-bao-cao-tom-tat.txt"
HUNSPELL = Path("/usr/share/hunspell/vi_VN.dic")
# loanwords and rare variants of the hunspell list the grammar does not take; a clerk adds them with one click
HUNSPELL_LOANS = {"basoi", "email", "gen", "gram", "internet", "intranet", "ka", "palăng", "ping", "tivi", "tout",
                  "v", "web", "quoàng", "quoạng", "quoắt"}


def flagged(text, known=frozenset()):
    return [u.word for u in unknown_words(text, known)]


def test_a_real_provincial_report_has_no_unknown_syllable():
    text = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else None
    if text is None:
        pytest.skip("the reference report is not beside this checkout")
    assert flagged(text) == []


@pytest.mark.skipif(not HUNSPELL.exists(), reason="hunspell-vi is not installed")
def test_every_syllable_of_the_vietnamese_hunspell_list_is_known_but_a_few_loanwords():
    words = [unicodedata.normalize("NFC", line.strip()) for line in HUNSPELL.read_text(encoding="utf-8").splitlines()]
    lower = [w for w in words[1:] if w and w.islower()]
    assert len(lower) > 6000
    assert {w for w in lower if not is_syllable(w)} <= HUNSPELL_LOANS
    names = [w for w in words[1:] if w[:1].isupper() and not w.isupper()]
    assert {w for w in names if flagged(w)} <= {"Telex", "Unicode"}


@pytest.mark.parametrize(("typed", "meant"), [
    ("ddaays", "đấy"), ("khoongg", "không"), ("nguwoif", "người"), ("vie65t", "việt"), ("vieetj", "việt"),
    ("tìên", "tiền"), ("hòan", "hoàn"), ("ngừơi", "người"), ("lamf", "làm"), ("d9u7o7ng2", "đường"),
    ("Ddaast", "Đất"), ("quoocs", "quốc"),
])
def test_telex_and_vni_leftovers_and_a_tone_on_the_wrong_letter_are_flagged_and_the_word_is_offered(typed, meant):
    assert flagged(f"Năm nay {typed} tốt.") == [typed]
    assert meant in suggestions(typed)[:3]


def test_the_decoders_read_what_the_keyboard_program_would_have_written():
    assert telex_decode("nguwowif") == "người"
    assert telex_decode("hoaf") == "hòa"
    assert vni_decode("hoa2") == "hòa"
    assert place_tone("hoa", 2, new_style=True) == "hoà"


@pytest.mark.parametrize("word", ["hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "quý", "giếng", "gìn", "khuya",
                                  "nguyễn", "khuỷu", "người", "rượu", "boóng", "xoong", "quyết", "huỳnh", "y", "yêu"])
def test_both_tone_mark_styles_and_the_tricky_rhymes_are_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["hóan", "tìên", "ngừơi", "kà", "ghá", "ngha", "cì", "lyên", "ápc", "mátx", "bàt",
                                  "tẻt", "qúa"])
def test_a_wrong_onset_a_tone_on_a_stop_or_on_the_wrong_letter_is_not_a_syllable(word):
    assert not is_syllable(word)


def test_capitals_codes_numbers_citations_names_and_allowed_english_are_not_flagged():
    text = ("UBND tỉnh, Sở LĐ-TB&XH và BHXH Việt Nam; NGUYỄN VĂN AN ký. Mã H5N1, COVID-19, năm 2023, "
            "số {{lao_dong.pct_plan}} và {{nam_bao_cao}}; gửi email qua website http://sldtbxh.daknong.gov.vn "
            "hoặc hop_thu@daknong.gov.vn, họp online trên Internet. Huyện Krông Nô, Cư Jút, Đắk Mil, Đắk Glong; "
            "a) 332.535 kg gạo; 4.394.824.000đồng; Tp. Gia Nghĩa.")
    assert flagged(text) == []


def test_a_capitalised_word_that_is_no_name_is_flagged():
    assert flagged("Tuy nhiên Khoongg có.") == ["Khoongg"]


def test_the_clerks_own_words_are_passed():
    assert flagged("Dự án Misa và ddaays", known=frozenset({"misa"})) == ["ddaays"]


def test_positions_point_at_the_words_in_the_text():
    text = "Số {{a.b}} ddaays và khoongg"
    spots = [(u.start, u.end) for u in unknown_words(text)]
    assert [text[s:e] for s, e in spots] == ["ddaays", "khoongg"]


def test_a_decomposed_word_is_read_as_its_nfc_form():
    assert flagged(unicodedata.normalize("NFD", "Việt Nam người")) == []


def test_the_check_before_signing_warns_once_per_paragraph_with_its_unknown_words(sample_workbook):
    import dataclasses

    from baocao_gui.domain.checks import Severity, check_report
    from baocao_gui.domain.model import Block, BlockKind, Part
    from baocao_gui.store import load_workbook, open_workbook

    workbook = load_workbook(open_workbook(sample_workbook, readonly=True))
    report = workbook.report_for(2023)
    key = (Part.RESULTS, "lao_dong")
    tcvn3 = b"Ch\xad\xacng tr\xd7nh gi\xb6m ngh\xcco".decode("cp1252")
    blocks = dict(report.blocks)
    blocks[key] = (*blocks[key], Block(BlockKind.PARAGRAPH, "Huyện ddaays và khoongg, lại ddaays.", 991),
                   Block(BlockKind.PARAGRAPH, tcvn3, 992))
    report = dataclasses.replace(report, blocks=blocks)
    workbook = dataclasses.replace(workbook, reports=tuple(report if r.id == report.id else r for r in workbook.reports))

    spelling = [f for f in check_report(workbook, report) if f.kind == "spelling"]
    assert len(spelling) == 1  # the legacy-encoded paragraph has its own finding, not a spelling one
    finding = spelling[0]
    assert finding.severity == Severity.WARNING and finding.place.block_id == 991
    assert "“ddaays”, “khoongg”" in finding.message and finding.message.count("ddaays") == 1
    assert [f.message for f in check_report(workbook, report, frozenset({"ddaays"})) if f.kind == "spelling"] == [
        "có thể sai chính tả: “khoongg”."]
