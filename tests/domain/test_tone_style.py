"""One tone-mark style per report: "hòa" (old) and "hoà" (new) told apart only where Vietnamese writes both, and a
text written in either style without touching anything else."""

import unicodedata

import pytest

from baocao_gui.domain.tone import NEW, OLD, in_style, styled_words, word_style


@pytest.mark.parametrize(("old", "new"), [
    ("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Ủy", "Uỷ"), ("ỦY", "UỶ"), ("HÒA", "HOÀ"), ("tòa", "toà"),
    ("Thụy", "Thuỵ"), ("xõa", "xoã"), ("lóe", "loé"), ("họa", "hoạ"), ("Đòa", "Đoà"),
])
def test_the_open_oa_oe_uy_rhymes_are_told_apart_and_moved_both_ways(old, new):
    assert word_style(old) == OLD and word_style(new) == NEW
    assert in_style(old, NEW) == new and in_style(new, OLD) == old
    assert in_style(old, OLD) == old and in_style(new, NEW) == new


@pytest.mark.parametrize("word", [
    "quý", "quỳ", "quả", "què", "Quý",  # "qu": the u is the onset's, both styles put the tone on the next vowel
    "hoàng", "huýt", "khoét", "toán", "quyết",  # a final consonant: the second vowel in both styles
    "xoáy", "ngoáo", "hoài", "khuỷu",  # a final vowel: both styles agree
    "hoa", "thuy", "của", "mùa", "thuở", "huế", "giá", "2024",
])
def test_words_both_styles_write_alike_are_neither_and_never_changed(word):
    assert word_style(word) is None
    assert in_style(word, OLD) == in_style(word, NEW) == word


def test_a_paragraph_is_rewritten_word_by_word_and_stays_nfc():
    text = "Ủy ban nhân dân tỉnh Hòa Lâm chỉ đạo hoà giải, thủy lợi, quý I, sức khỏe {{viec_lam}} người."
    new = in_style(text, NEW)
    assert new == "Uỷ ban nhân dân tỉnh Hoà Lâm chỉ đạo hoà giải, thuỷ lợi, quý I, sức khoẻ {{viec_lam}} người."
    assert in_style(new, OLD) == text.replace("hoà giải", "hòa giải")
    assert unicodedata.is_normalized("NFC", new)
    assert [s for _, s in styled_words(text)] == [OLD, OLD, NEW, OLD, OLD]


def test_decomposed_text_is_read_and_written_as_nfc():
    decomposed = unicodedata.normalize("NFD", "hòa thuỷ")
    assert in_style(decomposed, NEW) == "hoà thuỷ"
    assert [s for _, s in styled_words(decomposed)] == [OLD, NEW]
