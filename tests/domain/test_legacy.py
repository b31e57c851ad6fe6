"""Pasting text typed in the legacy TCVN3 (ABC/.VnTime) and VNI (VNI-Times) encodings.

The legacy texts are written as the *bytes* the old fonts stored and decoded the way a Windows
paste delivers them (cp1252, see ``paste``), so the tests do not trust the module's own tables.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from baocao_gui.domain.legacy import detect, normalize_pasted, to_unicode

REPORT = Path(__file__).resolve().parents[1] / "data" / "dak-nong-2023-bao-cao-tom-tat.txt"
PARAGRAPHS = [p for p in REPORT.read_text(encoding="utf-8").split("\n") if p.strip()]

# Bytes that cp1252 leaves undefined; Windows hands them over as the C1 control of the same number.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def paste(raw: bytes) -> str:
    """What the clipboard holds after copying legacy-font text: each byte as its cp1252 character."""
    return "".join(chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in raw)


# --- encoders written from the published charts, independently of the module's tables ---------

_TONE_INDEX = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}  # sắc huyền hỏi ngã nặng


def _split_tone(ch: str) -> tuple[str, int | None]:
    decomposed = unicodedata.normalize("NFD", ch)
    tone = next((_TONE_INDEX[c] for c in decomposed if c in _TONE_INDEX), None)
    base = "".join(c for c in decomposed if c not in _TONE_INDEX)
    return unicodedata.normalize("NFC", base), tone


# TCVN 5712:1993 VN3 chart: codes of each toneless small vowel with sắc, huyền, hỏi, ngã, nặng.
_TCVN3_TONED = {
    "a": "b8 b5 b6 b7 b9", "ă": "be bb bc bd c6", "â": "ca c7 c8 c9 cb",
    "e": "d0 cc ce cf d1", "ê": "d5 d2 d3 d4 d6", "i": "dd d7 d8 dc de",
    "o": "e3 df e1 e2 e4", "ô": "e8 e5 e6 e7 e9", "ơ": "ed ea eb ec ee",
    "u": "f3 ef f1 f2 f4", "ư": "f8 f5 f6 f7 f9", "y": "fd fa fb fc fe",
}  # fmt: skip
_TCVN3_UNTONED = dict(zip("ĂÂÊÔƠƯĐăâêôơưđ", bytes.fromhex("a1a2a3a4a5a6a7a8a9aaabacadae"), strict=True))


def tcvn3_bytes(text: str) -> bytes:
    """Encode as a .VnTime/.VnTimeH typist would: toned capitals use the small letter's code."""
    out = bytearray()
    for ch in text:
        base, tone = _split_tone(ch)
        if tone is not None and base.lower() in _TCVN3_TONED:
            out.append(bytes.fromhex(_TCVN3_TONED[base.lower()])[tone])
        elif ch in _TCVN3_UNTONED:
            out.append(_TCVN3_UNTONED[ch])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def _vni_letter(ch: str) -> str:
    """VNI Windows: base letter + mark byte(s); đ ơ ư, toned i and ỵ are single bytes."""
    base, tone = _split_tone(ch.lower())
    if base == "đ":
        s = "ñ"
    elif base == "i" and tone is not None:
        s = "íìæóò"[tone]
    elif base == "y" and tone == 4:
        s = "î"
    elif base in "âêô":
        s = unicodedata.normalize("NFD", base)[0] + ("â" if tone is None else "áàåãä"[tone])
    elif base == "ă":
        s = "a" + ("ê" if tone is None else "éèúüë"[tone])
    else:
        s = {"ơ": "ô", "ư": "ö"}.get(base, base) + ("" if tone is None else "ùøûõï"[tone])
    return s.upper() if ch.isupper() else s


def vni_bytes(text: str) -> bytes:
    return "".join(_vni_letter(c) if c.isalpha() and not c.isascii() else c for c in text).encode("cp1252")


# --- whole sentences as the legacy bytes ------------------------------------------------------

SENTENCES = [  # (Unicode, TCVN3 bytes, VNI bytes)
    (
        "Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông",
        b"S\xeb Lao \xae\xe9ng - Th\xad\xacng binh v\xb5 X\xb7 h\xe9i t\xd8nh \xa7\xbek N\xabng",
        b"S\xf4\xfb Lao \xf1o\xe4ng - Th\xf6\xf4ng binh va\xf8 Xa\xf5 ho\xe4i t\xe6nh \xd1a\xe9k No\xe2ng",
    ),
    (
        "Giải quyết việc làm cho 18.498 lượt người, đạt 101,64% kế hoạch.",
        b"Gi\xb6i quy\xd5t vi\xd6c l\xb5m cho 18.498 l\xad\xeet ng\xad\xeai, \xae\xb9t 101,64% k\xd5 ho\xb9ch.",
        (
            b"Gia\xfbi quye\xe1t vie\xe4c la\xf8m cho 18.498 l\xf6\xf4\xeft ng\xf6\xf4\xf8i, \xf1a\xeft 101,64%"
            b" ke\xe1 hoa\xefch."
        ),
    ),
    (
        "Trẻ em có hoàn cảnh đặc biệt được trợ giúp.",
        b"Tr\xce em c\xe3 ho\xb5n c\xb6nh \xae\xc6c bi\xd6t \xae\xad\xeec tr\xee gi\xf3p.",
        b"Tre\xfb em co\xf9 hoa\xf8n ca\xfbnh \xf1a\xebc bie\xe4t \xf1\xf6\xf4\xefc tr\xf4\xef giu\xf9p.",
    ),
    (
        "Kỹ sư giữ vững sự nghiệp ở thời kỳ mới, tránh lỡ hẹn và kiêng kỵ sự vụ lợi.",
        (
            b"K\xfc s\xad gi\xf7 v\xf7ng s\xf9 nghi\xd6p \xeb th\xeai k\xfa m\xedi, tr\xb8nh l\xec h\xd1n v\xb5"
            b" ki\xaang k\xfe s\xf9 v\xf4 l\xeei."
        ),
        (
            b"Ky\xf5 s\xf6 gi\xf6\xf5 v\xf6\xf5ng s\xf6\xef nghie\xe4p \xf4\xfb th\xf4\xf8i ky\xf8 m\xf4\xf9i,"
            b" tra\xf9nh l\xf4\xf5 he\xefn va\xf8 kie\xe2ng k\xee s\xf6\xef vu\xef l\xf4\xefi."
        ),
    ),
    (
        "Nhân dân các dân tộc thiểu số ăn Tết vui vẻ, ấm no; quê hương đổi mới.",
        (
            b"Nh\xa9n d\xa9n c\xb8c d\xa9n t\xe9c thi\xd3u s\xe8 \xa8n T\xd5t vui v\xce, \xcam no;"
            b" qu\xaa h\xad\xacng \xae\xe6i m\xedi."
        ),
        (
            b"Nha\xe2n da\xe2n ca\xf9c da\xe2n to\xe4c thie\xe5u so\xe1 a\xean Te\xe1t vui ve\xfb, a\xe1m no;"
            b" que\xe2 h\xf6\xf4ng \xf1o\xe5i m\xf4\xf9i."
        ),
    ),
    (  # the capitals TCVN3 has codes for: Ă Â Ê Ô Ơ Ư Đ
        "Ăn quả nhớ kẻ trồng cây, Ông Âu Ơn và bà Ê Ưng ở Đắk Nông.",
        (
            b"\xa1n qu\xb6 nh\xed k\xce tr\xe5ng c\xa9y, \xa4ng \xa2u \xa5n v\xb5 b\xb5 \xa3 \xa6ng \xeb"
            b" \xa7\xbek N\xabng."
        ),
        (
            b"A\xcan qua\xfb nh\xf4\xf9 ke\xfb tro\xe0ng ca\xe2y, O\xc2ng A\xc2u \xd4n va\xf8 ba\xf8 E\xc2"
            b" \xd6ng \xf4\xfb \xd1a\xe9k No\xe2ng."
        ),
    ),
    (  # TCVN3 headings were typed in .VnTimeH, which draws the small-letter codes as capitals
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        b"C\xe9NG H\xdfA X\xb7 H\xe9I CH\xf1 NGH\xdcA VI\xd6T NAM",
        b"CO\xc4NG HO\xd8A XA\xd5 HO\xc4I CHU\xdb NGH\xd3A VIE\xc4T NAM",
    ),
    (
        "Độc lập - Tự do - Hạnh phúc",
        b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c",
        b"\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c",
    ),
]
SENTENCE_IDS = [s[0][:24] for s in SENTENCES]


@pytest.mark.parametrize(("expected", "raw", "_vni"), SENTENCES, ids=SENTENCE_IDS)
def test_tcvn3_sentence_pasted_from_vntime_comes_back_as_exact_unicode(expected, raw, _vni):
    pasted = paste(raw)
    assert detect(pasted) == "tcvn3"
    result = normalize_pasted(pasted)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(("expected", "_tcvn3", "raw"), SENTENCES, ids=SENTENCE_IDS)
def test_vni_sentence_pasted_from_vni_times_comes_back_as_exact_unicode(expected, _tcvn3, raw):
    pasted = paste(raw)
    assert detect(pasted) == "vni"
    result = normalize_pasted(pasted)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(("text", "tcvn3", "vni"), SENTENCES, ids=SENTENCE_IDS)
def test_the_test_encoders_produce_the_sentence_bytes(text, tcvn3, vni):
    assert tcvn3_bytes(text) == tcvn3
    assert vni_bytes(text) == vni


def test_the_examples_clerks_see_are_recognised():
    assert paste(b"Ch\xad\xacng tr\xd7nh") == "Ch\xad¬ng tr×nh"
    assert to_unicode("Ch−¬ng tr×nh") == "Chương trình"  # ư as U+2212 MINUS SIGN (from PDFs)
    assert to_unicode(paste(b"Ch\xad\xacng tr\xd7nh")) == "Chương trình"  # ư as U+00AD soft hyphen
    assert to_unicode("Vieät Nam") == "Việt Nam"
    assert detect("Ch−¬ng tr×nh") == "tcvn3"
    assert detect("Vieät Nam") == "vni"


def test_every_vietnamese_letter_survives_each_encoding():
    small = "aàảãáạăằẳẵắặâầẩẫấậđeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ"
    letters = small + small.upper()
    assert to_unicode(paste(vni_bytes(letters)), "vni") == letters
    # TCVN3 (VN3) has no codes for toned capitals: they come back small; untoned ones survive.
    expected = "".join(c.lower() if _split_tone(c)[1] is not None else c for c in letters)
    assert to_unicode(paste(tcvn3_bytes(letters)), "tcvn3") == expected


def test_vntimeh_heading_lines_come_back_in_capitals():
    for heading in ("BÁO CÁO TÓM TẮT", "SỞ LAO ĐỘNG – TB&XH TỈNH ĐẮK NÔNG", "III. ĐÁNH GIÁ CHUNG"):
        assert to_unicode(paste(tcvn3_bytes(heading))) == heading


def test_capital_words_in_a_tcvn3_sentence_come_back_in_capitals_and_the_rest_unchanged():
    text = "Ông NGUYỄN VĂN BÌNH, Trưởng phòng LĐTBXH huyện, về TP.Hồ Chí Minh ngày 18/01."
    assert to_unicode(paste(tcvn3_bytes(text))) == text


def test_a_toned_capital_inside_a_mixed_case_word_cannot_survive_tcvn3():
    # .VnTime has no code for Ủ: the typist's "Ủy" was stored with the code of "ủ".
    pasted = paste(tcvn3_bytes("Một số cấp Ủy đảng còn thiếu sự quan tâm."))
    assert to_unicode(pasted) == "Một số cấp ủy đảng còn thiếu sự quan tâm."


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        ("HuyÖn C\xad Jót cã 3 x·", "Huyện Cư Jút có 3 xã"),  # Jút is no Vietnamese syllable
        ("Trong ®ã sè", "Trong đó số"),
        ("tr×nh", "trình"),
        ("Vieäc, cô quan", "Việc, cơ quan"),
        ("caù nhaân", "cá nhân"),  # "caù" would be Unicode "cau" with a misplaced tone
    ],
)
def test_short_pastes_with_one_telling_word_are_recognised(pasted, expected):
    assert to_unicode(pasted) == expected


def test_tcvn3_sentence_among_english_words_numbers_and_punctuation_is_converted_completely():
    text = "Report (2023): “Kết quả thực hiện” – đạt 212,27% kế hoạch; see page 5 … OK."
    pasted = paste(tcvn3_bytes(text))
    assert detect(pasted) == "tcvn3"
    assert to_unicode(pasted) == text


def test_unicode_paragraph_next_to_a_tcvn3_paragraph_is_kept_and_the_tcvn3_one_converted():
    unicode_part = PARAGRAPHS[4]  # holds á ã à …, which TCVN3 decoding would change
    legacy_part = "Giải quyết trợ cấp thất nghiệp cho 2.586 người với tổng số tiền chi trợ cấp."
    text = f"{unicode_part}\n{paste(tcvn3_bytes(legacy_part))}\n"
    assert detect(text) == "tcvn3"
    assert normalize_pasted(text) == f"{unicode_part}\n{legacy_part}\n"


def test_undefined_cp1252_bytes_arrive_as_c1_controls_and_pass_through_unharmed():
    raw = tcvn3_bytes("Thương binh và xã hội") + b" \x81\x8d\x8f\x90\x9d"
    pasted = paste(raw)
    assert pasted.endswith(" \x81\x8d\x8f\x90\x9d")
    assert detect(pasted) == "tcvn3"
    assert to_unicode(pasted) == "Thương binh và xã hội \x81\x8d\x8f\x90\x9d"


@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=range(len(PARAGRAPHS)))
def test_every_paragraph_of_the_real_report_is_left_exactly_as_typed(paragraph):
    assert detect(paragraph) is None
    assert to_unicode(paragraph) == paragraph
    assert normalize_pasted(paragraph) == paragraph


def test_the_whole_real_report_pasted_at_once_is_left_exactly_as_typed():
    text = REPORT.read_text(encoding="utf-8")
    assert detect(text) is None
    assert normalize_pasted(text) == text


def test_unicode_vietnamese_words_made_only_of_latin1_letters_are_not_mistaken_for_legacy():
    # à á â ã è é ê ì í ò ó ô õ ù ú ý are legacy codes too; without ă đ ơ ư ạ … nothing shows
    # that these words are Unicode, so only their being real Vietnamese syllables protects them.
    words = sorted(
        {w for p in PARAGRAPHS for w in p.split() if not w.isascii() and all(ord(c) < 0x100 for c in w)}
    )
    assert len(words) > 100
    for paragraph in PARAGRAPHS:
        kept = " ".join(w for w in paragraph.split() if all(ord(c) < 0x100 for c in w))
        assert detect(kept) is None, kept
    rng = random.Random(2023)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 15)))
        assert detect(text) is None, text
        assert to_unicode(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Annual report 2023: 18,498 jobs (101.64% of plan); budget 37,774,519,980 VND.",
        "“Quoted” and ‘single’ – en dash — em dash … ellipsis € 50 © 2024 ® ™ • bullet",
        "Prices: £100, ¥3000, ¢25; 37 °C ± 0.5; 3 × 4 ÷ 2; § 12 ¶ 3; « guillemets »; µg; ½; ¼.",
        "Nous sommes allés à l'école où nous étions déjà ; voilà, c'est très bien près de la fenêtre.",
        "Die Größe der Tür ist für mich schön. Über den Fluß fährt ein Mädchen; Käse und Öl.",
        "El niño comió más pan. ¿Dónde está el baño? Sí, aquí. José y María viven en Perú.",
        "Não sei se você pode vir amanhã; a situação é difícil, mas as informações estão aqui.",
        "Jeg går på arbejde, og så kommer jeg hjem. Blåbær og rødgrød med fløde. Ærø er en ø.",
        "Smörgåsbord, naïve, résumé, fiancée, jalapeño, piñata, Zoë, Noël, Björk, Ångström, Æsir.",
        "PM2.5 particles (≤ 2.5 µm), 10 µg/m³; Swedish sång; infor\xadmation with soft hyphens.",
        "particle size 2.5 µm",  # "µm" would read "àm", but µ after no letter is just micro
        "Så sång",  # "sồ sồng" are syllables, but å after a consonant is ordinary Swedish
        "Cà phê có giá", "CÀ PHÊ", "Lê Văn Tám", "Hà Nội", "Nguyên nhân", "ý kiến",
    ],
)  # fmt: skip
def test_english_numbers_punctuation_and_other_languages_are_not_legacy(text):
    assert detect(text) is None
    assert to_unicode(text) == text


def test_decomposed_vietnamese_is_composed_to_nfc_and_never_converted():
    for paragraph in PARAGRAPHS:
        decomposed = unicodedata.normalize("NFD", paragraph)
        assert detect(decomposed) is None
        assert normalize_pasted(decomposed) == paragraph


def _tcvn3_can_carry(paragraph: str) -> bool:
    """False when a mixed-case word holds a toned capital (VN3 has no code for it)."""
    return not any(
        any(c.islower() for c in word) and any(_split_tone(c)[1] is not None and c.isupper() for c in word)
        for word in paragraph.split()
    )


@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=range(len(PARAGRAPHS)))
def test_every_report_paragraph_typed_in_tcvn3_comes_back_exactly(paragraph):
    if not _tcvn3_can_carry(paragraph):
        pytest.skip("TCVN3 (VN3) has no code for a toned capital inside a mixed-case word")
    pasted = paste(tcvn3_bytes(paragraph))
    assert detect(pasted) == "tcvn3"
    assert to_unicode(pasted) == paragraph


@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=range(len(PARAGRAPHS)))
def test_every_report_paragraph_typed_in_vni_comes_back_exactly(paragraph):
    pasted = paste(vni_bytes(paragraph))
    assert detect(pasted) == "vni"
    assert to_unicode(pasted) == paragraph


def test_only_the_one_mixed_case_toned_capital_of_the_report_is_lost_in_tcvn3():
    assert sum(not _tcvn3_can_carry(p) for p in PARAGRAPHS) == 1
    text = REPORT.read_text(encoding="utf-8")
    assert to_unicode(paste(tcvn3_bytes(text))) == text.replace("cấp Ủy", "cấp ủy")
    assert to_unicode(paste(vni_bytes(text))) == text


def test_tcvn3_text_is_not_taken_for_vni_and_vni_text_not_for_tcvn3():
    text = "\n".join(PARAGRAPHS[:12])
    assert detect(paste(tcvn3_bytes(text))) == "tcvn3"
    assert detect(paste(vni_bytes(text))) == "vni"


def test_explicit_encoding_converts_without_detecting_but_spares_unicode_lines():
    assert to_unicode("cã", "tcvn3") == "có"  # too little evidence to detect, but asked for
    assert detect("coù") is None  # only letters correct text also has: too weak to convert alone
    assert to_unicode("coù", "vni") == "có"
    assert to_unicode("Hợp tác xã", "tcvn3") == "Hợp tác xã"  # ợ: already Unicode, á is kept


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="tcvn3"):
        to_unicode("abc", "viscii")
