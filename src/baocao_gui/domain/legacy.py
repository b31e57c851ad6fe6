"""Recognise text typed in legacy 8-bit Vietnamese encodings and turn it back into Unicode (NFC).

Text typed with the old TCVN3 (ABC, TCVN 5712:1993 VN3; fonts .VnTime/.VnTimeH) or VNI Windows
(fonts VNI-Times) fonts reaches the clipboard as the Windows-1252 character of every byte: TCVN3
"Chương trình" arrives as "Ch−¬ng tr×nh" (ư may also arrive as U+00AD or, out of PDFs, U+2212)
and VNI "Việt Nam" as "Vieät Nam".

How detect() decides -- a clerk's correct text must never be "converted", so a miss beats a false hit:

1. Lines holding a letter only Unicode can produce (ă đ ĩ ũ ơ ư, U+1EA0-U+1EF9 or a combining mark,
   i.e. NFD) are real Unicode: they are left out of the evidence and are never converted.
2. In the other lines every word holding a non-ASCII character is decoded with each encoding and
   checked against the shape of a Vietnamese syllable (initial consonant, vowel cluster, final,
   at most one tone, -c/-ch/-k/-p/-t only with the sắc or nặng tone).  A word is evidence *for*
   the encoding only if it is not a syllable as pasted and becomes one when decoded; a word that
   is already a syllable (correct "Cà phê có giá" -- à ê ó á are legacy bytes too) is neutral;
   a word that is not a syllable either way (Zürich, façade) is evidence *against*.
3. An encoding is chosen only when the words for it make up at least half of the scored words
   and outnumber those against it more than twice, when one of the words for it holds something
   no Latin-script language writes inside a word ("tr×nh", "tiªu", "ViÖt", "Vieät"; not Swedish
   "sång"), and when the text holds one of the encoding's distinctive characters (codes that are
   not Vietnamese letters in Unicode) unless every scored word speaks for it.  Single letters and
   vowel-less abbreviations (H§ND) are not scored.

TCVN3 (VN3) has no codes for toned capitals: .VnTimeH draws the lowercase codes as capitals.
Words with two or more ASCII capitals, no ASCII lowercase letter and a lowercase code ("B¸O C¸O"),
and whole lines without ASCII lowercase that hold such a word, are therefore upper-cased.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Fragment", "detect", "fragments", "normalize_pasted", "to_unicode"]

# TCVN 5712:1993 VN3, byte -> letter.  Derived from the TCVN3 table of Unikey's VnConv
# (vn-input/ibus-unikey ukengine/data.cpp) and checked against libiconv (koron/libiconv
# lib/tcvn.h), xvnkb (lamdao/xvnkb tcvn.h), VBKey (khiemdoan/VBKey Modules/mdlCodeTable.bas) and
# duydev/vietnamese-conversion src/charsets.ts: all five agree on every code below.  Where they
# disagree: libiconv and xvnkb implement VN1, which also puts toned capitals in 0x01-0x17,
# 0x80-0x9F and the VN3 holes (0xAF, 0xBA, 0xBF-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0, 0xFF) and
# combining tones in 0xB0-0xB4; .VnTime documents use 0x80-0x9F for cp1252 punctuation (“ ” – …)
# and the holes are empty, so we follow VN3 (Unikey, VBKey) and leave all of those unchanged.
# duydev writes toned capitals as a base letter + lowercase code ("Aµ" for À); no font does, so
# we read such a pair as the two letters it shows.
_TCVN3_CODES = bytes.fromhex(  # fromhex() skips the spaces
    "a1a2a3a4a5a6a7 a8a9aaabacadae"  # capitals, then small letters, without tone
    "b5b6b7b8b9 bbbcbdbec6 c7c8c9cacb"  # a ă â, each huyền hỏi ngã sắc nặng
    "cccecfd0d1 d2d3d4d5d6 d7d8dcddde"  # e ê i
    "dfe1e2e3e4 e5e6e7e8e9 eaebecedee"  # o ô ơ
    "eff1f2f3f4 f5f6f7f8f9 fafbfcfdfe"  # u ư y
).decode("latin-1")  # cp1252 and Latin-1 agree on 0xA0-0xFF
_TCVN3_LETTERS = (
    "ĂÂÊÔƠƯĐăâêôơưđ"  # row by row as the codes above
    "àảãáạằẳẵắặầẩẫấậ"
    "èẻẽéẹềểễếệìỉĩíị"
    "òỏõóọồổỗốộờởỡớợ"
    "ùủũúụừửữứựỳỷỹýỵ"
)
_TCVN3 = dict(zip(_TCVN3_CODES, _TCVN3_LETTERS, strict=True))
_TCVN3["\u2212"] = "ư"  # ư is 0xAD (soft hyphen); out of PDFs and some copies it is MINUS SIGN
_TCVN3_TABLE = str.maketrans(_TCVN3)
_TCVN3_LOWER = frozenset(code for code, letter in _TCVN3.items() if letter.islower())

# VNI Windows: a base letter followed by a mark byte, or one byte for đ ơ ư and some i/y forms.
# Columns: letter, then plain, sắc, huyền, hỏi, ngã, nặng; capitals are the upper case of both.
# Derived from Unikey's VnConv VNI-WIN table (vn-input/ibus-unikey ukengine/data.cpp), checked
# against xvnkb (lamdao/xvnkb vni.h) and VBKey (khiemdoan/VBKey Modules/mdlCodeTable.bas): all
# three agree on all 134 letters.  duydev/vietnamese-conversion (src/charsets.ts) gives ỷ/ỹ as
# "ë"/"ì" -- ë is already ặ's mark and ì is ì -- so we follow the three others ("yû", "yõ").
_VNI_ROWS = """\
a a aù aø aû aõ aï|ă aê aé aè aú aü aë|â aâ aá aà aå aã aä|e e eù eø eû eõ eï|ê eâ eá eà eå eã eä
i i í ì æ ó ò|o o où oø oû oõ oï|ô oâ oá oà oå oã oä|ơ ô ôù ôø ôû ôõ ôï|u u uù uø uû uõ uï
ư ö öù öø öû öõ öï|y y yù yø yû yõ î|đ ñ"""
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc huyền hỏi ngã nặng


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in re.split(r"[|\n]", _VNI_ROWS):
        base, *codes = row.split()
        for tone, code in zip(_TONES, codes, strict=False):
            letter = unicodedata.normalize("NFC", base + tone)
            for c, u in ((code, letter), (code.upper(), letter.upper())):
                if c != u:
                    table[c] = u
                    if len(c) == 2:  # tolerate a mark typed in the other case: "Aù", "aÙ"
                        table[c[0] + c[1].swapcase()] = u
    return table


_VNI = _vni_table()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

# Codes that are not letters of correct Vietnamese text; without any, every scored word must count.
_VIET_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_DISTINCTIVE = {
    "tcvn3": frozenset(_TCVN3) - _VIET_LATIN1,
    "vni": frozenset("".join(_VNI)) - _VIET_LATIN1 - frozenset("aeiouyAEIOUY"),
}
_UNICODE_VIET = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9\u0300-\u036f]")
_SYMBOLS = "".join(sorted(c for c in _TCVN3 if not c.isalpha()))
_WORD = re.compile(rf"(?:[^\W\d_]|[{re.escape(_SYMBOLS)}])+")
_VOWEL = re.compile("[aeiouyAEIOUY]")  # searched in NFD, where ư is u + horn
# What no Latin-script language writes inside a word: a TCVN3 symbol code, ª or µ after a letter
# ("5 µm" is fine) or a capital after a small letter ("tr×nh", "tiªu", "ViÖt"), or a VNI mark
# after a vowel ("Vieät").
_ODD = {
    "tcvn3": re.compile(rf"[{re.escape(_SYMBOLS)}]|[A-Za-z][ªµ]|[a-z][À-Þ]"),
    "vni": re.compile("[aeiouyôöAEIOUYÔÖ][ùøûõïâáàåãäêéèúüëôÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜËÔ]"),
}

# Initial consonant, vowel cluster (with the glides i/y/o/u that close it) and final consonant.
_SYLLABLE = re.compile(
    "(?:ngh|ng|gh|gi|ch|kh|nh|ph|qu|th|tr|[bcdđghklmnrstvx])?"
    "(a|ai|ao|au|ay|ă|â|âu|ây|e|eo|ê|êu|i|ia|iu|iê|iêu|o|oa|oai|oao|oay|oă|oe|oeo|oi|oo|ô|ôi|ơ|ơi"
    "|u|ua|uâ|uây|uê|ui|uô|uôi|uơ|uy|uya|uyê|uyu|ư|ưa|ưi|ưu|ươ|ươi|ươu|y|yê|yêu)"
    "(ch|ng|nh|[cmnptk])?"
)


def _tone_slots(vowels: str, closed: bool) -> set[int]:
    """Where the tone may sit in a vowel cluster (old "hóa" and new "hoá" style both allowed)."""
    marked = [i for i, c in enumerate(vowels) if c in "ăâêôơư"]
    if marked:
        return {marked[-1]}
    if len(vowels) == 1 or closed:
        return {len(vowels) - 1}
    if vowels in ("oa", "oe", "uy"):
        return {0, 1}
    return {1} if len(vowels) == 3 else {0}


def _is_syllable(word: str) -> bool:
    """True when ``word`` (NFC) has the shape of one Vietnamese syllable, in any case."""
    base, tones = "", []
    for i, ch in enumerate(word.lower()):
        decomposed = unicodedata.normalize("NFD", ch)
        tones += [(i, c) for c in decomposed if c in _TONES[1:]]
        base += unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES[1:]))
    m = _SYLLABLE.fullmatch(base)
    if len(tones) > 1 or len(base) != len(word) or not m:
        return False
    tone = tones[0][1] if tones else ""
    if m.group(2) in ("c", "ch", "k", "p", "t") and tone not in ("\u0301", "\u0323"):
        return False  # stop finals take only the sắc or nặng tone
    return not tones or tones[0][0] - m.start(1) in _tone_slots(m.group(1), bool(m.group(2)))


def _decode_vni(line: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI[m.group()], line)


def _decode_tcvn3(line: str) -> str:
    """Decode one line; restore the capitals of words and lines typed in .VnTimeH."""
    decoded = line.translate(_TCVN3_TABLE)  # one character for one, so spans stay aligned
    whole_line = not re.search("[a-z]", line)
    pieces, last, found = [], 0, False
    for m in _WORD.finditer(line):
        word = m.group()
        capitals = sum("A" <= c <= "Z" for c in word)
        if (capitals >= 2 or whole_line) and not re.search("[a-z]", word) and _TCVN3_LOWER & set(word):
            found = found or capitals >= 2
            pieces += [decoded[last : m.start()], decoded[m.start() : m.end()].upper()]
            last = m.end()
    return "".join(pieces) + decoded[last:] if found else decoded


_DECODERS = {"tcvn3": _decode_tcvn3, "vni": _decode_vni}
_WORD_DECODERS = {"tcvn3": lambda w: w.translate(_TCVN3_TABLE), "vni": _decode_vni}


def _legacy_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not _UNICODE_VIET.search(line))


def _evidence(sample: str, encoding: str) -> tuple[int, int, int, int]:
    """(for, neutral, against, odd words for) over the words of ``sample``."""
    decode, odd_pattern = _WORD_DECODERS[encoding], _ODD[encoding]
    pos = neutral = neg = odd = 0
    for word in _WORD.findall(sample):
        if word.isascii():
            continue
        decoded = decode(word)
        if len(decoded) < 2 or not _VOWEL.search(unicodedata.normalize("NFD", decoded)):
            continue
        if not _is_syllable(decoded):
            neg += 1
        elif _is_syllable(word):
            neutral += 1
        else:
            pos, odd = pos + 1, odd + bool(odd_pattern.search(word))
    return pos, neutral, neg, odd


def detect(text: str) -> str | None:
    """Return "tcvn3" or "vni" when ``text`` is a paste of legacy-encoded Vietnamese, else None."""
    sample = _legacy_lines(unicodedata.normalize("NFC", text))
    best, best_margin = None, 0
    for encoding in ("tcvn3", "vni"):
        pos, neutral, neg, odd = _evidence(sample, encoding)
        if not any(c in _DISTINCTIVE[encoding] for c in sample) and (pos < 2 or neutral or neg):
            continue  # without a distinctive code every scored word must speak for the encoding
        if odd and 2 * pos >= pos + neutral + neg and pos >= 2 * neg + 1:
            if pos - neg > best_margin:
                best, best_margin = encoding, pos - neg
            elif pos - neg == best_margin:
                best = None  # both fit equally well: do not guess
    return best


@dataclass(frozen=True)
class Fragment:
    """A run of legacy-encoded words inside a line that also holds Unicode Vietnamese."""

    start: int
    end: int
    encoding: str
    text: str  # as pasted: "tØnh §¾k N«ng"


_DISTINCTIVE_RE = {enc: re.compile("[" + re.escape("".join(sorted(chars))) + "]") for enc, chars in _DISTINCTIVE.items()}


def _fragment_runs(line: str, encoding: str) -> list[tuple[int, int, int, int]]:
    """(start, end, words for, odd words) of each run of words that speak for ``encoding``: a run starts and
    ends with such a word and holds no Unicode-only letter; plain words may sit inside it."""
    decode, odd_pattern = _WORD_DECODERS[encoding], _ODD[encoding]
    runs: list[tuple[int, int, int, int]] = []
    current: list[int] | None = None  # [start, end, for, odd]
    for m in _WORD.finditer(line):
        word = m.group()
        if _UNICODE_VIET.search(word):
            current = None  # a Unicode word ends a run
            continue
        decoded = decode(word)
        speaks = (not word.isascii() and len(decoded) >= 2 and _VOWEL.search(unicodedata.normalize("NFD", decoded))
                  and _is_syllable(decoded) and not _is_syllable(word))
        if speaks:
            odd = bool(odd_pattern.search(word))
            if current is None:
                current = [m.start(), m.end(), 1, int(odd)]
                runs.append(current)  # type: ignore[arg-type]
            else:
                current[1], current[2], current[3] = m.end(), current[2] + 1, current[3] + odd
        elif current is not None and not word.isascii() and not _is_syllable(decoded):
            current = None  # a word that is no syllable either way (Zürich) is not legacy text
    return [tuple(r) for r in runs]  # type: ignore[misc]


def fragments(text: str) -> list[Fragment]:
    """Legacy fragments inside lines that hold Unicode Vietnamese ("Ủy ban nhân dân tØnh §¾k N«ng"), word by
    word. A run counts when two or more of its words decode to Vietnamese syllables that they are not as
    pasted, one of them holding what no Latin-script word holds ("tØnh", "§¾k"), in a line holding one of the
    encoding's distinctive codes; lines without Unicode Vietnamese are detect()'s."""
    text = unicodedata.normalize("NFC", text)
    found: list[Fragment] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if _UNICODE_VIET.search(line):
            best: list[Fragment] = []
            for encoding in ("tcvn3", "vni"):
                if not _DISTINCTIVE_RE[encoding].search(line):
                    continue  # no code that is not a letter of correct Vietnamese: nothing to look for (fast)
                runs = [Fragment(a, b, encoding, line[a:b]) for a, b, n, odd in _fragment_runs(line, encoding)
                        if n >= 2 and odd]
                if len(runs) > len(best):
                    best = runs
            found += [Fragment(f.start + offset, f.end + offset, f.encoding, f.text) for f in best]
        offset += len(line)
    return found


def _convert_fragments(text: str, encoding: str | None = None) -> str:
    pieces, last = [], 0
    for f in fragments(text):
        if encoding is not None and f.encoding != encoding:
            continue
        pieces += [text[last:f.start], _DECODERS[f.encoding](f.text)]
        last = f.end
    return "".join(pieces) + text[last:]


def to_unicode(text: str, encoding: str | None = None) -> str:
    """Convert legacy-encoded ``text`` to NFC Unicode; ``encoding`` None means detect() it.

    Text that is not legacy is returned NFC-normalised.  In lines that already hold Vietnamese
    Unicode letters only the legacy fragments (``fragments``) are converted, word by word.
    """
    if encoding is not None and encoding not in _DECODERS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected 'tcvn3' or 'vni'")
    text = unicodedata.normalize("NFC", text)
    if fragments(text):
        text = unicodedata.normalize("NFC", _convert_fragments(text, encoding))
    encoding = encoding or detect(text)
    if encoding is None:
        return text
    decode = _DECODERS[encoding]
    lines = text.splitlines(keepends=True)
    out = "".join(line if _UNICODE_VIET.search(line) else decode(line) for line in lines)
    return unicodedata.normalize("NFC", out)


def normalize_pasted(text: str) -> str:
    """What the window does to pasted text: legacy TCVN3/VNI -> Unicode, then NFC."""
    return to_unicode(text)
