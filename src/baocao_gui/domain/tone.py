"""Where the tone mark sits in "oa", "oe", "uy": the old style (hòa, khỏe, thủy) or the new (hoà, khoẻ, thuỷ).

Vietnamese is written both ways today; a report pasted together from several offices mixes them, which a careful
reader sees. The two styles differ only in an open syllable whose rhyme is "oa", "oe" or "uy" with nothing after
it: the old style puts the tone on the first vowel, the new on the second ("hòa"/"hoà", "ủy"/"uỷ"). Everywhere
else both styles agree: with a final consonant or vowel the tone is on the second vowel in both ("hoàng", "huýt",
"khoét", "xoáy"), and after "qu" the "u" belongs to the onset, so "quý", "quả", "què" are written alike.

Sources (checked 2026-12): Wikipedia, “Quy tắc đặt dấu thanh của chữ Quốc ngữ” (mirror:
https://kampuspedia.com/vi/Quy_t%E1%BA%AFc_%C4%91%E1%BA%B7t_d%E1%BA%A5u_thanh_c%E1%BB%A7a_ch%E1%BB%AF_Qu%E1%BB%91c_ng%E1%BB%AF):
the table of the cases where "kiểu cũ" and "kiểu mới" differ, "gi" and "qu" taken as onsets;
Launchpad's Vietnamese translators' convention (https://help.launchpad.net/Translations/Vietnamese/Spelling): the
old style, "hòa/hoà, hủy/huỷ", the tone on the last vowel when there is a final consonant, "qu" and "gi" onsets;
https://lehboi.github.io/kinh-nghiem/chu-viet/ghi-dau-thanh-1: the new style, "Hoà, Hoè, Huỷ, Hoàn, Loét, Huýt"
and "Giá, Quả, Quạu, Quẹo".

Pure functions on NFC text; the tone marks are moved as combining characters, so the letters' case is kept.
"""

from __future__ import annotations

import functools
import re
import unicodedata

OLD, NEW = "old", "new"
STYLES = (OLD, NEW)
STYLE_NAMES = {OLD: "kiểu cũ (hòa, khỏe, thủy)", NEW: "kiểu mới (hoà, khoẻ, thuỷ)"}

# huyền, sắc, ngã, hỏi, nặng as combining characters (NFD)
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
PAIRS = (("o", "a"), ("o", "e"), ("u", "y"))  # the rhymes written both ways, when nothing follows them
# the onsets of Vietnamese syllables (without "qu", whose "u" is not the rhyme's, and "gi": no "gioa", "giuy")
ONSETS = frozenset({"", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
                    "ph", "r", "s", "t", "th", "tr", "v", "x"})
WORD = re.compile(r"[^\W\d_]+")


def _letters(word: str) -> list[tuple[str, str]]:
    """The word as (base letter, its combining marks), from its canonical decomposition."""
    out: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and out:
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((ch, ""))
    return out


def _split(word: str) -> tuple[list[tuple[str, str]], int] | None:
    """The letters and the index of the tone-bearing vowel pair when ``word`` is a syllable whose rhyme is
    oa/oe/uy with nothing after it, else None."""
    letters = _letters(word)
    if len(letters) < 2:
        return None
    (v1, m1), (v2, m2) = letters[-2], letters[-1]
    if (v1.lower(), v2.lower()) not in PAIRS or set(m1 + m2) - TONES or len(m1 + m2) > 1:
        return None  # another mark (ô, ơ, ê, ă…) makes it another rhyme
    onset = "".join(b for b, _ in letters[:-2]).lower()
    if onset not in ONSETS or any(m for _, m in letters[:-2] if m and onset != "đ"):
        return None
    return letters, len(letters) - 2


def word_style(word: str) -> str | None:
    """OLD for "hòa", "thủy", "Ủy"; NEW for "hoà", "thuỷ", "Uỷ"; None for a word where the styles agree or
    that carries no tone ("hoa", "quý", "hoàng")."""
    found = _split(word)
    if found is None:
        return None
    letters, i = found
    if letters[i][1]:
        return OLD
    if letters[i + 1][1]:
        return NEW
    return None


def word_in_style(word: str, style: str) -> str:
    """``word`` with its tone where ``style`` puts it ("hòa" → "hoà" for NEW); any other word unchanged."""
    found = _split(word)
    if found is None:
        return word
    letters, i = found
    tone = letters[i][1] or letters[i + 1][1]
    if not tone:
        return word
    first, second = (tone, "") if style == OLD else ("", tone)
    letters[i], letters[i + 1] = (letters[i][0], first), (letters[i + 1][0], second)
    return unicodedata.normalize("NFC", "".join(b + m for b, m in letters))


@functools.lru_cache(maxsize=50_000)
def styled_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, style) for each word of ``text`` written in one style only (the check runs as the clerk types:
    computed once per text)."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for match in WORD.finditer(text):
        style = word_style(match.group(0))
        if style is not None:
            out.append((match.group(0), style))
    return tuple(out)


def in_style(text: str, style: str) -> str:
    """``text`` (NFC) with every oa/oe/uy word written in ``style``; nothing else changes."""
    text = unicodedata.normalize("NFC", text)
    if style not in STYLES or not styled_words(text):
        return text
    return WORD.sub(lambda m: word_in_style(m.group(0), style), text)


__all__ = ["NEW", "OLD", "STYLES", "STYLE_NAMES", "in_style", "styled_words", "word_in_style", "word_style"]
